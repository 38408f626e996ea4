//! The top bar: app name, navigation and the language switch.

use super::lms_bridge::use_lms;
use super::t;
use super::use_lang;
use counterpart::engine::Lang;
use counterpart::route::with_lang;
use counterpart::web::storage;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let lms = use_lms();
    let switch_to = move |next: Lang| {
        lang.set(next);
        storage::save_setting(storage::LANG_KEY, next.code());
        // Keep the choice in the address, so reload and bookmarks keep it.
        let location = window().location();
        let hash = with_lang(&location.hash().unwrap_or_default(), next);
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(
                &leptos::wasm_bindgen::JsValue::NULL,
                "",
                Some(&hash),
            );
        }
    };
    view! {
        <header class="topbar">
            <a class="brand" href="#/">"Counterpart"</a>
            <nav aria-label=t(lang, "Hauptnavigation", "Main navigation")>
                <a href="#/">{t(lang, "Gespräche", "Conversations")}</a>
                <a href="#/techniques">{t(lang, "Techniken", "Techniques")}</a>
                <a href="#/progress">{t(lang, "Fortschritt", "Progress")}</a>
                <a href="#/settings">{t(lang, "Anzeige", "Display")}</a>
            </nav>
            <Show when=move || lms.connected()>
                <button class="finish" on:click=move |_| lms.finish()>{t(lang, "Beenden", "Finish")}</button>
            </Show>
            <div class="lang-switch" role="group" aria-label=t(lang, "Sprache", "Language")>
                <button lang="de" aria-pressed=move || (lang.get() == Lang::De).to_string() on:click=move |_| switch_to(Lang::De)>"Deutsch"</button>
                <button lang="en" aria-pressed=move || (lang.get() == Lang::En).to_string() on:click=move |_| switch_to(Lang::En)>"English"</button>
            </div>
        </header>
    }
}
