//! The Leptos user interface: thin components over the engine, one per file.
//!
//! UI strings are written at the call site with both languages, `tr(lang,
//! "Deutsch", "English")`: no string can miss a translation, and no i18n crate
//! adds to the wasm size (leptos_i18n costs ~27 KB gzip, see REFERENCE.md).

mod app;
mod avatar;
mod certificate;
mod channel;
mod class_debrief;
mod conversation;
mod debrief;
mod early_turn;
mod editor;
mod editor_check;
mod editor_fields;
mod editor_start;
mod embed;
mod focus;
mod handout;
mod header;
mod import_checker;
mod library;
mod lms_bridge;
mod mastery_chart;
mod mood_chart;
mod mood_meter;
mod notices;
mod on_demand;
mod own_scenarios;
mod own_words;
mod preview;
mod primer;
mod primer_text;
mod progress_page;
mod progress_store;
mod progress_transfer;
mod scenario_map;
mod scenarios;
mod seminar;
mod settings;
mod status_screens;
mod stylesheets;
mod xapi_session;

use counterpart::engine::Lang;

pub use app::App;

/// Mounts the app into `<body>`. A panic is logged with its message before
/// the wasm traps (public/failure-screen.js then shows the failure screen).
pub fn mount() {
    std::panic::set_hook(Box::new(|info| {
        leptos::web_sys::console::error_1(&format!("counterpart panicked: {info}").into());
    }));
    leptos::mount::mount_to_body(App);
}

/// A reactive UI string. Every call site shares this one closure type, so the
/// view code is generated once instead of once per string (wasm size).
pub fn t(
    lang: leptos::prelude::RwSignal<Lang>,
    de: &'static str,
    en: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    use leptos::prelude::Get;
    move || tr(lang.get(), de, en)
}

/// The UI language, a service in context (the root provides it).
#[derive(Clone, Copy)]
pub struct UiLang(pub leptos::prelude::RwSignal<Lang>);

pub fn use_lang() -> leptos::prelude::RwSignal<Lang> {
    leptos::prelude::expect_context::<UiLang>().0
}

/// Picks the German or English version of a UI string.
pub fn tr(lang: Lang, de: &'static str, en: &'static str) -> &'static str {
    lang.pick(de, en)
}

/// Test builds only (`--features failure-drill`): a panic on demand, so the
/// browser tests can check the safe failure screen.
#[cfg(feature = "failure-drill")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn counterpart_failure_drill() {
    panic!("failure drill");
}
