//! Feeds: subscribing to an RSS or Atom feed, and refreshing it, which imports every item not
//! seen before (never the same article twice) with a result per item.
//!
//! A refresh fetches the feed and each new item outside the store's write lock; the store
//! records each item's outcome in its own short transaction, so the desk stays usable and an
//! interrupted refresh loses nothing (an item left `new` is imported at the next refresh).
//! An item whose address is already an article on the desk is `already_present` without being
//! fetched; one that fails is tried again at the next two refreshes.

use claimdesk_error::{ErrorPayload, Result};
use claimdesk_fetch::{Expect, Fetcher};
use claimdesk_sources::{self as sources, ArticleHints};
use claimdesk_store::Desk;
use claimdesk_store::feeds::{FeedRecord, ItemStatus, NewFeedItem};
use claimdesk_store::records::{FileImport, ImportOutcome, ImportResult};
use claimdesk_store::sources::SourceKind;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::import::{fetched_input, import_article, outcome_of};

/// One feed's refresh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FeedRefresh {
    /// The feed as it now is.
    pub feed: FeedRecord,
    /// Why the feed itself could not be read, if it could not (its items were not tried).
    pub error: Option<ErrorPayload>,
    /// Each item tried, in the feed's order: its address as `file_name`, and its outcome.
    pub items: Vec<FileImport>,
    /// Items the feed lists that could not be imported at all (no web address).
    pub skipped: u32,
}

/// Fetch the feed at `url` and subscribe to it: an address that is not a feed is refused
/// before anything is stored.
pub fn add_feed(desk: &Desk, fetcher: &Fetcher, url: &str, by: Option<&str>) -> Result<FeedRecord> {
    let url = claimdesk_fetch::complete_scheme(url);
    let fetched = fetcher.fetch(&url, Expect::Feed)?;
    let feed = sources::feed::read_feed(&fetched.bytes, &fetched.final_url)?;
    desk.add_feed(&url, feed.title.as_deref(), by)
}

/// Refresh one feed (or every subscribed feed), calling `progress` after each item.
pub fn refresh(
    desk: &Desk,
    fetcher: &Fetcher,
    feed_id: Option<i64>,
    mut progress: impl FnMut(&FeedRecord, &FileImport),
) -> Result<Vec<FeedRefresh>> {
    let feeds = match feed_id {
        Some(id) => vec![desk.feed(id)?],
        None => desk.list_feeds()?,
    };
    let mut results = Vec::with_capacity(feeds.len());
    for feed in feeds {
        results.push(refresh_one(desk, fetcher, &feed, &mut progress)?);
    }
    Ok(results)
}

fn refresh_one(
    desk: &Desk,
    fetcher: &Fetcher,
    feed: &FeedRecord,
    progress: &mut impl FnMut(&FeedRecord, &FileImport),
) -> Result<FeedRefresh> {
    let read = fetcher
        .fetch(&feed.url, Expect::Feed)
        .and_then(|fetched| sources::feed::read_feed(&fetched.bytes, &fetched.final_url));
    let read = match read {
        Ok(read) => read,
        Err(err) => {
            return Ok(FeedRefresh {
                feed: desk.record_feed_check(feed.id, None, Some(&err))?,
                error: Some(err.to_payload()),
                items: Vec::new(),
                skipped: 0,
            });
        }
    };
    let listed: Vec<NewFeedItem> = read
        .items
        .iter()
        .map(|item| NewFeedItem {
            key: item.key.clone(),
            url: item.url.clone(),
            title: item.title.clone(),
            published: item.published.map(|d| d.format("%Y-%m-%d").to_string()),
        })
        .collect();
    let due = desk.feed_items_seen(feed.id, &listed)?;
    let mut items = Vec::with_capacity(due.len());
    for item in due {
        let result = import_item(desk, fetcher, feed.id, &item);
        let (status, article, error) = match &result {
            Ok(result) => (
                match result.outcome {
                    ImportOutcome::Imported => ItemStatus::Imported,
                    ImportOutcome::AlreadyPresent => ItemStatus::AlreadyPresent,
                },
                Some(result.article.id),
                None,
            ),
            Err(err) => (ItemStatus::Failed, None, Some(err)),
        };
        desk.record_feed_item(feed.id, &item.key, status, article, error)?;
        let outcome = outcome_of(Some(item.url.clone()), result);
        progress(feed, &outcome);
        items.push(outcome);
    }
    Ok(FeedRefresh {
        feed: desk.record_feed_check(feed.id, read.title.as_deref(), None)?,
        error: None,
        items,
        skipped: u32::try_from(read.skipped).unwrap_or(u32::MAX),
    })
}

/// Import one item: `already_present` without fetching when its address is an article on the
/// desk already, else fetched and imported as an article from this feed.
fn import_item(
    desk: &Desk,
    fetcher: &Fetcher,
    feed_id: i64,
    item: &NewFeedItem,
) -> Result<ImportResult> {
    if let Some(id) = desk.article_at(&item.url)? {
        return desk.already_present_article(id);
    }
    let fetched = fetcher.fetch(&item.url, Expect::Page)?;
    // The feed's date is not a hint: it is a UTC day, where the page gives the day as written.
    let mut input = fetched_input(fetched, ArticleHints::default(), SourceKind::Feed);
    if let Some(source) = &mut input.source {
        source.feed_id = Some(feed_id);
    }
    import_article(desk, input)
}
