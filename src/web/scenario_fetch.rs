//! Reads the compiled scenarios (`engine::compiled`) from the page's data
//! block `<script type="application/json" id="counterpart-scenarios">`, a map
//! of file name → content: the web build embeds the slim `files.json` there
//! (which file holds which scenario, so a deep link needs no index), the
//! single-file build every file (`file://` pages cannot fetch). A file not in
//! the block is fetched from `scenarios/` next to the page: a scenario, or
//! `index.json` with the cards, which only the screens that list scenarios
//! need (the page preloads it for them).
//!
//! A deep link's scenario is fetched before the wasm starts: the inline script
//! `counterpart-preload` (scripts/post-build.mjs) sets
//! `window.counterpartEarlyScenario = { file, text, done }`, where `text` is
//! the file once it has arrived and `done` the promise of it (null if the
//! fetch failed). The app takes the text at once if it is there (the first
//! screen is then the conversation, without a loading step), awaits `done`
//! if not, and fetches itself only if that failed.
//! Every failure comes back as a plain-words reason; nothing here panics.

use crate::engine::Scenario;
use crate::engine::compiled::{CompiledIndex, FileIndex, read_files, read_index, read_scenario};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The folder next to `index.html` that holds the compiled files.
pub const FOLDER: &str = "scenarios";

/// The files embedded in the page (index only, or all in the single file), read once.
fn embedded() -> Option<&'static BTreeMap<String, String>> {
    static EMBEDDED: std::sync::OnceLock<Option<BTreeMap<String, String>>> =
        std::sync::OnceLock::new();
    EMBEDDED
        .get_or_init(|| {
            let block = leptos::prelude::document().get_element_by_id("counterpart-scenarios")?;
            crate::engine::json::from_str(&block.text_content()?).ok()
        })
        .as_ref()
}

/// The page's early fetch of `file`, if it started one.
fn early(file: &str) -> Option<wasm_bindgen::JsValue> {
    let window = web_sys::window()?;
    let early = js_sys::Reflect::get(&window, &"counterpartEarlyScenario".into()).ok()?;
    let for_file = js_sys::Reflect::get(&early, &"file".into())
        .ok()?
        .as_string()?;
    (for_file == file).then_some(early)
}

/// The text of `file` if the page already has it: embedded, or fetched early.
fn text_now(file: &str) -> Option<String> {
    if let Some(text) = embedded().and_then(|files| files.get(file)) {
        return Some(text.clone());
    }
    js_sys::Reflect::get(&early(file)?, &"text".into())
        .ok()?
        .as_string()
}

/// The text of `file` (a name in `scenarios/`): embedded, fetched early, or fetched now.
pub async fn fetch_text(file: &str) -> Result<String, String> {
    if let Some(text) = text_now(file) {
        return Ok(text);
    }
    if let Some(done) = early(file)
        .and_then(|early| js_sys::Reflect::get(&early, &"done".into()).ok())
        .and_then(|done| done.dyn_into::<js_sys::Promise>().ok())
        && let Some(text) = JsFuture::from(done).await.ok().and_then(|t| t.as_string())
    {
        return Ok(text);
    }
    let window = web_sys::window().ok_or("no window")?;
    let url = format!("{FOLDER}/{file}");
    let response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|_| format!("{url}: no connection"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{url}: not a response"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = response.text().map_err(|_| format!("{url}: unreadable"))?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| format!("{url}: unreadable"))
}

/// Which files hold the shipped scenarios, from the page itself.
pub fn files() -> Result<FileIndex, String> {
    let text = embedded()
        .and_then(|files| files.get("files.json"))
        .ok_or("this page has no scenario list (it was not built with `trunk`)")?;
    read_files(text).map_err(|e| format!("files.json: {e}"))
}

/// The index with the shipped scenarios' cards.
pub async fn index() -> Result<CompiledIndex, String> {
    let text = fetch_text("index.json").await?;
    read_index(&text).map_err(|e| format!("index.json: {e}"))
}

/// One scenario, if the page already has its text (no waiting).
pub fn scenario_now(file: &str) -> Option<Result<Scenario, String>> {
    let text = text_now(file)?;
    Some(read_scenario(&text).map_err(|e| format!("{file}: {e}")))
}

/// One scenario, by the file name the index gives.
pub async fn scenario(file: &str) -> Result<Scenario, String> {
    let text = fetch_text(file).await?;
    read_scenario(&text).map_err(|e| format!("{file}: {e}"))
}
