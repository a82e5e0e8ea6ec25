//! Same claim twice: a normalised fingerprint of a claim and a near-duplicate measure, so the
//! desk can link repeats (the same claim in two articles, a light rewording) and check them once.
//!
//! Two claims are the same when they say the same thing about the same figures. The measure
//! averages the weighted overlap of their content words with how much of the smaller claim the
//! larger one contains (light stemming, stop words out, longer words weigh more), so an added
//! "the port said" does not separate repeats. Two guards catch what a word overlap misses:
//! different numbers ("rose 4%" / "rose 9%") or a negation on one side only ("did" / "did
//! not") make different claims however many words they share.

use std::collections::{BTreeSet, HashMap};

use crate::lexicon::function_words::is_negation;
use crate::lexicon::stop_words::is_stop_word;

/// The similarity at and above which two claims are the same claim.
pub const SAME_CLAIM: f64 = 0.8;

/// A claim reduced to what identifies it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// The normalised text: lower case, plain quotes, no punctuation but inside numbers, single
    /// spaces. Equal keys mean the same wording.
    pub key: String,
    /// Stemmed content words.
    words: BTreeSet<String>,
    /// Numbers, normalised ("1,000" → "1000", "four" → "4").
    numbers: BTreeSet<String>,
    /// Whether the claim is negated.
    negated: bool,
}

impl Fingerprint {
    /// A stable 64-bit hash of [`Fingerprint::key`] as 16 hex digits, for an indexed column:
    /// the same on every run and platform (FNV-1a), unlike `std`'s hasher.
    pub fn hash_hex(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in self.key.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{hash:016x}")
    }
}

/// Fingerprint a claim's text.
pub fn fingerprint(text: &str) -> Fingerprint {
    let mut key = String::with_capacity(text.len());
    let mut words = BTreeSet::new();
    let mut numbers = BTreeSet::new();
    let mut negated = false;
    for token in tokens(text) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&token);
        if let Some(number) = number_value(&token) {
            numbers.insert(number);
        } else if is_negation(&token) {
            negated = !negated;
        } else if !is_stop_word(&token) {
            words.insert(stem(&token));
        }
    }
    Fingerprint {
        key,
        words,
        numbers,
        negated,
    }
}

/// Similarity of two claims in 0..1; 1 for the same wording.
pub fn similarity(a: &Fingerprint, b: &Fingerprint) -> f64 {
    if a.key == b.key {
        return 1.0;
    }
    let weight = |w: &String| (w.chars().count() as f64).sqrt();
    let shared: f64 = a.words.intersection(&b.words).map(weight).sum();
    let all: f64 = a.words.union(&b.words).map(weight).sum();
    let smaller = a
        .words
        .iter()
        .map(weight)
        .sum::<f64>()
        .min(b.words.iter().map(weight).sum::<f64>());
    // Half overlap, half containment: "Fares will rise in May" and "Fares will rise in May,
    // the port said" are the same claim though the second has an extra word.
    let overlap = if all == 0.0 { 0.0 } else { shared / all };
    let containment = if smaller == 0.0 {
        0.0
    } else {
        shared / smaller
    };
    let mut score = (overlap + containment) / 2.0;
    if a.numbers != b.numbers {
        score = score.min(0.5);
    }
    if a.negated != b.negated {
        score = score.min(0.5);
    }
    score
}

/// Whether two claims state the same figures with the same polarity: the guards that keep
/// "rose 4%" from "rose 9%" and "did" from "did not", for a measure (such as sentence
/// embeddings) that reads meaning but not every figure.
pub fn same_figures_and_polarity(a: &Fingerprint, b: &Fingerprint) -> bool {
    a.numbers == b.numbers && a.negated == b.negated
}

/// Whether two claims are the same claim.
pub fn is_same_claim(a: &Fingerprint, b: &Fingerprint) -> bool {
    similarity(a, b) >= SAME_CLAIM
}

/// An index of fingerprints for finding the repeats of a new claim among many, without
/// comparing it with every one.
#[derive(Debug, Default)]
pub struct RepeatIndex<Id> {
    entries: Vec<(Id, Fingerprint)>,
    by_word: HashMap<String, Vec<usize>>,
}

impl<Id: Clone> RepeatIndex<Id> {
    /// An empty index.
    pub fn new() -> Self {
        RepeatIndex {
            entries: Vec::new(),
            by_word: HashMap::new(),
        }
    }

    /// Add a claim under `id`.
    pub fn insert(&mut self, id: Id, fingerprint: Fingerprint) {
        let at = self.entries.len();
        for word in &fingerprint.words {
            self.by_word.entry(word.clone()).or_default().push(at);
        }
        self.entries.push((id, fingerprint));
    }

    /// The claims that are the same claim as `fingerprint`, best first, with their similarity.
    pub fn repeats_of(&self, fingerprint: &Fingerprint) -> Vec<(Id, f64)> {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for word in &fingerprint.words {
            for &at in self.by_word.get(word).map_or(&[][..], Vec::as_slice) {
                *shared.entry(at).or_default() += 1;
            }
        }
        let needed = fingerprint.words.len() / 2;
        let mut found: Vec<(Id, f64)> = shared
            .into_iter()
            .filter(|&(_, count)| count >= needed.max(1))
            .filter_map(|(at, _)| {
                let (id, other) = &self.entries[at];
                let score = similarity(fingerprint, other);
                (score >= SAME_CLAIM).then(|| (id.clone(), score))
            })
            .collect();
        found.sort_by(|a, b| b.1.total_cmp(&a.1));
        found
    }
}

/// Lower-cased tokens: words, and numbers with their inner separators removed.
fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_whitespace() || matches!(c, '—' | '–' | '/'))
        .filter_map(|raw| {
            let trimmed = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '%' && c != '$');
            let mut token = String::with_capacity(trimmed.len());
            let chars: Vec<char> = trimmed.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                let between_digits = i > 0
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(char::is_ascii_digit);
                match c {
                    ',' if between_digits => {}
                    '.' if between_digits => token.push('.'),
                    '’' | '\'' => {}
                    c if c.is_alphanumeric() || c == '%' || c == '$' => {
                        token.extend(c.to_lowercase())
                    }
                    _ => token.push(' '),
                }
            }
            let token = token.split_whitespace().collect::<Vec<_>>().join(" ");
            (!token.is_empty()).then_some(token)
        })
        .flat_map(|t| t.split(' ').map(str::to_string).collect::<Vec<_>>())
}

fn number_value(token: &str) -> Option<String> {
    let words = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    if let Some(n) = words.iter().position(|w| *w == token) {
        return Some(n.to_string());
    }
    let digits = token.trim_start_matches('$').trim_end_matches('%');
    (digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.'))
    .then(|| digits.to_string())
}

/// Light suffix stripping, enough for "imposing"/"imposed"/"imposes" to meet.
fn stem(token: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if token.len() > suffix.len() + 3 && token.ends_with(suffix) {
            return token[..token.len() - suffix.len()].to_string();
        }
    }
    token.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn same(a: &str, b: &str) -> bool {
        is_same_claim(&fingerprint(a), &fingerprint(b))
    }

    #[rstest]
    #[case::identical_but_for_punctuation_and_case(
        "Congress imposed new sanctions on Russia.",
        "congress imposed new sanctions on Russia"
    )]
    #[case::curly_and_straight_quotes(
        "The plan is \u{201c}dead,\u{201d} he said",
        "The plan is \"dead,\" he said"
    )]
    #[case::light_rewording(
        "The city closed two libraries in 2019",
        "In 2019 the city closed two libraries"
    )]
    #[case::inflection(
        "Congress imposing new sanctions on Russia",
        "Congress imposed new sanctions on Russia"
    )]
    #[case::thousands_separator("The strike cost 1,000 jobs", "The strike cost 1000 jobs")]
    fn repeats_are_the_same_claim(#[case] a: &str, #[case] b: &str) {
        assert!(
            same(a, b),
            "{a} / {b}: {}",
            similarity(&fingerprint(a), &fingerprint(b))
        );
    }

    #[rstest]
    #[case::different_figure("Unemployment rose to 4% in May", "Unemployment rose to 9% in May")]
    #[case::negated("The mayor signed the bill", "The mayor did not sign the bill")]
    #[case::different_subject(
        "Moscow capped U.S. diplomatic staff",
        "Washington closed Russian consulates"
    )]
    fn different_claims_stay_apart(#[case] a: &str, #[case] b: &str) {
        assert!(!same(a, b), "{a} / {b}");
    }

    #[rstest]
    #[case::same("Fares rose 12% in 2024", "In 2024 fares went up 12%", true)]
    #[case::other_figure("Fares rose 12%", "Fares rose 21%", false)]
    #[case::negated("The mayor signed the bill", "The mayor never signed the bill", false)]
    fn figures_and_polarity_guard_a_measure_of_meaning(
        #[case] a: &str,
        #[case] b: &str,
        #[case] agree: bool,
    ) {
        assert_eq!(
            same_figures_and_polarity(&fingerprint(a), &fingerprint(b)),
            agree
        );
    }

    #[test]
    fn the_key_and_its_hash_are_stable() {
        let print = fingerprint("Rents rose 9%, officials said.");
        assert_eq!(print.key, "rents rose 9% officials said");
        assert_eq!(
            print.hash_hex(),
            fingerprint("rents rose 9% — officials said").hash_hex()
        );
    }

    #[test]
    fn the_index_finds_a_repeat_among_many() {
        let mut index = RepeatIndex::new();
        index.insert(1, fingerprint("The council cut the bus budget by 10%"));
        index.insert(2, fingerprint("Ferry fares will rise in May"));
        index.insert(3, fingerprint("Rents rose 9% last year"));
        let found = index.repeats_of(&fingerprint("Ferry fares will rise in May, the port said"));
        assert_eq!(found.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [2]);
    }
}
