//! Session state machine, results, progress and badges on a small fixture.

use counterpart::engine::analysis::summarize;
use counterpart::engine::badges::BADGE_RULES;
use counterpart::engine::progress::{PROGRESS_VERSION, Progress, ProgressError};
use counterpart::engine::result::RunResult;
use counterpart::engine::session::ResumeError;
use counterpart::engine::{
    ChooseError, Event, Lang, Outcome, ReplyId, Scenario, Session, Technique, load,
};
use std::collections::BTreeSet;

/// A valid scenario from `tests/fixtures/`.
fn fixture_named(name: &str) -> Scenario {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let source = std::fs::read_to_string(&path).expect("fixture is readable");
    load(name, &source).expect("fixture loads")
}

fn fixture() -> Scenario {
    fixture_named("valid-minimal.toml")
}

fn reply(id: &str) -> ReplyId {
    ReplyId::new(id)
}

#[test]
fn a_good_reply_emits_mood_feedback_techniques_and_flags_in_order() {
    let sc = fixture();
    let mut s = Session::start(&sc, 7);
    assert_eq!(s.mood, 50);
    let events = s.choose(&sc, &reply("listen")).expect("valid reply");
    assert!(
        matches!(&events[0], Event::MoodChanged { from: 50, to: 30, change: -20, reason: Some(r) } if r.get(Lang::En) == "listened")
    );
    assert!(matches!(&events[1], Event::Feedback { .. }));
    assert!(events.contains(&Event::TechniqueApplied(Technique::Empathy)));
    assert!(events.contains(&Event::TechniqueApplied(Technique::Calm)));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::FlagSet(f) if f.as_str() == "heard"))
    );
    assert!(
        matches!(events.last(), Some(Event::CustomerSays { node, .. }) if node.as_str() == "middle")
    );
    assert_eq!(s.mood, 30);
}

#[test]
fn flags_route_to_the_remembered_branch() {
    let sc = fixture();
    let mut s = Session::start(&sc, 1);
    s.choose(&sc, &reply("listen")).unwrap();
    let events = s.choose(&sc, &reply("offer")).unwrap();
    assert_eq!(
        events.last(),
        Some(&Event::EndingReached {
            outcome: Outcome::Resolved
        })
    );
    // Without the flag the same reply only reaches a compromise.
    let mut t = Session::start(&sc, 1);
    t.choose(&sc, &reply("shrug")).unwrap();
    t.choose(&sc, &reply("offer")).unwrap();
    assert_eq!(t.outcome(&sc), Some(Outcome::Compromise));
}

#[test]
fn mood_routes_escalate_and_misapplied_techniques_count() {
    let sc = fixture();
    let mut s = Session::start(&sc, 1);
    let events = s.choose(&sc, &reply("lecture")).unwrap();
    assert!(events.contains(&Event::TechniqueMisapplied(Technique::Boundary)));
    assert_eq!(s.mood, 80);
    assert_eq!(s.outcome(&sc), Some(Outcome::Escalated));
    let r = RunResult::of(&s, &sc).expect("ended");
    assert_eq!(r.misapplied, BTreeSet::from([Technique::Boundary]));
    assert_eq!(r.applied, BTreeSet::new());
    assert_eq!(
        r.missed,
        BTreeSet::from([Technique::Empathy, Technique::Calm])
    );
    assert_eq!(r.score, 0);
    assert_eq!(r.mood_curve, vec![50, 80]);
}

#[test]
fn mood_is_clamped_to_its_range() {
    let sc = fixture();
    let mut s = Session::start(&sc, 1);
    s.choose(&sc, &reply("shrug")).unwrap();
    s.choose(&sc, &reply("refuse")).unwrap(); // 50 + 50 = 100
    assert_eq!(s.mood, 100);
    assert_eq!(s.outcome(&sc), Some(Outcome::Escalated));
}

#[test]
fn invalid_reply_is_an_error_and_changes_nothing() {
    let sc = fixture();
    let mut s = Session::start(&sc, 3);
    let before = s.clone();
    let err = s.choose(&sc, &reply("offer")).unwrap_err();
    assert!(matches!(err, ChooseError::UnknownReply { .. }));
    assert_eq!(s, before);
    s.choose(&sc, &reply("lecture")).unwrap();
    let ended = s.clone();
    assert_eq!(s.choose(&sc, &reply("listen")), Err(ChooseError::Finished));
    assert_eq!(s, ended);
}

#[test]
fn a_session_serialises_and_resumes_where_it_stopped() {
    let sc = fixture();
    let mut s = Session::start(&sc, 11);
    s.choose(&sc, &reply("listen")).unwrap();
    let json = counterpart::engine::json::to_string(&s);
    let mut resumed: Session = counterpart::engine::json::from_str(&json).unwrap();
    assert_eq!(resumed, s);
    resumed.check_fits(&sc).expect("fits");
    resumed.choose(&sc, &reply("offer")).unwrap();
    assert_eq!(resumed.outcome(&sc), Some(Outcome::Resolved));

    let mut stale = s.clone();
    stale.node = counterpart::engine::NodeId::new("gone");
    assert_eq!(stale.check_fits(&sc), Err(ResumeError::ScenarioChanged));
}

#[test]
fn the_seed_picks_line_variants_reproducibly_and_replays_differ() {
    let sc = fixture();
    let lines: BTreeSet<usize> = (0..40).map(|seed| Session::start(&sc, seed).line).collect();
    assert_eq!(
        lines,
        BTreeSet::from([0, 1]),
        "both variants occur across seeds"
    );
    for seed in 0..10 {
        assert_eq!(Session::start(&sc, seed), Session::start(&sc, seed));
    }
    let orders: BTreeSet<Vec<usize>> = (0..40)
        .map(|seed| Session::start(&sc, seed).reply_order(&sc))
        .collect();
    assert!(orders.len() > 1, "reply order varies between runs");
    for order in &orders {
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, vec![0, 1, 2]);
    }
}

#[test]
fn progress_records_runs_and_badges_stay_earned() {
    let sc = fixture();
    let mut s = Session::start(&sc, 1);
    s.choose(&sc, &reply("listen")).unwrap();
    s.choose(&sc, &reply("offer")).unwrap();
    let r = RunResult::of(&s, &sc).unwrap();
    assert_eq!(r.score, 100);
    let mut p = Progress::default();
    let awards = p.record(&r, 1000);
    let ids: BTreeSet<&str> = awards.iter().map(|a| a.badge).collect();
    // Both replies were good: a flawless run, too.
    assert_eq!(
        ids,
        BTreeSet::from(["calm", "empathy", "solution", "flawless"])
    );
    assert_eq!(p.badges["calm"].earned_at, 1000);
    // The same scenario again adds no breadth and no new award.
    assert!(p.record(&r, 2000).is_empty());
    assert_eq!(p.badges["calm"].earned_at, 1000);
    let rule = BADGE_RULES.iter().find(|b| b.id == "calm").unwrap();
    assert_eq!(rule.level(&p), 1);
    assert_eq!(rule.needed_for_next(&p), Some(2));

    let json = p.to_json();
    assert_eq!(Progress::from_json(&json).unwrap(), p);
}

#[test]
fn badge_levels_follow_breadth_across_scenarios() {
    let sc = fixture();
    let mut s = Session::start(&sc, 1);
    s.choose(&sc, &reply("listen")).unwrap();
    s.choose(&sc, &reply("offer")).unwrap();
    let mut r = RunResult::of(&s, &sc).unwrap();
    let mut p = Progress::default();
    for (i, level) in [(1, 1), (2, 1), (3, 2), (4, 2), (5, 2), (6, 3)] {
        r.scenario = counterpart::engine::ScenarioId::new(format!("s{i}"));
        p.record(&r, i);
        assert_eq!(p.badges["empathy"].level, level, "after {i} scenarios");
    }
}

#[test]
fn unreadable_or_future_progress_is_refused_not_misread() {
    assert!(matches!(
        Progress::from_json("{not json"),
        Err(ProgressError::Unreadable(_))
    ));
    assert!(matches!(
        Progress::from_json("{\"version\":1,\"runs\":5,\"badges\":{}}"),
        Err(ProgressError::Unreadable(_))
    ));
    let future = format!(
        "{{\"version\":{},\"runs\":[],\"badges\":{{}}}}",
        PROGRESS_VERSION + 1
    );
    assert!(matches!(
        Progress::from_json(&future),
        Err(ProgressError::FutureVersion(_))
    ));
}

#[test]
fn the_summary_explores_mood_and_flag_routes() {
    let s = summarize(&fixture());
    assert_eq!((s.decisions_min, s.decisions_max), (1, 2));
    assert_eq!(
        s.outcomes,
        BTreeSet::from([Outcome::Resolved, Outcome::Compromise, Outcome::Escalated])
    );
    assert_eq!((s.score_min, s.score_max), (0, 100));
    assert!(!s.has_loop);
}

#[test]
fn turns_rebuild_the_transcript_with_the_lines_that_were_shown() {
    let sc = fixture();
    for seed in 0..20 {
        let mut s = Session::start(&sc, seed);
        let first_line = s.current_line(&sc).cloned().unwrap();
        s.choose(&sc, &reply("shrug")).unwrap();
        let events = s.choose(&sc, &reply("offer")).unwrap();
        let turns = s.turns(&sc);
        assert_eq!(turns.len(), 2);
        assert_eq!(
            turns[0].line, &first_line,
            "seed {seed}: the opening line as shown"
        );
        assert_eq!(turns[0].reply.id.as_str(), "shrug");
        assert_eq!((turns[1].mood_before, turns[1].mood_after), (50, 30));
        let ending_line = events.iter().find_map(|e| match e {
            Event::CustomerSays { line, .. } => Some(line.clone()),
            _ => None,
        });
        assert_eq!(s.current_line(&sc).cloned(), ending_line);
    }
}

#[test]
fn the_best_path_follows_the_expert_replies_and_suggests_better_ones() {
    use counterpart::engine::paths::{best_path, better_reply};
    let sc = fixture();
    let ids: Vec<String> = best_path(&sc, 50).iter().map(|n| n.to_string()).collect();
    // listen (good, −20, sets `heard`) → offer (good) routes on the flag to the resolved ending.
    assert_eq!(ids, ["open", "middle", "happy"]);
    let open = sc.node(&counterpart::engine::NodeId::new("open")).unwrap();
    assert_eq!(open.best_reply().unwrap().id.as_str(), "listen");
    let lecture = open.reply(&reply("lecture")).unwrap();
    assert_eq!(
        better_reply(open, lecture).map(|r| r.id.as_str()),
        Some("listen")
    );
    let listen = open.reply(&reply("listen")).unwrap();
    assert!(better_reply(open, listen).is_none());
}

#[test]
fn suggestions_train_the_weakest_technique_and_vary() {
    use counterpart::engine::suggest::{suggest, weakest_techniques};
    use rand::SeedableRng;
    let catalog = counterpart::catalog::Catalog::load();
    let cards: Vec<_> = catalog
        .scenarios
        .iter()
        .map(counterpart::engine::compiled::ScenarioCard::of)
        .collect();
    let mut p = Progress::default();
    // Everything but `refer` has been applied well somewhere.
    for (i, s) in catalog.scenarios.iter().enumerate().take(2) {
        let mut r = RunResult::of(&played_best(s), s).unwrap();
        r.applied = Technique::ALL
            .iter()
            .copied()
            .filter(|&t| t != Technique::Refer)
            .collect();
        p.record(&r, i as u64);
    }
    assert_eq!(weakest_techniques(&p), vec![Technique::Refer]);
    let mut picks = BTreeSet::new();
    for seed in 0..30 {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let (s, t) = suggest(&cards, &p, None, &mut rng).expect("a suggestion");
        assert_eq!(t, Technique::Refer);
        assert!(s.practised.contains(&Technique::Refer));
        picks.insert(s.id.clone());
    }
    assert!(
        picks.len() > 1,
        "the pick varies among equally good candidates"
    );
}

fn played_best(sc: &Scenario) -> Session {
    let mut s = Session::start(sc, 1);
    while !s.is_finished(sc) {
        let best = s
            .current(sc)
            .and_then(|n| n.best_reply())
            .map(|r| r.id.clone())
            .unwrap();
        s.choose(sc, &best).unwrap();
    }
    s
}

fn memory_fixture() -> Scenario {
    fixture_named("valid-memory.toml")
}

#[test]
fn a_node_swings_the_mood_on_arrival_after_the_reply_and_says_so() {
    let sc = memory_fixture();
    let mut s = Session::start(&sc, 3);
    let events = s.choose(&sc, &reply("ask_name")).unwrap();
    // The reply moves 50 → 40, then the phone call 40 → 60.
    let moods: Vec<(u8, u8)> = events
        .iter()
        .filter_map(|e| match e {
            Event::MoodChanged { from, to, .. } => Some((*from, *to)),
            _ => None,
        })
        .collect();
    assert_eq!(moods, vec![(50, 40), (40, 60)]);
    assert_eq!(s.mood, 60);
    assert_eq!(
        s.steps[0].mood_after, 40,
        "the step keeps the reply's own effect"
    );
    assert_eq!(
        s.mood_curve(),
        vec![50, 60],
        "the curve shows the mood the trainee faces next"
    );
}

#[test]
fn a_line_variant_whose_condition_holds_is_said_instead_of_the_plain_one() {
    let sc = memory_fixture();
    for seed in 0..20 {
        let mut asked = Session::start(&sc, seed);
        asked.choose(&sc, &reply("ask_name")).unwrap();
        assert_eq!(
            asked.current_line(&sc).unwrap().get(Lang::En),
            "Mrs Test, as you know."
        );
        // Replayed for the transcript with the flags of the time.
        asked.choose(&sc, &reply("rush")).unwrap();
        assert_eq!(
            asked.turns(&sc)[1].line.get(Lang::En),
            "Mrs Test, as you know."
        );

        let mut ignored = Session::start(&sc, seed);
        ignored.choose(&sc, &reply("ignore")).unwrap();
        // 50 + 10 + 20 = 80: the mood condition holds, the name was never asked.
        assert_eq!(ignored.mood, 80);
        assert_eq!(
            ignored.current_line(&sc).unwrap().get(Lang::En),
            "That's it!"
        );
    }
}

#[test]
fn a_cleared_flag_no_longer_routes() {
    let sc = memory_fixture();
    let mut soothed = Session::start(&sc, 1);
    soothed.choose(&sc, &reply("ask_name")).unwrap();
    let events = soothed.choose(&sc, &reply("soothe")).unwrap();
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::FlagCleared(f) if f.as_str() == "annoyed"))
    );
    assert_eq!(soothed.outcome(&sc), Some(Outcome::Resolved));
    assert!(!soothed.flags.iter().any(|f| f.as_str() == "annoyed"));

    let mut rushed = Session::start(&sc, 1);
    rushed.choose(&sc, &reply("ask_name")).unwrap();
    rushed.choose(&sc, &reply("rush")).unwrap();
    assert_eq!(rushed.outcome(&sc), Some(Outcome::CustomerLost));
}

#[test]
fn the_checker_explores_swings_and_cleared_flags() {
    let sc = memory_fixture();
    let summary = summarize(&sc);
    assert!(summary.outcomes.contains(&Outcome::Resolved));
    assert!(summary.outcomes.contains(&Outcome::CustomerLost));
    // The compiled form (one file per language) keeps conditions, swings
    // and cleared flags.
    use counterpart::engine::compiled::{compile, read_scenario};
    let mut files = compile(&sc).into_iter();
    let (_, _, german) = files.next().expect("a German file");
    let (_, _, english) = files.next().expect("an English file");
    let mut back = read_scenario(&german).expect("reads back");
    back.absorb_language(read_scenario(&english).expect("reads back"))
        .expect("same scenario");
    assert_eq!(back, sc);
}

/// A run can start as the page showed it before the app was ready (issue
/// #21, `counterpart::early_turn`): every start mood with every opening line
/// said at it, with the replies in an order the page shuffled, is reached by
/// some seed within the number of tries the app allows. Prints the largest
/// expected number of tries.
#[test]
fn a_run_starts_showing_the_mood_line_and_order_the_page_showed() {
    use counterpart::early_turn::opening_lines;
    // Seeds as the app draws them (random), here from a fixed sequence.
    let seeds = |from: u64| (0u64..).map(move |i| (from + i).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut largest = (0u64, String::new());
    for scenario in counterpart::catalog::Catalog::load().scenarios {
        let node = scenario.node(&scenario.start).expect("start node");
        let n = node.replies.len();
        let lines = opening_lines(&scenario);
        let (low, high) = scenario.start_mood;
        let expected =
            u64::from(high - low + 1) * lines.len() as u64 * (1..=n as u64).product::<u64>();
        if expected > largest.0 {
            largest = (expected, scenario.id.to_string());
        }
        for mood in low..=high {
            for line in node.line_choices(mood, &BTreeSet::new()) {
                assert!(lines.contains(&line));
                // The file's order reversed, and rotated by one: two of the orders a page can show.
                let reversed: Vec<usize> = (0..n).rev().collect();
                let rotated: Vec<usize> = (1..=n).map(|i| i % n).collect();
                for order in [reversed, rotated] {
                    let session = Session::start_showing(
                        &scenario,
                        mood,
                        line,
                        &order,
                        seeds(line as u64).take(1_000_000),
                    )
                    .unwrap_or_else(|| {
                        panic!(
                            "{}: no seed shows mood {mood}, line {line} and order {order:?}",
                            scenario.id
                        )
                    });
                    assert_eq!((session.start_mood, session.line), (mood, line));
                    assert_eq!(session.reply_order(&scenario), order);
                    assert!(session.steps.is_empty());
                    let again = Session::start(&scenario, session.seed);
                    assert_eq!(again, session, "the seed alone replays the run");
                }
            }
        }
        // An order the node cannot have is refused, not searched forever.
        assert!(
            Session::start_showing(&scenario, low, lines[0], &[0; 1], seeds(0).take(10)).is_none()
                || n == 1
        );
    }
    println!(
        "largest expected number of tries: {} ({})",
        largest.0, largest.1
    );
}
