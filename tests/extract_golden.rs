//! Golden check of what `extract` finds, so a change meant only to make the engine faster is
//! seen to leave its output alone.
//!
//! The structure of each extraction (sentences, claim spans and texts, speakers, dates,
//! caption flags, furniture, anchor) is compared with a committed copy: in full for our own
//! articles (`tests/fixtures/articles/*.txt`, `demo/articles/*.txt`, written to
//! `tests/fixtures/golden/<name>.json`) and as a digest for the shared corpora (the ClaimBuster
//! transcripts and the NewsClaims dev articles, skipped where `../shared` is absent). Scores,
//! reasons and kinds are left out: they belong to the scorer, whose figures `eval_floors` holds.
//!
//! A change that is meant to alter the output regenerates the copies with
//! `CLAIMDESK_BLESS=1 cargo test --test extract_golden` and commits them with the change, so
//! the diff shows what the change did.

// Helpers of this test file panic on malformed fixtures, which is what a test should do.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use claimdesk_engine::{ExtractOptions, Extraction, extract};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/golden")
}

fn blessing() -> bool {
    std::env::var_os("CLAIMDESK_BLESS").is_some_and(|v| v == "1")
}

/// The structure of an extraction, without the scorer's output.
fn structure(found: &Extraction) -> Value {
    json!({
        "anchor": found.anchor.map(|a| format!("{} ({:?})", a.date, a.source)),
        "furniture": found
            .furniture
            .iter()
            .map(|f| json!([f.start, f.end, format!("{:?}", f.kind)]))
            .collect::<Vec<_>>(),
        "sentences": found
            .sentences
            .iter()
            .map(|s| json!([s.start, s.end]))
            .collect::<Vec<_>>(),
        "claims": found
            .claims
            .iter()
            .map(|c| {
                json!({
                    "text": c.text,
                    "span": [c.start, c.end],
                    "sentence": [c.sentence_start, c.sentence_end],
                    "speaker": c.speaker,
                    "dates": c
                        .dates
                        .iter()
                        .map(|d| json!([d.text, d.start, d.end, d.value]))
                        .collect::<Vec<_>>(),
                    "caption": c.caption,
                })
            })
            .collect::<Vec<_>>(),
    })
}

/// The publication date a fixture's expectations give, if any.
fn fixture_options(text_path: &Path) -> ExtractOptions {
    let expected = text_path.with_extension("expected.json");
    let published = std::fs::read_to_string(expected)
        .ok()
        .and_then(|json| serde_json::from_str::<Value>(&json).ok())
        .and_then(|v| v["published"].as_str().map(str::to_string))
        .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    ExtractOptions { published }
}

/// Compare `actual` with the committed file `name`, or write it when blessing; returns a
/// failure message.
fn check(name: &str, actual: &str) -> Option<String> {
    let path = golden_dir().join(name);
    if blessing() {
        std::fs::create_dir_all(golden_dir()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    (expected != actual).then(|| {
        let first_difference = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        format!(
            "{}: extract output changed (first at line {}); if intended, rerun with CLAIMDESK_BLESS=1 and commit the diff",
            path.display(),
            first_difference + 1
        )
    })
}

#[test]
fn our_articles_extract_exactly_as_recorded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failures = Vec::new();
    let mut checked = 0;
    for dir in ["tests/fixtures/articles", "demo/articles"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let found = extract(&text, &fixture_options(&path));
            let json = serde_json::to_string_pretty(&structure(&found)).unwrap() + "\n";
            let stem = path.file_stem().unwrap().to_string_lossy();
            failures.extend(check(&format!("{stem}.json"), &json));
            checked += 1;
        }
    }
    assert!(checked >= 3, "fixture articles are missing");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A short digest of the structures of many texts.
fn digest(texts: &[String]) -> String {
    let mut hasher = Sha256::new();
    for text in texts {
        let found = extract(text, &ExtractOptions::default());
        hasher.update(structure(&found).to_string().as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn the_shared_corpora_extract_exactly_as_recorded() {
    let shared = common::shared_dir();
    let transcripts_dir = shared.join("data/claimbuster/transcripts");
    let newsclaims = shared.join("data/newsclaims/articles_dev.jsonl");
    let (Ok(entries), Ok(articles)) = (
        std::fs::read_dir(&transcripts_dir),
        std::fs::read_to_string(&newsclaims),
    ) else {
        eprintln!("skipped: {} is absent", shared.display());
        return;
    };
    let mut transcripts: Vec<(PathBuf, String)> = entries
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), std::fs::read_to_string(p).unwrap()))
        .collect();
    transcripts.sort();
    let transcripts: Vec<String> = transcripts.into_iter().map(|(_, t)| t).collect();
    let articles: Vec<String> = articles
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["text"].as_str().unwrap().to_string()
        })
        .collect();
    let digests = format!(
        "claimbuster transcripts ({} texts): {}\nnewsclaims dev articles ({} texts): {}\n",
        transcripts.len(),
        digest(&transcripts),
        articles.len(),
        digest(&articles)
    );
    if let Some(failure) = check("shared-corpora.digest", &digests) {
        panic!("{failure}");
    }
}
