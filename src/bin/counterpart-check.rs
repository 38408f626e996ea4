//! `counterpart-check`: checks scenario files and prints compiler-style errors
//! (exit 1) or a summary of each scenario (exit 0).

use counterpart::engine::analysis::summarize;
use counterpart::engine::{Lang, LoadError, load};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn scenario_files(args: &[String]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        if path.is_dir() {
            let entries = std::fs::read_dir(path)
                .map_err(|e| format!("{arg}: cannot read the folder: {e}"))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.to_path_buf());
        }
    }
    Ok(files)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!(
            "usage: counterpart-check <scenario.toml | folder>...\n\nChecks scenario files; prints every problem, or a summary of each scenario."
        );
        return ExitCode::from(2);
    }
    let files = match scenario_files(&args) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let mut problems = 0;
    for file in &files {
        let name = file.display().to_string();
        let source = match std::fs::read_to_string(file) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{name}: error: cannot read the file: {e}");
                problems += 1;
                continue;
            }
        };
        match load(&name, &source) {
            Ok(scenario) => {
                let s = summarize(&scenario);
                let techniques: Vec<&str> = s.techniques.iter().map(|t| t.id()).collect();
                let outcomes: Vec<&str> = s.outcomes.iter().map(|o| o.id()).collect();
                println!(
                    "ok {id}: \"{title}\" — {nodes} nodes, {endings} endings, decisions {min}–{max}{looped}, score {smin}–{smax}\n   outcomes: {outcomes}\n   techniques: {techniques}",
                    id = scenario.id,
                    title = scenario.title.get(Lang::De),
                    nodes = s.nodes,
                    endings = s.endings,
                    min = s.decisions_min,
                    max = s.decisions_max,
                    looped = if s.has_loop { "+ (loops)" } else { "" },
                    smin = s.score_min,
                    smax = s.score_max,
                    outcomes = outcomes.join(", "),
                    techniques = techniques.join(", "),
                );
            }
            Err(LoadError(found)) => {
                for d in &found {
                    eprintln!("{d}");
                }
                problems += found.len();
            }
        }
    }
    if problems > 0 {
        eprintln!("\n{problems} problem(s) in {} file(s) checked", files.len());
        ExitCode::from(1)
    } else {
        println!("\n{} scenario(s) ok", files.len());
        ExitCode::SUCCESS
    }
}
