//! The customer's mood as a meter, with the last change and its reason in words.
//!
//! It is named for what it measures, "Ärger" / "Anger" (0 calm … 100
//! furious), with the scale printed at both ends of the bar: a good reply
//! shows a green "Ärger −10", which reads right. Turning the meter so that up
//! is better was tried on paper and rejected: the engine, the scenario files
//! and the authoring guide all count mood as anger, and a second scale in
//! the UI would make authors translate every number.

use counterpart::engine::{Lang, MoodLevel, Text};
use leptos::prelude::*;

/// The last mood change: by how much and why.
#[derive(Clone, PartialEq)]
pub struct MoodChange {
    pub change: i32,
    pub reason: Option<Text>,
}

/// "Sie haben ihren Ärger anerkannt: Ärger −10" — the sign is a real minus.
pub fn describe_change(change: &MoodChange, lang: Lang) -> String {
    let sign = if change.change > 0 { "+" } else { "−" };
    let amount = format!(
        "{} {sign}{}",
        super::tr(lang, "Ärger", "anger"),
        change.change.abs()
    );
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
        Lang::De => format!("{} · Ärger", customer.get(Lang::De)),
        Lang::En => format!("{}'s anger", customer.get(Lang::En)),
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
            <div class="mood-scale" aria-hidden="true">
                <span>{move || super::tr(lang.get(), "0 ruhig", "0 calm")}</span>
                <span>{move || super::tr(lang.get(), "100 wütend", "100 furious")}</span>
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
