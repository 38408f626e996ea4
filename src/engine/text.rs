//! Languages and localised texts (`{ de = "…", en = "…" }` in scenario files).

use super::json::{FromJson, Json, JsonKey, ToJson};
use std::collections::BTreeMap;

/// A language the app's UI and scenarios can use. German is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    /// The German or the English version of a UI string.
    pub fn pick<'a>(self, de: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::De => de,
            Lang::En => en,
        }
    }

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
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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

    /// Keeps only `lang` (all languages if the text lacks it).
    pub fn keep_only(&mut self, lang: Lang) {
        if self.has(lang) {
            self.0.retain(|l, _| *l == lang);
        }
    }

    /// Adds the languages of `other` this text does not have yet.
    pub fn absorb(&mut self, other: Text) {
        for (lang, text) in other.0 {
            self.0.entry(lang).or_insert(text);
        }
    }
}

/// A language is stored by its code (`"de"`), also as an object key.
impl JsonKey for Lang {
    fn from_key(key: &str) -> Result<Self, String> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code() == key)
            .ok_or_else(|| format!("unknown language `{key}`"))
    }
    fn key(&self) -> &str {
        self.code()
    }
}

impl FromJson for Lang {
    fn from_json(value: &Json) -> Result<Self, String> {
        Lang::from_key(&String::from_json(value)?)
    }
}

impl ToJson for Lang {
    fn write_json(&self, out: &mut String) {
        self.code().write_json(out);
    }
}

// Stored as `{"de": "…", "en": "…"}`.
crate::json_transparent!(Text);

/// A count with its noun in the right number: `counted(Lang::De, 1,
/// ("Gespräch", "Gespräche"), ("conversation", "conversations"))` is
/// "1 Gespräch". German and English both use the singular for exactly one.
pub fn counted(lang: Lang, n: usize, de: (&str, &str), en: (&str, &str)) -> String {
    let (one, many) = match lang {
        Lang::De => de,
        Lang::En => en,
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod count_tests {
    use super::*;

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        let nouns = (("Gespräch", "Gespräche"), ("conversation", "conversations"));
        assert_eq!(counted(Lang::De, 1, nouns.0, nouns.1), "1 Gespräch");
        assert_eq!(counted(Lang::De, 2, nouns.0, nouns.1), "2 Gespräche");
        assert_eq!(counted(Lang::De, 0, nouns.0, nouns.1), "0 Gespräche");
        assert_eq!(counted(Lang::En, 1, nouns.0, nouns.1), "1 conversation");
        assert_eq!(counted(Lang::En, 2, nouns.0, nouns.1), "2 conversations");
    }
}
