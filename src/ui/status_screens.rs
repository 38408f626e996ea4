//! The screens for "not (yet) there": loading, could not be downloaded, not
//! found, and the author preview where this copy leaves it out.

use super::scenarios::use_scenarios;
use super::{t, use_lang};
use leptos::prelude::*;

/// A screen whose content is on its way: a status line screen readers announce.
#[component]
pub fn Busy(message: (&'static str, &'static str)) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="screen" aria-busy="true">
            <p role="status">{t(lang, message.0, message.1)}</p>
        </section>
    }
}

/// Shown when something could not be downloaded: what, a likely reason in
/// plain words, a retry and the way back. Texts are (German, English).
#[component]
pub fn Unavailable(
    title: (&'static str, &'static str),
    message: (&'static str, &'static str),
    #[prop(optional)] detail: Option<String>,
    retry: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="screen">
            <h1>{t(lang, title.0, title.1)}</h1>
            <p role="alert">{t(lang, message.0, message.1)}</p>
            {detail.map(|why| view! { <p class="hint"><small>{why}</small></p> })}
            <p>
                <button type="button" class="primary" on:click=move |_| retry.run(())>{t(lang, "Erneut versuchen", "Try again")}</button>
                " "
                <a href="#/">{t(lang, "Zur Übersicht", "To the library")}</a>
            </p>
        </section>
    }
}

/// Shown when a scenario could not be loaded.
#[component]
pub fn LoadFailed(id: counterpart::engine::ScenarioId, why: String) -> impl IntoView {
    let scenarios = use_scenarios();
    view! {
        <Unavailable
            title=("Gespräch nicht geladen", "Conversation not loaded")
            message=(
                "Dieses Gespräch konnte nicht geladen werden. Sind Sie offline? Beim ersten Besuch braucht Counterpart eine Verbindung; danach geht es auch offline.",
                "This conversation could not be loaded. Are you offline? Counterpart needs a connection on the first visit; after that it works offline too.",
            )
            detail=why
            retry=Callback::new(move |_| scenarios.retry(&id))
        />
    }
}

/// Whether this copy leaves out the author preview (`#/preview/<id>`, every
/// reply's rating: the answer key): LMS packages always do (they carry a
/// `counterpart-assignment`), other copies when the trainer chose so
/// (`<meta name="counterpart-no-preview">`, e.g. `single-file.mjs --no-preview`).
pub fn answer_key_hidden() -> bool {
    document()
        .query_selector("meta[name=counterpart-assignment], meta[name=counterpart-no-preview]")
        .ok()
        .flatten()
        .is_some()
}

/// In place of the author preview where it is left out.
#[component]
pub fn PreviewHidden() -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="screen">
            <h1>{t(lang, "Vorschau nicht verfügbar", "Preview not available")}</h1>
            <p>{t(lang,
                "Diese Ausgabe von Counterpart enthält keine Autorenvorschau: Die Übenden sollen die Bewertungen im Gespräch entdecken, nicht vorher nachlesen.",
                "This copy of Counterpart has no author preview: trainees discover the ratings in the conversation, not by reading them beforehand.")}</p>
            <p><a href="#/">{t(lang, "Zur Übersicht", "To the library")}</a></p>
        </section>
    }
}

/// Shown for an unknown route or scenario id, with the way back.
#[component]
pub fn NotFound(what: String) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="screen">
            <h1>{t(lang, "Nicht gefunden", "Not found")}</h1>
            <p>
                {t(lang, "Diese Seite oder dieses Gespräch gibt es nicht: ", "This page or conversation does not exist: ")}
                <code>{what.clone()}</code>
            </p>
            <p><a href="#/">{t(lang, "Zur Übersicht", "To the library")}</a></p>
        </section>
    }
}
