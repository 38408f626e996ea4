//! The debrief after an ending: outcome, score, techniques applied, missed and
//! misapplied, the ending's explanation, and the way to play again.

use super::mood_chart::MoodChart;
use super::progress_store::use_progress;
use super::scenario_map::ScenarioMapView;
use super::scenarios::use_scenarios;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::badges::BadgeRule;
use counterpart::engine::class_report::RunPath;
use counterpart::engine::paths::{best_path, better_reply};
use counterpart::engine::progress::BadgeAward;
use counterpart::engine::result::RunResult;
use counterpart::engine::suggest::suggest;
use counterpart::engine::{Lang, NodeId, Scenario, Session, Technique};
use counterpart::route::Route;
use leptos::prelude::*;
use std::collections::BTreeSet;

fn technique_list(techniques: &BTreeSet<Technique>, lang: Lang) -> Vec<AnyView> {
    techniques
        .iter()
        .map(|t| {
            let href = counterpart::route::Route::Techniques(Some(*t)).href();
            view! { <li><a class="technique-link" href=href>{t.label(lang)}</a></li> }.into_any()
        })
        .collect()
}

/// Each decision: what the customer said, what was chosen and why it worked
/// or not, and — where there was one — the better reply with its reasoning.
fn decision_review(scenario: &Scenario, session: &Session, lang: RwSignal<Lang>) -> Vec<AnyView> {
    session
        .turns(scenario)
        .into_iter()
        .map(|turn| {
            let line = turn.line.clone();
            let chosen = turn.reply.clone();
            let better = better_reply(turn.node, turn.reply).cloned();
            view! {
                <li class=format!("decision rating-{}", chosen.rating.id())>
                    <p class="said">{move || match lang.get() {
                        Lang::De => format!("„{}“", line.get(Lang::De)),
                        Lang::En => format!("“{}”", line.get(Lang::En)),
                    }}</p>
                    <p>
                        <strong>{move || format!("{} ({}): ", tr(lang.get(), "Ihre Antwort", "Your reply"), chosen.rating.label(lang.get()).to_lowercase())}</strong>
                        {let text = chosen.text.clone(); move || text.get(lang.get()).to_string()}
                    </p>
                    <p class="why">{let feedback = chosen.feedback.clone(); move || feedback.get(lang.get()).to_string()}</p>
                    {better.map(|b| view! {
                        <div class="better">
                            <p><strong>{t(lang, "Besser: ", "Better: ")}</strong>{let text = b.text.clone(); move || text.get(lang.get()).to_string()}</p>
                            <p class="why">{let feedback = b.feedback.clone(); move || feedback.get(lang.get()).to_string()}</p>
                        </div>
                    })}
                </li>
            }
            .into_any()
        })
        .collect()
}

/// Keeps the run's decisions for a class debrief (`engine::class_report`;
/// they leave the browser only in an export the trainee makes). Here, in the
/// debrief's chunk, not in the conversation's code of the first load. Not
/// for an author's trial run; a run shown twice is kept once.
fn keep_run_path(scenario: &Scenario, run: &RunResult) {
    if counterpart::route::is_trial(&window().location().hash().unwrap_or_default()) {
        return;
    }
    let finished_at = use_progress().with_untracked(|p| {
        p.history
            .last()
            .filter(|last| last.scenario == run.scenario)
            .map(|last| last.finished_at)
    });
    if let Some(finished_at) = finished_at {
        counterpart::web::storage::keep_path(&RunPath::of(scenario, &run.steps, finished_at));
    }
}

#[component]
pub fn Debrief(
    scenario: Scenario,
    session: Session,
    run: RunResult,
    awards: Vec<BadgeAward>,
    on_again: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    keep_run_path(&scenario, &run);
    let taken: Vec<NodeId> = run
        .steps
        .iter()
        .map(|s| s.node.clone())
        .chain([run.ending.clone()])
        .collect();
    let best = best_path(&scenario, run.mood_curve.first().copied().unwrap_or(50));
    let review = decision_review(&scenario, &session, lang);
    let map_scenario = scenario.clone();
    let progress = use_progress();
    let scenarios = use_scenarios();
    let next = {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64((js_sys::Math::random() * 1e15) as u64);
        let cards = scenarios.cards();
        progress.with_untracked(|p| {
            suggest(&cards, p, Some(&scenario.id), &mut rng)
                .map(|(s, t)| (s.id.clone(), s.title.clone(), t))
        })
    };
    let own = !scenarios.is_shipped(&scenario.id);
    let ending = scenario.node(&run.ending).and_then(|n| n.ending.clone());
    let last_words = session.current_line(&scenario).cloned();
    let customer = scenario.customer_name.clone();
    let ending_title = ending.as_ref().map(|e| e.title.clone());
    let debrief = ending.as_ref().map(|e| e.debrief.clone());
    let run = StoredValue::new(run);
    let section = move |heading_de: &'static str,
                        heading_en: &'static str,
                        class: &'static str,
                        pick: fn(&RunResult) -> &BTreeSet<Technique>| {
        view! {
            <div class=format!("technique-box {class}")>
                <h3>{move || tr(lang.get(), heading_de, heading_en)}</h3>
                {move || run.with_value(|r| {
                    let set = pick(r);
                    if set.is_empty() {
                        view! { <p class="none">{tr(lang.get(), "keine", "none")}</p> }.into_any()
                    } else {
                        view! { <ul>{technique_list(set, lang.get())}</ul> }.into_any()
                    }
                })}
            </div>
        }
    };
    // The reply just chosen is gone: put focus on the outcome, so screen
    // readers announce it and Tab continues from there, not from nowhere.
    let heading_ref = NodeRef::<leptos::html::H1>::new();
    request_animation_frame(move || {
        if let Some(heading) = heading_ref.try_get_untracked().flatten() {
            let _ = heading.focus();
        }
    });
    view! {
        <section class="screen debrief">
            <h1 tabindex="-1" node_ref=heading_ref>{move || format!("{} {}", tr(lang.get(), "Ergebnis:", "Outcome:"), ending_title.as_ref().map(|t| t.get(lang.get()).to_string()).unwrap_or_default())}</h1>
            // The customer's last words: an ending's lines are part of the
            // story (the author wrote them), not only of the preview.
            {last_words.map(|line| view! {
                <blockquote class="last-words">
                    <p><span class="speaker">{move || customer.get(lang.get()).to_string()}</span>{move || line.get(lang.get()).to_string()}</p>
                </blockquote>
            })}
            <p class="outcome">
                <span class=move || format!("outcome-badge outcome-{}", run.with_value(|r| r.outcome.id()))>
                    {move || run.with_value(|r| r.outcome.label(lang.get()))}
                </span>
                <span class="score">{move || format!("{} {} / 100", run.with_value(|r| r.score), tr(lang.get(), "Punkte", "points"))}</span>
            </p>
            <p class="debrief-text">{move || debrief.as_ref().map(|d| d.get(lang.get()).to_string()).unwrap_or_default()}</p>
            // A scenario of the trainee's own never earns badges (no farming).
            {own.then(|| view! {
                <p class="own-note">{t(lang, "Ein eigenes Szenario: Dieser Lauf steht in Ihrem Verlauf, zählt aber nicht für Abzeichen.", "Your own scenario: this run is in your history but does not count towards badges.")}</p>
            })}
            {(!awards.is_empty()).then(|| {
                let awards = awards.clone();
                view! {
                    <div class="awards" role="status">
                        <h2>{t(lang, "Neues Abzeichen", "New badge")}</h2>
                        <ul>
                            {move || awards.iter().filter_map(|a| BadgeRule::by_id(a.badge).map(|rule| (rule, a.level))).map(|(rule, level)| view! {
                                <li>{format!("{} – {} {level}", rule.name(lang.get()), tr(lang.get(), "Stufe", "level"))}</li>
                            }).collect::<Vec<_>>()}
                        </ul>
                    </div>
                }
            })}
            <h2>{t(lang, "Techniken in diesem Gespräch", "Techniques in this conversation")}</h2>
            <div class="technique-grid">
                {section("Gut angewendet", "Applied well", "applied", |r| &r.applied)}
                {section("Verpasst", "Missed", "missed", |r| &r.missed)}
                {section("Falsch eingesetzt", "Used at the wrong moment", "misapplied", |r| &r.misapplied)}
            </div>
            <h2>{t(lang, "Stimmung im Verlauf", "Mood over the conversation")}</h2>
            <MoodChart curve=run.with_value(|r| r.mood_curve.clone()) lang=lang/>
            <h2>{t(lang, "Ihre Entscheidungen", "Your decisions")}</h2>
            <ol class="decisions">{review}</ol>
            // Answered in own words: the trainee's sentences, in order.
            {use_context::<super::own_words::OwnWords>().map(super::own_words::sentences)}
            <h2>{t(lang, "Karte des Gesprächs", "Map of the conversation")}</h2>
            <ScenarioMapView scenario=map_scenario taken=taken best=best lang=lang/>
            <div class="actions">
                <button class="primary" on:click=move |_| on_again.run(())>{t(lang, "Nochmal spielen", "Play again")}</button>
                {next.map(|(id, title, technique)| view! {
                    <a class="button" href=Route::Play(id).href()>
                        {move || format!("{} {} ({} {})", tr(lang.get(), "Als Nächstes:", "Next:"), title.get(lang.get()), tr(lang.get(), "übt", "practises"), technique.label(lang.get()))}
                    </a>
                })}
                <a class="button" href="#/">{t(lang, "Zur Übersicht", "To the library")}</a>
                <a class="button" href="#/progress">{t(lang, "Mein Fortschritt", "My progress")}</a>
            </div>
        </section>
    }
}
