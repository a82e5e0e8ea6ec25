//! The article-extraction benchmark: ClaimDesk's page reader (`claimdesk_sources::read_html`,
//! the way an import reads a page, after decoding the bytes once) on the readability-pages, with
//! the measure the extraction study used for every peer extractor (their figures are beside
//! ours in BENCHMARKS.md).
//!
//! - **Data:** each folder of `../shared/data/readability-pages` (or `--dir`): `source.html`
//!   (the page), `expected.html` (Readability.js's article, the reference) or `expected.txt`
//!   (a held-out set with human text), and `expected-metadata.json`. Read at run time; never
//!   copied.
//! - **Body:** 4-gram shingle precision, recall and F1 over `\w+` tokens (case kept), the
//!   measure public extraction benchmarks use; both sides are plain text made the same way
//!   (block elements are paragraphs). The mean is over pages.
//! - **Metadata right:** title and site name equal after folding case, whitespace, quotes and
//!   dashes; byline the same with a leading "By" ignored; the published day as written.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Instant;

use claimdesk_error::{Error, Result};
use claimdesk_sources::{dates, decode, html, read_html};
use regex::Regex;

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("static regex"));

fn shingles(text: &str) -> HashSet<String> {
    let tokens: Vec<&str> = WORD.find_iter(text).map(|m| m.as_str()).collect();
    if tokens.is_empty() {
        return HashSet::new();
    }
    if tokens.len() < 4 {
        return HashSet::from([tokens.join(" ")]);
    }
    tokens.windows(4).map(|w| w.join(" ")).collect()
}

/// Precision, recall and F1 of `predicted` against `gold`.
pub fn shingle_prf(predicted: &str, gold: &str) -> (f64, f64, f64) {
    let (p, g) = (shingles(predicted), shingles(gold));
    if p.is_empty() && g.is_empty() {
        return (1.0, 1.0, 1.0);
    }
    if p.is_empty() || g.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let shared = p.intersection(&g).count() as f64;
    let (precision, recall) = (shared / p.len() as f64, shared / g.len() as f64);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    (precision, recall, f1)
}

fn fold(text: &str) -> String {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{00A0}' | '\u{2009}' | '\u{202F}' => ' ',
            c => c,
        })
        .filter(|c| !matches!(c, '\u{AD}' | '\u{200B}' | '\u{FEFF}'))
        .collect();
    folded
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':' | '|' | '-'))
        .to_string()
}

fn same_text(got: Option<&str>, want: &str) -> bool {
    got.is_some_and(|got| !fold(got).is_empty() && fold(got) == fold(want))
}

fn same_byline(got: Option<&str>, want: &str) -> bool {
    static BY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(by|par|por|von|di|door|av|af|de|written by|posted by|story by)\s+")
            .expect("static regex")
    });
    let strip = |text: &str| fold(&BY.replace(&fold(text), ""));
    got.is_some_and(|got| !strip(got).is_empty() && strip(got) == strip(want))
}

/// The benchmark's result, as the table in BENCHMARKS.md reports it.
#[derive(Debug, Default)]
pub struct PagesResult {
    /// Pages read.
    pub pages: usize,
    /// Mean precision, recall and F1 of the body.
    pub precision: f64,
    /// Mean recall.
    pub recall: f64,
    /// Mean F1.
    pub f1: f64,
    /// (right, pages that have it) for title, byline, site name, published day.
    pub metadata: [(usize, usize); 4],
    /// Milliseconds per page, median.
    pub median_ms: f64,
    /// The pages that scored lowest, with their F1.
    pub worst: Vec<(String, f64)>,
}

/// Read every page folder under `dir` and measure.
pub fn run(dir: &Path) -> Result<PagesResult> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|err| Error::from(err).context(format!("cannot read {}", dir.display())))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.join("source.html").exists())
        .collect();
    folders.sort();
    let mut result = PagesResult::default();
    let mut times = Vec::new();
    let mut scores = Vec::new();
    for folder in &folders {
        let bytes = std::fs::read(folder.join("source.html"))?;
        let gold = match std::fs::read_to_string(folder.join("expected.html")) {
            Ok(expected) => html::text::html_to_text(&expected),
            Err(_) => std::fs::read_to_string(folder.join("expected.txt")).unwrap_or_default(),
        };
        let meta: serde_json::Value =
            std::fs::read_to_string(folder.join("expected-metadata.json"))
                .ok()
                .and_then(|text| serde_json::from_str(&text).ok())
                .unwrap_or(serde_json::Value::Null);
        let want = |key: &str| {
            meta.get(key)
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .filter(|s| !s.trim().is_empty())
        };
        let started = Instant::now();
        let text = decode::decode(&bytes, None, true).text;
        let reading = read_html(&text, Some("http://fakehost/test/page.html"));
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        let (p, r, f) = shingle_prf(&reading.body, &gold);
        result.precision += p;
        result.recall += r;
        result.f1 += f;
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        scores.push((name, f));
        let checks = [
            want("title").map(|w| same_text(reading.title.as_deref(), &w)),
            want("byline").map(|w| same_byline(reading.byline.as_deref(), &w)),
            want("siteName").map(|w| same_text(reading.site_name.as_deref(), &w)),
            want("publishedTime").map(|w| {
                reading.published.is_some() && reading.published == dates::day_as_written(&w)
            }),
        ];
        for (slot, check) in result.metadata.iter_mut().zip(checks) {
            if let Some(right) = check {
                slot.1 += 1;
                slot.0 += usize::from(right);
            }
        }
    }
    result.pages = folders.len();
    let n = result.pages.max(1) as f64;
    result.precision /= n;
    result.recall /= n;
    result.f1 /= n;
    times.sort_by(f64::total_cmp);
    result.median_ms = times.get(times.len() / 2).copied().unwrap_or_default();
    scores.sort_by(|a, b| a.1.total_cmp(&b.1));
    scores.truncate(8);
    result.worst = scores;
    Ok(result)
}

/// The result as a Markdown report.
pub fn report(result: &PagesResult) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "pages: {}\nbody F1 {:.3} (P {:.3}, R {:.3}); median {:.1} ms/page",
        result.pages, result.f1, result.precision, result.recall, result.median_ms
    );
    for (name, (right, of)) in ["title", "byline", "site name", "published day"]
        .iter()
        .zip(result.metadata)
    {
        let share = if of == 0 {
            0.0
        } else {
            100.0 * right as f64 / of as f64
        };
        let _ = writeln!(out, "{name}: {right}/{of} right ({share:.0} %)");
    }
    let _ = writeln!(out, "lowest F1:");
    for (name, f1) in &result.worst {
        let _ = writeln!(out, "  {name}: {f1:.3}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_text_scores_one_and_disjoint_text_zero() {
        let text = "The council voted seven to two on Tuesday night.";
        assert_eq!(shingle_prf(text, text), (1.0, 1.0, 1.0));
        let (p, r, f) = shingle_prf("Nothing here overlaps at all today", text);
        assert_eq!((p, r, f), (0.0, 0.0, 0.0));
    }

    #[test]
    fn an_empty_body_scores_zero_against_a_non_empty_gold() {
        assert_eq!(shingle_prf("", "one two three four"), (0.0, 0.0, 0.0));
    }

    #[test]
    fn extra_furniture_costs_precision_not_recall() {
        let gold = "a b c d e f g h";
        let (p, r, _) = shingle_prf("a b c d e f g h Share this on Facebook now", gold);
        assert_eq!(r, 1.0);
        assert!(p < 1.0);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(shingle_prf("Hello world", "Hello world").2, 1.0);
        assert_eq!(shingle_prf("Hello world", "Hello there").2, 0.0);
    }

    #[test]
    fn titles_match_across_quotes_dashes_case_and_spaces() {
        assert!(same_text(
            Some("Mayor\u{2019}s plan \u{2014} a  first look"),
            "mayor's plan - a first look."
        ));
        assert!(!same_text(Some(""), ""));
        assert!(!same_text(None, "Anything"));
    }

    #[test]
    fn bylines_match_with_or_without_by() {
        assert!(same_byline(Some("By Lena Marsh"), "Lena Marsh"));
        assert!(same_byline(Some("lena marsh"), "by Lena Marsh"));
        assert!(!same_byline(Some("Lena Marsh and Tom Ade"), "Lena Marsh"));
    }
}
