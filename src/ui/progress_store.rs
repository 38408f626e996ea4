//! The progress store, a service in context: the trainee's progress, and the
//! only way it changes — a played reply, an import, a reset, an LMS's earlier
//! attempt, another tab's save. Each change is saved once (merged with what
//! other tabs saved) and counted in `committed`, which the LMS bridge follows;
//! once an xAPI session wants them (`keep_played`), recorded replies also
//! wait in `played` until the xAPI bridge takes them as statements.

use super::notices::{Notice, NoticeList};
use counterpart::engine::play::{ReplyOutcome, play_in_own_words};
use counterpart::engine::progress::{BadgeAward, Progress};
use counterpart::engine::result::RunResult;
use counterpart::engine::session::Step;
use counterpart::engine::techniques::TechniqueSet;
use counterpart::engine::{ChooseError, ReplyId, Scenario, ScenarioId, Session};
use counterpart::web::storage;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct ProgressStore {
    progress: RwSignal<Progress>,
    /// How many changes were committed (a run, an import, a reset).
    committed: RwSignal<u64>,
    /// Replies recorded (not in a trial run) since the xAPI bridge last took
    /// them; `None` until it asked (`keep_played`), so nothing grows unread.
    played: RwSignal<Option<Vec<Played>>>,
    notices: NoticeList,
}

/// A reply as recorded: what the xAPI bridge reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Played {
    pub scenario: ScenarioId,
    pub step: Step,
    /// The customer line variant the reply answered.
    pub line: usize,
    pub finished: Option<RunResult>,
    pub awards: Vec<BadgeAward>,
    pub at_ms: u64,
}

pub fn use_progress() -> ProgressStore {
    expect_context::<ProgressStore>()
}

impl ProgressStore {
    /// The progress kept in this browser; what could not be read is reported.
    pub fn load(notices: NoticeList) -> ProgressStore {
        let (progress, notice) = storage::load_progress();
        if let Some(notice) = notice {
            notices.notify(Notice::Storage(notice));
        }
        ProgressStore {
            progress: RwSignal::new(progress),
            committed: RwSignal::new(0),
            played: RwSignal::new(None),
            notices,
        }
    }

    /// Reads the progress (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&Progress) -> R) -> R {
        self.progress.with(f)
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&Progress) -> R) -> R {
        self.progress.with_untracked(f)
    }

    /// Changes committed so far: the LMS bridge reports after each.
    pub fn committed(&self) -> ReadSignal<u64> {
        self.committed.read_only()
    }

    /// From now on, keeps every recorded reply until `take_played`: called
    /// when the page was launched for xAPI, before its code has even loaded,
    /// so a reply made meanwhile is not lost.
    pub fn keep_played(&self) {
        self.played.set(Some(Vec::new()));
    }

    /// Whether replies wait to be taken (tracked).
    pub fn has_played(&self) -> bool {
        self.played
            .with(|p| p.as_ref().is_some_and(|p| !p.is_empty()))
    }

    /// The replies recorded since the last call, oldest first.
    pub fn take_played(&self) -> Vec<Played> {
        let mut taken = Vec::new();
        self.played.update(|p| {
            if let Some(p) = p {
                std::mem::swap(p, &mut taken);
            }
        });
        taken
    }

    /// Plays `reply` (see `engine::play`), recording the run in place when it
    /// ends; subscribers hear of it, and it is committed, only then. The
    /// reply itself is announced in `played` at once.
    ///
    /// A scenario of the trainee's own (`own`: imported or written here) is
    /// played against a copy, and its finished run only joins the history:
    /// it earns no badges (`Progress::record_practice`).
    pub fn play(
        &self,
        session: &mut Session,
        scenario: &Scenario,
        reply: &ReplyId,
        words: Option<TechniqueSet>,
        now_ms: u64,
        own: bool,
    ) -> Result<ReplyOutcome, ChooseError> {
        let line = session.line;
        let outcome = self
            .progress
            .try_update_untracked(|p| {
                if !own {
                    return play_in_own_words(session, scenario, p, reply, words, now_ms);
                }
                let outcome =
                    play_in_own_words(session, scenario, &mut p.clone(), reply, words, now_ms)?;
                if let Some(run) = &outcome.finished {
                    p.record_practice(run, now_ms);
                }
                Ok(ReplyOutcome {
                    awards: Vec::new(),
                    ..outcome
                })
            })
            .unwrap_or(Err(ChooseError::Finished))?;
        if let Some(step) = session.steps.last()
            && self.played.with_untracked(Option::is_some)
        {
            self.played.update(|p| {
                p.get_or_insert_default().push(Played {
                    scenario: scenario.id.clone(),
                    step: step.clone(),
                    line,
                    finished: outcome.finished.clone(),
                    awards: outcome.awards.clone(),
                    at_ms: now_ms,
                })
            });
        }
        if outcome.finished.is_some() {
            self.progress.notify();
            self.commit();
        }
        Ok(outcome)
    }

    /// Takes in progress from a file (merged: nothing here is lost).
    pub fn import(&self, imported: &Progress) {
        self.progress.update(|p| *p = p.merge(imported));
        self.commit();
    }

    /// Takes in an LMS's earlier attempt (merged) and saves it; the bridge
    /// reports itself once connected.
    pub fn take_in(&self, earlier: &Progress) {
        self.progress.update(|p| *p = p.merge(earlier));
        self.save();
    }

    /// Deletes all progress: a tombstone, not an empty slate — other open
    /// tabs and the LMS hold older copies, and merging must not bring them back.
    pub fn reset(&self, now_ms: u64) {
        self.progress.set(Progress::reset(now_ms));
        self.commit();
    }

    /// Takes in progress another tab saved (the `storage` event).
    pub fn follow_other_tabs(&self) {
        let progress = self.progress;
        storage::on_progress_changed_elsewhere(move |theirs| {
            progress.update(|mine| *mine = mine.merge(&theirs));
        });
    }

    /// After any change: saves, and counts it for the LMS bridge.
    fn commit(&self) {
        self.save();
        self.committed.update(|n| *n += 1);
    }

    /// Saves progress merged with what other tabs saved; shows failures.
    fn save(&self) {
        match self.progress.with_untracked(storage::save_progress) {
            Ok(merged) => {
                if self.progress.with_untracked(|p| p != &merged) {
                    self.progress.set(merged);
                }
            }
            Err(notice) => self.notices.notify(Notice::Storage(notice)),
        }
    }
}
