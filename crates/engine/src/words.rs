//! Words as the structure stages see them: runs of characters between white space, exactly as
//! [`str::split_whitespace`] cuts them, but with their byte ranges and at the cost of a byte
//! loop.
//!
//! Attribution, splitting and segmentation walk the words of every sentence, often more than
//! once; decoding each character to ask whether it is white space was a large share of the
//! engine's time. Text is mostly ASCII, so ASCII bytes are decided by a table of six values
//! and only the few lead bytes that can start a Unicode space are decoded.

use std::ops::Range;

/// The byte ranges of the words of `text`, in order: the pieces `text.split_whitespace()`
/// gives.
pub fn spans(text: &str) -> Spans<'_> {
    Spans { text, at: 0 }
}

/// Iterator over the byte ranges of the words of a text (see [`spans`]).
#[derive(Debug, Clone)]
pub struct Spans<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for Spans<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let end = self.text.len();
        let mut i = self.at;
        loop {
            if i >= end {
                self.at = end;
                return None;
            }
            let (space, len) = space_at(self.text, i);
            if !space {
                break;
            }
            i += len;
        }
        let start = i;
        let bytes = self.text.as_bytes();
        while i < end {
            let b = bytes[i];
            if b < 0x80 {
                // The common case, kept to one comparison and a table lookup per byte.
                if is_ascii_space(b) {
                    break;
                }
                i += 1;
                continue;
            }
            let (space, len) = space_at(self.text, i);
            if space {
                break;
            }
            i += len;
        }
        self.at = i;
        Some(start..i)
    }
}

/// Whether the character starting at byte `at` of `text` is white space (as
/// [`char::is_whitespace`] says), and its length in bytes. `at` must be a character boundary.
#[inline]
fn space_at(text: &str, at: usize) -> (bool, usize) {
    let b = text.as_bytes()[at];
    if b < 0x80 {
        return (is_ascii_space(b), 1);
    }
    let len = match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    // Unicode white space outside ASCII starts with one of these bytes (U+0085, U+00A0,
    // U+1680, U+2000–U+205F, U+3000); decode only those.
    let space = matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
        && text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_whitespace);
    (space, len)
}

/// Tab, line feed, vertical tab, form feed, carriage return, space: the ASCII characters
/// [`char::is_whitespace`] accepts (one more than [`u8::is_ascii_whitespace`]: vertical tab).
#[inline]
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `word` without the characters that are not letters or digits at either end ("“Hello,”"
/// → "Hello"): `word.trim_matches(|c: char| !c.is_alphanumeric())`, with a shortcut for the
/// common word that starts and ends with an ASCII letter or digit.
#[inline]
pub fn bare(word: &str) -> &str {
    let bytes = word.as_bytes();
    let clean_start = bytes.first().is_some_and(u8::is_ascii_alphanumeric);
    let clean_end = bytes.last().is_some_and(u8::is_ascii_alphanumeric);
    if clean_start && clean_end {
        return word;
    }
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pieces(text: &str) -> Vec<&str> {
        spans(text).map(|r| &text[r]).collect()
    }

    #[test]
    fn words_are_what_split_whitespace_gives() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tand\nline\r\nbreaks\u{b}vt\u{c}ff",
            "no\u{a0}break\u{2009}thin\u{3000}ideographic\u{85}next\u{1680}ogham",
            "“Curly,” she said — café, 5 €.",
            "zero\u{200b}width is no space",
        ] {
            assert_eq!(pieces(text), text.split_whitespace().collect::<Vec<_>>());
        }
    }

    #[test]
    fn bare_trims_punctuation_like_trim_matches() {
        for word in [
            "",
            "word",
            "“Hello,”",
            "(AP)",
            "U.S.",
            "—",
            "5%",
            "café",
            "’90s",
        ] {
            assert_eq!(
                bare(word),
                word.trim_matches(|c: char| !c.is_alphanumeric())
            );
        }
    }

    proptest! {
        #[test]
        fn any_text_splits_like_split_whitespace(text in "\\PC{0,80}|[ a\u{a0}\u{2003}\u{200b}\u{85}\t\n.,é]{0,40}") {
            prop_assert_eq!(pieces(&text), text.split_whitespace().collect::<Vec<_>>());
            for word in text.split_whitespace() {
                prop_assert_eq!(bare(word), word.trim_matches(|c: char| !c.is_alphanumeric()));
            }
        }
    }
}
