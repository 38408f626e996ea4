//! The seminar screens' stylesheet (`seminar.css`: the facilitator view and
//! the class debrief), added to the page when one of them is first shown, so
//! no first load carries it. The single-file build inlines it
//! (`<style data-seminar-css>`), as it does `author.css`.

/// Adds `<link rel="stylesheet" href="seminar.css">` unless the page has it.
pub fn load_seminar_styles() {
    let document = leptos::prelude::document();
    let present = document
        .query_selector("[data-seminar-css]")
        .ok()
        .flatten()
        .is_some();
    if present {
        return;
    }
    let (Ok(link), Some(head)) = (document.create_element("link"), document.head()) else {
        return;
    };
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", "seminar.css");
    let _ = link.set_attribute("data-seminar-css", "");
    let _ = head.append_child(&link);
}
