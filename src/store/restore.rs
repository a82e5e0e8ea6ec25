//! Restoring a JSON export into an empty database, ids and history included, so that the
//! restored desk exports exactly what was exported.

use std::collections::HashSet;

use rusqlite::{Transaction, params};

use crate::error::{Error, ErrorKind, Result};
use crate::import::validate_url;
use crate::records::{ActionId, Article, Claim, ClaimId, Evidence};
use crate::reports::json::{self, ExportArticle, ExportClaim, ExportDocument, ExportHistoryEntry};
use crate::reports::{RepeatLink, ReportAction};
use crate::store::{Desk, queries, repeats};

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
    /// Editor commands restored (what the history entries belong to, and undo reads).
    pub actions: usize,
}

impl Desk {
    /// Restore a JSON export (`claimdesk export --format json`) into this database, which must
    /// be empty: no article and no history. Everything is written in one transaction with the
    /// exported ids, or nothing is: articles, claims (related and retired ones too), evidence,
    /// the editor commands and their history (so undo works on the restored desk) and the
    /// repeat links; the claims' repeat keys and date index are recomputed from their text.
    /// The organisation and verdict scale in the export replace those in settings; the local
    /// reviewer name stays.
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
        for item in article.claims.iter().chain(&article.related_claims) {
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
            for entry in item.history.iter().map(|e| &e.entry) {
                if entry.claim_id != Some(claim.id) || entry.article_id != meta.id {
                    return Err(context(format!(
                        "history entry {} is listed under claim {} but belongs elsewhere",
                        entry.id, claim.id
                    )));
                }
            }
        }
        for entry in article.history.iter().map(|e| &e.entry) {
            if entry.article_id != meta.id || entry.claim_id.is_some() {
                return Err(context(format!(
                    "history entry {} is listed under the article but belongs elsewhere",
                    entry.id
                )));
            }
        }
    }
    check_references(document)
}

/// Check that every action, history entry and repeat link names records the export holds,
/// so that a hand-edited export fails with the record's name.
fn check_references(document: &ExportDocument) -> Result<()> {
    let articles: HashSet<i64> = document.articles.iter().map(|a| a.article.id).collect();
    let claims: HashSet<ClaimId> = all_claims(document).map(|c| c.claim.id).collect();
    let actions: HashSet<ActionId> = document.actions.iter().map(|a| a.action.id).collect();
    let missing = |what: String| {
        Error::invalid_input(format!(
            "{what}, which is not in the export; the export is damaged or was edited, and \
             nothing was imported"
        ))
    };
    for ReportAction { action, undoes } in &document.actions {
        if let Some(id) = action.article_id.filter(|id| !articles.contains(id)) {
            return Err(missing(format!("action {} names article {id}", action.id)));
        }
        if let Some(id) = action.claim_id.filter(|id| !claims.contains(id)) {
            return Err(missing(format!("action {} names claim {id}", action.id)));
        }
        if let Some(id) = undoes.filter(|id| !actions.contains(id) || *id >= action.id) {
            return Err(missing(format!("action {} undoes action {id}", action.id)));
        }
    }
    for entry in all_history(document) {
        if let Some(id) = entry.entry.action_id.filter(|id| !actions.contains(id)) {
            return Err(missing(format!(
                "history entry {} belongs to action {id}",
                entry.entry.id
            )));
        }
    }
    for link in &document.repeat_links {
        if link.claim_id >= link.other_id || !(0.0..=1.0).contains(&link.similarity) {
            return Err(Error::invalid_input(format!(
                "the repeat link between claims {} and {} is malformed (the smaller id comes \
                 first, the similarity is between 0 and 1)",
                link.claim_id, link.other_id
            )));
        }
        for id in [link.claim_id, link.other_id] {
            if !claims.contains(&id) {
                return Err(missing(format!("a repeat link names claim {id}")));
            }
        }
    }
    Ok(())
}

/// Every claim of the export, in scope or related.
fn all_claims(document: &ExportDocument) -> impl Iterator<Item = &ExportClaim> {
    document
        .articles
        .iter()
        .flat_map(|article| article.claims.iter().chain(&article.related_claims))
}

/// Every history entry of the export, the articles' and the claims'.
fn all_history(document: &ExportDocument) -> impl Iterator<Item = &ExportHistoryEntry> {
    document.articles.iter().flat_map(|article| {
        article.history.iter().chain(
            article
                .claims
                .iter()
                .chain(&article.related_claims)
                .flat_map(|claim| &claim.history),
        )
    })
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
    for article in &document.articles {
        insert_article(tx, article)?;
        summary.articles += 1;
        for item in article.claims.iter().chain(&article.related_claims) {
            insert_claim(tx, &item.claim, &article.article)?;
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
        }
    }
    // Actions before the history that points at them, each after the one it undoes.
    let mut actions: Vec<&ReportAction> = document.actions.iter().collect();
    actions.sort_by_key(|item| item.action.id);
    for action in actions {
        insert_action(tx, action)?;
        summary.actions += 1;
    }
    // The history is one append-only sequence across the desk: restore it in its order.
    let mut history: Vec<&ExportHistoryEntry> = all_history(document).collect();
    history.sort_by_key(|entry| entry.entry.id);
    for entry in history {
        insert_history(tx, entry)?;
        summary.history += 1;
    }
    // The repeat keys are the claims' wording hashed: recomputed, so that the next claim
    // imported finds its repeats among the restored ones. The links are restored as exported
    // rather than measured again, so the restored desk says what the exported one did.
    for item in all_claims(document) {
        repeats::restore_keys(tx, item.claim.id)?;
    }
    for link in &document.repeat_links {
        insert_repeat_link(tx, link)?;
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
                               source_file, source_format, body, content_hash, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
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
        meta.deleted_at,
    ])
    .map_err(failed(format!("article {}", meta.id)))?;
    Ok(())
}

fn insert_claim(tx: &Transaction<'_>, claim: &Claim, article: &Article) -> Result<()> {
    let span = &claim.extracted;
    let offset = |value: usize| {
        i64::try_from(value)
            .map_err(|_| Error::invalid_input(format!("offset {value} is too large")))
    };
    tx.prepare_cached(
        "INSERT INTO claims (id, article_id, start, \"end\", sentence_start, sentence_end, text,
                             kind, speaker, dates, score, reasons, checkworthy, caption, status,
                             verdict, note, origin, created_at, updated_at, removed_at,
                             hidden)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22)",
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
        claim.removed_at,
        // What the schema's triggers keep it at (they run on updates only).
        claim.removed_at.is_some() || article.deleted_at.is_some(),
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

fn insert_action(tx: &Transaction<'_>, item: &ReportAction) -> Result<()> {
    let action = &item.action;
    tx.prepare_cached(
        "INSERT INTO actions (id, at, \"by\", kind, label, article_id, claim_id, undoes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        action.id,
        action.at,
        action.by,
        action.kind.as_str(),
        action.label,
        action.article_id,
        action.claim_id,
        item.undoes,
    ])
    .map_err(failed(format!("action {}", action.id)))?;
    Ok(())
}

fn insert_history(tx: &Transaction<'_>, item: &ExportHistoryEntry) -> Result<()> {
    let entry = &item.entry;
    let data = item.data.as_ref().map(serde_json::Value::to_string);
    tx.prepare_cached(
        "INSERT INTO history (id, article_id, claim_id, evidence_id, at, \"by\", change,
                              old_value, new_value, action_id, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
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
        entry.action_id,
        data,
    ])
    .map_err(failed(format!("history entry {}", entry.id)))?;
    Ok(())
}

fn insert_repeat_link(tx: &Transaction<'_>, link: &RepeatLink) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO claim_links (claim_id, other_id, similarity) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![link.claim_id, link.other_id, link.similarity])
    .map_err(failed(format!(
        "the repeat link between claims {} and {}",
        link.claim_id, link.other_id
    )))?;
    Ok(())
}
