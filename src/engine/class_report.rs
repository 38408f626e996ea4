//! The class debrief: what a seminar group practised, from the progress files
//! the participants exported. Pure, so the counts are tested natively; the
//! `#/class` screen only reads files and shows [`ClassReport`].
//!
//! A participant's export is the progress export ([`Progress::to_export`])
//! with two optional members beside it: `participant`, a name or pseudonym
//! the participant chose to add, and `paths`, the decisions of their recent
//! runs ([`RunPath`], kept apart from the stored progress, which must fit
//! SCORM 1.2's 4,096 characters). Files without them still count; they only
//! contribute nothing to "the decisions the group got wrong".

use super::ids::{NodeId, ReplyId, ScenarioId};
use super::json::{self, FromJson, Json, ToJson};
use super::progress::{ImportError, MAX_PROGRESS_BYTES, Progress};
use super::text::Lang;
use super::vocabulary::{Outcome, Rating, Technique};
use std::collections::BTreeMap;

/// The longest name or pseudonym kept from a file (longer ones are cut).
pub const MAX_NAME_CHARS: usize = 40;
/// How many run paths an export keeps (the newest).
pub const MAX_PATHS: usize = 40;
/// The most decisions one run path may have.
pub const MAX_PATH_STEPS: usize = 100;
/// The most files one class debrief reads.
pub const MAX_FILES: usize = 200;

/// One decision of a finished run, as the export carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    pub node: NodeId,
    pub reply: ReplyId,
    pub rating: Rating,
    /// The better reply at this decision (see `paths::better_reply`), if any.
    pub better: Option<ReplyId>,
}

crate::json_object!(PathStep [deny_unknown] {
    node: "n",
    reply: "r",
    rating: "g",
    better: "b" omitted_if_empty,
});

/// The decisions of one finished run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunPath {
    pub scenario: ScenarioId,
    /// Unix ms, as the run's history entry.
    pub finished_at: u64,
    pub steps: Vec<PathStep>,
}

crate::json_object!(RunPath [deny_unknown] {
    scenario: "s",
    finished_at: "t",
    steps: "c",
});

impl RunPath {
    /// The path of a finished run: each step with the better reply there.
    pub fn of(
        scenario: &super::Scenario,
        steps: &[super::session::Step],
        finished_at: u64,
    ) -> RunPath {
        RunPath {
            scenario: scenario.id.clone(),
            finished_at,
            steps: steps
                .iter()
                .take(MAX_PATH_STEPS)
                .map(|step| {
                    let node = scenario.node(&step.node);
                    let better = node.and_then(|n| {
                        let chosen = n.reply(&step.reply)?;
                        super::paths::better_reply(n, chosen).map(|b| b.id.clone())
                    });
                    PathStep {
                        node: step.node.clone(),
                        reply: step.reply.clone(),
                        rating: step.rating,
                        better,
                    }
                })
                .collect(),
        }
    }
}

/// Adds a finished run's path to the kept ones: one JSON object per line,
/// the newest last, at most [`MAX_PATHS`]; a run already kept (the same
/// debrief shown again) is not added twice. Kept as lines, not parsed here:
/// the debrief writes them and the export copies them, so neither carries
/// the reader (shared code lands in the first load, see `ui::on_demand`).
pub fn keep_path_line(stored: &str, path: &RunPath) -> String {
    let line = json::to_string(path);
    let mut lines: Vec<&str> = path_lines(stored).collect();
    if !lines.contains(&line.as_str()) {
        lines.push(&line);
    }
    let excess = lines.len().saturating_sub(MAX_PATHS);
    lines[excess..].join("\n")
}

/// The kept lines that look like a path (an object each); anything else in
/// storage is skipped, so a damaged line never breaks an export.
fn path_lines(stored: &str) -> impl Iterator<Item = &str> {
    stored
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("{\"s\":") && l.ends_with('}'))
}

/// A name as a participant typed it, made safe to show: control characters
/// dropped, spaces collapsed, at most [`MAX_NAME_CHARS`]; `None` when empty.
pub fn clean_name(name: &str) -> Option<String> {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_NAME_CHARS)
        .collect();
    (!cleaned.is_empty()).then_some(cleaned)
}

/// The participant's export: progress, and optionally a name and run paths.
pub fn participant_export(
    progress: &Progress,
    now_ms: u64,
    name: Option<&str>,
    kept_paths: &str,
) -> String {
    let mut out = format!(
        "{{\"counterpart_progress\":{},\"exported_at\":{now_ms}",
        progress.to_json()
    );
    if let Some(name) = name.and_then(clean_name) {
        out.push_str(",\"participant\":");
        name.write_json(&mut out);
    }
    let lines: Vec<&str> = path_lines(kept_paths).collect();
    if !lines.is_empty() {
        let newest = &lines[lines.len().saturating_sub(MAX_PATHS)..];
        out.push_str(",\"paths\":[");
        out.push_str(&newest.join(","));
        out.push(']');
    }
    out.push('}');
    out
}

/// One participant's file, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ParticipantFile {
    pub name: Option<String>,
    pub progress: Progress,
    pub paths: Vec<RunPath>,
}

/// Why a file was not taken into the class debrief.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ClassFileError {
    #[error("{0}")]
    Progress(#[from] ImportError),
    #[error("the file's decisions are damaged or were changed by hand: {0}")]
    BadPaths(String),
    #[error("the same file was added twice")]
    Duplicate,
    #[error("more than {MAX_FILES} files; this one was not read")]
    TooMany,
}

/// Reads one participant's export (or a plain progress export). The same
/// limits as the progress import: size, version, consistency; the name and
/// the paths are checked too.
pub fn read_participant(text: &str) -> Result<ParticipantFile, ClassFileError> {
    let progress = Progress::from_export(text)?;
    // from_export parsed it already; a second parse of at most 1 MB is cheap.
    let value = json::parse(text).map_err(|_| ImportError::NotProgress)?;
    let name = match value.get("participant") {
        None | Some(Json::Null) => None,
        Some(Json::Str(name)) => clean_name(name),
        Some(_) => return Err(ClassFileError::BadPaths("the name is not text".into())),
    };
    let paths = match value.get("paths") {
        None => Vec::new(),
        Some(paths) => {
            let paths = Vec::<RunPath>::from_json(paths).map_err(ClassFileError::BadPaths)?;
            if paths.len() > MAX_PATHS * 4 {
                return Err(ClassFileError::BadPaths(format!(
                    "{} runs; an export keeps at most {MAX_PATHS}",
                    paths.len()
                )));
            }
            if let Some(long) = paths.iter().find(|p| p.steps.len() > MAX_PATH_STEPS) {
                return Err(ClassFileError::BadPaths(format!(
                    "a run of `{}` with {} decisions",
                    long.scenario,
                    long.steps.len()
                )));
            }
            paths
        }
    };
    Ok(ParticipantFile {
        name,
        progress,
        paths,
    })
}

/// A class result saved by the trainer: the participants' exports, as read,
/// in one file (`{"counterpart_class":[…]}`), to be dropped in again later.
pub fn class_file(exports: &[String]) -> String {
    let mut out = String::from("{\"counterpart_class\":[");
    for (i, export) in exports.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(export);
    }
    out.push_str("]}");
    out
}

/// The participants' exports in a saved class result, each as its own text
/// (so each is checked and refused on its own); `None` if `text` is not one.
pub fn exports_in_class_file(text: &str) -> Option<Vec<String>> {
    if text.len() > MAX_PROGRESS_BYTES * 8
        || !text.trim_start().starts_with("{\"counterpart_class\"")
    {
        return None;
    }
    match json::parse(text).ok()?.get("counterpart_class")? {
        Json::Array(items) => Some(items.iter().take(MAX_FILES).map(json::to_string).collect()),
        _ => None,
    }
}

/// Per technique: how many participants applied it well, missed it (a good
/// reply offered it and they never applied it) or misapplied it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TechniqueCounts {
    pub applied: usize,
    pub missed: usize,
    pub misapplied: usize,
}

/// Per scenario: the runs in the files, their outcomes and median score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioSummary {
    pub scenario: ScenarioId,
    pub runs: usize,
    /// How many participants played it.
    pub participants: usize,
    pub outcomes: BTreeMap<Outcome, usize>,
    /// The median score of the runs (the mean of the middle two if even).
    pub median_score: f64,
}

/// A decision the group got wrong (a reply not rated good) often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeakDecision {
    pub scenario: ScenarioId,
    pub node: NodeId,
    /// Runs that reached this decision.
    pub reached: usize,
    /// Runs that chose a reply not rated good here.
    pub wrong: usize,
    /// The reply not rated good that most runs picked here.
    pub most_picked: ReplyId,
    pub most_picked_count: usize,
    /// The better reply, as the files name it.
    pub better: Option<ReplyId>,
}

/// What the class debrief shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassReport {
    /// "Teilnehmer 1" … or the name the participant added, in file order.
    pub participants: Vec<Option<String>>,
    pub techniques: Vec<(Technique, TechniqueCounts)>,
    pub scenarios: Vec<ScenarioSummary>,
    /// Most often wrong first, at most [`MAX_WEAK_DECISIONS`].
    pub weak_decisions: Vec<WeakDecision>,
}

/// How many weak decisions the report lists.
pub const MAX_WEAK_DECISIONS: usize = 8;

/// The label of the `index`-th participant (from 0): their name, or
/// "Teilnehmer n" / "Participant n".
pub fn participant_label(name: Option<&str>, index: usize, lang: Lang) -> String {
    match name {
        Some(name) => name.to_string(),
        None => match lang {
            Lang::De => format!("Teilnehmer {}", index + 1),
            Lang::En => format!("Participant {}", index + 1),
        },
    }
}

fn median(mut scores: Vec<u8>) -> f64 {
    if scores.is_empty() {
        return 0.0;
    }
    scores.sort_unstable();
    let mid = scores.len() / 2;
    if scores.len() % 2 == 1 {
        f64::from(scores[mid])
    } else {
        (f64::from(scores[mid - 1]) + f64::from(scores[mid])) / 2.0
    }
}

impl ClassReport {
    pub fn build(files: &[ParticipantFile]) -> ClassReport {
        let techniques = Technique::ALL
            .iter()
            .map(|&technique| {
                let mut counts = TechniqueCounts::default();
                for file in files {
                    let p = &file.progress;
                    let applied = p.scenarios.values().any(|r| r.applied.contains(technique))
                        || p.history.iter().any(|r| r.applied.contains(technique));
                    let misapplied = p
                        .scenarios
                        .values()
                        .any(|r| r.misapplied.contains(technique))
                        || p.history.iter().any(|r| r.misapplied.contains(technique));
                    let missed = !applied && p.history.iter().any(|r| r.missed.contains(technique));
                    counts.applied += usize::from(applied);
                    counts.missed += usize::from(missed);
                    counts.misapplied += usize::from(misapplied);
                }
                (technique, counts)
            })
            .collect();

        // Scores, outcomes, participants.
        type ScenarioTally = (Vec<u8>, BTreeMap<Outcome, usize>, usize);
        let mut by_scenario: BTreeMap<ScenarioId, ScenarioTally> = BTreeMap::new();
        for file in files {
            let mut played: Vec<&ScenarioId> = Vec::new();
            for run in &file.progress.history {
                let entry = by_scenario.entry(run.scenario.clone()).or_default();
                entry.0.push(run.score);
                *entry.1.entry(run.outcome).or_default() += 1;
                if !played.contains(&&run.scenario) {
                    played.push(&run.scenario);
                    entry.2 += 1;
                }
            }
        }
        let scenarios = by_scenario
            .into_iter()
            .map(
                |(scenario, (scores, outcomes, participants))| ScenarioSummary {
                    scenario,
                    runs: scores.len(),
                    participants,
                    outcomes,
                    median_score: median(scores),
                },
            )
            .collect();

        // (scenario, node) → reached, and per reply not rated good: count.
        type Tally = (usize, BTreeMap<ReplyId, usize>, Option<ReplyId>);
        let mut decisions: BTreeMap<(ScenarioId, NodeId), Tally> = BTreeMap::new();
        for file in files {
            for path in &file.paths {
                for step in &path.steps {
                    let entry = decisions
                        .entry((path.scenario.clone(), step.node.clone()))
                        .or_default();
                    entry.0 += 1;
                    if step.rating != Rating::Good {
                        *entry.1.entry(step.reply.clone()).or_default() += 1;
                        if entry.2.is_none() {
                            entry.2 = step.better.clone();
                        }
                    }
                }
            }
        }
        let mut weak_decisions: Vec<WeakDecision> = decisions
            .into_iter()
            .filter_map(|((scenario, node), (reached, wrong, better))| {
                let total: usize = wrong.values().sum();
                // The most picked; ties by reply id, so the order never matters.
                let (most_picked, count) = wrong
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
                Some(WeakDecision {
                    scenario,
                    node,
                    reached,
                    wrong: total,
                    most_picked,
                    most_picked_count: count,
                    better,
                })
            })
            .collect();
        weak_decisions.sort_by(|a, b| {
            b.wrong
                .cmp(&a.wrong)
                .then_with(|| (&a.scenario, &a.node).cmp(&(&b.scenario, &b.node)))
        });
        weak_decisions.truncate(MAX_WEAK_DECISIONS);

        ClassReport {
            participants: files.iter().map(|f| f.name.clone()).collect(),
            techniques,
            scenarios,
            weak_decisions,
        }
    }

    /// The report as CSV (comma separated, quoted where needed, one section
    /// per table), with the labels in `lang`; `title` names a scenario.
    pub fn to_csv(&self, lang: Lang, title: impl Fn(&ScenarioId) -> String) -> String {
        let de = lang == Lang::De;
        let mut out = String::new();
        let mut row = |cells: &[String]| {
            let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        };
        let s = |de_text: &str, en_text: &str| {
            if de {
                de_text.to_string()
            } else {
                en_text.to_string()
            }
        };
        row(&[
            s("Abschnitt", "Section"),
            s("Name", "Name"),
            s("Wert 1", "Value 1"),
            s("Wert 2", "Value 2"),
            s("Wert 3", "Value 3"),
            s("Wert 4", "Value 4"),
        ]);
        row(&[
            s("Teilnehmende", "Participants"),
            self.participants.len().to_string(),
        ]);
        row(&[
            s("Technik", "Technique"),
            s("Technik", "Technique"),
            s("gut angewendet", "applied well"),
            s("verpasst", "missed"),
            s("falsch eingesetzt", "misapplied"),
        ]);
        for (technique, counts) in &self.techniques {
            row(&[
                s("Technik", "Technique"),
                technique.label(lang).to_string(),
                counts.applied.to_string(),
                counts.missed.to_string(),
                counts.misapplied.to_string(),
            ]);
        }
        row(&[
            s("Szenario", "Scenario"),
            s("Szenario", "Scenario"),
            s("Durchgänge", "Runs"),
            s("Teilnehmende", "Participants"),
            s("Median Punkte", "Median score"),
            s("Ausgänge", "Outcomes"),
        ]);
        for summary in &self.scenarios {
            let outcomes: Vec<String> = summary
                .outcomes
                .iter()
                .map(|(o, n)| format!("{}: {n}", o.label(lang)))
                .collect();
            row(&[
                s("Szenario", "Scenario"),
                title(&summary.scenario),
                summary.runs.to_string(),
                summary.participants.to_string(),
                format_median(summary.median_score),
                outcomes.join("; "),
            ]);
        }
        row(&[
            s("Entscheidung", "Decision"),
            s("Szenario / Stelle", "Scenario / decision"),
            s("falsch / erreicht", "wrong / reached"),
            s("meist gewählt", "most picked"),
            s("besser", "better"),
        ]);
        for weak in &self.weak_decisions {
            row(&[
                s("Entscheidung", "Decision"),
                format!("{} / {}", title(&weak.scenario), weak.node),
                format!("{} / {}", weak.wrong, weak.reached),
                format!("{} ({}×)", weak.most_picked, weak.most_picked_count),
                weak.better
                    .as_ref()
                    .map(|b| b.to_string())
                    .unwrap_or_default(),
            ]);
        }
        out
    }
}

/// A median as shown: whole numbers without a decimal, halves with `.5`.
pub fn format_median(median: f64) -> String {
    if median.fract() == 0.0 {
        format!("{median:.0}")
    } else {
        format!("{median:.1}")
    }
}

/// One CSV cell: quoted when it holds a comma, quote or line break; a cell
/// that a spreadsheet would run as a formula gets a leading apostrophe.
fn csv_cell(cell: &str) -> String {
    let cell = if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::progress::RunRecord;
    use crate::engine::techniques::TechniqueSet;

    fn run(scenario: &str, outcome: Outcome, score: u8, applied: &[Technique]) -> RunRecord {
        RunRecord {
            finished_at: 1_000 + u64::from(score),
            scenario: ScenarioId::new(scenario),
            outcome,
            score,
            applied: applied.iter().copied().collect(),
            misapplied: TechniqueSet::default(),
            missed: TechniqueSet::default(),
        }
    }

    fn file(runs: Vec<RunRecord>, paths: Vec<RunPath>, name: Option<&str>) -> ParticipantFile {
        let progress = Progress {
            history: runs,
            ..Progress::default()
        };
        ParticipantFile {
            name: name.map(str::to_string),
            progress,
            paths,
        }
    }

    fn step(node: &str, reply: &str, rating: Rating, better: Option<&str>) -> PathStep {
        PathStep {
            node: NodeId::new(node),
            reply: ReplyId::new(reply),
            rating,
            better: better.map(ReplyId::new),
        }
    }

    #[test]
    fn counts_each_participant_once_per_technique() {
        let mut missed = run("a", Outcome::Escalated, 20, &[]);
        missed.missed.insert(Technique::Empathy);
        missed.misapplied.insert(Technique::Boundary);
        let files = vec![
            file(
                vec![
                    run("a", Outcome::Resolved, 90, &[Technique::Empathy]),
                    run("a", Outcome::Resolved, 95, &[Technique::Empathy]),
                ],
                vec![],
                None,
            ),
            file(vec![missed], vec![], None),
        ];
        let report = ClassReport::build(&files);
        let empathy = &report
            .techniques
            .iter()
            .find(|(t, _)| *t == Technique::Empathy)
            .unwrap()
            .1;
        assert_eq!(
            empathy,
            &TechniqueCounts {
                applied: 1,
                missed: 1,
                misapplied: 0
            }
        );
        let boundary = &report.techniques[Technique::ALL
            .iter()
            .position(|t| *t == Technique::Boundary)
            .unwrap()]
        .1;
        assert_eq!(boundary.misapplied, 1);
    }

    #[test]
    fn summarises_runs_outcomes_and_the_median_per_scenario() {
        let files = vec![
            file(
                vec![
                    run("a", Outcome::Resolved, 90, &[]),
                    run("a", Outcome::Escalated, 30, &[]),
                ],
                vec![],
                None,
            ),
            file(
                vec![
                    run("a", Outcome::Resolved, 80, &[]),
                    run("b", Outcome::Referred, 70, &[]),
                ],
                vec![],
                None,
            ),
        ];
        let report = ClassReport::build(&files);
        let a = &report.scenarios[0];
        assert_eq!((a.runs, a.participants), (3, 2));
        assert_eq!(a.median_score, 80.0);
        assert_eq!(a.outcomes[&Outcome::Resolved], 2);
        assert_eq!(report.scenarios[1].median_score, 70.0);
        assert_eq!(median(vec![10, 20]), 15.0);
        assert_eq!(format_median(15.0), "15");
        assert_eq!(format_median(15.5), "15.5");
    }

    #[test]
    fn ranks_the_decisions_most_often_wrong_with_the_most_picked_reply() {
        let path = |steps| RunPath {
            scenario: ScenarioId::new("a"),
            finished_at: 1,
            steps,
        };
        let files = vec![
            file(
                vec![],
                vec![path(vec![
                    step("n1", "bad", Rating::Poor, Some("good")),
                    step("n2", "ok", Rating::Good, None),
                ])],
                None,
            ),
            file(
                vec![],
                vec![path(vec![
                    step("n1", "bad", Rating::Poor, Some("good")),
                    step("n2", "meh", Rating::Acceptable, Some("ok")),
                ])],
                None,
            ),
            file(
                vec![],
                vec![path(vec![step("n1", "worse", Rating::Poor, Some("good"))])],
                None,
            ),
        ];
        let report = ClassReport::build(&files);
        let first = &report.weak_decisions[0];
        assert_eq!(first.node, NodeId::new("n1"));
        assert_eq!((first.wrong, first.reached), (3, 3));
        assert_eq!(first.most_picked, ReplyId::new("bad"));
        assert_eq!(first.most_picked_count, 2);
        assert_eq!(first.better, Some(ReplyId::new("good")));
        assert_eq!(report.weak_decisions[1].node, NodeId::new("n2"));
        assert_eq!(report.weak_decisions.len(), 2);
    }

    #[test]
    fn reads_an_export_with_a_name_and_paths_back() {
        let mut progress = Progress::default();
        progress.history.push(run("a", Outcome::Resolved, 90, &[]));
        let paths = vec![RunPath {
            scenario: ScenarioId::new("a"),
            finished_at: 5,
            steps: vec![step("n1", "r1", Rating::Good, None)],
        }];
        let kept = keep_path_line("", &paths[0]);
        let text = participant_export(&progress, 7, Some("  Kim\u{7}  B. "), &kept);
        let read = read_participant(&text).unwrap();
        assert_eq!(read.name.as_deref(), Some("Kim B."));
        assert_eq!(read.paths, paths);
        assert_eq!(read.progress, progress);
        // Without a name and paths it is the plain progress export.
        let plain = participant_export(&progress, 7, Some("   "), "");
        assert_eq!(plain, progress.to_export(7));
        assert_eq!(read_participant(&plain).unwrap().name, None);
    }

    #[test]
    fn refuses_broken_and_hostile_files_with_a_reason() {
        assert_eq!(
            read_participant("{not json"),
            Err(ClassFileError::Progress(ImportError::NotProgress))
        );
        let huge = "x".repeat(MAX_PROGRESS_BYTES + 1);
        assert!(matches!(
            read_participant(&huge),
            Err(ClassFileError::Progress(ImportError::TooLarge(_)))
        ));
        // A badge the records do not earn: changed by hand.
        let forged =
            r#"{"counterpart_progress":{"v":2,"g":{"empathy":{"l":3,"t":1}}},"exported_at":1}"#;
        assert!(matches!(
            read_participant(forged),
            Err(ClassFileError::Progress(ImportError::Tampered(_)))
        ));
        let bad_paths = r#"{"counterpart_progress":{"v":2},"exported_at":1,"paths":[{"s":"a","t":1,"c":[{"n":"x","r":"y","g":"superb"}]}]}"#;
        assert!(matches!(
            read_participant(bad_paths),
            Err(ClassFileError::BadPaths(_))
        ));
        let name_object =
            r#"{"counterpart_progress":{"v":2},"exported_at":1,"participant":{"x":1}}"#;
        assert!(matches!(
            read_participant(name_object),
            Err(ClassFileError::BadPaths(_))
        ));
    }

    #[test]
    fn a_saved_class_result_gives_back_each_export() {
        let progress = Progress::default();
        let one = participant_export(&progress, 1, Some("A"), "");
        let two = participant_export(&progress, 2, None, "");
        let saved = class_file(&[one.clone(), two.clone()]);
        let back = exports_in_class_file(&saved).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(
            read_participant(&back[0]).unwrap().name.as_deref(),
            Some("A")
        );
        assert!(read_participant(&back[1]).is_ok());
        assert_eq!(exports_in_class_file(&one), None);
    }

    #[test]
    fn keeps_the_newest_paths_only() {
        let path = |t| RunPath {
            scenario: ScenarioId::new("a"),
            finished_at: t,
            steps: vec![step("n", "r", Rating::Poor, Some("b"))],
        };
        let mut kept = String::new();
        for t in 0..(MAX_PATHS as u64 + 5) {
            kept = keep_path_line(&kept, &path(t));
        }
        assert_eq!(kept.lines().count(), MAX_PATHS);
        assert_eq!(keep_path_line(&kept, &path(7)), kept, "kept once");
        // A damaged line is left out of the export, the rest still read.
        let damaged = format!("garbage\n{kept}\n{{\"s\":broken");
        let export = participant_export(&Progress::default(), 1, None, &damaged);
        let read = read_participant(&export).unwrap();
        assert_eq!(read.paths.len(), MAX_PATHS);
        assert_eq!(read.paths[0], path(5));
    }

    #[test]
    fn csv_quotes_and_defuses_cells() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        let report = ClassReport::build(&[file(
            vec![run("a", Outcome::Resolved, 90, &[Technique::Calm])],
            vec![],
            Some("Kim"),
        )]);
        let csv = report.to_csv(Lang::En, |id| format!("Title {id}"));
        assert!(csv.contains("Technique,Stay calm,1,0,0\r\n"), "{csv}");
        assert!(
            csv.contains("Scenario,Title a,1,1,90,Resolved: 1\r\n"),
            "{csv}"
        );
        assert_eq!(participant_label(None, 0, Lang::De), "Teilnehmer 1");
        assert_eq!(participant_label(Some("Kim"), 0, Lang::De), "Kim");
    }
}
