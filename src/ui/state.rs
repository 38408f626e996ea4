//! App-wide state shared through context: language, catalog, progress, notices.

use crate::catalog::Catalog;
use crate::engine::progress::{BadgeAward, Progress};
use crate::engine::result::RunResult;
use crate::engine::{Lang, Scenario, ScenarioId};
use crate::lms::mapping::Assignment;
use crate::lms::runtime as lms;
use crate::storage::{self, StorageNotice};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub catalog: StoredValue<Catalog>,
    pub progress: RwSignal<Progress>,
    pub notices: RwSignal<Vec<Notice>>,
    /// What the LMS assignment requires (packaged defaults, URL overrides).
    pub assignment: StoredValue<Assignment>,
    /// True while an LMS attempt is open.
    pub lms_connected: RwSignal<bool>,
    /// Scenarios the trainer imported in this browser (valid ones only).
    pub own_scenarios: RwSignal<Vec<Scenario>>,
}

/// Something the trainee should know, in plain words (see `notices.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Storage(StorageNotice),
    /// The LMS refused a call; play goes on, results are sent again later.
    LmsFailed,
    /// The attempt was closed and results were sent.
    LmsFinished,
}

/// Imported scenarios from storage, checked again (a newer app may be stricter).
fn load_own_scenarios() -> Vec<Scenario> {
    storage::own_scenarios()
        .into_iter()
        .filter_map(|(name, toml)| crate::engine::load_untrusted(&name, &toml).ok())
        .collect()
}

/// The packaged assignment (`<meta name="counterpart-assignment"
/// content="required=a,b&mastery=70">`), overridden by the page's URL.
fn read_assignment() -> Assignment {
    let packaged = document()
        .query_selector("meta[name=counterpart-assignment]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    let location = window().location();
    let hash = location.hash().unwrap_or_default();
    let defaults = Assignment::from_query(&packaged, Assignment::default());
    let from_search = Assignment::from_query(&location.search().unwrap_or_default(), defaults);
    Assignment::from_query(crate::route::hash_query(&hash), from_search)
}

impl AppState {
    pub fn new(lang: Lang) -> AppState {
        let (progress, notice) = storage::load_progress();
        AppState {
            lang: RwSignal::new(lang),
            catalog: StoredValue::new(Catalog::load()),
            progress: RwSignal::new(progress),
            notices: RwSignal::new(notice.map(Notice::Storage).into_iter().collect()),
            assignment: StoredValue::new(read_assignment()),
            lms_connected: RwSignal::new(false),
            own_scenarios: RwSignal::new(load_own_scenarios()),
        }
    }

    /// The title of a built-in or imported scenario, or its id if it is gone.
    pub fn title_of(&self, id: &ScenarioId, lang: Lang) -> String {
        self.scenario(id)
            .map_or_else(|| id.to_string(), |s| s.title.get(lang).to_string())
    }

    /// A built-in or imported scenario.
    pub fn scenario(&self, id: &ScenarioId) -> Option<Scenario> {
        self.catalog.with_value(|c| c.get(id).cloned()).or_else(|| {
            self.own_scenarios
                .with_untracked(|own| own.iter().find(|s| &s.id == id).cloned())
        })
    }

    /// Connects to an LMS if the page runs inside one, and takes in the
    /// progress of an earlier attempt (merged, so nothing local is lost).
    pub fn connect_lms(&self) {
        match lms::connect() {
            None => {}
            Some(Ok(connected)) => {
                self.lms_connected.set(true);
                if let Some(earlier) = connected.resumed {
                    self.progress.update(|p| *p = p.merge(&earlier));
                    self.save();
                }
                self.report_to_lms();
                let state = *self;
                let _ = window_event_listener_untyped("pagehide", move |_| state.finish_lms());
            }
            Some(Err(e)) => self.lms_failed(&e),
        }
    }

    fn scenario_ids(&self) -> Vec<ScenarioId> {
        self.catalog
            .with_value(|c| c.scenarios.iter().map(|s| s.id.clone()).collect())
    }

    /// Calls the LMS with the current progress, assignment, scenario ids and
    /// location; `None` when no attempt is open.
    fn with_lms(
        &self,
        call: fn(&Progress, &Assignment, &[ScenarioId], &str) -> Result<(), lms::LmsError>,
    ) -> Option<Result<(), lms::LmsError>> {
        if !lms::is_connected() {
            return None;
        }
        let location = window().location().hash().unwrap_or_default();
        let ids = self.scenario_ids();
        Some(
            self.progress
                .with_untracked(|p| self.assignment.with_value(|a| call(p, a, &ids, &location))),
        )
    }

    fn lms_failed(&self, error: &lms::LmsError) {
        web_sys::console::warn_1(&format!("counterpart: {error}").into());
        self.notify(Notice::LmsFailed);
    }

    /// Sends the standing to the LMS; a refusal is shown and retried with the next report.
    pub fn report_to_lms(&self) {
        if let Some(Err(e)) = self.with_lms(lms::report) {
            self.lms_failed(&e);
        }
    }

    /// Closes the LMS attempt (on "Finish" or when the page goes away).
    pub fn finish_lms(&self) {
        let Some(result) = self.with_lms(lms::finish) else {
            return;
        };
        self.lms_connected.set(false);
        match result {
            Ok(()) => self.notify(Notice::LmsFinished),
            Err(e) => self.lms_failed(&e),
        }
    }

    /// Records a finished run, saves, and returns the badge levels it earned.
    /// A failed save is shown to the trainee; play goes on in memory.
    pub fn record_run(&self, result: &RunResult) -> Vec<BadgeAward> {
        let now = js_sys::Date::now() as u64;
        let mut awards = Vec::new();
        self.progress.update(|p| awards = p.record(result, now));
        self.save();
        self.report_to_lms();
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
            Err(notice) => self.notify(Notice::Storage(notice)),
        }
    }

    /// Takes in progress another tab saved (the `storage` event).
    pub fn follow_other_tabs(&self) {
        let progress = self.progress;
        storage::on_progress_changed_elsewhere(move |theirs| {
            progress.update(|mine| *mine = mine.merge(&theirs));
        });
    }

    pub fn notify(&self, notice: Notice) {
        self.notices.update(|all| {
            // One notice per kind: a second failed save says nothing new.
            let kind = |n: &Notice| match n {
                Notice::Storage(s) => (0, Some(std::mem::discriminant(s))),
                Notice::LmsFailed => (1, None),
                Notice::LmsFinished => (2, None),
            };
            if !all.iter().any(|n| kind(n) == kind(&notice)) {
                all.push(notice);
            }
        });
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
