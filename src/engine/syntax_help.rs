//! Explains a TOML syntax error in plain words, in German and English, with
//! the fix: where the slip really is (the quote that ended a text early, the
//! line that lacks its `}`), not where the parser noticed it.

use super::diagnostic::Bilingual;
use crate::say;

/// Quotes a word processor types for `"`; fine inside a text, not around it.
const TYPOGRAPHIC_QUOTES: &[char] = &['„', '“', '”', '‚', '‘', '’', '»', '«'];
/// The typographic minus (U+2212), en and em dash: not a number's sign.
const DASHES: &[char] = &['−', '–', '—'];

/// Where a syntax error sits (byte offset), what it is and how to fix it.
/// `at` and `parser_says` are the parser's first error: its offset and its
/// (English) message.
pub fn explain(source: &str, at: usize, parser_says: &str) -> (usize, Bilingual, Bilingual) {
    let Some(rest) = source.get(at..) else {
        return unexplained(0, parser_says);
    };
    let c = rest.chars().next();
    if let Some(q) = c.filter(|c| TYPOGRAPHIC_QUOTES.contains(c)) {
        return typographic_quote(at, q);
    }
    if let Some(d) = c.filter(|c| DASHES.contains(c)) {
        return (
            at,
            say!(
                "`{d}` is a typographic minus or dash, not the minus sign of a number",
                "`{d}` ist ein typografisches Minus oder ein Gedankenstrich, kein Minuszeichen für Zahlen"
            ),
            say!(
                "type the ordinary minus `-` right before the digits: `-15`",
                "Tippen Sie das gewöhnliche Minus `-` direkt vor die Ziffern: `-15`"
            ),
        );
    }
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = source[line_start..at].trim_end_matches([' ', '\t']);
    let rest_of_line = rest.lines().next().unwrap_or("");
    // `"Sie sagte "nein" zu mir."` (or `""nein""`, as in a spreadsheet): the
    // parser stops at `nein`; the slip is the quote before it. A key and `=`
    // after a text, or a text after a text and a space, is a missing comma.
    let glued = before.len() == at - line_start;
    if before.ends_with('"')
        && c.is_some_and(|c| !",]}#=\r\n".contains(c) && (c != '"' || glued))
        && rest_of_line.contains('"')
        && !starts_key_value(rest)
    {
        let quote = line_start + before.len() - 1;
        if let Some(found) = meant_to_close(source, quote) {
            return found;
        }
        return (
            quote,
            say!(
                "a straight quote `\"` ends the text here",
                "ein gerades Anführungszeichen `\"` beendet hier den Text"
            ),
            say!(
                "inside a text write “…” (typographic quotes) or `\\\"…\\\"`",
                "Schreiben Sie im Text „…“ (typografische Anführungszeichen) oder `\\\"…\\\"`"
            ),
        );
    }
    let here = scan(source, at);
    let line_ends = c.is_none_or(|c| "\r\n#,}]".contains(c));
    if here.in_text && line_ends {
        return meant_to_close(source, at).unwrap_or_else(|| {
            (
                at,
                say!(
                    "the text is not closed: the straight quote `\"` at its end is missing",
                    "der Text ist nicht abgeschlossen: das gerade Anführungszeichen `\"` am Ende fehlt"
                ),
                say!(
                    "end the text on the same line with `\"`",
                    "Schließen Sie den Text in derselben Zeile mit `\"` ab"
                ),
            )
        });
    }
    // A `}` or `]` is missing if the parser hits the other closer, says so,
    // or meets the next `key =` or `[header]` inside a bracket left open.
    if let Some(&(open, _)) = here.open.last() {
        let wrong_closer = matches!((open, c), (b'{', Some(']')) | (b'[', Some('}')));
        if wrong_closer || parser_says.starts_with("unclosed") {
            return missing_closer(source, &here);
        }
    }
    let from_line = &source[line_start..];
    let first = from_line.trim_start_matches([' ', '\t']);
    let at_first_token = line_start + from_line.len() - first.len() == at;
    let above = scan(source, line_start);
    if !above.open.is_empty()
        && (first.starts_with('[') || at_first_token && starts_key_value(first))
    {
        return missing_closer(source, &above);
    }
    if let Some(ch) = c.filter(|&ch| !is_letter(ch) && !"\"'[]{}=,.#-+_ \t\r\n".contains(ch)) {
        let code = format!("U+{:04X}", ch as u32);
        return (
            at,
            say!(
                "the character `{ch}` ({code}) is not allowed here",
                "das Zeichen `{ch}` ({code}) ist hier nicht erlaubt"
            ),
            say!(
                "delete it; if you see nothing there, retype the spaces around it",
                "Löschen Sie es; sehen Sie dort nichts, tippen Sie die Leerzeichen ringsum neu"
            ),
        );
    }
    let what = parser_says
        .split(", expected")
        .next()
        .unwrap_or(parser_says);
    match what {
        "duplicate key" => {
            let key = rest
                .trim_start_matches(['"', '\''])
                .split(|ch: char| !(ch.is_ascii_alphanumeric() || "_-.".contains(ch)))
                .next()
                .unwrap_or("");
            (
                at,
                say!(
                    "`{key}` is set twice in the same table",
                    "`{key}` ist im selben Abschnitt doppelt angegeben"
                ),
                say!(
                    "keep one; if a new reply starts here, the `[[node.reply]]` line above it is missing",
                    "Behalten Sie eine Angabe; beginnt hier eine neue Antwort, fehlt darüber die Zeile `[[node.reply]]`"
                ),
            )
        }
        "key with no value" | "missing assignment between key-value pairs" => (
            here.content_end,
            say!(
                "the `=` between field and value is missing",
                "hier fehlt das `=` zwischen Feld und Wert"
            ),
            say!(
                "write `field = value`, e.g. `rating = \"good\"`",
                "Schreiben Sie `Feld = Wert`, z. B. `rating = \"good\"`"
            ),
        ),
        "extra `=`" | "extra assignment between key-value pairs" => (
            at,
            say!("one `=` too many", "ein `=` zu viel"),
            say!(
                "write exactly one `=` between field and value",
                "Schreiben Sie genau ein `=` zwischen Feld und Wert"
            ),
        ),
        "missing value" | "missing value for key" | "string values must be quoted" if line_ends => {
            (
                at,
                say!(
                    "the value after `=` is missing",
                    "nach dem `=` fehlt der Wert"
                ),
                say!(
                    "write the value after `=`, e.g. `difficulty = 1`",
                    "Schreiben Sie den Wert hinter das `=`, z. B. `difficulty = 1`"
                ),
            )
        }
        // A bare word, or a number with something stuck to it (`1 2`, `15%`).
        "string values must be quoted" => (
            at,
            say!(
                "this value is neither a text in straight quotes `\"…\"` nor a number",
                "dieser Wert ist weder ein Text in geraden Anführungszeichen `\"…\"` noch eine Zahl"
            ),
            say!(
                "write e.g. `rating = \"good\"` or `mood_change = -15`",
                "Schreiben Sie z. B. `rating = \"good\"` oder `mood_change = -15`"
            ),
        ),
        "missing comma between array elements" | "missing comma between key-value pairs" => (
            here.content_end,
            say!("a comma `,` is missing here", "hier fehlt ein Komma `,`"),
            say!(
                "separate the entries with `,`",
                "Trennen Sie die Einträge mit `,`"
            ),
        ),
        "missing escaped value" => (
            source[..at].rfind('\\').unwrap_or(at),
            say!(
                "a backslash `\\` in a text must be followed by `\"` or `\\`",
                "auf einen Rückstrich `\\` im Text muss `\"` oder `\\` folgen"
            ),
            say!(
                "write `\\\\` for a backslash itself",
                "Schreiben Sie `\\\\` für einen Rückstrich selbst"
            ),
        ),
        "unexpected key or value" => (
            at,
            say!(
                "unexpected text after the value",
                "unerwarteter Text nach dem Wert"
            ),
            say!(
                "one `field = value` per line; remarks go after `#`",
                "Pro Zeile ein `Feld = Wert`; Anmerkungen stehen hinter `#`"
            ),
        ),
        _ => unexplained(at, parser_says),
    }
}

/// `"Hallo“, en = "Hello" }` or `"Hallo“ }`: the text that runs up to `end`
/// holds a typographic quote that was meant to close it.
fn meant_to_close(source: &str, end: usize) -> Option<(usize, Bilingual, Bilingual)> {
    let opened = scan(source, end).string_start + 1;
    let text = source.get(opened..end).filter(|t| !t.contains('\n'))?;
    text.char_indices().find_map(|(i, q)| {
        let after = text[i + q.len_utf8()..].trim_start();
        let closes = after.starts_with(['}', ']'])
            || after
                .strip_prefix(',')
                .is_some_and(|a| starts_key_value(a.trim_start()));
        (TYPOGRAPHIC_QUOTES.contains(&q) && closes).then(|| typographic_quote(opened + i, q))
    })
}

/// Any other syntax error: a plain sentence, with the parser's words as the hint.
fn unexplained(at: usize, parser_says: &str) -> (usize, Bilingual, Bilingual) {
    (
        at,
        say!(
            "the file cannot be read as TOML here",
            "die Datei lässt sich an dieser Stelle nicht als TOML lesen"
        ),
        say!(
            "check the spelling here (the TOML reader says: {parser_says})",
            "Prüfen Sie die Schreibweise an dieser Stelle (der TOML-Leser meldet: {parser_says})"
        ),
    )
}

fn typographic_quote(at: usize, q: char) -> (usize, Bilingual, Bilingual) {
    (
        at,
        say!(
            "a value must start and end with a straight quote `\"`, not with `{q}`",
            "ein Wert muss mit einem geraden Anführungszeichen `\"` beginnen und enden, nicht mit `{q}`"
        ),
        say!(
            "type the straight `\"` (a word processor changes it; use a text editor); „…“ and “…” only inside a text",
            "Tippen Sie das gerade `\"` (eine Textverarbeitung ändert es; nehmen Sie einen Texteditor); „…“ und “…” nur im Text"
        ),
    )
}

/// The innermost bracket left open in `scan`, reported right after the last
/// thing written before the error: where its closer belongs.
fn missing_closer(source: &str, scan: &Scan) -> (usize, Bilingual, Bilingual) {
    let (open, opened) = scan.open.last().copied().unwrap_or((b'[', 0));
    let line = source.as_bytes()[..opened]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    let (message, hint) = if open == b'{' {
        (
            say!(
                "a closing brace `}}` is missing here, for the one opened on line {line}",
                "hier fehlt eine schließende geschweifte Klammer `}}` zu der in Zeile {line} geöffneten"
            ),
            say!(
                "e.g. `text = {{ de = \"…\", en = \"…\" }}`",
                "z. B. `text = {{ de = \"…\", en = \"…\" }}`"
            ),
        )
    } else {
        (
            say!(
                "a closing bracket `]` is missing here, for the one opened on line {line}",
                "hier fehlt eine schließende eckige Klammer `]` zu der in Zeile {line} geöffneten"
            ),
            say!(
                "e.g. `techniques = [\"calm\"]` or `[[node.reply]]`",
                "z. B. `techniques = [\"calm\"]` oder `[[node.reply]]`"
            ),
        )
    };
    (scan.content_end, message, hint)
}

/// A letter or digit (ASCII, or Latin-1/Latin Extended as in German words),
/// without Unicode's tables, which would grow the import worker.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('\u{c0}'..='\u{24f}').contains(&c) && c != '×' && c != '÷'
}

/// `name =` or `a.b =` at the start of `s`: a key and its value's `=`.
fn starts_key_value(s: &str) -> bool {
    let key = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || "_-.".contains(c)))
        .unwrap_or(s.len());
    key > 0 && s[key..].trim_start_matches([' ', '\t']).starts_with('=')
}

/// What a reader of `source` up to a byte offset has seen.
struct Scan {
    /// Brackets still open (`[` or `{`) with their offsets, innermost last.
    open: Vec<(u8, usize)>,
    /// The offset just after the last character that is not blank or a comment.
    content_end: usize,
    /// Where the last string began (its opening quote).
    string_start: usize,
    /// Whether that string is still open at the end.
    in_text: bool,
}

/// Reads `source` up to `end` as TOML's lexer would, minding strings and
/// comments. Before the parser's first error the text is well-formed, so
/// this simple reading agrees with the parser's.
fn scan(source: &str, end: usize) -> Scan {
    let bytes = &source.as_bytes()[..end.min(source.len())];
    let mut s = Scan {
        open: Vec::new(),
        content_end: 0,
        string_start: 0,
        in_text: false,
    };
    let mut quote: Option<&[u8]> = None;
    let mut comment = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == b'\\' && q[0] == b'"' {
                i += 2;
            } else if bytes[i..].starts_with(q) {
                quote = None;
                i += q.len();
                s.content_end = i;
            } else {
                // A one-line string that never closed: the parser said so.
                if b == b'\n' && q.len() == 1 {
                    quote = None;
                }
                i += 1;
            }
            continue;
        }
        if comment || b == b'#' {
            comment = b != b'\n';
            i += 1;
            continue;
        }
        match b {
            b'"' | b'\'' => {
                let q: &[u8] = match (b, bytes[i..].starts_with(&[b; 3])) {
                    (b'"', true) => b"\"\"\"",
                    (_, true) => b"'''",
                    (b'"', false) => b"\"",
                    _ => b"'",
                };
                s.string_start = i;
                quote = Some(q);
                i += q.len();
                continue;
            }
            b'[' | b'{' => s.open.push((b, i)),
            b']' | b'}' => {
                s.open.pop();
            }
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            s.content_end = i + 1;
        }
        i += 1;
    }
    s.in_text = quote.is_some();
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{LoadError, load};

    /// The one error `load` reports for `source`: line, column, message, hint.
    fn first(source: &str) -> (usize, usize, Bilingual, Bilingual) {
        let Err(LoadError(found)) = load("t.toml", source) else {
            panic!("must fail: {source}");
        };
        assert_eq!(found.len(), 1, "one error: {found:#?}");
        let d = &found[0];
        let hint = d.hint.clone().unwrap_or_default();
        (d.location.line, d.location.column, d.message.clone(), hint)
    }

    #[test]
    fn the_common_slips_are_named_in_german() {
        let (line, column, m, hint) = first("a = { de = \"Sie sagte \"nein\" zu mir.\" }\n");
        assert_eq!((line, column), (1, 23));
        assert_eq!(
            m.de,
            "ein gerades Anführungszeichen `\"` beendet hier den Text"
        );
        assert_eq!(
            hint.de,
            "Schreiben Sie im Text „…“ (typografische Anführungszeichen) oder `\\\"…\\\"`"
        );
        let (_, column, m, _) = first("a = { de = „Hallo“ }\n");
        assert_eq!(column, 12);
        assert!(m.de.starts_with(
            "ein Wert muss mit einem geraden Anführungszeichen `\"` beginnen und enden"
        ));
        let (_, column, m, hint) = first("mood_change = −15\n");
        assert_eq!(column, 15);
        assert!(
            m.de.starts_with("`−` ist ein typografisches Minus"),
            "{m:?}"
        );
        assert!(hint.de.starts_with("Tippen Sie das gewöhnliche Minus `-`"));
        let (line, column, m, _) = first("\n\na = { de = \"x\"\nb = 1\n");
        assert_eq!((line, column), (3, 15));
        assert_eq!(
            m.de,
            "hier fehlt eine schließende geschweifte Klammer `}` zu der in Zeile 3 geöffneten"
        );
    }

    #[test]
    fn a_typographic_quote_meant_to_close_a_text_is_found() {
        let (_, column, m, _) = first("a = { de = \"Hallo“, en = \"Hello\" }\n");
        assert_eq!(column, 18);
        assert!(m.en.ends_with("not with `“`"), "{m:?}");
        let (_, column, _, _) = first("a = { de = \"Hallo“ }\n");
        assert_eq!(column, 18);
        // Typographic quotes inside the text are fine; the straight one is the slip.
        let (_, column, m, _) = first("a = { de = \"Sie sagte „nein“, dann \"ging\" sie.\" }\n");
        assert_eq!(column, 36);
        assert!(m.en.starts_with("a straight quote"), "{m:?}");
    }

    #[test]
    fn a_key_after_a_text_is_a_missing_comma_not_a_stray_quote() {
        let (_, column, m, _) = first("a = { de = \"Hallo\" en = \"Hello\" }\n");
        assert_eq!((column, m.de.as_str()), (19, "hier fehlt ein Komma `,`"));
        let (_, column, m, _) = first("a = [\"calm\" \"empathy\"]\n");
        assert_eq!((column, m.de.as_str()), (12, "hier fehlt ein Komma `,`"));
        // Doubled quotes, as a spreadsheet writes them, are a stray quote.
        let (_, column, m, _) = first("a = { de = \"Sie sagte \"\"nein\"\".\" }\n");
        assert_eq!(column, 23);
        assert!(m.en.starts_with("a straight quote"), "{m:?}");
    }

    #[test]
    fn a_missing_bracket_is_reported_where_it_belongs() {
        // A list over several lines that the next header runs into.
        let (line, column, m, _) =
            first("lines = [\n  { de = \"a\" },\n  { de = \"b\" },\n\n[[node.reply]]\n");
        assert_eq!((line, column), (3, 16));
        assert_eq!(
            m.en,
            "a closing bracket `]` is missing here, for the one opened on line 1"
        );
        // A header left open, and a `{` closed with `]`.
        let (line, column, _, _) = first("[scenario\ntitle = 1\n");
        assert_eq!((line, column), (1, 10));
        let (_, column, m, _) = first("a = [{ de = \"a\" ]\n");
        assert_eq!(column, 16);
        assert!(m.en.starts_with("a closing brace `}` is missing"), "{m:?}");
    }

    #[test]
    fn an_invisible_character_is_named_by_its_code() {
        let (_, column, m, _) = first("difficulty =\u{a0}1\n");
        assert_eq!(column, 13);
        assert!(m.en.contains("(U+00A0)"), "{m:?}");
    }

    #[test]
    fn other_errors_keep_the_parsers_words_in_the_hint() {
        let (_, _, m, hint) = first("a = \"x\\u12\"\n");
        assert_eq!(
            m.de,
            "die Datei lässt sich an dieser Stelle nicht als TOML lesen"
        );
        assert!(hint.de.contains("too few unicode value digits"), "{hint:?}");
    }

    #[test]
    fn offsets_beyond_or_inside_a_character_do_not_panic() {
        explain("ü", 1, "x");
        explain("a", 7, "x");
        explain("", 0, "unclosed table");
    }
}
