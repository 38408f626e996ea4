//! Plain-words messages about storage, LMS and import problems, each
//! dismissable: the list every service reports to (`NoticeList`) and its view.

use super::{tr, use_lang};
use counterpart::engine::Lang;
use counterpart::web::storage::StorageNotice;
use leptos::prelude::*;

/// Something the trainee should know, in plain words.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Storage(StorageNotice),
    /// The LMS refused a call; play goes on, results are sent again later.
    LmsFailed,
    /// The attempt was closed and results were sent.
    LmsFinished,
    /// Imported scenarios could not be checked after start; they stay stored.
    OwnScenariosUnchecked,
}

/// The notices shown at the top of every screen (a service in context).
#[derive(Clone, Copy)]
pub struct NoticeList(RwSignal<Vec<Notice>>);

impl NoticeList {
    pub fn new() -> NoticeList {
        NoticeList(RwSignal::new(Vec::new()))
    }

    /// Adds a notice; one per kind (a second failed save says nothing new).
    pub fn notify(&self, notice: Notice) {
        self.0.update(|all| {
            let kind = |n: &Notice| match n {
                Notice::Storage(s) => (0, Some(std::mem::discriminant(s))),
                Notice::LmsFailed => (1, None),
                Notice::LmsFinished => (2, None),
                Notice::OwnScenariosUnchecked => (3, None),
            };
            if !all.iter().any(|n| kind(n) == kind(&notice)) {
                all.push(notice);
            }
        });
    }

    fn dismiss(&self, i: usize) {
        self.0.update(|all| {
            if i < all.len() {
                all.remove(i);
            }
        });
    }
}

pub fn use_notices() -> NoticeList {
    expect_context::<NoticeList>()
}

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
    let (notices, lang) = (use_notices(), use_lang());
    view! {
        <div class="notices" role="status">
            {move || {
                notices
                    .0
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
                                <button on:click=move |_| notices.dismiss(i)>
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
