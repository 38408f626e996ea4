//! Plain embedding without SCORM: `?embed=1` hides the app's own navigation,
//! and the app posts events to the parent page (`window.parent.postMessage`):
//!
//! ```text
//! { source: "counterpart", type: "started",  scenario }
//! { source: "counterpart", type: "reply",    scenario, node, reply, rating, mood }
//! { source: "counterpart", type: "finished", scenario, outcome, score, applied, misapplied, missed }
//! ```
//! The messages carry no personal data, so they go to any origin (`"*"`).

use counterpart::engine::json::ObjectWriter;
use counterpart::engine::result::RunResult;
use counterpart::engine::{NodeId, Rating, ScenarioId};
use counterpart::route::{hash_query, query_params};
use leptos::prelude::*;

/// Whether the page was opened with `embed=1` (in the query or the hash).
pub fn embed_mode() -> bool {
    let location = window().location();
    let hash = location.hash().unwrap_or_default();
    [
        location.search().unwrap_or_default().as_str(),
        hash_query(&hash),
    ]
    .into_iter()
    .any(|query| query_params(query).any(|pair| pair == ("embed", "1")))
}

/// Posts `{ source: "counterpart", type: kind, …members }` to the framing page.
fn post(kind: &str, members: impl FnOnce(&mut ObjectWriter)) {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    if js_sys::Object::is(parent.as_ref(), window().as_ref()) {
        return; // not framed: nobody to tell
    }
    let mut message = String::new();
    let mut object = ObjectWriter::new(&mut message);
    object.field("source", "counterpart").field("type", kind);
    members(&mut object);
    object.end();
    if let Ok(value) = js_sys::JSON::parse(&message) {
        let _ = parent.post_message(&value, "*");
    }
}

pub fn started(scenario: &ScenarioId) {
    post("started", |m| {
        m.field("scenario", scenario);
    });
}

pub fn replied(scenario: &ScenarioId, node: &NodeId, reply: &str, rating: Rating, mood: u8) {
    post("reply", |m| {
        m.field("scenario", scenario)
            .field("node", node)
            .field("reply", reply)
            .field("rating", &rating)
            .field("mood", &mood);
    });
}

pub fn finished(run: &RunResult) {
    post("finished", |m| {
        m.field("scenario", &run.scenario)
            .field("outcome", &run.outcome)
            .field("score", &run.score)
            .field("applied", &run.applied)
            .field("misapplied", &run.misapplied)
            .field("missed", &run.missed);
    });
}
