//! The gaming test: a bored trainee who clicks by a surface cue (always the
//! longest reply, the shortest, the one with the most comforting words, the
//! first shown, or at random) must not do well. Plays every shipped scenario
//! with each strategy, in both languages and over several seeds, prints a
//! table (strategy × scenario, mean score) and fails when any strategy
//! averages more than [`MAX_MEAN_SCORE`] points over the library.

use counterpart::catalog::Catalog;
use counterpart::engine::cues::{comfort_count, length};
use counterpart::engine::result::RunResult;
use counterpart::engine::{Lang, Reply, Scenario, Session};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// No strategy may average more than this over the library.
const MAX_MEAN_SCORE: f64 = 55.0;
/// Runs per scenario, strategy and language (seeds 0..SEEDS): the start mood,
/// line variants and the shown order of replies depend on the seed.
const SEEDS: u64 = 16;

#[derive(Clone, Copy, Debug)]
enum Strategy {
    Longest,
    Shortest,
    MostComforting,
    /// The opposite cue: if comforting words mostly mark poor replies,
    /// avoiding them would win.
    LeastComforting,
    FirstShown,
    Random,
}

impl Strategy {
    const ALL: [Strategy; 6] = [
        Strategy::Longest,
        Strategy::Shortest,
        Strategy::MostComforting,
        Strategy::LeastComforting,
        Strategy::FirstShown,
        Strategy::Random,
    ];

    fn name(self) -> &'static str {
        match self {
            Strategy::Longest => "always the longest",
            Strategy::Shortest => "always the shortest",
            Strategy::MostComforting => "most comforting words",
            Strategy::LeastComforting => "fewest comforting words",
            Strategy::FirstShown => "always the first shown",
            Strategy::Random => "random",
        }
    }

    /// The reply this strategy clicks among `shown` (in the order shown);
    /// ties go to the one shown first.
    fn pick<'s>(self, shown: &[&'s Reply], lang: Lang, rng: &mut StdRng) -> &'s Reply {
        let best_by = |key: &dyn Fn(&Reply) -> i64| {
            let top = shown.iter().map(|r| key(r)).max().unwrap_or(0);
            *shown
                .iter()
                .find(|r| key(r) == top)
                .expect("a decision shows at least one reply")
        };
        match self {
            Strategy::Longest => best_by(&|r| length(r, lang) as i64),
            Strategy::Shortest => best_by(&|r| -(length(r, lang) as i64)),
            Strategy::MostComforting => best_by(&|r| comfort_count(r, lang) as i64),
            Strategy::LeastComforting => best_by(&|r| -(comfort_count(r, lang) as i64)),
            Strategy::FirstShown => shown[0],
            Strategy::Random => shown[rng.random_range(0..shown.len())],
        }
    }
}

/// The score of one run with `strategy`.
fn play(scenario: &Scenario, strategy: Strategy, lang: Lang, seed: u64) -> u8 {
    let mut session = Session::start(scenario, seed);
    let mut rng = StdRng::seed_from_u64(seed);
    for _ in 0..200 {
        if let Some(result) = RunResult::of(&session, scenario) {
            return result.score;
        }
        let node = session.current(scenario).expect("the session is at a node");
        let shown: Vec<&Reply> = session
            .reply_order(scenario)
            .into_iter()
            .map(|i| &node.replies[i])
            .collect();
        let reply = strategy.pick(&shown, lang, &mut rng).id.clone();
        session
            .choose(scenario, &reply)
            .expect("a shown reply can be chosen");
    }
    panic!("{}: no ending after 200 replies", scenario.id);
}

/// Mean score of `strategy` on one scenario, over both languages and all seeds.
fn mean_score(scenario: &Scenario, strategy: Strategy) -> f64 {
    let mut total = 0u32;
    let mut runs = 0u32;
    for &lang in &scenario.languages {
        for seed in 0..SEEDS {
            total += u32::from(play(scenario, strategy, lang, seed));
            runs += 1;
        }
    }
    f64::from(total) / f64::from(runs.max(1))
}

#[test]
fn no_surface_cue_wins_the_library() {
    let catalog = Catalog::load();
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    let scenarios = &catalog.scenarios;
    assert!(!scenarios.is_empty());

    let mut table = format!("{:<24}", "strategy \\ scenario");
    for i in 1..=scenarios.len() {
        table += &format!("{i:>5}");
    }
    table += "   mean\n";
    let mut failures = Vec::new();
    for strategy in Strategy::ALL {
        let scores: Vec<f64> = scenarios.iter().map(|s| mean_score(s, strategy)).collect();
        let mean = scores.iter().sum::<f64>() / scores.len() as f64;
        table += &format!("{:<24}", strategy.name());
        for score in &scores {
            table += &format!("{score:>5.0}");
        }
        table += &format!("  {mean:>5.1}\n");
        if mean > MAX_MEAN_SCORE {
            failures.push(format!(
                "`{}` averages {mean:.1} points (limit {MAX_MEAN_SCORE})",
                strategy.name()
            ));
        }
    }
    for (i, s) in scenarios.iter().enumerate() {
        table += &format!("{:>3} {}\n", i + 1, s.id);
    }
    println!("{table}");
    assert!(
        failures.is_empty(),
        "a trainee can win by a surface cue:\n{}\n\n{table}",
        failures.join("\n")
    );
}

#[test]
fn the_strategies_can_fail_a_scenario_that_leans_on_length() {
    // The test is only worth something if it catches the cue it looks for:
    // in a scenario where the good reply is always the longest, "always the
    // longest" must score full marks.
    let source = r#"
format = 1
languages = ["de", "en"]
[scenario]
title = { de = "T", en = "T" }
summary = { de = "S", en = "S" }
customer = { de = "K", en = "C" }
customer_type = "grumbler"
setting = "other"
difficulty = 1
start_mood = 50
start = "a"
[[node]]
id = "a"
lines = [{ de = "Hallo", en = "Hello" }]
  [[node.reply]]
  id = "long_good"
  text = { de = "Eine lange, gute Antwort mit Inhalt", en = "A long, good reply with substance" }
  rating = "good"
  techniques = ["calm"]
  mood_change = -10
  mood_reason = { de = "r", en = "r" }
  feedback = { de = "Ruhe", en = "calm" }
  next = "end"
  [[node.reply]]
  id = "short_poor"
  text = { de = "Nein.", en = "No." }
  rating = "poor"
  mood_change = 20
  mood_reason = { de = "r", en = "r" }
  feedback = { de = "f", en = "f" }
  next = "bad"
[[node]]
id = "end"
lines = [{ de = "Gut.", en = "Fine." }]
  [node.ending]
  outcome = "resolved"
  title = { de = "G", en = "G" }
  debrief = { de = "D", en = "D" }
[[node]]
id = "bad"
lines = [{ de = "Tschüss.", en = "Bye." }]
  [node.ending]
  outcome = "escalated"
  title = { de = "E", en = "E" }
  debrief = { de = "D", en = "D" }
"#;
    let scenario = counterpart::engine::load("cue.toml", source).expect("the test scenario loads");
    assert_eq!(mean_score(&scenario, Strategy::Longest), 100.0);
    assert_eq!(mean_score(&scenario, Strategy::Shortest), 0.0);
}
