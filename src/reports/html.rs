//! The HTML verification report: one self-contained page to publish, archive or print.
//!
//! The page carries its CSS inline and nothing else: no scripts, no fonts, no images, no
//! requests. Its Content-Security-Policy (`default-src 'none'`) makes that a promise the
//! browser keeps even if a future change slipped something in. Every piece of user text is
//! escaped with [`escape`] (text and attribute values alike), newlines in claims and notes are
//! kept by CSS (`white-space: pre-wrap`) rather than markup, and only http/https URLs become
//! links. Claims are headed by their number in their article ("Claim 3"), never by an internal
//! id; each still has the anchor `#claim-<id>`, which stays put when claims are added before
//! it. The desk's audit trail (each claim's history, each article's changes) is only in the
//! page when asked for ([`History::Included`]).
//!
//! It reads on a phone (one column, wrapping long links) and prints to PDF with each article
//! after the first on a new page, claims kept whole, and link addresses written out.

use std::fmt::Write as _;

use crate::reports::History;
use crate::reports::wording::{self, Fact, web_url};
use claimdesk_store::records::Evidence;
use claimdesk_store::report_data::{ReportArticle, ReportClaim, ReportData};

/// The stylesheet, inline in every report.
const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1d2327; --muted: #5a6570; --rule: #d8dde2;
  --paper: #ffffff; --wash: #f5f7f9; --verified: #1e6b3a; --disputed: #a4262c;
  --open: #8a5a00; --progress: #1f5fa8; --idle: #5a6570; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--wash); color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
.page { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; background: var(--paper); }
a { color: #0b57a4; overflow-wrap: anywhere; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 1rem; }
h2 { font-size: 1.45rem; line-height: 1.25; margin: 0 0 0.75rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.6rem; display: flex; flex-wrap: wrap; gap: 0.4rem 0.6rem;
  align-items: baseline; }
h4 { font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted);
  margin: 1rem 0 0.35rem; }
.kicker { margin: 0; color: var(--muted); font-weight: 600; }
dl.meta, dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem;
  margin: 0 0 1rem; }
dl.meta dt, dl.facts dt { color: var(--muted); font-weight: 600; }
dl.meta dd, dl.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.article { border-top: 3px solid var(--ink); padding-top: 1.25rem; margin-top: 2rem; }
.claim { border: 1px solid var(--rule); border-left: 6px solid var(--idle); border-radius: 6px;
  padding: 1rem 1.1rem; margin: 1rem 0; }
.claim.status-verified { border-left-color: var(--verified); }
.claim.status-disputed { border-left-color: var(--disputed); }
.claim.status-needs_evidence { border-left-color: var(--open); }
.claim.status-in_progress { border-left-color: var(--progress); }
.badge { display: inline-block; border-radius: 4px; padding: 0 0.45rem; font-size: 0.85rem;
  font-weight: 700; color: #fff; background: var(--idle); }
.badge.status-verified { background: var(--verified); }
.badge.status-disputed { background: var(--disputed); }
.badge.status-needs_evidence { background: var(--open); }
.badge.status-in_progress { background: var(--progress); }
.verdict { font-weight: 700; }
.claim-number { color: var(--muted); font-weight: 600; }
blockquote { margin: 0 0 0.9rem; padding: 0.1rem 0 0.1rem 0.9rem; border-left: 3px solid var(--rule);
  font-size: 1.1rem; }
.pre { white-space: pre-wrap; overflow-wrap: anywhere; }
ul.evidence, ol.history { margin: 0; padding-left: 1.2rem; }
ul.evidence li, ol.history li { margin: 0.2rem 0; overflow-wrap: anywhere; }
.stance { font-weight: 700; }
.stance-supports { color: var(--verified); }
.stance-refutes { color: var(--disputed); }
.host { color: var(--muted); font-size: 0.85rem; }
ol.history { color: var(--muted); font-size: 0.9rem; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 2.5rem; color: var(--muted); font-size: 0.85rem; }
@media screen and (max-width: 34rem) {
  body { font-size: 15px; }
  .page { padding: 1rem 0.9rem 2rem; }
  h1 { font-size: 1.55rem; }
  dl.meta, dl.facts { grid-template-columns: 1fr; gap: 0; }
  dl.meta dd, dl.facts dd { margin-bottom: 0.4rem; }
  .claim { padding: 0.8rem 0.8rem; }
}
@media print {
  @page { size: A4; margin: 16mm 14mm 18mm; }
  body { background: #fff; font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  .article { break-before: page; margin-top: 0; }
  .article:first-of-type { break-before: auto; margin-top: 1.5rem; }
  .claim { break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; }
  .badge, .claim { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  a[href]:not(.bare)::after { content: " <" attr(href) ">"; font-size: 8.5pt;
    color: var(--muted); overflow-wrap: anywhere; }
}
"#;

/// Render `data` as one self-contained HTML page; `history` says whether the desk's audit
/// trail is in it.
pub fn render(data: &ReportData, history: History) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let title = match &data.settings.organisation_name {
        Some(name) => format!(
            "Verification report \u{2014} {} \u{2014} {}",
            wording::one_line(name, 80),
            data.generated_at.format("%Y-%m-%d")
        ),
        None => format!(
            "Verification report \u{2014} {}",
            data.generated_at.format("%Y-%m-%d")
        ),
    };
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n",
    );
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"ClaimDesk {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&title));
    let _ = writeln!(
        out,
        "<style>{STYLE}</style>\n</head>\n<body>\n<div class=\"page\">"
    );
    header(&mut out, data);
    out.push_str("<main>\n");
    if data.articles.is_empty() {
        let message = if data.scope.filters_claims() {
            "No claims match this report\u{2019}s scope."
        } else {
            "No articles are on the desk yet."
        };
        let _ = writeln!(out, "<p class=\"empty\">{message}</p>");
    }
    for article in &data.articles {
        render_article(&mut out, data, article, history);
    }
    out.push_str("</main>\n");
    let _ = writeln!(
        out,
        "<footer>Made with ClaimDesk {} on {}.</footer>",
        env!("CARGO_PKG_VERSION"),
        data.generated_at.format("%Y-%m-%d %H:%M UTC")
    );
    out.push_str("</div>\n</body>\n</html>\n");
    out
}

fn header(out: &mut String, data: &ReportData) {
    let settings = &data.settings;
    out.push_str("<header>\n");
    if let Some(name) = &settings.organisation_name {
        let name = match settings.organisation_url.as_deref() {
            Some(url) => link(url, name),
            None => escape(name),
        };
        let _ = writeln!(out, "<p class=\"kicker\">{name}</p>");
    }
    out.push_str("<h1>Verification report</h1>\n<dl class=\"meta\">\n");
    meta(out, "Reviewers", &escape(&wording::reviewers_text(data)));
    meta(
        out,
        "Generated",
        &data.generated_at.format("%Y-%m-%d %H:%M UTC").to_string(),
    );
    meta(out, "Scope", &escape(&wording::scope_text(data)));
    meta(
        out,
        "Claims",
        &escape(&wording::counts_text(&data.counts())),
    );
    if let Some(levels) = wording::scale_text(&settings.verdict_scale) {
        meta(out, "Verdict scale", &escape(&levels));
    }
    out.push_str("</dl>\n</header>\n");
}

fn meta(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "<dt>{label}</dt><dd>{value}</dd>");
}

fn facts(out: &mut String, facts: &[Fact]) {
    for fact in facts {
        match fact {
            Fact::Text(label, text) => meta(out, label, &escape(text)),
            Fact::Link(label, url) => meta(out, label, &link(url, url)),
        }
    }
}

fn render_article(out: &mut String, data: &ReportData, article: &ReportArticle, history: History) {
    let meta_data = &article.article;
    let _ = writeln!(
        out,
        "<article class=\"article\" id=\"article-{}\">\n<h2>{}</h2>\n<dl class=\"meta\">",
        meta_data.id,
        escape(&meta_data.title)
    );
    facts(out, &wording::article_facts(data, article, history));
    out.push_str("</dl>\n");
    if article.claims.is_empty() {
        out.push_str("<p class=\"empty\">No claims were found in this article.</p>\n");
    }
    for claim in &article.claims {
        render_claim(out, data, claim, history);
    }
    out.push_str("</article>\n");
}

fn render_claim(out: &mut String, data: &ReportData, item: &ReportClaim, history: History) {
    let claim = &item.claim;
    let status = claim.status.as_str();
    let _ = writeln!(
        out,
        "<section class=\"claim status-{status}\" id=\"claim-{id}\" aria-labelledby=\"claim-{id}-title\">",
        id = claim.id
    );
    let _ = write!(
        out,
        "<h3 id=\"claim-{id}-title\"><span class=\"claim-number\">{number}</span> \
         <span class=\"badge status-{status}\">{label}</span>",
        id = claim.id,
        number = wording::claim_heading(item),
        label = claim.status.label()
    );
    if let Some(verdict) = wording::verdict_text(claim, &data.rating(claim)) {
        let _ = write!(out, " <span class=\"verdict\">{}</span>", escape(&verdict));
    }
    out.push_str("</h3>\n");
    let _ = writeln!(
        out,
        "<blockquote class=\"pre\">{}</blockquote>",
        escape(claim.wording())
    );
    out.push_str("<dl class=\"facts\">\n");
    facts(out, &wording::claim_facts(item));
    if !claim.note.is_empty() {
        let _ = writeln!(
            out,
            "<dt>Note</dt><dd class=\"pre\">{}</dd>",
            escape(&claim.note)
        );
    }
    out.push_str("</dl>\n<h4>Evidence</h4>\n");
    if item.evidence.is_empty() {
        out.push_str("<p class=\"empty\">None attached.</p>\n");
    } else {
        out.push_str("<ul class=\"evidence\">\n");
        for evidence in &item.evidence {
            render_evidence(out, evidence);
        }
        out.push_str("</ul>\n");
    }
    if history == History::Included && !item.history.is_empty() {
        out.push_str("<h4>History</h4>\n");
        out.push_str("<ol class=\"history\">\n");
        for entry in &item.history {
            let _ = writeln!(
                out,
                "<li>{}</li>",
                escape(&wording::history_text(data, entry))
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn render_evidence(out: &mut String, evidence: &Evidence) {
    let stance = evidence.stance.as_str();
    let _ = write!(
        out,
        "<li><span class=\"stance stance-{stance}\">{}</span> ",
        wording::stance_label(evidence.stance)
    );
    let shown = evidence.title.as_deref().unwrap_or(&evidence.url);
    out.push_str(&link(&evidence.url, shown));
    if evidence.title.is_some()
        && let Some(host) = web_url(&evidence.url).and_then(|u| u.host_str().map(str::to_string))
    {
        let _ = write!(out, " <span class=\"host\">{}</span>", escape(&host));
    }
    if !evidence.note.is_empty() {
        let _ = write!(
            out,
            " \u{2014} <span class=\"pre\">{}</span>",
            escape(&evidence.note)
        );
    }
    out.push_str("</li>\n");
}

/// `text` as a link to `url` if that is an http or https address, else as plain text.
fn link(url: &str, text: &str) -> String {
    match web_url(url) {
        Some(target) => format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\"{}>{}</a>",
            escape(target.as_str()),
            if text == url { " class=\"bare\"" } else { "" },
            escape(text)
        ),
        None => escape(text),
    }
}

/// Escape text for HTML element content and double- or single-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A stray NUL or other C0 control would make the page invalid; show nothing.
            c if c.is_control() && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_text_and_attributes() {
        assert_eq!(
            escape("<a href=\"x\" title='y'>&</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{0}b"), "ab");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            link("javascript:alert(1)", "click"),
            "click",
            "a javascript: URL stays text"
        );
        assert_eq!(
            link("https://example.org/?a=1&b=\"2\"", "source"),
            "<a href=\"https://example.org/?a=1&amp;b=%222%22\" rel=\"noopener noreferrer\">source</a>"
        );
    }
}
