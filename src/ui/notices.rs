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
    /// Statements wait in the outbox for the LRS to answer.
    XapiWaiting,
    /// The LRS takes nothing from this session: a launch that cannot be
    /// opened (bad address, no token, no launch data) or refused credentials.
    XapiRefused,
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
                Notice::XapiWaiting => (4, None),
                Notice::XapiRefused => (5, None),
            };
            if !all.iter().any(|n| kind(n) == kind(&notice)) {
                all.push(notice);
            }
        });
    }

    /// Takes a notice back once it no longer holds (results were sent after all).
    pub fn withdraw(&self, notice: &Notice) {
        if self.0.with_untracked(|all| all.contains(notice)) {
            self.0.update(|all| all.retain(|n| n != notice));
        }
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
        Notice::XapiWaiting => tr(
            lang,
            "Die Lernplattform ist gerade nicht erreichbar. Üben Sie ruhig weiter: Ihre Ergebnisse werden hier aufbewahrt und gesendet, sobald die Verbindung wieder steht – auch nach einem Neuladen.",
            "The learning platform cannot be reached just now. Keep practising: your results are kept here and sent as soon as the connection is back – even after a reload.",
        ),
        Notice::XapiRefused => tr(
            lang,
            "Die Lernplattform nimmt von dieser Sitzung keine Ergebnisse an. Sie können weiter üben, Ihr Fortschritt bleibt in diesem Browser. Damit Ergebnisse ankommen, öffnen Sie die Übung erneut aus der Lernplattform.",
            "The learning platform does not accept results from this session. You can keep practising; your progress stays in this browser. For results to arrive, open the exercise again from the learning platform.",
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
