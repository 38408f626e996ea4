//! The editor's forms: the scenario's fields, each node with its lines,
//! replies, routes and ending. Every input reads and writes one place of the
//! draft (`RwSignal<Draft>`); the lists are rebuilt only when their shape
//! changes (`Shape`), so typing never rebuilds the input being typed in.

use super::{t, tr};
use counterpart::engine::Lang;
use counterpart::engine::draft::{
    Draft, DraftCondition, DraftEnding, DraftLine, DraftNode, DraftReply, DraftRoute, DraftSwing,
    Texts,
};
use counterpart::engine::vocabulary::{Channel, CustomerType, Outcome, Rating, Setting, Technique};
use leptos::prelude::*;

/// Bumped whenever nodes, replies, lines or routes are added, removed,
/// moved or renamed: the lists of forms are rebuilt then, and only then.
#[derive(Clone, Copy)]
pub struct Shape(pub RwSignal<u32>);

impl Shape {
    pub fn changed(&self) {
        self.0.update(|n| *n = n.wrapping_add(1));
    }
}

/// The editor's state every form works on.
#[derive(Clone, Copy)]
pub struct EditorState {
    pub draft: RwSignal<Draft>,
    pub shape: Shape,
    pub lang: RwSignal<Lang>,
}

impl EditorState {
    /// A change that alters a list's shape.
    fn reshape(&self, change: impl FnOnce(&mut Draft)) {
        self.draft.update(change);
        self.shape.changed();
    }
}

/// Which text of the draft a [`TextsField`] edits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TextPlace {
    Title,
    Summary,
    Customer,
    ContentNote,
    Subject,
    Line(usize, usize),
    Time(usize),
    ArrivalReason(usize),
    Reply(usize, usize, ReplyText),
    EndingTitle(usize),
    EndingDebrief(usize),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ReplyText {
    Text,
    MoodReason,
    Feedback,
}

/// The texts at `place`, if that place exists now.
fn texts_mut(d: &mut Draft, place: TextPlace) -> Option<&mut Texts> {
    use TextPlace::*;
    Some(match place {
        Title => &mut d.title,
        Summary => &mut d.summary,
        Customer => &mut d.customer,
        ContentNote => &mut d.content_note,
        Subject => &mut d.subject,
        Line(n, i) => &mut d.nodes.get_mut(n)?.lines.get_mut(i)?.text,
        Time(n) => &mut d.nodes.get_mut(n)?.time,
        ArrivalReason(n) => &mut d.nodes.get_mut(n)?.arrival.as_mut()?.reason,
        Reply(n, r, which) => {
            let reply = d.nodes.get_mut(n)?.replies.get_mut(r)?;
            match which {
                ReplyText::Text => &mut reply.text,
                ReplyText::MoodReason => &mut reply.mood_reason,
                ReplyText::Feedback => &mut reply.feedback,
            }
        }
        EndingTitle(n) => &mut d.nodes.get_mut(n)?.ending.as_mut()?.title,
        EndingDebrief(n) => &mut d.nodes.get_mut(n)?.ending.as_mut()?.debrief,
    })
}

/// Reads part of the draft through a `&mut` accessor, tracked: the
/// accessors (`texts_mut`, `condition_mut`) serve both reading and writing.
fn peek<T: Default>(state: EditorState, read: impl FnOnce(&mut Draft) -> Option<T>) -> T {
    state.draft.track();
    let mut out = None;
    state.draft.update_untracked(|d| out = read(d));
    out.unwrap_or_default()
}

/// The text at `place` in one language (empty if the place is gone).
fn text_at(state: EditorState, place: TextPlace, lang: Lang) -> String {
    peek(state, |d| {
        texts_mut(d, place).map(|texts| texts.get(lang).to_string())
    })
}

fn set_text(state: EditorState, place: TextPlace, lang: Lang, value: String) {
    state.draft.update(|d| {
        if let Some(texts) = texts_mut(d, place) {
            *texts.get_mut(lang) = value;
        }
    });
}

/// A text in German and English side by side, as a labelled group.
#[component]
pub fn TextsField(
    state: EditorState,
    place: TextPlace,
    label: (&'static str, &'static str),
    /// A unique id for the group's label.
    key: String,
    #[prop(optional)] long: bool,
) -> impl IntoView {
    let lang = state.lang;
    let heading = format!("{key}-label");
    let labelled = heading.clone();
    let column = move |text_lang: Lang| {
        let shown = move || state.draft.with(|d| d.languages.contains(&text_lang));
        let name = match text_lang {
            Lang::De => "Deutsch",
            Lang::En => "English",
        };
        let value = move || text_at(state, place, text_lang);
        let write =
            move |ev: leptos::ev::Event| set_text(state, place, text_lang, event_target_value(&ev));
        let input = move || {
            if long {
                view! { <textarea rows="3" prop:value=value on:input=write lang=text_lang.code()></textarea> }.into_any()
            } else {
                view! { <input type="text" prop:value=value on:input=write lang=text_lang.code()/> }
                    .into_any()
            }
        };
        view! {
            <Show when=shown>
                <label class="texts-lang">
                    <span class="lang-name">{name}</span>
                    {input()}
                </label>
            </Show>
        }
    };
    view! {
        <div class="texts-field" role="group" aria-labelledby=labelled>
            <span class="field-label" id=heading>{move || tr(lang.get(), label.0, label.1)}</span>
            <div class="texts-pair">
                {column(Lang::De)}
                {column(Lang::En)}
            </div>
        </div>
    }
}

/// `(id, label)` of every word of a closed vocabulary, for a `<select>`.
fn choices<T: Copy + 'static>(
    all: &'static [T],
    id: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
) -> impl Fn(Lang) -> Vec<(&'static str, String)> + Copy {
    move |l| {
        all.iter()
            .map(|&v| (id(v), label(v, l).to_string()))
            .collect()
    }
}

/// The `<option>`s for `items` (`(id, label)`), `current` selected; a
/// current value not among them (an unknown id the checker will report, or
/// nothing yet) comes first as it is, so it stays selectable.
fn option_views(current: &str, items: Vec<(impl Into<String>, String)>) -> Vec<AnyView> {
    let items: Vec<(String, String)> = items
        .into_iter()
        .map(|(id, label)| (id.into(), label))
        .collect();
    let mut rendered: Vec<AnyView> = Vec::new();
    if !items.iter().any(|(id, _)| id == current) {
        let shown = if current.is_empty() {
            "—".to_string()
        } else {
            current.to_string()
        };
        rendered.push(
            view! { <option value=current.to_string() selected=true>{shown}</option> }.into_any(),
        );
    }
    rendered.extend(items.into_iter().map(|(id, label)| {
        let selected = id == current;
        view! { <option value=id selected=selected>{label}</option> }.into_any()
    }));
    rendered
}

/// A labelled `<select>` over `options`, keeping a value not among them (an
/// unknown id the checker will report) selectable as it is.
#[component]
fn Choice<Options, Read, Write>(
    lang: RwSignal<Lang>,
    label: (&'static str, &'static str),
    options: Options,
    value: Read,
    on_pick: Write,
) -> impl IntoView
where
    Options: Fn(Lang) -> Vec<(&'static str, String)> + Copy + Send + Sync + 'static,
    Read: Fn() -> String + Copy + Send + Sync + 'static,
    Write: Fn(String) + Copy + Send + Sync + 'static,
{
    let list = move || option_views(&value(), options(lang.get()));
    view! {
        <label class="edit-choice">
            <span class="field-label">{move || tr(lang.get(), label.0, label.1)}</span>
            <select on:change=move |ev| on_pick(event_target_value(&ev)) prop:value=value>{list}</select>
        </label>
    }
}

/// A number field's value: `None` when the field is empty.
type MaybeNumber = Option<i32>;

/// A labelled whole-number input; text that is not a number is ignored.
#[component]
fn Number<Read, Write>(
    lang: RwSignal<Lang>,
    label: (&'static str, &'static str),
    min: i32,
    max: i32,
    value: Read,
    on_set: Write,
) -> impl IntoView
where
    Read: Fn() -> String + Copy + Send + Sync + 'static,
    Write: Fn(MaybeNumber) + Copy + Send + Sync + 'static,
{
    view! {
        <label class="number">
            <span class="field-label">{move || tr(lang.get(), label.0, label.1)}</span>
            <input type="number" inputmode="numeric" step="1" min=min max=max prop:value=value
                on:input=move |ev| {
                    let raw = event_target_value(&ev);
                    let raw = raw.trim().replace('−', "-");
                    if raw.is_empty() {
                        on_set(None);
                    } else if let Ok(n) = raw.parse::<i32>() {
                        on_set(Some(n.clamp(min, max)));
                    }
                }/>
        </label>
    }
}

/// A labelled one-line text input (ids, flags).
#[component]
fn Word<Read, Write>(
    lang: RwSignal<Lang>,
    label: (&'static str, &'static str),
    value: Read,
    on_set: Write,
    /// Write on `change` (leaving the field, Enter) instead of each keystroke:
    /// for ids, whose rename follows every reference.
    #[prop(optional)]
    on_commit: bool,
    #[prop(optional)] hint: Option<(&'static str, &'static str)>,
) -> impl IntoView
where
    Read: Fn() -> String + Copy + Send + Sync + 'static,
    Write: Fn(String) + Copy + Send + Sync + 'static,
{
    let hint_id = hint.map(|_| unique_id("hint"));
    let described = hint_id.clone();
    let input = if on_commit {
        view! { <input type="text" spellcheck="false" autocomplete="off" aria-describedby=described prop:value=value on:change=move |ev| on_set(event_target_value(&ev))/> }.into_any()
    } else {
        view! { <input type="text" spellcheck="false" autocomplete="off" aria-describedby=described prop:value=value on:input=move |ev| on_set(event_target_value(&ev))/> }.into_any()
    };
    view! {
        <div class="word">
            <label>
                <span class="field-label">{move || tr(lang.get(), label.0, label.1)}</span>
                {input}
            </label>
            {hint.map(|h| view! { <span class="hint" id=hint_id>{move || tr(lang.get(), h.0, h.1)}</span> })}
        </div>
    }
}

/// A page-unique element id starting with `prefix`.
fn unique_id(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static NEXT: AtomicU32 = AtomicU32::new(0);
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A list of words written as `a, b`.
fn words(list: &[String]) -> String {
    list.join(", ")
}

fn parse_words(text: &str) -> Vec<String> {
    text.split([',', ' '])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A `<select>` of the draft's node ids (and the current value if it names
/// no node, so the checker's complaint can be fixed here).
#[component]
fn NodeChoice<Read, Write>(
    state: EditorState,
    label: (&'static str, &'static str),
    value: Read,
    on_pick: Write,
) -> impl IntoView
where
    Read: Fn() -> String + Copy + Send + Sync + 'static,
    Write: Fn(String) + Copy + Send + Sync + 'static,
{
    let lang = state.lang;
    let list = move || {
        state.shape.0.track();
        let ids = state.draft.with_untracked(|d| {
            d.nodes
                .iter()
                .map(|n| (n.id.clone(), n.id.clone()))
                .collect()
        });
        option_views(&value(), ids)
    };
    view! {
        <label class="edit-choice">
            <span class="field-label">{move || tr(lang.get(), label.0, label.1)}</span>
            <select on:change=move |ev| on_pick(event_target_value(&ev)) prop:value=value>{list}</select>
        </label>
    }
}

/// The scenario's own fields: name, languages, titles, the customer, the
/// setting, the start.
#[component]
pub fn ScenarioFields(state: EditorState, on_rename: Callback<String>) -> impl IntoView {
    let lang = state.lang;
    let draft = state.draft;
    let has = move |l: Lang| draft.with(|d| d.languages.contains(&l));
    let toggle_lang = move |l: Lang, on: bool| {
        draft.update(|d| {
            d.languages.retain(|x| *x != l);
            if on {
                d.languages.push(l);
                d.languages.sort_by_key(|x| x.code());
            }
        })
    };
    let customer_types = choices(CustomerType::ALL, CustomerType::id, CustomerType::label);
    let settings = choices(Setting::ALL, Setting::id, Setting::label);
    let channels = choices(Channel::ALL, Channel::id, Channel::label);
    let difficulty = |l: Lang| {
        vec![
            ("1", tr(l, "1 – leicht", "1 – easy").to_string()),
            ("2", tr(l, "2 – mittel", "2 – medium").to_string()),
            ("3", tr(l, "3 – schwer", "3 – hard").to_string()),
        ]
    };
    view! {
        <fieldset class="edit-scenario" id="edit-scenario" tabindex="-1">
            <legend>{t(lang, "Szenario", "Scenario")}</legend>
            <Word lang=lang label=("Dateiname (ID)", "File name (ID)")
                value=move || draft.with(|d| d.id.clone())
                on_set=move |v: String| on_rename.run(v) on_commit=true
                hint=("Kleinbuchstaben, Ziffern und Bindestriche, z. B. buergeramt-termin", "Lower-case letters, digits and hyphens, e.g. town-hall-appointment")/>
            <fieldset class="edit-languages">
                <legend>{t(lang, "Sprachen", "Languages")}</legend>
                <label><input type="checkbox" prop:checked=move || has(Lang::De) on:change=move |ev| toggle_lang(Lang::De, event_target_checked(&ev))/>" Deutsch"</label>
                <label><input type="checkbox" prop:checked=move || has(Lang::En) on:change=move |ev| toggle_lang(Lang::En, event_target_checked(&ev))/>" English"</label>
            </fieldset>
            <TextsField state=state place=TextPlace::Title label=("Titel", "Title") key="sc-title".into()/>
            <TextsField state=state place=TextPlace::Summary label=("Kurzbeschreibung", "Summary") key="sc-summary".into() long=true/>
            <TextsField state=state place=TextPlace::Customer label=("Name der Kundin / des Kunden", "Customer's name") key="sc-customer".into()/>
            <div class="field-row">
                <Choice lang=lang label=("Kundentyp", "Customer type") options=customer_types
                    value=move || draft.with(|d| d.customer_type.clone())
                    on_pick=move |v| draft.update(|d| d.customer_type = v)/>
                <Choice lang=lang label=("Umgebung", "Setting") options=settings
                    value=move || draft.with(|d| d.setting.clone())
                    on_pick=move |v| draft.update(|d| d.setting = v)/>
                <Choice lang=lang label=("Kanal", "Channel") options=channels
                    value=move || draft.with(|d| d.channel.clone())
                    on_pick=move |v| draft.update(|d| d.channel = v)/>
                <Choice lang=lang label=("Schwierigkeit", "Difficulty") options=difficulty
                    value=move || draft.with(|d| d.difficulty.to_string())
                    on_pick=move |v: String| draft.update(|d| d.difficulty = v.parse().unwrap_or(1))/>
            </div>
            <div class="field-row">
                <Number lang=lang label=("Stimmung zu Beginn, von (0 ruhig – 100 wütend)", "Starting mood, from (0 calm – 100 furious)") min=0 max=100
                    value=move || draft.with(|d| d.start_mood.0.to_string())
                    on_set=move |v: MaybeNumber| if let Some(v) = v { draft.update(|d| { d.start_mood.0 = v as u8; }) }/>
                <Number lang=lang label=("bis", "to") min=0 max=100
                    value=move || draft.with(|d| d.start_mood.1.to_string())
                    on_set=move |v: MaybeNumber| if let Some(v) = v { draft.update(|d| { d.start_mood.1 = v as u8; }) }/>
                <NodeChoice state=state label=("Erster Knoten", "First node")
                    value=move || draft.with(|d| d.start.clone())
                    on_pick=move |v| draft.update(|d| d.start = v)/>
            </div>
            <details class="edit-more">
                <summary>{t(lang, "Weitere Angaben: Inhaltshinweis, Betreff, Sterne", "More: content note, subject, stars")}</summary>
                <TextsField state=state place=TextPlace::ContentNote label=("Inhaltshinweis vor dem Start (z. B. bei Beleidigungen; leer = keiner)", "Content note before the start (e.g. for insults; empty = none)") key="sc-note".into() long=true/>
                <TextsField state=state place=TextPlace::Subject label=("Betreff (E-Mail) oder Überschrift (Bewertung)", "Subject (e-mail) or headline (review)") key="sc-subject".into()/>
                <Number lang=lang label=("Sterne der Bewertung (1–5, leer = keine)", "Review stars (1–5, empty = none)") min=1 max=5
                    value=move || draft.with(|d| d.review_stars.map(|s| s.to_string()).unwrap_or_default())
                    on_set=move |v: MaybeNumber| draft.update(|d| d.review_stars = v.map(|v| v as u8))/>
            </details>
        </fieldset>
    }
}

/// Which condition a [`ConditionFields`] edits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ConditionPlace {
    /// When line variant `i` of node `n` may be said.
    Line(usize, usize),
    /// Route `k` of reply `r` of node `n`.
    Route(usize, usize, usize),
}

fn condition_mut(d: &mut Draft, place: ConditionPlace) -> Option<&mut DraftCondition> {
    Some(match place {
        ConditionPlace::Line(n, i) => &mut d.nodes.get_mut(n)?.lines.get_mut(i)?.when,
        ConditionPlace::Route(n, r, k) => {
            &mut d
                .nodes
                .get_mut(n)?
                .replies
                .get_mut(r)?
                .routes
                .get_mut(k)?
                .when
        }
    })
}

/// A condition's four parts (all present parts must hold).
#[component]
fn ConditionFields(state: EditorState, place: ConditionPlace) -> impl IntoView {
    let lang = state.lang;
    let read = move |part: fn(&DraftCondition) -> String| {
        move || peek(state, |d| condition_mut(d, place).map(|c| part(c)))
    };
    let edit = move |change: Box<dyn FnOnce(&mut DraftCondition)>| {
        state.draft.update(|d| {
            if let Some(c) = condition_mut(d, place) {
                change(c);
            }
        })
    };
    fn number(v: Option<u8>) -> String {
        v.map(|v| v.to_string()).unwrap_or_default()
    }
    view! {
        <div class="field-row condition">
            <Number lang=lang label=("wenn Stimmung ≥", "if mood ≥") min=0 max=100
                value=read(|c| number(c.mood_at_least))
                on_set=move |v: MaybeNumber| edit(Box::new(move |c| c.mood_at_least = v.map(|v| v as u8)))/>
            <Number lang=lang label=("wenn Stimmung <", "if mood <") min=0 max=100
                value=read(|c| number(c.mood_below))
                on_set=move |v: MaybeNumber| edit(Box::new(move |c| c.mood_below = v.map(|v| v as u8)))/>
            <Word lang=lang label=("wenn gemerkt (Flag)", "if remembered (flag)")
                value=read(|c| c.flag.clone())
                on_set=move |v: String| edit(Box::new(move |c| c.flag = v.trim().to_string()))/>
            <Word lang=lang label=("wenn nicht gemerkt", "if not remembered")
                value=read(|c| c.not_flag.clone())
                on_set=move |v: String| edit(Box::new(move |c| c.not_flag = v.trim().to_string()))/>
        </div>
    }
}

/// Buttons that move, copy or remove one item of a list.
#[component]
fn ItemActions(
    lang: RwSignal<Lang>,
    /// What the item is called in the buttons' names ("Knoten 2").
    name: Signal<String>,
    on_up: Callback<()>,
    on_down: Callback<()>,
    on_copy: Callback<()>,
    on_remove: Callback<()>,
) -> impl IntoView {
    let named = move |de: &'static str, en: &'static str| {
        move || format!("{} {}", tr(lang.get(), de, en), name.get())
    };
    view! {
        <div class="item-actions">
            <button type="button" aria-label=named("Nach oben:", "Move up:") on:click=move |_| on_up.run(())>"↑"</button>
            <button type="button" aria-label=named("Nach unten:", "Move down:") on:click=move |_| on_down.run(())>"↓"</button>
            <button type="button" on:click=move |_| on_copy.run(())>{t(lang, "Duplizieren", "Duplicate")}<span class="visually-hidden">{move || format!(" {}", name.get())}</span></button>
            <button type="button" class="danger" on:click=move |_| on_remove.run(())>{t(lang, "Löschen", "Delete")}<span class="visually-hidden">{move || format!(" {}", name.get())}</span></button>
        </div>
    }
}

/// Asks before something is deleted.
fn confirmed(lang: Lang, de: &'static str, en: &'static str) -> bool {
    window()
        .confirm_with_message(tr(lang, de, en))
        .unwrap_or(false)
}

/// One reply: its text, rating, techniques, mood effect, feedback and where
/// the conversation goes next.
#[component]
fn ReplyForm(state: EditorState, node: usize, reply: usize) -> impl IntoView {
    let (lang, draft) = (state.lang, state.draft);
    let get = move |read: fn(&DraftReply) -> String| {
        move || {
            draft.with(|d| {
                d.nodes
                    .get(node)
                    .and_then(|n| n.replies.get(reply))
                    .map(read)
                    .unwrap_or_default()
            })
        }
    };
    let set = move |write: Box<dyn FnOnce(&mut DraftReply)>| {
        draft.update(|d| {
            if let Some(r) = d.nodes.get_mut(node).and_then(|n| n.replies.get_mut(reply)) {
                write(r);
            }
        })
    };
    let ratings = choices(Rating::ALL, Rating::id, Rating::label);
    let name = Signal::derive(move || {
        format!(
            "{} {} ({})",
            tr(lang.get(), "Antwort", "Reply"),
            reply + 1,
            get(|r| r.id.clone())()
        )
    });
    let technique_boxes = Technique::ALL
        .iter()
        .map(|&technique| {
            let has = move || draft.with(|d| d.nodes.get(node).and_then(|n| n.replies.get(reply)).is_some_and(|r| r.techniques.iter().any(|x| x == technique.id())));
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                set(Box::new(move |r| {
                    r.techniques.retain(|x| x != technique.id());
                    if on {
                        r.techniques.push(technique.id().to_string());
                        let order = |id: &String| Technique::ALL.iter().position(|t| t.id() == id);
                        r.techniques.sort_by_key(order);
                    }
                }));
            };
            view! { <label><input type="checkbox" prop:checked=has on:change=toggle/>{move || format!(" {}", technique.label(lang.get()))}</label> }
        })
        .collect::<Vec<_>>();
    let routes = move || {
        state.shape.0.track();
        let count = draft.with_untracked(|d| {
            d.nodes
                .get(node)
                .and_then(|n| n.replies.get(reply))
                .map_or(0, |r| r.routes.len())
        });
        (0..count)
            .map(|k| {
                let remove = move |_| state.reshape(|d| {
                    if let Some(r) = d.nodes.get_mut(node).and_then(|n| n.replies.get_mut(reply))
                        && k < r.routes.len()
                    {
                        r.routes.remove(k);
                    }
                });
                view! {
                    <li class="edit-route">
                        <ConditionFields state=state place=ConditionPlace::Route(node, reply, k)/>
                        <NodeChoice state=state label=("dann weiter zu", "then go on to")
                            value=move || draft.with(|d| d.nodes.get(node).and_then(|n| n.replies.get(reply)).and_then(|r| r.routes.get(k)).map(|x| x.next.clone()).unwrap_or_default())
                            on_pick=move |v: String| set(Box::new(move |r| if let Some(route) = r.routes.get_mut(k) { route.next = v }))/>
                        <button type="button" class="link-button" on:click=remove>{t(lang, "Weiche entfernen", "Remove route")}</button>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let add_route = move |_| {
        state.reshape(|d| {
            if let Some(r) = d.nodes.get_mut(node).and_then(|n| n.replies.get_mut(reply)) {
                let next = r.next.clone();
                r.routes.push(DraftRoute {
                    when: DraftCondition::default(),
                    next,
                });
            }
        })
    };
    view! {
        <li class="edit-reply" id=format!("edit-reply-{node}-{reply}") tabindex="-1">
            <fieldset>
                <legend>{move || name.get()}</legend>
                <Word lang=lang label=("ID der Antwort", "Reply ID") value=get(|r| r.id.clone())
                    on_set=move |v: String| set(Box::new(move |r| r.id = v.trim().to_string())) on_commit=true/>
                <TextsField state=state place=TextPlace::Reply(node, reply, ReplyText::Text) label=("Was die Mitarbeiterin / der Mitarbeiter sagt", "What the employee says") key=format!("r-{node}-{reply}-text") long=true/>
                <div class="field-row">
                    <Choice lang=lang label=("Bewertung", "Rating") options=ratings value=get(|r| r.rating.clone())
                        on_pick=move |v: String| set(Box::new(move |r| r.rating = v))/>
                    <Number lang=lang label=("Stimmungsänderung (−50 … +50; minus = ruhiger)", "Mood change (−50 … +50; minus = calmer)") min=-50 max=50
                        value=get(|r| r.mood_change.to_string())
                        on_set=move |v: MaybeNumber| set(Box::new(move |r| r.mood_change = v.unwrap_or(0)))/>
                    <NodeChoice state=state label=("Weiter zu", "Goes on to") value=get(|r| r.next.clone())
                        on_pick=move |v: String| set(Box::new(move |r| r.next = v))/>
                </div>
                <fieldset class="edit-techniques">
                    <legend>{t(lang, "Angewandte Techniken (bei schwachen Antworten: falsch angewandte)", "Techniques applied (for poor replies: misapplied)")}</legend>
                    {technique_boxes}
                </fieldset>
                <TextsField state=state place=TextPlace::Reply(node, reply, ReplyText::MoodReason) label=("Warum sich die Stimmung ändert", "Why the mood changes") key=format!("r-{node}-{reply}-reason")/>
                <TextsField state=state place=TextPlace::Reply(node, reply, ReplyText::Feedback) label=("Feedback: warum, mit Technik", "Feedback: why, naming the technique") key=format!("r-{node}-{reply}-feedback") long=true/>
                <details class="edit-more">
                    <summary>{t(lang, "Weichen und Flags", "Routes and flags")}</summary>
                    <ol class="edit-routes">{routes}</ol>
                    <button type="button" on:click=add_route>{t(lang, "Weiche hinzufügen", "Add a route")}</button>
                    <div class="field-row">
                        <Word lang=lang label=("Merkt sich (Flags, mit Komma)", "Remembers (flags, comma-separated)") value=get(|r| words(&r.set_flags))
                            on_set=move |v: String| set(Box::new(move |r| r.set_flags = parse_words(&v)))/>
                        <Word lang=lang label=("Vergisst (Flags)", "Forgets (flags)") value=get(|r| words(&r.clear_flags))
                            on_set=move |v: String| set(Box::new(move |r| r.clear_flags = parse_words(&v)))/>
                    </div>
                </details>
                <ItemActions lang=lang name=name
                    on_up=Callback::new(move |_| state.reshape(|d| { d.move_reply(node, reply, true); }))
                    on_down=Callback::new(move |_| state.reshape(|d| { d.move_reply(node, reply, false); }))
                    on_copy=Callback::new(move |_| state.reshape(|d| { d.duplicate_reply(node, reply); }))
                    on_remove=Callback::new(move |_| if confirmed(lang.get_untracked(), "Diese Antwort löschen?", "Delete this reply?") { state.reshape(|d| d.remove_reply(node, reply)) })/>
            </fieldset>
        </li>
    }
}

/// One node: what the customer says (with variants), the customer's own
/// swing on arriving, and either the replies or the ending.
#[component]
pub fn NodeForm(
    state: EditorState,
    node: usize,
    /// Renames node `node`, following every reference to it.
    on_rename: Callback<(usize, String)>,
    /// "Play from here", offered when the last check passed.
    on_play: Callback<usize>,
    can_play: Signal<bool>,
) -> impl IntoView {
    let (lang, draft) = (state.lang, state.draft);
    let get = move |read: fn(&DraftNode) -> String| {
        move || draft.with(|d| d.nodes.get(node).map(read).unwrap_or_default())
    };
    let edit = move |write: Box<dyn FnOnce(&mut DraftNode)>| {
        draft.update(|d| {
            if let Some(n) = d.nodes.get_mut(node) {
                write(n);
            }
        })
    };
    let name = Signal::derive(move || {
        format!(
            "{} {} ({})",
            tr(lang.get(), "Knoten", "Node"),
            node + 1,
            get(|n| n.id.clone())()
        )
    });
    let is_ending = move || draft.with(|d| d.nodes.get(node).is_some_and(|n| n.ending.is_some()));
    let has_arrival =
        move || draft.with(|d| d.nodes.get(node).is_some_and(|n| n.arrival.is_some()));
    let lines = move || {
        state.shape.0.track();
        let count = draft.with_untracked(|d| d.nodes.get(node).map_or(0, |n| n.lines.len()));
        (0..count)
            .map(|i| {
                let remove = move |_| state.reshape(|d| {
                    if let Some(n) = d.nodes.get_mut(node)
                        && i < n.lines.len()
                        && n.lines.len() > 1
                    {
                        n.lines.remove(i);
                    }
                });
                view! {
                    <li class="edit-line">
                        <TextsField state=state place=TextPlace::Line(node, i) label=("Die Kundin / der Kunde sagt", "The customer says") key=format!("n-{node}-line-{i}") long=true/>
                        {(count > 1).then(|| view! {
                            <details class="edit-more">
                                <summary>{t(lang, "Wann diese Variante gesagt wird", "When this variant is said")}</summary>
                                <ConditionFields state=state place=ConditionPlace::Line(node, i)/>
                            </details>
                            <button type="button" class="link-button" on:click=remove>{t(lang, "Variante entfernen", "Remove variant")}</button>
                        })}
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let add_line = move |_| {
        state.reshape(|d| {
            if let Some(n) = d.nodes.get_mut(node) {
                n.lines.push(DraftLine::default());
            }
        })
    };
    let replies = move || {
        state.shape.0.track();
        let count = draft.with_untracked(|d| d.nodes.get(node).map_or(0, |n| n.replies.len()));
        (0..count)
            .map(|r| view! { <ReplyForm state=state node=node reply=r/> })
            .collect::<Vec<_>>()
    };
    let add_reply = move |_| {
        state.reshape(|d| {
            let last = d
                .nodes
                .get(node)
                .map_or(0, |n| n.replies.len().saturating_sub(1));
            d.add_reply(node, last);
        })
    };
    let toggle_ending = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let has_replies =
            draft.with_untracked(|d| d.nodes.get(node).is_some_and(|n| !n.replies.is_empty()));
        if on
            && has_replies
            && !confirmed(
                lang.get_untracked(),
                "Ein Ende hat keine Antworten: die Antworten dieses Knotens löschen?",
                "An ending has no replies: delete this node's replies?",
            )
        {
            // Keep the box as it was.
            if let Some(input) = ev.target().and_then(|t| {
                leptos::wasm_bindgen::JsCast::dyn_into::<leptos::web_sys::HtmlInputElement>(t).ok()
            }) {
                input.set_checked(false);
            }
            return;
        }
        state.reshape(|d| {
            if let Some(n) = d.nodes.get_mut(node) {
                if on {
                    n.replies.clear();
                    n.ending = Some(DraftEnding {
                        outcome: Outcome::ALL[0].id().to_string(),
                        ..Default::default()
                    });
                } else {
                    n.ending = None;
                }
            }
        });
    };
    let toggle_arrival = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        state.reshape(|d| {
            if let Some(n) = d.nodes.get_mut(node) {
                n.arrival = on.then(DraftSwing::default);
            }
        });
    };
    let outcomes = choices(Outcome::ALL, Outcome::id, Outcome::label);
    let ending_fields = move || {
        state.shape.0.track();
        is_ending().then(|| view! {
            <div class="edit-ending">
                <Choice lang=lang label=("Ausgang", "Outcome") options=outcomes
                    value=move || draft.with(|d| d.nodes.get(node).and_then(|n| n.ending.as_ref()).map(|e| e.outcome.clone()).unwrap_or_default())
                    on_pick=move |v: String| edit(Box::new(move |n| if let Some(e) = n.ending.as_mut() { e.outcome = v }))/>
                <TextsField state=state place=TextPlace::EndingTitle(node) label=("Titel des Endes", "Title of the ending") key=format!("n-{node}-end-title")/>
                <TextsField state=state place=TextPlace::EndingDebrief(node) label=("Nachbesprechung: was lief gut, was nicht", "Debrief: what went well, what did not") key=format!("n-{node}-end-debrief") long=true/>
            </div>
        })
    };
    let reply_part = move || {
        state.shape.0.track();
        (!is_ending()).then(|| view! {
            <h3 class="replies-heading">{t(lang, "Antworten", "Replies")}</h3>
            <ol class="edit-replies">{replies}</ol>
            <button type="button" on:click=add_reply>{t(lang, "Antwort hinzufügen", "Add a reply")}<span class="visually-hidden">{move || format!(" – {}", name.get())}</span></button>
        })
    };
    let arrival_fields = move || {
        state.shape.0.track();
        has_arrival().then(|| view! {
            <Number lang=lang label=("Eigene Stimmungsänderung beim Ankommen (−50 … +50)", "Own mood change on arriving (−50 … +50)") min=-50 max=50
                value=move || draft.with(|d| d.nodes.get(node).and_then(|n| n.arrival.as_ref()).map(|a| a.change.to_string()).unwrap_or_default())
                on_set=move |v: MaybeNumber| edit(Box::new(move |n| if let Some(a) = n.arrival.as_mut() { a.change = v.unwrap_or(0) }))/>
            <TextsField state=state place=TextPlace::ArrivalReason(node) label=("Warum", "Why") key=format!("n-{node}-arrival")/>
        })
    };
    view! {
        <li class="edit-node" id=format!("edit-node-{node}") tabindex="-1">
            <fieldset>
                <legend>{move || name.get()}</legend>
                <Word lang=lang label=("ID des Knotens", "Node ID") value=get(|n| n.id.clone())
                    on_set=move |v: String| on_rename.run((node, v)) on_commit=true
                    hint=("Umbenennen ändert auch jeden Verweis darauf.", "Renaming also changes every reference to it.")/>
                <ol class="edit-lines">{lines}</ol>
                <button type="button" on:click=add_line>{t(lang, "Weitere Variante des Satzes", "Another variant of the line")}</button>
                <label class="check">
                    <input type="checkbox" prop:checked=is_ending on:change=toggle_ending/>
                    {t(lang, " Dieser Knoten beendet das Gespräch", " This node ends the conversation")}
                </label>
                {ending_fields}
                {reply_part}
                <details class="edit-more">
                    <summary>{t(lang, "Eigene Laune und Uhrzeit", "Own swing and time")}</summary>
                    <label class="check">
                        <input type="checkbox" prop:checked=has_arrival on:change=toggle_arrival/>
                        {t(lang, " Die Stimmung ändert sich beim Ankommen von selbst", " The mood changes by itself on arriving")}
                    </label>
                    {arrival_fields}
                    <TextsField state=state place=TextPlace::Time(node) label=("Uhrzeit der Nachricht (Chat, E-Mail)", "Time of the message (chat, e-mail)") key=format!("n-{node}-time")/>
                </details>
                <div class="node-actions">
                    <ItemActions lang=lang name=name
                        on_up=Callback::new(move |_| state.reshape(|d| { d.move_node(node, true); }))
                        on_down=Callback::new(move |_| state.reshape(|d| { d.move_node(node, false); }))
                        on_copy=Callback::new(move |_| state.reshape(|d| { d.duplicate_node(node); }))
                        on_remove=Callback::new(move |_| if confirmed(lang.get_untracked(), "Diesen Knoten löschen? Verweise darauf meldet dann die Prüfung.", "Delete this node? The check then reports references to it.") { state.reshape(|d| d.remove_node(node)) })/>
                    {move || (!is_ending()).then(|| view! {
                        <button type="button" class="play-here" disabled=move || !can_play.get() on:click=move |_| on_play.run(node)>
                            {t(lang, "Von hier spielen", "Play from here")}<span class="visually-hidden">{move || format!(" – {}", name.get())}</span>
                        </button>
                    })}
                </div>
            </fieldset>
        </li>
    }
}
