//! The author screens' stylesheet (`author.css`), added to the page when the
//! preview or the editor is first shown, so a trainee's first load never
//! carries it. The single-file build inlines it (`<style data-author-css>`).

/// Adds `<link rel="stylesheet" href="author.css">` unless the page has it.
pub fn load_author_styles() {
    let document = leptos::prelude::document();
    let present = document
        .query_selector("[data-author-css]")
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
    let _ = link.set_attribute("href", "author.css");
    let _ = link.set_attribute("data-author-css", "");
    let _ = head.append_child(&link);
}
