//! Finds a SCORM runtime's JavaScript API and talks to it. Every access is
//! guarded: a cross-origin parent throws on property access, an LMS may return
//! "false" — both become `None` or an error, never a panic.

use super::mapping::{self, Assignment, ScormVersion};
use crate::engine::ScenarioId;
use crate::engine::progress::Progress;
use js_sys::{Function, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// A failed LMS call, in words for the log; the UI tells the trainee.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("the LMS refused `{call}` (error {code})")]
pub struct LmsError {
    pub call: String,
    pub code: String,
}

struct Connection {
    api: JsValue,
    version: ScormVersion,
    started_ms: f64,
    finished: bool,
}

thread_local! {
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

fn property(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// The API object called `name` in `window`, if it is readable from here.
fn api_in(window: &web_sys::Window, name: &str) -> Option<JsValue> {
    property(window.as_ref(), name)
        .filter(|api| property(api, "SetValue").is_some() || property(api, "LMSSetValue").is_some())
}

/// Looks in this window, its parents (up to 500) and the opener's chain.
fn discover(name: &str) -> Option<JsValue> {
    let start = web_sys::window()?;
    let mut roots = vec![start.clone()];
    if let Ok(opener) = start.opener()
        && let Ok(opener) = opener.dyn_into::<web_sys::Window>()
    {
        roots.push(opener);
    }
    for root in roots {
        let mut current = root;
        for _ in 0..500 {
            if let Some(api) = api_in(&current, name) {
                return Some(api);
            }
            match current.parent() {
                Ok(Some(parent)) if !js_sys::Object::is(parent.as_ref(), current.as_ref()) => {
                    current = parent
                }
                _ => break,
            }
        }
    }
    None
}

fn call(api: &JsValue, method: &str, args: &[&str]) -> String {
    let Some(function) = property(api, method).and_then(|f| f.dyn_into::<Function>().ok()) else {
        return "false".into();
    };
    let args: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    function
        .apply(api, &args)
        .ok()
        .and_then(|v| v.as_string().or_else(|| v.as_bool().map(|b| b.to_string())))
        .unwrap_or_else(|| "false".into())
}

impl Connection {
    fn method(&self, scorm2004: &'static str, scorm12: &'static str) -> &'static str {
        match self.version {
            ScormVersion::Scorm2004 => scorm2004,
            ScormVersion::Scorm12 => scorm12,
        }
    }

    fn last_error(&self) -> String {
        call(
            &self.api,
            self.method("GetLastError", "LMSGetLastError"),
            &[],
        )
    }

    fn checked(&self, method: &str, args: &[&str]) -> Result<String, LmsError> {
        let result = call(&self.api, method, args);
        if result == "false" {
            return Err(LmsError {
                call: format!("{method}({})", args.join(", ")),
                code: self.last_error(),
            });
        }
        Ok(result)
    }

    fn get(&self, element: &str) -> String {
        call(
            &self.api,
            self.method("GetValue", "LMSGetValue"),
            &[element],
        )
    }

    fn set(&self, element: &str, value: &str) -> Result<String, LmsError> {
        self.checked(self.method("SetValue", "LMSSetValue"), &[element, value])
    }

    fn commit(&self) -> Result<String, LmsError> {
        self.checked(self.method("Commit", "LMSCommit"), &[""])
    }
}

/// What connecting found.
pub struct Connected {
    pub version: ScormVersion,
    /// Progress from an earlier attempt (`entry = resume`), if readable.
    pub resumed: Option<Progress>,
}

/// Whether the page runs inside an LMS (a SCORM API is reachable): the app
/// then loads the rest of this module, which is a wasm chunk of its own.
pub fn api_present() -> bool {
    discover("API_1484_11")
        .or_else(|| discover("API"))
        .is_some()
}

/// Finds an LMS and initialises the attempt; `None` means standalone mode.
pub fn connect() -> Option<Result<Connected, LmsError>> {
    let (api, version) = discover("API_1484_11")
        .map(|api| (api, ScormVersion::Scorm2004))
        .or_else(|| discover("API").map(|api| (api, ScormVersion::Scorm12)))?;
    let connection = Connection {
        api,
        version,
        started_ms: js_sys::Date::now(),
        finished: false,
    };
    if let Err(e) = connection.checked(connection.method("Initialize", "LMSInitialize"), &[""]) {
        return Some(Err(e));
    }
    let entry = connection.get(connection.method("cmi.entry", "cmi.core.entry"));
    let suspended = connection.get("cmi.suspend_data");
    let resumed = (entry == "resume" || !suspended.is_empty())
        .then(|| Progress::from_json(&suspended).ok())
        .flatten();
    CONNECTION.with(|c| *c.borrow_mut() = Some(connection));
    Some(Ok(Connected { version, resumed }))
}

pub fn is_connected() -> bool {
    CONNECTION.with(|c| c.borrow().as_ref().is_some_and(|c| !c.finished))
}

/// Writes the current standing and progress, then commits. Safe to call again
/// after a failure: it writes everything afresh (that is the retry).
pub fn report(
    progress: &Progress,
    assignment: &Assignment,
    all: &[ScenarioId],
    location: &str,
) -> Result<(), LmsError> {
    CONNECTION.with(|c| {
        let borrowed = c.borrow();
        let Some(connection) = borrowed.as_ref().filter(|c| !c.finished) else {
            return Ok(());
        };
        let mut first_error = None;
        for (element, value) in
            mapping::values(connection.version, progress, assignment, all, location)
        {
            if let Err(e) = connection.set(&element, &value) {
                first_error.get_or_insert(e);
            }
        }
        let committed = connection.commit();
        match (first_error, committed) {
            (Some(e), _) | (None, Err(e)) => Err(e),
            (None, Ok(_)) => Ok(()),
        }
    })
}

/// Ends the attempt: session time, exit = suspend (so the next launch
/// resumes), a last commit, Terminate/LMSFinish. Runs once.
pub fn finish(
    progress: &Progress,
    assignment: &Assignment,
    all: &[ScenarioId],
    location: &str,
) -> Result<(), LmsError> {
    let reported = report(progress, assignment, all, location);
    CONNECTION.with(|c| {
        let mut borrowed = c.borrow_mut();
        let Some(connection) = borrowed.as_mut().filter(|c| !c.finished) else {
            return reported.clone();
        };
        let seconds = ((js_sys::Date::now() - connection.started_ms) / 1000.0).max(0.0) as u64;
        let time = mapping::session_time(connection.version, seconds);
        let _ = connection.set(
            connection.method("cmi.session_time", "cmi.core.session_time"),
            &time,
        );
        let _ = connection.set(connection.method("cmi.exit", "cmi.core.exit"), "suspend");
        let _ = connection.commit();
        connection.finished = true;
        connection
            .checked(connection.method("Terminate", "LMSFinish"), &[""])
            .map(|_| ())
            .and(reported)
    })
}
