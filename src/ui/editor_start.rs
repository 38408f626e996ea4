//! The editor's start (`#/editor`): begin a new scenario, open a `.toml`
//! file, start from a built-in or own conversation, or go on with a draft
//! kept in this browser.

use super::editor::unused_id;
use super::scenarios::{ScenarioRepo, use_scenarios};
use super::use_lang;
use super::{t, tr};
use counterpart::engine::draft::Draft;
use counterpart::engine::draft_store::Unreadable;
use counterpart::engine::import_check::{ImportFile, NotPlayable};
use counterpart::engine::load::MAX_SCENARIO_BYTES;
use counterpart::engine::text::counted;
use counterpart::engine::{Diagnostic, Lang, Scenario, ScenarioId};
use counterpart::route::Route;
use counterpart::web::{scenario_fetch, storage};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// Keeps `draft` under an unused id and opens it in the editor.
fn open_new(scenarios: ScenarioRepo, mut draft: Draft) -> Result<(), ()> {
    draft.id = unused_id(scenarios, &draft.id);
    let id = ScenarioId::new(draft.id.clone());
    storage::save_draft(&id, None, &draft).map_err(|_| ())?;
    let _ = window()
        .location()
        .set_hash(&Route::Editor(Some(id)).href());
    Ok(())
}

/// A built-in scenario with the texts of every language it has (the app
/// fetches one language at a time).
pub(super) async fn whole_shipped(id: &ScenarioId) -> Result<Scenario, String> {
    let files = scenario_fetch::files()?;
    let entry = files
        .scenarios
        .into_iter()
        .find(|s| &s.id == id)
        .ok_or_else(|| "not found".to_string())?;
    let mut whole: Option<Scenario> = None;
    for file in entry.files.values() {
        let part = scenario_fetch::scenario(file).await?;
        match whole.as_mut() {
            None => whole = Some(part),
            Some(scenario) => scenario.absorb_language(part)?,
        }
    }
    whole.ok_or_else(|| "no files".to_string())
}

#[derive(Clone)]
enum Opening {
    Problems(Vec<Diagnostic>),
    Failed(String, String),
}

#[component]
pub fn EditorStart() -> impl IntoView {
    let lang = use_lang();
    let scenarios = use_scenarios();
    let drafts = RwSignal::new(storage::drafts());
    let opening = RwSignal::new(None::<Opening>);
    let cannot_keep = || {
        Opening::Failed(
            "Der Browser kann keinen Entwurf speichern (Speicher voll oder gesperrt).".into(),
            "The browser cannot keep a draft (storage full or blocked).".into(),
        )
    };

    let start_blank = move |_| {
        if open_new(scenarios, Draft::blank()).is_err() {
            opening.set(Some(cannot_keep()));
        }
    };
    let open_file = move |file: leptos::web_sys::File| {
        if file.size() > MAX_SCENARIO_BYTES as f64 {
            opening.set(Some(Opening::Failed(
                "Die Datei ist größer als 1 MB – so groß ist kein Gesprächsszenario.".into(),
                "The file is larger than 1 MB – no conversation scenario is that big.".into(),
            )));
            return;
        }
        let name = file.name();
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|v| v.as_string());
            let Some(text) = text else {
                opening.set(Some(Opening::Failed(
                    "Die Datei konnte nicht gelesen werden.".into(),
                    "The file could not be read.".into(),
                )));
                return;
            };
            let verdict = super::import_checker::check_imports(vec![ImportFile { name, text }])
                .await
                .map(|mut v| v.pop());
            let result = match verdict {
                Ok(Some(verdict)) => match verdict.into_scenario() {
                    Ok(scenario) => open_new(scenarios, Draft::from_scenario(&scenario))
                        .map_err(|_| cannot_keep()),
                    Err(NotPlayable::Invalid(problems)) => Err(Opening::Problems(problems)),
                    Err(NotPlayable::Unreadable(_)) => Err(Opening::Failed(
                        "Die Prüfung lieferte ein unlesbares Ergebnis.".into(),
                        "The check returned an unreadable result.".into(),
                    )),
                },
                _ => Err(Opening::Failed(
                    "Die Prüfung konnte nicht laufen. Bitte laden Sie die Seite neu.".into(),
                    "The check could not run. Please reload the page.".into(),
                )),
            };
            if let Err(why) = result {
                opening.set(Some(why));
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        {
            open_file(file);
        }
    };
    let template = RwSignal::new(String::new());
    let start_from = move |_| {
        let id = ScenarioId::new(template.get_untracked());
        if id.as_str().is_empty() {
            return;
        }
        if let Some(own) = scenarios.own_untracked().into_iter().find(|s| s.id == id) {
            // An own scenario is edited under its own name.
            if storage::load_draft(&id).is_none()
                && storage::save_draft(&id, None, &Draft::from_scenario(&own)).is_err()
            {
                opening.set(Some(cannot_keep()));
                return;
            }
            let _ = window()
                .location()
                .set_hash(&Route::Editor(Some(id)).href());
            return;
        }
        leptos::task::spawn_local(async move {
            match whole_shipped(&id).await {
                // A built-in one becomes a copy with a name of its own.
                Ok(scenario) => {
                    if open_new(scenarios, Draft::from_scenario(&scenario)).is_err() {
                        opening.set(Some(cannot_keep()));
                    }
                }
                Err(why) => opening.set(Some(Opening::Failed(
                    format!("Das Gespräch konnte nicht geladen werden: {why}"),
                    format!("The conversation could not be loaded: {why}"),
                ))),
            }
        });
    };
    let template_options = move || {
        let l = lang.get();
        let mut options: Vec<(String, String)> = scenarios
            .own()
            .into_iter()
            .map(|s| {
                (
                    s.id.to_string(),
                    format!("{} ({})", s.title.get(l), tr(l, "eigenes", "yours")),
                )
            })
            .collect();
        options.extend(
            scenarios
                .cards()
                .into_iter()
                .map(|c| (c.id.to_string(), c.title.get(l).to_string())),
        );
        options
            .into_iter()
            .map(|(id, title)| view! { <option value=id>{title}</option> })
            .collect::<Vec<_>>()
    };
    let draft_list = move || {
        let l = lang.get();
        drafts
            .get()
            .into_iter()
            .map(|(id, stored)| {
                let remove_id = id.clone();
                let remove = move |_| {
                    if window().confirm_with_message(tr(lang.get_untracked(), "Diesen Entwurf löschen?", "Delete this draft?")).unwrap_or(false) {
                        storage::remove_draft(&remove_id);
                        drafts.set(storage::drafts());
                    }
                };
                let (title, state) = match stored {
                    Ok(stored) => {
                        let title = stored.draft.title.get(l).to_string();
                        let title = if title.is_empty() { id.to_string() } else { title };
                        let when = js_sys::Date::new(&(stored.saved_at as f64).into());
                        let when: String = when.to_locale_string(if l == Lang::De { "de-DE" } else { "en-GB" }, &wasm_bindgen::JsValue::UNDEFINED).into();
                        (title, format!("{} {when}", tr(l, "gespeichert", "saved")))
                    }
                    Err(Unreadable::Newer(_)) => (id.to_string(), tr(l, "aus einer neueren Version – nicht lesbar", "from a newer version – cannot be read").to_string()),
                    Err(Unreadable::Damaged(_)) => (id.to_string(), tr(l, "beschädigt – nicht lesbar", "damaged – cannot be read").to_string()),
                };
                view! {
                    <li>
                        <a href=Route::Editor(Some(id.clone())).href()>{title}</a>
                        " "<span class="hint">{format!("({id}.toml, {state})")}</span>
                        " "<button type="button" class="link-button" on:click=remove>{tr(l, "Löschen", "Delete")}</button>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let status = move || {
        let l = lang.get();
        opening.get().map(|o| match o {
            // Written here rather than shared with the library's import list:
            // code two chunks share moves into the main module.
            Opening::Problems(problems) => view! {
                <div class="import-error">
                    <p>{format!("{} – {}", counted(l, problems.len(), ("Problem", "Probleme"), ("problem", "problems")), tr(l, "bitte in der Datei korrigieren, dann erneut öffnen:", "please fix the file, then open it again:"))}</p>
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
            Opening::Failed(de, en) => {
                view! { <p class="import-error">{if l == Lang::De { de } else { en }}</p> }
                    .into_any()
            }
        })
    };
    view! {
        <section class="screen editor-start">
            <h1>{t(lang, "Szenario-Editor", "Scenario editor")}</h1>
            <p class="lead">{t(lang, "Eigene Gespräche schreiben, ohne Programmierkenntnisse: Formulare für jeden Satz und jede Antwort, eine Prüfung bei jeder Änderung, Probeläufe ab jedem Knoten. Entwürfe bleiben in diesem Browser; speichern Sie sie als .toml-Datei, um sie weiterzugeben.", "Write your own conversations without programming: forms for every line and reply, a check on every change, trial runs from any node. Drafts stay in this browser; save them as a .toml file to pass them on.")}</p>
            <div class="editor-begin">
                <button type="button" on:click=start_blank>{t(lang, "Neues Szenario beginnen", "Start a new scenario")}</button>
                <label class="drop-zone">
                    {t(lang, ".toml-Datei öffnen", "Open a .toml file")}
                    <input type="file" accept=".toml,text/plain" class="visually-hidden" on:change=on_pick/>
                </label>
            </div>
            <div class="field-row">
                <label class="edit-choice">
                    <span class="field-label">{t(lang, "Ein vorhandenes Gespräch als Vorlage", "An existing conversation as a template")}</span>
                    <select on:change=move |ev| template.set(event_target_value(&ev))>
                        <option value="">{t(lang, "— bitte wählen —", "— please choose —")}</option>
                        {template_options}
                    </select>
                </label>
                <button type="button" on:click=start_from>{t(lang, "Bearbeiten", "Edit")}</button>
            </div>
            <div class="import-status" role="status">{status}</div>
            <h2>{t(lang, "Ihre Entwürfe in diesem Browser", "Your drafts in this browser")}</h2>
            <Show when=move || drafts.with(|d| !d.is_empty()) fallback=move || view! { <p>{t(lang, "Noch keine.", "None yet.")}</p> }>
                <ul class="draft-list">{draft_list}</ul>
            </Show>
        </section>
    }
}
