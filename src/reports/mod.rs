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

/// Render the report `request` asks for.
pub fn render(desk: &Desk, request: &ReportRequest) -> Result<Report> {
    request.scope.check()?;
    let mut data = desk.report_data(&request.scope)?;
    if let Some(name) = request.organisation_name.as_deref().map(str::trim) {
        data.settings.organisation_name = Some(name.to_string()).filter(|n| !n.is_empty());
    }
    if let Some(url) = request.organisation_url.as_deref().map(str::trim) {
        data.settings.organisation_url = if url.is_empty() {
            None
        } else {
            Some(claimdesk_fields::validate_url(url).map_err(|err| {
                Error::new(err.kind(), format!("organisation URL: {}", err.message()))
            })?)
        };
    }
    if let Some(template) = request.review_url_template.as_deref().map(str::trim) {
        data.settings.review_url_template = if template.is_empty() {
            None
        } else {
            Some(claimdesk_store::check_review_url_template(template)?)
        };
    }
    let mut problems = Vec::new();
    if data.claims().next().is_none() && request.scope.filters_claims() {
        problems.push(ReportProblem {
            level: ProblemLevel::Note,
            message: "no claims match this scope; the report lists none".to_string(),
            field: None,
            claim_ids: Vec::new(),
        });
    }
    let history = if request.include_history {
        History::Included
    } else {
        History::Left
    };
    let content = match request.format {
        ReportFormat::Markdown => markdown::render(&data, history),
        ReportFormat::Html => html::render(&data, history),
        ReportFormat::Csv => csv::render(&data)?,
        ReportFormat::Json => json::render(&data)?,
        ReportFormat::ClaimReview => claimreview::render(&data, &mut problems)?,
    };
    Ok(Report {
        file_name: file_name(&data, request.format),
        media_type: request.format.media_type().to_string(),
        content,
        warnings: problems.iter().map(|p| p.message.clone()).collect(),
        problems,
    })
}

/// `claimdesk-report-2025-03-14.md`, or `claimdesk-<headline-slug>-2025-03-14.md` for one
/// article: a name that sorts by date and says what is inside.
fn file_name(data: &ReportData, format: ReportFormat) -> String {
    let subject = match (data.scope.article_id, data.articles.first()) {
        (Some(_), Some(article)) => slug(&article.article.title),
        _ => String::new(),
    };
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
        data.generated_at.format("%Y-%m-%d"),
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
