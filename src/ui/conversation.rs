//! The conversation screen: transcript, mood meter, reply buttons and feedback.
//! It only renders engine events; all rules live in `engine::Session`.

use super::channel::{ChannelHeader, ChannelLook};
use super::early_turn;
use super::embed;
use super::focus::{focus_heading_when_shown, scroll_clear_of_panel};
use super::mood_meter::{MoodChange, MoodMeter};
use super::notices::{Notice, use_notices};
use super::on_demand;
use super::own_words::{self, OwnWords};
use super::progress_store::use_progress;
use super::scenarios::{LiveScenario, use_scenarios, with_cards};
use super::settings::DisplaySettings;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::play::play_in_own_words;
use counterpart::engine::progress::BadgeAward;
use counterpart::engine::result::RunResult;
use counterpart::engine::techniques::TechniqueSet;
use counterpart::engine::{
    Channel, Event, Lang, MoodLevel, Rating, ReplyId, Scenario, Session, Technique, TechniqueUse,
    Text,
};
use counterpart::web::storage::{self, SessionSlot};
use leptos::prelude::*;

/// One entry of the transcript.
#[derive(Clone, PartialEq)]
enum Entry {
    /// A customer's line, with the customer's own mood swing on arriving
    /// there and when it was sent (threads and chats).
    Customer(Text, Option<MoodChange>, Option<Text>),
    Trainee(Text),
    Feedback {
        rating: Rating,
        text: Text,
        change: Option<MoodChange>,
        applied: Vec<Technique>,
        misapplied: Vec<Technique>,
        /// The step, when the trainee typed their own words before it.
        own: Option<usize>,
    },
}

/// A new run with a new seed (so replays differ), stamped with its start
/// for the time on task.
fn started(scenario: &Scenario) -> Session {
    stamped(Session::start(scenario, new_seed()))
}

/// `session` stamped with its start, for the time on task.
fn stamped(session: Session) -> Session {
    Session {
        started_at: Some(js_sys::Date::now() as u64),
        ..session
    }
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

/// "Angewendet: Ruhe bewahren, …", each technique a link to its primer page.
fn techniques_line(prefix: &'static str, techniques: &[Technique], lang: Lang) -> Option<AnyView> {
    (!techniques.is_empty()).then(|| {
        let links = techniques
            .iter()
            .enumerate()
            .map(|(i, &t)| {
                let href = counterpart::route::Route::Techniques(Some(t)).href();
                view! { {(i > 0).then_some(", ")}<a class="technique-link" href=href>{t.label(lang)}</a> }
            })
            .collect::<Vec<_>>();
        view! { {prefix}" "{links} }.into_any()
    })
}

#[component]
fn TranscriptEntry(
    entry: Entry,
    customer: Text,
    channel: Channel,
    own_words: OwnWords,
) -> impl IntoView {
    let lang = use_lang();
    match entry {
        Entry::Customer(text, swing, time) => view! {
            <div class="bubble customer">
                // Shown only while a chat message is "being typed" (see the stylesheet).
                {(channel == Channel::Chat).then(|| view! { <span class="typing" aria-hidden="true"><i></i><i></i><i></i></span> })}
                <span class="speaker">
                    {move || customer.get(lang.get()).to_string()}
                    {time.map(|time| view! { " · "<span class="sent-at">{move || time.get(lang.get()).to_string()}</span> })}
                </span>
                {swing.map(|c| view! {
                    <span class="feedback-mood swing">{move || super::mood_meter::describe_change(&c, lang.get())}</span>
                })}
                <p>{move || text.get(lang.get()).to_string()}</p>
            </div>
        }
        .into_any(),
        Entry::Trainee(text) => view! {
            <div class="bubble trainee">
                <span class="speaker">
                    {t(lang, "Sie", "You")}
                    {channel.is_thread().then(|| view! { " · "<span class="sent-at">{t(lang, "gesendet", "sent")}</span> })}
                </span>
                <p>{move || text.get(lang.get()).to_string()}</p>
            </div>
        }
        .into_any(),
        Entry::Feedback {
            rating,
            text,
            change,
            applied,
            misapplied,
            own,
        } => {
            let detail = RwSignal::new(true);

            view! {
                <div class=format!("feedback rating-{}", rating.id())>
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
                        {let misapplied = misapplied.clone(); move || techniques_line(tr(lang.get(), "Falsch eingesetzt:", "Used at the wrong moment:"), &misapplied, lang.get()).map(|l| view! { <p class="misapplied">{l}</p> })}
                        {own.map(|step| on_demand::on_demand(move || Box::pin(own_words::part(own_words, own_words::Part::Comparison(step)))))}
                    </Show>
                </div>
            }
            .into_any()
        }
    }
}

/// The transcript of a session: each past turn, then the current line.
fn transcript_of(session: &Session, scenario: &Scenario) -> Vec<Entry> {
    // The customer's own swing on arriving at a node: the mood there differs
    // from the mood the reply before left.
    let swing = |node: &counterpart::engine::Node, left: Option<u8>, now: u8| {
        let swing = node.arrival.as_ref()?;
        (left? != now).then(|| MoodChange {
            change: swing.change,
            reason: Some(swing.reason.clone()),
        })
    };
    let mut entries = Vec::new();
    let mut left = None;
    for (i, turn) in session.turns(scenario).into_iter().enumerate() {
        let reply = turn.reply;
        let (applied, misapplied) = match reply.rating.technique_use() {
            Some(TechniqueUse::Applied) => (reply.techniques.clone(), Vec::new()),
            Some(TechniqueUse::Misapplied) => (Vec::new(), reply.techniques.clone()),
            None => (Vec::new(), Vec::new()),
        };
        let arrived = swing(turn.node, left, turn.mood_before);
        left = Some(turn.mood_after);
        entries.push(Entry::Customer(
            turn.line.clone(),
            arrived,
            turn.node.time.clone(),
        ));
        entries.push(Entry::Trainee(reply.text.clone()));
        entries.push(Entry::Feedback {
            rating: reply.rating,
            text: reply.feedback.clone(),
            change: (reply.mood_change != 0).then(|| MoodChange {
                change: reply.mood_change,
                reason: reply.mood_reason.clone(),
            }),
            applied,
            misapplied,
            own: session.steps[i].words.map(|_| i),
        });
    }
    if let (Some(node), Some(line)) = (session.current(scenario), session.current_line(scenario)) {
        entries.push(Entry::Customer(
            line.clone(),
            swing(node, left, session.mood),
            node.time.clone(),
        ));
    }
    entries
}

/// The words a screen reader hears after a reply: "Frau Krüger: …", then
/// "Ärger jetzt: gereizt." when the level changed.
fn announce(scenario: &Scenario, session: &Session, level_before: MoodLevel, lang: Lang) -> String {
    let line = session
        .current_line(scenario)
        .map(|l| l.get(lang).to_string())
        .unwrap_or_default();
    let mut said = format!("{}: {line}", scenario.customer_name.get(lang));
    let level = MoodLevel::of(session.mood);
    if level != level_before {
        said += &format!(
            " {} {}.",
            tr(lang, "Ärger jetzt:", "Anger now:"),
            level.label(lang)
        );
    }
    said
}

/// Puts keyboard focus on the first reply shown. Called a frame later, which
/// may come after the screen was left (a link, the back button): a disposed
/// NodeRef must not be read, so `try_`.
fn focus_first_reply(group_ref: NodeRef<leptos::html::Div>) {
    focus_reply(group_ref, "button")
}

/// Puts keyboard focus on the reply `selector` finds, as above.
fn focus_reply(group_ref: NodeRef<leptos::html::Div>, selector: &str) {
    use leptos::wasm_bindgen::JsCast;
    if let Some(group) = group_ref.try_get_untracked().flatten()
        && let Ok(Some(button)) = group.query_selector(selector)
        && let Ok(button) = button.dyn_into::<leptos::web_sys::HtmlElement>()
    {
        let _ = button.focus();
    }
}

/// The saved unfinished conversation of this scenario, if it still fits.
fn resumable(scenario: &Scenario, slot: SessionSlot) -> Option<Session> {
    storage::load_session(slot, &scenario.id)
        .filter(|s| s.check_fits(scenario).is_ok() && !s.is_finished(scenario))
}

/// `scenario` changes when the texts of a newly chosen language arrive (see
/// `ScenarioRepo::status`); the session and the screen stay.
#[component]
pub fn Conversation(scenario: LiveScenario) -> impl IntoView {
    let (lang, progress, scenarios, notices) =
        (use_lang(), use_progress(), use_scenarios(), use_notices());
    // An author's trial run from the preview ("play from here"): it neither
    // touches the trainee's paused conversation nor counts as progress.
    let trial = counterpart::route::is_trial(&window().location().hash().unwrap_or_default());
    let slot = if trial {
        SessionSlot::Trial
    } else {
        SessionSlot::Own
    };
    let (resumed, has_note) =
        scenario.with_untracked(|sc| (resumable(sc, slot), sc.content_note.is_some()));
    // The first turn the page showed before the app was ready, if any: the
    // run starts as shown, and a click made on it counts.
    let early = scenario
        .with_untracked(|sc| early_turn::take(&sc.id))
        .filter(|_| !trial && resumed.is_none());
    let from_early = early
        .as_ref()
        .and_then(|e| scenario.with_untracked(|sc| early_turn::session_as_shown(sc, e, new_seed)));
    // A resumed conversation already passed the content note, and opens at
    // the current turn, not at the top of a long transcript.
    let consented =
        RwSignal::new(!has_note || resumed.is_some() || early.as_ref().is_some_and(|e| e.started));
    let resumed_mid_way = resumed.as_ref().is_some_and(|s| !s.steps.is_empty());
    let session = RwSignal::new(
        resumed
            .or(from_early.map(stamped))
            .unwrap_or_else(|| scenario.with_untracked(|sc| started(sc))),
    );
    if !trial {
        scenario.with_untracked(|sc| embed::started(&sc.id));
    }

    let transcript = Memo::new(move |_| scenario.with(|sc| session.with(|s| transcript_of(s, sc))));
    let last_change = Signal::derive(move || {
        transcript
            .with(|t| {
                t.iter().rev().find_map(|e| match e {
                    Entry::Feedback { change, .. } => Some(change.clone()),
                    _ => None,
                })
            })
            .flatten()
    });
    let result = RwSignal::new(None::<RunResult>);
    let awards = RwSignal::new(Vec::<BadgeAward>::new());
    let group_ref = NodeRef::<leptos::html::Div>::new();
    let prefetched = StoredValue::new(false);

    // What a screen reader hears after a reply: the customer's new line, and
    // the anger level when it changed — not the own reply and the feedback
    // again, and nothing on a language switch (the log itself is not live).
    let announcement = RwSignal::new(String::new());
    // "In eigenen Worten antworten" (issue #23): its panel is a chunk.
    let own_mode = RwSignal::new(DisplaySettings::load().own_words);
    let own = OwnWords {
        scenario,
        session,
        texts: RwSignal::new(Vec::new()),
        mode: own_mode,
    };
    provide_context(own);
    // One callback, called from three places (a reply button, the own-words
    // panel, a click kept from the page's first turn): a plain closure would
    // be compiled into each of them (wasm size).
    let choose = Callback::new(move |(reply_id, words): (ReplyId, Option<TechniqueSet>)| {
        scenario.with_untracked(|sc| {
            let mut s = session.get_untracked();
            let node = s.node.clone();
            let level_before = MoodLevel::of(s.mood);
            // A trial run plays against a copy of the progress: it is never recorded.
            let now = js_sys::Date::now() as u64;
            let played = if trial {
                play_in_own_words(
                    &mut s,
                    sc,
                    &mut progress.with_untracked(Clone::clone),
                    &reply_id,
                    words,
                    now,
                )
            } else {
                progress.play(
                    &mut s,
                    sc,
                    &reply_id,
                    words,
                    now,
                    !scenarios.is_shipped(&sc.id),
                )
            };
            let Ok(outcome) = played else {
                return;
            };
            let events = outcome.events;
            // What the end needs (the debrief's code, and the cards for its
            // suggestion) starts loading with the first reply, once.
            if !prefetched.get_value() {
                prefetched.set_value(true);
                on_demand::prefetch_debrief();
                leptos::task::spawn_local(scenarios.load_cards());
            }
            if let Some(rating) = events.iter().find_map(|e| match e {
                Event::Feedback { rating, .. } => Some(*rating),
                _ => None,
            }) {
                if !trial {
                    embed::replied(&sc.id, &node, reply_id.as_str(), rating, s.mood);
                }
            }
            match outcome.finished {
                Some(run) => {
                    storage::clear_session(slot, &sc.id);
                    if !trial {
                        embed::finished(&run);
                        awards.set(outcome.awards);
                    }
                    result.set(Some(run));
                }
                None => {
                    if let Err(notice) = storage::save_session(slot, &s) {
                        notices.notify(Notice::Storage(notice));
                    }
                    announcement.set(announce(sc, &s, level_before, lang.get_untracked()));
                }
            }
            session.set(s);
        });
        // Keep keyboard focus in the conversation: on the first new reply.
        request_animation_frame(move || focus_first_reply(group_ref));
    });

    // A reply clicked on the page's first turn is played now; keyboard focus
    // on it moves to the same reply here. A frame later, the screen may be
    // gone already (a link followed at once): `try_run` then does nothing.
    if let Some(early) = early {
        request_animation_frame(move || match (early.chosen, early.focused) {
            (Some(id), _) => {
                let _ = choose.try_run((id, None));
            }
            (None, Some(id)) => focus_reply(group_ref, &format!("[data-reply-id=\"{id}\"]")),
            (None, None) => {}
        });
    }

    // On resuming: the customer's current line at the top of the screen, and
    // keyboard focus on the first reply (the frame after the screen is built).
    if resumed_mid_way {
        request_animation_frame(move || {
            focus_first_reply(group_ref);
            // The transcript ends with the customer's current line.
            if let Ok(Some(transcript)) = document().query_selector(".transcript")
                && let Some(current) = transcript.last_element_child()
            {
                current.scroll_into_view();
            }
        });
    }

    let play_again = move || {
        awards.set(Vec::new());
        own.texts.set(Vec::new());
        result.set(None);
        session.set(scenario.with_untracked(|sc| started(sc)));
        window().scroll_to_with_x_and_y(0.0, 0.0);
        focus_heading_when_shown(40);
    };

    // The replies of this turn, keyed by run, turn and id: each turn gets new
    // buttons, so focus never stays on a reused button whose text changed
    // (WCAG 2.4.3). Texts are read from the scenario, so they follow a
    // language switch without new buttons.
    let replies = move || {
        scenario.with(|sc| {
            session.with(|s| {
                let Some(node) = s.current(sc) else {
                    return Vec::new();
                };
                s.reply_order(sc)
                    .into_iter()
                    .filter_map(|i| node.replies.get(i))
                    .map(|reply| (s.seed, s.steps.len(), node.id.clone(), reply.id.clone()))
                    .collect::<Vec<_>>()
            })
        })
    };
    let reply_button = move |(_, _, node, id): (
        u64,
        usize,
        counterpart::engine::NodeId,
        ReplyId,
    )| {
        let text_id = id.clone();
        let text = move || {
            scenario.with(|sc| {
                sc.node(&node)
                    .and_then(|n| n.reply(&text_id))
                    .map(|r| r.text.get(lang.get()).to_string())
                    .unwrap_or_default()
            })
        };
        view! {
            <button class="reply" data-reply-id=id.to_string() on:click=move |_| choose.run((id.clone(), None))>
                {text}
            </button>
        }
    };

    let mood = Signal::derive(move || session.with(|s| s.mood));
    let title = move || scenario.with(|sc| sc.title.get(lang.get()).to_string());

    view! {
        <Show
            when=move || consented.get()
            fallback=move || {
                view! {
                    <section class="screen content-note">
                        <h1>{title}</h1>
                        <h2>{t(lang, "Hinweis zum Inhalt", "Content note")}</h2>
                        <p>{move || scenario.with(|sc| sc.content_note.as_ref().map(|n| n.get(lang.get()).to_string()).unwrap_or_default())}</p>
                        <div class="actions">
                            <button class="primary" on:click=move |_| { consented.set(true); focus_heading_when_shown(40); }>{t(lang, "Gespräch beginnen", "Start the conversation")}</button>
                            <a class="button" href="#/">{t(lang, "Überspringen", "Skip")}</a>
                        </div>
                    </section>
                }
            }
        >
            {
                // Rebuilt when texts of another language are added: the
                // session lives above, so nothing is lost.
                move || match result.get() {
                    Some(run) => {
                        let (played, session, awards) = (scenario.with(Scenario::clone), session.get_untracked(), awards.get());
                        let on_again = Callback::new(move |_| play_again());
                        on_demand::on_demand(move || super::stylesheets::with_sheets(super::stylesheets::SCREENS, Box::pin(with_cards(scenarios, Box::pin(on_demand::debrief(played.clone(), session.clone(), run.clone(), awards.clone(), on_again)))))).into_any()
                    }
                    None => {
                        let look = scenario.with(ChannelLook::of);
                        let (customer, channel) = (look.customer.clone(), look.channel);
                        view! {
                            <section class=format!("screen conversation channel-{}", channel.id()) on:focusin=scroll_clear_of_panel>
                                <h1>{title}</h1>
                                {trial.then(|| view! {
                                    <p class="notice trial-note">{t(lang, "Probelauf aus der Vorschau: Er wird nicht als Fortschritt gespeichert.", "Trial run from the preview: it is not saved as progress.")}</p>
                                })}
                                <div class="customer-panel">
                                    <ChannelHeader look=look mood=mood lang=lang/>
                                    <MoodMeter mood=mood last_change=last_change customer=customer.clone() lang=lang/>
                                </div>
                                <p class="visually-hidden" aria-live="polite" aria-atomic="true">{move || announcement.get()}</p>
                                <div class="transcript" role="log" aria-live="off" aria-label=t(lang, "Gesprächsverlauf", "Conversation")>
                                    <For
                                        each=move || {
                                            // Keyed by run and position: entries only append within a run.
                                            let seed = session.with(|s| s.seed);
                                            transcript.get().into_iter().enumerate().map(move |(i, e)| (seed, i, e))
                                        }
                                        key=|(seed, i, _)| (*seed, *i)
                                        children=move |(_, _, entry)| view! { <TranscriptEntry entry=entry customer=customer.clone() channel=channel own_words=own/> }
                                    />
                                </div>
                                {channel.is_thread().then(|| view! {
                                    <p class="reply-prompt">{t(lang, "Welchen Entwurf senden Sie?", "Which draft do you send?")}</p>
                                })}
                                // In own words: the mode's panel (a chunk, which also
                                // offers the way back and keeps the setting);
                                // otherwise the replies and the way in.
                                {move || if own_mode.get() {
                                    // A new panel for each decision.
                                    session.with(|s| s.steps.len());
                                    let on_choose = Callback::new(move |(id, words, _): own_words::Chosen| choose.run((id, Some(words))));
                                    on_demand::on_demand(move || Box::pin(own_words::part(own, own_words::Part::Panel(on_choose))))
                                } else {
                                    view! {
                                        <p class="own-words-toggle">
                                            <button type="button" class="link-button" on:click=move |_| own_mode.set(true)>
                                                {t(lang, "In eigenen Worten antworten", "Answer in your own words")}
                                            </button>
                                        </p>
                                        <div class="replies" role="group" node_ref=group_ref aria-label=t(lang, "Ihre Antwort", "Your reply")>
                                            <For each=replies key=|key| key.clone() children=reply_button/>
                                        </div>
                                    }.into_any()
                                }}
                                <p class="pause">
                                    <a href="#/">{t(lang, "Pause – später hier weitermachen", "Pause – continue here later")}</a>
                                </p>
                            </section>
                        }.into_any()
                    }
                }
            }
        </Show>
    }
}
