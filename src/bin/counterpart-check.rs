//! `counterpart-check`: checks scenario files and prints compiler-style errors
//! (exit 1) or a summary of each scenario (exit 0).

use counterpart::engine::analysis::{summarize, ways_to_endings};
use counterpart::engine::graph::{to_dot, to_mermaid};
use counterpart::engine::lint::warnings;
use counterpart::engine::{Lang, LoadError, Scenario, Technique, load};
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

/// Technique × scenario: `+` applied well possible, `-` misapplication possible.
fn print_matrix(scenarios: &[Scenario]) {
    println!("\ntechnique × scenario (+ can be applied well, - can be misapplied):");
    for (i, s) in scenarios.iter().enumerate() {
        println!("  {:>2} {}", i + 1, s.id);
    }
    let header: String = (1..=scenarios.len()).map(|i| format!("{i:>3}")).collect();
    println!("  {:<10}{header}  good  poor", "");
    for technique in Technique::ALL {
        let mut row = String::new();
        let (mut good, mut poor) = (0, 0);
        for s in scenarios {
            let g = s.techniques_practised().contains(technique);
            let p = s.techniques_misapplicable().contains(technique);
            good += usize::from(g);
            poor += usize::from(p);
            row.push_str(match (g, p) {
                (true, true) => " +-",
                (true, false) => "  +",
                (false, true) => "  -",
                (false, false) => "  .",
            });
        }
        println!("  {:<10}{row}  {good:>4}  {poor:>4}", technique.id());
    }
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // `--graph DIR`: also write each scenario as Mermaid and Graphviz DOT.
    let graph_dir = args.iter().position(|a| a == "--graph").map(|i| {
        let dir = args
            .get(i + 1)
            .cloned()
            .unwrap_or_else(|| "target/graphs".into());
        args.drain(i..(i + 2).min(args.len()));
        PathBuf::from(dir)
    });
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
    let mut loaded = Vec::new();
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
                    "ok {id}: \"{title}\" — {nodes} nodes, {endings} endings, decisions {min}–{max}{looped} (best path {best}), score {smin}–{smax}\n   outcomes: {outcomes}\n   techniques: {techniques}",
                    id = scenario.id,
                    title = scenario.title.get(Lang::De),
                    nodes = s.nodes,
                    endings = s.endings,
                    min = s.decisions_min,
                    max = s.decisions_max,
                    looped = if s.has_loop { "+ (loops)" } else { "" },
                    best = s.best_path_decisions,
                    smin = s.score_min,
                    smax = s.score_max,
                    outcomes = outcomes.join(", "),
                    techniques = techniques.join(", "),
                );
                let ways = ways_to_endings(&scenario);
                for node in scenario.nodes() {
                    if let Some(ending) = &node.ending {
                        let way = match ways.get(&node.id) {
                            Some(replies) => replies
                                .iter()
                                .map(|r| r.as_str())
                                .collect::<Vec<_>>()
                                .join(" → "),
                            None => "not reached from the lowest start mood".into(),
                        };
                        println!("   ending `{}` ({}): {way}", node.id, ending.outcome.id());
                    }
                }
                for w in warnings(&scenario, &s) {
                    println!("   warning: {}: {}", w.place.en, w.message.en);
                }
                if let Some(dir) = &graph_dir {
                    let written = std::fs::create_dir_all(dir)
                        .and_then(|_| {
                            std::fs::write(
                                dir.join(format!("{}.mmd", scenario.id)),
                                to_mermaid(&scenario, Lang::De),
                            )
                        })
                        .and_then(|_| {
                            std::fs::write(
                                dir.join(format!("{}.dot", scenario.id)),
                                to_dot(&scenario, Lang::De),
                            )
                        });
                    if let Err(e) = written {
                        eprintln!("{}: error: cannot write the graph: {e}", dir.display());
                        problems += 1;
                    }
                }
                loaded.push(scenario);
            }
            Err(LoadError(found)) => {
                for d in &found {
                    eprintln!("{d}");
                }
                problems += found.len();
            }
        }
    }
    if loaded.len() > 1 {
        print_matrix(&loaded);
    }
    if problems > 0 {
        eprintln!("\n{problems} problem(s) in {} file(s) checked", files.len());
        ExitCode::from(1)
    } else {
        println!("\n{} scenario(s) ok", files.len());
        ExitCode::SUCCESS
    }
}
