//! NewsClaims (Reddy et al., EMNLP 2022): news articles about COVID-19 whose claim sentences
//! were marked by annotators. The measure: run the whole engine ([`engine::extract`]) on each
//! article and compare the sentences holding a check-worthy claim with the gold claim
//! sentences (precision, recall, F1 over sentences, pooled over articles). A sentence is
//! predicted when it holds a claim at the model's review threshold, the one `extract` flags
//! claims at. Also: how many gold sentences the segmenter finds exactly.

use std::path::Path;

use serde::Deserialize;

use super::metrics::{self, Confusion};
use crate::engine::scoring::Model;
use crate::engine::segmentation::{BoundaryAgreement, sentence_boundary_accuracy};
use crate::engine::{self, ExtractOptions, signals};
use crate::error::{Error, Result};

/// A gold sentence of an article, in character offsets (end exclusive).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldSentence {
    /// Sentence id within the article.
    pub sentence_id: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
}

/// A gold claim: which sentence holds it.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldClaim {
    /// The sentence holding the claim.
    pub sentence_id: String,
}

/// One annotated article.
#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    /// The article's id.
    pub article_id: String,
    /// The article's text.
    pub text: String,
    /// All its sentences.
    pub sentences: Vec<GoldSentence>,
    /// Its claims.
    pub claims: Vec<GoldClaim>,
}

/// Read `articles_dev.jsonl` (one article per line).
pub fn read(path: &Path) -> Result<Vec<Article>> {
    let content = std::fs::read_to_string(path)
        .map_err(|e| Error::from(e).context(format!("cannot read {}", path.display())))?;
    content
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| {
            serde_json::from_str(line).map_err(|e| {
                Error::invalid_input(format!(
                    "{}:{}: not a NewsClaims article: {e}",
                    path.display(),
                    number + 1
                ))
            })
        })
        .collect()
}

/// The NewsClaims figures of a model.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    /// Gold sentences with a check-worthy claim predicted in them, against the gold labels.
    pub confusion: Confusion,
    /// Average precision of all gold sentences ranked by their best claim's score (pooled).
    pub average_precision: f64,
    /// Precision when the threshold is set to reach 85% recall on this data (context only).
    pub precision_at_85_recall: f64,
    /// The engine's sentence boundaries against the gold sentences.
    pub boundaries: BoundaryAgreement,
}

/// Sentence-level claim detection over all articles.
pub fn evaluate(model: &Model, articles: &[Article]) -> Figures {
    let mut confusion = Confusion::default();
    let mut ranked = Vec::new();
    let mut boundaries = BoundaryAgreement::default();
    for article in articles {
        let gold: Vec<(usize, usize)> =
            article.sentences.iter().map(|s| (s.start, s.end)).collect();
        boundaries = boundaries + sentence_boundary_accuracy(&gold, &article.text);
        let best = best_claim_scores(model, article);
        for (sentence, score) in article.sentences.iter().zip(best) {
            let gold = article
                .claims
                .iter()
                .any(|c| c.sentence_id == sentence.sentence_id);
            confusion.add(score >= model.review_threshold(), gold);
            ranked.push((score, gold));
        }
    }
    let cut = metrics::threshold_for_recall(&ranked, 0.85);
    Figures {
        confusion,
        average_precision: metrics::average_precision(&ranked).unwrap_or(0.0),
        precision_at_85_recall: metrics::confusion_at(&ranked, cut).precision(),
        boundaries,
    }
}

/// For each gold sentence, the best score of the engine's claims in it (0 without any). A claim
/// belongs to the gold sentence it overlaps most (the engine's sentences need not match the
/// gold ones). Claims are rescored with `model` as [`Model::rate_claim`] would, so that a model
/// file can be measured without rebuilding; with the embedded model the scores are those of
/// `extract`.
fn best_claim_scores(model: &Model, article: &Article) -> Vec<f64> {
    let extraction = engine::extract(&article.text, &ExtractOptions::default());
    let mut best_scores = vec![0.0f64; article.sentences.len()];
    for claim in &extraction.claims {
        let score = model.probability(&signals::analyse(&claim.text));
        let best = article
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| (i, overlap((s.start, s.end), (claim.start, claim.end))))
            .filter(|(_, overlap)| *overlap > 0)
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((i, _)) = best {
            best_scores[i] = best_scores[i].max(score);
        }
    }
    best_scores
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}
