//! The checker for trainers: warnings on content that loads but teaches
//! badly, and the scenario graph as Mermaid and Graphviz DOT.

use counterpart::catalog::Catalog;
use counterpart::engine::analysis::summarize;
use counterpart::engine::diagram::{to_dot, to_mermaid};
use counterpart::engine::lint::warnings;
use counterpart::engine::{Lang, load};
use std::io::Write;
use std::process::{Command, Stdio};

fn fixture(edit: impl Fn(String) -> String) -> counterpart::engine::Scenario {
    let text = edit(include_str!("fixtures/valid-minimal.toml").to_string());
    load("valid-minimal.toml", &text).expect("still valid")
}

#[test]
fn warnings_name_what_teaches_badly() {
    let clean = fixture(|s| {
        s.replace("feedback = { de = \"Gut.\", en = \"Good.\" }\n  set_flags", "feedback = { de = \"Gut: Empathie, Ruhe.\", en = \"Good: empathy, calm.\" }\n  set_flags")
    });
    let found = warnings(&clean, &summarize(&clean));
    // The fixture's short feedback never names techniques, except where fixed above.
    assert!(
        found.iter().all(|w| !w.place.en.contains("reply `listen`")),
        "{found:#?}"
    );
    assert!(found.iter().any(|w| {
        w.place.en == "reply `offer` of node `middle`"
            && w.message
                .en
                .contains("does not name its technique `solution`")
    }));

    let long = "Das ist ein sehr langer Satz. ".repeat(12);
    let wordy = fixture(|s| {
        s.replace(
            "text = { de = \"Hm.\", en = \"Hm.\" }",
            &format!("text = {{ de = \"{long}\", en = \"Hm.\" }}"),
        )
    });
    let found = warnings(&wordy, &summarize(&wordy));
    assert!(found.iter().any(|w| w.place.en.contains("reply `shrug`")
        && w.message.en.contains("will not fit a phone screen")));

    // No good reply at a decision.
    let harsh = fixture(|s| {
        s.replace("id = \"offer\"\n  text = { de = \"Ich biete an …\", en = \"I offer …\" }\n  rating = \"good\"", "id = \"offer\"\n  text = { de = \"Ich biete an …\", en = \"I offer …\" }\n  rating = \"acceptable\"")
    });
    let found = warnings(&harsh, &summarize(&harsh));
    assert!(
        found
            .iter()
            .any(|w| w.place.en == "node `middle`" && w.message.en.contains("no good reply")),
        "{found:#?}"
    );
}

#[test]
fn warnings_are_worded_in_german_too() {
    let long = "Das ist ein sehr langer Satz. ".repeat(12);
    let scenario = fixture(|s| {
        s.replace(
            "text = { de = \"Hm.\", en = \"Hm.\" }",
            &format!("text = {{ de = \"{long}\", en = \"Hm.\" }}"),
        )
        .replace(
            "rating = \"good\"\n  techniques = [\"solution\"]",
            "rating = \"acceptable\"\n  techniques = [\"solution\"]",
        )
        .replace("start_mood = 50", "start_mood = 10")
        .replace("mood_at_least = 90\n", "mood_at_least = 95\n")
    });
    let found = warnings(&scenario, &summarize(&scenario));
    // Each kind of warning: feedback without its technique, too long, no good reply, never reached.
    for kind in [
        "does not name",
        "phone screen",
        "no good reply",
        "never reached",
    ] {
        assert!(
            found.iter().any(|w| w.message.en.contains(kind)),
            "no `{kind}` warning: {found:#?}"
        );
    }
    for w in &found {
        assert!(
            !w.message.de.is_empty() && w.message.de != w.message.en,
            "{w:#?}"
        );
        assert!(!w.place.de.is_empty() && w.place.de != w.place.en, "{w:#?}");
    }
    assert!(
        found
            .iter()
            .any(|w| w.place.de == "Antwort `shrug` (Knoten `open`)"
                && w.message.de.starts_with("die deutsche Antwort hat"))
    );
}

#[test]
fn an_ending_no_mood_can_reach_is_reported() {
    // `blowup` is reached only at mood ≥ 80 after `lecture` (+30 from 50): start lower and it never is.
    let calm = fixture(|s| {
        s.replace("start_mood = 50", "start_mood = 10").replace(
            "mood_at_least = 90\n    next = \"blowup\"",
            "mood_at_least = 95\n    next = \"blowup\"",
        )
    });
    let found = warnings(&calm, &summarize(&calm));
    assert!(
        found
            .iter()
            .any(|w| w.place.en == "node `blowup`" && w.message.en.contains("never reached")),
        "{found:#?}"
    );
}

#[test]
fn graphs_of_every_shipped_scenario_are_well_formed() {
    for scenario in Catalog::load().scenarios {
        let dot = to_dot(&scenario, Lang::De);
        let mut child = Command::new("dot")
            .arg("-Tsvg")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("Graphviz `dot` is installed (scripts/setup.sh)");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(dot.as_bytes())
            .expect("dot reads the graph");
        let out = child.wait_with_output().expect("dot runs");
        assert!(
            out.status.success(),
            "{}: dot rejected the graph: {}",
            scenario.id,
            String::from_utf8_lossy(&out.stderr)
        );

        let mermaid = to_mermaid(&scenario, Lang::De);
        assert!(mermaid.starts_with("flowchart TD\n"));
        let edges = mermaid
            .lines()
            .filter(|l| l.contains("-->") || l.contains("-.->"))
            .count();
        let expected: usize = scenario
            .nodes()
            .iter()
            .flat_map(|n| &n.replies)
            .map(|r| 1 + r.routes.len())
            .sum();
        assert_eq!(
            edges, expected,
            "{}: one Mermaid edge per reply and route",
            scenario.id
        );
        for node in scenario.nodes() {
            assert!(
                mermaid.contains(&format!("  {}[", node.id))
                    || mermaid.contains(&format!("  {}((", node.id)),
                "{}: node {} missing",
                scenario.id,
                node.id
            );
        }
    }
}

#[test]
fn transcripts_show_every_path_with_the_lines_its_state_allows() {
    use counterpart::engine::transcripts::render;
    let source = include_str!("fixtures/valid-memory.toml");
    let scenario = counterpart::engine::load("valid-memory.toml", source).expect("fixture loads");
    let text = render(&scenario, Lang::En);
    // Paths: ask_name → (soothe | rush) end angry (flag `annoyed` routes),
    // ignore → (soothe | rush) end calm.
    assert_eq!(text.matches("\n## Path ").count(), 2, "{text}");
    assert!(text.contains("open → phone_rings → angry_end"), "{text}");
    assert!(text.contains("open → phone_rings → calm_end"), "{text}");
    // After asking her name she says the remembered line, never the plain one.
    let asked = text
        .split("## Path")
        .find(|p| p.contains("`ask_name"))
        .expect("a path asks her name");
    assert!(asked.contains("> Mrs Test, as you know."), "{asked}");
    assert!(!asked.contains("> That's all I need."), "{asked}");
    // The customer's own swing is shown with its reason, and the ending's debrief.
    assert!(
        text.contains("(mood +20 → 60: Her phone rings: bad news)"),
        "{text}"
    );
    assert!(text.contains("**Lost** (customer_lost"), "{text}");
}

#[test]
fn a_reply_that_picks_up_one_variants_detail_is_listed_for_review() {
    use counterpart::engine::lint::variant_detail_hints;
    let source = include_str!("fixtures/valid-minimal.toml").replace(
        r#"lines = [{ de = "Hallo A", en = "Hello A" }, { de = "Hallo B", en = "Hello B" }]"#,
        r#"lines = [{ de = "Die Ansage mit dem Discounter war frech.", en = "A" }, { de = "Das war frech.", en = "B" }]"#,
    );
    assert_ne!(
        source,
        include_str!("fixtures/valid-minimal.toml"),
        "the fixture changed its first lines"
    );
    let plain = load("valid-minimal.toml", &source).expect("loads");
    assert!(
        variant_detail_hints(&plain).is_empty(),
        "no reply names the discounter yet"
    );
    let named = load(
        "valid-minimal.toml",
        &source.replacen(
            r#"text = { de = "Ich höre.""#,
            r#"text = { de = "Ich höre, der Discounter.""#,
            1,
        ),
    )
    .expect("loads");
    let hints = variant_detail_hints(&named);
    assert_eq!(hints.len(), 1, "{hints:#?}");
    assert!(
        hints[0].message.de.contains("„discounter“") && hints[0].place.en.contains("`listen`"),
        "{hints:#?}"
    );
}
