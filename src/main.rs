//! `claimdesk`: the command line of ClaimDesk.

use std::io::{self, BufRead, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use claimdesk::engine::training::{self, Hyperparameters};
use claimdesk::engine::{self, ExtractOptions};
use claimdesk::{Error, ErrorKind, Result};

#[derive(Parser)]
#[command(
    name = "claimdesk",
    version,
    about = "Find, review and report on checkable claims in news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LineFormat {
    Jsonl,
}

#[derive(Subcommand)]
enum Command {
    /// Find the claims in an article (no database): one JSON object per claim.
    Extract {
        /// The article: a file, or `-` (the default) for standard input.
        #[arg(default_value = "-")]
        file: String,
        /// Publication date (YYYY-MM-DD), the anchor for relative dates.
        #[arg(long, value_parser = parse_date)]
        published: Option<NaiveDate>,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: LineFormat,
    },
    /// Split an article into sentences: one JSON object per sentence.
    Sentences {
        #[arg(default_value = "-")]
        file: String,
        #[arg(long, value_enum, default_value = "jsonl")]
        format: LineFormat,
    },
    /// Score sentences read one per line on standard input.
    Score {
        #[arg(long, value_enum, default_value = "jsonl")]
        format: LineFormat,
    },
    /// Train the check-worthiness model from ClaimBuster sentences (reproducible: same data,
    /// same weights).
    Train(TrainArgs),
    /// Measure the claim engine on the shared labelled data and print the figures beside the
    /// peers' (see BENCHMARKS.md).
    Eval {
        /// The shared data folder.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Measure this model file instead of the one built into the binary.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Also time `extract` over the ClaimBuster transcripts (use a release build).
        #[arg(long)]
        throughput: bool,
    },
}

#[derive(clap::Args)]
struct TrainArgs {
    /// ClaimBuster CSV to learn from.
    #[arg(long, default_value = "../shared/data/claimbuster/train.csv")]
    claimbuster: PathBuf,
    /// Where to write the model (the engine embeds `src/engine/model/checkworthiness.json`).
    #[arg(short, long, default_value = "src/engine/model/checkworthiness.json")]
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
}

fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

fn read_input(file: &str) -> Result<String> {
    // Read at most one byte past the limit, so a huge file costs no more memory than the
    // limit before it is refused.
    let limit = engine::MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    if file == "-" {
        io::stdin().take(limit).read_to_end(&mut bytes)?;
    } else {
        std::fs::File::open(file)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .map_err(|e| Error::from(e).context(format!("cannot read {file}")))?;
    }
    if bytes.len() as u64 >= limit {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "{file} is over {} MB; ClaimDesk takes articles up to that size. Split it into articles",
                engine::MAX_INPUT_BYTES / 1_048_576
            ),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::new(
            ErrorKind::UnsupportedFormat,
            format!("{file} is not UTF-8 text: save it as plain text (UTF-8) and try again"),
        )
    })?;
    engine::check_input(&text).map_err(|e| e.context(file))?;
    if text.trim().is_empty() {
        eprintln!("claimdesk: warning: {file} holds no text");
    }
    Ok(text)
}

fn write_jsonl<T: serde::Serialize>(
    out: &mut impl Write,
    items: impl IntoIterator<Item = T>,
) -> Result<()> {
    for item in items {
        serde_json::to_writer(&mut *out, &item)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn run(cli: Cli) -> Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Extract {
            file,
            published,
            format: LineFormat::Jsonl,
        } => {
            let text = read_input(&file)?;
            let extraction = engine::extract(&text, &ExtractOptions { published });
            write_jsonl(&mut out, &extraction.claims)?;
        }
        Command::Sentences {
            file,
            format: LineFormat::Jsonl,
        } => {
            let text = read_input(&file)?;
            write_jsonl(&mut out, engine::segmentation::sentences(&text))?;
        }
        Command::Score {
            format: LineFormat::Jsonl,
        } => {
            for line in io::stdin().lock().lines() {
                let rating = engine::scoring::score_sentence(&line?);
                write_jsonl(
                    &mut out,
                    [serde_json::json!({"score": rating.score, "checkworthy": rating.checkworthy})],
                )?;
            }
        }
        Command::Train(args) => {
            let hyper = Hyperparameters {
                l2_ngrams: args.l2_ngrams,
                l2_signals: args.l2_signals,
                min_count: args.min_count,
                nb_prior: args.nb_prior,
                ..Hyperparameters::default()
            };
            let (model, cv) = training::train_on_claimbuster(&args.claimbuster, &hyper)?;
            let json = model.to_json()?;
            std::fs::write(&args.output, json).map_err(|e| {
                Error::from(e).context(format!("cannot write {}", args.output.display()))
            })?;
            writeln!(
                out,
                "wrote {}: {} n-grams; cross-validation by debate: threshold {:.3}, F1 {:.3}, AP {:.3}",
                args.output.display(),
                model.ngrams.len(),
                cv.threshold,
                cv.f1,
                cv.average_precision
            )?;
        }
        Command::Eval {
            data,
            model,
            throughput,
        } => {
            let options = claimdesk::eval::EvalOptions {
                data,
                model,
                throughput,
            };
            write!(out, "{}", claimdesk::eval::run(&options)?)?;
        }
    }
    out.flush()?;
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("claimdesk: {err}");
            ExitCode::FAILURE
        }
    }
}
