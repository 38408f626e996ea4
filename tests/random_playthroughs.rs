//! 10,000 random playthroughs across all shipped scenarios, checking the
//! engine's invariants, plus arbitrary TOML that must never panic the loader.

use counterpart::catalog::Catalog;
use counterpart::engine::analysis::{Summary, summarize};
use counterpart::engine::result::RunResult;
use counterpart::engine::{Event, Scenario, Session, load};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn library() -> &'static [(Scenario, Summary)] {
    static LIBRARY: OnceLock<Vec<(Scenario, Summary)>> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        Catalog::load()
            .scenarios
            .into_iter()
            .map(|s| {
                let summary = summarize(&s);
                (s, summary)
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn random_playthroughs_keep_the_invariants(which in 0usize..1000, seed in any::<u64>(), picks in prop::collection::vec(any::<usize>(), 64)) {
        let (scenario, summary) = &library()[which % library().len()];
        prop_assume!(!summary.has_loop);
        let mut session = Session::start(scenario, seed);
        let (low, high) = scenario.start_mood;
        prop_assert!((low..=high).contains(&session.mood));
        let mut applied = BTreeSet::new();
        let mut ended = None;
        let mut mood = session.mood;
        for (step, pick) in picks.iter().enumerate() {
            if session.is_finished(scenario) {
                break;
            }
            prop_assert!(step < summary.decisions_max as usize, "{}: no ending within {} decisions", scenario.id, summary.decisions_max);
            let node = session.current(scenario).expect("the session is always at a node");
            let reply = node.replies[pick % node.replies.len()].id.clone();
            for event in session.choose(scenario, &reply).expect("a listed reply is valid") {
                match event {
                    Event::MoodChanged { from, to, .. } => {
                        prop_assert_eq!(from, mood);
                        mood = to;
                    }
                    Event::TechniqueApplied(t) => { applied.insert(t); }
                    Event::EndingReached { outcome } => ended = Some(outcome),
                    _ => {}
                }
            }
            prop_assert!(session.mood <= 100);
            prop_assert_eq!(session.mood, mood, "events agree with the state");
        }
        prop_assert!(session.is_finished(scenario), "{}: unfinished after {} decisions", scenario.id, picks.len());
        let result = RunResult::of(&session, scenario).expect("finished");
        prop_assert_eq!(Some(result.outcome), ended);
        prop_assert_eq!(&result.applied, &applied);
        prop_assert!(summary.outcomes.contains(&result.outcome));
        prop_assert!((summary.score_min..=summary.score_max).contains(&result.score),
            "{}: score {} outside the checker's range {}–{}", scenario.id, result.score, summary.score_min, summary.score_max);
        prop_assert_eq!(result.mood_curve.len(), session.steps.len() + 1);
    }
}

/// `(file name, TOML source)` of every shipped scenario.
fn sources() -> &'static [(String, String)] {
    static SOURCES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let dir = std::path::Path::new(counterpart::catalog::SCENARIO_DIR);
        counterpart::catalog::toml_files_in(dir)
            .expect("scenarios/ is readable")
            .into_iter()
            .map(|path| {
                let name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default()
                    .to_string();
                (
                    name,
                    std::fs::read_to_string(&path).expect("a scenario file is readable"),
                )
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    /// Arbitrary text, and shipped scenarios with bytes cut or swapped: the
    /// loader answers with errors (each with a position), never a panic.
    #[test]
    fn the_loader_never_panics(text in ".{0,400}", which in 0usize..1000, cut in 0usize..100_000, len in 0usize..200) {
        let _ = load("random.toml", &text);
        let sources = sources();
        let (name, source) = &sources[which % sources.len()];
        let start = source.floor_char_boundary(cut.min(source.len()));
        let end = source.floor_char_boundary((start + len).min(source.len()));
        let damaged = format!("{}{}", &source[..start], &source[end..]);
        if let Err(e) = load(name, &damaged) {
            prop_assert!(e.0.iter().all(|d| d.location.line >= 1 && d.location.column >= 1));
        }
    }
}

/// A random but always valid scenario: a chain of decisions (each node's first
/// reply leads on, so every node is reachable and can reach the ending) with
/// extra replies jumping anywhere — loops included — and routes on mood and flags.
fn generated_scenario() -> impl Strategy<Value = String> {
    let reply = (
        0usize..100,
        0u8..3,
        -50i32..=50,
        prop::option::of(0u8..=100),
        any::<bool>(),
        any::<bool>(),
    );
    (2usize..12, prop::collection::vec(prop::collection::vec(reply, 0..3), 12), 0u8..=100).prop_map(|(decisions, extras, start)| {
        let mut toml = format!(
            "format = 1\nlanguages = [\"de\"]\n[scenario]\ntitle = {{ de = \"T\" }}\nsummary = {{ de = \"S\" }}\ncustomer = {{ de = \"K\" }}\ncustomer_type = \"grumbler\"\nsetting = \"other\"\ndifficulty = 2\nstart_mood = {start}\nstart = \"n0\"\n"
        );
        let ratings = ["good", "acceptable", "poor"];
        for (i, node_extras) in extras.iter().enumerate().take(decisions) {
            toml += &format!("[[node]]\nid = \"n{i}\"\nlines = [{{ de = \"L{i}\" }}, {{ de = \"M{i}\" }}]\n");
            toml += &format!("[[node.reply]]\nid = \"on\"\ntext = {{ de = \"weiter\" }}\nrating = \"good\"\ntechniques = [\"calm\"]\nmood_change = -5\nmood_reason = {{ de = \"r\" }}\nfeedback = {{ de = \"f\" }}\nset_flags = [\"f{i}\"]\nnext = \"n{}\"\n", i + 1);
            for (j, (target, rating, change, threshold, use_flag, negate)) in node_extras.iter().enumerate() {
                let target = if target % 5 == 0 { "end".to_string() } else { format!("n{}", target % decisions) };
                toml += &format!(
                    "[[node.reply]]\nid = \"x{j}\"\ntext = {{ de = \"x\" }}\nrating = \"{}\"\ntechniques = [\"boundary\"]\nmood_change = {change}\nmood_reason = {{ de = \"r\" }}\nfeedback = {{ de = \"f\" }}\nnext = \"{target}\"\n",
                    ratings[*rating as usize]
                );
                if let Some(m) = threshold {
                    toml += &format!("[[node.reply.route]]\nmood_at_least = {m}\nnext = \"end\"\n");
                }
                if *use_flag {
                    let key = if *negate { "not_flag" } else { "flag" };
                    toml += &format!("[[node.reply.route]]\n{key} = \"f0\"\nnext = \"n{}\"\n", (i + 1) % decisions);
                }
            }
        }
        toml += &format!("[[node]]\nid = \"n{decisions}\"\nlines = [{{ de = \"E\" }}]\n[node.ending]\noutcome = \"resolved\"\ntitle = {{ de = \"E\" }}\ndebrief = {{ de = \"D\" }}\n");
        toml += "[[node]]\nid = \"end\"\nlines = [{ de = \"B\" }]\n[node.ending]\noutcome = \"escalated\"\ntitle = { de = \"B\" }\ndebrief = { de = \"D\" }\n";
        toml
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// Generated valid scenarios load, summarise, and play without panics.
    #[test]
    fn the_engine_never_panics_on_generated_scenarios(toml in generated_scenario(), seed in any::<u64>(), picks in prop::collection::vec(any::<usize>(), 100)) {
        let scenario = match load("generated.toml", &toml) {
            Ok(s) => s,
            // The generator only makes valid files, except that a jump to the
            // unused ending node is the only way to reach it: then it is unreachable.
            Err(e) => {
                prop_assert!(e.0.iter().all(|d| d.message.en.contains("cannot be reached")), "{e}");
                return Ok(());
            }
        };
        let _ = summarize(&scenario);
        let mut session = Session::start(&scenario, seed);
        for pick in picks {
            if session.is_finished(&scenario) {
                break;
            }
            let node = session.current(&scenario).expect("at a node");
            let reply = node.replies[pick % node.replies.len()].id.clone();
            session.choose(&scenario, &reply).expect("a listed reply is valid");
            prop_assert!(session.mood <= 100);
        }
        if let Some(result) = RunResult::of(&session, &scenario) {
            prop_assert!(result.score <= 100);
        }
    }
}
