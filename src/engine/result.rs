//! The result of a finished run: outcome, score and per-technique results.

use super::ids::{NodeId, ScenarioId};
use super::scenario::Scenario;
use super::session::{Session, Step};
use super::vocabulary::{Outcome, Rating, Technique};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    pub scenario: ScenarioId,
    pub outcome: Outcome,
    /// The ending node reached, for its title and debrief.
    pub ending: NodeId,
    /// 0–100, see [`score`].
    pub score: u8,
    /// Techniques used in a reply rated good.
    pub applied: BTreeSet<Technique>,
    /// Techniques named by a reply rated poor: used at the wrong moment.
    pub misapplied: BTreeSet<Technique>,
    /// Techniques a good reply offered at a visited decision, never applied well.
    pub missed: BTreeSet<Technique>,
    pub steps: Vec<Step>,
    pub mood_curve: Vec<u8>,
}

/// The score of a run: 70 % from the quality of the replies (good 2 points,
/// acceptable 1, poor 0, over all decisions) and 30 % from the outcome's weight.
pub fn score(points: u32, decisions: u32, outcome: Outcome) -> u8 {
    if decisions == 0 {
        return (outcome.weight() * 30 / 100) as u8;
    }
    let quality = f64::from(points) / f64::from(2 * decisions);
    let value = 70.0 * quality + 0.3 * f64::from(outcome.weight());
    value.round().clamp(0.0, 100.0) as u8
}

impl RunResult {
    /// The result of a finished session, or `None` while it is still going.
    pub fn of(session: &Session, scenario: &Scenario) -> Option<RunResult> {
        let outcome = session.outcome(scenario)?;
        let mut applied = BTreeSet::new();
        let mut misapplied = BTreeSet::new();
        let mut expected = BTreeSet::new();
        for step in &session.steps {
            let Some(node) = scenario.node(&step.node) else {
                continue;
            };
            expected.extend(node.expected_techniques());
            let Some(reply) = node.reply(&step.reply) else {
                continue;
            };
            match reply.rating {
                Rating::Good => applied.extend(reply.techniques.iter().copied()),
                Rating::Poor => misapplied.extend(reply.techniques.iter().copied()),
                Rating::Acceptable => {}
            }
        }
        let missed = expected.difference(&applied).copied().collect();
        let points = session.steps.iter().map(|s| s.rating.points()).sum();
        Some(RunResult {
            scenario: session.scenario.clone(),
            outcome,
            ending: session.node.clone(),
            score: score(points, session.steps.len() as u32, outcome),
            applied,
            misapplied,
            missed,
            steps: session.steps.clone(),
            mood_curve: session.mood_curve(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_weights_replies_and_outcome() {
        assert_eq!(score(10, 5, Outcome::Resolved), 100);
        assert_eq!(score(0, 5, Outcome::Escalated), 0);
        assert_eq!(score(5, 5, Outcome::Compromise), 59); // 35 + 24
        assert_eq!(score(0, 0, Outcome::Resolved), 30);
    }
}
