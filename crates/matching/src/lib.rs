//! "Checked before?": the library of published fact-checks, ranked for a claim by what it
//! means and by its words, so an editor sees at once that someone already checked it.
//!
//! - [`text`]: what the lexical index reads, and a claim cleaned of links before matching;
//! - [`bm25`]: Okapi BM25 over each fact-check's claim, title and subtitle;
//! - [`dense`]: exact nearest neighbours over the fact-checks' sentence embeddings;
//! - [`fusion`]: both standardised per query and added with weights tuned on train and dev;
//! - [`index`]: the library in memory, ranked for a query;
//! - [`confidence`]: the floor above which a match is shown as likely the same claim;
//! - [`ratings`]: what a match's rating says about the claim, as an evidence stance;
//! - [`library`]: the desk's side: importing files, embedding them in batches, matching claims;
//! - [`encoder`]: the similarity model as the store's sentence embedder, loaded on first use.
//!
//! Depends on the store (the fact-checks and vectors it keeps), the interchange (the files it
//! reads) and the encoder (the similarity model, which reaches the store as its
//! [`SentenceEmbedder`](claimdesk_store::embedding::SentenceEmbedder)). Knows nothing of HTTP,
//! the CLI or Tauri.

#![deny(missing_docs)]

pub mod bm25;
pub mod confidence;
pub mod dense;
pub mod encoder;
pub mod fusion;
pub mod index;
pub mod library;
mod rating_words;
pub mod ratings;
pub mod text;

pub use library::{
    CheckedBefore, FactCheckFileImport, FactCheckMatch, IndexProgress, RecordProblem,
    checked_before, embed_all, embed_pending, import_file, match_texts,
};
