//! The scenarios shipped with the app, read from `scenarios/` for native tests
//! (at run time, so editing a scenario does not rebuild the crate), and how a
//! folder of scenario files is listed.

#[cfg(not(target_arch = "wasm32"))]
use crate::engine::{Diagnostic, LoadError, Scenario, ScenarioId, load};

/// The folder of the shipped scenarios (native only: the web app fetches the
/// compiled form, see `engine::compiled`).
#[cfg(not(target_arch = "wasm32"))]
pub const SCENARIO_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");

/// The `.toml` files directly in a folder, sorted by name: the order the
/// checker reports in and the build compiles in.
pub fn toml_files_in(dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

/// The loaded scenarios, in file-name order.
#[cfg(not(target_arch = "wasm32"))]
pub struct Catalog {
    pub scenarios: Vec<Scenario>,
    /// Problems in shipped files (tests keep this empty; the app shows them).
    pub problems: Vec<Diagnostic>,
}

#[cfg(not(target_arch = "wasm32"))]
impl Catalog {
    /// Reads every file in [`SCENARIO_DIR`]; a file that cannot be read is a
    /// problem like any other, not a panic.
    pub fn load() -> Catalog {
        let mut scenarios = Vec::new();
        let mut problems = Vec::new();
        let files = toml_files_in(std::path::Path::new(SCENARIO_DIR)).unwrap_or_default();
        for path in files {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let source = match std::fs::read_to_string(&path) {
                Ok(source) => source,
                Err(e) => {
                    let mut found = crate::engine::diagnostic::Diagnostics::new(&name, "");
                    let e = e.to_string();
                    found.error(
                        0,
                        crate::say!(
                            "the file cannot be read: {e}",
                            "die Datei kann nicht gelesen werden: {e}"
                        ),
                        None,
                    );
                    problems.extend(found.into_sorted());
                    continue;
                }
            };
            match load(&name, &source) {
                Ok(s) => scenarios.push(s),
                Err(LoadError(found)) => problems.extend(found),
            }
        }
        Catalog {
            scenarios,
            problems,
        }
    }

    pub fn get(&self, id: &ScenarioId) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| &s.id == id)
    }
}
