//! The mode "In eigenen Worten antworten" / "Answer in your own words"
//! (issue #23): at each decision the trainee types a reply first; the
//! recogniser says which techniques it read, "Meinten Sie …?" offers the two
//! authored replies closest in meaning (`engine::nearest`), and the reply the
//! trainee picks decides the branch. All of it — the recogniser and its
//! weights too — is the `own_words` wasm chunk: the conversation screen
//! (first load) holds only the toggle and the calls into it.
//!
//! Nothing typed leaves the browser: the text is kept in memory for this
//! conversation (its feedback and debrief), and in localStorage only when
//! the trainee agreed to it (`DisplaySettings::keep_own_words`).

use super::scenarios::LiveScenario;
use super::settings::DisplaySettings;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::nearest::nearest_replies;
use counterpart::engine::recognise::{Recognition, recognise};
use counterpart::engine::techniques::TechniqueSet;
use counterpart::engine::{Lang, Rating, ReplyId, ScenarioId, Session, Technique};
use counterpart::web::storage;
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};

/// What the conversation shares with the mode's chunk: the words typed at
/// each decision (by step; `None` where a reply was chosen from the list).
#[derive(Clone, Copy)]
pub struct OwnWords {
    pub scenario: LiveScenario,
    pub session: RwSignal<Session>,
    pub texts: RwSignal<Vec<Option<String>>>,
    /// Whether the trainee answers in own words (the conversation's toggle).
    pub mode: RwSignal<bool>,
}

/// The trainee's choice after typing: the reply, what the recogniser read,
/// and the words.
pub type Chosen = (ReplyId, TechniqueSet, String);

/// localStorage name of the kept words (only with the trainee's consent).
const KEPT_KEY: &str = "own-words";

/// The words kept for `scenario`'s last conversation, if the trainee agreed.
fn kept(scenario: &ScenarioId) -> Vec<Option<String>> {
    storage::load_setting(&format!("{KEPT_KEY}.{scenario}"))
        .and_then(|raw| counterpart::engine::json::from_str::<Vec<String>>(&raw).ok())
        .map(|texts| {
            texts
                .into_iter()
                .map(|t| (!t.is_empty()).then_some(t))
                .collect()
        })
        .unwrap_or_default()
}

fn keep(scenario: &ScenarioId, texts: &[Option<String>]) {
    let texts: Vec<String> = texts
        .iter()
        .map(|t| t.clone().unwrap_or_default())
        .collect();
    storage::save_setting(
        &format!("{KEPT_KEY}.{scenario}"),
        &counterpart::engine::json::to_string(&texts),
    );
}

/// `performance.now()`, for the time a recognition takes (read by the benchmark).
fn now_ms() -> f64 {
    use leptos::wasm_bindgen::JsCast;
    let performance = js_sys::Reflect::get(&window(), &"performance".into()).ok();
    performance
        .and_then(|p| {
            let now = js_sys::Reflect::get(&p, &"now".into()).ok()?;
            now.dyn_into::<js_sys::Function>()
                .ok()?
                .call0(&p)
                .ok()?
                .as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}

fn labels(techniques: &[Technique], lang: Lang) -> String {
    techniques
        .iter()
        .map(|t| t.label(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Erkannt: Zuhören und Empathie zeigen, Lösungen anbieten. Falsch
/// eingesetzt: Ruhe bewahren." or that nothing was recognised.
pub fn describe(read: &Recognition, lang: Lang) -> String {
    let mut said = if read.techniques.is_empty() {
        tr(lang, "Keine Technik erkannt.", "No technique recognised.").to_string()
    } else {
        format!(
            "{} {}.",
            tr(lang, "Erkannt:", "Recognised:"),
            labels(&read.techniques, lang)
        )
    };
    if !read.misapplied.is_empty() {
        said += &format!(
            " {} {}.",
            tr(lang, "Falsch eingesetzt:", "Misapplied:"),
            labels(&read.misapplied, lang)
        );
    }
    said
}

/// One decision in own words: the text field first, then what was read and
/// "Meinten Sie …?".
#[component]
fn Panel(own: OwnWords, on_choose: Callback<Chosen>) -> impl IntoView {
    let lang = use_lang();
    let typed = RwSignal::new(String::new());
    // What the recogniser read, the nearest replies (indices), the time taken.
    let sent = RwSignal::new(None::<(Recognition, Vec<usize>, f64)>);
    let show_all = RwSignal::new(false);
    let field = NodeRef::<leptos::html::Textarea>::new();
    let first_offer = NodeRef::<leptos::html::Div>::new();
    let settings = DisplaySettings::load();
    // The mode is remembered (the setting), switched on here or back below.
    if !settings.own_words {
        DisplaySettings {
            own_words: true,
            ..settings
        }
        .save();
    }
    let choose_from_list = move |_| {
        DisplaySettings {
            own_words: false,
            ..DisplaySettings::load()
        }
        .save();
        own.mode.set(false);
    };
    // Kept words come back after a reload, if the trainee agreed to keeping them.
    let steps = own.session.with_untracked(|s| s.steps.len());
    if settings.keep_own_words && own.texts.with_untracked(|t| t.len() < steps) {
        let id = own.scenario.with_untracked(|sc| sc.id.clone());
        own.texts.set(kept(&id));
    }
    // Each decision after the first opens with the cursor in the field.
    if steps > 0 {
        request_animation_frame(move || {
            // The screen may be gone by then (a link): a disposed NodeRef must not be read.
            if let Some(field) = field.try_get_untracked().flatten() {
                let _ = field.focus();
            }
        });
    }

    let send = move || {
        let text = typed.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let lang = lang.get_untracked();
        let start = now_ms();
        let read = recognise(lang, &text);
        let nearest = own.scenario.with_untracked(|sc| {
            own.session.with_untracked(|s| {
                s.current(sc)
                    .map(|node| nearest_replies(node, lang, &text, &read))
                    .unwrap_or_default()
            })
        });
        let took = now_ms() - start;
        sent.set(Some((read, nearest, took)));
        // Keyboard focus on the first reply offered (the recognition is
        // announced by the live region).
        request_animation_frame(move || {
            use leptos::wasm_bindgen::JsCast;
            if let Some(group) = first_offer.try_get_untracked().flatten()
                && let Ok(Some(button)) = group.query_selector("button")
                && let Ok(button) = button.dyn_into::<leptos::web_sys::HtmlElement>()
            {
                let _ = button.focus();
            }
        });
    };

    let choose = move |index: usize| {
        let Some((read, _, _)) = sent.get_untracked() else {
            return;
        };
        let Some(id) = own.scenario.with_untracked(|sc| {
            own.session.with_untracked(|s| {
                s.current(sc)
                    .and_then(|n| n.replies.get(index))
                    .map(|r| r.id.clone())
            })
        }) else {
            return;
        };
        let text = typed.get_untracked();
        let step = own.session.with_untracked(|s| s.steps.len());
        own.texts.update(|texts| {
            texts.resize(step, None);
            texts.push(Some(text.clone()));
        });
        if DisplaySettings::load().keep_own_words {
            let id = own.scenario.with_untracked(|sc| sc.id.clone());
            own.texts.with_untracked(|texts| keep(&id, texts));
        }
        on_choose.run((id, read.techniques.iter().copied().collect(), text));
    };

    let reply_button = move |index: usize| {
        let text = move || {
            // `try_`: see `Comparison`.
            own.scenario
                .try_with(|sc| {
                    own.session.try_with(|s| {
                        s.current(sc)
                            .and_then(|n| n.replies.get(index))
                            .map(|r| r.text.get(lang.get()).to_string())
                    })
                })
                .flatten()
                .flatten()
                .unwrap_or_default()
        };
        let id = own.scenario.with_untracked(|sc| {
            own.session.with_untracked(|s| {
                s.current(sc)
                    .and_then(|n| n.replies.get(index))
                    .map(|r| r.id.to_string())
                    .unwrap_or_default()
            })
        });
        view! { <button class="reply" data-reply-id=id on:click=move |_| choose(index)>{text}</button> }
    };
    let all = move || {
        own.scenario.with_untracked(|sc| {
            own.session
                .with_untracked(|s| s.reply_order(sc).into_iter().collect::<Vec<_>>())
        })
    };

    // Which decision this is (for tests and styles).
    let node_id = own.session.with_untracked(|s| s.node.to_string());
    view! {
        <div class="own-words" data-node=node_id>
            <p class="own-words-toggle">
                <button type="button" class="link-button" on:click=choose_from_list>
                    {t(lang, "Aus den Antworten wählen", "Choose from the replies")}
                </button>
            </p>
            <label class="own-words-label" for="own-reply">{t(lang, "Ihre Antwort", "Your reply")}</label>
            <textarea id="own-reply" rows="3" node_ref=field
                prop:value=move || typed.get()
                readonly=move || sent.with(Option::is_some)
                on:input=move |ev| typed.set(event_target_value(&ev))
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    // Ctrl+Enter sends, as in chat tools; Enter alone is a new line.
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        ev.prevent_default();
                        send();
                    }
                }
            ></textarea>
            <Show when=move || sent.with(Option::is_none)>
                <button class="primary own-words-send" on:click=move |_| send()>{t(lang, "Senden", "Send")}</button>
            </Show>
            <p class="own-words-read" aria-live="polite" aria-atomic="true"
                data-recognise-ms=move || sent.with(|s| s.as_ref().map(|(_, _, ms)| format!("{ms:.3}")))>
                {move || sent.with(|s| s.as_ref().map(|(read, _, _)| describe(read, lang.get())))}
            </p>
            <Show when=move || sent.with(Option::is_some)>
                <p class="own-words-ask" id="own-words-ask">{t(lang, "Meinten Sie …?", "Did you mean …?")}</p>
                <div class="replies own-words-nearest" role="group" aria-labelledby="own-words-ask" node_ref=first_offer>
                    {move || sent.with(|s| s.as_ref().map(|(_, nearest, _)| nearest.iter().take(2).copied().map(reply_button).collect::<Vec<_>>()))}
                </div>
                <button class="link-button" aria-expanded=move || show_all.get().to_string() aria-controls="own-words-all"
                    on:click=move |_| show_all.update(|s| *s = !*s)>
                    {move || if show_all.get() { tr(lang.get(), "Alle Antworten ausblenden", "Hide all replies") } else { tr(lang.get(), "Alle Antworten zeigen", "Show all replies") }}
                </button>
                <div id="own-words-all" class="replies" role="group" aria-label=t(lang, "Alle Antworten", "All replies") hidden=move || !show_all.get()>
                    {move || show_all.get().then(|| all().into_iter().map(reply_button).collect::<Vec<_>>())}
                </div>
            </Show>
        </div>
    }
}

/// What the conversation shows of the own-words mode, from its one chunk
/// (two chunks would move the code they share into the main module).
pub enum Part {
    /// The text field, the recognition and "Meinten Sie …?".
    Panel(Callback<Chosen>),
    /// Under the feedback of step `n`: the trainee's words beside the good reply.
    Comparison(usize),
}

#[wasm_split(own_words, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn part(own: OwnWords, part: Part) -> Result<AnyView, SplitLoaderError> {
    Ok(match part {
        Part::Panel(on_choose) => view! { <Panel own=own on_choose=on_choose/> }.into_any(),
        Part::Comparison(step) => view! { <Comparison own=own step=step/> }.into_any(),
    })
}

/// Under the feedback of a decision taken in own words: the trainee's words
/// beside the good reply — what each applies, and what counts for badges.
#[component]
fn Comparison(own: OwnWords, step: usize) -> impl IntoView {
    let lang = use_lang();
    let compare = move || {
        let lang = lang.get();
        // `try_`: an update can reach this after the conversation that owns
        // these signals has gone (leaving the screen); then it shows nothing.
        let typed = own.texts.try_with(|t| t.get(step).cloned().flatten())?;
        own.scenario.try_with(|sc| {
            own.session.try_with(|s| {
                let taken = s.steps.get(step)?;
                let node = sc.node(&taken.node)?;
                let chosen = node.reply(&taken.reply)?;
                // The chosen reply if it was good, else the first good one.
                let good = if chosen.rating == Rating::Good {
                    chosen
                } else {
                    node.replies.iter().find(|r| r.rating == Rating::Good)?
                };
                let words = taken.words.unwrap_or_default();
                let read: Vec<Technique> = words.iter().collect();
                let counted: Vec<Technique> = if chosen.rating == Rating::Good {
                    chosen.techniques.iter().copied().filter(|&t| words.contains(t)).collect()
                } else {
                    Vec::new()
                };
                let none = tr(lang, "keine", "none");
                let or_none = |l: String| if l.is_empty() { none.to_string() } else { l };
                Some(view! {
                    <div class="own-words-compare">
                        {typed.map(|typed| view! {
                            <p><strong>{tr(lang, "Ihre Worte:", "Your words:")}</strong>" „"{typed}"“"</p>
                        })}
                        <p>{tr(lang, "Darin erkannt:", "Recognised in them:")}" "{or_none(labels(&read, lang))}</p>
                        <p>{tr(lang, "Die gute Antwort", "The good reply")}" „"{good.text.get(lang).to_string()}"“ "
                            {tr(lang, "wendet an:", "applies:")}" "{or_none(labels(&good.techniques, lang))}</p>
                        <p>{tr(lang, "Zählt für Ihre Abzeichen (Ihre Worte und die gewählte Antwort stimmen überein):", "Counts for your badges (your words and the chosen reply agree):")}" "{or_none(labels(&counted, lang))}</p>
                    </div>
                })
            }).flatten()
        }).flatten()
    };
    view! { {compare} }
}

/// The debrief's list of the trainee's own sentences, in order.
pub fn sentences(own: OwnWords) -> impl IntoView {
    let lang = use_lang();
    let texts = own.texts.get_untracked();
    (texts.iter().any(Option::is_some)).then(|| {
        view! {
            <section class="own-words-debrief">
                <h2>{t(lang, "Ihre eigenen Worte", "Your own words")}</h2>
                <ol>
                    {texts.into_iter().flatten().map(|text| view! { <li>{text}</li> }).collect::<Vec<_>>()}
                </ol>
                <p class="lead">{t(lang, "Nur in diesem Browser; nichts davon wird gesendet.", "In this browser only; none of it is sent.")}</p>
            </section>
        }
    })
}
