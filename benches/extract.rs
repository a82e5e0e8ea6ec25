//! Throughput of `extract` on the ClaimBuster debate transcripts (2.3 MB), one core.
//!
//! Run with `cargo bench --bench extract`. It reads `../shared/data/claimbuster/transcripts`
//! (or under `$CLAIMDESK_SHARED`), runs the whole pipeline over every transcript several times
//! and prints MB/s for `extract` end to end and for sentence segmentation alone. The figures
//! recorded in BENCHMARKS.md come from this bench; it asserts nothing, because timings on a
//! shared machine are not a pass/fail test.

#[path = "../tests/common/shared.rs"]
mod common;

use std::time::{Duration, Instant};

use claimdesk::engine::{ExtractOptions, extract, scoring, segmentation};

/// Best of `rounds` timings of `work` over all texts: the least disturbed by other processes.
fn best_of(rounds: usize, texts: &[String], mut work: impl FnMut(&str) -> usize) -> Duration {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let mut sink = 0;
            for text in texts {
                sink += work(text);
            }
            std::hint::black_box(sink);
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let dir = common::shared_dir().join("data/claimbuster/transcripts");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let mut texts: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    texts.sort();
    let bytes: usize = texts.iter().map(String::len).sum();
    let megabytes = bytes as f64 / 1_000_000.0;
    let options = ExtractOptions::default();

    // Warm up caches and the lazily compiled patterns before timing.
    let claims: usize = texts
        .iter()
        .map(|t| extract(t, &options).claims.len())
        .sum();

    let rounds = 5;
    let whole = best_of(rounds, &texts, |t| extract(t, &options).claims.len());
    let split = best_of(rounds, &texts, |t| segmentation::sentence_spans(t).len());
    // Scoring alone: every sentence analysed and rated with its reasons, as `extract` does
    // for each claim (the sentences are cut out beforehand, so only scoring is timed).
    let sentences: Vec<String> = texts
        .iter()
        .flat_map(|t| {
            segmentation::sentence_spans(t)
                .into_iter()
                .map(|s| t[s].to_string())
        })
        .collect();
    let scoring = best_of(rounds, &sentences, |s| {
        scoring::score_sentence(s).reasons.len()
    });
    println!(
        "corpus: {} transcripts, {megabytes:.2} MB, {claims} candidate claims",
        texts.len()
    );
    println!(
        "extract (end to end): {:.1} MB/s ({:.0} ms, best of {rounds})",
        megabytes / whole.as_secs_f64(),
        whole.as_secs_f64() * 1000.0
    );
    println!(
        "segmentation alone:   {:.1} MB/s ({:.0} ms, best of {rounds})",
        megabytes / split.as_secs_f64(),
        split.as_secs_f64() * 1000.0
    );
    println!(
        "scoring alone:        {:.1} MB/s ({:.0} ms for {} sentences, best of {rounds})",
        megabytes / scoring.as_secs_f64(),
        scoring.as_secs_f64() * 1000.0,
        sentences.len()
    );
}
