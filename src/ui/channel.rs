//! What sits beside the anger meter, by the conversation's channel: the
//! portrait face to face, a call bar on the phone (caller and call timer, no
//! face), a chat header, or an e-mail thread's subject and a review's stars.
//! The transcript's look per channel is in the stylesheet (`.channel-…`).

use super::avatar::Avatar;
use super::{t, tr};
use counterpart::engine::{Appearance, Channel, Lang, Scenario, Text};
use leptos::prelude::*;

/// "02:14": minutes and seconds of a call.
fn call_time(seconds: u32) -> String {
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

/// The call bar: who is on the line and for how long (counted from when the
/// screen opened). The timer is not announced by screen readers.
#[component]
fn CallBar(customer: Text, lang: RwSignal<Lang>) -> impl IntoView {
    let seconds = RwSignal::new(0u32);
    if let Ok(handle) = set_interval_with_handle(
        move || seconds.update(|s| *s += 1),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    view! {
        <div class="call-bar">
            <svg class="channel-icon" viewBox="0 0 24 24" aria-hidden="true">
                <path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.6a1 1 0 0 1-.25 1Z"/>
            </svg>
            <span class="caller">{move || customer.get(lang.get()).to_string()}</span>
            <span class="call-state">
                {t(lang, "Anruf läuft", "On the call")}" · "
                <span role="timer" aria-live="off">{move || call_time(seconds.get())}</span>
            </span>
        </div>
    }
}

/// The review's stars as text a screen reader reads ("2 von 5 Sternen").
fn stars(count: u8) -> String {
    (1..=5)
        .map(|i| if i <= count { '★' } else { '☆' })
        .collect()
}

/// What the header needs of the scenario (cloned once per screen).
#[derive(Clone)]
pub struct ChannelLook {
    pub channel: Channel,
    pub customer: Text,
    pub subject: Option<Text>,
    pub review_stars: Option<u8>,
    pub appearance: Option<Appearance>,
}

impl ChannelLook {
    pub fn of(scenario: &Scenario) -> ChannelLook {
        ChannelLook {
            channel: scenario.channel,
            customer: scenario.customer_name.clone(),
            subject: scenario.subject.clone(),
            review_stars: scenario.review_stars,
            appearance: scenario.appearance.clone(),
        }
    }
}

/// The header of the conversation for its channel.
#[component]
pub fn ChannelHeader(look: ChannelLook, mood: Signal<u8>, lang: RwSignal<Lang>) -> impl IntoView {
    let ChannelLook {
        channel,
        customer,
        subject,
        review_stars,
        appearance,
    } = look;
    match channel {
        Channel::FaceToFace => view! {
            <Avatar mood=mood customer=customer appearance=appearance.unwrap_or_default() lang=lang/>
        }
        .into_any(),
        Channel::Phone => view! { <CallBar customer=customer lang=lang/> }.into_any(),
        Channel::Chat => {
            let initial = customer.clone();
            view! {
                <div class="chat-bar">
                    <span class="chat-initial" aria-hidden="true">
                        {move || initial.get(lang.get()).chars().rev().find(|c| c.is_uppercase()).unwrap_or('?').to_string()}
                    </span>
                    <span class="caller">{move || customer.get(lang.get()).to_string()}</span>
                    <span class="call-state">{t(lang, "im Chat", "in the chat")}</span>
                </div>
            }
            .into_any()
        }
        Channel::Email | Channel::Review => {
            let subject = subject.unwrap_or_default();
            view! {
                <div class="thread-bar">
                    <span class="thread-kind">
                        {move || channel.label(lang.get())}
                        {review_stars.map(|n| view! {
                            " "<span class="stars" role="img" aria-label=move || format!("{n} {}", tr(lang.get(), "von 5 Sternen", "of 5 stars"))>{stars(n)}</span>
                        })}
                    </span>
                    <span class="subject">{move || subject.get(lang.get()).to_string()}</span>
                </div>
            }
            .into_any()
        }
    }
}
