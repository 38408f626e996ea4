//! Languages and localised texts (`{ de = "…", en = "…" }` in scenario files).

use super::json::{FromJson, Json, JsonKey, ObjectWriter, ToJson};
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

/// A text in one or more languages: one slot per language of [`Lang::ALL`]
/// (a map would cost an allocation per text; a scenario has thousands).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text([Option<String>; Lang::ALL.len()]);

impl Lang {
    fn slot(self) -> usize {
        self as usize
    }
}

impl Text {
    pub fn new(entries: impl IntoIterator<Item = (Lang, String)>) -> Self {
        let mut text = Text::default();
        for (lang, s) in entries {
            text.0[lang.slot()] = Some(s);
        }
        text
    }

    /// The text in `lang`, or in any language the text has (German first).
    pub fn get(&self, lang: Lang) -> &str {
        self.0[lang.slot()]
            .as_deref()
            .or_else(|| self.0.iter().flatten().next().map(String::as_str))
            .unwrap_or("")
    }

    pub fn has(&self, lang: Lang) -> bool {
        self.0[lang.slot()].is_some()
    }

    /// Keeps only `lang` (all languages if the text lacks it).
    pub fn keep_only(&mut self, lang: Lang) {
        if self.has(lang) {
            for (slot, s) in self.0.iter_mut().enumerate() {
                if slot != lang.slot() {
                    *s = None;
                }
            }
        }
    }

    /// Adds the languages of `other` this text does not have yet.
    pub fn absorb(&mut self, other: Text) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            if mine.is_none() {
                *mine = theirs;
            }
        }
    }

    /// The languages the text has, with their texts, German first.
    fn entries(&self) -> impl Iterator<Item = (Lang, &String)> {
        Lang::ALL
            .into_iter()
            .zip(&self.0)
            .filter_map(|(lang, s)| s.as_ref().map(|s| (lang, s)))
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

// Stored as `{"de": "…", "en": "…"}`, the languages in the order of `Lang`.
impl FromJson for Text {
    fn from_json(value: &Json) -> Result<Self, String> {
        BTreeMap::<Lang, String>::from_json(value).map(Text::new)
    }
}

impl ToJson for Text {
    fn write_json(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        for (lang, text) in self.entries() {
            object.field(lang.key(), text);
        }
        object.end();
    }
}

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
