//! Entry point: mounts the app in the browser; natively it only explains.
//!
//! The Leptos UI lives in this binary, not in the library: its wasm-split
//! points (`ui::on_demand`) are exported symbols, and in the library they would
//! pull the whole UI into every other wasm binary (the import worker).

#[cfg(target_arch = "wasm32")]
mod ui;

#[cfg(target_arch = "wasm32")]
fn main() {
    ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "counterpart runs in the browser: use `./run` (see README.md); the scenario checker is `cargo run --bin counterpart-check -- scenarios/`"
    );
}
