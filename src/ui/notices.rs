//! Plain-words messages about storage, LMS and import problems, each dismissable.

use super::state::Notice;
use super::state::use_app;
use super::tr;
use counterpart::engine::Lang;
use counterpart::storage::StorageNotice;
use leptos::prelude::*;

fn message(notice: &Notice, lang: Lang) -> String {
    let Notice::Storage(notice) = notice else {
        return lms_message(notice, lang).to_string();
    };
    match notice {
        StorageNotice::Recovered { backup_key, .. } => format!(
            "{} {backup_key}",
            tr(
                lang,
                "Ihr gespeicherter Fortschritt war nicht lesbar. Sie starten neu; die alten Daten sind unter diesem Schlüssel aufbewahrt:",
                "Your saved progress could not be read. You are starting fresh; the old data is kept under this key:"
            )
        ),
        StorageNotice::Unavailable => tr(
            lang,
            "Dieser Browser erlaubt hier keine Speicherung. Sie können üben, aber Ihr Fortschritt geht beim Schließen verloren.",
            "This browser does not allow saving here. You can practise, but your progress is lost when you close the page.",
        )
        .to_string(),
        StorageNotice::SaveFailed(_) => tr(
            lang,
            "Ihr Fortschritt konnte nicht gespeichert werden (Speicher voll oder gesperrt). Er bleibt erhalten, solange die Seite offen ist.",
            "Your progress could not be saved (storage full or blocked). It is kept while this page stays open.",
        )
        .to_string(),
    }
}

fn lms_message(notice: &Notice, lang: Lang) -> &'static str {
    match notice {
        Notice::OwnScenariosUnchecked => tr(
            lang,
            "Ihre eigenen Szenarien konnten gerade nicht geprüft werden und sind deshalb ausgeblendet. Sie sind weiter gespeichert; laden Sie die Seite neu, um es noch einmal zu versuchen.",
            "Your own scenarios could not be checked just now, so they are hidden. They are still stored; reload the page to try again.",
        ),
        Notice::LmsFinished => tr(
            lang,
            "Ihre Ergebnisse wurden an die Lernplattform übermittelt. Sie können dieses Fenster jetzt schließen.",
            "Your results were sent to the learning platform. You can close this window now.",
        ),
        _ => tr(
            lang,
            "Die Lernplattform hat Ihre Ergebnisse gerade nicht angenommen. Sie können weiter üben – nichts geht verloren, die Übermittlung wird beim nächsten Gespräch wiederholt.",
            "The learning platform did not accept your results just now. You can keep practising – nothing is lost, and sending is retried after your next conversation.",
        ),
    }
}

#[component]
pub fn Notices() -> impl IntoView {
    let state = use_app();
    let lang = state.lang;
    view! {
        <div class="notices" role="status">
            {move || {
                state
                    .notices
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(i, notice)| {
                        // Progress that cannot be saved can still be taken along as a file.
                        let offer_export = matches!(notice, Notice::Storage(StorageNotice::Unavailable | StorageNotice::SaveFailed(_)));
                        view! {
                            <div class="notice">
                                <p>
                                    {message(&notice, lang.get())}
                                    {offer_export.then(|| view! {
                                        " " <a href="#/progress">{tr(lang.get(), "Fortschritt als Datei sichern", "Save your progress as a file")}</a>
                                    })}
                                </p>
                                <button on:click=move |_| state.notices.update(|all| { if i < all.len() { all.remove(i); } })>
                                    {tr(lang.get(), "Verstanden", "Got it")}
                                </button>
                            </div>
                        }
                    })
                    .collect::<Vec<_>>()
            }}
        </div>
    }
}
