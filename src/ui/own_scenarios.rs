//! "Eigene Szenarien / My scenarios": a trainer imports a `.toml` file; the
//! browser runs the same validator as the checker. A valid scenario is kept
//! in localStorage and playable like a built-in one; an invalid one shows
//! every problem with its line and column. Everything is rendered as text.

use super::scenarios::use_scenarios;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::diagnostic::Bilingual;
use counterpart::engine::import_check::{ImportFile, NotPlayable};
use counterpart::engine::load::MAX_SCENARIO_BYTES;
use counterpart::engine::text::counted;
use counterpart::engine::{Diagnostic, Scenario};
use counterpart::route::Route;
use counterpart::say;
use counterpart::web::storage;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// The outcome of the last import, for the status line.
#[derive(Clone)]
enum ImportResult {
    Added(Scenario),
    Problems(Vec<Diagnostic>),
    /// Why the file was not taken, in both languages (the page may switch).
    Refused(Bilingual),
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
                Ok(Some(verdict)) => verdict.into_scenario(),
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
                Ok(scenario) if scenarios.is_shipped(&scenario.id) => {
                    let id = &scenario.id;
                    ImportResult::Refused(say!(
                        "A built-in conversation already has this name; rename the file: “{id}”",
                        "Ein mitgeliefertes Gespräch hat schon diesen Namen; benennen Sie die Datei um: „{id}“",
                    ))
                }
                Ok(scenario) => match storage::save_own_scenario(&scenario.id, &text) {
                    Ok(()) => {
                        scenarios.add_own(scenario.clone());
                        ImportResult::Added(scenario)
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
            ImportResult::Added(s) => view! {
                <p class="import-ok">
                    {format!("{} ", tr(l, "Hinzugefügt:", "Added:"))}
                    <a href=Route::Play(s.id.clone()).href()>{s.title.get(l).to_string()}</a>
                </p>
            }
            .into_any(),
            ImportResult::Refused(why) => view! { <p class="import-error">{why.get(l).to_string()}</p> }.into_any(),
            ImportResult::Problems(problems) => view! {
                <div class="import-error">
                    <p>{format!("{} {}:", counted(l, problems.len(), ("Problem", "Probleme"), ("problem", "problems")), tr(l, "gefunden – bitte in der Datei korrigieren", "found – please fix them in the file"))}</p>
                    <ul class="problems">
                        {problems.into_iter().map(|d| view! {
                            <li>
                                <strong>{format!("{} {}, {} {}: ", tr(l, "Zeile", "Line"), d.location.line, tr(l, "Spalte", "column"), d.location.column)}</strong>
                                {d.message.get(l).to_string()}
                                {d.hint.as_ref().map(|h| view! { <span class="hint">{format!(" – {}", h.get(l))}</span> })}
                            </li>
                        }).collect::<Vec<_>>()}
                    </ul>
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
            <ul class="own-list">{own_list}</ul>
            <label class="drop-zone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                {t(lang, "Datei auswählen oder hierher ziehen", "Choose a file or drop it here")}
                <input type="file" accept=".toml,text/plain" class="visually-hidden" on:change=on_pick/>
            </label>
            <div class="import-status" role="status">{status}</div>
        </section>
    }
}
