//! Reading what a report shows, in one snapshot.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::Connection;

use crate::error::Result;
use crate::records::{ActionId, ArticleId, Claim, ClaimId, Evidence, HistoryEntry};
use crate::reports::{
    RemovedEvidence, RepeatLink, ReportAction, ReportArticle, ReportClaim, ReportData, ReportScope,
    group_by_claim,
};
use crate::store::Desk;
use crate::store::actions::{ACTION_COLUMNS, action_from_row};
use crate::store::queries::{
    self, ArticleSet, CLAIM_COLUMNS, EVIDENCE_COLUMNS, claim_from_row, evidence_from_row,
    history_from_row,
};

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
            for claim in claims_of_live_articles(conn, scope.article_id)? {
                let id = claim.id;
                let claim = ReportClaim::new(
                    claim,
                    evidence.remove(&id).unwrap_or_default(),
                    removed.remove(&id).unwrap_or_default(),
                    history.remove(&id).unwrap_or_default(),
                );
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
