//! Display settings — text size, reduced motion, high contrast — applied as
//! classes on `<html>` and remembered in localStorage.

use super::use_lang;
use super::{t, tr};
use counterpart::engine::json;
use counterpart::web::storage;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DisplaySettings {
    /// 0 normal, 1 large, 2 larger.
    pub text_size: u8,
    pub reduce_motion: bool,
    pub high_contrast: bool,
}

counterpart::json_object!(DisplaySettings {
    text_size: "text_size" or_default,
    reduce_motion: "reduce_motion" or_default,
    high_contrast: "high_contrast" or_default,
});

impl DisplaySettings {
    pub fn load() -> DisplaySettings {
        storage::load_setting(storage::SETTINGS_KEY)
            .and_then(|raw| json::from_str(&raw).ok())
            .unwrap_or_default()
    }

    fn save(&self) {
        storage::save_setting(storage::SETTINGS_KEY, &json::to_string(self));
    }

    /// Sets the `<html>` classes the stylesheet reacts to.
    pub fn apply(&self) {
        if let Some(html) = document().document_element() {
            let classes = html.class_list();
            for (class, on) in [
                ("text-large", self.text_size == 1),
                ("text-larger", self.text_size >= 2),
                ("reduce-motion", self.reduce_motion),
                ("high-contrast", self.high_contrast),
            ] {
                let _ = if on {
                    classes.add_1(class)
                } else {
                    classes.remove_1(class)
                };
            }
        }
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let lang = use_lang();
    let settings = RwSignal::new(DisplaySettings::load());
    Effect::new(move |_| {
        let s = settings.get();
        s.apply();
        s.save();
    });
    let sizes = [
        (0u8, "Normal", "Normal"),
        (1, "Groß", "Large"),
        (2, "Sehr groß", "Larger"),
    ];
    view! {
        <section class="screen settings">
            <h1>{t(lang, "Anzeige", "Display")}</h1>
            <fieldset>
                <legend>{t(lang, "Textgröße", "Text size")}</legend>
                {sizes.into_iter().map(|(value, de, en)| view! {
                    <label class="choice">
                        <input type="radio" name="text-size" prop:checked=move || settings.get().text_size == value
                            on:change=move |_| settings.update(|s| s.text_size = value)/>
                        {move || tr(lang.get(), de, en)}
                    </label>
                }).collect::<Vec<_>>()}
            </fieldset>
            <label class="choice">
                <input type="checkbox" prop:checked=move || settings.get().reduce_motion
                    on:change=move |ev| settings.update(|s| s.reduce_motion = event_target_checked(&ev))/>
                {t(lang, "Bewegung reduzieren (keine Animationen)", "Reduce motion (no animations)")}
            </label>
            <label class="choice">
                <input type="checkbox" prop:checked=move || settings.get().high_contrast
                    on:change=move |ev| settings.update(|s| s.high_contrast = event_target_checked(&ev))/>
                {t(lang, "Hoher Kontrast", "High contrast")}
            </label>
            <p class="lead">{t(lang, "Die Einstellungen gelten sofort und bleiben in diesem Browser gespeichert.", "Settings apply at once and are kept in this browser.")}</p>
        </section>
    }
}
