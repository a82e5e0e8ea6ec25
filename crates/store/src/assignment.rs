//! Who holds what: an article, or a single claim, assigned to an editor.
//!
//! A claim with no assignee of its own is held by whoever holds its article, so a desk editor
//! can hand out whole articles and still give one claim to a specialist. Assigning is a
//! recorded, undoable change like any other. On a desk with accounts the assignee must be one
//! of them (by name, any case, stored as the account spells it); a desk without accounts (one
//! editor's machine) takes any name.

use rusqlite::{Connection, OptionalExtension, params};

use crate::actions::{Entry, Recorder};
use crate::conflicts::{Author, check_unchanged};
use crate::records::{
    ActionKind, Article, ArticleId, ArticleSummary, Claim, ClaimDetail, ClaimId, HistoryChange,
};
use crate::{Desk, editor_name, queries};
use claimdesk_error::{Error, Result};

/// The name to store for an assignee: an account's name on a desk with accounts, else the
/// name as given; `None` takes the assignment off.
fn resolve(conn: &Connection, editor: Option<&str>) -> Result<Option<String>> {
    let Some(editor) = editor.map(str::trim).filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    let editor = editor_name(editor)?;
    let has_accounts: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM editors)")?
        .query_row([], |row| row.get(0))?;
    if !has_accounts {
        return Ok(Some(editor.to_string()));
    }
    let account: Option<String> = conn
        .prepare_cached("SELECT name FROM editors WHERE name_key = ?1 AND disabled_at IS NULL")?
        .query_row([editor.to_lowercase()], |row| row.get(0))
        .optional()?;
    account.map(Some).ok_or_else(|| {
        Error::invalid_input(format!(
            "there is no editor named \u{201C}{editor}\u{201D} on this desk; pick one of the \
             desk's editors"
        ))
        .with_field("editor")
    })
}

/// Label of an assignment in the undo stack.
fn label(what: &str, editor: Option<&str>) -> String {
    match editor {
        Some(editor) => format!("assigned {what} to {editor}"),
        None => format!("took {what} off its editor"),
    }
}

/// Set a claim's own assignee, recording the change; nothing when it does not change.
pub(crate) fn set_claim_assignee(
    rec: &mut Recorder<'_>,
    claim: &Claim,
    editor: Option<&str>,
) -> Result<()> {
    let old = claim.assignee.as_deref();
    if old == editor {
        return Ok(());
    }
    rec.conn().execute(
        "UPDATE claims SET assignee = ?2 WHERE id = ?1",
        params![claim.id, editor],
    )?;
    rec.record(Entry::claim(claim, HistoryChange::Assignee, old, editor))
}

/// Set an article's assignee, recording the change; nothing when it does not change.
pub(crate) fn set_article_assignee(
    rec: &mut Recorder<'_>,
    article: &Article,
    editor: Option<&str>,
) -> Result<()> {
    let old = article.assignee.as_deref();
    if old == editor {
        return Ok(());
    }
    rec.conn().execute(
        "UPDATE articles SET assignee = ?2 WHERE id = ?1",
        params![article.id, editor],
    )?;
    rec.record(Entry::article(
        article.id,
        HistoryChange::ArticleAssignee,
        old,
        editor,
    ))
}

impl Desk {
    /// Assign a claim to an editor (`None` gives it back to whoever holds its article).
    pub fn assign_claim<'a>(
        &self,
        id: ClaimId,
        editor: Option<&str>,
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimDetail> {
        let author = by.into();
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, author.name)?;
            let claim = queries::live_claim(tx, id)?;
            check_unchanged(tx, &claim, author.seen, &by, &[HistoryChange::Assignee])?;
            let editor = resolve(tx, editor)?;
            let mut rec = Recorder::new(
                tx,
                &now,
                &by,
                ActionKind::Assign,
                label("a claim", editor.as_deref()),
            )
            .about(claim.article_id, Some(id));
            set_claim_assignee(&mut rec, &claim, editor.as_deref())?;
            queries::claim_detail(tx, id)
        })
    }

    /// Assign an article (and its claims that have no assignee of their own) to an editor;
    /// `None` takes the assignment off.
    pub fn assign_article(
        &self,
        id: ArticleId,
        editor: Option<&str>,
        by: Option<&str>,
    ) -> Result<ArticleSummary> {
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let article = queries::live_article(tx, id)?;
            let editor = resolve(tx, editor)?;
            let mut rec = Recorder::new(
                tx,
                &now,
                &by,
                ActionKind::Assign,
                label(
                    &format!("\u{201C}{}\u{201D}", article.title),
                    editor.as_deref(),
                ),
            )
            .about(id, None);
            set_article_assignee(&mut rec, &article, editor.as_deref())?;
            queries::article_summary_any(tx, id)
        })
    }

    /// The editors work can be assigned to: the desk's accounts that can sign in, or, on a
    /// desk without accounts, everyone who has changed something, with `me` among them.
    pub fn editors(&self, me: &str) -> Result<Vec<String>> {
        self.read(|conn| {
            let accounts: Vec<String> = queries::rows(
                conn,
                "SELECT name FROM editors WHERE disabled_at IS NULL ORDER BY name_key",
                [],
                |row| row.get(0),
            )?;
            if !accounts.is_empty() {
                return Ok(accounts);
            }
            let mut names: Vec<String> = queries::rows(
                conn,
                "SELECT DISTINCT \"by\" FROM actions
                 UNION SELECT assignee FROM articles WHERE assignee IS NOT NULL
                 UNION SELECT assignee FROM claims WHERE assignee IS NOT NULL",
                [],
                |row| row.get(0),
            )?;
            if !names.iter().any(|n| n == me) {
                names.push(me.to_string());
            }
            names.sort_by_key(|n| n.to_lowercase());
            Ok(names)
        })
    }
}
