//! Progress across runs — per-scenario records, a short history, earned badges —
//! in a compact, versioned stored form with migrations and a merge.
//!
//! The stored form uses one-letter keys and technique bit masks because the
//! LMS bridge must fit it into SCORM 1.2's 4,096-character suspend_data.

use super::badges::{BADGE_RULES, Feat, Feats};
use super::ids::ScenarioId;
use super::json::{self, FromJson, Json};
use super::result::RunResult;
use super::techniques::TechniqueSet;
use super::vocabulary::{CustomerType, Outcome, Rating, Technique};
use std::collections::BTreeMap;

/// The version written with every saved progress; bump it with a migration.
pub const PROGRESS_VERSION: u32 = 2;
/// How many recent runs the history keeps; per-scenario records keep the rest.
pub const HISTORY_LIMIT: usize = 20;
/// The largest stored or imported progress accepted. A full record of every
/// scenario is about 4 KB; anything near this limit is not ours.
pub const MAX_PROGRESS_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub version: u32,
    pub scenarios: BTreeMap<ScenarioId, ScenarioRecord>,
    /// The most recent runs, oldest first, at most [`HISTORY_LIMIT`].
    pub history: Vec<RunRecord>,
    /// Badge id → earned level and when; earned badges stay earned.
    pub badges: BTreeMap<String, EarnedBadge>,
    /// When the trainee last deleted their progress (Unix ms): a tombstone,
    /// so that merging with an older copy (another open tab, an LMS) does not
    /// bring the deleted runs back. See [`Progress::merge`].
    pub reset_at: Option<u64>,
}

/// Everything kept about one scenario, however often it was played.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioRecord {
    pub plays: u32,
    pub best_score: u8,
    pub best_outcome: Outcome,
    /// The best score of a run that ended well (0 if none did): what a
    /// mastery rule checks, so a high score on an escalation never counts.
    pub best_success_score: u8,
    /// Techniques applied well in some run.
    pub applied: TechniqueSet,
    /// Techniques applied well in a run that did not also misapply them.
    pub applied_cleanly: TechniqueSet,
    pub misapplied: TechniqueSet,
    /// Unix time in milliseconds of the last finished run.
    pub last_played: u64,
    /// The scenario's customer type (for the "every customer type" badge).
    pub customer_type: Option<CustomerType>,
    /// Feats achieved in some run of this scenario.
    pub feats: Feats,
    /// The score of the first finished run (what a team lead wants beside
    /// the best score). Absent in progress from older versions. Only the
    /// score is kept: stored progress must fit SCORM 1.2's 4,096 characters.
    pub first_score: Option<u8>,
    /// Time on task over all runs, in seconds, each run counted at most
    /// [`MAX_RUN_SECONDS`]. Absent in progress from older versions.
    pub seconds: Option<u32>,
}

/// A run counts at most this long towards the time on task: a conversation
/// paused overnight is not eight hours of practice.
pub const MAX_RUN_SECONDS: u32 = 30 * 60;

/// A finished run, for the history list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RunRecord {
    /// Unix time in milliseconds; first, so records sort by time.
    pub finished_at: u64,
    pub scenario: ScenarioId,
    pub outcome: Outcome,
    pub score: u8,
    pub applied: TechniqueSet,
    pub misapplied: TechniqueSet,
    pub missed: TechniqueSet,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarnedBadge {
    pub level: u8,
    /// Unix time in milliseconds when this level was reached.
    pub earned_at: u64,
}

// The stored form: one-letter keys, and unknown keys refused (a foreign or
// tampered file is not read as progress).
crate::json_object!(Progress [deny_unknown] {
    version: "v",
    scenarios: "s" or_default,
    history: "h" or_default,
    badges: "g" or_default,
    reset_at: "r" omitted_if_empty,
});

crate::json_object!(ScenarioRecord [deny_unknown] {
    plays: "n",
    best_score: "b",
    best_outcome: "o",
    best_success_score: "w" or_default,
    applied: "a",
    applied_cleanly: "c",
    misapplied: "m",
    last_played: "t",
    customer_type: "k" omitted_if_empty,
    feats: "f" or_default,
    first_score: "i" omitted_if_empty,
    seconds: "d" omitted_if_empty,
});

impl RunRecord {
    /// The history entry of a run finished at `now_ms`.
    fn of(result: &RunResult, now_ms: u64) -> RunRecord {
        RunRecord {
            finished_at: now_ms,
            scenario: result.scenario.clone(),
            outcome: result.outcome,
            score: result.score,
            applied: result.applied.iter().copied().collect(),
            misapplied: result.misapplied.iter().copied().collect(),
            missed: result.missed.iter().copied().collect(),
        }
    }
}

crate::json_object!(RunRecord [deny_unknown] {
    finished_at: "t",
    scenario: "s",
    outcome: "o",
    score: "p",
    applied: "a",
    misapplied: "m",
    missed: "x",
});

crate::json_object!(EarnedBadge [deny_unknown] { level: "l", earned_at: "t" });

/// A badge level reached by the run just recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeAward {
    pub badge: &'static str,
    pub level: u8,
}

/// Why an imported progress file was refused.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ImportError {
    #[error("this is not a Counterpart progress file")]
    NotProgress,
    #[error(
        "the file was made by a newer version of Counterpart (version {0}); update this app first"
    )]
    FutureVersion(u32),
    #[error("the file is damaged or was changed by hand: {0}")]
    Tampered(String),
    #[error("the file is {0} KB; progress files are never larger than {limit} KB", limit = MAX_PROGRESS_BYTES / 1024)]
    TooLarge(usize),
}

#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    #[error("saved progress is not readable: {0}")]
    Unreadable(String),
    #[error(
        "saved progress has version {0}, newer than this app understands (version {PROGRESS_VERSION}); update the app"
    )]
    FutureVersion(u32),
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: PROGRESS_VERSION,
            scenarios: BTreeMap::new(),
            history: Vec::new(),
            badges: BTreeMap::new(),
            reset_at: None,
        }
    }
}

impl ScenarioRecord {
    /// The record of one finished run.
    fn from_run(
        run: &RunRecord,
        customer_type: Option<CustomerType>,
        feats: Feats,
    ) -> ScenarioRecord {
        ScenarioRecord {
            plays: 1,
            best_score: run.score,
            best_outcome: run.outcome,
            best_success_score: if run.outcome.is_success() {
                run.score
            } else {
                0
            },
            applied: run.applied,
            applied_cleanly: run
                .applied
                .iter()
                .filter(|&t| !run.misapplied.contains(t))
                .collect(),
            misapplied: run.misapplied,
            last_played: run.finished_at,
            customer_type,
            feats,
            first_score: Some(run.score),
            seconds: None,
        }
    }

    /// Combines two records of the same scenario; every field only grows.
    fn merge(&self, other: &ScenarioRecord) -> ScenarioRecord {
        ScenarioRecord {
            plays: self.plays.max(other.plays),
            best_score: self.best_score.max(other.best_score),
            best_outcome: better_outcome(self.best_outcome, other.best_outcome),
            best_success_score: self.best_success_score.max(other.best_success_score),
            applied: self.applied.union(other.applied),
            applied_cleanly: self.applied_cleanly.union(other.applied_cleanly),
            misapplied: self.misapplied.union(other.misapplied),
            last_played: self.last_played.max(other.last_played),
            customer_type: self.customer_type.or(other.customer_type),
            feats: self.feats.union(other.feats),
            // Two records of one scenario (two tabs, two devices): the lower
            // first score (which run came first is not kept), and the longer
            // time (two copies of one history must not add up).
            first_score: match (self.first_score, other.first_score) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            },
            seconds: self.seconds.max(other.seconds),
        }
    }
}

/// Both maps' keys; where both have a value, `combine` joins the two.
fn merge_maps<K: Ord + Clone, V: Clone>(
    mine: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
    combine: fn(&V, &V) -> V,
) -> BTreeMap<K, V> {
    let mut merged = mine.clone();
    for (key, value) in theirs {
        let joined = match merged.get(key) {
            Some(own) => combine(own, value),
            None => value.clone(),
        };
        merged.insert(key.clone(), joined);
    }
    merged
}

/// The better of two outcomes; ties by id, so the choice never depends on order.
fn better_outcome(a: Outcome, b: Outcome) -> Outcome {
    if (a.weight(), a) >= (b.weight(), b) {
        a
    } else {
        b
    }
}

impl EarnedBadge {
    /// The higher level wins; for the same level, the earlier date.
    fn merge(&self, other: &EarnedBadge) -> EarnedBadge {
        match self.level.cmp(&other.level) {
            std::cmp::Ordering::Greater => self.clone(),
            std::cmp::Ordering::Less => other.clone(),
            std::cmp::Ordering::Equal => EarnedBadge {
                level: self.level,
                earned_at: self.earned_at.min(other.earned_at),
            },
        }
    }
}

impl Progress {
    /// Adds a finished run and returns the badge levels it newly earned.
    pub fn record(&mut self, result: &RunResult, now_ms: u64) -> Vec<BadgeAward> {
        let seconds = result.started_at.map(|start| {
            (now_ms.saturating_sub(start) / 1000).min(u64::from(MAX_RUN_SECONDS)) as u32
        });
        let run = RunRecord::of(result, now_ms);
        let feats = Feats::default()
            .with(
                Feat::Deescalated,
                result.outcome == Outcome::Resolved && result.mood_curve.iter().any(|&m| m >= 80),
            )
            .with(
                Feat::BoundaryKept,
                run.applied.contains(Technique::Boundary) && result.outcome.is_success(),
            )
            .with(
                Feat::Flawless,
                !result.steps.is_empty() && result.steps.iter().all(|s| s.rating == Rating::Good),
            );
        self.add_run(run, Some(result.customer_type), feats, seconds);
        self.award_badges(now_ms)
    }

    /// Records a run of a scenario the trainee imported or wrote: it goes into
    /// the history (the trainee sees it), but not into the per-scenario
    /// records the badges and an LMS count — a self-written scenario must not
    /// farm badges. Scenarios a trainer packaged (single file, SCORM) are
    /// shipped scenarios there and count fully.
    pub fn record_practice(&mut self, result: &RunResult, now_ms: u64) {
        self.history.push(RunRecord::of(result, now_ms));
        self.trim_history();
    }

    /// Adds a run to its scenario's record (one more play) and to the history.
    fn add_run(
        &mut self,
        run: RunRecord,
        customer_type: Option<CustomerType>,
        feats: Feats,
        seconds: Option<u32>,
    ) {
        let fresh = ScenarioRecord::from_run(&run, customer_type, feats);
        let merged = match self.scenarios.get(&run.scenario) {
            Some(old) => ScenarioRecord {
                plays: old.plays.saturating_add(1),
                seconds: match (old.seconds, seconds) {
                    (Some(a), Some(b)) => Some(a.saturating_add(b)),
                    (a, b) => a.or(b),
                },
                ..old.merge(&fresh)
            },
            None => ScenarioRecord { seconds, ..fresh },
        };
        self.scenarios.insert(run.scenario.clone(), merged);
        self.history.push(run);
        self.trim_history();
    }

    /// Raises badges to what the records earn; never lowers one.
    pub fn award_badges(&mut self, now_ms: u64) -> Vec<BadgeAward> {
        let mut awards = Vec::new();
        for rule in &BADGE_RULES {
            let level = rule.level(self);
            let held = self.badges.get(rule.id).map_or(0, |b| b.level);
            if level > held {
                self.badges.insert(
                    rule.id.to_string(),
                    EarnedBadge {
                        level,
                        earned_at: now_ms,
                    },
                );
                awards.push(BadgeAward {
                    badge: rule.id,
                    level,
                });
            }
        }
        awards
    }

    fn trim_history(&mut self) {
        // An insertion sort: the history is short (two merged at most) and
        // nearly in order already, and the standard library's sort would
        // add kilobytes of wasm for this one item type.
        for i in 1..self.history.len() {
            let mut j = i;
            while j > 0 && self.history[j - 1] > self.history[j] {
                self.history.swap(j - 1, j);
                j -= 1;
            }
        }
        self.history.dedup();
        let excess = self.history.len().saturating_sub(HISTORY_LIMIT);
        self.history.drain(..excess);
    }

    /// Fresh progress that remembers it replaces everything before `now_ms`.
    pub fn reset(now_ms: u64) -> Progress {
        Progress {
            reset_at: Some(now_ms),
            ..Progress::default()
        }
    }

    /// What of this progress happened after a reset at `reset_at`: runs,
    /// records and badges from before it are gone.
    fn after_reset(&self, reset_at: Option<u64>) -> Progress {
        let Some(reset_at) = reset_at.filter(|&r| self.reset_at.is_none_or(|own| own < r)) else {
            return self.clone();
        };
        // Filled by `insert`: collecting into a BTreeMap sorts, and `retain`
        // compiles the tree's rebalancing; each costs kilobytes of wasm per
        // key and value type.
        let mut kept = Progress {
            version: self.version,
            scenarios: BTreeMap::new(),
            history: self.history.clone(),
            badges: BTreeMap::new(),
            reset_at: Some(reset_at),
        };
        for (id, record) in &self.scenarios {
            if record.last_played > reset_at {
                kept.scenarios.insert(id.clone(), record.clone());
            }
        }
        kept.history.retain(|r| r.finished_at > reset_at);
        for (id, badge) in &self.badges {
            if badge.earned_at > reset_at {
                kept.badges.insert(id.clone(), badge.clone());
            }
        }
        kept
    }

    /// Combines progress from two places (two tabs, an import, an LMS):
    /// commutative and idempotent; plays, records and badges only grow —
    /// except across a reset: the later `reset_at` wins, and what the other
    /// side had from before it stays deleted.
    pub fn merge(&self, other: &Progress) -> Progress {
        let reset_at = self.reset_at.max(other.reset_at);
        let (mine, theirs) = (self.after_reset(reset_at), other.after_reset(reset_at));
        let mut merged = Progress {
            version: PROGRESS_VERSION,
            scenarios: merge_maps(&mine.scenarios, &theirs.scenarios, ScenarioRecord::merge),
            badges: merge_maps(&mine.badges, &theirs.badges, EarnedBadge::merge),
            history: mine
                .history
                .iter()
                .chain(&theirs.history)
                .cloned()
                .collect(),
            reset_at,
        };
        merged.trim_history();
        merged
    }

    /// The best outcome and score reached in a scenario, if played.
    pub fn record_of(&self, scenario: &ScenarioId) -> Option<&ScenarioRecord> {
        self.scenarios.get(scenario)
    }

    /// Scenarios in which a technique was applied well (cleanly: without
    /// misapplying it in the same run).
    pub fn breadth(&self, technique: Technique, cleanly: bool) -> u32 {
        self.scenarios
            .values()
            .filter(|r| {
                if cleanly {
                    r.applied_cleanly
                } else {
                    r.applied
                }
                .contains(technique)
            })
            .count() as u32
    }

    /// The contents of a progress export file.
    pub fn to_export(&self, now_ms: u64) -> String {
        format!(
            "{{\"counterpart_progress\":{},\"exported_at\":{now_ms}}}",
            self.to_json()
        )
    }

    /// Reads an export file (or bare stored progress) and checks that it is
    /// consistent: every badge must be earned by the records it comes with.
    pub fn from_export(text: &str) -> Result<Progress, ImportError> {
        if text.len() > MAX_PROGRESS_BYTES {
            return Err(ImportError::TooLarge(text.len() / 1024));
        }
        let value = json::parse(text).map_err(|_| ImportError::NotProgress)?;
        let inner = value.get("counterpart_progress").unwrap_or(&value);
        let progress = match Progress::from_value(inner) {
            Ok(p) => p,
            Err(ProgressError::FutureVersion(v)) => return Err(ImportError::FutureVersion(v)),
            Err(ProgressError::Unreadable(why))
                if inner.get("v").is_some() || inner.get("version").is_some() =>
            {
                return Err(ImportError::Tampered(why));
            }
            Err(ProgressError::Unreadable(_)) => return Err(ImportError::NotProgress),
        };
        progress.check_consistent().map_err(ImportError::Tampered)?;
        Ok(progress)
    }

    /// Badges must be earned by the records; records must be possible.
    pub fn check_consistent(&self) -> Result<(), String> {
        for (id, record) in &self.scenarios {
            if record.plays == 0 || record.best_score > 100 {
                return Err(format!("impossible record for scenario `{id}`"));
            }
        }
        for (id, badge) in &self.badges {
            let rule = super::badges::BadgeRule::by_id(id)
                .ok_or_else(|| format!("unknown badge `{id}`"))?;
            if badge.level > rule.level(self) {
                return Err(format!(
                    "badge `{id}` level {} is not earned by the records",
                    badge.level
                ));
            }
        }
        Ok(())
    }

    pub fn to_json(&self) -> String {
        json::to_string(self)
    }

    /// Reads saved progress of any version, migrating older ones; refuses what
    /// a newer app wrote.
    pub fn from_json(text: &str) -> Result<Progress, ProgressError> {
        if text.len() > MAX_PROGRESS_BYTES {
            return Err(ProgressError::Unreadable(format!(
                "{} KB is more than progress can be",
                text.len() / 1024
            )));
        }
        Progress::from_value(&json::parse(text).map_err(ProgressError::Unreadable)?)
    }

    fn from_value(value: &Json) -> Result<Progress, ProgressError> {
        let version = value
            .get("v")
            .or_else(|| value.get("version"))
            .ok_or_else(|| ProgressError::Unreadable("no version number".into()))
            .and_then(|v| u64::from_json(v).map_err(ProgressError::Unreadable))?;
        match u32::try_from(version).unwrap_or(u32::MAX) {
            1 => v1::Progress::from_json(value)
                .map(v1::migrate)
                .map_err(ProgressError::Unreadable),
            PROGRESS_VERSION => {
                <Progress as FromJson>::from_json(value).map_err(ProgressError::Unreadable)
            }
            v if v > PROGRESS_VERSION => Err(ProgressError::FutureVersion(v)),
            v => Err(ProgressError::Unreadable(format!("unknown version {v}"))),
        }
    }
}

/// Version 1 (full run list with technique names), as first released.
mod v1 {
    use super::{EarnedBadge, Feats, RunRecord};
    use crate::engine::ids::ScenarioId;
    use crate::engine::vocabulary::{Outcome, Technique};
    use std::collections::{BTreeMap, BTreeSet};

    pub struct Progress {
        #[allow(dead_code)]
        version: u32,
        runs: Vec<Run>,
        badges: BTreeMap<String, Badge>,
    }

    struct Run {
        scenario: ScenarioId,
        outcome: Outcome,
        score: u8,
        applied: BTreeSet<Technique>,
        misapplied: BTreeSet<Technique>,
        missed: BTreeSet<Technique>,
        finished_at: u64,
    }

    struct Badge {
        level: u8,
        earned_at: u64,
    }

    crate::json_object!(Progress [deny_unknown] { version: "version", runs: "runs", badges: "badges" });
    crate::json_object!(Run [deny_unknown] {
        scenario: "scenario",
        outcome: "outcome",
        score: "score",
        applied: "applied",
        misapplied: "misapplied",
        missed: "missed",
        finished_at: "finished_at",
    });
    crate::json_object!(Badge [deny_unknown] { level: "level", earned_at: "earned_at" });

    pub fn migrate(old: Progress) -> super::Progress {
        let mut progress = super::Progress::default();
        for run in &old.runs {
            let record = RunRecord {
                finished_at: run.finished_at,
                scenario: run.scenario.clone(),
                outcome: run.outcome,
                score: run.score,
                applied: run.applied.iter().copied().collect(),
                misapplied: run.misapplied.iter().copied().collect(),
                missed: run.missed.iter().copied().collect(),
            };
            // Version 1 kept no customer types or feats; those are earned anew.
            progress.add_run(record, None, Feats::default(), None);
        }
        progress.trim_history();
        // `extend`, not `collect()`, which would sort (wasm size).
        progress
            .badges
            .extend(old.badges.into_iter().map(|(id, b)| {
                (
                    id,
                    EarnedBadge {
                        level: b.level,
                        earned_at: b.earned_at,
                    },
                )
            }));
        progress
    }
}
