//! The plain-text phrases the human-readable reports (Markdown, HTML) share, so both say the
//! same thing in the same words. Nothing here is escaped: each format escapes what it takes
//! from here for itself.

use chrono::DateTime;

use crate::reports::History;
use claimdesk_engine::ClaimKind;
use claimdesk_store::records::{ActionKind, Claim, HistoryChange, HistoryEntry, StatusCounts};
use claimdesk_store::report_data::{ReportArticle, ReportClaim, ReportData};
use claimdesk_store::review_state::{ClaimStatus, Stance};
use claimdesk_store::verdict::{Rating, VerdictScale};

/// One labelled line of an article's or a claim's details, in plain text; each format escapes
/// the text, and makes the link when it is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// A label and plain text.
    Text(&'static str, String),
    /// A label and a URL, shown as a link to itself when it is a web address.
    Link(&'static str, String),
}

/// An article's details in the order reports show them: outlet, byline, source, publication
/// day, its claim counts, and, with the history, the changes to the article itself (a
/// corrected headline, a deletion undone).
pub fn article_facts(data: &ReportData, article: &ReportArticle, history: History) -> Vec<Fact> {
    let meta = &article.article;
    let mut facts = Vec::new();
    if let Some(outlet) = &meta.outlet {
        facts.push(Fact::Text("Outlet", outlet.clone()));
    }
    if let Some(byline) = &meta.byline {
        facts.push(Fact::Text("Byline", byline.clone()));
    }
    if let Some(url) = &meta.url {
        facts.push(Fact::Link("Source", url.clone()));
    }
    if let Some(published) = &meta.published {
        facts.push(Fact::Text("Published", published.clone()));
    }
    facts.push(Fact::Text("Claims", article_counts_text(article)));
    if history == History::Included {
        for entry in &article.history {
            facts.push(Fact::Text("Changed", history_text(data, entry)));
        }
    }
    facts
}

/// The speaker as a report names them: `Yuri Ushakov, foreign affairs adviser`; `None` when
/// the article asserts the claim itself.
pub fn speaker_text(claim: &Claim) -> Option<String> {
    let speaker = claim.extracted.speaker.as_deref()?;
    Some(match claim.speaker_role.as_deref() {
        Some(role) => format!("{speaker}, {role}"),
        None => speaker.to_string(),
    })
}

/// A claim's details between its text and its note: where the article says it (when the desk
/// checked a rewording), speaker, dates and review date.
pub fn claim_facts(item: &ReportClaim) -> Vec<Fact> {
    let claim = &item.claim;
    let mut facts = Vec::new();
    if claim.wording() != claim.extracted.text {
        facts.push(Fact::Text(
            "In the article",
            format!("\u{201C}{}\u{201D}", one_line(&claim.extracted.text, 400)),
        ));
    }
    if let Some(speaker) = speaker_text(claim) {
        facts.push(Fact::Text("Speaker", speaker));
    }
    let dates = dates_text(claim);
    if !dates.is_empty() {
        facts.push(Fact::Text("Dates", dates.join("; ")));
    }
    if let Some(reviewed_at) = &item.reviewed_at {
        facts.push(Fact::Text("Reviewed", when(reviewed_at)));
    }
    facts
}

/// A claim's heading: `Claim 3`, its number in its article (never its internal id).
pub fn claim_heading(item: &ReportClaim) -> String {
    match item.number {
        Some(number) => format!("Claim {number}"),
        None => "Claim".to_string(),
    }
}

/// `2025-03-14 09:26 UTC`, or the stored text if it is not a timestamp.
pub fn when(timestamp: &str) -> String {
    DateTime::parse_from_rfc3339(timestamp)
        .map(|at| at.to_utc().format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|_| timestamp.to_string())
}

/// `5 (2 verified, 3 disputed)`, or `none`.
pub fn counts_text(counts: &StatusCounts) -> String {
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

/// The claim counts line of an article: the claims in the report, and how many the article
/// has when the report shows only some of them.
pub fn article_counts_text(article: &ReportArticle) -> String {
    let included = article.included_counts();
    let text = counts_text(&included);
    if included.total == article.counts.total {
        text
    } else {
        format!(
            "{text} in this report, of {} in the article",
            article.counts.total
        )
    }
}

/// What the report covers: `all articles (3)`, `one article, “Port budget”; status
/// disputed; reviewed 2025-03-01 to 2025-03-14`.
pub fn scope_text(data: &ReportData) -> String {
    let scope = &data.scope;
    let mut parts = Vec::new();
    match (scope.article_id, data.articles.first()) {
        (Some(_), Some(article)) => parts.push(format!(
            "one article, \u{201C}{}\u{201D}",
            one_line(&article.article.title, 120)
        )),
        (Some(id), None) => parts.push(format!("article {id}")),
        // Chosen claims say what they are; "all articles" would only mislead.
        (None, _) if !scope.claim_ids.is_empty() => {}
        (None, _) => parts.push(format!("all articles ({})", data.articles.len())),
    }
    match scope.claim_ids.len() {
        0 => {}
        1 => parts.push("one chosen claim".to_string()),
        n => parts.push(format!("{n} chosen claims")),
    }
    if !scope.statuses.is_empty() {
        let statuses: Vec<String> = scope
            .statuses
            .iter()
            .map(|s| s.label().to_lowercase())
            .collect();
        parts.push(format!("status {}", statuses.join(" or ")));
    }
    match (scope.since, scope.until) {
        (Some(since), Some(until)) => parts.push(format!("reviewed {since} to {until}")),
        (Some(since), None) => parts.push(format!("reviewed since {since}")),
        (None, Some(until)) => parts.push(format!("reviewed until {until}")),
        (None, None) => {}
    }
    parts.join("; ")
}

/// The reviewers of a report, or a phrase saying there are none yet.
pub fn reviewers_text(data: &ReportData) -> String {
    let reviewers = data.reviewers();
    if reviewers.is_empty() {
        "no review changes yet".to_string()
    } else {
        reviewers.join(", ")
    }
}

/// The levels of a fixed verdict scale, best first (`True, Mostly true, …`); `None` for free
/// text.
pub fn scale_text(scale: &VerdictScale) -> Option<String> {
    scale.is_fixed().then(|| {
        let labels: Vec<&str> = scale.levels.iter().map(|l| l.label.as_str()).collect();
        labels.join(", ")
    })
}

/// `Supports`, `Refutes`, `Context`.
pub fn stance_label(stance: Stance) -> &'static str {
    match stance {
        Stance::Supports => "Supports",
        Stance::Refutes => "Refutes",
        Stance::Context => "Context",
    }
}

/// The verdict as published, when there is more to say than the status: `Mostly false (2
/// on the 1–6 scale)`, or `Unproven (not on the desk's scale)`.
pub fn verdict_text(claim: &Claim, rating: &Rating) -> Option<String> {
    if claim.verdict.is_none() && rating.rating_value.is_none() {
        return None;
    }
    let mut text = rating.alternate_name.clone();
    match (rating.rating_value, rating.worst_rating, rating.best_rating) {
        (Some(value), Some(worst), Some(best)) => {
            text.push_str(&format!(" ({value} on the {worst}\u{2013}{best} scale)"));
        }
        _ if !rating.on_scale && claim.verdict.is_some() => {
            text.push_str(" (not on the desk's scale)");
        }
        _ => {}
    }
    Some(text)
}

/// Each date a claim mentions and what it resolved to: `“Wednesday” → 2025-03-12`.
pub fn dates_text(claim: &Claim) -> Vec<String> {
    claim
        .extracted
        .dates
        .iter()
        .map(|date| match &date.value {
            Some(value) => format!(
                "\u{201C}{}\u{201D} \u{2192} {value}",
                one_line(&date.text, 80)
            ),
            None => format!("\u{201C}{}\u{201D} (unresolved)", one_line(&date.text, 80)),
        })
        .collect()
}

/// One history entry: `2025-03-14 09:26 UTC, Ana Ruiz: status Unreviewed → Disputed`. The
/// command it was part of (from `data`) says what a bare change cannot: that a span moved
/// because claims were merged, or that a change was an undo.
pub fn history_text(data: &ReportData, entry: &HistoryEntry) -> String {
    let action = data.action_of(entry);
    let detail = data.history_data.get(&entry.id);
    let status_label = |value: &Option<String>| {
        value
            .as_deref()
            .and_then(|v| v.parse::<ClaimStatus>().ok())
            .map_or("none", ClaimStatus::label)
    };
    let quoted = |value: &Option<String>| match value {
        Some(text) => format!("\u{201C}{}\u{201D}", one_line(text, 80)),
        None => "nothing".to_string(),
    };
    let from_to = |what: &str| {
        format!(
            "{what} {} \u{2192} {}",
            quoted(&entry.old),
            quoted(&entry.new)
        )
    };
    let kind = action.map(|a| a.action.kind);
    // Claims are named by their number in the article, as the report shows them.
    let claim_named = |id: i64| match data.claim_number(id) {
        Some(number) => format!("claim {number}"),
        None => "a claim no longer on the desk".to_string(),
    };
    let or_article = |value: &Option<String>| match value {
        Some(text) => format!("\u{201C}{}\u{201D}", one_line(text, 80)),
        None => "the article's wording".to_string(),
    };
    let mut what = match entry.change {
        HistoryChange::Status => format!(
            "status {} \u{2192} {}",
            status_label(&entry.old),
            status_label(&entry.new)
        ),
        HistoryChange::Verdict => match (&entry.old, &entry.new) {
            (None, new) => format!("verdict set to {}", quoted(new)),
            (old, None) => format!("verdict withdrawn (was {})", quoted(old)),
            (_, _) => from_to("verdict"),
        },
        HistoryChange::Note if entry.new.is_none() => "note cleared".to_string(),
        HistoryChange::Note => format!("note set to {}", quoted(&entry.new)),
        HistoryChange::EvidenceAdded if detail.is_some_and(|d| d.get("copied_from").is_some()) => {
            format!("evidence copied from a repeat: {}", quoted(&entry.new))
        }
        HistoryChange::EvidenceAdded => format!("evidence added: {}", quoted(&entry.new)),
        HistoryChange::EvidenceRemoved => format!("evidence removed: {}", quoted(&entry.old)),
        HistoryChange::ArticleText => "text read again from the original".to_string(),
        HistoryChange::EvidenceQuote if entry.new.is_none() => "evidence quote cleared".to_string(),
        HistoryChange::EvidenceQuote => format!("evidence quoted: {}", quoted(&entry.new)),
        HistoryChange::Span => match kind {
            Some(ActionKind::SplitClaim) => {
                format!("split in two; the claim now reads {}", quoted(&entry.new))
            }
            Some(ActionKind::MergeClaims) => {
                format!(
                    "claims merged into this one; it now reads {}",
                    quoted(&entry.new)
                )
            }
            _ => from_to("span changed:"),
        },
        HistoryChange::ClaimAdded => {
            match detail
                .and_then(|d| d.get("split_from"))
                .and_then(|id| id.as_i64())
            {
                Some(from) => format!("split off {}: {}", claim_named(from), quoted(&entry.new)),
                None if kind == Some(ActionKind::Undo) => {
                    format!("claim put back on the desk: {}", quoted(&entry.new))
                }
                None => format!("claim marked by an editor: {}", quoted(&entry.new)),
            }
        }
        HistoryChange::ClaimRemoved => match (kind, action.and_then(|a| a.action.claim_id)) {
            (Some(ActionKind::MergeClaims), Some(into)) => {
                format!("merged into {}: {}", claim_named(into), quoted(&entry.old))
            }
            _ => format!("claim taken off the desk: {}", quoted(&entry.old)),
        },
        HistoryChange::ReviewAdopted => match detail
            .and_then(|d| d.get("from"))
            .and_then(|id| id.as_i64())
            .and_then(|id| data.claim_number(id))
        {
            Some(number) => format!("review taken over from claim {number}"),
            None => "review taken over from a repeat of this claim".to_string(),
        },
        HistoryChange::ClaimText => format!(
            "claim as checked: {} \u{2192} {}",
            or_article(&entry.old),
            or_article(&entry.new)
        ),
        HistoryChange::Speaker => match (&entry.old, &entry.new) {
            (_, None) => format!(
                "speaker cleared (was {}): the article asserts the claim",
                quoted(&entry.old)
            ),
            _ => from_to("speaker"),
        },
        HistoryChange::SpeakerRole => from_to("speaker's role"),
        HistoryChange::SpeakerType => format!(
            "speaker is {}",
            match entry.new.as_deref() {
                Some("organisation") => "an organisation",
                Some("person") => "a person",
                _ => "not said to be a person or an organisation",
            }
        ),
        HistoryChange::Kind => format!(
            "kind {} \u{2192} {}",
            kind_label(&entry.old),
            kind_label(&entry.new)
        ),
        HistoryChange::Date => match (&entry.old, &entry.new) {
            (Some(old), None) => format!("date removed: {}", one_line(old, 80)),
            (None, Some(new)) => format!("date put back: {}", one_line(new, 80)),
            _ => format!(
                "date corrected: {} \u{2192} {}",
                one_line(entry.old.as_deref().unwrap_or(""), 80),
                one_line(entry.new.as_deref().unwrap_or(""), 80)
            ),
        },
        HistoryChange::ReviewUrl => match &entry.new {
            Some(url) => format!("review page set to {}", one_line(url, 200)),
            None => "review page cleared".to_string(),
        },
        HistoryChange::ArticleTitle => from_to("headline changed:"),
        HistoryChange::ArticleOutlet => from_to("outlet changed:"),
        HistoryChange::ArticleByline => from_to("byline changed:"),
        HistoryChange::ArticleUrl => from_to("source URL changed:"),
        HistoryChange::ArticlePublished => from_to("publication date changed:"),
        HistoryChange::ArticleDeleted => "article deleted".to_string(),
        HistoryChange::ArticleRestored => "article restored".to_string(),
        HistoryChange::Assignee | HistoryChange::ArticleAssignee => {
            let whose = if entry.change == HistoryChange::Assignee {
                "claim"
            } else {
                "article"
            };
            match &entry.new {
                Some(editor) => format!("{whose} assigned to {}", one_line(editor, 80)),
                None => format!("{whose} no longer assigned"),
            }
        }
    };
    if let Some(undone) = action
        .map(|a| &a.action)
        .filter(|a| a.kind == ActionKind::Undo)
    {
        what.push_str(&format!(
            " (undoing \u{201C}{}\u{201D})",
            one_line(&undone.label, 80)
        ));
    }
    format!("{}, {}: {what}", when(&entry.at), one_line(&entry.by, 80))
}

/// A kind identifier as people read it ("Law or policy").
fn kind_label(value: &Option<String>) -> String {
    value
        .as_deref()
        .map(|v| {
            v.parse::<ClaimKind>()
                .map_or_else(|_| v.to_string(), |k| k.label().to_string())
        })
        .unwrap_or_else(|| "none".to_string())
}

/// `text` on one line (whitespace runs collapsed), cut to `max` characters.
pub fn one_line(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    cut.push('\u{2026}');
    cut
}

pub use claimdesk_fields::web_url;

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::https("https://example.org/a b", true)]
    #[case::http("http://example.org", true)]
    #[case::javascript("javascript:alert(1)", false)]
    #[case::javascript_upper(" JAVASCRIPT:alert(1)", false)]
    #[case::data("data:text/html,<script>", false)]
    #[case::vbscript("vbscript:msgbox", false)]
    #[case::relative("/page", false)]
    #[case::file("file:///etc/passwd", false)]
    fn only_web_addresses_become_links(#[case] url: &str, #[case] link: bool) {
        assert_eq!(web_url(url).is_some(), link);
    }

    #[test]
    fn one_line_flattens_and_cuts() {
        assert_eq!(one_line("a\n\n b\tc", 10), "a b c");
        assert_eq!(one_line("abcdef", 4), "abc\u{2026}");
    }
}
