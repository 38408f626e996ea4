//! Pure mapping from progress to SCORM data-model values.

use crate::engine::badges::BadgeRule;
use crate::engine::progress::Progress;
use crate::engine::{ScenarioId, Technique};

/// SCORM 1.2 allows 4,096 characters of suspend_data (2004: 64,000).
pub const SCORM12_SUSPEND_LIMIT: usize = 4096;
pub const SCORM2004_SUSPEND_LIMIT: usize = 64_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScormVersion {
    Scorm12,
    Scorm2004,
}

/// What the trainee is assigned and what counts as passed.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// Scenarios to finish; empty means every shipped scenario.
    pub required: Vec<ScenarioId>,
    /// The best score each required scenario needs, in a run that ended well.
    pub mastery_score: u8,
}

impl Default for Assignment {
    fn default() -> Self {
        Assignment {
            required: Vec::new(),
            mastery_score: 70,
        }
    }
}

impl Assignment {
    /// Reads `required=a,b` and `mastery=80` from a query string, over defaults
    /// set at packaging time.
    pub fn from_query(query: &str, defaults: Assignment) -> Assignment {
        let mut assignment = defaults;
        for (key, value) in crate::route::query_params(query) {
            match key {
                "required" => {
                    assignment.required = value
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(ScenarioId::new)
                        .collect();
                }
                "mastery" => {
                    if let Ok(n) = value.parse::<u8>() {
                        assignment.mastery_score = n.min(100);
                    }
                }
                _ => {}
            }
        }
        assignment
    }

    fn required_of<'a>(&'a self, all: &'a [ScenarioId]) -> &'a [ScenarioId] {
        if self.required.is_empty() {
            all
        } else {
            &self.required
        }
    }
}

/// The result the LMS records.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    /// Every required scenario finished at least once.
    pub completed: bool,
    /// Every required scenario finished well (success outcome, score ≥ mastery).
    pub passed: bool,
    /// The mean of the best scores of the required scenarios, 0–100.
    pub score: u8,
    /// How many required scenarios are done / needed.
    pub finished: usize,
    pub required: usize,
}

pub fn standing(progress: &Progress, assignment: &Assignment, all: &[ScenarioId]) -> Standing {
    let required = assignment.required_of(all);
    let records: Vec<_> = required.iter().map(|id| progress.record_of(id)).collect();
    let finished = records.iter().filter(|r| r.is_some()).count();
    let passed = records
        .iter()
        .all(|r| r.is_some_and(|r| r.best_success_score >= assignment.mastery_score.max(1)));
    let total: u32 = records
        .iter()
        .map(|r| r.map_or(0, |r| u32::from(r.best_score)))
        .sum();
    Standing {
        completed: finished == required.len(),
        passed: !required.is_empty() && passed,
        score: if required.is_empty() {
            0
        } else {
            (total / required.len() as u32) as u8
        },
        finished,
        required: required.len(),
    }
}

/// Per technique for SCORM 2004 objectives: applied well anywhere → passed;
/// the score is the breadth towards the top badge level.
pub fn technique_results(progress: &Progress) -> Vec<(Technique, bool, String)> {
    Technique::ALL
        .iter()
        .map(|&t| {
            let breadth = progress.breadth(t, false);
            let top = BadgeRule::for_technique(t)
                .and_then(|r| r.levels.last().copied())
                .unwrap_or(6);
            (t, breadth > 0, scaled(breadth, top))
        })
        .collect()
}

/// `part / whole` as SCORM's scaled score, "0.00" to "1.00" (two decimals,
/// half up; 0 when `whole` is 0). Integer arithmetic: float formatting would
/// add ~10 KB to the app's first load.
pub fn scaled(part: u32, whole: u32) -> String {
    if whole == 0 {
        return "0.00".into();
    }
    let (part, whole) = (u64::from(part.min(whole)), u64::from(whole));
    let hundredths = (part * 200 + whole) / (2 * whole);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// The compact progress for suspend_data, within `limit` characters: history
/// is dropped, oldest first, before anything else; badges and per-scenario
/// records always stay.
pub fn suspend_data(progress: &Progress, limit: usize) -> String {
    let mut kept = progress.clone();
    let mut data = kept.to_json();
    while data.len() > limit && !kept.history.is_empty() {
        let drop = (kept.history.len() / 4).max(1);
        kept.history.drain(..drop);
        data = kept.to_json();
    }
    data
}

/// `cmi.session_time`: SCORM 1.2 `HHHH:MM:SS`, SCORM 2004 ISO 8601 `PT1H2M3S`.
pub fn session_time(version: ScormVersion, seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match version {
        ScormVersion::Scorm12 => format!("{h:04}:{m:02}:{s:02}"),
        ScormVersion::Scorm2004 => format!("PT{h}H{m}M{s}S"),
    }
}

/// The data-model writes after a finished scenario (and at the end).
pub fn values(
    version: ScormVersion,
    progress: &Progress,
    assignment: &Assignment,
    all: &[ScenarioId],
    location: &str,
) -> Vec<(String, String)> {
    let s = standing(progress, assignment, all);
    let mut out: Vec<(String, String)> = Vec::new();
    let mut set = |k: &str, v: String| out.push((k.to_string(), v));
    match version {
        ScormVersion::Scorm12 => {
            let status = match (s.passed, s.completed) {
                (true, _) => "passed",
                (false, true) => "failed",
                (false, false) => "incomplete",
            };
            set("cmi.core.lesson_status", status.into());
            set("cmi.core.score.min", "0".into());
            set("cmi.core.score.max", "100".into());
            set("cmi.core.score.raw", s.score.to_string());
            set(
                "cmi.core.lesson_location",
                location.chars().take(255).collect(),
            );
            set(
                "cmi.suspend_data",
                suspend_data(progress, SCORM12_SUSPEND_LIMIT),
            );
        }
        ScormVersion::Scorm2004 => {
            set(
                "cmi.completion_status",
                if s.completed {
                    "completed"
                } else {
                    "incomplete"
                }
                .into(),
            );
            set(
                "cmi.success_status",
                match (s.passed, s.completed) {
                    (true, _) => "passed",
                    (false, true) => "failed",
                    (false, false) => "unknown",
                }
                .into(),
            );
            set("cmi.score.min", "0".into());
            set("cmi.score.max", "100".into());
            set("cmi.score.raw", s.score.to_string());
            set("cmi.score.scaled", scaled(s.score.into(), 100));
            set(
                "cmi.progress_measure",
                scaled(
                    u32::try_from(s.finished).unwrap_or(u32::MAX),
                    u32::try_from(s.required).unwrap_or(u32::MAX),
                ),
            );
            set("cmi.location", location.chars().take(1000).collect());
            for (n, (technique, applied, scaled)) in
                technique_results(progress).into_iter().enumerate()
            {
                set(&format!("cmi.objectives.{n}.id"), technique.id().into());
                set(
                    &format!("cmi.objectives.{n}.success_status"),
                    if applied { "passed" } else { "unknown" }.into(),
                );
                set(
                    &format!("cmi.objectives.{n}.completion_status"),
                    if applied { "completed" } else { "incomplete" }.into(),
                );
                set(&format!("cmi.objectives.{n}.score.scaled"), scaled);
            }
            set(
                "cmi.suspend_data",
                suspend_data(progress, SCORM2004_SUSPEND_LIMIT),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_scores_have_two_decimals_rounded_half_up() {
        let cases = [
            ((88, 100), "0.88"),
            ((1, 3), "0.33"),
            ((2, 3), "0.67"),
            ((1, 8), "0.13"),
            ((7, 6), "1.00"),
            ((6, 6), "1.00"),
            ((0, 5), "0.00"),
            ((0, 0), "0.00"),
        ];
        for ((part, whole), expected) in cases {
            assert_eq!(scaled(part, whole), expected, "{part}/{whole}");
        }
    }
    use crate::engine::progress::Progress;
    use crate::engine::result::RunResult;
    use crate::engine::{NodeId, Outcome};

    fn played(p: &mut Progress, id: &str, outcome: Outcome, score: u8, at: u64) {
        p.record(
            &RunResult {
                scenario: ScenarioId::new(id),
                customer_type: crate::engine::CustomerType::Dissatisfied,
                outcome,
                ending: NodeId::new("end"),
                score,
                applied: [Technique::Calm, Technique::Empathy].into_iter().collect(),
                misapplied: Default::default(),
                missed: Default::default(),
                steps: Vec::new(),
                mood_curve: vec![50],
                started_at: None,
            },
            at,
        );
    }

    fn ids(names: &[&str]) -> Vec<ScenarioId> {
        names.iter().map(|n| ScenarioId::new(*n)).collect()
    }

    #[test]
    fn the_mastery_rule_decides_completed_and_passed() {
        let all = ids(&["a", "b", "c"]);
        let assignment = Assignment {
            required: ids(&["a", "b"]),
            mastery_score: 70,
        };
        let mut p = Progress::default();
        played(&mut p, "a", Outcome::Resolved, 90, 1);
        let s = standing(&p, &assignment, &all);
        assert_eq!(
            (s.completed, s.passed, s.score, s.finished),
            (false, false, 45, 1)
        );
        played(&mut p, "b", Outcome::Escalated, 95, 2);
        let s = standing(&p, &assignment, &all);
        assert_eq!(
            (s.completed, s.passed),
            (true, false),
            "an escalation is no pass"
        );
        played(&mut p, "b", Outcome::BoundaryHeld, 75, 3);
        assert!(standing(&p, &assignment, &all).passed);
        let strict = Assignment {
            mastery_score: 80,
            ..assignment
        };
        assert!(
            !standing(&p, &strict, &all).passed,
            "75 is below a mastery score of 80"
        );
    }

    #[test]
    fn url_parameters_override_the_packaged_assignment() {
        let a = Assignment::from_query("?lang=de&required=x,y&mastery=85", Assignment::default());
        assert_eq!(
            a,
            Assignment {
                required: ids(&["x", "y"]),
                mastery_score: 85
            }
        );
        assert_eq!(
            Assignment::from_query("mastery=abc", Assignment::default()),
            Assignment::default()
        );
    }

    #[test]
    fn suspend_data_drops_history_first_and_fits_scorm_12() {
        let mut p = Progress::default();
        for i in 0..200u64 {
            played(
                &mut p,
                &format!("scenario-with-a-long-name-{}", i % 40),
                Outcome::Resolved,
                90,
                1_764_000_000_000 + i,
            );
        }
        let full = p.to_json();
        let data = suspend_data(&p, 4096);
        assert!(data.len() <= 4096 || Progress::from_json(&data).unwrap().history.is_empty());
        let back = Progress::from_json(&data).unwrap();
        assert_eq!(back.scenarios, p.scenarios);
        assert_eq!(back.badges, p.badges);
        assert!(back.history.len() < p.history.len() && full.len() > 4096);
        // Realistic: twelve scenarios, all within limit with history.
        let mut q = Progress::default();
        for i in 0..120u64 {
            played(
                &mut q,
                &format!("supermarket-expired-yoghurt-{}", i % 12),
                Outcome::Resolved,
                90,
                1_764_000_000_000 + i,
            );
        }
        assert!(suspend_data(&q, 4096).len() <= 4096);
    }

    #[test]
    fn values_for_both_versions() {
        let all = ids(&["a"]);
        let mut p = Progress::default();
        played(&mut p, "a", Outcome::Resolved, 88, 1);
        let v12 = values(
            ScormVersion::Scorm12,
            &p,
            &Assignment::default(),
            &all,
            "#/progress",
        );
        let get = |v: &[(String, String)], k: &str| {
            v.iter().find(|(key, _)| key == k).map(|(_, x)| x.clone())
        };
        assert_eq!(
            get(&v12, "cmi.core.lesson_status").as_deref(),
            Some("passed")
        );
        assert_eq!(get(&v12, "cmi.core.score.raw").as_deref(), Some("88"));
        let v04 = values(
            ScormVersion::Scorm2004,
            &p,
            &Assignment::default(),
            &all,
            "#/progress",
        );
        assert_eq!(get(&v04, "cmi.success_status").as_deref(), Some("passed"));
        assert_eq!(get(&v04, "cmi.score.scaled").as_deref(), Some("0.88"));
        assert_eq!(get(&v04, "cmi.objectives.0.id").as_deref(), Some("calm"));
        assert_eq!(
            get(&v04, "cmi.objectives.0.success_status").as_deref(),
            Some("passed")
        );
        assert_eq!(
            get(&v04, "cmi.objectives.2.success_status").as_deref(),
            Some("unknown")
        );
        assert_eq!(session_time(ScormVersion::Scorm12, 3723), "0001:02:03");
        assert_eq!(session_time(ScormVersion::Scorm2004, 90), "PT0H1M30S");
    }
}
