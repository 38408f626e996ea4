//! The conversation screen: transcript, mood meter, reply buttons and feedback.
//! It only renders engine events; all rules live in `engine::Session`.

use super::debrief::Debrief;
use super::mood_meter::{MoodChange, MoodMeter};
use super::state::use_app;
use super::tr;
use crate::engine::progress::BadgeAward;
use crate::engine::result::RunResult;
use crate::engine::{Event, Lang, Rating, ReplyId, Scenario, Session, Technique, Text};
use leptos::prelude::*;

/// One entry of the transcript.
#[derive(Clone)]
enum Entry {
    Customer(Text),
    Trainee(Text),
    Feedback {
        rating: Rating,
        text: Text,
        change: Option<MoodChange>,
        applied: Vec<Technique>,
        misapplied: Vec<Technique>,
    },
}

/// A seed for a new run, so replays differ.
fn new_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64 ^ js_sys::Date::now() as u64
}

fn rating_label(rating: Rating, lang: Lang) -> &'static str {
    match rating {
        Rating::Good => tr(lang, "Gute Antwort", "Good reply"),
        Rating::Acceptable => tr(lang, "Vertretbar", "Acceptable"),
        Rating::Poor => tr(lang, "Ungünstig", "Poor choice"),
    }
}

fn techniques_line(prefix: &str, techniques: &[Technique], lang: Lang) -> Option<String> {
    (!techniques.is_empty()).then(|| {
        format!(
            "{prefix} {}",
            techniques
                .iter()
                .map(|t| t.label(lang))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

#[component]
fn TranscriptEntry(entry: Entry, customer: Text) -> impl IntoView {
    let lang = use_app().lang;
    match entry {
        Entry::Customer(text) => view! {
            <li class="bubble customer">
                <span class="speaker">{move || customer.get(lang.get()).to_string()}</span>
                <p>{move || text.get(lang.get()).to_string()}</p>
            </li>
        }
        .into_any(),
        Entry::Trainee(text) => view! {
            <li class="bubble trainee">
                <span class="speaker">{move || tr(lang.get(), "Sie", "You")}</span>
                <p>{move || text.get(lang.get()).to_string()}</p>
            </li>
        }
        .into_any(),
        Entry::Feedback {
            rating,
            text,
            change,
            applied,
            misapplied,
        } => {
            let detail = RwSignal::new(true);
            view! {
                <li class=format!("feedback rating-{}", rating.id())>
                    <div class="feedback-head">
                        <strong>{move || rating_label(rating, lang.get())}</strong>
                        {change.clone().map(|c| view! {
                            <span class="feedback-mood">{move || super::mood_meter::describe_change(&c, lang.get())}</span>
                        })}
                        <button class="link-button" aria-expanded=move || detail.get().to_string() on:click=move |_| detail.update(|d| *d = !*d)>
                            {move || if detail.get() { tr(lang.get(), "kürzer", "shorter") } else { tr(lang.get(), "mehr", "more") }}
                        </button>
                    </div>
                    <Show when=move || detail.get()>
                        <p>{let text = text.clone(); move || text.get(lang.get()).to_string()}</p>
                        {let applied = applied.clone(); move || techniques_line(tr(lang.get(), "Angewendet:", "Applied:"), &applied, lang.get()).map(|l| view! { <p class="applied">{l}</p> })}
                        {let misapplied = misapplied.clone(); move || techniques_line(tr(lang.get(), "Fehl am Platz:", "Misapplied:"), &misapplied, lang.get()).map(|l| view! { <p class="misapplied">{l}</p> })}
                    </Show>
                </li>
            }
            .into_any()
        }
    }
}

#[component]
pub fn Conversation(scenario: Scenario) -> impl IntoView {
    let state = use_app();
    let lang = state.lang;
    let customer = scenario.customer_name.clone();
    let needs_consent = scenario.content_note.is_some();
    let scenario = StoredValue::new(scenario);

    let session = RwSignal::new(scenario.with_value(|sc| Session::start(sc, new_seed())));
    let opening = scenario.with_value(|sc| session.with_untracked(|s| s.current_line(sc).cloned()));
    let transcript = RwSignal::new(opening.map(Entry::Customer).into_iter().collect::<Vec<_>>());
    let last_change = RwSignal::new(None::<MoodChange>);
    let result = RwSignal::new(None::<RunResult>);
    let awards = RwSignal::new(Vec::<BadgeAward>::new());
    let consented = RwSignal::new(!needs_consent);
    let group_ref = NodeRef::<leptos::html::Div>::new();

    let choose = move |reply_id: ReplyId| {
        scenario.with_value(|sc| {
            let mut s = session.get_untracked();
            let Some(reply_text) = s
                .current(sc)
                .and_then(|n| n.reply(&reply_id))
                .map(|r| r.text.clone())
            else {
                return;
            };
            let Ok(events) = s.choose(sc, &reply_id) else {
                return;
            };
            let mut entries = vec![Entry::Trainee(reply_text)];
            let mut change = None;
            let mut applied = Vec::new();
            let mut misapplied = Vec::new();
            let mut feedback = None;
            let mut customer_line = None;
            for event in events {
                match event {
                    Event::MoodChanged {
                        change: c, reason, ..
                    } => change = Some(MoodChange { change: c, reason }),
                    Event::Feedback { rating, text } => feedback = Some((rating, text)),
                    Event::TechniqueApplied(t) => applied.push(t),
                    Event::TechniqueMisapplied(t) => misapplied.push(t),
                    Event::CustomerSays { line, .. } => customer_line = Some(line),
                    Event::FlagSet(_) | Event::EndingReached { .. } => {}
                }
            }
            if let Some((rating, text)) = feedback {
                entries.push(Entry::Feedback {
                    rating,
                    text,
                    change: change.clone(),
                    applied,
                    misapplied,
                });
            }
            entries.extend(customer_line.map(Entry::Customer));
            transcript.update(|t| t.extend(entries));
            last_change.set(change);
            if let Some(run) = RunResult::of(&s, sc) {
                awards.set(state.record_run(&run));
                result.set(Some(run));
            }
            session.set(s);
        });
        // Keep keyboard focus in the conversation: on the first new reply.
        request_animation_frame(move || {
            if let Some(group) = group_ref.get_untracked()
                && let Ok(Some(button)) = group.query_selector("button")
            {
                use leptos::wasm_bindgen::JsCast;
                if let Ok(button) = button.dyn_into::<leptos::web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    };

    let play_again = move || {
        let fresh = scenario.with_value(|sc| Session::start(sc, new_seed()));
        let opening = scenario.with_value(|sc| fresh.current_line(sc).cloned());
        transcript.set(opening.map(Entry::Customer).into_iter().collect());
        last_change.set(None);
        awards.set(Vec::new());
        result.set(None);
        session.set(fresh);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    };

    let replies = move || {
        scenario.with_value(|sc| {
            session.with(|s| {
                let Some(node) = s.current(sc) else { return Vec::new() };
                s.reply_order(sc)
                    .into_iter()
                    .filter_map(|i| node.replies.get(i))
                    .map(|reply| {
                        let id = reply.id.clone();
                        let text = reply.text.clone();
                        view! {
                            <button class="reply" data-reply-id=id.to_string() on:click=move |_| choose(id.clone())>
                                {move || text.get(lang.get()).to_string()}
                            </button>
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };

    let mood = Signal::derive(move || session.with(|s| s.mood));
    let title = scenario.with_value(|sc| sc.title.clone());
    let note = scenario.with_value(|sc| sc.content_note.clone());
    let customer_for_log = customer.clone();

    view! {
        <Show
            when=move || consented.get()
            fallback=move || {
                let note = note.clone();
                let title = title.clone();
                view! {
                    <section class="screen content-note">
                        <h1>{move || title.get(lang.get()).to_string()}</h1>
                        <h2>{move || tr(lang.get(), "Hinweis zum Inhalt", "Content note")}</h2>
                        <p>{move || note.as_ref().map(|n| n.get(lang.get()).to_string()).unwrap_or_default()}</p>
                        <div class="actions">
                            <button class="primary" on:click=move |_| consented.set(true)>{move || tr(lang.get(), "Gespräch beginnen", "Start the conversation")}</button>
                            <a class="button" href="#/">{move || tr(lang.get(), "Überspringen", "Skip")}</a>
                        </div>
                    </section>
                }
            }
        >
            {
                let customer = customer.clone();
                let customer_for_log = customer_for_log.clone();
                move || match result.get() {
                    Some(run) => view! {
                        <Debrief scenario=scenario.get_value() run=run awards=awards.get() on_again=Callback::new(move |_| play_again())/>
                    }.into_any(),
                    None => {
                        let customer = customer.clone();
                        let customer_for_log = customer_for_log.clone();
                        view! {
                            <section class="screen conversation">
                                <h1>{move || scenario.with_value(|sc| sc.title.get(lang.get()).to_string())}</h1>
                                <MoodMeter mood=mood last_change=last_change.into() customer=customer lang=lang/>
                                <ol class="transcript" role="log" aria-live="polite" aria-label=move || tr(lang.get(), "Gesprächsverlauf", "Conversation")>
                                    <For
                                        each=move || transcript.get().into_iter().enumerate()
                                        key=|(i, _)| *i
                                        children=move |(_, entry)| view! { <TranscriptEntry entry=entry customer=customer_for_log.clone()/> }
                                    />
                                </ol>
                                <div class="replies" role="group" node_ref=group_ref aria-label=move || tr(lang.get(), "Ihre Antwort", "Your reply")>
                                    {replies}
                                </div>
                            </section>
                        }.into_any()
                    }
                }
            }
        </Show>
    }
}
