//! Transcript speaker labels at the start of a line: `HOLT:`, `SENATOR KENNEDY:`, `Q:`.

use crate::lexicon::labels::NOT_SPEAKERS;

/// A transcript speaker label at the start of a line: `HOLT:`, `SENATOR KENNEDY:`,
/// `HOWARD K. SMITH, MODERATOR:`, `Q:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerLabel {
    /// Bytes from the start of the line to the first character after the label and its space.
    pub len: usize,
    /// The speaker as a person would write it ("Senator Kennedy", "Howard K. Smith").
    pub name: String,
}
/// Recognise a transcript speaker label at the start of `line`.
///
/// A label is at most 60 bytes of capitals, spaces, periods, commas, apostrophes, hyphens and a
/// parenthesised party, ending in a colon and a space; it has no lower-case letter and no digit
/// (so `COVID-19:` heading a sentence is not a speaker).
pub fn speaker_label(line: &str) -> Option<SpeakerLabel> {
    let (len, base) = label_parts(line)?;
    Some(SpeakerLabel {
        len,
        name: label_name(base),
    })
}
/// The length of the transcript speaker label at the start of `line` (see [`speaker_label`]),
/// without building the speaker's name.
pub fn speaker_label_len(line: &str) -> Option<usize> {
    label_parts(line).map(|(len, _)| len)
}
/// A label's length and the speaker part of it (before any parenthesised party).
pub(super) fn label_parts(line: &str) -> Option<(usize, &str)> {
    // Most lines hold no colon near their start: look for one before anything else.
    let colon = memchr::memchr(b':', &line.as_bytes()[..line.len().min(61)])?;
    line.get(..line.len().min(61))?;
    let label = &line[..colon];
    let after = &line[colon + 1..];
    if !after.starts_with([' ', '\t']) || after.trim().is_empty() {
        return None;
    }
    let mut letters = 0;
    let mut depth = 0i32;
    for c in label.chars() {
        match c {
            'A'..='Z' => letters += 1,
            ' ' | '.' | ',' | '\'' | '’' | '-' => {}
            '(' => depth += 1,
            ')' => depth -= 1,
            'a'..='z' if depth > 0 => {}
            _ => return None,
        }
    }
    let first_is_letter = label.starts_with(|c: char| c.is_ascii_uppercase());
    let single_letter_ok = letters == 1 && matches!(label, "Q" | "A");
    if !first_is_letter || depth != 0 || (letters < 2 && !single_letter_ok) {
        return None;
    }
    let base = label.split('(').next().unwrap_or(label).trim();
    if NOT_SPEAKERS.contains(&base) {
        return None;
    }
    let spaces = after.len() - after.trim_start().len();
    Some((colon + 1 + spaces, base))
}
/// "HOWARD K. SMITH, MODERATOR" → "Howard K. Smith"; "SENATOR KENNEDY" → "Senator Kennedy".
pub(super) fn label_name(label: &str) -> String {
    let person = label.split(',').next().unwrap_or(label).trim();
    person
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|word| {
            let mut out = String::with_capacity(word.len());
            let mut at_word_start = true;
            for c in word.chars() {
                if at_word_start {
                    out.push(c);
                } else {
                    out.extend(c.to_lowercase());
                }
                at_word_start = matches!(c, '-' | '\'' | '’' | '.');
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}
