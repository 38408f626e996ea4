//! The scenario library: one card per scenario, each a real link to play it.

use super::own_scenarios::OwnScenarios;
use super::state::use_app;
use super::{t, tr};
use counterpart::engine::compiled::ScenarioCard as Card;
use counterpart::engine::suggest::suggest;
use counterpart::engine::{CustomerType, Lang, Setting, Technique, Text};
use counterpart::route::Route;
use counterpart::storage;
use leptos::prelude::*;
use rand::SeedableRng;
use std::collections::BTreeSet;

fn difficulty_label(difficulty: u8, lang: Lang) -> &'static str {
    match difficulty {
        1 => tr(lang, "leicht", "easy"),
        2 => tr(lang, "mittel", "medium"),
        _ => tr(lang, "schwer", "hard"),
    }
}

#[component]
fn ScenarioCard(scenario: Card) -> impl IntoView {
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
        sc.practised
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

/// A filter `<select>`: "all" plus one option per value, labelled per language.
#[component]
fn FilterSelect(
    id: &'static str,
    label_de: &'static str,
    label_en: &'static str,
    options: Vec<(String, Text)>,
    selected: RwSignal<String>,
) -> impl IntoView {
    let lang = use_app().lang;
    view! {
        <div class="filter">
            <label for=id>{move || tr(lang.get(), label_de, label_en)}</label>
            <select id=id on:change=move |ev| selected.set(event_target_value(&ev)) prop:value=move || selected.get()>
                <option value="">{t(lang, "alle", "all")}</option>
                {options.into_iter().map(|(value, label)| view! {
                    <option value=value>{move || label.get(lang.get()).to_string()}</option>
                }).collect::<Vec<_>>()}
            </select>
        </div>
    }
}

/// Labels of a vocabulary value in both languages, as a `Text`.
fn both(de: &str, en: &str) -> Text {
    Text::new([(Lang::De, de.to_string()), (Lang::En, en.to_string())])
}

#[component]
pub fn Library() -> impl IntoView {
    let state = use_app();
    let lang = state.lang;
    let scenarios = state.cards();
    let index_problem = state.cards_problem();
    let (by_type, by_setting, by_difficulty, by_technique) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );

    let types: BTreeSet<CustomerType> = scenarios.iter().map(|s| s.customer_type).collect();
    let settings: BTreeSet<Setting> = scenarios.iter().map(|s| s.setting).collect();
    let type_options = types
        .iter()
        .map(|t| {
            (
                t.id().to_string(),
                both(t.label(Lang::De), t.label(Lang::En)),
            )
        })
        .collect();
    let setting_options = settings
        .iter()
        .map(|t| {
            (
                t.id().to_string(),
                both(t.label(Lang::De), t.label(Lang::En)),
            )
        })
        .collect();
    let difficulty_options = (1..=3u8)
        .map(|d| {
            (
                d.to_string(),
                both(difficulty_label(d, Lang::De), difficulty_label(d, Lang::En)),
            )
        })
        .collect();
    let technique_options = Technique::ALL
        .iter()
        .map(|t| {
            (
                t.id().to_string(),
                both(t.label(Lang::De), t.label(Lang::En)),
            )
        })
        .collect();

    let all = scenarios.clone();
    let shown = move || {
        let (t, se, d, te) = (
            by_type.get(),
            by_setting.get(),
            by_difficulty.get(),
            by_technique.get(),
        );
        all.iter()
            .filter(|s| t.is_empty() || s.customer_type.id() == t)
            .filter(|s| se.is_empty() || s.setting.id() == se)
            .filter(|s| d.is_empty() || s.difficulty.to_string() == d)
            .filter(|s| te.is_empty() || s.practised.iter().any(|x| x.id() == te))
            .cloned()
            .collect::<Vec<_>>()
    };
    let count = {
        let shown = shown.clone();
        move || shown().len()
    };

    let surprise_note = RwSignal::new(None::<String>);
    let surprise = move |_| {
        let mut rng = rand::rngs::StdRng::seed_from_u64((js_sys::Math::random() * 1e15) as u64);
        let cards = state.cards();
        let picked = state
            .progress
            .with_untracked(|p| suggest(&cards, p, None, &mut rng).map(|(s, t)| (s.id.clone(), t)));
        if let Some((id, technique)) = picked {
            surprise_note.set(Some(format!(
                "{} {}",
                tr(lang.get_untracked(), "Geübt wird:", "Practising:"),
                technique.label(lang.get_untracked())
            )));
            let _ = window().location().set_hash(&Route::Play(id).href());
        }
    };

    view! {
        <section class="screen library">
            <h1>{t(lang, "Schwierige Kundengespräche üben", "Practise difficult customer conversations")}</h1>
            <p class="lead">
                {move || tr(
                    lang.get(),
                    "Wählen Sie ein Gespräch. Der Kunde reagiert auf jede Ihrer Antworten – Sie sehen, wie sich seine Stimmung ändert und warum.",
                    "Choose a conversation. The customer reacts to every reply – you see how their mood changes, and why."
                )}
            </p>
            {index_problem.map(|why| view! {
                <p class="notice" role="alert">
                    {t(lang, "Die Gespräche konnten nicht geladen werden: ", "The conversations could not be loaded: ")}
                    {why}
                </p>
            })}
            <div class="library-tools">
                <button class="primary surprise" on:click=surprise>
                    {t(lang, "Überraschen Sie mich – meine schwächste Technik üben", "Surprise me – practise my weakest technique")}
                </button>
                <p class="surprise-note" role="status">{move || surprise_note.get()}</p>
                <div class="filters" role="group" aria-label=t(lang, "Gespräche filtern", "Filter conversations")>
                    <FilterSelect id="filter-type" label_de="Kundentyp" label_en="Customer type" options=type_options selected=by_type/>
                    <FilterSelect id="filter-setting" label_de="Ort" label_en="Setting" options=setting_options selected=by_setting/>
                    <FilterSelect id="filter-difficulty" label_de="Schwierigkeit" label_en="Difficulty" options=difficulty_options selected=by_difficulty/>
                    <FilterSelect id="filter-technique" label_de="Technik" label_en="Technique" options=technique_options selected=by_technique/>
                </div>
                <p class="filter-count" aria-live="polite">
                    {move || format!("{} {}", count(), tr(lang.get(), "Gespräche", "conversations"))}
                </p>
            </div>
            <ul class="cards">
                {move || shown().into_iter().map(|s| view! { <ScenarioCard scenario=s/> }).collect::<Vec<_>>()}
            </ul>
            <OwnScenarios/>
        </section>
    }
}
