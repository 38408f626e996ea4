//! The editor's live check: what the checker (in its worker) says about the
//! draft as it is typed — every problem and warning with a button to the
//! form it belongs to, and for a playable draft the score range, the
//! endings, the map and the mood along the best and the worst path.

use super::preview::{PathMoods, TrialSettings, TrialStart};
use super::scenario_map::ScenarioMapView;
use super::{t, tr};
use counterpart::engine::analysis::{flags_used, summarize};
use counterpart::engine::draft::{Place, place_at};
use counterpart::engine::import_check::ImportReport;
use counterpart::engine::paths::{best_walk, worst_walk};
use counterpart::engine::text::counted;
use counterpart::engine::{Diagnostic, Flag, Lang, NodeId, Scenario};
use leptos::prelude::*;

/// What the last check found, with the places of the text it checked.
#[derive(Clone)]
pub enum CheckOutcome {
    Playable {
        scenario: Scenario,
        report: ImportReport,
    },
    Problems(Vec<Diagnostic>),
    /// The check could not run (plain words).
    NotRun(String),
}

#[derive(Clone)]
pub struct Check {
    pub outcome: CheckOutcome,
    /// The form each line of the checked text belongs to.
    pub places: Vec<Place>,
}

/// The id of the form element a place is edited in.
pub fn form_id(place: Place) -> String {
    match place {
        Place::Scenario => "edit-scenario".into(),
        Place::Node(n) | Place::Ending(n) => format!("edit-node-{n}"),
        Place::Reply(n, r) => format!("edit-reply-{n}-{r}"),
    }
}

/// Scrolls to a form and puts keyboard focus on it, opening any folded
/// section it is in.
pub fn go_to_form(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    let Some(element) = document().get_element_by_id(id) else {
        return;
    };
    let mut parent = element.parent_element();
    while let Some(p) = parent {
        if p.tag_name().eq_ignore_ascii_case("details") {
            let _ = p.set_attribute("open", "");
        }
        parent = p.parent_element();
    }
    element.scroll_into_view();
    if let Ok(element) = element.dyn_into::<leptos::web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// "Knoten 2", "Antwort 1 in Knoten 3": where a place is, in words.
fn place_name(place: Place, l: Lang) -> String {
    match place {
        Place::Scenario => tr(l, "Szenario", "Scenario").to_string(),
        Place::Node(n) => format!("{} {}", tr(l, "Knoten", "Node"), n + 1),
        Place::Ending(n) => format!("{} {}", tr(l, "Ende in Knoten", "Ending in node"), n + 1),
        Place::Reply(n, r) => match l {
            Lang::De => format!("Antwort {} in Knoten {}", r + 1, n + 1),
            Lang::En => format!("Reply {} in node {}", r + 1, n + 1),
        },
    }
}

/// Problems or warnings, each with a button to the form it is about.
#[component]
fn Findings(diagnostics: Vec<Diagnostic>, places: Vec<Place>, lang: Lang) -> impl IntoView {
    let l = lang;
    view! {
        <ul class="problems">
            {diagnostics.into_iter().map(|d| {
                let place = place_at(&places, d.location.line);
                let target = form_id(place);
                view! {
                    <li>
                        {d.message.get(l).to_string()}
                        {d.hint.as_ref().map(|h| view! { <span class="hint">{format!(" – {}", h.get(l))}</span> })}
                        " "
                        <button type="button" class="link-button" on:click=move |_| go_to_form(&target)>
                            {format!("{} {}", tr(l, "Zum Feld:", "Go to:"), place_name(place, l))}
                        </button>
                    </li>
                }
            }).collect::<Vec<_>>()}
        </ul>
    }
}

/// The summary line, announced politely when it changes.
pub fn summary_line(check: Option<&Check>, pending: bool, l: Lang) -> String {
    let Some(check) = check else {
        return tr(l, "Wird geprüft …", "Checking …").into();
    };
    let text = match &check.outcome {
        CheckOutcome::NotRun(why) => format!(
            "{} {why}",
            tr(l, "Die Prüfung lief nicht:", "The check did not run:")
        ),
        CheckOutcome::Problems(p) => {
            format!(
                "{} – {}",
                counted(l, p.len(), ("Problem", "Probleme"), ("problem", "problems")),
                tr(l, "noch nicht spielbar.", "not playable yet.")
            )
        }
        CheckOutcome::Playable { report, .. } if report.warnings.is_empty() => tr(
            l,
            "Keine Probleme, keine Warnungen – spielbar.",
            "No problems, no warnings – playable.",
        )
        .into(),
        CheckOutcome::Playable { report, .. } => format!(
            "{} – {}",
            counted(
                l,
                report.warnings.len(),
                ("Warnung", "Warnungen"),
                ("warning", "warnings")
            ),
            tr(l, "spielbar.", "playable.")
        ),
    };
    if pending {
        format!(
            "{text} {}",
            tr(
                l,
                "(Änderungen werden geprüft …)",
                "(checking your changes …)"
            )
        )
    } else {
        text
    }
}

/// The check panel beside the forms.
#[component]
pub fn CheckPanel(
    check: RwSignal<Option<Check>>,
    pending: RwSignal<bool>,
    trial: TrialStart,
    lang: RwSignal<Lang>,
    /// Opens the form of a node chosen on the map.
    on_map_select: Callback<NodeId>,
) -> impl IntoView {
    let summary = move || check.with(|c| summary_line(c.as_ref(), pending.get(), lang.get()));
    let details = move || {
        let l = lang.get();
        let current = check.get()?;
        Some(match current.outcome {
            CheckOutcome::NotRun(_) => ().into_any(),
            CheckOutcome::Problems(problems) => view! {
                <div class="import-error">
                    <p>{format!("{}:", counted(l, problems.len(), ("Problem", "Probleme"), ("problem", "problems")))}</p>
                    <Findings diagnostics=problems places=current.places lang=l/>
                </div>
            }
            .into_any(),
            CheckOutcome::Playable { scenario, report } => {
                let ImportReport {
                    warnings,
                    score,
                    endings,
                } = report;
                let start_mood = scenario.start_mood.0;
                let (best, worst) = (
                    best_walk(&scenario, start_mood),
                    worst_walk(&scenario, start_mood),
                );
                let best_nodes = best.nodes();
                let summary = summarize(&scenario);
                let flags: Vec<Flag> = flags_used(&scenario).into_iter().collect();
                let stored = StoredValue::new(scenario.clone());
                view! {
                    {(!warnings.is_empty()).then(|| view! {
                        <div class="import-warnings">
                            <p>{format!("{} – {}", counted(l, warnings.len(), ("Warnung", "Warnungen"), ("warning", "warnings")), tr(l, "spielbar, aber hier lehrt das Gespräch schlecht:", "playable, but the conversation teaches badly here:"))}</p>
                            <Findings diagnostics=warnings places=current.places.clone() lang=l/>
                        </div>
                    })}
                    {score.map(|score| view! {
                        <p class="import-score">{format!("{} {}–{}", tr(l, "Erreichbare Punktzahl:", "Score range:"), score.min, score.max)}</p>
                    })}
                    {(!endings.is_empty()).then(|| view! {
                        <p>{format!("{}:", counted(l, endings.len(), ("Ende", "Enden"), ("ending", "endings")))}</p>
                        <ul class="import-endings">
                            {endings.into_iter().map(|e| view! { <li>{format!("{} – {}", e.title.get(l), e.outcome.label(l))}</li> }).collect::<Vec<_>>()}
                        </ul>
                    })}
                    <ScenarioMapView scenario=scenario taken=Vec::new() best=best_nodes lang=lang on_select=on_map_select/>
                    <PathMoods best=best worst=worst summary=summary scenario=stored lang=lang/>
                    <TrialSettings start=trial flags=flags lang=lang/>
                }
                .into_any()
            }
        })
    };
    view! {
        <aside class="editor-check" aria-labelledby="editor-check-heading">
            <h2 id="editor-check-heading">{t(lang, "Prüfung", "Check")}</h2>
            <p class="check-summary" role="status">{summary}</p>
            {details}
        </aside>
    }
}
