//! Whole labelled documents as the engine sees them: a text for [`claimdesk_engine::extract`] and the
//! character spans of its labelled sentences. NewsClaims articles are such documents as they
//! come; a CheckThat! 2019 debate is written out as a transcript (a `SPEAKER:` label at each
//! change of speaker, one sentence a line), so that `extract` reads it as it would read any
//! transcript an editor drops in.

use claimdesk_engine::ExtractedClaim;

/// A document with its labelled sentences.
#[derive(Debug, Clone)]
pub struct LabelledDocument {
    /// The document's name (article id or file stem).
    pub name: String,
    /// The text `extract` reads.
    pub text: String,
    /// The labelled sentences: character span (end exclusive) and whether it is check-worthy.
    pub sentences: Vec<(usize, usize, bool)>,
}

impl LabelledDocument {
    /// The sentence each claim belongs to: the labelled sentence it overlaps most (the engine's
    /// sentences need not match the labelled ones), `None` when it overlaps none.
    pub fn sentence_of_claims(&self, claims: &[ExtractedClaim]) -> Vec<Option<usize>> {
        claims
            .iter()
            .map(|claim| {
                let first = self
                    .sentences
                    .partition_point(|(_, end, _)| *end <= claim.start);
                self.sentences[first..]
                    .iter()
                    .take_while(|(start, _, _)| *start < claim.end)
                    .enumerate()
                    .map(|(k, (start, end, _))| {
                        let overlap = (*end)
                            .min(claim.end)
                            .saturating_sub((*start).max(claim.start));
                        (first + k, overlap)
                    })
                    .filter(|(_, overlap)| *overlap > 0)
                    // The largest overlap; the earlier sentence on a tie.
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|(i, _)| i)
            })
            .collect()
    }

    /// Each labelled sentence's score: the best score of the claims in it, 0 without any.
    pub fn sentence_scores(&self, owners: &[Option<usize>], claim_scores: &[f64]) -> Vec<f64> {
        let mut best = vec![0.0f64; self.sentences.len()];
        for (owner, score) in owners.iter().zip(claim_scores) {
            if let Some(i) = owner {
                best[*i] = best[*i].max(*score);
            }
        }
        best
    }

    /// `(score, check-worthy)` of each labelled sentence.
    pub fn scored(&self, scores: &[f64]) -> Vec<(f64, bool)> {
        scores
            .iter()
            .zip(&self.sentences)
            .map(|(score, (_, _, gold))| (*score, *gold))
            .collect()
    }
}

impl From<&super::newsclaims::Article> for LabelledDocument {
    fn from(article: &super::newsclaims::Article) -> Self {
        let mut sentences: Vec<(usize, usize, bool)> = article
            .sentences
            .iter()
            .map(|s| {
                let gold = article
                    .claims
                    .iter()
                    .any(|c| c.sentence_id == s.sentence_id);
                (s.start, s.end, gold)
            })
            .collect();
        sentences.sort_by_key(|(start, end, _)| (*start, *end));
        LabelledDocument {
            name: article.article_id.clone(),
            text: article.text.clone(),
            sentences,
        }
    }
}

impl From<&super::checkthat::Document> for LabelledDocument {
    fn from(document: &super::checkthat::Document) -> Self {
        let mut text = String::new();
        let mut chars = 0usize;
        let mut sentences = Vec::with_capacity(document.sentences.len());
        let mut previous: Option<&str> = None;
        for ((sentence, gold), speaker) in document.sentences.iter().zip(&document.speakers) {
            if previous != Some(speaker.as_str()) {
                if !text.is_empty() {
                    text.push('\n');
                    chars += 1;
                }
                text.push_str(speaker);
                text.push_str(": ");
                chars += speaker.chars().count() + 2;
                previous = Some(speaker);
            }
            let start = chars;
            text.push_str(sentence);
            chars += sentence.chars().count();
            sentences.push((start, chars, *gold));
            text.push('\n');
            chars += 1;
        }
        LabelledDocument {
            name: document.name.clone(),
            text,
            sentences,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::checkthat::Document;

    #[test]
    fn a_debate_becomes_a_transcript_whose_spans_are_its_sentences() {
        let document = Document {
            name: "toy".to_string(),
            sentences: vec![
                ("Taxes rose 12 percent.".to_string(), true),
                ("Thank you.".to_string(), false),
                ("Is that so?".to_string(), false),
            ],
            speakers: vec!["SMITH".into(), "SMITH".into(), "JONES".into()],
        };
        let labelled = LabelledDocument::from(&document);
        let chars: Vec<char> = labelled.text.chars().collect();
        for ((start, end, _), (sentence, _)) in labelled.sentences.iter().zip(&document.sentences) {
            assert_eq!(chars[*start..*end].iter().collect::<String>(), *sentence);
        }
        assert!(labelled.text.starts_with("SMITH: Taxes"));
        assert!(labelled.text.contains("\nJONES: Is that so?"));
    }
}
