//! `claimdesk`: the command line of ClaimDesk.
//!
//! Human output (tables, sentences) by default, `--format jsonl` for scripts; errors go to
//! stderr as `claimdesk: <message>` with exit status 1 (2 for a mistyped command line), and a
//! bug never shows a panic message, only a short note asking for a report.

use std::io::{self, BufRead, Read, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use claimdesk::engine::training::{self, Hyperparameters};
use claimdesk::engine::{self, ExtractOptions};
use claimdesk::import::{self, ArticleHints};
use claimdesk::model::{ClaimKind, ClaimStatus, Stance};
use claimdesk::records::{BatchImport, Claim, ClaimDetail, FileImport, FileOutcome};
use claimdesk::reports::{ReportFormat, ReportRequest, ReportScope};
use claimdesk::server::{self, ServeOptions};
use claimdesk::store::{self, ClaimFilter, NewArticle};
use claimdesk::synthetic;
use claimdesk::{Desk, Error, ErrorKind};

#[derive(Parser)]
#[command(
    name = "claimdesk",
    version,
    about = "Find, review and report on checkable claims in news articles",
    after_help = "The database is the desktop app's unless --db or CLAIMDESK_DB names another."
)]
struct Cli {
    /// The database file [default: the desktop app's, in your data directory].
    #[arg(long, global = true, env = "CLAIMDESK_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LineFormat {
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    /// Aligned columns for people.
    Table,
    /// One JSON object per line for scripts.
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// A Markdown verification report.
    Markdown,
    /// One self-contained HTML page (print it to PDF from a browser).
    Html,
    /// One row per claim, for spreadsheets.
    Csv,
    /// Everything, history included; `claimdesk import-json` restores it.
    Json,
    /// schema.org ClaimReview JSON-LD for verified and disputed claims.
    Claimreview,
}

impl From<ExportFormat> for ReportFormat {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Markdown => ReportFormat::Markdown,
            ExportFormat::Html => ReportFormat::Html,
            ExportFormat::Csv => ReportFormat::Csv,
            ExportFormat::Json => ReportFormat::Json,
            ExportFormat::Claimreview => ReportFormat::ClaimReview,
        }
    }
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
    /// Import articles (plain text or HTML) and store their check-worthy claims.
    Import {
        /// Article files, or folders to import every .txt, .text, .md, .markdown, .html and .htm
        /// file in (subfolders too); HTML is recognised by extension or content.
        #[arg(required = true, value_name = "FILE|FOLDER")]
        files: Vec<PathBuf>,
        /// Headline (one file only).
        #[arg(long)]
        title: Option<String>,
        /// Where it was published, http or https (one file only).
        #[arg(long)]
        url: Option<String>,
        /// Publication date, YYYY-MM-DD.
        #[arg(long, value_parser = parse_date)]
        published: Option<NaiveDate>,
        /// The publication that ran it.
        #[arg(long)]
        outlet: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// List the articles on the desk with their claim counts.
    Articles {
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// List claims.
    Claims {
        /// Only claims of this article.
        #[arg(long, value_name = "ID")]
        article: Option<i64>,
        /// Only claims in this status (repeat or separate with commas for several).
        #[arg(long, value_name = "S", value_delimiter = ',', value_parser = parse_status)]
        status: Vec<ClaimStatus>,
        /// Only claims of this kind: quantity, comparison, event, causal, law_policy,
        /// prediction, opinion, other (repeat or separate with commas for several).
        #[arg(long, value_name = "K", value_delimiter = ',', value_parser = parse_kind)]
        kind: Vec<ClaimKind>,
        /// Only claims attributed to this speaker (whole name, any case).
        #[arg(long, value_name = "NAME")]
        speaker: Option<String>,
        /// Only claims scoring at least this (0 to 1).
        #[arg(long, value_name = "SCORE")]
        min_score: Option<f64>,
        /// Only claims whose text or note holds these words (the last one as a prefix).
        #[arg(long, value_name = "WORDS")]
        search: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Set a claim's status: unreviewed, in_progress, needs_evidence, verified, disputed,
    /// dismissed.
    Mark {
        /// The claim's id.
        claim: i64,
        /// The new status.
        #[arg(value_parser = parse_status)]
        status: ClaimStatus,
        /// A note to set with it (replaces the current note).
        #[arg(long)]
        note: Option<String>,
        /// Who made the change [default: the reviewer in settings, else $USER].
        #[arg(long)]
        by: Option<String>,
    },
    /// Show the reviewer name that changes are recorded under, or set it.
    Reviewer {
        /// The name to set (as colleagues know you); without it, the current name is shown.
        name: Option<String>,
    },
    /// Evidence links of claims.
    Evidence {
        #[command(subcommand)]
        action: EvidenceAction,
    },
    /// Write a verification report: Markdown, HTML, CSV, JSON or ClaimReview JSON-LD.
    ///
    /// The scope options narrow it; a claim's review date is when its current verdict was
    /// reached (its last status or verdict change while verified or disputed).
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Only this article.
        #[arg(long, value_name = "ID")]
        article: Option<i64>,
        /// Only these claims (repeat or separate with commas).
        #[arg(long = "claim", value_name = "ID", value_delimiter = ',')]
        claims: Vec<i64>,
        /// Only claims in this status (repeat or separate with commas for several).
        #[arg(long, value_name = "S", value_delimiter = ',', value_parser = parse_status)]
        status: Vec<ClaimStatus>,
        /// Only claims reviewed on or after this day (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<NaiveDate>,
        /// Only claims reviewed on or before this day (YYYY-MM-DD, UTC).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        until: Option<NaiveDate>,
        /// The file to write [default: standard output].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long, requires = "output")]
        force: bool,
        /// The publishing organisation's name [default: the one in settings].
        #[arg(long, value_name = "NAME")]
        org_name: Option<String>,
        /// The organisation's page URL, which ClaimReview `url`s point into [default: the one
        /// in settings].
        #[arg(long, value_name = "URL")]
        org_url: Option<String>,
    },
    /// Restore a JSON export (`export --format json`) into an empty database, history
    /// included.
    ImportJson {
        /// The export: a file, or `-` for standard input.
        file: String,
    },
    /// Serve the web UI and its JSON API over HTTP.
    Serve {
        /// The port; 0 picks a free one.
        #[arg(long, default_value_t = server::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on. Anything but 127.0.0.1 lets other machines reach the desk.
        #[arg(long, default_value = "127.0.0.1")]
        host: IpAddr,
        /// The built web UI [default: ui/dist].
        #[arg(long, value_name = "DIR")]
        ui: Option<PathBuf>,
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
        /// Also rebuild the peer (TF-IDF + linear SVM on ClaimBuster train) and measure it.
        #[arg(long)]
        peer: bool,
    },
    /// Tools for developing ClaimDesk.
    Dev {
        #[command(subcommand)]
        action: DevAction,
    },
}

#[derive(Subcommand)]
enum DevAction {
    /// Fill a new database with a synthetic desk (articles, claims, reviews) for benchmarks.
    Generate {
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

#[derive(Subcommand)]
enum EvidenceAction {
    /// Attach an evidence link to a claim.
    Add {
        /// The claim's id.
        claim: i64,
        /// The source: an http or https link.
        url: String,
        /// The source's title.
        #[arg(long)]
        title: Option<String>,
        /// How it bears on the claim.
        #[arg(long, default_value = "context", value_parser = parse_stance)]
        stance: Stance,
        /// Why it matters.
        #[arg(long)]
        note: Option<String>,
        /// Who attached it [default: the reviewer in settings, else $USER].
        #[arg(long)]
        by: Option<String>,
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
    /// Share of check-worthy training sentences (in cross-validation) that the review
    /// threshold for claims in articles keeps.
    #[arg(long, default_value_t = Hyperparameters::default().review_recall)]
    review_recall: f64,
}

fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

fn parse_status(s: &str) -> std::result::Result<ClaimStatus, String> {
    s.parse().map_err(|err: Error| err.message().to_string())
}

fn parse_kind(s: &str) -> std::result::Result<ClaimKind, String> {
    s.parse().map_err(|err: Error| err.message().to_string())
}

fn parse_stance(s: &str) -> std::result::Result<Stance, String> {
    s.parse().map_err(|err: Error| err.message().to_string())
}

/// Why the command stopped early.
enum Failure {
    /// An error to report.
    Error(Error),
    /// Whoever read our output stopped reading (`claimdesk claims | head`): not an error.
    OutputClosed,
}

impl From<Error> for Failure {
    fn from(err: Error) -> Self {
        Failure::Error(err)
    }
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Self {
        if err.kind() == io::ErrorKind::BrokenPipe {
            Failure::OutputClosed
        } else {
            Failure::Error(err.into())
        }
    }
}

impl From<serde_json::Error> for Failure {
    fn from(err: serde_json::Error) -> Self {
        if err.io_error_kind() == Some(io::ErrorKind::BrokenPipe) {
            Failure::OutputClosed
        } else {
            Failure::Error(Error::internal(format!("cannot write JSON: {err}")))
        }
    }
}

type Outcome = std::result::Result<(), Failure>;

/// Read a JSON export whole: unlike an article it has no size limit, since it holds a desk.
fn read_export(file: &str) -> Result<String, Error> {
    let mut bytes = Vec::new();
    if file == "-" {
        io::stdin().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(file)
            .map_err(|e| Error::from(e).context(format!("cannot read {file}")))?;
    }
    String::from_utf8(bytes).map_err(|_| {
        Error::new(
            ErrorKind::UnsupportedFormat,
            format!("{file} is not UTF-8 text, so it is not a ClaimDesk JSON export"),
        )
    })
}

fn read_input(file: &str) -> Result<String, Error> {
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
        let name = if file == "-" { "standard input" } else { file };
        eprintln!("claimdesk: warning: {name} holds no text, so there is nothing to extract");
    }
    Ok(text)
}

fn write_jsonl<T: serde::Serialize>(
    out: &mut impl Write,
    items: impl IntoIterator<Item = T>,
) -> Outcome {
    for item in items {
        serde_json::to_writer(&mut *out, &item)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn open_desk(db: Option<PathBuf>) -> Result<Desk, Error> {
    let path = match db {
        Some(path) => path,
        None => store::default_database_path()?,
    };
    Desk::open(&path)
}

fn run(cli: Cli) -> Outcome {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Extract {
            file,
            published,
            format: LineFormat::Jsonl,
        } => {
            let text = read_input(&file)?;
            // The engine's options grow; `..Default::default()` keeps this call compiling as they do.
            #[allow(clippy::needless_update)]
            let extraction = engine::extract(
                &text,
                &ExtractOptions {
                    published,
                    ..Default::default()
                },
            );
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
        Command::Import {
            files,
            title,
            url,
            published,
            outlet,
            format,
        } => {
            let desk = open_desk(cli.db)?;
            let hints = ArticleHints {
                title,
                url,
                published: published.map(|d| d.format("%Y-%m-%d").to_string()),
                outlet,
                ..ArticleHints::default()
            };
            import_files(&desk, &files, &hints, format, &mut out)?;
        }
        Command::Articles { format } => {
            let desk = open_desk(cli.db)?;
            let articles = desk.list_articles()?;
            match format {
                ListFormat::Jsonl => write_jsonl(&mut out, &articles)?,
                ListFormat::Table => {
                    let rows = articles.iter().map(|a| {
                        vec![
                            a.id.to_string(),
                            a.published.clone().unwrap_or_default(),
                            a.counts.total.to_string(),
                            a.counts.verified.to_string(),
                            a.counts.disputed.to_string(),
                            (a.counts.unreviewed + a.counts.in_progress + a.counts.needs_evidence)
                                .to_string(),
                            clip(&a.title, 60),
                        ]
                    });
                    let header = [
                        "ID",
                        "PUBLISHED",
                        "CLAIMS",
                        "VERIFIED",
                        "DISPUTED",
                        "OPEN",
                        "TITLE",
                    ];
                    write_table(&mut out, &header, rows)?;
                    if articles.is_empty() {
                        writeln!(
                            out,
                            "No articles yet: add one with `claimdesk import FILE`."
                        )?;
                    }
                }
            }
        }
        Command::Claims {
            article,
            status,
            kind,
            speaker,
            min_score,
            search,
            format,
        } => {
            let desk = open_desk(cli.db)?;
            let claims = desk.claims(&ClaimFilter {
                article_id: article,
                statuses: status,
                kinds: kind,
                speaker,
                min_score,
                query: search,
                ..ClaimFilter::default()
            })?;
            match format {
                ListFormat::Jsonl => write_jsonl(&mut out, &claims)?,
                ListFormat::Table => write_claims_table(&mut out, &claims)?,
            }
        }
        Command::Mark {
            claim,
            status,
            note,
            by,
        } => {
            let desk = open_desk(cli.db)?;
            let before = desk.claim(claim)?.claim.status;
            let detail = desk.set_status(claim, status, note.as_deref(), by.as_deref())?;
            if before == status {
                writeln!(
                    out,
                    "Claim {claim} was already {}.",
                    status.label().to_lowercase()
                )?;
            } else {
                writeln!(
                    out,
                    "Claim {claim} is now {} (was {}).",
                    status.label().to_lowercase(),
                    before.label().to_lowercase()
                )?;
            }
            if note.is_some() {
                writeln!(out, "Note: {}", one_line(&detail.claim.note))?;
            }
        }
        Command::Reviewer { name } => {
            let desk = open_desk(cli.db)?;
            match name {
                Some(name) => {
                    let settings = desk.set_reviewer(&name)?;
                    let name = settings.reviewer.unwrap_or_default();
                    writeln!(out, "Changes are now recorded as made by {name}.")?;
                }
                None => {
                    let name = desk.default_reviewer()?;
                    let source = if desk.settings()?.reviewer.is_some() {
                        "set with `claimdesk reviewer NAME`"
                    } else {
                        "your login name; set another with `claimdesk reviewer NAME`"
                    };
                    writeln!(out, "{name} ({source})")?;
                }
            }
        }
        Command::Evidence {
            action:
                EvidenceAction::Add {
                    claim,
                    url,
                    title,
                    stance,
                    note,
                    by,
                },
        } => {
            let desk = open_desk(cli.db)?;
            let detail: ClaimDetail = desk.add_evidence(
                claim,
                &url,
                title.as_deref(),
                stance,
                note.as_deref(),
                by.as_deref(),
            )?;
            let added = detail
                .evidence
                .last()
                .map_or(url.as_str(), |e| e.url.as_str());
            writeln!(
                out,
                "Added evidence to claim {claim} ({stance}): {added}. It now has {} link(s).",
                detail.evidence.len()
            )?;
        }
        Command::Export {
            format,
            article,
            claims,
            status,
            since,
            until,
            output,
            force,
            org_name,
            org_url,
        } => {
            let desk = open_desk(cli.db)?;
            let request = ReportRequest {
                format: format.into(),
                scope: ReportScope {
                    article_id: article,
                    claim_ids: claims,
                    statuses: status,
                    since,
                    until,
                },
                organisation_name: org_name,
                organisation_url: org_url,
            };
            let report = claimdesk::reports::render(&desk, &request)?;
            for warning in &report.warnings {
                eprintln!("claimdesk: warning: {warning}");
            }
            match output {
                None => out.write_all(report.content.as_bytes())?,
                Some(path) => {
                    write_atomically(&path, report.content.as_bytes(), force)?;
                    writeln!(out, "Wrote {}.", path.display())?;
                }
            }
        }
        Command::ImportJson { file } => {
            let text = read_export(&file)?;
            let desk = open_desk(cli.db)?;
            let restored = desk.import_json(&text)?;
            writeln!(
                out,
                "Restored {} article(s), {} claim(s), {} evidence link(s) and {} history \
                 entries into {}.",
                restored.articles,
                restored.claims,
                restored.evidence,
                restored.history,
                desk.path().display()
            )?;
        }
        Command::Dev {
            action:
                DevAction::Generate {
                    articles,
                    claims_per_article,
                    seed,
                },
        } => {
            let desk = open_desk(cli.db)?;
            if !desk.list_articles()?.is_empty() || !desk.list_deleted_articles()?.is_empty() {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!(
                        "{} already holds articles; generate into a new database (--db NEW.sqlite3) \
                         so synthetic articles never mix with real ones",
                        desk.path().display()
                    ),
                )
                .into());
            }
            let plan = synthetic::Plan {
                articles,
                claims_per_article,
                seed,
            };
            let started = std::time::Instant::now();
            let generated = synthetic::generate(&desk, &plan, |done| {
                if done % 100 == 0 || done == articles {
                    eprintln!("claimdesk: {done} of {articles} articles");
                }
            })?;
            writeln!(
                out,
                "Generated {} articles with {} claims ({} repeats of earlier claims, {} reviewed) \
                 in {:.1} s into {}.",
                generated.articles,
                generated.claims,
                generated.repeats,
                generated.reviewed,
                started.elapsed().as_secs_f64(),
                desk.path().display()
            )?;
        }
        Command::Serve { port, host, ui } => {
            let desk = Arc::new(open_desk(cli.db)?);
            let options = ServeOptions {
                host,
                port,
                ui_dir: ui.unwrap_or_else(default_ui_dir),
            };
            let server = server::Server::bind(&options)?;
            // Tests and scripts read this first line to learn the port.
            writeln!(out, "ClaimDesk is serving {}", server.url())?;
            writeln!(out, "Database: {}", desk.path().display())?;
            if !server.ui_is_built() {
                writeln!(
                    out,
                    "The web UI is not built in {}: only the JSON API under /api/ works. \
                     Build it with `npm ci && npm run build` in ui/, or pass --ui DIR.",
                    options.ui_dir.display()
                )?;
            }
            if !host.is_loopback() {
                eprintln!(
                    "claimdesk: warning: listening on {host}: anyone who can reach this machine \
                     can read and change the desk"
                );
            }
            writeln!(out, "Press Ctrl+C to stop.")?;
            out.flush()?;
            drop(out);
            server.run(desk)?;
            return Ok(());
        }
        Command::Train(args) => {
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
                ))
                .into());
            }
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
            peer,
        } => {
            let options = claimdesk::eval::EvalOptions {
                data,
                model,
                throughput,
                peer,
            };
            write!(out, "{}", claimdesk::eval::run(&options)?)?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `ui/dist` under the current folder, else next to the source tree this binary was built
/// from (what `cargo run -- serve` in a checkout wants).
fn default_ui_dir() -> PathBuf {
    let here = PathBuf::from("ui/dist");
    if here.join("index.html").is_file() {
        return here;
    }
    let built_from = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/dist");
    if built_from.join("index.html").is_file() {
        built_from
    } else {
        here
    }
}

/// Import each file (and every article file in each folder), reporting each one's outcome as
/// it goes and a summary at the end; one bad file does not stop the others, but makes the
/// exit status non-zero.
fn import_files(
    desk: &Desk,
    paths: &[PathBuf],
    hints: &ArticleHints,
    format: ListFormat,
    out: &mut impl Write,
) -> Outcome {
    let files = import::article_files(paths);
    if files.len() > 1 && (hints.title.is_some() || hints.url.is_some()) {
        return Err(Error::invalid_input(
            "--title and --url describe one article; import the files one at a time to give them",
        )
        .into());
    }
    let mut batch = BatchImport::default();
    for (path, found) in files {
        let name = path.display().to_string();
        let read = found
            .and_then(|()| import::read_file(&path))
            .map(|(content, warnings)| NewArticle {
                content,
                hints: ArticleHints {
                    file_name: Some(name.clone()),
                    ..hints.clone()
                },
                warnings,
            });
        let result = desk.import_file(Some(name.clone()), read);
        report_file(&name, &result, format, out)?;
        batch.push(result);
    }
    if format == ListFormat::Table && batch.files.len() > 1 {
        writeln!(
            out,
            "{} files: {} imported, {} already present, {} failed.",
            batch.files.len(),
            batch.imported,
            batch.already_present,
            batch.failed
        )?;
    }
    if batch.failed > 0 {
        out.flush()?;
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!(
                "{} of {} file(s) could not be imported",
                batch.failed,
                batch.files.len()
            ),
        )
        .into());
    }
    Ok(())
}

/// One file's line: on standard output for an article, on standard error for a failure.
fn report_file(
    name: &str,
    result: &FileImport,
    format: ListFormat,
    out: &mut impl Write,
) -> Outcome {
    if format == ListFormat::Jsonl {
        return write_jsonl(out, [result]);
    }
    for warning in &result.warnings {
        eprintln!("claimdesk: warning: {name}: {warning}");
    }
    match (&result.article, &result.error) {
        (Some(summary), _) => {
            let title = clip(&summary.title, 70);
            match result.outcome {
                FileOutcome::Imported => writeln!(
                    out,
                    "Imported {name} as article {}, \u{201C}{title}\u{201D}: {} claim(s) to check.",
                    summary.id, summary.counts.total
                )?,
                _ => writeln!(
                    out,
                    "Already present: {name} is article {}, \u{201C}{title}\u{201D}.",
                    summary.id
                )?,
            }
        }
        (None, Some(error)) => {
            out.flush()?;
            eprintln!("claimdesk: {name}: {}", error.message);
        }
        (None, None) => {}
    }
    Ok(())
}

fn write_claims_table(out: &mut impl Write, claims: &[Claim]) -> Outcome {
    let rows = claims.iter().map(|claim| {
        vec![
            claim.id.to_string(),
            claim.article_id.to_string(),
            claim.status.as_str().to_string(),
            format!("{:.2}", claim.extracted.score),
            claim
                .extracted
                .speaker
                .as_deref()
                .map_or(String::new(), |s| clip(s, 20)),
            clip(&claim.extracted.text, 70),
        ]
    });
    write_table(
        out,
        &["ID", "ARTICLE", "STATUS", "SCORE", "SPEAKER", "CLAIM"],
        rows,
    )?;
    if claims.is_empty() {
        writeln!(out, "No claims match.")?;
    }
    Ok(())
}

/// Columns padded to their widest cell (in characters); the last column is not padded.
fn write_table(
    out: &mut impl Write,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Outcome {
    let rows: Vec<Vec<String>> = rows.collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let header_row: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header_row).chain(&rows) {
        let last = row.len().saturating_sub(1);
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if i < last {
                let pad = widths[i] - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clip(text: &str, max: usize) -> String {
    let flat = one_line(text);
    if flat.chars().count() <= max {
        return flat;
    }
    let mut clipped: String = flat.chars().take(max - 1).collect();
    clipped.push('…');
    clipped
}

/// Write `content` to `path` through a temporary file in the same folder and a rename, so
/// a reader never sees half a report; without `force` an existing file is never replaced
/// (checked atomically by the rename itself).
fn write_atomically(path: &Path, content: &[u8], force: bool) -> Result<(), Error> {
    let exists_error = || {
        Error::new(
            ErrorKind::Conflict,
            format!(
                "{} already exists; pass --force to replace it, or choose another name with -o",
                path.display()
            ),
        )
    };
    if !force && path.exists() {
        return Err(exists_error());
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let context =
        |err: io::Error| Error::from(err).context(format!("cannot write {}", path.display()));
    let mut temp = tempfile::Builder::new()
        .prefix(".claimdesk-report-")
        .tempfile_in(folder)
        .map_err(context)?;
    temp.write_all(content).map_err(context)?;
    temp.as_file().sync_all().map_err(context)?;
    // A temporary file is private (0600); a report is an ordinary document.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(context)?;
    }
    if force {
        temp.persist(path).map_err(|err| context(err.error))?;
    } else {
        temp.persist_noclobber(path).map_err(|err| {
            if err.error.kind() == io::ErrorKind::AlreadyExists {
                exists_error()
            } else {
                context(err.error)
            }
        })?;
    }
    Ok(())
}

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "claimdesk: internal error{location}. This is a bug in ClaimDesk, not something you \
             did; please report it with the command you ran. Your database was not changed by \
             the failed step."
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            use clap::error::ErrorKind as ClapKind;
            match err.kind() {
                ClapKind::DisplayHelp | ClapKind::DisplayVersion => {
                    let _ = err.print();
                    return ExitCode::SUCCESS;
                }
                ClapKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = err.print();
                    return ExitCode::from(2);
                }
                _ => {}
            }
            let rendered = err.render().to_string();
            let message = rendered.trim_start_matches("error: ").trim_end();
            eprintln!("claimdesk: {message}");
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok(()) | Err(Failure::OutputClosed) => ExitCode::SUCCESS,
        Err(Failure::Error(err)) => {
            eprintln!("claimdesk: {err}");
            ExitCode::FAILURE
        }
    }
}
