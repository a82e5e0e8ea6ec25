//! The SQLite store: articles, claims, evidence links, the history of every review change,
//! and settings.
//!
//! This crate owns the database: its schema (the numbered `migrations/` at the top of the
//! repository, embedded here), every query, and the records it hands out ([`records`]). It
//! depends on the engine's types (the claims it stores) and the field rules, never on the
//! sources, the interchange formats, the app, HTTP or Tauri: what it is given to store has
//! been read and measured by the layers above.
//!
//! A [`Desk`] is one open database, shared by every thread of the desktop app or the HTTP
//! server (it is `Send + Sync`). Writes go through one connection in `BEGIN IMMEDIATE`
//! transactions, so each change and its history entry commit together or not at all, and a
//! change is durable (`synchronous=FULL`) by the time the UI is told it succeeded. Reads use a
//! small pool of other connections: in WAL mode they see a consistent snapshot and neither
//! block nor wait for the writer, so a slow report export never holds up marking a claim.
//!
//! Only the engine's check-worthy claims are stored at import; the rest of the text stays in
//! the article, where an editor can still mark a claim by hand.

#![deny(missing_docs)]

mod accounts;
mod actions;
mod articles;
mod assignment;
pub mod backup;
mod conflicts;
mod corrections;
mod editing;
pub mod embedding;
pub mod fact_checks;
pub mod feeds;
mod library;
mod meanings;
pub mod migrations;
mod queries;
pub mod records;
pub mod repeats;
pub mod report_data;
pub mod report_reader;
pub mod reread;
mod restore;
mod review;
pub mod review_state;
pub mod search;
pub mod snapshots;
pub mod sources;
mod speakers;
pub mod vectors;
pub mod verdict;
mod verdicts;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use chrono::NaiveDate;

use crate::embedding::SentenceEmbedder;
use crate::records::{AppInfo, ArticleId, ClaimOrder, DateField, Settings};
use crate::review_state::ClaimStatus;
use claimdesk_engine::ClaimKind;
use claimdesk_error::{Error, ErrorKind, Result};

pub use accounts::{Credentials, Session};
pub use actions::MAX_CHANGES;
pub use articles::{NewArticle, SeededReview, content_hash};
pub use claimdesk_error::{self as error, ErrorPayload};
pub use conflicts::Author;
pub use corrections::{ClaimCorrection, DateChange, DateCorrection, check_date_value};
pub use library::ArticleUpdate;
pub use restore::Restorer;

/// The file name of the database inside the app's data directory.
pub const DATABASE_FILE_NAME: &str = "claimdesk.sqlite3";

/// The desktop app's identifier: its data directory is named after it.
pub const APP_IDENTIFIER: &str = "org.claimdesk.desk";

/// How long a connection waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Idle read connections kept open for reuse. A new connection parses the schema and starts
/// with a cold page cache, so a desk server keeps as many as it runs desk calls at once
/// (`claimdesk::server` runs at most 8).
const MAX_IDLE_READERS: usize = 8;

/// SQLite's page cache per connection, in KiB (SQLite's default is 2 MiB): a desk of 100,000
/// claims has a claim list index of a few MiB that every filter reads.
const CACHE_KIB: i64 = 32 * 1024;

/// The database the desktop app uses: `<data dir>/org.claimdesk.desk/claimdesk.sqlite3`, where
/// the data directory is `$XDG_DATA_HOME` or `~/.local/share` on Linux (what Tauri's
/// `app_data_dir()` resolves to), `~/Library/Application Support` on macOS and `%APPDATA%`
/// on Windows.
pub fn default_database_path() -> Result<PathBuf> {
    let data_dir = dirs::data_dir().ok_or_else(|| {
        Error::new(
            ErrorKind::Io,
            "cannot find your data directory (is $HOME set?); set CLAIMDESK_DB to a database file",
        )
        .with_field("database")
    })?;
    Ok(data_dir.join(APP_IDENTIFIER).join(DATABASE_FILE_NAME))
}

/// Which claims to list. Every filter narrows the list; the default lists every claim on the
/// desk (never retired claims, nor those of deleted articles).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimFilter {
    /// Only claims of this article.
    pub article_id: Option<ArticleId>,
    /// Only claims in these statuses; empty means all.
    pub statuses: Vec<ClaimStatus>,
    /// Only claims of these kinds; empty means all.
    pub kinds: Vec<ClaimKind>,
    /// Only claims attributed to this speaker: the whole name or any word of it, in any case
    /// ("Trump" finds "Donald Trump").
    pub speaker: Option<String>,
    /// Only claims scoring at least this (0..1).
    pub min_score: Option<f64>,
    /// Only claims scoring at most this (0..1).
    pub max_score: Option<f64>,
    /// Only claims the engine rated check-worthy (`true`) or not (`false`).
    pub checkworthy: Option<bool>,
    /// Only claims from photo captions (`true`) or only from the article's body (`false`);
    /// `None` lists both. The review list leaves captions out unless asked (see the app's
    /// `list_claims`); reports and exports keep them.
    pub caption: Option<bool>,
    /// Only claims whose dates (see `date_field`) reach this day or later.
    pub date_from: Option<NaiveDate>,
    /// Only claims whose dates (see `date_field`) reach this day or earlier.
    pub date_to: Option<NaiveDate>,
    /// Whether the date range applies to the dates the claims refer to or to their articles'
    /// publication days.
    pub date_field: DateField,
    /// Only claims whose text or note holds every word typed (the last one as a prefix).
    pub query: Option<String>,
    /// Only claims this editor holds: assigned to them, or without an assignee of their own
    /// in an article assigned to them.
    pub assignee: Option<String>,
}

/// A page of a claim list: the filter, the order and the window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimQuery {
    /// Which claims.
    pub filter: ClaimFilter,
    /// In which order.
    pub order: ClaimOrder,
    /// How many (default [`search::DEFAULT_PAGE`], at most [`search::MAX_PAGE`]).
    pub limit: Option<u32>,
    /// From which position (0-based) among all that match.
    pub offset: Option<u32>,
}

type Clock = Box<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// An open ClaimDesk database.
pub struct Desk {
    path: PathBuf,
    writer: Mutex<Connection>,
    /// Threads waiting for `writer`; a long job steps aside for them between its batches.
    writers_waiting: AtomicUsize,
    readers: Mutex<Vec<Connection>>,
    clock: Clock,
    /// The sentence encoder claims' meanings are computed with, once the app has given one.
    embedder: RwLock<Option<Arc<dyn SentenceEmbedder>>>,
}

impl fmt::Debug for Desk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Desk").field("path", &self.path).finish()
    }
}

impl Desk {
    /// Open the database at `path`, creating it (and its folder) if needed and bringing its
    /// schema up to date. See [`migrations`] for the rules.
    pub fn open(path: &Path) -> Result<Desk> {
        Desk::open_with_clock(path, Box::new(Utc::now))
    }

    /// Like [`Desk::open`], with a clock for every timestamp the desk writes, so that tests
    /// and golden reports get fixed times.
    pub fn open_with_clock(path: &Path, clock: Clock) -> Result<Desk> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|err| {
                Error::from(err).context(format!("cannot create the folder {}", parent.display()))
            })?;
        }
        // Looked at read-only first: a newer, foreign or damaged file is refused exactly as it
        // was, before the writer connection switches it to WAL mode (which rewrites the
        // header) or a migration touches it.
        if path.exists() {
            migrations::inspect(path, migrations::LATEST_VERSION)?;
        }
        let mut writer = open_connection(path, false)?;
        let now = clock();
        migrations::migrate(&mut writer, path, migrations::MIGRATIONS, now)?;
        // Claims from an older database (or read by an older repeat measure) get their repeat
        // links now; on an up-to-date desk this is one indexed lookup.
        let tx = writer.transaction_with_behavior(TransactionBehavior::Immediate)?;
        repeats::backfill(&tx)?;
        sources::backfill_text_keys(&tx)?;
        tx.commit()?;
        Ok(Desk {
            path: path.to_path_buf(),
            writer: Mutex::new(writer),
            writers_waiting: AtomicUsize::new(0),
            readers: Mutex::new(Vec::new()),
            clock,
            embedder: RwLock::new(None),
        })
    }

    /// Compute claims' meanings with `embedder` from now on: for "checked before?" and to link
    /// a claim's rewordings across the desk. Without one, repeats are found by their words
    /// only.
    pub fn use_embedder(&self, embedder: Arc<dyn SentenceEmbedder>) {
        *self
            .embedder
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(embedder);
    }

    /// The sentence encoder in use, if the app gave one.
    pub fn embedder(&self) -> Option<Arc<dyn SentenceEmbedder>> {
        self.embedder
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The current time, UTC RFC 3339 with seconds (`2025-03-14T09:26:53Z`).
    fn now(&self) -> String {
        (self.clock)().to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    /// The current time as the clock gives it.
    pub fn now_utc(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Run `f` in an immediate (write-locking) transaction and commit it.
    fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.writers_waiting.fetch_add(1, Ordering::SeqCst);
        let mut conn = lock(&self.writer);
        self.writers_waiting.fetch_sub(1, Ordering::SeqCst);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Between two write transactions of a long job (linking a long article's claims): let
    /// every writer already waiting go first. A mutex is not fair: the job's next `write`
    /// would take the lock straight back and an editor's mark could wait for the whole job
    /// (measured: 27 s behind a 16,000-claim import). Bounded: at most a second per call.
    fn let_waiting_writers_in(&self) {
        let deadline = Instant::now() + Duration::from_secs(1);
        while self.writers_waiting.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_micros(100));
        }
    }

    /// Run `f` on a read connection inside one read transaction (a consistent snapshot).
    fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let idle = lock(&self.readers).pop();
        let conn = match idle {
            Some(conn) => conn,
            None => open_connection(&self.path, true)?,
        };
        conn.execute_batch("BEGIN DEFERRED")?;
        let value = f(&conn);
        let ended = conn.execute_batch(if value.is_ok() { "COMMIT" } else { "ROLLBACK" });
        if ended.is_ok() {
            let mut idle = lock(&self.readers);
            if idle.len() < MAX_IDLE_READERS {
                idle.push(conn);
            }
        }
        let value = value?;
        ended?;
        Ok(value)
    }

    /// The desk's settings.
    pub fn settings(&self) -> Result<Settings> {
        self.read(queries::settings)
    }

    /// What the UI needs to know about the app and the database, for the editor at this
    /// machine; the app layer puts in who is asking (`reviewer`, `session`) and leaves the
    /// database's path out for editors signed in from elsewhere.
    pub fn app_info(&self) -> Result<AppInfo> {
        self.read(|conn| {
            let legacy = queries::setting(conn, LEGACY_REVIEWER)?;
            Ok(AppInfo {
                version: env!("CARGO_PKG_VERSION").to_string(),
                database_path: Some(self.path.display().to_string()),
                schema_version: migrations::schema_version(conn)?,
                reviewer: self.reviewer(conn, None)?,
                reviewer_is_set: legacy.is_some(),
                settings: queries::settings(conn)?,
                default_reviewer: login_name(),
                statuses: crate::records::status_choices(),
                kinds: crate::records::kind_choices(),
                session: None,
            })
        })
    }

    /// The reviewer name a desk of schema version 2 or older kept for everyone who opened it
    /// (since version 4 the name belongs to the machine, or to the signed-in account). Read so
    /// that an editor upgrading keeps their name, and with it their undo history.
    pub fn legacy_reviewer(&self) -> Result<Option<String>> {
        self.read(|conn| queries::setting(conn, LEGACY_REVIEWER))
    }

    /// Set or clear the organisation that publishes the reports.
    pub fn set_organisation(&self, name: Option<&str>, url: Option<&str>) -> Result<Settings> {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        if let Some(name) = name {
            check_length("the organisation name", name, MAX_NAME_CHARS)?;
        }
        let url = url
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(claimdesk_fields::validate_url)
            .transpose()?;
        self.write(|tx| {
            queries::put_setting(tx, "organisation_name", name)?;
            queries::put_setting(tx, "organisation_url", url.as_deref())?;
            queries::settings(tx)
        })
    }

    /// Turn on or off asking the Internet Archive for a copy of each new evidence link.
    pub fn set_archive_links(&self, enabled: bool) -> Result<Settings> {
        self.write(|tx| {
            queries::put_setting(tx, "archive_links", enabled.then_some("on"))?;
            queries::settings(tx)
        })
    }

    /// Set or clear the address of each claim's fact check (ClaimReview's `url`), with
    /// `{claim_id}` standing for the claim's id and, optionally, `{article_id}` for its
    /// article's: `https://factdesk.example/checks/{claim_id}`. A template without
    /// `{claim_id}` is refused: it would give every claim the same page.
    pub fn set_review_url_template(&self, template: Option<&str>) -> Result<Settings> {
        let template = template
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(check_review_url_template)
            .transpose()?;
        self.write(|tx| {
            queries::put_setting(tx, "review_url_template", template.as_deref())?;
            queries::settings(tx)
        })
    }

    /// Who a change is recorded as: `by` if given (the app always gives it: the signed-in
    /// editor, or the name set on this machine), else the desk's legacy reviewer name, else
    /// the login name.
    fn reviewer(&self, conn: &Connection, by: Option<&str>) -> Result<String> {
        if let Some(by) = by.map(str::trim).filter(|b| !b.is_empty()) {
            check_length("the reviewer name", by, MAX_NAME_CHARS)?;
            return Ok(by.to_string());
        }
        Ok(queries::setting(conn, LEGACY_REVIEWER)?.unwrap_or_else(login_name))
    }

    /// The name changes are recorded under when no editor is named.
    pub fn default_reviewer(&self) -> Result<String> {
        self.read(|conn| self.reviewer(conn, None))
    }
}

/// The settings key under which desks before schema version 4 kept one reviewer name.
const LEGACY_REVIEWER: &str = "reviewer";

/// Check an editor's name as history would record it: trimmed, not empty, not too long.
pub fn editor_name(name: &str) -> Result<&str> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid_input(
            "the name is empty; type the name your colleagues know you by",
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::invalid_input(
            "the name holds control characters; type it on one line",
        ));
    }
    check_length("the name", name, MAX_NAME_CHARS)?;
    Ok(name)
}

/// The placeholder of a review URL template that stands for the claim's id.
pub const CLAIM_ID_PLACEHOLDER: &str = "{claim_id}";
/// The placeholder of a review URL template that stands for the claim's article's id.
pub const ARTICLE_ID_PLACEHOLDER: &str = "{article_id}";

/// A review URL template with the ids filled in.
pub fn expand_review_url(template: &str, article_id: ArticleId, claim_id: i64) -> String {
    template
        .replace(CLAIM_ID_PLACEHOLDER, &claim_id.to_string())
        .replace(ARTICLE_ID_PLACEHOLDER, &article_id.to_string())
}

/// Check a review URL template: an http or https address once its ids are filled in, with
/// `{claim_id}` in it, so that no two claims share a page. Returns it trimmed.
pub fn check_review_url_template(template: &str) -> Result<String> {
    let template = template.trim();
    let field = "review_url_template";
    if !template.contains(CLAIM_ID_PLACEHOLDER) {
        return Err(Error::invalid_input(format!(
            "the review URL template must contain {CLAIM_ID_PLACEHOLDER}, which stands for each \
             claim's id, so that every claim gets a page of its own \
             (https://factdesk.example/checks/{CLAIM_ID_PLACEHOLDER})"
        ))
        .with_field(field));
    }
    check_length("the review URL template", template, 2_000).map_err(|e| e.with_field(field))?;
    let sample = expand_review_url(template, 1, 1);
    if sample.contains('{') || sample.contains('}') {
        return Err(Error::invalid_input(format!(
            "the review URL template may only use {CLAIM_ID_PLACEHOLDER} and              {ARTICLE_ID_PLACEHOLDER}; {template:?} has another placeholder"
        ))
        .with_field(field));
    }
    claimdesk_fields::validate_url(&sample).map_err(|err| {
        Error::new(
            err.kind(),
            format!("review URL template: {}", err.message()),
        )
        .with_field(field)
    })?;
    Ok(template.to_string())
}

/// Longest reviewer or organisation name accepted, in characters.
const MAX_NAME_CHARS: usize = 200;

fn check_length(what: &str, text: &str, max: usize) -> Result<()> {
    let len = text.chars().count();
    if len > max {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!("{what} is {len} characters long; the limit is {max}"),
        ));
    }
    Ok(())
}

/// The login name (`$USER`), or "unknown" when there is none.
pub fn login_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// A poisoned lock only means another thread panicked while holding it; its transaction was
/// rolled back when the guard dropped, so the connection is still sound.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) fn open_connection(path: &Path, read_only: bool) -> Result<Connection> {
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let context = || format!("cannot open the database {}", path.display());
    let conn = Connection::open_with_flags(path, flags)
        .map_err(|err| Error::from(err).context(context()))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let configure = |conn: &Connection| -> rusqlite::Result<Option<String>> {
        if !read_only {
            let mode: String =
                conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Ok(Some(mode));
            }
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        Ok(None)
    };
    match configure(&conn) {
        Ok(None) => {}
        Ok(Some(mode)) => {
            return Err(Error::new(
                ErrorKind::Database,
                format!(
                    "{}: the file system does not support SQLite's WAL mode (got {mode}); \
                     keep the database on a local disk",
                    context()
                ),
            ));
        }
        Err(rusqlite::Error::SqliteFailure(code, _))
            if code.code == rusqlite::ErrorCode::NotADatabase =>
        {
            return Err(Error::new(
                ErrorKind::Database,
                format!(
                    "{} is not a ClaimDesk database (it is not SQLite at all); open another \
                     file",
                    path.display()
                ),
            )
            .with_field("database"));
        }
        Err(err) => return Err(Error::from(err).context(context())),
    }
    Ok(conn)
}
