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
    // The zones are explained by labelled dashed lines at 30 and 80 and in
    // the caption; the tints alone carry no meaning. The picture is hidden
    // from screen readers: the caption says all of it, once.
    view! {
        <figure class="mood-chart">
            <div class="figure-scroll" tabindex="0" role="group" aria-label=move || tr(lang.get(), "Diagramm", "Chart")>
                <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") width=WIDTH aria-hidden="true">
                    <rect class="band band-calm" x=PAD y=y_of(30.0) width=WIDTH - 2.0 * PAD height=y_of(0.0) - y_of(30.0) fill="#e3f3e8"></rect>
                    <rect class="band band-furious" x=PAD y=y_of(100.0) width=WIDTH - 2.0 * PAD height=y_of(80.0) - y_of(100.0) fill="#fbe5e4"></rect>
                    {[30.0f32, 80.0].map(|m| view! {
                        <line class="threshold" x1=PAD y1=y_of(m) x2=WIDTH - PAD y2=y_of(m) stroke="#6b6b6b" stroke-dasharray="4 4"></line>
                    })}
                    <line class="axis" x1=PAD y1=y_of(0.0) x2=WIDTH - PAD y2=y_of(0.0) stroke="#6b6b6b"></line>
                    {[0.0f32, 30.0, 80.0, 100.0].map(|m| view! {
                        <text x="0" y=y_of(m) + 5.0 font-size="16" fill="#4a5565">{(m as u8).to_string()}</text>
                    })}
                    <polyline class="curve" points=line fill="none" stroke="#1f4e5f" stroke-width="3"></polyline>
                    {pts.iter().zip(&curve).map(|(&(x, y), &m)| view! {
                        <circle class="dot" cx=x cy=y r="5" fill="#1f4e5f"></circle>
                        <text x=x y=y - 9.0 font-size="16" text-anchor="middle" fill="#1b2430">{m.to_string()}</text>
                    }).collect::<Vec<_>>()}
                </svg>
            </div>
            <figcaption>
                {label}
                " "
                {move || tr(lang.get(),
                    "Grün hinterlegt: ruhig (unter 30). Rot hinterlegt: wütend (ab 80).",
                    "Green zone: calm (below 30). Red zone: furious (80 and above).")}
            </figcaption>
        </figure>
    }
}
