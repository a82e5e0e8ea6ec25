//! Verification reports: what the desk checked, in the formats newsrooms publish and archive.
//!
//! Every format renders the same [`ReportData`], read from one database snapshot, so a report
//! never mixes states from before and after a concurrent change. One module per format for
//! the formats people read (HTML, Markdown, CSV); the JSON export and ClaimReview belong to
//! `claimdesk-interchange`, which owns those formats. [`render`] picks the format. Every format escapes user text for itself and turns only http/https
//! URLs into links; [`wording`] holds the plain-text phrases the human-readable formats share.
//!
//! A report covers a [`ReportScope`]: every article or one, optionally narrowed to chosen
//! claims, to statuses, and to a range of review dates (the store's `report_data` module says
//! what a review date is and what a report leaves out).

pub mod csv;
pub mod html;
pub mod markdown;
pub mod wording;

use std::io::Write;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use claimdesk_error::{Error, Result};
use claimdesk_interchange::{claimreview, json};
use claimdesk_store::Desk;
use claimdesk_store::records::{ProblemLevel, Report, ReportProblem};
pub use claimdesk_store::report_data::{ReportData, ReportScope};

/// The file format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
#[non_exhaustive]
pub enum ReportFormat {
    /// A Markdown document.
    Markdown,
    /// One self-contained HTML page (inline CSS, no scripts), printable to PDF.
    Html,
    /// One row per claim, for spreadsheets.
    Csv,
    /// Everything, with history, in a form `claimdesk import-json` restores.
    Json,
    /// schema.org ClaimReview JSON-LD, one review per verified or disputed claim.
    #[serde(rename = "claimreview")]
    ClaimReview,
}

impl ReportFormat {
    /// Every format, in the order the export dialog offers them.
    pub const ALL: [ReportFormat; 5] = [
        ReportFormat::Html,
        ReportFormat::Markdown,
        ReportFormat::Csv,
        ReportFormat::Json,
        ReportFormat::ClaimReview,
    ];

    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "md",
            ReportFormat::Html => "html",
            ReportFormat::Csv => "csv",
            ReportFormat::Json => "json",
            ReportFormat::ClaimReview => "jsonld",
        }
    }

    /// The media type of the file.
    pub fn media_type(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "text/markdown; charset=utf-8",
            ReportFormat::Html => "text/html; charset=utf-8",
            ReportFormat::Csv => "text/csv; charset=utf-8",
            ReportFormat::Json => "application/json",
            ReportFormat::ClaimReview => "application/ld+json",
        }
    }
}

/// Whether a human-readable report shows the desk's audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// Each claim's history and each article's changes are listed (for the desk's archive).
    Included,
    /// Only what readers need: the claims, verdicts, notes and evidence (for publishing).
    Left,
}

/// What to render: a format, a scope, and who publishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRequest {
    /// The file format.
    pub format: ReportFormat,
    /// Which claims.
    pub scope: ReportScope,
    /// The publishing organisation's name, instead of the one in settings.
    pub organisation_name: Option<String>,
    /// The organisation's web address (http or https), instead of the one in settings.
    pub organisation_url: Option<String>,
    /// The address of each claim's fact check (`{claim_id}` standing for the claim's id),
    /// instead of the template in settings; empty: none.
    pub review_url_template: Option<String>,
    /// Whether the HTML and Markdown reports list each claim's history (the desk's audit
    /// trail) and the changes to each article; published reports leave it out.
    pub include_history: bool,
}

impl ReportRequest {
    /// A report of everything on the desk in `format`.
    pub fn new(format: ReportFormat) -> ReportRequest {
        ReportRequest {
            format,
            scope: ReportScope::default(),
            organisation_name: None,
            organisation_url: None,
            review_url_template: None,
            include_history: false,
        }
    }
}

/// What writing a report tells besides its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The name to offer when saving it (`claimdesk-report-2025-03-14.md`).
    pub file_name: String,
    /// What an editor should know about it (claims left out and why, recommended fields
    /// missing, an empty scope), each naming the claims it is about.
    pub problems: Vec<ReportProblem>,
}

/// Render the report `request` asks for, whole, in memory (what the UI previews and saves).
pub fn render(desk: &Desk, request: &ReportRequest) -> Result<Report> {
    let mut content = Vec::new();
    let written = write(desk, request, &mut content)?;
    Ok(Report {
        file_name: written.file_name,
        media_type: request.format.media_type().to_string(),
        content: String::from_utf8(content)
            .map_err(|err| Error::internal(format!("a report is not UTF-8: {err}")))?,
        warnings: written.problems.iter().map(|p| p.message.clone()).collect(),
        problems: written.problems,
    })
}

/// Write the report `request` asks for to `out`. The JSON export, which carries the whole
/// desk, is written as it is read from one snapshot, never held whole; the other formats are
/// rendered from the report read into memory, then written. When this fails part of a JSON
/// export may have been written: write to a temporary file and rename it on success.
pub fn write(desk: &Desk, request: &ReportRequest, out: &mut dyn Write) -> Result<Written> {
    request.scope.check()?;
    let organisation_url = match request.organisation_url.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(url) => Some(Some(claimdesk_fields::validate_url(url).map_err(
            |err| Error::new(err.kind(), format!("organisation URL: {}", err.message())),
        )?)),
    };
    let review_url_template = match request.review_url_template.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(template) => Some(Some(claimdesk_store::check_review_url_template(template)?)),
    };
    desk.read_report(&request.scope, |reader| {
        if let Some(name) = request.organisation_name.as_deref().map(str::trim) {
            reader.settings.organisation_name = Some(name.to_string()).filter(|n| !n.is_empty());
        }
        if let Some(url) = organisation_url {
            reader.settings.organisation_url = url;
        }
        if let Some(template) = review_url_template {
            reader.settings.review_url_template = template;
        }
        let mut problems = Vec::new();
        let empty_scope_warning = || ReportProblem {
            level: ProblemLevel::Note,
            message: "no claims match this scope; the report lists none".to_string(),
            field: None,
            claim_ids: Vec::new(),
        };
        let history = if request.include_history {
            History::Included
        } else {
            History::Left
        };
        // The JSON export and the CSV are written as they are read; the other formats are
        // laid out from the whole report.
        let render: fn(&ReportData, History, &mut Vec<ReportProblem>) -> Result<String> =
            match request.format {
                ReportFormat::Json | ReportFormat::Csv => {
                    let claims = if request.format == ReportFormat::Json {
                        json::write_export(reader, &mut *out)?.counts.total as usize
                    } else {
                        csv::write(reader, &mut *out)?
                    };
                    if claims == 0 && request.scope.filters_claims() {
                        problems.push(empty_scope_warning());
                    }
                    let subject = reader
                        .first_article_title()
                        .filter(|_| request.scope.article_id.is_some());
                    return Ok(Written {
                        file_name: file_name(reader.generated_at(), subject, request.format),
                        problems,
                    });
                }
                ReportFormat::Markdown => |data, history, _| Ok(markdown::render(data, history)),
                ReportFormat::Html => |data, history, _| Ok(html::render(data, history)),
                ReportFormat::ClaimReview => {
                    |data, _, problems| claimreview::render(data, problems)
                }
            };
        let data = reader.collect()?;
        if data.claims().next().is_none() && request.scope.filters_claims() {
            problems.push(empty_scope_warning());
        }
        let content = render(&data, history, &mut problems)?;
        out.write_all(content.as_bytes())?;
        let subject = match (data.scope.article_id, data.articles.first()) {
            (Some(_), Some(article)) => Some(article.article.title.as_str()),
            _ => None,
        };
        Ok(Written {
            file_name: file_name(data.generated_at, subject, request.format),
            problems,
        })
    })
}

/// `claimdesk-report-2025-03-14.md`, or `claimdesk-<headline-slug>-2025-03-14.md` for one
/// article (`subject` is its headline): a name that sorts by date and says what is inside.
fn file_name(generated_at: DateTime<Utc>, subject: Option<&str>, format: ReportFormat) -> String {
    let subject = subject.map(slug).unwrap_or_default();
    let subject = if subject.is_empty() {
        "report".to_string()
    } else {
        subject
    };
    let kind = if format == ReportFormat::ClaimReview {
        "-claimreview"
    } else {
        ""
    };
    format!(
        "claimdesk-{subject}{kind}-{}.{}",
        generated_at.format("%Y-%m-%d"),
        format.extension()
    )
}

/// Lower-case ASCII letters and digits joined by hyphens, at most 50 characters.
fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mut slug = String::new();
    for word in words {
        if slug.len() + word.len() + 1 > 50 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_ascii_words_and_stays_short() {
        assert_eq!(
            slug("Port budget rises 12% — “record”"),
            "port-budget-rises-12-record"
        );
        assert!(slug(&"word ".repeat(40)).len() <= 50);
        assert_eq!(slug("«»"), "");
    }
}
