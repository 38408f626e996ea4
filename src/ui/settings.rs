//! Display settings — text size, reduced motion, high contrast — applied as
//! classes on `<html>` and remembered in localStorage; and how the trainee
//! replies: choosing, or in their own words (issue #23), with the typed words
//! kept only if they agree.

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
    /// "In eigenen Worten antworten": type a reply before seeing the replies.
    pub own_words: bool,
    /// Keep the typed words in this browser's storage (off by default).
    pub keep_own_words: bool,
}

counterpart::json_object!(DisplaySettings {
    text_size: "text_size" or_default,
    reduce_motion: "reduce_motion" or_default,
    high_contrast: "high_contrast" or_default,
    own_words: "own_words" or_default,
    keep_own_words: "keep_own_words" or_default,
});

impl DisplaySettings {
    pub fn load() -> DisplaySettings {
        storage::load_setting(storage::SETTINGS_KEY)
            .and_then(|raw| json::from_str(&raw).ok())
            .unwrap_or_default()
    }

    pub fn save(&self) {
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

/// One on/off setting: a labelled checkbox for the flag `field` picks;
/// `on_off` runs when it is switched off.
#[component]
fn Switch(
    settings: RwSignal<DisplaySettings>,
    field: fn(&mut DisplaySettings) -> &mut bool,
    label: (&'static str, &'static str),
    #[prop(optional)] on_off: Option<fn()>,
) -> impl IntoView {
    let lang = use_lang();
    view! {
        <label class="choice">
            <input type="checkbox" prop:checked=move || *field(&mut settings.get())
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    settings.update(|s| *field(s) = on);
                    if let (false, Some(off)) = (on, on_off) {
                        off();
                    }
                }/>
            {t(lang, label.0, label.1)}
        </label>
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
            <Switch settings=settings field=|s| &mut s.reduce_motion
                label=("Bewegung reduzieren (keine Animationen)", "Reduce motion (no animations)")/>
            <Switch settings=settings field=|s| &mut s.high_contrast
                label=("Hoher Kontrast", "High contrast")/>
            <h2>{t(lang, "Antworten", "Replies")}</h2>
            <Switch settings=settings field=|s| &mut s.own_words
                label=("In eigenen Worten antworten (erst tippen, dann die passende Antwort wählen)", "Answer in your own words (type first, then pick the matching reply)")/>
            // Withdrawn consent: the kept words go at once.
            <Switch settings=settings field=|s| &mut s.keep_own_words
                label=("Meine getippten Antworten in diesem Browser aufbewahren (sonst nur bis zum Ende des Gesprächs)", "Keep my typed replies in this browser (otherwise only until the conversation ends)")
                on_off=storage::forget_own_words/>
            <p class="lead">{t(lang, "Getippte Antworten verlassen nie diesen Browser: Sie werden weder gesendet noch an eine Lernplattform gemeldet.", "Typed replies never leave this browser: they are neither sent nor reported to a learning platform.")}</p>
            <p class="lead">{t(lang, "Die Einstellungen gelten sofort und bleiben in diesem Browser gespeichert.", "Settings apply at once and are kept in this browser.")}</p>
        </section>
    }
}
