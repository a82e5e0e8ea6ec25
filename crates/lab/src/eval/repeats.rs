//! Repeats across the desk: are a claim's rewordings linked, and different claims kept apart?
//!
//! Measured on pairs we wrote and labelled ourselves (`tests/fixtures/repeats/rewordings.tsv`:
//! 40 rewordings of one claim, 40 pairs that are different claims though they look alike: another
//! figure, the opposite direction, another subject), through the store's own linking: each
//! claim is stored as an article of a desk that already holds a crowd of other claims (the
//! ClaimBuster dev sentences, when the shared data is there), and a pair counts as linked when
//! the store lists one as a repeat of the other. So the figure includes the bounded candidate
//! search (word and meaning bands), not only the measure.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;

use claimdesk_engine::similarity::{
    SAME_CLAIM, fingerprint, same_figures_and_polarity, similarity,
};
use claimdesk_engine::{ClaimKind, ExtractedClaim};
use claimdesk_error::{Error, Result};
use claimdesk_store::embedding::SentenceEmbedder;
use claimdesk_store::{Desk, NewArticle};

use super::metrics::Confusion;
use crate::synthetic::one_claim_article;

/// The labelled pairs in the repository.
pub fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/repeats/rewordings.tsv")
}

/// One labelled pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// Whether an editor would review the two once.
    pub same: bool,
    /// The first claim.
    pub first: String,
    /// The second claim.
    pub second: String,
}

/// Read `label<TAB>first<TAB>second` lines (`#` starts a comment).
pub fn read(path: &Path) -> Result<Vec<Pair>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::from(e).context(format!("cannot read {}", path.display())))?;
    let mut pairs = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [label, first, second] = fields[..] else {
            return Err(Error::invalid_input(format!(
                "{} line {}: expected label, first, second separated by tabs",
                path.display(),
                number + 1
            )));
        };
        let same = match label {
            "same" => true,
            "different" => false,
            other => {
                return Err(Error::invalid_input(format!(
                    "{} line {}: the label {other:?} is not same or different",
                    path.display(),
                    number + 1
                )));
            }
        };
        pairs.push(Pair {
            same,
            first: first.to_string(),
            second: second.to_string(),
        });
    }
    Ok(pairs)
}

/// What linking did with the pairs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Pairs measured.
    pub pairs: usize,
    /// Other claims on the desk while linking.
    pub crowd: usize,
    /// Linked (predicted same) against the labels, by words alone (the engine's measure).
    pub by_words: Confusion,
    /// Linked against the labels, by words or meaning (the store with the encoder).
    pub by_meaning: Confusion,
    /// The labelled pairs the store linked by meaning and not by words, and were wrong to.
    pub wrongly_linked: Vec<(String, String)>,
    /// Rewordings left unlinked.
    pub missed: Vec<(String, String)>,
    /// Per pair, the measure alone (no candidate search): the label, the embeddings' cosine,
    /// whether figures and polarity agree, and the engine's word similarity.
    pub measures: Vec<PairMeasure>,
}

/// The measures of one pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairMeasure {
    /// The label.
    pub same: bool,
    /// The cosine of the two claims' embeddings.
    pub cosine: f32,
    /// Whether they state the same figures with the same polarity.
    pub guards_agree: bool,
    /// The engine's word similarity.
    pub words: f64,
}

impl Figures {
    /// The decisions of the rule "words, or a cosine of at least `threshold` with figures and
    /// polarity agreeing" on the pairs at `positions` (all when `None`).
    pub fn at(&self, threshold: f32, positions: Option<usize>) -> Confusion {
        let mut confusion = Confusion::default();
        for (i, m) in self.measures.iter().enumerate() {
            if positions.is_some_and(|parity| i % 2 != parity) {
                continue;
            }
            let linked = m.words >= SAME_CLAIM || (m.cosine >= threshold && m.guards_agree);
            confusion.add(linked, m.same);
        }
        confusion
    }

    /// The threshold (of 0.50, 0.51, … 0.99) with the best F1 on the pairs at even (0) or odd
    /// (1) positions, to be measured on the others.
    pub fn best_threshold(&self, parity: usize) -> f32 {
        (50..100)
            .map(|t| t as f32 / 100.0)
            .max_by(|a, b| {
                let (fa, fb) = (
                    self.at(*a, Some(parity)).f1(),
                    self.at(*b, Some(parity)).f1(),
                );
                // Ties: the higher threshold, the more cautious link.
                fa.total_cmp(&fb).then(a.total_cmp(b))
            })
            .unwrap_or(1.0)
    }
}

/// One claim as an article of its own: the claim is the whole text.
fn article(text: &str, number: usize) -> (NewArticle, Vec<ExtractedClaim>) {
    let (article, claim) = one_claim_article(
        text,
        format!("Pair article {number}"),
        NaiveDate::from_ymd_opt(2025, 1, 1),
        ClaimKind::Other,
    );
    (article, vec![claim])
}

/// Store `texts` as one-claim articles; returns their claim ids (an article already on the
/// desk keeps its claim).
fn store_all(desk: &Desk, texts: &[&str], first_number: usize) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(texts.len());
    for (i, text) in texts.iter().enumerate() {
        let (article, claims) = article(text, first_number + i);
        let result = desk.store_article(&article, claims, Vec::new(), &[])?;
        let claims = desk.article(result.article.id)?.claims;
        ids.push(claims.first().map_or(0, |c| c.id));
    }
    Ok(ids)
}

/// Link the pairs on a new desk in `folder` (with `embedder`, or by words alone) after a
/// `crowd` of other claims; returns, per pair, whether the store linked its two claims.
fn linked(
    folder: &Path,
    name: &str,
    embedder: Option<&Arc<dyn SentenceEmbedder>>,
    pairs: &[Pair],
    crowd: &[String],
) -> Result<Vec<bool>> {
    // One desk per process: two evals at once (the lab's tests run in parallel) must not
    // delete each other's desk. It is made anew each run and removed after.
    let path = folder.join(format!("{name}-{}.sqlite3", std::process::id()));
    let remove = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    };
    remove();
    let result = link_pairs(&path, embedder, pairs, crowd);
    remove();
    result
}

/// [`linked`] on a new desk at `path`.
fn link_pairs(
    path: &Path,
    embedder: Option<&Arc<dyn SentenceEmbedder>>,
    pairs: &[Pair],
    crowd: &[String],
) -> Result<Vec<bool>> {
    let desk = Desk::open(path)?;
    if let Some(embedder) = embedder {
        desk.use_embedder(Arc::clone(embedder));
    }
    let crowd: Vec<&str> = crowd.iter().map(String::as_str).collect();
    store_all(&desk, &crowd, 0)?;
    let mut result = Vec::with_capacity(pairs.len());
    for (i, pair) in pairs.iter().enumerate() {
        // Each pair on its own numbering, after the crowd, so its articles are new.
        let ids = store_all(
            &desk,
            &[pair.first.as_str(), pair.second.as_str()],
            crowd.len() + 2 * i,
        )?;
        let repeats: HashSet<i64> = desk
            .claim(ids[1])?
            .repeats
            .iter()
            .map(|r| r.claim.id)
            .collect();
        result.push(repeats.contains(&ids[0]));
    }
    Ok(result)
}

/// Measure linking on `pairs` with a crowd of other claims, by words alone and with the
/// encoder, on desks in `folder`.
pub fn evaluate(
    pairs: &[Pair],
    crowd: &[String],
    embedder: &Arc<dyn SentenceEmbedder>,
    folder: &Path,
) -> Result<Figures> {
    std::fs::create_dir_all(folder)
        .map_err(|e| Error::from(e).context(format!("cannot create {}", folder.display())))?;
    let words = linked(folder, "repeats-words", None, pairs, crowd)?;
    let meaning = linked(folder, "repeats-meaning", Some(embedder), pairs, crowd)?;
    let mut figures = Figures {
        pairs: pairs.len(),
        crowd: crowd.len(),
        ..Figures::default()
    };
    for pair in pairs {
        let vectors = embedder.embed(&[pair.first.as_str(), pair.second.as_str()])?;
        let (a, b) = (fingerprint(&pair.first), fingerprint(&pair.second));
        figures.measures.push(PairMeasure {
            same: pair.same,
            cosine: vectors[0].iter().zip(&vectors[1]).map(|(x, y)| x * y).sum(),
            guards_agree: same_figures_and_polarity(&a, &b),
            words: similarity(&a, &b),
        });
    }
    for ((pair, by_words), by_meaning) in pairs.iter().zip(words).zip(meaning) {
        figures.by_words.add(by_words, pair.same);
        figures.by_meaning.add(by_meaning, pair.same);
        if by_meaning && !pair.same {
            figures
                .wrongly_linked
                .push((pair.first.clone(), pair.second.clone()));
        }
        if !by_meaning && pair.same {
            figures
                .missed
                .push((pair.first.clone(), pair.second.clone()));
        }
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixture_has_as_many_rewordings_as_look_alikes() {
        let pairs = read(&fixture()).unwrap();
        let same = pairs.iter().filter(|p| p.same).count();
        assert_eq!((same, pairs.len() - same), (40, 40));
    }
}
