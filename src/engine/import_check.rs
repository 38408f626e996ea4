//! The import check as messages, so it can run where the TOML parser lives:
//! in the web app that is a Web Worker (`counterpart-import-check`), which keeps the
//! parser and the checks (~100 KB of wasm) out of the first load. The request
//! is a list of files; the answer, per file, the compiled scenario (see
//! `compiled.rs`) with what the checker tells an author about it (warnings,
//! score range, endings), or every problem found. Both are JSON in the app's
//! own format (`json.rs`): the scenario is a nested object, not a string.

use super::analysis::summarize;
use super::compiled::{CompiledError, scenario_of};
use super::diagnostic::{Bilingual, Diagnostic, Location, SourceMap};
use super::ids::NodeId;
use super::json::{self, FromJson, Json, Members, ObjectWriter, ToJson};
use super::lint::{Warning, warnings};
use super::load::{LoadError, load_untrusted};
use super::scenario::Scenario;
use super::text::Text;
use super::toml_tree::{self, Spanned, Table, Value};
use super::vocabulary::Outcome;

/// What the worker says once it listens; requests sent earlier would be lost.
pub const READY: &str = "ready";

/// One file to check: its name (for the messages) and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFile {
    pub name: String,
    pub text: String,
}

crate::json_object!(ImportFile [deny_unknown] { name: "name", text: "text" });

/// The lowest and highest score a playthrough can reach (as `counterpart-check`
/// prints it: "score 6–100").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreRange {
    pub min: u8,
    pub max: u8,
}

crate::json_object!(ScoreRange {
    min: "min",
    max: "max"
});

/// One ending of a valid scenario: its node, title and outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct EndingFact {
    pub node: NodeId,
    pub title: Text,
    pub outcome: Outcome,
}

crate::json_object!(EndingFact {
    node: "node",
    title: "title",
    outcome: "outcome"
});

/// What the checker tells the author of a valid file, besides the scenario:
/// what `counterpart-check` prints after "ok". Every member may be missing
/// (a worker from before they existed): then there is nothing to show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImportReport {
    /// The file loads but teaches badly here (`lint::warnings`), each located
    /// like a load error; no hints yet: the message says what to change.
    pub warnings: Vec<Diagnostic>,
    /// `None` from an older worker.
    pub score: Option<ScoreRange>,
    /// In the order of the file.
    pub endings: Vec<EndingFact>,
}

crate::json_object!(ImportReport {
    warnings: "warnings" or_default,
    score: "score" omitted_if_empty,
    endings: "endings" or_default,
});

/// The report as it came, read only when someone wants it (`into_checked`):
/// the page reads verdicts at start-up too (`ScenarioRepo::check_own`), and
/// reading the report there would put its reader into the first download.
#[derive(Debug, Clone, PartialEq)]
pub struct UnreadReport(Json);

impl UnreadReport {
    pub fn of(report: &ImportReport) -> UnreadReport {
        UnreadReport(json::parse(&json::to_string(report)).unwrap_or(Json::Null))
    }

    /// The report's members of a verdict object (not its scenario).
    fn within(verdict: &Json) -> UnreadReport {
        let Json::Object(members) = verdict else {
            return UnreadReport(Json::Null);
        };
        let report = ["warnings", "score", "endings"];
        UnreadReport(Json::Object(
            members
                .iter()
                .filter(|(key, _)| report.contains(&key.as_str()))
                .cloned()
                .collect(),
        ))
    }

    fn read(&self) -> ImportReport {
        ImportReport::from_json(&self.0).unwrap_or_default()
    }
}

/// The check's verdict on one file.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportVerdict {
    /// The scenario in compiled form (a JSON value, read by [`scenario_of`]).
    Valid {
        compiled: Json,
        report: UnreadReport,
    },
    Invalid {
        problems: Vec<Diagnostic>,
    },
}

/// `{"verdict":"valid","scenario":{…},"warnings":[…],"score":{"min":…,"max":…},
/// "endings":[{"node","title","outcome"},…]}` or
/// `{"verdict":"invalid","problems":[…]}`. Readers ignore members they do
/// not know, so an older page reads a newer answer as before.
impl ToJson for ImportVerdict {
    fn write_json(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        match self {
            ImportVerdict::Valid { compiled, report } => {
                object.field("verdict", &"valid");
                object.field("scenario", compiled);
                if let Json::Object(members) = &report.0 {
                    for (key, value) in members {
                        object.field(key, value);
                    }
                }
            }
            ImportVerdict::Invalid { problems } => {
                object.field("verdict", &"invalid");
                object.field("problems", problems);
            }
        }
        object.end();
    }
}

impl FromJson for ImportVerdict {
    fn from_json(value: &Json) -> Result<Self, String> {
        let members = Members::of(value)?;
        match members.required::<String>("verdict")?.as_str() {
            "valid" => Ok(ImportVerdict::Valid {
                compiled: members.required("scenario")?,
                report: UnreadReport::within(value),
            }),
            "invalid" => Ok(ImportVerdict::Invalid {
                problems: members.required("problems")?,
            }),
            other => Err(format!("unknown verdict `{other}`")),
        }
    }
}

/// Why an imported file is not playable.
#[derive(Debug, Clone, PartialEq)]
pub enum NotPlayable {
    /// The file has these problems.
    Invalid(Vec<Diagnostic>),
    /// The checker's compiled form did not read back (it never should).
    Unreadable(CompiledError),
}

impl ImportVerdict {
    /// The playable scenario, or why there is none.
    pub fn into_scenario(self) -> Result<Scenario, NotPlayable> {
        match self {
            ImportVerdict::Valid { compiled, .. } => {
                scenario_of(&compiled).map_err(NotPlayable::Unreadable)
            }
            ImportVerdict::Invalid { problems } => Err(NotPlayable::Invalid(problems)),
        }
    }

    /// The playable scenario with the checker's report on it, or why there is none.
    pub fn into_checked(self) -> Result<(Scenario, ImportReport), NotPlayable> {
        match self {
            ImportVerdict::Valid { compiled, report } => scenario_of(&compiled)
                .map(|scenario| (scenario, report.read()))
                .map_err(NotPlayable::Unreadable),
            ImportVerdict::Invalid { problems } => Err(NotPlayable::Invalid(problems)),
        }
    }
}

/// Checks every file of a JSON request (`[{"name", "text"}, …]`) and answers
/// with a JSON list of verdicts, in the same order.
pub fn answer(request: &str) -> String {
    let verdicts: Vec<ImportVerdict> = match json::from_str::<Vec<ImportFile>>(request) {
        Ok(files) => files.iter().map(check).collect(),
        Err(_) => Vec::new(),
    };
    json::to_string(&verdicts)
}

/// Checks one file with the same validator, warnings and summary as `counterpart-check`.
pub fn check(file: &ImportFile) -> ImportVerdict {
    match load_untrusted(&file.name, &file.text) {
        Ok(scenario) => ImportVerdict::Valid {
            compiled: json::parse(&json::to_string(&scenario)).unwrap_or(Json::Null),
            report: UnreadReport::of(&report(file, &scenario)),
        },
        Err(LoadError(problems)) => ImportVerdict::Invalid { problems },
    }
}

/// What `counterpart-check` says about a valid scenario: its warnings (each
/// at the node or reply it is about), score range and endings.
pub fn report(file: &ImportFile, scenario: &Scenario) -> ImportReport {
    let summary = summarize(scenario);
    let places = Places::of(&file.text);
    let mut located: Vec<Diagnostic> = warnings(scenario, &summary)
        .into_iter()
        .map(|w| places.warning(&file.name, w))
        .collect();
    // In the order of the file, as load errors are (a stable sort keeps the
    // checker's order within one place).
    located.sort_by_key(|d| d.location);
    ImportReport {
        warnings: located,
        score: Some(ScoreRange {
            min: summary.score_min,
            max: summary.score_max,
        }),
        endings: scenario
            .nodes()
            .iter()
            .filter_map(|node| {
                node.ending.as_ref().map(|ending| EndingFact {
                    node: node.id.clone(),
                    title: ending.title.clone(),
                    outcome: ending.outcome,
                })
            })
            .collect(),
    }
}

/// A table's `id` (a string) and where it is written, with the table.
fn id_of<'t, 'i>(item: &'t Spanned<Value<'i>>) -> Option<(String, usize, &'t Table<'i>)> {
    let table = item.get_ref().as_table()?;
    let id = table.get("id")?;
    Some((id.get_ref().as_str()?.to_string(), id.span().start, table))
}

/// Where each node and reply id of a (valid) file is written, to locate the
/// warnings, which name their place by id: "node `x`", "a line of node `x`",
/// "the ending `x`", "reply `y` of node `x`".
struct Places<'s> {
    source: &'s str,
    map: SourceMap,
    nodes: Vec<NodePlace>,
}

/// A node's id and where it is written, and its replies' ids with theirs.
struct NodePlace {
    id: String,
    at: usize,
    replies: Vec<(String, usize)>,
}

impl<'s> Places<'s> {
    fn of(source: &'s str) -> Places<'s> {
        let (document, _) = toml_tree::parse_recoverable(source);
        let nodes = document
            .get_ref()
            .get("node")
            .and_then(|n| n.get_ref().as_array())
            .map(|nodes| {
                nodes
                    .iter()
                    .filter_map(|node| {
                        let (id, at, table) = id_of(node)?;
                        let replies = table
                            .get("reply")
                            .and_then(|r| r.get_ref().as_array())
                            .map(|replies| {
                                replies
                                    .iter()
                                    .filter_map(|r| id_of(r).map(|(id, at, _)| (id, at)))
                                    .collect()
                            })
                            .unwrap_or_default();
                        Some(NodePlace { id, at, replies })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Places {
            source,
            map: SourceMap::new(source),
            nodes,
        }
    }

    /// Where the id of the reply (if named) or node named in `place` is
    /// written; the top of the file if it cannot be found.
    fn locate(&self, place: &Bilingual) -> Location {
        // The names are the parts between backticks: every second part.
        let names: Vec<&str> = place.en.split('`').skip(1).step_by(2).collect();
        let (reply, node) = match names.as_slice() {
            [reply, node] if place.en.starts_with("reply ") => (Some(*reply), *node),
            [.., node] => (None, *node),
            [] => return Location { line: 1, column: 1 },
        };
        let offset = self
            .nodes
            .iter()
            .find(|place| place.id == node)
            .map(|place| {
                reply
                    .and_then(|reply| place.replies.iter().find(|(id, _)| id == reply))
                    .map_or(place.at, |(_, at)| *at)
            })
            .unwrap_or(0);
        self.map.locate(self.source, offset)
    }

    /// A warning as a diagnostic: at its place, the place named in the message.
    fn warning(&self, file: &str, warning: Warning) -> Diagnostic {
        let Warning { place, message } = warning;
        Diagnostic {
            file: file.to_string(),
            location: self.locate(&place),
            message: Bilingual {
                en: format!("{}: {}", place.en, message.en),
                de: format!("{}: {}", place.de, message.de),
            },
            hint: None,
        }
    }
}

/// Reads an answer; anything unreadable counts as no answer.
pub fn read_answer(text: &str) -> Option<Vec<ImportVerdict>> {
    json::from_str(text).ok()
}

/// A request for the worker: the files as a JSON list.
pub fn request(files: &[ImportFile]) -> String {
    json::to_string(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(files: &[(&str, &str)]) -> String {
        let files: Vec<ImportFile> = files
            .iter()
            .map(|(name, text)| ImportFile {
                name: name.to_string(),
                text: text.to_string(),
            })
            .collect();
        super::request(&files)
    }

    #[test]
    fn a_valid_file_comes_back_playable_and_a_broken_one_with_its_problems() {
        let valid = include_str!("../../tests/fixtures/valid-minimal.toml");
        let answer = answer(&request(&[
            ("valid-minimal.toml", valid),
            ("broken.toml", "format = 1\ntitle = 3\n"),
        ]));
        let verdicts = read_answer(&answer).expect("a readable answer");
        assert_eq!(verdicts.len(), 2);
        let scenario = verdicts[0].clone().into_scenario().expect("playable");
        assert_eq!(scenario.id.as_str(), "valid-minimal");
        assert!(scenario.node(&scenario.start).is_some(), "index rebuilt");
        match verdicts[1].clone().into_scenario() {
            Err(NotPlayable::Invalid(problems)) => {
                assert!(!problems.is_empty());
                assert!(problems.iter().all(|p| p.file == "broken.toml"));
                assert!(problems.iter().all(|p| !p.message.de.is_empty()));
            }
            other => panic!("expected problems, got {other:?}"),
        }
    }

    /// A valid scenario with one warning: the English feedback of
    /// `apologise` (line 19) does not name its technique.
    const ONE_WARNING: &str = r#"format = 1
languages = ["de", "en"]

[scenario]
title = { de = "Die verschwundene Bestellung", en = "The missing order" }
summary = { de = "Eine Kundin vermisst ihre Bestellung.", en = "A customer misses her order." }
customer = { de = "Frau Berg", en = "Ms Berg" }
customer_type = "chaotic"
setting = "other"
difficulty = 2
start_mood = 60
start = "open"

[[node]]
id = "open"
lines = [{ de = "Wo bleibt meine Bestellung?", en = "Where is my order?" }]

  [[node.reply]]
  id = "apologise"
  text = { de = "Das tut mir leid.", en = "I am sorry." }
  rating = "good"
  techniques = ["apology"]
  mood_change = -30
  mood_reason = { de = "entschuldigt", en = "apologised" }
  feedback = { de = "Die Entschuldigung wirkt.", en = "That works." }
  next = "found"

  [[node.reply]]
  id = "blame"
  text = { de = "Da haben Sie sich wohl bei der Adresse vertippt.", en = "You probably mistyped the address." }
  rating = "poor"
  mood_change = 40
  mood_reason = { de = "beschuldigt", en = "blamed" }
  feedback = { de = "Schuldzuweisungen verärgern.", en = "Blame annoys." }
  next = "lost"

[[node]]
id = "found"
lines = [{ de = "Na gut, danke.", en = "All right, thanks." }]
  [node.ending]
  outcome = "resolved"
  title = { de = "Bestellung gefunden", en = "Order found" }
  debrief = { de = "Gut gemacht.", en = "Well done." }

[[node]]
id = "lost"
lines = [{ de = "Dann bestelle ich woanders!", en = "Then I will order elsewhere!" }]
  [node.ending]
  outcome = "escalated"
  title = { de = "Kundin verärgert", en = "Customer upset" }
  debrief = { de = "Schade.", en = "Pity." }
"#;

    fn checked(name: &str, text: &str) -> (Scenario, ImportReport) {
        let file = ImportFile {
            name: name.into(),
            text: text.into(),
        };
        check(&file).into_checked().expect("valid")
    }

    #[test]
    fn a_valid_file_comes_back_with_its_warning_at_its_line_its_score_range_and_endings() {
        let (_, report) = checked("my-order.toml", ONE_WARNING);
        assert_eq!(report.warnings.len(), 1);
        let warning = &report.warnings[0];
        assert_eq!(warning.file, "my-order.toml");
        assert_eq!(
            warning.location,
            Location {
                line: 19,
                column: 8
            }
        );
        assert_eq!(
            warning.message.en,
            "reply `apologise` of node `open`: the en feedback does not name its technique `apology` (Apologise)"
        );
        assert!(
            warning
                .message
                .de
                .starts_with("Antwort `apologise` (Knoten `open`): das englische Feedback")
        );
        assert_eq!(report.score, Some(ScoreRange { min: 0, max: 100 }));
        let endings: Vec<(&str, &str, Outcome)> = report
            .endings
            .iter()
            .map(|e| {
                (
                    e.node.as_str(),
                    e.title.get(crate::engine::Lang::De),
                    e.outcome,
                )
            })
            .collect();
        assert_eq!(
            endings,
            [
                ("found", "Bestellung gefunden", Outcome::Resolved),
                ("lost", "Kundin verärgert", Outcome::Escalated)
            ]
        );
    }

    #[test]
    fn the_extended_verdict_survives_its_json_round_trip() {
        let file = ImportFile {
            name: "my-order.toml".into(),
            text: ONE_WARNING.into(),
        };
        let verdict = check(&file);
        let text = json::to_string(&verdict);
        assert!(
            text.starts_with(r#"{"verdict":"valid","scenario":{"#),
            "{text}"
        );
        assert!(text.contains(r#""score":{"min":0,"max":100}"#), "{text}");
        assert!(
            text.contains(r#""endings":[{"node":"found","title":{"#),
            "{text}"
        );
        assert!(text.contains(r#""outcome":"escalated""#), "{text}");
        assert!(
            text.contains(
                r#""warnings":[{"file":"my-order.toml","location":{"line":19,"column":8}"#
            ),
            "{text}"
        );
        let back: ImportVerdict = json::from_str(&text).expect("reads back");
        assert_eq!(back, verdict);
        let invalid = check(&ImportFile {
            name: "broken.toml".into(),
            text: "format = 1\ntitle = 3\n".into(),
        });
        let back: ImportVerdict = json::from_str(&json::to_string(&invalid)).expect("reads back");
        assert_eq!(back, invalid);
    }

    #[test]
    fn an_answer_of_an_older_worker_reads_with_an_empty_report() {
        let ImportVerdict::Valid { compiled, .. } = check(&ImportFile {
            name: "my-order.toml".into(),
            text: ONE_WARNING.into(),
        }) else {
            panic!("valid");
        };
        let old = format!(
            r#"[{{"verdict":"valid","scenario":{}}}]"#,
            json::to_string(&compiled)
        );
        let verdicts = read_answer(&old).expect("readable");
        let (scenario, report) = verdicts[0].clone().into_checked().expect("playable");
        assert_eq!(scenario.id.as_str(), "my-order");
        assert_eq!(report, ImportReport::default());
    }

    #[test]
    fn a_newer_answer_still_gives_the_scenario_to_a_reader_that_wants_only_that() {
        let verdicts =
            read_answer(&answer(&request(&[("my-order.toml", ONE_WARNING)]))).expect("readable");
        let scenario = verdicts[0].clone().into_scenario().expect("playable");
        assert_eq!(scenario.id.as_str(), "my-order");
    }

    #[test]
    fn every_warning_sits_at_the_id_of_the_node_or_reply_it_names() {
        // The fixture warns about nodes and replies; a stray apostrophe in a
        // line and in an ending's title adds "a line of node" and "the ending".
        let text = include_str!("../../tests/fixtures/valid-minimal.toml")
            .replace(r#"en = "Thanks!""#, r#"en = "That’s it!""#)
            .replace(r#"en = "Pity.""#, r#"en = "What’s that?""#);
        let (_, report) = checked("valid-minimal.toml", &text);
        let places = ["node `", "reply `", "a line of node `", "the ending `"];
        for place in places {
            assert!(
                report
                    .warnings
                    .iter()
                    .any(|w| w.message.en.starts_with(place)),
                "a warning at {place}…"
            );
        }
        let lines: Vec<&str> = text.lines().collect();
        for warning in &report.warnings {
            let place = warning.message.en.split(": ").next().unwrap_or_default();
            let names: Vec<&str> = place.split('`').skip(1).step_by(2).collect();
            let line = lines[warning.location.line - 1];
            let expected = if place.starts_with("reply ") {
                names[0]
            } else {
                names[names.len() - 1]
            };
            assert_eq!(line.trim(), format!("id = \"{expected}\""), "{warning}");
        }
        // In the order of the file.
        assert!(
            report
                .warnings
                .windows(2)
                .all(|w| w[0].location <= w[1].location)
        );
    }

    #[test]
    fn a_request_that_is_not_a_file_list_gets_an_empty_answer() {
        assert_eq!(answer("not json"), "[]");
        assert_eq!(read_answer("[]"), Some(Vec::new()));
        assert_eq!(read_answer("{"), None);
    }
}
