//! Progress across runs: history and earned badges, versioned for storage.

use super::badges::BADGE_RULES;
use super::ids::ScenarioId;
use super::result::RunResult;
use super::vocabulary::{Outcome, Technique};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The version written with every saved progress; bump it with a migration.
pub const PROGRESS_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub version: u32,
    pub runs: Vec<RunRecord>,
    /// Badge id → earned level and when; earned badges stay earned.
    pub badges: BTreeMap<String, EarnedBadge>,
}

/// A finished run, kept compact for storage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunRecord {
    pub scenario: ScenarioId,
    pub outcome: Outcome,
    pub score: u8,
    pub applied: BTreeSet<Technique>,
    pub misapplied: BTreeSet<Technique>,
    pub missed: BTreeSet<Technique>,
    /// Unix time in milliseconds.
    pub finished_at: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarnedBadge {
    pub level: u8,
    /// Unix time in milliseconds when this level was reached.
    pub earned_at: u64,
}

/// A badge level reached by the run just recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeAward {
    pub badge: &'static str,
    pub level: u8,
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
            runs: Vec::new(),
            badges: BTreeMap::new(),
        }
    }
}

impl Progress {
    /// Adds a finished run and returns the badge levels it newly earned.
    pub fn record(&mut self, result: &RunResult, now_ms: u64) -> Vec<BadgeAward> {
        self.runs.push(RunRecord {
            scenario: result.scenario.clone(),
            outcome: result.outcome,
            score: result.score,
            applied: result.applied.clone(),
            misapplied: result.misapplied.clone(),
            missed: result.missed.clone(),
            finished_at: now_ms,
        });
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

    /// The best outcome and score reached in a scenario, if played.
    pub fn best_in(&self, scenario: &ScenarioId) -> Option<&RunRecord> {
        self.runs
            .iter()
            .filter(|r| &r.scenario == scenario)
            .max_by_key(|r| (r.outcome.weight(), r.score))
    }

    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads saved progress, refusing what a newer app wrote.
    pub fn from_json(json: &str) -> Result<Progress, ProgressError> {
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let version = serde_json::from_str::<VersionOnly>(json)
            .map_err(|e| ProgressError::Unreadable(e.to_string()))?
            .version;
        if version > PROGRESS_VERSION {
            return Err(ProgressError::FutureVersion(version));
        }
        serde_json::from_str(json).map_err(|e| ProgressError::Unreadable(e.to_string()))
    }
}
