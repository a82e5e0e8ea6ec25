//! Reading what a report shows, in one snapshot.

use std::collections::HashSet;

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::records::{ArticleId, ClaimId};
use crate::reports::{
    RemovedEvidence, ReportArticle, ReportClaim, ReportData, ReportScope, group_by_claim,
};
use crate::store::queries::{self, EVIDENCE_COLUMNS, Owner, evidence_from_row};
use crate::store::{ClaimFilter, Desk};

impl Desk {
    /// Everything a report of `scope` shows, read in one snapshot.
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
            // Reports read oldest first, the order the desk worked in.
            summaries.reverse();
            let mut articles = Vec::with_capacity(summaries.len());
            for summary in summaries {
                let mut article = report_article(conn, summary.id, scope, wanted.as_ref())?;
                article.counts = summary.counts;
                if article.claims.is_empty() && scope.filters_claims() {
                    continue;
                }
                articles.push(article);
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

fn report_article(
    conn: &Connection,
    id: ArticleId,
    scope: &ReportScope,
    wanted: Option<&HashSet<ClaimId>>,
) -> Result<ReportArticle> {
    let article = queries::article(conn, id)?;
    let claims = queries::claims(
        conn,
        &ClaimFilter {
            article_id: Some(id),
            statuses: scope.statuses.clone(),
        },
    )?;
    let (mut evidence, _) = group_by_claim(queries::evidence_of(conn, Owner::Article(id))?, |e| {
        Some(e.claim_id)
    });
    let (mut removed, _) = group_by_claim(removed_evidence_of(conn, id)?, |e| {
        Some(e.evidence.claim_id)
    });
    let (mut history, article_history) =
        group_by_claim(queries::history_of(conn, Owner::Article(id))?, |h| {
            h.claim_id
        });
    let claims = claims
        .into_iter()
        .filter(|claim| wanted.is_none_or(|ids| ids.contains(&claim.id)))
        .map(|claim| {
            let id = claim.id;
            ReportClaim::new(
                claim,
                evidence.remove(&id).unwrap_or_default(),
                removed.remove(&id).unwrap_or_default(),
                history.remove(&id).unwrap_or_default(),
            )
        })
        .filter(|claim| scope.admits_review(claim.reviewed_at.as_deref()))
        .collect();
    Ok(ReportArticle {
        article,
        // The caller has every article's counts from one query.
        counts: Default::default(),
        claims,
        history: article_history,
    })
}

/// The evidence links taken off the claims of an article, by claim and then age.
fn removed_evidence_of(conn: &Connection, article_id: ArticleId) -> Result<Vec<RemovedEvidence>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {EVIDENCE_COLUMNS}, removed_at, removed_by FROM evidence
         WHERE removed_at IS NOT NULL
           AND claim_id IN (SELECT id FROM claims WHERE article_id = ?1)
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
