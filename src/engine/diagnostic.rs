//! Problems found in a scenario file, each with file, line, column and a hint,
//! worded in English and German.

use super::text::Lang;
use std::fmt;

/// A message of the program itself (not scenario content) in both languages.
///
/// Not a [`super::Text`]: a `Text` is a map because a scenario file may
/// declare only some languages, while the program always speaks both. Two
/// plain fields make a forgotten German text a compile error instead of a
/// silent fallback. Build one with [`say!`](crate::say) where the problem is
/// found, so there is no separate catalogue of messages to keep in sync.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bilingual {
    pub en: String,
    pub de: String,
}

impl Bilingual {
    /// A name that is code and reads the same in both languages, such as
    /// "`next`" or "[[node]]".
    pub fn both(code: &str) -> Bilingual {
        Bilingual {
            en: code.to_string(),
            de: code.to_string(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }
}

/// `say!("English {x}", "Deutsch {x}")`: a [`Bilingual`] from two format
/// strings (English first, as in the surrounding code). Both may use the
/// variables in scope by name; there are no positional arguments, so each
/// language can place them where its grammar wants them.
#[macro_export]
macro_rules! say {
    ($en:literal, $de:literal $(,)?) => {
        $crate::engine::diagnostic::Bilingual {
            en: format!($en),
            de: format!($de),
        }
    };
}

/// Where a problem sits in a source file (1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

// How a problem travels from the import worker to the page (`import_check.rs`).
crate::json_object!(Bilingual [deny_unknown] { en: "en", de: "de" });
crate::json_object!(Location [deny_unknown] { line: "line", column: "column" });
crate::json_object!(Diagnostic [deny_unknown] {
    file: "file",
    location: "location",
    message: "message",
    hint: "hint" omitted_if_empty,
});

/// Turns byte offsets into line/column positions for one source text.
pub struct SourceMap {
    line_starts: Vec<usize>,
    text_len: usize,
}

impl SourceMap {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceMap {
            line_starts,
            text_len: text.len(),
        }
    }

    /// The location of a byte offset; columns count characters, not bytes,
    /// so an umlaut before the error does not shift the caret.
    pub fn locate(&self, text: &str, offset: usize) -> Location {
        let offset = offset.min(self.text_len);
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.line_starts[line_index];
        let column = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - start);
        Location {
            line: line_index + 1,
            column: column + 1,
        }
    }
}

/// One problem in one file. Messages are lower-case; the hint says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub location: Location,
    pub message: Bilingual,
    pub hint: Option<Bilingual>,
}

impl Diagnostic {
    /// Compiler-style, in `lang`: `file:3:7: error: …` with `  = hint: …`
    /// below (`Fehler` and `Hinweis` in German).
    pub fn render(&self, lang: Lang) -> String {
        let (error, hint) = match lang {
            Lang::De => ("Fehler", "Hinweis"),
            Lang::En => ("error", "hint"),
        };
        let mut out = format!(
            "{}:{}:{}: {error}: {}",
            self.file,
            self.location.line,
            self.location.column,
            self.message.get(lang)
        );
        if let Some(h) = &self.hint {
            out.push_str(&format!("\n  = {hint}: {}", h.get(lang)));
        }
        out
    }
}

/// English, as [`Diagnostic::render`] with [`Lang::En`].
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Collects diagnostics for one file while it is read and checked.
pub struct Diagnostics<'s> {
    file: String,
    text: &'s str,
    map: SourceMap,
    found: Vec<Diagnostic>,
}

impl<'s> Diagnostics<'s> {
    pub fn new(file: &str, text: &'s str) -> Self {
        Diagnostics {
            file: file.to_string(),
            text,
            map: SourceMap::new(text),
            found: Vec::new(),
        }
    }

    /// Records a problem at a byte offset of the source.
    pub fn error(&mut self, offset: usize, message: Bilingual, hint: Option<Bilingual>) {
        let location = self.map.locate(self.text, offset);
        self.found.push(Diagnostic {
            file: self.file.clone(),
            location,
            message,
            hint,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// All problems, in the order they appear in the file.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.found.sort_by_key(|d| d.location);
        self.found.dedup();
        self.found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_character_columns() {
        let text = "a = 1\nüber = 2\n";
        let map = SourceMap::new(text);
        assert_eq!(map.locate(text, 0), Location { line: 1, column: 1 });
        assert_eq!(map.locate(text, 6), Location { line: 2, column: 1 });
        // "über" has a two-byte ü: the '=' is the 6th character.
        let eq = text.find("= 2").unwrap();
        assert_eq!(map.locate(text, eq), Location { line: 2, column: 6 });
    }

    fn example() -> Diagnostic {
        let near = "next";
        Diagnostic {
            file: "x.toml".into(),
            location: Location { line: 3, column: 7 },
            message: crate::say!("unknown field `nxt`", "unbekanntes Feld `nxt`"),
            hint: Some(crate::say!(
                "did you mean `{near}`?",
                "Meinten Sie `{near}`?"
            )),
        }
    }

    #[test]
    fn displays_compiler_style() {
        assert_eq!(
            example().to_string(),
            "x.toml:3:7: error: unknown field `nxt`\n  = hint: did you mean `next`?"
        );
    }

    #[test]
    fn renders_in_german() {
        assert_eq!(
            example().render(Lang::De),
            "x.toml:3:7: Fehler: unbekanntes Feld `nxt`\n  = Hinweis: Meinten Sie `next`?"
        );
        assert_eq!(example().render(Lang::En), example().to_string());
    }
}
