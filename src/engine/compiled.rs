//! The compiled form of the shipped scenarios: one JSON file per scenario and
//! language (`<id>.<lang>.<fingerprint>.json`, texts in that language only)
//! plus an index of cards, written at build time by `counterpart-compile` and
//! fetched by the web app only when needed (so the first load stays small: a
//! trainee plays in one language; switching fetches the other file and adds
//! its texts, see `Scenario::absorb_language`).
//!
//! Why JSON and not the TOML source: the web app already carries a JSON
//! reader for progress (`json.rs`), while the TOML parser and the checks of
//! `load` cost about 100 KB of wasm. The checks ran at build time; reading a compiled file only
//! verifies that its links resolve, so a damaged file is refused, never played.

use super::ids::ScenarioId;
use super::json::{self, FromJson, Json, Members, ObjectMembers, ObjectWriter, ToJson};
use super::scenario::Scenario;
use super::text::{Lang, Text};
use super::vocabulary::{Channel, CustomerType, Setting, Technique};
use std::collections::{BTreeMap, BTreeSet};

/// Bumped when the compiled form changes incompatibly.
pub const COMPILED_FORMAT: u32 = 2;

/// What the library, progress page and suggestions need to know about a
/// scenario without loading its dialogue.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioCard {
    pub id: ScenarioId,
    pub title: Text,
    pub summary: Text,
    pub customer_type: CustomerType,
    pub setting: Setting,
    pub channel: Channel,
    pub difficulty: u8,
    /// Techniques the trainee can apply well somewhere in the scenario.
    pub practised: BTreeSet<Technique>,
    /// About how long the best path takes, in minutes (see
    /// [`estimated_minutes`]); absent in indexes from older builds.
    pub minutes: Option<u8>,
}

/// About how long a conversation of `decisions` decisions takes: reading the
/// line, choosing, and reading the feedback take about 45 seconds a decision,
/// plus a minute for the summary and the debrief.
pub fn estimated_minutes(decisions: u32) -> u8 {
    ((decisions * 3).div_ceil(4) + 1).min(u32::from(u8::MAX)) as u8
}

impl ScenarioCard {
    /// The card with its time estimate (from the path analysis).
    pub fn of(scenario: &Scenario) -> ScenarioCard {
        ScenarioCard {
            minutes: Some(estimated_minutes(
                super::analysis::summarize(scenario).best_path_decisions,
            )),
            ..ScenarioCard::without_estimate(scenario)
        }
    }

    /// The card without a time estimate: for a scenario a trainer imported,
    /// whose analysis runs in the import checker, not the page.
    pub fn without_estimate(scenario: &Scenario) -> ScenarioCard {
        ScenarioCard {
            id: scenario.id.clone(),
            title: scenario.title.clone(),
            summary: scenario.summary.clone(),
            customer_type: scenario.customer_type,
            setting: scenario.setting,
            channel: scenario.channel,
            difficulty: scenario.difficulty,
            practised: scenario.techniques_practised(),
            minutes: None,
        }
    }
}

/// The files of one scenario, for a deep link (`files.json`, embedded in the
/// page; the cards in `index.json` are loaded only by the screens that list
/// scenarios).
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioFiles {
    pub id: ScenarioId,
    pub files: BTreeMap<Lang, String>,
}

/// `files.json`: every shipped scenario's files, in the index's order.
#[derive(Debug, Clone, PartialEq)]
pub struct FileIndex {
    pub format: u32,
    pub scenarios: Vec<ScenarioFiles>,
}

crate::json_object!(ScenarioFiles {
    id: "id",
    files: "files"
});
crate::json_object!(FileIndex {
    format: "format",
    scenarios: "scenarios"
});

/// The file to load for `lang` from `files`: its own, or any (a scenario
/// written in one language only).
pub fn file_for(files: &BTreeMap<Lang, String>, lang: Lang) -> Option<&str> {
    files
        .get(&lang)
        .or_else(|| files.values().next())
        .map(String::as_str)
}

/// One scenario in the index: its card and the files holding the dialogue.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    pub card: ScenarioCard,
    /// The file per language, next to the index; a name changes whenever
    /// the content does.
    pub files: BTreeMap<Lang, String>,
}

/// `index.json`: every shipped scenario, in file-name order.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledIndex {
    pub format: u32,
    pub scenarios: Vec<IndexEntry>,
}

impl CompiledIndex {
    /// The slim form for `files.json`.
    pub fn files(&self) -> FileIndex {
        FileIndex {
            format: self.format,
            scenarios: self
                .scenarios
                .iter()
                .map(|e| ScenarioFiles {
                    id: e.card.id.clone(),
                    files: e.files.clone(),
                })
                .collect(),
        }
    }
}

crate::json_object!(ScenarioCard {
    id: "id",
    title: "title",
    summary: "summary",
    customer_type: "customer_type",
    setting: "setting",
    channel: "channel" or_default,
    difficulty: "difficulty",
    practised: "practised",
    minutes: "minutes" omitted_if_empty,
});

/// The card's members and `file`, in one object.
impl FromJson for IndexEntry {
    fn from_json(value: &Json) -> Result<Self, String> {
        Ok(IndexEntry {
            card: ScenarioCard::from_json(value)?,
            files: Members::of(value)?.required("files")?,
        })
    }
}

impl ToJson for IndexEntry {
    fn write_json(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        self.card.write_members(&mut object);
        object.field("files", &self.files);
        object.end();
    }
}

crate::json_object!(CompiledIndex {
    format: "format",
    scenarios: "scenarios",
});

/// Why a compiled file could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CompiledError {
    #[error("not readable as a compiled scenario file: {0}")]
    Unreadable(String),
    #[error("made for compiled format {found}, this app reads format {COMPILED_FORMAT}")]
    WrongFormat { found: u32 },
    #[error("damaged: {0}")]
    Damaged(String),
}

/// A short content fingerprint (FNV-1a, 64 bit) for cache-busting file names.
pub fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The compiled files of a scenario, one per language: `(language, file
/// name, JSON)`, the name `<id>.<lang>.<fingerprint>.json`.
pub fn compile(scenario: &Scenario) -> Vec<(Lang, String, String)> {
    scenario
        .languages
        .iter()
        .map(|&lang| {
            let json = json::to_string(&scenario.clone().in_language(lang));
            let file = format!(
                "{}.{}.{}.json",
                scenario.id,
                lang.code(),
                &fingerprint(&json)[..10]
            );
            (lang, file, json)
        })
        .collect()
}

/// Reads a compiled scenario and checks that every link resolves.
pub fn read_scenario(text: &str) -> Result<Scenario, CompiledError> {
    let value = json::parse(text).map_err(CompiledError::Unreadable)?;
    scenario_of(&value)
}

/// A compiled scenario from its JSON value (a file, or a worker's answer),
/// with its node index rebuilt and every link checked.
pub fn scenario_of(value: &Json) -> Result<Scenario, CompiledError> {
    let scenario = Scenario::from_json(value).map_err(CompiledError::Unreadable)?;
    let scenario = scenario.reindexed();
    scenario.check_links().map_err(CompiledError::Damaged)?;
    Ok(scenario)
}

/// Reads `index.json`.
pub fn read_index(text: &str) -> Result<CompiledIndex, CompiledError> {
    read_versioned(text)
}

/// Reads `files.json`.
pub fn read_files(text: &str) -> Result<FileIndex, CompiledError> {
    read_versioned(text)
}

fn read_versioned<T: FromJson>(text: &str) -> Result<T, CompiledError> {
    let value = json::parse(text).map_err(CompiledError::Unreadable)?;
    let format = value
        .get("format")
        .ok_or_else(|| CompiledError::Unreadable("missing `format`".into()))
        .and_then(|f| u32::from_json(f).map_err(CompiledError::Unreadable))?;
    if format != COMPILED_FORMAT {
        return Err(CompiledError::WrongFormat { found: format });
    }
    T::from_json(&value).map_err(CompiledError::Unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    #[test]
    fn every_shipped_scenario_survives_compiling_per_language() {
        let catalog = Catalog::load();
        assert!(catalog.problems.is_empty());
        for scenario in &catalog.scenarios {
            let files = compile(scenario);
            assert_eq!(files.len(), scenario.languages.len());
            let mut parts = Vec::new();
            for (lang, file, json) in files {
                assert!(file.starts_with(&format!("{}.{}.", scenario.id, lang.code())));
                let part = read_scenario(&json).expect("reads back");
                assert!(part.has_texts_in(lang));
                let other = Lang::ALL
                    .into_iter()
                    .find(|&l| l != lang)
                    .expect("two languages");
                assert!(!part.has_texts_in(other), "{file} holds one language");
                assert_eq!(part, scenario.clone().in_language(lang));
                parts.push(part);
            }
            // A trainee who switches language gets the whole scenario back.
            let mut parts = parts.into_iter();
            let mut whole = parts.next().expect("one language at least");
            for part in parts {
                whole.absorb_language(part).expect("the same scenario");
            }
            assert_eq!(&whole, scenario);
        }
    }

    #[test]
    fn texts_of_another_scenario_are_refused() {
        let catalog = Catalog::load();
        let (a, b) = (&catalog.scenarios[0], &catalog.scenarios[1]);
        let mut german = a.clone().in_language(Lang::De);
        let before = german.clone();
        assert!(
            german
                .absorb_language(b.clone().in_language(Lang::En))
                .is_err()
        );
        assert_eq!(german, before, "nothing changes");
    }

    #[test]
    fn a_broken_link_is_refused() {
        let catalog = Catalog::load();
        let (_, _, json) = compile(&catalog.scenarios[0]).remove(0);
        let start = format!("\"start\":\"{}\"", catalog.scenarios[0].start);
        let broken = json.replacen(&start, "\"start\":\"nowhere\"", 1);
        assert_ne!(broken, json);
        assert!(matches!(
            read_scenario(&broken),
            Err(CompiledError::Damaged(_))
        ));
        assert!(matches!(
            read_scenario("{\"id\": 3}"),
            Err(CompiledError::Unreadable(_))
        ));
    }

    #[test]
    fn an_index_of_another_format_is_refused() {
        assert_eq!(
            read_index("{\"format\": 99, \"scenarios\": []}"),
            Err(CompiledError::WrongFormat { found: 99 })
        );
        assert_eq!(
            read_index("{\"format\": 2, \"scenarios\": []}").map(|i| i.scenarios.len()),
            Ok(0)
        );
    }

    #[test]
    fn the_file_index_lists_the_index_files_in_order() {
        let catalog = Catalog::load();
        let index = CompiledIndex {
            format: COMPILED_FORMAT,
            scenarios: catalog
                .scenarios
                .iter()
                .map(|s| IndexEntry {
                    card: ScenarioCard::of(s),
                    files: compile(s)
                        .into_iter()
                        .map(|(lang, file, _)| (lang, file))
                        .collect(),
                })
                .collect(),
        };
        let files = read_files(&json::to_string(&index.files())).expect("reads back");
        assert_eq!(files, index.files());
        assert_eq!(files.scenarios.len(), catalog.scenarios.len());
        let first = &files.scenarios[0];
        assert_eq!(first.id, catalog.scenarios[0].id);
        assert!(file_for(&first.files, Lang::En).is_some_and(|f| f.contains(".en.")));
        assert!(read_files("{\"format\": 1, \"scenarios\": []}").is_err());
    }

    #[test]
    fn fingerprints_differ_for_different_text() {
        assert_ne!(fingerprint("a"), fingerprint("b"));
        assert_eq!(fingerprint("a"), fingerprint("a"));
    }
}
