//! Links the app's wasm (bin `counterpart` only) with `--emit-relocs`, which
//! wasm-split-cli needs to cut it into chunks loaded on demand
//! (scripts/split-wasm.mjs); the import worker must not get them, since
//! binaryen cannot optimise a module with a linking section.

use std::env;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bin=counterpart=--emit-relocs");
    }
}
