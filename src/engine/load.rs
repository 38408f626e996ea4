//! Reads and checks a scenario file: every problem at once, or a `Scenario`.

use super::diagnostic::{Diagnostic, Diagnostics};
use super::ids::{Flag, NodeId, ReplyId, ScenarioId};
use super::reader::{At, Reader, Span, Table};
use super::scenario::{Condition, Ending, MAX_MOOD_CHANGE, Node, Reply, Route, Scenario};
use super::text::{Lang, Text};
use super::vocabulary::{CustomerType, Outcome, Rating, Setting, Technique};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use toml::de::DeTable;

/// The format version this engine reads.
pub const FORMAT_VERSION: i64 = 1;
/// The largest scenario file accepted (the biggest shipped one is ~50 KB).
pub const MAX_SCENARIO_BYTES: usize = 1024 * 1024;

/// A scenario file could not be loaded; it holds every problem found.
#[derive(Debug, thiserror::Error)]
#[error("{} problem(s) in the scenario file:\n{}", .0.len(), display_all(.0))]
pub struct LoadError(pub Vec<Diagnostic>);

fn display_all(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The scenario id for a file name: the name without `.toml`.
pub fn scenario_id_for(file_name: &str) -> ScenarioId {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    ScenarioId::new(base.strip_suffix(".toml").unwrap_or(base))
}

/// [`load`] for files from outside (a trainer's import in the browser): also
/// refuses files larger than [`MAX_SCENARIO_BYTES`], with a plain message.
pub fn load_untrusted(file_name: &str, source: &str) -> Result<Scenario, LoadError> {
    if source.len() > MAX_SCENARIO_BYTES {
        let mut diags = Diagnostics::new(file_name, "");
        diags.error(
            0,
            format!(
                "the file is {} KB; scenario files may have at most {} KB",
                source.len() / 1024,
                MAX_SCENARIO_BYTES / 1024
            ),
            Some("split the conversation into several scenarios".into()),
        );
        return Err(LoadError(diags.into_sorted()));
    }
    load(file_name, source)
}

/// Reads, checks and builds the scenario in `source`; `file_name` is used for
/// messages and gives the scenario id.
pub fn load(file_name: &str, source: &str) -> Result<Scenario, LoadError> {
    let mut diags = Diagnostics::new(file_name, source);
    let id = scenario_id_for(file_name);
    if id.as_str().is_empty()
        || !id
            .as_str()
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        diags.error(
            0,
            format!("the file name `{file_name}` is not a valid scenario id"),
            Some("name scenario files with lower-case letters, digits and `-`, e.g. `supermarket-yoghurt.toml`".into()),
        );
    }
    let (document, syntax_errors) = DeTable::parse_recoverable(source);
    for e in &syntax_errors {
        diags.error(
            e.span().map(|s| s.start).unwrap_or(0),
            format!("invalid TOML: {}", e.message().trim()),
            Some("see https://toml.io for the syntax".into()),
        );
    }
    if !syntax_errors.is_empty() {
        return Err(LoadError(diags.into_sorted()));
    }
    let root = Table::new(document.get_ref(), document.span(), "the file");
    let scenario = Loader::new(&mut diags).scenario(id, &root);
    match scenario {
        Some(s) if diags.is_empty() => Ok(s),
        _ => Err(LoadError(diags.into_sorted())),
    }
}

struct Loader<'d, 's> {
    r: Reader<'d, 's>,
    /// Where each node id was declared.
    node_spans: BTreeMap<NodeId, Span>,
    /// Every `next` written, with where it was written.
    targets: Vec<At<NodeId>>,
    flags_set: BTreeSet<Flag>,
    flags_tested: Vec<At<Flag>>,
}

impl<'d, 's> Loader<'d, 's> {
    fn new(diags: &'d mut Diagnostics<'s>) -> Self {
        Loader {
            r: Reader {
                diags,
                languages: Vec::new(),
            },
            node_spans: BTreeMap::new(),
            targets: Vec::new(),
            flags_set: BTreeSet::new(),
            flags_tested: Vec::new(),
        }
    }

    fn scenario(mut self, id: ScenarioId, root: &Table) -> Option<Scenario> {
        self.r
            .deny_unknown(root, &["format", "languages", "scenario", "node"]);
        self.format(root);
        self.languages(root);
        let meta = self
            .r
            .required(
                root,
                "scenario",
                "add a `[scenario]` table with title, customer and start",
            )
            .and_then(|v| self.r.table(v, "[scenario]"));
        let nodes: Vec<Node> = match self.r.required(root, "node", "add at least one `[[node]]`") {
            Some(v) => self
                .r
                .tables(v, "[[node]]")
                .iter()
                .filter_map(|t| self.node(t))
                .collect(),
            None => Vec::new(),
        };
        let meta = meta?;
        let scenario = self.metadata(id, &meta, nodes);
        self.check_graph(scenario.as_ref());
        scenario
    }

    fn format(&mut self, root: &Table) {
        let hint = format!("write `format = {FORMAT_VERSION}` at the top of the file");
        if let Some(v) = self.r.required(root, "format", &hint)
            && let Some(n) = self.r.integer(v, "`format`")
            && n.value != FORMAT_VERSION
        {
            self.r.diags.error(
                n.span.start,
                format!("unsupported format version {}", n.value),
                Some(format!(
                    "this version of Counterpart reads format {FORMAT_VERSION}"
                )),
            );
        }
    }

    fn languages(&mut self, root: &Table) {
        let Some(v) = self.r.required(
            root,
            "languages",
            "declare the languages, e.g. `languages = [\"de\", \"en\"]`",
        ) else {
            return;
        };
        for code in self.r.string_list(v, "`languages`") {
            match Lang::from_code(&code.value) {
                Some(l) if !self.r.languages.contains(&l) => self.r.languages.push(l),
                Some(_) => self.r.diags.error(
                    code.span.start,
                    format!("language `{}` is declared twice", code.value),
                    None,
                ),
                None => self.r.diags.error(
                    code.span.start,
                    format!("unknown language `{}`", code.value),
                    Some("Counterpart supports `de` and `en`".into()),
                ),
            }
        }
        if self.r.languages.is_empty() {
            self.r.diags.error(
                v.span().start,
                "no language declared",
                Some("declare at least one, e.g. `languages = [\"de\", \"en\"]`".into()),
            );
        }
    }

    fn required_text(&mut self, table: &Table, key: &str, hint: &str) -> Option<Text> {
        let what = format!("`{key}` of {}", table.context);
        self.r
            .required(table, key, hint)
            .and_then(|v| self.r.text(v, &what))
    }

    fn optional_text(&mut self, table: &Table, key: &str) -> Option<Text> {
        let what = format!("`{key}` of {}", table.context);
        table.get(key).and_then(|v| self.r.text(v, &what))
    }

    /// A closed-vocabulary value such as a customer type or a rating.
    fn choice<T>(
        &mut self,
        table: &Table,
        key: &str,
        from_id: fn(&str) -> Option<T>,
        ids: String,
    ) -> Option<T> {
        let what = format!("`{key}` of {}", table.context);
        let v = self
            .r
            .required(table, key, &format!("set `{key}` to one of {ids}"))?;
        let s = self.r.string(v, &what)?;
        let found = from_id(&s.value);
        if found.is_none() {
            self.r.diags.error(
                s.span.start,
                format!("unknown {key} `{}`", s.value),
                Some(format!("use one of {ids}")),
            );
        }
        found
    }

    fn metadata(&mut self, id: ScenarioId, meta: &Table, nodes: Vec<Node>) -> Option<Scenario> {
        self.r.deny_unknown(
            meta,
            &[
                "title",
                "summary",
                "customer",
                "customer_type",
                "setting",
                "difficulty",
                "start_mood",
                "content_note",
                "start",
            ],
        );
        let title = self.required_text(meta, "title", "give the scenario a short title");
        let summary =
            self.required_text(meta, "summary", "say in one or two sentences what happens");
        let customer = self.required_text(
            meta,
            "customer",
            "name the customer, e.g. `{ de = \"Frau Krüger\", en = \"Mrs Krüger\" }`",
        );
        let customer_type = self.choice(
            meta,
            "customer_type",
            CustomerType::from_id,
            CustomerType::id_list(),
        );
        let setting = self.choice(meta, "setting", Setting::from_id, Setting::id_list());
        let difficulty = self.difficulty(meta);
        let start_mood = self.start_mood(meta);
        let content_note = self.optional_text(meta, "content_note");
        let start = self
            .r
            .required(meta, "start", "name the node the conversation starts at")
            .and_then(|v| self.r.string(v, "`start`"))
            .map(|s| {
                let node = NodeId::new(s.value);
                self.targets.push(At {
                    value: node.clone(),
                    span: s.span,
                });
                node
            });
        Some(Scenario::new(
            id,
            self.r.languages.clone(),
            title?,
            summary?,
            customer?,
            customer_type?,
            setting?,
            difficulty?,
            start_mood?,
            content_note,
            start?,
            nodes,
        ))
    }

    fn difficulty(&mut self, meta: &Table) -> Option<u8> {
        let v = self
            .r
            .required(meta, "difficulty", "set `difficulty` to 1, 2 or 3")?;
        let n = self.r.integer(v, "`difficulty`")?;
        if !(1..=3).contains(&n.value) {
            self.r.diags.error(
                n.span.start,
                format!("difficulty {} is out of range", n.value),
                Some("use 1 (easy), 2 (medium) or 3 (hard)".into()),
            );
            return None;
        }
        Some(n.value as u8)
    }

    fn mood_value(&mut self, n: At<i64>) -> Option<u8> {
        if (0..=100).contains(&n.value) {
            Some(n.value as u8)
        } else {
            self.r.diags.error(
                n.span.start,
                format!("start mood {} is out of range", n.value),
                Some("mood runs from 0 (calm) to 100 (furious)".into()),
            );
            None
        }
    }

    /// `start_mood = 60` or a range `start_mood = [50, 70]`.
    fn start_mood(&mut self, meta: &Table) -> Option<(u8, u8)> {
        let v = self.r.required(
            meta,
            "start_mood",
            "set `start_mood` (0 calm … 100 furious), or a range like `[50, 70]`",
        )?;
        if v.get_ref().as_array().is_some() {
            let items = self.r.array(v, "`start_mood`")?;
            let numbers: Vec<At<i64>> = items
                .iter()
                .filter_map(|i| self.r.integer(i, "`start_mood`"))
                .collect();
            let bounds: Vec<u8> = numbers
                .into_iter()
                .filter_map(|n| self.mood_value(n))
                .collect();
            match bounds[..] {
                [low, high] if low <= high => Some((low, high)),
                _ => {
                    self.r.diags.error(
                        v.span().start,
                        "`start_mood` range must be two numbers, the lower first",
                        Some("e.g. `start_mood = [50, 70]`".into()),
                    );
                    None
                }
            }
        } else {
            let n = self.r.integer(v, "`start_mood`")?;
            self.mood_value(n).map(|m| (m, m))
        }
    }

    fn node(&mut self, table: &Table) -> Option<Node> {
        self.r
            .deny_unknown(table, &["id", "lines", "reply", "ending"]);
        let id = self
            .r
            .required(table, "id", "give every node an `id`")
            .and_then(|v| self.r.string(v, "node `id`"))?;
        let node_id = NodeId::new(id.value.clone());
        if self.node_spans.contains_key(&node_id) {
            self.r.diags.error(
                id.span.start,
                format!("duplicate node id `{}`", id.value),
                Some("node ids must be unique within a scenario".into()),
            );
        } else {
            self.node_spans.insert(node_id.clone(), id.span.clone());
        }
        let context = format!("node `{}`", id.value);
        let table = table.with_context(context.clone());
        let lines = self.lines(&table);
        let reply_tables = match table.get("reply") {
            Some(v) => self.r.tables(v, &format!("a reply of {context}")),
            None => Vec::new(),
        };
        let mut reply_ids = BTreeSet::new();
        for t in &reply_tables {
            if let Some(rid) = t.get("id")
                && let Some(name) = rid.get_ref().as_str()
                && !reply_ids.insert(name.to_string())
            {
                self.r.diags.error(
                    rid.span().start,
                    format!("duplicate reply id `{name}` in {context}"),
                    Some("reply ids must be unique within their node".into()),
                );
            }
        }
        let replies: Vec<Reply> = reply_tables
            .iter()
            .filter_map(|t| self.reply(t, &context))
            .collect();
        let ending = match table.get("ending") {
            Some(v) => {
                let ending_table = self.r.table(v, format!("the ending of {context}"))?;
                self.ending(&ending_table)
            }
            None => None,
        };
        match (&ending, replies.is_empty(), table.get("reply").is_some()) {
            (Some(_), _, true) => self.r.diags.error(
                id.span.start,
                format!("{context} is an ending but has replies"),
                Some(
                    "an ending closes the conversation: remove its replies or its `[node.ending]`"
                        .into(),
                ),
            ),
            (None, true, false) => self.r.diags.error(
                id.span.start,
                format!("{context} has no replies and is not an ending"),
                Some(
                    "add `[[node.reply]]` entries, or make it an ending with `[node.ending]`"
                        .into(),
                ),
            ),
            _ => {}
        }
        Some(Node {
            id: node_id,
            lines: lines?,
            replies,
            ending,
        })
    }

    fn lines(&mut self, node: &Table) -> Option<Vec<Text>> {
        let what = format!("`lines` of {}", node.context);
        let v = self.r.required(
            node,
            "lines",
            "add what the customer says: `lines = [{ de = \"…\", en = \"…\" }]`, more entries are variants",
        )?;
        let items = self.r.array(v, &what)?;
        if items.is_empty() {
            self.r.diags.error(
                v.span().start,
                format!("{what} is empty"),
                Some("give at least one line".into()),
            );
            return None;
        }
        let texts: Vec<Option<Text>> = items.iter().map(|i| self.r.text(i, &what)).collect();
        texts.into_iter().collect()
    }

    fn reply(&mut self, table: &Table, node_context: &str) -> Option<Reply> {
        let name = table
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .unwrap_or("?");
        let table = table.with_context(format!("reply `{name}` of {node_context}"));
        self.r.deny_unknown(
            &table,
            &[
                "id",
                "text",
                "rating",
                "techniques",
                "mood_change",
                "mood_reason",
                "feedback",
                "set_flags",
                "route",
                "next",
            ],
        );
        let id = self
            .r
            .required(
                &table,
                "id",
                "give every reply an `id`; playthroughs choose replies by id",
            )
            .and_then(|v| self.r.string(v, "reply `id`"))?;
        let text = self.required_text(&table, "text", "write what the employee says");
        let rating = self.choice(&table, "rating", Rating::from_id, Rating::id_list());
        let feedback = self.required_text(
            &table,
            "feedback",
            "explain why this reply works or not, and name the technique",
        );
        let techniques = self.techniques(&table);
        let mood_change = self.mood_change(&table);
        let mood_reason = self.optional_text(&table, "mood_reason");
        if mood_change.is_some_and(|m| m != 0)
            && mood_reason.is_none()
            && table.get("mood_reason").is_none()
        {
            self.r.diags.error(
                table.span.start,
                format!("{} changes the mood but has no `mood_reason`", table.context),
                Some("say why the mood moves, e.g. `mood_reason = { de = \"Sie haben ihren Ärger anerkannt\", en = \"You acknowledged her frustration\" }`".into()),
            );
        }
        let set_flags = table
            .get("set_flags")
            .map(|v| self.r.string_list(v, "`set_flags`"))
            .unwrap_or_default()
            .into_iter()
            .map(|f| Flag::new(f.value))
            .collect::<Vec<_>>();
        self.flags_set.extend(set_flags.iter().cloned());
        let routes = match table.get("route") {
            Some(v) => {
                let context = format!("a route of {}", table.context);
                self.r
                    .tables(v, &context)
                    .iter()
                    .filter_map(|t| self.route(t))
                    .collect()
            }
            None => Vec::new(),
        };
        let next = self.next(&table, "name the node this reply leads to");
        Some(Reply {
            id: ReplyId::new(id.value),
            text: text?,
            rating: rating?,
            techniques,
            mood_change: mood_change.unwrap_or(0),
            mood_reason,
            feedback: feedback?,
            set_flags,
            routes,
            next: next?,
        })
    }

    fn next(&mut self, table: &Table, hint: &str) -> Option<NodeId> {
        let s = self
            .r
            .required(table, "next", hint)
            .and_then(|v| self.r.string(v, "`next`"))?;
        let node = NodeId::new(s.value);
        self.targets.push(At {
            value: node.clone(),
            span: s.span,
        });
        Some(node)
    }

    fn techniques(&mut self, reply: &Table) -> Vec<Technique> {
        let Some(v) = reply.get("techniques") else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for name in self.r.string_list(v, "`techniques`") {
            match Technique::from_id(&name.value) {
                Some(t) if !found.contains(&t) => found.push(t),
                Some(_) => {}
                None => {
                    let ids: Vec<&str> = Technique::ALL.iter().map(|t| t.id()).collect();
                    let hint = match super::reader::closest(&name.value, &ids) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("use one of {}", Technique::id_list()),
                    };
                    self.r.diags.error(
                        name.span.start,
                        format!("unknown technique `{}`", name.value),
                        Some(hint),
                    );
                }
            }
        }
        found
    }

    fn mood_change(&mut self, reply: &Table) -> Option<i32> {
        let v = reply.get("mood_change")?;
        let n = self.r.integer(v, "`mood_change`")?;
        let limit = i64::from(MAX_MOOD_CHANGE);
        if !(-limit..=limit).contains(&n.value) {
            self.r.diags.error(
                n.span.start,
                format!("mood change {} is out of range", n.value),
                Some(format!(
                    "a single reply moves the mood by at most {MAX_MOOD_CHANGE} either way"
                )),
            );
            return None;
        }
        Some(n.value as i32)
    }

    fn route(&mut self, table: &Table) -> Option<Route> {
        self.r.deny_unknown(
            table,
            &["mood_at_least", "mood_below", "flag", "not_flag", "next"],
        );
        let mut when = Condition::default();
        for (key, slot) in [
            ("mood_at_least", &mut when.mood_at_least),
            ("mood_below", &mut when.mood_below),
        ] {
            if let Some(v) = table.get(key)
                && let Some(n) = self.r.integer(v, &format!("`{key}`"))
            {
                *slot = self.route_mood(n);
            }
        }
        for (key, slot) in [("flag", &mut when.flag), ("not_flag", &mut when.not_flag)] {
            if let Some(s) = table
                .get(key)
                .and_then(|v| self.r.string(v, &format!("`{key}`")))
            {
                let flag = Flag::new(s.value);
                self.flags_tested.push(At {
                    value: flag.clone(),
                    span: s.span,
                });
                *slot = Some(flag);
            }
        }
        if when == Condition::default() {
            self.r.diags.error(
                table.span.start,
                format!("{} has no condition", table.context),
                Some("give `mood_at_least`, `mood_below`, `flag` or `not_flag`; the reply's own `next` is the fallback".into()),
            );
        }
        let next = self.next(table, "name the node this route leads to")?;
        Some(Route { when, next })
    }

    fn route_mood(&mut self, n: At<i64>) -> Option<u8> {
        if (0..=100).contains(&n.value) {
            Some(n.value as u8)
        } else {
            self.r.diags.error(
                n.span.start,
                format!("mood threshold {} is out of range", n.value),
                Some("mood runs from 0 (calm) to 100 (furious)".into()),
            );
            None
        }
    }

    fn ending(&mut self, table: &Table) -> Option<Ending> {
        self.r.deny_unknown(table, &["outcome", "title", "debrief"]);
        let outcome = self.choice(table, "outcome", Outcome::from_id, Outcome::id_list());
        let title = self.required_text(table, "title", "give the ending a short title");
        let debrief = self.required_text(
            table,
            "debrief",
            "explain the outcome and tie it to the techniques",
        );
        Some(Ending {
            outcome: outcome?,
            title: title?,
            debrief: debrief?,
        })
    }

    /// Dangling targets, unset flags, unreachable nodes, nodes with no way to an ending.
    fn check_graph(&mut self, scenario: Option<&Scenario>) {
        let known: Vec<&str> = self.node_spans.keys().map(NodeId::as_str).collect();
        for target in &self.targets {
            if !self.node_spans.contains_key(&target.value) {
                let hint = match super::reader::closest(target.value.as_str(), &known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "add a `[[node]]` with this id, or fix the name".into(),
                };
                self.r.diags.error(
                    target.span.start,
                    format!("no node has the id `{}`", target.value),
                    Some(hint),
                );
            }
        }
        for flag in &self.flags_tested {
            if !self.flags_set.contains(&flag.value) {
                self.r.diags.error(
                    flag.span.start,
                    format!("flag `{}` is tested but no reply sets it", flag.value),
                    Some("add it to a reply's `set_flags`, or fix the name".into()),
                );
            }
        }
        // Reachability is only meaningful on a complete graph: a reply that
        // failed to read would make its targets look unreachable.
        let Some(scenario) = scenario.filter(|_| self.r.diags.is_empty()) else {
            return;
        };
        let reachable = reachable_from_start(scenario);
        let can_end = can_reach_an_ending(scenario);
        for node in scenario.nodes() {
            let Some(span) = self.node_spans.get(&node.id) else {
                continue;
            };
            if !reachable.contains(&node.id) {
                self.r.diags.error(
                    span.start,
                    format!("node `{}` cannot be reached from the start", node.id),
                    Some("lead a reply's `next` or a route here, or remove the node".into()),
                );
            } else if !can_end.contains(&node.id) {
                self.r.diags.error(
                    span.start,
                    format!("no ending can be reached from node `{}`", node.id),
                    Some(
                        "the conversation would loop forever: lead a reply towards an ending"
                            .into(),
                    ),
                );
            }
        }
        if let Some(start) = scenario.node(&scenario.start)
            && start.ending.is_some()
            && let Some(span) = self.node_spans.get(&start.id)
        {
            self.r.diags.error(
                span.start,
                "the start node is an ending",
                Some("start with a node the trainee can reply to".into()),
            );
        }
    }
}

/// Nodes reachable from the start through any reply or route.
pub fn reachable_from_start(scenario: &Scenario) -> BTreeSet<NodeId> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([scenario.start.clone()]);
    while let Some(id) = queue.pop_front() {
        let Some(node) = scenario.node(&id) else {
            continue;
        };
        if !seen.insert(id) {
            continue;
        }
        for reply in &node.replies {
            queue.extend(reply.all_targets().cloned());
        }
    }
    seen
}

/// Nodes from which some sequence of replies reaches an ending: a walk
/// backwards from the endings, linear in the size of the graph.
pub fn can_reach_an_ending(scenario: &Scenario) -> BTreeSet<NodeId> {
    let mut leads_to: BTreeMap<&NodeId, Vec<&NodeId>> = BTreeMap::new();
    for node in scenario.nodes() {
        for reply in &node.replies {
            for target in reply.all_targets() {
                leads_to.entry(target).or_default().push(&node.id);
            }
        }
    }
    let mut done: BTreeSet<NodeId> = BTreeSet::new();
    let mut queue: VecDeque<&NodeId> = scenario
        .nodes()
        .iter()
        .filter(|n| n.ending.is_some())
        .map(|n| &n.id)
        .collect();
    while let Some(id) = queue.pop_front() {
        if done.insert(id.clone()) {
            queue.extend(leads_to.get(id).into_iter().flatten().copied());
        }
    }
    done
}
