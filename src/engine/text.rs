//! Languages and localised texts (`{ de = "…", en = "…" }` in scenario files).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A language the app's UI and scenarios can use. German is the default.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code))
    }

    /// Picks a language from a BCP 47 tag such as `en-GB` or `de-AT`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::from_code(tag.split(['-', '_']).next().unwrap_or(""))
    }
}

/// A text in one or more languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text(BTreeMap<Lang, String>);

impl Text {
    pub fn new(entries: impl IntoIterator<Item = (Lang, String)>) -> Self {
        Text(entries.into_iter().collect())
    }

    /// The text in `lang`, or in any language the text has (German first).
    pub fn get(&self, lang: Lang) -> &str {
        self.0
            .get(&lang)
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn has(&self, lang: Lang) -> bool {
        self.0.contains_key(&lang)
    }
}
