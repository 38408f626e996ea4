//! The result of a finished run: outcome, score and per-technique results.

use super::ids::{NodeId, ScenarioId};
use super::scenario::Scenario;
use super::session::{Session, Step};
use super::vocabulary::{CustomerType, Outcome, Rating, Technique, TechniqueUse};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq)]
pub struct RunResult {
    pub scenario: ScenarioId,
    pub customer_type: CustomerType,
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
    /// When the run started (Unix ms), if known: for the time on task.
    pub started_at: Option<u64>,
}

/// The score of a run: 70 % from the quality of the replies (good 2 points,
/// acceptable 1, poor 0, over all decisions) and 30 % from the outcome, weighed
/// against the best outcome the scenario offers — holding a boundary is the best
/// a trainee can do with an insulting customer, so there it earns the full 30.
/// Halves round up.
pub fn score(points: u32, decisions: u32, outcome: Outcome, best_outcome_weight: u32) -> u8 {
    let outcome_share = f64::from(outcome.weight().min(best_outcome_weight))
        / f64::from(best_outcome_weight.max(1));
    let quality = if decisions == 0 {
        0.0
    } else {
        f64::from(points) / f64::from(2 * decisions)
    };
    (70.0 * quality + 30.0 * outcome_share)
        .round()
        .clamp(0.0, 100.0) as u8
}

impl RunResult {
    /// The result of a finished session, or `None` while it is still going.
    pub fn of(session: &Session, scenario: &Scenario) -> Option<RunResult> {
        let outcome = session.outcome(scenario)?;
        let mut applied = BTreeSet::new();
        let mut misapplied = BTreeSet::new();
        // Techniques offered by good replies at decisions where the trainee did
        // not reply well: choosing one good reply never marks another as missed.
        let mut expected = BTreeSet::new();
        for step in &session.steps {
            let Some(node) = scenario.node(&step.node) else {
                continue;
            };
            let Some(reply) = node.reply(&step.reply) else {
                continue;
            };
            if reply.rating != Rating::Good {
                expected.extend(node.expected_techniques());
            }
            match reply.rating.technique_use() {
                // In own words, a technique counts only where the trainee's
                // words and the chosen reply agree; the rest of a good reply
                // was not applied in the trainee's words, so it is missed.
                Some(TechniqueUse::Applied) => match step.words {
                    Some(words) => {
                        for &t in &reply.techniques {
                            if words.contains(t) {
                                applied.insert(t);
                            } else {
                                expected.insert(t);
                            }
                        }
                    }
                    None => applied.extend(reply.techniques.iter().copied()),
                },
                Some(TechniqueUse::Misapplied) => {
                    misapplied.extend(reply.techniques.iter().copied())
                }
                None => {}
            }
        }
        // `extend`, not `collect()`: collecting into a BTreeSet sorts, and a
        // sort per item type costs kilobytes of wasm.
        // The ending itself says the boundary held or the customer was referred
        // on: listing that technique as missed beside it would contradict it.
        let achieved = outcome.technique();
        let mut missed = BTreeSet::new();
        missed.extend(
            expected
                .difference(&applied)
                .copied()
                .filter(|&t| Some(t) != achieved),
        );
        let points = session.steps.iter().map(|s| s.rating.points()).sum();
        Some(RunResult {
            scenario: session.scenario.clone(),
            customer_type: scenario.customer_type,
            outcome,
            ending: session.node.clone(),
            score: score(
                points,
                session.steps.len() as u32,
                outcome,
                scenario.best_outcome_weight(),
            ),
            applied,
            misapplied,
            missed,
            steps: session.steps.clone(),
            mood_curve: session.mood_curve(),
            started_at: session.started_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_weights_replies_and_outcome() {
        assert_eq!(score(10, 5, Outcome::Resolved, 100), 100);
        assert_eq!(score(0, 5, Outcome::Escalated, 100), 0);
        assert_eq!(score(5, 5, Outcome::Compromise, 100), 59); // 35 + 24
        assert_eq!(score(0, 0, Outcome::Resolved, 100), 30);
        // Where holding a boundary is the best ending, it earns the full share.
        assert_eq!(score(10, 5, Outcome::BoundaryHeld, 80), 100);
        assert_eq!(score(9, 6, Outcome::Compromise, 100), 77); // 52.5 + 24 = 76.5 rounds up
    }
}
