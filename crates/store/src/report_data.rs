//! What a report shows, read in one snapshot: the articles and claims in a [`ReportScope`] with
//! their evidence, history, the commands the history belongs to and the repeat links between
//! them. The human-readable reports (the app's HTML, Markdown and CSV, the interchange's
//! ClaimReview) render a [`ReportData`] held in memory; the JSON export, which carries
//! everything and can be as large as the desk, is written piece by piece as
//! [`crate::report_reader`] reads the same snapshot. Either way a report never mixes states
//! from before and after a concurrent change.
//!
//! A claim's **review date** is when its current verdict was reached: the last change to its
//! status or verdict while it is verified or disputed. Claims still open (or dismissed) have
//! none, so a date range leaves them out. A report shows what is on the desk: a deleted
//! article and a retired claim are in no report, as they are in no list. Only the JSON export,
//! which `import-json` must restore whole, also carries an article's claims outside the scope
//! that its history needs ([`ReportArticle::related_claims`]).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use claimdesk_error::{Error, Result};

use crate::records::{
    ActionId, ActionSummary, Article, ArticleId, Claim, ClaimId, Evidence, HistoryEntry, Settings,
    StatusCounts,
};
use crate::report_reader::review_date;
use crate::review_state::ClaimStatus;
use crate::verdict::Rating;

/// Which claims a report covers. Every filter narrows; the default covers everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportScope {
    /// Only this article.
    pub article_id: Option<ArticleId>,
    /// Only these claims (empty: no restriction).
    pub claim_ids: Vec<ClaimId>,
    /// Only claims in these statuses (empty: no restriction).
    pub statuses: Vec<ClaimStatus>,
    /// Only claims reviewed on or after this day (UTC).
    pub since: Option<NaiveDate>,
    /// Only claims reviewed on or before this day (UTC).
    pub until: Option<NaiveDate>,
}

impl ReportScope {
    /// Whether the scope picks claims (rather than whole articles), so that articles left
    /// without a matching claim drop out of the report.
    pub fn filters_claims(&self) -> bool {
        !self.claim_ids.is_empty()
            || !self.statuses.is_empty()
            || self.since.is_some()
            || self.until.is_some()
    }

    /// Reject a scope that can only be a mistake.
    pub fn check(&self) -> Result<()> {
        if let (Some(since), Some(until)) = (self.since, self.until)
            && until < since
        {
            return Err(Error::invalid_input(format!(
                "the date range ends ({until}) before it starts ({since}); swap the dates"
            )));
        }
        Ok(())
    }

    /// Whether a claim reviewed at `reviewed_at` (RFC 3339) falls in the date range.
    pub(crate) fn admits_review(&self, reviewed_at: Option<&str>) -> bool {
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(day) = reviewed_at.and_then(day_of) else {
            return false;
        };
        self.since.is_none_or(|since| day >= since) && self.until.is_none_or(|until| day <= until)
    }
}

/// The UTC day of an RFC 3339 timestamp.
pub fn day_of(timestamp: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(timestamp)
        .ok()
        .map(|at| at.with_timezone(&Utc).date_naive())
}

/// Everything a report shows, read in one snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportData {
    /// When the report was made.
    pub generated_at: DateTime<Utc>,
    /// The desk's settings (organisation, reviewer, verdict scale).
    pub settings: Settings,
    /// What it covers.
    pub scope: ReportScope,
    /// The articles with claims in scope, oldest import first.
    pub articles: Vec<ReportArticle>,
    /// The editor commands the history of the report's claims and articles belongs to, and
    /// the undos of those commands, oldest first.
    pub actions: Vec<ReportAction>,
    /// The machine-readable detail of history entries that have one (a moved span's offsets,
    /// the claim a part was split from), by history entry id.
    pub history_data: BTreeMap<i64, serde_json::Value>,
    /// The pairs of claims in the report (or related to it) that repeat each other.
    pub repeat_links: Vec<RepeatLink>,
    /// The number in its article of every claim on the desk of the report's articles (see
    /// [`ReportClaim::number`]), so that history can name the claims it mentions.
    pub claim_numbers: BTreeMap<ClaimId, u32>,
}

/// One editor command (marking a claim, splitting it, an undo, ...): the history entries it
/// wrote point at it by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportAction {
    /// The command as the undo stack lists it.
    #[serde(flatten)]
    pub action: ActionSummary,
    /// For an undo: the command it reverted.
    pub undoes: Option<ActionId>,
}

/// Two claims that say the same thing (`claim_id` < `other_id`), and how alike they are.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepeatLink {
    /// The claim with the smaller id.
    pub claim_id: ClaimId,
    /// The other claim.
    pub other_id: ClaimId,
    /// The repeat measure's similarity, 0..1.
    pub similarity: f64,
}

/// One article of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportArticle {
    /// The article with its text.
    pub article: Article,
    /// All of its claims by status, in the report or not.
    pub counts: StatusCounts,
    /// Its claims in scope, in text order.
    pub claims: Vec<ReportClaim>,
    /// Its other claims whose history belongs with the report's (the other part of a split,
    /// a claim merged into one in the report, ...), and, when the report covers whole
    /// articles, its retired claims; in text order. Only the JSON export shows them.
    pub related_claims: Vec<ReportClaim>,
    /// History entries of the article that belong to no claim, oldest first.
    pub history: Vec<HistoryEntry>,
}

/// One claim of a report with everything recorded about it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportClaim {
    /// The claim.
    pub claim: Claim,
    /// Its evidence links, oldest first.
    pub evidence: Vec<Evidence>,
    /// Links that were attached and later taken off (the history refers to them).
    pub removed_evidence: Vec<RemovedEvidence>,
    /// Every change to it, oldest first.
    pub history: Vec<HistoryEntry>,
    /// When its current verdict was reached (UTC RFC 3339); `None` unless it is verified or
    /// disputed.
    pub reviewed_at: Option<String>,
    /// Its number in its article: its place among the article's claims on the desk, in text
    /// order, from 1 (what published reports call it, rather than its internal id); `None`
    /// for a retired claim.
    pub number: Option<u32>,
}

/// An evidence link that was taken off its claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedEvidence {
    /// The link as it was.
    #[serde(flatten)]
    pub evidence: Evidence,
    /// When it was removed (UTC RFC 3339).
    pub removed_at: String,
    /// Who removed it (`None` only in rows written before removals recorded it).
    pub removed_by: Option<String>,
}

impl ReportClaim {
    /// A claim with its records, and its review date worked out from its history.
    pub fn new(
        claim: Claim,
        evidence: Vec<Evidence>,
        removed_evidence: Vec<RemovedEvidence>,
        history: Vec<HistoryEntry>,
    ) -> ReportClaim {
        let reviewed_at = review_date(
            claim.status,
            &claim.updated_at,
            history
                .iter()
                .map(|entry| (entry.change, entry.at.as_str())),
        );
        ReportClaim {
            claim,
            evidence,
            removed_evidence,
            history,
            reviewed_at,
            number: None,
        }
    }
}

impl ReportData {
    /// Everyone who changed a claim in the report, in order of their first change.
    pub fn reviewers(&self) -> Vec<&str> {
        let mut entries: Vec<&HistoryEntry> = self
            .articles
            .iter()
            .flat_map(|article| &article.claims)
            .flat_map(|claim| &claim.history)
            .collect();
        entries.sort_by(|a, b| (&a.at, a.id).cmp(&(&b.at, b.id)));
        let mut names: Vec<&str> = Vec::new();
        for entry in entries {
            if !names.contains(&entry.by.as_str()) {
                names.push(&entry.by);
            }
        }
        names
    }

    /// The claims in the report by status.
    pub fn counts(&self) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for article in &self.articles {
            counts = add_counts(counts, &article.included_counts());
        }
        counts
    }

    /// Every claim in the report.
    pub fn claims(&self) -> impl Iterator<Item = (&ReportArticle, &ReportClaim)> {
        self.articles
            .iter()
            .flat_map(|article| article.claims.iter().map(move |claim| (article, claim)))
    }

    /// How a claim's verdict is published on the desk's scale.
    pub fn rating(&self, claim: &Claim) -> Rating {
        self.settings.verdict_scale.rating(claim)
    }

    /// A claim's number in its article, if it is on the desk in one of the report's articles.
    pub fn claim_number(&self, id: ClaimId) -> Option<u32> {
        self.claim_numbers.get(&id).copied()
    }

    /// The command a history entry was part of, if it is in the report.
    pub fn action_of(&self, entry: &HistoryEntry) -> Option<&ReportAction> {
        let id = entry.action_id?;
        self.actions
            .binary_search_by_key(&id, |action| action.action.id)
            .ok()
            .map(|i| &self.actions[i])
    }
}

impl ReportArticle {
    /// The article's claims in the report by status.
    pub fn included_counts(&self) -> StatusCounts {
        let mut counts = StatusCounts::default();
        for claim in &self.claims {
            counts.add(claim.claim.status, 1);
        }
        counts
    }
}

fn add_counts(mut total: StatusCounts, more: &StatusCounts) -> StatusCounts {
    for status in ClaimStatus::ALL {
        total.add(status, more.get(status));
    }
    total
}

#[cfg(test)]
mod scope_tests {
    use super::*;

    #[test]
    fn a_date_range_that_ends_before_it_starts_is_refused() {
        let scope = ReportScope {
            since: NaiveDate::from_ymd_opt(2025, 3, 14),
            until: NaiveDate::from_ymd_opt(2025, 3, 1),
            ..ReportScope::default()
        };
        assert!(scope.check().is_err());
    }

    #[test]
    fn the_date_range_is_inclusive_and_in_utc() {
        let scope = ReportScope {
            since: NaiveDate::from_ymd_opt(2025, 3, 1),
            until: NaiveDate::from_ymd_opt(2025, 3, 14),
            ..ReportScope::default()
        };
        assert!(scope.admits_review(Some("2025-03-14T23:59:59Z")));
        assert!(scope.admits_review(Some("2025-03-01T00:00:00Z")));
        // 00:30 in Paris on the 15th is still the 14th in UTC.
        assert!(scope.admits_review(Some("2025-03-15T00:30:00+01:00")));
        assert!(!scope.admits_review(Some("2025-02-28T23:59:59Z")));
        assert!(!scope.admits_review(None));
        assert!(ReportScope::default().admits_review(None));
    }
}
