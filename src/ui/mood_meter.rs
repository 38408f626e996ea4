//! The customer's mood as a meter, with the last change and its reason in words.

use counterpart::engine::{Lang, MoodLevel, Text};
use leptos::prelude::*;

/// The last mood change: by how much and why.
#[derive(Clone, PartialEq)]
pub struct MoodChange {
    pub change: i32,
    pub reason: Option<Text>,
}

/// "Sie haben ihren Ärger anerkannt: −10" — the sign is a real minus.
pub fn describe_change(change: &MoodChange, lang: Lang) -> String {
    let amount = if change.change > 0 {
        format!("+{}", change.change)
    } else {
        format!("−{}", change.change.abs())
    };
    match &change.reason {
        Some(reason) => format!("{}: {amount}", reason.get(lang)),
        None => amount,
    }
}

#[component]
pub fn MoodMeter(
    mood: Signal<u8>,
    last_change: Signal<Option<MoodChange>>,
    customer: Text,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let level = move || MoodLevel::of(mood.get());
    let label = move || match lang.get() {
        // "von Herr Becker" would need the dative: name first avoids declension.
        Lang::De => format!("{} · Stimmung", customer.get(Lang::De)),
        Lang::En => format!("{}'s mood", customer.get(Lang::En)),
    };
    view! {
        <div class="mood">
            <div class="mood-label">
                <span>{label.clone()}</span>
                <strong>{move || format!("{} ({}/100)", level().label(lang.get()), mood.get())}</strong>
            </div>
            <div
                class=move || format!("mood-bar mood-{}", level().id())
                role="meter"
                aria-label=label
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=move || mood.get().to_string()
                aria-valuetext=move || format!("{} ({}/100)", level().label(lang.get()), mood.get())
            >
                <div class="mood-fill" style:width=move || format!("{}%", mood.get())></div>
            </div>
            <p class="mood-change">
                {move || last_change.get().map(|c| {
                    let direction = if c.change < 0 { "down" } else { "up" };
                    view! { <span class=format!("change change-{direction}")>{describe_change(&c, lang.get())}</span> }
                })}
            </p>
        </div>
    }
}
