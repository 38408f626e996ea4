//! Strict, error-collecting reading of a parsed TOML tree.
//!
//! Why not serde with `deny_unknown_fields`: serde stops at the first unknown
//! field or wrong type, and the checker must report *every* problem at once,
//! each with its position. So the file is parsed into a spanned tree
//! ([`super::toml_tree`]) and read here field by field; unknown fields are
//! still errors, as with serde.
//!
//! Every message is built in English and German right here (see
//! [`Bilingual`]). The German names of places ("in Knoten `x`", "in der
//! Datei") are written to follow "in" or "bei", so the German messages put
//! them there.

use super::diagnostic::{Bilingual, Diagnostics};
use super::text::{Lang, Text};
use super::toml_tree::{Array, Spanned, Table as TomlTable, Value};
use crate::say;

pub use super::toml_tree::Span;

/// A value together with where it was written.
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub span: Span,
}

/// A table being read, with a human name for messages: "reply `calm_down`
/// of node `start`", German "Antwort `calm_down` (Knoten `start`)".
pub struct Table<'t, 'i> {
    table: &'t TomlTable<'i>,
    pub span: Span,
    pub context: Context<'t>,
}

/// A table's name for messages, put together only when a message needs it:
/// a file of 10,000 nodes has 30,000 replies, and naming each of them (and
/// its routes) in two languages up front showed up in the profile.
#[derive(Debug, Clone)]
pub enum Context<'t> {
    /// A name written out.
    Named(Bilingual),
    /// A name that needs no building, English and German.
    Fixed(&'static str, &'static str),
    /// "node `id`".
    Node(&'t str),
    /// "a reply of node `node`": an entry of its `[[node.reply]]` list.
    ReplyOf(&'t str),
    /// "reply `id` of node `node`".
    Reply { id: &'t str, node: &'t str },
    /// "a route of reply `id` of node `node`".
    RouteOf { reply: &'t str, node: &'t str },
}

impl Describe for Context<'_> {
    fn describe(&self) -> Bilingual {
        match *self {
            Context::Named(ref name) => name.clone(),
            Context::Fixed(en, de) => Bilingual {
                en: en.to_string(),
                de: de.to_string(),
            },
            Context::Node(name) => say!("node `{name}`", "Knoten `{name}`"),
            Context::ReplyOf(node) => {
                let node = Context::Node(node).describe();
                let (node_en, node_de) = (&node.en, &node.de);
                say!("a reply of {node_en}", "einer Antwort in {node_de}")
            }
            Context::Reply { id: name, node } => {
                let node = Context::Node(node).describe();
                let (node_en, node_de) = (&node.en, &node.de);
                say!(
                    "reply `{name}` of {node_en}",
                    "Antwort `{name}` ({node_de})"
                )
            }
            Context::RouteOf { reply, node } => {
                let reply = Context::Reply { id: reply, node }.describe();
                let (reply_en, reply_de) = (&reply.en, &reply.de);
                say!("a route of {reply_en}", "einer Route von {reply_de}")
            }
        }
    }
}

/// A name for messages ("`title` of [scenario]"), built only when a message
/// needs it: most fields have no problem, and building every name up front
/// showed up in the profile of large files.
///
/// The reading functions take it as `&dyn Describe`, so a closure at each
/// call site does not make a copy of them for the import worker's wasm.
pub trait Describe {
    fn describe(&self) -> Bilingual;
}

impl Describe for Bilingual {
    fn describe(&self) -> Bilingual {
        self.clone()
    }
}

impl<F: Fn() -> Bilingual> Describe for F {
    fn describe(&self) -> Bilingual {
        self()
    }
}

/// Reads values and records every problem in `diags`.
pub struct Reader<'d, 's> {
    pub diags: &'d mut Diagnostics<'s>,
    /// The languages the file declares; every text must have each of them.
    pub languages: Vec<Lang>,
}

impl<'t, 'i> Table<'t, 'i> {
    pub fn new(table: &'t TomlTable<'i>, span: Span, context: Context<'t>) -> Self {
        Table {
            table,
            span,
            context,
        }
    }

    /// The same table under a more precise name for messages.
    pub fn with_context(&self, context: Context<'t>) -> Table<'t, 'i> {
        Table {
            table: self.table,
            span: self.span.clone(),
            context,
        }
    }

    pub fn get(&self, key: &str) -> Option<&'t Spanned<Value<'i>>> {
        self.table.get(key)
    }
}

impl Reader<'_, '_> {
    /// Reports each key of `table` that is not in `allowed`.
    pub fn deny_unknown(&mut self, table: &Table, allowed: &[&str]) {
        for (key, _) in table.table.iter() {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                let hint = match closest(name, allowed) {
                    Some(near) => did_you_mean(near),
                    None => {
                        let list = quoted(allowed);
                        say!("allowed here: {list}", "Erlaubt sind hier: {list}")
                    }
                };
                let context = table.context.describe();
                let (in_en, in_de) = (&context.en, &context.de);
                self.diags.error(
                    key.span().start,
                    say!(
                        "unknown field `{name}` in {in_en}",
                        "unbekanntes Feld `{name}` in {in_de}"
                    ),
                    Some(hint),
                );
            }
        }
    }

    /// The value of a required field, or an error at the table with the
    /// hint `hint` builds.
    pub fn required<'t, 'i>(
        &mut self,
        table: &Table<'t, 'i>,
        key: &str,
        hint: impl FnOnce() -> Bilingual,
    ) -> Option<&'t Spanned<Value<'i>>> {
        let value = table.get(key);
        if value.is_none() {
            let context = table.context.describe();
            let (in_en, in_de) = (&context.en, &context.de);
            self.diags.error(
                table.span.start,
                say!(
                    "{in_en} has no `{key}`",
                    "Pflichtfeld `{key}` fehlt in {in_de}"
                ),
                Some(hint()),
            );
        }
        value
    }

    fn wrong_type(&mut self, value: &Spanned<Value>, expected: Bilingual, what: &dyn Describe) {
        let what = what.describe();
        let (what_en, what_de) = (&what.en, &what.de);
        let (expected_en, expected_de) = (&expected.en, &expected.de);
        let found_en = value.get_ref().type_str();
        let found_de = type_de(value.get_ref());
        self.diags.error(
            value.span().start,
            say!(
                "{what_en} must be {expected_en}, found {found_en}",
                "bei {what_de} wird {expected_de} erwartet, gefunden: {found_de}"
            ),
            None,
        );
    }

    pub fn string(&mut self, value: &Spanned<Value>, what: &dyn Describe) -> Option<At<String>> {
        match value.get_ref().as_str() {
            Some(s) => Some(At {
                value: s.to_string(),
                span: value.span(),
            }),
            None => {
                self.wrong_type(value, say!("a string", "ein Text"), what);
                None
            }
        }
    }

    pub fn integer(&mut self, value: &Spanned<Value>, what: &dyn Describe) -> Option<At<i64>> {
        let parsed = value.get_ref().as_integer().and_then(|i| {
            let digits = i.as_str();
            if digits.contains('_') {
                i64::from_str_radix(&digits.replace('_', ""), i.radix()).ok()
            } else {
                i64::from_str_radix(digits, i.radix()).ok()
            }
        });
        match parsed {
            Some(n) => Some(At {
                value: n,
                span: value.span(),
            }),
            None => {
                self.wrong_type(value, say!("a whole number", "eine ganze Zahl"), what);
                None
            }
        }
    }

    pub fn array<'t, 'i>(
        &mut self,
        value: &'t Spanned<Value<'i>>,
        what: &dyn Describe,
    ) -> Option<&'t Array<'i>> {
        let array = value.get_ref().as_array();
        if array.is_none() {
            self.wrong_type(value, say!("a list", "eine Liste"), what);
        }
        array
    }

    pub fn table<'t, 'i>(
        &mut self,
        value: &'t Spanned<Value<'i>>,
        context: Context<'t>,
    ) -> Option<Table<'t, 'i>> {
        match value.get_ref().as_table() {
            Some(t) => Some(Table::new(t, value.span(), context)),
            None => {
                self.wrong_type(value, say!("a table", "eine Tabelle"), &context);
                None
            }
        }
    }

    /// A list of strings, e.g. `techniques = ["calm", "empathy"]`.
    pub fn string_list(&mut self, value: &Spanned<Value>, what: &dyn Describe) -> Vec<At<String>> {
        self.array(value, what)
            .map(|items| items.iter().filter_map(|v| self.string(v, what)).collect())
            .unwrap_or_default()
    }

    /// A list of tables, e.g. `[[node]]` or `[[node.reply]]`.
    pub fn tables<'t, 'i>(
        &mut self,
        value: &'t Spanned<Value<'i>>,
        what: &Context<'t>,
    ) -> Vec<Table<'t, 'i>> {
        self.array(value, what)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|v| self.table(v, what.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A localised text `{ de = "…", en = "…" }` with every declared language.
    pub fn text(&mut self, value: &Spanned<Value>, what: &dyn Describe) -> Option<Text> {
        self.text_except(value, what, &[])
    }

    /// A text whose table may also hold the keys in `others` (a line's
    /// `when`), which the caller reads.
    pub fn text_except(
        &mut self,
        value: &Spanned<Value>,
        what: &dyn Describe,
        others: &[&str],
    ) -> Option<Text> {
        let Some(table) = value.get_ref().as_table() else {
            self.wrong_type(value, say!("a table", "eine Tabelle"), what);
            return None;
        };
        let mut entries = Vec::new();
        for (key, v) in table.iter() {
            let code = key.get_ref().as_ref();
            if others.contains(&code) {
                continue;
            }
            match Lang::from_code(code).filter(|l| self.languages.contains(l)) {
                Some(lang) => {
                    if let Some(s) = self.string(v, what) {
                        if s.value.trim().is_empty() {
                            let what = what.describe();
                            let (what_en, what_de) = (&what.en, &what.de);
                            self.diags.error(
                                v.span().start,
                                say!(
                                    "{what_en} is empty in `{code}`",
                                    "bei {what_de} ist der Text für `{code}` leer"
                                ),
                                Some(say!(
                                    "write the text, or remove the language from `languages`",
                                    "Schreiben Sie den Text, oder nehmen Sie die Sprache aus `languages` heraus"
                                )),
                            );
                        }
                        entries.push((lang, s.value));
                    }
                }
                None => {
                    let what = what.describe();
                    let (what_en, what_de) = (&what.en, &what.de);
                    let declared =
                        quoted(&self.languages.iter().map(|l| l.code()).collect::<Vec<_>>());
                    self.diags.error(
                        key.span().start,
                        say!(
                            "unknown language `{code}` in {what_en}",
                            "unbekannte Sprache `{code}` bei {what_de}"
                        ),
                        Some(say!(
                            "this file declares languages {declared}",
                            "Diese Datei gibt die Sprachen {declared} an"
                        )),
                    )
                }
            }
        }
        for lang in &self.languages {
            if !entries.iter().any(|(l, _)| l == lang) {
                let what = what.describe();
                let (what_en, what_de) = (&what.en, &what.de);
                let code = lang.code();
                self.diags.error(
                    value.span().start,
                    say!(
                        "{what_en} has no `{code}` translation",
                        "bei {what_de} fehlt die Übersetzung für `{code}`"
                    ),
                    Some(say!(
                        "add `{code} = \"…\"`",
                        "Ergänzen Sie `{code} = \"…\"`"
                    )),
                );
            }
        }
        Some(Text::new(entries))
    }
}

/// The hint for a misspelt name.
pub fn did_you_mean(near: &str) -> Bilingual {
    say!("did you mean `{near}`?", "Meinten Sie `{near}`?")
}

/// What kind of value was written, in plain German (English: toml's `type_str`).
fn type_de(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "Text",
        Value::Integer(_) => "ganze Zahl",
        Value::Float(_) => "Kommazahl",
        Value::Boolean(_) => "Wahrheitswert (true/false)",
        Value::Datetime => "Datum oder Uhrzeit",
        Value::Array(_) => "Liste",
        Value::Table(_) => "Tabelle",
    }
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The allowed name nearest to a misspelt one, if it is close enough.
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(name, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names_only() {
        assert_eq!(closest("nxt", &["next", "id"]), Some("next"));
        assert_eq!(closest("feedbak", &["feedback", "text"]), Some("feedback"));
        assert_eq!(closest("zebra", &["next", "id"]), None);
    }
}
