//! The scenario library: one card per scenario, each a real link to play it.

use super::state::use_app;
use super::tr;
use crate::engine::{Lang, Scenario};
use crate::route::Route;
use crate::storage;
use leptos::prelude::*;

fn difficulty_label(difficulty: u8, lang: Lang) -> &'static str {
    match difficulty {
        1 => tr(lang, "leicht", "easy"),
        2 => tr(lang, "mittel", "medium"),
        _ => tr(lang, "schwer", "hard"),
    }
}

#[component]
fn ScenarioCard(scenario: Scenario) -> impl IntoView {
    let state = use_app();
    let lang = state.lang;
    let href = Route::Play(scenario.id.clone()).href();
    let id = scenario.id.clone();
    let paused = storage::load_session(&scenario.id).is_some_and(|s| !s.steps.is_empty());
    let status = move || {
        let l = lang.get();
        state.progress.with(|p| match p.record_of(&id) {
            Some(record) => format!(
                "{} {} · {} {}",
                tr(l, "Bestes Ergebnis:", "Best result:"),
                record.best_outcome.label(l),
                record.best_score,
                tr(l, "Punkte", "points")
            ),
            None => tr(l, "Neu", "New").to_string(),
        }) + if paused {
            tr(
                l,
                " · angefangen, wird fortgesetzt",
                " · started, will resume",
            )
        } else {
            ""
        }
    };
    let sc = scenario.clone();
    let techniques = move || {
        let l = lang.get();
        sc.techniques_practised()
            .iter()
            .map(|t| t.label(l))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let sc = scenario.clone();
    view! {
        <li class="card">
            <h2><a href=href>{move || sc.title.get(lang.get()).to_string()}</a></h2>
            <p class="meta">
                {move || format!(
                    "{} · {} · {} {}",
                    scenario.setting.label(lang.get()),
                    scenario.customer_type.label(lang.get()),
                    tr(lang.get(), "Schwierigkeit", "Difficulty"),
                    difficulty_label(scenario.difficulty, lang.get())
                )}
            </p>
            <p>{move || scenario.summary.get(lang.get()).to_string()}</p>
            <p class="techniques">{techniques}</p>
            <p class="status">{status}</p>
        </li>
    }
}

#[component]
pub fn Library() -> impl IntoView {
    let state = use_app();
    let lang = state.lang;
    let scenarios = state.catalog.with_value(|c| c.scenarios.clone());
    let problems = state.catalog.with_value(|c| c.problems.len());
    view! {
        <section class="screen library">
            <h1>{move || tr(lang.get(), "Schwierige Kundengespräche üben", "Practise difficult customer conversations")}</h1>
            <p class="lead">
                {move || tr(
                    lang.get(),
                    "Wählen Sie ein Gespräch. Der Kunde reagiert auf jede Ihrer Antworten – Sie sehen, wie sich seine Stimmung ändert und warum.",
                    "Choose a conversation. The customer reacts to every reply – you see how their mood changes, and why."
                )}
            </p>
            {(problems > 0).then(|| view! {
                <p class="notice">{move || tr(lang.get(), "Einige Gespräche konnten nicht geladen werden.", "Some conversations could not be loaded.")}</p>
            })}
            <ul class="cards">
                {scenarios.into_iter().map(|s| view! { <ScenarioCard scenario=s/> }).collect::<Vec<_>>()}
            </ul>
        </section>
    }
}
