//! The LMS bridge, a service in context: if the page runs inside a SCORM
//! runtime, it connects, takes in the earlier attempt's progress, and reports
//! the standing after every committed change of progress (a run, an import,
//! a reset alike: it follows the progress store through an `Effect`).
//!
//! The SCORM code is a wasm chunk of its own (`open_attempt`), fetched only
//! when an LMS API is found: outside an LMS nobody downloads it. A page
//! launched for cmi5 or plain xAPI opens an xAPI session instead
//! (`xapi_session.rs`, another chunk).

use super::notices::{Notice, NoticeList};
use super::progress_store::ProgressStore;
use super::scenarios::ScenarioRepo;
use counterpart::engine::progress::Progress;
use counterpart::engine::{Lang, ScenarioId};
use counterpart::lms::mapping::Assignment;
use counterpart::lms::runtime as lms;
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};

#[derive(Clone, Copy)]
pub struct LmsBridge {
    /// True while an LMS attempt is open.
    connected: RwSignal<bool>,
    /// Closes the attempt; set by the chunk once it connected.
    finish: StoredValue<Option<Callback<()>>>,
    progress: ProgressStore,
    scenarios: ScenarioRepo,
    notices: NoticeList,
}

pub fn use_lms() -> LmsBridge {
    expect_context::<LmsBridge>()
}

impl LmsBridge {
    /// The bridge; if an LMS API is reachable, its code is fetched and the
    /// attempt opened right away (a failed download is shown like a refusal).
    pub fn start(
        progress: ProgressStore,
        scenarios: ScenarioRepo,
        notices: NoticeList,
        lang: RwSignal<Lang>,
    ) -> LmsBridge {
        let bridge = LmsBridge {
            connected: RwSignal::new(false),
            finish: StoredValue::new(None),
            progress,
            scenarios,
            notices,
        };
        if lms::api_present() {
            let (owner, launch) = (Owner::current(), launch_address());
            leptos::task::spawn_local(async move {
                if open_attempt(bridge, owner, launch).await.is_err() {
                    notices.notify(Notice::LmsFailed);
                }
            });
        } else if super::xapi_session::launched() {
            progress.keep_played();
            super::xapi_session::start(bridge, lang);
        }
        bridge
    }

    /// An attempt was opened; `finish` closes it.
    pub fn opened(&self, finish: Callback<()>) {
        self.finish.set_value(Some(finish));
        self.connected.set(true);
    }

    /// The attempt was closed.
    pub fn closed(&self) {
        self.connected.set(false);
    }

    pub fn progress(&self) -> ProgressStore {
        self.progress
    }

    pub fn scenarios(&self) -> ScenarioRepo {
        self.scenarios
    }

    pub fn notices(&self) -> NoticeList {
        self.notices
    }

    /// True while an attempt is open (tracked).
    pub fn connected(&self) -> bool {
        self.connected.get()
    }

    /// Closes the attempt ("Finish"); nothing outside an LMS.
    pub fn finish(&self) {
        if let Some(finish) = self.finish.get_value() {
            finish.run(());
        }
    }
}

/// Opens the attempt: everything below runs only in this chunk.
#[wasm_split(lms, wasm_split_path = ::leptos::wasm_split, fallible)]
fn open_attempt(
    bridge: LmsBridge,
    owner: Option<Owner>,
    launch: (String, String),
) -> Result<(), SplitLoaderError> {
    let assignment = read_assignment(&launch.0, &launch.1);
    let open = move || match lms::connect() {
        None => {}
        Some(Ok(connected)) => {
            bridge.connected.set(true);
            if let Some(earlier) = connected.resumed {
                bridge.progress.take_in(&earlier);
            }
            report(&bridge, &assignment);
            let assignment = StoredValue::new(assignment.clone());
            let finish_now = move || assignment.with_value(|a| finish(&bridge, a));
            bridge
                .finish
                .set_value(Some(Callback::new(move |_| finish_now())));
            // Reports after each commit (not at once: nothing changed yet).
            let committed = bridge.progress.committed();
            Effect::new(move |seen: Option<u64>| {
                let now = committed.get();
                if seen.is_some_and(|seen| seen != now) {
                    assignment.with_value(|a| report(&bridge, a));
                }
                now
            });
            let _ = window_event_listener_untyped("pagehide", move |_| finish_now());
        }
        Some(Err(e)) => failed(&bridge, &e),
    };
    match owner {
        Some(owner) => owner.with(open),
        None => open(),
    }
    Ok(())
}

/// The page's address as launched (search and hash): read at once, since
/// the hash changes with every screen, and parsed by the chunk.
fn launch_address() -> (String, String) {
    let location = window().location();
    (
        location.search().unwrap_or_default(),
        location.hash().unwrap_or_default(),
    )
}

/// The packaged assignment (`<meta name="counterpart-assignment"
/// content="required=a,b&mastery=70">`), overridden by the launch address.
pub fn read_assignment(search: &str, hash: &str) -> Assignment {
    let packaged = document()
        .query_selector("meta[name=counterpart-assignment]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    let defaults = Assignment::from_query(&packaged, Assignment::default());
    let from_search = Assignment::from_query(search, defaults);
    Assignment::from_query(counterpart::route::hash_query(hash), from_search)
}

type Call = fn(&Progress, &Assignment, &[ScenarioId], &str) -> Result<(), lms::LmsError>;

/// Calls the LMS with the current progress, assignment, scenario ids and
/// location; `None` when no attempt is open.
fn call(
    bridge: &LmsBridge,
    assignment: &Assignment,
    call: Call,
) -> Option<Result<(), lms::LmsError>> {
    if !lms::is_connected() {
        return None;
    }
    let location = window().location().hash().unwrap_or_default();
    let ids = bridge.scenarios.shipped_ids();
    Some(
        bridge
            .progress
            .with_untracked(|p| call(p, assignment, &ids, &location)),
    )
}

fn failed(bridge: &LmsBridge, error: &lms::LmsError) {
    web_sys::console::warn_1(&format!("counterpart: {error}").into());
    bridge.notices.notify(Notice::LmsFailed);
}

/// Sends the standing; a refusal is shown and retried with the next report.
fn report(bridge: &LmsBridge, assignment: &Assignment) {
    if let Some(Err(e)) = call(bridge, assignment, lms::report) {
        failed(bridge, &e);
    }
}

/// Closes the attempt (on "Finish" or when the page goes away).
fn finish(bridge: &LmsBridge, assignment: &Assignment) {
    let Some(result) = call(bridge, assignment, lms::finish) else {
        return;
    };
    bridge.connected.set(false);
    match result {
        Ok(()) => bridge.notices.notify(Notice::LmsFinished),
        Err(e) => failed(bridge, &e),
    }
}
