//! Embeds every `scenarios/*.toml` into the native tools: writes a list of
//! `(file name, include_str!(…))` pairs that `catalog.rs` includes. And links
//! the app's wasm (bin `counterpart` only) with `--emit-relocs`, which
//! wasm-split-cli needs to cut it into chunks loaded on demand
//! (scripts/split-wasm.mjs); the import worker must not get them, since
//! binaryen cannot optimise a module with a linking section.

use std::{env, fs, path::Path};

fn main() {
    if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bin=counterpart=--emit-relocs");
    }
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("scenarios");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut code = String::from("&[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("]\n");
    let out =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("scenario_files.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
