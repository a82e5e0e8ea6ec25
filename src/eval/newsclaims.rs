//! NewsClaims (Reddy et al., EMNLP 2022): news articles about COVID-19 whose claim sentences
//! were marked by annotators. The measure: run the whole engine ([`engine::extract`]) on each
//! article and compare the sentences holding a check-worthy claim with the gold claim
//! sentences (precision, recall, F1 over sentences, pooled over articles). A sentence is
//! predicted when it holds a claim at the model's review threshold, the one `extract` flags
//! claims at. Also: how many gold sentences the segmenter finds exactly.

use std::path::Path;

use serde::Deserialize;

use super::documents::LabelledDocument;
use super::metrics::{self, Confusion};
use crate::engine::scoring::Model;
use crate::engine::segmentation::{BoundaryAgreement, sentence_boundary_accuracy};
use crate::engine::{self, ExtractOptions};
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
    /// Candidate claims `extract` found, and how many of them it flagged check-worthy: what
    /// the desk is shown of the articles.
    pub flagged: (usize, usize),
}

/// Sentence-level claim detection over all articles: each article goes through the whole
/// engine ([`engine::extract_with`] with `model`), and a gold sentence is predicted when a
/// claim flagged check-worthy falls in it (the labelled sentence it overlaps most).
pub fn evaluate(model: &Model, articles: &[Article]) -> Figures {
    let mut confusion = Confusion::default();
    let mut ranked = Vec::new();
    let mut boundaries = BoundaryAgreement::default();
    let mut flagged_claims = (0, 0);
    for article in articles {
        let gold: Vec<(usize, usize)> =
            article.sentences.iter().map(|s| (s.start, s.end)).collect();
        boundaries = boundaries + sentence_boundary_accuracy(&gold, &article.text);
        let document = LabelledDocument::from(article);
        let extraction = engine::extract_with(&article.text, &ExtractOptions::default(), model);
        let owners = document.sentence_of_claims(&extraction.claims);
        let scores: Vec<f64> = extraction.claims.iter().map(|c| c.score).collect();
        let flags: Vec<f64> = extraction
            .claims
            .iter()
            .map(|c| f64::from(u8::from(c.checkworthy)))
            .collect();
        flagged_claims.0 += extraction.claims.len();
        flagged_claims.1 += extraction.claims.iter().filter(|c| c.checkworthy).count();
        let best = document.sentence_scores(&owners, &scores);
        let flagged = document.sentence_scores(&owners, &flags);
        for ((score, flag), (_, _, gold)) in best.iter().zip(flagged).zip(&document.sentences) {
            confusion.add(flag > 0.0, *gold);
            ranked.push((*score, *gold));
        }
    }
    let cut = metrics::threshold_for_recall(&ranked, 0.85);
    Figures {
        confusion,
        average_precision: metrics::average_precision(&ranked).unwrap_or(0.0),
        precision_at_85_recall: metrics::confusion_at(&ranked, cut).precision(),
        boundaries,
        flagged: flagged_claims,
    }
}
