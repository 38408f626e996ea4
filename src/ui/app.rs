//! The root component: provides the services (language, notices, scenarios,
//! progress, LMS), routes the hash, and shows the screen for each route.

use super::conversation::Conversation;
use super::embed;
use super::focus::focus_heading_when_shown;
use super::header::Header;
use super::lms_bridge::LmsBridge;
use super::notices::{Notice, NoticeList, Notices};
use super::on_demand::{self, AuthorScreen, on_demand};
use super::progress_store::ProgressStore;
use super::scenarios::{LiveScenario, ScenarioRepo, ScenarioStatus, with_cards};
use super::settings::DisplaySettings;
use super::status_screens::{Busy, LoadFailed, NotFound, PreviewHidden, answer_key_hidden};
use super::stylesheets::{AUTHOR, SCREENS, SEMINAR, with_sheets};
use super::{UiLang, tr};
use counterpart::engine::{Lang, Scenario};
use counterpart::route::{Route, choose_lang, parse_hash};
use counterpart::web::storage;
use leptos::prelude::*;

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
    // The services, each in context; screens call their methods.
    let lang = RwSignal::new(initial_lang());
    provide_context(UiLang(lang));
    let notices = NoticeList::new();
    provide_context(notices);
    let scenarios = ScenarioRepo::new();
    provide_context(scenarios);
    scenarios.check_own(super::import_checker::check_imports, move || {
        notices.notify(Notice::OwnScenariosUnchecked)
    });
    let progress = ProgressStore::load(notices);
    provide_context(progress);
    progress.follow_other_tabs();
    provide_context(LmsBridge::start(progress, scenarios, notices, lang));
    DisplaySettings::load().apply();
    let route = RwSignal::new(parse_hash(&current_hash()).0);

    // Links change the hash; the route follows, and so does `?lang=` if given.
    let _ = window_event_listener_untyped("hashchange", move |_| {
        let (next, lang_in_hash) = parse_hash(&current_hash());
        if let Some(chosen) = lang_in_hash {
            lang.set(chosen);
        }
        route.set(next);
        // A new screen starts at its top, like a page load would, with focus
        // on its heading (not left on <body>, where the next Tab leaves the page).
        window().scroll_to_with_x_and_y(0.0, 0.0);
        focus_heading_when_shown(40);
    });

    // `<html lang>` follows the UI language (screen readers pick voices by it).
    Effect::new(move |_| {
        let code = lang.get().code();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", code);
        }
    });

    // The scenario of a play or preview route. It changes when it loads, and
    // again when the texts of a newly chosen language are added. The memo
    // only reads; the effect starts what is missing (a fetch, more texts).
    let status = Memo::new(move |_| match route.get() {
        Route::Play(id) | Route::Preview(id) | Route::Seminar(id) => {
            Some(scenarios.status(&id, lang.get()))
        }
        _ => None,
    });
    Effect::new(move |_| {
        // Also after a change of status: "Try again" forgets a failed fetch.
        let seen = status.get();
        if let Route::Play(id) | Route::Preview(id) | Route::Seminar(id) = route.get() {
            scenarios.ensure(&id, lang.get(), seen);
        }
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
    // "Schon wieder abgelaufen – Gespräch – Counterpart"; and the page's own
    // first turn goes when another screen comes.
    Effect::new(move |_| {
        let lang = lang.get();
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
            Route::Editor(_) => tr(lang, "Szenario-Editor", "Scenario editor").to_string(),
            Route::Seminar(_) => scenario_screen(tr(lang, "Seminar", "Seminar")),
            Route::Class => tr(lang, "Klassenauswertung", "Class debrief").to_string(),
            Route::Techniques(_) => {
                tr(lang, "Die sieben Techniken", "The seven techniques").to_string()
            }
            Route::Handout(_) => tr(lang, "Weitergeben", "Hand out").to_string(),
        };
        document().set_title(&format!("{screen} – Counterpart"));
        // The first turn the page may have shown (public/preload.js) stays
        // while its conversation loads, and the conversation screen takes it
        // over; any other screen replaces it, as it replaces the one before.
        let conversation = status
            .with(|s| matches!(s, Some(ScenarioStatus::Loading | ScenarioStatus::Ready(_))))
            && route.with(|r| matches!(r, Route::Play(_)));
        if !conversation {
            super::early_turn::discard();
        }
    });
    let ready = move |first: Scenario| LiveScenario::new(status, first);
    let answer_key_hidden = answer_key_hidden();
    let screen = move || match (route.get(), shown.get()) {
        // The editor opens built-in conversations as templates: an answer key too.
        // The facilitator view reveals every rating and the best path too.
        (Route::Preview(_) | Route::Editor(_) | Route::Seminar(_), _) if answer_key_hidden => {
            view! { <PreviewHidden/> }.into_any()
        }
        (Route::Play(_), Some(ScenarioStatus::Ready(scenario))) => {
            view! { <Conversation scenario=ready(scenario)/> }.into_any()
        }
        (Route::Preview(_), Some(ScenarioStatus::Ready(scenario))) => {
            let scenario = ready(scenario);
            (move || {
                let scenario = scenario.with(Scenario::clone);
                on_demand(move || {
                    with_sheets(
                        AUTHOR,
                        Box::pin(on_demand::author(AuthorScreen::Preview(scenario.clone()))),
                    )
                })
            })
            .into_any()
        }
        (Route::Seminar(_), Some(ScenarioStatus::Ready(scenario))) => {
            let scenario = ready(scenario);
            on_demand(move || {
                with_sheets(
                    SEMINAR,
                    Box::pin(on_demand::author(AuthorScreen::Seminar(scenario))),
                )
            })
            .into_any()
        }
        (
            Route::Play(id) | Route::Preview(id) | Route::Seminar(id),
            Some(ScenarioStatus::Missing),
        ) => view! { <NotFound what=id.to_string()/> }.into_any(),
        (
            Route::Play(id) | Route::Preview(id) | Route::Seminar(id),
            Some(ScenarioStatus::Failed(why)),
        ) => view! { <LoadFailed id=id why=why/> }.into_any(),
        (Route::Play(_) | Route::Preview(_) | Route::Seminar(_), _) => {
            view! { <Busy message=("Das Gespräch wird geladen …", "Loading the conversation …")/> }
                .into_any()
        }
        // Screens with cards or titles load the cards (index.json) with their code.
        (Route::Library, _) => on_demand(move || {
            with_sheets(
                SCREENS,
                Box::pin(with_cards(scenarios, Box::pin(on_demand::library()))),
            )
        })
        .into_any(),
        (Route::Progress, _) => on_demand(move || {
            with_sheets(
                SCREENS,
                Box::pin(with_cards(scenarios, Box::pin(on_demand::progress()))),
            )
        })
        .into_any(),
        (Route::Settings, _) => {
            on_demand(|| with_sheets(SCREENS, Box::pin(on_demand::settings()))).into_any()
        }
        (Route::Certificate, _) => on_demand(move || {
            with_sheets(
                SCREENS,
                Box::pin(with_cards(scenarios, Box::pin(on_demand::certificate()))),
            )
        })
        .into_any(),
        (Route::Techniques(focus), _) => on_demand(move || {
            with_sheets(
                SCREENS,
                Box::pin(with_cards(
                    scenarios,
                    Box::pin(on_demand::techniques(focus)),
                )),
            )
        })
        .into_any(),
        (Route::Editor(None), _) => on_demand(move || {
            with_sheets(
                AUTHOR,
                Box::pin(with_cards(
                    scenarios,
                    Box::pin(on_demand::author(AuthorScreen::EditorStart)),
                )),
            )
        })
        .into_any(),
        (Route::Editor(Some(id)), _) => on_demand(move || {
            with_sheets(
                AUTHOR,
                Box::pin(on_demand::author(AuthorScreen::Editor(id.clone()))),
            )
        })
        .into_any(),
        (Route::Handout(select), _) => on_demand(move || {
            with_sheets(
                AUTHOR,
                Box::pin(with_cards(
                    scenarios,
                    Box::pin(on_demand::author(AuthorScreen::Handout(select.clone()))),
                )),
            )
        })
        .into_any(),
        (Route::Class, _) => on_demand(move || {
            with_sheets(
                SEMINAR,
                Box::pin(with_cards(
                    scenarios,
                    Box::pin(on_demand::author(AuthorScreen::Class)),
                )),
            )
        })
        .into_any(),
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
        }>{move || tr(lang.get(), "Zum Inhalt springen", "Skip to content")}</a>
        {(!embed::embed_mode()).then(|| view! { <Header/> })}
        <Notices/>
        <main id="main" tabindex="-1">{screen}</main>
    }
}
