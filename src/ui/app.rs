//! The root component: language, hash routing and the screen for each route.

use super::conversation::Conversation;
use super::embed;
use super::header::Header;
use super::notices::Notices;
use super::on_demand::{self, on_demand};
use super::settings::DisplaySettings;
use super::state::{AppState, LiveScenario, ScenarioStatus};
use super::{t, tr};
use counterpart::engine::{Lang, Scenario};
use counterpart::route::{Route, choose_lang, parse_hash};
use counterpart::storage;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

fn initial_lang() -> Lang {
    let location = window().location();
    let browser: Vec<String> = window()
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    choose_lang(
        &location.hash().unwrap_or_default(),
        &location.search().unwrap_or_default(),
        storage::load_setting(storage::LANG_KEY).as_deref(),
        &browser,
    )
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(initial_lang());
    provide_context(state);
    state.follow_other_tabs();
    DisplaySettings::load().apply();
    state.connect_lms();
    let route = RwSignal::new(parse_hash(&current_hash()).0);

    // Links change the hash; the route follows, and so does `?lang=` if given.
    let _ = window_event_listener_untyped("hashchange", move |_| {
        let (next, lang) = parse_hash(&current_hash());
        if let Some(lang) = lang {
            state.lang.set(lang);
        }
        route.set(next);
        // A new screen starts at its top, like a page load would, with focus
        // on its heading (not left on <body>, where the next Tab leaves the page).
        window().scroll_to_with_x_and_y(0.0, 0.0);
        focus_heading_when_shown(40);
    });

    // `<html lang>` follows the UI language (screen readers pick voices by it).
    Effect::new(move |_| {
        let lang = state.lang.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
    });

    // The scenario of a play or preview route. It changes when it loads, and
    // again when the texts of a newly chosen language are added.
    let status = Memo::new(move |_| match route.get() {
        Route::Play(id) | Route::Preview(id) => Some(state.scenario_status(&id)),
        _ => None,
    });
    // What the screen shows: rebuilt only when this changes (e.g. from loading
    // to ready), not when another scenario loads or texts are added, so a
    // conversation keeps going when the language is switched.
    let shown = Memo::new_with_compare(
        move |_| status.get(),
        |old, new| match (old, new) {
            (Some(Some(ScenarioStatus::Ready(a))), Some(Some(ScenarioStatus::Ready(b)))) => {
                a.id != b.id
            }
            (old, new) => old != new,
        },
    );
    // The page title names the screen (WCAG 2.4.2), e.g.
    // "Schon wieder abgelaufen – Gespräch – Counterpart".
    Effect::new(move |_| {
        let lang = state.lang.get();
        // `status`, not `shown`: it changes when the texts of another
        // language arrive, so the title follows a language switch.
        // "<title> – <what>", or only <what> while the scenario loads.
        let scenario_screen = |what: &str| match status.get() {
            Some(ScenarioStatus::Ready(s)) => format!("{} – {what}", s.title.get(lang)),
            _ => what.to_string(),
        };
        let screen = match route.get() {
            Route::Library | Route::Unknown(_) => {
                tr(lang, "Gespräche", "Conversations").to_string()
            }
            Route::Play(_) => scenario_screen(tr(lang, "Gespräch", "Conversation")),
            Route::Preview(_) => scenario_screen(tr(lang, "Vorschau", "Preview")),
            Route::Progress => tr(lang, "Fortschritt", "Progress").to_string(),
            Route::Settings => tr(lang, "Anzeige", "Display").to_string(),
            Route::Certificate => tr(lang, "Bescheinigung", "Certificate").to_string(),
            Route::Techniques(_) => {
                tr(lang, "Die sieben Techniken", "The seven techniques").to_string()
            }
        };
        document().set_title(&format!("{screen} – Counterpart"));
    });
    let ready = move |first: Scenario| LiveScenario::new(status, first);
    let answer_key_hidden = answer_key_hidden();
    let screen = move || match (route.get(), shown.get()) {
        (Route::Preview(_), _) if answer_key_hidden => view! { <PreviewHidden/> }.into_any(),
        (Route::Play(_), Some(ScenarioStatus::Ready(scenario))) => {
            view! { <Conversation scenario=ready(scenario)/> }.into_any()
        }
        (Route::Preview(_), Some(ScenarioStatus::Ready(scenario))) => {
            let scenario = ready(scenario);
            (move || {
                let scenario = scenario.with(Scenario::clone);
                on_demand(move || on_demand::preview(scenario.clone()))
            })
            .into_any()
        }
        (Route::Play(id) | Route::Preview(id), Some(ScenarioStatus::Missing)) => {
            view! { <NotFound what=id.to_string()/> }.into_any()
        }
        (Route::Play(id) | Route::Preview(id), Some(ScenarioStatus::Failed(why))) => {
            view! { <LoadFailed id=id why=why/> }.into_any()
        }
        (Route::Play(_) | Route::Preview(_), _) => {
            view! { <Busy message=("Das Gespräch wird geladen …", "Loading the conversation …")/> }
                .into_any()
        }
        // Screens with cards or titles load the cards (index.json) with their code.
        (Route::Library, _) => {
            on_demand(move || with_cards(state, Box::pin(on_demand::library()))).into_any()
        }
        (Route::Progress, _) => {
            on_demand(move || with_cards(state, Box::pin(on_demand::progress()))).into_any()
        }
        (Route::Settings, _) => on_demand(on_demand::settings).into_any(),
        (Route::Certificate, _) => {
            on_demand(move || with_cards(state, Box::pin(on_demand::certificate()))).into_any()
        }
        (Route::Techniques(focus), _) => {
            on_demand(move || with_cards(state, Box::pin(on_demand::techniques(focus)))).into_any()
        }
        (Route::Unknown(path), _) => view! { <NotFound what=path/> }.into_any(),
    };

    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            // The hash is the router's: move focus without changing it.
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main") {
                use leptos::wasm_bindgen::JsCast;
                if let Ok(main) = main.dyn_into::<leptos::web_sys::HtmlElement>() {
                    let _ = main.focus();
                }
            }
        }>{move || tr(state.lang.get(), "Zum Inhalt springen", "Skip to content")}</a>
        {(!embed::embed_mode()).then(|| view! { <Header/> })}
        <Notices/>
        <main id="main" tabindex="-1">{screen}</main>
    }
}

/// Moves focus to the screen's `<h1>` once it is shown (screens that load on
/// demand arrive a little later: it looks again each frame, `tries` times),
/// unless the screen already put focus somewhere inside it (the primer on a
/// technique, the conversation on a reply).
pub(super) fn focus_heading_when_shown(tries: u32) {
    use leptos::wasm_bindgen::JsCast;
    request_animation_frame(move || {
        let main = document().get_element_by_id("main");
        let active = document().active_element();
        let focused_inside = match (&main, &active) {
            (Some(main), Some(active)) => {
                main.contains(Some(active)) && !active.is_same_node(Some(main))
            }
            _ => false,
        };
        if focused_inside {
            return;
        }
        let heading = document()
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<leptos::web_sys::HtmlElement>().ok());
        match heading {
            Some(h1) => {
                if !h1.has_attribute("tabindex") {
                    let _ = h1.set_attribute("tabindex", "-1");
                }
                let _ = h1.focus();
            }
            None if tries > 0 => focus_heading_when_shown(tries - 1),
            None => {}
        }
    });
}

/// `screen` (a chunk's load) once the scenario cards are here too. One after
/// the other, but neither waits long: the page preloads both for the route
/// it opens with, and a conversation fetches the cards after its first reply.
/// Boxed, so the wasm holds one copy of this for all those screens.
pub(super) async fn with_cards(
    state: AppState,
    screen: LoadingScreen,
) -> Result<AnyView, SplitLoaderError> {
    state.load_cards().await;
    screen.await
}

/// A screen whose chunk is being loaded (see `on_demand`).
pub(super) type LoadingScreen =
    std::pin::Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// A screen whose content is on its way: a status line screen readers announce.
#[component]
pub(super) fn Busy(message: (&'static str, &'static str)) -> impl IntoView {
    let lang = super::state::use_app().lang;
    view! {
        <section class="screen" aria-busy="true">
            <p role="status">{t(lang, message.0, message.1)}</p>
        </section>
    }
}

/// Shown when something could not be downloaded: what, a likely reason in
/// plain words, a retry and the way back. Texts are (German, English).
#[component]
pub(super) fn Unavailable(
    title: (&'static str, &'static str),
    message: (&'static str, &'static str),
    #[prop(optional)] detail: Option<String>,
    retry: Callback<()>,
) -> impl IntoView {
    let lang = super::state::use_app().lang;
    view! {
        <section class="screen">
            <h1>{t(lang, title.0, title.1)}</h1>
            <p role="alert">{t(lang, message.0, message.1)}</p>
            {detail.map(|why| view! { <p class="hint"><small>{why}</small></p> })}
            <p>
                <button type="button" class="primary" on:click=move |_| retry.run(())>{t(lang, "Erneut versuchen", "Try again")}</button>
                " "
                <a href="#/">{t(lang, "Zur Übersicht", "To the library")}</a>
            </p>
        </section>
    }
}

/// Shown when a scenario could not be loaded.
#[component]
fn LoadFailed(id: counterpart::engine::ScenarioId, why: String) -> impl IntoView {
    let state = super::state::use_app();
    view! {
        <Unavailable
            title=("Gespräch nicht geladen", "Conversation not loaded")
            message=(
                "Dieses Gespräch konnte nicht geladen werden. Sind Sie offline? Beim ersten Besuch braucht Counterpart eine Verbindung; danach geht es auch offline.",
                "This conversation could not be loaded. Are you offline? Counterpart needs a connection on the first visit; after that it works offline too.",
            )
            detail=why
            retry=Callback::new(move |_| state.retry(&id))
        />
    }
}

/// Shown for an unknown route or scenario id, with the way back.
/// Whether this copy leaves out the author preview (`#/preview/<id>`, every
/// reply's rating: the answer key): LMS packages always do (they carry a
/// `counterpart-assignment`), other copies when the trainer chose so
/// (`<meta name="counterpart-no-preview">`, e.g. `single-file.mjs --no-preview`).
fn answer_key_hidden() -> bool {
    document()
        .query_selector("meta[name=counterpart-assignment], meta[name=counterpart-no-preview]")
        .ok()
        .flatten()
        .is_some()
}

/// In place of the author preview where it is left out.
#[component]
fn PreviewHidden() -> impl IntoView {
    let lang = super::state::use_app().lang;
    view! {
        <section class="screen">
            <h1>{t(lang, "Vorschau nicht verfügbar", "Preview not available")}</h1>
            <p>{t(lang,
                "Diese Ausgabe von Counterpart enthält keine Autorenvorschau: Die Übenden sollen die Bewertungen im Gespräch entdecken, nicht vorher nachlesen.",
                "This copy of Counterpart has no author preview: trainees discover the ratings in the conversation, not by reading them beforehand.")}</p>
            <p><a href="#/">{t(lang, "Zur Übersicht", "To the library")}</a></p>
        </section>
    }
}

#[component]
fn NotFound(what: String) -> impl IntoView {
    let lang = super::state::use_app().lang;
    view! {
        <section class="screen">
            <h1>{t(lang, "Nicht gefunden", "Not found")}</h1>
            <p>
                {t(lang, "Diese Seite oder dieses Gespräch gibt es nicht: ", "This page or conversation does not exist: ")}
                <code>{what.clone()}</code>
            </p>
            <p><a href="#/">{t(lang, "Zur Übersicht", "To the library")}</a></p>
        </section>
    }
}
