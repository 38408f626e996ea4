//! "Weitergeben / Hand out" (`#/handout`, or `#/handout?select=a,b` with
//! those conversations chosen): a trainer chooses conversations, shipped and
//! own, and downloads them as one HTML file that plays from `file://`, or as
//! SCORM 1.2, SCORM 2004 and cmi5 packages with a title, the required
//! conversations and a mastery score. Everything is put together in this
//! browser from the app's own files (`counterpart::lms::handout`); nothing is
//! uploaded. The chosen conversations' `.toml` files can be downloaded too
//! (one file, or a zip of several), for trainers who share sources. Its code
//! is part of the author screens' chunk (`on_demand::author`).

use super::scenarios::use_scenarios;
use super::{t, tr, use_lang};
use counterpart::engine::diagnostic::Bilingual;
use counterpart::engine::{Lang, Scenario, ScenarioId};
use counterpart::lms::handout::{
    APP_FILES, HandoutError, PackageRequest, SINGLE_FILE_NAME, SINGLE_FILE_TEMPLATE,
    in_browser_package, lms_package, read_app_files, scenario_files, select, single_file,
};
use counterpart::lms::mapping::Assignment;
use counterpart::lms::package::PackageKind;
use counterpart::say;
use counterpart::web::{handout as files, scenario_fetch};
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// What one build makes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    ScenarioFiles,
    SingleFile,
    Package(PackageKind),
}

/// The screen's sections that start builds; each shows its own status.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    ScenarioFiles,
    SingleFile,
    Lms,
}

impl Target {
    fn section(self) -> Section {
        match self {
            Target::ScenarioFiles => Section::ScenarioFiles,
            Target::SingleFile => Section::SingleFile,
            Target::Package(_) => Section::Lms,
        }
    }
}

/// Where the last build stands, shown in the section it was started from.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    /// Fetching files: how many of how many.
    Fetching(usize, usize),
    Done {
        file: String,
        bytes: usize,
    },
    Failed(Bilingual),
}

/// The screen's state, one signal: the trainer's choices and the last
/// build. (One signal of this screen's own type keeps the generic signal
/// code in this chunk, instead of sharing the main module's `RwSignal<bool>`
/// and `RwSignal<String>` code, which would grow the first load.)
#[derive(Debug, Clone, PartialEq)]
struct Form {
    chosen: BTreeSet<ScenarioId>,
    /// Ticked as required; only those also chosen count.
    required: BTreeSet<ScenarioId>,
    title: String,
    mastery: String,
    no_preview: bool,
    /// A build is running.
    busy: bool,
    /// The last build: (the section it was started from, where it stands).
    stage: Option<(Section, Stage)>,
    /// Whether this copy can build (served, with `handout/`); `None` until known.
    prepared: Option<bool>,
}

/// Which set of ids a list of checkboxes edits.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ticks {
    Chosen,
    Required,
}

impl Ticks {
    fn of(self, form: &Form) -> &BTreeSet<ScenarioId> {
        match self {
            Ticks::Chosen => &form.chosen,
            Ticks::Required => &form.required,
        }
    }

    fn of_mut(self, form: &mut Form) -> &mut BTreeSet<ScenarioId> {
        match self {
            Ticks::Chosen => &mut form.chosen,
            Ticks::Required => &mut form.required,
        }
    }
}

/// What a build needs, read once when it starts.
struct Order {
    target: Target,
    chosen: BTreeSet<ScenarioId>,
    own: Vec<Scenario>,
    title: String,
    assignment: Assignment,
    no_preview: bool,
}

/// The app's files for a package, kept once fetched: the three packages
/// share them.
type AppFiles = Arc<BTreeMap<String, Vec<u8>>>;

/// Why a file of the app did not arrive, in plain words.
fn not_loaded(why: String) -> Bilingual {
    say!(
        "A file of the app could not be loaded ({why}). Building a copy needs the connection to the address the app was opened from.",
        "Eine Datei der App ließ sich nicht laden ({why}). Zum Zusammenstellen braucht es die Verbindung zu der Adresse, von der die App geöffnet wurde.",
    )
}

/// "1,6 MB" / "1.6 MB"; "12 KB" below a megabyte.
fn size_label(bytes: usize, lang: Lang) -> String {
    const MB: usize = 1024 * 1024;
    if bytes < MB {
        return format!("{} KB", bytes.div_ceil(1024));
    }
    let tenths = bytes * 10 / MB;
    let point = tr(lang, ",", ".");
    format!("{}{point}{} MB", tenths / 10, tenths % 10)
}

/// The mastery score as typed, if it is a whole number from 0 to 100.
fn mastery_of(text: &str) -> Result<u8, Bilingual> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|m| *m <= 100)
        .ok_or_else(|| {
            say!(
                "The mastery score is a whole number from 0 to 100.",
                "Die Mindestpunktzahl ist eine ganze Zahl von 0 bis 100.",
            )
        })
}

/// Fetches the files `names` name, each with `fetch`, reporting each one.
async fn fetch_all<T, F: Future<Output = Result<T, String>>>(
    names: Vec<String>,
    fetch: impl Fn(String) -> F,
    report: impl Fn(Stage),
    done_before: usize,
    total: usize,
) -> Result<BTreeMap<String, T>, Bilingual> {
    let mut fetched = BTreeMap::new();
    for (n, name) in names.into_iter().enumerate() {
        report(Stage::Fetching(done_before + n, total));
        let file = fetch(name.clone()).await.map_err(not_loaded)?;
        fetched.insert(name, file);
    }
    Ok(fetched)
}

/// The chosen conversations whole (every language), for their `.toml` files.
async fn whole_scenarios(order: &Order) -> Result<Vec<Scenario>, Bilingual> {
    let mut whole = Vec::new();
    for id in &order.chosen {
        match order.own.iter().find(|s| &s.id == id) {
            Some(own) => whole.push(own.clone()),
            None => whole.push(
                super::editor_start::whole_shipped(id)
                    .await
                    .map_err(not_loaded)?,
            ),
        }
    }
    Ok(whole)
}

/// Builds what `order` asks for: the file's name, bytes and type.
async fn build(
    order: Order,
    app_files: StoredValue<Option<AppFiles>>,
    report: impl Fn(Stage) + Copy,
) -> Result<(String, Vec<u8>, &'static str), Bilingual> {
    // A copy of the app: the single file (`None`) or an LMS package.
    let package = match order.target {
        Target::ScenarioFiles => {
            let scenarios = whole_scenarios(&order).await?;
            return scenario_files(&scenarios, files::now()).map_err(|e| e.message());
        }
        Target::SingleFile => None,
        Target::Package(kind) => Some(kind),
    };
    let index = scenario_fetch::index().await.map_err(not_loaded)?;
    let selection = select(&index, &order.own, &order.chosen).map_err(|e| e.message())?;
    // The app's files for a package (unless fetched already) after the scenarios.
    let app_list = match (package, app_files.get_value()) {
        (Some(_), None) => {
            let list = files::text(APP_FILES).await.map_err(not_loaded)?;
            let list = read_app_files(&list).map_err(|e| e.message())?;
            list.files
                .into_iter()
                .filter(|f| in_browser_package(f))
                .collect()
        }
        _ => Vec::new(),
    };
    let total = selection.to_fetch.len() + app_list.len();
    let scenarios = fetch_all(
        selection.to_fetch.clone(),
        |name| async move { scenario_fetch::fetch_text(&name).await },
        report,
        0,
        total,
    )
    .await?;
    let folder = selection.folder(scenarios).map_err(|e| e.message())?;
    match package {
        None => {
            let template = files::text(SINGLE_FILE_TEMPLATE)
                .await
                .map_err(not_loaded)?;
            let html =
                single_file(&template, &folder, order.no_preview).map_err(|e| e.message())?;
            Ok((SINGLE_FILE_NAME.to_string(), html.into_bytes(), "text/html"))
        }
        Some(kind) => {
            let app = match app_files.get_value() {
                Some(app) => app,
                None => {
                    let done = selection.to_fetch.len();
                    let fetched = fetch_all(
                        app_list,
                        |name| async move { files::bytes(&name).await },
                        report,
                        done,
                        total,
                    )
                    .await?;
                    let fetched = Arc::new(fetched);
                    app_files.set_value(Some(fetched.clone()));
                    fetched
                }
            };
            let request = PackageRequest {
                kind,
                title: &order.title,
                assignment: &order.assignment,
                time: files::now(),
            };
            let zip = lms_package(&request, &app, &folder).map_err(|e| e.message())?;
            Ok((format!("{}.zip", kind.stem()), zip, "application/zip"))
        }
    }
}

/// One checkbox per conversation in `list` (id, title), ticked when in `ticks` of `form`.
#[component]
fn Checkboxes(
    list: Signal<Vec<(ScenarioId, String)>>,
    form: RwSignal<Form>,
    ticks: Ticks,
) -> impl IntoView {
    view! {
        <ul class="handout-list">
            {move || list.get().into_iter().map(|(id, title)| {
                let (for_check, for_change) = (id.clone(), id.clone());
                view! {
                    <li>
                        <label class="choice">
                            <input type="checkbox" value=id.to_string()
                                prop:checked=move || form.with(|f| ticks.of(f).contains(&for_check))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    form.update(|f| {
                                        let set = ticks.of_mut(f);
                                        if on { set.insert(for_change.clone()); } else { set.remove(&for_change); }
                                    });
                                }/>
                            {title}
                        </label>
                    </li>
                }
            }).collect::<Vec<_>>()}
        </ul>
    }
}

/// The status of the last build started in this section, if it was.
#[component]
fn BuildStatus(form: RwSignal<Form>, section: Section) -> impl IntoView {
    let lang = use_lang();
    let mine = move || {
        form.with(|f| f.stage.clone())
            .filter(|(part, _)| *part == section)
            .map(|(_, s)| s)
    };
    view! {
        // Announced when a build starts and ends, not at every file.
        <p class="handout-status" role="status">
            {move || mine().and_then(|s| {
                let l = lang.get();
                match s {
                    Stage::Fetching(..) => Some(tr(l, "Wird zusammengestellt …", "Putting it together …").to_string()),
                    Stage::Done { file, bytes } => Some(format!(
                        "{} {file} ({}) {}",
                        tr(l, "Fertig:", "Done:"),
                        size_label(bytes, l),
                        tr(l, "– Ihr Browser speichert die Datei.", "– your browser saves the file."),
                    )),
                    Stage::Failed(_) => None,
                }
            })}
        </p>
        {move || match mine() {
            Some(Stage::Fetching(done, of)) if of > 0 => view! {
                <progress class="handout-progress" max=of value=done aria-label=t(lang, "Dateien geladen", "Files loaded")></progress>
            }.into_any(),
            Some(Stage::Failed(why)) => view! {
                <p class="import-error" role="alert">{move || why.get(lang.get()).to_string()}</p>
            }.into_any(),
            _ => ().into_any(),
        }}
    }
}

#[component]
pub fn Handout(select: Vec<ScenarioId>) -> impl IntoView {
    let lang = use_lang();
    let repo = use_scenarios();
    let as_file = files::opened_as_file();
    let form = RwSignal::new(Form {
        chosen: select.into_iter().collect(),
        required: BTreeSet::new(),
        title: "Counterpart – Kundengespräche üben".to_string(),
        mastery: "70".to_string(),
        no_preview: true,
        busy: false,
        stage: None,
        prepared: as_file.then_some(false),
    });
    let app_files = StoredValue::new(None::<AppFiles>);
    // Whether this copy has what building needs (`handout/`, only in a
    // release build served from a web address), asked once.
    Effect::new(move |_| {
        if !as_file {
            leptos::task::spawn_local(async move {
                let prepared = files::text(APP_FILES).await.is_ok();
                form.update(|f| f.prepared = Some(prepared));
            });
        }
    });
    let unavailable = move || form.with(|f| f.prepared == Some(false));

    let shipped = Signal::derive(move || {
        let l = lang.get();
        repo.cards()
            .into_iter()
            .map(|c| (c.id.clone(), c.title.get(l).to_string()))
            .collect::<Vec<_>>()
    });
    let own = Signal::derive(move || {
        let l = lang.get();
        repo.own()
            .into_iter()
            .filter(|s| !repo.is_shipped(&s.id))
            .map(|s| (s.id.clone(), s.title.get(l).to_string()))
            .collect::<Vec<_>>()
    });
    // Required is chosen among the chosen, in the lists' order.
    let chosen_list = Signal::derive(move || {
        let chosen = form.with(|f| f.chosen.clone());
        shipped
            .get()
            .into_iter()
            .chain(own.get())
            .filter(|(id, _)| chosen.contains(id))
            .collect::<Vec<_>>()
    });

    // A click starts a build (once at a time); it ends in a download or a
    // plain-words reason, shown in the section it was started from.
    let start = move |target: Target| {
        let section = target.section();
        let lms = section == Section::Lms;
        let snapshot = form.get_untracked();
        if snapshot.busy {
            return;
        }
        let report = move |s: Stage| form.update(|f| f.stage = Some((section, s)));
        let checked = match mastery_of(&snapshot.mastery) {
            Err(why) if lms => Err(why),
            _ if lms && snapshot.title.trim().is_empty() => Err(HandoutError::EmptyTitle.message()),
            mastery => Ok(mastery.unwrap_or(70)),
        };
        let mastery_score = match checked {
            Ok(m) => m,
            Err(why) => return report(Stage::Failed(why)),
        };
        let Form {
            chosen,
            required,
            title,
            no_preview,
            ..
        } = snapshot;
        let order = Order {
            target,
            assignment: Assignment {
                required: required
                    .into_iter()
                    .filter(|id| chosen.contains(id))
                    .collect(),
                mastery_score,
            },
            chosen,
            own: untrack(|| repo.own()),
            title,
            no_preview,
        };
        form.update(|f| {
            f.busy = true;
            f.stage = Some((section, Stage::Fetching(0, 0)));
        });
        leptos::task::spawn_local(async move {
            let built = build(order, app_files, report)
                .await
                .and_then(|(file, bytes, mime)| {
                    files::download(&file, &bytes, mime)
                        .map(|()| (file, bytes.len()))
                        .map_err(|why| {
                            say!(
                                "The download could not start ({why}).",
                                "Der Download ließ sich nicht starten ({why})."
                            )
                        })
                });
            form.update(|f| {
                f.busy = false;
                f.stage = Some((
                    section,
                    match built {
                        Ok((file, bytes)) => Stage::Done { file, bytes },
                        Err(why) => Stage::Failed(why),
                    },
                ));
            });
        });
    };
    // Unavailable: disabled. Busy: only marked (a disabled button would
    // drop the keyboard focus just placed on it); `start` ignores the click.
    let busy = move || form.with(|f| f.busy).to_string();
    let all = move |_| {
        let every = shipped
            .get_untracked()
            .into_iter()
            .chain(own.get_untracked())
            .map(|(id, _)| id)
            .collect();
        form.update(|f| f.chosen = every);
    };
    let none = move |_| form.update(|f| f.chosen.clear());
    let count = move || {
        let n = form.with(|f| f.chosen.len());
        counterpart::engine::text::counted(
            lang.get(),
            n,
            ("Gespräch ausgewählt", "Gespräche ausgewählt"),
            ("conversation chosen", "conversations chosen"),
        )
    };
    view! {
        <section class="screen handout">
            <h1>{t(lang, "Weitergeben", "Hand out")}</h1>
            <p class="lead">{t(lang,
                "Stellen Sie Gespräche für Ihre Teilnehmenden zusammen – mitgelieferte und eigene: als eine Datei zum Doppelklicken oder als Paket für Ihr LMS. Alles entsteht in diesem Browser aus den Dateien der App; nichts wird hochgeladen.",
                "Put conversations together for your trainees – built-in ones and your own: as one file to double-click, or as a package for your LMS. Everything is made in this browser from the app's own files; nothing is uploaded.")}</p>
            {move || unavailable().then(|| view! {
                <p class="notice" role="note">{move || if as_file {
                    tr(lang.get(),
                        "Diese Ausgabe ist als Datei geöffnet (file://). Zum Zusammenstellen öffnen Sie Counterpart über seine Web-Adresse.",
                        "This copy is opened as a file (file://). To put copies together, open Counterpart from its web address.")
                } else {
                    tr(lang.get(),
                        "Zum Zusammenstellen braucht Counterpart die Verbindung zu seiner Web-Adresse: Offline oder in einem LMS-Paket geht es nicht.",
                        "Putting copies together needs Counterpart opened from its web address, with a connection: not offline, not inside an LMS package.")
                }}</p>
            })}

            <fieldset class="handout-choice">
                <legend>{t(lang, "1. Gespräche auswählen", "1. Choose conversations")}</legend>
                <p class="actions">
                    <button type="button" class="button" on:click=all>{t(lang, "Alle auswählen", "Choose all")}</button>
                    <button type="button" class="button" on:click=none>{t(lang, "Keine", "None")}</button>
                </p>
                <p class="handout-count" aria-live="polite">{count}</p>
                <fieldset>
                    <legend>{t(lang, "Mitgelieferte Gespräche", "Built-in conversations")}</legend>
                    <Checkboxes list=shipped form=form ticks=Ticks::Chosen/>
                </fieldset>
                <fieldset>
                    <legend>{t(lang, "Eigene Szenarien", "My scenarios")}</legend>
                    {move || own.with(Vec::is_empty).then(|| view! {
                        <p class="hint">
                            {t(lang, "Noch keine eigenen Szenarien in diesem Browser. ", "No scenarios of your own in this browser yet. ")}
                            <a href="#/">{t(lang, "In der Bibliothek importieren", "Import them in the library")}</a>
                        </p>
                    })}
                    <Checkboxes list=own form=form ticks=Ticks::Chosen/>
                </fieldset>
            </fieldset>

            <section class="handout-part" aria-labelledby="handout-single">
                <h2 id="handout-single">{t(lang, "2. Eine Datei für USB-Stick und Doppelklick", "2. One file for a USB stick and a double-click")}</h2>
                <p>{t(lang,
                    "Die App mit den ausgewählten Gesprächen in einer HTML-Datei. Sie läuft ohne Internet und ohne Server; der Fortschritt bleibt im Browser der Teilnehmenden.",
                    "The app with the chosen conversations in one HTML file. It runs without internet and without a server; progress stays in the trainee's browser.")}</p>
                <label class="choice">
                    <input type="checkbox" prop:checked=move || form.with(|f| f.no_preview)
                        on:change=move |ev| form.update(|f| f.no_preview = event_target_checked(&ev))/>
                    {t(lang, "Ohne Autorenvorschau (sie zeigt alle Bewertungen – empfohlen für Teilnehmende)", "Without the author preview (it shows every rating – recommended for trainees)")}
                </label>
                <p>
                    <button type="button" class="primary" disabled=unavailable aria-disabled=busy on:click=move |_| start(Target::SingleFile)>
                        {t(lang, "Datei herunterladen (counterpart.html)", "Download the file (counterpart.html)")}
                    </button>
                </p>
                <BuildStatus form=form section=Section::SingleFile/>
            </section>

            <section class="handout-part" aria-labelledby="handout-lms">
                <h2 id="handout-lms">{t(lang, "3. Pakete für ein LMS", "3. Packages for an LMS")}</h2>
                <p>{t(lang,
                    "SCORM 1.2 für fast jedes LMS (Moodle, ILIAS …), SCORM 2004 mit einem Lernziel je Technik, cmi5 für LMS mit xAPI. Das LMS erhält Status und Punktzahl; ohne Autorenvorschau.",
                    "SCORM 1.2 for almost any LMS (Moodle, ILIAS …), SCORM 2004 with one objective per technique, cmi5 for an LMS with xAPI. The LMS gets status and score; without the author preview.")}</p>
                <label for="handout-title">{t(lang, "Kurstitel (so zeigt ihn das LMS)", "Course title (as the LMS shows it)")}</label>
                <input id="handout-title" type="text" prop:value=move || form.with(|f| f.title.clone())
                    on:input=move |ev| form.update(|f| f.title = event_target_value(&ev))/>
                <fieldset>
                    <legend>{t(lang, "Pflichtgespräche", "Required conversations")}</legend>
                    <p class="hint">{t(lang,
                        "Bestanden ist der Kurs, wenn jedes Pflichtgespräch gut endet und die Mindestpunktzahl erreicht. Keines angekreuzt: Alle ausgewählten Gespräche sind Pflicht.",
                        "The course is passed when every required conversation ends well and reaches the mastery score. None ticked: every chosen conversation is required.")}</p>
                    {move || chosen_list.with(Vec::is_empty).then(|| view! {
                        <p class="hint">{t(lang, "Wählen Sie oben zuerst Gespräche aus.", "Choose conversations above first.")}</p>
                    })}
                    <Checkboxes list=chosen_list form=form ticks=Ticks::Required/>
                </fieldset>
                <label for="handout-mastery">{t(lang, "Mindestpunktzahl (0–100)", "Mastery score (0–100)")}</label>
                <input id="handout-mastery" type="number" min="0" max="100" step="1" inputmode="numeric"
                    prop:value=move || form.with(|f| f.mastery.clone())
                    on:input=move |ev| form.update(|f| f.mastery = event_target_value(&ev))/>
                <p class="actions">
                    {PackageKind::ALL.into_iter().map(|kind| {
                        let label = match kind {
                            PackageKind::Scorm12 => ("SCORM 1.2 herunterladen", "Download SCORM 1.2"),
                            PackageKind::Scorm2004 => ("SCORM 2004 herunterladen", "Download SCORM 2004"),
                            PackageKind::Cmi5 => ("cmi5 herunterladen", "Download cmi5"),
                        };
                        view! {
                            <button type="button" class="primary" disabled=unavailable aria-disabled=busy on:click=move |_| start(Target::Package(kind))>
                                {t(lang, label.0, label.1)}
                            </button>
                        }
                    }).collect::<Vec<_>>()}
                </p>
                <BuildStatus form=form section=Section::Lms/>
            </section>

            <section class="handout-part" aria-labelledby="handout-files">
                <h2 id="handout-files">{t(lang, "4. Die Szenariodateien (.toml)", "4. The scenario files (.toml)")}</h2>
                <p>{t(lang,
                    "Für andere Trainerinnen und Trainer: die Quelltexte der ausgewählten Gespräche, so wie der Editor sie speichert – eines als Datei, mehrere als ZIP. Sie lassen sich im Editor öffnen und in der Bibliothek importieren.",
                    "For other trainers: the sources of the chosen conversations, as the editor saves them – one as a file, several as a zip. They open in the editor and import in the library.")}</p>
                <p>
                    <button type="button" class="button" aria-disabled=busy on:click=move |_| start(Target::ScenarioFiles)>
                        {t(lang, "Szenariodateien herunterladen", "Download the scenario files")}
                    </button>
                </p>
                <BuildStatus form=form section=Section::ScenarioFiles/>
            </section>
        </section>
    }
}
