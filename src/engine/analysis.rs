//! Facts about a scenario for authors: path lengths, endings, score range,
//! how many decisions it has and which flags it remembers.
//!
//! Explores every reachable state (node, mood, flags) — routes depend on mood
//! and flags, so the node graph alone would overstate what can happen.

use super::ids::{Flag, NodeId, ReplyId};
use super::result::score;
use super::scenario::{Reply, Scenario};
use super::vocabulary::{Outcome, Technique};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::rc::Rc;

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

/// The ways to finish from a state that take the same number of decisions
/// and end in the same outcome, reduced to the fewest and the most points
/// they earn: decisions, outcome, fewest points, most points.
///
/// Nothing the summary reports is lost: for a given number of decisions and
/// outcome the score only grows with the points, so the lowest and highest
/// score, and the longest path reaching the highest, are all decided by
/// these two. Keeping every point total instead made large scenarios slow.
type Finish = (u32, Outcome, u32, u32);

/// At most this many states are explored, so a checker run on a large or
/// loopy scenario stays fast; past it the summary is marked as a lower bound.
const STATE_BUDGET: usize = 20_000;
/// Paths are explored this many decisions deep at most: the exploration
/// recurses, and no real conversation is longer.
const DEPTH_LIMIT: u32 = 400;

/// The sets of flags met while exploring, each stored once and named by its
/// position, so a state is four small numbers and copying it costs nothing.
struct FlagSets {
    sets: Vec<BTreeSet<Flag>>,
    ids: HashMap<BTreeSet<Flag>, usize>,
}

impl FlagSets {
    /// Starts with the empty set as number 0.
    fn new() -> Self {
        FlagSets {
            sets: vec![BTreeSet::new()],
            ids: HashMap::from([(BTreeSet::new(), 0)]),
        }
    }

    fn get(&self, id: usize) -> &BTreeSet<Flag> {
        &self.sets[id]
    }

    /// The set `id` with the flags `reply` sets added.
    fn after(&mut self, id: usize, reply: &Reply) -> usize {
        let flags = &self.sets[id];
        if reply.set_flags.iter().all(|f| flags.contains(f))
            && !reply.clear_flags.iter().any(|f| flags.contains(f))
        {
            return id;
        }
        let mut next = flags.clone();
        reply.apply_flags(&mut next);
        if let Some(&known) = self.ids.get(&next) {
            return known;
        }
        self.sets.push(next.clone());
        self.ids.insert(next, self.sets.len() - 1);
        self.sets.len() - 1
    }
}

/// A state of the conversation: node index, mood, flag set (see
/// [`FlagSets`]) and, while exploring, the decisions left.
type State = (usize, u8, usize, u32);

struct Explorer<'s> {
    scenario: &'s Scenario,
    flags: FlagSets,
    /// Each finished state's ways to finish, sorted by decisions and outcome,
    /// each pair once.
    memo: HashMap<State, Rc<[Finish]>>,
    hit_bound: bool,
}

impl Explorer<'_> {
    fn finishes(
        &mut self,
        node_index: usize,
        mood: u8,
        flags: usize,
        depth_left: u32,
    ) -> Rc<[Finish]> {
        let key = (node_index, mood, flags, depth_left);
        if let Some(found) = self.memo.get(&key) {
            return Rc::clone(found);
        }
        if self.memo.len() >= STATE_BUDGET {
            self.hit_bound = true;
            return Rc::from([]);
        }
        let node = &self.scenario.nodes()[node_index];
        let mut found = Vec::new();
        if let Some(ending) = &node.ending {
            found.push((0, ending.outcome, 0, 0));
        } else if depth_left == 0 {
            self.hit_bound = true;
        } else {
            for reply in &node.replies {
                let after = reply.mood_after(mood);
                let next_flags = self.flags.after(flags, reply);
                let target = reply.target(after, self.flags.get(next_flags));
                let Some(next_index) = self.scenario.index_of(target) else {
                    continue;
                };
                let points = reply.rating.points();
                let arrived = self.scenario.nodes()[next_index].mood_on_arrival(after);
                let later = self.finishes(next_index, arrived, next_flags, depth_left - 1);
                found.extend(later.iter().map(|&(decisions, outcome, fewest, most)| {
                    (decisions + 1, outcome, fewest + points, most + points)
                }));
            }
        }
        let found: Rc<[Finish]> = merged(found).into();
        self.memo.insert(key, Rc::clone(&found));
        found
    }
}

/// `finishes` sorted by decisions and outcome, with the entries for the same
/// pair joined into one (fewest of the fewest, most of the most points).
fn merged(mut finishes: Vec<Finish>) -> Vec<Finish> {
    finishes.sort_unstable();
    let mut joined: Vec<Finish> = Vec::with_capacity(finishes.len());
    for (decisions, outcome, fewest, most) in finishes {
        match joined.last_mut() {
            Some(last) if (last.0, last.1) == (decisions, outcome) => {
                last.2 = last.2.min(fewest);
                last.3 = last.3.max(most);
            }
            _ => joined.push((decisions, outcome, fewest, most)),
        }
    }
    joined
}

pub fn summarize(scenario: &Scenario) -> Summary {
    let decision_nodes = scenario
        .nodes()
        .iter()
        .filter(|n| n.ending.is_none())
        .count() as u32;
    let mut explorer = Explorer {
        scenario,
        flags: FlagSets::new(),
        memo: HashMap::new(),
        hit_bound: false,
    };
    let start = scenario.index_of(&scenario.start);
    let mut all = Vec::new();
    if let Some(start) = start {
        let (low, high) = scenario.start_mood;
        for mood in low..=high {
            all.extend_from_slice(&explorer.finishes(
                start,
                mood,
                0,
                (2 * decision_nodes + 1).min(DEPTH_LIMIT),
            ));
        }
    }
    let all = merged(all);
    let best = scenario.best_outcome_weight();
    let score_min = all
        .iter()
        .map(|&(d, o, fewest, _)| score(fewest, d, o, best))
        .min();
    let score_max = all
        .iter()
        .map(|&(d, o, _, most)| score(most, d, o, best))
        .max();
    let reached: BTreeSet<usize> = explorer.memo.keys().map(|&(i, ..)| i).collect();
    Summary {
        nodes: scenario.nodes().len(),
        endings: scenario
            .nodes()
            .iter()
            .filter(|n| n.ending.is_some())
            .count(),
        decisions_min: all.iter().map(|f| f.0).min().unwrap_or(0),
        decisions_max: all.iter().map(|f| f.0).max().unwrap_or(0),
        has_loop: explorer.hit_bound,
        outcomes: all.iter().map(|f| f.1).collect(),
        techniques: scenario.techniques_practised(),
        score_min: score_min.unwrap_or(0),
        score_max: score_max.unwrap_or(0),
        best_path_decisions: all
            .iter()
            .filter(|&&(d, o, _, most)| Some(score(most, d, o, best)) == score_max)
            .map(|f| f.0)
            .max()
            .unwrap_or(0),
        reached: reached
            .into_iter()
            .map(|i| scenario.nodes()[i].id.clone())
            .collect(),
    }
}

/// For each ending, the shortest sequence of replies (by id) that reaches it
/// from the start at the lowest start mood, taking routes into account.
/// Endings no explored sequence reaches are missing from the map.
pub fn ways_to_endings(scenario: &Scenario) -> BTreeMap<NodeId, Vec<ReplyId>> {
    /// Node index, mood, flag set (see [`FlagSets`]).
    type Place = (usize, u8, usize);
    let mut found = BTreeMap::new();
    let Some(start) = scenario.index_of(&scenario.start) else {
        return found;
    };
    let mut flag_sets = FlagSets::new();
    let first: Place = (start, scenario.start_mood.0, 0);
    // Each state seen, with the state and the reply (node index, reply
    // index) it was first reached from.
    let mut came_from: HashMap<Place, Option<(Place, usize)>> = HashMap::from([(first, None)]);
    let mut queue = VecDeque::from([first]);
    while let Some(state) = queue.pop_front() {
        let node = &scenario.nodes()[state.0];
        if node.ending.is_some() {
            if !found.contains_key(&node.id) {
                let mut path = Vec::new();
                let mut at = state;
                while let Some(&Some((previous, reply))) = came_from.get(&at) {
                    path.push(scenario.nodes()[previous.0].replies[reply].id.clone());
                    at = previous;
                }
                path.reverse();
                found.insert(node.id.clone(), path);
            }
            continue;
        }
        for (reply_index, reply) in node.replies.iter().enumerate() {
            let mood = reply.mood_after(state.1);
            let flags = flag_sets.after(state.2, reply);
            let Some(next) = scenario.index_of(reply.target(mood, flag_sets.get(flags))) else {
                continue;
            };
            let next_state: Place = (next, scenario.nodes()[next].mood_on_arrival(mood), flags);
            if came_from.len() < STATE_BUDGET && !came_from.contains_key(&next_state) {
                came_from.insert(next_state, Some((state, reply_index)));
                queue.push_back(next_state);
            }
        }
    }
    found
}

/// How many decisions the scenario has: its nodes that are not endings.
pub fn decision_points(scenario: &Scenario) -> usize {
    scenario
        .nodes()
        .iter()
        .filter(|n| n.ending.is_none())
        .count()
}

/// Every flag the scenario sets, clears or tests (in a route or in a line's
/// condition), in alphabetical order: what an author may want to set before
/// a trial run from the middle of the conversation.
pub fn flags_used(scenario: &Scenario) -> BTreeSet<Flag> {
    let mut flags = BTreeSet::new();
    let mut tested = |when: &super::scenario::Condition| {
        flags.extend(when.flag.iter().chain(&when.not_flag).cloned());
    };
    for node in scenario.nodes() {
        node.line_conditions.iter().for_each(&mut tested);
        for reply in &node.replies {
            reply.routes.iter().for_each(|r| tested(&r.when));
        }
    }
    for reply in scenario.nodes().iter().flat_map(|n| &n.replies) {
        flags.extend(reply.set_flags.iter().chain(&reply.clear_flags).cloned());
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::load;

    fn fixture(name: &str, text: &str) -> Scenario {
        load(name, text).expect("the fixture loads")
    }

    #[test]
    fn decision_points_count_the_nodes_that_are_not_endings() {
        let sc = fixture(
            "valid-minimal.toml",
            include_str!("../../tests/fixtures/valid-minimal.toml"),
        );
        assert_eq!(decision_points(&sc), 2);
        assert_eq!(
            decision_points(&sc) + summarize(&sc).endings,
            sc.nodes().len()
        );
    }

    #[test]
    fn flags_used_names_each_flag_set_cleared_or_tested_once() {
        let sc = fixture(
            "valid-memory.toml",
            include_str!("../../tests/fixtures/valid-memory.toml"),
        );
        let names: Vec<String> = flags_used(&sc).iter().map(|f| f.to_string()).collect();
        assert_eq!(names, ["annoyed", "asked_name"]);
        let sc = fixture(
            "valid-minimal.toml",
            include_str!("../../tests/fixtures/valid-minimal.toml"),
        );
        let names: Vec<String> = flags_used(&sc).iter().map(|f| f.to_string()).collect();
        assert_eq!(names, ["heard"]);
    }
}
