//! The debrief's map of the scenario: every node and connection, the trainee's
//! path drawn solid, the expert's path dashed; described in words as well.

use super::{t, tr};
use counterpart::engine::{Lang, NodeId, Scenario};
use counterpart::scenario_map::{ScenarioMap, layout};
use leptos::prelude::*;

fn polyline(points: &[(f32, f32)], dx: f32) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{:.1},{:.1}", x + dx, y))
        .collect::<Vec<_>>()
        .join(" ")
}

fn node_view(map: &ScenarioMap, i: usize, visited: bool, lang: Lang) -> AnyView {
    let node = &map.nodes[i];
    let stroke = if visited { "#1f4e5f" } else { "#6b6b6b" };
    let class = if visited { "node visited" } else { "node" };
    match node.ending {
        Some(outcome) => {
            let fill = if outcome.is_success() { "#e3f3e8" } else { "#fbe5e4" };
            view! {
                <g class=class>
                    <rect x=node.x - 42.0 y=node.y - 13.0 width="84" height="26" rx="6" fill=fill stroke=stroke stroke-width=if visited { "3" } else { "1.5" }></rect>
                    <text x=node.x y=node.y + 4.0 font-size="10" text-anchor="middle" fill="#1b2430">{outcome.label(lang)}</text>
                </g>
            }
            .into_any()
        }
        None => view! {
            <circle class=class cx=node.x cy=node.y r="9" fill=if visited { "#1f4e5f" } else { "#ffffff" } stroke=stroke stroke-width="2"></circle>
        }
        .into_any(),
    }
}

#[component]
pub fn ScenarioMapView(
    scenario: Scenario,
    taken: Vec<NodeId>,
    best: Vec<NodeId>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let map = layout(&scenario);
    let scenario_endings: Vec<(NodeId, counterpart::engine::Outcome)> = scenario
        .nodes()
        .iter()
        .filter_map(|n| n.ending.as_ref().map(|e| (n.id.clone(), e.outcome)))
        .collect();
    let reached = taken
        .last()
        .and_then(|id| scenario_endings.iter().find(|(n, _)| n == id))
        .map(|(_, outcome)| *outcome);
    let taken_points = polyline(&map.points_of(&taken), -3.0);
    let best_points = polyline(&map.points_of(&best), 3.0);
    let visited: Vec<bool> = map.nodes.iter().map(|n| taken.contains(&n.id)).collect();
    let label = move || {
        let l = lang.get();
        let ending = |path: &[NodeId]| {
            path.last()
                .and_then(|id| scenario.node(id))
                .and_then(|n| n.ending.as_ref())
                .map(|e| e.outcome.label(l))
                .unwrap_or("–")
        };
        format!(
            "{} {} {}, {} {}. {} {} {}, {} {}.",
            tr(l, "Ihr Weg:", "Your path:"),
            taken.len().saturating_sub(1),
            tr(l, "Entscheidungen", "decisions"),
            tr(l, "Ende:", "ending:"),
            ending(&taken),
            tr(l, "Bester Weg:", "Best path:"),
            best.len().saturating_sub(1),
            tr(l, "Entscheidungen", "decisions"),
            tr(l, "Ende:", "ending:"),
            ending(&best),
        )
    };
    let edges = map
        .edges
        .iter()
        .map(|&(a, b)| {
            let (from, to) = (&map.nodes[a], &map.nodes[b]);
            view! { <line class="edge" x1=from.x y1=from.y x2=to.x y2=to.y stroke="#767676" stroke-width="1.5"></line> }
        })
        .collect::<Vec<_>>();
    let view_box = format!("0 0 {:.0} {:.0}", map.width, map.height);
    // Drawn at least so wide that its 10-unit labels are 16 px: narrower
    // screens (or 400 % zoom) scroll the picture sideways instead of
    // shrinking its text.
    let min_width = format!("{:.0}", map.width * 1.6);
    // The map's labels in words: every kind of ending it shows, and the one reached.
    let endings = move || {
        let l = lang.get();
        let mut seen: Vec<counterpart::engine::Outcome> = Vec::new();
        for (_, outcome) in &scenario_endings {
            if !seen.contains(outcome) {
                seen.push(*outcome);
            }
        }
        let named = seen
            .iter()
            .map(|o| match reached {
                Some(r) if r == *o => {
                    format!("{} ({})", o.label(l), tr(l, "Ihr Ende", "your ending"))
                }
                _ => o.label(l).to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        format!(
            "{} {named}.",
            tr(l, "Enden auf der Karte:", "Endings on the map:")
        )
    };
    let nodes = move || {
        (0..map.nodes.len())
            .map(|i| node_view(&map, i, visited[i], lang.get()))
            .collect::<Vec<_>>()
    };
    view! {
        <figure class="scenario-map">
            <div class="figure-scroll" tabindex="0" role="group" aria-label=move || tr(lang.get(), "Karte", "Map")>
                <svg viewBox=view_box width=min_width aria-hidden="true">
                    {edges}
                    <polyline class="path-best" points=best_points fill="none" stroke="#1d6b3a" stroke-width="3" stroke-dasharray="7 5"></polyline>
                    <polyline class="path-taken" points=taken_points fill="none" stroke="#1f4e5f" stroke-width="4" stroke-linejoin="round"></polyline>
                    {nodes}
                </svg>
            </div>
            <figcaption>
                <span class="legend legend-taken">{t(lang, "Ihr Weg", "Your path")}</span>
                <span class="legend legend-best">{t(lang, "Bester Weg", "Best path")}</span>
                <span>{label}</span>
                <span>{endings}</span>
            </figcaption>
        </figure>
    }
}
