//! The author's preview of a scenario (`#/preview/<id>`): the whole map (each
//! node labelled and opening its section), the mood after every decision on
//! the best and the worst path with the score range, every node with its
//! lines and replies, the mood effect and feedback of each reply, the
//! condition under which each route is taken, and "play from here" with a
//! chosen start mood and flags.

use super::scenario_map::ScenarioMapView;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::analysis::{Summary, flags_used, summarize};
use counterpart::engine::paths::{Walk, best_walk, worst_walk};
use counterpart::engine::session::Step;
use counterpart::engine::text::counted;
use counterpart::engine::{Flag, Lang, MoodLevel, Node, NodeId, Scenario, Session};
use counterpart::route::Route;
use counterpart::web::storage;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Where a trial run starts: the mood and the flags the author chose.
#[derive(Clone, Copy)]
pub(super) struct TrialStart {
    pub mood: RwSignal<u8>,
    pub flags: RwSignal<BTreeSet<Flag>>,
}

/// The line variant a trial run at `node` opens with. Preferably the one the
/// session's replay (`Session::turns`, which rebuilds the transcript after
/// each reply) picks for it, so the first line stays put; but the replay
/// starts without flags, so when the chosen flags call for another variant,
/// one of those.
fn opening_line(session: &Session, scenario: &Scenario, node: &Node) -> usize {
    let choices = node.line_choices(session.mood, &session.flags);
    let replayed = node.replies.first().and_then(|reply| {
        let mut probe = session.clone();
        probe.steps = vec![Step {
            node: node.id.clone(),
            reply: reply.id.clone(),
            rating: reply.rating,
            mood_before: session.mood,
            mood_after: session.mood,
            words: None,
        }];
        let turns = probe.turns(scenario);
        let line = turns.first()?.line;
        node.lines.iter().position(|l| std::ptr::eq(l, line))
    });
    replayed
        .filter(|i| choices.contains(i))
        .or_else(|| {
            choices
                .get(session.seed as usize % choices.len().max(1))
                .copied()
        })
        .unwrap_or(0)
}

/// Starts a trial run at `node` with the chosen mood and flags, and opens it:
/// kept apart from the trainee's own paused conversation
/// (`SessionSlot::Trial`), played at `#/play/<id>?trial=1`, and never
/// recorded as progress (the conversation screen sees `trial=1`).
pub(super) fn play_from(scenario: &Scenario, node: &NodeId, mood: u8, flags: BTreeSet<Flag>) {
    let Some(at) = scenario.node(node) else {
        return;
    };
    let mut session = Session::start(scenario, js_sys::Date::now() as u64);
    let mood = mood.min(100);
    session.node = node.clone();
    session.start_mood = mood;
    session.mood = mood;
    session.flags = flags;
    session.line = opening_line(&session, scenario, at);
    if storage::save_session(storage::SessionSlot::Trial, &session).is_ok() {
        let _ = window()
            .location()
            .set_hash(&Route::trial_href(&scenario.id));
    }
}

/// Scrolls to a node's section and puts keyboard focus on it (the map's
/// nodes open their section this way).
fn open_node(node: &NodeId) {
    use leptos::wasm_bindgen::JsCast;
    let Some(section) = document().get_element_by_id(&format!("node-{node}")) else {
        return;
    };
    section.scroll_into_view();
    if let Ok(section) = section.dyn_into::<leptos::web_sys::HtmlElement>() {
        let _ = section.focus();
    }
}

/// The mood after a decision, "50", or "50 → 58" when the next node has a
/// swing of its own.
fn mood_cell(after: u8, on_arrival: u8) -> String {
    if after == on_arrival {
        after.to_string()
    } else {
        format!("{after} → {on_arrival}")
    }
}

/// One path as a table: the start mood, each decision (node, reply, mood
/// after it) and the ending reached with its score.
#[component]
fn PathTable(
    walk: Walk,
    scenario: StoredValue<Scenario>,
    class: &'static str,
    title: (&'static str, &'static str),
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let walk = StoredValue::new(walk);
    let caption = move || {
        let l = lang.get();
        walk.with_value(|w| {
            format!(
                "{} – {} {}: {}",
                tr(l, title.0, title.1),
                tr(l, "ab Stimmung", "from mood"),
                w.start_mood,
                counted(
                    l,
                    w.decisions(),
                    ("Entscheidung", "Entscheidungen"),
                    ("decision", "decisions")
                ),
            )
        })
    };
    let rows = walk.with_value(|w| {
        w.steps
            .iter()
            .map(|s| {
                view! {
                    <tr>
                        <th scope="row">{s.node.to_string()}</th>
                        <td>{s.reply.to_string()}</td>
                        <td class="mood">{mood_cell(s.mood_after, s.mood_on_arrival)}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>()
    });
    let end = move || {
        let l = lang.get();
        walk.with_value(|w| {
            let reached = scenario.with_value(|sc| {
                sc.node(&w.end)
                    .and_then(|n| n.ending.as_ref())
                    .map(|e| format!("{} – {}", e.outcome.label(l), e.title.get(l)))
            });
            match (reached, w.score) {
                (Some(ending), Some(score)) => format!(
                    "{} {ending} · {}",
                    tr(l, "Ende:", "Ending:"),
                    counted(
                        l,
                        usize::from(score),
                        ("Punkt", "Punkte"),
                        ("point", "points")
                    )
                ),
                _ => tr(
                    l,
                    "Kein Ende erreicht: Der Weg läuft im Kreis.",
                    "No ending reached: the path goes round in a loop.",
                )
                .to_string(),
            }
        })
    };
    let end_node = walk.with_value(|w| w.end.to_string());
    let start_mood = walk.with_value(|w| w.start_mood.to_string());
    view! {
        <div class="path-table">
            <table class=format!("path-mood {class}")>
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(lang, "Knoten", "Node")}</th>
                        <th scope="col">{t(lang, "Antwort", "Reply")}</th>
                        <th scope="col">{t(lang, "Stimmung danach", "Mood after")}</th>
                    </tr>
                </thead>
                <tbody>
                    <tr class="path-start">
                        <th scope="row">{t(lang, "Beginn", "Start")}</th>
                        <td>"–"</td>
                        <td class="mood">{start_mood}</td>
                    </tr>
                    {rows}
                    <tr class="path-end">
                        <th scope="row">{end_node}</th>
                        <td colspan="2">{end}</td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}

/// The mood along the best and the worst path, and the score range.
#[component]
pub(super) fn PathMoods(
    best: Walk,
    worst: Walk,
    summary: Summary,
    scenario: StoredValue<Scenario>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let swings = [&best, &worst]
        .iter()
        .flat_map(|w| &w.steps)
        .any(|s| s.mood_after != s.mood_on_arrival);
    let range = move || {
        let l = lang.get();
        format!(
            "{} {} {} {}{}",
            tr(l, "Punktespanne: von", "Score range: from"),
            summary.score_min,
            tr(l, "bis", "to"),
            counted(
                l,
                usize::from(summary.score_max),
                ("Punkt", "Punkte"),
                ("point", "points")
            ),
            if summary.has_loop {
                tr(
                    l,
                    " (nach den untersuchten Wegen; das Gespräch kann im Kreis laufen).",
                    " (from the paths explored; the conversation can go round in a loop).",
                )
            } else {
                "."
            },
        )
    };
    view! {
        <section class="path-moods" aria-labelledby="path-moods-title">
            <h2 id="path-moods-title">{t(lang, "Stimmung auf dem besten und dem schlechtesten Weg", "Mood along the best and the worst path")}</h2>
            <p class="score-range">{range}</p>
            <p class="hint">{t(lang, "Bester Weg: an jeder Stelle die am besten bewertete Antwort, bei Gleichstand die beruhigendste. Schlechtester Weg: die am schlechtesten bewertete, bei Gleichstand die, die am meisten verärgert. Stimmung: 0 ruhig – 100 wütend.", "Best path: at every point the best-rated reply, on a tie the most calming one. Worst path: the worst-rated reply, on a tie the one that angers most. Mood: 0 calm – 100 furious.")}</p>
            <PathTable walk=best scenario=scenario class="path-best" title=("Bester Weg", "Best path") lang=lang/>
            <PathTable walk=worst scenario=scenario class="path-worst" title=("Schlechtester Weg", "Worst path") lang=lang/>
            {swings.then(|| view! {
                <p class="hint">{t(lang, "„50 → 58“: Am nächsten Knoten ändert sich die Stimmung der Kundschaft noch von selbst; Weichen prüfen die erste Zahl.", "“50 → 58”: at the next node the customer's mood changes again on its own; routes test the first number.")}</p>
            })}
        </section>
    }
}

/// The mood and flags a trial run from any node starts with.
#[component]
pub(super) fn TrialSettings(
    start: TrialStart,
    flags: Vec<Flag>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let level = move || {
        let mood = start.mood.get();
        format!("{mood}: {}", MoodLevel::of(mood).label(lang.get()))
    };
    let flag_boxes = (!flags.is_empty()).then(|| {
        let boxes = flags
            .into_iter()
            .map(|flag| {
                let (shown, toggled) = (flag.clone(), flag.clone());
                view! {
                    <li>
                        <label>
                            <input type="checkbox"
                                prop:checked=move || start.flags.with(|f| f.contains(&shown))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    start.flags.update(|f| {
                                        if on {
                                            f.insert(toggled.clone());
                                        } else {
                                            f.remove(&toggled);
                                        }
                                    });
                                }/>
                            " "<code>{flag.to_string()}</code>
                        </label>
                    </li>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <fieldset class="trial-flags">
                <legend>{t(lang, "Schon gemerkt (Flags)", "Already remembered (flags)")}</legend>
                <ul>{boxes}</ul>
            </fieldset>
        }
    });
    view! {
        <fieldset class="trial-settings">
            <legend>{t(lang, "Probelauf: Ausgangslage für „Von hier spielen“", "Trial run: starting point for “Play from here”")}</legend>
            <p class="hint">{t(lang, "Gilt für jeden Knoten unten. Probeläufe werden nie als Fortschritt gespeichert.", "Applies to every node below. Trial runs are never saved as progress.")}</p>
            <p class="trial-mood">
                <label for="trial-mood">{t(lang, "Stimmung zu Beginn (0 ruhig – 100 wütend)", "Starting mood (0 calm – 100 furious)")}</label>
                <input id="trial-mood" type="number" min="0" max="100" step="1" inputmode="numeric"
                    prop:value=move || start.mood.get().to_string()
                    on:input=move |ev| {
                        if let Ok(mood) = event_target_value(&ev).trim().parse::<i64>() {
                            start.mood.set(mood.clamp(0, 100) as u8);
                        }
                    }/>
                <output for="trial-mood" class="trial-mood-level">{level}</output>
            </p>
            {flag_boxes}
        </fieldset>
    }
}

#[component]
pub fn Preview(scenario: Scenario) -> impl IntoView {
    let lang = use_lang();
    // The paths start at the scenario's start mood (the lower end of a range).
    let start_mood = scenario.start_mood.0;
    let (best, worst) = (
        best_walk(&scenario, start_mood),
        worst_walk(&scenario, start_mood),
    );
    let summary = summarize(&scenario);
    let flags: Vec<Flag> = flags_used(&scenario).into_iter().collect();
    let start = TrialStart {
        mood: RwSignal::new(start_mood),
        flags: RwSignal::new(BTreeSet::new()),
    };
    let best_nodes = best.nodes();
    let map_scenario = scenario.clone();
    let stored = StoredValue::new(scenario);
    let select = Callback::new(|node: NodeId| open_node(&node));
    // What "play from here" starts with, beside each button.
    let trial_start = move || {
        let l = lang.get();
        let mood = start.mood.get();
        start.flags.with(|flags| {
            let remembered = if flags.is_empty() {
                tr(l, "nichts gemerkt", "nothing remembered").to_string()
            } else {
                let names = flags.iter().map(Flag::to_string).collect::<Vec<_>>();
                format!("{} {}", tr(l, "gemerkt:", "remembered:"), names.join(", "))
            };
            format!("{} {mood}, {remembered}", tr(l, "Ab Stimmung", "From mood"))
        })
    };
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
                        <li class="preview-node" id=anchor tabindex="-1">
                            <h2>{heading}</h2>
                            {ending.map(|e| view! { <p class="preview-ending">{e}</p> })}
                            <ul class="preview-lines">{lines}</ul>
                            <ol class="preview-replies">{replies}</ol>
                            {playable.then(|| view! {
                                <p class="play-from">
                                    <button on:click=move |_| stored.with_value(|sc| play_from(sc, &id, start.mood.get_untracked(), start.flags.get_untracked()))>{tr(l, "Von hier spielen", "Play from here")}</button>
                                    " "<span class="trial-start">{trial_start}</span>
                                </p>
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
            <p class="lead">{t(lang, "Alle Knoten und Wege dieses Gesprächs, mit Bewertung, Stimmungswirkung und Feedback jeder Antwort und der Bedingung jeder Weiche. Ein Knoten auf der Karte öffnet seinen Abschnitt.", "Every node and path of this conversation, with each reply's rating, mood effect and feedback, and the condition of each route. A node on the map opens its section.")}</p>
            <ScenarioMapView scenario=map_scenario taken=Vec::new() best=best_nodes lang=lang on_select=select/>
            <PathMoods best=best worst=worst summary=summary scenario=stored lang=lang/>
            <TrialSettings start=start flags=flags lang=lang/>
            <ol class="preview-nodes">{nodes}</ol>
        </section>
    }
}
