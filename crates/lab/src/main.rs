//! `claimdesk-lab`: measuring and training ClaimDesk's engine, and synthetic desks for
//! benchmarks. A developer's tool: the desktop app and the `claimdesk` CLI do not include it.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use claimdesk_encoder::{CHECKWORTHINESS_MODEL, Encoder, find_model};
use claimdesk_error::{Error, ErrorKind};
use claimdesk_lab::training::{self, Hyperparameters};
use claimdesk_lab::{eval, synthetic};
use claimdesk_store::Desk;

/// The same allocator as the app's binaries, so throughput figures measure what ships.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "claimdesk-lab",
    version,
    about = "Measure and train ClaimDesk's claim engine; generate synthetic desks for benchmarks"
)]
struct Lab {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train the check-worthiness model from ClaimBuster sentences (reproducible: same data,
    /// same weights).
    Train(TrainArgs),
    /// Measure the claim engine on the shared labelled data and print the figures beside the
    /// peers' (see BENCHMARKS.md).
    Eval {
        /// The shared data folder.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Measure this model file instead of the one built into the engine.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Also time `extract` over the ClaimBuster transcripts (use a release build).
        #[arg(long)]
        throughput: bool,
        /// Also rebuild the peer (TF-IDF + linear SVM on ClaimBuster train) and measure it.
        #[arg(long)]
        peer: bool,
        /// Measure the fast path (the linear sentence model alone, as `claimdesk extract
        /// --fast`) instead of the sentence encoder the desk rates claims with.
        #[arg(long)]
        fast: bool,
        /// Rank fact-checks by their words alone, without the sentence encoder.
        #[arg(long)]
        words_only: bool,
        /// Where to keep the desks the lab measures through (the fact-check library's
        /// embeddings are computed once) [default: claimdesk-lab in the temporary folder].
        #[arg(long, value_name = "FOLDER")]
        cache: Option<PathBuf>,
        /// The kinds labels of our own articles (default: this checkout's
        /// tests/fixtures/kinds/labels.json).
        #[arg(long, value_name = "PATH")]
        kinds: Option<PathBuf>,
    },
    /// Measure ClaimDesk's page reader on the readability-pages (body 4-gram shingle F1 and
    /// metadata), as BENCHMARKS.md reports it.
    Pages {
        /// The folder of page folders (`source.html`, `expected.html` or `expected.txt`,
        /// `expected-metadata.json`).
        #[arg(long, default_value = "../shared/data/readability-pages")]
        dir: PathBuf,
    },
    /// Fill a new database with a synthetic desk (articles, claims, reviews) for benchmarks.
    Generate {
        /// The new database file.
        #[arg(long, value_name = "PATH")]
        db: PathBuf,
        /// Number of articles.
        #[arg(long, default_value_t = 1000)]
        articles: usize,
        /// Claims in each article.
        #[arg(long, default_value_t = 100)]
        claims_per_article: usize,
        /// The seed; the same seed gives the same desk.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(clap::Args)]
struct TrainArgs {
    /// ClaimBuster CSV to learn from.
    #[arg(long, default_value = "../shared/data/claimbuster/train.csv")]
    claimbuster: PathBuf,
    /// Where to write the model (the engine embeds
    /// `crates/engine/src/model/checkworthiness.json`).
    #[arg(
        short,
        long,
        default_value = "crates/engine/src/model/checkworthiness.json"
    )]
    output: PathBuf,
    /// L2 penalty on n-gram weights.
    #[arg(long, default_value_t = Hyperparameters::default().l2_ngrams)]
    l2_ngrams: f64,
    /// L2 penalty on the hand-built signals' weights.
    #[arg(long, default_value_t = Hyperparameters::default().l2_signals)]
    l2_signals: f64,
    /// Minimum number of training sentences an n-gram must occur in.
    #[arg(long, default_value_t = Hyperparameters::default().min_count)]
    min_count: usize,
    /// Naive-Bayes prior on n-gram penalties (0 = plain L2).
    #[arg(long, default_value_t = Hyperparameters::default().nb_prior)]
    nb_prior: f64,
    /// Share of check-worthy training sentences (in cross-validation) that the review
    /// threshold for claims in articles keeps (used only without an article layer).
    #[arg(long, default_value_t = Hyperparameters::default().review_recall)]
    review_recall: f64,
    /// Labelled debates (a CheckThat! 2019 train folder) for the transcript layer; skipped
    /// with a note when absent.
    #[arg(long, default_value = "../shared/data/checkthat2019-task1/train")]
    checkthat: PathBuf,
    /// Train the sentence model only, without the transcript layer.
    #[arg(long)]
    no_transcript_layer: bool,
    /// ClaimBuster dev CSV, where the sentence encoder's thresholds are chosen; the encoder's
    /// layer is skipped with a note when it or the encoder's model files are absent.
    #[arg(long, default_value = "../shared/data/claimbuster/dev.csv")]
    claimbuster_dev: PathBuf,
    /// Do not fit the encoder's layer (the fast path's model only).
    #[arg(long)]
    no_encoder: bool,
    /// L2 penalty on the transcript layer's weights.
    #[arg(long, default_value_t = training::ArticleHyperparameters::default().l2)]
    layer_l2: f64,
    /// Recall of check-worthy transcript sentences the transcript layer's threshold keeps.
    #[arg(long, default_value_t = training::ArticleHyperparameters::default().transcript_recall)]
    transcript_recall: f64,
}

fn main() -> ExitCode {
    let lab = Lab::parse();
    match run(lab.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("claimdesk-lab: {err}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), Error> {
    let mut out = io::stdout().lock();
    match command {
        Command::Train(args) => train(args, &mut out),
        Command::Eval {
            data,
            model,
            throughput,
            peer,
            fast,
            words_only,
            cache,
            kinds,
        } => {
            let options = eval::EvalOptions {
                model,
                fast,
                throughput,
                peer,
                kinds: Some(kinds.unwrap_or_else(eval::kinds::default_labels)),
                embedder: (!words_only).then(claimdesk_matching::encoder::shared),
                cache,
                ..eval::EvalOptions::new(data)
            };
            write!(out, "{}", eval::run(&options)?)?;
            Ok(())
        }
        Command::Pages { dir } => {
            let result = claimdesk_lab::pages::run(&dir)?;
            write!(out, "{}", claimdesk_lab::pages::report(&result))?;
            Ok(())
        }
        Command::Generate {
            db,
            articles,
            claims_per_article,
            seed,
        } => generate(&db, articles, claims_per_article, seed, &mut out),
    }
}

fn generate(
    db: &std::path::Path,
    articles: usize,
    claims_per_article: usize,
    seed: u64,
    out: &mut impl Write,
) -> Result<(), Error> {
    let desk = Desk::open(db)?;
    if !desk.list_articles()?.is_empty() || !desk.list_deleted_articles()?.is_empty() {
        return Err(Error::new(
            ErrorKind::Conflict,
            format!(
                "{} already holds articles; generate into a new database file so synthetic \
                 articles never mix with real ones",
                desk.path().display()
            ),
        ));
    }
    let plan = synthetic::Plan {
        articles,
        claims_per_article,
        seed,
    };
    let started = std::time::Instant::now();
    let generated = synthetic::generate(&desk, &plan, |done| {
        if done % 100 == 0 || done == articles {
            eprintln!("claimdesk-lab: {done} of {articles} articles");
        }
    })?;
    writeln!(
        out,
        "Generated {} articles with {} claims ({} repeats of earlier claims, {} reviewed) in \
         {:.1} s into {}.",
        generated.articles,
        generated.claims,
        generated.repeats,
        generated.reviewed,
        started.elapsed().as_secs_f64(),
        desk.path().display()
    )?;
    Ok(())
}

fn train(args: TrainArgs, out: &mut impl Write) -> Result<(), Error> {
    let hyper = Hyperparameters {
        l2_ngrams: args.l2_ngrams,
        l2_signals: args.l2_signals,
        min_count: args.min_count,
        nb_prior: args.nb_prior,
        review_recall: args.review_recall,
        ..Hyperparameters::default()
    };
    // Fail before the training run, not after it, when the model cannot be written.
    if let Some(folder) = args.output.parent().filter(|p| !p.as_os_str().is_empty())
        && !folder.is_dir()
    {
        return Err(Error::not_found(format!(
            "cannot write {}: the folder {} does not exist",
            args.output.display(),
            folder.display()
        )));
    }
    let checkthat =
        (!args.no_transcript_layer && args.checkthat.is_dir()).then_some(&args.checkthat);
    if !args.no_transcript_layer && checkthat.is_none() {
        eprintln!(
            "claimdesk-lab: note: {} is absent: the model gets no transcript layer",
            args.checkthat.display()
        );
    }
    let encoder = if args.no_encoder {
        None
    } else if !args.claimbuster_dev.is_file() {
        eprintln!(
            "claimdesk-lab: note: {} is absent: the model gets no encoder layer",
            args.claimbuster_dev.display()
        );
        None
    } else {
        match find_model(CHECKWORTHINESS_MODEL, &[]) {
            Ok(files) => Some(Encoder::load(&files)?),
            Err(err) => {
                eprintln!("claimdesk-lab: note: the model gets no encoder layer: {err}");
                None
            }
        }
    };
    let trained = training::train_model(
        &args.claimbuster,
        &hyper,
        checkthat.map(PathBuf::as_path),
        &training::ArticleHyperparameters {
            l2: args.layer_l2,
            transcript_recall: args.transcript_recall,
            ..training::ArticleHyperparameters::default()
        },
        encoder
            .as_ref()
            .map(|e| (e, args.claimbuster_dev.as_path())),
    )?;
    let json = trained.file.to_json()?;
    std::fs::write(&args.output, json)
        .map_err(|e| Error::from(e).context(format!("cannot write {}", args.output.display())))?;
    let cv = trained.cross_validation;
    writeln!(
        out,
        "wrote {}: {} n-grams; cross-validation by debate: threshold {:.3}, F1 {:.3}, AP {:.3}",
        args.output.display(),
        trained.file.ngrams.len(),
        cv.threshold,
        cv.f1,
        cv.average_precision
    )?;
    if let Some(layer) = &trained.transcripts {
        let (l, w) = (layer.layer, layer.words_only);
        writeln!(
            out,
            "transcript layer, cross-validation by document: threshold {:.3}; P {:.3} R {:.3} F1 {:.3}, AP {:.3}, MAP {:.3}, {:.0}% of candidates flagged (sentence model alone at the same recall: P {:.3} R {:.3} F1 {:.3}, AP {:.3}, MAP {:.3}, {:.0}% flagged)",
            layer.threshold,
            l.precision,
            l.recall,
            l.f1,
            l.average_precision,
            l.map,
            100.0 * l.flagged_share,
            w.precision,
            w.recall,
            w.f1,
            w.average_precision,
            w.map,
            100.0 * w.flagged_share,
        )?;
    }
    if let Some(fit) = &trained.encoder {
        writeln!(
            out,
            "encoder layer: thresholds on ClaimBuster dev {:.3} (F1 {:.3}, AP {:.3}) and {:.3} for articles; signals explain R² {:.3} of its logit",
            fit.threshold,
            fit.dev_f1,
            fit.dev_average_precision,
            fit.review_threshold,
            fit.surrogate_r2
        )?;
        if let Some(layer) = &fit.transcripts {
            let (l, w) = (layer.layer, layer.words_only);
            writeln!(
                out,
                "encoder transcript layer, cross-validation by document: threshold {:.3}; P {:.3} R {:.3} F1 {:.3}, AP {:.3}, MAP {:.3} (encoder alone: AP {:.3}, MAP {:.3}){}",
                layer.threshold,
                l.precision,
                l.recall,
                l.f1,
                l.average_precision,
                l.map,
                w.average_precision,
                w.map,
                if l.map > w.map {
                    ""
                } else {
                    "; left out: it ranks worse than the encoder alone"
                },
            )?;
        }
    }
    Ok(())
}
