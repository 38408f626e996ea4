//! The face-to-face customer's portrait as inline SVG, drawn by
//! `counterpart::portrait` from the scenario's `appearance`, with five
//! expressions that follow the mood. It has a text alternative (who, how they
//! look, how they seem); motion respects reduced-motion CSS.

use super::tr;
use counterpart::engine::{Appearance, Lang, MoodLevel, Text};
use counterpart::portrait::{Expression, svg_body};
use leptos::prelude::*;

#[component]
pub fn Avatar(
    mood: Signal<u8>,
    customer: Text,
    appearance: Appearance,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let look = appearance.clone();
    let label = move || {
        let l = lang.get();
        format!(
            "{} ({}) {} {}",
            customer.get(l),
            look.describe(l),
            tr(l, "wirkt", "looks"),
            MoodLevel::of(mood.get()).label(l)
        )
    };
    view! {
        <svg
            class=move || format!("avatar portrait avatar-{}", Expression::of(mood.get()).id())
            viewBox="0 0 100 100"
            role="img"
            aria-label=label
            inner_html=move || svg_body(&appearance, mood.get())
        ></svg>
    }
}
