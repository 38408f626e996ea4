//! An editable scenario draft: an unchecked mirror of a scenario `.toml` file
//! that may hold half-finished states, and its export to that file's format.
//!
//! The in-app editor edits a [`Draft`]; the checker ([`load`]) judges the text
//! [`Draft::to_toml`] writes, so every problem is reported by the same code,
//! with the same words, as for a file written by hand. That is why nothing is
//! checked here: a dangling `next`, an empty English text, an unknown rating
//! or a duplicate id can all live in a draft, and the export still reads as
//! TOML, so the checker can say what is wrong and where. [`Draft::place_at_line`]
//! sends a diagnostic's line back to the form it belongs to.
//!
//! Round trip: for every scenario `s` the checker accepts,
//! `load(name, &Draft::from_scenario(&s).to_toml())` gives `s` again, and the
//! export of that is the same text byte for byte (`tests/draft.rs`, on every
//! shipped scenario). What the export does not keep is what the checked
//! model does not keep either: comments, the key order and layout of the
//! source, `appearance` keys set to their default, `channel =
//! "face_to_face"` (the default), a node's `mood_change = 0` with its reason,
//! a reply's `mood_change = 0`, a technique named twice.

use super::appearance::Appearance;
use super::load::{FORMAT_VERSION, LoadError, load};
use super::scenario::{Condition, Scenario};
use super::text::{Lang, Text};
use super::vocabulary::Channel;

/// A text in each language; an empty string is a text not written yet.
/// [`Draft::languages`] decides which of them are exported: a text in a
/// language not declared stays in the draft but is not written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Texts {
    pub de: String,
    pub en: String,
}

/// A scenario being edited. Mirrors `[scenario]` of the file; vocabulary
/// values are kept as their ids (`"dissatisfied"`, `"email"`), so a value the
/// checker does not know can exist and be reported.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draft {
    /// The scenario id. Not a key in the file: `load` takes it from the file
    /// name, `<id>.toml` (see [`Draft::file_name`]), so the export does not
    /// write it.
    pub id: String,
    /// The declared languages, in the order written (`languages = [...]`).
    pub languages: Vec<Lang>,
    pub title: Texts,
    pub summary: Texts,
    /// `customer` in the file (`customer_name` in the checked model).
    pub customer: Texts,
    /// A [`super::CustomerType`] id.
    pub customer_type: String,
    /// A [`super::Setting`] id.
    pub setting: String,
    /// 1 (easy) to 3 (hard).
    pub difficulty: u8,
    /// Low and high end; written as one number when they are equal.
    pub start_mood: (u8, u8),
    /// Empty: no content note.
    pub content_note: Texts,
    /// A [`Channel`] id; empty or `face_to_face` (the default) is not written.
    pub channel: String,
    /// E-mail and review only; written when not empty or when the channel needs it.
    pub subject: Texts,
    /// Review only, 1–5.
    pub review_stars: Option<u8>,
    /// Face to face only; only the keys that differ from the default are written.
    pub appearance: Option<Appearance>,
    /// The id of the first node.
    pub start: String,
    pub nodes: Vec<DraftNode>,
}

/// A `[[node]]`: a customer turn with replies, or an ending.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftNode {
    pub id: String,
    /// The line variants (`lines = [...]`).
    pub lines: Vec<DraftLine>,
    /// The node's own `mood_change` and `mood_reason`: the customer's swing on arrival.
    pub arrival: Option<DraftSwing>,
    /// When the message was sent (threads); empty: not written.
    pub time: Texts,
    pub replies: Vec<DraftReply>,
    pub ending: Option<DraftEnding>,
}

/// One line variant and when it may be said (an empty condition: always).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftLine {
    pub text: Texts,
    pub when: DraftCondition,
}

/// A node's `mood_change` with its `mood_reason`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftSwing {
    pub change: i32,
    pub reason: Texts,
}

/// A `[[node.reply]]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftReply {
    pub id: String,
    pub text: Texts,
    /// A [`super::Rating`] id.
    pub rating: String,
    /// [`super::Technique`] ids.
    pub techniques: Vec<String>,
    /// 0 is not written.
    pub mood_change: i32,
    /// Written when not empty, and when `mood_change` is not 0 (it is required then).
    pub mood_reason: Texts,
    pub feedback: Texts,
    pub set_flags: Vec<String>,
    pub clear_flags: Vec<String>,
    pub routes: Vec<DraftRoute>,
    pub next: String,
}

/// A `[[node.reply.route]]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftRoute {
    pub when: DraftCondition,
    pub next: String,
}

/// A route's condition or a line's `when`; `None` and empty strings are absent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftCondition {
    pub mood_at_least: Option<u8>,
    pub mood_below: Option<u8>,
    pub flag: String,
    pub not_flag: String,
}

/// A `[node.ending]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftEnding {
    /// An [`super::Outcome`] id.
    pub outcome: String,
    pub title: Texts,
    pub debrief: Texts,
}

/// The part of the editor a line of the exported file belongs to. Routes
/// belong to their reply's form, a node's lines to the node's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Place {
    /// `format`, `languages` and `[scenario]`.
    #[default]
    Scenario,
    /// The node at this index in [`Draft::nodes`].
    Node(usize),
    /// A reply: node index, reply index.
    Reply(usize, usize),
    /// The `[node.ending]` of the node at this index.
    Ending(usize),
}

impl Texts {
    pub fn new(de: impl Into<String>, en: impl Into<String>) -> Texts {
        Texts {
            de: de.into(),
            en: en.into(),
        }
    }

    /// The draft form of a checked text: its languages, empty where it has none.
    pub fn of(text: &Text) -> Texts {
        let get = |lang| {
            if text.has(lang) {
                text.get(lang).to_string()
            } else {
                String::new()
            }
        };
        Texts::new(get(Lang::De), get(Lang::En))
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }

    pub fn get_mut(&mut self, lang: Lang) -> &mut String {
        match lang {
            Lang::De => &mut self.de,
            Lang::En => &mut self.en,
        }
    }

    /// Nothing written in any language.
    pub fn is_empty(&self) -> bool {
        self.de.is_empty() && self.en.is_empty()
    }
}

impl DraftCondition {
    /// The draft form of a checked condition.
    pub fn of(condition: &Condition) -> DraftCondition {
        let name = |flag: &Option<super::Flag>| {
            flag.as_ref()
                .map(|f| f.as_str().to_string())
                .unwrap_or_default()
        };
        DraftCondition {
            mood_at_least: condition.mood_at_least,
            mood_below: condition.mood_below,
            flag: name(&condition.flag),
            not_flag: name(&condition.not_flag),
        }
    }

    /// No part given.
    pub fn is_empty(&self) -> bool {
        *self == DraftCondition::default()
    }
}

impl Draft {
    /// The draft of a checked scenario; its export reads back as the same scenario.
    pub fn from_scenario(scenario: &Scenario) -> Draft {
        let optional = |text: &Option<Text>| text.as_ref().map(Texts::of).unwrap_or_default();
        Draft {
            id: scenario.id.as_str().to_string(),
            languages: scenario.languages.clone(),
            title: Texts::of(&scenario.title),
            summary: Texts::of(&scenario.summary),
            customer: Texts::of(&scenario.customer_name),
            customer_type: scenario.customer_type.id().to_string(),
            setting: scenario.setting.id().to_string(),
            difficulty: scenario.difficulty,
            start_mood: scenario.start_mood,
            content_note: optional(&scenario.content_note),
            channel: scenario.channel.id().to_string(),
            subject: optional(&scenario.subject),
            review_stars: scenario.review_stars,
            appearance: scenario.appearance.clone(),
            start: scenario.start.as_str().to_string(),
            nodes: scenario.nodes().iter().map(node_of).collect(),
        }
    }

    /// A new scenario to start from: German and English, a start node whose
    /// two replies (one good, one poor) lead to an ending. Its texts are
    /// empty, so the checker reports exactly those until they are written.
    pub fn blank() -> Draft {
        let reply = |id: &str, rating: &str| DraftReply {
            id: id.to_string(),
            rating: rating.to_string(),
            next: "end".to_string(),
            ..DraftReply::default()
        };
        Draft {
            id: "new-scenario".to_string(),
            languages: vec![Lang::De, Lang::En],
            customer_type: "dissatisfied".to_string(),
            setting: "other".to_string(),
            channel: Channel::default().id().to_string(),
            difficulty: 1,
            start_mood: (50, 50),
            start: "opening".to_string(),
            nodes: vec![
                DraftNode {
                    id: "opening".to_string(),
                    lines: vec![DraftLine::default()],
                    replies: vec![reply("reply_1", "good"), reply("reply_2", "poor")],
                    ..DraftNode::default()
                },
                DraftNode {
                    id: "end".to_string(),
                    lines: vec![DraftLine::default()],
                    ending: Some(DraftEnding {
                        outcome: "resolved".to_string(),
                        ..DraftEnding::default()
                    }),
                    ..DraftNode::default()
                },
            ],
            ..Draft::default()
        }
    }

    /// The file name the checker gets, and so the scenario id: `<id>.toml`.
    pub fn file_name(&self) -> String {
        format!("{}.toml", self.id)
    }

    /// Checks the draft as the checker checks a file: its export, under its
    /// file name. In the web app this belongs in the import worker (see
    /// `import_check.rs`), which keeps the TOML parser out of the page.
    pub fn check(&self) -> Result<Scenario, LoadError> {
        load(&self.file_name(), &self.to_toml())
    }

    /// The scenario file: laid out as the shipped files are (same key order,
    /// one key per line, a blank line before each table), without comments.
    /// The same draft always gives the same text.
    pub fn to_toml(&self) -> String {
        self.to_toml_with_places().0
    }

    /// [`Self::to_toml`] and, for each line of it, the part of the draft it
    /// belongs to (index 0 is line 1). See [`place_at`].
    pub fn to_toml_with_places(&self) -> (String, Vec<Place>) {
        let mut w = Writer::new(&self.languages);
        w.scenario(self);
        for (n, node) in self.nodes.iter().enumerate() {
            w.node(n, node);
        }
        (w.out, w.places)
    }

    /// The part of the draft line `line` (1-based, as in a diagnostic's
    /// location) of the export belongs to. Exports once; with many lines to
    /// look up, use [`Self::to_toml_with_places`] and [`place_at`].
    pub fn place_at_line(&self, line: usize) -> Place {
        place_at(&self.to_toml_with_places().1, line)
    }

    /// `id` if no node has it, otherwise the first free `<stem>_2`,
    /// `<stem>_3`, … (`opening_2` for `opening`; `opening_3` for `opening_2`).
    pub fn unique_node_id(&self, base: &str) -> String {
        unique_id(base, "node", |id| self.nodes.iter().any(|n| n.id == id))
    }

    /// Like [`Self::unique_node_id`], among the replies of node `node`.
    pub fn unique_reply_id(&self, node: usize, base: &str) -> String {
        let replies = self.nodes.get(node).map_or(&[][..], |n| &n.replies[..]);
        unique_id(base, "reply", |id| replies.iter().any(|r| r.id == id))
    }

    /// Inserts a new node (one empty line, no replies yet) after node
    /// `after` (at the end if `after` is past it); returns its index.
    pub fn add_node(&mut self, after: usize) -> usize {
        let node = DraftNode {
            id: self.unique_node_id("node"),
            lines: vec![DraftLine::default()],
            ..DraftNode::default()
        };
        insert_after(&mut self.nodes, after, node)
    }

    /// Inserts a copy of node `i` right after it, under a fresh id; returns
    /// its index. Nothing leads to the copy yet. Out of range: nothing
    /// changes and `i` comes back.
    pub fn duplicate_node(&mut self, i: usize) -> usize {
        let Some(node) = self.nodes.get(i) else {
            return i;
        };
        let copy = DraftNode {
            id: self.unique_node_id(&node.id),
            ..node.clone()
        };
        insert_after(&mut self.nodes, i, copy)
    }

    /// Swaps node `i` with the one above (`up`) or below; returns where it
    /// is now (`i` when it cannot move).
    pub fn move_node(&mut self, i: usize, up: bool) -> usize {
        move_item(&mut self.nodes, i, up)
    }

    /// Removes node `i`. References to it (`start`, a `next`, a route) are
    /// left dangling on purpose: the checker reports each where it is, and
    /// the trainer decides where they should lead now.
    pub fn remove_node(&mut self, i: usize) {
        if i < self.nodes.len() {
            self.nodes.remove(i);
        }
    }

    /// Inserts a new reply (rated acceptable, texts and `next` empty) into
    /// node `node` after reply `after` (at the end if past it); returns its
    /// index. No such node: nothing changes, 0 comes back.
    pub fn add_reply(&mut self, node: usize, after: usize) -> usize {
        let id = self.unique_reply_id(node, "reply");
        let Some(n) = self.nodes.get_mut(node) else {
            return 0;
        };
        let reply = DraftReply {
            id,
            rating: "acceptable".to_string(),
            ..DraftReply::default()
        };
        insert_after(&mut n.replies, after, reply)
    }

    /// Inserts a copy of reply `i` of node `node` right after it, under a
    /// fresh id; returns its index. Out of range: nothing changes, `i` comes back.
    pub fn duplicate_reply(&mut self, node: usize, i: usize) -> usize {
        let Some(reply) = self.nodes.get(node).and_then(|n| n.replies.get(i)) else {
            return i;
        };
        let copy = DraftReply {
            id: self.unique_reply_id(node, &reply.id),
            ..reply.clone()
        };
        match self.nodes.get_mut(node) {
            Some(n) => insert_after(&mut n.replies, i, copy),
            None => i,
        }
    }

    /// Swaps reply `i` of node `node` with its neighbour; returns where it is now.
    pub fn move_reply(&mut self, node: usize, i: usize, up: bool) -> usize {
        match self.nodes.get_mut(node) {
            Some(n) => move_item(&mut n.replies, i, up),
            None => i,
        }
    }

    /// Removes reply `i` of node `node`.
    pub fn remove_reply(&mut self, node: usize, i: usize) {
        if let Some(n) = self.nodes.get_mut(node)
            && i < n.replies.len()
        {
            n.replies.remove(i);
        }
    }

    /// The stored form (localStorage) as compact JSON text. (`Draft` is
    /// also [`super::json::ToJson`] and [`super::json::FromJson`], to be
    /// part of a larger stored value.)
    pub fn to_json_text(&self) -> String {
        super::json::to_string(self)
    }

    /// Reads [`Self::to_json_text`]'s text; missing fields take their defaults.
    pub fn from_json_text(text: &str) -> Result<Draft, String> {
        super::json::from_str(text)
    }
}

/// The place of 1-based line `line` in `places` (from
/// [`Draft::to_toml_with_places`]); [`Place::Scenario`] outside the file
/// (a diagnostic about the file name is at line 1 anyway).
pub fn place_at(places: &[Place], line: usize) -> Place {
    line.checked_sub(1)
        .and_then(|i| places.get(i))
        .copied()
        .unwrap_or_default()
}

fn node_of(node: &super::Node) -> DraftNode {
    let lines = node
        .lines
        .iter()
        .enumerate()
        .map(|(i, text)| DraftLine {
            text: Texts::of(text),
            when: node
                .line_conditions
                .get(i)
                .map(DraftCondition::of)
                .unwrap_or_default(),
        })
        .collect();
    DraftNode {
        id: node.id.as_str().to_string(),
        lines,
        arrival: node.arrival.as_ref().map(|swing| DraftSwing {
            change: swing.change,
            reason: Texts::of(&swing.reason),
        }),
        time: node.time.as_ref().map(Texts::of).unwrap_or_default(),
        replies: node.replies.iter().map(reply_of).collect(),
        ending: node.ending.as_ref().map(|e| DraftEnding {
            outcome: e.outcome.id().to_string(),
            title: Texts::of(&e.title),
            debrief: Texts::of(&e.debrief),
        }),
    }
}

fn reply_of(reply: &super::Reply) -> DraftReply {
    let names = |flags: &[super::Flag]| flags.iter().map(|f| f.as_str().to_string()).collect();
    DraftReply {
        id: reply.id.as_str().to_string(),
        text: Texts::of(&reply.text),
        rating: reply.rating.id().to_string(),
        techniques: reply
            .techniques
            .iter()
            .map(|t| t.id().to_string())
            .collect(),
        mood_change: reply.mood_change,
        mood_reason: reply
            .mood_reason
            .as_ref()
            .map(Texts::of)
            .unwrap_or_default(),
        feedback: Texts::of(&reply.feedback),
        set_flags: names(&reply.set_flags),
        clear_flags: names(&reply.clear_flags),
        routes: reply
            .routes
            .iter()
            .map(|r| DraftRoute {
                when: DraftCondition::of(&r.when),
                next: r.next.as_str().to_string(),
            })
            .collect(),
        next: reply.next.as_str().to_string(),
    }
}

/// `base` if free, else the first free `<stem>_N` from N = 2, where the stem
/// is `base` without a `_<number>` it ends in; `fallback` for an empty base.
fn unique_id(base: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = if base.is_empty() { fallback } else { base };
    if !taken(base) {
        return base.to_string();
    }
    let stem = match base.rsplit_once('_') {
        Some((stem, n))
            if !stem.is_empty() && !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) =>
        {
            stem
        }
        _ => base,
    };
    let mut n = 2;
    loop {
        let id = format!("{stem}_{n}");
        if !taken(&id) {
            return id;
        }
        n += 1;
    }
}

/// Inserts `item` after index `after` (at the end when past it); its index.
fn insert_after<T>(items: &mut Vec<T>, after: usize, item: T) -> usize {
    let at = after.saturating_add(1).min(items.len());
    items.insert(at, item);
    at
}

/// Swaps item `i` with its neighbour above or below; where it is now.
fn move_item<T>(items: &mut [T], i: usize, up: bool) -> usize {
    let j = if up {
        i.checked_sub(1)
    } else {
        i.checked_add(1)
    };
    match j {
        Some(j) if i < items.len() && j < items.len() => {
            items.swap(i, j);
            j
        }
        _ => i,
    }
}

/// `text` as a TOML basic string: `"` and `\` escaped, and every control
/// character (newlines and tabs too, so a text stays on one line).
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() && u32::from(c) <= 0x7f => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `{ key = value, … }`, or `{}`.
fn inline_table(entries: &[(&str, String)]) -> String {
    if entries.is_empty() {
        return "{}".to_string();
    }
    let inner: Vec<String> = entries.iter().map(|(k, v)| format!("{k} = {v}")).collect();
    format!("{{ {} }}", inner.join(", "))
}

/// `["a", "b"]`.
fn string_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// The parts of a condition that are given, in the shipped files' order.
fn condition_entries(when: &DraftCondition) -> Vec<(&'static str, String)> {
    let mut entries = Vec::new();
    if let Some(m) = when.mood_at_least {
        entries.push(("mood_at_least", m.to_string()));
    }
    if let Some(m) = when.mood_below {
        entries.push(("mood_below", m.to_string()));
    }
    if !when.flag.is_empty() {
        entries.push(("flag", toml_string(&when.flag)));
    }
    if !when.not_flag.is_empty() {
        entries.push(("not_flag", toml_string(&when.not_flag)));
    }
    entries
}

/// The appearance keys that differ from the default, in the format's order.
fn appearance_entries(a: &Appearance) -> Vec<(&'static str, String)> {
    let plain = Appearance::default();
    let mut entries = Vec::new();
    let mut choice = |key, id: &str, default: &str| {
        if id != default {
            entries.push((key, toml_string(id)));
        }
    };
    choice("age", a.age.id(), plain.age.id());
    choice("hair", a.hair.id(), plain.hair.id());
    choice("hair_colour", a.hair_colour.id(), plain.hair_colour.id());
    choice("skin", a.skin.id(), plain.skin.id());
    if a.glasses != plain.glasses {
        entries.push(("glasses", a.glasses.to_string()));
    }
    if a.beard != plain.beard {
        entries.push(("beard", a.beard.to_string()));
    }
    if a.clothing != plain.clothing {
        entries.push(("clothing", toml_string(a.clothing.id())));
    }
    entries
}

/// Writes the file line by line, noting each line's place.
struct Writer {
    /// The declared languages without repeats: a text's keys must be unique
    /// to be TOML at all (a repeat in `languages` is the checker's to report).
    languages: Vec<Lang>,
    out: String,
    places: Vec<Place>,
}

impl Writer {
    fn new(declared: &[Lang]) -> Writer {
        let mut languages = Vec::new();
        for &lang in declared {
            if !languages.contains(&lang) {
                languages.push(lang);
            }
        }
        Writer {
            languages,
            out: String::new(),
            places: Vec::new(),
        }
    }

    fn line(&mut self, place: Place, line: &str) {
        self.out.push_str(line);
        self.out.push('\n');
        self.places.push(place);
    }

    fn key(&mut self, place: Place, indent: &str, key: &str, value: &str) {
        self.line(place, &format!("{indent}{key} = {value}"));
    }

    /// The text's entries in each declared language, `""` where not written,
    /// so the checker reports the missing text where it belongs.
    fn text_entries(&self, text: &Texts) -> Vec<(&'static str, String)> {
        self.languages
            .iter()
            .map(|&lang| (lang.code(), toml_string(text.get(lang))))
            .collect()
    }

    fn text(&self, text: &Texts) -> String {
        inline_table(&self.text_entries(text))
    }

    fn scenario(&mut self, d: &Draft) {
        let s = Place::Scenario;
        self.key(s, "", "format", &FORMAT_VERSION.to_string());
        let codes: Vec<String> = d.languages.iter().map(|l| l.code().to_string()).collect();
        self.key(s, "", "languages", &string_list(&codes));
        self.line(s, "");
        self.line(s, "[scenario]");
        self.key(s, "", "title", &self.text(&d.title));
        self.key(s, "", "summary", &self.text(&d.summary));
        self.key(s, "", "customer", &self.text(&d.customer));
        self.key(s, "", "customer_type", &toml_string(&d.customer_type));
        self.key(s, "", "setting", &toml_string(&d.setting));
        if !d.channel.is_empty() && d.channel != Channel::default().id() {
            self.key(s, "", "channel", &toml_string(&d.channel));
        }
        let thread = Channel::from_id(&d.channel).is_some_and(Channel::is_thread);
        if thread || !d.subject.is_empty() {
            self.key(s, "", "subject", &self.text(&d.subject));
        }
        if let Some(stars) = d.review_stars {
            self.key(s, "", "review_stars", &stars.to_string());
        }
        if let Some(a) = &d.appearance {
            self.key(s, "", "appearance", &inline_table(&appearance_entries(a)));
        }
        self.key(s, "", "difficulty", &d.difficulty.to_string());
        let (low, high) = d.start_mood;
        let mood = if low == high {
            low.to_string()
        } else {
            format!("[{low}, {high}]")
        };
        self.key(s, "", "start_mood", &mood);
        if !d.content_note.is_empty() {
            self.key(s, "", "content_note", &self.text(&d.content_note));
        }
        self.key(s, "", "start", &toml_string(&d.start));
    }

    fn node(&mut self, n: usize, node: &DraftNode) {
        let p = Place::Node(n);
        self.line(p, "");
        self.line(p, "[[node]]");
        self.key(p, "", "id", &toml_string(&node.id));
        if !node.time.is_empty() {
            self.key(p, "", "time", &self.text(&node.time));
        }
        if let Some(swing) = &node.arrival {
            self.key(p, "", "mood_change", &swing.change.to_string());
            if swing.change != 0 || !swing.reason.is_empty() {
                self.key(p, "", "mood_reason", &self.text(&swing.reason));
            }
        }
        if node.lines.is_empty() {
            self.key(p, "", "lines", "[]");
        } else {
            self.line(p, "lines = [");
            for line in &node.lines {
                let mut entries = self.text_entries(&line.text);
                if !line.when.is_empty() {
                    entries.push(("when", inline_table(&condition_entries(&line.when))));
                }
                self.line(p, &format!("  {},", inline_table(&entries)));
            }
            self.line(p, "]");
        }
        for (r, reply) in node.replies.iter().enumerate() {
            self.reply(Place::Reply(n, r), reply);
        }
        if let Some(ending) = &node.ending {
            let p = Place::Ending(n);
            self.line(p, "");
            self.line(p, "  [node.ending]");
            self.key(p, "  ", "outcome", &toml_string(&ending.outcome));
            self.key(p, "  ", "title", &self.text(&ending.title));
            self.key(p, "  ", "debrief", &self.text(&ending.debrief));
        }
    }

    fn reply(&mut self, p: Place, reply: &DraftReply) {
        let i = "  ";
        self.line(p, "");
        self.line(p, "  [[node.reply]]");
        self.key(p, i, "id", &toml_string(&reply.id));
        self.key(p, i, "text", &self.text(&reply.text));
        self.key(p, i, "rating", &toml_string(&reply.rating));
        if !reply.techniques.is_empty() {
            self.key(p, i, "techniques", &string_list(&reply.techniques));
        }
        if reply.mood_change != 0 {
            self.key(p, i, "mood_change", &reply.mood_change.to_string());
        }
        if reply.mood_change != 0 || !reply.mood_reason.is_empty() {
            self.key(p, i, "mood_reason", &self.text(&reply.mood_reason));
        }
        self.key(p, i, "feedback", &self.text(&reply.feedback));
        if !reply.set_flags.is_empty() {
            self.key(p, i, "set_flags", &string_list(&reply.set_flags));
        }
        if !reply.clear_flags.is_empty() {
            self.key(p, i, "clear_flags", &string_list(&reply.clear_flags));
        }
        self.key(p, i, "next", &toml_string(&reply.next));
        for route in &reply.routes {
            self.line(p, "");
            self.line(p, "    [[node.reply.route]]");
            for (key, value) in condition_entries(&route.when) {
                self.key(p, "    ", key, &value);
            }
            self.key(p, "    ", "next", &toml_string(&route.next));
        }
    }
}

// The stored form of a draft (localStorage, see `draft_store.rs`): keys as
// the fields are named; a missing key is its default, so a draft stored by
// an older editor still opens.
crate::json_object!(Texts {
    de: "de" or_default,
    en: "en" or_default,
});

crate::json_object!(Draft {
    id: "id" or_default,
    languages: "languages" or_default,
    title: "title" or_default,
    summary: "summary" or_default,
    customer: "customer" or_default,
    customer_type: "customer_type" or_default,
    setting: "setting" or_default,
    difficulty: "difficulty" or_default,
    start_mood: "start_mood" or_default,
    content_note: "content_note" or_default,
    channel: "channel" or_default,
    subject: "subject" or_default,
    review_stars: "review_stars" omitted_if_empty,
    appearance: "appearance" omitted_if_empty,
    start: "start" or_default,
    nodes: "nodes" or_default,
});

crate::json_object!(DraftNode {
    id: "id" or_default,
    lines: "lines" or_default,
    arrival: "arrival" omitted_if_empty,
    time: "time" or_default,
    replies: "replies" or_default,
    ending: "ending" omitted_if_empty,
});

crate::json_object!(DraftLine {
    text: "text" or_default,
    when: "when" or_default,
});

crate::json_object!(DraftSwing {
    change: "change" or_default,
    reason: "reason" or_default,
});

crate::json_object!(DraftReply {
    id: "id" or_default,
    text: "text" or_default,
    rating: "rating" or_default,
    techniques: "techniques" or_default,
    mood_change: "mood_change" or_default,
    mood_reason: "mood_reason" or_default,
    feedback: "feedback" or_default,
    set_flags: "set_flags" or_default,
    clear_flags: "clear_flags" or_default,
    routes: "routes" or_default,
    next: "next" or_default,
});

crate::json_object!(DraftRoute {
    when: "when" or_default,
    next: "next" or_default,
});

crate::json_object!(DraftCondition {
    mood_at_least: "mood_at_least" omitted_if_empty,
    mood_below: "mood_below" omitted_if_empty,
    flag: "flag" or_default,
    not_flag: "not_flag" or_default,
});

crate::json_object!(DraftEnding {
    outcome: "outcome" or_default,
    title: "title" or_default,
    debrief: "debrief" or_default,
});

impl Draft {
    /// Renames node `i` to `new` and every reference to it (`start`, each
    /// reply's `next` and each route's `next`), so the conversation keeps
    /// its shape. When another node already has the name `new`, only node
    /// `i` is renamed: references cannot tell the two apart, and the checker
    /// reports the duplicate.
    pub fn rename_node(&mut self, i: usize, new: &str) {
        let Some(old) = self.nodes.get(i).map(|n| n.id.clone()) else {
            return;
        };
        if old == new {
            return;
        }
        let clash = self.nodes.iter().any(|n| n.id == new);
        self.nodes[i].id = new.to_string();
        if clash || old.is_empty() {
            return;
        }
        let follow = |target: &mut String| {
            if *target == old {
                *target = new.to_string();
            }
        };
        follow(&mut self.start);
        for reply in self.nodes.iter_mut().flat_map(|n| n.replies.iter_mut()) {
            follow(&mut reply.next);
            for route in &mut reply.routes {
                follow(&mut route.next);
            }
        }
    }
}

#[cfg(test)]
mod rename_tests {
    use super::*;

    #[test]
    fn renaming_a_node_follows_every_reference() {
        let mut d = Draft::blank();
        let (start, end) = (d.start.clone(), d.nodes[0].replies[0].next.clone());
        let end_index = d
            .nodes
            .iter()
            .position(|n| n.id == end)
            .expect("the blank draft's reply leads somewhere");
        d.nodes[0].replies[0].routes.push(DraftRoute {
            when: DraftCondition::default(),
            next: end.clone(),
        });
        d.rename_node(end_index, "farewell");
        assert_eq!(d.nodes[end_index].id, "farewell");
        assert_eq!(d.nodes[0].replies[0].next, "farewell");
        assert_eq!(d.nodes[0].replies[0].routes[0].next, "farewell");
        d.rename_node(0, "hello");
        assert_eq!(d.start, "hello", "was {start}");
    }

    #[test]
    fn renaming_onto_another_nodes_name_leaves_references_alone() {
        let mut d = Draft::blank();
        let target = d.nodes[0].replies[0].next.clone();
        let other = d
            .nodes
            .iter()
            .position(|n| n.id != target && n.id != d.start);
        let Some(other) = other else { return };
        let other_name = d.nodes[other].id.clone();
        let i = d
            .nodes
            .iter()
            .position(|n| n.id == target)
            .expect("present");
        d.rename_node(i, &other_name);
        assert_eq!(
            d.nodes[0].replies[0].next, target,
            "references stay where they were"
        );
    }
}
