//! `counterpart-bench`: how the scenario checker and the engine scale. Builds
//! generated scenarios of 1,000, 10,000 and 100,000 nodes and times parse +
//! validate, the checker's summary, the whole checker work for one file, and
//! a 1,000-reply playthrough; prints a table and writes
//! `target/bench/native.json`. Run with `scripts/bench`; node counts given as
//! arguments (`counterpart-bench 10000`) replace the default three.
//! `--emit DIR` writes the generated files (`DIR/bench-<nodes>.toml`) instead,
//! to time `counterpart-check` on them from outside (`/usr/bin/time -v`).

use counterpart::engine::analysis::{summarize, ways_to_endings};
use counterpart::engine::lint::warnings;
use counterpart::engine::{ReplyId, Session, load};
use std::time::Instant;

/// A chain of decisions with a loop back and an escalation route at every node.
fn generated(decisions: usize) -> String {
    let mut toml = String::from(
        "format = 1\nlanguages = [\"de\", \"en\"]\n[scenario]\ntitle = { de = \"Last\", en = \"Load\" }\nsummary = { de = \"S\", en = \"S\" }\ncustomer = { de = \"K\", en = \"C\" }\ncustomer_type = \"grumbler\"\nsetting = \"other\"\ndifficulty = 2\nstart_mood = 50\nstart = \"n0\"\n",
    );
    for i in 0..decisions {
        let next = format!("n{}", i + 1);
        let back = format!("n{}", i.saturating_sub(3));
        toml += &format!(
            "[[node]]\nid = \"n{i}\"\nlines = [{{ de = \"Kunde {i}\", en = \"Customer {i}\" }}, {{ de = \"Kundin {i}\", en = \"Client {i}\" }}]\n\
[[node.reply]]\nid = \"good\"\ntext = {{ de = \"Gut\", en = \"Good\" }}\nrating = \"good\"\ntechniques = [\"calm\"]\nmood_change = -5\nmood_reason = {{ de = \"ruhig\", en = \"calm\" }}\nfeedback = {{ de = \"Ruhe bewahren\", en = \"Stay calm\" }}\nnext = \"{next}\"\n\
[[node.reply]]\nid = \"poor\"\ntext = {{ de = \"Schlecht\", en = \"Poor\" }}\nrating = \"poor\"\nmood_change = 10\nmood_reason = {{ de = \"gereizt\", en = \"irritated\" }}\nfeedback = {{ de = \"f\", en = \"f\" }}\nnext = \"{next}\"\n\
[[node.reply.route]]\nmood_at_least = 95\nnext = \"escalated\"\n\
[[node.reply]]\nid = \"again\"\ntext = {{ de = \"Nochmal\", en = \"Again\" }}\nrating = \"acceptable\"\nfeedback = {{ de = \"f\", en = \"f\" }}\nnext = \"{back}\"\n"
        );
    }
    for (id, outcome) in [
        (format!("n{decisions}"), "resolved"),
        ("escalated".to_string(), "escalated"),
    ] {
        toml += &format!(
            "[[node]]\nid = \"{id}\"\nlines = [{{ de = \"Ende\", en = \"End\" }}]\n[node.ending]\noutcome = \"{outcome}\"\ntitle = {{ de = \"E\", en = \"E\" }}\ndebrief = {{ de = \"D\", en = \"D\" }}\n"
        );
    }
    toml
}

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> f64 {
    median_ms(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed().as_secs_f64() * 1000.0
            })
            .collect(),
    )
}

/// What `counterpart-check` does for one valid file, minus the printing:
/// load, summary, the way to each ending, warnings.
fn check(toml: &str) {
    let scenario = load("bench.toml", toml).expect("the generated scenario is valid");
    let summary = summarize(&scenario);
    let ways = ways_to_endings(&scenario);
    let found = warnings(&scenario, &summary);
    std::hint::black_box((ways, found));
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let emit = args
        .iter()
        .position(|a| a == "--emit")
        .and_then(|i| args.get(i + 1));
    let sizes: Vec<usize> = args
        .iter()
        .filter_map(|a| a.replace([',', '_'], "").parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    if let Some(dir) = emit {
        for decisions in sizes {
            let path = std::path::Path::new(dir).join(format!("bench-{decisions}.toml"));
            if let Err(e) = std::fs::write(&path, generated(decisions)) {
                eprintln!("counterpart-bench: cannot write {}: {e}", path.display());
                std::process::exit(1);
            }
            println!("written: {}", path.display());
        }
        return;
    }
    let mut rows = Vec::new();
    println!(
        "{:>9} {:>10} {:>16} {:>14} {:>14} {:>20} {:>12}",
        "nodes", "bytes", "parse+validate", "summary", "checker", "1,000 replies", "µs per node"
    );
    for decisions in sizes {
        let toml = generated(decisions);
        let runs = if decisions >= 100_000 { 3 } else { 5 };
        let mut loaded = None;
        let load_ms = time(runs, || {
            loaded = Some(load("bench.toml", &toml).expect("the generated scenario is valid"))
        });
        let Some(scenario) = loaded else { return };
        let summary_ms = time(runs, || {
            let _ = summarize(&scenario);
        });
        let check_ms = time(runs, || check(&toml));
        let good = ReplyId::new("good");
        let again = ReplyId::new("again");
        let play_ms = time(runs, || {
            let mut session = Session::start(&scenario, 7);
            for step in 0..1000 {
                if session.is_finished(&scenario) {
                    session = Session::start(&scenario, step);
                }
                let reply = if step % 4 == 3 { &again } else { &good };
                let _ = session.choose(&scenario, reply).expect("valid reply");
            }
        });
        let nodes = scenario.nodes().len();
        println!(
            "{nodes:>9} {:>10} {:>13.1} ms {:>11.1} ms {:>11.1} ms {:>17.2} ms {:>12.2}",
            toml.len(),
            load_ms,
            summary_ms,
            check_ms,
            play_ms,
            load_ms * 1000.0 / nodes as f64
        );
        rows.push(format!(
            "{{\"nodes\":{nodes},\"bytes\":{},\"parse_validate_ms\":{load_ms:.3},\"summary_ms\":{summary_ms:.3},\"checker_ms\":{check_ms:.3},\"playthrough_1000_ms\":{play_ms:.3}}}",
            toml.len()
        ));
    }
    println!(
        "parse + validate per node stays roughly flat from 1k to 100k nodes when time grows linearly."
    );
    println!(
        "checker: load + summary + ways to the endings + warnings, what counterpart-check does per file."
    );
    let json = format!("{{\"native\":[{}]}}\n", rows.join(","));
    if std::fs::create_dir_all("target/bench")
        .and_then(|_| std::fs::write("target/bench/native.json", json))
        .is_ok()
    {
        println!("written: target/bench/native.json");
    }
}
