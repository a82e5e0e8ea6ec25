//! ClaimDesk's sentence encoder: a small pretrained transformer (BERT) that reads a sentence's
//! meaning, run in pure Rust.
//!
//! The model is all-MiniLM-L6-v2 (6 layers, 384 dimensions, 22.7M parameters, Apache-2.0),
//! as shipped on PyPI, fine-tuned by ClaimDesk to rate check-worthiness (see `models/` and its
//! `MODEL.md` for provenance and the training command). One forward pass gives both:
//!
//! - an [`Embedding`]: the mean of the last layer's token vectors, L2-normalised, so the dot
//!   product of two embeddings is their cosine similarity ("the same claim in other words",
//!   "checked before?");
//! - a check-worthiness **logit** from a linear head on that mean, when the weights carry one
//!   ([`Encoder::has_head`]); compare with [`Encoder::threshold`].
//!
//! This crate owns loading the weights ([`weights`]: f32, f16, or int8 with a scale per row,
//! all computed in f32), tokenising (the model's own WordPiece `tokenizer.json`), the
//! transformer forward pass ([`bert`]), pooling and the head; and finding the model files at
//! run time ([`location`]). It knows nothing of claims, SQLite, HTTP or Tauri: the engine
//! decides what text to encode and what a logit means for an editor.
//!
//! Inference is deterministic and thread-safe (`Encoder` is `Send + Sync`; share one in an
//! `Arc`). Matrix products run on candle's CPU backend (gemm, which picks AVX2 or AVX-512 at
//! run time); how many threads they use follows `RAYON_NUM_THREADS` (default: every core).

#![deny(missing_docs)]

pub mod bert;
pub mod encoder;
pub mod location;
pub mod weights;

pub use encoder::{DEFAULT_BATCH, Embedding, Encoded, Encoder, MAX_TOKENS};
pub use location::{CHECKWORTHINESS_MODEL, MODELS_ENV, ModelFiles, SIMILARITY_MODEL, find_model};

/// Candle's errors are bugs or broken model files to the rest of ClaimDesk: wrap them in the
/// shared error type with what was being done.
fn tensor_error(doing: &str, err: candle_core::Error) -> claimdesk_error::Error {
    claimdesk_error::Error::internal(format!("the sentence encoder failed while {doing}: {err}"))
}
