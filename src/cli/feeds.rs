//! `claimdesk feeds`: RSS and Atom subscriptions, and refreshing them.

use std::io::Write;

use claimdesk::feeds::{add_feed, refresh};
use claimdesk::{Desk, Error, ErrorKind};
use claimdesk_fetch::Fetcher;
use claimdesk_store::records::{FileImport, FileOutcome};
use clap::Subcommand;

use super::Outcome;
use super::output::{ListFormat, clip, write_jsonl};

/// `claimdesk feeds …`.
#[derive(Subcommand)]
pub enum FeedsAction {
    /// Subscribe to a feed (it is fetched first: an address that is not a feed is refused).
    Add {
        /// The feed's address (http or https; one without a scheme gets https).
        url: String,
        /// Who subscribed it [default: the reviewer in settings, else $USER].
        #[arg(long)]
        by: Option<String>,
    },
    /// The subscribed feeds, with what they brought in.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Import every item not seen before, from one feed or all; a line per item.
    Refresh {
        /// The feed's id [default: every subscribed feed].
        feed: Option<i64>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Unsubscribe (the articles it brought in stay).
    Remove {
        /// The feed's id.
        feed: i64,
    },
}

/// Run a feeds action.
pub fn run(action: FeedsAction, desk: &Desk, out: &mut impl Write) -> Outcome {
    match action {
        FeedsAction::Add { url, by } => {
            let feed = add_feed(desk, &Fetcher::default(), &url, by.as_deref())?;
            writeln!(
                out,
                "Subscribed to {} as feed {}{}.",
                feed.url,
                feed.id,
                feed.title
                    .as_deref()
                    .map(|t| format!(", \u{201C}{}\u{201D}", clip(t, 70)))
                    .unwrap_or_default()
            )?;
        }
        FeedsAction::List { format } => {
            let feeds = desk.list_feeds()?;
            if format == ListFormat::Jsonl {
                return write_jsonl(out, &feeds);
            }
            if feeds.is_empty() {
                writeln!(out, "No feeds; subscribe with `claimdesk feeds add URL`.")?;
            }
            for feed in feeds {
                writeln!(
                    out,
                    "{:>4}  {}  {} item(s), {} imported, {} failed; last refresh {}{}",
                    feed.id,
                    feed.title.as_deref().unwrap_or(&feed.url),
                    feed.items,
                    feed.imported,
                    feed.failed,
                    feed.checked_at.as_deref().unwrap_or("never"),
                    feed.last_error
                        .as_deref()
                        .map(|e| format!(" (failed: {e})"))
                        .unwrap_or_default()
                )?;
            }
        }
        FeedsAction::Refresh { feed, format } => {
            let mut line = |feed: &claimdesk_store::feeds::FeedRecord, item: &FileImport| {
                report_item(feed.id, item, format, out)
            };
            let mut written: Vec<std::io::Result<()>> = Vec::new();
            let results = refresh(desk, &Fetcher::default(), feed, |feed, item| {
                written.push(line(feed, item));
            })?;
            written.into_iter().collect::<std::io::Result<()>>()?;
            let mut failed = 0;
            for result in &results {
                failed += result
                    .items
                    .iter()
                    .filter(|i| i.outcome == FileOutcome::Failed)
                    .count();
                if let Some(error) = &result.error {
                    failed += 1;
                    out.flush()?;
                    eprintln!("claimdesk: feed {}: {}", result.feed.id, error.message);
                } else if format == ListFormat::Table {
                    let imported = result
                        .items
                        .iter()
                        .filter(|i| i.outcome == FileOutcome::Imported)
                        .count();
                    writeln!(
                        out,
                        "Feed {}: {} new item(s), {imported} imported.",
                        result.feed.id,
                        result.items.len()
                    )?;
                }
            }
            if failed > 0 {
                out.flush()?;
                return Err(Error::new(
                    ErrorKind::InvalidInput,
                    format!("{failed} feed(s) or item(s) could not be imported"),
                )
                .into());
            }
        }
        FeedsAction::Remove { feed } => {
            desk.remove_feed(feed)?;
            writeln!(out, "Unsubscribed from feed {feed}; its articles stay.")?;
        }
    }
    Ok(())
}

fn report_item(
    feed: i64,
    item: &FileImport,
    format: ListFormat,
    out: &mut impl Write,
) -> std::io::Result<()> {
    if format == ListFormat::Jsonl {
        let line = serde_json::to_string(item).map_err(std::io::Error::other)?;
        return writeln!(out, "{line}");
    }
    let url = item.file_name.as_deref().unwrap_or_default();
    match (&item.article, &item.error) {
        (Some(article), _) if item.outcome == FileOutcome::Imported => writeln!(
            out,
            "Feed {feed}: imported {url} as article {}, \u{201C}{}\u{201D}: {} claim(s) to check.",
            article.id,
            clip(&article.title, 70),
            article.counts.total
        ),
        (Some(article), _) => writeln!(
            out,
            "Feed {feed}: already present: {url} is article {}.",
            article.id
        ),
        (None, Some(error)) => {
            out.flush()?;
            eprintln!("claimdesk: feed {feed}: {url}: {}", error.message);
            Ok(())
        }
        (None, None) => Ok(()),
    }
}
