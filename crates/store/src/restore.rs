//! Writing a desk back from its exported form, ids and history included.
//!
//! The export format itself belongs to `claimdesk-interchange`, which reads it and calls these
//! methods; the SQL that puts each record back stays here, behind the store.
//!
//! An export is restored as it is read, and records come in the export's order, not the
//! order of their references: an export's history entries come with their articles, before
//! the actions they belong to. So the history is queued in a temporary table (SQLite keeps it
//! in a temporary file, not in memory) and written, in its order, once everything else is;
//! and the foreign keys are checked when the restore ends rather than at each insert (for
//! exports whose parts were reordered), a reference still dangling then failing the restore
//! with the record's name. Queueing the history also keeps SQLite from counting deferred
//! violations during the restore: while it counts, every insert of a referenced row scans
//! the tables that may refer to it, and `history.evidence_id` has no index (that made a
//! 100,000-claim restore take twice as long).

use rusqlite::{OptionalExtension, Transaction, params};

use claimdesk_error::{Error, ErrorKind, Result};

use crate::records::{ActionId, ActionSummary, Article, Claim, Evidence, HistoryEntry};
use crate::report_data::RepeatLink;
use crate::verdict::VerdictScale;
use crate::{Desk, queries, repeats};

/// A write transaction on an empty desk, open for restoring records with their exported ids.
/// Made by [`Desk::restore`]; everything written through it commits together or not at all.
pub struct Restorer<'t> {
    tx: &'t Transaction<'t>,
}

impl std::fmt::Debug for Restorer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Restorer").finish_non_exhaustive()
    }
}

impl Desk {
    /// Run `fill` in one write transaction on this database, which must be empty (no article
    /// and no history): what `fill` writes commits together, or nothing does. The foreign
    /// keys are checked once `fill` is done (records may come before what they refer to).
    pub fn restore<T>(&self, fill: impl FnOnce(&mut Restorer<'_>) -> Result<T>) -> Result<T> {
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
                        "{} already holds {articles} article(s); an export is restored only \
                         into an empty database, so nothing was changed. Restore it into a new \
                         database file",
                        self.path().display()
                    ),
                ));
            }
            // Reset by SQLite when the transaction ends.
            tx.pragma_update(None, "defer_foreign_keys", "ON")?;
            tx.execute_batch(QUEUE_HISTORY)?;
            let value = fill(&mut Restorer { tx })?;
            tx.execute_batch(WRITE_QUEUED_HISTORY)?;
            check_references(tx)?;
            Ok(value)
        })
    }
}

impl Restorer<'_> {
    /// Set the publishing organisation, as exported.
    pub fn set_organisation(&mut self, name: Option<&str>, url: Option<&str>) -> Result<()> {
        if let Some(name) = name {
            queries::put_setting(self.tx, "organisation_name", Some(name))?;
        }
        if let Some(url) = url {
            queries::put_setting(self.tx, "organisation_url", Some(url))?;
        }
        Ok(())
    }

    /// Set the review URL template, as exported.
    pub fn set_review_url_template(&mut self, template: Option<&str>) -> Result<()> {
        if let Some(template) = template {
            let template = crate::check_review_url_template(template)?;
            queries::put_setting(self.tx, "review_url_template", Some(&template))?;
        }
        Ok(())
    }

    /// Set the verdict scale, as exported.
    pub fn set_verdict_scale(&mut self, scale: &VerdictScale) -> Result<()> {
        let scale = serde_json::to_string(scale)?;
        queries::put_setting(self.tx, "verdict_scale", Some(&scale))
    }

    /// Recompute a restored claim's repeat keys from its text, so that the next claim imported
    /// finds its repeats among the restored ones.
    pub fn restore_repeat_keys(&mut self, claim_id: crate::records::ClaimId) -> Result<()> {
        repeats::restore_keys(self.tx, claim_id)
    }

    /// Insert an article as exported, with its id.
    pub fn insert_article(&mut self, meta: &Article) -> Result<()> {
        let tx = self.tx;
        tx.prepare_cached(
            "INSERT INTO articles (id, title, outlet, byline, url, published, imported_at,
                               source_file, source_format, body, content_hash, deleted_at,
                               assignee)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
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
            meta.assignee,
        ])
        .map_err(failed(format!("article {}", meta.id)))?;
        Ok(())
    }

    /// Insert a claim as exported, with its id; `article` is the article it belongs to.
    pub fn insert_claim(&mut self, claim: &Claim, article: &Article) -> Result<()> {
        let tx = self.tx;
        let span = &claim.extracted;
        let offset = |value: usize| {
            i64::try_from(value)
                .map_err(|_| Error::invalid_input(format!("offset {value} is too large")))
        };
        tx.prepare_cached(
        "INSERT INTO claims (id, article_id, start, \"end\", sentence_start, sentence_end, text,
                             kind, speaker, dates, score, reasons, checkworthy, caption, status,
                             verdict, note, origin, created_at, updated_at, removed_at,
                             hidden, claim_text, speaker_role, speaker_type, review_url,
                             assignee)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
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
        claim.claim_text,
        claim.speaker_role,
        claim.speaker_type.map(|t| t.as_str()),
        claim.review_url,
        claim.assignee,
    ])
    .map_err(failed(format!("claim {}", claim.id)))?;
        Ok(())
    }

    /// Insert an evidence link as exported; `removed` is when and by whom it was taken off.
    pub fn insert_evidence(
        &mut self,
        evidence: &Evidence,
        removed: Option<(&str, Option<&str>)>,
    ) -> Result<()> {
        let tx = self.tx;
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
        if let Some(quote) = &evidence.quote {
            tx.execute(
                "UPDATE evidence SET quote = ?2, quote_start = ?3, quote_end = ?4 WHERE id = ?1",
                params![
                    evidence.id,
                    quote.text,
                    quote.start as i64,
                    quote.end as i64
                ],
            )
            .map_err(failed(format!(
                "the quote of evidence link {}",
                evidence.id
            )))?;
        }
        if let Some(snapshot) = &evidence.snapshot {
            // The raw page is not exported; the text, title and SHA-256 are.
            crate::snapshots::put(tx, evidence.id, snapshot, None).map_err(|err| {
                err.context(format!("the snapshot of evidence link {}", evidence.id))
            })?;
        }
        Ok(())
    }

    /// Insert an editor command as exported; `undoes` is the command it reverted.
    pub fn insert_action(
        &mut self,
        action: &ActionSummary,
        undoes: Option<ActionId>,
    ) -> Result<()> {
        let tx = self.tx;
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
            undoes,
        ])
        .map_err(failed(format!("action {}", action.id)))?;
        Ok(())
    }

    /// Insert a history entry as exported, with its machine-readable detail. It is written
    /// when the restore ends, after the actions it may belong to, in id order.
    pub fn insert_history(
        &mut self,
        entry: &HistoryEntry,
        data: Option<&serde_json::Value>,
    ) -> Result<()> {
        let tx = self.tx;
        let data = data.map(serde_json::Value::to_string);
        tx.prepare_cached(
            "INSERT INTO temp.restored_history (id, article_id, claim_id, evidence_id, at, \"by\",
                 change, old_value, new_value, action_id, data)
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

    /// Insert a repeat link as exported, without measuring it again.
    pub fn insert_repeat_link(&mut self, link: &RepeatLink) -> Result<()> {
        let tx = self.tx;
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
}

/// The queue of restored history entries: `history`'s columns and constraints, in the
/// connection's temporary database (created and dropped inside the restore's transaction).
const QUEUE_HISTORY: &str = "
    DROP TABLE IF EXISTS temp.restored_history;
    CREATE TABLE temp.restored_history (
        id          INTEGER PRIMARY KEY,
        article_id  INTEGER NOT NULL,
        claim_id    INTEGER,
        evidence_id INTEGER,
        at          TEXT NOT NULL,
        \"by\"        TEXT NOT NULL,
        change      TEXT NOT NULL,
        old_value   TEXT,
        new_value   TEXT,
        action_id   INTEGER,
        data        TEXT CHECK (data IS NULL OR json_valid(data))
    ) STRICT;";

/// Write the queued history, oldest entry first, and drop the queue.
const WRITE_QUEUED_HISTORY: &str = "
    INSERT INTO history (id, article_id, claim_id, evidence_id, at, \"by\", change, old_value,
                         new_value, action_id, data)
    SELECT id, article_id, claim_id, evidence_id, at, \"by\", change, old_value, new_value,
           action_id, data
    FROM temp.restored_history ORDER BY id;
    DROP TABLE temp.restored_history;";

/// The tables a restore writes that refer to others, with what one of their records is
/// called.
const REFERRING_TABLES: [(&str, &str); 5] = [
    ("claims", "claim"),
    ("evidence", "evidence link"),
    ("actions", "action"),
    ("history", "history entry"),
    ("claim_links", "a repeat link"),
];

/// Refuse the restore when a restored record refers to one that was not restored: a
/// reference the export's own checks did not name (the interchange checks the ones it
/// knows), said in terms of the record.
fn check_references(tx: &Transaction<'_>) -> Result<()> {
    for (table, record) in REFERRING_TABLES {
        // (table, rowid, parent table, foreign key index); a table without rowids has none.
        let dangling = tx
            .prepare(&format!("PRAGMA foreign_key_check({table})"))?
            .query_row([], |row| {
                Ok((row.get::<_, Option<i64>>(1)?, row.get::<_, String>(2)?))
            })
            .optional()?;
        if let Some((id, parent)) = dangling {
            let what = match id {
                Some(id) => format!("{record} {id}"),
                None => record.to_string(),
            };
            return Err(Error::invalid_input(format!(
                "{what} refers to a record of {parent} that is not in the export; the export is \
                 damaged or was edited, and nothing was imported"
            )));
        }
    }
    Ok(())
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
