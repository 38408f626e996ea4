//! App-wide state shared through context: language, catalog, progress, notices.

use crate::catalog::Catalog;
use crate::engine::Lang;
use crate::engine::progress::{BadgeAward, Progress};
use crate::engine::result::RunResult;
use crate::storage::{self, StorageNotice};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub catalog: StoredValue<Catalog>,
    pub progress: RwSignal<Progress>,
    pub notices: RwSignal<Vec<StorageNotice>>,
}

impl AppState {
    pub fn new(lang: Lang) -> AppState {
        let (progress, notice) = storage::load_progress();
        AppState {
            lang: RwSignal::new(lang),
            catalog: StoredValue::new(Catalog::load()),
            progress: RwSignal::new(progress),
            notices: RwSignal::new(notice.into_iter().collect()),
        }
    }

    /// Records a finished run, saves, and returns the badge levels it earned.
    /// A failed save is shown to the trainee; play goes on in memory.
    pub fn record_run(&self, result: &RunResult) -> Vec<BadgeAward> {
        let now = js_sys::Date::now() as u64;
        let mut awards = Vec::new();
        self.progress.update(|p| awards = p.record(result, now));
        self.save();
        awards
    }

    /// Saves progress merged with what other tabs saved; shows failures.
    pub fn save(&self) {
        match self.progress.with_untracked(storage::save_progress) {
            Ok(merged) => {
                if self.progress.with_untracked(|p| p != &merged) {
                    self.progress.set(merged);
                }
            }
            Err(notice) => self.notify(notice),
        }
    }

    /// Takes in progress another tab saved (the `storage` event).
    pub fn follow_other_tabs(&self) {
        let progress = self.progress;
        storage::on_progress_changed_elsewhere(move |theirs| {
            progress.update(|mine| *mine = mine.merge(&theirs));
        });
    }

    pub fn notify(&self, notice: StorageNotice) {
        self.notices.update(|all| {
            // One notice per kind: a second failed save says nothing new.
            if !all
                .iter()
                .any(|n| std::mem::discriminant(n) == std::mem::discriminant(&notice))
            {
                all.push(notice);
            }
        });
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
