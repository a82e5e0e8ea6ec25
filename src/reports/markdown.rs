//! The Markdown verification report.
//!
//! Every piece of user text (titles, claim text, notes, names) goes through [`escape`], so a
//! note with `*`, `[link](javascript:...)`, `<script>` or a leading `#` reads as written and
//! never becomes markup. Links are only made from http/https URLs, percent-encoding the
//! characters that would end a Markdown link early.

use std::fmt::Write as _;

use crate::reports::History;
use crate::reports::wording::{self, Fact, web_url};
use claimdesk_store::report_data::{ReportArticle, ReportClaim, ReportData};

/// Render `data` as a Markdown document; `history` says whether the desk's audit trail is in
/// it.
pub fn render(data: &ReportData, history: History) -> String {
    let mut out = String::new();
    out.push_str("# Verification report\n\n");
    header(&mut out, data);
    if data.articles.is_empty() {
        out.push_str(if data.scope.filters_claims() {
            "\nNo claims match this report's scope.\n"
        } else {
            "\nNo articles are on the desk yet.\n"
        });
    }
    for article in &data.articles {
        out.push_str("\n---\n\n");
        render_article(&mut out, data, article, history);
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
    line(out, "Reviewers", &escape(&wording::reviewers_text(data)));
    line(
        out,
        "Generated",
        &data.generated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
    );
    line(out, "Scope", &escape(&wording::scope_text(data)));
    line(out, "Claims", &wording::counts_text(&data.counts()));
    if let Some(levels) = wording::scale_text(&settings.verdict_scale) {
        line(out, "Verdict scale", &escape(&levels));
    }
}

/// One `**Label:** value` line; two trailing spaces make it a line break, not a paragraph.
fn line(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "**{label}:** {value}  ");
}

fn render_article(out: &mut String, data: &ReportData, article: &ReportArticle, history: History) {
    let meta = &article.article;
    let _ = writeln!(out, "## {}\n", escape(&meta.title));
    for fact in wording::article_facts(data, article, history) {
        match fact {
            Fact::Text(label, text) => line(out, label, &escape(&text)),
            Fact::Link(label, url) => line(out, label, &link(&url)),
        }
    }
    if article.claims.is_empty() {
        out.push_str("\nNo claims were found in this article.\n");
    }
    for claim in &article.claims {
        out.push('\n');
        render_claim(out, data, claim, history);
    }
}

fn render_claim(out: &mut String, data: &ReportData, item: &ReportClaim, history: History) {
    let claim = &item.claim;
    let _ = writeln!(
        out,
        "### {} — {}\n",
        wording::claim_heading(item),
        claim.status.label()
    );
    let _ = writeln!(out, "> {}\n", escape_block(claim.wording(), "> "));
    field(out, "Status", claim.status.label());
    if let Some(verdict) = wording::verdict_text(claim, &data.rating(claim)) {
        field(out, "Verdict", &escape(&verdict));
    }
    for fact in wording::claim_facts(item) {
        match fact {
            Fact::Text(label, text) => field(out, label, &escape(&text)),
            Fact::Link(label, url) => field(out, label, &link(&url)),
        }
    }
    if !claim.note.is_empty() {
        field(out, "Note", &escape_block(&claim.note, "  "));
    }
    if item.evidence.is_empty() {
        field(out, "Evidence", "none attached");
    } else {
        out.push_str("- **Evidence:**\n");
        for evidence in &item.evidence {
            let shown = evidence.title.as_deref().unwrap_or(&evidence.url);
            let link = match link_target(&evidence.url) {
                Some(target) => format!("[{}]({target})", escape(shown)),
                None => escape(shown),
            };
            let mut entry = format!("{}: {link}", wording::stance_label(evidence.stance));
            if !evidence.note.is_empty() {
                let _ = write!(entry, " — {}", escape_block(&evidence.note, "    "));
            }
            let _ = writeln!(out, "  - {entry}");
        }
    }
    if history == History::Included && !item.history.is_empty() {
        out.push_str("- **History:**\n");
        for entry in &item.history {
            let _ = writeln!(out, "  - {}", escape(&wording::history_text(data, entry)));
        }
    }
}

/// `url` as a Markdown link to itself, or as text when it is not a web address.
fn link(url: &str) -> String {
    match link_target(url) {
        Some(target) => format!("[{}]({target})", escape(url)),
        None => escape(url),
    }
}

fn field(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "- **{label}:** {value}");
}

/// `url` as a Markdown link target, if it is an http or https URL; characters that would end
/// the link or open raw HTML are percent-encoded.
fn link_target(url: &str) -> Option<String> {
    let parsed = web_url(url)?;
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
