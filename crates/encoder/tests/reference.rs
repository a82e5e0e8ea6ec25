//! The Rust encoder against the Python/JAX reference implementation
//! (`crates/lab/training/bert_jax.py`, written from the BERT paper's equations, not from this
//! crate): on 50 sentences we wrote for this test (figures, questions, small talk, an empty
//! string, non-English text, one sentence longer than the 128 word pieces the model reads),
//! every embedding has cosine >= 0.999 with the reference, batched with padding and one at a
//! time, and every check-worthiness logit is within 0.02.
//!
//! `tests/data/reference.json` is written by `crates/lab/training/make_reference.py` from the
//! weights files the app ships (both int8). A last check compares the shipped similarity model
//! with the base model it was rounded from (f32), where the base files are
//! (`scripts/fetch-base-model` puts them in `target/base-model`; CI has no network, so it
//! skips there, saying so).

use std::path::{Path, PathBuf};

use claimdesk_encoder::{CHECKWORTHINESS_MODEL, Encoder, ModelFiles, SIMILARITY_MODEL, find_model};
use serde::Deserialize;

#[derive(Deserialize)]
struct Reference {
    sentences: Vec<String>,
    /// The check-worthiness model's embeddings and logits.
    checkworthiness: Outputs,
    /// The similarity model's embeddings.
    similarity: Outputs,
}

#[derive(Deserialize)]
struct Outputs {
    embeddings: Vec<Vec<f32>>,
    #[serde(default)]
    logits: Vec<f32>,
}

fn reference() -> Reference {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference.json");
    serde_json::from_slice(&std::fs::read(path).expect("read the reference")).expect("parse it")
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb).max(1e-12)
}

/// The lowest cosine between two lists of embeddings, and the sentence where it is.
fn worst_cosine(got: &[Vec<f32>], want: &[Vec<f32>], sentences: &[String]) -> (f32, String) {
    assert_eq!(got.len(), want.len());
    got.iter()
        .zip(want)
        .zip(sentences)
        .map(|((g, w), s)| (cosine(g, w), s.clone()))
        .fold((1.0, String::new()), |worst, next| {
            if next.0 < worst.0 { next } else { worst }
        })
}

fn assert_matches(encoder: &Encoder, outputs: &Outputs, sentences: &[String]) {
    let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let encoded = encoder.encode(&texts).expect("encode");
    let embeddings: Vec<Vec<f32>> = encoded.iter().map(|e| e.embedding.clone()).collect();
    let (worst, at) = worst_cosine(&embeddings, &outputs.embeddings, sentences);
    eprintln!("batched: worst cosine {worst:.7} ({at:?})");
    assert!(worst >= 0.999, "batched: cosine {worst} for {at:?}");

    let single: Vec<Vec<f32>> = texts
        .iter()
        .map(|t| encoder.embed(&[t]).expect("embed").remove(0))
        .collect();
    let (worst, at) = worst_cosine(&single, &outputs.embeddings, sentences);
    eprintln!("one at a time: worst cosine {worst:.7} ({at:?})");
    assert!(worst >= 0.999, "one at a time: cosine {worst} for {at:?}");

    if !outputs.logits.is_empty() {
        let logits: Vec<f32> = encoded.iter().map(|e| e.logit.expect("a head")).collect();
        let worst = logits
            .iter()
            .zip(&outputs.logits)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0f32, f32::max);
        eprintln!("worst logit difference {worst:.2e}");
        assert!(worst < 0.02, "logits differ by {worst}");
    }
}

fn load(name: &str) -> Encoder {
    let files = find_model(name, &[]).expect("the models are in the checkout");
    Encoder::load(&files).expect("load")
}

#[test]
fn the_checkworthiness_model_matches_the_python_reference() {
    let reference = reference();
    let encoder = load(CHECKWORTHINESS_MODEL);
    assert!(encoder.has_head() && encoder.threshold().is_some());
    assert_eq!(encoder.dimension(), 384);
    assert_matches(&encoder, &reference.checkworthiness, &reference.sentences);
}

#[test]
fn the_similarity_model_matches_the_python_reference() {
    let reference = reference();
    let encoder = load(SIMILARITY_MODEL);
    assert!(!encoder.has_head());
    assert_matches(&encoder, &reference.similarity, &reference.sentences);
}

/// int8 against the f32 file it was rounded from, both read by this crate.
#[test]
fn the_similarity_model_is_the_base_model_to_within_rounding() {
    let dir = std::env::var_os("CLAIMDESK_BASE_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/base-model/all-MiniLM-L6-v2")
        });
    let files = ModelFiles { dir };
    if !files.weights().is_file() {
        eprintln!(
            "skipped: no base model at {} (scripts/fetch-base-model downloads it)",
            files.dir.display()
        );
        return;
    }
    let reference = reference();
    let texts: Vec<&str> = reference.sentences.iter().map(String::as_str).collect();
    let base = Encoder::load(&files)
        .expect("load")
        .embed(&texts)
        .expect("embed");
    let shipped = load(SIMILARITY_MODEL).embed(&texts).expect("embed");
    let (worst, at) = worst_cosine(&shipped, &base, &reference.sentences);
    eprintln!("int8 against f32: worst cosine {worst:.6} ({at:?})");
    assert!(worst >= 0.995, "cosine {worst} for {at:?}");
}

#[test]
fn batch_size_does_not_change_the_result() {
    let reference = reference();
    let texts: Vec<&str> = reference.sentences.iter().map(String::as_str).collect();
    let one = load(CHECKWORTHINESS_MODEL).with_batch(1);
    let many = load(CHECKWORTHINESS_MODEL).with_batch(50);
    for (a, b) in one
        .encode(&texts)
        .expect("encode")
        .iter()
        .zip(many.encode(&texts).expect("encode"))
    {
        assert!(cosine(&a.embedding, &b.embedding) > 0.99999);
        assert!((a.logit.unwrap_or(0.0) - b.logit.unwrap_or(0.0)).abs() < 1e-3);
    }
}
