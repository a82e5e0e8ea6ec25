//! Reviewing claims: status, verdict, note and evidence, each change written together with its
//! history entry in one transaction, and taking over the review of a repeated claim.

use rusqlite::{Connection, params};
use serde_json::json;

use crate::actions::{Entry, Recorder};
use crate::conflicts::{Author, check_unchanged};
use crate::records::{ActionKind, Claim, ClaimDetail, ClaimId, EvidenceId, HistoryChange};
use crate::review_state::{ClaimStatus, Stance};
use crate::{Desk, check_length, queries, verdicts};
use claimdesk_error::{Error, ErrorKind, Result};
use claimdesk_fields::validate_url;

/// Longest note accepted, in characters (a long note is a few thousand).
const MAX_NOTE_CHARS: usize = 100_000;
/// Longest verdict label or evidence title accepted, in characters.
const MAX_LABEL_CHARS: usize = 2_000;
/// Longest evidence URL accepted, in characters.
const MAX_URL_CHARS: usize = 8_000;

/// How an evidence link reads in history: "refutes https://...".
fn evidence_label(stance: Stance, url: &str) -> String {
    format!("{stance} {url}")
}

/// The site of a link, for action labels ("attached evidence from coast.example").
pub(crate) fn site(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str()
                .map(|h| h.trim_start_matches("www.").to_string())
        })
        .unwrap_or_else(|| url.to_string())
}

fn empty_to_none(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// The note as history records it: `None` when there is none.
pub(crate) fn note_value(claim: &Claim) -> Option<&str> {
    (!claim.note.is_empty()).then_some(claim.note.as_str())
}

/// Whether the evidence link has been taken off its claim.
pub(crate) fn evidence_is_removed(conn: &Connection, id: EvidenceId) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT removed_at IS NOT NULL FROM evidence WHERE id = ?1")?
        .query_row([id], |row| row.get(0))?)
}

/// Whether anyone has reviewed the claim: a status other than unreviewed, a verdict, a note or
/// an evidence link.
pub(crate) fn has_review_work(conn: &Connection, claim: &Claim) -> Result<bool> {
    if claim.status != ClaimStatus::Unreviewed || claim.verdict.is_some() || !claim.note.is_empty()
    {
        return Ok(true);
    }
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM evidence WHERE claim_id = ?1 AND removed_at IS NULL)",
        )?
        .query_row([claim.id], |row| row.get(0))?)
}

/// The label of a status change in the undo stack.
fn status_label(status: ClaimStatus) -> String {
    match status {
        ClaimStatus::Dismissed => "dismissed a claim".to_string(),
        other => format!("marked {}", other.label()),
    }
}

/// Write one field of a claim (status, verdict, note, or a correction: wording, speaker, role,
/// type, kind, review page) and its history entry; nothing is written when the value does not
/// change.
pub(crate) fn change_field(
    rec: &mut Recorder<'_>,
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
        HistoryChange::ClaimText => ("claim_text", new),
        HistoryChange::Speaker => ("speaker", new),
        HistoryChange::SpeakerRole => ("speaker_role", new),
        HistoryChange::SpeakerType => ("speaker_type", new),
        HistoryChange::ReviewUrl => ("review_url", new),
        HistoryChange::Kind => (
            "kind",
            Some(new.ok_or_else(|| Error::internal("a claim always has a kind"))?),
        ),
        other => return Err(Error::internal(format!("{other} is not a claim field"))),
    };
    rec.conn().execute(
        &format!("UPDATE claims SET {column} = ?2, updated_at = ?3 WHERE id = ?1"),
        params![claim.id, stored, rec.at],
    )?;
    rec.record(Entry::claim(claim, change, old, new))
}

/// Replace a claim's note, recording the change; a note is stored as empty text when cleared.
fn write_note(rec: &mut Recorder<'_>, claim: &Claim, new: &str) -> Result<()> {
    // Trailing blank lines are an artefact of the text box, not part of what was written.
    let new = new.trim_end();
    let new = (!new.is_empty()).then_some(new);
    change_field(rec, claim, HistoryChange::Note, note_value(claim), new)
}

/// A new evidence link, as the editor gave it.
pub(crate) struct NewEvidence<'a> {
    pub url: &'a str,
    pub title: Option<&'a str>,
    pub stance: Stance,
    pub note: &'a str,
}

/// Attach a link to a claim, recording it (with `data`, where the link came from, in the
/// history entry); refused when the claim already has the same URL.
pub(crate) fn attach_evidence(
    rec: &mut Recorder<'_>,
    claim: &Claim,
    link: &NewEvidence<'_>,
    data: Option<serde_json::Value>,
) -> Result<EvidenceId> {
    if live_link_exists(rec.conn(), claim.id, link.url)? {
        return Err(Error::new(
            ErrorKind::Conflict,
            format!("{} is already attached to claim {}", link.url, claim.id),
        ));
    }
    rec.conn()
        .prepare_cached(
            "INSERT INTO evidence (claim_id, url, title, stance, note, added_at, added_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            claim.id,
            link.url,
            link.title,
            link.stance.as_str(),
            link.note,
            rec.at,
            rec.by
        ])?;
    let evidence_id = rec.conn().last_insert_rowid();
    let label = evidence_label(link.stance, link.url);
    let mut entry = Entry::claim(claim, HistoryChange::EvidenceAdded, None, Some(&label))
        .with_evidence(evidence_id);
    if let Some(data) = data {
        entry = entry.with_data(data);
    }
    rec.record(entry)?;
    rec.touch(claim.id)?;
    Ok(evidence_id)
}

fn live_link_exists(conn: &Connection, claim_id: ClaimId, url: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM evidence
                            WHERE claim_id = ?1 AND url = ?2 AND removed_at IS NULL)",
        )?
        .query_row(params![claim_id, url], |row| row.get(0))?)
}

/// Take an evidence link off its claim (`removed`) or put it back, recording the change.
pub(crate) fn set_evidence_removed(
    rec: &mut Recorder<'_>,
    claim: &Claim,
    evidence_id: EvidenceId,
    removed: bool,
) -> Result<()> {
    let evidence = queries::evidence_any(rec.conn(), evidence_id)?;
    if evidence_is_removed(rec.conn(), evidence_id)? == removed {
        return Ok(());
    }
    let label = evidence_label(evidence.stance, &evidence.url);
    if removed {
        rec.conn().execute(
            "UPDATE evidence SET removed_at = ?2, removed_by = ?3 WHERE id = ?1",
            params![evidence_id, rec.at, rec.by],
        )?;
        rec.record(
            Entry::claim(claim, HistoryChange::EvidenceRemoved, Some(&label), None)
                .with_evidence(evidence_id),
        )?;
    } else {
        if live_link_exists(rec.conn(), claim.id, &evidence.url)? {
            return Err(Error::new(
                ErrorKind::Conflict,
                format!(
                    "{} is attached to claim {} again already",
                    evidence.url, claim.id
                ),
            ));
        }
        rec.conn().execute(
            "UPDATE evidence SET removed_at = NULL, removed_by = NULL WHERE id = ?1",
            [evidence_id],
        )?;
        rec.record(
            Entry::claim(claim, HistoryChange::EvidenceAdded, None, Some(&label))
                .with_evidence(evidence_id),
        )?;
    }
    rec.touch(claim.id)
}

/// Record a review on a freshly stored claim, as the editor would have made it: one action
/// with its status, note and evidence.
pub(crate) fn seed(
    conn: &Connection,
    at: &str,
    claim_id: ClaimId,
    review: &crate::SeededReview,
) -> Result<()> {
    let claim = queries::claim(conn, claim_id)?;
    let mut rec = Recorder::new(
        conn,
        at,
        &review.by,
        ActionKind::SetStatus,
        status_label(review.status),
    )
    .about(claim.article_id, Some(claim_id));
    change_field(
        &mut rec,
        &claim,
        HistoryChange::Status,
        Some(claim.status.as_str()),
        Some(review.status.as_str()),
    )?;
    if let Some(note) = &review.note {
        write_note(&mut rec, &claim, note)?;
    }
    if let Some((url, stance)) = &review.evidence {
        let link = NewEvidence {
            url,
            title: None,
            stance: *stance,
            note: "",
        };
        attach_evidence(&mut rec, &claim, &link, None)?;
    }
    Ok(())
}

impl Desk {
    /// One claim with its evidence, history and repeats.
    pub fn claim(&self, id: ClaimId) -> Result<ClaimDetail> {
        self.read(|conn| queries::claim_detail(conn, id))
    }

    /// Change a claim's status, and its note too when `note` is given. Setting what is already
    /// set records nothing. Dismissing a claim is setting it to `dismissed`: it stays, with its
    /// history, out of the review queue.
    pub fn set_status<'a>(
        &self,
        id: ClaimId,
        status: ClaimStatus,
        note: Option<&str>,
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimDetail> {
        self.mark(id, status, None, note, by)
    }

    /// Change a claim's status and give it a verdict in the same command (one step of undo),
    /// and its note too when `note` is given. On a fixed verdict scale the verdict must be a
    /// level that means `status` ("False" means disputed); a verdict is only given to a
    /// verified or disputed claim.
    pub fn mark<'a>(
        &self,
        id: ClaimId,
        status: ClaimStatus,
        verdict: Option<&str>,
        note: Option<&str>,
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimDetail> {
        if let Some(note) = note {
            check_length("the note", note, MAX_NOTE_CHARS)?;
        }
        let verdict = empty_to_none(verdict);
        if let Some(verdict) = verdict {
            check_length("the verdict", verdict, MAX_LABEL_CHARS)?;
            if !status.is_reviewed() {
                return Err(Error::invalid_input(format!(
                    "a verdict is given to a verified or disputed claim, not to one marked {}",
                    status.label().to_lowercase()
                ))
                .with_field("verdict"));
            }
        }
        let author = by.into();
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, author.name)?;
            let claim = queries::live_claim(tx, id)?;
            let mut fields = vec![HistoryChange::Status];
            if verdict.is_some() {
                fields.push(HistoryChange::Verdict);
            }
            if note.is_some() {
                fields.push(HistoryChange::Note);
            }
            check_unchanged(tx, &claim, author.seen, &by, &fields)?;
            let resolved = verdict
                .map(|v| verdicts::resolve(tx, Some(v)))
                .transpose()?;
            if let Some((Some(label), Some(meant))) = &resolved
                && *meant != status
            {
                return Err(Error::invalid_input(format!(
                    "\u{201C}{label}\u{201D} means {} on the desk's verdict scale; mark the claim \
                     {} or give a verdict that means {}",
                    meant.label().to_lowercase(),
                    meant.as_str(),
                    status.label().to_lowercase()
                ))
                .with_field("verdict"));
            }
            let label = match resolved.as_ref().and_then(|(label, _)| label.as_deref()) {
                Some(verdict) => format!("{} (\u{201C}{verdict}\u{201D})", status_label(status)),
                None => status_label(status),
            };
            let mut rec = Recorder::new(tx, &now, &by, ActionKind::SetStatus, label)
                .about(claim.article_id, Some(id));
            change_field(
                &mut rec,
                &claim,
                HistoryChange::Status,
                Some(claim.status.as_str()),
                Some(status.as_str()),
            )?;
            match resolved {
                Some((verdict, _)) => change_field(
                    &mut rec,
                    &claim,
                    HistoryChange::Verdict,
                    claim.verdict.as_deref(),
                    verdict.as_deref(),
                )?,
                None => verdicts::withdraw_stale_verdict(&mut rec, &claim, status)?,
            }
            if let Some(note) = note {
                write_note(&mut rec, &claim, note)?;
            }
            queries::claim_detail(tx, id)
        })
    }

    /// Replace a claim's note; an empty note clears it.
    pub fn set_note<'a>(
        &self,
        id: ClaimId,
        note: &str,
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimDetail> {
        check_length("the note", note, MAX_NOTE_CHARS)?;
        let author = by.into();
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, author.name)?;
            let claim = queries::live_claim(tx, id)?;
            check_unchanged(tx, &claim, author.seen, &by, &[HistoryChange::Note])?;
            let label = if note.trim().is_empty() {
                "cleared the note"
            } else {
                "edited the note"
            };
            let mut rec = Recorder::new(tx, &now, &by, ActionKind::SetNote, label)
                .about(claim.article_id, Some(id));
            write_note(&mut rec, &claim, note)?;
            queries::claim_detail(tx, id)
        })
    }

    /// Set a claim's verdict label, or clear it with `None` or an empty label. On a fixed
    /// verdict scale the label must be one of its levels, and the claim takes the status the
    /// level means (see [`crate::verdict`]).
    pub fn set_verdict<'a>(
        &self,
        id: ClaimId,
        verdict: Option<&str>,
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimDetail> {
        let verdict = empty_to_none(verdict);
        if let Some(verdict) = verdict {
            check_length("the verdict", verdict, MAX_LABEL_CHARS)?;
        }
        let author = by.into();
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, author.name)?;
            let claim = queries::live_claim(tx, id)?;
            // A verdict on a fixed scale sets the status too.
            check_unchanged(
                tx,
                &claim,
                author.seen,
                &by,
                &[HistoryChange::Verdict, HistoryChange::Status],
            )?;
            let resolved = verdicts::resolve(tx, verdict)?;
            let label = match &resolved.0 {
                Some(verdict) => format!("set the verdict \u{201C}{verdict}\u{201D}"),
                None => "cleared the verdict".to_string(),
            };
            let mut rec = Recorder::new(tx, &now, &by, ActionKind::SetVerdict, label)
                .about(claim.article_id, Some(id));
            verdicts::apply_verdict(&mut rec, &claim, resolved)?;
            queries::claim_detail(tx, id)
        })
    }

    /// Attach an evidence link to a claim. The URL must be an absolute http or https link.
    pub fn add_evidence<'a>(
        &self,
        id: ClaimId,
        url: &str,
        title: Option<&str>,
        stance: Stance,
        note: Option<&str>,
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimDetail> {
        // Links add up: a colleague's link since is no reason to refuse this one.
        let by = by.into().name;
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
            let claim = queries::live_claim(tx, id)?;
            let label = format!("attached evidence from {}", site(&url));
            let mut rec = Recorder::new(tx, &now, &by, ActionKind::AddEvidence, label)
                .about(claim.article_id, Some(id));
            let link = NewEvidence {
                url: &url,
                title,
                stance,
                note,
            };
            attach_evidence(&mut rec, &claim, &link, None)?;
            queries::claim_detail(tx, id)
        })
    }

    /// Take an evidence link off its claim. The link stays in the database, because the
    /// history refers to it, but no longer shows on the claim or in reports.
    pub fn remove_evidence<'a>(
        &self,
        id: EvidenceId,
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimDetail> {
        let by = by.into().name;
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let evidence = queries::evidence(tx, id)?;
            let claim = queries::live_claim(tx, evidence.claim_id)?;
            let label = format!("removed evidence from {}", site(&evidence.url));
            let mut rec = Recorder::new(tx, &now, &by, ActionKind::RemoveEvidence, label)
                .about(claim.article_id, Some(claim.id));
            set_evidence_removed(&mut rec, &claim, id, true)?;
            queries::claim_detail(tx, claim.id)
        })
    }

    /// Take over the review of `from` (usually a repeat of the claim, see
    /// [`ClaimDetail::repeats`](crate::records::ClaimDetail)) for claim `id`: its status and
    /// verdict, its note when it has one, and copies of its evidence links (links the claim
    /// already has are kept, not doubled). History records it as taken over from claim `from`.
    pub fn adopt_review<'a>(
        &self,
        id: ClaimId,
        from: ClaimId,
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimDetail> {
        if id == from {
            return Err(Error::invalid_input(
                "a claim cannot take over its own review; pick one of its repeats",
            ));
        }
        let author = by.into();
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, author.name)?;
            let claim = queries::live_claim(tx, id)?;
            check_unchanged(
                tx,
                &claim,
                author.seen,
                &by,
                &[
                    HistoryChange::Status,
                    HistoryChange::Verdict,
                    HistoryChange::Note,
                ],
            )?;
            let source = queries::live_claim(tx, from)?;
            if !has_review_work(tx, &source)? {
                return Err(Error::invalid_input(format!(
                    "claim {from} has not been reviewed yet: there is no review to take over"
                )));
            }
            let mut rec = Recorder::new(
                tx,
                &now,
                &by,
                ActionKind::AdoptReview,
                format!("took over the review of claim {from}"),
            )
            .about(claim.article_id, Some(id));
            let source_name = format!("claim {from}");
            rec.record(
                Entry::claim(
                    &claim,
                    HistoryChange::ReviewAdopted,
                    None,
                    Some(&source_name),
                )
                .with_data(json!({ "from": from })),
            )?;
            change_field(
                &mut rec,
                &claim,
                HistoryChange::Status,
                Some(claim.status.as_str()),
                Some(source.status.as_str()),
            )?;
            change_field(
                &mut rec,
                &claim,
                HistoryChange::Verdict,
                claim.verdict.as_deref(),
                source.verdict.as_deref(),
            )?;
            if note_value(&source).is_some() {
                write_note(&mut rec, &claim, &source.note)?;
            }
            for evidence in queries::evidence_of(tx, from)? {
                if live_link_exists(tx, id, &evidence.url)? {
                    continue;
                }
                let link = NewEvidence {
                    url: &evidence.url,
                    title: evidence.title.as_deref(),
                    stance: evidence.stance,
                    note: &evidence.note,
                };
                attach_evidence(
                    &mut rec,
                    &claim,
                    &link,
                    Some(json!({ "copied_from": evidence.id })),
                )?;
            }
            queries::claim_detail(tx, id)
        })
    }
}
