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

use crate::review_state::{ClaimStatus, Stance};
use crate::verdict::VerdictScale;
use claimdesk_engine::{ClaimKind, ExtractedClaim};
use claimdesk_error::{Error, Result};

/// Row id of an article.
pub type ArticleId = i64;
/// Row id of a claim.
pub type ClaimId = i64;
/// Row id of an evidence link.
pub type EvidenceId = i64;
/// Row id of an action (one editor command, the unit that undo reverts).
pub type ActionId = i64;

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
    /// When it was deleted (UTC RFC 3339); `None` while it is on the desk. A deleted article
    /// and its claims are out of every list and search until it is restored.
    pub deleted_at: Option<String>,
    /// The editor who holds the article (and its claims that have no assignee of their own).
    #[serde(default)]
    pub assignee: Option<String>,
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
    /// Claims with a decision: verified, disputed or dismissed. The progress bar is
    /// `reviewed / counts.total`.
    pub reviewed: u32,
    /// When it was deleted (UTC RFC 3339); `None` while it is on the desk.
    pub deleted_at: Option<String>,
    /// Who deleted it.
    pub deleted_by: Option<String>,
    /// The editor who holds the article.
    pub assignee: Option<String>,
    /// Its claims on the desk assigned to an editor of their own, by editor, most first: with
    /// `assignee`, who holds what.
    pub claim_assignees: Vec<AssigneeCount>,
}

/// An editor and how many claims they hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssigneeCount {
    /// The editor's name.
    pub editor: String,
    /// How many claims.
    pub claims: u32,
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

/// Whether a speaker is a person or an organisation (schema.org `Person` or `Organization`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SpeakerType {
    /// A person ("Yuri Ushakov").
    Person,
    /// A body: a company, ministry, council, party ("the Port Authority").
    Organisation,
}

impl SpeakerType {
    /// Both types, in the order the UI offers them.
    pub const ALL: [SpeakerType; 2] = [SpeakerType::Person, SpeakerType::Organisation];

    /// The stable identifier, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Organisation => "organisation",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            SpeakerType::Person => "Person",
            SpeakerType::Organisation => "Organisation",
        }
    }
}

impl fmt::Display for SpeakerType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SpeakerType {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" => Ok(SpeakerType::Person),
            "organisation" | "organization" => Ok(SpeakerType::Organisation),
            other => Err(Error::invalid_input(format!(
                "unknown speaker type {other:?}; use person or organisation"
            ))),
        }
    }
}

/// A claim on the desk: what the engine found, plus the desk's review of it.
///
/// Serialised flat: the engine's fields (`text`, `start`, `end`, `score`, ...) sit beside the
/// desk's (`id`, `status`, `note`, ...), which is the row `claims --format jsonl` writes. The
/// engine's `speaker`, `kind` and `dates` are what the desk publishes: an editor's correction
/// replaces them (the history keeps what the engine said).
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
    /// When an editor retired it (merged into another claim, or its addition undone); `None`
    /// for a claim on the desk. Retired claims keep their history but leave every list.
    pub removed_at: Option<String>,
    /// The editor the claim itself is assigned to; `None` leaves it with whoever holds its
    /// article.
    #[serde(default)]
    pub assignee: Option<String>,
    /// Its revision: the id of the newest history entry about it (0 before any change). A
    /// change sent with the revision the editor saw (`seen`) is refused as a `conflict` when a
    /// colleague has changed the same field since.
    #[serde(default)]
    pub revision: i64,
    /// The claim as the desk checked it, in the editor's words; `None`: the span's own `text`.
    /// Reports and ClaimReview publish this ([`Claim::wording`]); the span stays the claim's
    /// anchor in the article.
    #[serde(default)]
    pub claim_text: Option<String>,
    /// The speaker's role ("Foreign affairs adviser"), as an editor gave it.
    #[serde(default)]
    pub speaker_role: Option<String>,
    /// Whether the speaker is a person or an organisation, as an editor said; `None` when
    /// nobody said (ClaimReview then reads it from the name).
    #[serde(default)]
    pub speaker_type: Option<SpeakerType>,
    /// The page this claim's fact check is published on (ClaimReview's `url`); `None`: the
    /// organisation's review URL template gives it.
    #[serde(default)]
    pub review_url: Option<String>,
}

impl Claim {
    /// The claim as checked: the editor's wording, else the span's text.
    pub fn wording(&self) -> &str {
        self.claim_text.as_deref().unwrap_or(&self.extracted.text)
    }
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
    /// The words of the page an editor chose as what bears on the claim, with their place in
    /// the snapshot's text.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub quote: Option<crate::snapshots::EvidenceQuote>,
    /// The page as ClaimDesk read it (its text, title, status, final address, SHA-256), kept
    /// for when the live page is gone; `None` until it has been fetched.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub snapshot: Option<crate::snapshots::EvidenceSnapshot>,
}

/// What a history entry records a change of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
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
    /// An editor moved the claim's span; `old`/`new` are the claim's text before and after.
    Span,
    /// An editor put the claim on the desk (marked it by hand, split it off another claim, or
    /// brought it back by undoing its removal); `new` is its text.
    ClaimAdded,
    /// An editor retired the claim (merged it into another, or undid its addition); `old` is
    /// its text.
    ClaimRemoved,
    /// The review (status, verdict, note, evidence) was taken over from a repeat of the claim;
    /// `new` is "claim N".
    ReviewAdopted,
    /// The article's headline; `old`/`new` are the titles.
    ArticleTitle,
    /// The article's outlet.
    ArticleOutlet,
    /// The article's byline.
    ArticleByline,
    /// The article's URL.
    ArticleUrl,
    /// The article's publication day (`YYYY-MM-DD`).
    ArticlePublished,
    /// The article's assignee; `old`/`new` are editors' names.
    ArticleAssignee,
    /// The claim's own assignee; `old`/`new` are editors' names.
    Assignee,
    /// The article was deleted (with its claims); `old` is its title.
    ArticleDeleted,
    /// The article was restored; `new` is its title.
    ArticleRestored,
    /// The claim as checked (its wording); `old`/`new` are the wordings, `None` for the span's
    /// own text.
    ClaimText,
    /// Who made the claim; `old`/`new` are the names, `None` when the outlet asserts it.
    Speaker,
    /// The speaker's role; `old`/`new` are the roles.
    SpeakerRole,
    /// Whether the speaker is a person or an organisation; `old`/`new` are `person` /
    /// `organisation`.
    SpeakerType,
    /// What kind of claim it is; `old`/`new` are kind identifiers.
    Kind,
    /// One date the claim mentions: its resolved value corrected, or the date removed;
    /// `old`/`new` read "expression = value", and `data` holds the mention before and after.
    Date,
    /// The page the claim's fact check is published on; `old`/`new` are the URLs.
    ReviewUrl,
    /// The quote chosen in an evidence link's snapshot; `old`/`new` are the quoted words
    /// (their offsets are in `data`).
    EvidenceQuote,
    /// The article's text was read again from its original by a newer reader; `old`/`new`
    /// are the content hashes, and `data.old_text` the text before.
    ArticleText,
}

impl HistoryChange {
    /// Every kind of change this version records.
    pub const ALL: [HistoryChange; 27] = [
        HistoryChange::Status,
        HistoryChange::Verdict,
        HistoryChange::Note,
        HistoryChange::EvidenceAdded,
        HistoryChange::EvidenceRemoved,
        HistoryChange::Span,
        HistoryChange::ClaimAdded,
        HistoryChange::ClaimRemoved,
        HistoryChange::ReviewAdopted,
        HistoryChange::ArticleTitle,
        HistoryChange::ArticleOutlet,
        HistoryChange::ArticleByline,
        HistoryChange::ArticleUrl,
        HistoryChange::ArticlePublished,
        HistoryChange::ArticleAssignee,
        HistoryChange::Assignee,
        HistoryChange::ArticleDeleted,
        HistoryChange::ArticleRestored,
        HistoryChange::ClaimText,
        HistoryChange::Speaker,
        HistoryChange::SpeakerRole,
        HistoryChange::SpeakerType,
        HistoryChange::Kind,
        HistoryChange::Date,
        HistoryChange::ReviewUrl,
        HistoryChange::EvidenceQuote,
        HistoryChange::ArticleText,
    ];

    /// The stable identifier, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            HistoryChange::Status => "status",
            HistoryChange::Verdict => "verdict",
            HistoryChange::Note => "note",
            HistoryChange::EvidenceAdded => "evidence_added",
            HistoryChange::EvidenceRemoved => "evidence_removed",
            HistoryChange::Span => "span",
            HistoryChange::ClaimAdded => "claim_added",
            HistoryChange::ClaimRemoved => "claim_removed",
            HistoryChange::ReviewAdopted => "review_adopted",
            HistoryChange::ArticleTitle => "article_title",
            HistoryChange::ArticleOutlet => "article_outlet",
            HistoryChange::ArticleByline => "article_byline",
            HistoryChange::ArticleUrl => "article_url",
            HistoryChange::ArticlePublished => "article_published",
            HistoryChange::ArticleAssignee => "article_assignee",
            HistoryChange::Assignee => "assignee",
            HistoryChange::ArticleDeleted => "article_deleted",
            HistoryChange::ArticleRestored => "article_restored",
            HistoryChange::ClaimText => "claim_text",
            HistoryChange::Speaker => "speaker",
            HistoryChange::SpeakerRole => "speaker_role",
            HistoryChange::SpeakerType => "speaker_type",
            HistoryChange::Kind => "kind",
            HistoryChange::Date => "date",
            HistoryChange::ReviewUrl => "review_url",
            HistoryChange::EvidenceQuote => "evidence_quote",
            HistoryChange::ArticleText => "article_text",
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
    /// The editor command this change was part of (`None` for changes recorded before
    /// ClaimDesk 0.2). Changes with the same action happened together.
    pub action_id: Option<ActionId>,
    /// When this change was made by undoing an earlier command: that command's action id.
    pub undoes: Option<ActionId>,
}

/// An article with all its claims, in text order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArticleDetail {
    /// The article and its text.
    pub article: Article,
    /// Its claims on the desk by start offset (retired claims are left out).
    pub claims: Vec<Claim>,
    /// Changes to the article itself (metadata, deletion, restoration), oldest first.
    pub history: Vec<HistoryEntry>,
    /// Where it came from and when it was read; `None` for articles imported before
    /// ClaimDesk 0.3.
    pub source: Option<crate::sources::ArticleSource>,
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
    /// Other claims on the desk that are the same claim (same wording or a near-identical
    /// rewording, usually in other articles), most similar first, with their reviews, so
    /// one review can be taken over with `adopt_review`. Empty in reports.
    pub repeats: Vec<Repeat>,
}

/// Another claim that says the same thing, with its review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Repeat {
    /// The other claim, with its status, verdict and note.
    pub claim: Claim,
    /// The headline of the article it is in.
    pub article_title: String,
    /// How alike the two are, 0..1 (1: the same wording).
    pub similarity: f64,
    /// Its evidence links, oldest first.
    pub evidence: Vec<Evidence>,
}

/// The desk's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    /// The organisation that publishes the reports.
    pub organisation_name: Option<String>,
    /// The organisation's web address (http or https).
    pub organisation_url: Option<String>,
    /// The address of each claim's fact check, with `{claim_id}` (and optionally
    /// `{article_id}`) standing for the claim's and its article's ids
    /// (`https://factdesk.example/checks/{claim_id}`): ClaimReview's `url` for claims that
    /// have no review page of their own.
    #[serde(default)]
    pub review_url_template: Option<String>,
    /// The scale verdicts are given and published on.
    pub verdict_scale: VerdictScale,
    /// Whether each new evidence link is sent to the Internet Archive's Save Page Now (off
    /// unless the desk turns it on: it tells a third party what the desk is checking).
    #[serde(default)]
    pub archive_links: bool,
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
    /// Where the database file is; `None` for an editor signed in to a desk server, who has
    /// no business knowing the server's file system.
    pub database_path: Option<String>,
    /// The database's schema version.
    pub schema_version: u32,
    /// The desk's settings.
    pub settings: Settings,
    /// The name changes get on this machine when no name is set (the login name).
    pub default_reviewer: String,
    /// Every review status, in workflow order, with its label.
    pub statuses: Vec<Choice<ClaimStatus>>,
    /// Every claim kind with its label.
    pub kinds: Vec<Choice<ClaimKind>>,
    /// The name changes are recorded under right now: the signed-in editor's, else the name
    /// set on this machine, else the login name.
    pub reviewer: String,
    /// Whether the name is settled: signed in, or set on this machine (`set_reviewer`). When
    /// `false`, the UI asks for it once; until then changes are recorded under the login name.
    pub reviewer_is_set: bool,
    /// The signed-in editor, on a desk that needs sign-in; `None` for the one editor at this
    /// machine.
    pub session: Option<SessionInfo>,
}

/// The editor signed in to a desk server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionInfo {
    /// The editor's name, as history records their changes.
    pub name: String,
    /// Whether they manage the desk's accounts.
    pub admin: bool,
    /// When the session ends (UTC RFC 3339); signing in again starts a new one.
    pub expires_at: String,
}

/// An editor's account on the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Account {
    /// Row id.
    pub id: i64,
    /// The name the editor signs in with, and history records.
    pub name: String,
    /// Whether they manage the desk's accounts.
    pub admin: bool,
    /// When the account was made (UTC RFC 3339).
    pub created_at: String,
    /// When it was disabled; a disabled account cannot sign in.
    pub disabled_at: Option<String>,
}

/// An editor one can assign work to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Editor {
    /// The name.
    pub name: String,
    /// Whether it is the editor asking.
    pub is_me: bool,
}

/// Colleagues' work since an editor last looked: the actions after `after`, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeskChanges {
    /// The newest action on the desk: ask again with `after: last`.
    pub last: i64,
    /// The actions after `after`, oldest first (at most the limit asked for; when there were
    /// more, `truncated` is set and the UI reloads what it shows).
    pub changes: Vec<ActionSummary>,
    /// Whether there were more changes than listed.
    pub truncated: bool,
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
    /// What the editor should know before publishing it (claims left out of a ClaimReview
    /// export, verdicts not on the desk's scale, ...); empty when all is well. The same
    /// messages as `problems`, for callers that only print them.
    pub warnings: Vec<String>,
    /// The same warnings with what each is about, so the UI can point at the claim or setting
    /// that fixes it.
    pub problems: Vec<ReportProblem>,
}

/// How much a problem found before publishing matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProblemLevel {
    /// Claims were left out of the export: something they need is missing.
    LeftOut,
    /// Exported, but a property Google's guidelines recommend is missing or off.
    Recommended,
    /// Worth knowing (a scope that matches nothing, a verdict from an earlier scale).
    Note,
}

/// One thing an editor should know before publishing a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportProblem {
    /// How much it matters.
    pub level: ProblemLevel,
    /// What is wrong and how to fix it, naming the claims (by their number in their article).
    pub message: String,
    /// The setting or claim field that fixes it (`review_url_template`, `review_url`,
    /// `verdict`, `claim_text`, `speaker`, `organisation_url`, ...), if one does.
    pub field: Option<String>,
    /// The claims it is about.
    pub claim_ids: Vec<ClaimId>,
}

/// What an editor command did, as the undo stack names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActionKind {
    /// Changed a claim's status (dismissing a claim is this too), maybe with its note.
    SetStatus,
    /// Changed a claim's note.
    SetNote,
    /// Set or cleared a claim's verdict label.
    SetVerdict,
    /// Attached an evidence link.
    AddEvidence,
    /// Removed an evidence link.
    RemoveEvidence,
    /// Took over the review of a repeat of the claim.
    AdoptReview,
    /// Moved a claim's span.
    EditSpan,
    /// Split a claim in two.
    SplitClaim,
    /// Merged adjacent claims into one.
    MergeClaims,
    /// Marked a claim by hand.
    AddClaim,
    /// Changed an article's title, outlet, byline, URL or date.
    UpdateArticle,
    /// Deleted an article.
    DeleteArticle,
    /// Restored a deleted article.
    RestoreArticle,
    /// Assigned an article or a claim to an editor, or took the assignment off.
    Assign,
    /// Undid an earlier command.
    Undo,
    /// Corrected the claim as published: its wording, speaker, kind, dates or review page.
    EditClaim,
    /// Chose (or cleared) the quote of an evidence link.
    SetEvidenceQuote,
    /// Read an article again from its kept original (not undoable).
    Reextract,
}

impl ActionKind {
    /// Every kind of action this version records.
    pub const ALL: [ActionKind; 18] = [
        ActionKind::SetStatus,
        ActionKind::SetNote,
        ActionKind::SetVerdict,
        ActionKind::AddEvidence,
        ActionKind::RemoveEvidence,
        ActionKind::AdoptReview,
        ActionKind::EditSpan,
        ActionKind::SplitClaim,
        ActionKind::MergeClaims,
        ActionKind::AddClaim,
        ActionKind::UpdateArticle,
        ActionKind::DeleteArticle,
        ActionKind::RestoreArticle,
        ActionKind::Assign,
        ActionKind::Undo,
        ActionKind::EditClaim,
        ActionKind::SetEvidenceQuote,
        ActionKind::Reextract,
    ];

    /// The stable identifier, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::SetStatus => "set_status",
            ActionKind::SetNote => "set_note",
            ActionKind::SetVerdict => "set_verdict",
            ActionKind::AddEvidence => "add_evidence",
            ActionKind::RemoveEvidence => "remove_evidence",
            ActionKind::AdoptReview => "adopt_review",
            ActionKind::EditSpan => "edit_span",
            ActionKind::SplitClaim => "split_claim",
            ActionKind::MergeClaims => "merge_claims",
            ActionKind::AddClaim => "add_claim",
            ActionKind::UpdateArticle => "update_article",
            ActionKind::DeleteArticle => "delete_article",
            ActionKind::RestoreArticle => "restore_article",
            ActionKind::Assign => "assign",
            ActionKind::Undo => "undo",
            ActionKind::EditClaim => "edit_claim",
            ActionKind::SetEvidenceQuote => "set_evidence_quote",
            ActionKind::Reextract => "reextract",
        }
    }
}

impl FromStr for ActionKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        ActionKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| Error::internal(format!("unknown action kind {s:?} in database")))
    }
}

/// One editor command as the undo stack lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionSummary {
    /// Row id.
    pub id: ActionId,
    /// When (UTC RFC 3339).
    pub at: String,
    /// Who.
    pub by: String,
    /// What sort of command.
    pub kind: ActionKind,
    /// What the editor reads after "Undid: " ("marked Disputed", "split the claim").
    pub label: String,
    /// The article it was in.
    pub article_id: Option<ArticleId>,
    /// The claim it was about, when it was about one.
    pub claim_id: Option<ClaimId>,
}

/// What `undo` did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UndoResult {
    /// The command that was reverted; `None` when there was nothing left to undo.
    pub undone: Option<ActionSummary>,
    /// Newer commands of the same reviewer that were passed over because someone else has
    /// changed the same thing since (undoing them would overwrite a colleague's work).
    pub skipped: Vec<ActionSummary>,
    /// The claim the undone command was about, as it now is.
    pub claim: Option<ClaimDetail>,
    /// The article the undone command was in, as it now is (its counts may have changed).
    pub article: Option<ArticleSummary>,
}

/// The result of an edit to an article's claims (span, split, merge, add): the claim to show,
/// and the article's claims as they now are, so the UI can redraw the highlights at once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimEdit {
    /// The claim to select: the edited claim, the first part of a split, the merged claim or
    /// the added claim.
    pub claim: ClaimDetail,
    /// The article's claims on the desk, by start offset.
    pub claims: Vec<Claim>,
    /// The article's summary with its new counts.
    pub article: ArticleSummary,
}

/// A piece of text in a search result: matched (`hit`) or around a match. Concatenating the
/// runs gives the text; the UI highlights the hits without parsing any markup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TextRun {
    /// The characters.
    pub text: String,
    /// Whether they matched the search.
    pub hit: bool,
}

/// A claim in a list of claims, with what the list shows beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimHit {
    /// The claim.
    pub claim: Claim,
    /// The headline of its article.
    pub article_title: String,
    /// With a search: the claim's text with the matching words marked.
    pub text_runs: Option<Vec<TextRun>>,
    /// With a search that matched the note: an excerpt of the note with the matches marked.
    pub note_runs: Option<Vec<TextRun>>,
}

/// One page of claims matching a filter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimPage {
    /// The claims on this page, in the requested order.
    pub claims: Vec<ClaimHit>,
    /// How many claims match in all.
    pub total: u32,
    /// The position of the first claim of this page among all that match.
    pub offset: u32,
    /// The page size that was used.
    pub limit: u32,
}

/// The order of a claim list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ClaimOrder {
    /// Best match first when searching, else by position.
    #[default]
    Auto,
    /// Newest article first, then by position in the article.
    Position,
    /// Highest check-worthiness first.
    Score,
    /// Most recently changed first.
    Recent,
    /// Best search match first (the same as `position` without a search).
    Relevance,
}

/// Which dates a claim list's date range applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DateField {
    /// The dates the claim refers to, as the engine resolved them: a claim matches when one
    /// of them overlaps the range (a month or a year covers all its days).
    #[default]
    Claim,
    /// The publication day of the claim's article.
    Published,
}

/// An article found by a search of article text, with where the words were found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArticleHit {
    /// The article.
    pub article: ArticleSummary,
    /// An excerpt of its headline or text with the matches marked.
    pub snippet: Vec<TextRun>,
}

/// A speaker and how many claims on the desk are attributed to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SpeakerCount {
    /// The speaker as the claims name them.
    pub speaker: String,
    /// Claims on the desk attributed to them.
    pub claims: u32,
    /// The role an editor last gave them, if any.
    pub role: Option<String>,
    /// Whether an editor last said they are a person or an organisation, if anyone did.
    pub speaker_type: Option<SpeakerType>,
}

/// What happened to one file of a batch import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileOutcome {
    /// A new article was stored with its claims.
    Imported,
    /// An article with the same text was already on the desk (perhaps deleted; see its
    /// `deleted_at`); nothing changed.
    AlreadyPresent,
    /// The file could not be imported; `error` says why. The other files were not affected.
    Failed,
}

/// The result of importing one file of a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FileImport {
    /// The file's name as given.
    pub file_name: Option<String>,
    /// Imported, already present or failed.
    pub outcome: FileOutcome,
    /// The article (new or existing), unless the import failed.
    pub article: Option<ArticleSummary>,
    /// Things the editor should know about the file.
    pub warnings: Vec<String>,
    /// Why the import failed.
    pub error: Option<claimdesk_error::ErrorPayload>,
}

/// The result of a batch import: one entry per file, in the order given, and the tallies.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BatchImport {
    /// Each file's result.
    pub files: Vec<FileImport>,
    /// Files stored as new articles.
    pub imported: u32,
    /// Files whose article was already on the desk.
    pub already_present: u32,
    /// Files that could not be imported.
    pub failed: u32,
}

impl BatchImport {
    /// Add one file's result and count it.
    pub fn push(&mut self, file: FileImport) {
        match file.outcome {
            FileOutcome::Imported => self.imported += 1,
            FileOutcome::AlreadyPresent => self.already_present += 1,
            FileOutcome::Failed => self.failed += 1,
        }
        self.files.push(file);
    }
}

/// The status labels, as [`AppInfo`] lists them.
pub fn status_choices() -> Vec<Choice<ClaimStatus>> {
    ClaimStatus::ALL
        .into_iter()
        .map(|value| Choice {
            value,
            label: value.label().to_string(),
        })
        .collect()
}

/// The claim kind labels, as [`AppInfo`] lists them.
pub fn kind_choices() -> Vec<Choice<ClaimKind>> {
    ClaimKind::ALL
        .into_iter()
        .map(|value| Choice {
            value,
            label: value.label().to_string(),
        })
        .collect()
}
