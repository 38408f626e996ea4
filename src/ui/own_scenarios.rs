//! "Eigene Szenarien / My scenarios": a trainer imports a `.toml` file; the
//! browser runs the same validator as the checker. A valid scenario is kept
//! in localStorage and playable like a built-in one, and the checker's report
//! on it is shown (its warnings with line and column, the score range, the
//! endings); an invalid one shows every problem with its line and column.
//! Everything is rendered as text.

use super::scenarios::use_scenarios;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::diagnostic::Bilingual;
use counterpart::engine::import_check::{ImportFile, ImportReport, NotPlayable};
use counterpart::engine::load::MAX_SCENARIO_BYTES;
use counterpart::engine::text::counted;
use counterpart::engine::{Diagnostic, Lang, Scenario};
use counterpart::route::Route;
use counterpart::say;
use counterpart::web::storage;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// The outcome of the last import, for the status line.
#[derive(Clone)]
enum ImportResult {
    /// Kept, with what the checker says about it.
    Added(Scenario, ImportReport),
    Problems(Vec<Diagnostic>),
    /// Why the file was not taken, in both languages (the page may switch).
    Refused(Bilingual),
}

/// "2 Probleme gefunden – …" above the problems of a file that was refused.
fn problems_line(n: usize, l: Lang) -> String {
    let found = counted(l, n, ("Problem", "Probleme"), ("problem", "problems"));
    let fix = match (l, n) {
        (Lang::De, _) => "gefunden – bitte in der Datei korrigieren",
        (Lang::En, 1) => "found – please fix it in the file",
        (Lang::En, _) => "found – please fix them in the file",
    };
    format!("{found} {fix}:")
}

/// "1 Warnung – …" above the warnings of a file that was added anyway (the
/// authoring guide asks to fix them before handing the file on).
fn warnings_line(n: usize, l: Lang) -> String {
    let warnings = counted(l, n, ("Warnung", "Warnungen"), ("warning", "warnings"));
    let why = match (l, n) {
        (Lang::De, 1) => {
            "das Szenario lässt sich spielen, lehrt aber an dieser Stelle schlecht. Bitte beheben Sie das, bevor Sie die Datei weitergeben:"
        }
        (Lang::De, _) => {
            "das Szenario lässt sich spielen, lehrt aber an diesen Stellen schlecht. Bitte beheben Sie das, bevor Sie die Datei weitergeben:"
        }
        (Lang::En, 1) => {
            "the scenario can be played, but teaches badly at this point. Please fix it before you pass the file on:"
        }
        (Lang::En, _) => {
            "the scenario can be played, but teaches badly at these points. Please fix them before you pass the file on:"
        }
    };
    format!("{warnings} – {why}")
}

/// Problems or warnings, each with its line and column and its hint.
#[component]
fn DiagnosticList(diagnostics: Vec<Diagnostic>, lang: Lang) -> impl IntoView {
    let l = lang;
    view! {
        <ul class="problems">
            {diagnostics.into_iter().map(|d| view! {
                <li>
                    <strong>{format!("{} {}, {} {}: ", tr(l, "Zeile", "Line"), d.location.line, tr(l, "Spalte", "column"), d.location.column)}</strong>
                    {d.message.get(l).to_string()}
                    {d.hint.as_ref().map(|h| view! { <span class="hint">{format!(" – {}", h.get(l))}</span> })}
                </li>
            }).collect::<Vec<_>>()}
        </ul>
    }
}

#[component]
pub fn OwnScenarios() -> impl IntoView {
    let lang = use_lang();
    let scenarios = use_scenarios();
    let result = RwSignal::new(None::<ImportResult>);

    let import = move |file: leptos::web_sys::File| {
        if file.size() > MAX_SCENARIO_BYTES as f64 {
            result.set(Some(ImportResult::Refused(say!(
                "The file is larger than 1 MB – no conversation scenario is that big.",
                "Die Datei ist größer als 1 MB – so groß ist kein Gesprächsszenario.",
            ))));
            return;
        }
        let name = file.name();
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            let Some(text) = text else {
                result.set(Some(ImportResult::Refused(say!(
                    "The file could not be read.",
                    "Die Datei konnte nicht gelesen werden.",
                ))));
                return;
            };
            let checked = super::import_checker::check_imports(vec![ImportFile {
                name: name.clone(),
                text: text.clone(),
            }])
            .await
            .map(|mut verdicts| verdicts.pop());
            let verdict = match checked {
                Ok(Some(verdict)) => verdict.into_checked(),
                Ok(None) | Err(_) => {
                    result.set(Some(ImportResult::Refused(say!(
                        "The check could not run. Please reload the page and try again.",
                        "Die Prüfung konnte nicht laufen. Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
                    ))));
                    return;
                }
            };
            let outcome = match verdict {
                Err(NotPlayable::Invalid(problems)) => ImportResult::Problems(problems),
                Err(NotPlayable::Unreadable(_)) => ImportResult::Refused(say!(
                    "The check returned an unreadable result.",
                    "Die Prüfung lieferte ein unlesbares Ergebnis.",
                )),
                Ok((scenario, _)) if scenarios.is_shipped(&scenario.id) => {
                    let id = &scenario.id;
                    ImportResult::Refused(say!(
                        "A built-in conversation already has this name; rename the file: “{id}”",
                        "Ein mitgeliefertes Gespräch hat schon diesen Namen; benennen Sie die Datei um: „{id}“",
                    ))
                }
                Ok((scenario, report)) => match storage::save_own_scenario(&scenario.id, &text) {
                    Ok(()) => {
                        scenarios.add_own(scenario.clone());
                        ImportResult::Added(scenario, report)
                    }
                    Err(_) => ImportResult::Refused(say!(
                        "The scenario is valid, but the browser cannot store it.",
                        "Das Szenario ist gültig, aber der Browser kann es nicht speichern.",
                    )),
                },
            };
            result.set(Some(outcome));
        });
    };

    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        {
            import(file);
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            import(file);
        }
    };

    let status = move || {
        let l = lang.get();
        result.get().map(|r| match r {
            ImportResult::Added(s, report) => {
                let ImportReport { warnings, score, endings } = report;
                // Only this app's checker sends a score range; an older
                // one's silence about warnings means nothing.
                let checked = score.is_some();
                let no_warnings = (checked && warnings.is_empty())
                    .then(|| view! { <p>{tr(l, "Keine Warnungen.", "No warnings.")}</p> });
                view! {
                    <div class="import-ok">
                        <p>
                            {format!("{} ", tr(l, "Hinzugefügt:", "Added:"))}
                            <a href=Route::Play(s.id.clone()).href()>{s.title.get(l).to_string()}</a>
                        </p>
                        {score.map(|score| view! {
                            <p class="import-score">{format!("{} {}–{}", tr(l, "Erreichbare Punktzahl:", "Score range:"), score.min, score.max)}</p>
                        })}
                        {(!endings.is_empty()).then(|| view! {
                            <p>{format!("{}:", counted(l, endings.len(), ("Ende", "Enden"), ("ending", "endings")))}</p>
                            <ul class="import-endings">
                                {endings.into_iter().map(|e| view! {
                                    <li>{format!("{} – {}", e.title.get(l), e.outcome.label(l))}</li>
                                }).collect::<Vec<_>>()}
                            </ul>
                        })}
                        {no_warnings}
                    </div>
                    {(!warnings.is_empty()).then(|| view! {
                        <div class="import-warnings">
                            <p>{warnings_line(warnings.len(), l)}</p>
                            <DiagnosticList diagnostics=warnings lang=l/>
                        </div>
                    })}
                }
                .into_any()
            }
            ImportResult::Refused(why) => view! { <p class="import-error">{why.get(l).to_string()}</p> }.into_any(),
            ImportResult::Problems(problems) => view! {
                <div class="import-error">
                    <p>{problems_line(problems.len(), l)}</p>
                    <DiagnosticList diagnostics=problems lang=l/>
                </div>
            }
            .into_any(),
        })
    };

    let own_list = move || {
        let l = lang.get();
        scenarios
            .own()
            .into_iter()
            .map(|s| {
                let id = s.id.clone();
                let remove = move |_| {
                    let question = tr(lang.get_untracked(), "Dieses eigene Gespräch entfernen?", "Remove this conversation of yours?");
                    if window().confirm_with_message(question).unwrap_or(false) {
                        storage::remove_own_scenario(&id);
                        scenarios.remove_own(&id);
                    }
                };
                view! {
                    <li class="own">
                        <a href=Route::Play(s.id.clone()).href()>{s.title.get(l).to_string()}</a>
                        <a href=Route::Preview(s.id.clone()).href()>{tr(l, "Vorschau", "Preview")}</a>
                        <a href=Route::Editor(Some(s.id.clone())).href()>{tr(l, "Bearbeiten", "Edit")}</a>
                        <button class="link-button" on:click=remove>{tr(l, "Entfernen", "Remove")}</button>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };

    view! {
        <section class="own-scenarios" aria-labelledby="own-heading">
            <h2 id="own-heading">{t(lang, "Eigene Szenarien", "My scenarios")}</h2>
            <p>{t(lang, "Eigene Gespräche als TOML-Datei (siehe Anleitung für Trainer) hinzufügen. Sie werden geprüft und nur in diesem Browser gespeichert.", "Add your own conversations as a TOML file (see the authoring guide). They are checked and kept in this browser only.")}</p>
            <p><a class="editor-link" href=Route::Editor(None).href()>{t(lang, "Im Szenario-Editor schreiben", "Write one in the scenario editor")}</a></p>
            <ul class="own-list">{own_list}</ul>
            <p class="handout-link">
                <a href=move || Route::Handout(scenarios.own().into_iter().map(|s| s.id).collect()).href()>
                    {t(lang, "Weitergeben: als eine Datei oder als LMS-Paket", "Hand out: as one file or as an LMS package")}
                </a>
            </p>
            <label class="drop-zone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                {t(lang, "Datei auswählen oder hierher ziehen", "Choose a file or drop it here")}
                <input type="file" accept=".toml,text/plain" class="visually-hidden" on:change=on_pick/>
            </label>
            <div class="import-status" role="status">{status}</div>
        </section>
    }
}
