//! Plain embedding without SCORM: `?embed=1` hides the app's own navigation,
//! and the app posts events to the parent page (`window.parent.postMessage`):
//!
//! ```text
//! { source: "counterpart", type: "started",  scenario }
//! { source: "counterpart", type: "reply",    scenario, node, reply, rating, mood }
//! { source: "counterpart", type: "finished", scenario, outcome, score, applied, misapplied, missed }
//! ```
//! The messages carry no personal data, so they go to any origin (`"*"`).

use counterpart::engine::result::RunResult;
use counterpart::engine::{NodeId, Rating, ScenarioId};
use counterpart::route::{hash_query, query_params};
use leptos::prelude::*;
use serde_json::json;

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

fn post(message: serde_json::Value) {
    let Ok(Some(parent)) = window().parent() else {
        return;
    };
    if js_sys::Object::is(parent.as_ref(), window().as_ref()) {
        return; // not framed: nobody to tell
    }
    if let Ok(value) = js_sys::JSON::parse(&message.to_string()) {
        let _ = parent.post_message(&value, "*");
    }
}

pub fn started(scenario: &ScenarioId) {
    post(json!({ "source": "counterpart", "type": "started", "scenario": scenario }));
}

pub fn replied(scenario: &ScenarioId, node: &NodeId, reply: &str, rating: Rating, mood: u8) {
    post(
        json!({ "source": "counterpart", "type": "reply", "scenario": scenario, "node": node, "reply": reply, "rating": rating, "mood": mood }),
    );
}

pub fn finished(run: &RunResult) {
    post(json!({
        "source": "counterpart", "type": "finished", "scenario": run.scenario, "outcome": run.outcome,
        "score": run.score, "applied": run.applied, "misapplied": run.misapplied, "missed": run.missed,
    }));
}
