//! The Markdown verification report.

use crate::error::{Error, Result};
use crate::records::{ArticleId, Report};
use crate::store::Desk;

/// Render the Markdown report of `article_id` (or of every article).
pub fn render(desk: &Desk, article_id: Option<ArticleId>) -> Result<Report> {
    let _ = (desk, article_id);
    Err(Error::internal(
        "the Markdown report is not implemented yet",
    ))
}
