//! The expert's path through a scenario and the better reply at a decision,
//! for the debrief ("what would have been better") and the scenario map; and
//! the best and worst path with the mood after each decision, for the
//! author's preview.

use super::ids::{Flag, NodeId, ReplyId};
use super::result::score;
use super::scenario::{Node, Reply, Scenario};
use super::vocabulary::Outcome;
use std::cmp::Reverse;
use std::collections::BTreeSet;

impl Node {
    /// The reply an expert would give here: the best rating, then the one
    /// that calms the customer most; `None` at an ending.
    pub fn best_reply(&self) -> Option<&Reply> {
        self.replies
            .iter()
            .min_by_key(|r| (Reverse(r.rating.points()), r.mood_change))
    }

    /// The reply that does the most harm here: the worst rating, then the one
    /// that angers the customer most; `None` at an ending.
    pub fn worst_reply(&self) -> Option<&Reply> {
        self.replies
            .iter()
            .min_by_key(|r| (r.rating.points(), Reverse(r.mood_change)))
    }
}

/// One decision on a [`Walk`].
#[derive(Debug, Clone, PartialEq)]
pub struct WalkStep {
    pub node: NodeId,
    pub reply: ReplyId,
    /// The mood right after the reply: what the reply's routes test.
    pub mood_after: u8,
    /// The mood once the conversation has arrived at the next node, with that
    /// node's own swing (the same as `mood_after` when it has none).
    pub mood_on_arrival: u8,
}

/// A path through a scenario taken by always choosing the same way (see
/// [`best_walk`], [`worst_walk`]), with the mood after every decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Walk {
    pub start_mood: u8,
    pub steps: Vec<WalkStep>,
    /// The node the walk stopped at: an ending, or where a loop was cut off.
    pub end: NodeId,
    /// The ending reached, if the walk reached one.
    pub outcome: Option<Outcome>,
    /// The score (0–100) a trainee would get for this path, if it ends.
    pub score: Option<u8>,
}

impl Walk {
    /// The nodes visited, from the start to [`Walk::end`].
    pub fn nodes(&self) -> Vec<NodeId> {
        self.steps
            .iter()
            .map(|s| s.node.clone())
            .chain([self.end.clone()])
            .collect()
    }

    /// How many decisions the path takes.
    pub fn decisions(&self) -> usize {
        self.steps.len()
    }
}

/// Plays `scenario` from its start at `start_mood`, taking at every decision
/// the reply `choose` picks (routes, flags and the customer's own swings
/// applied as in a session). Stops at an ending, or after as many decisions
/// as there are nodes (a loop).
pub fn walk<'s>(
    scenario: &'s Scenario,
    start_mood: u8,
    choose: impl Fn(&'s Node) -> Option<&'s Reply>,
) -> Walk {
    let mut steps = Vec::new();
    let mut at = scenario.start.clone();
    let mut mood = start_mood;
    let mut flags: BTreeSet<Flag> = BTreeSet::new();
    let mut points = 0;
    while let Some(node) = scenario.node(&at) {
        let Some(reply) = choose(node) else {
            break;
        };
        if steps.len() >= scenario.nodes().len() {
            break;
        }
        let after = reply.mood_after(mood);
        reply.apply_flags(&mut flags);
        let next = reply.target(after, &flags).clone();
        mood = scenario
            .node(&next)
            .map_or(after, |n| n.mood_on_arrival(after));
        points += reply.rating.points();
        steps.push(WalkStep {
            node: at,
            reply: reply.id.clone(),
            mood_after: after,
            mood_on_arrival: mood,
        });
        at = next;
    }
    let outcome = scenario
        .node(&at)
        .and_then(|n| n.ending.as_ref())
        .map(|e| e.outcome);
    let score = outcome.map(|o| {
        score(
            points,
            steps.len() as u32,
            o,
            scenario.best_outcome_weight(),
        )
    });
    Walk {
        start_mood,
        steps,
        end: at,
        outcome,
        score,
    }
}

/// The path of the expert's replies ([`Node::best_reply`]) from `start_mood`.
pub fn best_walk(scenario: &Scenario, start_mood: u8) -> Walk {
    walk(scenario, start_mood, Node::best_reply)
}

/// The path of the most harmful replies ([`Node::worst_reply`]) from `start_mood`.
pub fn worst_walk(scenario: &Scenario, start_mood: u8) -> Walk {
    walk(scenario, start_mood, Node::worst_reply)
}

/// The nodes visited when every decision takes [`Node::best_reply`], starting
/// at `start_mood`; ends at an ending, or after as many steps as there are nodes.
pub fn best_path(scenario: &Scenario, start_mood: u8) -> Vec<NodeId> {
    best_walk(scenario, start_mood).nodes()
}

/// A better reply than `chosen` at its node, if the node has one.
pub fn better_reply<'s>(node: &'s Node, chosen: &Reply) -> Option<&'s Reply> {
    node.best_reply()
        .filter(|best| best.rating.points() > chosen.rating.points())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load;

    fn minimal() -> Scenario {
        load(
            "valid-minimal.toml",
            include_str!("../../tests/fixtures/valid-minimal.toml"),
        )
        .expect("the fixture loads")
    }

    fn memory() -> Scenario {
        load(
            "valid-memory.toml",
            include_str!("../../tests/fixtures/valid-memory.toml"),
        )
        .expect("the fixture loads")
    }

    fn ids(walk: &Walk) -> Vec<(String, String, u8, u8)> {
        walk.steps
            .iter()
            .map(|s| {
                (
                    s.node.to_string(),
                    s.reply.to_string(),
                    s.mood_after,
                    s.mood_on_arrival,
                )
            })
            .collect()
    }

    #[test]
    fn the_best_walk_records_the_mood_after_each_decision_and_the_ending() {
        let walk = best_walk(&minimal(), 50);
        assert_eq!(
            ids(&walk),
            [
                ("open".into(), "listen".into(), 30, 30),
                ("middle".into(), "offer".into(), 10, 10)
            ]
        );
        // `offer` routes to `happy` because `listen` set the flag `heard`.
        assert_eq!(walk.end.as_str(), "happy");
        assert_eq!(walk.outcome, Some(Outcome::Resolved));
        assert_eq!(walk.score, Some(100));
        assert_eq!(walk.decisions(), 2);
        assert_eq!(walk.start_mood, 50);
    }

    #[test]
    fn the_worst_walk_takes_the_most_harmful_reply_and_its_mood_route() {
        let sc = minimal();
        let walk = worst_walk(&sc, 50);
        // `lecture` (+30) reaches 80, and its route at mood ≥ 80 ends the talk.
        assert_eq!(ids(&walk), [("open".into(), "lecture".into(), 80, 80)]);
        assert_eq!(walk.outcome, Some(Outcome::Escalated));
        assert_eq!(
            walk.score,
            Some(score(0, 1, Outcome::Escalated, sc.best_outcome_weight()))
        );
    }

    #[test]
    fn a_walk_shows_the_customers_own_swing_on_arrival_apart() {
        let walk = best_walk(&memory(), 50);
        let steps = ids(&walk);
        // `ask_name` calms to 40; the phone ringing at `phone_rings` adds 20.
        assert_eq!(steps[0], ("open".into(), "ask_name".into(), 40, 60));
        // `soothe` forgets `annoyed`, so its route to the angry end is not taken.
        assert_eq!(steps[1], ("phone_rings".into(), "soothe".into(), 40, 40));
        assert_eq!(walk.end.as_str(), "calm_end");
    }

    #[test]
    fn the_best_path_is_the_best_walks_nodes() {
        let sc = minimal();
        let path: Vec<String> = best_path(&sc, 50).iter().map(|n| n.to_string()).collect();
        assert_eq!(path, ["open", "middle", "happy"]);
    }

    #[test]
    fn the_worst_reply_prefers_the_lower_rating_then_the_larger_mood_rise() {
        let sc = minimal();
        let open = sc.node(&NodeId::new("open")).expect("the node exists");
        assert_eq!(open.worst_reply().map(|r| r.id.as_str()), Some("lecture"));
        let end = sc.node(&NodeId::new("happy")).expect("the node exists");
        assert!(end.worst_reply().is_none());
    }
}
