//! Progress and small settings in localStorage (through gloo-storage): it only
//! moves strings and reports failures; it never panics and never silently
//! overwrites a value it could not read.

use crate::engine::progress::{Progress, ProgressError};
use crate::engine::{ScenarioId, Session};
use gloo_storage::{LocalStorage, Storage};

/// One versioned key, namespaced so other apps on the origin do not collide.
pub const PROGRESS_KEY: &str = "counterpart.progress";
pub const LANG_KEY: &str = "counterpart.lang";

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

/// Loads progress. Unreadable data is copied to a backup key first and the
/// trainee starts fresh; the original stays until the next successful save.
pub fn load_progress() -> (Progress, Option<StorageNotice>) {
    if !available() {
        return (Progress::default(), Some(StorageNotice::Unavailable));
    }
    let Some(raw) = read_raw(PROGRESS_KEY) else {
        return (Progress::default(), None);
    };
    match Progress::from_json(&raw) {
        Ok(progress) => (progress, None),
        Err(error) => {
            let backup_key = format!("{PROGRESS_KEY}.backup-{}", js_sys::Date::now() as u64);
            let reason = match &error {
                ProgressError::FutureVersion(_) => error.to_string(),
                ProgressError::Unreadable(_) => error.to_string(),
            };
            let kept = LocalStorage::raw().set_item(&backup_key, &raw).is_ok();
            web_sys::console::warn_1(
                &format!("counterpart: {reason}; kept under {backup_key}: {kept}").into(),
            );
            if kept {
                // The backup holds the value; the next save may replace the original.
                (
                    Progress::default(),
                    Some(StorageNotice::Recovered { backup_key, reason }),
                )
            } else {
                (Progress::default(), Some(StorageNotice::SaveFailed(reason)))
            }
        }
    }
}

pub fn save_progress(progress: &Progress) -> Result<(), StorageNotice> {
    if !available() {
        return Err(StorageNotice::Unavailable);
    }
    LocalStorage::set(PROGRESS_KEY, progress).map_err(|e| {
        web_sys::console::warn_1(&format!("counterpart: saving progress failed: {e}").into());
        StorageNotice::SaveFailed(e.to_string())
    })
}

pub fn load_lang() -> Option<String> {
    read_raw(LANG_KEY)
}

pub fn save_lang(code: &str) {
    if available() {
        // Losing the language preference is harmless; the URL or browser decides.
        let _ = LocalStorage::raw().set_item(LANG_KEY, code);
    }
}

/// The key of an unfinished conversation, one per scenario.
fn session_key(scenario: &ScenarioId) -> String {
    format!("counterpart.session.{scenario}")
}

/// Keeps an unfinished conversation, so a reload or a pause resumes it.
/// Failure only costs the resume; the caller may tell the trainee.
pub fn save_session(session: &Session) -> Result<(), StorageNotice> {
    if !available() {
        return Err(StorageNotice::Unavailable);
    }
    LocalStorage::set(session_key(&session.scenario), session)
        .map_err(|e| StorageNotice::SaveFailed(e.to_string()))
}

/// The unfinished conversation of a scenario, if one was kept and is readable.
pub fn load_session(scenario: &ScenarioId) -> Option<Session> {
    let raw = read_raw(&session_key(scenario))?;
    serde_json::from_str(&raw).ok()
}

pub fn clear_session(scenario: &ScenarioId) {
    if available() {
        LocalStorage::delete(session_key(scenario));
    }
}
