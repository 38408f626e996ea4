//! One playthrough of a scenario: a state machine that turns a chosen reply
//! into events. It borrows the scenario per call, so it serialises on its own.

use super::ids::{Flag, NodeId, ReplyId, ScenarioId};
use super::scenario::{MOOD_MAX, Node, Reply, Scenario};
use super::techniques::TechniqueSet;
use super::text::Text;
use super::vocabulary::{Outcome, Rating, Technique, TechniqueUse};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use std::collections::BTreeSet;

/// What happened after a reply, in order, for the UI to show.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    MoodChanged {
        from: u8,
        to: u8,
        change: i32,
        reason: Option<Text>,
    },
    Feedback {
        rating: Rating,
        text: Text,
    },
    TechniqueApplied(Technique),
    /// Named in a reply that was rated poor: the technique at the wrong moment.
    TechniqueMisapplied(Technique),
    FlagSet(Flag),
    /// A reply's `clear_flags` made the conversation forget a flag.
    FlagCleared(Flag),
    /// The customer's next line (also for an ending node).
    CustomerSays {
        node: NodeId,
        line: Text,
    },
    EndingReached {
        outcome: Outcome,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChooseError {
    #[error("node `{node}` has no reply `{reply}`; choose one of the replies shown")]
    UnknownReply { node: NodeId, reply: ReplyId },
    #[error("the conversation has already ended; start a new session to play again")]
    Finished,
    #[error("the session is at node `{0}`, which this scenario does not have; start again")]
    LostNode(NodeId),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResumeError {
    #[error("the saved conversation belongs to scenario `{saved}`, not `{expected}`")]
    OtherScenario {
        saved: ScenarioId,
        expected: ScenarioId,
    },
    #[error("the saved conversation no longer fits the scenario (it changed); start again")]
    ScenarioChanged,
}

/// A past decision with what the customer had said before it, for rebuilding
/// the transcript (after a reload, a resume or a language switch).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turn<'s> {
    pub node: &'s Node,
    pub line: &'s Text,
    pub reply: &'s Reply,
    pub mood_before: u8,
    pub mood_after: u8,
}

/// One decision taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub node: NodeId,
    pub reply: ReplyId,
    pub rating: Rating,
    pub mood_before: u8,
    pub mood_after: u8,
    /// In the mode "In your own words": the techniques the recogniser read in
    /// what the trainee typed before choosing this reply (never the text).
    /// `None` when the reply was chosen from the list alone.
    pub words: Option<TechniqueSet>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub scenario: ScenarioId,
    pub seed: u64,
    pub start_mood: u8,
    pub node: NodeId,
    pub mood: u8,
    pub flags: BTreeSet<Flag>,
    pub steps: Vec<Step>,
    /// The line variant shown at the current node.
    pub line: usize,
    /// Unix time in milliseconds when the trainee started, if the UI said
    /// (for the time on task; a pause counts, see `Progress::record`).
    pub started_at: Option<u64>,
}

// Kept in storage while a conversation is unfinished.
crate::json_object!(Step {
    node: "node",
    reply: "reply",
    rating: "rating",
    mood_before: "mood_before",
    mood_after: "mood_after",
    words: "words" omitted_if_empty,
});

crate::json_object!(Session {
    scenario: "scenario",
    seed: "seed",
    start_mood: "start_mood",
    node: "node",
    mood: "mood",
    flags: "flags",
    steps: "steps",
    line: "line",
    started_at: "started_at" omitted_if_empty,
});

/// A generator for the `salt`-th random pick of a session: reproducible from
/// the seed alone, so a session needs no generator state to serialise.
fn rng_for(seed: u64, salt: u64) -> StdRng {
    StdRng::seed_from_u64(seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// The line variant said at the `step`-th node of a run, among those the
/// mood and flags allow ([`Node::line_choices`]). With no conditions this is
/// the same pick as before conditions existed, so old seeds replay alike.
fn pick_line(seed: u64, step: usize, node: &Node, mood: u8, flags: &BTreeSet<Flag>) -> usize {
    let choices = node.line_choices(mood, flags);
    let pick = rng_for(seed, step as u64 + 1).random_range(0..choices.len().max(1));
    choices.get(pick).copied().unwrap_or(0)
}

/// `set` without `item`, rebuilt rather than `remove`d: removing from a
/// BTreeSet compiles the tree's rebalancing code for its item type, some
/// kilobytes of wasm per type, where inserting is compiled anyway.
pub(crate) fn without<T: Ord + Clone>(set: &BTreeSet<T>, item: &T) -> BTreeSet<T> {
    let mut kept = BTreeSet::new();
    kept.extend(set.iter().filter(|&t| t != item).cloned());
    kept
}

/// The order of `count` replies at the `step`-th decision of a run.
fn order_for(seed: u64, step: usize, count: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count).collect();
    order.shuffle(&mut rng_for(seed, 1_000_000 + step as u64));
    order
}

impl Session {
    /// Starts a conversation; the seed fixes the start mood and line variants.
    pub fn start(scenario: &Scenario, seed: u64) -> Session {
        let (low, high) = scenario.start_mood;
        let start_mood = rng_for(seed, 0).random_range(low..=high);
        let line = scenario
            .node(&scenario.start)
            .map(|n| pick_line(seed, 0, n, start_mood, &BTreeSet::new()))
            .unwrap_or(0);
        Session {
            scenario: scenario.id.clone(),
            seed,
            start_mood,
            node: scenario.start.clone(),
            mood: start_mood,
            flags: BTreeSet::new(),
            steps: Vec::new(),
            line,
            started_at: None,
        }
    }

    /// A new run whose first turn shows the start mood `mood`, the
    /// customer's line variant `line` and the replies in `order` (indices
    /// into the start node's replies):
    /// what the page already showed before the app was ready (see
    /// `crate::early_turn`). The first of `seeds` that starts so is taken,
    /// so the run is as random as any other, not one of a fixed few; `None`
    /// when none of them does (an order the node cannot have, or too few
    /// seeds tried). About start moods × variants × replies! tries are
    /// needed on average (the order is checked first, the cheaper test):
    /// 15,840 at most for the openings shipped (five replies, two variants,
    /// eleven start moods), a few milliseconds.
    pub fn start_showing(
        scenario: &Scenario,
        mood: u8,
        line: usize,
        order: &[usize],
        seeds: impl IntoIterator<Item = u64>,
    ) -> Option<Session> {
        let node = scenario.node(&scenario.start)?;
        if order.len() != node.replies.len() {
            return None;
        }
        let count = node.replies.len();
        seeds
            .into_iter()
            .filter(|&seed| order_for(seed, 0, count) == order)
            .map(|seed| Session::start(scenario, seed))
            .find(|s| s.start_mood == mood && s.line == line)
    }

    /// The node the conversation is at. Loaded scenarios always have it; a
    /// resumed session is checked with [`Session::check_fits`] first.
    pub fn current<'s>(&self, scenario: &'s Scenario) -> Option<&'s Node> {
        scenario.node(&self.node)
    }

    /// What the customer says now.
    pub fn current_line<'s>(&self, scenario: &'s Scenario) -> Option<&'s Text> {
        self.current(scenario).and_then(|n| n.lines.get(self.line))
    }

    /// Reply indices of the current node in a per-run order, so positions
    /// cannot be memorised between runs.
    pub fn reply_order(&self, scenario: &Scenario) -> Vec<usize> {
        let count = self.current(scenario).map_or(0, |n| n.replies.len());
        order_for(self.seed, self.steps.len(), count)
    }

    pub fn outcome(&self, scenario: &Scenario) -> Option<Outcome> {
        self.current(scenario)
            .and_then(|n| n.ending.as_ref())
            .map(|e| e.outcome)
    }

    pub fn is_finished(&self, scenario: &Scenario) -> bool {
        self.outcome(scenario).is_some()
    }

    /// Plays a reply. On error nothing changes.
    pub fn choose(
        &mut self,
        scenario: &Scenario,
        reply_id: &ReplyId,
    ) -> Result<Vec<Event>, ChooseError> {
        let node = self
            .current(scenario)
            .ok_or_else(|| ChooseError::LostNode(self.node.clone()))?;
        if node.ending.is_some() {
            return Err(ChooseError::Finished);
        }
        let reply = node
            .reply(reply_id)
            .ok_or_else(|| ChooseError::UnknownReply {
                node: node.id.clone(),
                reply: reply_id.clone(),
            })?;

        let mut events = Vec::new();
        let before = self.mood;
        let after = reply.mood_after(before);
        if reply.mood_change != 0 {
            events.push(Event::MoodChanged {
                from: before,
                to: after,
                change: reply.mood_change,
                reason: reply.mood_reason.clone(),
            });
        }
        events.push(Event::Feedback {
            rating: reply.rating,
            text: reply.feedback.clone(),
        });
        for &technique in &reply.techniques {
            events.extend(reply.rating.technique_use().map(|used| match used {
                TechniqueUse::Applied => Event::TechniqueApplied(technique),
                TechniqueUse::Misapplied => Event::TechniqueMisapplied(technique),
            }));
        }
        // As `Reply::apply_flags`, with an event for each flag that changed.
        for flag in &reply.set_flags {
            if self.flags.insert(flag.clone()) {
                events.push(Event::FlagSet(flag.clone()));
            }
        }
        for flag in &reply.clear_flags {
            if self.flags.contains(flag) {
                self.flags = without(&self.flags, flag);
                events.push(Event::FlagCleared(flag.clone()));
            }
        }
        let next_id = reply.target(after, &self.flags).clone();
        self.steps.push(Step {
            node: node.id.clone(),
            reply: reply.id.clone(),
            rating: reply.rating,
            mood_before: before,
            mood_after: after,
            words: None,
        });
        self.node = next_id;
        let Some(next) = scenario.node(&self.node) else {
            return Err(ChooseError::LostNode(self.node.clone()));
        };
        self.mood = next.mood_on_arrival(after);
        self.line = pick_line(self.seed, self.steps.len(), next, self.mood, &self.flags);
        if let Some(line) = next.lines.get(self.line) {
            events.push(Event::CustomerSays {
                node: next.id.clone(),
                line: line.clone(),
            });
        }
        if let Some(swing) = &next.arrival
            && self.mood != after
        {
            events.push(Event::MoodChanged {
                from: after,
                to: self.mood,
                change: swing.change,
                reason: Some(swing.reason.clone()),
            });
        }
        if let Some(ending) = &next.ending {
            events.push(Event::EndingReached {
                outcome: ending.outcome,
            });
        }
        Ok(events)
    }

    /// Checks that a saved session still fits the scenario before resuming it.
    pub fn check_fits(&self, scenario: &Scenario) -> Result<(), ResumeError> {
        if self.scenario != scenario.id {
            return Err(ResumeError::OtherScenario {
                saved: self.scenario.clone(),
                expected: scenario.id.clone(),
            });
        }
        let node_ok = self
            .current(scenario)
            .is_some_and(|n| self.line < n.lines.len());
        let steps_ok = self.steps.iter().all(|s| {
            scenario
                .node(&s.node)
                .is_some_and(|n| n.reply(&s.reply).is_some())
        });
        if node_ok && steps_ok && self.mood <= MOOD_MAX {
            Ok(())
        } else {
            Err(ResumeError::ScenarioChanged)
        }
    }

    /// The decisions so far with the line the customer said before each.
    /// Line variants are recomputed from the seed and the flags replayed,
    /// exactly as they were shown.
    pub fn turns<'s>(&self, scenario: &'s Scenario) -> Vec<Turn<'s>> {
        let mut flags = BTreeSet::new();
        let mut turns = Vec::new();
        for (i, step) in self.steps.iter().enumerate() {
            let Some(node) = scenario.node(&step.node) else {
                break;
            };
            let Some(reply) = node.reply(&step.reply) else {
                break;
            };
            let Some(line) =
                node.lines
                    .get(pick_line(self.seed, i, node, step.mood_before, &flags))
            else {
                break;
            };
            turns.push(Turn {
                node,
                line,
                reply,
                mood_before: step.mood_before,
                mood_after: step.mood_after,
            });
            reply.apply_flags(&mut flags);
        }
        turns
    }

    /// The mood at the start and after every decision, including the
    /// customer's own swing on arriving at the next node (which is the mood
    /// before the next decision, or the mood now after the last one).
    pub fn mood_curve(&self) -> Vec<u8> {
        let arrived = self
            .steps
            .iter()
            .skip(1)
            .map(|s| s.mood_before)
            .chain(self.steps.last().map(|_| self.mood));
        std::iter::once(self.start_mood).chain(arrived).collect()
    }
}
