//! Build script: links the app's wasm (bin `counterpart` only) with
//! `--emit-relocs`, which wasm-split-cli needs to cut it into chunks loaded on
//! demand (scripts/split-wasm.mjs). The import worker must not get them:
//! binaryen cannot optimise a module with a linking section.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bin=counterpart=--emit-relocs");
    }
}
