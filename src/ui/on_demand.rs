//! Screens loaded on demand: each lives in its own wasm chunk, so a deep link
//! to a conversation downloads only what its first reply needs.
//!
//! `#[wasm_split]` (the crate Leptos's `#[lazy]` uses, re-exported by Leptos)
//! marks a split point; `scripts/split-wasm.mjs` cuts the built wasm there
//! (wasm-split-cli). We use it directly rather than `#[lazy]` for its
//! `fallible` option: a chunk that cannot be fetched (offline before the first
//! visit) shows a plain message with a retry instead of a panic.
//!
//! Which parts: the library, progress, settings, certificate, preview and
//! debrief screens, and the import checker's client (it starts the worker). The conversation, header and notices stay in the main module
//! (they are what a deep link shows first). Measured in session 3: app wasm
//! for a deep link 309 → see the closing note of issue #8.

use super::certificate::Certificate;
use super::debrief::Debrief;
use super::library::Library;
use super::preview::Preview;
use super::progress_page::ProgressPage;
use super::settings::SettingsPage;
use super::state::use_app;
use super::t;
use counterpart::engine::import_check::{ImportFile, ImportVerdict};
use counterpart::engine::progress::BadgeAward;
use counterpart::engine::result::RunResult;
use counterpart::engine::{Scenario, Session};
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use send_wrapper::SendWrapper;
use std::future::Future;
use std::pin::Pin;

/// Shows the screen `load` returns once its chunk is there: "Loading …" until
/// then, and a retry if the chunk could not be fetched.
pub fn on_demand<Load, Screen>(load: Load) -> impl IntoView
where
    Load: Fn() -> Screen + Clone + Send + Sync + 'static,
    Screen: Future<Output = Result<AnyView, SplitLoaderError>> + 'static,
{
    let lang = use_app().lang;
    let attempt = RwSignal::new(0_u32);
    let fallback = move || {
        view! { <section class="screen" aria-busy="true"><p role="status">{t(lang, "Wird geladen …", "Loading …")}</p></section> }
    };
    view! {
        <Suspense fallback=fallback>
            {move || {
                attempt.track();
                // Single-threaded wasm: the chunk's load future never leaves this thread.
                let screen = SendWrapper::new(load());
                Suspend::new(async move {
                    match screen.await {
                        Ok(screen) => screen,
                        Err(_) => view! { <ChunkFailed retry=move || attempt.update(|n| *n += 1)/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Shown when a part of the app could not be downloaded.
#[component]
fn ChunkFailed(retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let lang = use_app().lang;
    view! {
        <section class="screen">
            <h1>{t(lang, "Nicht geladen", "Not loaded")}</h1>
            <p role="alert">
                {t(lang,
                    "Dieser Teil von Counterpart konnte nicht geladen werden. Sind Sie offline? Beim ersten Besuch braucht Counterpart eine Verbindung; danach geht es auch offline.",
                    "This part of Counterpart could not be loaded. Are you offline? Counterpart needs a connection on the first visit; after that it works offline too.")}
            </p>
            <p>
                <button type="button" class="primary" on:click=move |_| retry()>{t(lang, "Erneut versuchen", "Try again")}</button>
                " "
                <a href="#/">{t(lang, "Zur Übersicht", "To the library")}</a>
            </p>
        </section>
    }
}

#[wasm_split(library, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn library() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <Library/> }.into_any())
}

#[wasm_split(progress, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn progress() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <ProgressPage/> }.into_any())
}

#[wasm_split(settings, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn settings() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <SettingsPage/> }.into_any())
}

#[wasm_split(certificate, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn certificate() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <Certificate/> }.into_any())
}

#[wasm_split(preview, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn preview(scenario: Scenario) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <Preview scenario=scenario/> }.into_any())
}

/// Starts downloading the debrief's chunk during the conversation (after the
/// first reply, so it is not part of the first load), so the end shows at once.
pub fn prefetch_debrief() {
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

/// Checks imported scenario files in the worker (`counterpart::import_worker`),
/// whose client is a chunk too: it is needed only when there are imported
/// scenarios or a file is imported. `Err` says in plain words why no check ran.
pub async fn check_imports(files: Vec<ImportFile>) -> Result<Vec<ImportVerdict>, String> {
    match import_check_client(files).await {
        Ok(checking) => checking.await,
        Err(_) => Err("the checker could not be downloaded".into()),
    }
}

type Checking = Pin<Box<dyn Future<Output = Result<Vec<ImportVerdict>, String>>>>;

#[wasm_split(import_check, wasm_split_path = ::leptos::wasm_split, fallible)]
fn import_check_client(files: Vec<ImportFile>) -> Result<Checking, SplitLoaderError> {
    Ok(Box::pin(counterpart::import_worker::check(files)))
}
