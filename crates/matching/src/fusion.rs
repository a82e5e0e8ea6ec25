//! Meaning and words together: each method's scores are standardised per query (z-scores over
//! the whole library, so neither scale dominates) and added with fixed weights.
//!
//! The weights were chosen on the train and dev queries of the CheckThat! 2022 claim-retrieval
//! collection and measured once on its dev-test queries (BENCHMARKS.md, "Checked before"):
//! meaning 1, words 0.3. A fact-check's fused score says how far above the library's crowd it
//! stands for this query, in standard deviations; it is what the confidence floor applies to.

/// Weight of the embeddings' cosine.
pub const MEANING_WEIGHT: f32 = 1.0;
/// Weight of BM25.
pub const WORDS_WEIGHT: f32 = 0.3;

/// Mean and standard deviation of `scores`, `None` values left out of both.
fn moments<'a>(scores: impl Iterator<Item = &'a f32>) -> (f32, f32) {
    let (mut n, mut sum, mut squares) = (0usize, 0f64, 0f64);
    for &s in scores {
        n += 1;
        sum += f64::from(s);
        squares += f64::from(s) * f64::from(s);
    }
    if n == 0 {
        return (0.0, 1.0);
    }
    let mean = sum / n as f64;
    let variance = (squares / n as f64 - mean * mean).max(0.0);
    (mean as f32, (variance.sqrt() as f32).max(1e-6))
}

/// The fused score of every document. `meaning` holds each document's cosine (`None`: it has
/// no vector yet, and counts as average for meaning); without `meaning` at all, words alone
/// rank (their z-score, at full weight).
pub fn fuse(meaning: Option<&[Option<f32>]>, words: &[f32]) -> Vec<f32> {
    let (words_mean, words_std) = moments(words.iter());
    match meaning {
        None => words.iter().map(|w| (w - words_mean) / words_std).collect(),
        Some(meaning) => {
            let (mean, std) = moments(meaning.iter().flatten());
            meaning
                .iter()
                .zip(words)
                .map(|(m, w)| {
                    let m = m.map_or(0.0, |m| (m - mean) / std);
                    MEANING_WEIGHT * m + WORDS_WEIGHT * (w - words_mean) / words_std
                })
                .collect()
        }
    }
}

/// The positions of the `top` highest scores, best first (ties: the earlier document first).
pub fn best(scores: &[f32], top: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    let by_score = |a: &usize, b: &usize| scores[*b].total_cmp(&scores[*a]).then(a.cmp(b));
    if top < order.len() {
        order.select_nth_unstable_by(top, by_score);
        order.truncate(top);
    }
    order.sort_unstable_by(by_score);
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn z_scores_put_both_methods_on_one_scale() {
        let words = [0.0, 10.0, 0.0, 0.0];
        let meaning = [Some(0.1), Some(0.2), Some(0.9), Some(0.1)];
        let fused = fuse(Some(&meaning), &words);
        // The document far above the crowd by meaning wins over the one above it by words,
        // because meaning weighs more.
        assert_eq!(best(&fused, 1), [2]);
        // Words alone: the z-score of BM25.
        assert_eq!(best(&fuse(None, &words), 1), [1]);
    }

    #[test]
    fn a_document_without_a_vector_counts_as_average_for_meaning() {
        let fused = fuse(Some(&[Some(0.2), None, Some(0.4)]), &[0.0, 0.0, 0.0]);
        assert!((fused[1]).abs() < 1e-6);
        assert!(fused[2] > fused[1] && fused[1] > fused[0]);
    }

    #[test]
    fn best_returns_the_top_in_order_even_when_asked_for_more_than_there_are() {
        let scores = [0.5, 2.0, 1.0, 2.0];
        assert_eq!(best(&scores, 2), [1, 3]);
        assert_eq!(best(&scores, 10), [1, 3, 2, 0]);
        assert!(best(&[], 3).is_empty());
    }
}
