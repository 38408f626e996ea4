//! A scenario file's TOML as a tree with spans, built from `toml_parser`'s events.
//!
//! Why not `toml::de::DeTable`: on a 10,000-node file the checker spent
//! about half its time building and dropping `DeTable` (a `BTreeMap` per
//! table, a key compare per lookup, a large node allocation per small
//! table). The scenario reader only needs to look keys up, walk tables in
//! some order and know where each key and value was written: here a table
//! is a `Vec` of entries in the order they were written, strings borrow
//! from the source unless they hold escapes, and a table of many keys gets
//! an index so a crafted file cannot make lookups quadratic.
//!
//! The tree is built exactly as `toml` 1.x builds its `DeTable` from the same
//! events (same recovery after a slip, same checks for duplicate keys and
//! redefined tables, in the same order, with the same messages and spans), so
//! the checker's first error, and [`super::syntax_help`]'s explanation of it,
//! are what they were with `toml`. Only the order of a table's entries
//! differs (written order instead of sorted), and the reader's messages are
//! sorted by position.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::{Deref, Range};
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Source};

/// A byte range in the source.
pub type Span = Range<usize>;

/// A key or value together with where it was written.
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    span: Span,
    value: T,
}

impl<T> Spanned<T> {
    pub fn new(span: Span, value: T) -> Self {
        Spanned { span, value }
    }

    pub fn span(&self) -> Span {
        self.span.clone()
    }

    pub fn get_ref(&self) -> &T {
        &self.value
    }

    pub fn into_inner(self) -> T {
        self.value
    }
}

/// A key as written (decoded: `"a b"` is `a b`).
pub type Key<'i> = Spanned<Cow<'i, str>>;

/// A TOML value.
#[derive(Debug, Clone)]
pub enum Value<'i> {
    String(Cow<'i, str>),
    Integer(Integer<'i>),
    /// A float as written; the scenario format has none, so only its type matters.
    Float(Cow<'i, str>),
    Boolean(bool),
    /// A date or time; the scenario format has none, so only its type matters.
    Datetime,
    Array(Array<'i>),
    Table(Table<'i>),
}

/// An integer's digits (without sign prefix such as `0x`) and radix.
#[derive(Debug, Clone)]
pub struct Integer<'i> {
    digits: Cow<'i, str>,
    radix: u32,
}

impl Integer<'_> {
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    pub fn radix(&self) -> u32 {
        self.radix
    }
}

impl<'i> Value<'i> {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_integer(&self) -> Option<&Integer<'i>> {
        match self {
            Value::Integer(i) => Some(i),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Array<'i>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_table(&self) -> Option<&Table<'i>> {
        match self {
            Value::Table(t) => Some(t),
            _ => None,
        }
    }

    /// The type's name in TOML's words, as `toml` names it.
    pub fn type_str(&self) -> &'static str {
        match self {
            Value::String(..) => "string",
            Value::Integer(..) => "integer",
            Value::Float(..) => "float",
            Value::Boolean(..) => "boolean",
            Value::Datetime => "datetime",
            Value::Array(..) => "array",
            Value::Table(..) => "table",
        }
    }
}

/// An array (`[1, 2]`) or an array of tables (`[[node]]`).
#[derive(Debug, Clone, Default)]
pub struct Array<'i> {
    items: Vec<Spanned<Value<'i>>>,
    of_tables: bool,
}

impl<'i> Deref for Array<'i> {
    type Target = [Spanned<Value<'i>>];

    fn deref(&self) -> &Self::Target {
        &self.items
    }
}

impl<'a, 'i> IntoIterator for &'a Array<'i> {
    type Item = &'a Spanned<Value<'i>>;
    type IntoIter = std::slice::Iter<'a, Spanned<Value<'i>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// Above this many keys a table keeps an index of them.
const INDEX_FROM: usize = 16;

/// A table: its entries in the order they were written.
#[derive(Debug, Clone, Default)]
pub struct Table<'i> {
    entries: Vec<(Key<'i>, Spanned<Value<'i>>)>,
    /// Key → position in `entries`, once the table has more than
    /// [`INDEX_FROM`] keys. Boxed: most tables never need one, and a bare
    /// `HashMap` would make every value in the tree 40 bytes larger.
    #[allow(clippy::box_collection)]
    index: Option<Box<HashMap<String, usize>>>,
    /// Created by a dotted key or a header's path, not by its own header.
    implicit: bool,
    /// Created by a dotted key (`a.b = 1`).
    dotted: bool,
    /// An inline table `{ … }`, closed once written.
    inline: bool,
}

impl<'i> Table<'i> {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Spanned<Value<'i>>> {
        self.position(key).map(|i| &self.entries[i].1)
    }

    /// The entries in the order they were written.
    pub fn iter(&self) -> impl Iterator<Item = (&Key<'i>, &Spanned<Value<'i>>)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.entries.iter().position(|(k, _)| k.value == key),
        }
    }

    /// Adds an entry whose key is not in the table yet.
    fn push(&mut self, key: Key<'i>, value: Spanned<Value<'i>>) -> usize {
        let at = self.entries.len();
        if let Some(index) = &mut self.index {
            index.insert(key.value.to_string(), at);
        }
        self.entries.push((key, value));
        if self.index.is_none() && self.entries.len() > INDEX_FROM {
            self.reindex();
        }
        at
    }

    fn reindex(&mut self) {
        self.index = Some(Box::new(
            self.entries
                .iter()
                .enumerate()
                .map(|(i, (k, _))| (k.value.to_string(), i))
                .collect(),
        ));
    }

    fn remove(&mut self, key: &str) -> Option<(Key<'i>, Spanned<Value<'i>>)> {
        let at = self.position(key)?;
        let removed = self.entries.remove(at);
        if self.index.is_some() {
            self.reindex();
        }
        Some(removed)
    }

    fn value_mut(&mut self, at: usize) -> &mut Spanned<Value<'i>> {
        &mut self.entries[at].1
    }
}

/// A syntax error: what `toml::de::Error` said for it, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    message: String,
    span: Option<Span>,
}

impl Error {
    fn new(error: &ParseError) -> Self {
        let mut message = String::from(error.description());
        if let Some(expected) = error.expected() {
            message.push_str(", expected ");
            if expected.is_empty() {
                message.push_str("nothing");
            } else {
                for (i, expected) in expected.iter().enumerate() {
                    if i != 0 {
                        message.push_str(", ");
                    }
                    match expected {
                        toml_parser::Expected::Literal(desc) => {
                            message.push_str(&render_literal(desc));
                        }
                        toml_parser::Expected::Description(desc) => message.push_str(desc),
                        _ => message.push_str("etc"),
                    }
                }
            }
        }
        Error {
            message,
            span: error.unexpected().map(|s| s.start()..s.end()),
        }
    }

    /// What went wrong, in `toml`'s words.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where, if the parser knows.
    pub fn span(&self) -> Option<Span> {
        self.span.clone()
    }
}

fn render_literal(literal: &str) -> String {
    match literal {
        "\n" => "newline".to_owned(),
        "`" => "'`'".to_owned(),
        s if s.chars().all(|c| c.is_ascii_control()) => {
            format!("`{}`", s.escape_debug())
        }
        s => format!("`{s}`"),
    }
}

/// Collects the errors as `toml`'s `TomlSink` does.
struct Errors(Vec<Error>);

impl ErrorSink for Errors {
    fn report_error(&mut self, error: ParseError) {
        self.0.push(Error::new(&error));
    }
}

/// How deep arrays and inline tables may nest, and dotted keys go (as in `toml`).
const LIMIT: u32 = 80;

/// Parses a document, going on after a slip: the tree and every error found.
///
/// The tree is built from the parser's events as they come: no list of
/// them is kept (on a 10,000-node file that list was 80 MB, and filling it
/// and reading it back took about a fifth of the checker's time). The
/// tree's own errors come after the parser's, as `toml` reports them.
pub fn parse_recoverable(input: &str) -> (Spanned<Table<'_>>, Vec<Error>) {
    let source = Source::new(input);
    parse_in_parts(source).unwrap_or_else(|| parse_whole(source))
}

/// About this many tokens (24 bytes each) make a part of [`parse_in_parts`]
/// (in the tests a part ends at every header, so that the comparisons with
/// `toml` below read every file in parts).
const PART_TOKENS: usize = if cfg!(test) { 1 } else { 1 << 16 };

/// Reads a file without slips a part at a time, so the lexer's tokens of
/// the whole file are never held at once (80 MB on a 10,000-node file).
/// A part ends before a `[` that starts a line outside any brackets: there,
/// in a file without slips, a header starts and the parser is between two
/// expressions, as at the start of a file. `None` if there is a slip: then
/// the file is read again in one go ([`parse_whole`]), so that the errors,
/// and how the parser goes on after them, are exactly those of one reading.
fn parse_in_parts(source: Source<'_>) -> Option<(Spanned<Table<'_>>, Vec<Error>)> {
    use toml_parser::lexer::TokenKind as T;
    let mut errors = Errors(Vec::new());
    let mut builder = Builder::new(source);
    let mut part = Vec::new();
    let mut depth = 0_i64;
    let mut line_start = true;
    for token in source.lex() {
        let kind = token.kind();
        if kind == T::LeftSquareBracket && depth == 0 && line_start && part.len() >= PART_TOKENS {
            parse_part(&part, source, &mut builder, &mut errors);
            if !errors.0.is_empty() {
                return None;
            }
            part.clear();
        }
        match kind {
            T::LeftSquareBracket | T::LeftCurlyBracket => depth += 1,
            T::RightSquareBracket | T::RightCurlyBracket => depth -= 1,
            _ => {}
        }
        line_start = kind == T::Newline;
        part.push(token);
    }
    parse_part(&part, source, &mut builder, &mut errors);
    let (document, tree_errors) = builder.finish();
    (errors.0.is_empty() && tree_errors.is_empty()).then_some((document, Vec::new()))
}

/// Parses the tokens of one part into `builder`.
fn parse_part<'i>(
    tokens: &[toml_parser::lexer::Token],
    source: Source<'i>,
    builder: &mut Builder<'i>,
    errors: &mut Errors,
) {
    let mut on_event = |event: Event| builder.event(event);
    let mut receiver = ValidateWhitespace::new(&mut on_event, source);
    let mut receiver = RecursionGuard::new(&mut receiver, LIMIT);
    toml_parser::parser::parse_document(tokens, &mut receiver, errors);
}

/// Reads the whole file in one go, with every error.
fn parse_whole(source: Source<'_>) -> (Spanned<Table<'_>>, Vec<Error>) {
    let mut errors = Errors(Vec::new());
    let tokens = source.lex().into_vec();
    let mut builder = Builder::new(source);
    parse_part(&tokens, source, &mut builder, &mut errors);
    drop(tokens);
    let (document, tree_errors) = builder.finish();
    errors.0.extend(tree_errors);
    (document, errors.0)
}

fn span_of(span: toml_parser::Span) -> Span {
    span.start()..span.end()
}

fn parser_span(span: &Span) -> toml_parser::Span {
    toml_parser::Span::new_unchecked(span.start, span.end)
}

fn duplicate_key(key: &Key, old: Option<&Span>) -> ParseError {
    let error = ParseError::new("duplicate key").with_unexpected(parser_span(&key.span));
    match old {
        Some(old) => error.with_context(parser_span(old)),
        None => error,
    }
}

/// Builds the tree from the parser's events, one at a time. `toml` reads
/// the finished list of events by recursive descent, looking up to two
/// events ahead; here what its functions would be in the middle of reading
/// is a stack of [`Frame`]s, and an event that only ends a key (the lookahead)
/// is handed on to what comes after the key.
struct Builder<'i> {
    source: Source<'i>,
    errors: Errors,
    state: State<'i>,
    /// What is being read, innermost last; empty between expressions.
    stack: Vec<Frame<'i>>,
    /// A key-value line went wrong: `toml` reads no further (the tree so
    /// far is kept).
    stopped: bool,
}

/// What is being read (each is one of `toml`'s reading functions).
enum Frame<'i> {
    /// `std-table = std-table-open key *( table-key-sep key) std-table-close`,
    /// and the same for `[[array-table]]`, up to the closing bracket.
    Header {
        is_array: bool,
        span: toml_parser::Span,
        path: Option<Vec<Key<'i>>>,
        key: Option<Key<'i>>,
    },
    /// `key = simple-key / dotted-key`.
    Key(KeyReader<'i>),
    /// A key at the top level; `=` comes next, after at most one space.
    BeforeEquals {
        path: Vec<Key<'i>>,
        key: Key<'i>,
        spaced: bool,
    },
    /// After `=`; the value comes next, after at most one space.
    AfterEquals {
        path: Vec<Key<'i>>,
        key: Key<'i>,
        spaced: bool,
    },
    /// The array or inline table above it is the value of this top-level key.
    KeyValue { path: Vec<Key<'i>>, key: Key<'i> },
    /// `array = array-open array-values array-close`
    Array {
        array: Array<'i>,
        open: toml_parser::Span,
        close: toml_parser::Span,
        current: Option<Spanned<Value<'i>>>,
    },
    /// `inline-table = inline-table-open [ inline-table-keyvals ] ws-comment-newline inline-table-close`
    InlineTable {
        table: Table<'i>,
        open: toml_parser::Span,
        close: toml_parser::Span,
        current_key: Option<(Vec<Key<'i>>, Key<'i>)>,
        current_value: Option<Spanned<Value<'i>>>,
    },
}

/// A key being read: the path to the last part, and the last part.
struct KeyReader<'i> {
    path: Vec<Key<'i>>,
    key: Option<Key<'i>>,
    /// The part read last, not decoded yet.
    current: Option<Event>,
    /// Just after a part: whether a `.` follows is not known yet.
    deciding: bool,
    /// A space read while deciding (a `.` may still follow it).
    space: Option<Event>,
}

impl<'i> KeyReader<'i> {
    fn new(first: Event) -> Self {
        KeyReader {
            path: Vec::new(),
            key: None,
            current: Some(first),
            deciding: true,
            space: None,
        }
    }

    /// Decodes the part read last: it becomes the key, and the key before
    /// it joins the path.
    fn close_part(&mut self, source: Source<'i>, errors: &mut dyn ErrorSink) {
        let Some(event) = self.current.take() else {
            return;
        };
        let raw = source.get(event).expect("event spans are in the source");
        let mut decoded = Cow::Borrowed("");
        raw.decode_key(&mut decoded, errors);
        if let Some(last) = self
            .key
            .replace(Spanned::new(span_of(event.span()), decoded))
        {
            self.path.push(last);
        }
    }
}

/// A value `toml` puts where none was written (`a =` at the end of the file).
fn missing_value<'i>() -> Spanned<Value<'i>> {
    Spanned::new(
        0..0,
        Value::Integer(Integer {
            digits: Cow::Borrowed("0"),
            radix: 10,
        }),
    )
}

impl<'i> Builder<'i> {
    fn new(source: Source<'i>) -> Self {
        Builder {
            source,
            errors: Errors(Vec::new()),
            state: State::default(),
            stack: Vec::new(),
            stopped: false,
        }
    }

    /// Reads one event.
    fn event(&mut self, event: Event) {
        use EventKind as K;
        if self.stopped {
            return;
        }
        let kind = event.kind();
        // `toml = expression *( newline expression )`
        let Some(frame) = self.stack.last_mut() else {
            match kind {
                K::StdTableOpen | K::ArrayTableOpen => {
                    self.state.finish_table(&mut self.errors);
                    self.stack.push(Frame::Header {
                        is_array: kind == K::ArrayTableOpen,
                        span: event.span(),
                        path: None,
                        key: None,
                    });
                }
                K::SimpleKey => self.stack.push(Frame::Key(KeyReader::new(event))),
                _ => {}
            }
            return;
        };
        match frame {
            Frame::Header { span, .. } => match kind {
                K::ArrayTableClose | K::StdTableClose => {
                    *span = span.append(event.span());
                    self.end_header();
                }
                K::SimpleKey => self.stack.push(Frame::Key(KeyReader::new(event))),
                _ => {}
            },
            Frame::Key(reader) if !reader.deciding => match kind {
                K::SimpleKey => {
                    reader.current = Some(event);
                    reader.deciding = true;
                }
                K::KeySep => reader.close_part(self.source, &mut self.errors),
                _ => {}
            },
            Frame::Key(reader) => {
                if kind == K::KeySep {
                    // A dotted key goes on: the part read last is in the path.
                    reader.deciding = false;
                    reader.space = None;
                    reader.close_part(self.source, &mut self.errors);
                } else if kind == K::Whitespace && reader.space.is_none() {
                    reader.space = Some(event);
                } else {
                    // The key has ended: what was read after it belongs to
                    // what comes next.
                    let space = reader.space.take();
                    self.end_key();
                    if let Some(space) = space {
                        self.event(space);
                    }
                    self.event(event);
                }
            }
            Frame::BeforeEquals { spaced, .. } => match kind {
                K::Whitespace if !*spaced => *spaced = true,
                K::KeyValSep => {
                    if let Some(Frame::BeforeEquals { path, key, .. }) = self.stack.pop() {
                        self.stack.push(Frame::AfterEquals {
                            path,
                            key,
                            spaced: false,
                        });
                    }
                }
                _ => {
                    self.stack.pop();
                    self.stopped = true;
                }
            },
            Frame::AfterEquals { spaced, .. } => {
                if kind == K::Whitespace && !*spaced {
                    *spaced = true;
                } else if let Some(Frame::AfterEquals { path, key, .. }) = self.stack.pop() {
                    self.stack.push(Frame::KeyValue { path, key });
                    self.start_value(event);
                }
            }
            Frame::KeyValue { .. } => {}
            Frame::Array {
                array,
                close,
                current,
                ..
            } => {
                *close = event.span();
                match kind {
                    K::StdTableOpen
                    | K::ArrayTableOpen
                    | K::InlineTableClose
                    | K::SimpleKey
                    | K::KeySep
                    | K::KeyValSep
                    | K::StdTableClose
                    | K::ArrayTableClose => self.end_container(),
                    K::InlineTableOpen | K::ArrayOpen | K::Scalar => self.start_value(event),
                    K::ValueSep => array.items.extend(current.take()),
                    K::ArrayClose => {
                        array.items.extend(current.take());
                        self.end_container();
                    }
                    K::Error | K::Whitespace | K::Comment | K::Newline => {}
                }
            }
            Frame::InlineTable {
                table,
                close,
                current_key,
                current_value,
                ..
            } => {
                *close = event.span();
                match kind {
                    K::StdTableOpen
                    | K::ArrayTableOpen
                    | K::StdTableClose
                    | K::ArrayClose
                    | K::ArrayTableClose
                    | K::KeySep => self.end_container(),
                    K::SimpleKey => self.stack.push(Frame::Key(KeyReader::new(event))),
                    K::InlineTableOpen | K::ArrayOpen | K::Scalar => self.start_value(event),
                    K::ValueSep => {
                        inline_keyval(table, current_key, current_value, &mut self.errors)
                    }
                    K::InlineTableClose => {
                        inline_keyval(table, current_key, current_value, &mut self.errors);
                        self.end_container();
                    }
                    K::Error | K::KeyValSep | K::Whitespace | K::Comment | K::Newline => {}
                }
            }
        }
    }

    /// The end of the input: ends what is being read, innermost first, then
    /// the last table.
    fn finish(mut self) -> (Spanned<Table<'i>>, Vec<Error>) {
        while !self.stopped
            && let Some(frame) = self.stack.last_mut()
        {
            match frame {
                Frame::Header { .. } => self.end_header(),
                Frame::Key(reader) => {
                    let space = reader.space.take();
                    self.end_key();
                    if let Some(space) = space {
                        self.event(space);
                    }
                }
                Frame::AfterEquals { .. } => {
                    if let Some(Frame::AfterEquals { path, key, .. }) = self.stack.pop() {
                        self.stack.push(Frame::KeyValue { path, key });
                        self.end_value(missing_value());
                    }
                }
                Frame::BeforeEquals { .. } | Frame::KeyValue { .. } => {
                    self.stack.pop();
                }
                Frame::Array { .. } | Frame::InlineTable { .. } => self.end_container(),
            }
        }
        self.state.finish_table(&mut self.errors);
        (Spanned::new(0..0, self.state.root), self.errors.0)
    }

    /// `val = string / boolean / array / inline-table / date-time / float / integer`
    fn start_value(&mut self, event: Event) {
        let span = event.span();
        match event.kind() {
            EventKind::InlineTableOpen => self.stack.push(Frame::InlineTable {
                table: Table {
                    // Most are texts, `{ de = "…", en = "…" }`: room for
                    // two entries, not the four a first push makes room for.
                    entries: Vec::with_capacity(2),
                    inline: true,
                    ..Table::default()
                },
                open: span,
                close: span,
                current_key: None,
                current_value: None,
            }),
            EventKind::ArrayOpen => self.stack.push(Frame::Array {
                array: Array::default(),
                open: span,
                close: span,
                current: None,
            }),
            EventKind::Scalar => {
                let value = on_scalar(&event, self.source, &mut self.errors);
                self.end_value(value);
            }
            _ => self.end_value(missing_value()),
        }
    }

    /// Hands a value read to what it is in.
    fn end_value(&mut self, value: Spanned<Value<'i>>) {
        match self.stack.last_mut() {
            Some(Frame::Array { current, .. }) => *current = Some(value),
            Some(Frame::InlineTable { current_value, .. }) => *current_value = Some(value),
            Some(Frame::KeyValue { .. }) => {
                if let Some(Frame::KeyValue { path, key }) = self.stack.pop() {
                    self.state
                        .capture_key_value(path, key, value, &mut self.errors);
                }
            }
            _ => {}
        }
    }

    /// Ends the array or inline table being read.
    fn end_container(&mut self) {
        let value = match self.stack.pop() {
            Some(Frame::Array {
                array, open, close, ..
            }) => Spanned::new(open.start()..close.end(), Value::Array(array)),
            Some(Frame::InlineTable {
                table, open, close, ..
            }) => Spanned::new(open.start()..close.end(), Value::Table(table)),
            _ => return,
        };
        self.end_value(value);
    }

    /// Ends the key being read and hands it to what it is in.
    fn end_key(&mut self) {
        let Some(Frame::Key(mut reader)) = self.stack.pop() else {
            return;
        };
        reader.close_part(self.source, &mut self.errors);
        let (path, key) = if LIMIT <= reader.path.len() as u32 {
            self.errors.report_error(ParseError::new("recursion limit"));
            (Vec::new(), None)
        } else {
            (reader.path, reader.key)
        };
        match self.stack.last_mut() {
            None => match key {
                Some(key) => self.stack.push(Frame::BeforeEquals {
                    path,
                    key,
                    spaced: false,
                }),
                None => self.stopped = true,
            },
            Some(Frame::Header {
                path: header_path,
                key: header_key,
                ..
            }) => {
                *header_path = Some(path);
                *header_key = key;
            }
            Some(Frame::InlineTable { current_key, .. }) => {
                if let Some(key) = key {
                    *current_key = Some((path, key));
                }
            }
            Some(_) => {}
        }
    }

    /// Ends the table header being read.
    fn end_header(&mut self) {
        if let Some(Frame::Header {
            is_array,
            span,
            path,
            key,
        }) = self.stack.pop()
        {
            let header = TableHeader {
                path: path.unwrap_or_default(),
                key,
                span: span_of(span),
                is_array,
            };
            self.state.start_table(header, &mut self.errors);
        }
    }
}

fn on_scalar<'i>(
    event: &Event,
    source: Source<'i>,
    errors: &mut dyn ErrorSink,
) -> Spanned<Value<'i>> {
    use toml_parser::decoder::ScalarKind;
    let raw = source.get(event).expect("event spans are in the source");
    let mut decoded = Cow::Borrowed("");
    let value = match raw.decode_scalar(&mut decoded, errors) {
        ScalarKind::String => Value::String(decoded),
        ScalarKind::Boolean(b) => Value::Boolean(b),
        ScalarKind::DateTime => {
            if let Err(e) = decoded.parse::<toml_datetime::Datetime>() {
                errors.report_error(ParseError::new(e.to_string()).with_unexpected(event.span()));
            }
            Value::Datetime
        }
        ScalarKind::Float => Value::Float(decoded),
        ScalarKind::Integer(radix) => Value::Integer(Integer {
            digits: decoded,
            radix: radix.value(),
        }),
    };
    Spanned::new(span_of(event.span()), value)
}

/// Puts a key and value read in an inline table into it.
fn inline_keyval<'i>(
    table: &mut Table<'i>,
    current_key: &mut Option<(Vec<Key<'i>>, Key<'i>)>,
    current_value: &mut Option<Spanned<Value<'i>>>,
    errors: &mut dyn ErrorSink,
) {
    let (Some((path, key)), Some(value)) = (current_key.take(), current_value.take()) else {
        return;
    };
    let Some(table) = descend_inline(table, &path, errors) else {
        return;
    };
    if table.dotted == path.is_empty() {
        errors.report_error(duplicate_key(&key, None));
        return;
    }
    match table.position(&key.value) {
        None => {
            table.push(key, value);
        }
        Some(at) => {
            let old = &table.entries[at].0.span;
            errors.report_error(duplicate_key(&key, Some(old)));
        }
    }
}

/// The table a dotted key inside an inline table leads to, created as needed.
fn descend_inline<'t, 'i>(
    mut table: &'t mut Table<'i>,
    path: &[Key<'i>],
    errors: &mut dyn ErrorSink,
) -> Option<&'t mut Table<'i>> {
    for key in path {
        let at = match table.position(&key.value) {
            Some(at) => at,
            None => table.push(
                key.clone(),
                Spanned::new(
                    key.span(),
                    Value::Table(Table {
                        implicit: true,
                        dotted: true,
                        inline: true,
                        ..Table::default()
                    }),
                ),
            ),
        };
        let spanned = table.value_mut(at);
        let old_span = spanned.span();
        table = match &mut spanned.value {
            Value::Table(child) => {
                if !child.implicit {
                    errors.report_error(duplicate_key(key, None));
                    return None;
                }
                child
            }
            existing => {
                errors.report_error(cannot_extend(existing.type_str(), key, Some(&old_span)));
                return None;
            }
        };
    }
    Some(table)
}

fn cannot_extend(type_str: &str, key: &Key, old: Option<&Span>) -> ParseError {
    let error = ParseError::new(format!(
        "cannot extend value of type {type_str} with a dotted key"
    ))
    .with_unexpected(parser_span(&key.span));
    match old {
        Some(old) => error.with_context(parser_span(old)),
        None => error,
    }
}

/// A `[table]` or `[[table]]` header.
struct TableHeader<'i> {
    path: Vec<Key<'i>>,
    key: Option<Key<'i>>,
    span: Span,
    is_array: bool,
}

/// The document being built: the root, and the table whose header was read last.
#[derive(Default)]
struct State<'i> {
    root: Table<'i>,
    current_table: Table<'i>,
    current_header: Option<TableHeader<'i>>,
}

impl<'i> State<'i> {
    fn capture_key_value(
        &mut self,
        path: Vec<Key<'i>>,
        key: Key<'i>,
        value: Spanned<Value<'i>>,
        errors: &mut dyn ErrorSink,
    ) {
        let dotted = !path.is_empty();
        let Some(parent) = descend(&mut self.current_table, &path, dotted, errors) else {
            return;
        };
        // "Likewise, using dotted keys to redefine tables already defined in
        // [table] form is not allowed"
        if dotted && !parent.implicit {
            errors.report_error(duplicate_key(&key, None));
            return;
        }
        match parent.position(&key.value) {
            None => {
                parent.push(key, value);
            }
            Some(at) => {
                let old = &parent.entries[at].0.span;
                errors.report_error(duplicate_key(&key, Some(old)));
            }
        }
    }

    /// Puts the table read since the last header where its header says.
    fn finish_table(&mut self, errors: &mut dyn ErrorSink) {
        let table = std::mem::take(&mut self.current_table);
        let Some(header) = self.current_header.take() else {
            self.root = table;
            return;
        };
        let Some(key) = header.key else {
            return;
        };
        let table = Spanned::new(header.span.clone(), Value::Table(table));
        let Some(parent) = descend(&mut self.root, &header.path, false, errors) else {
            return;
        };
        if header.is_array {
            let at = match parent.position(&key.value) {
                Some(at) => at,
                None => parent.push(
                    key.clone(),
                    Spanned::new(
                        header.span,
                        Value::Array(Array {
                            items: Vec::new(),
                            of_tables: true,
                        }),
                    ),
                ),
            };
            let entry = parent.value_mut(at);
            match &mut entry.value {
                Value::Array(array) if array.of_tables => array.items.push(table),
                _ => {
                    let old = entry.span();
                    errors.report_error(duplicate_key(&key, Some(&old)));
                }
            }
        } else {
            match parent.position(&key.value) {
                // `start_table` took an earlier table of this name out.
                Some(at) => *parent.value_mut(at) = table,
                None => {
                    parent.push(key, table);
                }
            }
        }
    }

    fn start_table(&mut self, header: TableHeader<'i>, errors: &mut dyn ErrorSink) {
        if !header.is_array {
            // Take the table out if it is there: a table created implicitly
            // (by `[a.b]` before `[a]`) keeps its children, and a table
            // defined twice is a duplicate key, reported at this header.
            if let (Some(parent), Some(key)) = (
                descend(&mut self.root, &header.path, false, errors),
                &header.key,
            ) && let Some((old_key, old_value)) = parent.remove(&key.value)
            {
                match old_value.into_inner() {
                    Value::Table(t) if t.implicit && !t.dotted => self.current_table = t,
                    old_value => {
                        errors.report_error(duplicate_key(key, Some(&old_key.span)));
                        if let Value::Table(t) = old_value {
                            self.current_table = t;
                        }
                    }
                }
            }
        }
        self.current_table.implicit = false;
        self.current_table.dotted = false;
        self.current_header = Some(header);
    }
}

/// The table a header's path or a dotted key leads to, created as needed.
fn descend<'t, 'i>(
    mut table: &'t mut Table<'i>,
    path: &[Key<'i>],
    dotted: bool,
    errors: &mut dyn ErrorSink,
) -> Option<&'t mut Table<'i>> {
    for key in path {
        let at = match table.position(&key.value) {
            Some(at) => at,
            None => table.push(
                key.clone(),
                Spanned::new(
                    key.span(),
                    Value::Table(Table {
                        implicit: true,
                        dotted,
                        ..Table::default()
                    }),
                ),
            ),
        };
        let spanned = table.value_mut(at);
        let old_span = spanned.span();
        table = match &mut spanned.value {
            Value::Array(array) => {
                if !array.of_tables {
                    errors.report_error(cannot_extend("array", key, Some(&old_span)));
                    return None;
                }
                match array.items.last_mut().map(|last| &mut last.value) {
                    Some(Value::Table(last)) => last,
                    Some(existing) => {
                        let type_str = existing.type_str();
                        errors.report_error(cannot_extend(type_str, key, Some(&old_span)));
                        return None;
                    }
                    None => return None,
                }
            }
            Value::Table(child) => {
                if child.inline {
                    errors.report_error(cannot_extend("inline table", key, None));
                    return None;
                }
                if dotted && child.implicit {
                    child.dotted = true;
                }
                if dotted && !child.implicit {
                    errors.report_error(duplicate_key(key, None));
                    return None;
                }
                child
            }
            existing => {
                errors.report_error(cannot_extend(existing.type_str(), key, Some(&old_span)));
                return None;
            }
        };
    }
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(source: &str) -> Vec<(String, Option<Span>)> {
        parse_recoverable(source)
            .1
            .into_iter()
            .map(|e| (e.message().to_string(), e.span()))
            .collect()
    }

    #[test]
    fn keeps_spans_of_keys_and_values() {
        let source = "a = 1\n[t]\nb = { c = \"x\" }\n[[n]]\nid = \"one\"\n[[n]]\nid = \"two\"\n";
        let (doc, errs) = parse_recoverable(source);
        assert!(errs.is_empty());
        let root = doc.get_ref();
        assert_eq!(root.get("a").unwrap().span(), 4..5);
        let t = root.get("t").unwrap();
        assert_eq!(t.span(), 6..9);
        let b = t.get_ref().as_table().unwrap().get("b").unwrap();
        assert_eq!(&source[b.span()], "{ c = \"x\" }");
        let n = root.get("n").unwrap().get_ref().as_array().unwrap();
        assert_eq!(n.len(), 2);
        let id = n[1].get_ref().as_table().unwrap().get("id").unwrap();
        assert_eq!(id.get_ref().as_str(), Some("two"));
        let (key, _) = n[1].get_ref().as_table().unwrap().iter().next().unwrap();
        assert_eq!(&source[key.span()], "id");
    }

    #[test]
    fn reports_duplicates_as_toml_does() {
        assert_eq!(
            errors("a = 1\na = 2\n"),
            vec![("duplicate key".to_string(), Some(6..7))]
        );
        assert_eq!(
            errors("[t]\n[t]\n"),
            vec![("duplicate key".to_string(), Some(5..6))]
        );
        assert_eq!(
            errors("x = { a = 1, a = 2 }\n"),
            vec![("duplicate key".to_string(), Some(13..14))]
        );
        assert_eq!(
            errors("a = [1]\n[[a]]\n"),
            vec![("duplicate key".to_string(), Some(10..11))]
        );
        assert_eq!(
            errors("a = 1\na.b = 2\n"),
            vec![(
                "cannot extend value of type integer with a dotted key".to_string(),
                Some(6..7)
            )]
        );
    }

    #[test]
    fn an_implicit_table_may_be_defined_later() {
        let (doc, errs) = parse_recoverable("[a.b]\nx = 1\n[a]\ny = 2\n");
        assert!(errs.is_empty());
        let a = doc
            .get_ref()
            .get("a")
            .unwrap()
            .get_ref()
            .as_table()
            .unwrap();
        assert!(a.get("b").is_some() && a.get("y").is_some());
    }

    #[test]
    fn large_tables_are_indexed() {
        let mut source: String = (0..100).map(|i| format!("k{i} = {i}\n")).collect();
        source.push_str("k50 = 0\n");
        let (doc, errs) = parse_recoverable(&source);
        assert_eq!(errs.len(), 1);
        let root = doc.get_ref();
        assert_eq!(root.len(), 100);
        assert_eq!(
            root.get("k99")
                .unwrap()
                .get_ref()
                .as_integer()
                .unwrap()
                .as_str(),
            "99"
        );
    }

    /// A canonical form of a tree: every key and value with its span, tables
    /// sorted by key (`toml` sorts them, this tree keeps the written order).
    fn canonical(value: &Spanned<Value>) -> String {
        let span = value.span();
        match value.get_ref() {
            Value::String(s) => format!("{span:?}s{s:?}"),
            Value::Integer(i) => format!("{span:?}i{}/{}", i.as_str(), i.radix()),
            Value::Float(f) => format!("{span:?}f{f}"),
            Value::Boolean(b) => format!("{span:?}b{b}"),
            Value::Datetime => format!("{span:?}d"),
            Value::Array(a) => {
                let items: Vec<String> = a.iter().map(canonical).collect();
                format!("{span:?}[{}]", items.join(","))
            }
            Value::Table(t) => {
                let mut entries: Vec<String> = t
                    .iter()
                    .map(|(k, v)| format!("{:?}{:?}={}", k.get_ref(), k.span(), canonical(v)))
                    .collect();
                entries.sort();
                format!("{span:?}{{{}}}", entries.join(","))
            }
        }
    }

    fn canonical_toml(value: &toml::Spanned<toml::de::DeValue>) -> String {
        use toml::de::DeValue as V;
        let span = value.span();
        match value.get_ref() {
            V::String(s) => format!("{span:?}s{s:?}"),
            V::Integer(i) => format!("{span:?}i{}/{}", i.as_str(), i.radix()),
            V::Float(f) => format!("{span:?}f{}", f.as_str()),
            V::Boolean(b) => format!("{span:?}b{b}"),
            V::Datetime(_) => format!("{span:?}d"),
            V::Array(a) => {
                let items: Vec<String> = a.iter().map(canonical_toml).collect();
                format!("{span:?}[{}]", items.join(","))
            }
            V::Table(t) => {
                let mut entries: Vec<String> = t
                    .iter()
                    .map(|(k, v)| format!("{:?}{:?}={}", k.get_ref(), k.span(), canonical_toml(v)))
                    .collect();
                entries.sort();
                format!("{span:?}{{{}}}", entries.join(","))
            }
        }
    }

    /// A parser's errors (message, span) and its tree in canonical form.
    type Reading = (Vec<(String, Option<Span>)>, String);

    /// Both parsers' errors and trees: this tree's, then `toml`'s.
    fn both(source: &str) -> (Reading, Reading) {
        let (doc, errs) = parse_recoverable(source);
        let ours = (
            errs.iter()
                .map(|e| (e.message().to_string(), e.span()))
                .collect(),
            canonical(&Spanned::new(doc.span(), Value::Table(doc.into_inner()))),
        );
        let (doc, errs) = toml::de::DeTable::parse_recoverable(source);
        let theirs = (
            errs.iter()
                .map(|e| (e.message().to_string(), e.span()))
                .collect(),
            canonical_toml(&toml::Spanned::new(
                doc.span(),
                toml::de::DeValue::Table(doc.into_inner()),
            )),
        );
        (ours, theirs)
    }

    fn files() -> Vec<(String, String)> {
        let mut files = Vec::new();
        for dir in ["scenarios", "tests/fixtures"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|x| x == "toml") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    files.push((path.display().to_string(), text));
                }
            }
        }
        files.sort();
        files
    }

    #[test]
    fn reads_every_shipped_file_as_toml_does() {
        for (name, text) in files() {
            let (ours, theirs) = both(&text);
            assert!(ours == theirs, "{name}: the trees or errors differ");
        }
    }

    /// Every file reads the same in parts as in one go; with a slip, the
    /// parts give up (and the whole file is read again).
    #[test]
    fn reads_files_in_parts_as_in_one_go() {
        let mut in_parts = 0;
        for (name, text) in files() {
            let (doc, errs) = parse_whole(Source::new(&text));
            let whole = canonical(&Spanned::new(doc.span(), Value::Table(doc.into_inner())));
            match parse_in_parts(Source::new(&text)) {
                Some((doc, parts_errs)) => {
                    assert!(errs.is_empty() && parts_errs.is_empty(), "{name}");
                    let parts =
                        canonical(&Spanned::new(doc.span(), Value::Table(doc.into_inner())));
                    assert!(parts == whole, "{name}: the trees differ");
                    in_parts += 1;
                }
                None => assert!(!errs.is_empty(), "{name}: a slip only in parts"),
            }
        }
        assert!(in_parts > 10, "only {in_parts} files read in parts");
    }

    /// Slips at many places of every file: deleted and inserted characters,
    /// doubled lines. Each must give the same errors, in the same order
    /// (the checker reports the first in the file; ties go to the first
    /// reported), and the same tree.
    #[test]
    fn reads_broken_files_as_toml_does() {
        const INSERTS: [&str; 14] = [
            "\"", "'", "{", "}", "[", "]", "=", "\n", ",", ".", "x", "#", "\\", "[[",
        ];
        let mut compared = 0;
        for (name, text) in files() {
            let boundaries: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            // About 20 places per file, spread over it (more with
            // `TOML_TREE_SLIPS=300 cargo test --release toml_tree`).
            let places = std::env::var("TOML_TREE_SLIPS")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(20);
            let step = (boundaries.len() / places).max(1);
            for (n, &at) in boundaries.iter().step_by(step).enumerate() {
                let next = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                let mut variants = vec![format!("{}{}", &text[..at], &text[next..])];
                let insert = INSERTS[n % INSERTS.len()];
                variants.push(format!("{}{insert}{}", &text[..at], &text[at..]));
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
                variants.push(format!("{}{}", &text[..line_end], &text[line_start..]));
                for variant in variants {
                    let (ours, theirs) = both(&variant);
                    assert!(
                        ours == theirs,
                        "{name}, a slip at byte {at}: ours {:?}, toml's {:?}",
                        ours.0,
                        theirs.0
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 2500, "only {compared} variants compared");
    }
}
