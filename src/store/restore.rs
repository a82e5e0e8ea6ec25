//! Restoring a JSON export into an empty database, ids and history included, so that the
//! restored desk exports exactly what was exported.

use rusqlite::{Transaction, params};

use crate::error::{Error, ErrorKind, Result};
use crate::import::validate_url;
use crate::records::{Claim, Evidence, HistoryEntry};
use crate::reports::json::{self, ExportArticle, ExportDocument};
use crate::store::{Desk, queries};

/// What `import-json` restored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RestoreSummary {
    /// Articles restored.
    pub articles: usize,
    /// Claims restored.
    pub claims: usize,
    /// Evidence links restored (attached and removed ones).
    pub evidence: usize,
    /// History entries restored.
    pub history: usize,
}

impl Desk {
    /// Restore a JSON export (`claimdesk export --format json`) into this database, which must
    /// be empty: no article and no history. Everything is written in one transaction with the
    /// exported ids, or nothing is. The organisation and verdict scale in the export replace
    /// those in settings; the local reviewer name stays.
    pub fn import_json(&self, text: &str) -> Result<RestoreSummary> {
        let document = json::parse(text)?;
        check(&document)?;
        self.write(|tx| {
            let (articles, history): (i64, i64) = tx.query_row(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM history)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            if articles > 0 || history > 0 {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!(
                        "{} already holds {articles} article(s); import-json restores an export \
                         only into an empty database, so nothing was changed. Give a new \
                         database file with --db",
                        self.path().display()
                    ),
                ));
            }
            restore(tx, &document)
        })
    }
}

/// Check what the database's constraints would not, so a hand-edited export fails with a
/// message that names the record instead of a bare constraint error.
fn check(document: &ExportDocument) -> Result<()> {
    if let Some(url) = &document.settings.organisation_url {
        validate_url(url).map_err(|err| err.context("the organisation URL"))?;
    }
    for article in &document.articles {
        let meta = &article.article;
        let context = |what: String| {
            Error::invalid_input(format!("article {} in the export: {what}", meta.id))
        };
        if let Some(url) = &meta.url {
            validate_url(url).map_err(|err| context(err.message().to_string()))?;
        }
        let chars: Vec<char> = meta.text.chars().collect();
        for item in &article.claims {
            let claim = &item.claim;
            let span = &claim.extracted;
            if claim.article_id != meta.id {
                return Err(context(format!(
                    "claim {} says it belongs to article {}",
                    claim.id, claim.article_id
                )));
            }
            if span.start >= span.end
                || span.end > chars.len()
                || span.sentence_start > span.start
                || span.sentence_end < span.end
                || span.sentence_end > chars.len()
            {
                return Err(context(format!(
                    "claim {} has the span {}..{} (sentence {}..{}), outside the article's {} \
                     characters",
                    claim.id,
                    span.start,
                    span.end,
                    span.sentence_start,
                    span.sentence_end,
                    chars.len()
                )));
            }
            let text: String = chars[span.start..span.end].iter().collect();
            if text != span.text {
                return Err(context(format!(
                    "claim {}'s text is not the article's text at {}..{}",
                    claim.id, span.start, span.end
                )));
            }
            let links = item
                .evidence
                .iter()
                .chain(item.removed_evidence.iter().map(|r| &r.evidence));
            for evidence in links {
                if evidence.claim_id != claim.id {
                    return Err(context(format!(
                        "evidence {} is listed under claim {} but says claim {}",
                        evidence.id, claim.id, evidence.claim_id
                    )));
                }
                validate_url(&evidence.url).map_err(|err| {
                    context(format!("evidence {}: {}", evidence.id, err.message()))
                })?;
            }
            for entry in &item.history {
                if entry.claim_id != Some(claim.id) || entry.article_id != meta.id {
                    return Err(context(format!(
                        "history entry {} is listed under claim {} but belongs elsewhere",
                        entry.id, claim.id
                    )));
                }
            }
        }
        for entry in &article.history {
            if entry.article_id != meta.id || entry.claim_id.is_some() {
                return Err(context(format!(
                    "history entry {} is listed under the article but belongs elsewhere",
                    entry.id
                )));
            }
        }
    }
    Ok(())
}

fn restore(tx: &Transaction<'_>, document: &ExportDocument) -> Result<RestoreSummary> {
    let settings = &document.settings;
    if let Some(name) = &settings.organisation_name {
        queries::put_setting(tx, "organisation_name", Some(name))?;
    }
    if let Some(url) = &settings.organisation_url {
        queries::put_setting(tx, "organisation_url", Some(url))?;
    }
    let scale = serde_json::to_string(&settings.verdict_scale)?;
    queries::put_setting(tx, "verdict_scale", Some(&scale))?;

    let mut summary = RestoreSummary::default();
    let mut history: Vec<&HistoryEntry> = Vec::new();
    for article in &document.articles {
        insert_article(tx, article)?;
        summary.articles += 1;
        history.extend(&article.history);
        for item in &article.claims {
            insert_claim(tx, &item.claim)?;
            summary.claims += 1;
            for evidence in &item.evidence {
                insert_evidence(tx, evidence, None)?;
            }
            for removed in &item.removed_evidence {
                insert_evidence(
                    tx,
                    &removed.evidence,
                    Some((&removed.removed_at, removed.removed_by.as_deref())),
                )?;
            }
            summary.evidence += item.evidence.len() + item.removed_evidence.len();
            history.extend(&item.history);
        }
    }
    // The history is one append-only sequence across the desk: restore it in its order.
    history.sort_by_key(|entry| entry.id);
    for entry in history {
        insert_history(tx, entry)?;
        summary.history += 1;
    }
    Ok(summary)
}

/// A constraint failure while restoring, said in terms of the record.
fn failed(what: String) -> impl FnOnce(rusqlite::Error) -> Error {
    move |err| {
        Error::invalid_input(format!(
            "{what} cannot be restored ({err}); the export is damaged or was edited, and \
             nothing was imported"
        ))
    }
}

fn insert_article(tx: &Transaction<'_>, article: &ExportArticle) -> Result<()> {
    let meta = &article.article;
    tx.prepare_cached(
        "INSERT INTO articles (id, title, outlet, byline, url, published, imported_at,
                               source_file, source_format, body, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        meta.id,
        meta.title,
        meta.outlet,
        meta.byline,
        meta.url,
        meta.published,
        meta.imported_at,
        meta.source_file,
        meta.source_format.as_str(),
        meta.text,
        meta.content_hash,
    ])
    .map_err(failed(format!("article {}", meta.id)))?;
    Ok(())
}

fn insert_claim(tx: &Transaction<'_>, claim: &Claim) -> Result<()> {
    let span = &claim.extracted;
    let offset = |value: usize| {
        i64::try_from(value)
            .map_err(|_| Error::invalid_input(format!("offset {value} is too large")))
    };
    tx.prepare_cached(
        "INSERT INTO claims (id, article_id, start, \"end\", sentence_start, sentence_end, text,
                             kind, speaker, dates, score, reasons, checkworthy, caption, status,
                             verdict, note, origin, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20)",
    )?
    .execute(params![
        claim.id,
        claim.article_id,
        offset(span.start)?,
        offset(span.end)?,
        offset(span.sentence_start)?,
        offset(span.sentence_end)?,
        span.text,
        span.kind.as_str(),
        span.speaker,
        serde_json::to_string(&span.dates)?,
        span.score,
        serde_json::to_string(&span.reasons)?,
        span.checkworthy,
        span.caption,
        claim.status.as_str(),
        claim.verdict,
        claim.note,
        claim.origin.as_str(),
        claim.created_at,
        claim.updated_at,
    ])
    .map_err(failed(format!("claim {}", claim.id)))?;
    Ok(())
}

fn insert_evidence(
    tx: &Transaction<'_>,
    evidence: &Evidence,
    removed: Option<(&String, Option<&str>)>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO evidence (id, claim_id, url, title, stance, note, added_at, added_by,
                               removed_at, removed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        evidence.id,
        evidence.claim_id,
        evidence.url,
        evidence.title,
        evidence.stance.as_str(),
        evidence.note,
        evidence.added_at,
        evidence.added_by,
        removed.map(|(at, _)| at),
        removed.and_then(|(_, by)| by),
    ])
    .map_err(failed(format!("evidence link {}", evidence.id)))?;
    Ok(())
}

fn insert_history(tx: &Transaction<'_>, entry: &HistoryEntry) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO history (id, article_id, claim_id, evidence_id, at, \"by\", change,
                              old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        entry.id,
        entry.article_id,
        entry.claim_id,
        entry.evidence_id,
        entry.at,
        entry.by,
        entry.change.as_str(),
        entry.old,
        entry.new,
    ])
    .map_err(failed(format!("history entry {}", entry.id)))?;
    Ok(())
}
