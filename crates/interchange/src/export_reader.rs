//! Reading a JSON export as a stream: each article, action and repeat link is handed to an
//! [`ExportSink`] as soon as it is read, so reading an export of any size holds one article at
//! a time, never the document.
//!
//! What the reader refuses, and how (the `kind` the UI branches on):
//! - input that is not UTF-8 text: `unsupported_format`;
//! - text that is not JSON (cut short, or not JSON at all): `invalid_input`;
//! - JSON without a numeric `schema_version`, or whose shape is not an export's before a
//!   `schema_version` has been read (another program's JSON): `unsupported_format`;
//! - an export made by a newer ClaimDesk (a larger `schema_version`): `unsupported_format`;
//! - an export whose fields are missing or of the wrong type (damaged or edited):
//!   `invalid_input`;
//! - whatever the sink refuses, as the sink says.
//!
//! ClaimDesk writes `schema_version` first, so an export it wrote is judged by its version
//! before anything else of it is read. Any other order of the fields is read too (the fields
//! of an edited export may have been reordered), and a newer version found late still refuses
//! the whole export: the sink must be able to undo what it did (restoring runs in one
//! transaction).

use std::fmt;
use std::io::{self, BufReader, Read};

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use claimdesk_error::{Error, ErrorKind, Result};
use claimdesk_store::records::StatusCounts;
use claimdesk_store::report_data::{RepeatLink, ReportAction, ReportScope};

use crate::json::{ExportArticle, ExportSettings, SCHEMA_VERSION};

/// What reading an export hands on, in the order of the document (in an export ClaimDesk
/// wrote: the settings, each article, each action, each repeat link). An error stops the
/// reading and is what the reading returns.
pub trait ExportSink {
    /// The publishing organisation and the verdict scale.
    fn settings(&mut self, settings: ExportSettings) -> Result<()>;
    /// One article with its claims, evidence and history.
    fn article(&mut self, article: ExportArticle) -> Result<()>;
    /// One editor command the history belongs to.
    fn action(&mut self, action: ReportAction) -> Result<()>;
    /// One pair of claims that repeat each other.
    fn repeat_link(&mut self, link: RepeatLink) -> Result<()>;
}

/// Read the export `input` holds (a file, standard input), handing its records to `sink`.
/// The input is read in large chunks and checked to be UTF-8 as it goes; a byte order mark
/// at the start is skipped.
pub fn read_export(input: impl Read, sink: &mut impl ExportSink) -> Result<()> {
    let mut checked = Utf8Checked::new(input);
    // A byte order mark is not JSON; editors on Windows write one.
    let mut start = Vec::with_capacity(3);
    (&mut checked)
        .take(3)
        .read_to_end(&mut start)
        .map_err(|err| read_failed(&err))?;
    if start.starts_with(b"\xEF\xBB\xBF") {
        start.clear();
    }
    let input = BufReader::with_capacity(1 << 16, io::Cursor::new(start).chain(checked));
    read_with(serde_json::Deserializer::from_reader(input), sink)
}

/// Read an export held in memory, handing its records to `sink`.
pub fn read_export_str(text: &str, sink: &mut impl ExportSink) -> Result<()> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    read_with(serde_json::Deserializer::from_str(text), sink)
}

fn read_with<'de, R: serde_json::de::Read<'de>>(
    mut input: serde_json::Deserializer<R>,
    sink: &mut impl ExportSink,
) -> Result<()> {
    let mut reading = Reading {
        sink,
        version: Version::Unread,
        failure: None,
    };
    let read = Document(&mut reading)
        .deserialize(&mut input)
        .and_then(|()| input.end());
    if let Err(err) = read {
        return Err(reading.error(err));
    }
    match reading.version {
        Version::Read => Ok(()),
        Version::Unread => Err(not_an_export()),
    }
}

/// Whether the document's `schema_version` has been read (and was one this ClaimDesk reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    Unread,
    Read,
}

/// The state of one reading: the sink, and why it stopped when that was not serde's doing.
struct Reading<'s, S> {
    sink: &'s mut S,
    version: Version,
    failure: Option<Error>,
}

impl<S: ExportSink> Reading<'_, S> {
    /// Keep `err` as the reason the reading stops, and stop the deserializer.
    fn fail<E: de::Error>(&mut self, err: Error) -> E {
        let message = err.message().to_string();
        self.failure = Some(err);
        E::custom(message)
    }

    /// Hand a record to the sink; its refusal stops the reading.
    fn hand<E: de::Error>(&mut self, give: impl FnOnce(&mut S) -> Result<()>) -> Result<(), E> {
        give(self.sink).map_err(|err| self.fail(err))
    }

    /// The error a failed reading returns.
    fn error(&mut self, err: serde_json::Error) -> Error {
        if let Some(failure) = self.failure.take() {
            return failure;
        }
        match err.classify() {
            serde_json::error::Category::Io => read_failed(&io::Error::from(err)),
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                Error::invalid_input(format!("this is not a JSON file ({err})"))
            }
            // JSON of another shape before any schema_version: another program's JSON.
            serde_json::error::Category::Data if self.version == Version::Unread => not_an_export(),
            serde_json::error::Category::Data => {
                Error::invalid_input(format!("this ClaimDesk export is damaged or edited: {err}"))
            }
        }
    }
}

fn not_an_export() -> Error {
    Error::new(
        ErrorKind::UnsupportedFormat,
        "this JSON is not a ClaimDesk export (it has no schema_version); export the desk from \
         ClaimDesk as JSON",
    )
}

/// An error reading the input: bytes that are not UTF-8 mean it is not an export.
fn read_failed(err: &io::Error) -> Error {
    if err.get_ref().is_some_and(|inner| inner.is::<NotUtf8>()) {
        return Error::new(
            ErrorKind::UnsupportedFormat,
            "the export is not UTF-8 text, so it is not a ClaimDesk JSON export",
        );
    }
    Error::new(ErrorKind::Io, format!("cannot read the export: {err}"))
}

/// The document: a JSON object, read field by field.
struct Document<'r, 's, S>(&'r mut Reading<'s, S>);

impl<'de, S: ExportSink> DeserializeSeed<'de> for Document<'_, '_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, input: D) -> Result<(), D::Error> {
        // Any JSON value: one that is not an object is read to its end (so that text that
        // is not JSON is told as such) and then refused as not an export.
        input.deserialize_any(self)
    }
}

impl<'de, S: ExportSink> Visitor<'de> for Document<'_, '_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a ClaimDesk export (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut fields: A) -> Result<(), A::Error> {
        let reading = self.0;
        // The fields ExportDocument requires, in its order (schema_version aside).
        let mut required = [
            ("generator", false),
            ("generated_at", false),
            ("scope", false),
            ("settings", false),
            ("articles", false),
        ];
        while let Some(key) = fields.next_key::<String>()? {
            if let Some(seen) = required.iter_mut().find(|(name, _)| *name == key) {
                seen.1 = true;
            }
            match key.as_str() {
                "schema_version" => {
                    let value: serde_json::Value = fields.next_value()?;
                    match value.as_u64() {
                        None => return Err(reading.fail(not_an_export())),
                        Some(version) if version > u64::from(SCHEMA_VERSION) => {
                            return Err(reading.fail(newer(version)));
                        }
                        Some(_) => reading.version = Version::Read,
                    }
                }
                "settings" => {
                    let settings: ExportSettings = fields.next_value()?;
                    reading.hand(|sink| sink.settings(settings))?;
                }
                "articles" => fields
                    .next_value_seed(Each::new(&mut *reading, |sink, item| sink.article(item)))?,
                "actions" => fields
                    .next_value_seed(Each::new(&mut *reading, |sink, item| sink.action(item)))?,
                "repeat_links" => fields
                    .next_value_seed(Each::new(&mut *reading, |sink, item| {
                        sink.repeat_link(item)
                    }))?,
                // Derived or descriptive: read to check their shape, as the whole document
                // was, and not used.
                "generator" | "generated_at" => {
                    fields.next_value::<String>()?;
                }
                "scope" => {
                    fields.next_value::<ReportScope>()?;
                }
                "reviewers" => {
                    fields.next_value::<Vec<String>>()?;
                }
                "counts" => {
                    fields.next_value::<StatusCounts>()?;
                }
                _ => {
                    fields.next_value::<IgnoredAny>()?;
                }
            }
        }
        if reading.version == Version::Unread {
            // Told once the rest is known to be JSON.
            return Ok(());
        }
        match required.iter().find(|(_, seen)| !seen) {
            Some((name, _)) => Err(de::Error::missing_field(name)),
            None => Ok(()),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<(), A::Error> {
        while items.next_element::<IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
}

fn newer(version: u64) -> Error {
    Error::new(
        ErrorKind::UnsupportedFormat,
        format!(
            "this export has schema version {version}, made by a newer ClaimDesk; this one \
             reads version {SCHEMA_VERSION}: update ClaimDesk to import it"
        ),
    )
}

/// A JSON array whose items are handed to the sink one at a time as they are read.
struct Each<'r, 's, S, T, F> {
    reading: &'r mut Reading<'s, S>,
    hand: F,
    item: std::marker::PhantomData<fn() -> T>,
}

impl<'r, 's, S, T, F> Each<'r, 's, S, T, F>
where
    F: FnMut(&mut S, T) -> Result<()>,
{
    fn new(reading: &'r mut Reading<'s, S>, hand: F) -> Self {
        Each {
            reading,
            hand,
            item: std::marker::PhantomData,
        }
    }
}

impl<'de, S, T, F> DeserializeSeed<'de> for Each<'_, '_, S, T, F>
where
    S: ExportSink,
    T: Deserialize<'de>,
    F: FnMut(&mut S, T) -> Result<()>,
{
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, input: D) -> Result<(), D::Error> {
        input.deserialize_seq(self)
    }
}

impl<'de, S, T, F> Visitor<'de> for Each<'_, '_, S, T, F>
where
    S: ExportSink,
    T: Deserialize<'de>,
    F: FnMut(&mut S, T) -> Result<()>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut items: A) -> Result<(), A::Error> {
        while let Some(item) = items.next_element::<T>()? {
            let hand = &mut self.hand;
            self.reading.hand(|sink| hand(sink, item))?;
        }
        Ok(())
    }
}

/// The marker error of input that is not UTF-8.
#[derive(Debug)]
struct NotUtf8;

impl fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the input is not UTF-8 text")
    }
}

impl std::error::Error for NotUtf8 {}

/// A reader that fails with [`NotUtf8`] as soon as what it has read is not UTF-8, checking
/// each chunk as it passes (a character split between two chunks is checked whole).
struct Utf8Checked<R> {
    inner: R,
    /// The first bytes of a character whose rest is in the next chunk.
    partial: [u8; 4],
    partial_len: usize,
}

impl<R: Read> Utf8Checked<R> {
    fn new(inner: R) -> Self {
        Utf8Checked {
            inner,
            partial: [0; 4],
            partial_len: 0,
        }
    }
}

fn not_utf8() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, NotUtf8)
}

/// How many bytes the UTF-8 character starting with `lead` has (1 for a byte that cannot
/// start one: `from_utf8` refuses it).
fn char_width(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 1,
    }
}

impl<R: Read> Read for Utf8Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            return if self.partial_len > 0 {
                Err(not_utf8())
            } else {
                Ok(0)
            };
        }
        let mut start = 0;
        if self.partial_len > 0 {
            // Complete the character the last chunk ended in.
            let width = char_width(self.partial[0]);
            let take = (width - self.partial_len).min(n);
            self.partial[self.partial_len..self.partial_len + take].copy_from_slice(&buf[..take]);
            self.partial_len += take;
            start = take;
            if self.partial_len < width {
                return Ok(n);
            }
            if std::str::from_utf8(&self.partial[..width]).is_err() {
                return Err(not_utf8());
            }
            self.partial_len = 0;
        }
        match std::str::from_utf8(&buf[start..n]) {
            Ok(_) => {}
            // Only the last character is cut off: keep its first bytes.
            Err(err) if err.error_len().is_none() => {
                let tail = &buf[start + err.valid_up_to()..n];
                self.partial[..tail.len()].copy_from_slice(tail);
                self.partial_len = tail.len();
            }
            Err(_) => return Err(not_utf8()),
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink that counts what it is handed.
    #[derive(Default)]
    struct Counted {
        articles: usize,
        actions: usize,
        links: usize,
    }

    impl ExportSink for Counted {
        fn settings(&mut self, _: ExportSettings) -> Result<()> {
            Ok(())
        }
        fn article(&mut self, _: ExportArticle) -> Result<()> {
            self.articles += 1;
            Ok(())
        }
        fn action(&mut self, _: ReportAction) -> Result<()> {
            self.actions += 1;
            Ok(())
        }
        fn repeat_link(&mut self, _: RepeatLink) -> Result<()> {
            self.links += 1;
            Ok(())
        }
    }

    const EMPTY_EXPORT: &str = r#"{"schema_version": 1, "generator": "test",
        "generated_at": "2025-03-14T00:00:00Z",
        "scope": {"article_id": null, "claim_ids": [], "statuses": [], "since": null, "until": null},
        "settings": {"verdict_scale": {"preset": "free_text", "levels": []}},
        "articles": [], "actions": [], "repeat_links": []}"#;

    fn kind_of(text: &[u8]) -> ErrorKind {
        read_export(text, &mut Counted::default())
            .expect_err("refused")
            .kind()
    }

    #[test]
    fn a_newer_or_foreign_document_is_refused_with_a_reason() {
        let newer = read_export_str(
            r#"{"schema_version": 99, "articles": []}"#,
            &mut Counted::default(),
        )
        .unwrap_err();
        assert_eq!(newer.kind(), ErrorKind::UnsupportedFormat);
        assert!(newer.message().contains("newer ClaimDesk"), "{newer}");
        for foreign in [
            r#"{"@context": "https://schema.org"}"#,
            r#"{"articles": [{"title": 3}]}"#,
            r#"{"schema_version": "1"}"#,
            "[1, 2]",
            "\"text\"",
        ] {
            assert_eq!(
                kind_of(foreign.as_bytes()),
                ErrorKind::UnsupportedFormat,
                "{foreign}"
            );
        }
        for broken in ["{", "[1, 2", "{\"schema_version\": 1} x", ""] {
            assert_eq!(
                kind_of(broken.as_bytes()),
                ErrorKind::InvalidInput,
                "{broken}"
            );
        }
        let damaged =
            read_export_str(r#"{"schema_version": 1}"#, &mut Counted::default()).unwrap_err();
        assert_eq!(damaged.kind(), ErrorKind::InvalidInput);
        assert!(damaged.message().contains("generator"), "{damaged}");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_not_an_export_wherever_they_are() {
        let mut text = EMPTY_EXPORT.as_bytes().to_vec();
        text.splice(30..30, [0xFF]);
        assert_eq!(kind_of(&text), ErrorKind::UnsupportedFormat);
        assert_eq!(kind_of(b"\x89PNG\r\n"), ErrorKind::UnsupportedFormat);
        // A character cut off by the end of the input.
        let mut cut = b"{\"generator\": \"caf".to_vec();
        cut.push(0xC3);
        assert_eq!(kind_of(&cut), ErrorKind::UnsupportedFormat);
    }

    /// A reader that hands out one byte at a time, so characters split between reads.
    struct ByteByByte<'a>(&'a [u8]);

    impl Read for ByteByByte<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = first;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn an_export_read_in_pieces_reads_as_a_whole_with_or_without_a_byte_order_mark() {
        let text = EMPTY_EXPORT.replace("\"test\"", "\"caf\u{E9} \u{1F4F0} \u{2028}\"");
        for input in [text.clone(), format!("\u{FEFF}{text}")] {
            read_export(ByteByByte(input.as_bytes()), &mut Counted::default()).unwrap();
            read_export(input.as_bytes(), &mut Counted::default()).unwrap();
            read_export_str(&input, &mut Counted::default()).unwrap();
        }
    }

    #[test]
    fn the_fields_may_come_in_any_order() {
        let document: serde_json::Value = serde_json::from_str(EMPTY_EXPORT).unwrap();
        let mut fields: Vec<(String, serde_json::Value)> =
            document.as_object().unwrap().clone().into_iter().collect();
        fields.reverse();
        let reversed = format!(
            "{{{}}}",
            fields
                .iter()
                .map(|(key, value)| format!("{key:?}: {value}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut sink = Counted::default();
        read_export_str(&reversed, &mut sink).unwrap();
        let newer = reversed.replace("\"schema_version\": 1", "\"schema_version\": 2");
        let err = read_export_str(&newer, &mut Counted::default()).unwrap_err();
        assert!(err.message().contains("newer ClaimDesk"), "{err}");
    }
}
