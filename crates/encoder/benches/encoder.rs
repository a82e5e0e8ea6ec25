//! The encoder's speed and memory: `cargo bench -p claimdesk-encoder --bench encoder`.
//!
//! Loads the shipped check-worthiness model (timing the load and the resident memory it adds),
//! then encodes sentences: ClaimBuster dev's first 256 (`../shared/data`; our own 50 test
//! sentences where that is absent), at several batch sizes, and one at a time. Reports wall
//! time and this process's CPU time per sentence (CPU time is the steadier figure on a shared
//! machine), and the peak resident set size. Threads: `RAYON_NUM_THREADS=1` for one core.
//! `BENCH_BATCHES=8,32` picks the batch sizes, `BENCH_SENTENCES=N` how many sentences.

use std::path::Path;
use std::time::Instant;

use claimdesk_encoder::{CHECKWORTHINESS_MODEL, Encoder, find_model};

/// This process's user + system CPU time in milliseconds (Linux, `/proc/self/stat`).
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) * 10.0
}

/// A `/proc/self/status` figure in MiB (`VmRSS`, `VmHWM`).
fn memory_mib(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

fn sentences(limit: usize) -> Vec<String> {
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/claimbuster/dev.csv");
    let from_shared: Vec<String> = std::fs::read_to_string(&shared)
        .map(|csv| {
            // The second column (Text) is quoted when it holds a comma; a plain CSV read of
            // the first lines is enough for a speed sample.
            csv.lines()
                .skip(1)
                .filter_map(|line| {
                    let rest = line.split_once(',')?.1;
                    let text = match rest.strip_prefix('"') {
                        Some(quoted) => quoted.split("\",").next()?.replace("\"\"", "\""),
                        None => rest.split(',').next()?.to_string(),
                    };
                    Some(text)
                })
                .filter(|t| !t.trim().is_empty())
                .take(limit)
                .collect()
        })
        .unwrap_or_default();
    if !from_shared.is_empty() {
        return from_shared;
    }
    let reference = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/reference.json");
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(reference).expect("the reference sentences"))
            .expect("reference.json parses");
    json["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .filter_map(|s| s.as_str().map(str::to_string))
        .take(limit)
        .collect()
}

fn main() {
    let limit = std::env::var("BENCH_SENTENCES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    let texts = sentences(limit);
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let threads = std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "all cores".into());
    let before = memory_mib("VmRSS:");
    let (wall, cpu) = (Instant::now(), cpu_ms());
    let files = find_model(CHECKWORTHINESS_MODEL, &[]).expect("the model");
    let mut encoder = Encoder::load(&files).expect("load");
    println!(
        "threads: {threads}; {} sentences; load {:.0} ms wall, {:.0} ms CPU; resident +{:.0} MiB",
        texts.len(),
        wall.elapsed().as_secs_f64() * 1e3,
        cpu_ms() - cpu,
        memory_mib("VmRSS:") - before
    );
    encoder
        .encode(&texts[..texts.len().min(8)])
        .expect("warm up");
    let tokens: usize = texts
        .iter()
        .map(|t| encoder.token_count(t).expect("tokenize"))
        .sum();
    println!(
        "mean word pieces per sentence: {:.1}",
        tokens as f64 / texts.len() as f64
    );
    let batches: Vec<usize> = std::env::var("BENCH_BATCHES")
        .unwrap_or_else(|_| "1,4,8,16,32".into())
        .split(',')
        .filter_map(|b| b.trim().parse().ok())
        .collect();
    for batch in batches {
        encoder = encoder.with_batch(batch);
        let (wall, cpu) = (Instant::now(), cpu_ms());
        encoder.encode(&texts).expect("encode");
        let n = texts.len() as f64;
        println!(
            "batch {batch:>2} (sorted by length): {:.2} ms/sentence wall, {:.2} ms/sentence CPU; peak resident {:.0} MiB",
            wall.elapsed().as_secs_f64() * 1e3 / n,
            (cpu_ms() - cpu) / n,
            memory_mib("VmHWM:")
        );
    }
}
