//! A printable certificate of practice (A4): the trainee's name (kept only in
//! this browser), the date, per conversation the first and the best score,
//! runs, time on task and the last date, and the badges. It says plainly what
//! it is: a self-recorded practice record. No client-side "signature": anyone
//! could forge one; results a team lead can rely on come through the LMS.

use super::lms_bridge::use_lms;
use super::progress_store::use_progress;
use super::scenarios::use_scenarios;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::badges::BADGE_RULES;
use counterpart::web::storage;
use leptos::prelude::*;

/// "12 Min." from a number of seconds; "–" where older progress kept no time.
fn minutes(seconds: Option<u32>, lang: counterpart::engine::Lang) -> String {
    match seconds {
        Some(s) => format!("{} {}", s.div_ceil(60), tr(lang, "Min.", "min")),
        None => "–".to_string(),
    }
}

#[component]
pub fn Certificate() -> impl IntoView {
    let lang = use_lang();
    let progress = use_progress();
    let scenarios = use_scenarios();
    let lms = use_lms();
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
        progress.with(|p| {
            p.scenarios
                .iter()
                .map(|(id, record)| {
                    let title = scenarios.title_of(id, l);
                    let first = record
                        .first_score
                        .map_or_else(|| "–".to_string(), |s| s.to_string());
                    view! {
                        <tr>
                            <td>{title}</td>
                            <td>{record.best_outcome.label(l)}</td>
                            <td>{first}</td>
                            <td>{record.best_score}</td>
                            <td>{record.plays}</td>
                            <td>{minutes(record.seconds, l)}</td>
                            <td>{super::progress_page::format_date(record.last_played, l)}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let badges = move || {
        let l = lang.get();
        progress.with(|p| {
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
                        <th scope="col">{t(lang, "Erster Versuch", "First attempt")}</th>
                        <th scope="col">{t(lang, "Beste Punktzahl", "Best score")}</th>
                        <th scope="col">{t(lang, "Durchgänge", "Runs")}</th>
                        <th scope="col">{t(lang, "Übungszeit", "Time on task")}</th>
                        <th scope="col">{t(lang, "Zuletzt", "Last played")}</th>
                    </tr></thead>
                    <tbody>{completed}</tbody>
                </table>
                </div>
                <p>{move || format!("{} {}", tr(lang.get(), "Übungszeit insgesamt:", "Total time on task:"), progress.with(|p| minutes(Some(p.scenarios.values().filter_map(|r| r.seconds).sum()), lang.get())))}</p>
                <h2>{t(lang, "Abzeichen", "Badges")}</h2>
                <ul>{badges}</ul>
                <p class="certificate-note">{move || if lms.connected() {
                    tr(lang.get(),
                        "Diese Bescheinigung fasst die Übungen in diesem Browser zusammen. Die Ergebnisse wurden auch an Ihre Lernplattform gemeldet; dort sind sie verbindlich.",
                        "This certificate sums up the practice in this browser. The results were also reported to your learning platform, where they are on record.")
                } else {
                    tr(lang.get(),
                        "Selbst erfasster Übungsnachweis: Die Ergebnisse stammen aus diesem Browser und wurden nicht geprüft. Verbindliche Nachweise kommen über eine Lernplattform (SCORM, xAPI).",
                        "A self-recorded practice record: the results come from this browser and were not verified. Results on record come through a learning platform (SCORM, xAPI).")
                }}</p>
            </article>
        </section>
    }
}
