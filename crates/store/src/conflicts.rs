//! Two editors, one claim: a change made on a claim as the editor last saw it is refused when a
//! colleague has changed the same field since, instead of silently overwriting their work.
//!
//! Every claim has a revision, the id of the newest history entry about it
//! ([`Claim::revision`](crate::records::Claim)). The UI sends the revision it showed with a
//! change (`seen`); the change is then checked, inside its write transaction, against the
//! history entries written after it: one by another editor about a field the change writes
//! makes it a [`Conflict`](claimdesk_error::ErrorKind::Conflict) naming the field and who
//! changed it. Changes to other fields of the claim (a colleague's note while the editor marks
//! the status) are no conflict, and an editor's own newer changes (another tab) never are.

use rusqlite::{Connection, OptionalExtension};

use crate::records::{Claim, HistoryChange};
use claimdesk_error::{Error, ErrorKind, Result};

/// Who makes a change, and which revision of the claim they were looking at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Author<'a> {
    /// The editor's name; `None` is the desk's default (see
    /// [`Desk::default_reviewer`](crate::Desk::default_reviewer)).
    pub name: Option<&'a str>,
    /// The claim's revision the editor saw; `None` checks nothing (the command line).
    pub seen: Option<i64>,
}

impl<'a> Author<'a> {
    /// `name`, having seen revision `seen` of the claim.
    pub fn new(name: &'a str, seen: Option<i64>) -> Author<'a> {
        Author {
            name: Some(name),
            seen,
        }
    }
}

impl<'a> From<Option<&'a str>> for Author<'a> {
    fn from(name: Option<&'a str>) -> Self {
        Author { name, seen: None }
    }
}

impl<'a> From<&'a str> for Author<'a> {
    fn from(name: &'a str) -> Self {
        Author {
            name: Some(name),
            seen: None,
        }
    }
}

/// The field a change of this kind writes, as the UI names it.
pub(crate) fn field_of(change: HistoryChange) -> &'static str {
    match change {
        HistoryChange::Status => "status",
        HistoryChange::Verdict => "verdict",
        HistoryChange::Note => "note",
        HistoryChange::Span => "span",
        HistoryChange::Assignee => "assignee",
        HistoryChange::EvidenceAdded | HistoryChange::EvidenceRemoved => "evidence",
        HistoryChange::ClaimText => "claim_text",
        HistoryChange::Speaker => "speaker",
        HistoryChange::SpeakerRole => "speaker_role",
        HistoryChange::SpeakerType => "speaker_type",
        HistoryChange::Kind => "kind",
        HistoryChange::Date => "dates",
        HistoryChange::ReviewUrl => "review_url",
        _ => "claim",
    }
}

/// How the message names a field.
fn described(change: HistoryChange) -> &'static str {
    match change {
        HistoryChange::Status => "the status",
        HistoryChange::Verdict => "the verdict",
        HistoryChange::Note => "the note",
        HistoryChange::Span => "the span",
        HistoryChange::Assignee => "who holds it",
        HistoryChange::ClaimText => "the wording",
        HistoryChange::Speaker => "the speaker",
        HistoryChange::SpeakerRole => "the speaker's role",
        HistoryChange::SpeakerType => "the speaker's type",
        HistoryChange::Kind => "the kind",
        HistoryChange::Date => "a date",
        HistoryChange::ReviewUrl => "the review page",
        _ => "it",
    }
}

/// Refuse the change when an editor other than `by` has changed one of `fields` of `claim`
/// after revision `seen`.
pub(crate) fn check_unchanged(
    conn: &Connection,
    claim: &Claim,
    seen: Option<i64>,
    by: &str,
    fields: &[HistoryChange],
) -> Result<()> {
    let Some(seen) = seen else {
        return Ok(());
    };
    if claim.revision <= seen || fields.is_empty() {
        return Ok(());
    }
    let kinds: Vec<&str> = fields.iter().map(|f| f.as_str()).collect();
    let newest: Option<(String, String, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT \"by\", change, at, new_value FROM history
             WHERE claim_id = ?1 AND id > ?2 AND \"by\" != ?3
               AND change IN (SELECT value FROM json_each(?4))
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row(
            rusqlite::params![claim.id, seen, by, serde_json::to_string(&kinds)?],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    let Some((who, change, at, new)) = newest else {
        return Ok(());
    };
    let change: HistoryChange = change.parse()?;
    let now = match (change, new.as_deref()) {
        (_, None) => " (it is now empty)".to_string(),
        (HistoryChange::Note | HistoryChange::Span, Some(_)) => String::new(),
        (_, Some(value)) => format!(" (it is now \u{201C}{}\u{201D})", value.replace('_', " ")),
    };
    let when = chrono::DateTime::parse_from_rfc3339(&at)
        .map(|at| at.format(" at %H:%M UTC").to_string())
        .unwrap_or_default();
    Err(Error::new(
        ErrorKind::Conflict,
        format!(
            "{who} changed {} of this claim after you opened it{when}{now}. Yours was not \
             saved, so theirs is not lost: look at the claim as it is now, then make your \
             change again if it still stands.",
            described(change)
        ),
    )
    .with_field(field_of(change))
    .with_changed_by(who))
}
