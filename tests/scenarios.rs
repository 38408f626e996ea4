//! Every shipped scenario in `scenarios/` parses, validates, and can be won.

use counterpart::catalog::Catalog;
use counterpart::engine::analysis::summarize;
use counterpart::engine::{Lang, Outcome};

#[test]
fn every_shipped_scenario_loads_without_problems() {
    let catalog = Catalog::load();
    assert!(!catalog.scenarios.is_empty(), "no scenarios found");
    let problems: Vec<String> = catalog.problems.iter().map(|p| p.to_string()).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    println!("{} shipped scenarios load", catalog.scenarios.len());
}

#[test]
fn every_shipped_scenario_is_complete_in_both_languages_and_winnable() {
    let catalog = Catalog::load();
    for scenario in &catalog.scenarios {
        assert!(
            scenario.languages.contains(&Lang::De) && scenario.languages.contains(&Lang::En),
            "{}: needs de and en",
            scenario.id
        );
        let summary = summarize(scenario);
        assert!(
            summary.decisions_max >= 5,
            "{}: main path needs ≥ 5 decisions, has {}",
            scenario.id,
            summary.decisions_max
        );
        assert!(summary.endings >= 3, "{}: needs ≥ 3 endings", scenario.id);
        assert!(
            summary.outcomes.iter().any(|o| o.is_success()),
            "{}: no good ending reachable",
            scenario.id
        );
        assert!(
            summary.outcomes.contains(&Outcome::Escalated)
                || summary.outcomes.contains(&Outcome::CustomerLost),
            "{}: needs a reachable escalation or lost customer",
            scenario.id
        );
        for node in scenario.nodes().iter().filter(|n| n.ending.is_none()) {
            assert!(
                node.replies.len() >= 2,
                "{}: node {} offers no real choice",
                scenario.id,
                node.id
            );
        }
    }
}
