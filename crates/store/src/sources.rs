//! Where articles come from: each article's source (a web address, a feed item, a file or
//! pasted text), when it was read and its original bytes, kept deflate-compressed up to
//! [`MAX_ORIGINAL_BYTES`] so that a newer reader can read it again without fetching it again.
//! And `text_key`, the key of an article's words that recognises the same story in two forms.

use std::io::{Read, Write};

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::records::ArticleId;
use claimdesk_error::{Error, Result};

/// The largest original kept, uncompressed (an article page is 0.1–3 MB; a larger original is
/// described but not kept, and that article cannot be read again).
pub const MAX_ORIGINAL_BYTES: usize = 20 * 1024 * 1024;

/// How an article reached the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SourceKind {
    /// Fetched from a web address an editor gave.
    Url,
    /// Fetched from an item of a subscribed feed.
    Feed,
    /// Read from a file.
    File,
    /// Pasted or typed.
    Pasted,
}

impl SourceKind {
    /// The stable identifier, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Url => "url",
            SourceKind::Feed => "feed",
            SourceKind::File => "file",
            SourceKind::Pasted => "pasted",
        }
    }

    fn parse(text: &str) -> Result<SourceKind> {
        Ok(match text {
            "url" => SourceKind::Url,
            "feed" => SourceKind::Feed,
            "file" => SourceKind::File,
            "pasted" => SourceKind::Pasted,
            other => return Err(Error::internal(format!("unknown source kind {other:?}"))),
        })
    }
}

/// An article's source as read, to store with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    /// How it came.
    pub kind: SourceKind,
    /// The address asked for, or the file's name.
    pub location: Option<String>,
    /// The address that answered, after redirects.
    pub final_url: Option<String>,
    /// When it was read (UTC RFC 3339).
    pub fetched_at: String,
    /// The HTTP status, for a fetched page.
    pub http_status: Option<u16>,
    /// Its media type (`text/html`).
    pub media_type: Option<String>,
    /// The bytes as read.
    pub original: Vec<u8>,
    /// Which reader made the body.
    pub reader: Option<String>,
    /// The feed it came from.
    pub feed_id: Option<i64>,
}

/// An article's source as the UI shows it (without the bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ArticleSource {
    /// How it came.
    pub kind: SourceKind,
    /// The address asked for, or the file's name.
    pub location: Option<String>,
    /// The address that answered, after redirects.
    pub final_url: Option<String>,
    /// When it was read (UTC RFC 3339).
    pub fetched_at: String,
    /// The HTTP status, for a fetched page.
    pub http_status: Option<u16>,
    /// Its media type.
    pub media_type: Option<String>,
    /// Size of the original in bytes.
    pub original_size: u64,
    /// Whether the original is kept (it can be read again: `reextract`).
    pub original_kept: bool,
    /// SHA-256 (hex) of the original.
    pub original_sha256: String,
    /// Which reader made the body ("trafilatura 0.6").
    pub reader: Option<String>,
    /// When the body was last read from the original (UTC RFC 3339).
    pub read_at: Option<String>,
    /// The feed it came from.
    pub feed_id: Option<i64>,
    /// The page's last modification day, when it gave one.
    pub modified: Option<String>,
    /// The article's language, when the page gave it.
    pub language: Option<String>,
}

/// SHA-256 of `bytes`, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// `bytes` deflate-compressed (HTML shrinks 5–10 times).
pub(crate) fn compress(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|err| Error::internal(format!("cannot compress an original: {err}")))
}

/// What [`compress`] made, back.
pub(crate) fn decompress(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(bytes)
        .take(MAX_ORIGINAL_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|err| Error::internal(format!("a stored original is damaged: {err}")))?;
    Ok(out)
}

/// Store an article's source in the article's transaction.
pub(crate) fn insert(
    conn: &Connection,
    article_id: ArticleId,
    source: &NewSource,
    read_at: &str,
) -> Result<()> {
    let kept = if source.original.len() <= MAX_ORIGINAL_BYTES {
        Some(compress(&source.original)?)
    } else {
        None
    };
    conn.prepare_cached(
        "INSERT INTO article_sources (article_id, kind, location, final_url, fetched_at,
                                      http_status, media_type, original, original_size,
                                      original_sha256, reader, read_at, feed_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        article_id,
        source.kind.as_str(),
        source.location,
        source.final_url,
        source.fetched_at,
        source.http_status,
        source.media_type,
        kept,
        source.original.len() as i64,
        sha256_hex(&source.original),
        source.reader,
        read_at,
        source.feed_id,
    ])?;
    Ok(())
}

/// An article's source, if it has one recorded (articles imported before ClaimDesk 0.3 do
/// not).
pub(crate) fn source_of(conn: &Connection, article_id: ArticleId) -> Result<Option<ArticleSource>> {
    let row = conn
        .prepare_cached(
            "SELECT s.kind, s.location, s.final_url, s.fetched_at, s.http_status, s.media_type,
                    s.original_size, s.original IS NOT NULL, s.original_sha256, s.reader,
                    s.read_at, s.feed_id, a.modified, a.language
             FROM article_sources AS s JOIN articles AS a ON a.id = s.article_id
             WHERE s.article_id = ?1",
        )?
        .query_row([article_id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                ArticleSource {
                    kind: SourceKind::Url,
                    location: row.get(1)?,
                    final_url: row.get(2)?,
                    fetched_at: row.get(3)?,
                    http_status: row.get(4)?,
                    media_type: row.get(5)?,
                    original_size: row.get::<_, i64>(6)?.max(0) as u64,
                    original_kept: row.get(7)?,
                    original_sha256: row.get(8)?,
                    reader: row.get(9)?,
                    read_at: row.get(10)?,
                    feed_id: row.get(11)?,
                    modified: row.get(12)?,
                    language: row.get(13)?,
                },
            ))
        })
        .optional()?;
    row.map(|(kind, mut source)| {
        source.kind = SourceKind::parse(&kind)?;
        Ok(source)
    })
    .transpose()
}

/// An article's original bytes, when they were kept.
pub(crate) fn original_of(conn: &Connection, article_id: ArticleId) -> Result<Option<Vec<u8>>> {
    let stored: Option<Option<Vec<u8>>> = conn
        .prepare_cached("SELECT original FROM article_sources WHERE article_id = ?1")?
        .query_row([article_id], |row| row.get(0))
        .optional()?;
    stored.flatten().map(|bytes| decompress(&bytes)).transpose()
}

/// The key of an article's words: SHA-256 of its words, lower-cased, letters and digits only,
/// without a first paragraph that repeats the headline. The same story saved as a text file
/// and as a web page has the same key although its punctuation, quotes, line breaks and
/// headline differ.
pub fn text_key(title: &str, body: &str) -> String {
    fn words(text: &str) -> impl Iterator<Item = String> + '_ {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
    }
    let first_end = body.find("\n\n").unwrap_or(body.len());
    let title_words: Vec<String> = words(title).collect();
    let skip_first =
        !title_words.is_empty() && words(&body[..first_end]).eq(title_words.iter().cloned());
    let text = if skip_first { &body[first_end..] } else { body };
    let mut hasher = Sha256::new();
    for (index, word) in words(text).enumerate() {
        if index > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Give articles stored before `text_key` existed their key (on open; one indexed lookup when
/// none is missing).
pub(crate) fn backfill_text_keys(conn: &Connection) -> Result<usize> {
    let pending: Vec<(ArticleId, String, String)> = conn
        .prepare("SELECT id, title, body FROM articles WHERE text_key IS NULL")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare("UPDATE articles SET text_key = ?2 WHERE id = ?1")?;
    for (id, title, body) in &pending {
        update.execute(params![id, text_key(title, body)])?;
    }
    Ok(pending.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_story_in_two_forms_has_one_key() {
        let text = "Ferry fares frozen\n\nThe ferry company said fares would stay at $4 \
                    until 2026.\nTickets \"sold out\" -- again.";
        let page = "The ferry company said fares would stay at $4 until 2026.\n\n\
                    Tickets \u{201C}sold out\u{201D} \u{2014} again.";
        assert_eq!(
            text_key("Ferry fares frozen", text),
            text_key("Ferry fares frozen", page)
        );
        assert_ne!(
            text_key("Ferry fares frozen", page),
            text_key(
                "Ferry fares frozen",
                "The ferry company said fares would rise."
            )
        );
    }

    #[test]
    fn originals_come_back_as_stored() {
        let page = "<p>Tolls rose 8%.</p>".repeat(100);
        let stored = compress(page.as_bytes()).unwrap();
        assert!(stored.len() < page.len() / 5);
        assert_eq!(decompress(&stored).unwrap(), page.as_bytes());
    }
}
