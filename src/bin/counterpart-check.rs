//! `counterpart-check`: checks scenario files and prints compiler-style errors
//! (exit 1) or a summary of each scenario (exit 0), in English or, with
//! `--lang de`, in German; with `--recognise`, also what the typed-reply
//! recogniser reads in each authored reply.

use counterpart::catalog::toml_files_in;
use counterpart::engine::analysis::{summarize, ways_to_endings};
use counterpart::engine::cues::{
    CueFigures, LONGEST_GOOD_MAX_PERCENT, SHORTEST_GOOD_MIN_PERCENT, TWO_WAYS_MIN_PERCENT,
};
use counterpart::engine::diagram::{to_dot, to_mermaid};
use counterpart::engine::lint::{variant_detail_hints, warnings};
use counterpart::engine::recognise::Recognition;
use counterpart::engine::recognise_data::read_authored_replies;
use counterpart::engine::transcripts;
use counterpart::engine::{Lang, LoadError, Rating, Scenario, Technique, load};
use counterpart::say;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn usage(lang: Lang) -> String {
    say!(
        "usage: counterpart-check [--lang de|en] [--graph DIR] [--transcripts DIR] [--recognise] <scenario.toml | folder>...

Checks scenario files; prints every problem, or a summary of each scenario.
  --lang de|en       language of the messages (default: en)
  --graph DIR        also write each scenario as Mermaid and Graphviz DOT into DIR
  --transcripts DIR  also write every path of each scenario as a transcript
                     (<id>.de.md, <id>.en.md) into DIR, to read what trainees see
  --recognise        also show what the typed-reply recogniser reads in each reply,
                     and warn where a good reply's technique is not recognised",
        "Aufruf: counterpart-check [--lang de|en] [--graph ORDNER] [--transcripts ORDNER] [--recognise] <szenario.toml | ordner>...

Prüft Szenariodateien: meldet jedes Problem oder fasst jedes Szenario zusammen.
  --lang de|en          Sprache der Meldungen (Standard: en)
  --graph ORDNER        schreibt jedes Szenario zusätzlich als Ablaufplan (Mermaid
                        und Graphviz DOT) in den ORDNER
  --transcripts ORDNER  schreibt jeden Weg jedes Szenarios als Gesprächsverlauf
                        (<id>.de.md, <id>.en.md) in den ORDNER, zum Gegenlesen
  --recognise           zeigt zusätzlich, was die Erkennung eigener Antworten in jeder
                        Antwort liest, und warnt, wo die Technik einer guten Antwort
                        nicht erkannt wird"
    )
    .get(lang)
    .to_string()
}

/// What the command line asks for.
struct Options {
    lang: Lang,
    /// `--graph DIR`: also write each scenario as Mermaid and Graphviz DOT.
    graph_dir: Option<PathBuf>,
    /// `--transcripts DIR`: also write every path as a readable transcript.
    transcripts_dir: Option<PathBuf>,
    /// `--recognise`: also report what the recogniser reads in each reply.
    recognise: bool,
    help: bool,
    paths: Vec<String>,
}

/// Reads the arguments (with lexopt); `Err` is the message for a wrong one.
fn parse_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<Options, String> {
    use lexopt::prelude::*;
    let fail = |e: lexopt::Error| format!("counterpart-check: {e}");
    let mut parser = lexopt::Parser::from_args(args);
    let mut options = Options {
        lang: Lang::En,
        graph_dir: None,
        transcripts_dir: None,
        recognise: false,
        help: false,
        paths: Vec::new(),
    };
    while let Some(arg) = parser.next().map_err(fail)? {
        match arg {
            Long("lang") => {
                let Ok(value) = parser.value() else {
                    return Err("counterpart-check: --lang needs a language, `de` or `en`".into());
                };
                let value = value.string().map_err(fail)?;
                options.lang = Lang::from_code(&value).ok_or_else(|| {
                    format!(
                        "counterpart-check: unknown language `{value}` for --lang; use `de` or `en`"
                    )
                })?;
            }
            Long("graph") => options.graph_dir = Some(parser.value().map_err(fail)?.into()),
            Long("transcripts") => {
                options.transcripts_dir = Some(parser.value().map_err(fail)?.into())
            }
            Long("recognise") | Long("recognize") => options.recognise = true,
            Short('h') | Long("help") => options.help = true,
            Value(path) => options.paths.push(path.string().map_err(fail)?),
            _ => return Err(fail(arg.unexpected())),
        }
    }
    Ok(options)
}

/// Writes `<id>.de.md` and `<id>.en.md` with every path of the scenario.
fn write_transcripts(dir: &Path, scenario: &Scenario) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for &l in &scenario.languages {
        let file = dir.join(format!("{}.{}.md", scenario.id, l.code()));
        std::fs::write(file, transcripts::render(scenario, l))?;
    }
    Ok(())
}

fn scenario_files(args: &[String], lang: Lang) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for arg in args {
        let path = Path::new(arg);
        if path.is_dir() {
            let found = toml_files_in(path).map_err(|e| {
                say!(
                    "{arg}: cannot read the folder: {e}",
                    "{arg}: der Ordner kann nicht gelesen werden: {e}"
                )
                .get(lang)
                .to_string()
            })?;
            files.extend(found);
        } else {
            files.push(path.to_path_buf());
        }
    }
    Ok(files)
}

/// Technique × scenario: `+` applied well possible, `-` misapplication possible.
fn print_matrix(scenarios: &[Scenario], lang: Lang) {
    let title = say!(
        "technique × scenario (+ can be applied well, - can be misapplied):",
        "Technik × Szenario (+ kann gut angewendet werden, - kann falsch angewendet werden):"
    );
    println!("\n{}", title.get(lang));
    for (i, s) in scenarios.iter().enumerate() {
        println!("  {:>2} {}", i + 1, s.id);
    }
    let header: String = (1..=scenarios.len()).map(|i| format!("{i:>3}")).collect();
    let (good_label, poor_label) = match lang {
        Lang::De => ("gut", "falsch"),
        Lang::En => ("good", "poor"),
    };
    // The count columns are as wide as their label, at least four.
    let good_width = good_label.chars().count().max(4);
    let poor_width = poor_label.chars().count().max(4);
    println!(
        "  {:<10}{header}  {good_label:>good_width$}  {poor_label:>poor_width$}",
        ""
    );
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
        println!(
            "  {:<10}{row}  {good:>good_width$}  {poor:>poor_width$}",
            technique.id()
        );
    }
}

/// Ids joined by commas, misapplied ones with a leading `-`; "–" for none.
fn technique_list(recognition: &Recognition) -> String {
    let ids: Vec<String> = recognition
        .techniques
        .iter()
        .map(|t| t.id().to_string())
        .chain(
            recognition
                .misapplied
                .iter()
                .map(|t| format!("-{}", t.id())),
        )
        .collect();
    if ids.is_empty() {
        "–".into()
    } else {
        ids.join(",")
    }
}

/// The `--recognise` section: per scenario, each reply with its labels and
/// what the recogniser reads in each language; then the warnings.
fn print_recognition(scenarios: &[Scenario], lang: Lang) {
    let title = say!(
        "recogniser (--recognise): labelled → read per language (-id = misapplied)",
        "Erkennung (--recognise): markiert → gelesen je Sprache (-id = falsch angewendet)"
    );
    println!("\n{}", title.get(lang));
    let mut warnings_found = Vec::new();
    // Techniques of good replies, counted once per language.
    let mut good_labels = 0;
    for scenario in scenarios {
        println!("  {}", scenario.id);
        let readings = read_authored_replies(scenario);
        for per_reply in readings.chunk_by(|a, b| a.node == b.node && a.reply == b.reply) {
            let first = &per_reply[0];
            let labelled: Vec<&str> = first.labelled.iter().map(|t| t.id()).collect();
            let labelled = if labelled.is_empty() {
                "–".to_string()
            } else {
                labelled.join(",")
            };
            let read: Vec<String> = per_reply
                .iter()
                .map(|r| format!("{}: {}", r.lang.code(), technique_list(&r.recognised)))
                .collect();
            println!(
                "    {}/{} [{} {labelled}] → {}",
                first.node,
                first.reply,
                first.rating.id(),
                read.join("  ")
            );
            for r in per_reply {
                if r.rating == Rating::Good {
                    good_labels += r.labelled.len();
                }
                for t in &r.not_recognised {
                    let (place, technique) =
                        (format!("{}/{}/{}", scenario.id, r.node, r.reply), t.id());
                    let (code, read) = (r.lang.code(), technique_list(&r.recognised));
                    warnings_found.push(say!(
                        "{place}: the good reply is labelled `{technique}`, but the recogniser reads ({code}) {read}",
                        "{place}: die gute Antwort ist mit `{technique}` markiert, die Erkennung liest aber ({code}) {read}"
                    ));
                }
            }
        }
    }
    let warning = say!("warning", "Warnung");
    for w in &warnings_found {
        println!("  {}: {}", warning.get(lang), w.get(lang));
    }
    let count = warnings_found.len();
    let read = good_labels - count;
    let summary = say!(
        "{count} recogniser warning(s): of the {good_labels} techniques of good replies (per language) the recogniser reads {read} (no effect on the exit code)",
        "{count} Erkennungswarnung(en): von den {good_labels} Techniken guter Antworten (je Sprache) liest die Erkennung {read} (ohne Einfluss auf den Rückgabewert)"
    );
    println!("  {}", summary.get(lang));
}

/// "4 problem(s) in 1 file(s) checked" / "4 Probleme in 1 geprüften Datei".
fn problems_line(problems: usize, files: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{problems} problem(s) in {files} file(s) checked"),
        Lang::De => format!(
            "{problems} {} in {files} geprüften {}",
            if problems == 1 { "Problem" } else { "Probleme" },
            if files == 1 { "Datei" } else { "Dateien" }
        ),
    }
}

/// "3 scenario(s) ok" / "3 Szenarien in Ordnung".
fn ok_line(files: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{files} scenario(s) ok"),
        Lang::De => format!(
            "{files} {} in Ordnung",
            if files == 1 { "Szenario" } else { "Szenarien" }
        ),
    }
}

/// The cue figures of a scenario or the library: how often the longest,
/// shortest and most comforting reply is good, and how many decisions offer
/// two right ways (the worse language counts).
fn cue_line(cues: &CueFigures, languages: &[Lang], lang: Lang) -> String {
    let decisions = cues.decisions;
    let longest = cues.longest_good_percent();
    let shortest = cues.shortest_good_percent(languages);
    let comforting = cues.comforting_good_percent();
    let (two, two_percent) = (cues.two_ways, cues.two_ways_percent());
    let (max, min, ways) = (
        LONGEST_GOOD_MAX_PERCENT,
        SHORTEST_GOOD_MIN_PERCENT,
        TWO_WAYS_MIN_PERCENT,
    );
    say!(
        "   cues in {decisions} decisions: longest reply good {longest} % (at most {max} %), shortest good {shortest} % (at least {min} %), most comforting good {comforting} %, two right ways {two} = {two_percent} % (at least {ways} %)",
        "   äußerliche Hinweise in {decisions} Entscheidungen: längste Antwort gut {longest} % (höchstens {max} %), kürzeste gut {shortest} % (mindestens {min} %), die mit den meisten beschwichtigenden Wörtern gut {comforting} %, zwei richtige Wege {two} = {two_percent} % (mindestens {ways} %)"
    )
    .get(lang)
    .to_string()
}

fn main() -> ExitCode {
    let Options {
        lang,
        graph_dir,
        transcripts_dir,
        recognise,
        help,
        paths: args,
    } = match parse_args(std::env::args_os().skip(1)) {
        Ok(options) => options,
        Err(e) => {
            eprintln!("{e}\n\n{}", usage(Lang::En));
            return ExitCode::from(2);
        }
    };
    if args.is_empty() || help {
        eprintln!("{}", usage(lang));
        return ExitCode::from(2);
    }
    let error = say!("error", "Fehler");
    let error = error.get(lang);
    let files = match scenario_files(&args, lang) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{error}: {e}");
            return ExitCode::from(2);
        }
    };
    let mut problems = 0;
    let mut loaded = Vec::new();
    let mut library_cues = CueFigures::default();
    for file in &files {
        let name = file.display().to_string();
        let source = match std::fs::read_to_string(file) {
            Ok(s) => s,
            Err(e) => {
                let why = say!(
                    "cannot read the file: {e}",
                    "die Datei kann nicht gelesen werden: {e}"
                );
                eprintln!("{name}: {error}: {}", why.get(lang));
                problems += 1;
                continue;
            }
        };
        match load(&name, &source) {
            Ok(scenario) => {
                let s = summarize(&scenario);
                let techniques = s.techniques.iter().map(|t| t.id()).collect::<Vec<_>>();
                let techniques = techniques.join(", ");
                let outcomes = s.outcomes.iter().map(|o| o.id()).collect::<Vec<_>>();
                let outcomes = outcomes.join(", ");
                let id = &scenario.id;
                let title = scenario.title.get(Lang::De);
                let (nodes, endings) = (s.nodes, s.endings);
                let (min, max, best) = (s.decisions_min, s.decisions_max, s.best_path_decisions);
                let (smin, smax) = (s.score_min, s.score_max);
                let looped = match (s.has_loop, lang) {
                    (false, _) => "",
                    (true, Lang::En) => "+ (loops)",
                    (true, Lang::De) => "+ (Schleifen)",
                };
                let report = say!(
                    "ok {id}: \"{title}\" — {nodes} nodes, {endings} endings, decisions {min}–{max}{looped} (best path {best}), score {smin}–{smax}
   outcomes: {outcomes}
   techniques: {techniques}",
                    "ok {id}: \"{title}\" — {nodes} Knoten, {endings} Enden, Entscheidungen {min}–{max}{looped} (bester Weg {best}), Punkte {smin}–{smax}
   Ausgänge: {outcomes}
   Techniken: {techniques}"
                );
                println!("{}", report.get(lang));
                let cues = CueFigures::of(&scenario);
                library_cues.add(&cues);
                println!("{}", cue_line(&cues, &scenario.languages, lang));
                let ways = ways_to_endings(&scenario);
                for node in scenario.nodes() {
                    if let Some(ending) = &node.ending {
                        let way = match ways.get(&node.id) {
                            Some(replies) => replies
                                .iter()
                                .map(|r| r.as_str())
                                .collect::<Vec<_>>()
                                .join(" → "),
                            None => say!(
                                "not reached from the lowest start mood",
                                "von der niedrigsten Startstimmung aus nicht erreichbar"
                            )
                            .get(lang)
                            .to_string(),
                        };
                        let (node_id, outcome) = (&node.id, ending.outcome.id());
                        let line = say!(
                            "   ending `{node_id}` ({outcome}): {way}",
                            "   Ende `{node_id}` ({outcome}): {way}"
                        );
                        println!("{}", line.get(lang));
                    }
                }
                let hint = say!("review", "prüfen");
                for h in variant_detail_hints(&scenario) {
                    println!(
                        "   {}: {}: {}",
                        hint.get(lang),
                        h.place.get(lang),
                        h.message.get(lang)
                    );
                }
                let warning = say!("warning", "Warnung");
                for w in warnings(&scenario, &s) {
                    println!(
                        "   {}: {}: {}",
                        warning.get(lang),
                        w.place.get(lang),
                        w.message.get(lang)
                    );
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
                        let why = say!(
                            "cannot write the graph: {e}",
                            "der Ablaufplan kann nicht geschrieben werden: {e}"
                        );
                        eprintln!("{}: {error}: {}", dir.display(), why.get(lang));
                        problems += 1;
                    }
                }
                if let Some(dir) = &transcripts_dir
                    && let Err(e) = write_transcripts(dir, &scenario)
                {
                    let why = say!(
                        "cannot write the transcripts: {e}",
                        "die Gesprächsverläufe können nicht geschrieben werden: {e}"
                    );
                    eprintln!("{}: {error}: {}", dir.display(), why.get(lang));
                    problems += 1;
                }
                loaded.push(scenario);
            }
            Err(LoadError(found)) => {
                for d in &found {
                    eprintln!("{}", d.render(lang));
                }
                problems += found.len();
            }
        }
    }
    if recognise {
        print_recognition(&loaded, lang);
    }
    if loaded.len() > 1 {
        print_matrix(&loaded, lang);
        let all = [Lang::De, Lang::En];
        let line = cue_line(&library_cues, &all, lang);
        let library = say!("library", "Bibliothek");
        println!("\n{}:\n{line}", library.get(lang));
    }
    if problems > 0 {
        eprintln!("\n{}", problems_line(problems, files.len(), lang));
        ExitCode::from(1)
    } else {
        println!("\n{}", ok_line(files.len(), lang));
        ExitCode::SUCCESS
    }
}
