//! The sentence encoder as the desk sees it: something that turns texts into unit-length
//! vectors whose dot product says how alike their meanings are.
//!
//! The store never loads a model (that would put a tensor library under every query); the app
//! hands it an encoder ([`Desk::use_embedder`](crate::Desk::use_embedder)), and the store calls
//! it where a claim's meaning must follow its words: when a claim is stored, or its span
//! changes. Vectors are kept with the model that made them, so vectors of two models are
//! never compared.

use std::fmt;

use claimdesk_error::Result;

/// Turns texts into sentence embeddings.
pub trait SentenceEmbedder: Send + Sync + fmt::Debug {
    /// What identifies the model and its weights; vectors stored under another identifier are
    /// stale. May load the model the first time it is asked.
    fn model_id(&self) -> Result<String>;

    /// One unit-length vector per text, in order.
    fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>>;
}
