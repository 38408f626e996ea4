//! The facilitator view (`#/seminar/<id>`): a trainer runs a conversation
//! with the whole room on a projector. At each decision the room sees the
//! customer's line and a "What would you say?" prompt; the trainer shows the
//! replies (A, B, C, D), records the room's choice, and only then reveals
//! the feedback, the mood change and its reason. Driven by the keyboard or a
//! presenter's clicker (see [`KEYS`]). The room's run is never recorded as
//! anyone's progress: it is a plain `Session` held here, not the progress store.

use super::scenarios::LiveScenario;
use super::{t, tr, use_lang};
use counterpart::engine::paths::best_walk;
use counterpart::engine::result::RunResult;
use counterpart::engine::{Event, Lang, Node, Rating, Session, Technique};
use counterpart::route::Route;
use leptos::prelude::*;

/// Where the trainer is at one decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// The customer's line and the prompt; the replies are hidden.
    Prompt,
    /// The replies are shown, no choice yet.
    Replies,
    /// The room's choice (a position in the shown order) is recorded.
    Recorded(usize),
    /// The feedback for the recorded choice is shown.
    Revealed(usize),
}

/// The keys, as the help line shows them.
const KEYS: (&str, &str) = (
    "Tasten: → / Bild ↓ / Enter weiter · ← / Bild ↑ zurück · A, Umschalt+B, C, D oder 1–4: Wahl des Raums · H Antworten zeigen/verbergen · T Timer · B Bildschirm schwarz",
    "Keys: → / Page Down / Enter next · ← / Page Up back · A, Shift+B, C, D or 1–4: the room's choice · H show/hide replies · T timer · B blank screen",
);

fn letter(position: usize) -> char {
    (b'A' + position.min(25) as u8) as char
}

/// A prompt for discussion before the replies are shown: one per technique
/// a good reply applies here, or a general one.
fn prompt_for(node: &Node, lang: Lang) -> &'static str {
    match node.expected_techniques().next() {
        Some(Technique::Calm) => tr(
            lang,
            "Wie bleiben Sie hier ruhig und sachlich, auch wenn der Ton scharf wird?",
            "How do you stay calm and factual here, even if the tone gets sharp?",
        ),
        Some(Technique::Empathy) => tr(
            lang,
            "Wie zeigen Sie, dass Sie verstanden haben, worum es der Person geht?",
            "How do you show that you have understood what matters to this person?",
        ),
        Some(Technique::Apology) => tr(
            lang,
            "Wofür können Sie sich ehrlich entschuldigen – ohne mehr zuzugeben, als stimmt?",
            "What can you honestly apologise for – without admitting more than is true?",
        ),
        Some(Technique::Solution) => tr(
            lang,
            "Welche Lösung oder welchen Kompromiss können Sie anbieten?",
            "What solution or compromise can you offer?",
        ),
        Some(Technique::Boundary) => tr(
            lang,
            "Wo ist hier eine Grenze – und wie setzen Sie sie, ohne zu eskalieren?",
            "Where is a boundary here – and how do you set it without escalating?",
        ),
        Some(Technique::Explain) => tr(
            lang,
            "Wie erklären Sie die Sachlage ruhig und verständlich?",
            "How do you explain the facts calmly and clearly?",
        ),
        Some(Technique::Refer) => tr(
            lang,
            "Wer kann hier besser helfen – und wie leiten Sie weiter, ohne abzuwimmeln?",
            "Who can help better here – and how do you refer onward without brushing the customer off?",
        ),
        None => tr(
            lang,
            "Was würde Ihnen helfen, das Gespräch in eine gute Richtung zu lenken?",
            "What would help you steer the conversation in a good direction?",
        ),
    }
}

fn quoted(text: &str, lang: Lang) -> String {
    match lang {
        Lang::De => format!("„{text}“"),
        Lang::En => format!("“{text}”"),
    }
}

#[component]
pub fn Seminar(scenario: LiveScenario) -> impl IntoView {
    // A copy owned by this view, kept in step by one effect (texts of a newly
    // chosen language): the view's closures never read the app's scenario
    // status themselves, so leaving the route cannot run one of them after
    // this view's signals are gone (a trap, seen in the browser).
    let live = scenario;
    let scenario = RwSignal::new(live.with_untracked(Clone::clone));
    Effect::new(move |_| {
        let Some(fresh) = live.try_with(Clone::clone) else {
            return;
        };
        if scenario.try_with_untracked(|s| s.id == fresh.id) == Some(true) {
            scenario.set(fresh);
        }
    });
    let lang = use_lang();
    let seed = (js_sys::Math::random() * 1e15) as u64;
    let start = scenario.with_untracked(|s| Session::start(s, seed));
    let session = RwSignal::new(start);
    // The decisions before this one: the session there and the choice made.
    let earlier = RwSignal::new(Vec::<(Session, usize)>::new());
    let phase = RwSignal::new(Phase::Prompt);
    // Whether each decision starts with the replies hidden (on by default:
    // the room answers aloud first).
    let hide_first = RwSignal::new(true);
    let blank = RwSignal::new(false);
    // The discussion timer: off by default; when started, seconds counted.
    let timer_started = RwSignal::new(None::<f64>);
    let now = RwSignal::new(js_sys::Date::now());
    let status = RwSignal::new(String::new());

    let interval = set_interval_with_handle(
        move || {
            // `try_`: never a trap if a tick comes after the view is gone.
            if timer_started.try_get_untracked().flatten().is_some() {
                now.try_set(js_sys::Date::now());
            }
        },
        std::time::Duration::from_millis(500),
    )
    .ok();
    on_cleanup(move || {
        if let Some(interval) = interval {
            interval.clear();
        }
    });

    let finished = move || scenario.with(|s| session.with(|se| se.is_finished(s)));
    let order = move || scenario.with(|s| session.with(|se| se.reply_order(s)));
    let reply_count = move || order().len();
    let say = move |de: &str, en: &str| {
        status.set(match lang.get_untracked() {
            Lang::De => de.to_string(),
            Lang::En => en.to_string(),
        })
    };
    let fresh_phase = move || {
        if hide_first.get_untracked() {
            Phase::Prompt
        } else {
            Phase::Replies
        }
    };

    let record = move |position: usize| {
        if finished() || position >= reply_count() {
            return;
        }
        if matches!(phase.get_untracked(), Phase::Revealed(_)) {
            say(
                "Schon aufgedeckt: erst zurück (←), um die Wahl zu ändern.",
                "Already revealed: go back (←) first to change the choice.",
            );
            return;
        }
        phase.set(Phase::Recorded(position));
        let l = letter(position);
        say(
            &format!("Wahl des Raums: {l}. Enter deckt auf."),
            &format!("The room's choice: {l}. Enter reveals."),
        );
    };
    let forward = move || {
        if finished() {
            return;
        }
        match phase.get_untracked() {
            Phase::Prompt => {
                phase.set(Phase::Replies);
                say("Antworten gezeigt.", "Replies shown.");
            }
            Phase::Replies => say(
                "Erst die Wahl des Raums festhalten: A, B, C oder D.",
                "Record the room's choice first: A, B, C or D.",
            ),
            Phase::Recorded(p) => {
                phase.set(Phase::Revealed(p));
                say("Aufgedeckt.", "Revealed.");
            }
            Phase::Revealed(p) => {
                let Some(reply) = scenario.with_untracked(|s| {
                    let order = session.with_untracked(|se| se.reply_order(s));
                    session.with_untracked(|se| {
                        se.current(s)
                            .and_then(|n| order.get(p).and_then(|&i| n.replies.get(i)))
                            .map(|r| r.id.clone())
                    })
                }) else {
                    return;
                };
                let before = session.get_untracked();
                let mut next = before.clone();
                if scenario.with_untracked(|s| next.choose(s, &reply)).is_err() {
                    return;
                }
                earlier.update(|e| e.push((before, p)));
                session.set(next);
                phase.set(fresh_phase());
                timer_started.set(None);
                say("Nächste Entscheidung.", "Next decision.");
            }
        }
    };
    let back = move || {
        let step_back = move || {
            if let Some((before, p)) = earlier.try_update(|e| e.pop()).flatten() {
                session.set(before);
                phase.set(Phase::Revealed(p));
                say(
                    "Zurück zur letzten Entscheidung.",
                    "Back to the last decision.",
                );
            }
        };
        if finished() {
            step_back();
            return;
        }
        match phase.get_untracked() {
            Phase::Revealed(p) => {
                phase.set(Phase::Recorded(p));
                say("Feedback verborgen.", "Feedback hidden.");
            }
            Phase::Recorded(_) => {
                phase.set(Phase::Replies);
                say("Wahl gelöscht.", "Choice cleared.");
            }
            Phase::Replies if hide_first.get_untracked() => {
                phase.set(Phase::Prompt);
                say("Antworten verborgen.", "Replies hidden.");
            }
            Phase::Replies | Phase::Prompt => step_back(),
        }
    };
    let toggle_replies = move || match phase.get_untracked() {
        Phase::Prompt => {
            phase.set(Phase::Replies);
            say("Antworten gezeigt.", "Replies shown.");
        }
        Phase::Replies => {
            phase.set(Phase::Prompt);
            say("Antworten verborgen.", "Replies hidden.");
        }
        _ => {}
    };
    let toggle_timer = move || {
        if timer_started.get_untracked().is_some() {
            timer_started.set(None);
            say("Timer angehalten.", "Timer stopped.");
        } else {
            let start = js_sys::Date::now();
            now.set(start);
            timer_started.set(Some(start));
            say("Timer läuft.", "Timer running.");
        }
    };
    let toggle_blank = move || blank.update(|b| *b = !*b);

    // Keys: on the window, so a clicker works wherever focus is; not while
    // typing, and Enter/Space not on a focused control (it acts itself).
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let on_control = ev
            .target()
            .and_then(|t| {
                use leptos::wasm_bindgen::JsCast;
                t.dyn_into::<leptos::web_sys::Element>().ok()
            })
            .map(|el| el.tag_name().to_ascii_lowercase())
            .is_some_and(|tag| {
                matches!(
                    tag.as_str(),
                    "button" | "a" | "input" | "select" | "textarea"
                )
            });
        let key = ev.key();
        if blank.get_untracked() {
            // Any key brings the picture back; `B` or Escape only do that.
            ev.prevent_default();
            blank.set(false);
            return;
        }
        let handled = match key.as_str() {
            "ArrowRight" | "PageDown" => {
                forward();
                true
            }
            "Enter" | " " if !on_control => {
                forward();
                true
            }
            "ArrowLeft" | "PageUp" => {
                back();
                true
            }
            // `b` and `.` are what presenters' clickers send for "blank";
            // the choice B is Shift+B or 2 (digits 1–4 record A–D too).
            "b" | "." => {
                toggle_blank();
                true
            }
            k @ ("1" | "2" | "3" | "4" | "5" | "6") => {
                let position = usize::from(k.as_bytes()[0] - b'1');
                if position < reply_count() {
                    record(position);
                }
                true
            }
            "h" | "H" => {
                toggle_replies();
                true
            }
            "t" | "T" => {
                toggle_timer();
                true
            }
            k if k.len() == 1 => {
                let c = k.chars().next().unwrap_or(' ').to_ascii_uppercase();
                if c.is_ascii_uppercase() && (c as usize - 'A' as usize) < reply_count().min(6) {
                    record(c as usize - 'A' as usize);
                    true
                } else {
                    false
                }
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
        }
    });
    on_cleanup(move || keys.remove());

    let title = move || scenario.with(|s| s.title.get(lang.get()).to_string());
    let customer = move || scenario.with(|s| s.customer_name.get(lang.get()).to_string());
    let line = move || {
        scenario.with(|s| {
            session.with(|se| {
                se.current_line(s)
                    .map(|l| quoted(l.get(lang.get()), lang.get()))
                    .unwrap_or_default()
            })
        })
    };
    let mood = move || session.with(|se| se.mood);
    let decision_no = move || session.with(|se| se.steps.len() + 1);

    // The shown replies, each with its letter; at the reveal only the chosen one.
    let replies = move || {
        let lang = lang.get();
        let phase_now = phase.get();
        scenario.with(|s| {
            session.with(|se| {
                let Some(node) = se.current(s) else {
                    return Vec::new();
                };
                se.reply_order(s)
                    .into_iter()
                    .enumerate()
                    .filter_map(|(position, index)| {
                        let reply = node.replies.get(index)?;
                        let chosen = matches!(phase_now, Phase::Recorded(p) | Phase::Revealed(p) if p == position);
                        if matches!(phase_now, Phase::Revealed(_)) && !chosen {
                            return None;
                        }
                        let text = reply.text.get(lang).to_string();
                        let l = letter(position);
                        Some(view! {
                            <li>
                                <button type="button" class="seminar-reply" aria-pressed=chosen.to_string()
                                    on:click=move |_| record(position)>
                                    <span class="letter" aria-hidden="true">{l.to_string()}</span>
                                    <span class="visually-hidden">{format!("{l}: ")}</span>
                                    <span class="reply-text">{text}</span>
                                </button>
                            </li>
                        }
                        .into_any())
                    })
                    .collect::<Vec<_>>()
            })
        })
    };

    // The reveal: rating, feedback, the mood change and its reason.
    let feedback = move || {
        let Phase::Revealed(p) = phase.get() else {
            return None;
        };
        let lang = lang.get();
        scenario.with(|s| {
            let se = session.get();
            let node = se.current(s)?;
            let reply = se
                .reply_order(s)
                .get(p)
                .and_then(|&i| node.replies.get(i))?
                .clone();
            let mut next = se.clone();
            let events = next.choose(s, &reply.id).ok()?;
            let mood_line = events.iter().find_map(|e| match e {
                Event::MoodChanged {
                    from,
                    to,
                    change,
                    reason,
                } => Some(format!(
                    "{} {from} → {to} ({change:+}){}",
                    tr(lang, "Stimmung:", "Mood:"),
                    reason
                        .as_ref()
                        .map(|r| format!(" – {}", r.get(lang)))
                        .unwrap_or_default()
                )),
                _ => None,
            });
            let techniques: Vec<String> = events
                .iter()
                .filter_map(|e| match e {
                    Event::TechniqueApplied(t) => Some(format!("✓ {}", t.label(lang))),
                    Event::TechniqueMisapplied(t) => Some(format!(
                        "✗ {} {}",
                        t.label(lang),
                        tr(lang, "(falscher Moment)", "(wrong moment)")
                    )),
                    _ => None,
                })
                .collect();
            let rating = reply.rating;
            Some(view! {
                <div class=format!("seminar-feedback rating-{}", rating.id())>
                    <h2>{format!("{}: {}", tr(lang, "Bewertung", "Rating"), rating.label(lang))}</h2>
                    <p class="seminar-feedback-text">{reply.feedback.get(lang).to_string()}</p>
                    {mood_line.map(|m| view! { <p class="seminar-mood-change">{m}</p> })}
                    {(!techniques.is_empty()).then(|| view! { <p class="seminar-techniques">{techniques.join(" · ")}</p> })}
                </div>
            })
        })
    };

    let timer_text = move || {
        timer_started.get().map(|start| {
            let seconds = ((now.get() - start) / 1000.0).max(0.0) as u64;
            format!("{}:{:02}", seconds / 60, seconds % 60)
        })
    };

    // The end: the room's path, the best path, outcome and score.
    let debrief = move || {
        let lang = lang.get();
        scenario.with(|s| {
            let se = session.get();
            let run = RunResult::of(&se, s)?;
            let ending = s.node(&run.ending).and_then(|n| n.ending.clone())?;
            let room: Vec<AnyView> = se
                .turns(s)
                .into_iter()
                .map(|turn| {
                    let rating = turn.reply.rating;
                    view! {
                        <li class=format!("path-{}", rating.id())>
                            <span class="path-rating">{rating.label(lang)}</span>
                            " "
                            {turn.reply.text.get(lang).to_string()}
                        </li>
                    }
                    .into_any()
                })
                .collect();
            let best = best_walk(s, se.start_mood);
            let best_steps: Vec<AnyView> = best
                .steps
                .iter()
                .filter_map(|step| s.node(&step.node)?.reply(&step.reply))
                .map(|reply| view! { <li>{reply.text.get(lang).to_string()}</li> }.into_any())
                .collect();
            let best_outcome = best.outcome.map(|o| o.label(lang)).unwrap_or_default();
            let best_score = best.score.unwrap_or(0);
            let good = se.steps.iter().filter(|st| st.rating == Rating::Good).count();
            Some(view! {
                <div class="seminar-debrief">
                    <h2>{format!("{} {}", tr(lang, "Ergebnis:", "Outcome:"), ending.title.get(lang))}</h2>
                    <p class="seminar-outcome">
                        <span class=format!("outcome-badge outcome-{}", run.outcome.id())>{run.outcome.label(lang)}</span>
                        " "
                        {format!("{} {} / 100 · {} {good} / {}", run.score, tr(lang, "Punkte", "points"), tr(lang, "gute Antworten:", "good replies:"), se.steps.len())}
                    </p>
                    <p>{ending.debrief.get(lang).to_string()}</p>
                    <div class="seminar-paths">
                        <section aria-labelledby="room-path">
                            <h3 id="room-path">{tr(lang, "Der Weg des Raums", "The room's path")}</h3>
                            <ol>{room}</ol>
                        </section>
                        <section aria-labelledby="best-path">
                            <h3 id="best-path">{format!("{} ({best_outcome}, {best_score} / 100)", tr(lang, "Der beste Weg", "The best path"))}</h3>
                            <ol>{best_steps}</ol>
                        </section>
                    </div>
                </div>
            })
        })
    };

    let play_again = move |_| {
        let fresh =
            scenario.with_untracked(|s| Session::start(s, (js_sys::Math::random() * 1e15) as u64));
        session.set(fresh);
        earlier.set(Vec::new());
        phase.set(fresh_phase());
        timer_started.set(None);
    };
    let heading_ref = NodeRef::<leptos::html::H1>::new();
    request_animation_frame(move || {
        if let Some(heading) = heading_ref.try_get_untracked().flatten() {
            let _ = heading.focus();
        }
    });
    let play_href = move || scenario.with(|s| Route::Play(s.id.clone()).href());

    view! {
        <section class="screen seminar" aria-labelledby="seminar-title">
            <div class="seminar-head">
                <h1 id="seminar-title" tabindex="-1" node_ref=heading_ref>{title}</h1>
                <p class="seminar-where">
                    {move || if finished() {
                        tr(lang.get(), "Ende des Gesprächs", "End of the conversation").to_string()
                    } else {
                        format!("{} {}", tr(lang.get(), "Entscheidung", "Decision"), decision_no())
                    }}
                    " · "
                    <span class="seminar-mood">{move || format!("{} {} / 100", tr(lang.get(), "Stimmung", "Mood"), mood())}</span>
                    <span class="seminar-meter" aria-hidden="true"><span style:width=move || format!("{}%", mood())></span></span>
                </p>
            </div>
            <blockquote class="seminar-line">
                <p><span class="speaker">{customer}</span>{line}</p>
            </blockquote>
            <Show when=move || !finished() fallback=debrief>
                <Show when=move || phase.get() == Phase::Prompt>
                    <div class="seminar-prompt">
                        <h2>{t(lang, "Was würden Sie sagen?", "What would you say?")}</h2>
                        <p>{move || scenario.with(|s| session.with(|se| se.current(s).map(|n| prompt_for(n, lang.get())).unwrap_or_default()))}</p>
                    </div>
                </Show>
                <Show when=move || phase.get() != Phase::Prompt>
                    <ol class="seminar-replies" role="list" aria-label=t(lang, "Antworten zur Wahl", "Replies to choose from")>
                        {replies}
                    </ol>
                </Show>
                {feedback}
            </Show>
            <div class="seminar-controls" role="group" aria-label=t(lang, "Steuerung", "Controls")>
                <button type="button" on:click=move |_| back()>{t(lang, "← Zurück", "← Back")}</button>
                <button type="button" class="primary" on:click=move |_| forward() disabled=finished>
                    {move || match phase.get() {
                        Phase::Prompt => tr(lang.get(), "Antworten zeigen →", "Show replies →"),
                        Phase::Replies => tr(lang.get(), "Wahl festhalten (A–D)", "Record choice (A–D)"),
                        Phase::Recorded(_) => tr(lang.get(), "Aufdecken →", "Reveal →"),
                        Phase::Revealed(_) => tr(lang.get(), "Weiter →", "Next →"),
                    }}
                </button>
                <button type="button" aria-pressed=move || timer_started.get().is_some().to_string() on:click=move |_| toggle_timer()>
                    {t(lang, "Timer (T)", "Timer (T)")}
                    {move || timer_text().map(|text| view! { " " <span class="seminar-timer">{text}</span> })}
                </button>
                <label class="seminar-check">
                    <input type="checkbox" prop:checked=move || hide_first.get() on:change=move |ev| hide_first.set(event_target_checked(&ev))/>
                    {t(lang, "Antworten zuerst verbergen", "Hide replies first")}
                </label>
                <button type="button" on:click=move |_| toggle_blank()>{t(lang, "Schwarz (B)", "Blank (B)")}</button>
                <Show when=finished>
                    <button type="button" on:click=play_again>{t(lang, "Noch einmal", "Run again")}</button>
                </Show>
                <a class="button" href=play_href>{t(lang, "Allein spielen", "Play alone")}</a>
                <a class="button" href="#/">{t(lang, "Beenden", "Exit")}</a>
            </div>
            <p class="seminar-keys">{t(lang, KEYS.0, KEYS.1)}</p>
            <p class="visually-hidden" role="status">{move || status.get()}</p>
            <Show when=move || blank.get()>
                <div class="seminar-blank" role="dialog" aria-modal="true" aria-label=t(lang, "Bildschirm schwarz", "Screen blanked")>
                    <button type="button" class="seminar-unblank" on:click=move |_| blank.set(false)>
                        {t(lang, "Bild zurück (B)", "Show again (B)")}
                    </button>
                </div>
            </Show>
        </section>
    }
}
