//! A printable certificate of practice (A4): the trainee's name (kept only in
//! this browser), the date, the conversations completed and the badges.

use super::state::use_app;
use super::{t, tr};
use counterpart::engine::badges::BADGE_RULES;
use counterpart::storage;
use leptos::prelude::*;

#[component]
pub fn Certificate() -> impl IntoView {
    let state = use_app();
    let lang = state.lang;
    let name = RwSignal::new(storage::load_setting(storage::TRAINEE_NAME_KEY).unwrap_or_default());
    let today = move || {
        let d = js_sys::Date::new_0();
        match lang.get() {
            counterpart::engine::Lang::De => format!(
                "{:02}.{:02}.{}",
                d.get_date(),
                d.get_month() + 1,
                d.get_full_year()
            ),
            counterpart::engine::Lang::En => format!(
                "{}-{:02}-{:02}",
                d.get_full_year(),
                d.get_month() + 1,
                d.get_date()
            ),
        }
    };
    let completed = move || {
        let l = lang.get();
        state.progress.with(|p| {
            p.scenarios
                .iter()
                .map(|(id, record)| {
                    let title = state.title_of(id, l);
                    view! {
                        <tr>
                            <td>{title}</td>
                            <td>{record.best_outcome.label(l)}</td>
                            <td>{record.best_score}</td>
                            <td>{record.plays}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let badges = move || {
        let l = lang.get();
        state.progress.with(|p| {
            BADGE_RULES
                .iter()
                .filter_map(|rule| p.badges.get(rule.id).map(|b| (rule, b.level)))
                .map(|(rule, level)| view! { <li>{format!("{} ({}) – {} {level}", rule.name(l), rule.technique().map_or_else(|| rule.how_to_earn(l), |t| t.label(l)), tr(l, "Stufe", "level"))}</li> })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="screen certificate">
            <div class="no-print">
                <label for="trainee-name">{t(lang, "Ihr Name für die Bescheinigung (bleibt nur in diesem Browser)", "Your name for the certificate (stays in this browser only)")}</label>
                <input id="trainee-name" type="text" autocomplete="name" prop:value=move || name.get()
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        storage::save_setting(storage::TRAINEE_NAME_KEY, &value);
                        name.set(value);
                    }/>
                <button class="primary" on:click=move |_| { let _ = window().print(); }>{t(lang, "Drucken oder als PDF speichern", "Print or save as PDF")}</button>
            </div>
            <article class="certificate-sheet">
                <h1>{t(lang, "Übungsbescheinigung", "Certificate of practice")}</h1>
                <p class="certificate-name">{move || name.get()}</p>
                <p>{move || format!("{} {}", tr(lang.get(), "hat mit Counterpart schwierige Kundengespräche geübt. Stand:", "has practised difficult customer conversations with Counterpart. As of:"), today())}</p>
                <h2>{t(lang, "Abgeschlossene Gespräche", "Conversations completed")}</h2>
                <div class="table-wrap">
                <table class="history">
                    <thead><tr>
                        <th scope="col">{t(lang, "Gespräch", "Conversation")}</th>
                        <th scope="col">{t(lang, "Bestes Ergebnis", "Best outcome")}</th>
                        <th scope="col">{t(lang, "Beste Punktzahl", "Best score")}</th>
                        <th scope="col">{t(lang, "Durchgänge", "Runs")}</th>
                    </tr></thead>
                    <tbody>{completed}</tbody>
                </table>
                </div>
                <h2>{t(lang, "Abzeichen", "Badges")}</h2>
                <ul>{badges}</ul>
            </article>
        </section>
    }
}
