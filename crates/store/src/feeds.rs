//! Feeds an editor subscribed to, and every item seen in each, so that no item is imported
//! twice: an item is known by its feed and its key (guid, else link) whatever happens to it,
//! and an item whose address is already an article on the desk is not fetched again.
//!
//! The store only keeps what the app layer tells it: fetching the feed and its items happens
//! outside the write lock, and each item's outcome is recorded in its own short transaction.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Desk;
use crate::records::ArticleId;
use claimdesk_error::{Error, ErrorKind, Result};
use claimdesk_fields::validate_url;

/// A failed item is tried again at later refreshes, this many times in all.
pub const MAX_ATTEMPTS: i64 = 3;

/// A subscribed feed, with what its refreshes brought in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FeedRecord {
    /// Its id.
    pub id: i64,
    /// The feed's address.
    pub url: String,
    /// Its title, as the feed gives it.
    pub title: Option<String>,
    /// When it was subscribed (UTC RFC 3339), and by whom.
    pub added_at: String,
    /// Who subscribed it.
    pub added_by: String,
    /// The last refresh (UTC RFC 3339), if any.
    pub checked_at: Option<String>,
    /// Why the last refresh failed, if it did.
    pub last_error: Option<String>,
    /// Items seen.
    pub items: u32,
    /// Items imported as new articles.
    pub imported: u32,
    /// Items that failed their last try.
    pub failed: u32,
}

/// An item of a feed as the feed lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeedItem {
    /// What makes it the same item at the next refresh.
    pub key: String,
    /// The article's address.
    pub url: String,
    /// Its title, if any.
    pub title: Option<String>,
    /// Its day (`YYYY-MM-DD`), if any.
    pub published: Option<String>,
}

/// How an item's import went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemStatus {
    /// A new article.
    Imported,
    /// The article was on the desk already.
    AlreadyPresent,
    /// It could not be fetched or read.
    Failed,
}

impl ItemStatus {
    fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Imported => "imported",
            ItemStatus::AlreadyPresent => "already_present",
            ItemStatus::Failed => "failed",
        }
    }
}

const FEED_COLUMNS: &str = "f.id, f.url, f.title, f.added_at, f.added_by, f.checked_at,
    f.last_error,
    (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id),
    (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id AND i.status = 'imported'),
    (SELECT count(*) FROM feed_items i WHERE i.feed_id = f.id AND i.status = 'failed')";

fn feed_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<FeedRecord> {
    Ok(FeedRecord {
        id: row.get(0)?,
        url: row.get(1)?,
        title: row.get(2)?,
        added_at: row.get(3)?,
        added_by: row.get(4)?,
        checked_at: row.get(5)?,
        last_error: row.get(6)?,
        items: row.get(7)?,
        imported: row.get(8)?,
        failed: row.get(9)?,
    })
}

fn feed(conn: &Connection, id: i64) -> Result<FeedRecord> {
    conn.prepare_cached(&format!(
        "SELECT {FEED_COLUMNS} FROM feeds f WHERE f.id = ?1 AND f.removed_at IS NULL"
    ))?
    .query_row([id], feed_row)
    .optional()?
    .ok_or_else(|| Error::new(ErrorKind::NotFound, format!("there is no feed {id}")))
}

impl Desk {
    /// Subscribe to the feed at `url` (subscribing again to one unsubscribed brings it back
    /// with the items it had seen; subscribing twice is the same subscription).
    pub fn add_feed(&self, url: &str, title: Option<&str>, by: Option<&str>) -> Result<FeedRecord> {
        let url = validate_url(url.trim()).map_err(|err| err.with_field("url"))?;
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            tx.prepare_cached(
                "INSERT INTO feeds (url, title, added_at, added_by) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (url) DO UPDATE SET removed_at = NULL,
                     title = coalesce(excluded.title, feeds.title)",
            )?
            .execute(params![url, title, now, by])?;
            let id: i64 = tx
                .prepare_cached("SELECT id FROM feeds WHERE url = ?1")?
                .query_row([&url], |row| row.get(0))?;
            feed(tx, id)
        })
    }

    /// Unsubscribe; the items it brought in stay, with their articles.
    pub fn remove_feed(&self, id: i64) -> Result<()> {
        let now = self.now();
        self.write(|tx| {
            feed(tx, id)?;
            tx.prepare_cached("UPDATE feeds SET removed_at = ?2 WHERE id = ?1")?
                .execute(params![id, now])?;
            Ok(())
        })
    }

    /// The subscribed feeds, oldest subscription first.
    pub fn list_feeds(&self) -> Result<Vec<FeedRecord>> {
        self.read(|conn| {
            conn.prepare_cached(&format!(
                "SELECT {FEED_COLUMNS} FROM feeds f WHERE f.removed_at IS NULL ORDER BY f.id"
            ))?
            .query_map([], feed_row)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(Error::from)
        })
    }

    /// One subscribed feed.
    pub fn feed(&self, id: i64) -> Result<FeedRecord> {
        self.read(|conn| feed(conn, id))
    }

    /// Note the items a refresh of feed `id` found (new ones are remembered as `new`), and
    /// return those still to import: new ones, and failed ones tried fewer than
    /// [`MAX_ATTEMPTS`] times, in the feed's order.
    pub fn feed_items_seen(&self, id: i64, items: &[NewFeedItem]) -> Result<Vec<NewFeedItem>> {
        let now = self.now();
        self.write(|tx| {
            feed(tx, id)?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO feed_items (feed_id, item_key, url, title, published, seen_at, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'new') ON CONFLICT DO NOTHING",
            )?;
            let mut pending = tx.prepare_cached(
                "SELECT status = 'new' OR (status = 'failed' AND attempts < ?3)
                 FROM feed_items WHERE feed_id = ?1 AND item_key = ?2",
            )?;
            let mut todo = Vec::new();
            for item in items {
                insert.execute(params![
                    id,
                    item.key,
                    item.url,
                    item.title,
                    item.published,
                    now
                ])?;
                let due: bool =
                    pending.query_row(params![id, item.key, MAX_ATTEMPTS], |row| row.get(0))?;
                if due {
                    todo.push(item.clone());
                }
            }
            Ok(todo)
        })
    }

    /// Record how importing an item went.
    pub fn record_feed_item(
        &self,
        id: i64,
        key: &str,
        status: ItemStatus,
        article: Option<ArticleId>,
        error: Option<&Error>,
    ) -> Result<()> {
        self.write(|tx| {
            tx.prepare_cached(
                "UPDATE feed_items SET status = ?3, article_id = ?4, error_code = ?5,
                     error_message = ?6, attempts = attempts + 1
                 WHERE feed_id = ?1 AND item_key = ?2",
            )?
            .execute(params![
                id,
                key,
                status.as_str(),
                article,
                error.map(|e| e.kind().code()),
                error.map(|e| e.message()),
            ])?;
            Ok(())
        })
    }

    /// Record a refresh of feed `id`: when, the feed's title if it had none, and why it
    /// failed if it did.
    pub fn record_feed_check(
        &self,
        id: i64,
        title: Option<&str>,
        error: Option<&Error>,
    ) -> Result<FeedRecord> {
        let now = self.now();
        self.write(|tx| {
            tx.prepare_cached(
                "UPDATE feeds SET checked_at = ?2, last_error = ?3,
                     title = coalesce(title, ?4) WHERE id = ?1",
            )?
            .execute(params![id, now, error.map(|e| e.message()), title])?;
            feed(tx, id)
        })
    }

    /// The live article already on the desk at `url` (its canonical address, or the address
    /// it was fetched from or answered at), if any: an item that names it is not fetched.
    pub fn article_at(&self, url: &str) -> Result<Option<ArticleId>> {
        self.read(|conn| {
            conn.prepare_cached(
                "SELECT a.id FROM articles a LEFT JOIN article_sources s ON s.article_id = a.id
                 WHERE a.deleted_at IS NULL
                   AND (a.url = ?1 OR s.location = ?1 OR s.final_url = ?1)
                 ORDER BY a.id LIMIT 1",
            )?
            .query_row([url], |row| row.get(0))
            .optional()
            .map_err(Error::from)
        })
    }
}
