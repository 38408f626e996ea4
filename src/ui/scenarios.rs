//! The scenario repository, a service in context: which scenarios exist
//! (shipped and imported), their cards, and each scenario as loaded so far
//! with the languages fetched. Reading (`status`) has no side effects: it may
//! run in a `Memo`. What is missing is started by `ensure`, which the root
//! calls from an `Effect` (a fetch, or the texts of a newly chosen language).

use counterpart::engine::compiled::{CompiledIndex, FileIndex, ScenarioCard, file_for};
use counterpart::engine::import_check::{ImportFile, ImportVerdict};
use counterpart::engine::{Lang, Scenario, ScenarioId};
use counterpart::web::{scenario_fetch, storage};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;

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

/// A scenario that was read, or why it could not be.
impl From<Result<Scenario, String>> for ScenarioStatus {
    fn from(read: Result<Scenario, String>) -> Self {
        match read {
            Ok(scenario) => ScenarioStatus::Ready(scenario),
            Err(why) => ScenarioStatus::Failed(why),
        }
    }
}

#[derive(Clone, Copy)]
pub struct ScenarioRepo {
    /// Which files hold the shipped scenarios (embedded in the page), or why not.
    shipped: StoredValue<Result<FileIndex, String>>,
    /// The shipped scenarios' cards, once `load_cards` fetched them (only the
    /// screens that list scenarios need them, so a deep link does not).
    index: RwSignal<Option<Result<CompiledIndex, String>>>,
    /// Shipped scenarios fetched so far. A ready one holds the texts of the
    /// languages fetched so far.
    loaded: RwSignal<BTreeMap<ScenarioId, ScenarioStatus>>,
    /// Languages whose texts were fetched (or are on their way) for a
    /// scenario that was first loaded in another language.
    added_languages: StoredValue<BTreeSet<(ScenarioId, Lang)>>,
    /// Scenarios the trainer imported in this browser (valid ones only).
    own: RwSignal<Vec<Scenario>>,
    /// True while imported scenarios are being checked after start.
    own_pending: RwSignal<bool>,
}

pub fn use_scenarios() -> ScenarioRepo {
    expect_context::<ScenarioRepo>()
}

impl ScenarioRepo {
    pub fn new() -> ScenarioRepo {
        ScenarioRepo {
            shipped: StoredValue::new(scenario_fetch::files()),
            index: RwSignal::new(None),
            loaded: RwSignal::new(BTreeMap::new()),
            added_languages: StoredValue::new(BTreeSet::new()),
            own: RwSignal::new(Vec::new()),
            own_pending: RwSignal::new(false),
        }
    }

    /// Checks the imported scenarios kept in storage again (a newer app may
    /// be stricter) with `check` (the import worker, whose client is a chunk
    /// of its own: passed in, so this module does not depend on the screens);
    /// if no check could run, `unchecked` is called and they stay stored.
    pub fn check_own<Checking>(
        &self,
        check: impl FnOnce(Vec<ImportFile>) -> Checking + 'static,
        unchecked: impl FnOnce() + 'static,
    ) where
        Checking: Future<Output = Result<Vec<ImportVerdict>, String>> + 'static,
    {
        let files: Vec<ImportFile> = storage::own_scenarios()
            .into_iter()
            .map(|(name, text)| ImportFile { name, text })
            .collect();
        if files.is_empty() {
            return;
        }
        let (own, pending) = (self.own, self.own_pending);
        pending.set(true);
        leptos::task::spawn_local(async move {
            match check(files).await {
                Ok(verdicts) => own.set(
                    verdicts
                        .into_iter()
                        .filter_map(|v| v.into_scenario().ok())
                        .collect(),
                ),
                Err(why) => {
                    web_sys::console::warn_1(&format!("counterpart: own scenarios: {why}").into());
                    unchecked();
                }
            }
            pending.set(false);
        });
    }

    /// The imported scenarios (tracked).
    pub fn own(&self) -> Vec<Scenario> {
        self.own.get()
    }

    /// The imported scenarios, untracked (for event handlers).
    pub fn own_untracked(&self) -> Vec<Scenario> {
        self.own.get_untracked()
    }

    /// Adds an imported scenario, or replaces the one with its id.
    pub fn add_own(&self, scenario: Scenario) {
        self.own.update(|own| {
            own.retain(|s| s.id != scenario.id);
            own.push(scenario);
        });
    }

    pub fn remove_own(&self, id: &ScenarioId) {
        self.own.update(|own| own.retain(|o| &o.id != id));
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

    /// Every shipped scenario's id (for the LMS's objectives).
    pub fn shipped_ids(&self) -> Vec<ScenarioId> {
        self.shipped.with_value(|list| {
            list.iter()
                .flat_map(|l| l.scenarios.iter().map(|e| e.id.clone()))
                .collect()
        })
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
                self.own.with_untracked(|own| {
                    own.iter()
                        .find(|s| &s.id == id)
                        .map(|s| s.title.get(lang).to_string())
                })
            })
            .unwrap_or_else(|| id.to_string())
    }

    /// A scenario as far as it is here (reactive, no side effects): `Ready`
    /// once fetched or already in the page, and again with more texts when
    /// those of a newly chosen language arrive. `ensure` starts what is missing.
    pub fn status(&self, id: &ScenarioId, lang: Lang) -> ScenarioStatus {
        let own = self
            .own
            .with(|own| own.iter().find(|s| &s.id == id).cloned());
        if let Some(scenario) = own {
            return ScenarioStatus::Ready(scenario);
        }
        if let Some(status) = self.loaded.with(|l| l.get(id).cloned()) {
            return status;
        }
        match self.shipped_entry(id, |files| file_for(files, lang).map(str::to_string)) {
            Ok(Some(None)) => ScenarioStatus::Missing,
            Err(why) => ScenarioStatus::Failed(why),
            Ok(None) if self.own_pending.get() => ScenarioStatus::Loading,
            Ok(None) => ScenarioStatus::Missing,
            // Already in the page (embedded or preloaded): ready for the
            // first render; `ensure` keeps it.
            Ok(Some(Some(file))) => scenario_fetch::scenario_now(&file)
                .map(ScenarioStatus::from)
                .unwrap_or(ScenarioStatus::Loading),
        }
    }

    /// Starts what `status` is missing for `id` in `lang`: keeps a scenario
    /// that `status` already read from the page (`seen`, so it is not read
    /// twice), fetches one that is not there (once), or fetches the texts of
    /// `lang` for one loaded in another language. Call from an Effect.
    pub fn ensure(&self, id: &ScenarioId, lang: Lang, seen: Option<ScenarioStatus>) {
        if self
            .own
            .with_untracked(|own| own.iter().any(|s| &s.id == id))
        {
            return;
        }
        if let Some(status) = self.loaded.with_untracked(|l| l.get(id).cloned()) {
            if let ScenarioStatus::Ready(scenario) = &status
                && !scenario.has_texts_in(lang)
            {
                self.add_language(id, lang);
            }
            return;
        }
        if let Some(read @ (ScenarioStatus::Ready(_) | ScenarioStatus::Failed(_))) = seen {
            self.loaded.update(|l| {
                l.insert(id.clone(), read);
            });
            return;
        }
        if let Ok(Some(Some(file))) =
            self.shipped_entry(id, |files| file_for(files, lang).map(str::to_string))
        {
            self.fetch(id.clone(), file);
        }
    }

    /// Fetches a shipped scenario once; later calls while it runs do nothing.
    fn fetch(&self, id: ScenarioId, file: String) {
        let loaded = self.loaded;
        let started = loaded
            .try_update(|l| {
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
            return; // written in one language only
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
                // Rebuilt rather than `remove`d: removing compiles the tree's
                // rebalancing for this key and value type (wasm size).
                let all = std::mem::take(l);
                l.extend(all.into_iter().filter(|(other, _)| other != id));
            }
        });
    }
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

    /// As [`LiveScenario::with`], or `None` once the route that made it is
    /// gone (its first scenario is dropped with that screen).
    pub fn try_with<R>(&self, f: impl FnOnce(&Scenario) -> R) -> Option<R> {
        self.status
            .try_with(|status| match status {
                Some(ScenarioStatus::Ready(live))
                    if self.first.try_with_value(|first| first.id == live.id) == Some(true) =>
                {
                    Some(f(live))
                }
                _ => self.first.try_with_value(f),
            })
            .flatten()
    }
}

/// A screen whose chunk is being loaded (see `on_demand`).
pub type LoadingScreen = Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// `screen` (a chunk's load) once the scenario cards are here too. One after
/// the other, but neither waits long: the page preloads both for the route
/// it opens with, and a conversation fetches the cards after its first reply.
/// Boxed, so the wasm holds one copy of this for all those screens.
pub async fn with_cards(
    repo: ScenarioRepo,
    screen: LoadingScreen,
) -> Result<AnyView, SplitLoaderError> {
    repo.load_cards().await;
    screen.await
}
