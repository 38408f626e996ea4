//! The primer on the seven techniques (`#/techniques`, `#/techniques/<id>`):
//! what each is, why it works, three phrases, a typical mistake, when not to
//! use it, and the scenarios to practise it in. Every technique label in the
//! app links here; printed, it is a one-page handout for seminars.

use super::primer_text::PRIMER;
use super::scenarios::use_scenarios;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::{Lang, Technique};
use counterpart::route::Route;
use leptos::prelude::*;

/// (German, English) in the current language.
fn pick(pair: (&'static str, &'static str), lang: Lang) -> &'static str {
    tr(lang, pair.0, pair.1)
}

#[component]
pub fn Primer(focus: Option<Technique>) -> impl IntoView {
    let lang = use_lang();
    let scenarios = use_scenarios();
    let cards = scenarios.cards();
    // The page opens at the technique a link named, with its heading focused
    // (the frame after the screen is in the document) so a screen reader
    // starts there.
    if let Some(technique) = focus {
        request_animation_frame(move || {
            use leptos::wasm_bindgen::JsCast;
            if let Some(heading) =
                document().get_element_by_id(&format!("technique-{}", technique.id()))
                && let Ok(heading) = heading.dyn_into::<leptos::web_sys::HtmlElement>()
            {
                heading.scroll_into_view();
                let _ = heading.focus();
            }
        });
    }
    let entries = PRIMER
        .iter()
        .map(|entry| {
            let technique = entry.technique;
            let practise: Vec<_> = cards
                .iter()
                .filter(|c| c.practised.contains(&technique))
                .map(|c| (Route::Play(c.id.clone()).href(), c.title.clone()))
                .collect();
            let examples = entry.examples;
            view! {
                <article class="primer-entry" class:focused=focus == Some(technique)>
                    <h2 id=format!("technique-{}", technique.id()) tabindex="-1">{move || technique.label(lang.get())}</h2>
                    <p>{move || pick(entry.what, lang.get())}</p>
                    <h3>{t(lang, "Warum es wirkt", "Why it works")}</h3>
                    <p>{move || pick(entry.why, lang.get())}</p>
                    <h3>{t(lang, "So klingt es", "What it sounds like")}</h3>
                    <ul class="phrases">
                        {examples.iter().map(|&e| view! { <li>{move || pick(e, lang.get())}</li> }).collect::<Vec<_>>()}
                    </ul>
                    <h3>{t(lang, "Typischer Fehler", "A typical mistake")}</h3>
                    <p>{move || pick(entry.mistake, lang.get())}</p>
                    <h3>{t(lang, "Wann nicht", "When not to use it")}</h3>
                    <p>{move || pick(entry.when_not, lang.get())}</p>
                    {(!practise.is_empty()).then(|| view! {
                        <p class="practise no-print">
                            {t(lang, "Üben in: ", "Practise it in: ")}
                            {practise.into_iter().enumerate().map(|(i, (href, title))| view! {
                                {(i > 0).then_some(", ")}
                                <a href=href>{move || title.get(lang.get()).to_string()}</a>
                            }).collect::<Vec<_>>()}
                        </p>
                    })}
                </article>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="screen primer">
            <h1>{t(lang, "Die sieben Techniken", "The seven techniques")}</h1>
            <p class="lead">{t(lang,
                "Was hinter den Namen in Feedback, Abzeichen und Fortschritt steckt: was die Technik ist, warum sie wirkt, wie sie klingt – und wann Sie sie besser lassen.",
                "What the names in feedback, badges and progress mean: what each technique is, why it works, what it sounds like – and when to leave it out.")}</p>
            <p class="no-print">
                <button type="button" on:click=move |_| { let _ = window().print(); }>{t(lang, "Als Handout drucken", "Print as a handout")}</button>
            </p>
            <nav class="primer-index no-print" aria-label=t(lang, "Techniken", "Techniques")>
                <ul>
                    {Technique::ALL.iter().map(|&technique| view! {
                        <li><a href=Route::Techniques(Some(technique)).href()>{move || technique.label(lang.get())}</a></li>
                    }).collect::<Vec<_>>()}
                </ul>
            </nav>
            <div class="primer-entries">{entries}</div>
        </section>
    }
}
