//! The import check as messages, so it can run where the TOML parser lives:
//! in the web app that is a Web Worker (`counterpart-author`), which keeps the
//! parser and the checks (~100 KB of wasm) out of the first load. The request
//! is a list of files; the answer, per file, the compiled scenario (see
//! `compiled.rs`) or every problem found.

use super::compiled::{CompiledError, read_scenario};
use super::diagnostic::Diagnostic;
use super::load::{LoadError, load_untrusted};
use super::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// What the worker says once it listens; requests sent earlier would be lost.
pub const READY: &str = "ready";

/// One file to check: its name (for the messages) and its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportFile {
    pub name: String,
    pub text: String,
}

/// The check's verdict on one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum ImportVerdict {
    /// The scenario in compiled form, ready for [`read_scenario`].
    Valid {
        compiled: String,
    },
    Invalid {
        problems: Vec<Diagnostic>,
    },
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
                read_scenario(&compiled).map_err(NotPlayable::Unreadable)
            }
            ImportVerdict::Invalid { problems } => Err(NotPlayable::Invalid(problems)),
        }
    }
}

/// Checks every file of a JSON request (`[{"name", "text"}, …]`) and answers
/// with a JSON list of verdicts, in the same order.
pub fn answer(request: &str) -> String {
    let verdicts: Vec<ImportVerdict> = match serde_json::from_str::<Vec<ImportFile>>(request) {
        Ok(files) => files.iter().map(check).collect(),
        Err(_) => Vec::new(),
    };
    serde_json::to_string(&verdicts).unwrap_or_else(|_| "[]".into())
}

/// Checks one file with the same validator as `counterpart-check`.
pub fn check(file: &ImportFile) -> ImportVerdict {
    match load_untrusted(&file.name, &file.text) {
        Ok(scenario) => ImportVerdict::Valid {
            compiled: super::json::to_string(&scenario),
        },
        Err(LoadError(problems)) => ImportVerdict::Invalid { problems },
    }
}

/// Reads an answer; anything unreadable counts as no answer.
pub fn read_answer(json: &str) -> Option<Vec<ImportVerdict>> {
    serde_json::from_str(json).ok()
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
        serde_json::to_string(&files).unwrap_or_default()
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
