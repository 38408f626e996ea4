//! The map of a scenario: every node and connection, the trainee's path drawn
//! solid, the expert's path dashed; described in words as well. In the
//! author's preview (`on_select` given) each node carries its id as a label
//! and is a button that opens that node's section.

use super::{t, tr};
use counterpart::engine::analysis::decision_points;
use counterpart::engine::diagram::{first_words, map_label};
use counterpart::engine::text::counted;
use counterpart::engine::{Lang, NodeId, Outcome, Scenario, Text};
use counterpart::scenario_map::{ScenarioMap, layout};
use leptos::prelude::*;

/// Room around a labelled map, in map units: an id under a node in the
/// outer column reaches past the map's own padding, two lines under the
/// last layer below it.
const LABEL_MARGIN_X: f32 = 14.0;
const LABEL_MARGIN_Y: f32 = 16.0;

fn polyline(points: &[(f32, f32)], dx: f32) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{:.1},{:.1}", x + dx, y))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a screen reader hears for a node of the preview's map: its id (an
/// ending's outcome first, as shown), and the first words of the customer's
/// line or the ending's title.
struct NodeWords {
    line: Option<Text>,
    ending: Option<(Outcome, Text)>,
}

impl NodeWords {
    fn name(&self, id: &NodeId, lang: Lang) -> String {
        match (&self.ending, &self.line) {
            // In the order the node shows its words (the outcome in the box,
            // the id below): the visible label starts the name (WCAG 2.5.3).
            // The outcome's text ends in a space, so the two read as two
            // words (axe joins an element's texts without one).
            (Some((outcome, title)), _) => format!(
                "{} {id}: {} {}",
                outcome.label(lang),
                tr(lang, "Ende:", "ending:"),
                title.get(lang)
            ),
            (None, Some(line)) => format!("{id}: {}", first_words(line.get(lang), 8)),
            (None, None) => id.to_string(),
        }
    }
}

fn shape(map: &ScenarioMap, i: usize, visited: bool, lang: Lang) -> AnyView {
    let node = &map.nodes[i];
    let stroke = if visited { "#1f4e5f" } else { "#6b6b6b" };
    let class = if visited { "node visited" } else { "node" };
    match node.ending {
        Some(outcome) => {
            let fill = if outcome.is_success() { "#e3f3e8" } else { "#fbe5e4" };
            view! {
                <g class=class>
                    <rect x=node.x - 42.0 y=node.y - 13.0 width="84" height="26" rx="6" fill=fill stroke=stroke stroke-width=if visited { "3" } else { "1.5" }></rect>
                    <text aria-hidden="true" x=node.x y=node.y + 4.0 font-size="10" text-anchor="middle" fill="#1b2430">{format!("{} ", outcome.label(lang))}</text>
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

/// A node of the preview's map: its shape with its id printed below, as a
/// button (click, Enter or Space) that opens the node's section.
fn selectable(
    map: &ScenarioMap,
    i: usize,
    name: String,
    select: Callback<NodeId>,
    lang: Lang,
) -> AnyView {
    let node = &map.nodes[i];
    let top = node.y + if node.ending.is_some() { 25.0 } else { 21.0 };
    let lines = map_label(node.id.as_str());
    // The whole node and its label take clicks (and frame it when focused).
    let (hit_top, hit_bottom) = (node.y - 14.0, top + 11.0 * (lines.len() as f32 - 1.0) + 4.0);
    let labels = lines
        .into_iter()
        .enumerate()
        .map(|(k, line)| {
            view! {
                <text class="node-label" aria-hidden="true" x=node.x y=top + 11.0 * k as f32 font-size="10" text-anchor="middle"
                    fill="#1b2430" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{line}</text>
            }
        })
        .collect::<Vec<_>>();
    let (id, key_id) = (node.id.clone(), node.id.clone());
    view! {
        <g class="map-node" role="button" tabindex="0" aria-label=name
            on:click=move |_| select.run(id.clone())
            on:keydown=move |ev| {
                if ev.key() == "Enter" || ev.key() == " " {
                    ev.prevent_default();
                    select.run(key_id.clone());
                }
            }>
            <rect class="hit" x=node.x - 45.0 y=hit_top width="90" height=hit_bottom - hit_top rx="4" fill="transparent"></rect>
            {shape(map, i, false, lang)}
            {labels}
        </g>
    }
    .into_any()
}

/// "4 Entscheidungen": the decisions on a path of nodes (its start and end included).
fn decisions(lang: Lang, path: &[NodeId]) -> String {
    counted(
        lang,
        path.len().saturating_sub(1),
        ("Entscheidung", "Entscheidungen"),
        ("decision", "decisions"),
    )
}

#[component]
pub fn ScenarioMapView(
    scenario: Scenario,
    taken: Vec<NodeId>,
    best: Vec<NodeId>,
    lang: RwSignal<Lang>,
    /// Given in the author's preview: labels every node with its id and makes
    /// it a button that opens it.
    #[prop(optional)]
    on_select: Option<Callback<NodeId>>,
) -> impl IntoView {
    let map = layout(&scenario);
    let scenario_endings: Vec<(NodeId, Outcome)> = scenario
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
    let has_taken = !taken.is_empty();
    // The preview's figures: how many nodes, decisions and endings the map shows.
    let counts = on_select.map(|_| {
        (
            scenario.nodes().len(),
            decision_points(&scenario),
            scenario_endings.len(),
        )
    });
    let words: Vec<NodeWords> = map
        .nodes
        .iter()
        .map(|n| {
            let node = scenario.node(&n.id);
            NodeWords {
                line: node.and_then(|n| n.lines.first().cloned()),
                ending: node
                    .and_then(|n| n.ending.as_ref())
                    .map(|e| (e.outcome, e.title.clone())),
            }
        })
        .collect();
    let label = move || {
        let l = lang.get();
        let ending = |path: &[NodeId]| {
            path.last()
                .and_then(|id| scenario.node(id))
                .and_then(|n| n.ending.as_ref())
                .map(|e| e.outcome.label(l))
                .unwrap_or("–")
        };
        let path = |label: &str, nodes: &[NodeId]| {
            format!(
                "{label} {}, {} {}.",
                decisions(l, nodes),
                tr(l, "Ende:", "ending:"),
                ending(nodes)
            )
        };
        let mut said = Vec::new();
        // The preview has no path of its own: counting the decisions of an
        // empty one said "0 decisions".
        if has_taken {
            said.push(path(tr(l, "Ihr Weg:", "Your path:"), &taken));
        }
        if !best.is_empty() {
            said.push(path(tr(l, "Bester Weg:", "Best path:"), &best));
        }
        if let Some((nodes, decision_nodes, endings)) = counts {
            said.push(format!(
                "{} {}: {} {} {}.",
                tr(l, "Die Karte zeigt", "The map shows"),
                counted(l, nodes, ("Knoten", "Knoten"), ("node", "nodes")),
                counted(
                    l,
                    decision_nodes,
                    ("Entscheidung", "Entscheidungen"),
                    ("decision", "decisions")
                ),
                tr(l, "und", "and"),
                counted(l, endings, ("Ende", "Enden"), ("ending", "endings")),
            ));
        }
        said.join(" ")
    };
    let edges = map
        .edges
        .iter()
        .map(|&(a, b)| {
            let (from, to) = (&map.nodes[a], &map.nodes[b]);
            view! { <line class="edge" x1=from.x y1=from.y x2=to.x y2=to.y stroke="#767676" stroke-width="1.5"></line> }
        })
        .collect::<Vec<_>>();
    // Labels hang below the nodes and past the outer columns: a labelled map
    // gets room for them around its own area.
    let (margin_x, margin_y) = match on_select {
        Some(_) => (LABEL_MARGIN_X, LABEL_MARGIN_Y),
        None => (0.0, 0.0),
    };
    let view_box = format!(
        "{:.0} 0 {:.0} {:.0}",
        -margin_x,
        map.width + 2.0 * margin_x,
        map.height + margin_y
    );
    // Drawn at least so wide that its 10-unit labels are 16 px: narrower
    // screens (or 400 % zoom) scroll the picture sideways instead of
    // shrinking its text.
    let min_width = format!("{:.0}", (map.width + 2.0 * margin_x) * 1.6);
    // The preview's labelled map keeps its size on wide screens too (where
    // the debrief's map fits its box), in rem: its 10-unit labels are then
    // exactly body text, at every text size the trainee chose.
    let labelled_width =
        on_select.map(|_| format!("{:.1}rem", (map.width + 2.0 * margin_x) / 10.0));
    // The map's labels in words: every kind of ending it shows, and the one reached.
    let endings = move || {
        let l = lang.get();
        let mut seen: Vec<Outcome> = Vec::new();
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
        let l = lang.get();
        (0..map.nodes.len())
            .map(|i| match on_select {
                Some(select) => selectable(&map, i, words[i].name(&map.nodes[i].id, l), select, l),
                None => shape(&map, i, visited[i], l),
            })
            .collect::<Vec<_>>()
    };
    // The preview's nodes are buttons, so there the picture is not hidden.
    let hidden = on_select.is_none().then_some("true");
    view! {
        <figure class="scenario-map">
            <div class="figure-scroll" tabindex="0" role="group" aria-label=move || tr(lang.get(), "Karte", "Map")>
                <svg viewBox=view_box width=min_width style:width=labelled_width aria-hidden=hidden>
                    {edges}
                    <polyline class="path-best" points=best_points fill="none" stroke="#1d6b3a" stroke-width="3" stroke-dasharray="7 5"></polyline>
                    <polyline class="path-taken" points=taken_points fill="none" stroke="#1f4e5f" stroke-width="4" stroke-linejoin="round"></polyline>
                    {nodes}
                </svg>
            </div>
            <figcaption>
                {has_taken.then(|| view! { <span class="legend legend-taken">{t(lang, "Ihr Weg", "Your path")}</span> })}
                <span class="legend legend-best">{t(lang, "Bester Weg", "Best path")}</span>
                <span class="map-summary">{label}</span>
                <span>{endings}</span>
            </figcaption>
        </figure>
    }
}
