//! The engine's word lists, apart from the logic that uses them.
//!
//! Every list is data: a `const` slice of the words, and a predicate that matches one word
//! against it exactly (case included; callers normalise first where a list says so). The
//! predicate is a `matches!` over the same literals, which the compiler turns into a few length
//! and byte comparisons: as fast as the hand-written checks these lists came from, so moving a
//! list here never costs throughput.
//!
//! Lists are grouped by what they describe, not by the module that reads them: the
//! segmenter, attribution and splitting all read [`function_words`]. Edit a list here and the
//! eval (`claimdesk-lab eval`) tells whether it helped; never fit a list to a dev set.

pub mod abbreviations;
pub mod comparisons;
pub mod function_words;
pub mod kinds;
pub mod labels;
pub mod names;
pub mod organisations;
pub mod speakers;
pub mod speech;
pub mod stop_words;
pub mod titles;

/// Defines a word list: `LIST` (every word, in the order written) and `predicate(word)`,
/// whether `word` is one of them exactly.
macro_rules! word_list {
    ($(#[doc = $doc:literal])* $list:ident, $predicate:ident: $($word:literal)|+ $(,)?) => {
        $(#[doc = $doc])*
        pub const $list: &[&str] = &[$($word),+];

        #[doc = concat!("Whether `word` is one of [`", stringify!($list), "`], exactly.")]
        #[inline]
        pub fn $predicate(word: &str) -> bool {
            matches!(word, $($word)|+)
        }
    };
}
pub(crate) use word_list;

#[cfg(test)]
mod tests {
    use super::*;

    /// A list and its predicate.
    type Listed = (&'static [&'static str], fn(&str) -> bool);

    #[test]
    fn every_predicate_knows_every_word_of_its_list() {
        let lists: [Listed; 4] = [
            (speech::SPEECH_VERBS, speech::is_speech_verb),
            (titles::TITLE_WORDS, titles::is_title_listed),
            (stop_words::STOP_WORDS, stop_words::is_stop_word),
            (abbreviations::TITLE_ABBREVIATIONS, abbreviations::is_title),
        ];
        for (words, predicate) in lists {
            assert!(words.iter().all(|word| predicate(word)));
            assert!(!predicate("zzz-not-a-word"));
        }
    }

    #[test]
    fn no_list_holds_a_word_twice() {
        let lists: &[&[&str]] = &[
            speech::SPEECH_VERBS,
            titles::TITLE_WORDS,
            organisations::ORGANISATION_WORDS,
            stop_words::STOP_WORDS,
            abbreviations::AMBIGUOUS_ABBREVIATIONS,
            function_words::SENTENCE_STARTERS,
        ];
        for list in lists {
            let mut seen = std::collections::HashSet::new();
            for word in *list {
                assert!(seen.insert(word), "{word} twice");
            }
        }
    }
}
