//! The stored form of an editor draft (one localStorage value per draft) and
//! the rule that keeps it safe: a draft is written only over the revision the
//! editor read, never over one it could not read or one another tab wrote
//! since. Pure, so the rule is tested natively; `web::drafts` moves the text.

use super::draft::Draft;
use super::json::{self, FromJson, Json};

/// The format of the stored value; a newer app's value is left alone.
pub const DRAFT_FORMAT: u32 = 1;

/// The longest stored draft read back (a scenario file is at most 1 MB; its
/// draft with JSON quoting stays below this).
pub const MAX_DRAFT_BYTES: usize = 3 * 1024 * 1024;

/// One kept draft: what the trainer wrote, its revision (1 for the first
/// save, one more for each save after) and when it was saved (ms since 1970).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDraft {
    pub format: u32,
    pub revision: u64,
    pub saved_at: u64,
    pub draft: Draft,
}

crate::json_object!(StoredDraft {
    format: "format",
    revision: "revision",
    saved_at: "saved_at",
    draft: "draft",
});

/// Why a stored value is not a draft this app can open.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    /// Written by a newer version of the app (its format number).
    Newer(u32),
    /// Not a draft at all, or damaged.
    Damaged(String),
}

/// Reads a stored draft.
pub fn read(raw: &str) -> Result<StoredDraft, Unreadable> {
    if raw.len() > MAX_DRAFT_BYTES {
        return Err(Unreadable::Damaged("too large".into()));
    }
    let value = json::parse(raw).map_err(Unreadable::Damaged)?;
    match value.get("format") {
        Some(Json::Int(n)) if *n > i128::from(DRAFT_FORMAT) => {
            return Err(Unreadable::Newer(u32::try_from(*n).unwrap_or(u32::MAX)));
        }
        Some(Json::Int(n)) if *n == i128::from(DRAFT_FORMAT) => {}
        _ => return Err(Unreadable::Damaged("not a Counterpart draft".into())),
    }
    StoredDraft::from_json(&value).map_err(Unreadable::Damaged)
}

/// Why a save did not happen; the editor keeps the draft in memory and says so.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveRefused {
    /// Another tab saved revision `theirs` since this editor read `ours`.
    ChangedElsewhere { ours: Option<u64>, theirs: u64 },
    /// The value under the draft's key cannot be read; it is kept untouched.
    Unreadable(Unreadable),
}

/// The text to store for `draft`, given what is stored now and the revision
/// this editor last read or wrote (`None`: it started the draft itself).
/// Returns the text and the new revision.
pub fn next_save(
    stored: Option<&str>,
    based_on: Option<u64>,
    draft: &Draft,
    now: u64,
) -> Result<(String, u64), SaveRefused> {
    let current = match stored {
        None => None,
        Some(raw) => Some(read(raw).map_err(SaveRefused::Unreadable)?.revision),
    };
    if current.is_some() && current != based_on {
        return Err(SaveRefused::ChangedElsewhere {
            ours: based_on,
            theirs: current.unwrap_or_default(),
        });
    }
    let revision = current.unwrap_or(0) + 1;
    let stored = StoredDraft {
        format: DRAFT_FORMAT,
        revision,
        saved_at: now,
        draft: draft.clone(),
    };
    Ok((json::to_string(&stored), revision))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: &str) -> Draft {
        let mut d = Draft::blank();
        d.title.de = title.into();
        d
    }

    #[test]
    fn the_first_save_is_revision_one_and_reads_back() {
        let (text, revision) = next_save(None, None, &draft("Erster"), 5).expect("saved");
        assert_eq!(revision, 1);
        let back = read(&text).expect("readable");
        assert_eq!((back.revision, back.saved_at), (1, 5));
        assert_eq!(back.draft, draft("Erster"));
    }

    #[test]
    fn a_save_over_the_revision_read_goes_on() {
        let (first, _) = next_save(None, None, &draft("a"), 1).expect("saved");
        let (second, revision) = next_save(Some(&first), Some(1), &draft("b"), 2).expect("saved");
        assert_eq!(revision, 2);
        assert_eq!(read(&second).expect("readable").draft.title.de, "b");
    }

    #[test]
    fn a_save_never_overwrites_another_tabs_newer_revision() {
        let (first, _) = next_save(None, None, &draft("a"), 1).expect("saved");
        let (theirs, _) = next_save(Some(&first), Some(1), &draft("theirs"), 2).expect("saved");
        assert_eq!(
            next_save(Some(&theirs), Some(1), &draft("ours"), 3),
            Err(SaveRefused::ChangedElsewhere {
                ours: Some(1),
                theirs: 2
            })
        );
        // A draft started here whose id another tab took meanwhile: refused too.
        assert!(matches!(
            next_save(Some(&first), None, &draft("ours"), 3),
            Err(SaveRefused::ChangedElsewhere {
                ours: None,
                theirs: 1
            })
        ));
    }

    #[test]
    fn damaged_or_newer_values_are_never_overwritten() {
        for raw in ["{", "[]", "{\"format\":1}", "{\"progress\":3}", "\"x\""] {
            assert!(
                matches!(
                    next_save(Some(raw), Some(1), &draft("x"), 1),
                    Err(SaveRefused::Unreadable(Unreadable::Damaged(_)))
                ),
                "{raw}"
            );
        }
        let newer = "{\"format\":2,\"revision\":1,\"saved_at\":0,\"draft\":{}}";
        assert_eq!(read(newer), Err(Unreadable::Newer(2)));
        assert!(matches!(
            next_save(Some(newer), Some(1), &draft("x"), 1),
            Err(SaveRefused::Unreadable(Unreadable::Newer(2)))
        ));
    }

    #[test]
    fn an_oversized_value_is_not_parsed() {
        let huge = " ".repeat(MAX_DRAFT_BYTES + 1);
        assert!(matches!(read(&huge), Err(Unreadable::Damaged(_))));
    }
}
