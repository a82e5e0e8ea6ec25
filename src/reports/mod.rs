//! Verification reports: what the desk checked, in the formats newsrooms publish and archive.
//!
//! Every format renders the same [`ReportData`], read from one database snapshot, so a report
//! never mixes states from before and after a concurrent change. One module per format;
//! [`render`] picks it. Every format escapes user text for itself and turns only http/https
//! URLs into links.

pub mod markdown;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::records::{ArticleId, ArticleSummary, ClaimDetail, Report, Settings};
use crate::store::Desk;

/// The file format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
#[non_exhaustive]
pub enum ReportFormat {
    /// A Markdown document.
    Markdown,
}

impl ReportFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "md",
        }
    }

    /// The media type of the file.
    pub fn media_type(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "text/markdown; charset=utf-8",
        }
    }
}

/// What a report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every article on the desk.
    AllArticles,
    /// One article.
    Article(ArticleId),
}

/// Everything a report shows, read in one snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportData {
    /// When the report was made.
    pub generated_at: DateTime<Utc>,
    /// The desk's settings (organisation, reviewer).
    pub settings: Settings,
    /// What it covers.
    pub scope: Scope,
    /// The articles, each with its claims.
    pub articles: Vec<ReportArticle>,
}

/// One article of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportArticle {
    /// Its metadata and counts.
    pub summary: ArticleSummary,
    /// Its claims in text order, each with evidence and history.
    pub claims: Vec<ClaimDetail>,
}

impl ReportData {
    /// Everyone who changed a claim in the report, in order of their first change.
    pub fn reviewers(&self) -> Vec<&str> {
        let mut names: Vec<&str> = Vec::new();
        let mut entries: Vec<_> = self
            .articles
            .iter()
            .flat_map(|article| &article.claims)
            .flat_map(|claim| &claim.history)
            .collect();
        entries.sort_by(|a, b| (&a.at, a.id).cmp(&(&b.at, b.id)));
        for entry in entries {
            if !names.contains(&entry.by.as_str()) {
                names.push(&entry.by);
            }
        }
        names
    }
}

/// Render the report of `article_id` (or of every article) in `format`.
pub fn render(desk: &Desk, format: ReportFormat, article_id: Option<ArticleId>) -> Result<Report> {
    let scope = article_id.map_or(Scope::AllArticles, Scope::Article);
    let data = desk.report_data(scope)?;
    let content = match format {
        ReportFormat::Markdown => markdown::render(&data),
    };
    Ok(Report {
        file_name: file_name(&data, format),
        media_type: format.media_type().to_string(),
        content,
    })
}

/// `claimdesk-report-2025-03-14.md`, or `claimdesk-<headline-slug>-2025-03-14.md` for one
/// article: a name that sorts by date and says what is inside.
fn file_name(data: &ReportData, format: ReportFormat) -> String {
    let subject = match (&data.scope, data.articles.first()) {
        (Scope::Article(_), Some(article)) => slug(&article.summary.title),
        _ => String::new(),
    };
    let subject = if subject.is_empty() {
        "report".to_string()
    } else {
        subject
    };
    format!(
        "claimdesk-{subject}-{}.{}",
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
