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
//! exported (restore one to export it). `schema_version` changes only when a field changes meaning or goes
//! away; fields may be added within a version. The text is pretty-printed UTF-8 with `<`, `>`
//! and `&` written as `\u003c`, `\u003e`, `\u0026`, so it is safe to paste into a `<script>`
//! element of a web page.

use serde::{Deserialize, Serialize};

use claimdesk_error::{Error, ErrorKind, Result};
use claimdesk_store::records::{Article, Claim, Evidence, HistoryEntry, StatusCounts};
use claimdesk_store::report_data::{
    RemovedEvidence, RepeatLink, ReportAction, ReportClaim, ReportData, ReportScope,
};
use claimdesk_store::verdict::{Rating, VerdictScale};

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

/// The export document of `data`.
pub fn document(data: &ReportData) -> ExportDocument {
    let settings = &data.settings;
    ExportDocument {
        schema_version: SCHEMA_VERSION,
        generator: format!("ClaimDesk {}", env!("CARGO_PKG_VERSION")),
        generated_at: data
            .generated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        scope: data.scope.clone(),
        settings: ExportSettings {
            organisation_name: settings.organisation_name.clone(),
            organisation_url: settings.organisation_url.clone(),
            verdict_scale: settings.verdict_scale.clone(),
        },
        reviewers: data.reviewers().into_iter().map(str::to_string).collect(),
        counts: data.counts(),
        articles: data
            .articles
            .iter()
            .map(|article| ExportArticle {
                article: article.article.clone(),
                counts: article.counts,
                history: export_history(data, &article.history),
                claims: export_claims(data, &article.claims),
                related_claims: export_claims(data, &article.related_claims),
            })
            .collect(),
        actions: data.actions.clone(),
        repeat_links: data.repeat_links.clone(),
    }
}

fn export_claims(data: &ReportData, claims: &[ReportClaim]) -> Vec<ExportClaim> {
    claims
        .iter()
        .map(|item| ExportClaim {
            claim: item.claim.clone(),
            reviewed_at: item.reviewed_at.clone(),
            rating: (item.claim.status.is_reviewed() && item.claim.removed_at.is_none())
                .then(|| data.rating(&item.claim)),
            evidence: item.evidence.clone(),
            removed_evidence: item.removed_evidence.clone(),
            history: export_history(data, &item.history),
        })
        .collect()
}

fn export_history(data: &ReportData, history: &[HistoryEntry]) -> Vec<ExportHistoryEntry> {
    history
        .iter()
        .map(|entry| ExportHistoryEntry {
            entry: entry.clone(),
            data: data.history_data.get(&entry.id).cloned(),
        })
        .collect()
}

/// Render `data` as the JSON export.
pub fn render(data: &ReportData) -> Result<String> {
    to_embeddable_json(&document(data))
}

/// Pretty-printed JSON of `value`, safe to embed in an HTML `<script>` element.
pub fn to_embeddable_json<T: Serialize>(value: &T) -> Result<String> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|err| Error::internal(format!("cannot write JSON: {err}")))?;
    // These characters only ever occur inside JSON strings, where a \u escape means the same.
    let mut out = text;
    for (from, to) in [
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u{2028}", "\\u2028"),
        ("\u{2029}", "\\u2029"),
    ] {
        if out.contains(from) {
            out = out.replace(from, to);
        }
    }
    out.push('\n');
    Ok(out)
}

/// Read a JSON export, refusing one this ClaimDesk cannot read with a message saying why.
pub fn parse(text: &str) -> Result<ExportDocument> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|err| Error::invalid_input(format!("this is not a JSON file ({err})")))?;
    let version = value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::UnsupportedFormat,
                "this JSON is not a ClaimDesk export (it has no schema_version); export the desk \
                 from ClaimDesk as JSON",
            )
        })?;
    if version > u64::from(SCHEMA_VERSION) {
        return Err(Error::new(
            ErrorKind::UnsupportedFormat,
            format!(
                "this export has schema version {version}, made by a newer ClaimDesk; this one \
                 reads version {SCHEMA_VERSION}: update ClaimDesk to import it"
            ),
        ));
    }
    serde_json::from_value(value).map_err(|err| {
        Error::invalid_input(format!("this ClaimDesk export is damaged or edited: {err}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeddable_json_cannot_close_a_script_element() {
        let text = to_embeddable_json(&serde_json::json!({"note": "</script><b>&"})).unwrap();
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["note"], "</script><b>&");
    }

    #[test]
    fn a_newer_or_foreign_document_is_refused_with_a_reason() {
        let newer = parse(r#"{"schema_version": 99, "articles": []}"#).unwrap_err();
        assert!(newer.message().contains("newer ClaimDesk"), "{newer}");
        let foreign = parse(r#"{"@context": "https://schema.org"}"#).unwrap_err();
        assert!(
            foreign.message().contains("not a ClaimDesk export"),
            "{foreign}"
        );
        let broken = parse("{").unwrap_err();
        assert_eq!(broken.kind(), ErrorKind::InvalidInput);
    }
}
