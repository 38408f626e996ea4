//! The expert's path through a scenario and the better reply at a decision,
//! for the debrief ("what would have been better") and the scenario map.

use super::ids::{Flag, NodeId};
use super::scenario::{Node, Reply, Scenario};
use std::collections::BTreeSet;

impl Node {
    /// The reply an expert would give here: the best rating, then the one
    /// that calms the customer most; `None` at an ending.
    pub fn best_reply(&self) -> Option<&Reply> {
        self.replies
            .iter()
            .min_by_key(|r| (std::cmp::Reverse(r.rating.points()), r.mood_change))
    }
}

/// The nodes visited when every decision takes [`Node::best_reply`], starting
/// at `start_mood`; ends at an ending, or after as many steps as there are nodes.
pub fn best_path(scenario: &Scenario, start_mood: u8) -> Vec<NodeId> {
    let mut path = vec![scenario.start.clone()];
    let mut mood = start_mood;
    let mut flags: BTreeSet<Flag> = BTreeSet::new();
    let mut current = scenario.node(&scenario.start);
    while let Some(node) = current {
        let Some(reply) = node.best_reply() else {
            break;
        };
        if path.len() > scenario.nodes().len() {
            break;
        }
        mood = reply.mood_after(mood);
        reply.apply_flags(&mut flags);
        let next = reply.target(mood, &flags).clone();
        current = scenario.node(&next);
        if let Some(node) = current {
            mood = node.mood_on_arrival(mood);
        }
        path.push(next);
    }
    path
}

/// A better reply than `chosen` at its node, if the node has one.
pub fn better_reply<'s>(node: &'s Node, chosen: &Reply) -> Option<&'s Reply> {
    node.best_reply()
        .filter(|best| best.rating.points() > chosen.rating.points())
}
