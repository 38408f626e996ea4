//! Where keyboard focus goes when a screen changes: to its `<h1>`.

use leptos::prelude::*;

/// Moves focus to the screen's `<h1>` once it is shown (screens that load on
/// demand arrive a little later: it looks again each frame, `tries` times),
/// unless the screen already put focus somewhere inside it (the primer on a
/// technique, the conversation on a reply).
pub fn focus_heading_when_shown(tries: u32) {
    use leptos::wasm_bindgen::JsCast;
    request_animation_frame(move || {
        let main = document().get_element_by_id("main");
        let active = document().active_element();
        let focused_inside = match (&main, &active) {
            (Some(main), Some(active)) => {
                main.contains(Some(active)) && !active.is_same_node(Some(main))
            }
            _ => false,
        };
        if focused_inside {
            return;
        }
        let heading = document()
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<leptos::web_sys::HtmlElement>().ok());
        match heading {
            Some(h1) => {
                if !h1.has_attribute("tabindex") {
                    let _ = h1.set_attribute("tabindex", "-1");
                }
                let _ = h1.focus();
            }
            None if tries > 0 => focus_heading_when_shown(tries - 1),
            None => {}
        }
    });
}
