//! Reads and checks a scenario file: every problem at once, or a `Scenario`.
//! Each message is written in English and German where the problem is found.

use super::appearance::{AgeGroup, Appearance, Clothing, Hair, HairColour, Skin};
use super::diagnostic::{Bilingual, Diagnostic, Diagnostics};
use super::ids::{Flag, NodeId, ReplyId, ScenarioId};
use super::reader::{At, Context, Describe, Reader, Span, Table, closest, did_you_mean};
use super::scenario::{
    Condition, Ending, MAX_MOOD_CHANGE, MoodSwing, Node, Reply, Route, Scenario,
};
use super::syntax_help;
use super::text::{Lang, Text};
use super::toml_tree;
use super::vocabulary::{Channel, CustomerType, Outcome, Rating, Setting, Technique};
use crate::say;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

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
        let (size, max) = (source.len() / 1024, MAX_SCENARIO_BYTES / 1024);
        diags.error(
            0,
            say!(
                "the file is {size} KB; scenario files may have at most {max} KB",
                "die Datei hat {size} KB; eine Szenariodatei darf höchstens {max} KB haben"
            ),
            Some(say!(
                "split the conversation into several scenarios",
                "Teilen Sie das Gespräch auf mehrere Szenarien auf"
            )),
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
            say!(
                "the file name `{file_name}` is not a valid scenario id",
                "der Dateiname `{file_name}` ist kein gültiger Szenario-Name"
            ),
            Some(say!(
                "name scenario files with lower-case letters, digits and `-`, e.g. `supermarket-yoghurt.toml`",
                "Verwenden Sie im Dateinamen nur Kleinbuchstaben (ohne Umlaute), Ziffern und `-`, z. B. `supermarkt-joghurt.toml`"
            )),
        );
    }
    // One error, the first in the file: what the parser reads after a slip
    // (a quote that ends a text early, a missing `}`) is noise, often
    // hundreds of errors. (The first one reported is not always the first
    // in the file.)
    let (document, syntax_errors) = toml_tree::parse_recoverable(source);
    let first = syntax_errors
        .iter()
        .map(|e| (e.span().map_or(0, |s| s.start), e))
        .min_by_key(|(at, _)| *at);
    if let Some((at, e)) = first {
        let (at, message, hint) = syntax_help::explain(source, at, e.message().trim());
        diags.error(at, message, Some(hint));
        return Err(LoadError(diags.into_sorted()));
    }
    let root = Table::new(
        document.get_ref(),
        document.span(),
        Context::Fixed("the file", "der Datei"),
    );
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
    /// Flags a reply clears, with where: each must be set by some reply.
    flags_cleared: Vec<At<Flag>>,
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
            flags_cleared: Vec::new(),
        }
    }

    fn scenario(mut self, id: ScenarioId, root: &Table) -> Option<Scenario> {
        self.r
            .deny_unknown(root, &["format", "languages", "scenario", "node"]);
        self.format(root);
        self.languages(root);
        let meta = self
            .r
            .required(root, "scenario", || {
                say!(
                    "add a `[scenario]` table with title, customer and start",
                    "Ergänzen Sie einen Abschnitt `[scenario]` mit `title`, `customer` und `start`"
                )
            })
            .and_then(|v| {
                self.r
                    .table(v, Context::Fixed("[scenario]", "Abschnitt `[scenario]`"))
            });
        let node_hint = || {
            say!(
                "add at least one `[[node]]`",
                "Ergänzen Sie mindestens einen Knoten `[[node]]`"
            )
        };
        let nodes: Vec<Node> = match self.r.required(root, "node", node_hint) {
            Some(v) => self
                .r
                .tables(v, &Context::Fixed("[[node]]", "einem Knoten `[[node]]`"))
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
        let hint = || {
            say!(
                "write `format = {FORMAT_VERSION}` at the top of the file",
                "Schreiben Sie `format = {FORMAT_VERSION}` an den Anfang der Datei"
            )
        };
        if let Some(v) = self.r.required(root, "format", hint)
            && let Some(n) = self.r.integer(v, &|| Bilingual::both("`format`"))
            && n.value != FORMAT_VERSION
        {
            let version = n.value;
            self.r.diags.error(
                n.span.start,
                say!(
                    "unsupported format version {version}",
                    "Formatversion {version} wird nicht unterstützt"
                ),
                Some(say!(
                    "this version of Counterpart reads format {FORMAT_VERSION}",
                    "Diese Version von Counterpart liest Format {FORMAT_VERSION}"
                )),
            );
        }
    }

    fn languages(&mut self, root: &Table) {
        let Some(v) = self.r.required(root, "languages", || {
            say!(
                "declare the languages, e.g. `languages = [\"de\", \"en\"]`",
                "Geben Sie die Sprachen an, z. B. `languages = [\"de\", \"en\"]`"
            )
        }) else {
            return;
        };
        for code in self.r.string_list(v, &|| Bilingual::both("`languages`")) {
            let name = &code.value;
            match Lang::from_code(name) {
                Some(l) if !self.r.languages.contains(&l) => self.r.languages.push(l),
                Some(_) => self.r.diags.error(
                    code.span.start,
                    say!(
                        "language `{name}` is declared twice",
                        "die Sprache `{name}` ist doppelt angegeben"
                    ),
                    None,
                ),
                None => self.r.diags.error(
                    code.span.start,
                    say!("unknown language `{name}`", "unbekannte Sprache `{name}`"),
                    Some(say!(
                        "Counterpart supports `de` and `en`",
                        "Counterpart kennt `de` und `en`"
                    )),
                ),
            }
        }
        if self.r.languages.is_empty() {
            self.r.diags.error(
                v.span().start,
                say!("no language declared", "keine Sprache angegeben"),
                Some(say!(
                    "declare at least one, e.g. `languages = [\"de\", \"en\"]`",
                    "Geben Sie mindestens eine an, z. B. `languages = [\"de\", \"en\"]`"
                )),
            );
        }
    }

    fn required_text(
        &mut self,
        table: &Table,
        key: &str,
        hint: impl FnOnce() -> Bilingual,
    ) -> Option<Text> {
        let what = || field_of(key, table);
        self.r
            .required(table, key, hint)
            .and_then(|v| self.r.text(v, &what))
    }

    fn optional_text(&mut self, table: &Table, key: &str) -> Option<Text> {
        let what = || field_of(key, table);
        table.get(key).and_then(|v| self.r.text(v, &what))
    }

    /// A closed-vocabulary value such as a customer type or a rating.
    fn choice<T>(
        &mut self,
        table: &Table,
        key: &str,
        from_id: fn(&str) -> Option<T>,
        ids: fn() -> String,
    ) -> Option<T> {
        let hint = || {
            let ids = ids();
            say!(
                "set `{key}` to one of {ids}",
                "Setzen Sie `{key}` auf einen dieser Werte: {ids}"
            )
        };
        self.r.required(table, key, hint)?;
        self.optional_choice(table, key, from_id, ids)
    }

    /// Like [`Self::choice`], but `None` without a word when the key is absent.
    fn optional_choice<T>(
        &mut self,
        table: &Table,
        key: &str,
        from_id: fn(&str) -> Option<T>,
        ids: fn() -> String,
    ) -> Option<T> {
        let what = || field_of(key, table);
        let v = table.get(key)?;
        let s = self.r.string(v, &what)?;
        let found = from_id(&s.value);
        if found.is_none() {
            let (value, ids) = (&s.value, ids());
            let near = ids
                .split(", ")
                .map(|id| id.trim_matches('`'))
                .collect::<Vec<_>>();
            let hint = match closest(value, &near) {
                Some(near) => say!(
                    "did you mean `{near}`? Use one of {ids}",
                    "Meinten Sie `{near}`? Verwenden Sie einen dieser Werte: {ids}"
                ),
                None => say!(
                    "use one of {ids}",
                    "Verwenden Sie einen dieser Werte: {ids}"
                ),
            };
            self.r.diags.error(
                s.span.start,
                say!(
                    "unknown {key} `{value}`",
                    "unbekannter Wert `{value}` für `{key}`"
                ),
                Some(hint),
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
                "channel",
                "subject",
                "review_stars",
                "appearance",
                "start",
            ],
        );
        let title = self.required_text(meta, "title", || {
            say!(
                "give the scenario a short title",
                "Geben Sie dem Szenario einen kurzen Titel"
            )
        });
        let summary = self.required_text(meta, "summary", || {
            say!(
                "say in one or two sentences what happens",
                "Beschreiben Sie in ein, zwei Sätzen, worum es geht"
            )
        });
        let customer = self.required_text(
            meta,
            "customer",
            || say!(
                "name the customer, e.g. `{{ de = \"Frau Krüger\", en = \"Mrs Krüger\" }}`",
                "Nennen Sie die Kundin oder den Kunden, z. B. `{{ de = \"Frau Krüger\", en = \"Mrs Krüger\" }}`"
            ),
        );
        let customer_type = self.choice(
            meta,
            "customer_type",
            CustomerType::from_id,
            CustomerType::id_list,
        );
        let setting = self.choice(meta, "setting", Setting::from_id, Setting::id_list);
        let difficulty = self.difficulty(meta);
        let start_mood = self.start_mood(meta);
        let content_note = self.optional_text(meta, "content_note");
        let start = self
            .r
            .required(meta, "start", || {
                say!(
                    "name the node the conversation starts at",
                    "Nennen Sie den Knoten, mit dem das Gespräch beginnt"
                )
            })
            .and_then(|v| self.r.string(v, &|| Bilingual::both("`start`")))
            .map(|s| {
                let node = NodeId::new(s.value);
                self.targets.push(At {
                    value: node.clone(),
                    span: s.span,
                });
                node
            });
        let channel = self.optional_choice(meta, "channel", Channel::from_id, Channel::id_list);
        let misspelt_channel = channel.is_none() && meta.get("channel").is_some();
        let channel = channel.unwrap_or_default();
        // With a misspelt channel, what fits it cannot be judged: one error is enough.
        let (subject, review_stars, appearance) = if misspelt_channel {
            (None, None, None)
        } else {
            (
                self.subject(meta, channel),
                self.review_stars(meta, channel),
                self.appearance(meta, channel),
            )
        };
        let mut scenario = Scenario::new(
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
        );
        scenario.channel = channel;
        scenario.subject = subject;
        scenario.review_stars = review_stars;
        scenario.appearance = appearance;
        Some(scenario)
    }

    /// Reports `key` when it is given but the channel has no use for it, or
    /// missing when the channel needs it; whether to read it.
    fn fits_channel(
        &mut self,
        meta: &Table,
        key: &str,
        channel: Channel,
        needed: bool,
        wanted_in: &str,
    ) -> bool {
        let given = meta.get(key);
        let name = channel.id();
        match (given, needed) {
            (Some(v), false) => {
                self.r.diags.error(
                    v.span().start,
                    say!(
                        "`{key}` is only used for channel {wanted_in}, not for `{name}`",
                        "`{key}` gibt es nur beim Kanal {wanted_in}, nicht bei `{name}`"
                    ),
                    Some(say!(
                        "remove `{key}`, or set `channel` accordingly",
                        "Entfernen Sie `{key}`, oder setzen Sie `channel` passend"
                    )),
                );
                false
            }
            (None, true) => {
                self.r.diags.error(
                    meta.span.start,
                    say!(
                        "channel `{name}` needs `{key}`",
                        "der Kanal `{name}` braucht `{key}`"
                    ),
                    Some(say!(
                        "add `{key}` to `[scenario]`",
                        "Ergänzen Sie `{key}` in `[scenario]`"
                    )),
                );
                false
            }
            (given, _) => given.is_some(),
        }
    }

    /// The subject of an e-mail thread or the headline of a review.
    fn subject(&mut self, meta: &Table, channel: Channel) -> Option<Text> {
        let read = self.fits_channel(
            meta,
            "subject",
            channel,
            channel.is_thread(),
            "`email` or `review`",
        );
        if read {
            self.optional_text(meta, "subject")
        } else {
            None
        }
    }

    /// The stars of a review, 1–5.
    fn review_stars(&mut self, meta: &Table, channel: Channel) -> Option<u8> {
        let needed = channel == Channel::Review;
        if !self.fits_channel(meta, "review_stars", channel, needed, "`review`") {
            return None;
        }
        let v = meta.get("review_stars")?;
        let n = self.r.integer(v, &|| Bilingual::both("`review_stars`"))?;
        if (1..=5).contains(&n.value) {
            return Some(n.value as u8);
        }
        let stars = n.value;
        self.r.diags.error(
            n.span.start,
            say!(
                "{stars} stars is out of range",
                "{stars} Sterne liegen außerhalb von 1 bis 5"
            ),
            Some(say!("use 1 to 5", "Verwenden Sie 1 bis 5")),
        );
        None
    }

    /// How a face-to-face customer looks; every key optional.
    fn appearance(&mut self, meta: &Table, channel: Channel) -> Option<Appearance> {
        let face_to_face = channel == Channel::FaceToFace;
        if meta.get("appearance").is_none()
            || !self.fits_channel(meta, "appearance", channel, face_to_face, "`face_to_face`")
        {
            return None;
        }
        let v = meta.get("appearance")?;
        let table = self
            .r
            .table(v, Context::Fixed("`appearance`", "`appearance`"))?;
        self.r.deny_unknown(
            &table,
            &[
                "age",
                "hair",
                "hair_colour",
                "skin",
                "glasses",
                "beard",
                "clothing",
            ],
        );
        let plain = Appearance::default();
        let flag = |loader: &mut Self, key: &str| -> Option<bool> {
            let v = table.get(key)?;
            let value = v.get_ref().as_bool();
            if value.is_none() {
                loader.r.diags.error(
                    v.span().start,
                    say!(
                        "`{key}` must be true or false",
                        "`{key}` muss true oder false sein"
                    ),
                    Some(say!("e.g. `{key} = true`", "Zum Beispiel `{key} = true`")),
                );
            }
            value
        };
        Some(Appearance {
            age: self
                .optional_choice(&table, "age", AgeGroup::from_id, AgeGroup::id_list)
                .unwrap_or(plain.age),
            hair: self
                .optional_choice(&table, "hair", Hair::from_id, Hair::id_list)
                .unwrap_or(plain.hair),
            hair_colour: self
                .optional_choice(
                    &table,
                    "hair_colour",
                    HairColour::from_id,
                    HairColour::id_list,
                )
                .unwrap_or(plain.hair_colour),
            skin: self
                .optional_choice(&table, "skin", Skin::from_id, Skin::id_list)
                .unwrap_or(plain.skin),
            glasses: flag(self, "glasses").unwrap_or(plain.glasses),
            beard: flag(self, "beard").unwrap_or(plain.beard),
            clothing: self
                .optional_choice(&table, "clothing", Clothing::from_id, Clothing::id_list)
                .unwrap_or(plain.clothing),
        })
    }

    fn difficulty(&mut self, meta: &Table) -> Option<u8> {
        let v = self.r.required(meta, "difficulty", || {
            say!(
                "set `difficulty` to 1, 2 or 3",
                "Setzen Sie `difficulty` auf 1, 2 oder 3"
            )
        })?;
        let n = self.r.integer(v, &|| Bilingual::both("`difficulty`"))?;
        if !(1..=3).contains(&n.value) {
            let difficulty = n.value;
            self.r.diags.error(
                n.span.start,
                say!(
                    "difficulty {difficulty} is out of range",
                    "die Schwierigkeit {difficulty} ist nicht erlaubt"
                ),
                Some(say!(
                    "use 1 (easy), 2 (medium) or 3 (hard)",
                    "Verwenden Sie 1 (leicht), 2 (mittel) oder 3 (schwer)"
                )),
            );
            return None;
        }
        Some(n.value as u8)
    }

    fn mood_value(&mut self, n: At<i64>) -> Option<u8> {
        if (0..=100).contains(&n.value) {
            Some(n.value as u8)
        } else {
            let mood = n.value;
            self.r.diags.error(
                n.span.start,
                say!(
                    "start mood {mood} is out of range",
                    "die Startstimmung {mood} liegt außerhalb von 0 bis 100"
                ),
                Some(mood_scale()),
            );
            None
        }
    }

    /// `start_mood = 60` or a range `start_mood = [50, 70]`.
    fn start_mood(&mut self, meta: &Table) -> Option<(u8, u8)> {
        let v = self.r.required(meta, "start_mood", || {
            say!(
                "set `start_mood` (0 calm … 100 furious), or a range like `[50, 70]`",
                "Setzen Sie `start_mood` (0 ruhig … 100 wütend) oder einen Bereich wie `[50, 70]`"
            )
        })?;
        let what = Bilingual::both("`start_mood`");
        if v.get_ref().as_array().is_some() {
            let items = self.r.array(v, &what)?;
            let numbers: Vec<At<i64>> = items
                .iter()
                .filter_map(|i| self.r.integer(i, &what))
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
                        say!(
                            "`start_mood` range must be two numbers, the lower first",
                            "ein Bereich bei `start_mood` braucht zwei Zahlen, die kleinere zuerst"
                        ),
                        Some(say!(
                            "e.g. `start_mood = [50, 70]`",
                            "Zum Beispiel `start_mood = [50, 70]`"
                        )),
                    );
                    None
                }
            }
        } else {
            let n = self.r.integer(v, &what)?;
            self.mood_value(n).map(|m| (m, m))
        }
    }

    fn node<'t>(&mut self, table: &Table<'t, '_>) -> Option<Node> {
        self.r.deny_unknown(
            table,
            &[
                "id",
                "lines",
                "mood_change",
                "mood_reason",
                "time",
                "reply",
                "ending",
            ],
        );
        let id_value = self.r.required(table, "id", || {
            say!(
                "give every node an `id`",
                "Geben Sie jedem Knoten eine `id`"
            )
        })?;
        let id = self
            .r
            .string(id_value, &|| say!("node `id`", "der `id` eines Knotens"))?;
        // The id as written in the tree, to name the node in messages.
        let name: &'t str = id_value.get_ref().as_str().unwrap_or_default();
        let node_id = NodeId::new(id.value.clone());
        if self.node_spans.contains_key(&node_id) {
            self.r.diags.error(
                id.span.start,
                say!(
                    "duplicate node id `{name}`",
                    "die Knoten-ID `{name}` kommt doppelt vor"
                ),
                Some(say!(
                    "node ids must be unique within a scenario",
                    "Jede Knoten-ID darf im Szenario nur einmal vorkommen"
                )),
            );
        } else {
            self.node_spans.insert(node_id.clone(), id.span.clone());
        }
        let table = table.with_context(Context::Node(name));
        let lines = self.lines(&table);
        let arrival = self.arrival(&table);
        let time = self.optional_text(&table, "time");
        let reply_tables = match table.get("reply") {
            Some(v) => self.r.tables(v, &Context::ReplyOf(name)),
            None => Vec::new(),
        };
        let mut reply_ids = BTreeSet::new();
        for t in &reply_tables {
            if let Some(rid) = t.get("id")
                && let Some(name) = rid.get_ref().as_str()
                && !reply_ids.insert(name.to_string())
            {
                let node = table.context.describe();
                let (node_en, node_de) = (&node.en, &node.de);
                self.r.diags.error(
                    rid.span().start,
                    say!(
                        "duplicate reply id `{name}` in {node_en}",
                        "die Antwort-ID `{name}` kommt in {node_de} doppelt vor"
                    ),
                    Some(say!(
                        "reply ids must be unique within their node",
                        "Jede Antwort-ID darf in ihrem Knoten nur einmal vorkommen"
                    )),
                );
            }
        }
        let replies: Vec<Reply> = reply_tables
            .iter()
            .filter_map(|t| self.reply(t, name))
            .collect();
        let ending = match table.get("ending") {
            Some(v) => {
                let node = table.context.describe();
                let (node_en, node_de) = (&node.en, &node.de);
                let ending_table = self.r.table(
                    v,
                    Context::Named(say!(
                        "the ending of {node_en}",
                        "Abschnitt `[node.ending]` von {node_de}"
                    )),
                )?;
                self.ending(&ending_table)
            }
            None => None,
        };
        let node = || table.context.describe();
        match (&ending, replies.is_empty(), table.get("reply").is_some()) {
            (Some(_), _, true) => {
                let node = node();
                let (node_en, node_de) = (&node.en, &node.de);
                self.r.diags.error(
                id.span.start,
                say!(
                    "{node_en} is an ending but has replies",
                    "{node_de} ist ein Ende, hat aber Antworten"
                ),
                Some(say!(
                    "an ending closes the conversation: remove its replies or its `[node.ending]`",
                    "Ein Ende schließt das Gespräch ab: Entfernen Sie die Antworten oder `[node.ending]`"
                )),
            )
            }
            (None, true, false) => {
                let node = node();
                let (node_en, node_de) = (&node.en, &node.de);
                self.r.diags.error(
                id.span.start,
                say!(
                    "{node_en} has no replies and is not an ending",
                    "{node_de} hat keine Antworten und ist kein Ende"
                ),
                Some(say!(
                    "add `[[node.reply]]` entries, or make it an ending with `[node.ending]`",
                    "Ergänzen Sie Antworten mit `[[node.reply]]`, oder machen Sie den Knoten mit `[node.ending]` zu einem Ende"
                )),
            )
            }
            _ => {}
        }
        let (lines, line_conditions) = lines?;
        Some(Node {
            id: node_id,
            lines,
            line_conditions,
            arrival,
            time,
            replies,
            ending,
        })
    }

    /// A node's own `mood_change` (the customer's swing on arrival), which
    /// needs a `mood_reason` like a reply's.
    fn arrival(&mut self, node: &Table) -> Option<MoodSwing> {
        let change = self.mood_change(node)?;
        let reason = self.optional_text(node, "mood_reason");
        if change != 0 && reason.is_none() && node.get("mood_reason").is_none() {
            let context = node.context.describe();
            let (node_en, node_de) = (&context.en, &context.de);
            self.r.diags.error(
                node.span.start,
                say!(
                    "{node_en} changes the mood but has no `mood_reason`",
                    "{node_de} verändert die Stimmung, aber `mood_reason` fehlt"
                ),
                Some(say!(
                    "say why the customer's mood moves, e.g. `mood_reason = {{ de = \"Der Hund winselt\", en = \"The dog whimpers\" }}`",
                    "Sagen Sie, warum sich die Stimmung bewegt, z. B. `mood_reason = {{ de = \"Der Hund winselt\", en = \"The dog whimpers\" }}`"
                )),
            );
        }
        (change != 0).then_some(MoodSwing {
            change,
            reason: reason?,
        })
    }

    /// The line variants and, parallel to them, their `when` conditions
    /// (empty when no variant has one).
    fn lines(&mut self, node: &Table) -> Option<(Vec<Text>, Vec<Condition>)> {
        let what = || field_of("lines", node);
        let v = self.r.required(
            node,
            "lines",
            || say!(
                "add what the customer says: `lines = [{{ de = \"…\", en = \"…\" }}]`, more entries are variants",
                "Ergänzen Sie, was die Kundin oder der Kunde sagt: `lines = [{{ de = \"…\", en = \"…\" }}]`; weitere Einträge sind Varianten"
            ),
        )?;
        let items = self.r.array(v, &what)?;
        if items.is_empty() {
            let what = what();
            let (what_en, what_de) = (&what.en, &what.de);
            self.r.diags.error(
                v.span().start,
                say!("{what_en} is empty", "bei {what_de} ist die Liste leer"),
                Some(say!(
                    "give at least one line",
                    "Geben Sie mindestens eine Zeile an"
                )),
            );
            return None;
        }
        let mut texts = Vec::new();
        let mut conditions = Vec::new();
        for item in items {
            texts.push(self.r.text_except(item, &what, &["when"]));
            let when = item.get_ref().as_table().and_then(|t| t.get("when"));
            conditions.push(match when {
                Some(when) => {
                    let context = Context::Fixed("the `when` of a line", "dem `when` einer Zeile");
                    let table = self.r.table(when, context)?;
                    self.condition(&table, &["mood_at_least", "mood_below", "flag", "not_flag"])
                }
                None => Condition::default(),
            });
        }
        if conditions.iter().all(|c| *c != Condition::default()) {
            let what = what();
            let (what_en, what_de) = (&what.en, &what.de);
            self.r.diags.error(
                v.span().start,
                say!(
                    "every variant of {what_en} has a `when`",
                    "jede Variante bei {what_de} hat ein `when`"
                ),
                Some(say!(
                    "give at least one variant without `when`: it is said when no condition holds",
                    "Geben Sie mindestens eine Variante ohne `when` an: Sie wird gesagt, wenn keine Bedingung zutrifft"
                )),
            );
        }
        if conditions.iter().all(|c| *c == Condition::default()) {
            conditions.clear();
        }
        let texts: Option<Vec<Text>> = texts.into_iter().collect();
        Some((texts?, conditions))
    }

    fn reply<'t>(&mut self, table: &Table<'t, '_>, node: &'t str) -> Option<Reply> {
        let name = table
            .get("id")
            .and_then(|v| v.get_ref().as_str())
            .unwrap_or("?");
        let table = table.with_context(Context::Reply { id: name, node });
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
                "clear_flags",
                "route",
                "next",
            ],
        );
        let id = self
            .r
            .required(&table, "id", || {
                say!(
                    "give every reply an `id`; playthroughs choose replies by id",
                    "Geben Sie jeder Antwort eine `id`; Playthroughs wählen Antworten über die ID"
                )
            })
            .and_then(|v| {
                self.r
                    .string(v, &|| say!("reply `id`", "der `id` einer Antwort"))
            })?;
        let text = self.required_text(&table, "text", || {
            say!(
                "write what the employee says",
                "Schreiben Sie, was die Mitarbeiterin oder der Mitarbeiter sagt"
            )
        });
        let rating = self.choice(&table, "rating", Rating::from_id, Rating::id_list);
        let feedback = self.required_text(&table, "feedback", || {
            say!(
                "explain why this reply works or not, and name the technique",
                "Erklären Sie, warum diese Antwort wirkt oder nicht, und nennen Sie die Technik"
            )
        });
        let techniques = self.techniques(&table);
        let mood_change = self.mood_change(&table);
        let mood_reason = self.optional_text(&table, "mood_reason");
        if mood_change.is_some_and(|m| m != 0)
            && mood_reason.is_none()
            && table.get("mood_reason").is_none()
        {
            let reply = table.context.describe();
            let (reply_en, reply_de) = (&reply.en, &reply.de);
            self.r.diags.error(
                table.span.start,
                say!(
                    "{reply_en} changes the mood but has no `mood_reason`",
                    "{reply_de} verändert die Stimmung, aber `mood_reason` fehlt"
                ),
                Some(say!(
                    "say why the mood moves, e.g. `mood_reason = {{ de = \"Sie haben ihren Ärger anerkannt\", en = \"You acknowledged her frustration\" }}`",
                    "Sagen Sie, warum sich die Stimmung bewegt, z. B. `mood_reason = {{ de = \"Sie haben ihren Ärger anerkannt\", en = \"You acknowledged her frustration\" }}`"
                )),
            );
        }
        let set_flags = table
            .get("set_flags")
            .map(|v| self.r.string_list(v, &|| Bilingual::both("`set_flags`")))
            .unwrap_or_default()
            .into_iter()
            .map(|f| Flag::new(f.value))
            .collect::<Vec<_>>();
        self.flags_set.extend(set_flags.iter().cloned());
        let clear_flags = table
            .get("clear_flags")
            .map(|v| self.r.string_list(v, &|| Bilingual::both("`clear_flags`")))
            .unwrap_or_default()
            .into_iter()
            .map(|f| {
                self.flags_cleared.push(At {
                    value: Flag::new(f.value.clone()),
                    span: f.span,
                });
                Flag::new(f.value)
            })
            .collect::<Vec<_>>();
        let routes = match table.get("route") {
            Some(v) => {
                let context = Context::RouteOf { reply: name, node };
                self.r
                    .tables(v, &context)
                    .iter()
                    .filter_map(|t| self.route(t))
                    .collect()
            }
            None => Vec::new(),
        };
        let next = self.next(&table, || {
            say!(
                "name the node this reply leads to",
                "Nennen Sie den Knoten, zu dem diese Antwort führt"
            )
        });
        Some(Reply {
            id: ReplyId::new(id.value),
            text: text?,
            rating: rating?,
            techniques,
            mood_change: mood_change.unwrap_or(0),
            mood_reason,
            feedback: feedback?,
            set_flags,
            clear_flags,
            routes,
            next: next?,
        })
    }

    fn next(&mut self, table: &Table, hint: impl FnOnce() -> Bilingual) -> Option<NodeId> {
        let s = self
            .r
            .required(table, "next", hint)
            .and_then(|v| self.r.string(v, &|| Bilingual::both("`next`")))?;
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
        for name in self.r.string_list(v, &|| Bilingual::both("`techniques`")) {
            match Technique::from_id(&name.value) {
                Some(t) if !found.contains(&t) => found.push(t),
                Some(_) => {}
                None => {
                    let ids: Vec<&str> = Technique::ALL.iter().map(|t| t.id()).collect();
                    let hint = match closest(&name.value, &ids) {
                        Some(near) => did_you_mean(near),
                        None => {
                            let list = Technique::id_list();
                            say!(
                                "use one of {list}",
                                "Verwenden Sie eine dieser Techniken: {list}"
                            )
                        }
                    };
                    let technique = &name.value;
                    self.r.diags.error(
                        name.span.start,
                        say!(
                            "unknown technique `{technique}`",
                            "unbekannte Technik `{technique}`"
                        ),
                        Some(hint),
                    );
                }
            }
        }
        found
    }

    fn mood_change(&mut self, reply: &Table) -> Option<i32> {
        let v = reply.get("mood_change")?;
        let n = self.r.integer(v, &|| Bilingual::both("`mood_change`"))?;
        let limit = i64::from(MAX_MOOD_CHANGE);
        if !(-limit..=limit).contains(&n.value) {
            let change = n.value;
            self.r.diags.error(
                n.span.start,
                say!(
                    "mood change {change} is out of range",
                    "die Stimmungsänderung {change} ist zu groß"
                ),
                Some(say!(
                    "a single reply moves the mood by at most {MAX_MOOD_CHANGE} either way",
                    "Eine einzelne Antwort verändert die Stimmung um höchstens {MAX_MOOD_CHANGE} nach oben oder unten"
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
        let when = self.condition(table, &[]);
        let next = self.next(table, || {
            say!(
                "name the node this route leads to",
                "Nennen Sie den Knoten, zu dem diese Route führt"
            )
        })?;
        Some(Route { when, next })
    }

    /// The condition of a route or of a line's `when`: `mood_at_least`,
    /// `mood_below`, `flag`, `not_flag`. `only` lists the keys allowed when
    /// the table holds nothing else (a `when`); a route checks its own keys.
    fn condition(&mut self, table: &Table, only: &[&str]) -> Condition {
        if !only.is_empty() {
            self.r.deny_unknown(table, only);
        }
        let mut when = Condition::default();
        for (key, slot) in [
            ("mood_at_least", &mut when.mood_at_least),
            ("mood_below", &mut when.mood_below),
        ] {
            if let Some(v) = table.get(key)
                && let Some(n) = self.r.integer(v, &|| Bilingual::both(&format!("`{key}`")))
            {
                *slot = self.route_mood(n);
            }
        }
        for (key, slot) in [("flag", &mut when.flag), ("not_flag", &mut when.not_flag)] {
            if let Some(s) = table
                .get(key)
                .and_then(|v| self.r.string(v, &|| Bilingual::both(&format!("`{key}`"))))
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
            let route = table.context.describe();
            let (route_en, route_de) = (&route.en, &route.de);
            self.r.diags.error(
                table.span.start,
                say!(
                    "{route_en} has no condition",
                    "in {route_de} fehlt die Bedingung"
                ),
                Some(if only.is_empty() {
                    say!(
                        "give `mood_at_least`, `mood_below`, `flag` or `not_flag`; the reply's own `next` is the fallback",
                        "Geben Sie `mood_at_least`, `mood_below`, `flag` oder `not_flag` an; greift keine Route, gilt das `next` der Antwort"
                    )
                } else {
                    say!(
                        "give `mood_at_least`, `mood_below`, `flag` or `not_flag`, or remove the `when`",
                        "Geben Sie `mood_at_least`, `mood_below`, `flag` oder `not_flag` an, oder entfernen Sie das `when`"
                    )
                }),
            );
        }
        when
    }

    fn route_mood(&mut self, n: At<i64>) -> Option<u8> {
        if (0..=100).contains(&n.value) {
            Some(n.value as u8)
        } else {
            let threshold = n.value;
            self.r.diags.error(
                n.span.start,
                say!(
                    "mood threshold {threshold} is out of range",
                    "die Stimmungsschwelle {threshold} liegt außerhalb von 0 bis 100"
                ),
                Some(mood_scale()),
            );
            None
        }
    }

    fn ending(&mut self, table: &Table) -> Option<Ending> {
        self.r.deny_unknown(table, &["outcome", "title", "debrief"]);
        let outcome = self.choice(table, "outcome", Outcome::from_id, Outcome::id_list);
        let title = self.required_text(table, "title", || {
            say!(
                "give the ending a short title",
                "Geben Sie dem Ende einen kurzen Titel"
            )
        });
        let debrief = self.required_text(table, "debrief", || {
            say!(
                "explain the outcome and tie it to the techniques",
                "Erklären Sie den Ausgang und verbinden Sie ihn mit den Techniken"
            )
        });
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
                let hint = match closest(target.value.as_str(), &known) {
                    Some(near) => did_you_mean(near),
                    None => say!(
                        "add a `[[node]]` with this id, or fix the name",
                        "Ergänzen Sie einen Knoten `[[node]]` mit dieser ID, oder korrigieren Sie den Namen"
                    ),
                };
                let id = &target.value;
                self.r.diags.error(
                    target.span.start,
                    say!("no node has the id `{id}`", "kein Knoten hat die ID `{id}`"),
                    Some(hint),
                );
            }
        }
        // Flags cleared or tested must be set by some reply.
        let used = self
            .flags_cleared
            .iter()
            .map(|f| (f, true))
            .chain(self.flags_tested.iter().map(|f| (f, false)));
        for (flag, cleared) in used {
            if !self.flags_set.contains(&flag.value) {
                let name = &flag.value;
                let message = if cleared {
                    say!(
                        "flag `{name}` is cleared but no reply sets it",
                        "das Flag `{name}` wird gelöscht, aber keine Antwort setzt es"
                    )
                } else {
                    say!(
                        "flag `{name}` is tested but no reply sets it",
                        "das Flag `{name}` wird abgefragt, aber keine Antwort setzt es"
                    )
                };
                self.r.diags.error(
                    flag.span.start,
                    message,
                    Some(say!(
                        "add it to a reply's `set_flags`, or fix the name",
                        "Tragen Sie es bei einer Antwort unter `set_flags` ein, oder korrigieren Sie den Namen"
                    )),
                );
            }
        }
        if let Some(start) = scenario.and_then(|s| s.node(&s.start))
            && start.arrival.is_some()
            && let Some(span) = self.node_spans.get(&start.id)
        {
            self.r.diags.error(
                span.start,
                say!(
                    "the start node has a `mood_change`",
                    "der Startknoten hat eine `mood_change`"
                ),
                Some(say!(
                    "the customer's mood at the start is `start_mood` in `[scenario]`",
                    "Die Stimmung zu Beginn steht in `start_mood` im Abschnitt `[scenario]`"
                )),
            );
        }
        // Reachability is only meaningful on a complete graph: a reply that
        // failed to read would make its targets look unreachable.
        let Some(scenario) = scenario.filter(|_| self.r.diags.is_empty()) else {
            return;
        };
        let reachable = reachable_from_start(scenario);
        let can_end = can_reach_an_ending(scenario);
        for (at, node) in scenario.nodes().iter().enumerate() {
            let Some(span) = self.node_spans.get(&node.id) else {
                continue;
            };
            let id = &node.id;
            if !reachable[at] {
                self.r.diags.error(
                    span.start,
                    say!(
                        "node `{id}` cannot be reached from the start",
                        "Knoten `{id}` ist vom Start aus nicht erreichbar"
                    ),
                    Some(say!(
                        "lead a reply's `next` or a route here, or remove the node",
                        "Lassen Sie das `next` einer Antwort oder eine Route hierher führen, oder entfernen Sie den Knoten"
                    )),
                );
            } else if !can_end[at] {
                self.r.diags.error(
                    span.start,
                    say!(
                        "no ending can be reached from node `{id}`",
                        "von Knoten `{id}` aus ist kein Ende erreichbar"
                    ),
                    Some(say!(
                        "the conversation would loop forever: lead a reply towards an ending",
                        "Das Gespräch würde sich endlos im Kreis drehen: Führen Sie eine Antwort zu einem Ende"
                    )),
                );
            }
        }
        if let Some(start) = scenario.node(&scenario.start)
            && start.ending.is_some()
            && let Some(span) = self.node_spans.get(&start.id)
        {
            self.r.diags.error(
                span.start,
                say!(
                    "the start node is an ending",
                    "der Startknoten ist ein Ende"
                ),
                Some(say!(
                    "start with a node the trainee can reply to",
                    "Beginnen Sie mit einem Knoten, auf den die Übenden antworten können"
                )),
            );
        }
    }
}

/// "`title` of [scenario]", German "`title` in Abschnitt `[scenario]`".
fn field_of(key: &str, table: &Table) -> Bilingual {
    let context = table.context.describe();
    let (in_en, in_de) = (&context.en, &context.de);
    say!("`{key}` of {in_en}", "`{key}` in {in_de}")
}

/// The hint for a mood outside 0–100, the same for start mood and routes.
fn mood_scale() -> Bilingual {
    say!(
        "mood runs from 0 (calm) to 100 (furious)",
        "Die Stimmung reicht von 0 (ruhig) bis 100 (wütend)"
    )
}

/// Where each node's replies and routes lead, as positions in
/// [`Scenario::nodes`] (a target with no node is left out). Looked up once:
/// the walks below were mostly string comparisons in the scenario's index
/// and in their own sets of ids.
fn successors(scenario: &Scenario) -> Vec<Vec<usize>> {
    scenario
        .nodes()
        .iter()
        .map(|node| {
            node.replies
                .iter()
                .flat_map(|reply| reply.all_targets())
                .filter_map(|target| scenario.index_of(target))
                .collect()
        })
        .collect()
}

/// Which nodes can be reached from the start through any reply or route,
/// by position in [`Scenario::nodes`].
pub fn reachable_from_start(scenario: &Scenario) -> Vec<bool> {
    let successors = successors(scenario);
    let mut seen = vec![false; successors.len()];
    let mut queue: VecDeque<usize> = scenario.index_of(&scenario.start).into_iter().collect();
    while let Some(at) = queue.pop_front() {
        if std::mem::replace(&mut seen[at], true) {
            continue;
        }
        queue.extend(successors[at].iter().copied());
    }
    seen
}

/// Which nodes some sequence of replies leads from to an ending, by
/// position in [`Scenario::nodes`]: a walk backwards from the endings,
/// linear in the size of the graph.
pub fn can_reach_an_ending(scenario: &Scenario) -> Vec<bool> {
    let nodes = scenario.nodes();
    let mut leads_to: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (from, targets) in successors(scenario).into_iter().enumerate() {
        for target in targets {
            leads_to[target].push(from);
        }
    }
    let mut done = vec![false; nodes.len()];
    let mut queue: VecDeque<usize> = (0..nodes.len())
        .filter(|&at| nodes[at].ending.is_some())
        .collect();
    while let Some(at) = queue.pop_front() {
        if !std::mem::replace(&mut done[at], true) {
            queue.extend(leads_to[at].iter().copied());
        }
    }
    done
}
