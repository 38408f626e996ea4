//! The first turn of a scenario as static HTML, written at build time, so a
//! deep link shows the customer's first line and clickable replies before the
//! wasm has arrived (issue #21).
//!
//! `counterpart-compile` writes one fragment per scenario and language next
//! to its compiled file (`<id>.<lang>.<fingerprint>.html`). The page's preload
//! script (`public/preload.js`) fetches it off a `#/play/<id>` link, picks one
//! of the start moods and an opening line said at it, shuffles the replies,
//! and keeps a click made before the app is ready. The app then takes the
//! screen over (`src/ui/early_turn.rs`): it starts the run with a fresh
//! random seed that shows the same mood, line and order
//! (`Session::start_showing`), and applies the kept click.
//!
//! The markup mirrors the conversation screen's (`src/ui/conversation.rs`,
//! `header.rs`, `channel.rs`, `avatar.rs`, `mood_meter.rs`): the same
//! elements and classes, so nothing moves when the app takes over. The
//! customer panel (portrait, anger meter) is written once per start mood the
//! scenario allows (most have one); the page keeps one, at random, as the
//! engine would pick it, and the opening lines say at which moods they can
//! be said (`data-when`) when that is not all of them.
//! Why not the Leptos components themselves, rendered to HTML: the UI is a
//! wasm-only binary that reads the browser's state as it builds (the address,
//! storage, settings), and Leptos is not a native dependency here. The
//! browser test `tests/e2e/early-turn.spec.mjs` holds the two together: the
//! app's screen after the takeover shows the same title, line and replies in
//! the same places.

use crate::engine::{Channel, Lang, MoodLevel, Scenario, Text};
use crate::portrait::{Expression, svg_body};
use quick_xml::escape::escape;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The line variants the start node can open with, over the whole start
/// mood range (a variant's condition may depend on the mood).
pub fn opening_lines(scenario: &Scenario) -> Vec<usize> {
    let Some(node) = scenario.node(&scenario.start) else {
        return Vec::new();
    };
    let (low, high) = scenario.start_mood;
    let lines: BTreeSet<usize> = (low..=high)
        .flat_map(|mood| node.line_choices(mood, &BTreeSet::new()))
        .collect();
    lines.into_iter().collect()
}

/// The fragment for `scenario` in `lang`: the top bar, the content note if
/// the scenario has one (its start button then shows the turn), and the
/// conversation screen at its first turn with every opening line variant
/// (`data-line`) and the replies in the file's order.
pub fn first_turn_html(scenario: &Scenario, lang: Lang) -> String {
    let text = |t: &Text| escape(t.get(lang)).into_owned();
    let mut html = String::new();
    let _ = write!(
        html,
        r#"<div id="counterpart-early" data-scenario="{}" data-lang="{}">"#,
        escape(scenario.id.as_str()),
        lang.code()
    );
    let _ = write!(
        html,
        r##"<header class="topbar"><a class="brand" href="#/">Counterpart</a><nav aria-label="{}"><a href="#/">{}</a><a href="#/techniques">{}</a><a href="#/progress">{}</a><a href="#/settings">{}</a></nav><div class="lang-switch" role="group" aria-label="{}"><button lang="de" aria-pressed="{}" disabled>Deutsch</button><button lang="en" aria-pressed="{}" disabled>English</button></div></header><main>"##,
        lang.pick("Hauptnavigation", "Main navigation"),
        lang.pick("Gespräche", "Conversations"),
        lang.pick("Techniken", "Techniques"),
        lang.pick("Fortschritt", "Progress"),
        lang.pick("Anzeige", "Display"),
        lang.pick("Sprache", "Language"),
        lang == Lang::De,
        lang == Lang::En,
    );
    let title = text(&scenario.title);
    if let Some(note) = &scenario.content_note {
        let _ = write!(
            html,
            r##"<section class="screen content-note"><h1>{title}</h1><h2>{}</h2><p>{}</p><div class="actions"><button class="primary" data-early-start>{}</button><a class="button" href="#/">{}</a></div></section>"##,
            lang.pick("Hinweis zum Inhalt", "Content note"),
            text(note),
            lang.pick("Gespräch beginnen", "Start the conversation"),
            lang.pick("Überspringen", "Skip"),
        );
    }
    let channel = scenario.channel;
    let _ = write!(
        html,
        r#"<section class="screen conversation channel-{}"{}><h1>{title}</h1>"#,
        channel.id(),
        if scenario.content_note.is_some() {
            " hidden"
        } else {
            ""
        },
    );
    // One customer panel per start mood the run can have.
    let (low, high) = scenario.start_mood;
    for mood in low..=high {
        let _ = write!(
            html,
            r#"<div class="customer-panel" data-mood="{mood}">{}{}</div>"#,
            channel_header(scenario, lang, mood),
            mood_meter(scenario, lang, mood),
        );
    }
    let _ = write!(
        html,
        r#"<div class="transcript" role="log" aria-live="off" aria-label="{}">"#,
        lang.pick("Gesprächsverlauf", "Conversation"),
    );
    if let Some(node) = scenario.node(&scenario.start) {
        html.push_str(r#"<div class="bubble customer">"#);
        if channel == Channel::Chat {
            html.push_str(
                r#"<span class="typing" aria-hidden="true"><i></i><i></i><i></i></span>"#,
            );
        }
        let _ = write!(
            html,
            r#"<span class="speaker">{}"#,
            text(&scenario.customer_name)
        );
        if let Some(time) = &node.time {
            let _ = write!(html, r#" · <span class="sent-at">{}</span>"#, text(time));
        }
        html.push_str("</span>");
        for i in opening_lines(scenario) {
            if let Some(line) = node.lines.get(i) {
                // The start moods it can be said at, unless that is all of them.
                let moods: Vec<String> = (low..=high)
                    .filter(|&m| node.line_choices(m, &BTreeSet::new()).contains(&i))
                    .map(|m| m.to_string())
                    .collect();
                let when = if moods.len() == usize::from(high - low) + 1 {
                    String::new()
                } else {
                    format!(r#" data-when="{}""#, moods.join(" "))
                };
                let _ = write!(html, r#"<p data-line="{i}"{when}>{}</p>"#, text(line));
            }
        }
        html.push_str("</div></div>");
        if channel.is_thread() {
            let _ = write!(
                html,
                r#"<p class="reply-prompt">{}</p>"#,
                lang.pick("Welchen Entwurf senden Sie?", "Which draft do you send?")
            );
        }
        let _ = write!(
            html,
            r#"<p class="own-words-toggle"><button type="button" class="link-button" disabled>{}</button></p><div class="replies" role="group" aria-label="{}">"#,
            lang.pick("In eigenen Worten antworten", "Answer in your own words"),
            lang.pick("Ihre Antwort", "Your reply"),
        );
        for reply in &node.replies {
            let _ = write!(
                html,
                r#"<button class="reply" data-reply-id="{}">{}</button>"#,
                escape(reply.id.as_str()),
                text(&reply.text)
            );
        }
        html.push_str("</div>");
    } else {
        html.push_str("</div>");
    }
    let _ = write!(
        html,
        r##"<p class="pause"><a href="#/">{}</a></p></section></main></div>"##,
        lang.pick(
            "Pause – später hier weitermachen",
            "Pause – continue here later"
        )
    );
    html
}

/// What sits beside the meter (`src/ui/channel.rs`, `avatar.rs`): the
/// portrait at `mood`, or the channel's bar (the call timer at 00:00).
fn channel_header(scenario: &Scenario, lang: Lang, mood: u8) -> String {
    let customer = escape(scenario.customer_name.get(lang)).into_owned();
    match scenario.channel {
        Channel::FaceToFace => {
            let look = scenario.appearance.clone().unwrap_or_default();
            let label = format!(
                "{} ({}) {} {}",
                scenario.customer_name.get(lang),
                look.describe(lang),
                lang.pick("wirkt", "looks"),
                MoodLevel::of(mood).label(lang)
            );
            format!(
                r#"<svg class="avatar portrait avatar-{}" viewBox="0 0 100 100" role="img" aria-label="{}">{}</svg>"#,
                Expression::of(mood).id(),
                escape(&label),
                svg_body(&look, mood)
            )
        }
        Channel::Phone => format!(
            r#"<div class="call-bar"><svg class="channel-icon" viewBox="0 0 24 24" aria-hidden="true"></svg><span class="caller">{customer}</span><span class="call-state">{} · <span>00:00</span></span></div>"#,
            lang.pick("Anruf läuft", "On the call")
        ),
        Channel::Chat => format!(
            r#"<div class="chat-bar"><span class="chat-initial" aria-hidden="true">{}</span><span class="caller">{customer}</span><span class="call-state">{}</span></div>"#,
            scenario
                .customer_name
                .get(lang)
                .chars()
                .rev()
                .find(|c| c.is_uppercase())
                .unwrap_or('?'),
            lang.pick("im Chat", "in the chat")
        ),
        Channel::Email | Channel::Review => {
            let stars = scenario
                .review_stars
                .map(|n| {
                    let drawn: String = (1..=5).map(|i| if i <= n { '★' } else { '☆' }).collect();
                    format!(
                        r#" <span class="stars" role="img" aria-label="{n} {}">{drawn}</span>"#,
                        lang.pick("von 5 Sternen", "of 5 stars")
                    )
                })
                .unwrap_or_default();
            format!(
                r#"<div class="thread-bar"><span class="thread-kind">{}{stars}</span><span class="subject">{}</span></div>"#,
                scenario.channel.label(lang),
                escape(scenario.subject.as_ref().map_or("", |s| s.get(lang)))
            )
        }
    }
}

/// The meter at `mood` (`src/ui/mood_meter.rs`). The bar's fill is sized by
/// the page's script (a style attribute would break the page's
/// Content-Security-Policy).
fn mood_meter(scenario: &Scenario, lang: Lang, mood: u8) -> String {
    let label = match lang {
        Lang::De => format!("{} · Ärger", scenario.customer_name.get(Lang::De)),
        Lang::En => format!("{}'s anger", scenario.customer_name.get(Lang::En)),
    };
    let label = escape(&label);
    let level = MoodLevel::of(mood);
    let value = format!("{} ({mood}/100)", level.label(lang));
    format!(
        r#"<div class="mood"><div class="mood-label"><span>{label}</span><strong>{value}</strong></div><div class="mood-bar mood-{}" role="meter" aria-label="{label}" aria-valuemin="0" aria-valuemax="100" aria-valuenow="{mood}" aria-valuetext="{value}"><div class="mood-fill"></div></div><div class="mood-scale" aria-hidden="true"><span>{}</span><span>{}</span></div><p class="mood-change"></p></div>"#,
        level.id(),
        lang.pick("0 ruhig", "0 calm"),
        lang.pick("100 wütend", "100 furious"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page inserts this HTML as it is (public/preload.js): every text
    /// from a scenario must arrive escaped, in elements and in attributes.
    #[test]
    fn scenario_texts_are_escaped() {
        let source = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/valid-minimal.toml"
        ))
        .expect("fixture")
        .replace("Kleiner Test", "<img src=x onerror=alert(1)>")
        .replace("Herr Test", "Herr 'Test' & <b>")
        .replace("Hallo A", "</p><script>alert(2)</script>")
        .replace("Ich höre.", "<a href='javascript:x'>");
        let scenario = crate::engine::load("hostile.toml", &source).expect("loads");
        let html = first_turn_html(&scenario, Lang::De);
        for raw in ["<img", "<script", "<b>", "<a href='javascript", "'Test'"] {
            assert!(!html.contains(raw), "{raw} reached the HTML unescaped");
        }
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("Herr &apos;Test&apos; &amp; &lt;b&gt;"));
    }

    #[test]
    fn every_shipped_scenario_has_a_first_turn_in_each_of_its_languages() {
        for scenario in crate::catalog::Catalog::load().scenarios {
            let node = scenario.node(&scenario.start).expect("start node");
            for &lang in &scenario.languages {
                let html = first_turn_html(&scenario, lang);
                assert!(html.contains(&*escape(scenario.title.get(lang))));
                for reply in &node.replies {
                    assert!(
                        html.contains(&format!(r#"data-reply-id="{}""#, reply.id.as_str())),
                        "{}: reply {} missing",
                        scenario.id.as_str(),
                        reply.id.as_str()
                    );
                }
                assert!(!opening_lines(&scenario).is_empty());
                assert_eq!(
                    html.contains("data-early-start"),
                    scenario.content_note.is_some()
                );
            }
        }
    }
}
