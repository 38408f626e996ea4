//! A scenario as a diagram for authors (`counterpart-check --graph`): Mermaid
//! (renders in GitHub, GitLab, many wikis) and Graphviz DOT. Nodes show the first customer line, endings
//! their outcome; edges are replies (with rating) and routes (dashed, with
//! their condition). Also the node labels of the preview's map.

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

/// The longest line of a node's label on the preview's map, in characters:
/// at the map's 16 px text, two neighbouring labels stay apart.
pub const MAP_LABEL_WIDTH: usize = 13;

/// A node id as the preview's map prints it under the node: as it is when
/// short, else broken after an `_` or `-` (the most even break that fits), a
/// part still too long broken where it must. Never cut: the lines together
/// are the whole id, which starts the node's accessible name (WCAG 2.5.3,
/// the visible label is part of the name).
pub fn map_label(id: &str) -> Vec<String> {
    let chars: Vec<char> = id.chars().collect();
    let width = MAP_LABEL_WIDTH;
    if chars.len() <= width {
        return vec![id.to_string()];
    }
    let breaks = (1..chars.len()).filter(|&k| matches!(chars[k - 1], '_' | '-') && k <= width);
    let both_fit = breaks
        .clone()
        .filter(|&k| chars.len() - k <= width)
        .min_by_key(|&k| k.abs_diff(chars.len() - k));
    let at = both_fit.or_else(|| breaks.max()).unwrap_or(width);
    let mut lines = vec![chars[..at].iter().collect::<String>()];
    lines.extend(
        chars[at..]
            .chunks(width)
            .map(|c| c.iter().collect::<String>()),
    );
    lines
}

/// The first `words` words of `text`, with "…" when there are more: how the
/// map names a node's customer line to a screen reader.
pub fn first_words(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    let mut out = all
        .iter()
        .take(words)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if all.len() > words {
        out.push_str(" …");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_id_is_one_line_as_it_is() {
        assert_eq!(map_label("opening"), ["opening"]);
        assert_eq!(map_label("what_now"), ["what_now"]);
        assert_eq!(map_label("thirteen_char"), ["thirteen_char"]);
    }

    #[test]
    fn a_long_id_breaks_after_an_underscore_as_evenly_as_fits() {
        assert_eq!(map_label("second_time_fix"), ["second_", "time_fix"]);
        assert_eq!(map_label("manager_escalation"), ["manager_", "escalation"]);
        assert_eq!(map_label("queue-pressure-x"), ["queue-", "pressure-x"]);
    }

    #[test]
    fn a_part_too_long_for_a_line_goes_on_to_the_next_never_cut() {
        assert_eq!(
            map_label("acknowledge_and_apologise_twice"),
            ["acknowledge_", "and_apologise", "_twice"]
        );
        assert_eq!(
            map_label("averyveryverylongid"),
            ["averyveryvery", "longid"]
        );
        for id in [
            "a_b_c_d_e_f_g_h_i_j_k_l_m_n",
            "x".repeat(40).as_str(),
            "ä_ö_ü_ß_é_ñ_ç_å_ø_æ_œ_ł",
        ] {
            let lines = map_label(id);
            assert_eq!(lines.concat(), id, "the whole id, in order");
            assert!(
                lines.iter().all(|l| l.chars().count() <= MAP_LABEL_WIDTH),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn first_words_keeps_a_few_words_and_marks_the_rest() {
        assert_eq!(
            first_words("Das ist doch wohl ein Witz!", 4),
            "Das ist doch wohl …"
        );
        assert_eq!(first_words("Kurz  und gut.", 4), "Kurz und gut.");
        assert_eq!(first_words("", 4), "");
    }
}
