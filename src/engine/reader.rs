//! Strict, error-collecting reading of a parsed TOML tree.
//!
//! Why not serde with `deny_unknown_fields`: serde stops at the first unknown
//! field or wrong type, and the checker must report *every* problem at once,
//! each with its position. So the file is parsed into toml's spanned tree and
//! read here field by field; unknown fields are still errors, as with serde.

use super::diagnostic::Diagnostics;
use super::text::{Lang, Text};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

pub type Span = Range<usize>;

/// A value together with where it was written.
#[derive(Debug, Clone)]
pub struct At<T> {
    pub value: T,
    pub span: Span,
}

/// A table being read, with a human name for messages ("reply `calm_down`").
pub struct Table<'t, 'i> {
    table: &'t DeTable<'i>,
    pub span: Span,
    pub context: String,
}

/// Reads values and records every problem in `diags`.
pub struct Reader<'d, 's> {
    pub diags: &'d mut Diagnostics<'s>,
    /// The languages the file declares; every text must have each of them.
    pub languages: Vec<Lang>,
}

impl<'t, 'i> Table<'t, 'i> {
    pub fn new(table: &'t DeTable<'i>, span: Span, context: impl Into<String>) -> Self {
        Table {
            table,
            span,
            context: context.into(),
        }
    }

    /// The same table under a more precise name for messages.
    pub fn with_context(&self, context: impl Into<String>) -> Table<'t, 'i> {
        Table {
            table: self.table,
            span: self.span.clone(),
            context: context.into(),
        }
    }

    pub fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }
}

impl Reader<'_, '_> {
    /// Reports each key of `table` that is not in `allowed`.
    pub fn deny_unknown(&mut self, table: &Table, allowed: &[&str]) {
        for (key, _) in table.table.iter() {
            let name = key.get_ref().as_ref();
            if !allowed.contains(&name) {
                let hint = match closest(name, allowed) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("allowed here: {}", quoted(allowed)),
                };
                self.diags.error(
                    key.span().start,
                    format!("unknown field `{name}` in {}", table.context),
                    Some(hint),
                );
            }
        }
    }

    /// The value of a required field, or an error at the table.
    pub fn required<'t, 'i>(
        &mut self,
        table: &Table<'t, 'i>,
        key: &str,
        hint: &str,
    ) -> Option<&'t Spanned<DeValue<'i>>> {
        let value = table.get(key);
        if value.is_none() {
            self.diags.error(
                table.span.start,
                format!("{} has no `{key}`", table.context),
                Some(hint.to_string()),
            );
        }
        value
    }

    fn wrong_type(&mut self, value: &Spanned<DeValue>, expected: &str, what: &str) {
        self.diags.error(
            value.span().start,
            format!(
                "{what} must be {expected}, found {}",
                value.get_ref().type_str()
            ),
            None,
        );
    }

    pub fn string(&mut self, value: &Spanned<DeValue>, what: &str) -> Option<At<String>> {
        match value.get_ref().as_str() {
            Some(s) => Some(At {
                value: s.to_string(),
                span: value.span(),
            }),
            None => {
                self.wrong_type(value, "a string", what);
                None
            }
        }
    }

    pub fn integer(&mut self, value: &Spanned<DeValue>, what: &str) -> Option<At<i64>> {
        let parsed = value
            .get_ref()
            .as_integer()
            .and_then(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok());
        match parsed {
            Some(n) => Some(At {
                value: n,
                span: value.span(),
            }),
            None => {
                self.wrong_type(value, "a whole number", what);
                None
            }
        }
    }

    pub fn array<'t, 'i>(
        &mut self,
        value: &'t Spanned<DeValue<'i>>,
        what: &str,
    ) -> Option<&'t DeArray<'i>> {
        let array = value.get_ref().as_array();
        if array.is_none() {
            self.wrong_type(value, "a list", what);
        }
        array
    }

    pub fn table<'t, 'i>(
        &mut self,
        value: &'t Spanned<DeValue<'i>>,
        context: impl Into<String>,
    ) -> Option<Table<'t, 'i>> {
        let context = context.into();
        match value.get_ref().as_table() {
            Some(t) => Some(Table::new(t, value.span(), context)),
            None => {
                self.wrong_type(value, "a table", &context);
                None
            }
        }
    }

    /// A list of strings, e.g. `techniques = ["calm", "empathy"]`.
    pub fn string_list(&mut self, value: &Spanned<DeValue>, what: &str) -> Vec<At<String>> {
        self.array(value, what)
            .map(|items| items.iter().filter_map(|v| self.string(v, what)).collect())
            .unwrap_or_default()
    }

    /// A list of tables, e.g. `[[node]]` or `[[node.reply]]`.
    pub fn tables<'t, 'i>(
        &mut self,
        value: &'t Spanned<DeValue<'i>>,
        what: &str,
    ) -> Vec<Table<'t, 'i>> {
        self.array(value, what)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|v| self.table(v, what.to_string()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A localised text `{ de = "…", en = "…" }` with every declared language.
    pub fn text(&mut self, value: &Spanned<DeValue>, what: &str) -> Option<Text> {
        let table = self.table(value, what.to_string())?;
        let mut entries = Vec::new();
        for (key, v) in table.table.iter() {
            let code = key.get_ref().as_ref();
            match Lang::from_code(code).filter(|l| self.languages.contains(l)) {
                Some(lang) => {
                    if let Some(s) = self.string(v, what) {
                        if s.value.trim().is_empty() {
                            self.diags.error(
                                v.span().start,
                                format!("{what} is empty in `{code}`"),
                                Some(
                                    "write the text, or remove the language from `languages`"
                                        .into(),
                                ),
                            );
                        }
                        entries.push((lang, s.value));
                    }
                }
                None => self.diags.error(
                    key.span().start,
                    format!("unknown language `{code}` in {what}"),
                    Some(format!(
                        "this file declares languages {}",
                        quoted(&self.languages.iter().map(|l| l.code()).collect::<Vec<_>>())
                    )),
                ),
            }
        }
        for lang in &self.languages {
            if !entries.iter().any(|(l, _)| l == lang) {
                self.diags.error(
                    value.span().start,
                    format!("{what} has no `{}` translation", lang.code()),
                    Some(format!("add `{} = \"…\"`", lang.code())),
                );
            }
        }
        Some(Text::new(entries))
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
