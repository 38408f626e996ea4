//! Per-technique mastery as an SVG bar chart: in how many scenarios each
//! technique was applied well, against the badge levels; with a text table.

use super::progress_store::use_progress;
use super::tr;
use super::use_lang;
use counterpart::engine::Technique;
use counterpart::engine::badges::{BADGE_RULES, BadgeRule};
use leptos::prelude::*;

// Label above its bar, so the chart stays legible when a phone scales it down.
const ROW: f32 = 46.0;
const BAR: f32 = 340.0;
const WIDTH: f32 = 400.0;

#[component]
pub fn MasteryChart() -> impl IntoView {
    let lang = use_lang();
    let progress = use_progress();
    let top = BADGE_RULES
        .iter()
        .filter_map(|r| r.technique().and(r.levels.last()))
        .max()
        .copied()
        .unwrap_or(6) as f32;
    let rows = move || {
        let l = lang.get();
        progress.with(|p| {
            Technique::ALL
                .iter()
                .enumerate()
                .map(|(i, &t)| {
                    let breadth = p.breadth(t, false);
                    let y = i as f32 * ROW;
                    let width = BAR * (breadth as f32).min(top) / top;
                    let marks = BadgeRule::for_technique(t)
                        .map(|r| r.levels.to_vec())
                        .unwrap_or_default()
                        .into_iter()
                        .map(|need| {
                            let x = BAR * need as f32 / top;
                            // A light halo under a dark mark: visible on the bar and on the track.
                            view! {
                                <line class="mark-halo" x1=x y1=y + 20.0 x2=x y2=y + ROW - 4.0 stroke="#ffffff" stroke-width="4"></line>
                                <line class="mark" x1=x y1=y + 20.0 x2=x y2=y + ROW - 4.0 stroke="#1b2430" stroke-width="2"></line>
                            }
                        })
                        .collect::<Vec<_>>();
                    view! {
                        <g>
                            <text x="0" y=y + 15.0 font-size="15" fill="#1b2430">{t.label(l)}</text>
                            <rect class="track" x="0" y=y + 22.0 width=BAR height="16" fill="#e7e3da" stroke="#6b6b6b" rx="4"></rect>
                            <rect class="bar" x="0" y=y + 22.0 width=width height="16" fill="#1f4e5f" rx="4"></rect>
                            {marks}
                            <text x=BAR + 12.0 y=y + 35.0 font-size="15" fill="#1b2430">{breadth.to_string()}</text>
                        </g>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let summary = move || {
        let l = lang.get();
        progress.with(|p| {
            Technique::ALL
                .iter()
                .map(|&t| format!("{}: {}", t.label(l), p.breadth(t, false)))
                .collect::<Vec<_>>()
                .join("; ")
        })
    };
    let height = ROW * Technique::ALL.len() as f32;
    view! {
        <figure class="mastery-chart">
            // At least 430 px wide, so its 15-unit labels stay 16 px on a
            // narrow screen (it scrolls sideways instead).
            <div class="figure-scroll" tabindex="0" role="group" aria-label=move || tr(lang.get(), "Diagramm", "Chart")>
                <svg viewBox=format!("0 0 {WIDTH} {height}") width="430" role="img"
                    aria-label=move || format!("{} {}", tr(lang.get(), "Gut angewendet in so vielen Gesprächen –", "Applied well in this many conversations –"), summary())>
                    {rows}
                </svg>
            </div>
            <figcaption>
                {move || tr(lang.get(),
                    "Balken: in wie vielen verschiedenen Gesprächen Sie die Technik gut angewendet haben. Striche: Stufen 1, 2 und 3 des Abzeichens.",
                    "Bars: in how many different conversations you applied the technique well. Marks: badge levels 1, 2 and 3.")}
                " "
                <a href="#/techniques">{move || tr(lang.get(), "Was bedeuten die Techniken?", "What do the techniques mean?")}</a>
            </figcaption>
        </figure>
    }
}
