//! The scenarios shipped with the app, embedded at build time by `build.rs`
//! for native tests and tools, and how a folder of scenario files is listed.

#[cfg(not(target_arch = "wasm32"))]
use crate::engine::{Diagnostic, LoadError, Scenario, ScenarioId, load};

/// `(file name, TOML source)` of every file in `scenarios/` (native only: the
/// web app fetches the compiled form, see `engine::compiled`).
#[cfg(not(target_arch = "wasm32"))]
pub const SCENARIO_FILES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/scenario_files.rs"));

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
    pub fn load() -> Catalog {
        let mut scenarios = Vec::new();
        let mut problems = Vec::new();
        for (name, source) in SCENARIO_FILES {
            match load(name, source) {
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
