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

/// Keyboard focus that lands under the sticky customer panel is scrolled
/// clear of it (WCAG 2.4.11). Only keyboard focus (`:focus-visible`): a click
/// must not move the page under the pointer. Done here rather than with CSS
/// `scroll-margin`, which WebKitGTK's WebDriver mis-scrolls on every click.
pub fn scroll_clear_of_panel(ev: leptos::web_sys::FocusEvent) {
    use leptos::wasm_bindgen::JsCast;
    let Some(focused) = ev
        .target()
        .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
    else {
        return;
    };
    if !focused.matches(":focus-visible").unwrap_or(false) {
        return;
    }
    let Some(panel) = document().query_selector(".customer-panel").ok().flatten() else {
        return;
    };
    let sticky = window()
        .get_computed_style(&panel)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("position").ok())
        .is_some_and(|position| position == "sticky");
    if !sticky || panel.contains(Some(&focused)) {
        return;
    }
    let (cover, at) = (
        panel.get_bounding_client_rect(),
        focused.get_bounding_client_rect(),
    );
    if at.top() < cover.bottom() && at.bottom() > cover.top() {
        window().scroll_by_with_x_and_y(0.0, at.top() - cover.bottom() - 8.0);
    }
}
