//! ClaimBuster (Arslan et al., ICWSM 2020, doi:10.5281/zenodo.3609356): sentences of the US
//! presidential debates 1960–2016 labelled check-worthy factual (CFS), unimportant factual or
//! non-factual. The shared copy is split by debate into `train.csv` and `dev.csv`.
//!
//! The measure: F1 of the check-worthy class when [`score_sentence`](claimdesk_engine::scoring)
//! rates each sentence alone, and the average precision of the ranking by score.

use std::path::Path;

use serde::Deserialize;

use super::metrics::{self, Confusion};
use super::scorer::Scorer;
use claimdesk_error::{Error, Result};

/// One labelled sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledSentence {
    /// The sentence as spoken.
    pub text: String,
    /// The debate it comes from (`YYYY-MM-DD.txt`): the unit of the train/dev split.
    pub debate: String,
    /// ClaimBuster's verdict: 1 check-worthy factual, 0 unimportant factual, -1 non-factual.
    pub verdict: i8,
    /// Whether the sentence is check-worthy (verdict 1, the `cfs` column).
    pub checkworthy: bool,
}

#[derive(Deserialize)]
struct Row {
    #[serde(rename = "Text")]
    text: String,
    #[serde(rename = "File_id")]
    debate: String,
    #[serde(rename = "Verdict")]
    verdict: i8,
    cfs: u8,
}

/// Read a ClaimBuster CSV (the shared `train.csv` or `dev.csv`, or the original
/// `crowdsourced.csv`/`groundtruth.csv` plus a `cfs` column).
pub fn read(path: &Path) -> Result<Vec<LabelledSentence>> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| {
        Error::invalid_input(format!(
            "cannot read ClaimBuster file {}: {e}",
            path.display()
        ))
    })?;
    let mut sentences = Vec::new();
    for (line, row) in reader.deserialize::<Row>().enumerate() {
        let row = row.map_err(|e| {
            Error::invalid_input(format!(
                "{}: record {} is not a ClaimBuster row (need Text, File_id, Verdict, cfs): {e}",
                path.display(),
                line + 1
            ))
        })?;
        sentences.push(LabelledSentence {
            text: row.text,
            debate: row.debate,
            verdict: row.verdict,
            checkworthy: row.cfs == 1,
        });
    }
    if sentences.is_empty() {
        return Err(Error::invalid_input(format!(
            "{} holds no ClaimBuster sentences",
            path.display()
        )));
    }
    Ok(sentences)
}

/// The ClaimBuster figures of a model.
#[derive(Debug, Clone, Copy)]
pub struct Figures {
    /// Sentences scored.
    pub sentences: usize,
    /// Decisions at the model's threshold against the `cfs` labels.
    pub confusion: Confusion,
    /// Average precision of the ranking by score.
    pub average_precision: f64,
    /// The best F1 any threshold would reach on this data (an upper bound, for context only).
    pub oracle_f1: f64,
}

/// Score every sentence alone with `scorer` and measure against the labels.
pub fn evaluate(scorer: &Scorer<'_>, sentences: &[LabelledSentence]) -> Result<Figures> {
    let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
    let scored: Vec<(f64, bool)> = scorer
        .sentence_scores(&texts)?
        .into_iter()
        .zip(sentences.iter().map(|s| s.checkworthy))
        .collect();
    Ok(Figures {
        sentences: sentences.len(),
        confusion: metrics::confusion_at(&scored, scorer.threshold()),
        average_precision: metrics::average_precision(&scored).unwrap_or(0.0),
        oracle_f1: metrics::best_f1_threshold(&scored).1,
    })
}

/// How the segmenter splits the debates the dev sentences come from: of the labelled sentences
/// found word for word in their transcript, how many are exactly one of the segmenter's
/// sentences of that transcript.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Boundaries {
    /// Labelled sentences.
    pub sentences: usize,
    /// Of them, those found word for word in their transcript (ClaimBuster's own splitting
    /// sometimes joins or edits lines, and those cannot be compared).
    pub found: usize,
    /// Of those found, the ones the segmenter gives as one sentence, exactly.
    pub exact: usize,
}

/// Compare the segmenter's sentences of each transcript in `transcripts` (named by
/// [`LabelledSentence::debate`]) with the labelled sentences of that debate. Debates without a
/// transcript count as not found.
pub fn boundaries(sentences: &[LabelledSentence], transcripts: &Path) -> Result<Boundaries> {
    use std::collections::{HashMap, HashSet};
    let mut by_debate: HashMap<&str, Vec<&str>> = HashMap::new();
    for sentence in sentences {
        by_debate
            .entry(sentence.debate.as_str())
            .or_default()
            .push(sentence.text.trim());
    }
    let mut figures = Boundaries {
        sentences: sentences.len(),
        ..Boundaries::default()
    };
    for (debate, labelled) in by_debate {
        let path = transcripts.join(debate);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let ours: HashSet<&str> = claimdesk_engine::segmentation::sentence_spans(&text)
            .into_iter()
            .map(|span| &text[span])
            .collect();
        for sentence in labelled {
            if sentence.is_empty() || !text.contains(sentence) {
                continue;
            }
            figures.found += 1;
            figures.exact += usize::from(ours.contains(sentence));
        }
    }
    Ok(figures)
}
