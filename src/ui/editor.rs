//! The scenario editor (`#/editor/<id>`): the forms of one draft beside its
//! live check. The draft is saved in this browser as it is typed (never over
//! another tab's newer save), checked by the same checker as an imported file
//! (in its worker), played from any node with a chosen mood and flags, saved
//! as a `.toml` file, and taken into "My scenarios".

use super::editor_check::{Check, CheckOutcome, CheckPanel, form_id, go_to_form};
use super::editor_fields::{EditorState, NodeForm, ScenarioFields, Shape};
use super::preview::{TrialStart, play_from};
use super::scenarios::use_scenarios;
use super::use_lang;
use super::{t, tr};
use counterpart::engine::draft::{Draft, Place};
use counterpart::engine::draft_store::{SaveRefused, Unreadable};
use counterpart::engine::import_check::{ImportFile, NotPlayable};
use counterpart::engine::{Lang, NodeId, ScenarioId};
use counterpart::route::Route;
use counterpart::web::storage::{self, DraftNotSaved};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::time::Duration;

/// How long typing must pause before the draft is saved and checked.
const PAUSE: Duration = Duration::from_millis(400);

/// Whether the draft is kept in this browser.
#[derive(Clone, Debug, PartialEq)]
enum Saved {
    Yes,
    /// Not yet (typing), or it could not be (with why, in both languages).
    No(Option<(String, String)>),
    /// Another tab saved a newer revision: nothing is overwritten.
    Conflict,
}

/// Why a draft named like a built-in conversation cannot be played or kept.
fn shipped_name_taken() -> (String, String) {
    (
        "Ein mitgeliefertes Gespräch hat schon diesen Dateinamen; bitte ändern Sie ihn.".into(),
        "A built-in conversation already has this file name; please change it.".into(),
    )
}

/// Whether a scenario id is one the checker takes as a file name.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

/// Runs `action` once typing has paused: each call replaces the previous
/// pending one (`generation` counts them).
fn after_pause(generation: StoredValue<u64>, action: impl FnOnce() + 'static) {
    generation.update_value(|g| *g += 1);
    let mine = generation.get_value();
    set_timeout(
        move || {
            if generation.try_get_value() == Some(mine) {
                action();
            }
        },
        PAUSE,
    );
}

#[component]
pub fn Editor(id: ScenarioId) -> impl IntoView {
    let lang = use_lang();
    let scenarios = use_scenarios();
    let opened = match storage::load_draft(&id) {
        Some(Ok(stored)) => Ok((stored.draft, Some(stored.revision))),
        Some(Err(why)) => Err(why),
        None => match scenarios.own().into_iter().find(|s| s.id == id) {
            // An own scenario opened for editing: its draft starts now.
            Some(own) => Ok((Draft::from_scenario(&own), None)),
            None => {
                return view! { <NoDraft id=id/> }.into_any();
            }
        },
    };
    let (draft, revision) = match opened {
        Ok(opened) => opened,
        Err(why) => return view! { <UnreadableDraft id=id why=why/> }.into_any(),
    };
    let state = EditorState {
        draft: RwSignal::new(draft),
        shape: Shape(RwSignal::new(0)),
        lang,
    };
    let revision = StoredValue::new(revision);
    let saved = RwSignal::new(if revision.get_value().is_some() {
        Saved::Yes
    } else {
        Saved::No(None)
    });
    let check = RwSignal::new(None::<Check>);
    let pending = RwSignal::new(true);
    let generation = StoredValue::new(0_u64);
    let checks_started = StoredValue::new(0_u64);
    let trial = TrialStart {
        mood: RwSignal::new(state.draft.with_untracked(|d| d.start_mood.0)),
        flags: RwSignal::new(BTreeSet::new()),
    };
    let note = RwSignal::new(None::<(String, String)>);

    let save = move || {
        if saved.get_untracked() == Saved::Conflict {
            return;
        }
        let id = ScenarioId::new(state.draft.with_untracked(|d| d.id.clone()));
        let result = state
            .draft
            .with_untracked(|d| storage::save_draft(&id, revision.get_value(), d));
        saved.set(match result {
            Ok(new_revision) => {
                revision.set_value(Some(new_revision));
                Saved::Yes
            }
            Err(DraftNotSaved::Refused(SaveRefused::ChangedElsewhere { .. })) => Saved::Conflict,
            Err(DraftNotSaved::Refused(SaveRefused::Unreadable(_))) => Saved::No(Some((
                "Unter diesem Namen liegt etwas, das kein lesbarer Entwurf ist; es bleibt unangetastet. Geben Sie dem Szenario einen anderen Dateinamen.".into(),
                "Something that is not a readable draft is stored under this name; it is left untouched. Give the scenario another file name.".into(),
            ))),
            Err(DraftNotSaved::Storage(_)) => Saved::No(Some((
                "Der Browser kann den Entwurf nicht speichern (Speicher voll oder gesperrt). Speichern Sie ihn als .toml-Datei, damit nichts verloren geht.".into(),
                "The browser cannot keep the draft (storage full or blocked). Save it as a .toml file so nothing is lost.".into(),
            ))),
        });
    };
    let run_check = move || {
        let (text, places, name) = state.draft.with_untracked(|d| {
            let (text, places) = d.to_toml_with_places();
            (text, places, d.file_name())
        });
        checks_started.update_value(|n| *n += 1);
        let mine = checks_started.get_value();
        leptos::task::spawn_local(async move {
            let verdict = super::import_checker::check_imports(vec![ImportFile { name, text }])
                .await
                .map(|mut verdicts| verdicts.pop());
            let outcome = match verdict {
                Ok(Some(verdict)) => match verdict.into_checked() {
                    Ok((scenario, report)) => CheckOutcome::Playable { scenario, report },
                    Err(NotPlayable::Invalid(problems)) => CheckOutcome::Problems(problems),
                    Err(NotPlayable::Unreadable(_)) => {
                        CheckOutcome::NotRun("unreadable answer".into())
                    }
                },
                Ok(None) => CheckOutcome::NotRun("no answer".into()),
                Err(why) => CheckOutcome::NotRun(why),
            };
            // A later check supersedes this one.
            if checks_started.try_get_value() == Some(mine) {
                check.set(Some(Check { outcome, places }));
                pending.set(false);
            }
        });
    };
    // Every change: mark unsaved and unchecked, then save and check once
    // typing pauses.
    Effect::new(move |first: Option<()>| {
        state.draft.track();
        if first.is_some() && saved.get_untracked() != Saved::Conflict {
            saved.set(Saved::No(None));
        }
        pending.set(true);
        after_pause(generation, move || {
            if first.is_some() || revision.get_value().is_none() {
                save();
            }
            run_check();
        });
    });

    let can_play = Signal::derive(move || {
        !pending.get()
            && check.with(|c| {
                matches!(
                    c,
                    Some(Check {
                        outcome: CheckOutcome::Playable { .. },
                        ..
                    })
                )
            })
    });
    let playable = move || {
        check.with_untracked(|c| match c {
            Some(Check {
                outcome: CheckOutcome::Playable { scenario, .. },
                ..
            }) => Some(scenario.clone()),
            _ => None,
        })
    };
    let on_play = Callback::new(move |node: usize| {
        let Some(scenario) = playable() else { return };
        if scenarios.is_shipped(&scenario.id) {
            note.set(Some(shipped_name_taken()));
            return;
        }
        let Some(node_id) = state
            .draft
            .with_untracked(|d| d.nodes.get(node).map(|n| NodeId::new(n.id.clone())))
        else {
            return;
        };
        // Known to the app for this page only; "take into My scenarios" keeps it.
        scenarios.add_own(scenario.clone());
        play_from(
            &scenario,
            &node_id,
            trial.mood.get_untracked(),
            trial.flags.get_untracked(),
        );
    });
    let on_map_select = Callback::new(move |node: NodeId| {
        let index = state
            .draft
            .with_untracked(|d| d.nodes.iter().position(|n| n.id == node.as_str()));
        if let Some(i) = index {
            go_to_form(&form_id(Place::Node(i)));
        }
    });
    let on_rename_node = Callback::new(move |(node, new): (usize, String)| {
        let new = new.trim().to_string();
        state.draft.update(|d| d.rename_node(node, &new));
        state.shape.changed();
    });
    let on_rename = Callback::new(move |new: String| {
        let new = new.trim().to_lowercase();
        let old = state.draft.with_untracked(|d| d.id.clone());
        if new == old {
            return;
        }
        let taken = scenarios.is_shipped(&ScenarioId::new(new.clone()))
            || storage::load_draft(&ScenarioId::new(new.clone())).is_some();
        if !valid_id(&new) || taken {
            note.set(Some(if taken {
                (
                    format!("Der Dateiname „{new}“ ist schon vergeben."),
                    format!("The file name “{new}” is taken already."),
                )
            } else {
                (
                    "Ein Dateiname besteht aus Kleinbuchstaben, Ziffern und Bindestrichen.".into(),
                    "A file name is made of lower-case letters, digits and hyphens.".into(),
                )
            }));
            // Show the old name again.
            state.draft.update(|_| {});
            return;
        }
        state.draft.update(|d| d.id = new.clone());
        if state
            .draft
            .with_untracked(|d| storage::save_draft(&ScenarioId::new(new.clone()), None, d))
            .is_ok()
        {
            storage::remove_draft(&ScenarioId::new(old));
            let _ = window()
                .location()
                .set_hash(&Route::Editor(Some(ScenarioId::new(new))).href());
        }
    });
    let add_node = move |_| {
        let added = state.draft.try_update(|d| {
            let last = d.nodes.len().saturating_sub(1);
            d.add_node(last)
        });
        state.shape.changed();
        if let Some(i) = added {
            request_animation_frame(move || go_to_form(&form_id(Place::Node(i))));
        }
    };
    let download = move |_| {
        let (name, text) = state.draft.with_untracked(|d| (d.file_name(), d.to_toml()));
        if storage::download(&name, "application/toml", &text).is_err() {
            note.set(Some((
                "Die Datei konnte nicht erzeugt werden.".into(),
                "The file could not be made.".into(),
            )));
        }
    };
    // Takes the checked draft into "My scenarios"; whether it is there now.
    let take_into_own = move || -> bool {
        let Some(scenario) = playable() else {
            return false;
        };
        if scenarios.is_shipped(&scenario.id) {
            note.set(Some(shipped_name_taken()));
            return false;
        }
        let text = state.draft.with_untracked(Draft::to_toml);
        let kept = storage::save_own_scenario(&scenario.id, &text).is_ok();
        note.set(Some(if kept {
            scenarios.add_own(scenario);
            (
                "In „Eigene Szenarien“ übernommen: es steht jetzt in der Übersicht und lässt sich spielen.".into(),
                "Taken into “My scenarios”: it is in the library now and can be played.".into(),
            )
        } else {
            (
                "Der Browser kann das Szenario nicht speichern. Speichern Sie es als .toml-Datei.".into(),
                "The browser cannot keep the scenario. Save it as a .toml file.".into(),
            )
        }));
        kept
    };
    let keep = move |_| {
        take_into_own();
    };
    // Handing out plays the scenario as it is now: it is taken into "My
    // scenarios" first (the hand-out screen builds from those).
    let hand_out = move |_| {
        if take_into_own() {
            let id = ScenarioId::new(state.draft.with_untracked(|d| d.id.clone()));
            let _ = window()
                .location()
                .set_hash(&Route::Handout(vec![id]).href());
        }
    };
    let load_theirs = move |_| {
        let id = ScenarioId::new(state.draft.with_untracked(|d| d.id.clone()));
        if let Some(Ok(stored)) = storage::load_draft(&id) {
            revision.set_value(Some(stored.revision));
            saved.set(Saved::Yes);
            state.draft.set(stored.draft);
            state.shape.changed();
        }
    };
    let keep_mine_as_copy = move |_| {
        let copy = unused_id(scenarios, &state.draft.with_untracked(|d| d.id.clone()));
        state.draft.update(|d| d.id = copy.clone());
        revision.set_value(None);
        saved.set(Saved::No(None));
        if state
            .draft
            .with_untracked(|d| storage::save_draft(&ScenarioId::new(copy.clone()), None, d))
            .is_ok()
        {
            let _ = window()
                .location()
                .set_hash(&Route::Editor(Some(ScenarioId::new(copy))).href());
        }
    };

    let save_state = move || {
        let l = lang.get();
        match saved.get() {
            Saved::Yes => view! { <p class="draft-state">{tr(l, "Entwurf in diesem Browser gespeichert.", "Draft kept in this browser.")}</p> }.into_any(),
            Saved::No(None) => view! { <p class="draft-state">{tr(l, "Änderungen werden gespeichert …", "Saving changes …")}</p> }.into_any(),
            Saved::No(Some((de, en))) => view! { <p class="draft-state import-error">{if l == Lang::De { de } else { en }}</p> }.into_any(),
            Saved::Conflict => view! {
                <div class="draft-state import-error">
                    <p>{tr(l, "Dieser Entwurf wurde in einem anderen Fenster geändert. Hier wird nichts mehr darüber gespeichert.", "This draft was changed in another window. Nothing is saved over it from here.")}</p>
                    <button type="button" on:click=load_theirs>{tr(l, "Die andere Fassung laden", "Load the other version")}</button>
                    " "
                    <button type="button" on:click=keep_mine_as_copy>{tr(l, "Meine Fassung als Kopie behalten", "Keep mine as a copy")}</button>
                </div>
            }
            .into_any(),
        }
    };
    let nodes = move || {
        state.shape.0.track();
        let count = state.draft.with_untracked(|d| d.nodes.len());
        (0..count)
            .map(|i| view! { <NodeForm state=state node=i on_rename=on_rename_node on_play=on_play can_play=can_play/> })
            .collect::<Vec<_>>()
    };
    let title = move || {
        let l = lang.get();
        let title = state.draft.with(|d| d.title.get(l).to_string());
        let title = if title.is_empty() {
            state.draft.with(|d| d.id.clone())
        } else {
            title
        };
        format!("{} {title}", tr(l, "Editor:", "Editor:"))
    };
    view! {
        <section class="screen editor">
            <h1>{title}</h1>
            <p class="lead">{t(lang, "Alle Felder auf Deutsch und Englisch nebeneinander. Die Prüfung rechts (auf dem Telefon unten) läuft bei jeder Änderung; ein Knoten auf der Karte öffnet sein Formular.", "Every field in German and English side by side. The check on the right (below on a phone) runs on every change; a node on the map opens its form.")}</p>
            <div class="editor-toolbar">
                <button type="button" on:click=download>{t(lang, "Als .toml-Datei speichern", "Save as a .toml file")}</button>
                <button type="button" disabled=move || !can_play.get() on:click=keep>{t(lang, "In „Eigene Szenarien“ übernehmen", "Take into “My scenarios”")}</button>
                <button type="button" disabled=move || !can_play.get() on:click=hand_out>{t(lang, "Weitergeben …", "Hand out …")}</button>
                <a href=Route::Editor(None).href()>{t(lang, "Alle Entwürfe", "All drafts")}</a>
            </div>
            {save_state}
            <p class="editor-note" role="status">{move || note.get().map(|(de, en)| if lang.get() == Lang::De { de } else { en })}</p>
            <div class="editor-layout">
                <div class="editor-forms">
                    <ScenarioFields state=state on_rename=on_rename/>
                    <h2>{t(lang, "Knoten", "Nodes")}</h2>
                    <ol class="edit-nodes">{nodes}</ol>
                    <button type="button" on:click=add_node>{t(lang, "Knoten hinzufügen", "Add a node")}</button>
                </div>
                <CheckPanel check=check pending=pending trial=trial lang=lang on_map_select=on_map_select/>
            </div>
        </section>
    }
    .into_any()
}

/// A scenario id not used by a shipped or own scenario or a draft:
/// `base`, else `base-2`, `base-3`, …
pub fn unused_id(scenarios: super::scenarios::ScenarioRepo, base: &str) -> String {
    let taken = |id: &str| {
        let id = ScenarioId::new(id);
        scenarios.is_shipped(&id)
            || scenarios.own_untracked().iter().any(|s| s.id == id)
            || storage::load_draft(&id).is_some()
    };
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_string())
}

#[component]
fn NoDraft(id: ScenarioId) -> impl IntoView {
    let lang = use_lang();
    view! {
        <section class="screen editor">
            <h1>{t(lang, "Kein Entwurf", "No draft")}</h1>
            <p>{move || format!("{} „{id}“.", tr(lang.get(), "In diesem Browser gibt es keinen Entwurf und kein eigenes Szenario namens", "This browser has no draft and no scenario of yours named"))}</p>
            <p><a href=Route::Editor(None).href()>{t(lang, "Zu den Entwürfen", "To the drafts")}</a></p>
        </section>
    }
}

#[component]
fn UnreadableDraft(id: ScenarioId, why: Unreadable) -> impl IntoView {
    let lang = use_lang();
    let reason = move || match &why {
        Unreadable::Newer(_) => tr(
            lang.get(),
            "Er stammt aus einer neueren Version von Counterpart.",
            "It comes from a newer version of Counterpart.",
        )
        .to_string(),
        Unreadable::Damaged(detail) => format!(
            "{} ({detail})",
            tr(lang.get(), "Er ist beschädigt.", "It is damaged.")
        ),
    };
    view! {
        <section class="screen editor">
            <h1>{t(lang, "Entwurf nicht lesbar", "Draft cannot be read")}</h1>
            <p>{move || format!("{} „{id}“ {}", tr(lang.get(), "Der Entwurf", "The draft"), tr(lang.get(), "lässt sich nicht öffnen.", "cannot be opened."))} " " {reason}</p>
            <p>{t(lang, "Er bleibt unverändert gespeichert.", "It stays stored unchanged.")}</p>
            <p><a href=Route::Editor(None).href()>{t(lang, "Zu den Entwürfen", "To the drafts")}</a></p>
        </section>
    }
}
