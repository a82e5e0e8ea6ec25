//! "Checked before?" on the CheckThat! 2022 claim-retrieval collection (Task 2A, English): for
//! each tweet, rank the 14,231 Snopes fact-checks so that the one that checked it comes first.
//! Measured by MAP@5 as the lab's scorer computes it (the precision at each relevant hit in
//! the top 5, summed, over the number of relevant fact-checks).
//!
//! The fact-checks go through `claimdesk fact-checks import`'s code into a desk and the tweets
//! through `fact-checks match`'s ([`claimdesk_matching`]), so the figure is what editors get.
//! The desk is kept in a cache folder between runs: importing the same file again changes
//! nothing, and only fact-checks not yet embedded by the encoder in use are embedded.
//!
//! The same run studies the confidence floor on train and dev (never dev-test): each query's
//! best match when it is its own fact-check is a true match, and the best match that is not
//! is what a claim nobody checked would be shown.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use claimdesk_error::{Error, Result};
use claimdesk_matching as matching;
use claimdesk_store::Desk;

/// The splits measured: train and dev choose, dev-test is the measure.
pub const SPLITS: [&str; 3] = ["train", "dev", "dev-test"];

/// Fact-checks ranked per query: MAP@5 reads 5, the floor study one more past the gold.
const RANKED: usize = 10;

/// The queries of one split with their relevant fact-checks.
#[derive(Debug, Clone, Default)]
pub struct Split {
    /// "train", "dev" or "dev-test".
    pub name: &'static str,
    /// Each query's text and the source keys of its relevant fact-checks.
    pub queries: Vec<(String, HashSet<String>)>,
}

/// The collection as found on disk.
#[derive(Debug, Clone)]
pub struct Collection {
    /// `fact-checks.jsonl`.
    pub fact_checks: PathBuf,
    /// The splits, in [`SPLITS`] order.
    pub splits: Vec<Split>,
}

/// One split's figures.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SplitFigures {
    /// Queries measured.
    pub queries: usize,
    /// MAP@5.
    pub map_at_5: f64,
    /// Share of queries with a relevant fact-check in the top 5.
    pub recall_at_5: f64,
}

/// What the confidence floor does: the measure it applies to (see
/// [`matching::confidence`]) of true and false best matches.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FloorStudy {
    /// The best match's score when it is the query's own fact-check.
    pub true_matches: Vec<f64>,
    /// The best score of a fact-check that is not the query's own (the library without it).
    pub false_matches: Vec<f64>,
}

impl FloorStudy {
    /// The share of true matches shown and of false matches shown at `floor`.
    pub fn at(&self, floor: f64) -> (f64, f64) {
        let share = |scores: &[f64]| {
            scores.iter().filter(|&&s| s >= floor).count() as f64 / scores.len().max(1) as f64
        };
        (share(&self.true_matches), share(&self.false_matches))
    }

    /// The lowest floor that shows at most `false_share` of false matches.
    pub fn floor_for_false_share(&self, false_share: f64) -> f64 {
        let mut falses = self.false_matches.clone();
        falses.sort_by(|a, b| b.total_cmp(a));
        let allowed = (false_share * falses.len() as f64).floor() as usize;
        // Just above the first false match that would exceed the allowance.
        falses.get(allowed).map_or(f64::NEG_INFINITY, |s| s + 1e-4)
    }
}

/// Every figure of the collection.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// Fact-checks in the library.
    pub fact_checks: usize,
    /// Whether they were ranked by meaning and words (the encoder was there), or words alone.
    pub by_meaning: bool,
    /// Per split, in [`SPLITS`] order.
    pub splits: Vec<(&'static str, SplitFigures)>,
    /// The confidence floor study on train and dev.
    pub floor: FloorStudy,
    /// The floor in force for this way of ranking, and what it does on dev-test.
    pub floor_in_force: (f64, f64, f64),
    /// How long one claim takes on dev-test, one at a time (by meaning only).
    pub latency: Option<Latency>,
}

/// Milliseconds per claim, one claim at a time: the encoder reading it, then the search of the
/// library with its embedding (what `checked before` costs for a stored claim).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Latency {
    /// Per claim, the encoder's time.
    pub embed_ms: Vec<f64>,
    /// Per claim, the search's time (ranking the whole library and reading the top 5).
    pub match_ms: Vec<f64>,
}

impl Latency {
    /// The median and the 95th percentile of `times`.
    pub fn median_p95(times: &[f64]) -> (f64, f64) {
        let mut sorted = times.to_vec();
        sorted.sort_by(f64::total_cmp);
        let at = |q: f64| {
            sorted
                .get(((sorted.len() as f64 - 1.0) * q).round() as usize)
                .copied()
                .unwrap_or(f64::NAN)
        };
        (at(0.5), at(0.95))
    }
}

/// Time each query alone: its embedding, then the search (the index already built).
fn time_one_by_one(desk: &Desk, texts: &[&str]) -> Result<Option<Latency>> {
    let Some(embedder) = desk.embedder() else {
        return Ok(None);
    };
    let mut latency = Latency::default();
    for text in texts {
        let started = Instant::now();
        let vector = embedder.embed(&[*text])?.pop().unwrap_or_default();
        let embedded = Instant::now();
        matching::library::match_embedded(desk, text, Some(&vector), 5)?;
        latency
            .embed_ms
            .push((embedded - started).as_secs_f64() * 1e3);
        latency
            .match_ms
            .push(embedded.elapsed().as_secs_f64() * 1e3);
    }
    Ok(Some(latency))
}

impl Figures {
    /// The figures of one split.
    pub fn split(&self, name: &str) -> Option<SplitFigures> {
        self.splits
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
    }
}

/// Read the collection in `folder` (`fact-checks.jsonl`, `queries-*.tsv`, `qrels-*.tsv`).
pub fn read(folder: &Path) -> Result<Collection> {
    let fact_checks = folder.join("fact-checks.jsonl");
    if !fact_checks.is_file() {
        return Err(Error::not_found(format!(
            "{} is missing",
            fact_checks.display()
        )));
    }
    let train_dev = queries(&folder.join("queries-train-dev.tsv"))?;
    let dev_test = queries(&folder.join("queries-dev-test.tsv"))?;
    let mut splits = Vec::new();
    for name in SPLITS {
        let qrels = qrels(&folder.join(format!("qrels-{name}.tsv")))?;
        let texts = if name == "dev-test" {
            &dev_test
        } else {
            &train_dev
        };
        // Queries whose tweet is in the query file (two train qrels have none).
        let queries = qrels
            .into_iter()
            .filter_map(|(id, gold)| {
                let text = texts.iter().find(|(q, _)| *q == id)?.1.clone();
                Some((text, gold))
            })
            .collect();
        splits.push(Split { name, queries });
    }
    Ok(Collection {
        fact_checks,
        splits,
    })
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| Error::from(e).context(format!("cannot read {}", path.display())))
}

/// `tweet_id<TAB>text` lines; a text in double quotes has its quotes doubled inside.
fn queries(path: &Path) -> Result<Vec<(String, String)>> {
    Ok(read_text(path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|line| {
            let (id, text) = line.split_once('\t')?;
            let text = match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                Some(inner) => inner.replace("\"\"", "\""),
                None => text.to_string(),
            };
            Some((id.to_string(), text))
        })
        .collect())
}

/// `tweet_id 0 fact_check_id 1` lines, grouped by tweet in file order.
fn qrels(path: &Path) -> Result<Vec<(String, HashSet<String>)>> {
    let mut grouped: Vec<(String, HashSet<String>)> = Vec::new();
    for line in read_text(path)?.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let [tweet, _, fact_check, _] = fields[..] else {
            continue;
        };
        match grouped.iter_mut().find(|(t, _)| t == tweet) {
            Some((_, gold)) => {
                gold.insert(fact_check.to_string());
            }
            None => grouped.push((tweet.to_string(), HashSet::from([fact_check.to_string()]))),
        }
    }
    Ok(grouped)
}

/// Average precision over the top 5 of one ranking.
pub fn average_precision_at_5(ranked: &[&str], gold: &HashSet<String>) -> f64 {
    let mut hits = 0;
    let mut sum = 0.0;
    for (rank, id) in ranked.iter().take(5).enumerate() {
        if gold.contains(*id) {
            hits += 1;
            sum += f64::from(hits) / (rank + 1) as f64;
        }
    }
    sum / gold.len().max(1) as f64
}

/// Import the collection's fact-checks into `desk` (embedding them with the desk's encoder,
/// if it has one) and measure every split.
pub fn evaluate(collection: &Collection, desk: &Desk) -> Result<Figures> {
    let content = read_text(&collection.fact_checks);
    let imported = matching::import_file(desk, Some("fact-checks.jsonl".into()), content);
    if let Some(err) = imported.error {
        return Err(Error::internal(format!(
            "the claim-retrieval fact-checks did not import: {}",
            err.message
        )));
    }
    let by_meaning = match desk.embedder() {
        Some(embedder) => {
            let done = matching::embed_all(
                desk,
                embedder.as_ref(),
                matching::library::EMBED_BATCH,
                |_| {},
            )?;
            done.indexed > 0
        }
        None => false,
    };
    let library = desk.fact_check_library(None)?.total as usize;
    let mut figures = Figures {
        fact_checks: library,
        by_meaning,
        ..Figures::default()
    };
    let floor = f64::from(if by_meaning {
        matching::confidence::MEANING_FLOOR
    } else {
        matching::confidence::WORDS_FLOOR
    });
    for split in &collection.splits {
        let texts: Vec<&str> = split.queries.iter().map(|(t, _)| t.as_str()).collect();
        let ranked = matching::match_texts(desk, &texts, RANKED)?;
        let mut map = 0.0;
        let mut found = 0usize;
        let mut in_force = FloorStudy::default();
        for ((_, gold), matches) in split.queries.iter().zip(&ranked) {
            let ids: Vec<&str> = matches
                .iter()
                .map(|m| m.fact_check.source_key.as_str())
                .collect();
            map += average_precision_at_5(&ids, gold);
            if ids.iter().take(5).any(|id| gold.contains(*id)) {
                found += 1;
            }
            let study = if split.name == "dev-test" {
                &mut in_force
            } else {
                &mut figures.floor
            };
            if let Some(best) = matches.first()
                && gold.contains(&best.fact_check.source_key)
            {
                study.true_matches.push(f64::from(best.confidence));
            }
            if let Some(other) = matches
                .iter()
                .find(|m| !gold.contains(&m.fact_check.source_key))
            {
                study.false_matches.push(f64::from(other.confidence));
            }
        }
        if split.name == "dev-test" {
            let (shown, false_shown) = in_force.at(floor);
            figures.floor_in_force = (floor, shown, false_shown);
            if by_meaning {
                figures.latency = time_one_by_one(desk, &texts)?;
            }
        }
        let n = split.queries.len().max(1) as f64;
        figures.splits.push((
            split.name,
            SplitFigures {
                queries: split.queries.len(),
                map_at_5: map / n,
                recall_at_5: found as f64 / n,
            },
        ));
    }
    Ok(figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_precision_at_5_as_the_lab_scores_it() {
        let gold: HashSet<String> = ["a".to_string(), "b".to_string()].into();
        assert_eq!(
            average_precision_at_5(&["a", "x", "b"], &gold),
            (1.0 + 2.0 / 3.0) / 2.0
        );
        assert_eq!(
            average_precision_at_5(&["x", "x", "x", "x", "x", "a"], &gold),
            0.0
        );
    }

    #[test]
    fn the_floor_for_a_false_share_shows_no_more_than_that_share() {
        let study = FloorStudy {
            true_matches: vec![5.0, 6.0, 7.0, 3.0],
            false_matches: vec![1.0, 2.0, 3.0, 4.0],
        };
        let floor = study.floor_for_false_share(0.25);
        let (shown, false_shown) = study.at(floor);
        assert!(false_shown <= 0.25, "{floor}: {false_shown}");
        assert_eq!(shown, 0.75);
    }
}
