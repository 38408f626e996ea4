//! Takes over the first turn the page showed before the app was ready
//! (`counterpart::early_turn`, shown by `public/preload.js`): what it showed
//! (the line variant, the order of the replies), a click made on it, and
//! where keyboard focus was. The page's copy is removed as the app's screen
//! is built, so the two are never on screen together.

use counterpart::engine::{ReplyId, Scenario, ScenarioId, Session};
use leptos::prelude::*;
use leptos::web_sys::Element;

/// What the page showed and what the trainee did on it.
pub struct EarlyTurn {
    /// The customer's mood at the start.
    pub mood: u8,
    /// The customer's line variant shown.
    pub line: usize,
    /// The replies, top to bottom.
    pub order: Vec<ReplyId>,
    /// A reply clicked before the app was ready.
    pub chosen: Option<ReplyId>,
    /// The content note's start button was pressed.
    pub started: bool,
    /// The reply that had keyboard focus.
    pub focused: Option<ReplyId>,
}

fn shown() -> Option<Element> {
    document().get_element_by_id("counterpart-early")
}

/// Removes the page's first turn, if it is still there (another screen, a
/// paused conversation resumed, a scenario that could not be loaded).
pub fn discard() {
    if let Some(root) = shown() {
        root.remove();
    }
}

/// The first turn the page showed for `scenario`, removed from the page;
/// `None` when it showed none, or another scenario's.
pub fn take(scenario: &ScenarioId) -> Option<EarlyTurn> {
    let root = shown()?;
    let focused = document()
        .active_element()
        .filter(|active| root.contains(Some(active)))
        .and_then(|active| active.get_attribute("data-reply-id"))
        .map(ReplyId::new);
    root.remove();
    if root.get_attribute("data-scenario")? != scenario.as_str() {
        return None;
    }
    let number = |name: &str| {
        root.query_selector(&format!("[{name}]"))
            .ok()??
            .get_attribute(name)?
            .parse::<u32>()
            .ok()
    };
    let mood = u8::try_from(number("data-mood")?).ok()?;
    let line = number("data-line")? as usize;
    let mut order = Vec::new();
    let mut next = root.query_selector(".replies").ok()??.first_element_child();
    while let Some(button) = next {
        order.extend(button.get_attribute("data-reply-id").map(ReplyId::new));
        next = button.next_element_sibling();
    }
    Some(EarlyTurn {
        mood,
        line,
        order,
        chosen: root.get_attribute("data-chosen").map(ReplyId::new),
        started: root.has_attribute("data-started"),
        focused,
    })
}

/// A new run that starts as the page showed it: a random seed among those
/// that give the same mood, line and order (a few thousand tries at most, on
/// average; see `Session::start_showing`). `None` if the page showed
/// something this scenario cannot start with.
pub fn session_as_shown(
    scenario: &Scenario,
    early: &EarlyTurn,
    seeds: impl FnMut() -> u64,
) -> Option<Session> {
    let node = scenario.node(&scenario.start)?;
    let order = early
        .order
        .iter()
        .map(|id| node.replies.iter().position(|r| &r.id == id))
        .collect::<Option<Vec<usize>>>()?;
    Session::start_showing(
        scenario,
        early.mood,
        early.line,
        &order,
        std::iter::repeat_with(seeds).take(1_000_000),
    )
}
