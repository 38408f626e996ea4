//! A small JSON reader and writer for Counterpart's own stored and compiled
//! forms (compiled scenarios, the index, progress, unfinished conversations,
//! settings, embed messages).
//!
//! Why not serde_json: its code is generic over every type it reads, and in
//! the web app's first load that cost about 110 KB of wasm (a fifth of the
//! main module). This reader parses into one plain [`Json`] tree, and each
//! type converts from and to it through [`FromJson`] and [`ToJson`], mostly
//! declared with [`json_object!`]. Counterpart's own forms hold whole numbers
//! only: a fraction is kept as its text ([`Json::Decimal`], for documents an
//! LMS sends, such as cmi5's `masteryScore`) and refused, not rounded, where
//! a whole number is expected.
//! Tested: every shipped scenario round-trips (`compiled.rs`), progress
//! round-trips under proptest (`tests/progress.rs`), and progress and a
//! conversation saved by the earlier serde build read and write back byte for
//! byte (`tests/stored_forms.rs`); the compiled files stayed byte-identical.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Nesting deeper than this is refused (our forms nest at most 6 levels), so
/// hostile input cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

/// A parsed JSON value. Objects keep their keys in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i128),
    /// A number with a fraction or exponent, as written (`0.75`, `1e3`).
    Decimal(String),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true or false",
            Json::Int(_) => "a number",
            Json::Decimal(_) => "a decimal number",
            Json::Str(_) => "a text",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }

    /// An error saying this value is not what was expected.
    pub fn expected(&self, what: &str) -> String {
        format!("expected {what}, found {}", self.kind())
    }
}

/// Parses a whole JSON text. Errors name the line and column.
pub fn parse(text: &str) -> Result<Json, String> {
    let mut parser = Parser {
        text: text.as_bytes(),
        at: 0,
    };
    let value = parser
        .value(0)
        .and_then(|v| {
            parser.skip_space();
            if parser.at < parser.text.len() {
                Err("unexpected text after the end".into())
            } else {
                Ok(v)
            }
        })
        .map_err(|why| parser.located(&why))?;
    Ok(value)
}

/// Parses `text` and converts it to `T`.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, String> {
    T::from_json(&parse(text)?)
}

/// `value` as compact JSON.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

struct Parser<'t> {
    text: &'t [u8],
    at: usize,
}

impl Parser<'_> {
    fn located(&self, why: &str) -> String {
        let before = &self.text[..self.at.min(self.text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        format!("{why} at line {line} column {column}")
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.text.get(self.at) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        let found = self.text.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, String> {
        if self.text[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err("unexpected text".into())
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        if depth > MAX_DEPTH {
            return Err("nested too deeply".into());
        }
        self.skip_space();
        match self.text.get(self.at) {
            None => Err("unexpected end".into()),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::Str),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err("expected `,` or `]`".into());
                        }
                    }
                }
                Ok(Json::Array(items))
            }
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.skip_space();
                        if self.text.get(self.at) != Some(&b'"') {
                            return Err("expected a key in quotes".into());
                        }
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return Err("expected `:`".into());
                        }
                        // A second value for a key would silently win or lose.
                        if members.iter().any(|(k, _)| *k == key) {
                            return Err(format!("duplicate key `{key}`"));
                        }
                        members.push((key, self.value(depth + 1)?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return Err("expected `,` or `}`".into());
                        }
                    }
                }
                Ok(Json::Object(members))
            }
            Some(_) => Err("unexpected character".into()),
        }
    }

    fn number(&mut self) -> Result<Json, String> {
        let start = self.at;
        if self.text.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let digits = self.at;
        while self.text.get(self.at).is_some_and(u8::is_ascii_digit) {
            self.at += 1;
        }
        if self.at == digits {
            return Err("expected a digit".into());
        }
        if let Some(b'.' | b'e' | b'E') = self.text.get(self.at) {
            return self.fraction(start);
        }
        // At most 39 digits fit; longer numbers are refused as too large.
        std::str::from_utf8(&self.text[start..self.at])
            .ok()
            .and_then(|n| n.parse().ok())
            .map(Json::Int)
            .ok_or_else(|| "number too large".into())
    }

    /// The rest of a number after its whole part: `.digits`, then an optional
    /// exponent; kept as written.
    fn fraction(&mut self, start: usize) -> Result<Json, String> {
        let digits = |parser: &mut Self| {
            let first = parser.at;
            while parser.text.get(parser.at).is_some_and(u8::is_ascii_digit) {
                parser.at += 1;
            }
            if parser.at == first {
                Err("expected a digit".to_string())
            } else {
                Ok(())
            }
        };
        if self.text.get(self.at) == Some(&b'.') {
            self.at += 1;
            digits(self)?;
        }
        if let Some(b'e' | b'E') = self.text.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.text.get(self.at) {
                self.at += 1;
            }
            digits(self)?;
        }
        let text = std::str::from_utf8(&self.text[start..self.at]).unwrap_or_default();
        Ok(Json::Decimal(text.to_string()))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let digits = self
            .text
            .get(self.at..self.at + 4)
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .ok_or("expected four hex digits after `\\u`")?;
        self.at += 4;
        Ok(digits)
    }

    fn string(&mut self) -> Result<String, String> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            let run = self.at;
            while let Some(&b) = self.text.get(self.at) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The input is a &str and runs end at ASCII bytes: always valid UTF-8.
            out.push_str(std::str::from_utf8(&self.text[run..self.at]).map_err(|e| e.to_string())?);
            match self.text.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escape = self.text.get(self.at).copied().ok_or("unexpected end")?;
                    self.at += 1;
                    out.push(match escape {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first)
                                && self.text[self.at..].starts_with(b"\\u")
                            {
                                self.at += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err("invalid surrogate pair".into());
                                }
                                0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                first
                            };
                            char::from_u32(code).ok_or("invalid unicode escape")?
                        }
                        _ => return Err("unknown escape".into()),
                    });
                }
                Some(_) => return Err("control character in a text".into()),
                None => return Err("unterminated text".into()),
            }
        }
    }
}

/// Writes `text` as a JSON string.
pub fn write_str(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes an object member by member: `{"key":value,…}`.
pub struct ObjectWriter<'o> {
    out: &'o mut String,
    first: bool,
}

impl<'o> ObjectWriter<'o> {
    pub fn new(out: &'o mut String) -> Self {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    pub fn field<T: ToJson + ?Sized>(&mut self, key: &str, value: &T) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_str(key, self.out);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    pub fn end(self) {
        self.out.push('}');
    }
}

/// Reads the members of an object, each by key.
pub struct Members<'j> {
    members: &'j [(String, Json)],
}

impl<'j> Members<'j> {
    pub fn of(value: &'j Json) -> Result<Self, String> {
        match value {
            Json::Object(members) => Ok(Members { members }),
            other => Err(other.expected("an object")),
        }
    }

    fn find(&self, key: &str) -> Option<&'j Json> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// A member that must be there.
    pub fn required<T: FromJson>(&self, key: &str) -> Result<T, String> {
        let value = self.find(key).ok_or_else(|| missing(key))?;
        T::from_json(value).map_err(|why| in_member(key, why))
    }

    /// A member that may be missing (or null): then `T::default()`.
    pub fn or_default<T: FromJson + Default>(&self, key: &str) -> Result<T, String> {
        match self.find(key) {
            None | Some(Json::Null) => Ok(T::default()),
            Some(value) => T::from_json(value).map_err(|why| in_member(key, why)),
        }
    }

    /// Refuses keys other than `known`.
    pub fn only(&self, known: &[&str]) -> Result<(), String> {
        match self
            .members
            .iter()
            .find(|(k, _)| !known.contains(&k.as_str()))
        {
            Some((key, _)) => Err(format!("unknown field `{key}`")),
            None => Ok(()),
        }
    }
}

// The error texts are built out of line: inlined into every generic reader,
// they would be copied once per type read.
#[inline(never)]
fn missing(key: &str) -> String {
    format!("missing `{key}`")
}

#[inline(never)]
fn in_member(key: &str, why: String) -> String {
    format!("`{key}`: {why}")
}

/// A value that can be read from parsed JSON.
pub trait FromJson: Sized {
    fn from_json(value: &Json) -> Result<Self, String>;
}

/// A value that can be written as JSON.
pub trait ToJson {
    fn write_json(&self, out: &mut String);
}

/// A value written as the members of an object, so another object can
/// include them (`#[serde(flatten)]`).
pub trait ObjectMembers {
    fn write_members(&self, object: &mut ObjectWriter);
}

/// Whether a member equal to its default is left out when written.
pub trait Omittable {
    fn omit(&self) -> bool;
}

impl<T> Omittable for Option<T> {
    fn omit(&self) -> bool {
        self.is_none()
    }
}

impl<T> Omittable for Vec<T> {
    fn omit(&self) -> bool {
        self.is_empty()
    }
}

/// Declares how a struct with named fields is read and written as a JSON
/// object, like a serde derive:
///
/// ```ignore
/// json_object!(Step [deny_unknown] {
///     node: "node",                 // required
///     flags: "f" or_default,        // missing means the default; always written
///     note: "n" omitted_if_empty,   // an Option or Vec: missing means empty; not written when empty
/// } not_stored { cache });          // fields rebuilt after reading start as Default
/// ```
#[macro_export]
macro_rules! json_object {
    // `[deny_unknown]` and nothing else: a misspelt marker is a compile error.
    ($ty:ident [deny_unknown] $($rest:tt)*) => { $crate::json_object!(@object $ty deny $($rest)*); };
    ($ty:ident { $($rest:tt)* } $($more:tt)*) => { $crate::json_object!(@object $ty allow { $($rest)* } $($more)*); };
    (@unknown deny $members:ident $known:ident) => { $members.only($known)?; };
    (@unknown allow $members:ident $known:ident) => {};
    (@object $ty:ident $unknown:ident { $($field:ident : $key:literal $($how:ident)?),* $(,)? } $(not_stored { $($skipped:ident),* })?) => {
        impl $crate::engine::json::FromJson for $ty {
            fn from_json(value: &$crate::engine::json::Json) -> Result<Self, String> {
                let members = $crate::engine::json::Members::of(value)?;
                #[allow(unused_variables)]
                let known: &[&str] = &[$($key),*];
                $crate::json_object!(@unknown $unknown members known);
                Ok($ty {
                    $($field: $crate::json_object!(@read members $key $($how)?),)*
                    $($($skipped: Default::default(),)*)?
                })
            }
        }
        impl $crate::engine::json::ObjectMembers for $ty {
            fn write_members(&self, object: &mut $crate::engine::json::ObjectWriter) {
                $( $crate::json_object!(@write object self $field $key $($how)?); )*
            }
        }
        impl $crate::engine::json::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                let mut object = $crate::engine::json::ObjectWriter::new(out);
                $crate::engine::json::ObjectMembers::write_members(self, &mut object);
                object.end();
            }
        }
    };
    (@read $members:ident $key:literal) => { $members.required($key)? };
    (@read $members:ident $key:literal or_default) => { $members.or_default($key)? };
    (@read $members:ident $key:literal omitted_if_empty) => { $members.or_default($key)? };
    (@write $object:ident $self:ident $field:ident $key:literal omitted_if_empty) => {
        if !$crate::engine::json::Omittable::omit(&$self.$field) {
            $object.field($key, &$self.$field);
        }
    };
    (@write $object:ident $self:ident $field:ident $key:literal $($how:ident)?) => {
        $object.field($key, &$self.$field);
    };
}

/// A newtype read and written as its one field (like `#[serde(transparent)]`).
#[macro_export]
macro_rules! json_transparent {
    ($ty:ident) => {
        impl $crate::engine::json::FromJson for $ty {
            fn from_json(value: &$crate::engine::json::Json) -> Result<Self, String> {
                $crate::engine::json::FromJson::from_json(value).map($ty)
            }
        }
        impl $crate::engine::json::ToJson for $ty {
            fn write_json(&self, out: &mut String) {
                $crate::engine::json::ToJson::write_json(&self.0, out);
            }
        }
    };
}

impl FromJson for String {
    fn from_json(value: &Json) -> Result<Self, String> {
        match value {
            Json::Str(s) => Ok(s.clone()),
            other => Err(other.expected("a text")),
        }
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        write_str(self, out);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        write_str(self, out);
    }
}

impl FromJson for bool {
    fn from_json(value: &Json) -> Result<Self, String> {
        match value {
            Json::Bool(b) => Ok(*b),
            other => Err(other.expected("true or false")),
        }
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

macro_rules! whole_numbers {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(value: &Json) -> Result<Self, String> {
                match value {
                    Json::Int(n) => <$t>::try_from(*n).map_err(|_| format!("{n} is out of range")),
                    other => Err(other.expected("a whole number")),
                }
            }
        }
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                let _ = write!(out, "{self}");
            }
        }
    )*};
}
whole_numbers!(u8, u32, u64, i32, usize);

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Json) -> Result<Self, String> {
        match value {
            Json::Null => Ok(None),
            value => T::from_json(value).map(Some),
        }
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

fn items(value: &Json) -> Result<&[Json], String> {
    match value {
        Json::Array(items) => Ok(items),
        other => Err(other.expected("a list")),
    }
}

fn write_items<'a, T: ToJson + 'a>(items: impl IntoIterator<Item = &'a T>, out: &mut String) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item.write_json(out);
    }
    out.push(']');
}

// The collections are filled item by item: `collect()` into a BTreeMap or
// BTreeSet sorts, and a sort per item type costs ~6 KB of wasm each.
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Json) -> Result<Self, String> {
        let items = items(value)?;
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            out.push(T::from_json(item)?);
        }
        Ok(out)
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        write_items(self, out);
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        write_items(self, out);
    }
}

impl<T: FromJson + Ord> FromJson for BTreeSet<T> {
    fn from_json(value: &Json) -> Result<Self, String> {
        let mut out = BTreeSet::new();
        for item in items(value)? {
            out.insert(T::from_json(item)?);
        }
        Ok(out)
    }
}

impl<T: ToJson> ToJson for BTreeSet<T> {
    fn write_json(&self, out: &mut String) {
        write_items(self, out);
    }
}

/// A pair is a two-item list, as serde writes tuples.
impl<A: FromJson, B: FromJson> FromJson for (A, B) {
    fn from_json(value: &Json) -> Result<Self, String> {
        match items(value)? {
            [a, b] => Ok((A::from_json(a)?, B::from_json(b)?)),
            _ => Err("expected a list of two".into()),
        }
    }
}

impl<A: ToJson, B: ToJson> ToJson for (A, B) {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        self.0.write_json(out);
        out.push(',');
        self.1.write_json(out);
        out.push(']');
    }
}

/// A key of an object: a text, or a value written as one (ids, languages).
pub trait JsonKey: Sized {
    fn from_key(key: &str) -> Result<Self, String>;
    fn key(&self) -> &str;
}

impl JsonKey for String {
    fn from_key(key: &str) -> Result<Self, String> {
        Ok(key.to_string())
    }
    fn key(&self) -> &str {
        self
    }
}

impl<K: JsonKey + Ord, V: FromJson> FromJson for BTreeMap<K, V> {
    fn from_json(value: &Json) -> Result<Self, String> {
        match value {
            Json::Object(members) => {
                let mut out = BTreeMap::new();
                for (k, v) in members {
                    let value = V::from_json(v).map_err(|why| in_member(k, why))?;
                    out.insert(K::from_key(k)?, value);
                }
                Ok(out)
            }
            other => Err(other.expected("an object")),
        }
    }
}

impl<K: JsonKey, V: ToJson> ToJson for BTreeMap<K, V> {
    fn write_json(&self, out: &mut String) {
        let mut object = ObjectWriter::new(out);
        for (key, value) in self {
            object.field(key.key(), value);
        }
        object.end();
    }
}

/// Any value, kept as it is (e.g. a nested compiled scenario read later).
impl FromJson for Json {
    fn from_json(value: &Json) -> Result<Self, String> {
        Ok(value.clone())
    }
}

impl ToJson for Json {
    fn write_json(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => b.write_json(out),
            Json::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Json::Decimal(n) => out.push_str(n),
            Json::Str(s) => write_str(s, out),
            Json::Array(items) => write_items(items, out),
            Json::Object(members) => {
                let mut object = ObjectWriter::new(out);
                for (key, value) in members {
                    object.field(key, value);
                }
                object.end();
            }
        }
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_every_kind_of_value() {
        let text = r#"{"a":[1,-2,true,false,null],"b":{"c":"d\"e\\f\n\u00e4\ud83d\ude00"}}"#;
        let value = parse(text).expect("valid");
        assert_eq!(
            value.get("b").and_then(|b| b.get("c")),
            Some(&Json::Str("d\"e\\f\nä😀".into()))
        );
        assert_eq!(parse(&to_string(&value)), Ok(value));
    }

    #[test]
    fn errors_name_line_and_column() {
        assert_eq!(
            parse("{\n  \"a\": tru\n}"),
            Err("unexpected text at line 2 column 8".into())
        );
        assert_eq!(
            parse("[1,]").unwrap_err(),
            "unexpected character at line 1 column 4"
        );
        assert_eq!(
            parse("[1] x").unwrap_err(),
            "unexpected text after the end at line 1 column 5"
        );
        assert_eq!(parse("1.5"), Ok(Json::Decimal("1.5".into())));
        assert_eq!(parse("-2.5e-3"), Ok(Json::Decimal("-2.5e-3".into())));
        assert!(parse("1.").unwrap_err().starts_with("expected a digit"));
        assert!(parse("1e").unwrap_err().starts_with("expected a digit"));
        assert_eq!(
            from_str::<u8>("1.5").unwrap_err(),
            "expected a whole number, found a decimal number"
        );
        assert!(parse("\"abc").unwrap_err().starts_with("unterminated text"));
        assert!(parse("").unwrap_err().starts_with("unexpected end"));
    }

    #[test]
    fn a_duplicate_key_is_refused() {
        assert_eq!(
            parse(r#"{"a":1,"a":2}"#).unwrap_err(),
            "duplicate key `a` at line 1 column 12"
        );
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).unwrap_err().starts_with("nested too deeply"));
    }

    /// Any text, often made of the characters that need escaping.
    fn any_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![any::<String>(), "[\"\\\\/\\x00-\\x1fa-zä€😀]{0,12}"]
    }

    fn any_json() -> impl proptest::strategy::Strategy<Value = Json> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Json::Null),
            any::<bool>().prop_map(Json::Bool),
            any::<i64>().prop_map(|n| Json::Int(n.into())),
            any::<u64>().prop_map(|n| Json::Int(n.into())),
            any_text().prop_map(Json::Str),
        ];
        leaf.prop_recursive(4, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Json::Array),
                // Keys are unique (a duplicate key is refused, see below).
                prop::collection::btree_map(any_text(), inner, 0..6)
                    .prop_map(|members| Json::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn every_value_reads_back_as_written(value in any_json()) {
            proptest::prop_assert_eq!(parse(&to_string(&value)), Ok(value));
        }

        #[test]
        fn any_text_is_read_or_refused_never_a_panic(text in "\\PC{0,64}|[\\[\\]{}\",:0-9a-z\\\\ -]{0,64}") {
            let _ = parse(&text);
        }
    }

    #[test]
    fn numbers_out_of_range_are_refused() {
        assert_eq!(from_str::<u8>("255"), Ok(255));
        assert_eq!(from_str::<u8>("256"), Err("256 is out of range".into()));
        assert_eq!(from_str::<u64>(&u64::MAX.to_string()), Ok(u64::MAX));
        assert!(from_str::<u64>("-1").is_err());
        assert!(parse(&"9".repeat(60)).is_err());
    }
}
