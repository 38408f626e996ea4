//! App-wide state shared through context: language, the scenario index and
//! the scenarios loaded so far, progress, notices.

use counterpart::engine::compiled::{CompiledIndex, FileIndex, ScenarioCard, file_for};
use counterpart::engine::import_check::ImportFile;
use counterpart::engine::progress::Progress;
use counterpart::engine::{Lang, Scenario, ScenarioId};
use counterpart::lms::mapping::Assignment;
use counterpart::lms::runtime as lms;
use counterpart::scenario_fetch;
use counterpart::storage::{self, StorageNotice};
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    /// Which files hold the shipped scenarios (embedded in the page), or why not.
    shipped: StoredValue<Result<FileIndex, String>>,
    /// The shipped scenarios' cards, once `load_cards` fetched them (only the
    /// screens that list scenarios need them, so a deep link does not).
    index: RwSignal<Option<Result<CompiledIndex, String>>>,
    /// Shipped scenarios fetched so far: `Loading`, `Ready` or `Failed`. A
    /// ready one holds the texts of the languages fetched so far.
    loaded: RwSignal<BTreeMap<ScenarioId, ScenarioStatus>>,
    /// Languages whose texts were fetched (or are on their way) for a
    /// scenario that was first loaded in another language.
    added_languages: StoredValue<BTreeSet<(ScenarioId, Lang)>>,
    pub progress: RwSignal<Progress>,
    pub notices: RwSignal<Vec<Notice>>,
    /// What the LMS assignment requires (packaged defaults, URL overrides).
    pub assignment: StoredValue<Assignment>,
    /// True while an LMS attempt is open.
    pub lms_connected: RwSignal<bool>,
    /// Scenarios the trainer imported in this browser (valid ones only).
    pub own_scenarios: RwSignal<Vec<Scenario>>,
    /// True while imported scenarios are being checked after start.
    own_pending: RwSignal<bool>,
}

/// A scenario that was read, or why it could not be.
impl From<Result<Scenario, String>> for ScenarioStatus {
    fn from(read: Result<Scenario, String>) -> Self {
        match read {
            Ok(scenario) => ScenarioStatus::Ready(scenario),
            Err(why) => ScenarioStatus::Failed(why),
        }
    }
}

/// What a screen showing one scenario can show.
#[derive(Debug, Clone, PartialEq)]
pub enum ScenarioStatus {
    Ready(Scenario),
    Loading,
    /// No such scenario, shipped or imported.
    Missing,
    /// It exists but could not be loaded (offline before the first visit, a damaged file).
    Failed(String),
}

/// The scenario a screen shows, with the texts of every language added so
/// far: read from the route's status (so it changes when texts arrive),
/// or as first shown once the route has moved on.
#[derive(Clone, Copy)]
pub struct LiveScenario {
    status: Memo<Option<ScenarioStatus>>,
    first: StoredValue<Scenario>,
}

impl LiveScenario {
    pub fn new(status: Memo<Option<ScenarioStatus>>, first: Scenario) -> Self {
        LiveScenario {
            status,
            first: StoredValue::new(first),
        }
    }

    /// `f` of the scenario in `status` if it is still this one, else of the first.
    fn pick<R>(&self, status: &Option<ScenarioStatus>, f: impl FnOnce(&Scenario) -> R) -> R {
        match status {
            Some(ScenarioStatus::Ready(live))
                if self.first.with_value(|first| first.id == live.id) =>
            {
                f(live)
            }
            _ => self.first.with_value(f),
        }
    }

    pub fn with<R>(&self, f: impl FnOnce(&Scenario) -> R) -> R {
        self.status.with(|status| self.pick(status, f))
    }

    pub fn with_untracked<R>(&self, f: impl FnOnce(&Scenario) -> R) -> R {
        self.status.with_untracked(|status| self.pick(status, f))
    }
}

/// Something the trainee should know, in plain words (see `notices.rs`).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Storage(StorageNotice),
    /// The LMS refused a call; play goes on, results are sent again later.
    LmsFailed,
    /// The attempt was closed and results were sent.
    LmsFinished,
    /// Imported scenarios could not be checked after start; they stay stored.
    OwnScenariosUnchecked,
}

/// Imported scenarios from storage, checked again in the import worker (a
/// newer app may be stricter); `pending` is true until the check answers.
fn load_own_scenarios(
    own: RwSignal<Vec<Scenario>>,
    pending: RwSignal<bool>,
    notices: RwSignal<Vec<Notice>>,
) {
    let files: Vec<ImportFile> = storage::own_scenarios()
        .into_iter()
        .map(|(name, text)| ImportFile { name, text })
        .collect();
    if files.is_empty() {
        return;
    }
    pending.set(true);
    leptos::task::spawn_local(async move {
        match super::on_demand::check_imports(files).await {
            Ok(verdicts) => own.set(
                verdicts
                    .into_iter()
                    .filter_map(|v| v.into_scenario().ok())
                    .collect(),
            ),
            Err(why) => {
                web_sys::console::warn_1(&format!("counterpart: own scenarios: {why}").into());
                notices.update(|all| all.push(Notice::OwnScenariosUnchecked));
            }
        }
        pending.set(false);
    });
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

impl AppState {
    pub fn new(lang: Lang) -> AppState {
        let (progress, notice) = storage::load_progress();
        let (own_scenarios, own_pending) = (RwSignal::new(Vec::new()), RwSignal::new(false));
        let notices = RwSignal::new(notice.map(Notice::Storage).into_iter().collect());
        load_own_scenarios(own_scenarios, own_pending, notices);
        AppState {
            lang: RwSignal::new(lang),
            shipped: StoredValue::new(scenario_fetch::files()),
            index: RwSignal::new(None),
            loaded: RwSignal::new(BTreeMap::new()),
            added_languages: StoredValue::new(BTreeSet::new()),
            progress: RwSignal::new(progress),
            notices,
            assignment: StoredValue::new(read_assignment()),
            lms_connected: RwSignal::new(false),
            own_scenarios,
            own_pending,
        }
    }

    /// Fetches the cards (`index.json`) unless they are here. The screens
    /// that show cards or titles await this before they render.
    pub async fn load_cards(self) {
        if self.index.with_untracked(|i| matches!(i, Some(Ok(_)))) {
            return;
        }
        let index = scenario_fetch::index().await;
        self.index.set(Some(index));
    }

    /// The cards of the shipped scenarios (none if they are not loaded or
    /// unreadable).
    pub fn cards(&self) -> Vec<ScenarioCard> {
        self.index.with_untracked(|index| match index {
            Some(Ok(i)) => i.scenarios.iter().map(|e| e.card.clone()).collect(),
            _ => Vec::new(),
        })
    }

    /// Why the cards could not be loaded, if they could not.
    pub fn cards_problem(&self) -> Option<String> {
        self.index.with_untracked(|index| match index {
            Some(Err(why)) => Some(why.clone()),
            _ => None,
        })
    }

    /// The files of a shipped scenario; `Err` if the page's list is unreadable.
    fn shipped_entry<T>(
        &self,
        id: &ScenarioId,
        pick: impl FnOnce(&BTreeMap<Lang, String>) -> T,
    ) -> Result<Option<T>, String> {
        self.shipped.with_value(|list| match list {
            Ok(list) => Ok(list
                .scenarios
                .iter()
                .find(|e| &e.id == id)
                .map(|e| pick(&e.files))),
            Err(why) => Err(why.clone()),
        })
    }

    /// Whether `id` is a shipped scenario's.
    pub fn is_shipped(&self, id: &ScenarioId) -> bool {
        matches!(self.shipped_entry(id, |_| ()), Ok(Some(())))
    }

    /// The title of a built-in or imported scenario, or its id if it is gone
    /// (built-in titles once the cards are loaded).
    pub fn title_of(&self, id: &ScenarioId, lang: Lang) -> String {
        let shipped = self.index.with_untracked(|index| match index {
            Some(Ok(i)) => i
                .scenarios
                .iter()
                .find(|e| &e.card.id == id)
                .map(|e| e.card.title.get(lang).to_string()),
            _ => None,
        });
        shipped
            .or_else(|| {
                self.own_scenarios.with_untracked(|own| {
                    own.iter()
                        .find(|s| &s.id == id)
                        .map(|s| s.title.get(lang).to_string())
                })
            })
            .unwrap_or_else(|| id.to_string())
    }

    /// A scenario, fetching it first if it is shipped and not yet here
    /// (reactive: the status changes to `Ready` or `Failed` when the fetch
    /// ends, and again when the texts of a newly chosen language arrive).
    pub fn scenario_status(&self, id: &ScenarioId) -> ScenarioStatus {
        let lang = self.lang.get();
        let own = self
            .own_scenarios
            .with(|own| own.iter().find(|s| &s.id == id).cloned());
        if let Some(scenario) = own {
            return ScenarioStatus::Ready(scenario);
        }
        if let Some(status) = self.loaded.with(|l| l.get(id).cloned()) {
            if let ScenarioStatus::Ready(scenario) = &status
                && !scenario.has_texts_in(lang)
            {
                self.add_language(id, lang);
            }
            return status;
        }
        match self.shipped_entry(id, |files| file_for(files, lang).map(str::to_string)) {
            Ok(Some(None)) => ScenarioStatus::Missing,
            Err(why) => ScenarioStatus::Failed(why),
            Ok(None) if self.own_pending.get() => ScenarioStatus::Loading,
            Ok(None) => ScenarioStatus::Missing,
            Ok(Some(Some(file))) => match scenario_fetch::scenario_now(&file) {
                // Already in the page: ready for the first render.
                Some(read) => {
                    let status = ScenarioStatus::from(read);
                    self.loaded.update_untracked(|l| {
                        l.insert(id.clone(), status.clone());
                    });
                    status
                }
                None => {
                    self.fetch(id.clone(), file);
                    ScenarioStatus::Loading
                }
            },
        }
    }

    /// Fetches a shipped scenario once; later calls while it runs do nothing.
    fn fetch(&self, id: ScenarioId, file: String) {
        let loaded = self.loaded;
        let started = loaded
            .try_update_untracked(|l| {
                if l.contains_key(&id) {
                    return false;
                }
                l.insert(id.clone(), ScenarioStatus::Loading);
                true
            })
            .unwrap_or(false);
        if !started {
            return;
        }
        leptos::task::spawn_local(async move {
            let result = ScenarioStatus::from(scenario_fetch::scenario(&file).await);
            loaded.update(|l| {
                l.insert(id, result);
            });
        });
    }

    /// Fetches the texts of `lang` for a scenario loaded in another language
    /// and adds them, once. Until they arrive (or if they cannot), the texts
    /// show in the language loaded first.
    fn add_language(&self, id: &ScenarioId, lang: Lang) {
        let key = (id.clone(), lang);
        let Ok(Some(Some(file))) = self.shipped_entry(id, |files| files.get(&lang).cloned()) else {
            return; // imported, or written in one language only
        };
        let first_time = self
            .added_languages
            .try_update_value(|added| added.insert(key))
            .unwrap_or(false);
        if !first_time {
            return;
        }
        let (loaded, id) = (self.loaded, id.clone());
        leptos::task::spawn_local(async move {
            let added = match scenario_fetch::scenario(&file).await {
                Ok(texts) => loaded
                    .try_update(|l| match l.get_mut(&id) {
                        Some(ScenarioStatus::Ready(scenario)) => scenario.absorb_language(texts),
                        _ => Ok(()),
                    })
                    .unwrap_or(Ok(())),
                Err(why) => Err(why),
            };
            if let Err(why) = added {
                web_sys::console::warn_1(&format!("counterpart: {file}: {why}").into());
            }
        });
    }

    /// Forgets a failed fetch, so the next look tries again.
    pub fn retry(&self, id: &ScenarioId) {
        self.loaded.update(|l| {
            if matches!(l.get(id), Some(ScenarioStatus::Failed(_))) {
                l.remove(id);
            }
        });
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
        self.shipped.with_value(|list| {
            list.iter()
                .flat_map(|l| l.scenarios.iter().map(|e| e.id.clone()))
                .collect()
        })
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

    /// After any change to progress — a run, an import, a reset: saves it and
    /// reports the standing to the LMS, so all three reach it alike.
    pub fn commit(&self) {
        self.save();
        self.report_to_lms();
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
                Notice::OwnScenariosUnchecked => (3, None),
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
