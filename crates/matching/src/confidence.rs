//! When a ranked fact-check is likely the same claim: the confidence floor.
//!
//! The fused score ranks, but it is a z-score over the library, so its size depends on how
//! many fact-checks the library holds (one standout among 20 cannot score above √19 ≈ 4.4).
//! The floor therefore applies to a measure of the pair alone: how alike the claim and the
//! fact-check mean (the cosine of their embeddings) when ranking by meaning, the share of the
//! claim's content words the fact-check has when ranking by words alone.
//!
//! Both floors were chosen on the train and dev queries of the CheckThat! 2022
//! claim-retrieval collection (`claimdesk-lab eval`; BENCHMARKS.md, "Checked before"): each
//! query's best match when it is the query's own fact-check is a true match; the best match
//! that is not its own is what a claim nobody has checked would be shown. The floor is the
//! lowest that shows at most 5% of those false matches, so a desk rarely sees a fact-check
//! that is not about its claim.

use crate::index::Ranked;

/// The floor on meaning: the query's cosine with the fact-check's claim and title (averaged).
/// With the similarity model on train+dev: 0.62 shows 64.5% of the true best matches and 4.9%
/// of the false ones (dev-test, measured once: see BENCHMARKS.md).
pub const MEANING_FLOOR: f32 = 0.62;

/// The floor on words: the share of the claim's content words the fact-check has.
pub const WORDS_FLOOR: f32 = 0.30;

/// The measure the floor applies to: similarity by meaning when ranked by meaning, the word
/// overlap otherwise.
pub fn measure(ranked: &Ranked, by_meaning: bool) -> f32 {
    match (by_meaning, ranked.similarity) {
        (true, Some(similarity)) => similarity,
        _ => ranked.word_overlap,
    }
}

/// Whether a ranked fact-check clears the floor.
pub fn is_confident(ranked: &Ranked, by_meaning: bool) -> bool {
    let floor = if by_meaning {
        MEANING_FLOOR
    } else {
        WORDS_FLOOR
    };
    measure(ranked, by_meaning) >= floor
}
