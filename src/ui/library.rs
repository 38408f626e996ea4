//! The scenario library: one card per scenario, each a real link to play it
//! (the shipped ones, then the trainer's own, marked as such), with filters.

use super::own_scenarios::OwnScenarios;
use super::progress_store::use_progress;
use super::scenarios::use_scenarios;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::compiled::ScenarioCard as Card;
use counterpart::engine::suggest::suggest;
use counterpart::engine::text::counted;
use counterpart::engine::{Channel, CustomerType, Lang, Setting, Technique, Text};
use counterpart::route::Route;
use counterpart::web::storage;
use leptos::prelude::*;
use rand::SeedableRng;
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};

fn difficulty_label(difficulty: u8, lang: Lang) -> &'static str {
    match difficulty {
        1 => tr(lang, "leicht", "easy"),
        2 => tr(lang, "mittel", "medium"),
        _ => tr(lang, "schwer", "hard"),
    }
}

/// One scenario's card; `own`: the trainer imported it (the card says so in words).
#[component]
fn ScenarioCard(scenario: Card, #[prop(optional)] own: bool) -> impl IntoView {
    let lang = use_lang();
    let progress = use_progress();
    let href = Route::Play(scenario.id.clone()).href();
    let id = scenario.id.clone();
    let paused = storage::load_session(storage::SessionSlot::Own, &scenario.id)
        .is_some_and(|s| !s.steps.is_empty());
    let status = move || {
        let l = lang.get();
        progress.with(|p| match p.record_of(&id) {
            Some(record) => format!(
                "{} {} · {} {}",
                tr(l, "Bestes Ergebnis:", "Best result:"),
                record.best_outcome.label(l),
                record.best_score,
                tr(l, "Punkte", "points")
            ),
            None => tr(l, "Neu", "New").to_string(),
        }) + if paused {
            tr(
                l,
                " · angefangen, wird fortgesetzt",
                " · started, will resume",
            )
        } else {
            ""
        }
    };
    let sc = scenario.clone();
    let techniques = move || {
        let l = lang.get();
        sc.practised
            .iter()
            .map(|t| t.label(l))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let sc = scenario.clone();
    view! {
        <li class="card">
            <h2><a href=href>{move || sc.title.get(lang.get()).to_string()}</a></h2>
            {own.then(|| view! { <p class="own-badge">{t(lang, "Eigenes Szenario", "Your own scenario")}</p> })}
            <p class="meta">
                {move || format!(
                    "{} · {} · {} · {} {}{}",
                    scenario.setting.label(lang.get()),
                    scenario.channel.label(lang.get()),
                    scenario.customer_type.label(lang.get()),
                    tr(lang.get(), "Schwierigkeit", "Difficulty"),
                    difficulty_label(scenario.difficulty, lang.get()),
                    duration(scenario.minutes, lang.get())
                )}
            </p>
            <p>{move || scenario.summary.get(lang.get()).to_string()}</p>
            <p class="techniques">{techniques}</p>
            <p class="status">{status}</p>
        </li>
    }
}

/// " · ca. 6 Minuten" from a card's estimate (nothing without one).
fn duration(minutes: Option<u8>, lang: Lang) -> String {
    minutes.map_or_else(String::new, |m| {
        format!(
            " · {} {}",
            tr(lang, "ca.", "about"),
            counted(
                lang,
                usize::from(m),
                ("Minute", "Minuten"),
                ("minute", "minutes")
            )
        )
    })
}

/// The scenario a newcomer should play first: the easiest, then the shortest.
fn first_scenario(cards: &[Card]) -> Option<&Card> {
    cards
        .iter()
        .min_by_key(|c| (c.difficulty, c.minutes.unwrap_or(u8::MAX)))
}

/// The 30-second guide for a first visit: what the screen will show and
/// where progress is kept. Dismissed for good with "Verstanden"; the help
/// link under the library's title shows it again.
#[component]
fn Guide(shown: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let dismiss = move |_| {
        shown.set(false);
        storage::save_setting(GUIDE_SEEN_KEY, "1");
    };
    view! {
        <section class="guide" aria-labelledby="guide-title">
            <h2 id="guide-title">{t(lang, "So funktioniert Counterpart", "How Counterpart works")}</h2>
            <ol>
                <li>{t(lang,
                    "Sie sprechen mit einer schwierigen Kundin oder einem schwierigen Kunden und wählen bei jeder Entscheidung eine von mehreren Antworten – nicht immer ist die längste oder freundlichste die beste.",
                    "You talk to a difficult customer and pick one of several replies at each decision – the longest or friendliest is not always the best.")}</li>
                <li>{t(lang,
                    "Der Ärger-Messer zeigt, wie aufgebracht Ihr Gegenüber ist: 0 ruhig, 100 wütend. Nach jeder Antwort sehen Sie, um wie viel er sich bewegt hat und warum.",
                    "The anger meter shows how upset the customer is: 0 calm, 100 furious. After each reply you see how much it moved, and why.")}</li>
                <li>{t(lang,
                    "Jede Antwort wird bewertet: gut, vertretbar oder ungünstig – mit einer Erklärung, welche Technik dahintersteckt. „kürzer“ und „mehr“ klappen die Erklärung zu und auf.",
                    "Every reply is rated good, acceptable or poor – with an explanation of the technique behind it. 'shorter' and 'more' fold the explanation in and out.")}</li>
                <li>{t(lang,
                    "„Pause“ unterbricht das Gespräch; beim nächsten Öffnen geht es an derselben Stelle weiter. Für gut angewendete Techniken gibt es Abzeichen.",
                    "'Pause' stops the conversation; next time it continues where you left off. Techniques applied well earn badges.")}</li>
                <li>{t(lang,
                    "Ihr Fortschritt bleibt nur in diesem Browser auf diesem Gerät. Unter „Fortschritt“ können Sie ihn als Datei sichern und woanders einlesen.",
                    "Your progress stays in this browser on this device only. Under 'Progress' you can save it as a file and load it elsewhere.")}</li>
            </ol>
            <p>
                <button type="button" class="primary" on:click=dismiss>{t(lang, "Verstanden", "Got it")}</button>
                " "
                <a href="#/techniques">{t(lang, "Die sieben Techniken ansehen", "See the seven techniques")}</a>
            </p>
        </section>
    }
}

/// Whether the trainer area was opened in this page (see the library view).
static TRAINER_AREA_OPEN: AtomicBool = AtomicBool::new(false);

/// Remembers that the first-run guide was dismissed.
const GUIDE_SEEN_KEY: &str = "guide-seen";

/// A filter `<select>`: "all" plus one option per value, labelled per language.
/// The options may change (an own scenario of another customer type is
/// imported); each option says itself whether it is the chosen one, so the
/// choice stays put when options are added before it.
#[component]
fn FilterSelect(
    id: &'static str,
    label_de: &'static str,
    label_en: &'static str,
    #[prop(into)] options: Signal<Vec<(String, Text)>>,
    selected: RwSignal<String>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="filter">
            <label for=id>{move || tr(lang.get(), label_de, label_en)}</label>
            <select id=id on:change=move |ev| selected.set(event_target_value(&ev)) prop:value=move || selected.get()>
                <option value="">{t(lang, "alle", "all")}</option>
                {move || options.get().into_iter().map(|(value, label)| {
                    let this = value.clone();
                    view! {
                        <option value=value prop:selected=move || selected.get() == this>
                            {move || label.get(lang.get()).to_string()}
                        </option>
                    }
                }).collect::<Vec<_>>()}
            </select>
        </div>
    }
}

/// Labels of a vocabulary value in both languages, as a `Text`.
fn both(de: &str, en: &str) -> Text {
    Text::new([(Lang::De, de.to_string()), (Lang::En, en.to_string())])
}

/// A filter's options: one per value, labelled in both languages.
fn options<T: Copy>(
    values: impl IntoIterator<Item = T>,
    id: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
) -> Vec<(String, Text)> {
    values
        .into_iter()
        .map(|v| {
            (
                id(v).to_string(),
                both(label(v, Lang::De), label(v, Lang::En)),
            )
        })
        .collect()
}

#[component]
pub fn Library() -> impl IntoView {
    let lang = use_lang();
    let progress = use_progress();
    let repo = use_scenarios();
    let scenarios = repo.cards();
    let index_problem = repo.cards_problem();
    // Every card, the shipped ones first, each with whether it is the
    // trainer's own: the own ones come and go with imports (and arrive a
    // moment after the start, once the checker has seen them again).
    let shipped = scenarios.clone();
    let cards = Memo::new(move |_| {
        let own = repo.own();
        shipped
            .iter()
            .map(|card| (card.clone(), false))
            .chain(
                own.iter()
                    .filter(|s| !repo.is_shipped(&s.id))
                    .map(|s| (Card::without_estimate(s), true)),
            )
            .collect::<Vec<_>>()
    });
    let (by_type, by_setting, by_channel, by_difficulty, by_technique) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    // Each filter offers the values the cards have, each once, in the
    // vocabulary's order.
    let type_options = Memo::new(move |_| {
        let types: BTreeSet<CustomerType> =
            cards.with(|cards| cards.iter().map(|(c, _)| c.customer_type).collect());
        options(types, CustomerType::id, CustomerType::label)
    });
    let setting_options = Memo::new(move |_| {
        let settings: BTreeSet<Setting> =
            cards.with(|cards| cards.iter().map(|(c, _)| c.setting).collect());
        options(settings, Setting::id, Setting::label)
    });
    let channel_options = Memo::new(move |_| {
        let channels: BTreeSet<Channel> =
            cards.with(|cards| cards.iter().map(|(c, _)| c.channel).collect());
        options(channels, Channel::id, Channel::label)
    });
    let difficulty_options = Signal::stored(
        (1..=3u8)
            .map(|d| {
                (
                    d.to_string(),
                    both(difficulty_label(d, Lang::De), difficulty_label(d, Lang::En)),
                )
            })
            .collect::<Vec<_>>(),
    );
    let technique_options = Signal::stored(options(
        Technique::ALL.iter().copied(),
        Technique::id,
        Technique::label,
    ));

    let shown = move || {
        let (t, se, ch, d, te) = (
            by_type.get(),
            by_setting.get(),
            by_channel.get(),
            by_difficulty.get(),
            by_technique.get(),
        );
        cards.with(|cards| {
            cards
                .iter()
                .filter(|(s, _)| t.is_empty() || s.customer_type.id() == t)
                .filter(|(s, _)| se.is_empty() || s.setting.id() == se)
                .filter(|(s, _)| ch.is_empty() || s.channel.id() == ch)
                .filter(|(s, _)| d.is_empty() || s.difficulty.to_string() == d)
                .filter(|(s, _)| te.is_empty() || s.practised.iter().any(|x| x.id() == te))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let count = move || shown().len();

    let surprise_note = RwSignal::new(None::<String>);
    let guide = RwSignal::new(storage::load_setting(GUIDE_SEEN_KEY).is_none());
    let start_here = first_scenario(&scenarios).cloned();
    let surprise = move |_| {
        let mut rng = rand::rngs::StdRng::seed_from_u64((js_sys::Math::random() * 1e15) as u64);
        let cards = repo.cards();
        let picked = progress
            .with_untracked(|p| suggest(&cards, p, None, &mut rng).map(|(s, t)| (s.id.clone(), t)));
        let fresh = progress.with_untracked(|p| p.scenarios.is_empty());
        if let Some((id, technique)) = picked {
            let l = lang.get_untracked();
            surprise_note.set(Some(if fresh {
                format!(
                    "{} {}",
                    tr(
                        l,
                        "Noch keine Ergebnisse, also ein Gespräch für den Einstieg. Geübt wird:",
                        "No results yet, so a conversation to start with. Practising:"
                    ),
                    technique.label(l)
                )
            } else {
                format!(
                    "{} {}",
                    tr(
                        l,
                        "Geübt wird Ihre schwächste Technik:",
                        "Practising your weakest technique:"
                    ),
                    technique.label(l)
                )
            }));
            let _ = window().location().set_hash(&Route::Play(id).href());
        }
    };

    view! {
        <section class="screen library">
            <h1>{t(lang, "Schwierige Kundengespräche üben", "Practise difficult customer conversations")}</h1>
            <p class="lead">
                {move || tr(
                    lang.get(),
                    "Wählen Sie ein Gespräch. Der Kunde reagiert auf jede Ihrer Antworten – Sie sehen, wie sich seine Stimmung ändert und warum.",
                    "Choose a conversation. The customer reacts to every reply – you see how their mood changes, and why."
                )}
            </p>
            <p class="help-link">
                <button type="button" class="link-button" on:click=move |_| guide.set(true) aria-expanded=move || guide.get().to_string()>
                    {t(lang, "Kurzanleitung (30 Sekunden)", "Quick guide (30 seconds)")}
                </button>
            </p>
            <Show when=move || guide.get()>
                <Guide shown=guide/>
            </Show>
            {start_here.map(|card| {
                let href = Route::Play(card.id.clone()).href();
                let minutes = card.minutes;
                let difficulty = card.difficulty;
                view! {
                    <Show when=move || progress.with(|p| p.scenarios.is_empty())>
                        <section class="start-here" aria-labelledby="start-here-title">
                            <h2 id="start-here-title">{t(lang, "Hier anfangen", "Start here")}</h2>
                            <p>
                                <a class="button primary" href=href.clone()>{let title = card.title.clone(); move || title.get(lang.get()).to_string()}</a>
                            </p>
                            <p class="meta">{move || format!("{} {}{}", tr(lang.get(), "Schwierigkeit", "Difficulty"), difficulty_label(difficulty, lang.get()), duration(minutes, lang.get()))}</p>
                        </section>
                    </Show>
                }
            })}
            {index_problem.map(|why| view! {
                <p class="notice" role="alert">
                    {t(lang, "Die Gespräche konnten nicht geladen werden: ", "The conversations could not be loaded: ")}
                    {why}
                </p>
            })}
            <div class="library-tools">
                <button class="primary surprise" on:click=surprise>
                    {t(lang, "Überraschen Sie mich – meine schwächste Technik üben", "Surprise me – practise my weakest technique")}
                </button>
                <p class="surprise-note" role="status">{move || surprise_note.get()}</p>
                <div class="filters" role="group" aria-label=t(lang, "Gespräche filtern", "Filter conversations")>
                    <FilterSelect id="filter-type" label_de="Kundentyp" label_en="Customer type" options=type_options selected=by_type/>
                    <FilterSelect id="filter-setting" label_de="Ort" label_en="Setting" options=setting_options selected=by_setting/>
                    <FilterSelect id="filter-channel" label_de="Kanal" label_en="Channel" options=channel_options selected=by_channel/>
                    <FilterSelect id="filter-difficulty" label_de="Schwierigkeit" label_en="Difficulty" options=difficulty_options selected=by_difficulty/>
                    <FilterSelect id="filter-technique" label_de="Technik" label_en="Technique" options=technique_options selected=by_technique/>
                    <a class="primer-link" href="#/techniques">{t(lang, "Was bedeuten die Techniken?", "What do the techniques mean?")}</a>
                </div>
                <p class="filter-count" aria-live="polite">
                    {move || counted(lang.get(), count(), ("Gespräch", "Gespräche"), ("conversation", "conversations"))}
                </p>
            </div>
            <ul class="cards">
                {move || shown().into_iter().map(|(s, own)| view! { <ScenarioCard scenario=s own=own/> }).collect::<Vec<_>>()}
            </ul>
            // Open once a trainer has own scenarios (then it is in use), or
            // when it was opened: the screen may be rebuilt meanwhile (an
            // import reloads the own scenarios), and it must stay open.
            <details
                class="trainer-area"
                open=TRAINER_AREA_OPEN.load(Ordering::Relaxed) || !storage::own_scenarios().is_empty()
                on:toggle=move |ev| {
                    let open = ev
                        .target()
                        .and_then(|details| js_sys::Reflect::get(&details, &"open".into()).ok())
                        .and_then(|open| open.as_bool());
                    if let Some(open) = open {
                        TRAINER_AREA_OPEN.store(open, Ordering::Relaxed);
                    }
                }
            >
                <summary>{t(lang, "Für Trainerinnen und Trainer: eigene Szenarien, Seminar", "For trainers: your own scenarios, seminar")}</summary>
                <SeminarEntry/>
                <OwnScenarios/>
            </details>
        </section>
    }
}

/// The way into seminar mode: the facilitator view for any scenario (shipped
/// or the trainer's own) and the class debrief. Left out where this copy
/// hides the answer key (the facilitator view reveals every rating).
#[component]
fn SeminarEntry() -> impl IntoView {
    let lang = use_lang();
    let scenarios = use_scenarios();
    if super::status_screens::answer_key_hidden() {
        return view! {
            <section class="seminar-entry" aria-labelledby="seminar-entry-title">
                <h2 id="seminar-entry-title">{t(lang, "Seminar", "Seminar")}</h2>
                <p><a href=Route::Class.href()>{t(lang, "Klassenauswertung: exportierte Fortschrittsdateien auswerten", "Class debrief: read your participants' exported progress files")}</a></p>
            </section>
        }
        .into_any();
    }
    let choices = move || {
        let l = lang.get();
        let mut all: Vec<(String, String)> = scenarios
            .cards()
            .iter()
            .map(|c| (c.id.to_string(), c.title.get(l).to_string()))
            .collect();
        all.extend(
            scenarios
                .own()
                .iter()
                .map(|s| (s.id.to_string(), s.title.get(l).to_string())),
        );
        all
    };
    let chosen = RwSignal::new(String::new());
    let href = move || {
        let id = chosen.get();
        let id = if id.is_empty() {
            choices()
                .first()
                .map(|(id, _)| id.clone())
                .unwrap_or_default()
        } else {
            id
        };
        Route::Seminar(counterpart::engine::ScenarioId::new(id)).href()
    };
    view! {
        <section class="seminar-entry" aria-labelledby="seminar-entry-title">
            <h2 id="seminar-entry-title">{t(lang, "Seminar", "Seminar")}</h2>
            <p>{t(lang, "Ein Gespräch mit dem ganzen Raum am Beamer führen, oder die exportierten Dateien der Teilnehmenden gemeinsam auswerten.", "Run a conversation with the whole room on a projector, or debrief the files your participants exported.")}</p>
            <p>
                <label for="seminar-scenario">{t(lang, "Gespräch für den Beamer", "Conversation for the projector")}</label>
                " "
                <select id="seminar-scenario" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {move || choices().into_iter().map(|(id, title)| view! { <option value=id>{title}</option> }).collect::<Vec<_>>()}
                </select>
                " "
                <a class="button" id="seminar-open" href=href>{t(lang, "Moderationsansicht öffnen", "Open the facilitator view")}</a>
            </p>
            <p><a href=Route::Class.href()>{t(lang, "Klassenauswertung: exportierte Fortschrittsdateien auswerten", "Class debrief: read your participants' exported progress files")}</a></p>
        </section>
    }
    .into_any()
}
