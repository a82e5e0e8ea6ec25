//! The JSON export: everything the desk knows about the claims in scope, history included,
//! in a form `claimdesk import-json` restores into an empty database.
//!
//! The document is an [`ExportDocument`]. Its records use the same field names as everywhere
//! else ([`Article`], [`Claim`], [`Evidence`], [`HistoryEntry`]), flattened into each article
//! and claim; `counts`, `reviewers`, `reviewed_at`, `rating` and each history entry's `undoes`
//! are worked out from the rest and ignored on import. Beside the claims in scope, each article
//! carries its `related_claims` (claims outside the scope that share an editor command with
//! one inside it, and, in an export of whole articles, its retired claims), and the document
//! the `actions` its history belongs to and the `repeat_links` between its claims: what
//! `import-json` needs to restore the history whole, undo included. Deleted articles are not
//! exported (restore one to export it). `schema_version` changes only when a field changes
//! meaning or goes away; fields may be added within a version. The text is pretty-printed
//! UTF-8 with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026` (see [`ScriptSafe`]),
//! so it is safe to paste into a `<script>` element of a web page.
//!
//! A desk's export can be far larger than anything else ClaimDesk handles (182 MB for 100,000
//! claims), so it is written as a stream: [`write_export`] writes the fields before `articles`
//! from a summary pass, then each article as the store's [`ReportReader`] reads it, then the
//! `actions` and `repeat_links`, all from one snapshot; its memory does not grow with the
//! desk's text. [`document`] builds the same document in memory, for tests and small tools:
//! the stream writes exactly what serialising it would. Reading is a stream too
//! ([`crate::export_reader`]).

use std::cell::RefCell;
use std::io::{BufWriter, Write};

use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Serialize, Serializer};

use claimdesk_error::{Error, Result};
use claimdesk_store::records::{Article, Claim, Evidence, HistoryEntry, StatusCounts};
use claimdesk_store::report_data::{
    RemovedEvidence, RepeatLink, ReportAction, ReportArticle, ReportClaim, ReportData, ReportScope,
};
use claimdesk_store::report_reader::{HistoryData, ReportReader, ReportSummary};
use claimdesk_store::verdict::{Rating, VerdictScale};

pub use crate::script_safe::ScriptSafe;

/// The version of the JSON export's layout this ClaimDesk writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A JSON export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportDocument {
    /// The layout version: [`SCHEMA_VERSION`] when this ClaimDesk wrote it.
    pub schema_version: u32,
    /// What wrote it (`ClaimDesk 0.1.0`).
    pub generator: String,
    /// When it was written (UTC RFC 3339).
    pub generated_at: String,
    /// Which claims it covers.
    pub scope: ReportScope,
    /// The publishing organisation and the verdict scale.
    pub settings: ExportSettings,
    /// Everyone who changed a claim in it, in order of their first change (derived).
    #[serde(default)]
    pub reviewers: Vec<String>,
    /// Its claims by status (derived).
    #[serde(default)]
    pub counts: StatusCounts,
    /// The articles, oldest import first, each with its claims.
    pub articles: Vec<ExportArticle>,
    /// The editor commands the exported history belongs to, and their undos, oldest first.
    #[serde(default)]
    pub actions: Vec<ReportAction>,
    /// Pairs of exported claims that repeat each other.
    #[serde(default)]
    pub repeat_links: Vec<RepeatLink>,
}

/// The settings a JSON export carries: what a report needs, not the local editor's name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportSettings {
    /// The organisation that publishes the reports.
    #[serde(default)]
    pub organisation_name: Option<String>,
    /// Its web address.
    #[serde(default)]
    pub organisation_url: Option<String>,
    /// The address of each claim's fact check, `{claim_id}` standing for the claim's id.
    #[serde(default)]
    pub review_url_template: Option<String>,
    /// The verdict scale.
    #[serde(default)]
    pub verdict_scale: VerdictScale,
}

/// One article of a JSON export: the article's fields, then its claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportArticle {
    /// The article and its text.
    #[serde(flatten)]
    pub article: Article,
    /// All its claims by status, exported or not (derived).
    #[serde(default)]
    pub counts: StatusCounts,
    /// History entries of the article that belong to no claim.
    #[serde(default)]
    pub history: Vec<ExportHistoryEntry>,
    /// Its claims in scope, in text order.
    pub claims: Vec<ExportClaim>,
    /// Its claims outside the scope that the exported history needs, in text order: not part
    /// of the report, restored so that every command restores whole.
    #[serde(default)]
    pub related_claims: Vec<ExportClaim>,
}

/// One claim of a JSON export: the claim's fields, then its evidence and history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportClaim {
    /// The claim.
    #[serde(flatten)]
    pub claim: Claim,
    /// When its current verdict was reached, for verified and disputed claims (derived).
    #[serde(default)]
    pub reviewed_at: Option<String>,
    /// Its verdict as published on the desk's scale, for verified and disputed claims
    /// (derived).
    #[serde(default)]
    pub rating: Option<Rating>,
    /// Its evidence links, oldest first.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// Links that were attached and later removed.
    #[serde(default)]
    pub removed_evidence: Vec<RemovedEvidence>,
    /// Every change to it, oldest first.
    #[serde(default)]
    pub history: Vec<ExportHistoryEntry>,
}

/// One history entry of a JSON export: the entry's fields and the machine-readable detail
/// some changes carry (a moved span's offsets, the claim a part was split from), which undo
/// reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportHistoryEntry {
    /// The entry.
    #[serde(flatten)]
    pub entry: HistoryEntry,
    /// Its detail, when it has one.
    #[serde(default)]
    pub data: Option<serde_json::Value>,
}

/// What wrote an export.
fn generator() -> String {
    format!("ClaimDesk {}", env!("CARGO_PKG_VERSION"))
}

/// The export's `generated_at`: UTC RFC 3339 with seconds.
fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn export_settings(settings: &claimdesk_store::records::Settings) -> ExportSettings {
    ExportSettings {
        organisation_name: settings.organisation_name.clone(),
        organisation_url: settings.organisation_url.clone(),
        review_url_template: settings.review_url_template.clone(),
        verdict_scale: settings.verdict_scale.clone(),
    }
}

/// One article of the export; `data` holds the detail of its history entries and `scale`
/// rates its claims.
pub fn export_article(
    article: ReportArticle,
    data: &HistoryData,
    scale: &VerdictScale,
) -> ExportArticle {
    ExportArticle {
        article: article.article,
        counts: article.counts,
        history: export_history(article.history, data),
        claims: export_claims(article.claims, data, scale),
        related_claims: export_claims(article.related_claims, data, scale),
    }
}

fn export_claims(
    claims: Vec<ReportClaim>,
    data: &HistoryData,
    scale: &VerdictScale,
) -> Vec<ExportClaim> {
    claims
        .into_iter()
        .map(|item| ExportClaim {
            rating: (item.claim.status.is_reviewed() && item.claim.removed_at.is_none())
                .then(|| scale.rating(&item.claim)),
            claim: item.claim,
            reviewed_at: item.reviewed_at,
            evidence: item.evidence,
            removed_evidence: item.removed_evidence,
            history: export_history(item.history, data),
        })
        .collect()
}

fn export_history(history: Vec<HistoryEntry>, data: &HistoryData) -> Vec<ExportHistoryEntry> {
    history
        .into_iter()
        .map(|entry| ExportHistoryEntry {
            data: data.get(&entry.id).cloned(),
            entry,
        })
        .collect()
}

/// The export document of `data`, whole, in memory: what [`write_export`] writes piece by
/// piece.
pub fn document(data: &ReportData) -> ExportDocument {
    let scale = &data.settings.verdict_scale;
    ExportDocument {
        schema_version: SCHEMA_VERSION,
        generator: generator(),
        generated_at: timestamp(data.generated_at),
        scope: data.scope.clone(),
        settings: export_settings(&data.settings),
        reviewers: data.reviewers().into_iter().map(str::to_string).collect(),
        counts: data.counts(),
        articles: data
            .articles
            .iter()
            .map(|article| export_article(article.clone(), &data.history_data, scale))
            .collect(),
        actions: data.actions.clone(),
        repeat_links: data.repeat_links.clone(),
    }
}

/// Write the JSON export of what `reader` reads to `out`, as it reads it: the summary of the
/// claims in scope first, then one article at a time, then the actions and repeat links.
/// Returns the summary (what the caller may warn about). On an error part of the document
/// may have been written: write to a temporary file and rename it when this succeeds.
pub fn write_export(reader: &mut ReportReader<'_>, out: impl Write) -> Result<ReportSummary> {
    let summary = reader.summary()?;
    let document = StreamedDocument {
        schema_version: SCHEMA_VERSION,
        generator: generator(),
        generated_at: timestamp(reader.generated_at()),
        scope: reader.scope().clone(),
        settings: export_settings(&reader.settings),
        summary: &summary,
        reader: RefCell::new(reader),
        failure: RefCell::new(None),
    };
    // serde_json writes many small pieces: buffer them before they reach a file or a pipe.
    let mut out = ScriptSafe::new(BufWriter::with_capacity(1 << 16, out));
    if let Err(err) = document.serialize(&mut serde_json::Serializer::pretty(&mut out)) {
        return Err(document
            .failure
            .take()
            .unwrap_or_else(|| writing_failed(err)));
    }
    out.write_all(b"\n")?;
    out.finish()?.into_inner().map_err(|err| err.into_error())?;
    Ok(summary)
}

/// Pretty-printed JSON of `value`, safe to embed in an HTML `<script>` element, with a final
/// line break.
pub fn to_embeddable_json<T: Serialize>(value: &T) -> Result<String> {
    let mut out = ScriptSafe::new(Vec::new());
    serde_json::to_writer_pretty(&mut out, value).map_err(writing_failed)?;
    out.write_all(b"\n")?;
    String::from_utf8(out.finish()?)
        .map_err(|err| Error::internal(format!("cannot write JSON: {err}")))
}

/// A serde_json error while writing: the output failed (disk full, closed pipe) or, for
/// anything else, a bug.
fn writing_failed(err: serde_json::Error) -> Error {
    if err.is_io() {
        Error::from(std::io::Error::from(err))
    } else {
        Error::internal(format!("cannot write JSON: {err}"))
    }
}

/// The export document as [`write_export`] writes it: the fields of an [`ExportDocument`], in
/// its order, with the articles, actions and repeat links read as they are written.
struct StreamedDocument<'s, 'r, 'c> {
    schema_version: u32,
    generator: String,
    generated_at: String,
    scope: ReportScope,
    settings: ExportSettings,
    summary: &'s ReportSummary,
    reader: RefCell<&'r mut ReportReader<'c>>,
    /// What went wrong reading the desk, when that stopped the writing.
    failure: RefCell<Option<Error>>,
}

impl StreamedDocument<'_, '_, '_> {
    /// Keep `err` for [`write_export`] and stop the serializer.
    fn fail<E: serde::ser::Error>(&self, err: Error) -> E {
        let message = err.message().to_string();
        *self.failure.borrow_mut() = Some(err);
        E::custom(message)
    }
}

impl Serialize for StreamedDocument<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        // The fields and their order are ExportDocument's (its derived Serialize).
        let mut document = serializer.serialize_struct("ExportDocument", 10)?;
        document.serialize_field("schema_version", &self.schema_version)?;
        document.serialize_field("generator", &self.generator)?;
        document.serialize_field("generated_at", &self.generated_at)?;
        document.serialize_field("scope", &self.scope)?;
        document.serialize_field("settings", &self.settings)?;
        document.serialize_field("reviewers", &self.summary.reviewers)?;
        document.serialize_field("counts", &self.summary.counts)?;
        document.serialize_field("articles", &Streamed(self, Part::Articles))?;
        document.serialize_field("actions", &Streamed(self, Part::Actions))?;
        document.serialize_field("repeat_links", &Streamed(self, Part::RepeatLinks))?;
        document.end()
    }
}

/// The parts of an export read while they are written.
#[derive(Debug, Clone, Copy)]
enum Part {
    Articles,
    Actions,
    RepeatLinks,
}

/// One of the arrays of a [`StreamedDocument`], read from the desk as it is written.
struct Streamed<'d, 's, 'r, 'c>(&'d StreamedDocument<'s, 'r, 'c>, Part);

impl Serialize for Streamed<'_, '_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let Streamed(document, part) = self;
        let mut seq = serializer.serialize_seq(None)?;
        let mut unwritten = None;
        let mut reader = document.reader.borrow_mut();
        let read = match part {
            Part::Articles => {
                let scale = reader.settings.verdict_scale.clone();
                reader.each_article(|article, data| {
                    let article = export_article(article, &data, &scale);
                    element(&mut seq, &mut unwritten, &article)
                })
            }
            Part::Actions => {
                reader.each_action(|action| element(&mut seq, &mut unwritten, &action))
            }
            Part::RepeatLinks => {
                reader.each_repeat_link(|link| element(&mut seq, &mut unwritten, &link))
            }
        };
        if let Some(err) = unwritten {
            return Err(err);
        }
        read.map_err(|err| document.fail(err))?;
        seq.end()
    }
}

/// Write `item` as the next element of `seq`; when it cannot be, keep the serializer's error
/// in `unwritten` and stop the reading.
fn element<Q: SerializeSeq, T: Serialize>(
    seq: &mut Q,
    unwritten: &mut Option<Q::Error>,
    item: &T,
) -> Result<()> {
    seq.serialize_element(item).map_err(|err| {
        *unwritten = Some(err);
        Error::internal("the export stopped: it could not be written")
    })
}
