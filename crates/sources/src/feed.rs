//! Feeds: an RSS or Atom document to the items an editor can import.
//!
//! `feed-rs` reads the document (RSS 0.9x, 1.0 and 2.0, Atom, JSON Feed; the XML's own
//! encoding declaration). Each item gets a **key** that names it the same way at every
//! refresh, so that no item is imported twice: its `guid`/`id` when the feed gives one, else
//! its link (never a hash of its title, which an outlet may edit). An item with no web address
//! cannot be imported and is counted, not returned. At most [`MAX_ITEMS`] items are read.

use chrono::NaiveDate;

use claimdesk_error::{Error, ErrorKind, Result};
use claimdesk_fields::validate_url;

/// Items read from one feed document, newest first as the feed lists them (a feed of a
/// newsroom lists 10–100).
pub const MAX_ITEMS: usize = 500;

/// One item of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// What makes it the same item at the next refresh (guid, id, else link).
    pub key: String,
    /// The article's web address (http or https).
    pub url: String,
    /// The item's title, if any.
    pub title: Option<String>,
    /// The day the feed says it was published (UTC), if any.
    pub published: Option<NaiveDate>,
}

/// A feed as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// The feed's title, if any.
    pub title: Option<String>,
    /// Its items that have a web address, at most [`MAX_ITEMS`].
    pub items: Vec<FeedItem>,
    /// Items left out: no http(s) address, or past [`MAX_ITEMS`].
    pub skipped: usize,
}

/// Read a feed document fetched from `url` (relative links are resolved against it).
/// A document that is not a feed, or not well-formed, is `invalid_input` naming the problem.
pub fn read_feed(bytes: &[u8], url: &str) -> Result<Feed> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(Some(url))
        // Left empty when the feed gives no id: the link is the key then (below).
        .id_generator(|_, _, _| String::new())
        .build();
    let parsed = parser.parse(bytes).map_err(|err| {
        Error::new(
            ErrorKind::InvalidInput,
            format!(
                "{url} is not an RSS or Atom feed that can be read ({err}); check the address \
                 (a site's feed is often at /feed, /rss or /atom.xml)"
            ),
        )
    })?;
    let mut items = Vec::new();
    let mut skipped = 0;
    for entry in parsed.entries {
        let link = entry
            .links
            .iter()
            .find(|link| link.rel.as_deref().is_none_or(|rel| rel == "alternate"))
            .or(entry.links.first())
            .and_then(|link| validate_url(link.href.trim()).ok())
            // An RSS guid that is a permalink is the item's address when it has no <link>.
            .or_else(|| validate_url(entry.id.trim()).ok());
        let Some(link) = link else {
            skipped += 1;
            continue;
        };
        if items.len() == MAX_ITEMS {
            skipped += 1;
            continue;
        }
        let id = entry.id.trim();
        items.push(FeedItem {
            key: if id.is_empty() {
                link.clone()
            } else {
                id.to_string()
            },
            url: link,
            title: entry
                .title
                .map(|t| t.content.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|t| !t.is_empty()),
            published: entry.published.or(entry.updated).map(|d| d.date_naive()),
        });
    }
    Ok(Feed {
        title: parsed
            .title
            .map(|t| t.content.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty()),
        items,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Ledger: City</title>
<item><title>Bridge repairs to cost $48m</title><link>https://ledger.example/bridge</link>
  <guid isPermaLink="false">ledger-1001</guid><pubDate>Wed, 12 Mar 2025 08:00:00 GMT</pubDate></item>
<item><title>No link here</title><description>Just words.</description></item>
<item><title>Rates rise</title><link>/rates</link><pubDate>not a date</pubDate></item>
<item><guid>https://ledger.example/guid-only</guid></item>
</channel></rss>"#;

    #[test]
    fn rss_items_have_a_key_an_address_a_title_and_a_day() {
        let feed = read_feed(RSS.as_bytes(), "https://ledger.example/feed").unwrap();
        assert_eq!(feed.title.as_deref(), Some("The Ledger: City"));
        assert_eq!(feed.skipped, 1, "the item with no address");
        let keys: Vec<_> = feed.items.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "ledger-1001",
                "https://ledger.example/rates",
                "https://ledger.example/guid-only"
            ]
        );
        assert_eq!(feed.items[0].url, "https://ledger.example/bridge");
        assert_eq!(
            feed.items[0].published,
            NaiveDate::from_ymd_opt(2025, 3, 12)
        );
        assert_eq!(feed.items[1].published, None, "a bad date is no date");
    }

    #[test]
    fn atom_entries_are_read_too() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id>
<updated>2025-03-12T10:00:00Z</updated>
<entry><title>Tolls up 8%</title><id>urn:wire:1</id><updated>2025-03-12T10:00:00Z</updated>
<link rel="alternate" href="https://wire.example/tolls"/></entry></feed>"#;
        let feed = read_feed(atom.as_bytes(), "https://wire.example/atom.xml").unwrap();
        assert_eq!(feed.items.len(), 1);
        assert_eq!(feed.items[0].key, "urn:wire:1");
        assert_eq!(feed.items[0].url, "https://wire.example/tolls");
    }

    #[test]
    fn a_page_that_is_not_a_feed_is_invalid_input() {
        for bytes in [
            &b"<html><body>Hello</body></html>"[..],
            b"<rss version=\"2.0\"><channel><item><title>cut",
            b"",
        ] {
            let err = read_feed(bytes, "https://x.example/feed").unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidInput);
        }
    }

    #[test]
    fn a_legacy_encoding_declared_in_the_xml_is_decoded() {
        let rss = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>\
            <title>Caf\xe9</title><item><title>Caf\xe9 rents</title>\
            <link>https://x.example/cafe</link></item></channel></rss>";
        let feed = read_feed(rss, "https://x.example/feed").unwrap();
        assert_eq!(feed.items[0].title.as_deref(), Some("Café rents"));
    }
}
