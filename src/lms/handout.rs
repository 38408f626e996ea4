//! What the hand-out screen (`#/handout`) puts together in the browser, as
//! pure functions: from a trainer's choice of scenarios (shipped and own) the
//! `scenarios/` folder of a copy, a single HTML file filled from the build's
//! template, and SCORM 1.2, SCORM 2004 and cmi5 zips with the manifests of
//! `lms::package` — the ones `counterpart-package` writes natively.
//!
//! In a copy, an own scenario becomes a shipped one: compiled as
//! `counterpart-compile` compiles `scenarios/` ([`compile`], [`ScenarioCard::of`]),
//! with its entries in `index.json` and `files.json`, so it counts fully there
//! (badges, LMS objectives and assignment). Only the selected scenarios go in.
//!
//! The release build prepares what this needs in `handout/` (written by
//! `scripts/handout.mjs`): the single file as a template (the output of
//! `scripts/single-file.mjs` with an empty scenario block, so there is one
//! implementation of that transformation) and the list of the app's files.
//! Neither goes into a package ([`super::package::is_packaged`]).
//!
//! The chosen scenarios can also be handed out as their `.toml` files, as the
//! editor saves them ([`scenario_files`]), for a trainer who shares sources.

use super::mapping::Assignment;
use super::package::{PackageInfo, PackageKind, is_packaged, with_assignment};
use super::zip_writer::{DosTime, ZipError, ZipWriter};
use crate::engine::compiled::{COMPILED_FORMAT, CompiledIndex, IndexEntry, ScenarioCard, compile};
use crate::engine::diagnostic::Bilingual;
use crate::engine::draft::Draft;
use crate::engine::json;
use crate::engine::{Scenario, ScenarioId};
use crate::say;
use std::collections::{BTreeMap, BTreeSet};

/// The build's folder of files for the hand-out screen, next to `index.html`.
pub const DIR: &str = "handout";
/// The list of the app's files ([`AppFiles`]).
pub const APP_FILES: &str = "handout/app-files.json";
/// The single file with an empty scenario block.
pub const SINGLE_FILE_TEMPLATE: &str = "handout/counterpart.html";
/// What the single file is called when downloaded.
pub const SINGLE_FILE_NAME: &str = "counterpart.html";
/// The folder of the compiled scenarios in a copy (as in the build).
pub const SCENARIO_DIR: &str = "scenarios";
/// Bumped when [`AppFiles`] changes incompatibly.
pub const APP_FILES_FORMAT: u32 = 1;

/// `handout/app-files.json`: every file of the build a package takes, apart
/// from `scenarios/` (chosen per package) and `handout/` itself.
#[derive(Debug, Clone, PartialEq)]
pub struct AppFiles {
    pub format: u32,
    pub files: Vec<String>,
}

crate::json_object!(AppFiles {
    format: "format",
    files: "files",
});

/// Reads `handout/app-files.json`.
pub fn read_app_files(text: &str) -> Result<AppFiles, HandoutError> {
    let list: AppFiles =
        json::from_str(text).map_err(|why| HandoutError::Unreadable(APP_FILES.into(), why))?;
    if list.format != APP_FILES_FORMAT {
        return Err(HandoutError::Unreadable(
            APP_FILES.into(),
            format!("format {} (this app reads {APP_FILES_FORMAT})", list.format),
        ));
    }
    Ok(list)
}

/// Why a copy could not be put together; each says so in plain words
/// ([`HandoutError::message`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HandoutError {
    #[error("no scenario selected")]
    NothingSelected,
    #[error("scenario `{0}` is neither shipped nor one of your own")]
    UnknownScenario(ScenarioId),
    #[error("required scenario `{0}` is not selected")]
    RequiredNotSelected(ScenarioId),
    #[error("the title is empty")]
    EmptyTitle,
    #[error("{0}: not read ({1})")]
    Unreadable(String, String),
    #[error("{0} has no scenario block")]
    NoScenarioBlock(String),
    #[error("{0} is missing")]
    MissingFile(String),
    #[error("zip: {0}")]
    Zip(#[from] ZipError),
}

impl HandoutError {
    /// What to tell the trainer, in both languages.
    pub fn message(&self) -> Bilingual {
        match self {
            HandoutError::NothingSelected => say!(
                "Please select at least one conversation.",
                "Bitte wählen Sie mindestens ein Gespräch aus.",
            ),
            HandoutError::UnknownScenario(id) => say!(
                "The conversation “{id}” is not in this app (any more). Please check your selection.",
                "Das Gespräch „{id}“ gibt es in dieser App (nicht mehr). Bitte prüfen Sie Ihre Auswahl.",
            ),
            HandoutError::RequiredNotSelected(id) => say!(
                "“{id}” is required but not selected: select it too, or untick it as required.",
                "„{id}“ ist Pflicht, aber nicht ausgewählt: Wählen Sie es mit aus oder nehmen Sie das Häkchen bei Pflicht weg.",
            ),
            HandoutError::EmptyTitle => say!(
                "Please give the course a title; the LMS shows it.",
                "Bitte geben Sie dem Kurs einen Titel; das LMS zeigt ihn an.",
            ),
            HandoutError::Unreadable(file, _)
            | HandoutError::NoScenarioBlock(file)
            | HandoutError::MissingFile(file) => say!(
                "A file of the app could not be used ({file}). Please reload the page and try again.",
                "Eine Datei der App ließ sich nicht verwenden ({file}). Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.",
            ),
            HandoutError::Zip(why) => say!(
                "The package could not be written ({why}).",
                "Das Paket ließ sich nicht schreiben ({why}).",
            ),
        }
    }
}

/// The `scenarios/` folder of a copy: file name → text, with `index.json`
/// and `files.json`, and which scenarios it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioFolder {
    pub files: BTreeMap<String, String>,
    pub ids: Vec<ScenarioId>,
}

/// The chosen scenarios before the shipped ones' files are fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct Selection {
    /// The copy's `index.json`: the chosen scenarios in file-name order, as
    /// `counterpart-compile` orders `scenarios/`.
    pub index: CompiledIndex,
    /// Files of the chosen shipped scenarios, to fetch from the app's `scenarios/`.
    pub to_fetch: Vec<String>,
    /// The chosen own scenarios, compiled here: file name → JSON.
    compiled: BTreeMap<String, String>,
}

/// Picks the `selected` scenarios from the app's `index` (shipped) and
/// `own` (imported here; an own one with a shipped one's id is the shipped
/// one, as in the library). An id in neither is refused.
pub fn select(
    index: &CompiledIndex,
    own: &[Scenario],
    selected: &BTreeSet<ScenarioId>,
) -> Result<Selection, HandoutError> {
    if selected.is_empty() {
        return Err(HandoutError::NothingSelected);
    }
    let mut entries = Vec::new();
    let mut to_fetch = Vec::new();
    let mut compiled = BTreeMap::new();
    for id in selected {
        if let Some(entry) = index.scenarios.iter().find(|e| &e.card.id == id) {
            to_fetch.extend(entry.files.values().cloned());
            entries.push(entry.clone());
        } else if let Some(scenario) = own.iter().find(|s| &s.id == id) {
            let mut files = BTreeMap::new();
            for (lang, file, json) in compile(scenario) {
                files.insert(lang, file.clone());
                compiled.insert(file, json);
            }
            entries.push(IndexEntry {
                card: ScenarioCard::of(scenario),
                files,
            });
        } else {
            return Err(HandoutError::UnknownScenario(id.clone()));
        }
    }
    // `counterpart-compile` reads `scenarios/*.toml` sorted by file name.
    entries.sort_by_key(|e| format!("{}.toml", e.card.id));
    Ok(Selection {
        index: CompiledIndex {
            format: COMPILED_FORMAT,
            scenarios: entries,
        },
        to_fetch,
        compiled,
    })
}

impl Selection {
    /// The folder, once the shipped files have been fetched (`fetched`:
    /// file name → text; each of [`Selection::to_fetch`] must be there).
    pub fn folder(
        &self,
        mut fetched: BTreeMap<String, String>,
    ) -> Result<ScenarioFolder, HandoutError> {
        let mut files = BTreeMap::new();
        for name in &self.to_fetch {
            let text = fetched
                .remove(name)
                .ok_or_else(|| HandoutError::MissingFile(format!("{SCENARIO_DIR}/{name}")))?;
            files.insert(name.clone(), text);
        }
        files.extend(self.compiled.clone());
        files.insert("files.json".into(), json::to_string(&self.index.files()));
        files.insert("index.json".into(), json::to_string(&self.index));
        Ok(ScenarioFolder {
            files,
            ids: self
                .index
                .scenarios
                .iter()
                .map(|e| e.card.id.clone())
                .collect(),
        })
    }
}

/// The opening of the data block the app reads its scenarios from
/// (`web::scenario_fetch`; written by `scenarioBlock` in `scripts/csp.mjs`).
const BLOCK_START: &str = r#"<script type="application/json" id="counterpart-scenarios">"#;

/// `html` (named `file`, for errors) with the scenario data block holding
/// `files`. As `scenarioBlock` does, `<` is escaped so no text can end the
/// block. The block is never executed, so the page's Content-Security-Policy
/// pins no hash of it and stays as it is.
pub fn with_scenario_block(
    html: &str,
    file: &str,
    files: &BTreeMap<String, String>,
) -> Result<String, HandoutError> {
    let missing = || HandoutError::NoScenarioBlock(file.to_string());
    let start = html.find(BLOCK_START).ok_or_else(missing)? + BLOCK_START.len();
    let end = start + html[start..].find("</script>").ok_or_else(missing)?;
    let block = json::to_string(files).replace('<', "\\u003c");
    Ok(format!("{}{block}{}", &html[..start], &html[end..]))
}

/// The `<meta>` that leaves out the author preview (the answer key), as
/// `single-file.mjs --no-preview` writes it.
const NO_PREVIEW: &str = r#"<meta name="counterpart-no-preview" content="" />"#;

/// The single file: the build's template with `folder` in its data block,
/// and without the author preview if `no_preview` (the `<meta>` where
/// `single-file.mjs --no-preview` puts it, last before the `<title>`: with
/// every shipped scenario, the result is that script's output byte for byte).
pub fn single_file(
    template: &str,
    folder: &ScenarioFolder,
    no_preview: bool,
) -> Result<String, HandoutError> {
    let html = with_scenario_block(template, SINGLE_FILE_TEMPLATE, &folder.files)?;
    if !no_preview {
        return Ok(html);
    }
    let (before, with) = match html.contains(TITLE) {
        true => (TITLE, format!("\n    {NO_PREVIEW}{TITLE}")),
        false => ("<head>", format!("<head>\n    {NO_PREVIEW}")),
    };
    Ok(html.replacen(before, &with, 1))
}

/// The single file's title, which the `<meta>` tags precede.
const TITLE: &str = "\n    <title>";

/// What an LMS package is built with, besides the files.
pub struct PackageRequest<'a> {
    pub kind: PackageKind,
    pub title: &'a str,
    pub assignment: &'a Assignment,
    /// The time stamp of every entry.
    pub time: DosTime,
}

/// Whether a file of the app (as listed in `handout/app-files.json`) goes
/// into a package built here: not the hand-out files, not `scenarios/`
/// (the folder is the chosen one), and not the service worker, whose
/// precache list names the whole build's scenario files — in an LMS that
/// opens the package in a window of its own, it would fail to install.
pub fn in_browser_package(file: &str) -> bool {
    is_packaged(file)
        && file != "sw.js"
        && file
            .strip_prefix(SCENARIO_DIR)
            .is_none_or(|rest| !rest.starts_with('/'))
}

/// A SCORM or cmi5 zip: the descriptor at the root (as `counterpart-package`
/// writes it, listing every other file), then the app's files (`app`: name →
/// bytes) in name order with `scenarios/` from `folder` and `index.html`
/// carrying the assignment and the folder's `files.json`.
pub fn lms_package(
    request: &PackageRequest,
    app: &BTreeMap<String, Vec<u8>>,
    folder: &ScenarioFolder,
) -> Result<Vec<u8>, HandoutError> {
    if request.title.trim().is_empty() {
        return Err(HandoutError::EmptyTitle);
    }
    if let Some(id) = request
        .assignment
        .required
        .iter()
        .find(|id| !folder.ids.contains(id))
    {
        return Err(HandoutError::RequiredNotSelected(id.clone()));
    }
    let index = app
        .get("index.html")
        .ok_or_else(|| HandoutError::MissingFile("index.html".into()))?;
    let index = std::str::from_utf8(index)
        .map_err(|_| HandoutError::Unreadable("index.html".into(), "not UTF-8".into()))?;
    let files_json = folder
        .files
        .get("files.json")
        .ok_or_else(|| HandoutError::MissingFile(format!("{SCENARIO_DIR}/files.json")))?;
    let embedded = BTreeMap::from([("files.json".to_string(), files_json.clone())]);
    let index = with_assignment(
        &with_scenario_block(index, "index.html", &embedded)?,
        request.assignment,
    );

    let mut contents: BTreeMap<String, &[u8]> = app
        .iter()
        .filter(|(name, _)| in_browser_package(name))
        .map(|(name, bytes)| (name.clone(), bytes.as_slice()))
        .collect();
    contents.insert("index.html".into(), index.as_bytes());
    for (name, text) in &folder.files {
        contents.insert(format!("{SCENARIO_DIR}/{name}"), text.as_bytes());
    }
    let files: Vec<String> = contents.keys().cloned().collect();
    let info = PackageInfo {
        title: request.title.trim(),
        assignment: request.assignment,
        files: &files,
        course_id: None,
    };
    let (descriptor, text) = request.kind.descriptor(&info);
    let mut zip = ZipWriter::new(request.time);
    zip.add(descriptor, text.as_bytes())?;
    for (name, bytes) in &contents {
        zip.add(name, bytes)?;
    }
    Ok(zip.finish()?)
}

/// The zip's name when several scenario files are handed out together.
pub const SCENARIO_FILES_ZIP: &str = "counterpart-scenarios.zip";

/// The scenarios as their `.toml` files, laid out as the editor saves them
/// ([`Draft::to_toml`], read back by the checker as the same scenario): one
/// scenario as its file `<id>.toml`, several as [`SCENARIO_FILES_ZIP`].
/// Returns the file's name, bytes and MIME type.
pub fn scenario_files(
    scenarios: &[Scenario],
    time: DosTime,
) -> Result<(String, Vec<u8>, &'static str), HandoutError> {
    let drafts: Vec<Draft> = scenarios.iter().map(Draft::from_scenario).collect();
    match drafts.as_slice() {
        [] => Err(HandoutError::NothingSelected),
        [one] => Ok((
            one.file_name(),
            one.to_toml().into_bytes(),
            "application/toml",
        )),
        several => {
            let mut zip = ZipWriter::new(time);
            for draft in several {
                zip.add(&draft.file_name(), draft.to_toml().as_bytes())?;
            }
            Ok((
                SCENARIO_FILES_ZIP.to_string(),
                zip.finish()?,
                "application/zip",
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::engine::compiled::{read_files, read_scenario, scenario_of};
    use std::io::{Cursor, Read};

    /// The catalog's index as `counterpart-compile` writes it, and its files.
    fn shipped() -> (Vec<Scenario>, CompiledIndex, BTreeMap<String, String>) {
        let catalog = Catalog::load();
        assert!(catalog.problems.is_empty());
        let mut files = BTreeMap::new();
        let entries = catalog
            .scenarios
            .iter()
            .map(|s| IndexEntry {
                card: ScenarioCard::of(s),
                files: compile(s)
                    .into_iter()
                    .map(|(lang, file, json)| {
                        files.insert(file.clone(), json);
                        (lang, file)
                    })
                    .collect(),
            })
            .collect();
        let index = CompiledIndex {
            format: COMPILED_FORMAT,
            scenarios: entries,
        };
        (catalog.scenarios, index, files)
    }

    /// A scenario as the import worker hands it to the page: through its JSON.
    fn as_imported(scenario: &Scenario) -> Scenario {
        let value = json::parse(&json::to_string(scenario)).expect("JSON");
        scenario_of(&value).expect("reads back")
    }

    fn ids(list: &[&str]) -> BTreeSet<ScenarioId> {
        list.iter().map(|id| ScenarioId::new(*id)).collect()
    }

    fn fetch_all(
        selection: &Selection,
        files: &BTreeMap<String, String>,
    ) -> BTreeMap<String, String> {
        selection
            .to_fetch
            .iter()
            .map(|name| (name.clone(), files[name].clone()))
            .collect()
    }

    #[test]
    fn an_own_scenario_is_compiled_and_indexed_as_counterpart_compile_would() {
        let (scenarios, full_index, full_files) = shipped();
        // Two of the shipped scenarios play "own": the app knows the others
        // as shipped, these two only as imported.
        let own_ids = ["bike-shop-indecisive", "vet-practice-long-wait"];
        let own: Vec<Scenario> = scenarios
            .iter()
            .filter(|s| own_ids.contains(&s.id.as_str()))
            .map(as_imported)
            .collect();
        assert_eq!(own.len(), 2);
        let app_index = CompiledIndex {
            format: COMPILED_FORMAT,
            scenarios: full_index
                .scenarios
                .iter()
                .filter(|e| !own_ids.contains(&e.card.id.as_str()))
                .cloned()
                .collect(),
        };
        let every: BTreeSet<ScenarioId> = scenarios.iter().map(|s| s.id.clone()).collect();
        let selection = select(&app_index, &own, &every).expect("selected");
        let folder = selection
            .folder(fetch_all(&selection, &full_files))
            .expect("complete");
        // Byte for byte what the build writes for the same scenarios.
        assert_eq!(folder.files["index.json"], json::to_string(&full_index));
        assert_eq!(
            folder.files["files.json"],
            json::to_string(&full_index.files())
        );
        for (name, text) in &full_files {
            assert_eq!(folder.files.get(name), Some(text), "{name}");
        }
        assert_eq!(folder.files.len(), full_files.len() + 2);
        assert_eq!(
            folder.ids,
            full_index
                .scenarios
                .iter()
                .map(|e| e.card.id.clone())
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn only_the_selected_scenarios_go_in_and_their_files_only() {
        let (scenarios, index, files) = shipped();
        let own = vec![as_imported(&scenarios[0])];
        let app_index = CompiledIndex {
            format: COMPILED_FORMAT,
            scenarios: index.scenarios[1..].to_vec(),
        };
        let chosen = [scenarios[0].id.as_str(), "supermarket-expired-yoghurt"];
        let selection = select(&app_index, &own, &ids(&chosen)).expect("selected");
        assert_eq!(
            selection.to_fetch.len(),
            2,
            "the shipped one in each language"
        );
        assert!(
            selection
                .to_fetch
                .iter()
                .all(|f| f.starts_with("supermarket-expired-yoghurt."))
        );
        let folder = selection
            .folder(fetch_all(&selection, &files))
            .expect("complete");
        let listed = read_files(&folder.files["files.json"]).expect("files.json");
        let listed: Vec<&str> = listed.scenarios.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            listed,
            [scenarios[0].id.as_str(), "supermarket-expired-yoghurt"]
        );
        // 2 scenarios × 2 languages, index.json, files.json.
        assert_eq!(folder.files.len(), 6);
        for (name, text) in &folder.files {
            if name != "index.json" && name != "files.json" {
                read_scenario(text).expect(name);
            }
        }
    }

    #[test]
    fn nothing_or_an_unknown_scenario_is_refused() {
        let (_, index, files) = shipped();
        assert_eq!(
            select(&index, &[], &BTreeSet::new()),
            Err(HandoutError::NothingSelected)
        );
        assert_eq!(
            select(&index, &[], &ids(&["no-such-thing"])),
            Err(HandoutError::UnknownScenario(ScenarioId::new(
                "no-such-thing"
            )))
        );
        let selection =
            select(&index, &[], &ids(&["supermarket-expired-yoghurt"])).expect("selected");
        let mut fetched = fetch_all(&selection, &files);
        let gone = fetched.keys().next().cloned().expect("a file");
        fetched.remove(&gone);
        assert_eq!(
            selection.folder(fetched),
            Err(HandoutError::MissingFile(format!("scenarios/{gone}")))
        );
    }

    fn folder_of(list: &[&str]) -> ScenarioFolder {
        let (_, index, files) = shipped();
        let selection = select(&index, &[], &ids(list)).expect("selected");
        selection
            .folder(fetch_all(&selection, &files))
            .expect("complete")
    }

    const TEMPLATE: &str = concat!(
        "<!doctype html>\n<html lang=\"de\">\n  <head>\n",
        "    <meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self' 'sha256-abc'\" />\n",
        "    <script type=\"application/json\" id=\"counterpart-scenarios\">{}</script>\n",
        "    <script type=\"module\">await start();</script>\n",
        "  </head>\n</html>\n"
    );

    #[test]
    fn the_single_file_gets_the_scenarios_in_its_block_and_nothing_else_changes() {
        let mut folder = folder_of(&["supermarket-expired-yoghurt"]);
        // A text that would end the block if written as it is.
        folder.files.insert("x.json".into(), "</script><!--".into());
        let html = single_file(TEMPLATE, &folder, false).expect("filled");
        let start = html.find(BLOCK_START).expect("block") + BLOCK_START.len();
        let end = start + html[start..].find("</script>").expect("end");
        let block: BTreeMap<String, String> = json::from_str(&html[start..end]).expect("JSON");
        assert_eq!(block, folder.files);
        assert!(!html[start..end].contains('<'));
        assert_eq!(
            format!("{}{}", &html[..start], &html[end..]),
            TEMPLATE.replace("{}</script>", "</script>"),
            "the policy and the scripts stay as they are"
        );
        let hidden = single_file(TEMPLATE, &folder, true).expect("filled");
        assert!(hidden.contains("<head>\n    <meta name=\"counterpart-no-preview\" content=\"\" />\n    <meta http-equiv"));
        let titled = TEMPLATE.replace(
            "<head>\n",
            "<head>\n    <meta name=\"a\" />\n    <title>Counterpart</title>\n",
        );
        let hidden = single_file(&titled, &folder, true).expect("filled");
        assert!(hidden.contains("<meta name=\"a\" />\n    <meta name=\"counterpart-no-preview\" content=\"\" />\n    <title>"));
        assert_eq!(
            single_file("<html><head></head></html>", &folder, false),
            Err(HandoutError::NoScenarioBlock(SINGLE_FILE_TEMPLATE.into()))
        );
    }

    fn app() -> BTreeMap<String, Vec<u8>> {
        [
            ("index.html", TEMPLATE.as_bytes().to_vec()),
            (
                "counterpart-0123_bg.wasm",
                vec![0, 97, 115, 109, 1, 0, 0, 0],
            ),
            ("icons/icon-192.png", vec![137, 80, 78, 71]),
            ("sw.js", b"precache".to_vec()),
            ("handout/counterpart.html", b"template".to_vec()),
            ("scenarios/old.de.json", b"{}".to_vec()),
        ]
        .into_iter()
        .map(|(n, b)| (n.to_string(), b))
        .collect()
    }

    fn unzip(bytes: Vec<u8>) -> Vec<(String, Vec<u8>)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        (0..archive.len())
            .map(|i| {
                let mut file = archive.by_index(i).expect("entry");
                let mut bytes = Vec::new();
                file.read_to_end(&mut bytes).expect("bytes");
                (file.name().to_string(), bytes)
            })
            .collect()
    }

    #[test]
    fn a_package_has_its_descriptor_first_then_the_app_with_the_chosen_scenarios() {
        let folder = folder_of(&["supermarket-expired-yoghurt", "vet-practice-long-wait"]);
        let assignment = Assignment {
            required: vec![ScenarioId::new("vet-practice-long-wait")],
            mastery_score: 80,
        };
        for kind in PackageKind::ALL {
            let request = PackageRequest {
                kind,
                title: " Kundengespräche & Übungen ",
                assignment: &assignment,
                time: DosTime::EARLIEST,
            };
            let entries = unzip(lms_package(&request, &app(), &folder).expect("packaged"));
            let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
            let mut expected = vec![
                "counterpart-0123_bg.wasm",
                "icons/icon-192.png",
                "index.html",
            ];
            let scenario_names: Vec<String> = folder
                .files
                .keys()
                .map(|n| format!("scenarios/{n}"))
                .collect();
            expected.extend(scenario_names.iter().map(String::as_str));
            expected.sort();
            let (descriptor, _) = kind.descriptor(&PackageInfo {
                title: "",
                assignment: &assignment,
                files: &[],
                course_id: None,
            });
            assert_eq!(names[0], descriptor);
            assert_eq!(&names[1..], expected.as_slice(), "{kind:?}");
            // The descriptor is what `counterpart-package` writes for these files.
            let files: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            let info = PackageInfo {
                title: "Kundengespräche & Übungen",
                assignment: &assignment,
                files: &files,
                course_id: None,
            };
            assert_eq!(
                String::from_utf8_lossy(&entries[0].1),
                kind.descriptor(&info).1
            );
            // index.html: the assignment, and the chosen scenarios' files.json.
            let index = String::from_utf8(
                entries
                    .iter()
                    .find(|(n, _)| n == "index.html")
                    .expect("index")
                    .1
                    .clone(),
            )
            .expect("UTF-8");
            assert!(index.contains(r#"<meta name="counterpart-assignment" content="required=vet-practice-long-wait&amp;mastery=80" />"#));
            let expected_block = with_scenario_block(
                TEMPLATE,
                "index.html",
                &BTreeMap::from([("files.json".to_string(), folder.files["files.json"].clone())]),
            )
            .expect("block");
            assert_eq!(index, with_assignment(&expected_block, &assignment));
            let wasm = &entries
                .iter()
                .find(|(n, _)| n == "counterpart-0123_bg.wasm")
                .expect("wasm")
                .1;
            assert_eq!(wasm, &app()["counterpart-0123_bg.wasm"]);
        }
    }

    #[test]
    fn a_package_refuses_an_empty_title_and_a_required_scenario_not_chosen() {
        let folder = folder_of(&["supermarket-expired-yoghurt"]);
        let assignment = Assignment {
            required: vec![ScenarioId::new("vet-practice-long-wait")],
            mastery_score: 70,
        };
        let request = |title| PackageRequest {
            kind: PackageKind::Scorm12,
            title,
            assignment: &assignment,
            time: DosTime::EARLIEST,
        };
        assert_eq!(
            lms_package(&request("T"), &app(), &folder),
            Err(HandoutError::RequiredNotSelected(ScenarioId::new(
                "vet-practice-long-wait"
            )))
        );
        assert_eq!(
            lms_package(&request("  "), &app(), &folder),
            Err(HandoutError::EmptyTitle)
        );
        let mut no_index = app();
        no_index.remove("index.html");
        let everything = Assignment::default();
        let request = PackageRequest {
            kind: PackageKind::Cmi5,
            title: "T",
            assignment: &everything,
            time: DosTime::EARLIEST,
        };
        assert_eq!(
            lms_package(&request, &no_index, &folder),
            Err(HandoutError::MissingFile("index.html".into()))
        );
    }

    #[test]
    fn the_list_of_app_files_reads_back_and_refuses_another_format() {
        let list = AppFiles {
            format: APP_FILES_FORMAT,
            files: vec!["index.html".into(), "icons/icon.svg".into()],
        };
        assert_eq!(read_app_files(&json::to_string(&list)), Ok(list));
        assert!(matches!(
            read_app_files(r#"{"format": 2, "files": []}"#),
            Err(HandoutError::Unreadable(..))
        ));
        assert!(read_app_files("not json").is_err());
    }

    #[test]
    fn which_app_files_a_browser_built_package_takes() {
        for kept in [
            "index.html",
            "chunk_1-ab.wasm",
            "icons/icon.svg",
            "scenarios.txt",
            "sw-register.js",
        ] {
            assert!(in_browser_package(kept), "{kept}");
        }
        for left_out in ["sw.js", "scenarios/index.json", "handout/counterpart.html"] {
            assert!(!in_browser_package(left_out), "{left_out}");
        }
    }

    #[test]
    fn every_message_has_both_languages() {
        let all = [
            HandoutError::NothingSelected,
            HandoutError::UnknownScenario(ScenarioId::new("x")),
            HandoutError::RequiredNotSelected(ScenarioId::new("x")),
            HandoutError::EmptyTitle,
            HandoutError::Unreadable("a".into(), "b".into()),
            HandoutError::NoScenarioBlock("a".into()),
            HandoutError::MissingFile("a".into()),
            HandoutError::Zip(ZipError::TooLarge),
        ];
        for error in all {
            let message = error.message();
            assert!(!message.en.is_empty() && !message.de.is_empty());
            assert_ne!(message.en, message.de, "{error:?}");
        }
    }

    #[test]
    fn scenario_files_read_back_as_the_same_scenarios() {
        let (scenarios, _, _) = shipped();
        let chosen: Vec<Scenario> = scenarios
            .iter()
            .filter(|s| ["bike-shop-indecisive", "vet-practice-long-wait"].contains(&s.id.as_str()))
            .map(as_imported)
            .collect();
        let (name, bytes, mime) =
            scenario_files(&chosen[..1], DosTime::EARLIEST).expect("one file");
        assert_eq!(
            (name.as_str(), mime),
            ("bike-shop-indecisive.toml", "application/toml")
        );
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert_eq!(
            crate::engine::load::load(&name, &text).expect("loads"),
            chosen[0]
        );

        let (name, bytes, mime) = scenario_files(&chosen, DosTime::EARLIEST).expect("a zip");
        assert_eq!(
            (name.as_str(), mime),
            (SCENARIO_FILES_ZIP, "application/zip")
        );
        let files = unzip(bytes);
        assert_eq!(files.len(), 2);
        for ((name, bytes), scenario) in files.iter().zip(&chosen) {
            assert_eq!(name, &format!("{}.toml", scenario.id));
            let text = std::str::from_utf8(bytes).expect("UTF-8");
            assert_eq!(
                &crate::engine::load::load(name, text).expect("loads"),
                scenario
            );
        }
        assert!(matches!(
            scenario_files(&[], DosTime::EARLIEST),
            Err(HandoutError::NothingSelected)
        ));
    }
}
