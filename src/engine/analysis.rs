//! Facts about a scenario for authors: path lengths, endings, score range.
//!
//! Explores every reachable state (node, mood, flags) — routes depend on mood
//! and flags, so the node graph alone would overstate what can happen.

use super::ids::Flag;
use super::result::score;
use super::scenario::Scenario;
use super::vocabulary::{Outcome, Technique};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub nodes: usize,
    pub endings: usize,
    /// Decisions on the shortest and the longest complete path.
    pub decisions_min: u32,
    pub decisions_max: u32,
    /// True when a loop lets conversations go on past the explored bound, or
    /// the scenario is too large to explore every state: the figures are then
    /// what the explored paths show.
    pub has_loop: bool,
    pub outcomes: BTreeSet<Outcome>,
    pub techniques: BTreeSet<Technique>,
    pub score_min: u8,
    pub score_max: u8,
    /// Decisions on the best path: the longest path reaching `score_max`.
    pub best_path_decisions: u32,
    /// Nodes some explored path visits (with the moods and flags routes allow).
    pub reached: BTreeSet<crate::engine::NodeId>,
}

/// One way to finish from a state: points earned, decisions taken, outcome.
type Finish = (u32, u32, Outcome);

/// At most this many states are explored, so a checker run on a large or
/// loopy scenario stays fast; past it the summary is marked as a lower bound.
const STATE_BUDGET: usize = 20_000;
/// Paths are explored this many decisions deep at most: the exploration
/// recurses, and no real conversation is longer.
const DEPTH_LIMIT: u32 = 400;

struct Explorer<'s> {
    scenario: &'s Scenario,
    memo: BTreeMap<(usize, u8, BTreeSet<Flag>, u32), BTreeSet<Finish>>,
    hit_bound: bool,
}

impl Explorer<'_> {
    fn finishes(
        &mut self,
        node_index: usize,
        mood: u8,
        flags: &BTreeSet<Flag>,
        depth_left: u32,
    ) -> BTreeSet<Finish> {
        let key = (node_index, mood, flags.clone(), depth_left);
        if let Some(found) = self.memo.get(&key) {
            return found.clone();
        }
        if self.memo.len() >= STATE_BUDGET {
            self.hit_bound = true;
            return BTreeSet::new();
        }
        let node = &self.scenario.nodes()[node_index];
        let mut found = BTreeSet::new();
        if let Some(ending) = &node.ending {
            found.insert((0, 0, ending.outcome));
        } else if depth_left == 0 {
            self.hit_bound = true;
        } else {
            for reply in &node.replies {
                let after = reply.mood_after(mood);
                let mut next_flags = flags.clone();
                next_flags.extend(reply.set_flags.iter().cloned());
                let target = reply.target(after, &next_flags);
                let Some(next_index) = self.scenario.index_of(target) else {
                    continue;
                };
                for (points, decisions, outcome) in
                    self.finishes(next_index, after, &next_flags, depth_left - 1)
                {
                    found.insert((points + reply.rating.points(), decisions + 1, outcome));
                }
            }
        }
        self.memo.insert(key, found.clone());
        found
    }
}

pub fn summarize(scenario: &Scenario) -> Summary {
    let decision_nodes = scenario
        .nodes()
        .iter()
        .filter(|n| n.ending.is_none())
        .count() as u32;
    let mut explorer = Explorer {
        scenario,
        memo: BTreeMap::new(),
        hit_bound: false,
    };
    let start = scenario.index_of(&scenario.start);
    let mut all = BTreeSet::new();
    if let Some(start) = start {
        let (low, high) = scenario.start_mood;
        for mood in low..=high {
            all.extend(explorer.finishes(
                start,
                mood,
                &BTreeSet::new(),
                (2 * decision_nodes + 1).min(DEPTH_LIMIT),
            ));
        }
    }
    let best = scenario.best_outcome_weight();
    let scores: Vec<u8> = all.iter().map(|&(p, d, o)| score(p, d, o, best)).collect();
    Summary {
        nodes: scenario.nodes().len(),
        endings: scenario
            .nodes()
            .iter()
            .filter(|n| n.ending.is_some())
            .count(),
        decisions_min: all.iter().map(|f| f.1).min().unwrap_or(0),
        decisions_max: all.iter().map(|f| f.1).max().unwrap_or(0),
        has_loop: explorer.hit_bound,
        outcomes: all.iter().map(|f| f.2).collect(),
        techniques: scenario.techniques_practised(),
        score_min: scores.iter().copied().min().unwrap_or(0),
        score_max: scores.iter().copied().max().unwrap_or(0),
        best_path_decisions: all
            .iter()
            .filter(|&&(p, d, o)| Some(score(p, d, o, best)) == scores.iter().copied().max())
            .map(|f| f.1)
            .max()
            .unwrap_or(0),
        reached: explorer
            .memo
            .keys()
            .map(|(i, ..)| scenario.nodes()[*i].id.clone())
            .collect(),
    }
}

/// For each ending, the shortest sequence of replies (by id) that reaches it
/// from the start at the lowest start mood, taking routes into account.
/// Endings no explored sequence reaches are missing from the map.
pub fn ways_to_endings(
    scenario: &Scenario,
) -> BTreeMap<crate::engine::NodeId, Vec<crate::engine::ReplyId>> {
    use std::collections::VecDeque;
    type State = (usize, u8, BTreeSet<Flag>);
    let mut found = BTreeMap::new();
    let Some(start) = scenario.index_of(&scenario.start) else {
        return found;
    };
    let first: State = (start, scenario.start_mood.0, BTreeSet::new());
    let mut came_from: BTreeMap<State, Option<(State, crate::engine::ReplyId)>> =
        BTreeMap::from([(first.clone(), None)]);
    let mut queue = VecDeque::from([first]);
    while let Some(state) = queue.pop_front() {
        let node = &scenario.nodes()[state.0];
        if node.ending.is_some() {
            if !found.contains_key(&node.id) {
                let mut path = Vec::new();
                let mut at = state.clone();
                while let Some(Some((previous, reply))) = came_from.get(&at) {
                    path.push(reply.clone());
                    at = previous.clone();
                }
                path.reverse();
                found.insert(node.id.clone(), path);
            }
            continue;
        }
        for reply in &node.replies {
            let mood = reply.mood_after(state.1);
            let mut flags = state.2.clone();
            flags.extend(reply.set_flags.iter().cloned());
            let Some(next) = scenario.index_of(reply.target(mood, &flags)) else {
                continue;
            };
            let next_state: State = (next, mood, flags);
            if came_from.len() < STATE_BUDGET && !came_from.contains_key(&next_state) {
                came_from.insert(next_state.clone(), Some((state.clone(), reply.id.clone())));
                queue.push_back(next_state);
            }
        }
    }
    found
}
