//! The records the desk stores and hands to the UI: articles, their claims, evidence links and
//! the history of every change.
//!
//! These are the shapes that cross every boundary (Tauri IPC, the HTTP API, `claims --format
//! jsonl`, the JSON export), so their field names are part of ClaimDesk's contract: add fields,
//! never rename them. Timestamps are UTC RFC 3339 strings (`2025-03-14T09:26:53Z`) and dates
//! are ISO 8601 days (`2025-03-14`), because that is what sorts and parses the same everywhere.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::model::{ClaimKind, ClaimStatus, ExtractedClaim, Stance};

/// Row id of an article.
pub type ArticleId = i64;
/// Row id of a claim.
pub type ClaimId = i64;
/// Row id of an evidence link.
pub type EvidenceId = i64;

/// How an article reached the desk; the import path depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SourceFormat {
    /// Plain text, stored as read (line endings normalised).
    Text,
    /// An HTML page, stored as the paragraphs of its body text.
    Html,
}

impl SourceFormat {
    /// The stable identifier, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Html => "html",
        }
    }
}

impl FromStr for SourceFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "text" => Ok(SourceFormat::Text),
            "html" => Ok(SourceFormat::Html),
            other => Err(Error::invalid_input(format!(
                "unknown source format {other:?}; use text or html"
            ))),
        }
    }
}

/// An imported article with its full text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Article {
    /// Row id.
    pub id: ArticleId,
    /// Headline.
    pub title: String,
    /// Publication that ran it ("The Harbour Gazette").
    pub outlet: Option<String>,
    /// Author line as published ("By Mira Okafor").
    pub byline: Option<String>,
    /// Where it was published; always an http or https URL when present.
    pub url: Option<String>,
    /// Publication day (`YYYY-MM-DD`), the anchor for "Wednesday" and "last year".
    pub published: Option<String>,
    /// When it was imported (UTC RFC 3339).
    pub imported_at: String,
    /// Name of the file it was imported from, if any.
    pub source_file: Option<String>,
    /// Whether it came in as plain text or HTML.
    pub source_format: SourceFormat,
    /// The article text every claim offset points into.
    pub text: String,
    /// SHA-256 (hex) of the whitespace-normalised text: the same article imported twice has
    /// the same hash, whatever its file name or line wrapping.
    pub content_hash: String,
}

/// How many of an article's (or a report's) claims are in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusCounts {
    /// All claims.
    pub total: u32,
    /// Claims nobody has looked at.
    pub unreviewed: u32,
    /// Claims a checker is working on.
    pub in_progress: u32,
    /// Claims waiting for evidence.
    pub needs_evidence: u32,
    /// Claims checked and supported.
    pub verified: u32,
    /// Claims checked and contradicted.
    pub disputed: u32,
    /// Non-claims taken out of the queue.
    pub dismissed: u32,
}

impl StatusCounts {
    /// Count one more claim in `status`.
    pub fn add(&mut self, status: ClaimStatus, count: u32) {
        self.total += count;
        let slot = match status {
            ClaimStatus::Unreviewed => &mut self.unreviewed,
            ClaimStatus::InProgress => &mut self.in_progress,
            ClaimStatus::NeedsEvidence => &mut self.needs_evidence,
            ClaimStatus::Verified => &mut self.verified,
            ClaimStatus::Disputed => &mut self.disputed,
            ClaimStatus::Dismissed => &mut self.dismissed,
        };
        *slot += count;
    }

    /// The count for one status.
    pub fn get(&self, status: ClaimStatus) -> u32 {
        match status {
            ClaimStatus::Unreviewed => self.unreviewed,
            ClaimStatus::InProgress => self.in_progress,
            ClaimStatus::NeedsEvidence => self.needs_evidence,
            ClaimStatus::Verified => self.verified,
            ClaimStatus::Disputed => self.disputed,
            ClaimStatus::Dismissed => self.dismissed,
        }
    }
}

/// An article as the library lists it: its metadata and claim counts, without the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArticleSummary {
    /// Row id.
    pub id: ArticleId,
    /// Headline.
    pub title: String,
    /// Publication that ran it.
    pub outlet: Option<String>,
    /// Author line as published.
    pub byline: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Publication day (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// When it was imported (UTC RFC 3339).
    pub imported_at: String,
    /// Its claims by status.
    pub counts: StatusCounts,
}

/// Who put a claim on the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ClaimOrigin {
    /// The engine found it at import.
    Engine,
    /// An editor marked it by hand.
    Editor,
}

impl ClaimOrigin {
    /// The stable identifier, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimOrigin::Engine => "engine",
            ClaimOrigin::Editor => "editor",
        }
    }
}

impl FromStr for ClaimOrigin {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s {
            "engine" => Ok(ClaimOrigin::Engine),
            "editor" => Ok(ClaimOrigin::Editor),
            other => Err(Error::invalid_input(format!(
                "unknown claim origin {other:?}; use engine or editor"
            ))),
        }
    }
}

/// A claim on the desk: what the engine found, plus the desk's review of it.
///
/// Serialised flat: the engine's fields (`text`, `start`, `end`, `score`, ...) sit beside the
/// desk's (`id`, `status`, `note`, ...), which is the row `claims --format jsonl` writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Claim {
    /// Row id.
    pub id: ClaimId,
    /// The article it is in; `start`/`end` are offsets into that article's text.
    pub article_id: ArticleId,
    /// Where it is in the review workflow.
    pub status: ClaimStatus,
    /// The desk's verdict label ("Mostly false"), free text until a scale is configured.
    pub verdict: Option<String>,
    /// The checker's note; empty when none was written.
    pub note: String,
    /// Whether the engine or an editor created it.
    pub origin: ClaimOrigin,
    /// The claim as extracted: text, span, sentence, score, kind, speaker, dates.
    #[serde(flatten)]
    pub extracted: ExtractedClaim,
    /// When it was created (UTC RFC 3339).
    pub created_at: String,
    /// When its review last changed (UTC RFC 3339).
    pub updated_at: String,
}

/// A link to a source that bears on a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Evidence {
    /// Row id.
    pub id: EvidenceId,
    /// The claim it bears on.
    pub claim_id: ClaimId,
    /// The source; always an absolute http or https URL.
    pub url: String,
    /// The source's title, as the checker gave it.
    pub title: Option<String>,
    /// Whether it supports, refutes or gives context to the claim.
    pub stance: Stance,
    /// Why it matters; empty when none was written.
    pub note: String,
    /// When it was attached (UTC RFC 3339).
    pub added_at: String,
    /// Who attached it.
    pub added_by: String,
}

/// What a history entry records a change of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
#[non_exhaustive]
pub enum HistoryChange {
    /// The claim's status; `old`/`new` are status identifiers.
    Status,
    /// The verdict label; `old`/`new` are the labels.
    Verdict,
    /// The note; `old`/`new` are the note texts.
    Note,
    /// An evidence link was attached; `new` is "stance URL".
    EvidenceAdded,
    /// An evidence link was removed; `old` is "stance URL".
    EvidenceRemoved,
}

impl HistoryChange {
    /// Every kind of change this version records.
    pub const ALL: [HistoryChange; 5] = [
        HistoryChange::Status,
        HistoryChange::Verdict,
        HistoryChange::Note,
        HistoryChange::EvidenceAdded,
        HistoryChange::EvidenceRemoved,
    ];

    /// The stable identifier, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            HistoryChange::Status => "status",
            HistoryChange::Verdict => "verdict",
            HistoryChange::Note => "note",
            HistoryChange::EvidenceAdded => "evidence_added",
            HistoryChange::EvidenceRemoved => "evidence_removed",
        }
    }
}

impl fmt::Display for HistoryChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for HistoryChange {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        HistoryChange::ALL
            .into_iter()
            .find(|change| change.as_str() == s)
            .ok_or_else(|| Error::internal(format!("unknown history change {s:?} in database")))
    }
}

/// One change to a claim, as the append-only history recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    /// Row id; entries of one claim are in the order of their ids.
    pub id: i64,
    /// The article the change was made in.
    pub article_id: ArticleId,
    /// The claim that changed.
    pub claim_id: Option<ClaimId>,
    /// The evidence link added or removed, for evidence changes.
    pub evidence_id: Option<EvidenceId>,
    /// When (UTC RFC 3339).
    pub at: String,
    /// Who: the reviewer's name.
    pub by: String,
    /// What changed.
    pub change: HistoryChange,
    /// The value before; `None` when there was none.
    pub old: Option<String>,
    /// The value after; `None` when it was cleared or removed.
    pub new: Option<String>,
}

/// An article with all its claims, in text order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArticleDetail {
    /// The article and its text.
    pub article: Article,
    /// Its claims by start offset.
    pub claims: Vec<Claim>,
}

/// A claim with its evidence and its history, as the claim panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimDetail {
    /// The claim.
    pub claim: Claim,
    /// Its evidence links, oldest first.
    pub evidence: Vec<Evidence>,
    /// Every change to it, oldest first.
    pub history: Vec<HistoryEntry>,
}

/// The desk's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    /// The editor's name, written into every history entry.
    pub reviewer: Option<String>,
    /// The organisation that publishes the reports.
    pub organisation_name: Option<String>,
    /// The organisation's web address (http or https).
    pub organisation_url: Option<String>,
}

/// A value and its label for people, so the UI need not repeat the core's wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Choice<T> {
    /// The stable identifier.
    pub value: T,
    /// What the editor reads.
    pub label: String,
}

/// What the UI needs to know about this ClaimDesk and its database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppInfo {
    /// ClaimDesk's version.
    pub version: String,
    /// Where the database file is.
    pub database_path: String,
    /// The database's schema version.
    pub schema_version: u32,
    /// The desk's settings.
    pub settings: Settings,
    /// The name history entries get when no reviewer is set (the login name).
    pub default_reviewer: String,
    /// Every review status, in workflow order, with its label.
    pub statuses: Vec<Choice<ClaimStatus>>,
    /// Every claim kind with its label.
    pub kinds: Vec<Choice<ClaimKind>>,
}

/// Whether an import added an article or found it already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ImportOutcome {
    /// A new article was stored with its claims.
    Imported,
    /// An article with the same text was already on the desk; nothing changed.
    AlreadyPresent,
}

/// What importing one article did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportResult {
    /// Imported, or already present.
    pub outcome: ImportOutcome,
    /// The article (new or existing) with its claim counts.
    pub article: ArticleSummary,
    /// Things the editor should know (bytes that were not UTF-8, no date found, ...).
    pub warnings: Vec<String>,
}

/// A report file, ready to save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Report {
    /// A suggested file name (`claimdesk-report-2025-03-14.md`).
    pub file_name: String,
    /// Its media type (`text/markdown; charset=utf-8`).
    pub media_type: String,
    /// The report itself.
    pub content: String,
}
