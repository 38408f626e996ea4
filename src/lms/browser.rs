//! The few browser calls the xAPI code makes (`fetch`, sessionStorage,
//! random bytes), made through `Reflect` on plain JS values. Why: every
//! web-sys or js-sys binding adds an import to the main wasm module, and
//! imports cannot move into an on-demand chunk, so typed bindings used only
//! by the xAPI chunk would still grow every trainee's first download; these
//! calls reuse imports the app has anyway. Wasm only.

use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn global() -> JsValue {
    js_sys::global().into()
}

/// `target[key]`, undefined if it cannot be read.
pub fn get(target: &JsValue, key: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// `target.method(...args)`.
fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = get(target, method).dyn_into()?;
    function.apply(target, &args.iter().collect::<Array>())
}

async fn settled(promise: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(promise.dyn_into::<Promise>()?).await
}

/// One HTTP request; the status and body text, or `Err` when no answer came
/// (offline, connection lost, refused by CORS).
pub async fn fetch(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    keepalive: bool,
) -> Result<(u16, String), ()> {
    let init: JsValue = Object::new().into();
    set(&init, "method", &method.into());
    let header_object: JsValue = Object::new().into();
    for (name, value) in headers {
        set(&header_object, name, &(*value).into());
    }
    set(&init, "headers", &header_object);
    if let Some(body) = body {
        set(&init, "body", &body.into());
    }
    // Lets the last statements of a page that is closing still go out.
    if keepalive {
        set(&init, "keepalive", &JsValue::TRUE);
    }
    let pending = call(&global(), "fetch", &[url.into(), init]).map_err(|_| ())?;
    let response = settled(pending).await.map_err(|_| ())?;
    let status = get(&response, "status").as_f64().unwrap_or(0.0) as u16;
    let text = match call(&response, "text", &[]) {
        Ok(pending) => settled(pending)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok((status, text))
}

fn session_storage() -> JsValue {
    get(&global(), "sessionStorage")
}

/// sessionStorage: what this tab keeps until it is closed.
pub fn tab_item(key: &str) -> Option<String> {
    call(&session_storage(), "getItem", &[key.into()])
        .ok()
        .and_then(|v| v.as_string())
}

pub fn set_tab_item(key: &str, value: &str) {
    let _ = call(&session_storage(), "setItem", &[key.into(), value.into()]);
}

/// 16 random bytes from the browser's cryptographic generator (or, where
/// there is none, `Math.random`).
pub fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let array = Uint8Array::new_with_length(16);
    if call(
        &get(&global(), "crypto"),
        "getRandomValues",
        &[array.clone().into()],
    )
    .is_ok()
    {
        array.copy_to(&mut bytes);
    } else {
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}

/// The page's origin (`https://lms.example`).
pub fn origin() -> String {
    get(&get(&global(), "location"), "origin")
        .as_string()
        .unwrap_or_default()
}
