//! `counterpart-import-check`: the Web Worker that checks imported scenario files
//! (`engine::import_check`). Trunk builds it as a worker next to the app; the
//! app starts it only when a trainer imports a file or has imported ones, so
//! the TOML parser never weighs on the first load. Native builds: nothing.

#[cfg(target_arch = "wasm32")]
fn main() {
    use counterpart::engine::import_check::{READY, answer};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let request = event.data().as_string().unwrap_or_default();
        let _ = reply_scope.post_message(&answer(&request).into());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as its one handler: keep it.
    on_message.forget();
    // Messages sent before the handler existed would be lost, so the page
    // waits for this before it sends its request.
    let _ = scope.post_message(&READY.into());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("counterpart-import-check is a Web Worker; it runs only in the browser.");
}
