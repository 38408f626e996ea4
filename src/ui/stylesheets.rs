//! Stylesheets loaded with the screens that need them, so a deep link to a
//! conversation downloads only `style.css`: `screens.css` (library, debrief,
//! progress, settings, certificate, techniques), `author.css` (preview,
//! editor, hand-out) and `seminar.css` (facilitator view, class debrief). A screen's chunk waits for its sheets (`with_sheets`), so it is
//! never shown unstyled; a sheet that fails to load is given up on and the
//! screen shows anyway. The single-file build inlines the sheets in
//! `<style data-sheet="screens.css author.css seminar.css">`, which this sees
//! and skips.

use super::scenarios::LoadingScreen;
use leptos::wasm_bindgen::JsCast;
use std::cell::RefCell;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    Screens = 0,
    Author = 1,
    Seminar = 2,
}

impl Sheet {
    fn file(self) -> &'static str {
        match self {
            Sheet::Screens => "screens.css",
            Sheet::Author => "author.css",
            Sheet::Seminar => "seminar.css",
        }
    }
}

/// What the screens other than the conversation need.
pub const SCREENS: &[Sheet] = &[Sheet::Screens];
/// The author's screens use some of the others' styles too.
pub const AUTHOR: &[Sheet] = &[Sheet::Screens, Sheet::Author];
/// The seminar screens show debrief parts too.
pub const SEMINAR: &[Sheet] = &[Sheet::Screens, Sheet::Seminar];

thread_local! {
    /// Each sheet's load, started once: resolves on `load` or `error`.
    static LOADS: RefCell<[Option<js_sys::Promise>; 3]> = const { RefCell::new([None, None, None]) };
}

/// Starts loading `sheet` unless the page has it; the promise of its load.
pub fn load(sheet: Sheet) -> js_sys::Promise {
    let slot = sheet as usize;
    if let Some(started) = LOADS.with(|l| l.borrow()[slot].clone()) {
        return started;
    }
    let promise =
        start(sheet).unwrap_or_else(|| js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED));
    LOADS.with(|l| l.borrow_mut()[slot] = Some(promise.clone()));
    promise
}

/// Adds the `<link>`; `None` when the page has the sheet already (inlined)
/// or the element cannot be made.
fn start(sheet: Sheet) -> Option<js_sys::Promise> {
    let document = leptos::prelude::document();
    let inlined = format!("[data-sheet~=\"{}\"]", sheet.file());
    if document.query_selector(&inlined).ok().flatten().is_some() {
        return None;
    }
    let link = document
        .create_element("link")
        .ok()?
        .dyn_into::<leptos::web_sys::HtmlElement>()
        .ok()?;
    let head = document.head()?;
    // Loaded or not, the screen goes on: `load` and `error` both resolve.
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        link.set_onload(Some(&resolve));
        link.set_onerror(Some(&resolve));
    });
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", sheet.file());
    let _ = link.set_attribute("data-sheet", sheet.file());
    head.append_child(&link).ok()?;
    Some(promise)
}

/// A screen's chunk, shown once its stylesheets are there too (both
/// downloads run at the same time). Boxed, so it is compiled once.
pub fn with_sheets(sheets: &'static [Sheet], screen: LoadingScreen) -> LoadingScreen {
    let loads: Vec<js_sys::Promise> = sheets.iter().map(|&s| load(s)).collect();
    Box::pin(async move {
        let shown = screen.await;
        for sheet in loads {
            let _ = wasm_bindgen_futures::JsFuture::from(sheet).await;
        }
        shown
    })
}
