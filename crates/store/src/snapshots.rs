//! Evidence that outlives its link: a snapshot of each evidence page (its text as read, title,
//! HTTP status, final address, SHA-256 and the raw page, capped), the quote an editor chose in
//! it, and the Internet Archive's copy when the desk asks for one.
//!
//! A snapshot is fetched data, not an editor's change: it is written without a history row.
//! Choosing a quote is an editor's change, recorded and undoable like any other.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::actions::{Entry, Recorder};
use crate::records::{ActionKind, ClaimDetail, EvidenceId, HistoryChange};
use crate::sources::{compress, sha256_hex};
use crate::{Desk, queries};
use claimdesk_error::{Error, ErrorKind, Result};

/// The largest raw page kept with a snapshot, uncompressed.
pub const MAX_RAW_BYTES: usize = 5 * 1024 * 1024;

/// The longest snapshot text kept, in characters (a long report page is ~200,000).
pub const MAX_TEXT_CHARS: usize = 1_000_000;

/// A page as ClaimDesk read it for an evidence link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, optional_fields = nullable)]
pub struct EvidenceSnapshot {
    /// When the page was last read successfully (UTC RFC 3339); `None` if it never was.
    #[serde(default)]
    pub fetched_at: Option<String>,
    /// The HTTP status of that read.
    #[serde(default)]
    pub status: Option<u16>,
    /// The address that answered, after redirects.
    #[serde(default)]
    pub final_url: Option<String>,
    /// The page's title.
    #[serde(default)]
    pub title: Option<String>,
    /// The page's text as read (paragraphs separated by a blank line).
    #[serde(default)]
    pub text: Option<String>,
    /// SHA-256 (hex) of the page's bytes as read.
    #[serde(default)]
    pub sha256: Option<String>,
    /// When the page was last tried (UTC RFC 3339), successfully or not.
    #[serde(default)]
    pub checked_at: Option<String>,
    /// The HTTP status of the last try, if the server answered.
    #[serde(default)]
    pub check_status: Option<u16>,
    /// Why the last try failed (`http_status`, `dns`, `timeout`, ...); `None` when it worked.
    #[serde(default)]
    pub error_code: Option<String>,
    /// The message of that failure.
    #[serde(default)]
    pub error_message: Option<String>,
    /// The Internet Archive's copy of the page, when the desk asked for one.
    #[serde(default)]
    pub archive_url: Option<String>,
    /// Why the Internet Archive could not make a copy.
    #[serde(default)]
    pub archive_error: Option<String>,
}

impl EvidenceSnapshot {
    /// Whether the live page was gone at the last try (a 4xx/5xx answer, or no answer at
    /// all), so the snapshot is what is left of it.
    pub fn page_is_gone(&self) -> bool {
        self.error_code.is_some()
    }
}

/// The words of an evidence page an editor chose as what bears on the claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvidenceQuote {
    /// The quoted words.
    pub text: String,
    /// Where they start in the snapshot's text (character offset).
    pub start: usize,
    /// One past where they end.
    pub end: usize,
}

/// One read of an evidence page, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotRead {
    /// The page answered.
    Read {
        /// When.
        fetched_at: String,
        /// HTTP status.
        status: u16,
        /// Where it ended after redirects.
        final_url: String,
        /// Its title.
        title: Option<String>,
        /// Its text.
        text: String,
        /// Its bytes as read.
        raw: Vec<u8>,
    },
    /// The page could not be read.
    Failed {
        /// When it was tried.
        checked_at: String,
        /// The HTTP status, when the server answered with an error.
        status: Option<u16>,
        /// The error's code and message.
        code: String,
        /// The message.
        message: String,
    },
}

/// The snapshot of an evidence row, from the JSON column of `queries::EVIDENCE_COLUMNS`.
pub(crate) fn snapshot_from_json(json: Option<String>) -> Option<EvidenceSnapshot> {
    json.and_then(|json| serde_json::from_str(&json).ok())
}

fn clip_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((byte, _)) => &text[..byte],
        None => text,
    }
}

/// Write a snapshot row (restore and reads share it).
pub(crate) fn put(
    conn: &Connection,
    evidence_id: EvidenceId,
    snapshot: &EvidenceSnapshot,
    raw: Option<&[u8]>,
) -> Result<()> {
    let raw_kept = raw
        .filter(|raw| raw.len() <= MAX_RAW_BYTES)
        .map(compress)
        .transpose()?;
    conn.prepare_cached(
        "INSERT INTO evidence_snapshots (evidence_id, fetched_at, status, final_url, title, text,
                                         sha256, raw, raw_size, checked_at, check_status,
                                         error_code, error_message, archive_url, archive_error)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT (evidence_id) DO UPDATE SET
            fetched_at = excluded.fetched_at, status = excluded.status,
            final_url = excluded.final_url, title = excluded.title, text = excluded.text,
            sha256 = excluded.sha256, raw = excluded.raw, raw_size = excluded.raw_size,
            checked_at = excluded.checked_at, check_status = excluded.check_status,
            error_code = excluded.error_code, error_message = excluded.error_message,
            archive_url = excluded.archive_url, archive_error = excluded.archive_error",
    )?
    .execute(params![
        evidence_id,
        snapshot.fetched_at,
        snapshot.status,
        snapshot.final_url,
        snapshot.title,
        snapshot.text,
        snapshot.sha256,
        raw_kept,
        raw.map(|raw| raw.len() as i64),
        snapshot.checked_at.clone().unwrap_or_default(),
        snapshot.check_status,
        snapshot.error_code,
        snapshot.error_message,
        snapshot.archive_url,
        snapshot.archive_error,
    ])?;
    Ok(())
}

fn current(conn: &Connection, evidence_id: EvidenceId) -> Result<Option<EvidenceSnapshot>> {
    let json: Option<Option<String>> = conn
        .prepare_cached(&format!(
            "SELECT {} FROM evidence WHERE id = ?1",
            queries::EVIDENCE_COLUMNS
        ))?
        .query_row([evidence_id], |row| row.get(13))
        .optional()?;
    match json {
        None => Err(Error::not_found(format!(
            "there is no evidence link {evidence_id}"
        ))),
        Some(json) => Ok(snapshot_from_json(json)),
    }
}

impl Desk {
    /// The address of an evidence link (attached or removed).
    pub fn evidence_url(&self, evidence_id: EvidenceId) -> Result<String> {
        self.read(|conn| Ok(queries::evidence_any(conn, evidence_id)?.url))
    }

    /// Record a read of an evidence page. A successful read replaces the snapshot (and fills
    /// the link's title when the editor gave none); a failed one is noted beside the snapshot
    /// it keeps, so a page that is gone still shows what it said. Returns the claim as it now
    /// is.
    pub fn record_snapshot(
        &self,
        evidence_id: EvidenceId,
        read: SnapshotRead,
    ) -> Result<ClaimDetail> {
        let claim_id = self.write(|tx| {
            let evidence = queries::evidence_any(tx, evidence_id)?;
            let mut snapshot = current(tx, evidence_id)?.unwrap_or(EvidenceSnapshot {
                fetched_at: None,
                status: None,
                final_url: None,
                title: None,
                text: None,
                sha256: None,
                checked_at: None,
                check_status: None,
                error_code: None,
                error_message: None,
                archive_url: None,
                archive_error: None,
            });
            let mut raw_bytes = None;
            match &read {
                SnapshotRead::Read {
                    fetched_at,
                    status,
                    final_url,
                    title,
                    text,
                    raw,
                } => {
                    snapshot.fetched_at = Some(fetched_at.clone());
                    snapshot.status = Some(*status);
                    snapshot.final_url = Some(final_url.clone());
                    snapshot.title = title.clone();
                    snapshot.text = Some(clip_chars(text, MAX_TEXT_CHARS).to_string());
                    snapshot.sha256 = Some(sha256_hex(raw));
                    snapshot.checked_at = Some(fetched_at.clone());
                    snapshot.check_status = Some(*status);
                    snapshot.error_code = None;
                    snapshot.error_message = None;
                    raw_bytes = Some(raw.as_slice());
                    if evidence.title.is_none()
                        && let Some(title) = title.as_deref().filter(|t| !t.trim().is_empty())
                    {
                        tx.execute(
                            "UPDATE evidence SET title = ?2 WHERE id = ?1 AND title IS NULL",
                            params![evidence_id, clip_chars(title.trim(), 2_000)],
                        )?;
                    }
                }
                SnapshotRead::Failed {
                    checked_at,
                    status,
                    code,
                    message,
                } => {
                    snapshot.checked_at = Some(checked_at.clone());
                    snapshot.check_status = *status;
                    snapshot.error_code = Some(code.clone());
                    snapshot.error_message = Some(message.clone());
                }
            }
            if raw_bytes.is_none() {
                // Keep the raw page of the last good read: only the check columns change.
                tx.execute(
                    "UPDATE evidence_snapshots SET checked_at = ?2, check_status = ?3,
                            error_code = ?4, error_message = ?5 WHERE evidence_id = ?1",
                    params![
                        evidence_id,
                        snapshot.checked_at,
                        snapshot.check_status,
                        snapshot.error_code,
                        snapshot.error_message
                    ],
                )?;
                if tx.changes() == 0 {
                    put(tx, evidence_id, &snapshot, None)?;
                }
            } else {
                put(tx, evidence_id, &snapshot, raw_bytes)?;
            }
            Ok(evidence.claim_id)
        })?;
        self.claim(claim_id)
    }

    /// Record the Internet Archive's copy of an evidence page (or why there is none).
    pub fn record_archive(
        &self,
        evidence_id: EvidenceId,
        archive: std::result::Result<String, String>,
    ) -> Result<ClaimDetail> {
        let now = self.now();
        let claim_id = self.write(|tx| {
            let evidence = queries::evidence_any(tx, evidence_id)?;
            let (url, error) = match &archive {
                Ok(url) => (Some(url.as_str()), None),
                Err(error) => (None, Some(error.as_str())),
            };
            tx.execute(
                "INSERT INTO evidence_snapshots (evidence_id, checked_at, archive_url, archive_error)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (evidence_id) DO UPDATE SET
                    archive_url = coalesce(excluded.archive_url, archive_url),
                    archive_error = excluded.archive_error",
                params![evidence_id, now, url, error],
            )?;
            Ok(evidence.claim_id)
        })?;
        self.claim(claim_id)
    }

    /// Choose the words of an evidence link's snapshot (character offsets into its text) as
    /// what bears on the claim; `None` clears the quote. Recorded and undoable.
    pub fn set_evidence_quote(
        &self,
        evidence_id: EvidenceId,
        span: Option<(usize, usize)>,
        by: Option<&str>,
    ) -> Result<ClaimDetail> {
        let now = self.now();
        let claim_id = self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let evidence = queries::evidence(tx, evidence_id)?;
            let claim = queries::live_claim(tx, evidence.claim_id)?;
            let new = match span {
                None => None,
                Some((start, end)) => {
                    let text = current(tx, evidence_id)?
                        .and_then(|snapshot| snapshot.text)
                        .ok_or_else(|| {
                            Error::new(
                                ErrorKind::Conflict,
                                "this link has no snapshot yet to quote from; fetch it first",
                            )
                        })?;
                    Some(quote_of(&text, start, end)?)
                }
            };
            let mut rec = Recorder::new(
                tx,
                &now,
                &by,
                ActionKind::SetEvidenceQuote,
                if new.is_some() {
                    "quoted the evidence"
                } else {
                    "cleared the evidence quote"
                },
            )
            .about(claim.article_id, Some(claim.id));
            write_quote(
                &mut rec,
                &claim,
                evidence_id,
                evidence.quote.as_ref(),
                new.as_ref(),
            )?;
            Ok(claim.id)
        })?;
        self.claim(claim_id)
    }
}

/// The quote at `start..end` of `text`, trimmed of surrounding whitespace.
fn quote_of(text: &str, start: usize, end: usize) -> Result<EvidenceQuote> {
    let length = text.chars().count();
    if start >= end || end > length {
        return Err(Error::invalid_input(format!(
            "the quote {start}..{end} is not inside the snapshot's text (0..{length})"
        )));
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut start, mut end) = (start, end);
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start == end {
        return Err(Error::invalid_input("the quote holds no words"));
    }
    Ok(EvidenceQuote {
        text: chars[start..end].iter().collect(),
        start,
        end,
    })
}

/// Set an evidence link's quote and record the change (old and new quote text; the offsets in
/// `data` for undo).
pub(crate) fn write_quote(
    rec: &mut Recorder<'_>,
    claim: &crate::records::Claim,
    evidence_id: EvidenceId,
    old: Option<&EvidenceQuote>,
    new: Option<&EvidenceQuote>,
) -> Result<()> {
    if old == new {
        return Ok(());
    }
    rec.conn().execute(
        "UPDATE evidence SET quote = ?2, quote_start = ?3, quote_end = ?4 WHERE id = ?1",
        params![
            evidence_id,
            new.map(|q| q.text.as_str()),
            new.map(|q| q.start as i64),
            new.map(|q| q.end as i64)
        ],
    )?;
    let span = |quote: Option<&EvidenceQuote>| quote.map(|q| json!([q.start, q.end]));
    rec.record(
        Entry::claim(
            claim,
            HistoryChange::EvidenceQuote,
            old.map(|q| q.text.as_str()),
            new.map(|q| q.text.as_str()),
        )
        .with_evidence(evidence_id)
        .with_data(json!({ "old": span(old), "new": span(new) })),
    )?;
    rec.touch(claim.id)
}

/// The quote a history entry's `data` names on one side (`"old"` or `"new"`), with `text`.
pub(crate) fn quote_from_data(
    data: Option<&serde_json::Value>,
    side: &str,
    text: Option<&str>,
) -> Option<EvidenceQuote> {
    let span = data?.get(side)?.as_array()?;
    Some(EvidenceQuote {
        text: text?.to_string(),
        start: span.first()?.as_u64()? as usize,
        end: span.get(1)?.as_u64()? as usize,
    })
}
