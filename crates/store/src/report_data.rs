//! What a report shows, read in one snapshot: the articles and claims in a [`ReportScope`] with
//! their evidence, history, the commands the history belongs to and the repeat links between
//! them. Every report format (the app's HTML, Markdown and CSV, the interchange's JSON and
//! ClaimReview) renders this same [`ReportData`], so a report never mixes states from before
//! and after a concurrent change.
//!
//! A claim's **review date** is when its current verdict was reached: the last change to its
//! status or verdict while it is verified or disputed. Claims still open (or dismissed) have
//! none, so a date range leaves them out. A report shows what is on the desk: a deleted
//! article and a retired claim are in no report, as they are in no list. Only the JSON export,
//! which `import-json` must restore whole, also carries an article's claims outside the scope
//! that its history needs ([`ReportArticle::related_claims`]).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use claimdesk_error::{Error, Result};

use crate::Desk;
use crate::actions::{ACTION_COLUMNS, action_from_row};
use crate::queries::{
    self, ArticleSet, CLAIM_COLUMNS, EVIDENCE_COLUMNS, claim_from_row, evidence_from_row,
    history_from_row,
};
use crate::records::{
    ActionId, ActionSummary, Article, ArticleId, Claim, ClaimId, Evidence, HistoryChange,
    HistoryEntry, Settings, StatusCounts,
};
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
        let reviewed_at = claim.status.is_reviewed().then(|| {
            history
                .iter()
                .rev()
                .find(|entry| {
                    matches!(entry.change, HistoryChange::Status | HistoryChange::Verdict)
                })
                // A claim reviewed before history was kept (or restored without it).
                .map_or_else(|| claim.updated_at.clone(), |entry| entry.at.clone())
        });
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

/// Group `items` by claim, keeping their order within each claim.
pub(crate) fn group_by_claim<T>(
    items: Vec<T>,
    claim_of: impl Fn(&T) -> Option<ClaimId>,
) -> (HashMap<ClaimId, Vec<T>>, Vec<T>) {
    let mut groups: HashMap<ClaimId, Vec<T>> = HashMap::new();
    let mut unclaimed = Vec::new();
    for item in items {
        match claim_of(&item) {
            Some(claim_id) => groups.entry(claim_id).or_default().push(item),
            None => unclaimed.push(item),
        }
    }
    (groups, unclaimed)
}

impl Desk {
    /// Everything a report of `scope` shows, read in one snapshot.
    ///
    /// A handful of whole-scope queries rather than a few per article: a desk-wide export of
    /// a thousand articles must not run thousands of queries. Deleted articles and retired
    /// claims are never in scope; a chosen claim that is not on the desk is an error that says
    /// why.
    pub fn report_data(&self, scope: &ReportScope) -> Result<ReportData> {
        let generated_at = self.now_utc();
        self.read(|conn| {
            let mut summaries = match scope.article_id {
                // A deleted article is not found, with a message that says to restore it.
                Some(id) => vec![queries::article_summary(conn, id)?],
                None => queries::article_summaries(conn, ArticleSet::Live)?,
            };
            let wanted = wanted_claims(conn, &scope.claim_ids)?;
            let (evidence, removed) = evidence_rows(conn, scope.article_id)?;
            let (mut evidence, _) = group_by_claim(evidence, |e| Some(e.claim_id));
            let (mut removed, _) = group_by_claim(removed, |e| Some(e.evidence.claim_id));
            let (history, mut history_data) = history_rows(conn, scope.article_id)?;
            let (mut history, article_history) = group_by_claim(history, |h| h.claim_id);

            // Every claim of the articles on the desk, retired ones included: the scope picks
            // the report's claims from them, and the JSON export the related ones.
            let mut in_scope: HashSet<ClaimId> = HashSet::new();
            let mut claims: Vec<ReportClaim> = Vec::new();
            let mut claim_numbers = BTreeMap::new();
            let mut numbering: (ArticleId, u32) = (0, 0);
            for claim in claims_of_live_articles(conn, scope.article_id)? {
                let id = claim.id;
                // In text order within each article, as the claim list shows them.
                if claim.removed_at.is_none() {
                    if numbering.0 != claim.article_id {
                        numbering = (claim.article_id, 0);
                    }
                    numbering.1 += 1;
                    claim_numbers.insert(id, numbering.1);
                }
                let mut claim = ReportClaim::new(
                    claim,
                    evidence.remove(&id).unwrap_or_default(),
                    removed.remove(&id).unwrap_or_default(),
                    history.remove(&id).unwrap_or_default(),
                );
                claim.number = claim_numbers.get(&id).copied();
                if claim.claim.removed_at.is_none()
                    && (scope.statuses.is_empty() || scope.statuses.contains(&claim.claim.status))
                    && wanted.as_ref().is_none_or(|ids| ids.contains(&id))
                    && scope.admits_review(claim.reviewed_at.as_deref())
                {
                    in_scope.insert(id);
                }
                claims.push(claim);
            }
            let articles_in_scope: HashSet<ArticleId> = if scope.filters_claims() {
                claims
                    .iter()
                    .filter(|c| in_scope.contains(&c.claim.id))
                    .map(|c| c.claim.article_id)
                    .collect()
            } else {
                summaries.iter().map(|s| s.id).collect()
            };
            claims.retain(|c| articles_in_scope.contains(&c.claim.article_id));
            let related = related_claims(&claims, &in_scope, !scope.filters_claims());

            let mut by_article: HashMap<ArticleId, (Vec<ReportClaim>, Vec<ReportClaim>)> =
                HashMap::new();
            for claim in claims {
                let (shown, kept) = by_article.entry(claim.claim.article_id).or_default();
                if in_scope.contains(&claim.claim.id) {
                    shown.push(claim);
                } else if related.contains(&claim.claim.id) {
                    kept.push(claim);
                }
            }
            let mut article_history = group_by_article(article_history);
            // Reports read oldest first, the order the desk worked in.
            summaries.reverse();
            let mut articles = Vec::with_capacity(summaries.len());
            for summary in summaries {
                if !articles_in_scope.contains(&summary.id) {
                    continue;
                }
                let (claims, related_claims) = by_article.remove(&summary.id).unwrap_or_default();
                articles.push(ReportArticle {
                    article: queries::article(conn, summary.id)?,
                    counts: summary.counts,
                    claims,
                    related_claims,
                    history: article_history.remove(&summary.id).unwrap_or_default(),
                });
            }

            let exported_history = articles.iter().flat_map(|article| {
                article.history.iter().chain(
                    article
                        .claims
                        .iter()
                        .chain(&article.related_claims)
                        .flat_map(|claim| &claim.history),
                )
            });
            let mut entry_ids = HashSet::new();
            let mut action_ids = HashSet::new();
            for entry in exported_history {
                entry_ids.insert(entry.id);
                action_ids.extend(entry.action_id);
            }
            history_data.retain(|id, _| entry_ids.contains(id));
            let exported_claims: HashSet<ClaimId> = articles
                .iter()
                .flat_map(|a| a.claims.iter().chain(&a.related_claims))
                .map(|c| c.claim.id)
                .collect();
            Ok(ReportData {
                generated_at,
                settings: queries::settings(conn)?,
                scope: scope.clone(),
                actions: actions(conn, scope.article_id, &action_ids)?,
                history_data,
                repeat_links: repeat_links(conn, scope.article_id, &exported_claims)?,
                articles,
                claim_numbers,
            })
        })
    }
}

/// The set of chosen claims, after checking that each is on the desk; `None` when no claims
/// were chosen (every claim is wanted).
fn wanted_claims(conn: &Connection, ids: &[ClaimId]) -> Result<Option<HashSet<ClaimId>>> {
    if ids.is_empty() {
        return Ok(None);
    }
    for &id in ids {
        // Not found, retired, or in a deleted article: each with its own message.
        queries::live_claim(conn, id)?;
    }
    Ok(Some(ids.iter().copied().collect()))
}

/// The claims outside the scope whose history belongs with the report's: every claim that
/// shares an editor command with one in it (the other part of a split, a claim merged into
/// it), and theirs in turn; with `whole_articles`, every retired claim too, so that an
/// export of whole articles restores them entire.
fn related_claims(
    claims: &[ReportClaim],
    in_scope: &HashSet<ClaimId>,
    whole_articles: bool,
) -> HashSet<ClaimId> {
    let mut claims_of_action: HashMap<ActionId, Vec<ClaimId>> = HashMap::new();
    let mut actions_of_claim: HashMap<ClaimId, Vec<ActionId>> = HashMap::new();
    for claim in claims {
        for action in claim.history.iter().filter_map(|entry| entry.action_id) {
            claims_of_action
                .entry(action)
                .or_default()
                .push(claim.claim.id);
            actions_of_claim
                .entry(claim.claim.id)
                .or_default()
                .push(action);
        }
    }
    let mut related: HashSet<ClaimId> = HashSet::new();
    let mut pending: Vec<ClaimId> = in_scope.iter().copied().collect();
    if whole_articles {
        for claim in claims.iter().filter(|c| !in_scope.contains(&c.claim.id)) {
            related.insert(claim.claim.id);
        }
    }
    let mut seen: HashSet<ClaimId> = in_scope.clone();
    while let Some(id) = pending.pop() {
        for action in actions_of_claim.get(&id).into_iter().flatten() {
            for &other in claims_of_action.get(action).into_iter().flatten() {
                if seen.insert(other) {
                    related.insert(other);
                    pending.push(other);
                }
            }
        }
    }
    related
}

/// Entries that belong to no claim, by article, in their order.
fn group_by_article(entries: Vec<HistoryEntry>) -> HashMap<ArticleId, Vec<HistoryEntry>> {
    let mut groups: HashMap<ArticleId, Vec<HistoryEntry>> = HashMap::new();
    for entry in entries {
        groups.entry(entry.article_id).or_default().push(entry);
    }
    groups
}

/// The SQL for one article (`?1`) or, when `article_id` is `None`, for all: two statements,
/// since `?1 IS NULL OR article_id = ?1` makes SQLite scan the whole table.
fn one_or_all<'a>(
    article_id: Option<ArticleId>,
    one: &'a str,
    all: &'a str,
) -> (&'a str, Vec<ArticleId>) {
    match article_id {
        Some(id) => (one, vec![id]),
        None => (all, Vec::new()),
    }
}

/// Every claim (on the desk or retired) of the articles on the desk, or of one article, by
/// article and position.
fn claims_of_live_articles(conn: &Connection, article_id: Option<ArticleId>) -> Result<Vec<Claim>> {
    let one = format!(
        "SELECT {CLAIM_COLUMNS} FROM claims AS c WHERE c.article_id = ?1
         ORDER BY c.start, c.\"end\", c.id"
    );
    let all = format!(
        "SELECT {CLAIM_COLUMNS} FROM claims AS c JOIN articles AS a ON a.id = c.article_id
         WHERE a.deleted_at IS NULL ORDER BY c.article_id, c.start, c.\"end\", c.id"
    );
    let (sql, params) = one_or_all(article_id, &one, &all);
    queries::rows(
        conn,
        sql,
        rusqlite::params_from_iter(params),
        claim_from_row,
    )
}

/// The evidence links in scope, attached and removed, each by claim and then age.
fn evidence_rows(
    conn: &Connection,
    article_id: Option<ArticleId>,
) -> Result<(Vec<Evidence>, Vec<RemovedEvidence>)> {
    let one = format!(
        "SELECT {EVIDENCE_COLUMNS}, removed_at, removed_by FROM evidence
         WHERE claim_id IN (SELECT id FROM claims WHERE article_id = ?1) ORDER BY claim_id, id"
    );
    let all = format!(
        "SELECT {EVIDENCE_COLUMNS}, removed_at, removed_by FROM evidence ORDER BY claim_id, id"
    );
    let (sql, params) = one_or_all(article_id, &one, &all);
    let rows = queries::rows(conn, sql, rusqlite::params_from_iter(params), |row| {
        Ok((
            evidence_from_row(row)?,
            row.get::<_, Option<String>>(8)?,
            row.get::<_, Option<String>>(9)?,
        ))
    })?;
    let mut attached = Vec::new();
    let mut removed = Vec::new();
    for (evidence, removed_at, removed_by) in rows {
        match removed_at {
            None => attached.push(evidence),
            Some(removed_at) => removed.push(RemovedEvidence {
                evidence,
                removed_at,
                removed_by,
            }),
        }
    }
    Ok((attached, removed))
}

/// The history in scope, oldest first, with the detail of the entries that have one.
fn history_rows(
    conn: &Connection,
    article_id: Option<ArticleId>,
) -> Result<(Vec<HistoryEntry>, BTreeMap<i64, serde_json::Value>)> {
    const COLUMNS: &str = "h.id, h.article_id, h.claim_id, h.evidence_id, h.at, h.\"by\", \
         h.change, h.old_value, h.new_value, h.action_id, a.undoes, h.data";
    let one = format!(
        "SELECT {COLUMNS} FROM history AS h LEFT JOIN actions AS a ON a.id = h.action_id
         WHERE h.article_id = ?1 ORDER BY h.id"
    );
    let all = format!(
        "SELECT {COLUMNS} FROM history AS h LEFT JOIN actions AS a ON a.id = h.action_id
         ORDER BY h.id"
    );
    let (sql, params) = one_or_all(article_id, &one, &all);
    let rows = queries::rows(conn, sql, rusqlite::params_from_iter(params), |row| {
        Ok((history_from_row(row)?, row.get::<_, Option<String>>(11)?))
    })?;
    let mut entries = Vec::with_capacity(rows.len());
    let mut data = BTreeMap::new();
    for (entry, detail) in rows {
        if let Some(detail) = detail {
            data.insert(entry.id, serde_json::from_str(&detail)?);
        }
        entries.push(entry);
    }
    Ok((entries, data))
}

/// The actions `ids` and the undos of them, oldest first.
fn actions(
    conn: &Connection,
    article_id: Option<ArticleId>,
    ids: &HashSet<ActionId>,
) -> Result<Vec<ReportAction>> {
    // Every action of one article is about it; the undo of an action is about the same.
    let one =
        format!("SELECT {ACTION_COLUMNS}, undoes FROM actions WHERE article_id = ?1 ORDER BY id");
    let all = format!("SELECT {ACTION_COLUMNS}, undoes FROM actions ORDER BY id");
    let (sql, params) = one_or_all(article_id, &one, &all);
    let rows = queries::rows(conn, sql, rusqlite::params_from_iter(params), |row| {
        Ok((action_from_row(row)?, row.get::<_, Option<ActionId>>(7)?))
    })?;
    let mut actions = Vec::new();
    for ((mut action, kind), undoes) in rows {
        if ids.contains(&action.id) || undoes.is_some_and(|u| ids.contains(&u)) {
            action.kind = kind.parse()?;
            actions.push(ReportAction { action, undoes });
        }
    }
    Ok(actions)
}

/// The repeat links between two of `claims`, in key order.
fn repeat_links(
    conn: &Connection,
    article_id: Option<ArticleId>,
    claims: &HashSet<ClaimId>,
) -> Result<Vec<RepeatLink>> {
    let one = "SELECT claim_id, other_id, similarity FROM claim_links
         WHERE claim_id IN (SELECT id FROM claims WHERE article_id = ?1)
           AND other_id IN (SELECT id FROM claims WHERE article_id = ?1)
         ORDER BY claim_id, other_id";
    let all = "SELECT claim_id, other_id, similarity FROM claim_links
         ORDER BY claim_id, other_id";
    let (sql, params) = one_or_all(article_id, one, all);
    let links = queries::rows(conn, sql, rusqlite::params_from_iter(params), |row| {
        Ok(RepeatLink {
            claim_id: row.get(0)?,
            other_id: row.get(1)?,
            similarity: row.get(2)?,
        })
    })?;
    Ok(links
        .into_iter()
        .filter(|link| claims.contains(&link.claim_id) && claims.contains(&link.other_id))
        .collect())
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
