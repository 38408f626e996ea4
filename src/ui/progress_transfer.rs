//! Export, import and reset of progress, on the progress screen.

use super::progress_store::use_progress;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::Lang;
use counterpart::engine::class_report::{MAX_NAME_CHARS, participant_export};
use counterpart::engine::progress::{ImportError, Progress};
use counterpart::engine::text::counted;
use counterpart::web::storage;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// `counterpart-progress-2026-11-26.json`, in local time.
fn export_file_name() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "counterpart-progress-{}-{:02}-{:02}.json",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

fn import_error(error: &ImportError, lang: Lang) -> String {
    let detail = match error {
        ImportError::NotProgress => tr(
            lang,
            "Diese Datei ist keine Counterpart-Fortschrittsdatei.",
            "This file is not a Counterpart progress file.",
        ),
        ImportError::FutureVersion(_) => tr(
            lang,
            "Die Datei stammt aus einer neueren Version von Counterpart. Bitte aktualisieren Sie zuerst diese App.",
            "The file comes from a newer version of Counterpart. Please update this app first.",
        ),
        ImportError::Tampered(_) => tr(
            lang,
            "Die Datei ist beschädigt oder wurde von Hand verändert.",
            "The file is damaged or was changed by hand.",
        ),
        ImportError::TooLarge(_) => tr(
            lang,
            "Die Datei ist viel zu groß für eine Fortschrittsdatei (höchstens 1 MB).",
            "The file is far too large for a progress file (1 MB at most).",
        ),
    };
    format!(
        "{} {detail}",
        tr(lang, "Import nicht möglich:", "Import failed:")
    )
}

#[component]
pub fn ProgressTransfer() -> impl IntoView {
    let lang = use_lang();
    let progress = use_progress();
    let message = RwSignal::new(None::<String>);
    // A name or pseudonym for the trainer, only in this export, never stored.
    let participant = RwSignal::new(String::new());

    let export = move |_| {
        let name = participant.get_untracked();
        let paths = storage::load_paths();
        let contents = progress.with_untracked(|p| {
            participant_export(p, js_sys::Date::now() as u64, Some(&name), &paths)
        });
        message.set(Some(
            match storage::download(&export_file_name(), "application/json", &contents) {
                Ok(()) => tr(
                    lang.get_untracked(),
                    "Die Datei wurde erstellt – prüfen Sie Ihre Downloads.",
                    "The file was created – check your downloads.",
                )
                .to_string(),
                Err(_) => tr(
                    lang.get_untracked(),
                    "Der Export ist in diesem Browser nicht möglich.",
                    "Export is not possible in this browser.",
                )
                .to_string(),
            },
        ));
    };

    let import = move |ev: leptos::ev::Event| {
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            return;
        };
        let too_large = file.size() > counterpart::engine::progress::MAX_PROGRESS_BYTES as f64;
        leptos::task::spawn_local(async move {
            let l = lang.get_untracked();
            if too_large {
                // Refused before reading: a huge file would only cost memory.
                message.set(Some(import_error(
                    &ImportError::TooLarge((file.size() / 1024.0) as usize),
                    l,
                )));
                return;
            }
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            let outcome = match text.as_deref().map(Progress::from_export) {
                Some(Ok(imported)) => {
                    progress.import(&imported);
                    format!(
                        "{} {}, {}",
                        tr(l, "Importiert und zusammengeführt:", "Imported and merged:"),
                        counted(
                            l,
                            imported.scenarios.len(),
                            ("Gespräch", "Gespräche"),
                            ("conversation", "conversations")
                        ),
                        counted(
                            l,
                            imported.badges.len(),
                            ("Abzeichen", "Abzeichen"),
                            ("badge", "badges")
                        )
                    )
                }
                Some(Err(error)) => import_error(&error, l),
                None => import_error(&ImportError::NotProgress, l),
            };
            message.set(Some(outcome));
        });
    };

    let reset = move |_| {
        let question = tr(
            lang.get_untracked(),
            "Wirklich den gesamten Fortschritt löschen? Abzeichen und Verlauf gehen verloren. Exportieren Sie ihn vorher, wenn Sie ihn behalten möchten.",
            "Really delete all progress? Badges and history will be lost. Export it first if you want to keep it.",
        );
        if window().confirm_with_message(question).unwrap_or(false) {
            // A tombstone, not an empty slate: other open tabs and the LMS
            // hold older copies, and merging must not bring them back.
            progress.reset(js_sys::Date::now() as u64);
            message.set(Some(
                tr(
                    lang.get_untracked(),
                    "Der Fortschritt wurde gelöscht.",
                    "Progress was deleted.",
                )
                .to_string(),
            ));
        }
    };

    view! {
        <section class="transfer" aria-labelledby="transfer-heading">
            <h2 id="transfer-heading">{t(lang, "Fortschritt sichern und übertragen", "Back up and move your progress")}</h2>
            <p>{t(lang, "Ihr Fortschritt liegt nur in diesem Browser. Exportieren Sie ihn als Datei, um ihn auf einem anderen Gerät zu importieren oder Ihrer Trainerin zu geben.", "Your progress lives only in this browser. Export it as a file to import it on another device or to give it to your trainer.")}</p>
            <p class="field">
                <label for="export-name">{t(lang, "Name oder Pseudonym für die Trainerin, den Trainer (freiwillig)", "Name or pseudonym for your trainer (optional)")}</label>
                <input id="export-name" type="text" autocomplete="off" maxlength=MAX_NAME_CHARS.to_string() aria-describedby="export-name-hint"
                    prop:value=move || participant.get()
                    on:input=move |ev| participant.set(event_target_value(&ev))/>
                <small id="export-name-hint">{t(lang, "Steht nur in dieser Datei; ohne Namen erscheinen Sie in der Klassenauswertung als „Teilnehmer n“. Die Datei enthält auch Ihre letzten Entscheidungen.", "Only in this file; without a name you appear in the class debrief as “Participant n”. The file also holds your recent decisions.")}</small>
            </p>
            <div class="actions">
                <button class="primary" on:click=export>{t(lang, "Fortschritt exportieren", "Export progress")}</button>
                <label class="button file-button">
                    {t(lang, "Fortschritt importieren", "Import progress")}
                    <input type="file" accept=".json,application/json" class="visually-hidden" on:change=import/>
                </label>
                <button on:click=reset class="button danger">{t(lang, "Fortschritt löschen", "Delete progress")}</button>
            </div>
            <p class="transfer-message" role="status">{move || message.get()}</p>
        </section>
    }
}
