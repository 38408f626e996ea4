//! Screens loaded on demand: each lives in its own wasm chunk, so a deep link
//! to a conversation downloads only what its first reply needs.
//!
//! `#[wasm_split]` (the crate Leptos's `#[lazy]` uses, re-exported by Leptos)
//! marks a split point; `scripts/split-wasm.mjs` cuts the built wasm there
//! (wasm-split-cli). We use it directly rather than `#[lazy]` for its
//! `fallible` option: a chunk that cannot be fetched (offline before the first
//! visit) shows a plain message with a retry instead of a panic.
//!
//! Which parts: the library, progress, settings, certificate, preview,
//! editor, hand-out, debrief, seminar (facilitator view) and class debrief
//! screens (the import checker's client is one too, in `import_checker`).
//! The conversation, header and notices stay in the main module: they are what
//! a deep link shows first.

use super::certificate::Certificate;
use super::class_debrief::ClassDebrief;
use super::debrief::Debrief;
use super::editor::Editor;
use super::editor_start::EditorStart;
use super::library::Library;
use super::preview::Preview;
use super::progress_page::ProgressPage;
use super::scenarios::LoadingScreen;
use super::settings::SettingsPage;
use super::status_screens::{Busy, Unavailable};
use counterpart::engine::progress::BadgeAward;
use counterpart::engine::result::RunResult;
use counterpart::engine::{Scenario, Session};
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use send_wrapper::SendWrapper;
use std::sync::Arc;

/// Shows the screen `load` returns once its chunk is there: "Loading …" until
/// then, and a retry if the chunk could not be fetched.
pub fn on_demand(load: impl Fn() -> LoadingScreen + Send + Sync + 'static) -> AnyView {
    shown_when_loaded(Arc::new(load))
}

/// A chunk's loader behind one type, so the `Suspense` with its fallback and
/// retry is compiled once for every screen rather than once per closure (it
/// is in the first load, where every kilobyte counts).
type Loader = Arc<dyn Fn() -> LoadingScreen + Send + Sync>;

fn shown_when_loaded(load: Loader) -> AnyView {
    let attempt = RwSignal::new(0_u32);
    let fallback = || view! { <Busy message=("Wird geladen …", "Loading …")/> };
    view! {
        <Suspense fallback=fallback>
            {move || {
                attempt.track();
                // Single-threaded wasm: the chunk's load future never leaves this thread.
                let screen = SendWrapper::new(load());
                Suspend::new(async move {
                    match screen.await {
                        Ok(screen) => screen,
                        Err(_) => view! {
                            <Unavailable
                                title=("Nicht geladen", "Not loaded")
                                message=(
                                    "Dieser Teil von Counterpart konnte nicht geladen werden. Sind Sie offline? Beim ersten Besuch braucht Counterpart eine Verbindung; danach geht es auch offline.",
                                    "This part of Counterpart could not be loaded. Are you offline? Counterpart needs a connection on the first visit; after that it works offline too.",
                                )
                                retry=Callback::new(move |_| attempt.update(|n| *n += 1))
                            />
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// A screen without props as a split point: `pub fn $name() -> Result<AnyView, _>`.
macro_rules! screen_chunk {
    ($name:ident, $screen:ident) => {
        #[wasm_split($name, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name() -> Result<AnyView, SplitLoaderError> {
            Ok(view! { <$screen/> }.into_any())
        }
    };
}

screen_chunk!(library, Library);
screen_chunk!(progress, ProgressPage);
screen_chunk!(settings, SettingsPage);
screen_chunk!(certificate, Certificate);

#[wasm_split(techniques, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn techniques(
    focus: Option<counterpart::engine::Technique>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <super::primer::Primer focus=focus/> }.into_any())
}

/// The trainer's screens (preview, editor, hand-out, facilitator view, class
/// debrief): one chunk, because they share much of their code (paths, the
/// trial settings, drafts, progress files); code two chunks share would
/// move into the main module, which every trainee downloads (as two chunks
/// the seminar screens cost 2 KB of first load).
#[derive(Clone)]
pub enum AuthorScreen {
    Preview(Scenario),
    EditorStart,
    Editor(counterpart::engine::ScenarioId),
    /// The hand-out screen with the conversations chosen.
    Handout(Vec<counterpart::engine::ScenarioId>),
    /// The facilitator view (it follows the live scenario: texts of a newly
    /// chosen language arrive without starting over).
    Seminar(super::scenarios::LiveScenario),
    /// The class debrief.
    Class,
}

#[wasm_split(author, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn author(screen: AuthorScreen) -> Result<AnyView, SplitLoaderError> {
    Ok(match screen {
        AuthorScreen::Preview(scenario) => view! { <Preview scenario=scenario/> }.into_any(),
        AuthorScreen::EditorStart => view! { <EditorStart/> }.into_any(),
        AuthorScreen::Editor(id) => view! { <Editor id=id/> }.into_any(),
        AuthorScreen::Handout(select) => {
            view! { <super::handout::Handout select=select/> }.into_any()
        }
        AuthorScreen::Seminar(scenario) => {
            view! { <super::seminar::Seminar scenario=scenario/> }.into_any()
        }
        AuthorScreen::Class => view! { <ClassDebrief/> }.into_any(),
    })
}

/// Starts downloading the debrief's chunk during the conversation (after the
/// first reply, so it is not part of the first load), so the end shows at once.
pub fn prefetch_debrief() {
    let _ = super::stylesheets::load(super::stylesheets::Sheet::Screens);
    leptos::task::spawn_local(async {
        // A failure is shown (with a retry) only if the debrief is needed.
        let _ = load_debrief().await;
    });
}

#[wasm_split(debrief, wasm_split_path = ::leptos::wasm_split, fallible, preload(load_debrief))]
pub fn debrief(
    scenario: Scenario,
    session: Session,
    run: RunResult,
    awards: Vec<BadgeAward>,
    on_again: Callback<()>,
) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <Debrief scenario=scenario session=session run=run awards=awards on_again=on_again/> }.into_any())
}
