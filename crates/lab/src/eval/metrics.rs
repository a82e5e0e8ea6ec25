//! The measures the benchmarks report: precision, recall and F1 of a yes/no decision, average
//! precision of a ranking and its mean over documents (MAP).

/// Counts of a yes/no decision against gold labels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    /// Predicted yes, gold yes.
    pub true_positives: usize,
    /// Predicted yes, gold no.
    pub false_positives: usize,
    /// Predicted no, gold yes.
    pub false_negatives: usize,
    /// Predicted no, gold no.
    pub true_negatives: usize,
}

impl Confusion {
    /// Count one decision.
    pub fn add(&mut self, predicted: bool, gold: bool) {
        match (predicted, gold) {
            (true, true) => self.true_positives += 1,
            (true, false) => self.false_positives += 1,
            (false, true) => self.false_negatives += 1,
            (false, false) => self.true_negatives += 1,
        }
    }

    /// Add another set of counts.
    pub fn merge(&mut self, other: Confusion) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
        self.true_negatives += other.true_negatives;
    }

    /// Share of predicted yes that are gold yes (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Share of gold yes that were predicted (0 when there are none).
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        harmonic_mean(self.precision(), self.recall())
    }
}

/// The harmonic mean of a precision and a recall (F1); 0 when both are 0.
pub fn harmonic_mean(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

fn ratio(numerator: usize, denominator: usize) -> f64 {
    if denominator == 0 {
        0.0
    } else {
        numerator as f64 / denominator as f64
    }
}

/// Decide `score >= threshold` for each item and count against the gold labels.
pub fn confusion_at(scored: &[(f64, bool)], threshold: f64) -> Confusion {
    let mut confusion = Confusion::default();
    for &(score, gold) in scored {
        confusion.add(score >= threshold, gold);
    }
    confusion
}

/// Items sorted by descending score; ties keep their input order, so results are reproducible.
fn ranked(scored: &[(f64, bool)]) -> Vec<(f64, bool)> {
    let mut ranked = scored.to_vec();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked
}

/// Average precision of the ranking by score: the mean, over the gold-yes items, of the
/// precision among the items ranked at or above each of them (the CheckThat! definition).
/// `None` when there is no gold-yes item.
pub fn average_precision(scored: &[(f64, bool)]) -> Option<f64> {
    let mut hits = 0usize;
    let mut sum = 0.0;
    for (rank, (_, gold)) in ranked(scored).iter().enumerate() {
        if *gold {
            hits += 1;
            sum += hits as f64 / (rank + 1) as f64;
        }
    }
    (hits > 0).then(|| sum / hits as f64)
}

/// Mean of the documents' average precisions; documents without a gold-yes item are skipped,
/// as in the CheckThat! scorer.
pub fn mean_average_precision<'a>(
    documents: impl IntoIterator<Item = &'a [(f64, bool)]>,
) -> Option<f64> {
    let precisions: Vec<f64> = documents
        .into_iter()
        .filter_map(average_precision)
        .collect();
    (!precisions.is_empty()).then(|| precisions.iter().sum::<f64>() / precisions.len() as f64)
}

/// The threshold with the highest F1 over `scored`, and that F1. Candidate cuts lie halfway
/// between consecutive distinct scores; with no gold-yes item the threshold is 0.5.
pub fn best_f1_threshold(scored: &[(f64, bool)]) -> (f64, f64) {
    let ranked = ranked(scored);
    let positives = ranked.iter().filter(|(_, gold)| *gold).count();
    let mut best = (0.5, 0.0);
    let mut true_positives = 0usize;
    for (rank, (score, gold)) in ranked.iter().enumerate() {
        if *gold {
            true_positives += 1;
        }
        // A threshold can only fall between distinct scores.
        if ranked.get(rank + 1).is_some_and(|next| next.0 == *score) {
            continue;
        }
        let predicted = rank + 1;
        let f1 = 2.0 * true_positives as f64 / (predicted + positives) as f64;
        if f1 > best.1 {
            // Halfway to the next lower score: the cut separates the same items on this data
            // but does not sit on an example's exact score.
            let cut = ranked
                .get(rank + 1)
                .map_or(*score, |next| (score + next.0) / 2.0);
            best = (cut, f1);
        }
    }
    best
}

/// The highest threshold at which recall over `scored` is at least `recall`.
pub fn threshold_for_recall(scored: &[(f64, bool)], recall: f64) -> f64 {
    let ranked = ranked(scored);
    let positives = ranked.iter().filter(|(_, gold)| *gold).count();
    let needed = (recall * positives as f64).ceil() as usize;
    let mut hits = 0usize;
    for (score, gold) in &ranked {
        if *gold {
            hits += 1;
            if hits >= needed {
                return *score;
            }
        }
    }
    0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_of_a_known_confusion() {
        let scored = [(0.9, true), (0.8, false), (0.4, true), (0.1, false)];
        let c = confusion_at(&scored, 0.5);
        assert_eq!(
            (c.true_positives, c.false_positives, c.false_negatives),
            (1, 1, 1)
        );
        assert!((c.f1() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn average_precision_rewards_positives_ranked_first() {
        let perfect = [(0.9, true), (0.8, true), (0.1, false)];
        let worst = [(0.9, false), (0.8, true), (0.1, true)];
        assert_eq!(average_precision(&perfect), Some(1.0));
        let ap = average_precision(&worst).unwrap();
        assert!((ap - (0.5 + 2.0 / 3.0) / 2.0).abs() < 1e-12, "{ap}");
        assert_eq!(average_precision(&[(0.3, false)]), None);
    }

    #[test]
    fn map_skips_documents_without_positives() {
        let a = [(0.9, true), (0.1, false)];
        let b = [(0.9, false), (0.1, false)];
        assert_eq!(mean_average_precision([&a[..], &b[..]]), Some(1.0));
    }

    #[test]
    fn best_threshold_never_splits_tied_scores() {
        let scored = [(0.7, true), (0.7, false), (0.2, false)];
        let (threshold, f1) = best_f1_threshold(&scored);
        assert!((threshold - 0.45).abs() < 1e-12, "{threshold}");
        assert!((f1 - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn recall_threshold_keeps_the_requested_share_of_positives() {
        let scored = [
            (0.9, true),
            (0.6, false),
            (0.5, true),
            (0.3, true),
            (0.1, true),
        ];
        assert_eq!(threshold_for_recall(&scored, 0.5), 0.5);
        assert_eq!(threshold_for_recall(&scored, 1.0), 0.1);
    }
}
