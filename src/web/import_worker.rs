//! Runs the import check (`engine::import_check`) in the `counterpart-import-check`
//! Web Worker: one worker per call, ended after its answer. Import is rare, so
//! a fresh worker (its wasm cached after the first time) beats keeping one.
//! The single-file build carries the worker's source in a
//! `<script type="text/plain" id="counterpart-import-check-worker">` block and
//! starts it from a Blob, because `file://` pages cannot start worker files.

use crate::engine::import_check::{ImportFile, ImportVerdict, READY, read_answer, request};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// The worker's loader next to `index.html` (written by Trunk).
const WORKER_URL: &str = "counterpart-import-check_loader.js";

fn start_worker() -> Result<Worker, String> {
    let embedded = leptos::prelude::document()
        .get_element_by_id("counterpart-import-check-worker")
        .and_then(|block| block.text_content());
    let Some(source) = embedded else {
        return Worker::new(WORKER_URL).map_err(|_| "the checker could not start".to_string());
    };
    let parts = js_sys::Array::of1(&source.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the checker could not be prepared".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the checker could not be prepared".to_string())?;
    let worker = Worker::new(&url).map_err(|_| "the checker could not start".to_string());
    let _ = web_sys::Url::revoke_object_url(&url);
    worker
}

/// Checks files in the worker; `Err` says in plain words why no check ran.
/// The request goes out when the worker says it is ready (see `READY`).
pub async fn check(files: Vec<ImportFile>) -> Result<Vec<ImportVerdict>, String> {
    let request = request(&files);
    let worker = start_worker()?;
    // The handlers must live until the answer; they are dropped with the worker.
    type Handler<T> = Rc<RefCell<Option<Closure<dyn FnMut(T)>>>>;
    let (on_message, on_error): (Handler<MessageEvent>, Handler<JsValue>) = Default::default();
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        let (sender, request, refuse) = (worker.clone(), request.clone(), reject.clone());
        let message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if data.as_string().as_deref() == Some(READY) {
                if sender.post_message(&request.clone().into()).is_err() {
                    let _ = refuse.call0(&JsValue::NULL);
                }
            } else {
                let _ = resolve.call1(&JsValue::NULL, &data);
            }
        });
        let error = Closure::<dyn FnMut(JsValue)>::new(move |_event: JsValue| {
            let _ = reject.call0(&JsValue::NULL);
        });
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        *on_message.borrow_mut() = Some(message);
        *on_error.borrow_mut() = Some(error);
    });
    let result = JsFuture::from(answer).await.ok();
    worker.terminate();
    drop((on_message, on_error));
    let text = result
        .and_then(|v| v.as_string())
        .ok_or_else(|| "the checker stopped without an answer".to_string())?;
    read_answer(&text).ok_or_else(|| "the checker's answer was unreadable".to_string())
}
