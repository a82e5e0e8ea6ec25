//! Okapi BM25 over the fact-checks' words: claim, title and subtitle read as one document.
//!
//! An inverted index held in memory: for each word, the fact-checks that contain it with the
//! word's BM25 weight there, computed once when the index is built. Scoring a query adds the
//! weights of its distinct words, so it reads only the postings of the query's words.
//!
//! Parameters k1 = 1.2 and b = 0.75 (the usual ones), idf = ln(1 + (N − df + 0.5) / (df + 0.5)),
//! which never goes negative for a word in most documents.

use std::collections::{HashMap, HashSet};

use crate::text::words;

/// Term-frequency saturation.
const K1: f32 = 1.2;
/// Length normalisation.
const B: f32 = 0.75;

/// A BM25 index over a fixed list of documents.
#[derive(Debug, Default)]
pub struct Bm25 {
    postings: HashMap<String, Vec<(u32, f32)>>,
    documents: usize,
}

impl Bm25 {
    /// Index `documents`; a document's position in the list is its number in scores.
    pub fn new<'a>(documents: impl IntoIterator<Item = &'a str>) -> Self {
        let mut counts: Vec<HashMap<String, u32>> = Vec::new();
        let mut lengths: Vec<f32> = Vec::new();
        for document in documents {
            let mut tf: HashMap<String, u32> = HashMap::new();
            let mut length = 0u32;
            for word in words(document) {
                *tf.entry(word).or_default() += 1;
                length += 1;
            }
            counts.push(tf);
            lengths.push(length as f32);
        }
        let n = counts.len();
        let average = if n == 0 {
            1.0
        } else {
            (lengths.iter().sum::<f32>() / n as f32).max(1.0)
        };
        let mut df: HashMap<&str, u32> = HashMap::new();
        for tf in &counts {
            for word in tf.keys() {
                *df.entry(word.as_str()).or_default() += 1;
            }
        }
        let idf: HashMap<String, f32> = df
            .into_iter()
            .map(|(word, df)| {
                let df = df as f32;
                (
                    word.to_string(),
                    (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln(),
                )
            })
            .collect();
        let mut postings: HashMap<String, Vec<(u32, f32)>> = HashMap::new();
        for (doc, tf) in counts.into_iter().enumerate() {
            let norm = K1 * (1.0 - B + B * lengths[doc] / average);
            for (word, count) in tf {
                let count = count as f32;
                let weight = count * (K1 + 1.0) / (count + norm) * idf[&word];
                postings.entry(word).or_default().push((doc as u32, weight));
            }
        }
        Bm25 {
            postings,
            documents: n,
        }
    }

    /// How many documents are indexed.
    pub fn len(&self) -> usize {
        self.documents
    }

    /// Whether no document is indexed.
    pub fn is_empty(&self) -> bool {
        self.documents == 0
    }

    /// The BM25 score of every document for `query` (each distinct word counted once), in
    /// document order; 0 for a document that shares no word with it.
    pub fn scores(&self, query: &str) -> Vec<f32> {
        let mut scores = vec![0.0f32; self.documents];
        let distinct: HashSet<String> = words(query).collect();
        for word in distinct {
            if let Some(postings) = self.postings.get(&word) {
                for &(doc, weight) in postings {
                    scores[doc as usize] += weight;
                }
            }
        }
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_sharing_the_rare_words_scores_highest() {
        let index = Bm25::new([
            "the ferry fares will rise in may",
            "the council closed two libraries",
            "the bridge toll will rise",
        ]);
        let scores = index.scores("Ferry fares rise");
        assert!(scores[0] > scores[2] && scores[2] > scores[1], "{scores:?}");
        assert_eq!(scores[1], 0.0);
    }

    #[test]
    fn a_repeated_query_word_counts_once() {
        let index = Bm25::new(["ferry ferry", "bus"]);
        assert_eq!(index.scores("ferry"), index.scores("ferry ferry ferry"));
    }

    #[test]
    fn an_empty_index_scores_nothing() {
        let index = Bm25::new(std::iter::empty());
        assert!(index.scores("anything").is_empty());
        assert!(index.is_empty());
    }
}
