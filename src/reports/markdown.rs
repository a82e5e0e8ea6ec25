//! The Markdown verification report.
//!
//! Every piece of user text (titles, claim text, notes, names) goes through [`escape`], so a
//! note with `*`, `[link](javascript:...)`, `<script>` or a leading `#` reads as written and
//! never becomes markup. Links are only made from http/https URLs, percent-encoding the
//! characters that would end a Markdown link early.

use std::fmt::Write as _;

use chrono::DateTime;

use crate::model::ClaimStatus;
use crate::records::{ClaimDetail, HistoryChange, HistoryEntry, StatusCounts};
use crate::reports::{ReportArticle, ReportData, Scope};

/// How many history entries a claim lists before summarising the older ones.
const HISTORY_SHOWN: usize = 5;

/// Render `data` as a Markdown document.
pub fn render(data: &ReportData) -> String {
    let mut out = String::new();
    out.push_str("# Verification report\n\n");
    header(&mut out, data);
    if data.articles.is_empty() {
        out.push_str("\nNo articles are on the desk yet.\n");
    }
    for article in &data.articles {
        out.push_str("\n---\n\n");
        render_article(&mut out, article);
    }
    out
}

fn header(out: &mut String, data: &ReportData) {
    let settings = &data.settings;
    if let Some(name) = &settings.organisation_name {
        let name = escape(name);
        let organisation = match settings.organisation_url.as_deref().and_then(link_target) {
            Some(url) => format!("[{name}]({url})"),
            None => name,
        };
        line(out, "Organisation", &organisation);
    }
    let reviewers = data.reviewers();
    let reviewers = if reviewers.is_empty() {
        "no review changes yet".to_string()
    } else {
        reviewers
            .iter()
            .map(|name| escape(name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    line(out, "Reviewers", &reviewers);
    line(
        out,
        "Generated",
        &data.generated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
    );
    let scope = match (&data.scope, data.articles.first()) {
        (Scope::Article(_), Some(article)) => {
            format!(
                "one article, \u{201C}{}\u{201D}",
                escape(&article.summary.title)
            )
        }
        _ => format!("all articles ({})", data.articles.len()),
    };
    line(out, "Scope", &scope);
    let mut totals = StatusCounts::default();
    for article in &data.articles {
        for status in ClaimStatus::ALL {
            totals.add(status, article.summary.counts.get(status));
        }
    }
    line(out, "Claims", &counts_text(&totals));
}

/// One `**Label:** value` line; two trailing spaces make it a line break, not a paragraph.
fn line(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "**{label}:** {value}  ");
}

fn counts_text(counts: &StatusCounts) -> String {
    if counts.total == 0 {
        return "none".to_string();
    }
    let parts: Vec<String> = ClaimStatus::ALL
        .into_iter()
        .filter(|status| counts.get(*status) > 0)
        .map(|status| {
            format!(
                "{} {}",
                counts.get(status),
                status.label().to_ascii_lowercase()
            )
        })
        .collect();
    format!("{} ({})", counts.total, parts.join(", "))
}

fn render_article(out: &mut String, article: &ReportArticle) {
    let summary = &article.summary;
    let _ = writeln!(out, "## {}\n", escape(&summary.title));
    if let Some(outlet) = &summary.outlet {
        line(out, "Outlet", &escape(outlet));
    }
    if let Some(byline) = &summary.byline {
        line(out, "Byline", &escape(byline));
    }
    if let Some(url) = &summary.url {
        let source = match link_target(url) {
            Some(target) => format!("[{}]({target})", escape(url)),
            None => escape(url),
        };
        line(out, "Source", &source);
    }
    if let Some(published) = &summary.published {
        line(out, "Published", &escape(published));
    }
    line(out, "Claims", &counts_text(&summary.counts));
    if article.claims.is_empty() {
        out.push_str("\nNo claims were found in this article.\n");
    }
    for claim in &article.claims {
        out.push('\n');
        render_claim(out, claim);
    }
}

fn render_claim(out: &mut String, detail: &ClaimDetail) {
    let claim = &detail.claim;
    let _ = writeln!(out, "### Claim {} — {}\n", claim.id, claim.status.label());
    let _ = writeln!(out, "> {}\n", escape_block(&claim.extracted.text, "> "));
    let mut status = claim.status.label().to_string();
    if let Some(verdict) = &claim.verdict {
        let _ = write!(status, " (verdict: {})", escape(verdict));
    }
    item(out, "Status", &status);
    if let Some(speaker) = &claim.extracted.speaker {
        item(out, "Speaker", &escape(speaker));
    }
    if !claim.extracted.dates.is_empty() {
        let dates: Vec<String> = claim
            .extracted
            .dates
            .iter()
            .map(|date| match &date.value {
                Some(value) => {
                    format!("\u{201C}{}\u{201D} → {}", escape(&date.text), escape(value))
                }
                None => format!("\u{201C}{}\u{201D} (unresolved)", escape(&date.text)),
            })
            .collect();
        item(out, "Dates", &dates.join("; "));
    }
    if !claim.note.is_empty() {
        item(out, "Note", &escape_block(&claim.note, "  "));
    }
    if detail.evidence.is_empty() {
        item(out, "Evidence", "none attached");
    } else {
        out.push_str("- **Evidence:**\n");
        for evidence in &detail.evidence {
            let shown = evidence.title.as_deref().unwrap_or(&evidence.url);
            let link = match link_target(&evidence.url) {
                Some(target) => format!("[{}]({target})", escape(shown)),
                None => escape(shown),
            };
            let mut entry = format!("{}: {link}", stance_label(evidence.stance));
            if !evidence.note.is_empty() {
                let _ = write!(entry, " — {}", escape_block(&evidence.note, "    "));
            }
            let _ = writeln!(out, "  - {entry}");
        }
    }
    if !detail.history.is_empty() {
        out.push_str("- **History:**\n");
        let hidden = detail.history.len().saturating_sub(HISTORY_SHOWN);
        if hidden > 0 {
            let _ = writeln!(out, "  - {hidden} earlier change(s) not shown");
        }
        for entry in &detail.history[hidden..] {
            let _ = writeln!(out, "  - {}", history_text(entry));
        }
    }
}

fn item(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "- **{label}:** {value}");
}

fn stance_label(stance: crate::model::Stance) -> &'static str {
    match stance {
        crate::model::Stance::Supports => "Supports",
        crate::model::Stance::Refutes => "Refutes",
        crate::model::Stance::Context => "Context",
    }
}

fn history_text(entry: &HistoryEntry) -> String {
    let when = DateTime::parse_from_rfc3339(&entry.at)
        .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|_| entry.at.clone());
    let status_label = |value: &Option<String>| {
        value
            .as_deref()
            .and_then(|v| v.parse::<ClaimStatus>().ok())
            .map_or("none", ClaimStatus::label)
    };
    let quoted = |value: &Option<String>| match value {
        Some(text) => format!("\u{201C}{}\u{201D}", escape(&one_line(text, 80))),
        None => "nothing".to_string(),
    };
    let what = match entry.change {
        HistoryChange::Status => format!(
            "status {} → {}",
            status_label(&entry.old),
            status_label(&entry.new)
        ),
        HistoryChange::Verdict => {
            format!("verdict {} → {}", quoted(&entry.old), quoted(&entry.new))
        }
        HistoryChange::Note if entry.new.is_none() => "note cleared".to_string(),
        HistoryChange::Note => format!("note set to {}", quoted(&entry.new)),
        HistoryChange::EvidenceAdded => format!("evidence added: {}", quoted(&entry.new)),
        HistoryChange::EvidenceRemoved => format!("evidence removed: {}", quoted(&entry.old)),
        HistoryChange::Span => format!(
            "span changed from {} to {}",
            quoted(&entry.old),
            quoted(&entry.new)
        ),
        HistoryChange::ClaimAdded => format!("claim added: {}", quoted(&entry.new)),
        HistoryChange::ClaimRemoved => format!("claim removed: {}", quoted(&entry.old)),
        HistoryChange::ReviewAdopted => format!(
            "review taken over from {}",
            escape(entry.new.as_deref().unwrap_or("another claim"))
        ),
        HistoryChange::ArticleTitle
        | HistoryChange::ArticleOutlet
        | HistoryChange::ArticleByline
        | HistoryChange::ArticleUrl
        | HistoryChange::ArticlePublished => format!(
            "article {} {} → {}",
            entry.change.as_str().trim_start_matches("article_"),
            quoted(&entry.old),
            quoted(&entry.new)
        ),
        HistoryChange::ArticleDeleted => "article deleted".to_string(),
        HistoryChange::ArticleRestored => "article restored".to_string(),
    };
    format!("{when}, {}: {what}", escape(&entry.by))
}

/// The first line of `text`, cut to `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// `url` as a Markdown link target, if it is an http or https URL; characters that would end
/// the link or open raw HTML are percent-encoded.
fn link_target(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let mut target = String::new();
    for c in parsed.as_str().chars() {
        match c {
            '(' => target.push_str("%28"),
            ')' => target.push_str("%29"),
            '<' => target.push_str("%3C"),
            '>' => target.push_str("%3E"),
            ' ' => target.push_str("%20"),
            '\\' => target.push_str("%5C"),
            '"' => target.push_str("%22"),
            '`' => target.push_str("%60"),
            other => target.push(other),
        }
    }
    Some(target)
}

/// Escape user text for use inside a Markdown line: characters with inline meaning are
/// backslash-escaped, and line breaks become spaces.
pub fn escape(text: &str) -> String {
    let flat = text.split(['\n', '\r']).collect::<Vec<_>>().join(" ");
    escape_line(flat.trim())
}

/// Escape multi-line user text; continuation lines start with `indent` so they stay inside
/// the list item or quote they belong to, and blank lines cannot end it.
fn escape_block(text: &str, indent: &str) -> String {
    let lines: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(escape_line)
        .collect();
    // Two trailing spaces: a hard line break inside the same block.
    lines.join(&format!("  \n{indent}"))
}

fn escape_line(line: &str) -> String {
    let line = line.trim_start();
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '#' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // Characters that only mean something at the start of a line: list and heading markers.
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && out[digits..].starts_with(['.', ')']) {
            out.insert(digits, '\\');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::emphasis("a *bold* _claim_", r"a \*bold\* \_claim\_")]
    #[case::link_syntax("[click](javascript:alert(1))", r"\[click\](javascript:alert(1))")]
    #[case::raw_html("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>")]
    #[case::heading_marker("# not a heading", r"\# not a heading")]
    #[case::list_marker("- not a list", r"\- not a list")]
    #[case::ordered_list_marker("1. not a list", r"1\. not a list")]
    #[case::newline_inside("two\nlines", "two lines")]
    #[case::entity("&lt;b&gt;", r"\&lt;b\&gt;")]
    fn user_text_never_becomes_markup(#[case] text: &str, #[case] escaped: &str) {
        assert_eq!(escape(text), escaped);
    }

    #[rstest]
    #[case::https("https://example.org/a_(b)", Some("https://example.org/a_%28b%29"))]
    #[case::javascript("javascript:alert(1)", None)]
    #[case::data("data:text/html,x", None)]
    #[case::relative("/page", None)]
    fn only_web_links_become_link_targets(#[case] url: &str, #[case] target: Option<&str>) {
        assert_eq!(link_target(url).as_deref(), target);
    }

    #[test]
    fn a_blank_line_in_a_note_cannot_end_its_list_item() {
        let block = escape_block("first\n\n# second", "  ");
        assert_eq!(block, "first  \n  \\# second");
    }
}
