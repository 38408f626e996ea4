//! Problems found in a scenario file, each with file, line, column and a hint.

use std::fmt;

/// Where a problem sits in a source file (1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

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
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: error: {}",
            self.file, self.location.line, self.location.column, self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
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
    pub fn error(&mut self, offset: usize, message: impl Into<String>, hint: Option<String>) {
        let location = self.map.locate(self.text, offset);
        self.found.push(Diagnostic {
            file: self.file.clone(),
            location,
            message: message.into(),
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

    #[test]
    fn displays_compiler_style() {
        let d = Diagnostic {
            file: "x.toml".into(),
            location: Location { line: 3, column: 7 },
            message: "unknown field `nxt`".into(),
            hint: Some("did you mean `next`?".into()),
        };
        assert_eq!(
            d.to_string(),
            "x.toml:3:7: error: unknown field `nxt`\n  = hint: did you mean `next`?"
        );
    }
}
