//! Bytes to text: the one place ClaimDesk decides what character encoding a file or page is in.
//!
//! In this order, the first that applies wins:
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. the bytes are valid UTF-8: UTF-8 (a legacy page is almost never valid UTF-8, and this
//!    protects the common page saved as UTF-8 that still declares iso-8859-1);
//! 3. the charset the HTTP `Content-Type` header names;
//! 4. for HTML, the `<meta charset>` / `http-equiv` declaration in the first 1024 bytes (the
//!    WHATWG prescan window); a declared UTF-16 is read as UTF-8, as WHATWG says;
//! 5. chardetng's guess (what Firefox uses for undeclared pages).
//!
//! Decoding happens exactly once: the extractors take text and never re-read a declaration.

use std::sync::LazyLock;

use encoding_rs::Encoding;
use regex::bytes::Regex;

/// Text decoded from bytes, with how its encoding was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding's WHATWG name (`UTF-8`, `windows-1252`, ...).
    pub encoding: &'static str,
    /// How it was chosen.
    pub how: EncodingSource,
    /// Whether some bytes were not valid in that encoding (replaced with U+FFFD).
    pub had_errors: bool,
}

/// How an encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte-order mark.
    ByteOrderMark,
    /// The bytes are valid UTF-8.
    ValidUtf8,
    /// The HTTP header's charset.
    Header,
    /// The page's `<meta charset>`.
    Declared,
    /// chardetng's guess.
    Guessed,
}

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i-u)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("static regex")
});

/// The encoding a charset label names, with UTF-16 read as UTF-8 (a label written in ASCII
/// cannot be telling the truth about UTF-16).
fn for_label(label: &[u8]) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim_ascii())?;
    Some(
        if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            encoding
        },
    )
}

/// The charset a page declares in its first 1024 bytes.
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    for_label(META_CHARSET.captures(head)?.get(1)?.as_bytes())
}

/// The charset of a `Content-Type` header value (`text/html; charset=ISO-8859-1`).
pub fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| for_label(value.trim().trim_matches(['"', '\'']).as_bytes()))
            .flatten()
    })
}

/// Decode `bytes`; `header` is the HTTP `Content-Type` when they came over HTTP, and `html`
/// says whether to look for a `<meta charset>`.
pub fn decode(bytes: &[u8], header: Option<&str>, html: bool) -> Decoded {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            how: EncodingSource::ByteOrderMark,
            had_errors,
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_string(),
            encoding: encoding_rs::UTF_8.name(),
            how: EncodingSource::ValidUtf8,
            had_errors: false,
        };
    }
    let (encoding, how) = if let Some(encoding) = header.and_then(header_charset) {
        (encoding, EncodingSource::Header)
    } else if let Some(encoding) = html.then(|| declared_charset(bytes)).flatten() {
        (encoding, EncodingSource::Declared)
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        (detector.guess(None, true), EncodingSource::Guessed)
    };
    let (text, _, had_errors) = encoding.decode(bytes);
    Decoded {
        text: text.into_owned(),
        encoding: encoding.name(),
        how,
        had_errors,
    }
}

impl Decoded {
    /// What the editor should know about the decoding, if anything: replaced characters, or an
    /// encoding that had to be guessed.
    pub fn warning(&self, name: &str) -> Option<String> {
        if self.had_errors {
            Some(format!(
                "{name} is not entirely {} text: characters that could not be read were \
                 replaced with \u{FFFD}. Check the article text, or save the file as UTF-8 and \
                 import it again.",
                self.encoding
            ))
        } else if self.how == EncodingSource::Guessed {
            Some(format!(
                "{name} does not say which character encoding it uses and is not UTF-8; it was \
                 read as {}. Check accented letters and quotation marks in the text.",
                self.encoding
            ))
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_legacy_charset_is_decoded() {
        let decoded = decode(
            b"<meta charset=windows-1252><p>Caf\xe9 \x80 \x93x\x94</p>",
            None,
            true,
        );
        assert_eq!(decoded.how, EncodingSource::Declared);
        assert!(decoded.text.contains("Café € “x”"), "{}", decoded.text);
        assert!(!decoded.had_errors);
    }

    #[test]
    fn the_header_charset_comes_before_the_page_declaration() {
        let decoded = decode(
            b"<meta charset=utf-8><p>\xe9t\xe9</p>",
            Some("text/html; charset=\"ISO-8859-1\""),
            true,
        );
        assert_eq!(decoded.how, EncodingSource::Header);
        assert!(decoded.text.contains("été"));
    }

    #[test]
    fn valid_utf8_wins_over_a_wrong_declaration() {
        let decoded = decode("<meta charset=iso-8859-1><p>été</p>".as_bytes(), None, true);
        assert_eq!(decoded.how, EncodingSource::ValidUtf8);
        assert!(decoded.text.contains("été"));
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Tolls rose 8%".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let decoded = decode(&bytes, None, false);
        assert_eq!(decoded.text, "Tolls rose 8%");
        assert_eq!(decoded.how, EncodingSource::ByteOrderMark);
    }

    #[test]
    fn undeclared_legacy_text_is_guessed_and_said_so() {
        let decoded = decode(
            b"Le caf\xe9 de la gare a ferm\xe9 ses portes apr\xe8s trente ann\xe9es.",
            None,
            false,
        );
        assert_eq!(decoded.how, EncodingSource::Guessed);
        assert!(decoded.text.contains("café"), "{}", decoded.text);
        assert!(decoded.warning("a.txt").is_some());
    }
}
