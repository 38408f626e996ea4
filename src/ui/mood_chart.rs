//! The mood over the conversation as an SVG line chart, with a text alternative.

use super::tr;
use counterpart::engine::Lang;
use leptos::prelude::*;

const WIDTH: f32 = 600.0;
const HEIGHT: f32 = 200.0;
const PAD: f32 = 28.0;

/// Chart coordinates of each mood value: x by decision, y 0 (calm) at the bottom.
fn points(curve: &[u8]) -> Vec<(f32, f32)> {
    let steps = (curve.len().max(2) - 1) as f32;
    curve
        .iter()
        .enumerate()
        .map(|(i, &m)| {
            let x = PAD + (WIDTH - 2.0 * PAD) * i as f32 / steps;
            let y = HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * f32::from(m) / 100.0;
            (x, y)
        })
        .collect()
}

#[component]
pub fn MoodChart(curve: Vec<u8>, lang: RwSignal<Lang>) -> impl IntoView {
    let pts = points(&curve);
    let line = pts
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let values = curve
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(" → ");
    let label = move || {
        format!(
            "{} {values}",
            tr(
                lang.get(),
                "Stimmungsverlauf (0 ruhig, 100 wütend):",
                "Mood over the conversation (0 calm, 100 furious):"
            )
        )
    };
    let y_of = |m: f32| HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * m / 100.0;
    view! {
        <figure class="mood-chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label.clone()>
                <rect x=PAD y=y_of(100.0) width=WIDTH - 2.0 * PAD height=y_of(80.0) - y_of(100.0) fill="#fbe5e4"></rect>
                <rect x=PAD y=y_of(30.0) width=WIDTH - 2.0 * PAD height=y_of(0.0) - y_of(30.0) fill="#e3f3e8"></rect>
                <line x1=PAD y1=y_of(0.0) x2=WIDTH - PAD y2=y_of(0.0) stroke="#8a8a8a"></line>
                <text x="4" y=y_of(100.0) + 4.0 font-size="12" fill="#4a5565">"100"</text>
                <text x="4" y=y_of(0.0) + 4.0 font-size="12" fill="#4a5565">"0"</text>
                <polyline points=line fill="none" stroke="#1f4e5f" stroke-width="3"></polyline>
                {pts.iter().zip(&curve).map(|(&(x, y), &m)| view! {
                    <circle cx=x cy=y r="5" fill="#1f4e5f"></circle>
                    <text x=x y=y - 9.0 font-size="12" text-anchor="middle" fill="#1b2430">{m.to_string()}</text>
                }).collect::<Vec<_>>()}
            </svg>
            <figcaption>{label}</figcaption>
        </figure>
    }
}
