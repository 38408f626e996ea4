//! A scenario as a diagram for authors (`counterpart-check --graph`): Mermaid
//! (renders in GitHub, GitLab, many wikis) and Graphviz DOT. Nodes show the first customer line, endings
//! their outcome; edges are replies (with rating) and routes (dashed, with
//! their condition).

use super::scenario::Scenario;
use super::text::Lang;

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        s.push('…');
    }
    s
}

/// Every edge: (from, to, label, is a route).
fn edges(scenario: &Scenario, lang: Lang) -> Vec<(String, String, String, bool)> {
    let mut all = Vec::new();
    for node in scenario.nodes() {
        for reply in &node.replies {
            for route in &reply.routes {
                all.push((
                    node.id.to_string(),
                    route.next.to_string(),
                    format!("{}: {}", reply.id, route.when.describe(lang)),
                    true,
                ));
            }
            all.push((
                node.id.to_string(),
                reply.next.to_string(),
                format!("{} ({})", reply.id, reply.rating.id()),
                false,
            ));
        }
    }
    all
}

fn label(scenario: &Scenario, lang: Lang, index: usize) -> String {
    let node = &scenario.nodes()[index];
    let line = node
        .lines
        .first()
        .map(|l| short(l.get(lang)))
        .unwrap_or_default();
    match &node.ending {
        Some(e) => format!("{} – {}", e.outcome.label(lang), e.title.get(lang)),
        None => format!("{}: {line}", node.id),
    }
}

pub fn to_dot(scenario: &Scenario, lang: Lang) -> String {
    let quote = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut out = format!(
        "digraph \"{}\" {{\n  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n",
        quote(scenario.id.as_str())
    );
    for (i, node) in scenario.nodes().iter().enumerate() {
        let shape = if node.ending.is_some() {
            ", shape=doubleoctagon"
        } else {
            ""
        };
        out += &format!(
            "  \"{}\" [label=\"{}\"{shape}];\n",
            quote(node.id.as_str()),
            quote(&label(scenario, lang, i))
        );
    }
    for (from, to, text, route) in edges(scenario, lang) {
        let style = if route { ", style=dashed" } else { "" };
        out += &format!(
            "  \"{}\" -> \"{}\" [label=\"{}\"{style}];\n",
            quote(&from),
            quote(&to),
            quote(&text)
        );
    }
    out + "}\n"
}

pub fn to_mermaid(scenario: &Scenario, lang: Lang) -> String {
    let quote = |s: &str| s.replace('"', "#quot;");
    let mut out = String::from("flowchart TD\n");
    for (i, node) in scenario.nodes().iter().enumerate() {
        let text = quote(&label(scenario, lang, i));
        out += &if node.ending.is_some() {
            format!("  {}((\"{text}\"))\n", node.id)
        } else {
            format!("  {}[\"{text}\"]\n", node.id)
        };
    }
    for (from, to, text, route) in edges(scenario, lang) {
        let arrow = if route { "-.->" } else { "-->" };
        out += &format!("  {from} {arrow}|\"{}\"| {to}\n", quote(&text));
    }
    out
}
