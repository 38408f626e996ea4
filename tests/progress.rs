//! Progress: migrations from every earlier stored version, merge properties,
//! badge rules, the size of the compact form, and robustness against garbage.

use counterpart::catalog::Catalog;
use counterpart::engine::badges::BADGE_RULES;
use counterpart::engine::progress::{HISTORY_LIMIT, PROGRESS_VERSION, Progress, ProgressError};
use counterpart::engine::result::RunResult;
use counterpart::engine::{Outcome, ScenarioId, Technique};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn run(
    scenario: &str,
    outcome: Outcome,
    score: u8,
    applied: &[Technique],
    misapplied: &[Technique],
) -> RunResult {
    RunResult {
        scenario: ScenarioId::new(scenario),
        customer_type: counterpart::engine::CustomerType::Dissatisfied,
        outcome,
        ending: counterpart::engine::NodeId::new("end"),
        score,
        applied: applied.iter().copied().collect(),
        misapplied: misapplied.iter().copied().collect(),
        missed: BTreeSet::new(),
        steps: Vec::new(),
        mood_curve: vec![50],
        started_at: None,
    }
}

#[test]
fn version_1_migrates_with_records_history_and_badges() {
    let p = Progress::from_json(include_str!("fixtures/progress/v1.json")).expect("v1 migrates");
    assert_eq!(p.version, PROGRESS_VERSION);
    let yoghurt = &p.scenarios[&ScenarioId::new("supermarket-expired-yoghurt")];
    assert_eq!(yoghurt.plays, 2);
    assert_eq!(
        (yoghurt.best_outcome, yoghurt.best_score),
        (Outcome::Resolved, 100)
    );
    assert!(yoghurt.applied.contains(Technique::Empathy));
    assert!(yoghurt.misapplied.contains(Technique::Explain));
    // Solution was misapplied in the first run but applied cleanly in the second.
    assert!(yoghurt.applied_cleanly.contains(Technique::Solution));
    assert_eq!(p.history.len(), 3);
    assert_eq!(p.history[0].finished_at, 1_764_160_000_000);
    assert_eq!(p.badges["boundary"].level, 1);
    assert_eq!(p.badges["calm"].earned_at, 1_764_160_000_000);
    // And the migrated form reads back unchanged.
    assert_eq!(Progress::from_json(&p.to_json()).unwrap(), p);
}

#[test]
fn garbage_wrong_types_and_future_versions_are_refused() {
    for bad in [
        "",
        "null",
        "[]",
        "{",
        "{\"v\":\"2\"}",
        "{\"v\":2,\"s\":5}",
        "{\"v\":2,\"g\":{\"calm\":{\"l\":-1,\"t\":0}}}",
        "{\"version\":1,\"runs\":5,\"badges\":{}}",
        "{\"v\":0}",
        "{\"v\":2,\"s\":{\"x\":{\"n\":1,\"b\":1,\"o\":\"resolved\",\"a\":255,\"c\":0,\"m\":0,\"t\":0}}}",
    ] {
        assert!(
            matches!(Progress::from_json(bad), Err(ProgressError::Unreadable(_))),
            "{bad:?} must be unreadable"
        );
    }
    let future = format!("{{\"v\":{}}}", PROGRESS_VERSION + 1);
    assert!(matches!(
        Progress::from_json(&future),
        Err(ProgressError::FutureVersion(_))
    ));
}

#[test]
fn the_top_badge_level_needs_clean_applications() {
    let mut p = Progress::default();
    for i in 0..6 {
        // Applied well everywhere, but misapplied in the same run in one scenario.
        let misapplied: &[Technique] = if i == 0 { &[Technique::Calm] } else { &[] };
        p.record(
            &run(
                &format!("s{i}"),
                Outcome::Resolved,
                90,
                &[Technique::Calm],
                misapplied,
            ),
            i,
        );
    }
    let calm = BADGE_RULES
        .iter()
        .find(|r| r.technique() == Some(Technique::Calm))
        .unwrap();
    assert_eq!(
        calm.level(&p),
        2,
        "5 clean scenarios are not enough for the top level"
    );
    assert_eq!(calm.needed_for_next(&p), Some(1));
    p.record(
        &run("s6", Outcome::Resolved, 90, &[Technique::Calm], &[]),
        99,
    );
    assert_eq!(p.badges["calm"].level, 3);
    assert_eq!(calm.needed_for_next(&p), None);
}

#[test]
fn history_keeps_the_most_recent_runs_and_records_keep_counting() {
    let mut p = Progress::default();
    for i in 0..(HISTORY_LIMIT as u64 + 5) {
        p.record(&run("a", Outcome::Compromise, 70, &[], &[]), i);
    }
    assert_eq!(p.history.len(), HISTORY_LIMIT);
    assert_eq!(p.history.first().unwrap().finished_at, 5);
    assert_eq!(
        p.scenarios[&ScenarioId::new("a")].plays,
        HISTORY_LIMIT as u32 + 5
    );
}

/// The largest realistic progress: every shipped scenario played ten times,
/// every badge at the top level. What the LMS bridge sends must fit SCORM
/// 1.2's 4,096 characters without losing a scenario's record or a badge.
#[test]
fn the_compact_form_of_a_full_record_is_small() {
    let catalog = Catalog::load();
    let mut p = Progress::default();
    let mut now = 1_764_000_000_000u64;
    for _ in 0..10 {
        for s in &catalog.scenarios {
            now += 3_600_000;
            let all: Vec<Technique> = Technique::ALL.to_vec();
            let mut r = run(s.id.as_str(), Outcome::Resolved, 100, &all, &[]);
            r.customer_type = s.customer_type;
            r.mood_curve = vec![85, 20];
            r.steps = vec![counterpart::engine::session::Step {
                node: counterpart::engine::NodeId::new("start"),
                reply: counterpart::engine::ReplyId::new("good"),
                rating: counterpart::engine::Rating::Good,
                mood_before: 85,
                mood_after: 20,
                words: None,
            }];
            p.record(&r, now);
        }
    }
    assert!(
        catalog.scenarios.len() >= 6,
        "enough scenarios for every top badge level"
    );
    for rule in BADGE_RULES.iter() {
        assert_eq!(
            p.badges[rule.id].level as usize,
            rule.levels.len(),
            "{} at its top level",
            rule.id
        );
    }
    let json = p.to_json();
    let without_history = Progress {
        history: Vec::new(),
        ..p.clone()
    }
    .to_json();
    println!(
        "compact progress, {} scenarios × 10 plays, all badges: {} characters ({} without history)",
        p.scenarios.len(),
        json.len(),
        without_history.len()
    );
    // What the LMS gets: history goes first, oldest first; every scenario's
    // record and every badge must still fit SCORM 1.2's 4,096 characters.
    let data = counterpart::lms::mapping::suspend_data(
        &p,
        counterpart::lms::mapping::SCORM12_SUSPEND_LIMIT,
    );
    assert!(
        data.len() <= 4096,
        "suspend_data is {} characters",
        data.len()
    );
    let back = Progress::from_json(&data).expect("suspend_data reads back");
    assert_eq!(
        back.scenarios, p.scenarios,
        "every scenario's record is kept"
    );
    assert_eq!(back.badges, p.badges, "every badge is kept");
}

fn technique() -> impl Strategy<Value = Technique> {
    prop::sample::select(Technique::ALL.to_vec())
}

fn arbitrary_progress() -> impl Strategy<Value = Progress> {
    let one_run = (
        prop::sample::select(vec!["a", "b", "c", "d"]),
        prop::sample::select(Outcome::ALL.to_vec()),
        0u8..=100,
        prop::collection::vec(technique(), 0..4),
        prop::collection::vec(technique(), 0..2),
        0u64..1_000,
    );
    prop::collection::vec(one_run, 0..30).prop_map(|runs| {
        let mut p = Progress::default();
        for (s, o, score, applied, misapplied, t) in runs {
            p.record(&run(s, o, score, &applied, &misapplied), t);
        }
        p
    })
}

proptest! {
    #[test]
    fn merge_is_commutative_idempotent_and_associative(a in arbitrary_progress(), b in arbitrary_progress(), c in arbitrary_progress()) {
        prop_assert_eq!(a.merge(&b), b.merge(&a));
        prop_assert_eq!(a.merge(&a), a.clone());
        prop_assert_eq!(a.merge(&Progress::default()), a.clone());
        prop_assert_eq!(a.merge(&b).merge(&b), a.merge(&b));
        prop_assert_eq!(a.merge(&b).merge(&c), a.merge(&b.merge(&c)));
    }

    #[test]
    fn merge_only_grows(a in arbitrary_progress(), b in arbitrary_progress()) {
        let m = a.merge(&b);
        for (id, badge) in a.badges.iter().chain(&b.badges) {
            prop_assert!(m.badges[id].level >= badge.level);
        }
        for (id, record) in a.scenarios.iter().chain(&b.scenarios) {
            let merged = &m.scenarios[id];
            prop_assert!(merged.plays >= record.plays && merged.best_score >= record.best_score);
            prop_assert_eq!(merged.applied.union(record.applied), merged.applied);
        }
    }

    #[test]
    fn badges_only_grow_when_recording(p in arbitrary_progress(), extra in prop::collection::vec(technique(), 0..7)) {
        let mut q = p.clone();
        q.record(&run("z", Outcome::Resolved, 100, &extra, &[]), 5_000);
        for (id, badge) in &p.badges {
            prop_assert!(q.badges[id].level >= badge.level);
        }
    }

    #[test]
    fn stored_progress_round_trips(p in arbitrary_progress()) {
        prop_assert_eq!(Progress::from_json(&p.to_json()).unwrap(), p);
    }

    #[test]
    fn arbitrary_text_never_panics_the_decoder(text in ".{0,200}") {
        let _ = Progress::from_json(&text);
    }
}

#[test]
fn export_and_import_round_trip_and_refuse_wrong_or_tampered_files() {
    let mut p = Progress::default();
    p.record(
        &run(
            "a",
            Outcome::Resolved,
            95,
            &[Technique::Calm, Technique::Empathy],
            &[],
        ),
        10,
    );
    let file = p.to_export(20);
    assert_eq!(Progress::from_export(&file), Ok(p.clone()));
    // A bare stored progress is accepted too.
    assert_eq!(Progress::from_export(&p.to_json()), Ok(p.clone()));

    use counterpart::engine::progress::ImportError;
    assert_eq!(
        Progress::from_export("hello"),
        Err(ImportError::NotProgress)
    );
    assert_eq!(
        Progress::from_export("{\"name\":\"something else\"}"),
        Err(ImportError::NotProgress)
    );
    let claimed = file.replace("\"calm\":{\"l\":1", "\"calm\":{\"l\":3");
    assert_ne!(claimed, file);
    assert!(matches!(
        Progress::from_export(&claimed),
        Err(ImportError::Tampered(_))
    ));
    let broken = file.replace("\"n\":1", "\"n\":\"one\"");
    assert!(matches!(
        Progress::from_export(&broken),
        Err(ImportError::Tampered(_))
    ));
    let future = format!(
        "{{\"counterpart_progress\":{{\"v\":{}}}}}",
        PROGRESS_VERSION + 1
    );
    assert_eq!(
        Progress::from_export(&future),
        Err(ImportError::FutureVersion(PROGRESS_VERSION + 1))
    );
}

#[test]
fn feat_badges_come_from_single_runs_and_every_customer_type() {
    use counterpart::engine::CustomerType;
    use counterpart::engine::session::Step;
    let good = |n: usize| {
        (0..n)
            .map(|i| Step {
                node: counterpart::engine::NodeId::new(format!("n{i}")),
                reply: counterpart::engine::ReplyId::new("r"),
                rating: counterpart::engine::Rating::Good,
                mood_before: 50,
                mood_after: 50,
                words: None,
            })
            .collect::<Vec<_>>()
    };
    let mut p = Progress::default();
    let mut furious = run("hot", Outcome::Resolved, 90, &[Technique::Calm], &[]);
    furious.mood_curve = vec![70, 85, 40];
    p.record(&furious, 1);
    assert!(p.badges.contains_key("deescalator"));
    assert!(
        !p.badges.contains_key("flawless"),
        "no steps, no flawless run"
    );
    let mut clean = run("clean", Outcome::Compromise, 80, &[], &[]);
    clean.steps = good(3);
    p.record(&clean, 2);
    assert!(p.badges.contains_key("flawless"));
    let lost = run(
        "lost",
        Outcome::CustomerLost,
        20,
        &[Technique::Boundary],
        &[],
    );
    p.record(&lost, 3);
    assert!(
        !p.badges.contains_key("boundary_keeper"),
        "the customer was lost"
    );
    p.record(
        &run(
            "kept",
            Outcome::BoundaryHeld,
            80,
            &[Technique::Boundary],
            &[],
        ),
        4,
    );
    assert!(p.badges.contains_key("boundary_keeper"));
    assert!(!p.badges.contains_key("all_types"));
    for (i, kind) in CustomerType::ALL.iter().enumerate() {
        let mut r = run(&format!("type-{i}"), Outcome::Compromise, 60, &[], &[]);
        r.customer_type = *kind;
        p.record(&r, 10 + i as u64);
    }
    assert_eq!(p.badges["all_types"].level, 1);
    // All of it survives storage and a merge, and stays consistent for import.
    let back = Progress::from_json(&p.to_json()).unwrap();
    assert_eq!(back, p);
    assert_eq!(Progress::default().merge(&p), p);
    assert!(p.check_consistent().is_ok());
}

#[test]
fn oversized_inputs_are_refused_with_a_clear_message() {
    use counterpart::engine::progress::{ImportError, MAX_PROGRESS_BYTES};
    let huge = format!("{{\"v\":2,\"pad\":\"{}\"}}", "x".repeat(MAX_PROGRESS_BYTES));
    assert!(matches!(Progress::from_export(&huge), Err(ImportError::TooLarge(kb)) if kb >= 1024));
    assert!(
        matches!(Progress::from_json(&huge), Err(ProgressError::Unreadable(why)) if why.contains("KB"))
    );
    let big_scenario = format!(
        "# {}\n",
        "x".repeat(counterpart::engine::load::MAX_SCENARIO_BYTES)
    );
    let err = counterpart::engine::load_untrusted("big.toml", &big_scenario).unwrap_err();
    assert_eq!(err.0.len(), 1);
    assert!(
        err.0[0].message.en.contains("at most 1024 KB"),
        "{}",
        err.0[0]
    );
}

#[test]
fn the_first_run_and_the_time_on_task_are_kept_and_merge_without_double_counting() {
    let mut p = Progress::default();
    let mut first = run("a", Outcome::CustomerLost, 30, &[], &[]);
    first.started_at = Some(1_000_000);
    p.record(&first, 1_000_000 + 240_000); // four minutes
    let mut second = run("a", Outcome::Resolved, 90, &[], &[]);
    second.started_at = Some(5_000_000);
    p.record(&second, 5_000_000 + 10 * 3_600_000); // paused overnight: counts 30 minutes
    let record = &p.scenarios[&ScenarioId::new("a")];
    assert_eq!(record.first_score, Some(30));
    assert_eq!(record.best_score, 90);
    assert_eq!(record.seconds, Some(240 + 30 * 60));
    // Merging a copy of itself (another tab) neither adds time nor moves the first run.
    let merged = p.merge(&p.clone());
    assert_eq!(
        merged.scenarios[&ScenarioId::new("a")].seconds,
        Some(240 + 30 * 60)
    );
    assert_eq!(
        merged.scenarios[&ScenarioId::new("a")].first_score,
        Some(30)
    );
    // And the stored form reads back.
    let back = Progress::from_json(&p.to_json()).expect("reads back");
    assert_eq!(back, p);
}

#[test]
fn a_reset_stays_reset_when_an_older_copy_is_merged_in_either_order() {
    let mut old = Progress::default();
    old.record(
        &run("a", Outcome::Resolved, 90, &[Technique::Empathy], &[]),
        1_000,
    );
    old.record(
        &run("b", Outcome::Resolved, 80, &[Technique::Calm], &[]),
        2_000,
    );
    assert!(!old.badges.is_empty());
    let reset = Progress::reset(3_000);
    for merged in [reset.merge(&old), old.merge(&reset)] {
        assert!(
            merged.scenarios.is_empty() && merged.history.is_empty() && merged.badges.is_empty(),
            "{merged:?}"
        );
        assert_eq!(merged.reset_at, Some(3_000));
    }
    // What is played after the reset counts, also when merged with the old copy.
    let mut after = reset.clone();
    after.record(&run("b", Outcome::Compromise, 60, &[], &[]), 4_000);
    let merged = old.merge(&after);
    assert_eq!(merged.scenarios.len(), 1);
    assert_eq!(merged.scenarios[&ScenarioId::new("b")].best_score, 60);
    assert_eq!(merged, after.merge(&old), "commutative");
    assert_eq!(merged.merge(&merged), merged, "idempotent");
    // The tombstone survives the stored form.
    assert_eq!(
        Progress::from_json(&merged.to_json()).expect("reads back"),
        merged
    );
}

#[test]
fn runs_of_own_scenarios_join_the_history_but_earn_no_badges() {
    let all = [Technique::Calm, Technique::Empathy, Technique::Solution];
    let mut farmed = Progress::default();
    for i in 0..6 {
        let own = run(&format!("my-own-{i}"), Outcome::Resolved, 100, &all, &[]);
        farmed.record_practice(&own, 1_764_000_000_000 + i);
    }
    assert_eq!(farmed.history.len(), 6, "the trainee sees the runs");
    assert!(
        farmed.scenarios.is_empty(),
        "no records for badges or an LMS"
    );
    assert!(farmed.award_badges(1_764_000_001_000).is_empty());
    assert!(farmed.badges.is_empty());
    // The same runs of shipped scenarios do earn badges.
    let mut played = Progress::default();
    let awards: usize = (0..6)
        .map(|i| {
            let shipped = run(&format!("shipped-{i}"), Outcome::Resolved, 100, &all, &[]);
            played.record(&shipped, 1_764_000_000_000 + i).len()
        })
        .sum();
    assert!(awards > 0);
}
