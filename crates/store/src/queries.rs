//! Reading records out of the database. Every function takes a plain connection, so the same
//! query serves a read snapshot and the write transaction that just changed the row.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::records::{
    Article, ArticleDetail, ArticleId, ArticleSummary, AssigneeCount, Claim, ClaimDetail, ClaimId,
    Evidence, EvidenceId, HistoryEntry, Settings, SpeakerType, StatusCounts,
};
use crate::review_state::{ClaimStatus, Stance};
use crate::{ClaimFilter, repeats, search};
use claimdesk_engine::{ClaimKind, ExtractedClaim};
use claimdesk_error::ErrorKind;
use claimdesk_error::{Error, Result};

/// How many repeats a claim's detail lists.
const REPEATS_SHOWN: usize = 20;

/// Run a cached query and collect its rows.
pub(crate) fn rows<T>(
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

/// Run a cached query and give its rows to `visit` one at a time, without collecting them:
/// for queries over a whole desk.
pub(crate) fn each_row<T>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    mut map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    mut visit: impl FnMut(T) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    while let Some(row) = rows.next()? {
        visit(map(row)?)?;
    }
    Ok(())
}

pub(crate) fn settings(conn: &Connection) -> Result<Settings> {
    let mut settings = Settings::default();
    let pairs = rows(conn, "SELECT key, value FROM settings", [], |row| {
        Ok((row.get::<_, String>(0)?, row.get(1)?))
    })?;
    for (key, value) in pairs {
        match key.as_str() {
            "organisation_name" => settings.organisation_name = Some(value),
            "organisation_url" => settings.organisation_url = Some(value),
            "review_url_template" => settings.review_url_template = Some(value),
            "archive_links" => settings.archive_links = value == "on",
            // Written only by `set_verdict_scale`, so unreadable means edited by hand; the
            // desk stays usable on free text until the scale is set again.
            "verdict_scale" => {
                settings.verdict_scale = serde_json::from_str(&value).unwrap_or_default()
            }
            _ => {}
        }
    }
    Ok(settings)
}

/// One raw setting.
pub(crate) fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |row| row.get(0))
        .optional()?)
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
     source_file, source_format, body, content_hash, deleted_at, assignee";

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
        deleted_at: row.get(11)?,
        assignee: row.get(12)?,
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

/// An article on the desk (not deleted), for commands that change it or its claims.
pub(crate) fn live_article(conn: &Connection, id: ArticleId) -> Result<Article> {
    let article = article(conn, id)?;
    if article.deleted_at.is_some() {
        return Err(article_deleted(&article));
    }
    Ok(article)
}

fn article_deleted(article: &Article) -> Error {
    Error::new(
        ErrorKind::Conflict,
        format!(
            "article {} (\u{201C}{}\u{201D}) is deleted; restore it first",
            article.id, article.title
        ),
    )
}

/// An article with its claims on the desk and the history of the article itself. A deleted
/// article can still be read (to look at it before restoring it).
pub(crate) fn article_detail(conn: &Connection, id: ArticleId) -> Result<ArticleDetail> {
    let article = article(conn, id)?;
    let claims = claims(
        conn,
        &ClaimFilter {
            article_id: Some(id),
            ..ClaimFilter::default()
        },
    )?;
    let history = history_of(conn, Owner::ArticleItself(id))?;
    let source = crate::sources::source_of(conn, id)?;
    Ok(ArticleDetail {
        article,
        claims,
        history,
        source,
    })
}

pub(crate) fn article_id_by_hash(conn: &Connection, hash: &str) -> Result<Option<ArticleId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM articles WHERE content_hash = ?1")?
        .query_row([hash], |row| row.get(0))
        .optional()?)
}

/// Which articles a summary list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArticleSet {
    /// The articles on the desk.
    Live,
    /// The deleted articles.
    Deleted,
    /// One article, deleted or not.
    One(ArticleId),
}

/// Article summaries, newest import first.
pub(crate) fn article_summaries(conn: &Connection, set: ArticleSet) -> Result<Vec<ArticleSummary>> {
    let (filter, only) = match set {
        ArticleSet::Live => ("deleted_at IS NULL", None),
        ArticleSet::Deleted => ("deleted_at IS NOT NULL", None),
        ArticleSet::One(id) => ("id = ?1", Some(id)),
    };
    let mut summaries = rows(
        conn,
        &format!(
            "SELECT id, title, outlet, byline, url, published, imported_at, deleted_at,
                    deleted_by, assignee
             FROM articles WHERE {filter} AND (?1 IS NULL OR id = ?1)
             ORDER BY imported_at DESC, id DESC"
        ),
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
                reviewed: 0,
                deleted_at: row.get(7)?,
                deleted_by: row.get(8)?,
                assignee: row.get(9)?,
                claim_assignees: Vec::new(),
            })
        },
    )?;
    let index: std::collections::HashMap<ArticleId, usize> = summaries
        .iter()
        .enumerate()
        .map(|(i, summary)| (summary.id, i))
        .collect();
    // The library's counts, kept per article and status by triggers
    // (`article_claim_counts`): a row per article and status, not a count of every claim.
    let counts = match set {
        ArticleSet::Live | ArticleSet::Deleted => rows(
            conn,
            "SELECT article_id, status, claims FROM article_claim_counts WHERE claims > 0",
            [],
            count_row,
        )?,
        ArticleSet::One(id) => rows(
            conn,
            "SELECT article_id, status, claims FROM article_claim_counts
             WHERE article_id = ?1 AND claims > 0",
            [id],
            count_row,
        )?,
    };
    for (article_id, status, count) in counts {
        if let Some(&i) = index.get(&article_id) {
            let status: ClaimStatus = status.parse()?;
            summaries[i].counts.add(status, count);
            if status.is_reviewed() || status == ClaimStatus::Dismissed {
                summaries[i].reviewed += count;
            }
        }
    }
    // Claims held by an editor of their own: few, and found through their own index.
    let held_row = |row: &Row<'_>| -> rusqlite::Result<(ArticleId, String, u32)> {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?))
    };
    const HELD: &str = "SELECT c.article_id, c.assignee, count(*) FROM claims AS c
         WHERE c.assignee IS NOT NULL AND c.removed_at IS NULL";
    const HELD_ORDER: &str = "GROUP BY c.article_id, c.assignee ORDER BY count(*) DESC, c.assignee";
    let held = match set {
        ArticleSet::One(id) => rows(
            conn,
            &format!("{HELD} AND c.article_id = ?1 {HELD_ORDER}"),
            [id],
            held_row,
        )?,
        ArticleSet::Live | ArticleSet::Deleted => {
            rows(conn, &format!("{HELD} {HELD_ORDER}"), [], held_row)?
        }
    };
    for (article_id, editor, claims) in held {
        if let Some(&i) = index.get(&article_id) {
            summaries[i]
                .claim_assignees
                .push(AssigneeCount { editor, claims });
        }
    }
    Ok(summaries)
}

fn count_row(row: &Row<'_>) -> rusqlite::Result<(ArticleId, String, u32)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?))
}

/// One article's summary, deleted or not.
pub(crate) fn article_summary_any(conn: &Connection, id: ArticleId) -> Result<ArticleSummary> {
    article_summaries(conn, ArticleSet::One(id))?
        .pop()
        .ok_or_else(|| article_not_found(id))
}

/// One article's summary; a deleted article is not found.
pub(crate) fn article_summary(conn: &Connection, id: ArticleId) -> Result<ArticleSummary> {
    let summary = article_summary_any(conn, id)?;
    if summary.deleted_at.is_some() {
        return Err(Error::not_found(format!(
            "article {id} is deleted; restore it to see it again"
        )));
    }
    Ok(summary)
}

/// The columns [`claim_from_row`] reads, from `claims AS c`.
///
/// The revision is the newest history entry about the claim, read through `history_by_claim`
/// (one index seek per claim), so it is always in step with the history, whoever wrote it.
pub(crate) const CLAIM_COLUMNS: &str = "c.id, c.article_id, c.status, c.verdict, c.note, c.origin, \
     c.text, c.start, c.\"end\", c.sentence_start, c.sentence_end, c.score, c.checkworthy, c.kind, \
     c.speaker, c.dates, c.reasons, c.caption, c.created_at, c.updated_at, c.removed_at, \
     c.claim_text, c.speaker_role, c.speaker_type, c.review_url, \
     c.assignee, coalesce((SELECT max(h.id) FROM history AS h WHERE h.claim_id = c.id), 0)";

/// How many columns [`CLAIM_COLUMNS`] has; the ones a query adds come after.
pub(crate) const CLAIM_COLUMN_COUNT: usize = 27;

fn offset(row: &Row<'_>, column: usize) -> rusqlite::Result<usize> {
    let value: i64 = row.get(column)?;
    usize::try_from(value).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(column, value))
}

pub(crate) fn claim_from_row(row: &Row<'_>) -> rusqlite::Result<Claim> {
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
            // The desk keeps the role beside the claim ([`Claim::speaker_role`]), where editors
            // correct it.
            speaker_role: None,
            dates: serde_json::from_str(&dates).map_err(|err| json(15, err))?,
            reasons: serde_json::from_str(&reasons).map_err(|err| json(16, err))?,
            caption: row.get(17)?,
        },
        created_at: row.get(18)?,
        updated_at: row.get(19)?,
        removed_at: row.get(20)?,
        claim_text: row.get(21)?,
        speaker_role: row.get(22)?,
        speaker_type: row
            .get::<_, Option<String>>(23)?
            .map(|t| t.parse::<SpeakerType>())
            .transpose()
            .map_err(|err| conversion_error(23, err))?,
        review_url: row.get(24)?,
        assignee: row.get(25)?,
        revision: row.get(26)?,
    })
}

/// Every claim on the desk matching `filter`, newest article first and by position.
pub(crate) fn claims(conn: &Connection, filter: &ClaimFilter) -> Result<Vec<Claim>> {
    search::all_claims(conn, filter)
}

pub(crate) fn claim(conn: &Connection, id: ClaimId) -> Result<Claim> {
    conn.prepare_cached(&format!(
        "SELECT {CLAIM_COLUMNS} FROM claims AS c WHERE c.id = ?1"
    ))?
    .query_row([id], claim_from_row)
    .optional()?
    .ok_or_else(|| {
        Error::not_found(format!(
            "there is no claim {id}; list the claims to see their ids"
        ))
    })
}

/// A claim on the desk (not retired, in an article that is not deleted), for commands that
/// change it.
pub(crate) fn live_claim(conn: &Connection, id: ClaimId) -> Result<Claim> {
    let claim = claim(conn, id)?;
    if claim.removed_at.is_some() {
        return Err(Error::new(
            ErrorKind::Conflict,
            format!(
                "claim {id} was merged into another claim or removed; its history is kept, but \
                 it can no longer be changed"
            ),
        ));
    }
    let article = article(conn, claim.article_id)?;
    if article.deleted_at.is_some() {
        return Err(article_deleted(&article));
    }
    Ok(claim)
}

/// An evidence row. Columns 8 and 9 are `removed_at` and `removed_by`, where the report
/// readers expect them (they append the two again and read them by position); the quote and
/// the snapshot (one JSON column, `snapshots::snapshot_from_json`) follow.
pub(crate) const EVIDENCE_COLUMNS: &str = "id, claim_id, url, title, stance, note, added_at, \
    added_by, removed_at, removed_by, quote, quote_start, quote_end, \
    (SELECT json_object('fetched_at', s.fetched_at, 'status', s.status, \
        'final_url', s.final_url, 'title', s.title, 'text', s.text, 'sha256', s.sha256, \
        'checked_at', s.checked_at, 'check_status', s.check_status, \
        'error_code', s.error_code, 'error_message', s.error_message, \
        'archive_url', s.archive_url, 'archive_error', s.archive_error) \
     FROM evidence_snapshots AS s WHERE s.evidence_id = evidence.id)";

pub(crate) fn evidence_from_row(row: &Row<'_>) -> rusqlite::Result<Evidence> {
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
        quote: match (
            row.get::<_, Option<String>>(10)?,
            row.get::<_, Option<i64>>(11)?,
            row.get::<_, Option<i64>>(12)?,
        ) {
            (Some(text), Some(start), Some(end)) => Some(crate::snapshots::EvidenceQuote {
                text,
                start: start.max(0) as usize,
                end: end.max(0) as usize,
            }),
            _ => None,
        },
        snapshot: crate::snapshots::snapshot_from_json(row.get(13)?),
    })
}

/// Which records a query of history is about.
#[derive(Clone, Copy)]
pub(crate) enum Owner {
    /// One claim.
    Claim(ClaimId),
    /// The article itself, not its claims.
    ArticleItself(ArticleId),
}

/// The evidence links still attached to a claim, oldest first.
pub(crate) fn evidence_of(conn: &Connection, claim_id: ClaimId) -> Result<Vec<Evidence>> {
    rows(
        conn,
        &format!(
            "SELECT {EVIDENCE_COLUMNS} FROM evidence
             WHERE removed_at IS NULL AND claim_id = ?1 ORDER BY id"
        ),
        [claim_id],
        evidence_from_row,
    )
}

/// One evidence link, attached or removed.
pub(crate) fn evidence_any(conn: &Connection, id: EvidenceId) -> Result<Evidence> {
    conn.prepare_cached(&format!(
        "SELECT {EVIDENCE_COLUMNS} FROM evidence WHERE id = ?1"
    ))?
    .query_row([id], evidence_from_row)
    .optional()?
    .ok_or_else(|| Error::not_found(format!("there is no evidence link {id}")))
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

pub(crate) fn history_from_row(row: &Row<'_>) -> rusqlite::Result<HistoryEntry> {
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
        action_id: row.get(9)?,
        undoes: row.get(10)?,
    })
}

/// Every change to a claim, or to an article itself, oldest first.
pub(crate) fn history_of(conn: &Connection, owner: Owner) -> Result<Vec<HistoryEntry>> {
    let (filter, id) = match owner {
        Owner::Claim(id) => ("h.claim_id = ?1", id),
        Owner::ArticleItself(id) => ("h.article_id = ?1 AND h.claim_id IS NULL", id),
    };
    rows(
        conn,
        &format!(
            "SELECT h.id, h.article_id, h.claim_id, h.evidence_id, h.at, h.\"by\", h.change,
                    h.old_value, h.new_value, h.action_id, a.undoes
             FROM history AS h LEFT JOIN actions AS a ON a.id = h.action_id
             WHERE {filter} ORDER BY h.id"
        ),
        [id],
        history_from_row,
    )
}

pub(crate) fn claim_detail(conn: &Connection, id: ClaimId) -> Result<ClaimDetail> {
    Ok(ClaimDetail {
        claim: claim(conn, id)?,
        evidence: evidence_of(conn, id)?,
        history: history_of(conn, Owner::Claim(id))?,
        repeats: repeats::repeats_of(conn, id, REPEATS_SHOWN)?,
    })
}
