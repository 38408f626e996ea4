//! Progress and small settings in localStorage (through gloo-storage's raw
//! access; the JSON is written by `engine::json`): it only
//! moves strings and reports failures; it never panics and never silently
//! overwrites a value it could not read.

use crate::engine::draft::Draft;
use crate::engine::draft_store::{self, SaveRefused, StoredDraft, Unreadable};
use crate::engine::progress::{Progress, ProgressError};
use crate::engine::{ScenarioId, Session};
use gloo_storage::{LocalStorage, Storage};

/// Key names; each is stored as `<namespace>.<name>`, see [`key`].
pub const PROGRESS_KEY: &str = "progress";
pub const LANG_KEY: &str = "lang";
pub const SETTINGS_KEY: &str = "settings";
pub const TRAINEE_NAME_KEY: &str = "name";

/// The storage namespace: `counterpart`, or what the page's
/// `<meta name="counterpart-namespace" content="…">` says. Copies for different
/// courses on one origin — or on `file://`, where Chrome shares one
/// localStorage among all files — set their own, so they do not collide.
fn namespace() -> &'static str {
    static NAMESPACE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAMESPACE.get_or_init(|| {
        leptos::prelude::document()
            .query_selector("meta[name=counterpart-namespace]")
            .ok()
            .flatten()
            .and_then(|meta| meta.get_attribute("content"))
            .map(|ns| {
                ns.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                    .collect::<String>()
            })
            .filter(|ns| !ns.is_empty())
            .unwrap_or_else(|| "counterpart".to_string())
    })
}

/// The full localStorage key of a name, e.g. `counterpart.progress`.
pub fn key(name: &str) -> String {
    format!("{}.{name}", namespace())
}

/// Something about storage the trainee should know.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageNotice {
    /// Saved progress could not be read; it was kept under `backup_key`.
    Recovered { backup_key: String, reason: String },
    /// localStorage is blocked or missing: play continues in memory only.
    Unavailable,
    /// Writing failed (e.g. quota exceeded); progress stays in memory.
    SaveFailed(String),
}

/// gloo's `LocalStorage::raw()` throws (and so aborts) when storage is blocked,
/// e.g. in a sandboxed LMS iframe: check through web-sys first.
fn available() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some()
}

fn read_raw(key: &str) -> Option<String> {
    if !available() {
        return None;
    }
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Stores `value` under the full key `key`; the error says why not (the
/// browser's message, usually a full quota).
fn write_raw(key: &str, value: &str) -> Result<(), String> {
    LocalStorage::raw().set_item(key, value).map_err(|e| {
        js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| "the browser refused to store it".into())
    })
}

/// What is stored now: `Ok(None)` when nothing is, `Err` with the raw text
/// when it cannot be read (after copying it to a backup key).
fn read_stored_progress() -> Result<Option<Progress>, StorageNotice> {
    let Some(raw) = read_raw(&key(PROGRESS_KEY)) else {
        return Ok(None);
    };
    match Progress::from_json(&raw) {
        Ok(progress) => Ok(Some(progress)),
        Err(error) => {
            let reason = match &error {
                ProgressError::FutureVersion(_) | ProgressError::Unreadable(_) => error.to_string(),
            };
            Err(back_up(&raw, reason))
        }
    }
}

/// Copies an unreadable value to its own key before anything may replace it.
fn back_up(raw: &str, reason: String) -> StorageNotice {
    let prefix = key(&format!("{PROGRESS_KEY}.backup-"));
    let backup_key = format!("{prefix}{}", js_sys::Date::now() as u64);
    let already = (0..LocalStorage::length())
        .filter_map(|i| LocalStorage::raw().key(i).ok().flatten())
        .filter(|k| k.starts_with(&prefix))
        .find(|k| read_raw(k).as_deref() == Some(raw));
    if let Some(backup_key) = already {
        return StorageNotice::Recovered { backup_key, reason };
    }
    let kept = write_raw(&backup_key, raw).is_ok();
    web_sys::console::warn_1(
        &format!("counterpart: {reason}; kept under {backup_key}: {kept}").into(),
    );
    if kept {
        StorageNotice::Recovered { backup_key, reason }
    } else {
        StorageNotice::SaveFailed(reason)
    }
}

/// Loads progress. Unreadable data is copied to a backup key first and the
/// trainee starts fresh; the original stays until the next successful save.
pub fn load_progress() -> (Progress, Option<StorageNotice>) {
    if !available() {
        return (Progress::default(), Some(StorageNotice::Unavailable));
    }
    match read_stored_progress() {
        Ok(stored) => (stored.unwrap_or_default(), None),
        Err(notice) => (Progress::default(), Some(notice)),
    }
}

/// Saves progress merged with what is stored (another tab may have saved
/// meanwhile), so nothing earned anywhere is lost. Returns what was saved.
pub fn save_progress(progress: &Progress) -> Result<Progress, StorageNotice> {
    if !available() {
        return Err(StorageNotice::Unavailable);
    }
    let merged = match read_stored_progress() {
        Ok(Some(stored)) => stored.merge(progress),
        // Unreadable data was backed up by the read; saving may replace it.
        Ok(None) | Err(StorageNotice::Recovered { .. }) => progress.clone(),
        Err(other) => return Err(other),
    };
    write_raw(&key(PROGRESS_KEY), &merged.to_json()).map_err(|e| {
        web_sys::console::warn_1(&format!("counterpart: saving progress failed: {e}").into());
        StorageNotice::SaveFailed(e)
    })?;
    Ok(merged)
}

/// Calls `on_change` with the stored progress whenever another tab saves it.
pub fn on_progress_changed_elsewhere(on_change: impl Fn(Progress) + 'static) {
    let _ = leptos::prelude::window_event_listener_untyped("storage", move |event| {
        use wasm_bindgen::JsCast;
        let Ok(event) = event.dyn_into::<web_sys::StorageEvent>() else {
            return;
        };
        if event.key() == Some(key(PROGRESS_KEY))
            && let Some(Ok(progress)) = event.new_value().map(|raw| Progress::from_json(&raw))
        {
            on_change(progress);
        }
    });
}

/// Offers `contents` (of the MIME type `kind`) as a file download named `file_name`.
pub fn download(file_name: &str, kind: &str, contents: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&contents.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(kind);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let document = leptos::prelude::document();
    let link = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "no anchor element".to_string())?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// A small preference (language, display settings, name), if stored.
pub fn load_setting(name: &str) -> Option<String> {
    read_raw(&key(name))
}

/// Removes every kept own-words text (`own-words.<scenario>`): the trainee
/// withdrew consent to keeping them.
pub fn forget_own_words() {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return;
    };
    let prefix = key("own-words.");
    let len = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(&prefix))
        .collect();
    for k in keys {
        let _ = storage.remove_item(&k);
    }
}

/// Keeps a small preference; losing one is harmless, so failures are ignored.
pub fn save_setting(name: &str, value: &str) {
    if available() {
        let _ = write_raw(&key(name), value);
    }
}

/// Keeps a value that matters (the xAPI outbox); the error says why not.
pub fn save_checked(name: &str, value: &str) -> Result<(), String> {
    if !available() {
        return Err("storage is not available".into());
    }
    write_raw(&key(name), value)
}

/// The key of an unfinished conversation, one per scenario.
/// Which kept conversation: the trainee's own paused one, or an author's
/// trial run from the preview ("play from here"), kept apart so it never
/// overwrites the trainee's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionSlot {
    Own,
    Trial,
}

fn session_key(slot: SessionSlot, scenario: &ScenarioId) -> String {
    match slot {
        SessionSlot::Own => key(&format!("session.{scenario}")),
        SessionSlot::Trial => key(&format!("trial.{scenario}")),
    }
}

/// Keeps an unfinished conversation, so a reload or a pause resumes it.
/// Failure only costs the resume; the caller may tell the trainee.
pub fn save_session(slot: SessionSlot, session: &Session) -> Result<(), StorageNotice> {
    if !available() {
        return Err(StorageNotice::Unavailable);
    }
    write_raw(
        &session_key(slot, &session.scenario),
        &crate::engine::json::to_string(session),
    )
    .map_err(StorageNotice::SaveFailed)
}

/// The unfinished conversation of a scenario, if one was kept and is readable.
pub fn load_session(slot: SessionSlot, scenario: &ScenarioId) -> Option<Session> {
    let raw = read_raw(&session_key(slot, scenario))?;
    // A conversation is a few hundred bytes; anything huge is not ours.
    (raw.len() <= crate::engine::progress::MAX_PROGRESS_BYTES)
        .then(|| crate::engine::json::from_str(&raw).ok())?
}

pub fn clear_session(slot: SessionSlot, scenario: &ScenarioId) {
    if available() {
        LocalStorage::delete(session_key(slot, scenario));
    }
}

/// Scenarios a trainer imported in the browser: `(file name, TOML)`, stored
/// raw so each load runs the same validator as the checker.
pub fn own_scenarios() -> Vec<(String, String)> {
    if !available() {
        return Vec::new();
    }
    let prefix = key("scenario.");
    let storage = LocalStorage::raw();
    (0..LocalStorage::length())
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|k| {
            let name = k.strip_prefix(&prefix)?.to_string();
            let text = read_raw(&k)?;
            Some((format!("{name}.toml"), text))
        })
        .collect()
}

pub fn save_own_scenario(id: &ScenarioId, toml: &str) -> Result<(), StorageNotice> {
    if !available() {
        return Err(StorageNotice::Unavailable);
    }
    write_raw(&key(&format!("scenario.{id}")), toml)
        .map_err(|_| StorageNotice::SaveFailed("the scenario does not fit into storage".into()))
}

pub fn remove_own_scenario(id: &ScenarioId) {
    if available() {
        LocalStorage::delete(key(&format!("scenario.{id}")));
    }
}

/// The keys of the kept editor drafts, `<namespace>.draft.<id>`.
fn draft_key(id: &ScenarioId) -> String {
    key(&format!("draft.{id}"))
}

/// The editor drafts kept in this browser: their ids and what is stored
/// (an unreadable one is listed too, so it is never silently replaced).
pub fn drafts() -> Vec<(ScenarioId, Result<StoredDraft, Unreadable>)> {
    if !available() {
        return Vec::new();
    }
    let prefix = key("draft.");
    let storage = LocalStorage::raw();
    let mut found: Vec<_> = (0..LocalStorage::length())
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|k| {
            let id = ScenarioId::new(k.strip_prefix(&prefix)?);
            let raw = read_raw(&k)?;
            Some((id, draft_store::read(&raw)))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// One kept draft, if there is one under this id.
pub fn load_draft(id: &ScenarioId) -> Option<Result<StoredDraft, Unreadable>> {
    read_raw(&draft_key(id)).map(|raw| draft_store::read(&raw))
}

/// Why a draft was not saved.
#[derive(Debug, Clone, PartialEq)]
pub enum DraftNotSaved {
    /// The rule of [`draft_store::next_save`] refused (another tab, or an
    /// unreadable value under the key).
    Refused(SaveRefused),
    /// The browser could not store it (blocked, or the quota is full).
    Storage(StorageNotice),
}

/// Saves a draft over the revision the editor read (`based_on`); the new
/// revision, or why not. Never overwrites another tab's newer save.
pub fn save_draft(
    id: &ScenarioId,
    based_on: Option<u64>,
    draft: &Draft,
) -> Result<u64, DraftNotSaved> {
    if !available() {
        return Err(DraftNotSaved::Storage(StorageNotice::Unavailable));
    }
    let key = draft_key(id);
    let (text, revision) = draft_store::next_save(
        read_raw(&key).as_deref(),
        based_on,
        draft,
        js_sys::Date::now() as u64,
    )
    .map_err(DraftNotSaved::Refused)?;
    write_raw(&key, &text).map_err(|why| DraftNotSaved::Storage(StorageNotice::SaveFailed(why)))?;
    Ok(revision)
}

pub fn remove_draft(id: &ScenarioId) {
    if available() {
        LocalStorage::delete(draft_key(id));
    }
}

/// The decisions of the trainee's recent runs, for the class debrief
/// (`engine::class_report`): kept apart from the progress, which must fit
/// SCORM 1.2's suspend_data, and sent only in an export the trainee makes.
pub const PATHS_KEY: &str = "paths";

/// The kept run paths as stored (one JSON object per line), for an export.
pub fn load_paths() -> String {
    load_setting(PATHS_KEY).unwrap_or_default()
}

/// Adds a finished run's path (dropping the oldest beyond the limit); a
/// failure only costs the class debrief this run's decisions.
pub fn keep_path(path: &crate::engine::class_report::RunPath) {
    let kept = crate::engine::class_report::keep_path_line(&load_paths(), path);
    save_setting(PATHS_KEY, &kept);
}
