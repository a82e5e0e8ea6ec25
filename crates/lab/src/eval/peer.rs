//! The peer the issue compares us with, rebuilt as a sanity check: ClaimBuster's method,
//! TF-IDF over word unigrams and bigrams with a linear SVM, trained on the same ClaimBuster
//! train split (`claimdesk-lab eval --peer`).
//!
//! Settings follow scikit-learn's defaults as ClaimBuster's notebooks use them: lowercase,
//! tokens of two or more word characters, smooth IDF `ln((1+n)/(1+df)) + 1`, sublinear TF off,
//! rows scaled to unit length, and `LinearSVC` (squared hinge loss, C = 1, decision threshold
//! 0). It is fitted with the same deterministic L-BFGS as our model.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::claimbuster::LabelledSentence;
use super::metrics::{self, Confusion};
use crate::training::lbfgs;

/// A trained TF-IDF + linear SVM.
#[derive(Debug, Clone)]
pub struct Svm {
    vocabulary: HashMap<String, usize>,
    idf: Vec<f64>,
    weights: Vec<f64>,
    bias: f64,
}

#[allow(clippy::expect_used)] // a constant pattern: failing to compile it is a bug
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\w\w+\b").expect("the token pattern is valid"));

fn terms(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let words: Vec<&str> = WORD.find_iter(&lower).map(|m| m.as_str()).collect();
    let mut terms: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    terms.extend(words.windows(2).map(|pair| pair.join(" ")));
    terms
}

impl Svm {
    /// Fit on labelled sentences.
    pub fn train(sentences: &[LabelledSentence]) -> Svm {
        let documents: Vec<Vec<String>> = sentences.iter().map(|s| terms(&s.text)).collect();
        let mut document_frequency: HashMap<&str, usize> = HashMap::new();
        for document in &documents {
            let mut seen: Vec<&str> = document.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for term in seen {
                *document_frequency.entry(term).or_insert(0) += 1;
            }
        }
        let mut names: Vec<&str> = document_frequency.keys().copied().collect();
        names.sort_unstable();
        let n = documents.len() as f64;
        let idf: Vec<f64> = names
            .iter()
            .map(|t| ((1.0 + n) / (1.0 + document_frequency[t] as f64)).ln() + 1.0)
            .collect();
        let vocabulary: HashMap<String, usize> = names
            .iter()
            .enumerate()
            .map(|(i, t)| (t.to_string(), i))
            .collect();
        let mut svm = Svm {
            vocabulary,
            idf,
            weights: Vec::new(),
            bias: 0.0,
        };
        let rows: Vec<Vec<(usize, f64)>> = documents.iter().map(|d| svm.vector(d)).collect();
        let labels: Vec<f64> = sentences
            .iter()
            .map(|s| if s.checkworthy { 1.0 } else { -1.0 })
            .collect();
        let features = svm.idf.len();
        // Parameters: the weights, then the bias (liblinear regularises it too, as a
        // feature of value 1).
        let mut parameters = vec![0.0; features + 1];
        lbfgs(
            &mut parameters,
            |w, gradient| {
                let mut loss = 0.0;
                for (g, wi) in gradient.iter_mut().zip(w) {
                    *g = *wi;
                    loss += 0.5 * wi * wi;
                }
                for (row, y) in rows.iter().zip(&labels) {
                    let z = w[features] + row.iter().map(|(j, x)| w[*j] * x).sum::<f64>();
                    let margin = 1.0 - y * z;
                    if margin > 0.0 {
                        loss += margin * margin;
                        let factor = -2.0 * margin * y;
                        for (j, x) in row {
                            gradient[*j] += factor * x;
                        }
                        gradient[features] += factor;
                    }
                }
                loss
            },
            1000,
            1e-6,
        );
        svm.bias = parameters[features];
        parameters.truncate(features);
        svm.weights = parameters;
        svm
    }

    /// The TF-IDF vector of a document's terms, unit length.
    fn vector(&self, terms: &[String]) -> Vec<(usize, f64)> {
        let mut counts: HashMap<usize, f64> = HashMap::new();
        for term in terms {
            if let Some(&j) = self.vocabulary.get(term) {
                *counts.entry(j).or_insert(0.0) += 1.0;
            }
        }
        let mut row: Vec<(usize, f64)> = counts
            .into_iter()
            .map(|(j, tf)| (j, tf * self.idf[j]))
            .collect();
        row.sort_unstable_by_key(|(j, _)| *j);
        let norm = row.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            row.iter_mut().for_each(|(_, x)| *x /= norm);
        }
        row
    }

    /// The SVM's decision value (check-worthy when >= 0).
    pub fn decision(&self, text: &str) -> f64 {
        let row = self.vector(&terms(text));
        self.bias + row.iter().map(|(j, x)| self.weights[*j] * x).sum::<f64>()
    }

    /// Decisions at 0 and the average precision of the ranking, over labelled texts.
    pub fn evaluate<'a>(
        &self,
        items: impl IntoIterator<Item = (&'a str, bool)>,
    ) -> (Confusion, f64) {
        let scored: Vec<(f64, bool)> = items
            .into_iter()
            .map(|(text, gold)| (self.decision(text), gold))
            .collect();
        (
            metrics::confusion_at(&scored, 0.0),
            metrics::average_precision(&scored).unwrap_or(0.0),
        )
    }

    /// Mean average precision of per-document rankings.
    pub fn mean_average_precision(&self, documents: &[super::checkthat::Document]) -> f64 {
        let rankings: Vec<Vec<(f64, bool)>> = documents
            .iter()
            .map(|d| {
                d.sentences
                    .iter()
                    .map(|(text, gold)| (self.decision(text), *gold))
                    .collect()
            })
            .collect();
        metrics::mean_average_precision(rankings.iter().map(Vec::as_slice)).unwrap_or(0.0)
    }
}
