//! Reading what a report shows, in one snapshot.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::records::{ArticleId, ClaimId, Evidence, HistoryEntry};
use crate::reports::{
    RemovedEvidence, ReportArticle, ReportClaim, ReportData, ReportScope, group_by_claim,
};
use crate::store::queries::{self, EVIDENCE_COLUMNS, Owner, evidence_from_row, history_from_row};
use crate::store::{ClaimFilter, Desk};

impl Desk {
    /// Everything a report of `scope` shows, read in one snapshot.
    ///
    /// A handful of whole-scope queries rather than a few per article: a desk-wide export of
    /// a thousand articles must not run thousands of queries.
    pub fn report_data(&self, scope: &ReportScope) -> Result<ReportData> {
        let generated_at = self.now_utc();
        self.read(|conn| {
            let mut summaries = queries::article_summaries(conn, scope.article_id)?;
            if let Some(id) = scope.article_id
                && summaries.is_empty()
            {
                return Err(queries::article_not_found(id));
            }
            let wanted = wanted_claims(conn, &scope.claim_ids)?;
            let claims = queries::claims(
                conn,
                &ClaimFilter {
                    article_id: scope.article_id,
                    statuses: scope.statuses.clone(),
                },
            )?;
            let (evidence, history) = match scope.article_id {
                Some(id) => (
                    queries::evidence_of(conn, Owner::Article(id))?,
                    queries::history_of(conn, Owner::Article(id))?,
                ),
                None => (all_evidence(conn)?, all_history(conn)?),
            };
            let (mut evidence, _) = group_by_claim(evidence, |e| Some(e.claim_id));
            let (mut removed, _) =
                group_by_claim(removed_evidence_rows(conn, scope.article_id)?, |e| {
                    Some(e.evidence.claim_id)
                });
            let (mut history, article_history) = group_by_claim(history, |h| h.claim_id);
            let mut claims_by_article: HashMap<ArticleId, Vec<ReportClaim>> = HashMap::new();
            for claim in claims {
                if wanted.as_ref().is_some_and(|ids| !ids.contains(&claim.id)) {
                    continue;
                }
                let id = claim.id;
                let article_id = claim.article_id;
                let claim = ReportClaim::new(
                    claim,
                    evidence.remove(&id).unwrap_or_default(),
                    removed.remove(&id).unwrap_or_default(),
                    history.remove(&id).unwrap_or_default(),
                );
                if scope.admits_review(claim.reviewed_at.as_deref()) {
                    claims_by_article.entry(article_id).or_default().push(claim);
                }
            }
            let mut article_history = group_by_article(article_history);
            // Reports read oldest first, the order the desk worked in.
            summaries.reverse();
            let mut articles = Vec::with_capacity(summaries.len());
            for summary in summaries {
                let claims = claims_by_article.remove(&summary.id).unwrap_or_default();
                if claims.is_empty() && scope.filters_claims() {
                    continue;
                }
                articles.push(ReportArticle {
                    article: queries::article(conn, summary.id)?,
                    counts: summary.counts,
                    claims,
                    history: article_history.remove(&summary.id).unwrap_or_default(),
                });
            }
            Ok(ReportData {
                generated_at,
                settings: queries::settings(conn)?,
                scope: scope.clone(),
                articles,
            })
        })
    }
}

/// The set of chosen claim ids, after checking that each exists; `None` when no claims were
/// chosen (every claim is wanted).
fn wanted_claims(conn: &Connection, ids: &[ClaimId]) -> Result<Option<HashSet<ClaimId>>> {
    if ids.is_empty() {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM claims WHERE id = ?1)")?;
    for &id in ids {
        if !stmt.query_row([id], |row| row.get::<_, bool>(0))? {
            return Err(Error::not_found(format!(
                "there is no claim {id} to export; list the claims to see their ids"
            )));
        }
    }
    Ok(Some(ids.iter().copied().collect()))
}

/// Entries that belong to no claim, by article, in their order.
fn group_by_article(entries: Vec<HistoryEntry>) -> HashMap<ArticleId, Vec<HistoryEntry>> {
    let mut groups: HashMap<ArticleId, Vec<HistoryEntry>> = HashMap::new();
    for entry in entries {
        groups.entry(entry.article_id).or_default().push(entry);
    }
    groups
}

/// Every evidence link attached to a claim, by claim and then age.
fn all_evidence(conn: &Connection) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE removed_at IS NULL ORDER BY claim_id, id"
    ))?;
    let rows = stmt
        .query_map([], evidence_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The evidence links taken off the claims in scope, by claim and then age.
fn removed_evidence_rows(
    conn: &Connection,
    article_id: Option<ArticleId>,
) -> Result<Vec<RemovedEvidence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVIDENCE_COLUMNS}, removed_at, removed_by FROM evidence
         WHERE removed_at IS NOT NULL
           AND (?1 IS NULL OR claim_id IN (SELECT id FROM claims WHERE article_id = ?1))
         ORDER BY claim_id, id"
    ))?;
    let rows = stmt
        .query_map([article_id], |row| {
            Ok(RemovedEvidence {
                evidence: evidence_from_row(row)?,
                removed_at: row.get(8)?,
                removed_by: row.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The whole history, oldest first.
fn all_history(conn: &Connection) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, article_id, claim_id, evidence_id, at, \"by\", change, old_value, new_value
         FROM history ORDER BY id",
    )?;
    let rows = stmt
        .query_map([], history_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
