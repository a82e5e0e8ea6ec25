//! A sentence's words, and which of them can name a speaker: the speaker phrase before a verb
//! of saying, its core without adverbials and appositives, and whether it names someone.

use std::ops::Range;

use crate::lexicon::function_words::{
    ends_a_time_adverbial, is_adverbial_opener, is_capitalised_non_name, is_clause_word,
    is_determiner, is_irregular_past,
};
use crate::lexicon::speakers::{is_group_that_speaks, is_speaker_anchor};
use crate::lexicon::speech::is_speech_verb;
use crate::words;

/// A word of a sentence: its byte range and its letters without surrounding punctuation.
#[derive(Debug, Clone)]
pub(super) struct Word<'a> {
    /// Byte range within the sentence.
    pub(super) range: Range<usize>,
    /// The word as written, punctuation included.
    pub(super) raw: &'a str,
    /// The word without surrounding punctuation.
    pub(super) bare: &'a str,
}

/// The words of a sentence, split at white space.
pub(super) fn words(sentence: &str) -> Vec<Word<'_>> {
    // One allocation of about the right size: a word per space, plus one.
    let estimate = memchr::memchr_iter(b' ', sentence.as_bytes()).count() + 1;
    let mut out = Vec::with_capacity(estimate);
    out.extend(words::spans(sentence).map(|range| {
        let raw = &sentence[range.clone()];
        Word {
            range,
            raw,
            bare: words::bare(raw),
        }
    }));
    out
}
/// Whether a word closes a clause before a trailing attribution: `,` or a closing quote.
pub(super) fn closes_clause(word: &Word<'_>) -> bool {
    let raw = word.raw.trim_end_matches(['\u{200b}']);
    raw.ends_with(',') || raw.ends_with(['”', '"', '’']) && raw.len() > 1
}
pub(super) fn ends_with_comma(word: &Word<'_>) -> bool {
    word.raw.ends_with(',') || word.raw.ends_with(",”") || word.raw.ends_with(",\"")
}
/// Whether the words form a plausible speaker phrase: short, holding a name, a pronoun or a
/// role noun, and no verb of its own.
pub(super) fn plausible_speaker(words: &[Word<'_>]) -> bool {
    if words.is_empty() || words.len() > 12 {
        return false;
    }
    let has_anchor = words.iter().any(|w| {
        w.bare.starts_with(char::is_uppercase)
            || is_group_that_speaks(w.bare)
            || is_speaker_anchor(w.bare)
    });
    let determiner_phrase = words.len() <= 5 && is_determiner(words[0].bare);
    let has_anchor = has_anchor || determiner_phrase;
    let has_verb = words.iter().any(|w| {
        is_speech_verb(w.bare)
            || matches!(
                w.bare,
                "is" | "are" | "was" | "were" | "that" | "which" | "who" | "if" | "because"
            )
    });
    let first = words[0].bare;
    let lowercase_start = first.starts_with(char::is_lowercase)
        && !matches!(first, "he" | "she" | "they" | "we")
        && !opens_a_described_speaker(first);
    has_anchor && !has_verb && !lowercase_start
}
/// Whether a lower-case word can open a speaker described rather than named: a determiner or
/// possessive ("the ministry", "their lawyer") or a group that speaks ("officials said").
pub(super) fn opens_a_described_speaker(word: &str) -> bool {
    is_determiner(word) || is_group_that_speaks(word)
}
/// "parent Dana Okoro", "board chair Luis Ferreira": lower-case role words, then a name.
pub(super) fn is_role_and_name(words: &[Word<'_>]) -> bool {
    let Some(last) = words.last() else {
        return false;
    };
    (2..=6).contains(&words.len())
        && last.bare.starts_with(char::is_uppercase)
        && words.iter().all(|w| {
            !w.bare.is_empty()
                && w.bare
                    .chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
                && !is_speech_verb(w.bare)
                && !is_clause_word(w.bare)
        })
}
/// The most words a speaker phrase before its verb may span, appositives included ("Anders
/// Tegnell, the country's chief epidemiologist and top strategist for the country in the fight
/// against the pandemic, said"); what is left after [`speaker_core`] must still be short.
pub(super) const MAX_SPEAKER_PHRASE_WORDS: usize = 30;
/// How many words an opening adverbial takes, up to and including its comma ("On 12 March,",
/// "A day later,"), when a subject follows it; 0 when the words open with no adverbial.
pub(super) fn opening_adverbial_len(words: &[Word<'_>]) -> usize {
    let Some(comma) = words.iter().take(8).position(ends_with_comma) else {
        return 0;
    };
    let time_word_ends_it = ends_a_time_adverbial(words[comma].bare);
    let subject_follows = words.get(comma + 1).is_some_and(|w| {
        w.bare.starts_with(char::is_uppercase)
            || matches!(w.bare, "he" | "she" | "they")
            || is_determiner(w.bare)
    });
    if (is_adverbial_opener(words[0].bare) || time_word_ends_it) && subject_follows {
        comma + 1
    } else {
        0
    }
}
/// The words of a phrase before a verb of saying that name the speaker: without an opening
/// adverbial ("On 12 March, he said") and, where the whole is no plausible speaker, without
/// the appositive closed by a comma before the verb ("Moncef Slaoui, who leads the federal
/// vaccination program, told CNN"): the name before the appositive.
pub(super) fn speaker_core<'w, 'a>(phrase: &'w [Word<'a>]) -> &'w [Word<'a>] {
    let phrase = &phrase[opening_adverbial_len(phrase)..];
    if plausible_speaker(phrase) || phrase.len() < 3 || !phrase.last().is_some_and(ends_with_comma)
    {
        return phrase;
    }
    match phrase[..phrase.len() - 1].iter().position(ends_with_comma) {
        Some(comma) if names_someone(&phrase[..=comma]) => &phrase[..=comma],
        _ => phrase,
    }
}
/// Whether words before an appositive read as a name: capitalised words ("Moncef Slaoui"),
/// or a short phrase with a determiner ("The campaign"), not opening a quotation ("“Besides
/// practising distancing," is what was said, not who said it).
pub(super) fn names_someone(head: &[Word<'_>]) -> bool {
    let Some(first) = head.first() else {
        return false;
    };
    let capitalised = head.iter().all(|w| w.bare.starts_with(char::is_uppercase));
    let determined =
        head.len() <= 5 && first.bare.starts_with(char::is_uppercase) && is_determiner(first.bare);
    !first.raw.starts_with(['“', '"', '‘'])
        && (capitalised || determined)
        && plausible_speaker(head)
}
/// Whether the words before a first verb name someone: "Superintendent Karen Velasquez",
/// "The President", "She". Clauses ("When Senator Dole", "If they") and pronouns that name
/// no one the desk could check ("They", "I've") do not, and the sentence is left whole.
pub(super) fn is_named_subject(words: &[Word<'_>]) -> bool {
    let name_word = |w: &Word<'_>| {
        w.bare.starts_with(char::is_uppercase)
            && w.bare == w.raw
            && !w.bare.contains(['\'', '’'])
            && !is_capitalised_non_name(w.bare)
    };
    match words {
        [only] => matches!(only.raw, "He" | "She" | "he" | "she") || name_word(only),
        _ => words.iter().all(name_word),
    }
}
/// Whether a word reads as a verb in the past tense: a lower-case "-ed" word or a common
/// irregular past.
pub(super) fn is_past_tense(word: &str) -> bool {
    (word.len() > 4 && word.ends_with("ed") && word.starts_with(char::is_lowercase))
        || is_irregular_past(word)
}
