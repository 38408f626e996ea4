//! The class debrief (`#/class`): the trainer drops the progress files the
//! participants exported and sees what the group practised — per technique,
//! per scenario, and the decisions the group got wrong most often. Nothing
//! leaves the browser and nothing is stored: the files are read into this
//! screen only, until the trainer saves the class result as one file.
//! The counting is `engine::class_report`'s.

use super::scenarios::use_scenarios;
use super::{t, tr, use_lang};
use counterpart::engine::class_report::{
    ClassFileError, ClassReport, MAX_FILES, ParticipantFile, class_file, exports_in_class_file,
    format_median, participant_label, read_participant,
};
use counterpart::engine::progress::{ImportError, MAX_PROGRESS_BYTES};
use counterpart::engine::text::counted;
use counterpart::engine::{Lang, NodeId, ReplyId, ScenarioId};
use counterpart::web::storage;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// A file taken in: its name, its text (for saving the class result), as read.
#[derive(Clone)]
struct Taken {
    text: String,
    file: ParticipantFile,
}

fn refusal(error: &ClassFileError, lang: Lang) -> String {
    let why = match error {
        ClassFileError::Progress(ImportError::NotProgress) => tr(
            lang,
            "keine Counterpart-Fortschrittsdatei",
            "not a Counterpart progress file",
        ),
        ClassFileError::Progress(ImportError::FutureVersion(_)) => tr(
            lang,
            "aus einer neueren Version von Counterpart",
            "from a newer version of Counterpart",
        ),
        ClassFileError::Progress(ImportError::Tampered(_)) | ClassFileError::BadPaths(_) => tr(
            lang,
            "beschädigt oder von Hand verändert",
            "damaged or changed by hand",
        ),
        ClassFileError::Progress(ImportError::TooLarge(_)) => tr(
            lang,
            "viel zu groß für eine Fortschrittsdatei (höchstens 1 MB)",
            "far too large for a progress file (1 MB at most)",
        ),
        ClassFileError::Duplicate => tr(
            lang,
            "dieselbe Datei wurde schon aufgenommen",
            "the same file was already added",
        ),
        ClassFileError::TooMany => tr(
            lang,
            "mehr Dateien, als eine Klassenauswertung liest",
            "more files than a class debrief reads",
        ),
    };
    let detail = match error {
        ClassFileError::Progress(ImportError::Tampered(d)) | ClassFileError::BadPaths(d) => {
            format!(" ({d})")
        }
        _ => String::new(),
    };
    format!("{why}{detail}")
}

fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// The files in a zip archive, each as (name, text): stored entries as
/// they are, deflated ones inflated by the browser (`DecompressionStream`),
/// so no inflate code ships in the wasm. What cannot be read is refused
/// with its reason (`Err((name, reason))`), one by one.
async fn zip_texts(bytes: Vec<u8>, lang: Lang) -> Vec<Result<(String, String), (String, String)>> {
    use counterpart::engine::zip_reader::{Method, entries};
    let listing = match entries(&bytes, MAX_FILES, MAX_PROGRESS_BYTES) {
        Ok(listing) => listing,
        Err(error) => return vec![Err((String::new(), error.to_string()))],
    };
    let mut texts = Vec::new();
    for entry in listing {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                texts.push(Err((String::new(), error.to_string())));
                continue;
            }
        };
        let name = entry.name.clone();
        let text = match entry.method {
            Method::Stored => Some(String::from_utf8_lossy(entry.data).into_owned()),
            Method::Deflated => inflate(entry.data, MAX_PROGRESS_BYTES).await,
        };
        match text {
            Some(text) if text.len() <= MAX_PROGRESS_BYTES => texts.push(Ok((name, text))),
            Some(_) => texts.push(Err((name, tr(lang, "zu groß", "too large").into()))),
            None => texts.push(Err((
                name,
                tr(lang, "nicht zu entpacken", "could not be unpacked").into(),
            ))),
        }
    }
    texts
}

/// Inflates raw deflate data with the browser's `DecompressionStream`,
/// chunk by chunk, giving up beyond `limit` bytes (a zip bomb stops there).
async fn inflate(data: &[u8], limit: usize) -> Option<String> {
    use leptos::wasm_bindgen::JsValue;
    let get = |target: &JsValue, key: &str| js_sys::Reflect::get(target, &key.into()).ok();
    let call = |target: &JsValue, key: &str| -> Option<JsValue> {
        get(target, key)?
            .dyn_into::<js_sys::Function>()
            .ok()?
            .call0(target)
            .ok()
    };
    let ctor: js_sys::Function = get(&js_sys::global(), "DecompressionStream")?
        .dyn_into()
        .ok()?;
    let decompress =
        js_sys::Reflect::construct(&ctor, &js_sys::Array::of1(&"deflate-raw".into())).ok()?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(data).into());
    let blob: JsValue = leptos::web_sys::Blob::new_with_u8_array_sequence(&parts)
        .ok()?
        .into();
    let stream = call(&blob, "stream")?;
    let pipe: js_sys::Function = get(&stream, "pipeThrough")?.dyn_into().ok()?;
    let inflated = pipe.call1(&stream, &decompress).ok()?;
    let reader = call(&inflated, "getReader")?;
    let mut out = Vec::new();
    loop {
        let read: js_sys::Promise = call(&reader, "read")?.dyn_into().ok()?;
        let chunk = wasm_bindgen_futures::JsFuture::from(read).await.ok()?;
        if get(&chunk, "done")?.as_bool() == Some(true) {
            break;
        }
        let bytes: js_sys::Uint8Array = get(&chunk, "value")?.dyn_into().ok()?;
        if out.len() + bytes.length() as usize > limit {
            let _ = call(&reader, "cancel");
            return None;
        }
        out.extend(bytes.to_vec());
    }
    String::from_utf8(out).ok()
}

#[component]
pub fn ClassDebrief() -> impl IntoView {
    let lang = use_lang();
    let scenarios = use_scenarios();
    let taken = RwSignal::new(Vec::<Taken>::new());
    let refused = RwSignal::new(Vec::<(String, String)>::new());
    let message = RwSignal::new(String::new());
    let report = Memo::new(move |_| {
        taken.with(|t| {
            let files: Vec<ParticipantFile> = t.iter().map(|t| t.file.clone()).collect();
            ClassReport::build(&files)
        })
    });

    // One file's text: a participant's export, or a saved class result
    // holding several. Each export is checked on its own.
    let take_text = move |name: String, text: String| {
        let l = lang.get_untracked();
        let exports = exports_in_class_file(&text).unwrap_or_else(|| vec![text]);
        let several = exports.len() > 1;
        for (i, export) in exports.into_iter().enumerate() {
            let label = if several {
                format!("{name} #{}", i + 1)
            } else {
                name.clone()
            };
            let outcome = if taken.with_untracked(|t| t.len()) >= MAX_FILES {
                Err(ClassFileError::TooMany)
            } else if taken.with_untracked(|t| t.iter().any(|t| t.text == export)) {
                Err(ClassFileError::Duplicate)
            } else {
                read_participant(&export)
            };
            match outcome {
                Ok(file) => taken.update(|t| t.push(Taken { text: export, file })),
                Err(error) => refused.update(|r| r.push((label, refusal(&error, l)))),
            }
        }
    };

    let take_files = move |files: leptos::web_sys::FileList| {
        let files: Vec<leptos::web_sys::File> =
            (0..files.length()).filter_map(|i| files.get(i)).collect();
        leptos::task::spawn_local(async move {
            let before = taken.with_untracked(|t| t.len());
            let refused_before = refused.with_untracked(|r| r.len());
            for file in files {
                let name = file.name();
                // A saved class result may hold many exports.
                let limit = MAX_PROGRESS_BYTES as f64 * 8.0;
                if file.size() > limit {
                    let l = lang.get_untracked();
                    refused.update(|r| {
                        r.push((
                            name,
                            refusal(
                                &ClassFileError::Progress(ImportError::TooLarge(
                                    (file.size() / 1024.0) as usize,
                                )),
                                l,
                            ),
                        ))
                    });
                    continue;
                }
                if name.to_ascii_lowercase().ends_with(".zip") {
                    let bytes =
                        match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                            Err(_) => Vec::new(),
                        };
                    let l = lang.get_untracked();
                    for read in zip_texts(bytes, l).await {
                        match read {
                            Ok((entry, text)) => take_text(format!("{name} / {entry}"), text),
                            Err((entry, why)) => refused.update(|r| {
                                let label = if entry.is_empty() {
                                    name.clone()
                                } else {
                                    format!("{name} / {entry}")
                                };
                                r.push((label, why))
                            }),
                        }
                    }
                    continue;
                }
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                take_text(name, text);
            }
            let l = lang.get_untracked();
            let added = taken.with_untracked(|t| t.len()) - before;
            let not = refused.with_untracked(|r| r.len()) - refused_before;
            message.set(format!(
                "{}: {}, {} {}",
                tr(l, "Gelesen", "Read"),
                counted(
                    l,
                    added,
                    ("Datei aufgenommen", "Dateien aufgenommen"),
                    ("file taken in", "files taken in")
                ),
                not,
                tr(l, "abgelehnt", "refused")
            ));
        });
    };

    let on_input = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            if let Some(files) = input.files() {
                take_files(files);
            }
            input.set_value("");
        }
    };
    let dragging = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            take_files(files);
        }
    };

    let title = move |id: &ScenarioId| scenarios.title_of(id, lang.get());
    // A reply's or line's text where the scenario is here, else its id.
    let reply_text = move |scenario: &ScenarioId, node: &NodeId, reply: &ReplyId| match scenarios
        .status(scenario, lang.get())
    {
        super::scenarios::ScenarioStatus::Ready(s) => s
            .node(node)
            .and_then(|n| n.reply(reply))
            .map(|r| r.text.get(lang.get()).to_string())
            .unwrap_or_else(|| reply.to_string()),
        _ => reply.to_string(),
    };
    let line_text =
        move |scenario: &ScenarioId, node: &NodeId| match scenarios.status(scenario, lang.get()) {
            super::scenarios::ScenarioStatus::Ready(s) => s
                .node(node)
                .and_then(|n| n.lines.first())
                .map(|l| l.get(lang.get()).to_string())
                .unwrap_or_else(|| node.to_string()),
            _ => node.to_string(),
        };
    // The scenarios of the weak decisions are fetched for their texts.
    Effect::new(move |_| {
        let l = lang.get();
        for weak in report.with(|r| r.weak_decisions.clone()) {
            let seen = scenarios.status(&weak.scenario, l);
            scenarios.ensure(&weak.scenario, l, Some(seen));
        }
    });

    let export_csv = move |_| {
        let l = lang.get_untracked();
        let csv = report.with_untracked(|r| r.to_csv(l, |id| scenarios.title_of(id, l)));
        // A byte order mark, so spreadsheets read the umlauts as UTF-8.
        let done = storage::download(
            &format!("counterpart-class-{}.csv", today()),
            "text/csv;charset=utf-8",
            &format!("\u{feff}{csv}"),
        );
        message.set(
            match done {
                Ok(()) => tr(
                    l,
                    "CSV-Datei erstellt – prüfen Sie Ihre Downloads.",
                    "CSV file created – check your downloads.",
                ),
                Err(_) => tr(
                    l,
                    "Der Export ist in diesem Browser nicht möglich.",
                    "Export is not possible in this browser.",
                ),
            }
            .to_string(),
        );
    };
    let save_class = move |_| {
        let l = lang.get_untracked();
        let texts: Vec<String> =
            taken.with_untracked(|t| t.iter().map(|t| t.text.clone()).collect());
        let done = storage::download(
            &format!("counterpart-class-{}.json", today()),
            "application/json",
            &class_file(&texts),
        );
        message.set(
            match done {
                Ok(()) => tr(
                    l,
                    "Klassenergebnis gespeichert – prüfen Sie Ihre Downloads.",
                    "Class result saved – check your downloads.",
                ),
                Err(_) => tr(
                    l,
                    "Speichern ist in diesem Browser nicht möglich.",
                    "Saving is not possible in this browser.",
                ),
            }
            .to_string(),
        );
    };
    let clear = move |_| {
        taken.set(Vec::new());
        refused.set(Vec::new());
        message.set(
            tr(
                lang.get_untracked(),
                "Alle Dateien entfernt.",
                "All files removed.",
            )
            .to_string(),
        );
    };
    let print = move |_| {
        let _ = window().print();
    };
    let any = move || taken.with(|t| !t.is_empty());

    view! {
        <section class="screen class-debrief" aria-labelledby="class-title">
            <h1 id="class-title">{t(lang, "Klassenauswertung", "Class debrief")}</h1>
            <p class="lead no-print">{t(lang,
                "Legen Sie hier die Fortschrittsdateien ab, die die Teilnehmenden exportiert haben (mehrere auf einmal). Die Dateien werden nur in diesem Browser gelesen: nichts wird hochgeladen und nichts gespeichert, solange Sie das Klassenergebnis nicht selbst als Datei sichern.",
                "Drop the progress files your participants exported here (several at once). They are read in this browser only: nothing is uploaded and nothing is stored unless you save the class result as a file yourself.")}</p>
            <div class=move || if dragging.get() { "class-drop dragging no-print" } else { "class-drop no-print" }
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <label for="class-files">{t(lang, "Fortschrittsdateien wählen (.json, mehrere möglich, oder eine .zip)", "Choose progress files (.json, several at once, or one .zip)")}</label>
                <input id="class-files" type="file" multiple accept=".json,.zip,application/json,application/zip" on:change=on_input/>
                <p class="hint">{t(lang, "… oder hierher ziehen. Ein gespeichertes Klassenergebnis lässt sich genauso wieder öffnen.", "… or drag them here. A saved class result opens the same way.")}</p>
            </div>
            <p class="class-message no-print" role="status">{move || message.get()}</p>
            <Show when=move || refused.with(|r| !r.is_empty())>
                <section class="class-refused no-print" aria-labelledby="refused-title">
                    <h2 id="refused-title">{t(lang, "Nicht aufgenommen", "Not taken in")}</h2>
                    <ul>
                        {move || refused.get().into_iter().map(|(name, why)| view! {
                            <li><strong>{name}</strong>{": "}{why}</li>
                        }).collect::<Vec<_>>()}
                    </ul>
                </section>
            </Show>
            <Show when=any fallback=move || view! {
                <p class="class-empty">{t(lang, "Noch keine Dateien.", "No files yet.")}</p>
            }>
                <p class="class-summary">
                    {move || format!("{}, {}", counted(lang.get(), taken.with(|t| t.len()), ("Teilnehmende(r)", "Teilnehmende"), ("participant", "participants")), today())}
                </p>
                <p class="class-participants">
                    {move || {
                        let l = lang.get();
                        report.with(|r| r.participants.iter().enumerate().map(|(i, name)| participant_label(name.as_deref(), i, l)).collect::<Vec<_>>().join(" · "))
                    }}
                </p>
                <div class="actions no-print">
                    <button type="button" class="primary" on:click=print>{t(lang, "Drucken (eine Seite A4)", "Print (one A4 page)")}</button>
                    <button type="button" on:click=export_csv>{t(lang, "CSV exportieren", "Export CSV")}</button>
                    <button type="button" on:click=save_class>{t(lang, "Klassenergebnis speichern", "Save class result")}</button>
                    <button type="button" class="danger" on:click=clear>{t(lang, "Alle entfernen", "Remove all")}</button>
                </div>
                <h2 id="class-techniques">{t(lang, "Techniken", "Techniques")}</h2>
                <table class="class-table" aria-labelledby="class-techniques">
                    <thead><tr>
                        <th scope="col">{t(lang, "Technik", "Technique")}</th>
                        <th scope="col">{t(lang, "gut angewendet", "applied well")}</th>
                        <th scope="col">{t(lang, "verpasst", "missed")}</th>
                        <th scope="col">{t(lang, "falsch eingesetzt", "misapplied")}</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let l = lang.get();
                            report.with(|r| r.techniques.iter().map(|(technique, counts)| view! {
                                <tr data-technique=technique.id()>
                                    <th scope="row">{technique.label(l)}</th>
                                    <td class="applied">{counts.applied}</td>
                                    <td class="missed">{counts.missed}</td>
                                    <td class="misapplied">{counts.misapplied}</td>
                                </tr>
                            }).collect::<Vec<_>>())
                        }}
                    </tbody>
                </table>
                <h2 id="class-scenarios">{t(lang, "Szenarien", "Scenarios")}</h2>
                <table class="class-table" aria-labelledby="class-scenarios">
                    <thead><tr>
                        <th scope="col">{t(lang, "Szenario", "Scenario")}</th>
                        <th scope="col">{t(lang, "Durchgänge", "Runs")}</th>
                        <th scope="col">{t(lang, "Teilnehmende", "Participants")}</th>
                        <th scope="col">{t(lang, "Ausgänge", "Outcomes")}</th>
                        <th scope="col">{t(lang, "Median Punkte", "Median score")}</th>
                    </tr></thead>
                    <tbody>
                        {move || {
                            let l = lang.get();
                            report.with(|r| r.scenarios.iter().map(|s| {
                                let outcomes = s.outcomes.iter().map(|(o, n)| format!("{} {n}", o.label(l))).collect::<Vec<_>>().join(" · ");
                                view! {
                                    <tr data-scenario=s.scenario.to_string()>
                                        <th scope="row">{title(&s.scenario)}</th>
                                        <td class="runs">{s.runs}</td>
                                        <td class="players">{s.participants}</td>
                                        <td class="outcomes">{outcomes}</td>
                                        <td class="median">{format_median(s.median_score)}</td>
                                    </tr>
                                }
                            }).collect::<Vec<_>>())
                        }}
                    </tbody>
                </table>
                <h2 id="class-weak">{t(lang, "Am häufigsten daneben", "Most often got wrong")}</h2>
                {move || if report.with(|r| r.weak_decisions.is_empty()) {
                    view! { <p>{t(lang, "Keine – oder die Dateien enthalten keine Entscheidungen (ältere Exporte).", "None – or the files hold no decisions (older exports).")}</p> }.into_any()
                } else {
                    view! {
                        <ol class="class-weak">
                            {move || report.with(|r| r.weak_decisions.iter().map(|w| {
                                let l = lang.get();
                                let better = w.better.as_ref().map(|b| reply_text(&w.scenario, &w.node, b));
                                view! {
                                    <li data-node=w.node.to_string()>
                                        <p><strong>{title(&w.scenario)}</strong>{format!(" – {} {} / {}", tr(l, "daneben:", "got wrong:"), w.wrong, w.reached)}</p>
                                        <p class="said">{match l { Lang::De => format!("„{}“", line_text(&w.scenario, &w.node)), Lang::En => format!("“{}”", line_text(&w.scenario, &w.node)) }}</p>
                                        <p>{format!("{} ({}×): {}", tr(l, "Meist gewählt", "Most picked"), w.most_picked_count, reply_text(&w.scenario, &w.node, &w.most_picked))}</p>
                                        {better.map(|b| view! { <p class="better"><strong>{tr(l, "Besser: ", "Better: ")}</strong>{b}</p> })}
                                    </li>
                                }
                            }).collect::<Vec<_>>())}
                        </ol>
                    }.into_any()
                }}
            </Show>
        </section>
    }
}
