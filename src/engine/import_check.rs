//! The import check as messages, so it can run where the TOML parser lives:
//! in the web app that is a Web Worker (`counterpart-import-check`), which keeps the
//! parser and the checks (~100 KB of wasm) out of the first load. The request
//! is a list of files; the answer, per file, the compiled scenario (see
//! `compiled.rs`) or every problem found. Both are JSON in the app's own
//! format (`json.rs`): the scenario is a nested object, not a string.

use super::compiled::{CompiledError, scenario_of};
use super::diagnostic::Diagnostic;
use super::json::{self, FromJson, Json, Members, ObjectWriter, ToJson};
use super::load::{LoadError, load_untrusted};
use super::scenario::Scenario;

/// What the worker says once it listens; requests sent earlier would be lost.
pub const READY: &str = "ready";

/// One file to check: its name (for the messages) and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportFile {
    pub name: String,
    pub text: String,
}

crate::json_object!(ImportFile [deny_unknown] { name: "name", text: "text" });

/// The check's verdict on one file.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportVerdict {
    /// The scenario in compiled form (a JSON value, read by [`scenario_of`]).
    Valid {
        compiled: Json,
    },
    Invalid {
        problems: Vec<Diagnostic>,
    },
}

/// `{"verdict":"valid","scenario":{…}}` or `{"verdict":"invalid","problems":[…]}`.
impl ToJson for ImportVerdict {
    fn write_json(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        match self {
            ImportVerdict::Valid { compiled } => {
                object.field("verdict", &"valid");
                object.field("scenario", compiled);
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
            ImportVerdict::Valid { compiled } => {
                scenario_of(&compiled).map_err(NotPlayable::Unreadable)
            }
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

/// Checks one file with the same validator as `counterpart-check`.
pub fn check(file: &ImportFile) -> ImportVerdict {
    match load_untrusted(&file.name, &file.text) {
        Ok(scenario) => ImportVerdict::Valid {
            compiled: json::parse(&json::to_string(&scenario)).unwrap_or(Json::Null),
        },
        Err(LoadError(problems)) => ImportVerdict::Invalid { problems },
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

    #[test]
    fn a_request_that_is_not_a_file_list_gets_an_empty_answer() {
        assert_eq!(answer("not json"), "[]");
        assert_eq!(read_answer("[]"), Some(Vec::new()));
        assert_eq!(read_answer("{"), None);
    }
}
