//! The checked scenario model the session plays. Built only by `load`, so every
//! reference in it resolves and every text has every declared language.

use super::appearance::Appearance;
use super::ids::{Flag, NodeId, ReplyId, ScenarioId};
use super::text::{Lang, Text};
use super::vocabulary::{Channel, CustomerType, Outcome, Rating, Setting, Technique};
use std::collections::BTreeMap;

/// Lowest and highest mood a customer can have: 0 calm … 100 furious.
pub const MOOD_MIN: u8 = 0;
pub const MOOD_MAX: u8 = 100;
/// The largest mood change a single reply may cause, either way.
pub const MAX_MOOD_CHANGE: i32 = 50;

/// Serialised as the compiled form (`compiled.rs`); the node index is rebuilt
/// on reading, never trusted from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub id: ScenarioId,
    pub languages: Vec<Lang>,
    pub title: Text,
    pub summary: Text,
    pub customer_name: Text,
    pub customer_type: CustomerType,
    pub setting: Setting,
    /// 1 (easy) to 3 (hard).
    pub difficulty: u8,
    /// The start mood is picked (seeded) from this inclusive range.
    pub start_mood: (u8, u8),
    /// Shown before the scenario starts, e.g. when the customer insults.
    pub content_note: Option<Text>,
    /// How the conversation reaches the trainee; face to face by default.
    pub channel: Channel,
    /// E-mail and review: the thread's subject, or the review's headline.
    pub subject: Option<Text>,
    /// Review: the stars the reviewer gave, 1–5.
    pub review_stars: Option<u8>,
    /// Face to face: how the customer looks, for the portrait.
    pub appearance: Option<Appearance>,
    pub start: NodeId,
    nodes: Vec<Node>,
    index: BTreeMap<NodeId, usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: NodeId,
    /// What the customer says; one variant is picked per visit (seeded).
    pub lines: Vec<Text>,
    /// When each line variant may be said, parallel to `lines`; an empty
    /// condition means "always". Empty when no variant has a condition, so
    /// older compiled files read unchanged. See [`Node::line_choices`].
    pub line_conditions: Vec<Condition>,
    /// The customer's own swing, applied when the conversation arrives here.
    pub arrival: Option<MoodSwing>,
    /// When the customer's message was sent (chat, e-mail and review threads).
    pub time: Option<Text>,
    pub replies: Vec<Reply>,
    pub ending: Option<Ending>,
}

/// A change of mood that no reply caused: the customer's own swing on
/// arriving at a node ("the dog whimpers, she panics again").
#[derive(Debug, Clone, PartialEq)]
pub struct MoodSwing {
    pub change: i32,
    pub reason: Text,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub id: ReplyId,
    pub text: Text,
    pub rating: Rating,
    pub techniques: Vec<Technique>,
    pub mood_change: i32,
    /// Why the mood moved ("you acknowledged her frustration").
    pub mood_reason: Option<Text>,
    pub feedback: Text,
    pub set_flags: Vec<Flag>,
    /// Flags this reply makes the conversation forget (after `set_flags`).
    pub clear_flags: Vec<Flag>,
    /// Checked in order after the mood change; the first that holds wins.
    pub routes: Vec<Route>,
    /// Where the conversation goes when no route holds.
    pub next: NodeId,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub when: Condition,
    pub next: NodeId,
}

/// All parts that are present must hold.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Condition {
    pub mood_at_least: Option<u8>,
    pub mood_below: Option<u8>,
    pub flag: Option<Flag>,
    pub not_flag: Option<Flag>,
}

// The compiled form (`compiled.rs`): keys as the fields are named; the node
// index is rebuilt on reading, never trusted from the file.
crate::json_object!(Scenario {
    id: "id",
    languages: "languages",
    title: "title",
    summary: "summary",
    customer_name: "customer_name",
    customer_type: "customer_type",
    setting: "setting",
    difficulty: "difficulty",
    start_mood: "start_mood",
    content_note: "content_note" omitted_if_empty,
    channel: "channel" or_default,
    subject: "subject" omitted_if_empty,
    review_stars: "review_stars" omitted_if_empty,
    appearance: "appearance" omitted_if_empty,
    start: "start",
    nodes: "nodes",
} not_stored { index });

crate::json_object!(Node {
    id: "id",
    lines: "lines",
    line_conditions: "line_conditions" omitted_if_empty,
    arrival: "arrival" omitted_if_empty,
    time: "time" omitted_if_empty,
    replies: "replies",
    ending: "ending" omitted_if_empty,
});

crate::json_object!(Reply {
    id: "id",
    text: "text",
    rating: "rating",
    techniques: "techniques",
    mood_change: "mood_change",
    mood_reason: "mood_reason" omitted_if_empty,
    feedback: "feedback",
    set_flags: "set_flags" omitted_if_empty,
    clear_flags: "clear_flags" omitted_if_empty,
    routes: "routes" omitted_if_empty,
    next: "next",
});

crate::json_object!(MoodSwing {
    change: "change",
    reason: "reason",
});

crate::json_object!(Route {
    when: "when",
    next: "next"
});

crate::json_object!(Condition {
    mood_at_least: "mood_at_least" omitted_if_empty,
    mood_below: "mood_below" omitted_if_empty,
    flag: "flag" omitted_if_empty,
    not_flag: "not_flag" omitted_if_empty,
});

crate::json_object!(Ending {
    outcome: "outcome",
    title: "title",
    debrief: "debrief",
});

impl Condition {
    /// The condition in words, e.g. "Stimmung ≥ 80 und gemerkt: „apologised“".
    pub fn describe(&self, lang: super::text::Lang) -> String {
        use super::text::Lang::{De, En};
        let mood = match lang {
            De => "Stimmung",
            En => "mood",
        };
        let mut parts = Vec::new();
        if let Some(m) = self.mood_at_least {
            parts.push(format!("{mood} ≥ {m}"));
        }
        if let Some(m) = self.mood_below {
            parts.push(format!("{mood} < {m}"));
        }
        for (flag, set) in [(&self.flag, true), (&self.not_flag, false)] {
            if let Some(f) = flag {
                parts.push(match (lang, set) {
                    (De, true) => format!("gemerkt: „{f}“"),
                    (De, false) => format!("nicht gemerkt: „{f}“"),
                    (En, true) => format!("remembered: “{f}”"),
                    (En, false) => format!("not remembered: “{f}”"),
                });
            }
        }
        parts.join(match lang {
            De => " und ",
            En => " and ",
        })
    }

    pub fn holds(&self, mood: u8, flags: &std::collections::BTreeSet<Flag>) -> bool {
        self.mood_at_least.is_none_or(|m| mood >= m)
            && self.mood_below.is_none_or(|m| mood < m)
            && self.flag.as_ref().is_none_or(|f| flags.contains(f))
            && self.not_flag.as_ref().is_none_or(|f| !flags.contains(f))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Ending {
    pub outcome: Outcome,
    pub title: Text,
    pub debrief: Text,
}

/// `mood` moved by `change`, kept within 0–100.
fn moved(mood: u8, change: i32) -> u8 {
    (i32::from(mood) + change).clamp(i32::from(MOOD_MIN), i32::from(MOOD_MAX)) as u8
}

impl Reply {
    /// The customer's mood after this reply, kept within 0–100.
    pub fn mood_after(&self, mood: u8) -> u8 {
        moved(mood, self.mood_change)
    }

    /// The flags after this reply: its `set_flags` added, then its
    /// `clear_flags` removed.
    pub fn apply_flags(&self, flags: &mut std::collections::BTreeSet<Flag>) {
        flags.extend(self.set_flags.iter().cloned());
        for flag in &self.clear_flags {
            *flags = super::session::without(flags, flag);
        }
    }

    /// The node this reply leads to, given the mood after it and the flags.
    pub fn target(&self, mood: u8, flags: &std::collections::BTreeSet<Flag>) -> &NodeId {
        self.routes
            .iter()
            .find(|r| r.when.holds(mood, flags))
            .map(|r| &r.next)
            .unwrap_or(&self.next)
    }

    /// Every node this reply can lead to, whatever the mood and flags.
    pub fn all_targets(&self) -> impl Iterator<Item = &NodeId> {
        self.routes.iter().map(|r| &r.next).chain([&self.next])
    }
}

impl Scenario {
    /// Assembles a scenario; `load` calls this only after all checks passed.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        id: ScenarioId,
        languages: Vec<Lang>,
        title: Text,
        summary: Text,
        customer_name: Text,
        customer_type: CustomerType,
        setting: Setting,
        difficulty: u8,
        start_mood: (u8, u8),
        content_note: Option<Text>,
        start: NodeId,
        nodes: Vec<Node>,
    ) -> Scenario {
        Scenario {
            id,
            languages,
            title,
            summary,
            customer_name,
            customer_type,
            setting,
            difficulty,
            start_mood,
            content_note,
            channel: Channel::FaceToFace,
            subject: None,
            review_stars: None,
            appearance: None,
            start,
            nodes,
            index: BTreeMap::new(),
        }
        .reindexed()
    }

    /// The same scenario with its node index built (after assembling or reading).
    pub(crate) fn reindexed(mut self) -> Scenario {
        // Inserted one by one: `collect()` would sort, at a cost in wasm size.
        self.index = BTreeMap::new();
        for (i, node) in self.nodes.iter().enumerate() {
            self.index.insert(node.id.clone(), i);
        }
        self
    }

    /// Checks what a session relies on: the start and every reply target
    /// exist, ids are unique, and every node either ends or offers a reply.
    pub(crate) fn check_links(&self) -> Result<(), String> {
        if self.index.len() != self.nodes.len() {
            return Err("two nodes share an id".into());
        }
        if self.node(&self.start).is_none() {
            return Err(format!("start node `{}` is missing", self.start));
        }
        if self.start_mood.0 > self.start_mood.1 || self.start_mood.1 > MOOD_MAX {
            return Err("start mood range is not within 0–100".into());
        }
        for node in &self.nodes {
            if node.ending.is_none() && node.replies.is_empty() {
                return Err(format!("node `{}` neither ends nor has replies", node.id));
            }
            for reply in &node.replies {
                if let Some(target) = reply.all_targets().find(|t| self.node(t).is_none()) {
                    return Err(format!(
                        "reply `{}` leads to missing node `{target}`",
                        reply.id
                    ));
                }
            }
        }
        Ok(())
    }

    /// Every text of the scenario, in a fixed order (the same for two files
    /// compiled from one source). `dyn`: one copy of the walk in the wasm.
    fn for_each_text(&mut self, visit: &mut dyn FnMut(&mut Text)) {
        visit(&mut self.title);
        visit(&mut self.summary);
        visit(&mut self.customer_name);
        if let Some(note) = &mut self.content_note {
            visit(note);
        }
        if let Some(subject) = &mut self.subject {
            visit(subject);
        }
        for node in &mut self.nodes {
            for line in &mut node.lines {
                visit(line);
            }
            if let Some(swing) = &mut node.arrival {
                visit(&mut swing.reason);
            }
            if let Some(time) = &mut node.time {
                visit(time);
            }
            for reply in &mut node.replies {
                visit(&mut reply.text);
                if let Some(reason) = &mut reply.mood_reason {
                    visit(reason);
                }
                visit(&mut reply.feedback);
            }
            if let Some(ending) = &mut node.ending {
                visit(&mut ending.title);
                visit(&mut ending.debrief);
            }
        }
    }

    /// The scenario with its texts in `lang` only (the web app loads one
    /// language first; see `compiled.rs`).
    pub fn in_language(mut self, lang: Lang) -> Scenario {
        self.for_each_text(&mut |text| text.keep_only(lang));
        self
    }

    /// Whether the texts are loaded in `lang` (a per-language file has one).
    pub fn has_texts_in(&self, lang: Lang) -> bool {
        self.title.has(lang)
    }

    /// Adds the texts of `other`, the same scenario compiled for another
    /// language. Refused if it is not the same scenario (a file from another
    /// build): then nothing changes.
    pub fn absorb_language(&mut self, mut other: Scenario) -> Result<(), String> {
        let mut theirs = Vec::new();
        other.for_each_text(&mut |text| theirs.push(std::mem::take(text)));
        let mut count = 0;
        self.for_each_text(&mut |_| count += 1);
        let same_shape = self.id == other.id
            && self.nodes.len() == other.nodes.len()
            && self.nodes.iter().zip(&other.nodes).all(|(a, b)| {
                a.id == b.id
                    && a.lines.len() == b.lines.len()
                    && a.replies
                        .iter()
                        .map(|r| &r.id)
                        .eq(b.replies.iter().map(|r| &r.id))
            });
        if !same_shape || count != theirs.len() {
            return Err(format!(
                "the texts of `{}` do not belong to this version of it",
                other.id
            ));
        }
        let mut theirs = theirs.into_iter();
        self.for_each_text(&mut |text| {
            if let Some(other) = theirs.next() {
                text.absorb(other);
            }
        });
        Ok(())
    }

    pub fn node(&self, id: &NodeId) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.nodes[i])
    }

    /// The position of a node in [`Scenario::nodes`].
    pub fn index_of(&self, id: &NodeId) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Techniques this scenario lets the trainee apply well somewhere.
    pub fn techniques_practised(&self) -> std::collections::BTreeSet<Technique> {
        self.techniques_rated(Rating::Good)
    }

    /// The weight of the best ending this scenario has (see `Outcome::weight`).
    pub fn best_outcome_weight(&self) -> u32 {
        self.nodes
            .iter()
            .filter_map(|n| n.ending.as_ref())
            .map(|e| e.outcome.weight())
            .max()
            .unwrap_or(100)
    }

    /// Techniques a poor reply names: where the trainee can misapply them.
    pub fn techniques_misapplicable(&self) -> std::collections::BTreeSet<Technique> {
        self.techniques_rated(Rating::Poor)
    }

    fn techniques_rated(&self, rating: Rating) -> std::collections::BTreeSet<Technique> {
        self.nodes
            .iter()
            .flat_map(|n| &n.replies)
            .filter(|r| r.rating == rating)
            .flat_map(|r| r.techniques.iter().copied())
            .collect()
    }

    /// Whether any route depends on the mood, or on a flag.
    pub fn routes_on(&self) -> (bool, bool) {
        let routes = || {
            self.nodes
                .iter()
                .flat_map(|n| &n.replies)
                .flat_map(|r| &r.routes)
        };
        let by_mood =
            routes().any(|r| r.when.mood_at_least.is_some() || r.when.mood_below.is_some());
        let by_flag = routes().any(|r| r.when.flag.is_some() || r.when.not_flag.is_some());
        (by_mood, by_flag)
    }
}

impl Node {
    /// The customer's mood once the conversation has arrived here, from the
    /// mood after the reply that led here (see [`MoodSwing`]).
    pub fn mood_on_arrival(&self, mood: u8) -> u8 {
        self.arrival
            .as_ref()
            .map_or(mood, |swing| moved(mood, swing.change))
    }

    /// The line variants that may be said with this mood and these flags:
    /// those whose condition holds, if any does; otherwise those without a
    /// condition (a node always has one, the checker makes sure).
    pub fn line_choices(&self, mood: u8, flags: &std::collections::BTreeSet<Flag>) -> Vec<usize> {
        let conditional = |i: usize| {
            self.line_conditions
                .get(i)
                .is_some_and(|c| *c != Condition::default())
        };
        let fitting: Vec<usize> = (0..self.lines.len())
            .filter(|&i| conditional(i) && self.line_conditions[i].holds(mood, flags))
            .collect();
        if !fitting.is_empty() {
            return fitting;
        }
        (0..self.lines.len()).filter(|&i| !conditional(i)).collect()
    }

    pub fn reply(&self, id: &ReplyId) -> Option<&Reply> {
        self.replies.iter().find(|r| &r.id == id)
    }

    /// Techniques a good reply at this node applies: what the node expects.
    pub fn expected_techniques(&self) -> impl Iterator<Item = Technique> + '_ {
        self.replies
            .iter()
            .filter(|r| r.rating == Rating::Good)
            .flat_map(|r| r.techniques.iter().copied())
    }
}
