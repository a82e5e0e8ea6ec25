//! The library as the matcher holds it in memory: BM25 over each fact-check's words and the
//! matrix of its embeddings, in one order, ranked together for a query.

use std::collections::HashSet;

use claimdesk_engine::lexicon::stop_words::is_stop_word;
use claimdesk_store::fact_checks::{Corpus, FactCheckId};

use crate::bm25::Bm25;
use crate::dense::Dense;
use crate::fusion;
use crate::text::words as words_of;

/// One fact-check ranked for a query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// The fact-check.
    pub id: FactCheckId,
    /// The fused score: how far above the library it stands for this query, in standard
    /// deviations (see [`fusion`]).
    pub score: f32,
    /// How alike the query and the fact-check mean, 0..1 (the cosine with its claim and its
    /// title, averaged), when both have embeddings.
    pub similarity: Option<f32>,
    /// The share of the query's content words (not stop words) the fact-check's claim, title
    /// or subtitle has, 0..1.
    pub word_overlap: f32,
}

/// An index of the whole library at one generation.
#[derive(Debug)]
pub struct LibraryIndex {
    /// The library's generation it was built from.
    pub generation: i64,
    /// The model whose vectors it holds (`None`: words only).
    pub model: Option<String>,
    ids: Vec<FactCheckId>,
    documents: Vec<String>,
    words: Bm25,
    meaning: Option<Dense>,
}

impl LibraryIndex {
    /// Index `corpus`, with the vectors of `model` where the corpus has them.
    ///
    /// A fact-check's meaning is its claim's embedding plus its title's (the claim's again when
    /// it has no title): one dot product gives the sum of the query's cosines with both, which
    /// ranked better than either alone or their maximum on the train and dev queries.
    pub fn build(corpus: &Corpus, model: Option<&str>) -> LibraryIndex {
        let ids = corpus.entries.iter().map(|e| e.id).collect();
        let documents: Vec<String> = corpus
            .entries
            .iter()
            .map(|e| {
                let mut text = e.claim.clone();
                for extra in [&e.title, &e.subtitle].into_iter().flatten() {
                    text.push(' ');
                    text.push_str(extra);
                }
                text
            })
            .collect();
        let words = Bm25::new(documents.iter().map(String::as_str));
        let dimensions = corpus
            .entries
            .iter()
            .find_map(|e| e.vectors.as_ref().map(|(claim, _)| claim.len()));
        let meaning = model.and(dimensions).map(|dimensions| {
            let mut dense = Dense::new(dimensions);
            for entry in &corpus.entries {
                let sum = entry.vectors.as_ref().map(|(claim, title)| {
                    let title = title.as_deref().unwrap_or(claim);
                    claim
                        .iter()
                        .zip(title)
                        .map(|(c, t)| c + t)
                        .collect::<Vec<f32>>()
                });
                dense.push(sum.as_deref());
            }
            dense
        });
        LibraryIndex {
            generation: corpus.generation,
            model: model.map(str::to_string),
            ids,
            documents,
            words,
            meaning,
        }
    }

    /// How many fact-checks it holds.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the library is empty.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// How many fact-checks it can rank by meaning.
    pub fn with_vectors(&self) -> usize {
        self.meaning.as_ref().map_or(0, Dense::with_vectors)
    }

    /// Whether it ranks by meaning as well as words.
    pub fn has_meaning(&self) -> bool {
        self.with_vectors() > 0
    }

    /// The `top` fact-checks for a query: its cleaned text (see
    /// [`clean_query`](crate::text::clean_query)) and, to rank by meaning too, that text's
    /// embedding by the index's model. Best first.
    pub fn rank(&self, text: &str, vector: Option<&[f32]>, top: usize) -> Vec<Ranked> {
        if self.ids.is_empty() || top == 0 {
            return Vec::new();
        }
        let words = self.words.scores(text);
        let meaning = match (&self.meaning, vector) {
            (Some(dense), Some(vector)) if dense.with_vectors() > 0 => Some(dense.scores(vector)),
            _ => None,
        };
        let fused = fusion::fuse(meaning.as_deref(), &words);
        let content: HashSet<String> = words_of(text).filter(|w| !is_stop_word(w)).collect();
        fusion::best(&fused, top)
            .into_iter()
            .map(|at| Ranked {
                id: self.ids[at],
                score: fused[at],
                word_overlap: overlap(&content, &self.documents[at]),
                similarity: meaning
                    .as_ref()
                    .and_then(|m| m[at])
                    .map(|sum| (sum / 2.0).clamp(-1.0, 1.0)),
            })
            .collect()
    }
}

/// The share of `content` (a query's content words) that `document` has.
fn overlap(content: &HashSet<String>, document: &str) -> f32 {
    if content.is_empty() {
        return 0.0;
    }
    let document: HashSet<String> = words_of(document).collect();
    content.iter().filter(|w| document.contains(*w)).count() as f32 / content.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimdesk_store::fact_checks::CorpusEntry;

    fn entry(id: i64, claim: &str, vector: Option<[f32; 2]>) -> CorpusEntry {
        CorpusEntry {
            id,
            claim: claim.to_string(),
            title: None,
            subtitle: None,
            vectors: vector.map(|v| (v.to_vec(), None)),
        }
    }

    #[test]
    fn meaning_outranks_words_where_they_disagree() {
        let corpus = Corpus {
            generation: 3,
            entries: vec![
                entry(10, "ferry fares rise", Some([0.0, 1.0])),
                entry(11, "boats will cost more to ride", Some([1.0, 0.0])),
                entry(12, "the council met", Some([0.0, 1.0])),
                entry(13, "libraries closed", Some([0.0, 1.0])),
            ],
        };
        let index = LibraryIndex::build(&corpus, Some("m"));
        assert!(index.has_meaning());
        let ranked = index.rank("ferry fares rise", Some(&[1.0, 0.0]), 2);
        assert_eq!(ranked[0].id, 11);
        assert_eq!(ranked[0].similarity, Some(1.0));
        // Without the query's vector, words decide.
        assert_eq!(index.rank("ferry fares rise", None, 1)[0].id, 10);
    }

    #[test]
    fn without_a_model_the_index_ranks_by_words() {
        let corpus = Corpus {
            generation: 1,
            entries: vec![
                entry(1, "ferry fares", None),
                entry(2, "bridge tolls", None),
            ],
        };
        let index = LibraryIndex::build(&corpus, None);
        assert!(!index.has_meaning());
        let ranked = index.rank("bridge tolls rise", Some(&[1.0, 0.0]), 5);
        assert_eq!(ranked[0].id, 2);
        assert_eq!(ranked[0].similarity, None);
        assert_eq!(ranked.len(), 2);
        // "rise" is not in the fact-check: two of three content words.
        assert!((ranked[0].word_overlap - 2.0 / 3.0).abs() < 1e-6);
    }
}
