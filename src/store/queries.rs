//! Reading records out of the database. Every function takes a plain connection, so the same
//! query serves a read snapshot and the write transaction that just changed the row.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{Error, Result};
use crate::model::{ClaimKind, ClaimStatus, ExtractedClaim, Stance};
use crate::records::{
    Article, ArticleDetail, ArticleId, ArticleSummary, Claim, ClaimDetail, ClaimId, Evidence,
    EvidenceId, HistoryEntry, Settings, StatusCounts,
};
use crate::store::ClaimFilter;

/// Run a cached query and collect its rows.
fn rows<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(params, map)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub(crate) fn settings(conn: &Connection) -> Result<Settings> {
    let mut settings = Settings::default();
    let pairs = rows(conn, "SELECT key, value FROM settings", [], |row| {
        Ok((row.get::<_, String>(0)?, row.get(1)?))
    })?;
    for (key, value) in pairs {
        match key.as_str() {
            "reviewer" => settings.reviewer = Some(value),
            "organisation_name" => settings.organisation_name = Some(value),
            "organisation_url" => settings.organisation_url = Some(value),
            _ => {}
        }
    }
    Ok(settings)
}

pub(crate) fn put_setting(conn: &Connection, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(value) => conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?,
        None => conn.execute("DELETE FROM settings WHERE key = ?1", [key])?,
    };
    Ok(())
}

const ARTICLE_COLUMNS: &str = "id, title, outlet, byline, url, published, imported_at, \
     source_file, source_format, body, content_hash";

fn article_from_row(row: &Row<'_>) -> rusqlite::Result<Article> {
    let format: String = row.get(8)?;
    Ok(Article {
        id: row.get(0)?,
        title: row.get(1)?,
        outlet: row.get(2)?,
        byline: row.get(3)?,
        url: row.get(4)?,
        published: row.get(5)?,
        imported_at: row.get(6)?,
        source_file: row.get(7)?,
        source_format: format
            .parse()
            .map_err(|err: Error| conversion_error(8, err))?,
        text: row.get(9)?,
        content_hash: row.get(10)?,
    })
}

fn conversion_error(column: usize, err: Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(err))
}

pub(crate) fn article(conn: &Connection, id: ArticleId) -> Result<Article> {
    conn.prepare_cached(&format!(
        "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"
    ))?
    .query_row([id], article_from_row)
    .optional()?
    .ok_or_else(|| article_not_found(id))
}

pub(crate) fn article_not_found(id: ArticleId) -> Error {
    Error::not_found(format!(
        "there is no article {id}; list the articles to see their ids"
    ))
}

pub(crate) fn article_detail(conn: &Connection, id: ArticleId) -> Result<ArticleDetail> {
    let article = article(conn, id)?;
    let claims = claims(
        conn,
        &ClaimFilter {
            article_id: Some(id),
            ..ClaimFilter::default()
        },
    )?;
    Ok(ArticleDetail { article, claims })
}

pub(crate) fn article_id_by_hash(conn: &Connection, hash: &str) -> Result<Option<ArticleId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
        .query_row([hash], |row| row.get(0))
        .optional()?)
}

/// Article summaries, newest import first; `only` restricts them to one article.
pub(crate) fn article_summaries(
    conn: &Connection,
    only: Option<ArticleId>,
) -> Result<Vec<ArticleSummary>> {
    let mut summaries = rows(
        conn,
        "SELECT id, title, outlet, byline, url, published, imported_at FROM articles
         WHERE ?1 IS NULL OR id = ?1
         ORDER BY imported_at DESC, id DESC",
        [only],
        |row| {
            Ok(ArticleSummary {
                id: row.get(0)?,
                title: row.get(1)?,
                outlet: row.get(2)?,
                byline: row.get(3)?,
                url: row.get(4)?,
                published: row.get(5)?,
                imported_at: row.get(6)?,
                counts: StatusCounts::default(),
            })
        },
    )?;
    let counts = rows(
        conn,
        "SELECT article_id, status, count(*) FROM claims
         WHERE ?1 IS NULL OR article_id = ?1
         GROUP BY article_id, status",
        [only],
        |row| {
            Ok((
                row.get::<_, ArticleId>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, u32>(2)?,
            ))
        },
    )?;
    let index: std::collections::HashMap<ArticleId, usize> = summaries
        .iter()
        .enumerate()
        .map(|(i, summary)| (summary.id, i))
        .collect();
    for (article_id, status, count) in counts {
        if let Some(&i) = index.get(&article_id) {
            summaries[i].counts.add(status.parse()?, count);
        }
    }
    Ok(summaries)
}

pub(crate) fn article_summary(conn: &Connection, id: ArticleId) -> Result<ArticleSummary> {
    article_summaries(conn, Some(id))?
        .pop()
        .ok_or_else(|| article_not_found(id))
}

const CLAIM_COLUMNS: &str = "id, article_id, status, verdict, note, origin, text, start, \"end\", \
     sentence_start, sentence_end, score, checkworthy, kind, speaker, dates, reasons, caption, \
     created_at, updated_at";

fn offset(row: &Row<'_>, column: usize) -> rusqlite::Result<usize> {
    let value: i64 = row.get(column)?;
    usize::try_from(value).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(column, value))
}

fn claim_from_row(row: &Row<'_>) -> rusqlite::Result<Claim> {
    let status: String = row.get(2)?;
    let origin: String = row.get(5)?;
    let kind: String = row.get(13)?;
    let dates: String = row.get(15)?;
    let reasons: String = row.get(16)?;
    let json = |column: usize, err: serde_json::Error| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            Box::new(err),
        )
    };
    Ok(Claim {
        id: row.get(0)?,
        article_id: row.get(1)?,
        status: status
            .parse::<ClaimStatus>()
            .map_err(|err| conversion_error(2, err))?,
        verdict: row.get(3)?,
        note: row.get(4)?,
        origin: origin.parse().map_err(|err| conversion_error(5, err))?,
        extracted: ExtractedClaim {
            text: row.get(6)?,
            start: offset(row, 7)?,
            end: offset(row, 8)?,
            sentence_start: offset(row, 9)?,
            sentence_end: offset(row, 10)?,
            score: row.get(11)?,
            checkworthy: row.get(12)?,
            // A kind this version does not know comes from a newer engine; showing it as
            // "other" keeps the claim usable instead of failing the whole list.
            kind: kind.parse().unwrap_or(ClaimKind::Other),
            speaker: row.get(14)?,
            dates: serde_json::from_str(&dates).map_err(|err| json(15, err))?,
            reasons: serde_json::from_str(&reasons).map_err(|err| json(16, err))?,
            caption: row.get(17)?,
        },
        created_at: row.get(18)?,
        updated_at: row.get(19)?,
    })
}

pub(crate) fn claims(conn: &Connection, filter: &ClaimFilter) -> Result<Vec<Claim>> {
    let statuses = (!filter.statuses.is_empty())
        .then(|| serde_json::to_string(&filter.statuses))
        .transpose()?;
    rows(
        conn,
        &format!(
            "SELECT {CLAIM_COLUMNS} FROM claims
             WHERE (?1 IS NULL OR article_id = ?1)
               AND (?2 IS NULL OR status IN (SELECT value FROM json_each(?2)))
             ORDER BY article_id, start, \"end\", id"
        ),
        params![filter.article_id, statuses],
        claim_from_row,
    )
}

pub(crate) fn claim(conn: &Connection, id: ClaimId) -> Result<Claim> {
    conn.prepare_cached(&format!("SELECT {CLAIM_COLUMNS} FROM claims WHERE id = ?1"))?
        .query_row([id], claim_from_row)
        .optional()?
        .ok_or_else(|| {
            Error::not_found(format!(
                "there is no claim {id}; list the claims to see their ids"
            ))
        })
}

const EVIDENCE_COLUMNS: &str = "id, claim_id, url, title, stance, note, added_at, added_by";

fn evidence_from_row(row: &Row<'_>) -> rusqlite::Result<Evidence> {
    let stance: String = row.get(4)?;
    Ok(Evidence {
        id: row.get(0)?,
        claim_id: row.get(1)?,
        url: row.get(2)?,
        title: row.get(3)?,
        stance: stance
            .parse::<Stance>()
            .map_err(|err| conversion_error(4, err))?,
        note: row.get(5)?,
        added_at: row.get(6)?,
        added_by: row.get(7)?,
    })
}

/// Which records a query of evidence or history is about.
#[derive(Clone, Copy)]
pub(crate) enum Owner {
    /// One claim.
    Claim(ClaimId),
    /// Every claim of one article.
    Article(ArticleId),
}

/// The evidence links still attached to a claim, or to any claim of an article, by claim and
/// then age.
pub(crate) fn evidence_of(conn: &Connection, owner: Owner) -> Result<Vec<Evidence>> {
    let (filter, id) = match owner {
        Owner::Claim(id) => ("claim_id = ?1", id),
        Owner::Article(id) => (
            "claim_id IN (SELECT id FROM claims WHERE article_id = ?1)",
            id,
        ),
    };
    rows(
        conn,
        &format!(
            "SELECT {EVIDENCE_COLUMNS} FROM evidence
             WHERE removed_at IS NULL AND {filter} ORDER BY claim_id, id"
        ),
        [id],
        evidence_from_row,
    )
}

/// One attached evidence link (removed ones are not found).
pub(crate) fn evidence(conn: &Connection, id: EvidenceId) -> Result<Evidence> {
    conn.prepare_cached(&format!(
        "SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE id = ?1 AND removed_at IS NULL"
    ))?
    .query_row([id], evidence_from_row)
    .optional()?
    .ok_or_else(|| {
        Error::not_found(format!(
            "there is no evidence link {id} (it may have been removed already)"
        ))
    })
}

fn history_from_row(row: &Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let change: String = row.get(6)?;
    Ok(HistoryEntry {
        id: row.get(0)?,
        article_id: row.get(1)?,
        claim_id: row.get(2)?,
        evidence_id: row.get(3)?,
        at: row.get(4)?,
        by: row.get(5)?,
        change: change.parse().map_err(|err| conversion_error(6, err))?,
        old: row.get(7)?,
        new: row.get(8)?,
    })
}

/// Every change to a claim, or made in an article, oldest first.
pub(crate) fn history_of(conn: &Connection, owner: Owner) -> Result<Vec<HistoryEntry>> {
    let (filter, id) = match owner {
        Owner::Claim(id) => ("claim_id = ?1", id),
        Owner::Article(id) => ("article_id = ?1", id),
    };
    rows(
        conn,
        &format!(
            "SELECT id, article_id, claim_id, evidence_id, at, \"by\", change, old_value, new_value
             FROM history WHERE {filter} ORDER BY id"
        ),
        [id],
        history_from_row,
    )
}

pub(crate) fn claim_detail(conn: &Connection, id: ClaimId) -> Result<ClaimDetail> {
    Ok(ClaimDetail {
        claim: claim(conn, id)?,
        evidence: evidence_of(conn, Owner::Claim(id))?,
        history: history_of(conn, Owner::Claim(id))?,
    })
}
