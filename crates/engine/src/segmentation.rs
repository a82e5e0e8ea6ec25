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
use crate::lexicon::function_words::{is_sentence_starter_listed, is_subject_opener};
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
    let mut marks = CandidateMarks::new(bytes, block.clone());
    while let Some(i) = marks.next_from(bytes) {
        let marks_end = skip_while(text, i, block.end, |c| matches!(c, '.' | '!' | '?' | '…'));
        let closers_end = skip_while(text, marks_end, block.end, is_closer);
        let next = skip_while(text, closers_end, block.end, is_space);
        let followed_by_space = closers_end == block.end || next > closers_end;
        if followed_by_space
            && next < block.end
            && ends_sentence(text, sentence_start, i..marks_end, closers_end, next)
        {
            push_sentence(text, sentence_start..closers_end, out);
            sentence_start = next;
        }
        marks.resume_at(marks_end.max(i + 1));
    }
    push_sentence(text, sentence_start..block.end, out);
    merge_citation_sources(text, first_of_block, out);
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
    let single_period = marks_text == "." && closers_end == marks.end;
    let word = word_before(text, sentence_start, marks.start);
    if first.is_some_and(char::is_lowercase) && !is_web_address(following) {
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
        // "During the interview … Dr. Lieber said" marks words left out of a quotation; only a
        // word that typically opens a sentence makes it an end.
        return is_sentence_starter(following);
    }
    if !single_period || word.is_empty() {
        return true;
    }
    let next_is_digit = first.is_some_and(|c| c.is_ascii_digit())
        && following.starts_with(|c: char| c.is_ascii_digit() || c == '$');
    abbreviation_ends_sentence(sentence_start, marks.start, word, following, next_is_digit)
}

/// Decide a period after `word`: `true` when it ends a sentence.
fn abbreviation_ends_sentence(
    sentence_start: usize,
    period: usize,
    word: &str,
    following: &str,
    next_is_digit: bool,
) -> bool {
    // "1. Congress passed…" and "a. The rule…" open a list item, they are not a sentence.
    let word_start = period - word.len();
    if word_start == sentence_start && is_list_marker(word) {
        return false;
    }
    if is_title(word) {
        return false;
    }
    if next_is_digit && (is_numbering_abbreviation(word) || is_month_abbreviation(word)) {
        return false;
    }
    let ambiguous = is_ambiguous_abbreviation(word)
        || is_month_abbreviation(word)
        || is_initialism(word)
        || is_initial(word);
    if ambiguous {
        // "the U.S. Congress", "John F. Kennedy", "5 p.m. Friday" go on; "in the U.S. The
        // next day" ends. Only a word that typically opens a sentence tells them apart.
        return !next_is_digit && is_sentence_starter(following);
    }
    true
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
    marks == "…" || marks == "..." || marks == "...."
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
