//! Throughput of `extract` on the ClaimBuster debate transcripts (2.3 MB), one core.
//!
//! Run with `cargo bench --bench extract`. It reads `../shared/data/claimbuster/transcripts`
//! (or under `$CLAIMDESK_SHARED`), runs the whole pipeline over every transcript several times
//! and prints MB/s for `extract` end to end, for sentence segmentation alone, for the stages
//! before scoring (everything `extract` does but rate the claims) and for scoring alone. The
//! figures recorded in BENCHMARKS.md come from this bench; it asserts nothing, because timings
//! on a shared machine are not a pass/fail test.
//!
//! Wall time on a shared machine is noisy, so changes are judged by instruction counts too:
//! `--stage extract|segmentation|structure|scoring --rounds 1` runs one stage once, after a
//! warm-up, inside the function `measured_rounds`, for
//! `valgrind --tool=callgrind --toggle-collect=extract::measured_rounds <bench binary> --stage
//! extract --rounds 1` (BENCHMARKS.md has the exact commands).

#[path = "../tests/common/shared.rs"]
mod common;

use std::time::{Duration, Instant};

use claimdesk_engine::{ExtractOptions, extract, extract_structure, scoring, segmentation};

// The allocator the `claimdesk` binary and the desktop app use, so the bench times what they run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What one round runs over one text, returning a count so the work is not optimised away.
type Work<'a> = &'a dyn Fn(&str) -> usize;

/// Time `rounds` passes of `work` over all texts; the best is the least disturbed by other
/// processes. Not inlined, so callgrind can collect exactly this.
#[inline(never)]
fn measured_rounds(rounds: usize, texts: &[String], work: Work<'_>) -> Duration {
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

/// The value after `--name` on the command line, if given.
fn argument(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|at| args.get(at + 1).cloned())
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
    let rounds: usize = argument("--rounds")
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let only = argument("--stage");

    // Warm up before timing: the lazily compiled patterns, the model, and the regex engines'
    // caches of automaton states, which fill up over the first megabytes of text. A desk
    // that imports articles all day runs warm; a one-off CLI call pays the warm-up once
    // (about 10 ms).
    let claims: usize = texts
        .iter()
        .map(|t| extract(t, &options).claims.len())
        .sum();
    if only.is_none() {
        println!(
            "corpus: {} transcripts, {megabytes:.2} MB, {claims} candidate claims",
            texts.len()
        );
    }

    // Scoring alone: every sentence analysed and rated with its reasons, as `extract` does
    // for each claim (the sentences are cut out beforehand, so only scoring is timed).
    let sentences: Vec<String> = if only.as_deref().is_none_or(|s| s == "scoring") {
        texts
            .iter()
            .flat_map(|t| {
                segmentation::sentence_spans(t)
                    .into_iter()
                    .map(|s| t[s].to_string())
            })
            .collect()
    } else {
        Vec::new()
    };
    let stages: [(&str, &[String], Work<'_>); 4] = [
        ("extract", &texts, &|t| extract(t, &options).claims.len()),
        ("segmentation", &texts, &|t| {
            segmentation::sentence_spans(t).len()
        }),
        ("structure", &texts, &|t| {
            extract_structure(t, &options).claims.len()
        }),
        ("scoring", &sentences, &|s| {
            scoring::score_sentence(s).reasons.len()
        }),
    ];
    for (name, inputs, work) in stages {
        if only.as_deref().is_some_and(|s| s != name) {
            continue;
        }
        let best = measured_rounds(rounds, inputs, work);
        let what = match name {
            "extract" => "extract (end to end)",
            "segmentation" => "segmentation alone",
            "structure" => "extract without scoring",
            _ => "scoring alone",
        };
        println!(
            "{what:<24} {:>6.1} MB/s ({:.0} ms, best of {rounds}{})",
            megabytes / best.as_secs_f64(),
            best.as_secs_f64() * 1000.0,
            if name == "scoring" {
                format!(", {} sentences", sentences.len())
            } else {
                String::new()
            }
        );
    }
}
