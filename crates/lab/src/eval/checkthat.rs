//! CLEF CheckThat! check-worthiness data: the 2019 Task 1 debates and speeches, labelled
//! sentence by sentence in whole documents (measured by MAP of the per-document ranking), and
//! the 2024 Task 1 English dev-test sentences (measured by F1 of the check-worthy class).

use std::path::Path;

use super::documents::LabelledDocument;
use super::metrics::{self, Confusion};
use super::scorer::Scorer;
use claimdesk_engine::ExtractOptions;
use claimdesk_error::{Error, Result};

/// One document of CheckThat! 2019: its sentences in order with their labels.
#[derive(Debug, Clone)]
pub struct Document {
    /// File name without extension ("20190108_oval_office").
    pub name: String,
    /// `(sentence, check-worthy)` in document order.
    pub sentences: Vec<(String, bool)>,
    /// Who speaks each sentence (`TRUMP`, `HOLT`, `SYSTEM`), in the same order.
    pub speakers: Vec<String>,
}

/// Read one CheckThat! 2019 file: `line <TAB> speaker <TAB> text <TAB> label`, LF or CRLF.
pub fn read_2019_document(path: &Path) -> Result<Document> {
    let content = std::fs::read_to_string(path)
        .map_err(|e| Error::from(e).context(format!("cannot read {}", path.display())))?;
    let mut sentences = Vec::new();
    let mut speakers = Vec::new();
    for (number, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [_, speaker, text, label] = fields[..] else {
            return Err(Error::invalid_input(format!(
                "{}:{}: expected 4 tab-separated fields (line, speaker, text, label), found {}",
                path.display(),
                number + 1,
                fields.len()
            )));
        };
        let label = match label.trim() {
            "1" => true,
            "0" => false,
            other => {
                return Err(Error::invalid_input(format!(
                    "{}:{}: label {other:?} is neither 0 nor 1",
                    path.display(),
                    number + 1
                )));
            }
        };
        sentences.push((unquote(text), label));
        speakers.push(speaker.trim().to_string());
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(Document {
        name,
        sentences,
        speakers,
    })
}

/// Texts holding quotes are wrapped in double quotes with inner quotes doubled.
fn unquote(text: &str) -> String {
    match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) if text.len() >= 2 => inner.replace("\"\"", "\""),
        _ => text.to_string(),
    }
}

/// Read every `*.tsv` document of a CheckThat! 2019 folder, in name order.
pub fn read_2019_folder(folder: &Path) -> Result<Vec<Document>> {
    let entries = std::fs::read_dir(folder)
        .map_err(|e| Error::from(e).context(format!("cannot list {}", folder.display())))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(Error::from)?.path();
        if path.extension().is_some_and(|e| e == "tsv") {
            paths.push(path);
        }
    }
    paths.sort();
    if paths.is_empty() {
        return Err(Error::not_found(format!(
            "no CheckThat! 2019 .tsv documents in {}",
            folder.display()
        )));
    }
    paths.iter().map(|p| read_2019_document(p)).collect()
}

/// Mean average precision of the per-document rankings, with each document's AP (in name
/// order). Each debate goes through the whole engine as a transcript
/// ([`LabelledDocument::from`]), so the ranking is what `extract` gives an editor: a sentence
/// scores as its best claim (0 when it holds none).
pub fn evaluate_2019(
    scorer: &Scorer<'_>,
    documents: &[Document],
) -> Result<(f64, Vec<(String, f64)>)> {
    rank_2019(documents, |document| {
        let labelled = LabelledDocument::from(document);
        let extraction = scorer.extract(&labelled.text, &ExtractOptions::default())?;
        let owners = labelled.sentence_of_claims(&extraction.claims);
        let scores: Vec<f64> = extraction.claims.iter().map(|c| c.score).collect();
        Ok(labelled.scored(&labelled.sentence_scores(&owners, &scores)))
    })
}

/// [`evaluate_2019`] with each sentence scored alone (as `score` does), for comparison.
pub fn evaluate_2019_sentences(scorer: &Scorer<'_>, documents: &[Document]) -> Result<f64> {
    Ok(rank_2019(documents, |document| {
        let texts: Vec<&str> = document.sentences.iter().map(|(t, _)| t.as_str()).collect();
        Ok(scorer
            .sentence_scores(&texts)?
            .into_iter()
            .zip(document.sentences.iter().map(|(_, label)| *label))
            .collect())
    })?
    .0)
}

fn rank_2019(
    documents: &[Document],
    score: impl Fn(&Document) -> Result<Vec<(f64, bool)>>,
) -> Result<(f64, Vec<(String, f64)>)> {
    let scored: Vec<(String, Vec<(f64, bool)>)> = documents
        .iter()
        .map(|doc| Ok((doc.name.clone(), score(doc)?)))
        .collect::<Result<_>>()?;
    let map =
        metrics::mean_average_precision(scored.iter().map(|(_, s)| s.as_slice())).unwrap_or(0.0);
    let per_document = scored
        .iter()
        .filter_map(|(name, s)| metrics::average_precision(s).map(|ap| (name.clone(), ap)))
        .collect();
    Ok((map, per_document))
}

/// Read the CheckThat! 2024 English TSV (`Sentence_id <TAB> Text <TAB> class_label`).
pub fn read_2024(path: &Path) -> Result<Vec<(String, bool)>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_path(path)
        .map_err(|e| Error::invalid_input(format!("cannot read {}: {e}", path.display())))?;
    let mut sentences = Vec::new();
    for (number, record) in reader.records().enumerate() {
        let record =
            record.map_err(|e| Error::invalid_input(format!("{}: {e}", path.display())))?;
        let (Some(text), Some(label)) = (record.get(1), record.get(2)) else {
            return Err(Error::invalid_input(format!(
                "{}: record {} lacks the Text or class_label column",
                path.display(),
                number + 1
            )));
        };
        sentences.push((text.to_string(), label.trim() == "Yes"));
    }
    Ok(sentences)
}

/// F1 of the check-worthy class at the scorer's threshold, and the ranking's average
/// precision.
pub fn evaluate_2024(
    scorer: &Scorer<'_>,
    sentences: &[(String, bool)],
) -> Result<(Confusion, f64)> {
    let texts: Vec<&str> = sentences.iter().map(|(t, _)| t.as_str()).collect();
    let scored: Vec<(f64, bool)> = scorer
        .sentence_scores(&texts)?
        .into_iter()
        .zip(sentences.iter().map(|(_, label)| *label))
        .collect();
    Ok((
        metrics::confusion_at(&scored, scorer.threshold()),
        metrics::average_precision(&scored).unwrap_or(0.0),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_lose_their_wrapping_and_doubled_quotes() {
        assert_eq!(
            unquote("\"He said \"\"no\"\" twice\""),
            "He said \"no\" twice"
        );
        assert_eq!(unquote("I said, \"fine\""), "I said, \"fine\"");
        assert_eq!(unquote("\""), "\"");
    }
}
