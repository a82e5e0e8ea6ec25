//! ClaimDesk's sentence encoder for matching: the similarity model (`models/similarity-minilm-l6`,
//! the base all-MiniLM-L6-v2) as the store's [`SentenceEmbedder`], loaded the first time a
//! meaning is asked for, so commands that never compare meanings never pay for it.
//!
//! The check-worthiness model is not used here: fine-tuning moved its embedding space away
//! from similarity (claim-retrieval-ct2022 dev-test MAP@5 by cosine 0.385 against the base
//! model's 0.865; models/MODEL.md).

use std::path::PathBuf;
use std::sync::{Arc, LazyLock, OnceLock};

use claimdesk_encoder::{Encoder, SIMILARITY_MODEL, find_model};
use claimdesk_error::{Error, Result};
use claimdesk_store::embedding::SentenceEmbedder;

/// The similarity model, loaded on first use from the usual model folders (see
/// [`claimdesk_encoder::location`]) and any the caller adds.
#[derive(Debug)]
pub struct SimilarityEncoder {
    extra_dirs: Vec<PathBuf>,
    loaded: OnceLock<std::result::Result<Encoder, Error>>,
}

impl SimilarityEncoder {
    /// An encoder that looks for the model in `extra_dirs` first (the desktop app's bundled
    /// resources), then where ClaimDesk installs it.
    pub fn new(extra_dirs: Vec<PathBuf>) -> SimilarityEncoder {
        SimilarityEncoder {
            extra_dirs,
            loaded: OnceLock::new(),
        }
    }

    /// The loaded model, or why it could not be loaded (the same answer every time: a missing
    /// model is not looked for again on every claim).
    pub fn encoder(&self) -> Result<&Encoder> {
        self.loaded
            .get_or_init(|| Encoder::load(&find_model(SIMILARITY_MODEL, &self.extra_dirs)?))
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl SentenceEmbedder for SimilarityEncoder {
    fn model_id(&self) -> Result<String> {
        Ok(format!("{SIMILARITY_MODEL}@{}", self.encoder()?.model_id()))
    }

    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.encoder()?.embed(texts)
    }
}

/// The process's one similarity encoder (the model is loaded once however many desks share
/// it).
pub fn shared() -> Arc<dyn SentenceEmbedder> {
    static SHARED: LazyLock<Arc<SimilarityEncoder>> =
        LazyLock::new(|| Arc::new(SimilarityEncoder::new(Vec::new())));
    Arc::clone(&*SHARED) as Arc<dyn SentenceEmbedder>
}
