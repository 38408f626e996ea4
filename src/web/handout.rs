//! The browser side of the hand-out screen (`#/handout`): the app's own files
//! fetched next to the page, the finished copy offered as a download, and
//! the time stamp for the zip. What is put together is `lms::handout`.
//! Every failure comes back as a plain-words reason; nothing here panics.
//!
//! A few browser calls go through `Reflect` and `Function.call` instead of
//! their typed web-sys bindings: every wasm-bindgen import lives in the app's
//! main module, so each new binding would grow the first load of every
//! trainee for a screen only trainers open (see `call`).

use crate::lms::zip_writer::DosTime;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// `object[name]`, through `Reflect` (already imported by the main module).
fn property(object: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &name.into()).ok()
}

/// `object.method()`, through `Reflect` and `Function.call`, both already
/// imported by the main module (see the module's note).
fn call(object: &JsValue, method: &str) -> Option<JsValue> {
    let function = property(object, method).filter(JsValue::is_function)?;
    function
        .unchecked_into::<js_sys::Function>()
        .call0(object)
        .ok()
}

/// The response for `url` (relative to the page), if it came and is not an error.
async fn fetch(url: &str) -> Result<web_sys::Response, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| format!("{url}: no connection"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{url}: not a response"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    Ok(response)
}

/// A text file of the app, e.g. `handout/app-files.json`.
pub async fn text(url: &str) -> Result<String, String> {
    let body = fetch(url)
        .await?
        .text()
        .map_err(|_| format!("{url}: unreadable"))?;
    JsFuture::from(body)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{url}: unreadable"))
}

/// Any file of the app, as bytes.
pub async fn bytes(url: &str) -> Result<Vec<u8>, String> {
    let response = fetch(url).await?;
    let body = call(&response, "arrayBuffer")
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or_else(|| format!("{url}: unreadable"))?;
    let buffer = JsFuture::from(body)
        .await
        .map_err(|_| format!("{url}: unreadable"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Whether the page was opened as a file (`file://`), where it cannot fetch
/// its own files: the single file on a USB stick.
pub fn opened_as_file() -> bool {
    web_sys::window()
        .and_then(|w| property(&w.location(), "protocol"))
        .and_then(|p| p.as_string())
        .is_some_and(|p| p == "file:")
}

/// Offers `bytes` as a download named `file_name` of type `mime`. The
/// object URL stays valid until the next download (a large file may still be
/// being saved when this returns), so at most one is kept.
pub fn download(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    thread_local! {
        static LAST_URL: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    }
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    // The same `new Blob(parts, options)` as the u8-array binding (both take
    // the parts as a `JsValue`), whose import the main module has already.
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not hold the file".to_string())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not offer the file".to_string())?;
    let link = leptos::prelude::document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or("the browser could not offer the file")?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    if let Some(previous) = LAST_URL.with(|last| last.replace(Some(url))) {
        let _ = web_sys::Url::revoke_object_url(&previous);
    }
    Ok(())
}

/// Now, as the zip's time stamp (local time, as zip tools show it).
pub fn now() -> DosTime {
    let date: JsValue = js_sys::Date::new_0().into();
    let part = |method| {
        call(&date, method)
            .and_then(|n| n.as_f64())
            .map_or(0, |n| n as u16)
    };
    let byte = |method| u8::try_from(part(method)).unwrap_or(0);
    DosTime::new(
        part("getFullYear"),
        byte("getMonth") + 1,
        byte("getDate"),
        byte("getHours"),
        byte("getMinutes"),
        byte("getSeconds"),
    )
}
