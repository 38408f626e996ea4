//! `counterpart-compile <scenario folder> <output folder>`: checks every
//! scenario and writes the compiled form the web app fetches (`index.json`,
//! the slim `files.json` the page embeds for deep links, one `<id>.<lang>.<fingerprint>.json` per scenario and language, see
//! `engine::compiled`), and beside each its first turn as HTML
//! (`<id>.<lang>.<fingerprint>.html`, see `early_turn`).
//! Any scenario error stops the build, with every error printed.

use counterpart::catalog::toml_files_in;
use counterpart::early_turn::first_turn_html;
use counterpart::engine::compiled::{
    COMPILED_FORMAT, CompiledIndex, IndexEntry, ScenarioCard, compile,
};
use counterpart::engine::{LoadError, load};
use std::path::Path;
use std::process::ExitCode;

fn run(source_dir: &Path, out_dir: &Path) -> Result<(usize, usize), String> {
    let files = toml_files_in(source_dir).map_err(|e| format!("{}: {e}", source_dir.display()))?;
    let mut entries = Vec::new();
    let mut outputs = Vec::new();
    let mut errors = Vec::new();
    for path in &files {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
        match load(&name, &text) {
            Ok(scenario) => {
                let mut files = std::collections::BTreeMap::new();
                for (lang, file, json) in compile(&scenario) {
                    files.insert(lang, file.clone());
                    // Its first turn as HTML, shown before the app is ready.
                    let early = file.strip_suffix(".json").unwrap_or(&file).to_string() + ".html";
                    outputs.push((early, first_turn_html(&scenario, lang)));
                    outputs.push((file, json));
                }
                entries.push(IndexEntry {
                    card: ScenarioCard::of(&scenario),
                    files,
                });
            }
            Err(LoadError(found)) => errors.extend(found.iter().map(ToString::to_string)),
        }
    }
    if !errors.is_empty() {
        return Err(errors.join("\n"));
    }
    // Old fingerprinted files would pile up in a reused folder: start clean.
    if out_dir.exists() {
        std::fs::remove_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    }
    std::fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let index = CompiledIndex {
        format: COMPILED_FORMAT,
        scenarios: entries,
    };
    outputs.push((
        "files.json".into(),
        counterpart::engine::json::to_string(&index.files()),
    ));
    outputs.push((
        "index.json".into(),
        counterpart::engine::json::to_string(&index),
    ));
    let mut bytes = 0;
    for (file, json) in &outputs {
        bytes += json.len();
        std::fs::write(out_dir.join(file), json).map_err(|e| format!("{file}: {e}"))?;
    }
    Ok((files.len(), bytes))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source_dir, out_dir] = args.as_slice() else {
        eprintln!("usage: counterpart-compile <scenario folder> <output folder>");
        return ExitCode::from(2);
    };
    match run(Path::new(source_dir), Path::new(out_dir)) {
        Ok((count, bytes)) => {
            eprintln!("compiled {count} scenarios into {out_dir} ({bytes} bytes)");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
