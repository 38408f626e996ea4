//! The progress screen: badges earned and locked, and the history of runs.

use super::mastery_chart::MasteryChart;
use super::progress_store::use_progress;
use super::progress_transfer::ProgressTransfer;
use super::scenarios::use_scenarios;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::badges::BADGE_RULES;
use counterpart::engine::text::counted;
use leptos::prelude::*;

/// A date like 26.11.2026 (German) or 2026-11-26 (English), local time.
pub(super) fn format_date(ms: u64, lang: counterpart::engine::Lang) -> String {
    let date = js_sys::Date::new(&leptos::wasm_bindgen::JsValue::from_f64(ms as f64));
    let (y, m, d) = (date.get_full_year(), date.get_month() + 1, date.get_date());
    match lang {
        counterpart::engine::Lang::De => format!("{d:02}.{m:02}.{y}"),
        counterpart::engine::Lang::En => format!("{y}-{m:02}-{d:02}"),
    }
}

#[component]
pub fn ProgressPage() -> impl IntoView {
    let lang = use_lang();
    let progress = use_progress();
    let scenarios = use_scenarios();
    let badges = move || {
        let l = lang.get();
        progress.with(|p| {
            BADGE_RULES
                .iter()
                .map(|rule| {
                    let earned = p.badges.get(rule.id).cloned();
                    let status = match (&earned, rule.needed_for_next(p)) {
                        (Some(b), next) => {
                            let mut s = format!("{} {} · {} {}", tr(l, "Stufe", "Level"), b.level, tr(l, "erreicht am", "reached on"), format_date(b.earned_at, l));
                            if let Some(n) = next {
                                let more = counted(l, n as usize, ("weiteren Gespräch", "weiteren Gesprächen"), ("more conversation", "more conversations"));
                                s.push_str(&format!(" · {} {more} {}", tr(l, "nächste Stufe: in", "next level: in"), tr(l, "gut anwenden", "applied well")));
                            }
                            s
                        }
                        (None, _) => format!("{} {}", tr(l, "Noch gesperrt –", "Locked –"), rule.how_to_earn(l)),
                    };
                    let class = if earned.is_some() { "badge earned" } else { "badge locked" };
                    view! {
                        <li class=class>
                            <span class="badge-icon" aria-hidden="true">{if earned.is_some() { "★" } else { "☆" }}</span>
                            <div>
                                <h3>{rule.name(l)}</h3>
                                <p class="badge-technique">{match rule.technique() {
                                    Some(t) => view! { <a class="technique-link" href=counterpart::route::Route::Techniques(Some(t)).href()>{t.label(l)}</a> }.into_any(),
                                    None => rule.how_to_earn(l).into_any(),
                                }}</p>
                                <p>{status}</p>
                            </div>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let history = move || {
        let l = lang.get();
        progress.with(|p| {
            p.history
                .iter()
                .rev()
                .map(|run| {
                    let title = scenarios.title_of(&run.scenario, l);
                    view! {
                        <tr>
                            <td>{format_date(run.finished_at, l)}</td>
                            <td>{title}</td>
                            <td>{run.outcome.label(l)}</td>
                            <td>{run.score}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let has_runs = move || progress.with(|p| !p.history.is_empty());
    view! {
        <section class="screen progress">
            <h1>{t(lang, "Ihr Fortschritt", "Your progress")}</h1>
            <h2>{t(lang, "Ihre Techniken", "Your techniques")}</h2>
            <MasteryChart/>
            <h2>{t(lang, "Abzeichen", "Badges")}</h2>
            <ul class="badges">{badges}</ul>
            <h2>{t(lang, "Bisherige Gespräche", "Past conversations")}</h2>
            <Show
                when=has_runs
                fallback=move || view! { <p>{t(lang, "Noch keine Gespräche beendet.", "No conversations finished yet.")}</p> }
            >
                <div class="table-wrap">
                <table class="history">
                    <thead>
                        <tr>
                            <th scope="col">{t(lang, "Datum", "Date")}</th>
                            <th scope="col">{t(lang, "Gespräch", "Conversation")}</th>
                            <th scope="col">{t(lang, "Ergebnis", "Outcome")}</th>
                            <th scope="col">{t(lang, "Punkte", "Points")}</th>
                        </tr>
                    </thead>
                    <tbody>{history}</tbody>
                </table>
                </div>
            </Show>
            <p><a class="button" href="#/certificate">{t(lang, "Übungsbescheinigung drucken", "Print a certificate of practice")}</a></p>
            <ProgressTransfer/>
        </section>
    }
}
