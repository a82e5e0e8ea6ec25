//! Verification reports: what the desk checked, in the formats newsrooms publish and archive.
//!
//! One module per format; [`render`] picks it. Every format escapes user text for itself and
//! turns only http/https URLs into links.

pub mod markdown;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;
use crate::records::{ArticleId, Report};
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

/// Render the report of `article_id` (or of every article) in `format`.
pub fn render(desk: &Desk, format: ReportFormat, article_id: Option<ArticleId>) -> Result<Report> {
    match format {
        ReportFormat::Markdown => markdown::render(desk, article_id),
    }
}
