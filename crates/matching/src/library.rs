//! The library with the desk: importing fact-check files, embedding what is new a batch at a
//! time, and ranking the library for claims. The command line, the app's commands and the lab's
//! measurement all go through these functions, so what is measured is what editors get.

use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use claimdesk_error::{ErrorPayload, Result};
use claimdesk_interchange::fact_checks as files;
use claimdesk_store::Desk;
use claimdesk_store::embedding::SentenceEmbedder;
use claimdesk_store::fact_checks::{FactCheck, FactCheckUpsert, FactCheckVectors};
use claimdesk_store::records::ClaimId;
use claimdesk_store::review_state::Stance;

use crate::confidence;
use crate::index::{LibraryIndex, Ranked};
use crate::ratings::stance_of;
use crate::text::clean_query;

/// Fact-checks embedded per call of [`embed_pending`] by default: a few seconds of work, so a
/// progress bar moves and an interrupted import loses little.
pub const EMBED_BATCH: usize = 256;

/// How many problems of one file are listed (the count says how many there were).
const PROBLEMS_LISTED: usize = 20;

/// A record of a file that was left out or changed, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecordProblem {
    /// Where in the file: "line 12", "item 3".
    pub place: String,
    /// What is wrong.
    pub message: String,
}

/// What importing one fact-check file did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FactCheckFileImport {
    /// The file's name as given.
    pub file_name: Option<String>,
    /// The format it was read as ("JSON Lines", "ClaimReview JSON-LD", ...), unless it could
    /// not be read.
    pub format: Option<String>,
    /// New, changed and unchanged fact-checks.
    pub counts: FactCheckUpsert,
    /// Records left out (no claim, no identifier, not JSON).
    pub skipped: u32,
    /// The first of them, with where they are and why.
    pub problems: Vec<RecordProblem>,
    /// Records kept without something they had (a link that is not http or https, a date
    /// that does not read as one).
    pub noted: u32,
    /// The first of those notes.
    pub notes: Vec<RecordProblem>,
    /// Why nothing of the file was imported, when nothing was.
    pub error: Option<ErrorPayload>,
}

/// How far the library's embedding is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndexProgress {
    /// Fact-checks embedded by this call.
    pub embedded: u32,
    /// Fact-checks ranked by meaning now.
    pub indexed: u32,
    /// Fact-checks in the library.
    pub total: u32,
}

impl IndexProgress {
    /// Whether every fact-check is embedded.
    pub fn done(&self) -> bool {
        self.indexed >= self.total
    }
}

/// Read one fact-check file and store what it holds (without embedding it: see
/// [`embed_pending`]). `content` is the file's text, or why it could not be read.
pub fn import_file(
    desk: &Desk,
    file_name: Option<String>,
    content: Result<String>,
) -> FactCheckFileImport {
    let mut result = FactCheckFileImport {
        file_name: file_name.clone(),
        ..FactCheckFileImport::default()
    };
    let read = content.and_then(|text| files::read(&text));
    let file = match read {
        Ok(file) => file,
        Err(err) => {
            result.error = Some(err.into());
            return result;
        }
    };
    result.format = Some(file.format.to_string());
    result.skipped = file.problems.len() as u32;
    result.noted = file.notes.len() as u32;
    let listed = |problems: Vec<files::Problem>| {
        problems
            .into_iter()
            .take(PROBLEMS_LISTED)
            .map(|p| RecordProblem {
                place: p.place,
                message: p.message,
            })
            .collect()
    };
    result.problems = listed(file.problems);
    result.notes = listed(file.notes);
    if file.items.is_empty() && result.skipped > 0 {
        result.error = Some(
            claimdesk_error::Error::invalid_input(format!(
                "no usable fact-check in the file ({} record(s) left out; the first: {} — {})",
                result.skipped, result.problems[0].place, result.problems[0].message
            ))
            .into(),
        );
        return result;
    }
    match desk.upsert_fact_checks(&file.items, file_name.as_deref()) {
        Ok(counts) => result.counts = counts,
        Err(err) => result.error = Some(err.into()),
    }
    result
}

/// Embed up to `limit` fact-checks that have no vectors by the embedder's model yet.
pub fn embed_pending(
    desk: &Desk,
    embedder: &dyn SentenceEmbedder,
    limit: usize,
) -> Result<IndexProgress> {
    let model = embedder.model_id()?;
    let pending = desk.fact_checks_to_embed(&model, limit)?;
    let mut embedded = 0;
    if !pending.is_empty() {
        // One call for claims and titles: the encoder sorts the texts by length into batches,
        // and claims and titles mixed fill them better than either alone.
        let mut texts: Vec<&str> = pending.iter().map(|p| p.claim.as_str()).collect();
        let titled: Vec<usize> = (0..pending.len())
            .filter(|&i| pending[i].title.is_some())
            .collect();
        texts.extend(titled.iter().filter_map(|&i| pending[i].title.as_deref()));
        let mut vectors = embedder.embed(&texts)?.into_iter();
        let mut items: Vec<FactCheckVectors> = pending
            .iter()
            .zip(vectors.by_ref())
            .map(|(p, claim)| FactCheckVectors {
                id: p.id,
                text_hash: p.text_hash.clone(),
                claim,
                title: None,
            })
            .collect();
        for (&i, title) in titled.iter().zip(vectors) {
            items[i].title = Some(title);
        }
        embedded = desk.set_fact_check_vectors(&model, &items)? as u32;
    }
    let library = desk.fact_check_library(Some(&model))?;
    Ok(IndexProgress {
        embedded,
        indexed: library.indexed,
        total: library.total,
    })
}

/// Embed every fact-check still to embed, `batch` at a time, telling `progress` after each
/// batch.
pub fn embed_all(
    desk: &Desk,
    embedder: &dyn SentenceEmbedder,
    batch: usize,
    mut progress: impl FnMut(&IndexProgress),
) -> Result<IndexProgress> {
    loop {
        let step = embed_pending(desk, embedder, batch.max(1))?;
        progress(&step);
        // A batch that stored nothing (every text changed under it) or a finished library.
        if step.done() || step.embedded == 0 {
            return Ok(step);
        }
    }
}

/// One fact-check ranked for a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FactCheckMatch {
    /// The fact-check.
    pub fact_check: FactCheck,
    /// How far above the library it stands for this claim (fused z-score; see the
    /// confidence floor in `confident`).
    pub score: f32,
    /// How alike the two mean, 0..1, when both were embedded.
    pub similarity: Option<f32>,
    /// The share of the claim's content words the fact-check has, 0..1.
    pub word_overlap: f32,
    /// The measure the confidence floor applies to (`similarity` when ranked by meaning,
    /// `word_overlap` otherwise).
    pub confidence: f32,
    /// Whether it clears the confidence floor: likely the same claim.
    pub confident: bool,
    /// The stance the fact-check takes as evidence, from its rating.
    pub stance: Stance,
}

/// The fact-checks that may have checked a claim before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CheckedBefore {
    /// The claim.
    pub claim_id: ClaimId,
    /// The best matches above the confidence floor, best first.
    pub matches: Vec<FactCheckMatch>,
    /// Fact-checks in the library.
    pub library: u32,
    /// Whether they were ranked by meaning as well as words (the sentence encoder was there
    /// and the library is embedded).
    pub by_meaning: bool,
}

/// The in-memory indexes of the libraries this process matched against, by database, rebuilt
/// when the library's generation moves or another model is asked for.
static INDEXES: LazyLock<Mutex<Vec<Cached>>> = LazyLock::new(Mutex::default);

/// A library's index and the database it was read from.
type Cached = (PathBuf, Arc<LibraryIndex>);

/// Libraries kept in memory at once (a process normally has one desk).
const INDEXES_KEPT: usize = 2;

/// The index of the desk's library for `model` (`None`: words only), built or reused.
pub fn library_index(desk: &Desk, model: Option<&str>) -> Result<Arc<LibraryIndex>> {
    let generation = desk.fact_check_generation()?;
    // Held while building: two threads asking at once build it once.
    let mut cache = INDEXES.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((_, found)) = cache.iter().find(|(path, index)| {
        path == desk.path() && index.model.as_deref() == model && index.generation == generation
    }) {
        return Ok(Arc::clone(found));
    }
    let corpus = desk.fact_check_corpus(model)?;
    let built = Arc::new(LibraryIndex::build(&corpus, model));
    cache.retain(|(path, _)| path != desk.path());
    if cache.len() >= INDEXES_KEPT {
        cache.remove(0);
    }
    cache.push((desk.path().to_path_buf(), Arc::clone(&built)));
    Ok(built)
}

/// Rank the library for each text (one claim each), best first, `top` each. Ranks by meaning
/// and words with the desk's sentence encoder, by words alone without one.
pub fn match_texts(desk: &Desk, texts: &[&str], top: usize) -> Result<Vec<Vec<FactCheckMatch>>> {
    let cleaned: Vec<String> = texts.iter().map(|t| clean_query(t)).collect();
    let embedder = desk.embedder();
    let model = embedder.as_ref().map(|e| e.model_id()).transpose()?;
    let index = library_index(desk, model.as_deref())?;
    let vectors = match &embedder {
        Some(embedder) if index.has_meaning() => {
            let refs: Vec<&str> = cleaned.iter().map(String::as_str).collect();
            Some(embedder.embed(&refs)?)
        }
        _ => None,
    };
    rank_all(desk, &index, &cleaned, vectors.as_deref(), top)
}

/// [`match_texts`] for one claim whose embedding by the desk's encoder is already known (or
/// `None`: by words): the search alone, as the claim panel runs it for a stored claim.
pub fn match_embedded(
    desk: &Desk,
    text: &str,
    vector: Option<&[f32]>,
    top: usize,
) -> Result<Vec<FactCheckMatch>> {
    let model = desk.embedder().map(|e| e.model_id()).transpose()?;
    let index = library_index(desk, model.as_deref())?;
    let vectors = vector
        .filter(|_| index.has_meaning())
        .map(|v| vec![v.to_vec()]);
    Ok(
        rank_all(desk, &index, &[clean_query(text)], vectors.as_deref(), top)?
            .pop()
            .unwrap_or_default(),
    )
}

/// Rank the library for texts already cleaned, with their embeddings when ranking by meaning.
fn rank_all(
    desk: &Desk,
    index: &LibraryIndex,
    cleaned: &[String],
    vectors: Option<&[Vec<f32>]>,
    top: usize,
) -> Result<Vec<Vec<FactCheckMatch>>> {
    let by_meaning = vectors.is_some();
    let mut all = Vec::with_capacity(cleaned.len());
    for (i, text) in cleaned.iter().enumerate() {
        let vector = vectors.and_then(|v| v.get(i)).map(Vec::as_slice);
        let ranked = index.rank(text, vector, top);
        all.push(describe(desk, &ranked, by_meaning)?);
    }
    Ok(all)
}

fn describe(desk: &Desk, ranked: &[Ranked], by_meaning: bool) -> Result<Vec<FactCheckMatch>> {
    let ids: Vec<i64> = ranked.iter().map(|r| r.id).collect();
    let found = desk.fact_checks(&ids)?;
    Ok(ranked
        .iter()
        .filter_map(|r| {
            let fact_check = found.iter().find(|f| f.id == r.id)?.clone();
            let stance = stance_of(fact_check.rating.as_deref());
            Some(FactCheckMatch {
                fact_check,
                score: r.score,
                similarity: r.similarity,
                word_overlap: r.word_overlap,
                confidence: confidence::measure(r, by_meaning),
                confident: confidence::is_confident(r, by_meaning),
                stance,
            })
        })
        .collect())
}

/// The fact-checks above the confidence floor for a claim on the desk, at most `top`. The
/// claim's stored embedding is used (computed and stored now when it has none).
pub fn checked_before(desk: &Desk, claim_id: ClaimId, top: usize) -> Result<CheckedBefore> {
    let claim = desk.claim(claim_id)?.claim;
    let library = desk.fact_check_library(None)?.total;
    if library == 0 {
        return Ok(CheckedBefore {
            claim_id,
            matches: Vec::new(),
            library,
            by_meaning: false,
        });
    }
    let model = desk.embedder().map(|e| e.model_id()).transpose()?;
    let index = library_index(desk, model.as_deref())?;
    // What the desk publishes is the claim as checked: a wording the editor corrected is what
    // is matched, not the article's words the claim stays anchored to. Its meaning is computed
    // here (the stored one is the span's).
    let wording = claim
        .claim_text
        .as_deref()
        .unwrap_or(claim.extracted.text.as_str());
    let vector = match (index.has_meaning(), &claim.claim_text, desk.embedder()) {
        (false, _, _) => None,
        (true, Some(corrected), Some(embedder)) => embedder.embed(&[corrected.as_str()])?.pop(),
        (true, _, _) => desk.meaning_of(claim_id)?,
    };
    let cleaned = [clean_query(wording)];
    let vectors = vector.map(|v| vec![v]);
    let mut matches = rank_all(desk, &index, &cleaned, vectors.as_deref(), top)?
        .pop()
        .unwrap_or_default();
    let by_meaning = vectors.is_some();
    matches.retain(|m| m.confident);
    Ok(CheckedBefore {
        claim_id,
        matches,
        library,
        by_meaning,
    })
}
