//! Actions and undo.
//!
//! Every editor command that changes something is one *action*; each change it makes is a
//! history row pointing at that action, written in the same transaction. History and actions
//! are append-only, so undo never erases anything: it appends a new action (kind `undo`,
//! `undoes` = the reverted action) whose history rows are the compensating changes, old and
//! new swapped.
//!
//! **The undo stack** is per reviewer name and per database: the reviewer's actions, newest
//! first, that are not undos themselves and have not been undone. `undo` reverts the top one,
//! so pressing it repeatedly walks back through the reviewer's commands (there is no redo: an
//! undo is itself recorded, and can be reverted by hand). An action is only undone when every
//! change it made is still in effect; when a colleague has changed the same thing since, undoing
//! it would overwrite their work, so it is passed over (and reported as skipped) and the next one
//! down is undone instead.

use rusqlite::{Connection, Row, params};
use serde_json::Value;

use crate::records::{
    ActionId, ActionKind, ActionSummary, ArticleId, Claim, ClaimId, DeskChanges, EvidenceId,
    HistoryChange, SpeakerType, UndoResult,
};
use crate::{Desk, assignment, corrections, editing, library, queries, review, snapshots};
use claimdesk_error::{Error, Result};

/// How many of a reviewer's newest actions undo looks through for one it can revert.
const UNDO_DEPTH: usize = 200;

/// One history row to append.
#[derive(Debug, Clone)]
pub(crate) struct Entry<'a> {
    pub article_id: ArticleId,
    pub claim_id: Option<ClaimId>,
    pub evidence_id: Option<EvidenceId>,
    pub change: HistoryChange,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
    /// Machine-readable detail for undo (a span's offsets, ...).
    pub data: Option<Value>,
}

impl<'a> Entry<'a> {
    /// A change to `claim`.
    pub fn claim(
        claim: &Claim,
        change: HistoryChange,
        old: Option<&'a str>,
        new: Option<&'a str>,
    ) -> Self {
        Entry {
            article_id: claim.article_id,
            claim_id: Some(claim.id),
            evidence_id: None,
            change,
            old,
            new,
            data: None,
        }
    }

    /// A change to an article itself.
    pub fn article(
        article_id: ArticleId,
        change: HistoryChange,
        old: Option<&'a str>,
        new: Option<&'a str>,
    ) -> Self {
        Entry {
            article_id,
            claim_id: None,
            evidence_id: None,
            change,
            old,
            new,
            data: None,
        }
    }

    /// With undo detail.
    pub fn with_data(mut self, data: Value) -> Self {
        self.data = Some(data);
        self
    }

    /// About an evidence link.
    pub fn with_evidence(mut self, id: EvidenceId) -> Self {
        self.evidence_id = Some(id);
        self
    }
}

/// Writes one action's history: the action row is created with the first change, so a
/// command that turns out to change nothing leaves no trace (and nothing to undo).
pub(crate) struct Recorder<'c> {
    conn: &'c Connection,
    /// When (UTC RFC 3339), the same for every change of the action.
    pub at: String,
    /// Who.
    pub by: String,
    kind: ActionKind,
    label: String,
    article_id: Option<ArticleId>,
    claim_id: Option<ClaimId>,
    undoes: Option<ActionId>,
    action_id: Option<ActionId>,
}

impl<'c> Recorder<'c> {
    /// An action of `kind` that the editor will read as `label`.
    pub fn new(
        conn: &'c Connection,
        at: &str,
        by: &str,
        kind: ActionKind,
        label: impl Into<String>,
    ) -> Self {
        Recorder {
            conn,
            at: at.to_string(),
            by: by.to_string(),
            kind,
            label: label.into(),
            article_id: None,
            claim_id: None,
            undoes: None,
            action_id: None,
        }
    }

    /// The article and claim the action is about.
    pub fn about(mut self, article_id: ArticleId, claim_id: Option<ClaimId>) -> Self {
        self.article_id = Some(article_id);
        self.claim_id = claim_id;
        self
    }

    /// The connection the action writes through.
    pub fn conn(&self) -> &'c Connection {
        self.conn
    }

    /// Whether anything has been recorded.
    pub fn recorded(&self) -> bool {
        self.action_id.is_some()
    }

    fn action_id(&mut self) -> Result<ActionId> {
        if let Some(id) = self.action_id {
            return Ok(id);
        }
        self.conn
            .prepare_cached(
                "INSERT INTO actions (at, \"by\", kind, label, article_id, claim_id, undoes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                self.at,
                self.by,
                self.kind.as_str(),
                self.label,
                self.article_id,
                self.claim_id,
                self.undoes,
            ])?;
        let id = self.conn.last_insert_rowid();
        self.action_id = Some(id);
        Ok(id)
    }

    /// Append one history row.
    pub fn record(&mut self, entry: Entry<'_>) -> Result<()> {
        let action_id = self.action_id()?;
        let data = entry.data.map(|d| d.to_string());
        self.conn
            .prepare_cached(
                "INSERT INTO history (article_id, claim_id, evidence_id, at, \"by\", change,
                                      old_value, new_value, action_id, data)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                entry.article_id,
                entry.claim_id,
                entry.evidence_id,
                self.at,
                self.by,
                entry.change.as_str(),
                entry.old,
                entry.new,
                action_id,
                data,
            ])?;
        Ok(())
    }

    /// Stamp a claim as changed now.
    pub fn touch(&self, claim_id: ClaimId) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE claims SET updated_at = ?2 WHERE id = ?1")?
            .execute(params![claim_id, self.at])?;
        Ok(())
    }
}

/// A history row as undo reads it back.
#[derive(Debug, Clone)]
pub(crate) struct StoredChange {
    pub article_id: ArticleId,
    pub claim_id: Option<ClaimId>,
    pub evidence_id: Option<EvidenceId>,
    pub change: HistoryChange,
    pub old: Option<String>,
    pub new: Option<String>,
    pub data: Option<Value>,
}

fn changes_of(conn: &Connection, action: ActionId) -> Result<Vec<StoredChange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT article_id, claim_id, evidence_id, change, old_value, new_value, data
         FROM history WHERE action_id = ?1 ORDER BY id",
    )?;
    let rows = stmt
        .query_map([action], |row| {
            let change: String = row.get(3)?;
            let data: Option<String> = row.get(6)?;
            Ok((
                StoredChange {
                    article_id: row.get(0)?,
                    claim_id: row.get(1)?,
                    evidence_id: row.get(2)?,
                    change: HistoryChange::Status,
                    old: row.get(4)?,
                    new: row.get(5)?,
                    data: None,
                },
                change,
                data,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(mut stored, change, data)| {
            stored.change = change.parse()?;
            stored.data = data.as_deref().map(serde_json::from_str).transpose()?;
            Ok(stored)
        })
        .collect()
}

/// The columns [`action_from_row`] reads, in its order.
pub(crate) const ACTION_COLUMNS: &str = "id, at, \"by\", kind, label, article_id, claim_id";

/// An action and its kind as stored, for the caller to parse.
pub(crate) fn action_from_row(row: &Row<'_>) -> rusqlite::Result<(ActionSummary, String)> {
    Ok((
        ActionSummary {
            id: row.get(0)?,
            at: row.get(1)?,
            by: row.get(2)?,
            kind: ActionKind::Undo,
            label: row.get(4)?,
            article_id: row.get(5)?,
            claim_id: row.get(6)?,
        },
        row.get(3)?,
    ))
}

/// The reviewer's actions that undo may still revert, newest first.
fn open_actions(conn: &Connection, by: &str, limit: usize) -> Result<Vec<ActionSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {ACTION_COLUMNS} FROM actions AS a
         WHERE a.\"by\" = ?1 AND a.kind NOT IN ('undo', 'reextract')
           AND NOT EXISTS (SELECT 1 FROM actions AS u WHERE u.undoes = a.id)
         ORDER BY a.id DESC LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![by, limit as i64], action_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(mut action, kind)| {
            action.kind = kind.parse()?;
            Ok(action)
        })
        .collect()
}

/// Whether the change is still in effect: the field still holds what the change wrote, the
/// link is still attached, the claim is still where it was put.
fn still_in_effect(conn: &Connection, change: &StoredChange) -> Result<bool> {
    use HistoryChange as H;
    let article = queries::article(conn, change.article_id)?;
    let article_is_live = article.deleted_at.is_none();
    if let Some(article_field) = library::ArticleField::of(change.change) {
        return Ok(article_field.get(&article) == change.new.as_deref());
    }
    match change.change {
        H::ArticleDeleted => return Ok(!article_is_live),
        H::ArticleRestored => return Ok(article_is_live),
        H::ArticleAssignee => {
            return Ok(article_is_live && article.assignee.as_deref() == change.new.as_deref());
        }
        _ => {}
    }
    // Every other change is to a claim; a claim in a deleted article is out of reach.
    let Some(claim_id) = change.claim_id else {
        return Ok(false);
    };
    if !article_is_live {
        return Ok(false);
    }
    let claim = queries::claim(conn, claim_id)?;
    let live = claim.removed_at.is_none();
    Ok(match change.change {
        H::Status => live && Some(claim.status.as_str()) == change.new.as_deref(),
        H::Verdict => live && claim.verdict.as_deref() == change.new.as_deref(),
        H::Note => live && review::note_value(&claim) == change.new.as_deref(),
        H::EvidenceAdded | H::EvidenceRemoved => {
            let Some(evidence_id) = change.evidence_id else {
                return Ok(false);
            };
            let removed = review::evidence_is_removed(conn, evidence_id)?;
            live && removed == (change.change == H::EvidenceRemoved)
        }
        H::Span => live && editing::span_is(&claim, change.data.as_ref(), "new"),
        H::ClaimAdded => live && !review::has_review_work(conn, &claim)?,
        H::ClaimText => live && claim.claim_text.as_deref() == change.new.as_deref(),
        H::Speaker => live && claim.extracted.speaker.as_deref() == change.new.as_deref(),
        H::SpeakerRole => live && claim.speaker_role.as_deref() == change.new.as_deref(),
        H::SpeakerType => {
            live && claim.speaker_type.map(SpeakerType::as_str) == change.new.as_deref()
        }
        H::Kind => live && Some(claim.extracted.kind.as_str()) == change.new.as_deref(),
        H::ReviewUrl => live && claim.review_url.as_deref() == change.new.as_deref(),
        H::Date => live && corrections::date_is(&claim, change.data.as_ref(), "new"),
        H::ClaimRemoved => !live,
        H::ReviewAdopted => live,
        H::EvidenceQuote => {
            let Some(evidence_id) = change.evidence_id else {
                return Ok(false);
            };
            let evidence = queries::evidence_any(conn, evidence_id)?;
            live && evidence.quote.as_ref().map(|q| q.text.as_str()) == change.new.as_deref()
        }
        H::Assignee => live && claim.assignee.as_deref() == change.new.as_deref(),
        other => {
            return Err(Error::internal(format!(
                "no undo rule for history change {other}"
            )));
        }
    })
}

/// Append the change that reverts `change`.
fn revert(rec: &mut Recorder<'_>, change: &StoredChange) -> Result<()> {
    use HistoryChange as H;
    let conn = rec.conn();
    if let Some(field) = library::ArticleField::of(change.change) {
        let article = queries::article(conn, change.article_id)?;
        return library::set_article_field(rec, &article, field, change.old.as_deref());
    }
    match change.change {
        H::ArticleDeleted | H::ArticleRestored => {
            let article = queries::article(conn, change.article_id)?;
            return library::set_deleted(rec, &article, change.change == H::ArticleRestored);
        }
        H::ArticleAssignee => {
            let article = queries::article(conn, change.article_id)?;
            return assignment::set_article_assignee(rec, &article, change.old.as_deref());
        }
        H::ReviewAdopted => return Ok(()),
        _ => {}
    }
    let claim_id = change
        .claim_id
        .ok_or_else(|| Error::internal(format!("a {} change without a claim", change.change)))?;
    let claim = queries::claim(conn, claim_id)?;
    match change.change {
        H::Status
        | H::Verdict
        | H::Note
        | H::ClaimText
        | H::Speaker
        | H::SpeakerRole
        | H::SpeakerType
        | H::Kind
        | H::ReviewUrl => review::change_field(
            rec,
            &claim,
            change.change,
            change.new.as_deref(),
            change.old.as_deref(),
        ),
        H::EvidenceAdded | H::EvidenceRemoved => {
            let evidence_id = change.evidence_id.ok_or_else(|| {
                Error::internal("an evidence change without its evidence link".to_string())
            })?;
            review::set_evidence_removed(
                rec,
                &claim,
                evidence_id,
                change.change == H::EvidenceAdded,
            )
        }
        H::Span => editing::restore_span(rec, &claim, change.data.as_ref()),
        H::Date => corrections::restore_date(rec, &claim, change.data.as_ref()),
        H::ClaimAdded => editing::set_retired(rec, &claim, true),
        H::ClaimRemoved => editing::set_retired(rec, &claim, false),
        H::EvidenceQuote => {
            let evidence_id = change.evidence_id.ok_or_else(|| {
                Error::internal("a quote change without its evidence link".to_string())
            })?;
            let data = change.data.as_ref();
            let now = snapshots::quote_from_data(data, "new", change.new.as_deref());
            let before = snapshots::quote_from_data(data, "old", change.old.as_deref());
            snapshots::write_quote(rec, &claim, evidence_id, now.as_ref(), before.as_ref())
        }
        H::Assignee => assignment::set_claim_assignee(rec, &claim, change.old.as_deref()),
        other => Err(Error::internal(format!(
            "no undo rule for history change {other}"
        ))),
    }
}

/// Whether every change of `action` is still in effect.
fn undoable(conn: &Connection, action: ActionId) -> Result<Option<Vec<StoredChange>>> {
    let changes = changes_of(conn, action)?;
    for change in &changes {
        if !still_in_effect(conn, change)? {
            return Ok(None);
        }
    }
    Ok((!changes.is_empty()).then_some(changes))
}

impl Desk {
    /// Undo the reviewer's last command still in effect (see the module documentation for the
    /// rules). `by` names the reviewer whose stack it is; it defaults to the desk's reviewer.
    pub fn undo(&self, by: Option<&str>) -> Result<UndoResult> {
        let now = self.now();
        let (undone, skipped) = self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let mut skipped = Vec::new();
            for action in open_actions(tx, &by, UNDO_DEPTH)? {
                let Some(changes) = undoable(tx, action.id)? else {
                    skipped.push(action);
                    continue;
                };
                let mut rec = Recorder::new(tx, &now, &by, ActionKind::Undo, action.label.clone());
                rec.undoes = Some(action.id);
                rec.article_id = action.article_id;
                rec.claim_id = action.claim_id;
                for change in changes.iter().rev() {
                    revert(&mut rec, change)?;
                }
                if !rec.recorded() {
                    // Only informational rows: record the undo anyway so the action leaves
                    // the stack.
                    rec.action_id()?;
                }
                return Ok((Some(action), skipped));
            }
            Ok((None, skipped))
        })?;
        // An undone span edit, split or merge changed claims' words: their meanings follow.
        if let Some(article_id) = undone.as_ref().and_then(|a| a.article_id) {
            self.refresh_meanings_after_edit(article_id);
        }
        let (claim, article) = match &undone {
            Some(action) => self.read(|conn| {
                let claim = action
                    .claim_id
                    .map(|id| queries::claim_detail(conn, id))
                    .transpose()?;
                let article = action
                    .article_id
                    .map(|id| queries::article_summary_any(conn, id))
                    .transpose()?;
                Ok((claim, article))
            })?,
            None => (None, None),
        };
        Ok(UndoResult {
            undone,
            skipped,
            claim,
            article,
        })
    }

    /// The reviewer's commands that `undo` would revert, next first, up to `limit` (the UI's
    /// "Undo marked Disputed" menu item names the first).
    pub fn undo_stack(&self, by: Option<&str>, limit: usize) -> Result<Vec<ActionSummary>> {
        self.read(|conn| {
            let by = self.reviewer(conn, by)?;
            let mut stack = Vec::new();
            for action in open_actions(conn, &by, UNDO_DEPTH)? {
                if stack.len() >= limit {
                    break;
                }
                if undoable(conn, action.id)?.is_some() {
                    stack.push(action);
                }
            }
            Ok(stack)
        })
    }
}

/// The most changes [`Desk::changes_since`] lists at once.
pub const MAX_CHANGES: u32 = 500;

impl Desk {
    /// What editors have done since action `after`, oldest first, up to `limit` (at most
    /// [`MAX_CHANGES`]): what the UI polls to show colleagues' changes. Without `after` only
    /// the newest action's id is returned, to start from.
    pub fn changes_since(&self, after: Option<ActionId>, limit: u32) -> Result<DeskChanges> {
        let limit = limit.clamp(1, MAX_CHANGES);
        self.read(|conn| {
            let last: ActionId = conn
                .prepare_cached("SELECT coalesce(max(id), 0) FROM actions")?
                .query_row([], |row| row.get(0))?;
            let Some(after) = after.filter(|&after| after < last) else {
                return Ok(DeskChanges {
                    last,
                    changes: Vec::new(),
                    truncated: false,
                });
            };
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {ACTION_COLUMNS} FROM actions WHERE id > ?1 ORDER BY id LIMIT ?2"
            ))?;
            let rows = stmt
                .query_map(params![after, i64::from(limit) + 1], action_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let truncated = rows.len() > limit as usize;
            let changes = rows
                .into_iter()
                .take(limit as usize)
                .map(|(mut action, kind)| {
                    action.kind = kind.parse()?;
                    Ok(action)
                })
                .collect::<Result<Vec<_>>>()?;
            // One snapshot: every listed change is at or before `last`; when the list is
            // truncated the caller reloads what it shows and goes on from `last`.
            Ok(DeskChanges {
                last,
                changes,
                truncated,
            })
        })
    }
}
