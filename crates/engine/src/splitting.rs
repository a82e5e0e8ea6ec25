//! Atomic claims: one claim per checkable proposition, each a contiguous span of the text.
//!
//! A checker verifies one proposition at a time, so a sentence that strings several together is
//! split where its structure says so, and only there:
//! - a list of events hung on "with" ("…more strained, with Congress imposing sanctions,
//!   Moscow capping staff, and the closure of offices") gives the main clause and one claim per
//!   item;
//! - clauses joined by a semicolon, or by ", but", ", while", ", although", ", whereas" and
//!   ", and" when the right-hand side has a subject and verb of its own, become separate claims.
//!
//! A plain list of nouns ("the agenda would include the war, the standoff, and a crisis") stays
//! whole: its items are not propositions and would not read on their own. The review list
//! shows the whole sentence beside each claim for context.

use std::ops::Range;

use crate::lexicon::function_words::is_listed_finite_verb;
use crate::words;

/// Conjunctions that join two independent clauses after a comma.
const CLAUSE_JOINS: &[&str] = &[
    ", but ",
    ", while ",
    ", although ",
    ", though ",
    ", whereas ",
    ", and ",
    ", yet ",
    "; ",
];

/// The bytes the clause scan stops at: quotation marks (straight, and the last byte of the
/// curly ones) and the punctuation that joins clauses. The rest is skipped in a tight loop.
static CLAUSE_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    table[b'"' as usize] = true;
    table[0x9C] = true;
    table[0x9D] = true;
    table[b',' as usize] = true;
    table[b';' as usize] = true;
    table
};

/// Words that show a finite verb near the start of a clause: the listed auxiliaries and common
/// verbs, or a lower-case "-ed" word.
fn is_finite_verb(word: &str) -> bool {
    is_listed_finite_verb(word)
        || (word.len() > 4 && word.ends_with("ed") && word.starts_with(char::is_lowercase))
}

/// The minimum words of a piece worth checking on its own.
const MIN_WORDS: usize = 3;

/// Split the byte range `range` of `text` into atomic claim spans (byte ranges of `text`), in
/// order. Returns the whole range, trimmed, when nothing splits.
pub fn atomic_spans(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    atomic_spans_into(text, range, &mut out);
    out
}

/// [`atomic_spans`], appended to `out`.
pub fn atomic_spans_into(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let first = out.len();
    clauses(text, range, out);
    // Each clause may hold a "with" list: split them in place, from the last, so the
    // positions of those not yet visited stay put.
    let mut at = out.len();
    while at > first {
        at -= 1;
        let clause = out[at].clone();
        if let Some(pieces) = split_with_list(text, clause) {
            out.splice(at..=at, pieces);
        }
    }
    let mut kept = first;
    for at in first..out.len() {
        let piece = tidy(text, out[at].clone());
        if !piece.is_empty() {
            out[kept] = piece;
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// Split at clause joins whose both sides are clauses of their own, appending the clauses
/// to `out`.
fn clauses(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = range.start;
    let slice = &text[range.clone()];
    // One pass over the bytes: track whether we are inside a quotation (where clause joins
    // belong to the quoted speaker and are left alone) and test each comma or semicolon.
    let mut curly_depth = 0i32;
    let mut straight_open = false;
    let bytes = slice.as_bytes();
    let mut next = 0;
    while let Some(skip) = bytes[next..]
        .iter()
        .position(|&b| CLAUSE_BYTES[usize::from(b)])
    {
        let at = next + skip;
        next = at + 1;
        match bytes[at] {
            b'"' => straight_open = !straight_open,
            // “ and ” are E2 80 9C / E2 80 9D in UTF-8; their last byte identifies them.
            0x9C if at >= 2 && bytes[at - 2] == 0xE2 && bytes[at - 1] == 0x80 => curly_depth += 1,
            0x9D if at >= 2 && bytes[at - 2] == 0xE2 && bytes[at - 1] == 0x80 => curly_depth -= 1,
            b',' | b';' if curly_depth <= 0 && !straight_open => {
                let Some(join) = CLAUSE_JOINS.iter().find(|j| slice[at..].starts_with(**j)) else {
                    continue;
                };
                let left = &text[start..range.start + at];
                let right = &slice[at + join.len()..];
                // "Kamala Harris, the vice-president elect, and her husband are poised…"
                // joins a name and its appositive to another subject, not two clauses: a left
                // side with a comma of its own and no verb is a subject.
                let subject_list = left.contains(',') && !has_finite_verb(left);
                if has_words(left, 4) && has_words(right, 4) && opens_clause(right) && !subject_list
                {
                    out.push(start..range.start + at);
                    start = range.start + at + join.len();
                }
            }
            _ => {}
        }
    }
    out.push(start..range.end);
}

/// Whether `text` has at least `n` words, counting no further than that.
fn has_words(text: &str, n: usize) -> bool {
    words::spans(text).nth(n - 1).is_some()
}

/// Whether any word of `text` is a finite verb.
fn has_finite_verb(text: &str) -> bool {
    words::spans(text).any(|range| is_finite_verb(words::bare(&text[range])))
}

/// Whether `right` starts with a subject and a finite verb within its first words.
fn opens_clause(right: &str) -> bool {
    let mut first = [""; 7];
    let mut count = 0;
    for (slot, range) in first.iter_mut().zip(words::spans(right)) {
        *slot = words::bare(&right[range]);
        count += 1;
    }
    let first = &first[..count];
    first
        .iter()
        .enumerate()
        .skip(1)
        .any(|(i, w)| is_finite_verb(w) && !first[..i].iter().any(|p| matches!(*p, "to" | "of")))
}

/// "…, with A, B, and C." → main clause, A, B, C, when there are two or more items; `None`
/// when the clause holds no such list.
fn split_with_list(text: &str, range: Range<usize>) -> Option<Vec<Range<usize>>> {
    const WITH: &[u8] = b", with ";
    let slice = &text[range.clone()];
    let with_at = memchr::memchr_iter(b',', slice.as_bytes())
        .find(|&at| slice.as_bytes()[at..].starts_with(WITH))?;
    let list_start = with_at + WITH.len();
    let items = list_items(&slice[list_start..]);
    let main = range.start..range.start + with_at;
    if items.len() < 2 || !has_words(&text[main.clone()], MIN_WORDS) {
        return None;
    }
    let mut pieces = Vec::with_capacity(items.len() + 1);
    pieces.push(main);
    pieces.extend(
        items
            .into_iter()
            .map(|item| range.start + list_start + item.start..range.start + list_start + item.end),
    );
    Some(pieces)
}

/// The items of "A, B, and C" / "A, B and C" / "A and B" when each holds at least three words.
fn list_items(list: &str) -> Vec<Range<usize>> {
    let mut cuts = Vec::new();
    let mut at = 0;
    while let Some(comma) = list[at..].find(", ") {
        cuts.push((at + comma, 2));
        at += comma + 2;
    }
    let mut items = Vec::new();
    let mut start = 0;
    for (cut, len) in cuts {
        items.push(start..cut);
        start = cut + len;
    }
    items.push(start..list.len());
    // "…, and C": drop the conjunction from the last item.
    if let Some(last) = items.last_mut() {
        for conjunction in ["and ", "or "] {
            if list[last.clone()].starts_with(conjunction) {
                last.start += conjunction.len();
            }
        }
    }
    // "A and B" with no comma: split once at " and ".
    if items.len() == 1
        && let Some(and) = list.find(" and ")
    {
        items = vec![0..and, and + " and ".len()..list.len()];
    }
    let all_propositions = items.iter().all(|r| has_words(&list[r.clone()], MIN_WORDS));
    if all_propositions { items } else { Vec::new() }
}

/// Trim white space, leading conjunctions and list bullets, and trailing commas, semicolons
/// and a sentence-final period (but not the period of "U.S.").
fn tidy(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let mut start = range.start + (slice.len() - slice.trim_start().len());
    for lead in ["and ", "but ", "or ", "• ", "- ", "– ", "* "] {
        if text[start..range.end].starts_with(lead) {
            start += lead.len();
        }
    }
    let mut end = start + text[start..range.end].trim_end().len();
    while end > start && text[start..end].ends_with([',', ';', ':']) {
        end -= 1;
        end = start + text[start..end].trim_end().len();
    }
    if text[start..end].ends_with('.') && !ends_with_abbreviation(&text[start..end]) {
        end -= 1;
    }
    start..end.max(start)
}

/// Whether a span's final period belongs to an abbreviation ("the U.S.", "Acme Inc.").
fn ends_with_abbreviation(span: &str) -> bool {
    // The last word, read from the end rather than by walking the whole span.
    let last = span
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    let word = last.trim_end_matches('.');
    word.contains('.') || matches!(word, "Inc" | "Ltd" | "Co" | "Corp" | "Jr" | "Sr" | "etc")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn pieces(text: &str) -> Vec<&str> {
        atomic_spans(text, 0..text.len())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[rstest]
    #[case::with_list_of_events(
        "Since then, ties have become more strained, with the council cutting the grant, the mayor closing two libraries, and the loss of 40 jobs at the depot.",
        &["Since then, ties have become more strained", "the council cutting the grant", "the mayor closing two libraries", "the loss of 40 jobs at the depot"]
    )]
    #[case::two_subjects_joined_by_and_stay_whole_regression(
        "Dana Ortiz, the deputy mayor, and her husband are due to get their first doses next week.",
        &["Dana Ortiz, the deputy mayor, and her husband are due to get their first doses next week"]
    )]
    #[case::noun_list_stays_whole(
        "The agenda would include the budget, the bus strike, and a crisis in housing.",
        &["The agenda would include the budget, the bus strike, and a crisis in housing"]
    )]
    #[case::clauses_joined_by_but(
        "The mayor promised 500 new homes, but only 120 were built by 2020.",
        &["The mayor promised 500 new homes", "only 120 were built by 2020"]
    )]
    #[case::although_clause(
        "The two leaders may meet at the summit, although a time has not been set.",
        &["The two leaders may meet at the summit", "a time has not been set"]
    )]
    #[case::semicolon(
        "Exports rose 4% in May; imports fell for a third month.",
        &["Exports rose 4% in May", "imports fell for a third month"]
    )]
    #[case::and_joining_a_phrase_stays_whole(
        "The plant employs 300 people, and many more in summer.",
        &["The plant employs 300 people, and many more in summer"]
    )]
    #[case::join_inside_a_quote_stays_whole(
        "\u{201c}We cut the deficit, but the debt still grew,\u{201d} she said.",
        &["\u{201c}We cut the deficit, but the debt still grew,\u{201d} she said"]
    )]
    #[case::final_period_of_an_initialism_stays(
        "The offices were closed by the U.S.",
        &["The offices were closed by the U.S."]
    )]
    fn one_claim_per_proposition(#[case] text: &str, #[case] expected: &[&str]) {
        assert_eq!(pieces(text), expected);
    }
}
