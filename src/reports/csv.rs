//! The CSV export: one row per claim, for spreadsheets and newsroom dashboards.
//!
//! The columns are [`COLUMNS`], in that order, and are a contract (documented in
//! `docs/reports.md`): new columns are only ever added at the end. The file is UTF-8 with a
//! byte-order mark (so that Excel reads accents and curly quotes correctly), RFC 4180 quoting
//! and CRLF line ends; a cell may hold line breaks (notes, evidence lists) inside its quotes.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and tab or
//! carriage return can smuggle one past a check; such cells are prefixed with `'` (the OWASP
//! advice), so `=HYPERLINK(...)` in a claim reaches the sheet as text.

use claimdesk_error::{Error, Result};
use claimdesk_store::records::HistoryEntry;
use claimdesk_store::report_data::{ReportArticle, ReportClaim, ReportData};

/// The header row: every column, in file order.
pub const COLUMNS: [&str; 34] = [
    "claim_id",
    "article_id",
    "article_title",
    "article_outlet",
    "article_url",
    "article_published",
    "status",
    "verdict",
    "rating",
    "rating_value",
    "best_rating",
    "worst_rating",
    "reviewed_at",
    "claim_text",
    "speaker",
    "dates",
    "kind",
    "score",
    "start",
    "end",
    "note",
    "evidence",
    "evidence_count",
    "history_count",
    "last_changed_at",
    "last_changed_by",
    "origin",
    "created_at",
    "updated_at",
    "claim_number",
    "claim_reviewed",
    "speaker_role",
    "speaker_type",
    "review_url",
];

/// Render `data` as CSV.
pub fn render(data: &ReportData) -> Result<String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let failed = |err: csv::Error| Error::internal(format!("cannot write CSV: {err}"));
    writer.write_record(COLUMNS).map_err(failed)?;
    for (article, claim) in data.claims() {
        let row = row(data, article, claim);
        writer
            .write_record(row.iter().map(|cell| neutralise(cell).into_owned()))
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| Error::internal(format!("cannot write CSV: {err}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|err| Error::internal(format!("CSV is not UTF-8: {err}")))?;
    Ok(format!("\u{FEFF}{text}"))
}

fn row(data: &ReportData, article: &ReportArticle, item: &ReportClaim) -> Vec<String> {
    let claim = &item.claim;
    let meta = &article.article;
    let rating = data.rating(claim);
    let number = |value: Option<u32>| value.map(|v| v.to_string()).unwrap_or_default();
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let dates: Vec<String> = claim
        .extracted
        .dates
        .iter()
        .map(|date| format!("{}={}", date.text, date.value.as_deref().unwrap_or("")))
        .collect();
    let evidence: Vec<String> = item
        .evidence
        .iter()
        .map(|e| match &e.title {
            Some(title) => format!("{} {} ({title})", e.stance, e.url),
            None => format!("{} {}", e.stance, e.url),
        })
        .collect();
    let last: Option<&HistoryEntry> = item.history.last();
    let cells = vec![
        claim.id.to_string(),
        meta.id.to_string(),
        meta.title.clone(),
        text(&meta.outlet),
        text(&meta.url),
        text(&meta.published),
        claim.status.as_str().to_string(),
        text(&claim.verdict),
        // Published ratings only exist for reviewed claims.
        if claim.status.is_reviewed() {
            rating.alternate_name.clone()
        } else {
            String::new()
        },
        number(rating.rating_value.filter(|_| claim.status.is_reviewed())),
        number(rating.best_rating.filter(|_| claim.status.is_reviewed())),
        number(rating.worst_rating.filter(|_| claim.status.is_reviewed())),
        text(&item.reviewed_at),
        claim.extracted.text.clone(),
        text(&claim.extracted.speaker),
        dates.join("; "),
        claim.extracted.kind.as_str().to_string(),
        format!("{:.3}", claim.extracted.score),
        claim.extracted.start.to_string(),
        claim.extracted.end.to_string(),
        claim.note.clone(),
        evidence.join("\n"),
        item.evidence.len().to_string(),
        item.history.len().to_string(),
        last.map(|h| h.at.clone()).unwrap_or_default(),
        last.map(|h| h.by.clone()).unwrap_or_default(),
        claim.origin.as_str().to_string(),
        claim.created_at.clone(),
        claim.updated_at.clone(),
        number(item.number),
        claim.wording().to_string(),
        text(&claim.speaker_role),
        claim
            .speaker_type
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        claim
            .review_url
            .clone()
            .or_else(|| {
                data.settings
                    .review_url_template
                    .as_deref()
                    .map(|t| claimdesk_store::expand_review_url(t, claim.article_id, claim.id))
            })
            .unwrap_or_default(),
    ];
    debug_assert_eq!(cells.len(), COLUMNS.len());
    cells
}

/// A cell a spreadsheet will show as text: one that would start a formula gets a leading `'`.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::formula("=1+2", "'=1+2")]
    #[case::plus("+44 20 7946 0000", "'+44 20 7946 0000")]
    #[case::minus("-3% in a year", "'-3% in a year")]
    #[case::at("@SUM(A1)", "'@SUM(A1)")]
    #[case::tab("\t=1", "'\t=1")]
    #[case::carriage_return("\r=1", "'\r=1")]
    #[case::plain("Port budget", "Port budget")]
    #[case::inner_equals("a = b", "a = b")]
    fn cells_that_would_start_a_formula_are_neutralised(#[case] cell: &str, #[case] written: &str) {
        assert_eq!(neutralise(cell), written);
    }
}
