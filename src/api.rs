//! The command table the desktop shell and the HTTP server share.
//!
//! Every operation the UI can ask for is one row of [`commands!`]: a name, an argument type and
//! a result type. From that one table come [`dispatch`] (JSON in, JSON out, used by Tauri's
//! `api` command and by `POST /api/<command>`), [`COMMAND_NAMES`], and the TypeScript type
//! `Commands` (`ui/src/bindings/Commands.ts`) that makes `api.call('set_status', {...})`
//! type-checked in the UI. Adding a command is adding a row; the transports never change.
//!
//! Argument structs reject unknown fields, so a misspelt field in the UI is an `invalid_input`
//! error instead of a silently ignored value. Optional fields may be omitted or `null`, which is
//! how later versions add arguments without breaking older callers.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::reports::{ReportFormat, ReportRequest, ReportScope};
use claimdesk_engine::ClaimKind;
use claimdesk_error::{Error, Result};
use claimdesk_fields::parse_day;
use claimdesk_sources::ArticleHints;
use claimdesk_store::feeds::FeedRecord;
use claimdesk_store::records::{
    ActionSummary, AppInfo, ArticleDetail, ArticleHit, ArticleId, ArticleSummary, BatchImport,
    Choice, ClaimDetail, ClaimEdit, ClaimId, ClaimOrder, ClaimPage, DateField, DeskChanges, Editor,
    EvidenceId, ImportResult, Report, Settings, SpeakerCount, SpeakerType, UndoResult,
};
use claimdesk_store::review_state::{ClaimStatus, Stance};
use claimdesk_store::sources::ArticleSource;
use claimdesk_store::{
    ArticleUpdate, Author, ClaimCorrection, ClaimFilter, ClaimQuery, DateChange, DateCorrection,
    Desk, MAX_CHANGES,
};

use crate::feeds::FeedRefresh;
use crate::identity::Caller;
use crate::reextract::Reextraction;

use crate::import::{self, ArticleInput};
use claimdesk_matching::{self as matching, CheckedBefore, FactCheckFileImport, IndexProgress};
use claimdesk_store::fact_checks::{FactCheckId, FactCheckLibrary};
use claimdesk_store::verdict::{VerdictLevel, VerdictPreset, VerdictScale};

/// Arguments of a command that takes none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NoArgs {}

/// Arguments of `set_reviewer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SetReviewerArgs {
    /// The editor's name as it should appear in history entries and reports.
    pub name: String,
}

/// Arguments of `set_organisation`: who publishes the reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, optional_fields = nullable)]
pub struct SetOrganisationArgs {
    /// The organisation's name; `null` or empty clears it.
    pub name: Option<String>,
    /// Its web address (http or https); `null` or empty clears it.
    pub url: Option<String>,
}

/// Arguments of `list_articles`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, optional_fields = nullable)]
pub struct ListArticlesArgs {
    /// `true` lists the deleted articles (to restore one) instead of those on the desk.
    pub deleted: Option<bool>,
}

/// Arguments of `import_article`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct ImportArticleArgs {
    /// The file's text as read (plain text or HTML; HTML is recognised by the file name's
    /// extension or by the content itself).
    pub content: String,
    /// The name of the file it came from, if any (`story.html`).
    #[serde(default)]
    pub file_name: Option<String>,
    /// Headline; overrides what the file says.
    #[serde(default)]
    pub title: Option<String>,
    /// Where it was published (http or https); overrides what the file says.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication day `YYYY-MM-DD`; overrides what the file says.
    #[serde(default)]
    pub published: Option<String>,
    /// Publication that ran it; overrides what the file says.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Author line; overrides what the file says.
    #[serde(default)]
    pub byline: Option<String>,
    /// `true` keeps the headline as the first paragraph of the text, so that the engine
    /// reads it as a claim too (by default the headline is the title only).
    #[serde(default)]
    pub headline_in_body: Option<bool>,
}

/// Arguments of `import_url`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct ImportUrlArgs {
    /// The article's web address; one typed without `https://` is completed.
    pub url: String,
    /// Headline; overrides what the page says.
    #[serde(default)]
    pub title: Option<String>,
    /// The article's canonical address, when it differs from `url`; overrides the page's.
    #[serde(default)]
    pub canonical_url: Option<String>,
    /// Publication day `YYYY-MM-DD`; overrides what the page says.
    #[serde(default)]
    pub published: Option<String>,
    /// Publication that ran it; overrides what the page says.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Author line; overrides what the page says.
    #[serde(default)]
    pub byline: Option<String>,
    /// `true` reads the headline as a claim too.
    #[serde(default)]
    pub headline_in_body: Option<bool>,
}

/// Arguments of `add_feed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct AddFeedArgs {
    /// The feed's address; one typed without `https://` is completed.
    pub url: String,
}

/// Arguments of `refresh_feeds`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct RefreshFeedsArgs {
    /// One feed; every subscribed feed when absent.
    #[serde(default)]
    pub feed_id: Option<i64>,
}

/// Arguments of `fetch_evidence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct EvidenceArgs {
    /// The evidence link.
    pub evidence_id: EvidenceId,
}

/// Arguments of `set_evidence_quote`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct SetEvidenceQuoteArgs {
    /// The evidence link.
    pub evidence_id: EvidenceId,
    /// The quote's first character in the snapshot's text (omit both to clear the quote).
    #[serde(default)]
    pub start: Option<usize>,
    /// One past its last character.
    #[serde(default)]
    pub end: Option<usize>,
}

/// Arguments of `set_archive_links`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SetArchiveLinksArgs {
    /// Whether to ask the Internet Archive's Save Page Now for a copy of each new link.
    pub enabled: bool,
}

/// Arguments of commands that address one record by id (`get_article`, `get_claim`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct IdArgs {
    /// The record's id.
    pub id: i64,
}

/// Arguments of `list_claims`. Every filter is optional; together they narrow the list.
/// Claims of deleted articles and claims retired by a merge are never listed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, optional_fields = nullable)]
pub struct ListClaimsArgs {
    /// Only claims of this article.
    pub article_id: Option<ArticleId>,
    /// Only claims in one of these statuses.
    pub statuses: Option<Vec<ClaimStatus>>,
    /// Only claims of one of these kinds.
    pub kinds: Option<Vec<ClaimKind>>,
    /// Only claims attributed to this speaker: the whole name or any word of it, in any case
    /// ("Trump" finds "Donald Trump"; see `list_speakers`).
    pub speaker: Option<String>,
    /// Only claims scoring at least this (0..1).
    pub min_score: Option<f64>,
    /// Only claims scoring at most this (0..1).
    pub max_score: Option<f64>,
    /// Only claims the engine rated check-worthy (`true`) or not (`false`).
    pub checkworthy: Option<bool>,
    /// Also list the claims of photo captions (`true`), after the body's claims of equal
    /// rank; by default (`false`) the list holds the articles' body claims only, because a
    /// caption restates the story in a line and clutters the review.
    pub captions: Option<bool>,
    /// Only claims whose dates reach this day (`YYYY-MM-DD`) or later.
    pub date_from: Option<String>,
    /// Only claims whose dates reach this day (`YYYY-MM-DD`) or earlier.
    pub date_to: Option<String>,
    /// Which dates `date_from`/`date_to` apply to: the dates the claim refers to (`claim`,
    /// the default; a month or year counts as all its days) or its article's publication
    /// day (`published`).
    pub date_field: Option<DateField>,
    /// Words to find in the claim's text or note, as typed (the last word matches as a
    /// prefix; quotes, `*`, `AND`, brackets are plain characters).
    pub query: Option<String>,
    /// The order: `auto` (the default: best match when searching, else by position),
    /// `position` (newest article first, then position), `score`, `recent`, `relevance`.
    pub order: Option<ClaimOrder>,
    /// Page size (default 100, at most 1000).
    pub limit: Option<u32>,
    /// How many matching claims to skip (for the next page).
    pub offset: Option<u32>,
    /// Only claims the asking editor holds: assigned to them, or without an assignee of
    /// their own in an article assigned to them ("Assigned to me").
    pub assigned_to_me: Option<bool>,
}

/// An optional `YYYY-MM-DD` argument; empty text counts as absent.
fn optional_day(field: &str, text: Option<String>) -> Result<Option<NaiveDate>> {
    text.filter(|t| !t.trim().is_empty())
        .map(|t| parse_day(&t).map_err(|err| err.context(field)))
        .transpose()
}

impl ListClaimsArgs {
    /// The store query these arguments ask for, with the dates checked; `me` is the asking
    /// editor, for "Assigned to me".
    pub fn into_query(self, me: Option<&str>) -> Result<ClaimQuery> {
        let assignee = if self.assigned_to_me.unwrap_or(false) {
            me.map(str::to_string)
        } else {
            None
        };
        Ok(ClaimQuery {
            filter: ClaimFilter {
                article_id: self.article_id,
                statuses: self.statuses.unwrap_or_default(),
                kinds: self.kinds.unwrap_or_default(),
                speaker: self.speaker,
                min_score: self.min_score,
                max_score: self.max_score,
                checkworthy: self.checkworthy,
                caption: if self.captions.unwrap_or(false) {
                    None
                } else {
                    Some(false)
                },
                date_from: optional_day("date_from", self.date_from)?,
                date_to: optional_day("date_to", self.date_to)?,
                date_field: self.date_field.unwrap_or_default(),
                query: self.query,
                assignee,
            },
            order: self.order.unwrap_or_default(),
            limit: self.limit,
            offset: self.offset,
        })
    }
}

/// Arguments of `set_status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct SetStatusArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// Its new status.
    pub status: ClaimStatus,
    /// A note to set in the same change (replaces the current one).
    #[serde(default)]
    pub note: Option<String>,
    /// The claim's `revision` as the editor saw it: when a colleague has changed the same
    /// field since, the change is refused as a `conflict` naming them.
    #[serde(default)]
    pub seen: Option<i64>,
}

/// Arguments of `set_note`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct SetNoteArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// The new note; empty clears it.
    pub note: String,
    /// The claim's `revision` as the editor saw it: when a colleague has changed the same
    /// field since, the change is refused as a `conflict` naming them.
    #[serde(default)]
    pub seen: Option<i64>,
}

/// Arguments of `set_verdict`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct SetVerdictArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// The verdict label ("Mostly false"); `null` or empty clears it.
    #[serde(default)]
    pub verdict: Option<String>,
    /// The claim's `revision` as the editor saw it: when a colleague has changed the same
    /// field since, the change is refused as a `conflict` naming them.
    #[serde(default)]
    pub seen: Option<i64>,
}

/// Arguments of `add_evidence`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct AddEvidenceArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// The source: an absolute http or https URL.
    pub url: String,
    /// The source's title.
    #[serde(default)]
    pub title: Option<String>,
    /// Whether it supports, refutes or gives context to the claim.
    pub stance: Stance,
    /// Why it matters.
    #[serde(default)]
    pub note: Option<String>,
}

/// Arguments of `remove_evidence`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct RemoveEvidenceArgs {
    /// The evidence link.
    pub evidence_id: EvidenceId,
}

/// Arguments of `export_report`. Every scope field is optional and narrows the report;
/// with none it covers every claim of every article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct ExportReportArgs {
    /// The file format.
    pub format: ReportFormat,
    /// Only this article.
    #[serde(default)]
    pub article_id: Option<ArticleId>,
    /// Only these claims.
    #[serde(default)]
    pub claim_ids: Option<Vec<ClaimId>>,
    /// Only claims in one of these statuses.
    #[serde(default)]
    pub statuses: Option<Vec<ClaimStatus>>,
    /// Only claims reviewed on or after this day (`YYYY-MM-DD`, UTC).
    #[serde(default)]
    pub since: Option<String>,
    /// Only claims reviewed on or before this day (`YYYY-MM-DD`, UTC).
    #[serde(default)]
    pub until: Option<String>,
    /// HTML and Markdown: list each claim's history and each article's changes (the desk's
    /// audit trail). Published reports leave it out (the default).
    #[serde(default)]
    pub include_history: Option<bool>,
}

impl ExportReportArgs {
    /// The report these arguments ask for.
    pub fn request(self) -> Result<ReportRequest> {
        Ok(ReportRequest {
            format: self.format,
            scope: ReportScope {
                article_id: self.article_id,
                claim_ids: self.claim_ids.unwrap_or_default(),
                statuses: self.statuses.unwrap_or_default(),
                since: optional_day("since", self.since)?,
                until: optional_day("until", self.until)?,
            },
            organisation_name: None,
            organisation_url: None,
            review_url_template: None,
            include_history: self.include_history.unwrap_or(false),
        })
    }
}

/// Arguments of `set_review_url_template`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, optional_fields = nullable)]
pub struct SetReviewUrlTemplateArgs {
    /// The address of each claim's fact check, with `{claim_id}` (and optionally
    /// `{article_id}`) for the ids: `https://factdesk.example/checks/{claim_id}`; `null` or
    /// empty clears it.
    pub template: Option<String>,
}

/// One date correction of `edit_claim`: the date mention (by its offsets in the article, as
/// the claim's `dates` give them), and its new value or its removal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct DateEdit {
    /// Character offset of the date expression in the article.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// What it resolves to: `YYYY-MM-DD`, or `YYYY-MM` for a month, `YYYY` for a year.
    #[serde(default)]
    pub value: Option<String>,
    /// `true` takes the date off the claim (the expression is not a date it refers to).
    #[serde(default)]
    pub remove: Option<bool>,
}

impl DateEdit {
    fn correction(self) -> Result<DateCorrection> {
        let change = match (self.value, self.remove.unwrap_or(false)) {
            (Some(_), true) => {
                return Err(Error::invalid_input(
                    "a date is either given a value or removed, not both",
                )
                .with_field("dates"));
            }
            (Some(value), false) => DateChange::Resolve(value),
            (None, true) => DateChange::Remove,
            (None, false) => {
                return Err(Error::missing_field(
                    "dates",
                    "give the date's value as YYYY-MM-DD, or remove it",
                ));
            }
        };
        Ok(DateCorrection {
            start: self.start,
            end: self.end,
            change,
        })
    }
}

/// Arguments of `edit_claim`: corrections of what the desk publishes about a claim. A field
/// left out (or `null`) stays as it is; empty text clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct EditClaimArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// The claim as checked (what reports and ClaimReview publish); empty: the span's text.
    #[serde(default)]
    pub claim_text: Option<String>,
    /// Who made the claim; empty: nobody (the outlet asserts it), which clears the role and
    /// type too. A name the desk knows brings the role and type it last had unless given.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The speaker's role ("Foreign affairs adviser"); empty clears it.
    #[serde(default)]
    pub speaker_role: Option<String>,
    /// Whether the speaker is a person or an organisation.
    #[serde(default)]
    pub speaker_type: Option<SpeakerType>,
    /// What kind of claim it is.
    #[serde(default)]
    pub kind: Option<ClaimKind>,
    /// Corrections of the dates it mentions.
    #[serde(default)]
    pub dates: Option<Vec<DateEdit>>,
    /// The page its fact check is published on (http or https); empty clears it.
    #[serde(default)]
    pub review_url: Option<String>,
    /// The claim's `revision` as the editor saw it: when a colleague has changed one of these
    /// fields since, the change is refused as a `conflict` naming them.
    #[serde(default)]
    pub seen: Option<i64>,
}

impl EditClaimArgs {
    /// The store's correction these arguments ask for.
    pub fn correction(&self) -> Result<ClaimCorrection> {
        Ok(ClaimCorrection {
            claim_text: self.claim_text.clone(),
            speaker: self.speaker.clone(),
            speaker_role: self.speaker_role.clone(),
            speaker_type: self.speaker_type,
            kind: self.kind,
            dates: self
                .dates
                .clone()
                .unwrap_or_default()
                .into_iter()
                .map(DateEdit::correction)
                .collect::<Result<_>>()?,
            review_url: self.review_url.clone(),
        })
    }
}

/// Arguments of `set_verdict_scale`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct SetVerdictScaleArgs {
    /// The scale: a preset, or `custom` with `levels`.
    pub preset: VerdictPreset,
    /// The levels of a custom scale, most accurate first; a preset's own levels or nothing
    /// for the others.
    #[serde(default)]
    pub levels: Option<Vec<VerdictLevel>>,
}

/// The result of `get_verdict_scale`: the desk's scale and the presets to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VerdictScales {
    /// The scale in use.
    pub current: VerdictScale,
    /// Every preset with its label (`custom` starts from editable levels).
    pub presets: Vec<Choice<VerdictScale>>,
}

fn verdict_scales(desk: &Desk) -> Result<VerdictScales> {
    Ok(VerdictScales {
        current: desk.verdict_scale()?,
        presets: VerdictScale::presets()
            .into_iter()
            .map(|scale| Choice {
                label: scale.preset.label().to_string(),
                value: scale,
            })
            .collect(),
    })
}

/// One file of `import_articles`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct ImportFile {
    /// The file's text as read.
    pub content: String,
    /// The file's name (`story.html`): it tells HTML from text and names the file in results.
    #[serde(default)]
    pub file_name: Option<String>,
}

/// Arguments of `import_articles`: several files at once, each imported on its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct ImportArticlesArgs {
    /// The files, in the order their results are wanted.
    pub files: Vec<ImportFile>,
    /// Publication day `YYYY-MM-DD` of every file; overrides what the files say.
    #[serde(default)]
    pub published: Option<String>,
    /// Publication that ran them; overrides what the files say.
    #[serde(default)]
    pub outlet: Option<String>,
}

/// Arguments of `update_article`. A field left out (or `null`) stays as it is; an empty
/// string clears it (not the title: an article always has one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct UpdateArticleArgs {
    /// The article.
    pub id: ArticleId,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Publication that ran it.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Author line.
    #[serde(default)]
    pub byline: Option<String>,
    /// Where it was published (http or https).
    #[serde(default)]
    pub url: Option<String>,
    /// Publication day, `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<String>,
}

/// Arguments of `search_articles`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct SearchArticlesArgs {
    /// Words to find in headlines and article text, as typed.
    pub query: String,
    /// `true` searches the deleted articles instead.
    #[serde(default)]
    pub deleted: Option<bool>,
    /// How many articles at most (default 20).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// Arguments of `list_speakers`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, optional_fields = nullable)]
pub struct ListSpeakersArgs {
    /// How many speakers at most (default 200).
    pub limit: Option<u32>,
}

/// Arguments of `edit_claim_span`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct EditClaimSpanArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// The new first character (character offset into the article text).
    pub start: usize,
    /// One past the new last character.
    pub end: usize,
    /// The claim's `revision` as the editor saw it: when a colleague has changed the same
    /// field since, the change is refused as a `conflict` naming them.
    #[serde(default)]
    pub seen: Option<i64>,
}

/// Arguments of `split_claim`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct SplitClaimArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// Where the second part starts: a character offset into the article, inside the claim.
    pub at: usize,
    /// The claim's `revision` as the editor saw it: when a colleague has changed the same
    /// field since, the change is refused as a `conflict` naming them.
    #[serde(default)]
    pub seen: Option<i64>,
}

/// Arguments of `merge_claims`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct MergeClaimsArgs {
    /// Two or more adjacent claims of one article.
    pub claim_ids: Vec<ClaimId>,
}

/// Arguments of `add_claim`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct AddClaimArgs {
    /// The article.
    pub article_id: ArticleId,
    /// The selection's first character (character offset into the article text).
    pub start: usize,
    /// One past its last character.
    pub end: usize,
}

/// Arguments of `adopt_review`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct AdoptReviewArgs {
    /// The claim that takes the review over.
    pub claim_id: ClaimId,
    /// The reviewed claim whose review it takes (usually one of its `repeats`).
    pub from_claim_id: ClaimId,
    /// The claim's `revision` as the editor saw it: when a colleague has changed the same
    /// field since, the change is refused as a `conflict` naming them.
    #[serde(default)]
    pub seen: Option<i64>,
}

/// Arguments of `undo` and `undo_stack`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, optional_fields = nullable)]
pub struct UndoArgs {
    /// `undo_stack` only: how many entries at most (default 10).
    pub limit: Option<u32>,
}

/// Arguments of `changes`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, optional_fields = nullable)]
pub struct ChangesArgs {
    /// The `last` of the previous answer; without it only `last` is returned, to start from.
    pub after: Option<i64>,
    /// How many changes at most (default and maximum 500).
    pub limit: Option<u32>,
}

/// Arguments of `assign_claim`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct AssignClaimArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// The editor who will hold it (one of `list_editors`); `null` gives it back to whoever
    /// holds its article.
    #[serde(default)]
    pub editor: Option<String>,
    /// The claim's `revision` as the editor saw it (see `set_status`).
    #[serde(default)]
    pub seen: Option<i64>,
}

/// Arguments of `assign_article`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct AssignArticleArgs {
    /// The article.
    pub id: ArticleId,
    /// The editor who will hold it (one of `list_editors`); `null` takes the assignment off.
    #[serde(default)]
    pub editor: Option<String>,
}

/// Arguments of `import_fact_checks`: fact-check files the editor picked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ImportFactChecksArgs {
    /// The files as read (JSON Lines, ClaimReview JSON-LD, or HTML pages carrying it).
    pub files: Vec<ImportFile>,
}

/// The result of `import_fact_checks`: each file's result and the library after them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FactCheckImport {
    /// Each file's result, in the order given.
    pub files: Vec<FactCheckFileImport>,
    /// The library now (call `index_fact_checks` until every fact-check is indexed).
    pub library: FactCheckLibrary,
}

/// Arguments of `index_fact_checks`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, optional_fields = nullable)]
pub struct IndexFactChecksArgs {
    /// How many fact-checks to embed in this call (default 256, at most 4,096).
    pub limit: Option<u32>,
}

/// Arguments of `checked_before`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct CheckedBeforeArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// How many fact-checks at most (default 5, at most 20).
    #[serde(default)]
    pub limit: Option<u32>,
}

/// Arguments of `attach_fact_check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct AttachFactCheckArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// The fact-check from the library (see `checked_before`).
    pub fact_check_id: FactCheckId,
    /// How it bears on the claim; defaults to what its rating says (a false verdict refutes).
    #[serde(default)]
    pub stance: Option<Stance>,
}

/// The library with how much of it is indexed by the desk's sentence encoder.
fn fact_check_library(desk: &Desk) -> Result<FactCheckLibrary> {
    let model = desk.embedder().map(|e| e.model_id()).transpose()?;
    desk.fact_check_library(model.as_deref())
}

fn import_fact_checks(desk: &Desk, args: ImportFactChecksArgs) -> Result<FactCheckImport> {
    let files = args
        .files
        .into_iter()
        .map(|file| matching::import_file(desk, file.file_name, Ok(file.content)))
        .collect();
    Ok(FactCheckImport {
        files,
        library: fact_check_library(desk)?,
    })
}

fn index_fact_checks(desk: &Desk, args: IndexFactChecksArgs) -> Result<IndexProgress> {
    let limit = args.limit.unwrap_or(256).clamp(1, 4096) as usize;
    match desk.embedder() {
        Some(embedder) => matching::embed_pending(desk, embedder.as_ref(), limit),
        // Nothing to embed with: the library is matched by its words, and that is all done.
        None => Ok(IndexProgress {
            embedded: 0,
            indexed: 0,
            total: desk.fact_check_library(None)?.total,
        }),
    }
}

fn attach_fact_check(
    desk: &Desk,
    caller: &Caller,
    args: AttachFactCheckArgs,
) -> Result<ClaimDetail> {
    let by = caller.name(desk)?;
    let stance = match args.stance {
        Some(stance) => stance,
        None => {
            matching::ratings::stance_of(desk.fact_check(args.fact_check_id)?.rating.as_deref())
        }
    };
    desk.attach_fact_check(args.claim_id, args.fact_check_id, stance, Some(&by))
}

/// The TypeScript shape of one command: what it takes and what it returns.
///
/// Only its TypeScript form is used (by `Commands.ts`); Rust code never builds one.
#[derive(Debug, TS)]
#[ts(export)]
pub struct Command<A, R> {
    /// The argument object.
    pub args: A,
    /// The result.
    pub result: R,
}

/// Declares the command table once and derives `dispatch`, the name list and the TypeScript
/// `Commands` map from it, so the three can never disagree.
macro_rules! commands {
    ($( $(#[doc = $doc:literal])+ $name:ident($args:ty) -> $result:ty = $handler:expr; )+) => {
        /// Every command name, in table order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),+];

        /// The command map the UI's `api.call` is typed against: command name → `{args, result}`.
        ///
        /// Only its TypeScript form is used; Rust code never builds one.
        #[derive(Debug, TS)]
        #[ts(export)]
        #[allow(non_snake_case)]
        pub struct Commands {
            $( $(#[doc = $doc])+ pub $name: Command<$args, $result>, )+
        }

        /// Run `command` with its JSON `args` against `desk` for `caller`, and return its JSON
        /// result. Every change is recorded under the caller's name: the signed-in editor on a
        /// desk server, the machine's editor in the desktop window.
        ///
        /// `null` args are taken as `{}`. An unknown command or malformed arguments are
        /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) errors that say what
        /// was expected.
        pub fn dispatch(desk: &Desk, caller: &Caller, command: &str, args: Value) -> Result<Value> {
            match command {
                $( stringify!($name) => {
                    let args: $args = parse_args(stringify!($name), args)?;
                    let handler: fn(&Desk, &Caller, $args) -> Result<$result> = $handler;
                    let result = handler(desk, caller, args)?;
                    serde_json::to_value(result).map_err(|err| {
                        Error::internal(format!("cannot encode the result of {command}: {err}"))
                    })
                } )+
                other => Err(Error::invalid_input(format!(
                    "unknown command {other:?}; the commands are: {}",
                    COMMAND_NAMES.join(", ")
                ))),
            }
        }

        /// Whether `command` only reads the desk (a colleague's screen need not hear of it).
        pub fn is_read_only(command: &str) -> bool {
            READ_ONLY.contains(&command)
        }
    };
}

/// The commands that change nothing.
const READ_ONLY: &[&str] = &[
    "app_info",
    "list_articles",
    "get_article",
    "list_claims",
    "get_claim",
    "undo_stack",
    "list_speakers",
    "search_articles",
    "export_report",
    "get_verdict_scale",
    "changes",
    "list_editors",
    "list_feeds",
    "fact_check_library",
    "checked_before",
    "get_article_source",
];

commands! {
    /// The app's version, settings, who is asking, and the status and kind labels (the
    /// database's location only for the editor at this machine).
    app_info(NoArgs) -> AppInfo = |desk, caller, _| caller.app_info(desk);
    /// Set the name this machine's editor's changes are recorded under (a signed-in editor's
    /// name is their account's: `forbidden`).
    set_reviewer(SetReviewerArgs) -> Settings = |desk, caller, args| {
        caller.set_name(&args.name)?;
        desk.settings()
    };
    /// Set the organisation that publishes the reports.
    set_organisation(SetOrganisationArgs) -> Settings =
        |desk, _, args| desk.set_organisation(args.name.as_deref(), args.url.as_deref());
    /// Set the address of each claim's fact check (ClaimReview's `url`), `{claim_id}` standing
    /// for the claim's id.
    set_review_url_template(SetReviewUrlTemplateArgs) -> Settings =
        |desk, _, args| desk.set_review_url_template(args.template.as_deref());
    /// The articles on the desk (or the deleted ones) with claim counts, progress and who
    /// holds them, newest import first.
    list_articles(ListArticlesArgs) -> Vec<ArticleSummary> = |desk, _, args| {
        if args.deleted.unwrap_or(false) {
            desk.list_deleted_articles()
        } else {
            desk.list_articles()
        }
    };
    /// Import an article (plain text or HTML) and store its check-worthy claims.
    import_article(ImportArticleArgs) -> ImportResult = |desk, _, args| {
        import::import_article(desk, ArticleInput {
            hints: ArticleHints {
                file_name: args.file_name.clone(),
                title: args.title,
                url: args.url,
                published: args.published,
                outlet: args.outlet,
                byline: args.byline,
                headline_in_body: args.headline_in_body.unwrap_or(false),
                ..ArticleHints::default()
            },
            warnings: Vec::new(),
            source: Some(import::file_source(
                desk,
                args.file_name.as_deref(),
                args.content.as_bytes(),
            )),
            content: args.content,
        })
    };
    /// Fetch a web page and import it, with what the editor said about it.
    import_url(ImportUrlArgs) -> ImportResult = |desk, _, args| {
        import::import_url(desk, &crate::web::fetcher(), &args.url, ArticleHints {
            title: args.title,
            url: args.canonical_url,
            published: args.published,
            outlet: args.outlet,
            byline: args.byline,
            headline_in_body: args.headline_in_body.unwrap_or(false),
            ..ArticleHints::default()
        })
    };
    /// Subscribe to an RSS or Atom feed (fetched first: an address that is not a feed is
    /// refused and nothing is stored).
    add_feed(AddFeedArgs) -> FeedRecord = |desk, caller, args| {
        let by = caller.name(desk)?;
        crate::feeds::add_feed(desk, &crate::web::fetcher(), &args.url, Some(&by))
    };
    /// The subscribed feeds with what they brought in.
    list_feeds(NoArgs) -> Vec<FeedRecord> = |desk, _, _| desk.list_feeds();
    /// Import every item of one feed (or of all) not seen before, with a result per item; an
    /// item whose address is an article on the desk already is not fetched.
    refresh_feeds(RefreshFeedsArgs) -> Vec<FeedRefresh> = |desk, _, args| {
        crate::feeds::refresh(desk, &crate::web::fetcher(), args.feed_id, |_, _| {})
    };
    /// Unsubscribe from a feed; the articles it brought in stay.
    remove_feed(IdArgs) -> Vec<FeedRecord> = |desk, _, args| {
        desk.remove_feed(args.id)?;
        desk.list_feeds()
    };
    /// Where an article came from and when it was read (`null` for articles imported
    /// before ClaimDesk kept sources).
    get_article_source(IdArgs) -> Option<ArticleSource> =
        |desk, _, args| desk.article_source(args.id);
    /// Read an article again from its kept original with this ClaimDesk's reader and engine,
    /// keeping every review whose claim text is unchanged.
    reextract_article(IdArgs) -> Reextraction = |desk, caller, args| {
        let by = caller.name(desk)?;
        crate::reextract::reextract(desk, args.id, Some(&by))
    };
    /// Fetch an evidence link's page now and keep a snapshot of it (and ask the Internet
    /// Archive for a copy when the desk is set to); the claim as it now is.
    fetch_evidence(EvidenceArgs) -> ClaimDetail =
        |desk, _, args| crate::web::snapshot_evidence(desk, &crate::web::fetcher(), args.evidence_id);
    /// Choose the words of an evidence link's snapshot that bear on the claim (character
    /// offsets into the snapshot's text); no offsets clear the quote.
    set_evidence_quote(SetEvidenceQuoteArgs) -> ClaimDetail = |desk, caller, args| {
        let by = caller.name(desk)?;
        let span = match (args.start, args.end) {
            (Some(start), Some(end)) => Some((start, end)),
            _ => None,
        };
        desk.set_evidence_quote(args.evidence_id, span, Some(&by))
    };
    /// Ask the Internet Archive for a copy of every new evidence link (off by default).
    set_archive_links(SetArchiveLinksArgs) -> Settings =
        |desk, _, args| desk.set_archive_links(args.enabled);
    /// One article with its text and claims.
    get_article(IdArgs) -> ArticleDetail = |desk, _, args| desk.article(args.id);
    /// One page of the claims matching the filters and search, with the total.
    list_claims(ListClaimsArgs) -> ClaimPage = |desk, caller, args| {
        let me = if args.assigned_to_me.unwrap_or(false) {
            Some(caller.name(desk)?)
        } else {
            None
        };
        desk.find_claims(&args.into_query(me.as_deref())?)
    };
    /// One claim with its evidence and history.
    get_claim(IdArgs) -> ClaimDetail = |desk, _, args| desk.claim(args.id);
    /// Change a claim's status (and optionally its note in the same change).
    set_status(SetStatusArgs) -> ClaimDetail = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.set_status(
            args.claim_id,
            args.status,
            args.note.as_deref(),
            Author::new(&by, args.seen),
        )
    };
    /// Replace a claim's note.
    set_note(SetNoteArgs) -> ClaimDetail = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.set_note(args.claim_id, &args.note, Author::new(&by, args.seen))
    };
    /// Set or clear a claim's verdict label.
    set_verdict(SetVerdictArgs) -> ClaimDetail = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.set_verdict(args.claim_id, args.verdict.as_deref(), Author::new(&by, args.seen))
    };
    /// Attach an evidence link (http or https; a link typed without a scheme is completed to
    /// https) to a claim. Call `fetch_evidence` next to keep a snapshot of the page: it takes
    /// as long as the site does, so it is a call of its own that the editor never waits for.
    add_evidence(AddEvidenceArgs) -> ClaimDetail = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.add_evidence(
            args.claim_id,
            &claimdesk_fetch::complete_scheme(&args.url),
            args.title.as_deref(),
            args.stance,
            args.note.as_deref(),
            by.as_str(),
        )
    };
    /// Correct what the desk publishes about a claim: its wording, speaker (name, role, person
    /// or organisation), kind, dates and review page; one step of undo.
    edit_claim(EditClaimArgs) -> ClaimDetail = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.edit_claim(args.claim_id, &args.correction()?, Author::new(&by, args.seen))
    };
    /// Take an evidence link off its claim (the history keeps it).
    remove_evidence(RemoveEvidenceArgs) -> ClaimDetail = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.remove_evidence(args.evidence_id, by.as_str())
    };
    /// Take over the review (status, verdict, note, evidence) of another claim, usually a
    /// repeat listed in the claim's `repeats`.
    adopt_review(AdoptReviewArgs) -> ClaimDetail = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.adopt_review(args.claim_id, args.from_claim_id, Author::new(&by, args.seen))
    };
    /// Move a claim's span (character offsets into the article text).
    edit_claim_span(EditClaimSpanArgs) -> ClaimEdit = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.edit_claim_span(args.claim_id, args.start, args.end, Author::new(&by, args.seen))
    };
    /// Split a claim in two at a character offset inside it.
    split_claim(SplitClaimArgs) -> ClaimEdit = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.split_claim(args.claim_id, args.at, Author::new(&by, args.seen))
    };
    /// Merge two or more adjacent claims of one article.
    merge_claims(MergeClaimsArgs) -> ClaimEdit = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.merge_claims(&args.claim_ids, by.as_str())
    };
    /// Mark a span of an article as a claim the engine missed.
    add_claim(AddClaimArgs) -> ClaimEdit = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.add_claim(args.article_id, args.start, args.end, by.as_str())
    };
    /// Undo the asking editor's last change still in effect (never a colleague's); says
    /// what was undone.
    undo(UndoArgs) -> UndoResult = |desk, caller, _| {
        let by = caller.name(desk)?;
        desk.undo(Some(&by))
    };
    /// The asking editor's changes `undo` would revert, next first.
    undo_stack(UndoArgs) -> Vec<ActionSummary> = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.undo_stack(Some(&by), args.limit.unwrap_or(10) as usize)
    };
    /// Speakers of the claims on the desk with their claim counts, for the speaker filter.
    list_speakers(ListSpeakersArgs) -> Vec<SpeakerCount> =
        |desk, _, args| desk.speakers(args.limit.unwrap_or(200));
    /// Articles whose headline or text holds the words typed, with excerpts.
    search_articles(SearchArticlesArgs) -> Vec<ArticleHit> = |desk, _, args| {
        desk.find_articles(
            &args.query,
            args.deleted.unwrap_or(false),
            args.limit.unwrap_or(20),
        )
    };
    /// Correct an article's title, outlet, byline, URL or publication day.
    update_article(UpdateArticleArgs) -> ArticleSummary = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.update_article(
            args.id,
            &ArticleUpdate {
                title: args.title,
                outlet: args.outlet,
                byline: args.byline,
                url: args.url,
                published: args.published,
            },
            Some(&by),
        )
    };
    /// Delete an article with its claims (undoable; `restore_article` brings it back).
    delete_article(IdArgs) -> ArticleSummary = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.delete_article(args.id, Some(&by))
    };
    /// Bring a deleted article back with its claims and reviews.
    restore_article(IdArgs) -> ArticleSummary = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.restore_article(args.id, Some(&by))
    };
    /// Import several files at once; each file's result (imported, already present, or
    /// failed with the reason), never failing the batch for one bad file.
    import_articles(ImportArticlesArgs) -> BatchImport = |desk, _, args| {
        let files = args
            .files
            .into_iter()
            .map(|file| ArticleInput {
                hints: ArticleHints {
                    file_name: file.file_name.clone(),
                    published: args.published.clone(),
                    outlet: args.outlet.clone(),
                    ..ArticleHints::default()
                },
                warnings: Vec::new(),
                source: Some(import::file_source(
                    desk,
                    file.file_name.as_deref(),
                    file.content.as_bytes(),
                )),
                content: file.content,
            })
            .collect();
        Ok(import::import_batch(desk, files))
    };
    /// Render a verification report of the claims in scope.
    export_report(ExportReportArgs) -> Report =
        |desk, _, args| crate::reports::render(desk, &args.request()?);
    /// The verdict scale in use and the presets.
    get_verdict_scale(NoArgs) -> VerdictScales = |desk, _, _| verdict_scales(desk);
    /// Choose the verdict scale (a preset, or custom levels).
    set_verdict_scale(SetVerdictScaleArgs) -> Settings =
        |desk, _, args| desk.set_verdict_scale(args.preset, args.levels);
    /// What editors have done on the desk since `after` (the UI asks every second and
    /// reloads what changed, so colleagues' work shows without a reload).
    changes(ChangesArgs) -> DeskChanges = |desk, _, args| {
        desk.changes_since(args.after, args.limit.unwrap_or(MAX_CHANGES))
    };
    /// The editors work can be assigned to (the desk's accounts; on one editor's machine,
    /// everyone in its history).
    list_editors(NoArgs) -> Vec<Editor> = |desk, caller, _| {
        let me = caller.name(desk)?;
        Ok(desk
            .editors(&me)?
            .into_iter()
            .map(|name| Editor { is_me: name == me, name })
            .collect())
    };
    /// Assign a claim to an editor, or give it back to whoever holds its article.
    assign_claim(AssignClaimArgs) -> ClaimDetail = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.assign_claim(args.claim_id, args.editor.as_deref(), Author::new(&by, args.seen))
    };
    /// Assign an article (with its claims that have no assignee of their own) to an editor.
    assign_article(AssignArticleArgs) -> ArticleSummary = |desk, caller, args| {
        let by = caller.name(desk)?;
        desk.assign_article(args.id, args.editor.as_deref(), Some(&by))
    };
    /// Add published fact-checks to the library (or update them), file by file; they are
    /// matched by their words at once and by meaning once `index_fact_checks` embedded them.
    import_fact_checks(ImportFactChecksArgs) -> FactCheckImport =
        |desk, _, args| import_fact_checks(desk, args);
    /// Embed the next fact-checks the library has not indexed by meaning yet; call until
    /// `indexed` reaches `total` (or nothing was embedded) to show progress.
    index_fact_checks(IndexFactChecksArgs) -> IndexProgress =
        |desk, _, args| index_fact_checks(desk, args);
    /// How many fact-checks the library holds and how many are indexed by meaning.
    fact_check_library(NoArgs) -> FactCheckLibrary = |desk, _, _| fact_check_library(desk);
    /// The published fact-checks that may have checked a claim already (above the confidence
    /// floor), best first.
    checked_before(CheckedBeforeArgs) -> CheckedBefore = |desk, _, args| {
        matching::checked_before(desk, args.claim_id, args.limit.unwrap_or(5).clamp(1, 20) as usize)
    };
    /// Attach a fact-check from the library to a claim as evidence (undoable).
    attach_fact_check(AttachFactCheckArgs) -> ClaimDetail = attach_fact_check;
}

fn parse_args<T: DeserializeOwned>(command: &str, args: Value) -> Result<T> {
    let args = match args {
        Value::Null => Value::Object(serde_json::Map::new()),
        other => other,
    };
    serde_json::from_value(args)
        .map_err(|err| Error::invalid_input(format!("invalid arguments for {command}: {err}")))
}
