//! The statement outbox, pure: xAPI statements wait here in order until the
//! LRS has taken them. Each statement got its id when it was made, so sending
//! one again can never count twice; the web part keeps the outbox in
//! localStorage, so a reload or a lost connection loses nothing.

use crate::engine::json::{self, Json};

/// At most this many statements wait; beyond it the oldest per-reply
/// statements go first (the verdicts and session statements stay).
pub const OUTBOX_LIMIT: usize = 500;

/// Statements for one LRS and one set of credentials, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub endpoint: String,
    /// The `Authorization` header these statements are sent with.
    pub auth: String,
    pub statements: Vec<Json>,
}

crate::json_object!(Batch {
    endpoint: "endpoint",
    auth: "auth",
    statements: "statements",
});

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outbox {
    pub batches: Vec<Batch>,
}

crate::json_object!(Outbox {
    batches: "batches" or_default,
});

fn id_of(statement: &Json) -> Option<&str> {
    match statement.get("id") {
        Some(Json::Str(id)) => Some(id),
        _ => None,
    }
}

fn is_per_reply(statement: &Json) -> bool {
    statement
        .get("verb")
        .and_then(|v| v.get("id"))
        .is_some_and(|id| *id == Json::Str("http://adlnet.gov/expapi/verbs/answered".into()))
}

impl Outbox {
    /// Reads a stored outbox; what cannot be read starts empty (and is said).
    pub fn from_stored(text: &str) -> Result<Outbox, String> {
        json::from_str(text)
    }

    pub fn to_stored(&self) -> String {
        json::to_string(self)
    }

    pub fn len(&self) -> usize {
        self.batches.iter().map(|b| b.statements.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Queues `statement` after everything else; returns how many older
    /// statements had to be dropped to stay within [`OUTBOX_LIMIT`].
    pub fn push(&mut self, endpoint: &str, auth: &str, statement: Json) -> usize {
        match self.batches.last_mut() {
            Some(last) if last.endpoint == endpoint && last.auth == auth => {
                last.statements.push(statement)
            }
            _ => self.batches.push(Batch {
                endpoint: endpoint.to_string(),
                auth: auth.to_string(),
                statements: vec![statement],
            }),
        }
        let mut dropped = 0;
        while self.len() > OUTBOX_LIMIT {
            let oldest_reply = self
                .batches
                .iter_mut()
                .find_map(|b| b.statements.iter().position(is_per_reply).map(|at| (b, at)));
            match oldest_reply {
                Some((batch, at)) => {
                    batch.statements.remove(at);
                }
                None => {
                    self.batches[0].statements.remove(0);
                }
            }
            self.batches.retain(|b| !b.statements.is_empty());
            dropped += 1;
        }
        dropped
    }

    /// The next statements to send, at most `max`, all of one batch.
    pub fn next(&self, max: usize) -> Option<(&Batch, &[Json])> {
        let batch = self.batches.first()?;
        Some((batch, &batch.statements[..batch.statements.len().min(max)]))
    }

    /// Removes the statements with these ids (the LRS has them).
    pub fn taken(&mut self, ids: &[String]) {
        for batch in &mut self.batches {
            batch
                .statements
                .retain(|s| id_of(s).is_none_or(|id| !ids.iter().any(|taken| taken == id)));
        }
        self.batches.retain(|b| !b.statements.is_empty());
    }

    /// Drops everything waiting for these credentials (an earlier session's
    /// token the LMS no longer accepts); returns how many statements went.
    pub fn drop_auth(&mut self, auth: &str) -> usize {
        let before = self.len();
        self.batches.retain(|b| b.auth != auth);
        before - self.len()
    }
}

/// The ids of `statements`, in order.
pub fn ids_of(statements: &[Json]) -> Vec<String> {
    statements
        .iter()
        .filter_map(id_of)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(id: &str, verb: &str) -> Json {
        json::parse(&format!(
            r#"{{"id":"{id}","verb":{{"id":"http://adlnet.gov/expapi/verbs/{verb}"}},"result":{{"score":{{"scaled":0.5}}}}}}"#
        ))
        .unwrap()
    }

    #[test]
    fn statements_wait_in_order_and_leave_by_id() {
        let mut outbox = Outbox::default();
        outbox.push("https://lrs/", "Basic a", statement("1", "initialized"));
        outbox.push("https://lrs/", "Basic a", statement("2", "answered"));
        outbox.push("https://lrs/", "Basic b", statement("3", "initialized"));
        assert_eq!(outbox.batches.len(), 2, "new credentials, new batch");
        let (batch, first) = outbox.next(10).unwrap();
        assert_eq!(
            (batch.auth.as_str(), ids_of(first)),
            ("Basic a", vec!["1".to_string(), "2".to_string()])
        );
        assert_eq!(ids_of(outbox.next(1).unwrap().1), vec!["1".to_string()]);
        outbox.taken(&["1".into(), "2".into()]);
        assert_eq!(ids_of(outbox.next(10).unwrap().1), vec!["3".to_string()]);
        assert_eq!(outbox.drop_auth("Basic b"), 1);
        assert!(outbox.is_empty() && outbox.next(10).is_none());
    }

    #[test]
    fn the_outbox_survives_storage_with_its_decimals() {
        let mut outbox = Outbox::default();
        outbox.push("https://lrs/", "Basic a", statement("1", "passed"));
        let stored = outbox.to_stored();
        assert!(stored.contains(r#""scaled":0.5"#), "{stored}");
        assert_eq!(Outbox::from_stored(&stored), Ok(outbox));
        assert!(Outbox::from_stored("{\"batches\":7}").is_err());
    }

    #[test]
    fn a_full_outbox_drops_the_oldest_per_reply_statements_first() {
        let mut outbox = Outbox::default();
        outbox.push("https://lrs/", "Basic a", statement("start", "initialized"));
        for n in 0..OUTBOX_LIMIT - 1 {
            assert_eq!(
                outbox.push(
                    "https://lrs/",
                    "Basic a",
                    statement(&n.to_string(), "answered")
                ),
                0
            );
        }
        assert_eq!(
            outbox.push("https://lrs/", "Basic a", statement("end", "terminated")),
            1
        );
        let ids = ids_of(&outbox.batches[0].statements);
        assert_eq!(ids.len(), OUTBOX_LIMIT);
        assert_eq!(
            &ids[..2],
            ["start", "1"],
            "answered 0 went, initialized stayed"
        );
        assert_eq!(ids.last().map(String::as_str), Some("end"));
    }
}
