//! The author's preview of a scenario (`#/preview/<id>`): the whole map, every
//! node with its lines and replies, the mood effect and feedback of each reply,
//! the condition under which each route is taken, and "play from here".

use super::scenario_map::ScenarioMapView;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::{NodeId, Scenario, Session};
use counterpart::route::Route;
use counterpart::web::storage;
use leptos::prelude::*;

/// Starts a trial run at `node` and opens it: kept apart from the trainee's
/// own paused conversation (`SessionSlot::Trial`), played at
/// `#/play/<id>?trial=1`, and never recorded as progress.
fn play_from(scenario: &Scenario, node: &NodeId) {
    let mut session = Session::start(scenario, js_sys::Date::now() as u64);
    session.node = node.clone();
    session.line = 0;
    if storage::save_session(storage::SessionSlot::Trial, &session).is_ok() {
        let _ = window()
            .location()
            .set_hash(&Route::trial_href(&scenario.id));
    }
}

#[component]
pub fn Preview(scenario: Scenario) -> impl IntoView {
    let lang = use_lang();
    let map_scenario = scenario.clone();
    let stored = StoredValue::new(scenario.clone());
    let nodes = move || {
        let l = lang.get();
        stored.with_value(|sc| {
            sc.nodes()
                .iter()
                .map(|node| {
                    let id = node.id.clone();
                    let lines = node.lines.iter().map(|line| view! { <li>{line.get(l).to_string()}</li> }).collect::<Vec<_>>();
                    let replies = node
                        .replies
                        .iter()
                        .map(|r| {
                            let techniques = r.techniques.iter().map(|t| t.label(l)).collect::<Vec<_>>().join(", ");
                            let routes = r
                                .routes
                                .iter()
                                .map(|route| view! { <li>{format!("{} → {}", route.when.describe(l), route.next)}</li> })
                                .collect::<Vec<_>>();
                            view! {
                                <li class=format!("preview-reply rating-{}", r.rating.id())>
                                    <p><strong>{format!("{} · {} · {:+}", r.id, r.rating.label(l), r.mood_change)}</strong>{(!techniques.is_empty()).then(|| format!(" · {techniques}"))}</p>
                                    <p>{r.text.get(l).to_string()}</p>
                                    <p class="why">{r.feedback.get(l).to_string()}</p>
                                    <ul class="routes">{routes}<li>{format!("{} → {}", tr(l, "sonst", "otherwise"), r.next)}</li></ul>
                                </li>
                            }
                        })
                        .collect::<Vec<_>>();
                    let ending = node.ending.as_ref().map(|e| format!("{}: {} – {}", tr(l, "Ende", "Ending"), e.outcome.label(l), e.title.get(l)));
                    let playable = node.ending.is_none();
                    let anchor = format!("node-{id}");
                    let heading = id.to_string();
                    view! {
                        <li class="preview-node" id=anchor>
                            <h2>{heading}</h2>
                            {ending.map(|e| view! { <p class="preview-ending">{e}</p> })}
                            <ul class="preview-lines">{lines}</ul>
                            <ol class="preview-replies">{replies}</ol>
                            {playable.then(|| view! {
                                <button on:click=move |_| stored.with_value(|sc| play_from(sc, &id))>{tr(l, "Von hier spielen", "Play from here")}</button>
                            })}
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="screen preview">
            <h1>{move || format!("{} {}", tr(lang.get(), "Vorschau:", "Preview:"), stored.with_value(|s| s.title.get(lang.get()).to_string()))}</h1>
            <p class="lead">{t(lang, "Alle Knoten und Wege dieses Gesprächs, mit Bewertung, Stimmungswirkung und Feedback jeder Antwort und der Bedingung jeder Weiche.", "Every node and path of this conversation, with each reply's rating, mood effect and feedback, and the condition of each route.")}</p>
            <ScenarioMapView scenario=map_scenario taken=Vec::new() best=Vec::new() lang=lang/>
            <ol class="preview-nodes">{nodes}</ol>
        </section>
    }
}
