//! Reviewing claims: status, verdict, note and evidence, each change written together with its
//! history entry in one transaction.

use rusqlite::{Connection, params};

use crate::error::{Error, ErrorKind, Result};
use crate::import::validate_url;
use crate::model::{ClaimStatus, Stance};
use crate::records::{ArticleId, Claim, ClaimDetail, ClaimId, EvidenceId, HistoryChange};
use crate::store::{Desk, check_length, queries};

/// Longest note accepted, in characters (a long note is a few thousand).
const MAX_NOTE_CHARS: usize = 100_000;
/// Longest verdict label or evidence title accepted, in characters.
const MAX_LABEL_CHARS: usize = 2_000;
/// Longest evidence URL accepted, in characters.
const MAX_URL_CHARS: usize = 8_000;

/// One history row to append.
struct Change<'a> {
    article_id: ArticleId,
    claim_id: ClaimId,
    evidence_id: Option<EvidenceId>,
    change: HistoryChange,
    old: Option<&'a str>,
    new: Option<&'a str>,
}

fn record(conn: &Connection, at: &str, by: &str, change: Change<'_>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO history (article_id, claim_id, evidence_id, at, \"by\", change, old_value,
                              new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        change.article_id,
        change.claim_id,
        change.evidence_id,
        at,
        by,
        change.change.as_str(),
        change.old,
        change.new,
    ])?;
    Ok(())
}

fn touch(conn: &Connection, claim_id: ClaimId, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE claims SET updated_at = ?2 WHERE id = ?1",
        params![claim_id, now],
    )?;
    Ok(())
}

/// How an evidence link reads in history: "refutes https://...".
fn evidence_label(stance: Stance, url: &str) -> String {
    format!("{stance} {url}")
}

fn empty_to_none(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

impl Desk {
    /// One claim with its evidence and history.
    pub fn claim(&self, id: ClaimId) -> Result<ClaimDetail> {
        self.read(|conn| queries::claim_detail(conn, id))
    }

    /// Change a claim's status, and its note too when `note` is given. Setting what is already
    /// set records nothing.
    pub fn set_status(
        &self,
        id: ClaimId,
        status: ClaimStatus,
        note: Option<&str>,
        by: Option<&str>,
    ) -> Result<ClaimDetail> {
        if let Some(note) = note {
            check_length("the note", note, MAX_NOTE_CHARS)?;
        }
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let claim = queries::claim(tx, id)?;
            change_field(
                tx,
                &now,
                &by,
                &claim,
                HistoryChange::Status,
                Some(claim.status.as_str()),
                Some(status.as_str()),
            )?;
            if let Some(note) = note {
                write_note(tx, &now, &by, &claim, note)?;
            }
            queries::claim_detail(tx, id)
        })
    }

    /// Replace a claim's note; an empty note clears it.
    pub fn set_note(&self, id: ClaimId, note: &str, by: Option<&str>) -> Result<ClaimDetail> {
        check_length("the note", note, MAX_NOTE_CHARS)?;
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let claim = queries::claim(tx, id)?;
            write_note(tx, &now, &by, &claim, note)?;
            queries::claim_detail(tx, id)
        })
    }

    /// Set a claim's verdict label, or clear it with `None` or an empty label.
    pub fn set_verdict(
        &self,
        id: ClaimId,
        verdict: Option<&str>,
        by: Option<&str>,
    ) -> Result<ClaimDetail> {
        let verdict = empty_to_none(verdict);
        if let Some(verdict) = verdict {
            check_length("the verdict", verdict, MAX_LABEL_CHARS)?;
        }
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let claim = queries::claim(tx, id)?;
            change_field(
                tx,
                &now,
                &by,
                &claim,
                HistoryChange::Verdict,
                claim.verdict.as_deref(),
                verdict,
            )?;
            queries::claim_detail(tx, id)
        })
    }

    /// Attach an evidence link to a claim. The URL must be an absolute http or https link.
    pub fn add_evidence(
        &self,
        id: ClaimId,
        url: &str,
        title: Option<&str>,
        stance: Stance,
        note: Option<&str>,
        by: Option<&str>,
    ) -> Result<ClaimDetail> {
        check_length("the link", url.trim(), MAX_URL_CHARS)?;
        let url = validate_url(url)?;
        let title = empty_to_none(title);
        if let Some(title) = title {
            check_length("the title", title, MAX_LABEL_CHARS)?;
        }
        let note = note.map(str::trim).unwrap_or_default();
        check_length("the note", note, MAX_NOTE_CHARS)?;
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let claim = queries::claim(tx, id)?;
            let duplicate: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM evidence
                                WHERE claim_id = ?1 AND url = ?2 AND removed_at IS NULL)",
                params![id, url],
                |row| row.get(0),
            )?;
            if duplicate {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!("{url} is already attached to claim {id}"),
                ));
            }
            tx.execute(
                "INSERT INTO evidence (claim_id, url, title, stance, note, added_at, added_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, url, title, stance.as_str(), note, now, by],
            )?;
            let evidence_id = tx.last_insert_rowid();
            record(
                tx,
                &now,
                &by,
                Change {
                    article_id: claim.article_id,
                    claim_id: id,
                    evidence_id: Some(evidence_id),
                    change: HistoryChange::EvidenceAdded,
                    old: None,
                    new: Some(&evidence_label(stance, &url)),
                },
            )?;
            touch(tx, id, &now)?;
            queries::claim_detail(tx, id)
        })
    }

    /// Take an evidence link off its claim. The link stays in the database, because the
    /// history refers to it, but no longer shows on the claim or in reports.
    pub fn remove_evidence(&self, id: EvidenceId, by: Option<&str>) -> Result<ClaimDetail> {
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let evidence = queries::evidence(tx, id)?;
            let claim = queries::claim(tx, evidence.claim_id)?;
            tx.execute(
                "UPDATE evidence SET removed_at = ?2, removed_by = ?3 WHERE id = ?1",
                params![id, now, by],
            )?;
            record(
                tx,
                &now,
                &by,
                Change {
                    article_id: claim.article_id,
                    claim_id: claim.id,
                    evidence_id: Some(id),
                    change: HistoryChange::EvidenceRemoved,
                    old: Some(&evidence_label(evidence.stance, &evidence.url)),
                    new: None,
                },
            )?;
            touch(tx, claim.id, &now)?;
            queries::claim_detail(tx, claim.id)
        })
    }
}

/// Replace a claim's note, recording the change; a note is stored as empty text when cleared.
fn write_note(conn: &Connection, now: &str, by: &str, claim: &Claim, new: &str) -> Result<()> {
    // Trailing blank lines are an artefact of the text box, not part of what was written.
    let new = new.trim_end();
    let old = (!claim.note.is_empty()).then_some(claim.note.as_str());
    let new = (!new.is_empty()).then_some(new);
    change_field(conn, now, by, claim, HistoryChange::Note, old, new)
}

/// Write one review field of a claim (status, verdict or note) and its history entry, in the
/// caller's transaction; nothing is written when the value does not change.
fn change_field(
    conn: &Connection,
    now: &str,
    by: &str,
    claim: &Claim,
    change: HistoryChange,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<()> {
    if old == new {
        return Ok(());
    }
    let (column, stored) = match change {
        HistoryChange::Status => ("status", new),
        HistoryChange::Verdict => ("verdict", new),
        HistoryChange::Note => ("note", Some(new.unwrap_or_default())),
        other => return Err(Error::internal(format!("{other} is not a claim field"))),
    };
    conn.execute(
        &format!("UPDATE claims SET {column} = ?2, updated_at = ?3 WHERE id = ?1"),
        params![claim.id, stored, now],
    )?;
    record(
        conn,
        now,
        by,
        Change {
            article_id: claim.article_id,
            claim_id: claim.id,
            evidence_id: None,
            change,
            old,
            new,
        },
    )
}
