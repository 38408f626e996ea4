//! Entry point: mounts the app in the browser; natively it only explains.

#[cfg(target_arch = "wasm32")]
fn main() {
    counterpart::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "counterpart runs in the browser: use `./run` (see README.md); the scenario checker is `cargo run --bin counterpart-check -- scenarios/`"
    );
}
