//! The customer's face as inline SVG: brows, mouth and colour follow the mood
//! in four steps. It has a text alternative; motion respects reduced-motion CSS.

use super::tr;
use counterpart::engine::{Lang, MoodLevel, Text};
use leptos::prelude::*;

/// Half the brow tilt, mouth curve (negative = frown) and face colour per
/// mood step. Whole numbers: formatting floats would cost ~10 KB of wasm.
fn face(level: MoodLevel) -> (i32, i32, &'static str) {
    match level {
        MoodLevel::Calm => (0, 6, "#f2d3b3"),
        MoodLevel::Irritated => (2, 0, "#f0c8a4"),
        MoodLevel::Angry => (4, -6, "#eeb08f"),
        MoodLevel::Furious => (6, -10, "#e6897a"),
    }
}

#[component]
pub fn Avatar(mood: Signal<u8>, customer: Text, lang: RwSignal<Lang>) -> impl IntoView {
    let level = move || MoodLevel::of(mood.get());
    let label = move || {
        format!(
            "{} {} {}",
            customer.get(lang.get()),
            tr(lang.get(), "wirkt", "looks"),
            level().label(lang.get())
        )
    };
    let brows = move || {
        let (half_tilt, _, _) = face(level());
        // Inner ends lower when angry: the classic frown.
        let (outer, inner) = (36 - half_tilt, 36 + half_tilt);
        format!("M30 {outer} L44 {inner} M56 {inner} L70 {outer}")
    };
    let mouth = move || {
        let (_, curve, _) = face(level());
        format!("M36 70 Q50 {} 64 70", 70 + curve)
    };
    let skin = move || face(level()).2;
    view! {
        <svg class=move || format!("avatar avatar-{}", level().id()) viewBox="0 0 100 100" role="img" aria-label=label>
            <circle cx="50" cy="52" r="40" fill=skin stroke="#6b4f3a" stroke-width="2"></circle>
            <path d="M14 44 Q18 8 50 10 Q82 8 86 44 Q74 22 50 24 Q26 22 14 44 Z" fill="#5b4334"></path>
            <circle cx="37" cy="47" r="4" fill="#2a2a2a"></circle>
            <circle cx="63" cy="47" r="4" fill="#2a2a2a"></circle>
            <path class="brows" d=brows stroke="#3b2a20" stroke-width="3.5" stroke-linecap="round" fill="none"></path>
            <path class="mouth" d=mouth stroke="#5a2a22" stroke-width="3.5" stroke-linecap="round" fill="none"></path>
        </svg>
    }
}
