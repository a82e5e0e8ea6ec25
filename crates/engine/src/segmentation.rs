//! Sentence segmentation of news and transcript text.
//!
//! The segmenter is rule-based, in the tradition of pySBD and pragmatic_segmenter, but works in
//! one left-to-right pass over the bytes with no regular expressions, so it costs a few
//! nanoseconds per byte. It decides at each candidate end (`.`, `!`, `?`, `…` followed by
//! closing quotes or brackets and then white space) whether a sentence really ends there, by
//! looking at the word before the mark and the word after it.
//!
//! Lines matter in news copy: headlines, datelines, bylines, captions and list items carry no
//! final period, so a line break ends a sentence, unless the text is hard-wrapped prose (most
//! lines of similar width and ending mid-sentence), where a single line break is a space.
//! Transcript speaker labels (`HOLT:`) are kept out of the sentence they introduce.

use std::ops::Range;

use crate::attribution;
use crate::claim::Sentence;
use crate::lexicon::abbreviations::{
    is_ambiguous_abbreviation_listed, is_lower_case_abbreviation, is_month_abbreviation,
    is_numbering_abbreviation, is_roman_numeral, is_title,
};
use crate::lexicon::function_words::{
    is_adverbial_opener, is_sentence_starter_listed, is_subject_opener,
};
use crate::offsets::CharIndex;

/// The longest run of text, in bytes, that the segmenter keeps as one sentence. Past it, a
/// runaway "sentence" (a pasted table, a transcript without punctuation) is cut at white space so
/// that later stages and the review list deal with readable pieces.
pub const MAX_SENTENCE_BYTES: usize = 4_000;

/// Split `text` into sentences with character offsets into it.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let index = CharIndex::new(text);
    sentence_spans(text)
        .into_iter()
        .map(|span| Sentence {
            start: index.char_at(span.start),
            end: index.char_at(span.end),
            text: text[span].to_string(),
        })
        .collect()
}

/// The byte ranges of the sentences of `text`, in order, trimmed of surrounding white space and
/// never empty.
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let soft_wraps = is_hard_wrapped(text);
    for block in blocks(text, soft_wraps) {
        split_block(text, block, &mut out);
    }
    out
}

/// The runs of text that no sentence crosses: lines, or paragraphs when the text is hard-wrapped.
/// A transcript speaker label at the start of a line is left out of its run.
fn blocks(text: &str, soft_wraps: bool) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start();
        let lead = content.len() - trimmed.len();
        let mut start = line_start + lead;
        let label = attribution::speaker_label_len(trimmed);
        if let Some(len) = label {
            start += len;
        }
        let end = line_start + content.len();
        let blank = trimmed.trim().is_empty();
        let joins = soft_wraps
            && !blank
            && label.is_none()
            && !starts_list_item(trimmed)
            && current.is_some();
        match current.take() {
            Some(open) if joins => current = Some(open.start..end),
            Some(open) => {
                blocks.push(open);
                if !blank {
                    current = Some(start..end);
                }
            }
            None if !blank => current = Some(start..end),
            None => {}
        }
        if blank && let Some(open) = current.take() {
            blocks.push(open);
        }
        line_start = line_end;
    }
    if let Some(open) = current {
        blocks.push(open);
    }
    blocks
}

/// Whether single line breaks in `text` are wrapping rather than structure: most lines that run
/// on into another line are of a similar, typewriter width and stop mid-sentence.
fn is_hard_wrapped(text: &str) -> bool {
    let mut run_on = 0;
    let mut wrapped_like = 0;
    let mut lowercase_next = 0;
    let mut lines = text.lines().map(str::trim_end);
    let Some(mut line) = lines.next() else {
        return false;
    };
    for next in lines {
        let line = std::mem::replace(&mut line, next);
        if line.trim().is_empty() || next.trim().is_empty() {
            continue;
        }
        run_on += 1;
        // A line of 40 to 100 characters has 40 to 400 bytes: count characters only then.
        let width = if (40..=400).contains(&line.len()) {
            line.chars().count()
        } else {
            line.len()
        };
        let ends_sentence = line.ends_with(['.', '!', '?', ':', '"', '”', ')']);
        if (40..=100).contains(&width) && !ends_sentence {
            wrapped_like += 1;
            // Headlines and link lists also stop without a period, but wrapped prose mostly
            // carries on in the middle of a sentence, in lower case.
            if next.trim_start().starts_with(char::is_lowercase) {
                lowercase_next += 1;
            }
        }
    }
    run_on >= 4 && wrapped_like * 10 >= run_on * 6 && lowercase_next * 10 >= wrapped_like * 3
}

/// Whether a line opens a list item: a bullet, or a number or letter with `.` or `)`.
fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '*' | '-' | '–' | '—' | '·' | '▪' | '◦') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_alphanumeric() => {
            let marker: String = line
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            let rest = &line[marker.len()..];
            marker.len() <= 3
                && (marker.chars().all(|c| c.is_ascii_digit()) || marker.len() == 1)
                && (rest.starts_with(". ") || rest.starts_with(") "))
        }
        _ => false,
    }
}

/// The ellipsis character `…` in UTF-8.
const ELLIPSIS: &[u8] = "…".as_bytes();

/// Split one block into sentences, appending their byte ranges to `out`.
fn split_block(text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    let first_of_block = out.len();
    let bytes = text.as_bytes();
    let mut sentence_start = block.start;
    // Items of a list run into one line ("1.) The first item 2.) The second item") start
    // sentences of their own, whatever marks stand before them.
    let items = inline_list_items(text, block.clone());
    let mut items = items.iter().copied().peekable();
    let mut marks = CandidateMarks::new(bytes, block.clone());
    while let Some(i) = marks.next_from(bytes) {
        while let Some(item) = items.next_if(|&item| item <= i) {
            if item > sentence_start {
                push_sentence(text, sentence_start..item, out);
                sentence_start = item;
            }
        }
        let mut marks_end = skip_while(text, i, block.end, |c| matches!(c, '.' | '!' | '?' | '…'));
        if marks_end == i + 1 && bytes[i] == b'.' {
            let dots_end = spaced_dots_end(bytes, marks_end, block.end);
            if dots_end > marks_end {
                let attached = !text[..i].ends_with(char::is_whitespace);
                if attached {
                    // "compounds. . . . The practice": the period ends the sentence and the
                    // spaced ellipsis opens the next one (omitted words before it); before a
                    // closing quote, the end of the text or a word in lower case, the whole
                    // run belongs to the sentence.
                    let after = skip_while(text, dots_end, block.end, is_closer);
                    let next = skip_while(text, after, block.end, is_space);
                    let next_word_starts = text[next..block.end]
                        .chars()
                        .next()
                        .is_some_and(|c| !c.is_lowercase());
                    if next < block.end && next > after && next_word_starts {
                        push_sentence(text, sentence_start..i + 1, out);
                        sentence_start = skip_while(text, i + 1, block.end, is_space);
                    }
                    marks.resume_at(dots_end);
                    continue;
                }
                marks_end = dots_end;
            }
        }
        let closers_end = skip_while(text, marks_end, block.end, is_closer);
        let next = skip_while(text, closers_end, block.end, is_space);
        let followed_by_space = closers_end == block.end || next > closers_end;
        let ellipsis = marks_end - i >= 3 && is_ellipsis(&text[i..marks_end]);
        let opening = || {
            text[sentence_start..i]
                .trim_start_matches(is_space)
                .is_empty()
        };
        if ellipsis && followed_by_space && next < block.end && opening() {
            // "MCCAIN: ... I supported": an ellipsis opening a turn or a paragraph stands for
            // what came before; the sentence is the words after it.
            if !text[next..block.end].starts_with(char::is_lowercase) {
                sentence_start = next;
            }
            marks.resume_at(marks_end);
            continue;
        }
        if followed_by_space
            && next < block.end
            && ends_sentence(text, sentence_start, i..marks_end, closers_end, next)
        {
            push_sentence(text, sentence_start..closers_end, out);
            sentence_start = next;
        }
        marks.resume_at(marks_end.max(i + 1));
    }
    for item in items {
        if item > sentence_start {
            push_sentence(text, sentence_start..item, out);
            sentence_start = item;
        }
    }
    push_sentence(text, sentence_start..block.end, out);
    merge_citation_sources(text, first_of_block, out);
}

/// The end of a spaced ellipsis continuing at `from` (" . ." after a first period), or `from`
/// when fewer than two further spaced dots follow: ". . ." and ". . . ." are one mark.
fn spaced_dots_end(bytes: &[u8], from: usize, limit: usize) -> usize {
    let mut end = from;
    let mut dots = 0;
    while end + 1 < limit && bytes[end] == b' ' && bytes[end + 1] == b'.' {
        end += 2;
        dots += 1;
    }
    if dots >= 2 { end } else { from }
}

/// Bullets that mark list items (a hyphen too, at the start of a line only).
fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '⁃' | '▪' | '◦' | '·' | '‣')
}

/// A list item's number or letter and the marks after it: `1.`, `2)`, `3.)`, `b.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ListMarker<'a> {
    /// The item's number, or its letter's place in the alphabet (`a` = 1).
    value: u32,
    /// Whether it is a letter, and in which case.
    letter: Option<bool>,
    /// What follows it: `.`, `)` or `.)`.
    style: &'a str,
}

impl ListMarker<'_> {
    /// Whether `next` is the marker of the item after this one.
    fn is_followed_by(&self, next: &ListMarker<'_>) -> bool {
        next.value == self.value + 1 && next.letter == self.letter && next.style == self.style
    }
}

/// The list marker `word` is, if it is one: up to three digits or a single letter, then `.`,
/// `)` or `.)` and nothing else.
fn list_marker(word: &str) -> Option<ListMarker<'_>> {
    let body_len = word
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(word.len());
    let (body, style) = word.split_at(body_len);
    if !matches!(style, "." | ")" | ".)") {
        return None;
    }
    if (1..=3).contains(&body.len()) && body.bytes().all(|b| b.is_ascii_digit()) {
        let value = body.parse().ok()?;
        return Some(ListMarker {
            value,
            letter: None,
            style,
        });
    }
    let mut letters = body.chars();
    match (letters.next(), letters.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => Some(ListMarker {
            value: u32::from(c.to_ascii_lowercase()) - u32::from('a') + 1,
            letter: Some(c.is_ascii_uppercase()),
            style,
        }),
        _ => None,
    }
}

/// Where the items of a list written on one line start, after the first: a block that opens
/// with a bullet, a list marker or both ("• 9. The first item • 10. The second item", "a. The
/// first item b. The second item") starts a new item at each later bullet of the same kind and
/// at each marker that continues the numbering (`2.` after `1.`, `b.` after `a.`). Byte
/// offsets, in order; empty when the block does not open a list.
fn inline_list_items(text: &str, block: Range<usize>) -> Vec<usize> {
    let mut items = Vec::new();
    let slice = &text[block.clone()];
    if !could_open_a_list(slice) {
        return items;
    }
    let mut words = words_with_offsets(slice);
    let Some((_, opening)) = words.next() else {
        return items;
    };
    let bullet = opening.chars().next().filter(|&c| is_bullet(c));
    let mut marker = match bullet {
        Some(b) => {
            let rest = &opening[b.len_utf8()..];
            if rest.is_empty() {
                // "• 9. The first item": the marker is the next word, if any.
                let mut peek = words.clone();
                match peek.next().and_then(|(_, w)| list_marker(w)) {
                    Some(m) => {
                        words = peek;
                        Some(m)
                    }
                    None => None,
                }
            } else {
                list_marker(rest)
            }
        }
        None => list_marker(opening),
    };
    if bullet.is_none() && marker.is_none() {
        return items;
    }
    let mut words = words.peekable();
    while let Some((at, word)) = words.next() {
        let word_bullet = word.chars().next().filter(|&c| Some(c) == bullet);
        let candidate = match word_bullet {
            Some(b) if word.len() == b.len_utf8() => {
                // A bullet standing alone, then the marker (if the list has markers).
                match marker {
                    None => Some((at, None)),
                    Some(_) => words
                        .peek()
                        .and_then(|&(_, next)| list_marker(next))
                        .map(|m| (at, Some(m))),
                }
            }
            Some(b) => match marker {
                None => None,
                Some(_) => list_marker(&word[b.len_utf8()..]).map(|m| (at, Some(m))),
            },
            None if bullet.is_none() => list_marker(word).map(|m| (at, Some(m))),
            None => None,
        };
        let Some((at, found)) = candidate else {
            continue;
        };
        let continues = match (marker, found) {
            (None, None) => true,
            (Some(last), Some(next)) => last.is_followed_by(&next),
            _ => false,
        };
        // An item has words of its own after the marker.
        if continues && words.peek().is_some() {
            items.push(block.start + at);
            marker = found;
        }
    }
    items
}

/// A quick look at the first bytes of a block: whether it opens with a bullet or with what
/// could be a list marker (a letter, or up to three digits, then `.` or `)`). Most blocks open
/// with a word, and this keeps the list's closer look off them.
fn could_open_a_list(block: &str) -> bool {
    let bytes = block.as_bytes();
    let digits = bytes
        .iter()
        .take(4)
        .take_while(|b| b.is_ascii_digit())
        .count();
    let marker_len = match bytes.first() {
        Some(b) if b.is_ascii_digit() => digits,
        Some(b) if b.is_ascii_alphabetic() => 1,
        _ => return block.starts_with(is_bullet),
    };
    marker_len <= 3 && matches!(bytes.get(marker_len), Some(b'.' | b')'))
}

/// The words of `slice` (split at white space) with their byte offsets.
fn words_with_offsets(slice: &str) -> impl Iterator<Item = (usize, &str)> + Clone {
    crate::words::spans(slice).map(|range| (range.start, &slice[range]))
}

/// The positions in a block where a sentence may end: `.`, `!`, `?` and `…`, found with
/// `memchr` rather than by testing every byte (most bytes of a text are none of them).
struct CandidateMarks {
    /// Where the search continues.
    at: usize,
    end: usize,
    /// The next `…` at or after `at`, if any (they are rare, so one search serves many marks).
    next_ellipsis: Option<usize>,
}

impl CandidateMarks {
    fn new(bytes: &[u8], block: Range<usize>) -> Self {
        let next_ellipsis =
            memchr::memmem::find(&bytes[block.clone()], ELLIPSIS).map(|at| block.start + at);
        CandidateMarks {
            at: block.start,
            end: block.end,
            next_ellipsis,
        }
    }

    /// The next candidate at or after the current position.
    fn next_from(&mut self, bytes: &[u8]) -> Option<usize> {
        if self.at >= self.end {
            return None;
        }
        if self.next_ellipsis.is_some_and(|e| e < self.at) {
            self.next_ellipsis =
                memchr::memmem::find(&bytes[self.at..self.end], ELLIPSIS).map(|at| self.at + at);
        }
        let period_or_mark =
            memchr::memchr3(b'.', b'!', b'?', &bytes[self.at..self.end]).map(|at| self.at + at);
        let found = match (period_or_mark, self.next_ellipsis) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.at = found.map_or(self.end, |f| f + 1);
        found
    }

    /// Continue the search at `at` (past the marks just looked at).
    fn resume_at(&mut self, at: usize) {
        self.at = at;
    }
}

/// In reference lists, `“Title of the piece.” Reuters.` is one entry: a one- or two-word name
/// with a period after a closing quote goes back to the quotation it cites.
fn merge_citation_sources(text: &str, first: usize, out: &mut Vec<Range<usize>>) {
    let mut kept = first;
    for at in first..out.len() {
        let span = out[at].clone();
        let after_quote = at > first && text[out[kept - 1].clone()].ends_with(['”', '"']);
        if after_quote && is_source_name(&text[span.clone()]) {
            out[kept - 1].end = span.end;
        } else {
            out[kept] = span;
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// Whether a sentence is one or two capitalised words ending in a period, perhaps with the
/// year of publication after them: "Reuters.", "FactCheck Org.", "Nature, 2020.". Reads no
/// further than a fourth word.
fn is_source_name(sentence: &str) -> bool {
    if !sentence.ends_with('.') {
        return false;
    }
    let mut names = 0;
    let mut year = false;
    for word in sentence.split_whitespace().take(4) {
        let is_year = word.len() == 5 && word[..4].bytes().all(|b| b.is_ascii_digit());
        if year || !(word.starts_with(char::is_uppercase) || names > 0 && is_year) {
            return false;
        }
        year = is_year;
        names += usize::from(!is_year);
    }
    (1..=2).contains(&names)
}

/// Append the trimmed `span` to `out`, cutting it at white space if it is overlong.
fn push_sentence(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut span = trim(text, span);
    while span.end - span.start > MAX_SENTENCE_BYTES {
        let limit = floor_char_boundary(text, span.start + MAX_SENTENCE_BYTES);
        let cut = text[span.start..limit]
            .rfind(char::is_whitespace)
            .map(|at| span.start + at)
            .filter(|&at| at > span.start)
            .unwrap_or(limit);
        let piece = trim(text, span.start..cut);
        if !piece.is_empty() {
            out.push(piece);
        }
        span = trim(text, cut..span.end);
    }
    if !span.is_empty() {
        out.push(span);
    }
}

/// `span` without white space at either end (zero-width characters count as white space at
/// its start).
pub fn trim(text: &str, span: Range<usize>) -> Range<usize> {
    let slice = &text[span.clone()];
    let start = span.start + (slice.len() - slice.trim_start_matches(is_space).len());
    // Zero-width characters after a sentence's last mark stay with it, as its closers do.
    let end = span.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The first byte offset at or after `from` (and before `limit`) whose char fails `keep`.
fn skip_while(text: &str, from: usize, limit: usize, keep: impl Fn(char) -> bool) -> usize {
    text[from..limit]
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(limit, |(at, _)| from + at)
}

/// Closing quotes and brackets that stay with the sentence a mark ends.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '*' | '_'
    ) || is_invisible(c)
}

/// Zero-width characters that web copy scatters around punctuation; they separate nothing.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// White space, counting the zero-width characters that stand in for it in web copy.
fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Whether the marks at `marks` end the sentence that began at `sentence_start`, given the word
/// that follows at `next`.
fn ends_sentence(
    text: &str,
    sentence_start: usize,
    marks: Range<usize>,
    closers_end: usize,
    next: usize,
) -> bool {
    let following = next_word(text, next);
    let first = following.chars().find(|c| c.is_alphanumeric());
    let quoted = text[marks.end..closers_end].contains(['"', '”', '\'', '’', '»']);
    if quoted && introduces_attribution(&text[next..]) {
        // "Stop!" Smith shouted. / "Why now?" the senator asked.
        return false;
    }
    let marks_text = &text[marks.clone()];
    if text[..marks.start].ends_with('[') && text[marks.end..closers_end].starts_with(']') {
        // "stairways [...]": words left out of a quotation, marked by its editor.
        return false;
    }
    let single_period = marks_text == "." && closers_end == marks.end;
    let word = word_before(text, sentence_start, marks.start);
    if first.is_some_and(char::is_lowercase) && !is_web_address(following) {
        if marks_text == "!"
            && closers_end == marks.end
            && is_name_inside(text, sentence_start, word)
        {
            // "She works at Yahoo! in accounting": a name that carries the mark.
            return false;
        }
        // Edited copy does not begin a sentence in lower case, so "e.g. the", "(see p. 4) for"
        // and "… and then" continue. Chat and social-media text does, after a plain word:
        // "it took 5 months to arrive. i got it last week."
        let after_plain_word = single_period && is_plain_lowercase_word(word);
        // "(again!) on Monday": a mark inside brackets does not end the sentence around them.
        let after_question =
            marks_text.contains(['?', '!']) && !text[marks.end..closers_end].contains(')');
        return after_plain_word || after_question;
    }
    let free_standing_ellipsis =
        is_ellipsis(marks_text) && text[..marks.start].ends_with(char::is_whitespace);
    if free_standing_ellipsis {
        // Four dots are a period and an ellipsis: "… with a period . . . . Next sentence."
        if marks_text.bytes().filter(|&b| b == b'.').count() >= 4 {
            return true;
        }
        // "During the interview … Dr. Lieber said" and "the thing is . . . I didn't mean it"
        // mark words left out of a quotation; only a word that typically opens a sentence, and
        // is not the speaker's own "I", makes it an end.
        return is_sentence_starter(following) && following != "I";
    }
    let before = &text[sentence_start..marks.start - word.len()];
    let bracket_or_none = matches!(&text[marks.end..closers_end], "" | ")");
    if marks_text == "." && bracket_or_none && opens_a_list_item(before, word) {
        // "1. Congress passed…", "1.) The first item", "a. The rule…" and "• 9. The first
        // item" open a list item, they are not a sentence.
        return false;
    }
    if !single_period || word.is_empty() {
        return true;
    }
    let next_is_digit = first.is_some_and(|c| c.is_ascii_digit())
        && following.starts_with(|c: char| c.is_ascii_digit() || c == '$');
    abbreviation_ends_sentence(before, word, following, next_is_digit)
}

/// Whether `word`, before a mark, is a name inside the sentence rather than its first word:
/// capitalised, with lower-case letters after the capital ("Yahoo", not "STOP" or "Wow" opening
/// the sentence).
fn is_name_inside(text: &str, sentence_start: usize, word: &str) -> bool {
    let mut chars = word.chars();
    let capitalised = chars.next().is_some_and(char::is_uppercase);
    capitalised
        && chars.clone().any(char::is_lowercase)
        && chars.all(char::is_alphanumeric)
        && !text[sentence_start..]
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with(word)
}

/// Decide a period after `word`, given the sentence's words `before` it: `true` when it ends a
/// sentence.
fn abbreviation_ends_sentence(
    before: &str,
    word: &str,
    following: &str,
    next_is_digit: bool,
) -> bool {
    if is_title(word) {
        return false;
    }
    if next_is_digit && (is_numbering_abbreviation(word) || is_month_abbreviation(word)) {
        return false;
    }
    if word == "I" && previous_word(before).starts_with(char::is_lowercase) {
        // "you and I. Did you see…": after a word in lower case, "I" is the pronoun, which
        // ends a sentence as any word does; after a name it is an initial ("Albert I. Jones").
        return !next_is_digit;
    }
    let initial = is_initial(word);
    let ambiguous = is_ambiguous_abbreviation(word)
        || is_month_abbreviation(word)
        || is_initialism(word)
        || initial;
    if ambiguous {
        // "6 P.M. Mr. Smith then went": a title after an abbreviation opens the next sentence,
        // unless the abbreviation closes a short phrase opening this one ("At 5 a.m. Mr.
        // Smith went", "In the U.S. Mr. Trump is…").
        let title_follows = is_title(following.trim_end_matches('.'));
        if title_follows && !initial {
            return !opens_with_a_short_adverbial(before);
        }
        // "the U.S. Congress", "John F. Kennedy", "5 p.m. Friday" go on; "in the U.S. The
        // next day" ends. Only a word that typically opens a sentence tells them apart.
        return !next_is_digit && is_sentence_starter(following);
    }
    true
}

/// Whether `word` is a list item's number or letter opening the sentence, after nothing but
/// bullets (`before` is the sentence up to it).
fn opens_a_list_item(before: &str, word: &str) -> bool {
    let marker = word.trim_start_matches(is_bullet);
    !marker.is_empty()
        && before.chars().all(|c| is_space(c) || is_bullet(c))
        && is_list_marker(marker)
}

/// The last word of `text`, without surrounding punctuation ("" when there is none).
fn previous_word(text: &str) -> &str {
    text.split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
}

/// Whether `words` (the start of a sentence) are a short opening phrase: at most three words,
/// the first an adverbial opener ("At 5", "In the").
fn opens_with_a_short_adverbial(words: &str) -> bool {
    let mut words = words.split_whitespace();
    let opens = words.next().is_some_and(is_adverbial_opener);
    opens && words.count() <= 2
}

/// The word that ends at `end` (the period's position), back to white space or an opening
/// bracket or quote, and never before `floor`.
fn word_before(text: &str, floor: usize, end: usize) -> &str {
    let slice = &text[floor..end];
    let from = slice
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '‘' | '—' | '/'))
        .map_or(0, |(at, c)| at + c.len_utf8());
    &slice[from..]
}

/// The word starting at `at`: up to the next white space, without leading opening quotes.
fn next_word(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    rest[..end].trim_start_matches(['"', '“', '‘', '\'', '(', '[', '«'])
}

fn is_web_address(word: &str) -> bool {
    word.starts_with("http://") || word.starts_with("https://") || word.starts_with("www.")
}

/// Whether the text after a closing quote reads like `Smith said` or `the senator asked`: a
/// few name or role words and then a verb of saying.
fn introduces_attribution(rest: &str) -> bool {
    for (position, word) in rest.split_whitespace().take(5).enumerate() {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if crate::lexicon::speech::is_speech_verb(bare) {
            // "Smith added: “…" opens the next quotation rather than closing the last one.
            return position > 0 && !word.ends_with(':');
        }
        let plausible_subject =
            bare.chars().next().is_some_and(char::is_uppercase) || is_subject_opener(bare);
        if !plausible_subject || word.ends_with(['.', '!', '?']) {
            return false;
        }
    }
    false
}

fn is_ellipsis(marks: &str) -> bool {
    matches!(marks, "…" | "..." | "...." | ". . ." | ". . . .")
}

/// A word of lower-case letters that is no known abbreviation, so a period after it ends a
/// sentence even when the next word is in lower case.
fn is_plain_lowercase_word(word: &str) -> bool {
    word.len() >= 2
        && word.chars().all(|c| c.is_lowercase())
        && !is_ambiguous_abbreviation(word)
        && !is_numbering_abbreviation(word)
        && !is_title(word)
        && !is_lower_case_abbreviation(word)
}

/// `1`, `12`, `a`, `iv`: numbering at the start of a list item.
fn is_list_marker(word: &str) -> bool {
    (word.len() <= 3 && word.chars().all(|c| c.is_ascii_digit()))
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
        || is_roman_numeral(word)
}

/// Abbreviations that end a sentence about as often as they sit inside one.
fn is_ambiguous_abbreviation(word: &str) -> bool {
    // Lower-case into a small buffer: this runs at every period, and the longest entry is short.
    let mut buffer = [0u8; 8];
    if word.len() > buffer.len() {
        return false;
    }
    for (slot, byte) in buffer.iter_mut().zip(word.bytes()) {
        *slot = byte.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buffer[..word.len()]).unwrap_or("");
    is_ambiguous_abbreviation_listed(lower)
}

/// Dotted initialisms: `U.S`, `U.N`, `D.C`, `a.m` (the final period is the candidate).
fn is_initialism(word: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for c in word.chars() {
        if expect_letter && c.is_alphabetic() {
            letters += 1;
            expect_letter = false;
        } else if !expect_letter && c == '.' {
            expect_letter = true;
        } else {
            return false;
        }
    }
    letters >= 2 && !expect_letter
}

/// A single capital letter: a middle initial (`John F. Kennedy`).
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Words that usually open a sentence and rarely follow an abbreviation inside one. After an
/// ambiguous abbreviation, only these make the period a sentence end.
fn is_sentence_starter(word: &str) -> bool {
    let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    is_sentence_starter_listed(bare)
}

/// How closely the segmenter's sentences agree with gold sentences of the same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BoundaryAgreement {
    /// Gold sentences.
    pub gold: usize,
    /// Sentences the segmenter found.
    pub predicted: usize,
    /// Gold sentences that the segmenter found with exactly the same start and end.
    pub exact: usize,
}

impl BoundaryAgreement {
    /// Share of gold sentences found exactly (the figure the claim-engine issue sets at 97%).
    pub fn exact_rate(&self) -> f64 {
        ratio(self.exact, self.gold)
    }

    /// Share of predicted sentences that are exactly a gold sentence.
    pub fn precision(&self) -> f64 {
        ratio(self.exact, self.predicted)
    }
}

impl std::ops::Add for BoundaryAgreement {
    type Output = BoundaryAgreement;

    /// Sum of two agreements, for totals over many documents.
    fn add(self, other: BoundaryAgreement) -> BoundaryAgreement {
        BoundaryAgreement {
            gold: self.gold + other.gold,
            predicted: self.predicted + other.predicted,
            exact: self.exact + other.exact,
        }
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 1.0;
    }
    part as f64 / whole as f64
}

/// Compare the segmenter's sentences of `text` with `gold` sentences, given as character
/// `(start, end)` offsets, end exclusive. White space and zero-width characters at the edges
/// of either span are ignored: the segmenter never includes white space, and an invisible
/// U+200B on one side of a boundary or the other is no difference a reader could see.
pub fn sentence_boundary_accuracy(gold: &[(usize, usize)], text: &str) -> BoundaryAgreement {
    let chars: Vec<char> = text.chars().collect();
    let visible = |start: usize, end: usize| {
        let (mut start, mut end) = (start.min(chars.len()), end.min(chars.len()));
        while start < end && is_space(chars[start]) {
            start += 1;
        }
        while end > start && is_space(chars[end - 1]) {
            end -= 1;
        }
        (start, end)
    };
    let predicted: std::collections::HashSet<(usize, usize)> = sentences(text)
        .into_iter()
        .map(|s| visible(s.start, s.end))
        .collect();
    let exact = gold
        .iter()
        .filter(|&&(start, end)| predicted.contains(&visible(start, end)))
        .count();
    BoundaryAgreement {
        gold: gold.len(),
        predicted: predicted.len(),
        exact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn texts(text: &str) -> Vec<String> {
        sentences(text).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn offsets_point_at_the_sentence_text() {
        let text = "Prices rose 4% in May.  \u{201c}It hurts,\u{201d} she said. Done";
        for sentence in sentences(text) {
            let slice: String = text
                .chars()
                .skip(sentence.start)
                .take(sentence.end - sentence.start)
                .collect();
            assert_eq!(slice, sentence.text);
        }
        assert_eq!(sentences(text).len(), 3);
    }

    #[test]
    fn boundary_accuracy_ignores_invisible_characters_at_the_edges_regression() {
        // Gold that keeps a zero-width space after " " with the previous sentence agrees
        // with a split that leaves it out: the reader sees the same two sentences.
        let text = "It may help. \u{200b} Smith agreed.";
        let found = sentence_boundary_accuracy(&[(0, 14), (15, 28)], text);
        assert_eq!((found.exact, found.gold, found.predicted), (2, 2, 2));
        let off_by_a_word = sentence_boundary_accuracy(&[(0, 6)], text);
        assert_eq!(off_by_a_word.exact, 0);
    }

    #[rstest]
    #[case::plain_periods("The vote passed. The bill goes to the Senate.", &["The vote passed.", "The bill goes to the Senate."])]
    #[case::title_before_a_name("Mr. Lopez met Sen. Harlan Brooks and Gov. Dana Wu.", &["Mr. Lopez met Sen. Harlan Brooks and Gov. Dana Wu."])]
    #[case::country_initialism_inside_a_sentence("The U.S. Senate and the U.N. General Assembly met.", &["The U.S. Senate and the U.N. General Assembly met."])]
    #[case::country_initialism_ending_a_sentence("Exports fell in the U.S. The decline was sharp.", &["Exports fell in the U.S.", "The decline was sharp."])]
    #[case::month_abbreviation_before_a_day("The vote is set for Nov. 7, 2017, in Albany.", &["The vote is set for Nov. 7, 2017, in Albany."])]
    #[case::clock_time_inside("The polls close at 8 p.m. Eastern time on Tuesday.", &["The polls close at 8 p.m. Eastern time on Tuesday."])]
    #[case::clock_time_ending("The polls close at 8 p.m. We will report the count.", &["The polls close at 8 p.m.", "We will report the count."])]
    #[case::suffix_inside_a_name("Martin Luther King Jr. Day is a holiday.", &["Martin Luther King Jr. Day is a holiday."])]
    #[case::middle_initial("John F. Kennedy spoke first. Nixon replied.", &["John F. Kennedy spoke first.", "Nixon replied."])]
    #[case::decimals_and_money("Inflation hit 3.2 percent. Bread costs $2.50 now.", &["Inflation hit 3.2 percent.", "Bread costs $2.50 now."])]
    #[case::email_and_web_address("Write to desk@example.org for details. See example.com/a.b for more.", &["Write to desk@example.org for details.", "See example.com/a.b for more."])]
    #[case::quote_ends_inside_the_mark("She said, \u{201c}We won.\u{201d} The crowd cheered.", &["She said, \u{201c}We won.\u{201d}", "The crowd cheered."])]
    #[case::quote_ends_outside_the_mark("He called it \u{201c}a disgrace\u{201d}. Aides disagreed.", &["He called it \u{201c}a disgrace\u{201d}.", "Aides disagreed."])]
    #[case::exclamation_then_speaker("\u{201c}Stop the count!\u{201d} Smith shouted at the rally.", &["\u{201c}Stop the count!\u{201d} Smith shouted at the rally."])]
    #[case::question_then_lowercase_speaker("\"Why now?\" she asked. Nobody answered.", &["\"Why now?\" she asked.", "Nobody answered."])]
    #[case::sentence_in_parentheses("The mayor resigned. (She denies wrongdoing.) A vote follows.", &["The mayor resigned.", "(She denies wrongdoing.)", "A vote follows."])]
    #[case::abbreviation_in_parentheses("Turnout rose (see p. 4) in every ward.", &["Turnout rose (see p. 4) in every ward."])]
    #[case::ellipsis_continuing("We waited \u{2026} and waited. Then it rained.", &["We waited \u{2026} and waited.", "Then it rained."])]
    #[case::ellipsis_ending("It was over... The next day was quiet.", &["It was over...", "The next day was quiet."])]
    #[case::headline_without_period("Council approves budget\nThe council voted 7-2 on Monday.", &["Council approves budget", "The council voted 7-2 on Monday."])]
    #[case::numbered_list("Three findings:\n1. Costs rose.\n2. Wait times fell.", &["Three findings:", "1. Costs rose.", "2. Wait times fell."])]
    #[case::bulleted_list("Key points\n• Taxes rise in May\n• Fees fall", &["Key points", "• Taxes rise in May", "• Fees fall"])]
    #[case::numbering_abbreviation("He lives at No. 10 Downing Street. It is old.", &["He lives at No. 10 Downing Street.", "It is old."])]
    #[case::company_suffix_ending("Shares rose at Acme Inc. The rally faded.", &["Shares rose at Acme Inc.", "The rally faded."])]
    #[case::company_suffix_inside("Acme Inc. Chief Jane Roe resigned.", &["Acme Inc. Chief Jane Roe resigned."])]
    #[case::year_ends_sentence("The law passed in 2017. Critics sued.", &["The law passed in 2017.", "Critics sued."])]
    #[case::latin_abbreviation("Some states, e.g. Ohio, voted early.", &["Some states, e.g. Ohio, voted early."])]
    #[case::question_and_exclamation("Is it true? Yes! It is.", &["Is it true?", "Yes!", "It is."])]
    #[case::doubled_marks("Really?! That is new.", &["Really?!", "That is new."])]
    #[case::citation_source_with_a_year_regression("\u{201c}Flu season arrives early.\u{201d} Nature, 2020. Smith, J. wrote it.", &["\u{201c}Flu season arrives early.\u{201d} Nature, 2020.", "Smith, J. wrote it."])]
    #[case::speaker_opening_the_next_quotation_regression("It said \u{201c}the trial may help.\u{201d} \u{200b} Professor Smith added: \u{201c}Results come in May.\u{201d}", &["It said \u{201c}the trial may help.\u{201d}", "Professor Smith added: \u{201c}Results come in May.\u{201d}"])]
    #[case::academic_degree("She earned a Ph.D. in physics. Then she taught.", &["She earned a Ph.D. in physics.", "Then she taught."])]
    #[case::money_with_a_scale("The fund holds $1.5 billion. It grew 3.5% in 2017.", &["The fund holds $1.5 billion.", "It grew 3.5% in 2017."])]
    #[case::several_initials("J. R. R. Tolkien wrote it in Oxford. He taught there.", &["J. R. R. Tolkien wrote it in Oxford.", "He taught there."])]
    #[case::exclamation_in_parentheses("The vote failed (again!) on Monday. Aides left.", &["The vote failed (again!) on Monday.", "Aides left."])]
    #[case::citation_source_after_a_title("\u{201c}Flu season arrives early.\u{201d} Reuters.", &["\u{201c}Flu season arrives early.\u{201d} Reuters."])]
    #[case::free_standing_ellipsis_in_a_quotation("He said the plan \u{2026} Dr. Ames approved it.", &["He said the plan \u{2026} Dr. Ames approved it."])]
    #[case::chat_text_in_lower_case("it took 5 months to arrive. i got it last week.", &["it took 5 months to arrive.", "i got it last week."])]
    #[case::zero_width_space_after_a_quote("\u{201c}We won.\u{201d}\u{200b} The count ended.", &["\u{201c}We won.\u{201d}\u{200b}", "The count ended."])]
    #[case::web_address_opens_a_sentence("Read it here. https://example.org/x was shared.", &["Read it here.", "https://example.org/x was shared."])]
    #[case::street_abbreviation_in_lower_case_regression("The office is on 5th st. near the bridge.", &["The office is on 5th st. near the bridge."])]
    #[case::clock_time_before_a_title_ends_regression("He left at 6 P.M. Mr. Smith then went home.", &["He left at 6 P.M.", "Mr. Smith then went home."])]
    #[case::clock_time_opening_a_sentence_before_a_title("At 5 a.m. Mr. Smith went to the bank.", &["At 5 a.m. Mr. Smith went to the bank."])]
    #[case::initialism_before_a_title_ends("Sales fell in the U.S. Mr. Cook blamed tariffs.", &["Sales fell in the U.S.", "Mr. Cook blamed tariffs."])]
    #[case::name_with_an_exclamation_mark_regression("She works at Yahoo! in the accounting department.", &["She works at Yahoo! in the accounting department."])]
    #[case::pronoun_i_ends_a_sentence_regression("We make a good team, you and I. Did you see Albert I. Jones?", &["We make a good team, you and I.", "Did you see Albert I. Jones?"])]
    #[case::inline_list_with_bracketed_numbers_regression("1.) The first item 2.) The second item", &["1.) The first item", "2.) The second item"])]
    #[case::inline_list_with_brackets("1) Fares rise 2) Routes close 3) Hours shrink", &["1) Fares rise", "2) Routes close", "3) Hours shrink"])]
    #[case::inline_list_with_periods("1. Fares rise. 2. Routes close.", &["1. Fares rise.", "2. Routes close."])]
    #[case::inline_list_with_letters("a. Fares rise b. Routes close", &["a. Fares rise", "b. Routes close"])]
    #[case::inline_list_with_bullets("\u{2022} 9. Fares rise \u{2022} 10. Routes close", &["\u{2022} 9. Fares rise", "\u{2022} 10. Routes close"])]
    #[case::numbers_out_of_sequence_are_no_list("1. Fares rose by 3. Then routes closed.", &["1. Fares rose by 3.", "Then routes closed."])]
    #[case::number_sign_before_a_figure("It is at N\u{b0}. 1026.253.553. That is where.", &["It is at N\u{b0}. 1026.253.553.", "That is where."])]
    #[case::ellipsis_in_square_brackets("\"Bohr [...] used stairways [...]\" (Smith 55).", &["\"Bohr [...] used stairways [...]\" (Smith 55)."])]
    #[case::spaced_ellipsis_inside("It fell . . . and fell.", &["It fell . . . and fell."])]
    #[case::spaced_ellipsis_after_a_period("It was weakened. . . . The practice stayed.", &["It was weakened.", ". . . The practice stayed."])]
    #[case::spaced_ellipsis_before_i_in_a_quotation("the thing is . . . I didn't mean it.", &["the thing is . . . I didn't mean it."])]
    #[case::ellipsis_opening_a_turn_is_left_out("... I supported the bill in 1990.", &["I supported the bill in 1990."])]
    fn splits_like_an_editor_would(#[case] text: &str, #[case] expected: &[&str]) {
        assert_eq!(texts(text), expected);
    }

    #[test]
    fn transcript_speaker_labels_stay_out_of_the_sentence() {
        let text = "HOLT: Good evening. Welcome.\n\nSENATOR KENNEDY: Mr. Smith, Mr. Nixon.";
        assert_eq!(
            texts(text),
            ["Good evening.", "Welcome.", "Mr. Smith, Mr. Nixon."]
        );
    }

    #[test]
    fn hard_wrapped_prose_joins_across_line_breaks() {
        let text = "The council met on Monday evening to discuss the budget for next\n\
                    year and agreed to raise the tax on empty homes by two percent\n\
                    after a long debate about the shortage of affordable housing in\n\
                    the city. The mayor, who chaired the meeting, said she expected\n\
                    the measure to bring in about four million dollars a year for\n\
                    new homes.";
        let got = texts(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[0].ends_with("in\nthe city."));
    }

    #[test]
    fn an_overlong_sentence_is_cut_at_white_space() {
        let text = "word ".repeat(3_000);
        let spans = sentence_spans(&text);
        assert!(spans.len() > 1);
        for span in spans {
            assert!(span.end - span.start <= MAX_SENTENCE_BYTES);
            assert!(!text[span].starts_with(' '));
        }
    }
}
