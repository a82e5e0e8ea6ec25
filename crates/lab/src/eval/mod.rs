//! Measuring the claim engine on external labelled data (`claimdesk-lab eval`).
//!
//! One module per dataset reads its files and computes its measure; [`run`] gathers every
//! figure of the claim-engine targets and [`Report`] prints them beside the peers' figures.
//! Datasets that are absent are reported as skipped rather than failing the run, so the
//! command works on any subset of `../shared/data`.

pub mod checkthat;
pub mod claimbuster;
pub mod documents;
pub mod golden_rules;
pub mod kinds;
pub mod metrics;
pub mod newsclaims;
pub mod peer;
pub mod repeats;
pub mod retrieval;
pub mod scorer;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use claimdesk_encoder::{CHECKWORTHINESS_MODEL, Encoder, find_model};
use claimdesk_engine::ExtractOptions;
use claimdesk_store::Desk;
use claimdesk_store::embedding::SentenceEmbedder;

use claimdesk_engine::scoring::{self, Model};
use claimdesk_error::{Error, Result};

use scorer::Scorer;

/// Where the data is and which model to measure.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// The shared data folder (holding `claimbuster/`, `newsclaims/`, `checkthat2019-task1/`,
    /// `checkthat2024-task1-en/`).
    pub data: PathBuf,
    /// A model file to measure instead of the embedded one.
    pub model: Option<PathBuf>,
    /// Measure the fast path (the linear sentence model alone) instead of the sentence
    /// encoder the desk rates with.
    pub fast: bool,
    /// Also time `extract` over the ClaimBuster transcripts (meaningful in a release build).
    pub throughput: bool,
    /// Also rebuild the peer (TF-IDF + linear SVM on ClaimBuster train) and measure it on the
    /// same sentence-level data.
    pub peer: bool,
    /// The kinds labels of our own fixture articles ([`kinds::default_labels`] in this
    /// repository); `None` leaves the kinds out.
    pub kinds: Option<PathBuf>,
    /// The sentence encoder "checked before?" ranks by meaning with (`None`: words alone).
    pub embedder: Option<Arc<dyn SentenceEmbedder>>,
    /// Where the lab keeps the desks it measures through (the fact-check library and its
    /// embeddings, computed once); default: `claimdesk-lab` in the system's temporary folder.
    pub cache: Option<PathBuf>,
}

impl EvalOptions {
    /// Measure the embedded model on the data in `data`, without the extras, ranking fact-checks
    /// by words alone.
    pub fn new(data: PathBuf) -> EvalOptions {
        EvalOptions {
            data,
            model: None,
            fast: false,
            throughput: false,
            peer: false,
            embedder: None,
            cache: None,
            kinds: None,
        }
    }

    /// The folder of the lab's desks.
    pub fn cache_folder(&self) -> PathBuf {
        self.cache
            .clone()
            .unwrap_or_else(|| std::env::temp_dir().join("claimdesk-lab"))
    }
}

/// The rebuilt peer's figures (see [`peer`]).
#[derive(Debug, Clone, Default)]
pub struct PeerFigures {
    /// ClaimBuster dev: decisions at 0 and AP.
    pub claimbuster: Option<(metrics::Confusion, f64)>,
    /// CheckThat! 2019 dev MAP.
    pub checkthat2019: Option<f64>,
    /// CheckThat! 2024 dev-test: decisions at 0 and AP.
    pub checkthat2024: Option<(metrics::Confusion, f64)>,
}

/// Every figure `claimdesk-lab eval` measures; `None` where the data was absent.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Which model was measured.
    pub model: String,
    /// How claims were rated: the sentence encoder or the fast path.
    pub scorer: String,
    /// ClaimBuster dev, single sentences.
    pub claimbuster: Option<claimbuster::Figures>,
    /// NewsClaims dev, sentence-level claim detection through `extract`.
    pub newsclaims: Option<newsclaims::Figures>,
    /// CheckThat! 2019 dev, MAP and per-document AP (debates read as transcripts by
    /// `extract`).
    pub checkthat2019: Option<(f64, Vec<(String, f64)>)>,
    /// CheckThat! 2019 dev, MAP with each sentence scored alone by the sentence model.
    pub checkthat2019_sentences: Option<f64>,
    /// CheckThat! 2024 dev-test, decisions and AP.
    pub checkthat2024: Option<(metrics::Confusion, f64)>,
    /// CheckThat! 2022 claim retrieval: "checked before?" through `fact-checks match`.
    pub claim_retrieval: Option<retrieval::Figures>,
    /// Repeats: our labelled rewordings and look-alikes, linked by the store (with the
    /// encoder only).
    pub repeats: Option<repeats::Figures>,
    /// The public Golden Rules of sentence segmentation (always measured: they are in the
    /// repository).
    pub golden_rules: golden_rules::Figures,
    /// Claim kinds against the labels of our own fixture articles.
    pub kinds: Option<kinds::Figures>,
    /// ClaimBuster dev sentences against the segmenter's sentences of their debates.
    pub claimbuster_boundaries: Option<claimbuster::Boundaries>,
    /// `extract` throughput on the ClaimBuster transcripts: (megabytes, seconds), with the
    /// scorer measured.
    pub throughput: Option<(f64, f64)>,
    /// The rebuilt peer, when asked for and its training data is there.
    pub peer: Option<PeerFigures>,
    /// Datasets that were not found, with the path looked for.
    pub skipped: Vec<String>,
}

/// Measure the model on every dataset found under `options.data`.
pub fn run(options: &EvalOptions) -> Result<Report> {
    let owned;
    let (model, name): (&Model, String) = match &options.model {
        Some(path) => {
            let json = std::fs::read_to_string(path)
                .map_err(|e| Error::from(e).context(format!("cannot read {}", path.display())))?;
            owned = Model::from_json(&json)?;
            (&owned, path.display().to_string())
        }
        None => (scoring::embedded_model(), "embedded".to_string()),
    };
    // A model file trained without the encoder (`train --no-encoder`, or without ClaimBuster
    // dev) can only be measured on the fast path: say so rather than fail.
    let encoder = if options.fast || model.encoder_layer().is_none() {
        None
    } else {
        Some(Encoder::load(&find_model(CHECKWORTHINESS_MODEL, &[])?)?)
    };
    let scorer = match &encoder {
        Some(encoder) => Scorer::encoder(encoder, model)?,
        None => Scorer::Linear(model),
    };
    let data = &options.data;
    let mut scorer_name = scorer.describe();
    if !options.fast && encoder.is_none() {
        scorer_name.push_str("; the model file has no encoder layer");
    }
    let mut report = Report {
        model: name,
        scorer: scorer_name,
        golden_rules: golden_rules::evaluate(),
        ..Report::default()
    };
    if let Some(labels) = &options.kinds {
        report.kinds = Some(kinds::evaluate(&kinds::read(labels)?));
    }
    let dev_sentences = load(
        &mut report,
        data.join("claimbuster/dev.csv"),
        claimbuster::read,
    )?;
    if let Some(sentences) = &dev_sentences {
        report.claimbuster = Some(claimbuster::evaluate(&scorer, sentences)?);
        let transcripts = data.join("claimbuster/transcripts");
        if transcripts.is_dir() {
            report.claimbuster_boundaries = Some(claimbuster::boundaries(sentences, &transcripts)?);
        }
    }
    let articles = load(
        &mut report,
        data.join("newsclaims/articles_dev.jsonl"),
        newsclaims::read,
    )?;
    if let Some(articles) = &articles {
        report.newsclaims = Some(newsclaims::evaluate(&scorer, articles)?);
    }
    let ct19_documents = load(
        &mut report,
        data.join("checkthat2019-task1/dev"),
        checkthat::read_2019_folder,
    )?;
    if let Some(documents) = &ct19_documents {
        report.checkthat2019 = Some(checkthat::evaluate_2019(&scorer, documents)?);
        report.checkthat2019_sentences =
            Some(checkthat::evaluate_2019_sentences(&scorer, documents)?);
    }
    let ct24_sentences = load(
        &mut report,
        data.join("checkthat2024-task1-en/CT24_checkworthy_english_dev-test.tsv"),
        checkthat::read_2024,
    )?;
    if let Some(sentences) = &ct24_sentences {
        report.checkthat2024 = Some(checkthat::evaluate_2024(&scorer, sentences)?);
    }
    let collection = load(
        &mut report,
        data.join("claim-retrieval-ct2022"),
        retrieval::read,
    )?;
    if let Some(collection) = &collection {
        let desk = open_cache_desk(
            &options
                .cache_folder()
                .join("claim-retrieval-ct2022.sqlite3"),
        )?;
        if let Some(embedder) = &options.embedder {
            desk.use_embedder(Arc::clone(embedder));
        }
        report.claim_retrieval = Some(retrieval::evaluate(collection, &desk)?);
    }
    if report.skipped.len() == 5 {
        return Err(Error::not_found(format!(
            "no labelled data under {}: expected claimbuster/dev.csv, newsclaims/articles_dev.jsonl, \
             checkthat2019-task1/dev/, checkthat2024-task1-en/ or claim-retrieval-ct2022/ (pass the \
             shared data folder with --data)",
            data.display()
        )));
    }
    if let Some(embedder) = &options.embedder {
        // Rewordings among a crowd: the ClaimBuster dev sentences when they are there.
        let crowd: Vec<String> = match &dev_sentences {
            Some(sentences) => sentences
                .iter()
                .take(REPEATS_CROWD)
                .map(|s| s.text.clone())
                .collect(),
            None => Vec::new(),
        };
        let pairs = repeats::read(&repeats::fixture())?;
        report.repeats = Some(repeats::evaluate(
            &pairs,
            &crowd,
            embedder,
            &options.cache_folder(),
        )?);
    }
    let train = data.join("claimbuster/train.csv");
    if options.peer && train.exists() {
        let svm = peer::Svm::train(&claimbuster::read(&train)?);
        report.peer = Some(PeerFigures {
            claimbuster: dev_sentences
                .as_ref()
                .map(|s| svm.evaluate(s.iter().map(|s| (s.text.as_str(), s.checkworthy)))),
            checkthat2019: ct19_documents
                .as_ref()
                .map(|d| svm.mean_average_precision(d)),
            checkthat2024: ct24_sentences
                .as_ref()
                .map(|s| svm.evaluate(s.iter().map(|(t, g)| (t.as_str(), *g)))),
        });
    }
    let transcripts = data.join("claimbuster/transcripts");
    if options.throughput && transcripts.is_dir() {
        report.throughput = Some(throughput(&scorer, &transcripts)?);
    }
    Ok(report)
}

/// Open a desk the lab keeps between runs. It holds only what the lab derives from the shared
/// data, so one this build cannot open (a schema from another branch's numbering, a newer
/// ClaimDesk) is deleted and made again rather than failing the measurement.
fn open_cache_desk(path: &Path) -> Result<Desk> {
    match Desk::open(path) {
        Ok(desk) => Ok(desk),
        Err(err)
            if matches!(
                err.kind(),
                claimdesk_error::ErrorKind::Database | claimdesk_error::ErrorKind::DatabaseTooNew
            ) =>
        {
            for suffix in ["", "-wal", "-shm"] {
                let file = PathBuf::from(format!("{}{suffix}", path.display()));
                if file.exists() {
                    std::fs::remove_file(&file).map_err(|e| {
                        Error::from(e).context(format!("cannot remove {}", file.display()))
                    })?;
                }
            }
            Desk::open(path)
        }
        Err(err) => Err(err),
    }
}

/// Other claims on the desk while the repeat pairs are linked.
const REPEATS_CROWD: usize = 1000;

/// Read a dataset file or folder if it is there; note it as skipped if not.
fn load<T>(
    report: &mut Report,
    path: PathBuf,
    read: impl FnOnce(&Path) -> Result<T>,
) -> Result<Option<T>> {
    if path.exists() {
        read(&path).map(Some)
    } else {
        report.skipped.push(path.display().to_string());
        Ok(None)
    }
}

/// Time the whole engine (as `scorer` rates) over every transcript in `folder`: (megabytes,
/// seconds).
fn throughput(scorer: &Scorer<'_>, folder: &Path) -> Result<(f64, f64)> {
    let mut texts = Vec::new();
    let entries = std::fs::read_dir(folder)
        .map_err(|e| Error::from(e).context(format!("cannot list {}", folder.display())))?;
    for entry in entries {
        let path = entry.map_err(Error::from)?.path();
        texts.push(
            std::fs::read_to_string(&path)
                .map_err(|e| Error::from(e).context(format!("cannot read {}", path.display())))?,
        );
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    // One-time set-up (compiling patterns, parsing the model) is not throughput: pay it first.
    std::hint::black_box(scorer.extract("Warm-up: 3 sentences.", &ExtractOptions::default())?);
    let started = Instant::now();
    let mut claims = 0usize;
    for text in &texts {
        claims += scorer
            .extract(text, &ExtractOptions::default())?
            .claims
            .len();
    }
    let seconds = started.elapsed().as_secs_f64();
    // Keep the work observable so it cannot be optimised away.
    std::hint::black_box(claims);
    Ok((bytes as f64 / 1e6, seconds))
}

/// The peers' figures on the same dev data (from the claim-engine issue).
mod published {
    pub const CLAIMBUSTER_F1: f64 = 0.68;
    pub const CLAIMBUSTER_AP: f64 = 0.76;
    pub const NEWSCLAIMS_SVM: (f64, f64, f64) = (0.113, 0.379, 0.174);
    pub const NEWSCLAIMS_PUBLISHED: (f64, f64, f64) = (0.130, 0.865, 0.226);
    pub const NEWSCLAIMS_PUBLISHED_NLI: (f64, f64, f64) = (0.218, 0.533, 0.309);
    pub const CHECKTHAT2019_MAP: f64 = 0.31;
    /// claim-retrieval-ct2022 dev-test MAP@5: word 1-2-gram TF-IDF cosine over claim + title,
    /// and BM25 (from the collection's README).
    pub const RETRIEVAL_TFIDF: f64 = 0.814;
    pub const RETRIEVAL_BM25: f64 = 0.788;
    /// Claim-span detection (P, R, F1 of character overlap), from the NewsClaims README.
    pub const NEWSCLAIMS_SPAN_POLNEAR: (f64, f64, f64) = (0.670, 0.428, 0.523);
    pub const NEWSCLAIMS_SPAN_DEBATER: (f64, f64, f64) = (0.757, 0.777, 0.767);
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "model: {}", self.model)?;
        writeln!(f, "claims rated by: {}", self.scorer)?;
        writeln!(f, "| measure | ours | peer | target |")?;
        writeln!(f, "| --- | --- | --- | --- |")?;
        if let Some(cb) = &self.claimbuster {
            let c = cb.confusion;
            writeln!(
                f,
                "| ClaimBuster dev ({} sentences), F1 of check-worthy | {:.3} (P {:.3} R {:.3}) | SVM {:.2} | >= 0.76 |",
                cb.sentences,
                c.f1(),
                c.precision(),
                c.recall(),
                published::CLAIMBUSTER_F1
            )?;
            writeln!(
                f,
                "| ClaimBuster dev, average precision | {:.3} | SVM {:.2} | >= 0.84 |",
                cb.average_precision,
                published::CLAIMBUSTER_AP
            )?;
            writeln!(
                f,
                "| ClaimBuster dev, F1 at the best threshold for dev (not used; context only) | {:.3} | | |",
                cb.oracle_f1
            )?;
        }
        if let Some(news) = &self.newsclaims {
            let c = &news.confusion;
            let (sp, sr, sf) = published::NEWSCLAIMS_SVM;
            let (bp, br, bf) = published::NEWSCLAIMS_PUBLISHED;
            let (np, nr, nf) = published::NEWSCLAIMS_PUBLISHED_NLI;
            writeln!(
                f,
                "| NewsClaims dev, claim sentences P / R / F1 (the desk's flags) | {:.1} / {:.1} / {:.1} | SVM {:.1} / {:.1} / {:.1}; test: ClaimBuster {:.1} / {:.1} / {:.1}, +NLI {:.1} / {:.1} / {:.1} | R >= 80, F1 >= 30 |",
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                100.0 * sp,
                100.0 * sr,
                100.0 * sf,
                100.0 * bp,
                100.0 * br,
                100.0 * bf,
                100.0 * np,
                100.0 * nr,
                100.0 * nf
            )?;
            writeln!(
                f,
                "| NewsClaims dev, ranking of sentences: AP / precision at 85% recall / best F1 at >= 80% recall (context only: cut chosen on this data) | {:.3} / {:.3} / {:.3} | | |",
                news.average_precision, news.precision_at_85_recall, news.best_f1_at_80_recall
            )?;
            let (candidates, flagged) = news.flagged;
            writeln!(
                f,
                "| NewsClaims dev, candidate claims flagged check-worthy (what the desk keeps) | {flagged} of {candidates} ({:.0}%) | | |",
                100.0 * flagged as f64 / candidates.max(1) as f64
            )?;
            let s = &news.spans;
            writeln!(
                f,
                "| NewsClaims dev, claim spans vs the {} gold spans, character overlap P / R / F1 | {:.1} / {:.1} / {:.1} | test: PolNeAR-Content {:.1} / {:.1} / {:.1}, Debater Boundary Detection {:.1} / {:.1} / {:.1} | |",
                s.spans,
                100.0 * s.precision(),
                100.0 * s.recall(),
                100.0 * s.f1(),
                100.0 * published::NEWSCLAIMS_SPAN_POLNEAR.0,
                100.0 * published::NEWSCLAIMS_SPAN_POLNEAR.1,
                100.0 * published::NEWSCLAIMS_SPAN_POLNEAR.2,
                100.0 * published::NEWSCLAIMS_SPAN_DEBATER.0,
                100.0 * published::NEWSCLAIMS_SPAN_DEBATER.1,
                100.0 * published::NEWSCLAIMS_SPAN_DEBATER.2
            )?;
            let a = &news.claimers;
            let (agree, all) = a.total();
            let share = |(n, d): (usize, usize)| 100.0 * n as f64 / d.max(1) as f64;
            writeln!(
                f,
                "| NewsClaims dev, speaker agrees with the gold claimer | {:.1}% ({agree}/{all}): named in the sentence {}/{}, earlier or by pronoun {}/{}, the outlet's own {}/{} | | |",
                share((agree, all)),
                a.in_sentence.0,
                a.in_sentence.1,
                a.elsewhere.0,
                a.elsewhere.1,
                a.outlet.0,
                a.outlet.1
            )?;
            let b = &news.boundaries;
            writeln!(
                f,
                "| NewsClaims dev, sentence boundaries exact vs gold | {:.1}% ({}/{}; precision {:.1}%) | | >= 97% |",
                100.0 * b.exact_rate(),
                b.exact,
                b.gold,
                100.0 * b.precision()
            )?;
        }
        if let Some(b) = &self.claimbuster_boundaries {
            writeln!(
                f,
                "| ClaimBuster dev sentences found word for word in their debate, exactly one of our sentences | {:.1}% ({}/{}; {} of {} found) | | |",
                100.0 * b.exact as f64 / b.found.max(1) as f64,
                b.exact,
                b.found,
                b.found,
                b.sentences
            )?;
        }
        if let Some(k) = &self.kinds {
            let per_kind: Vec<String> = k
                .by_kind
                .iter()
                .map(|(kind, (right, all))| format!("{kind} {right}/{all}"))
                .collect();
            writeln!(
                f,
                "| Kinds of the claims of our own fixture articles ({} claims labelled in {} articles), accuracy | {:.1}% ({}/{}): {} | | |",
                k.claims,
                k.articles,
                100.0 * k.accuracy(),
                k.correct,
                k.claims,
                per_kind.join(", ")
            )?;
        }
        let g = &self.golden_rules;
        writeln!(
            f,
            "| Golden Rules (public list): pragmatic_segmenter's English rules as pySBD tests them | {}/{} | pySBD {}/{} | >= 47/48 |",
            g.passed,
            g.rules,
            golden_rules::PYSBD_PASSES,
            g.rules
        )?;
        if let Some((map, _)) = &self.checkthat2019 {
            writeln!(
                f,
                "| CheckThat! 2019 dev, MAP (debates read by `extract` as transcripts) | {map:.3} | SVM {:.2} | >= 0.38 |",
                published::CHECKTHAT2019_MAP
            )?;
        }
        if let Some(map) = self.checkthat2019_sentences {
            writeln!(
                f,
                "| CheckThat! 2019 dev, MAP of sentences scored alone (`score`; context only) | {map:.3} | | |"
            )?;
        }
        if let Some((c, ap)) = &self.checkthat2024 {
            writeln!(
                f,
                "| CheckThat! 2024 dev-test (out of period), F1 of Yes | {:.3} (P {:.3} R {:.3}; AP {ap:.3}) | | >= 0.82 |",
                c.f1(),
                c.precision(),
                c.recall()
            )?;
        }
        if let Some(r) = &self.claim_retrieval {
            let how = if r.by_meaning {
                "meaning + words"
            } else {
                "words only: no sentence encoder"
            };
            let (train, dev) = (
                r.split("train").unwrap_or_default(),
                r.split("dev").unwrap_or_default(),
            );
            let test = r.split("dev-test").unwrap_or_default();
            writeln!(
                f,
                "| claim-retrieval-ct2022 dev-test ({} tweets, {} fact-checks), MAP@5 through `fact-checks match` ({how}) | {:.3} (recall@5 {:.3}; train {:.3}, dev {:.3}) | TF-IDF {:.3}, BM25 {:.3} | >= 0.92 |",
                test.queries,
                r.fact_checks,
                test.map_at_5,
                test.recall_at_5,
                train.map_at_5,
                dev.map_at_5,
                published::RETRIEVAL_TFIDF,
                published::RETRIEVAL_BM25
            )?;
            if let Some(latency) = &r.latency {
                let (embed, embed_95) = retrieval::Latency::median_p95(&latency.embed_ms);
                let (search, search_95) = retrieval::Latency::median_p95(&latency.match_ms);
                let build = if cfg!(debug_assertions) {
                    "debug build: the search's own code unoptimised"
                } else {
                    "release build"
                };
                writeln!(
                    f,
                    "| claim-retrieval-ct2022, one claim at a time ({} claims, {build}): search after the encoder read it, median / p95 | {search:.1} / {search_95:.1} ms (the encoder: {embed:.1} / {embed_95:.1} ms) | | search <= 100 ms |",
                    latency.match_ms.len()
                )?;
            }
            let (floor, shown, false_shown) = r.floor_in_force;
            let (train_shown, train_false) = r.floor.at(floor);
            writeln!(
                f,
                "| claim-retrieval-ct2022, confidence floor {floor:.2}: true best matches shown / false ones shown | dev-test {:.1}% / {:.1}% (train+dev {:.1}% / {:.1}%) | | |",
                100.0 * shown,
                100.0 * false_shown,
                100.0 * train_shown,
                100.0 * train_false
            )?;
            let study: Vec<String> = [0.02, 0.05, 0.10, 0.20]
                .iter()
                .map(|&share| {
                    let floor = r.floor.floor_for_false_share(share);
                    let (shown, false_shown) = r.floor.at(floor);
                    format!(
                        "{floor:.2} shows {:.1}% true / {:.1}% false",
                        100.0 * shown,
                        100.0 * false_shown
                    )
                })
                .collect();
            writeln!(
                f,
                "| claim-retrieval-ct2022, floors on train+dev ({} true best matches, {} false) | {} | | |",
                r.floor.true_matches.len(),
                r.floor.false_matches.len(),
                study.join("; ")
            )?;
        }
        if let Some(r) = &self.repeats {
            let line = |c: &metrics::Confusion| {
                format!(
                    "P {:.2} R {:.2} F1 {:.2} ({} of {} rewordings linked, {} look-alikes wrongly)",
                    c.precision(),
                    c.recall(),
                    c.f1(),
                    c.true_positives,
                    c.true_positives + c.false_negatives,
                    c.false_positives
                )
            };
            writeln!(
                f,
                "| Repeats: our {} labelled pairs linked by the store among {} other claims, words + meaning | {} | words alone: {} | |",
                r.pairs,
                r.crowd,
                line(&r.by_meaning),
                line(&r.by_words)
            )?;
        }
        if let Some((megabytes, seconds)) = self.throughput {
            let build = if cfg!(debug_assertions) {
                "debug build: not representative"
            } else {
                "release build"
            };
            writeln!(
                f,
                "| extract throughput, ClaimBuster transcripts ({megabytes:.2} MB, {build}) | {:.3} MB/s | pySBD 0.16 MB/s | |",
                megabytes / seconds.max(1e-9)
            )?;
        }
        if let Some(peer) = &self.peer {
            writeln!(f)?;
            writeln!(
                f,
                "Peer rebuilt here (TF-IDF word 1-2-grams + linear SVM, C = 1, trained on ClaimBuster train):"
            )?;
            if let Some((c, ap)) = &peer.claimbuster {
                writeln!(
                    f,
                    "  ClaimBuster dev: F1 {:.3} (P {:.3} R {:.3}), AP {ap:.3}",
                    c.f1(),
                    c.precision(),
                    c.recall()
                )?;
            }
            if let Some(map) = peer.checkthat2019 {
                writeln!(f, "  CheckThat! 2019 dev: MAP {map:.3}")?;
            }
            if let Some((c, ap)) = &peer.checkthat2024 {
                writeln!(
                    f,
                    "  CheckThat! 2024 dev-test: F1 {:.3} (P {:.3} R {:.3}), AP {ap:.3}",
                    c.f1(),
                    c.precision(),
                    c.recall()
                )?;
            }
        }
        if let Some((_, per_document)) = &self.checkthat2019 {
            writeln!(f)?;
            writeln!(f, "CheckThat! 2019 dev, AP per document:")?;
            for (name, ap) in per_document {
                writeln!(f, "  {name}: {ap:.3}")?;
            }
        }
        if let Some(r) = &self.repeats {
            writeln!(f)?;
            writeln!(
                f,
                "Repeats, the measure alone on our pairs (words, or cosine >= T with the same figures and polarity):"
            )?;
            for t in [0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90] {
                let c = r.at(t, None);
                writeln!(
                    f,
                    "  T {t:.2}: P {:.2} R {:.2} F1 {:.2}",
                    c.precision(),
                    c.recall(),
                    c.f1()
                )?;
            }
            for parity in [0, 1] {
                let t = r.best_threshold(parity);
                let c = r.at(t, Some(1 - parity));
                writeln!(
                    f,
                    "  chosen on the {} pairs: T {t:.2}; on the {} pairs P {:.2} R {:.2} F1 {:.2}",
                    if parity == 0 { "even" } else { "odd" },
                    if parity == 0 { "odd" } else { "even" },
                    c.precision(),
                    c.recall(),
                    c.f1()
                )?;
            }
            for (title, pairs) in [
                ("Look-alikes linked as repeats", &r.wrongly_linked),
                ("Rewordings not linked", &r.missed),
            ] {
                if !pairs.is_empty() {
                    writeln!(f)?;
                    writeln!(f, "{title}:")?;
                    for (first, second) in pairs {
                        writeln!(f, "  {first} / {second}")?;
                    }
                }
            }
        }
        if let Some(k) = self.kinds.as_ref().filter(|k| !k.misses.is_empty()) {
            writeln!(f)?;
            writeln!(f, "Kinds missed (expected <- found):")?;
            for miss in &k.misses {
                writeln!(
                    f,
                    "  {} <- {}: {}",
                    miss.expected,
                    miss.found.map_or("no claim", |kind| kind.as_str()),
                    miss.text
                )?;
            }
        }
        if !self.golden_rules.failed.is_empty() {
            writeln!(f)?;
            writeln!(f, "Golden Rules failed:")?;
            for name in &self.golden_rules.failed {
                writeln!(f, "  {name}")?;
            }
        }
        for path in &self.skipped {
            writeln!(f, "skipped (not found): {path}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimdesk_store::migrations::{APPLICATION_ID, MIGRATIONS};

    #[test]
    fn a_cache_desk_from_another_migration_numbering_is_made_again() {
        // Before main's 0003 landed, this branch's schema 3 was the fact-check library: a cache
        // desk from then cannot take today's 0004, which creates the same tables.
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("claim-retrieval-ct2022.sqlite3");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            for migration in MIGRATIONS.iter().filter(|m| m.version <= 2) {
                conn.execute_batch(migration.sql).unwrap();
            }
            let library = MIGRATIONS
                .iter()
                .find(|m| m.name.ends_with("_fact_checks.sql"));
            conn.execute_batch(library.unwrap().sql).unwrap();
            conn.pragma_update(None, "user_version", 3).unwrap();
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .unwrap();
        }
        assert!(
            Desk::open(&path).is_err(),
            "the stale desk does not open as it is"
        );
        let desk = open_cache_desk(&path).unwrap();
        assert_eq!(desk.fact_check_library(None).unwrap().total, 0);
    }
}
