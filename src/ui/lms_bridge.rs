//! The LMS bridge, a service in context: connects to a SCORM runtime if the
//! page runs in one, takes in the earlier attempt's progress, and reports the
//! standing after every committed change of progress (a run, an import, a
//! reset alike: it follows the progress store through an `Effect`).

use super::notices::{Notice, NoticeList};
use super::progress_store::ProgressStore;
use super::scenarios::ScenarioRepo;
use counterpart::engine::ScenarioId;
use counterpart::engine::progress::Progress;
use counterpart::lms::mapping::Assignment;
use counterpart::lms::runtime as lms;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct LmsBridge {
    /// What the LMS assignment requires (packaged defaults, URL overrides).
    assignment: StoredValue<Assignment>,
    /// True while an LMS attempt is open.
    connected: RwSignal<bool>,
    progress: ProgressStore,
    scenarios: ScenarioRepo,
    notices: NoticeList,
}

pub fn use_lms() -> LmsBridge {
    expect_context::<LmsBridge>()
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
    Assignment::from_query(counterpart::route::hash_query(&hash), from_search)
}

type Call = fn(&Progress, &Assignment, &[ScenarioId], &str) -> Result<(), lms::LmsError>;

impl LmsBridge {
    /// Connects if the page runs inside an LMS; from then on every committed
    /// change of progress is reported.
    pub fn connect(progress: ProgressStore, scenarios: ScenarioRepo, notices: NoticeList) -> LmsBridge {
        let bridge = LmsBridge {
            assignment: StoredValue::new(read_assignment()),
            connected: RwSignal::new(false),
            progress,
            scenarios,
            notices,
        };
        match lms::connect() {
            None => {}
            Some(Ok(connected)) => {
                bridge.connected.set(true);
                if let Some(earlier) = connected.resumed {
                    progress.take_in(&earlier);
                }
                bridge.report();
                // Reports after each commit (not the first run: nothing changed yet).
                let committed = progress.committed();
                Effect::new(move |seen: Option<u64>| {
                    let now = committed.get();
                    if seen.is_some_and(|seen| seen != now) {
                        bridge.report();
                    }
                    now
                });
                let _ = window_event_listener_untyped("pagehide", move |_| bridge.finish());
            }
            Some(Err(e)) => bridge.failed(&e),
        }
        bridge
    }

    /// True while an attempt is open (tracked).
    pub fn connected(&self) -> bool {
        self.connected.get()
    }

    /// Calls the LMS with the current progress, assignment, scenario ids and
    /// location; `None` when no attempt is open.
    fn call(&self, call: Call) -> Option<Result<(), lms::LmsError>> {
        if !lms::is_connected() {
            return None;
        }
        let location = window().location().hash().unwrap_or_default();
        let ids = self.scenarios.shipped_ids();
        Some(
            self.progress
                .with_untracked(|p| self.assignment.with_value(|a| call(p, a, &ids, &location))),
        )
    }

    fn failed(&self, error: &lms::LmsError) {
        web_sys::console::warn_1(&format!("counterpart: {error}").into());
        self.notices.notify(Notice::LmsFailed);
    }

    /// Sends the standing; a refusal is shown and retried with the next report.
    fn report(&self) {
        if let Some(Err(e)) = self.call(lms::report) {
            self.failed(&e);
        }
    }

    /// Closes the attempt (on "Finish" or when the page goes away).
    pub fn finish(&self) {
        let Some(result) = self.call(lms::finish) else {
            return;
        };
        self.connected.set(false);
        match result {
            Ok(()) => self.notices.notify(Notice::LmsFinished),
            Err(e) => self.failed(&e),
        }
    }
}
