//! Golden playthroughs: each `tests/playthroughs/*.txt` plays a shipped
//! scenario by reply id and asserts mood, techniques, outcome, score and badges.
//!
//! Format, one instruction per line (`#` starts a comment):
//!   scenario <id>          seed <n>          choose <reply-id>
//!   expect mood <n>        expect node <id>  expect flag <name>
//!   expect outcome <id>    expect score <n>
//!   expect applied|misapplied|missed <technique>...   (exact set; may be empty)
//!   expect badges <badge-id>:<level>...               (exact set after recording the run)

use counterpart::catalog::Catalog;
use counterpart::engine::progress::Progress;
use counterpart::engine::result::RunResult;
use counterpart::engine::{Flag, ReplyId, ScenarioId, Session, Technique};
use std::collections::BTreeSet;
use std::path::Path;

fn techniques(words: &[&str], at: &str) -> BTreeSet<Technique> {
    words
        .iter()
        .map(|w| Technique::from_id(w).unwrap_or_else(|| panic!("{at}: unknown technique `{w}`")))
        .collect()
}

fn run_file(path: &Path, catalog: &Catalog) {
    let text = std::fs::read_to_string(path).expect("playthrough file is readable");
    let name = path.display().to_string();
    let mut scenario_id = None;
    let mut seed = 0u64;
    let mut session: Option<Session> = None;
    let mut result: Option<RunResult> = None;
    let mut progress = Progress::default();
    let mut choices = 0;

    for (number, raw) in text.lines().enumerate() {
        let at = format!("{name}:{}", number + 1);
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let scenario = || {
            let id: &ScenarioId = scenario_id
                .as_ref()
                .unwrap_or_else(|| panic!("{at}: `scenario` must come first"));
            catalog
                .get(id)
                .unwrap_or_else(|| panic!("{at}: no shipped scenario `{id}`"))
        };
        match words.as_slice() {
            ["scenario", id] => scenario_id = Some(ScenarioId::new(*id)),
            ["seed", n] => seed = n.parse().unwrap_or_else(|_| panic!("{at}: bad seed")),
            ["choose", reply] => {
                let sc = scenario();
                let s = session.get_or_insert_with(|| Session::start(sc, seed));
                s.choose(sc, &ReplyId::new(*reply))
                    .unwrap_or_else(|e| panic!("{at}: choose `{reply}` failed: {e}"));
                choices += 1;
                if let Some(r) = RunResult::of(s, sc) {
                    progress.record(&r, 0);
                    result = Some(r);
                }
            }
            ["expect", "mood", n] => {
                let s = session.get_or_insert_with(|| Session::start(scenario(), seed));
                assert_eq!(s.mood.to_string(), *n, "{at}: mood");
            }
            ["expect", "node", id] => {
                let s = session
                    .as_ref()
                    .unwrap_or_else(|| panic!("{at}: no choice made yet"));
                assert_eq!(s.node.as_str(), *id, "{at}: node");
            }
            ["expect", "flag", f] => {
                let s = session
                    .as_ref()
                    .unwrap_or_else(|| panic!("{at}: no choice made yet"));
                assert!(
                    s.flags.contains(&Flag::new(*f)),
                    "{at}: flag `{f}` not set; flags: {:?}",
                    s.flags
                );
            }
            ["expect", "outcome", o] => {
                let r = result
                    .as_ref()
                    .unwrap_or_else(|| panic!("{at}: the conversation has not ended"));
                assert_eq!(r.outcome.id(), *o, "{at}: outcome");
            }
            ["expect", "score", n] => {
                let r = result
                    .as_ref()
                    .unwrap_or_else(|| panic!("{at}: the conversation has not ended"));
                assert_eq!(r.score.to_string(), *n, "{at}: score");
            }
            [
                "expect",
                kind @ ("applied" | "misapplied" | "missed"),
                rest @ ..,
            ] => {
                let r = result
                    .as_ref()
                    .unwrap_or_else(|| panic!("{at}: the conversation has not ended"));
                let actual = match *kind {
                    "applied" => &r.applied,
                    "misapplied" => &r.misapplied,
                    _ => &r.missed,
                };
                assert_eq!(actual, &techniques(rest, &at), "{at}: {kind}");
            }
            ["expect", "badges", rest @ ..] => {
                let actual: BTreeSet<String> = progress
                    .badges
                    .iter()
                    .map(|(id, b)| format!("{id}:{}", b.level))
                    .collect();
                let expected: BTreeSet<String> = rest.iter().map(|s| s.to_string()).collect();
                assert_eq!(actual, expected, "{at}: badges");
            }
            _ => panic!("{at}: cannot read `{line}`"),
        }
    }
    assert!(
        choices > 0,
        "{name}: a playthrough must choose at least one reply"
    );
}

/// The golden playthrough files, sorted.
fn playthrough_files() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/playthroughs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/playthroughs exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

/// One test per playthrough file (named after it), plus the check that every
/// scenario has its three golden paths: libtest-mimic runs them all and
/// reports each failure, so one broken file never hides another.
fn main() -> std::process::ExitCode {
    let args = libtest_mimic::Arguments::from_args();
    let catalog = std::sync::Arc::new(Catalog::load());
    let mut trials = vec![libtest_mimic::Trial::test(
        "every_scenario_has_its_three_golden_paths",
        || {
            every_scenario_has_its_three_golden_paths();
            Ok(())
        },
    )];
    let shipped = std::sync::Arc::clone(&catalog);
    trials.push(libtest_mimic::Trial::test(
        "shipped_scenarios_load",
        move || {
            if shipped.problems.is_empty() {
                Ok(())
            } else {
                Err(format!("shipped scenarios have problems: {:#?}", shipped.problems).into())
            }
        },
    ));
    let files = playthrough_files();
    trials.push(libtest_mimic::Trial::test(
        "there_are_golden_playthroughs",
        {
            let count = files.len();
            move || {
                if count >= 3 {
                    Ok(())
                } else {
                    Err(format!("expected golden playthroughs, found {count}").into())
                }
            }
        },
    ));
    for file in files {
        let name = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("?")
            .to_string();
        let catalog = std::sync::Arc::clone(&catalog);
        trials.push(libtest_mimic::Trial::test(
            format!("playthrough::{name}"),
            move || {
                run_file(&file, &catalog);
                Ok(())
            },
        ));
    }
    libtest_mimic::run(&args, trials).exit_code()
}

/// Every shipped scenario has a best path, an escalation path and a path
/// through a mood-dependent route among its golden playthroughs.
fn every_scenario_has_its_three_golden_paths() {
    let catalog = Catalog::load();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/playthroughs");
    let files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("tests/playthroughs exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            (name, std::fs::read_to_string(&p).unwrap_or_default())
        })
        .collect();
    for scenario in &catalog.scenarios {
        let line = format!("scenario {}", scenario.id);
        let mine: Vec<&(String, String)> = files
            .iter()
            .filter(|(_, text)| text.lines().any(|l| l.trim() == line))
            .collect();
        for kind in ["best", "escalation", "mood-route"] {
            let found = mine
                .iter()
                .find(|(name, _)| name.ends_with(&format!("-{kind}")));
            let Some((_, text)) = found else {
                panic!("{}: no `-{kind}` playthrough", scenario.id);
            };
            match kind {
                "escalation" => assert!(
                    text.contains("expect outcome escalated")
                        || text.contains("expect outcome customer_lost"),
                    "{}: the escalation path must end escalated or with the customer lost",
                    scenario.id
                ),
                "mood-route" => assert!(
                    text.contains("expect node"),
                    "{}: the mood-route path must assert the routed node",
                    scenario.id
                ),
                _ => assert!(
                    text.contains("expect score 100"),
                    "{}: the best path must reach full marks",
                    scenario.id
                ),
            }
        }
    }
}
