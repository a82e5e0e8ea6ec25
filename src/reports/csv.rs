//! The CSV export: one row per claim, for spreadsheets and newsroom dashboards, written one
//! article at a time as the report is read.
//!
//! The columns are [`COLUMNS`], in that order, and are a contract (documented in
//! `docs/reports.md`): new columns are only ever added at the end. The file is UTF-8 with a
//! byte-order mark (so that Excel reads accents and curly quotes correctly), RFC 4180 quoting
//! and CRLF line ends; a cell may hold line breaks (notes, evidence lists) inside its quotes.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and tab or
//! carriage return can smuggle one past a check; such cells are prefixed with `'` (the OWASP
//! advice), so `=HYPERLINK(...)` in a claim reaches the sheet as text.

use std::io::{BufWriter, Write};

use claimdesk_error::{Error, Result};
use claimdesk_store::records::HistoryEntry;
use claimdesk_store::report_data::{ReportArticle, ReportClaim};
use claimdesk_store::report_reader::ReportReader;
use claimdesk_store::verdict::VerdictScale;

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

/// Write the CSV of what `reader` reads to `out`, one article at a time (a desk's CSV is
/// never held whole); returns how many claims it lists.
pub fn write(reader: &mut ReportReader<'_>, out: impl Write) -> Result<usize> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    out.write_all("\u{FEFF}".as_bytes())?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let failed = |err: csv::Error| match err.into_kind() {
        csv::ErrorKind::Io(err) => Error::from(err),
        other => Error::internal(format!("cannot write CSV: {other:?}")),
    };
    writer.write_record(COLUMNS).map_err(failed)?;
    let scale = reader.settings.verdict_scale.clone();
    let review_url_template = reader.settings.review_url_template.clone();
    let mut rows = 0;
    reader.each_article(|article, _| {
        for claim in &article.claims {
            let row = row(&scale, review_url_template.as_deref(), &article, claim);
            writer
                .write_record(row.iter().map(|cell| neutralise(cell).into_owned()))
                .map_err(failed)?;
            rows += 1;
        }
        Ok(())
    })?;
    writer
        .into_inner()
        .map_err(|err| Error::from(err.into_error()))?
        .flush()?;
    Ok(rows)
}

/// One claim's cells; `review_url_template` gives the review page of a claim without one.
fn row(
    scale: &VerdictScale,
    review_url_template: Option<&str>,
    article: &ReportArticle,
    item: &ReportClaim,
) -> Vec<String> {
    let claim = &item.claim;
    let meta = &article.article;
    let rating = scale.rating(claim);
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
                review_url_template
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
