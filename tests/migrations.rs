//! Schema migrations: from an empty database and from every older schema version, refusal of
//! a database newer than the binary, the backup taken before migrating, and the guarantee that
//! released migration files never change.

// The whole file is test code; clippy.toml's test allowance covers only #[test] functions,
// not the helpers beside them.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use chrono::{TimeZone, Utc};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use claimdesk::{Desk, ErrorKind};
use claimdesk_store::migrations::{self, LATEST_VERSION, MIGRATIONS, Migration};
use claimdesk_store::review_state::ClaimStatus;

use common::Sandbox;

/// SHA-256 of every released migration. A migration that users' databases have run must never
/// change; a new schema change is a new file.
const RELEASED: &[(&str, &str)] = &[
    (
        "0001_initial.sql",
        "cffc82fabaa6ba4e5e3736305557c8e1e4950cc5252284ec1a34594ad4362525",
    ),
    (
        "0002_review_workspace.sql",
        "0bcdf9a67a69e7584d5ac4ef9c3a264cb410c0266b9edd03163c9548cc71a216",
    ),
    (
        "0003_claim_corrections.sql",
        "19f1e611d4f3d0cc7f64beabe951710f14e98873cf136b9ed90de48a8a1af2b6",
    ),
    (
        "0004_newsroom_desk.sql",
        "5e3c67be36adff888449ddfcf8b458d597a1aa969f356543a9af6324cad4bb1b",
    ),
    (
        "0005_captions_and_speakers.sql",
        "3599f2fa266d1baf17ab89aa4b40ed57642375758a8a70a6b3604d2e02ee69a3",
    ),
    (
        "0006_sources.sql",
        "413af3d24b842ffec170b6543e5dac436054e84b4e27a01e1269f1cba370757c",
    ),
    (
        "0007_fact_checks.sql",
        "014655c8260d56e4a8ecfcb1bd9f2bcf9e16b3608c28ce4ad9f00e1f332256fd",
    ),
];

#[test]
fn released_migrations_are_never_edited() {
    for (name, hash) in RELEASED {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(name);
        let bytes = std::fs::read(&path).unwrap();
        let actual: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            &actual, hash,
            "{name} changed after release; add a new migration instead"
        );
    }
    assert_eq!(
        RELEASED.len(),
        MIGRATIONS.len(),
        "pin the hash of every migration in RELEASED"
    );
}

/// A database at `version`, built from the migrations as released and seeded with the rows
/// that version's ClaimDesk wrote (`tests/fixtures/seed_v<N>.sql`).
fn database_at(path: &Path, version: u32) {
    let conn = Connection::open(path).unwrap();
    for migration in MIGRATIONS.iter().filter(|m| m.version <= version) {
        conn.execute_batch(migration.sql).unwrap();
    }
    if version > 0 {
        conn.pragma_update(None, "user_version", version).unwrap();
        conn.pragma_update(None, "application_id", migrations::APPLICATION_ID)
            .unwrap();
        let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/fixtures/seed_v{version}.sql"));
        conn.execute_batch(&std::fs::read_to_string(&seed).unwrap())
            .unwrap();
    }
}

#[test]
fn every_older_schema_opens_with_its_data_intact() {
    // 0 is a brand-new empty file; every released version since has a seed.
    for version in 0..=LATEST_VERSION {
        let sandbox = Sandbox::new();
        database_at(&sandbox.db(), version);

        let desk = Desk::open(&sandbox.db()).unwrap();
        let conn = Connection::open(sandbox.db()).unwrap();
        assert_eq!(migrations::schema_version(&conn).unwrap(), LATEST_VERSION);
        if version == 0 {
            assert!(desk.list_articles().unwrap().is_empty());
            continue;
        }
        let detail = desk.claim(1).unwrap();
        assert_eq!(
            detail.claim.status,
            ClaimStatus::Disputed,
            "from v{version}"
        );
        assert_eq!(detail.claim.verdict.as_deref(), Some("Mostly false"));
        assert_eq!(detail.evidence.len(), 1, "from v{version}");
        assert_eq!(detail.history.len(), 2, "from v{version}");
        assert_eq!(
            desk.legacy_reviewer().unwrap().as_deref(),
            Some("Seed Editor"),
            "the name an older desk kept is still there for its editor"
        );
    }
}

#[test]
fn a_version_1_database_keeps_every_row_and_gains_the_workspace_indexes() {
    let sandbox = Sandbox::new();
    database_at(&sandbox.db(), 1);
    let v1_history: Vec<(String, String)> = {
        let conn = Connection::open(sandbox.db()).unwrap();
        conn.prepare("SELECT change, \"by\" FROM history ORDER BY id")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };

    let desk = Desk::open(&sandbox.db()).unwrap();
    let detail = desk.claim(1).unwrap();
    assert_eq!(detail.claim.note, "Board minutes say $5 from June.");
    assert_eq!(detail.claim.removed_at, None);
    let after: Vec<(String, String)> = detail
        .history
        .iter()
        .map(|h| (h.change.as_str().to_string(), h.by.clone()))
        .collect();
    assert_eq!(after, v1_history, "history is carried over unchanged");
    assert!(detail.history.iter().all(|h| h.action_id.is_none()));
    let summary = &desk.list_articles().unwrap()[0];
    assert_eq!((summary.reviewed, summary.deleted_at.as_deref()), (1, None));

    let conn = Connection::open(sandbox.db()).unwrap();
    // The claim's resolved date (the year 2026) is indexed as the days it covers.
    let days: (String, String) = conn
        .query_row(
            "SELECT first_day, last_day FROM claim_dates WHERE claim_id = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!(days, ("2026-01-01".into(), "2026-12-31".into()));
    // Its repeat key was computed on open.
    let fingerprint: Option<String> = conn
        .query_row("SELECT fingerprint FROM claims WHERE id = 1", [], |row| {
            row.get(0)
        })
        .unwrap();
    assert!(fingerprint.is_some());
    // Changes made before version 2 belong to no action, so undo leaves them alone.
    assert!(desk.undo_stack(Some("Seed Editor"), 10).unwrap().is_empty());
}

#[test]
fn a_version_2_desk_keeps_deleted_and_retired_work_restorable() {
    let sandbox = Sandbox::new();
    database_at(&sandbox.db(), 2);
    let desk = Desk::open(&sandbox.db()).unwrap();
    let search = |words: &str| common::search(&desk, words).total;
    // Article 2 is deleted: its claims are out of lists and search, not gone.
    assert_eq!(desk.list_deleted_articles().unwrap()[0].id, 2);
    assert_eq!(search("fares"), 1);
    desk.restore_article(2, Some("Seed Editor")).unwrap();
    assert_eq!(search("fares"), 2);
    // The retired claim stays retired, with its history.
    assert!(desk.claim(3).unwrap().claim.removed_at.is_some());
    assert_eq!(search("tickets"), 0);
    // The repeat link of the seed shows once both claims are on the desk.
    assert_eq!(desk.claim(1).unwrap().repeats[0].claim.id, 2);
}

#[test]
fn a_version_2_desk_gains_corrections_with_every_claim_as_the_engine_read_it() {
    let sandbox = Sandbox::new();
    database_at(&sandbox.db(), 2);
    let desk = Desk::open(&sandbox.db()).unwrap();
    let claim = desk.claim(1).unwrap().claim;
    assert_eq!(claim.wording(), claim.extracted.text);
    assert_eq!(
        (claim.speaker_role, claim.speaker_type, claim.review_url),
        (None, None, None)
    );
    assert_eq!(desk.settings().unwrap().review_url_template, None);
}

#[test]
fn a_version_3_desk_keeps_its_corrections_and_their_undo() {
    let sandbox = Sandbox::new();
    database_at(&sandbox.db(), 3);
    let desk = Desk::open(&sandbox.db()).unwrap();
    let claim = desk.claim(4).unwrap().claim;
    assert_eq!(claim.wording(), "Talks on Ukraine will be held in Vietnam");
    assert_eq!(claim.extracted.speaker.as_deref(), Some("Yuri Ushakov"));
    assert_eq!(
        claim.speaker_role.as_deref(),
        Some("Foreign affairs adviser")
    );
    assert_eq!(
        claim.speaker_type,
        Some(claimdesk_store::records::SpeakerType::Person)
    );
    assert_eq!(
        desk.settings().unwrap().review_url_template.as_deref(),
        Some("https://coast.example/checks/{claim_id}")
    );
    // The seeded correction is one command, and undo takes all of it back.
    let undone = desk.undo(Some("Seed Editor")).unwrap();
    assert_eq!(undone.undone.unwrap().claim_id, Some(4));
    let claim = desk.claim(4).unwrap().claim;
    assert_eq!(claim.wording(), claim.extracted.text);
    assert_eq!(
        claim.extracted.speaker.as_deref(),
        Some("Putin's foreign affairs adviser")
    );
    assert_eq!(claim.extracted.kind.as_str(), "opinion");
    assert_eq!(
        claim.extracted.dates[0].value.as_deref(),
        Some("2024-11-05")
    );
    assert_eq!((claim.speaker_role, claim.review_url), (None, None));
}

#[test]
fn a_version_4_desk_keeps_its_accounts_sessions_and_assignments() {
    let sandbox = Sandbox::new();
    database_at(&sandbox.db(), 4);
    let desk = Desk::open(&sandbox.db()).unwrap();
    let accounts = desk.accounts().unwrap();
    assert_eq!(accounts.len(), 2);
    assert!(
        accounts
            .iter()
            .any(|a| a.name == "Former Editor" && a.disabled_at.is_some())
    );
    assert!(desk.has_accounts().unwrap());
    let articles = desk.list_articles().unwrap();
    let article = articles.iter().find(|a| a.id == 1).unwrap();
    assert_eq!(article.assignee.as_deref(), Some("Seed Editor"));
    // The assignment is undoable like any change, by the editor who made it.
    let stack = desk.undo_stack(Some("Seed Editor"), 10).unwrap();
    assert_eq!(
        stack[0].label,
        "assigned “Ferry fares frozen” to Seed Editor"
    );
    desk.undo(Some("Seed Editor")).unwrap();
    let articles = desk.list_articles().unwrap();
    assert_eq!(articles.iter().find(|a| a.id == 1).unwrap().assignee, None);
}

#[test]
fn a_version_7_desk_keeps_its_fact_check_library_and_claim_meanings() {
    let sandbox = Sandbox::new();
    database_at(&sandbox.db(), 7);
    let desk = Desk::open(&sandbox.db()).unwrap();
    let library = desk.fact_check_library(Some("seed-model")).unwrap();
    assert_eq!((library.total, library.indexed), (2, 1));
    assert_eq!(desk.fact_check(1).unwrap().rating.as_deref(), Some("False"));
    let corpus = desk.fact_check_corpus(Some("seed-model")).unwrap();
    assert_eq!(corpus.generation, 2);
    let (claim, title) = corpus.entries[0].vectors.clone().unwrap();
    assert_eq!((claim, title), (vec![0.5; 4], Some(vec![0.5; 4])));
    // A claim's words changing takes its meaning with them.
    let conn = Connection::open(sandbox.db()).unwrap();
    conn.execute("UPDATE claims SET text = 'Fares stay.' WHERE id = 1", [])
        .unwrap();
    let vectors: i64 = conn
        .query_row("SELECT count(*) FROM claim_vectors", [], |row| row.get(0))
        .unwrap();
    assert_eq!(vectors, 0);
}

#[test]
fn a_new_database_gets_the_latest_schema_and_no_backup() {
    let sandbox = Sandbox::new();
    let db = sandbox.path("nested/folder/desk.sqlite3");
    Desk::open(&db).unwrap();
    let conn = Connection::open(&db).unwrap();
    assert_eq!(migrations::schema_version(&conn).unwrap(), LATEST_VERSION);
    assert!(backups(db.parent().unwrap()).is_empty());
}

#[test]
fn a_database_newer_than_this_claimdesk_is_refused_and_left_alone() {
    let sandbox = Sandbox::new();
    drop(Desk::open(&sandbox.db()).unwrap());
    let newer = LATEST_VERSION + 1;
    Connection::open(sandbox.db())
        .unwrap()
        .pragma_update(None, "user_version", newer)
        .unwrap();

    let err = Desk::open(&sandbox.db()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DatabaseTooNew);
    assert!(
        err.message().contains("Update ClaimDesk"),
        "{}",
        err.message()
    );
    assert!(
        err.message().contains(&sandbox.db().display().to_string()),
        "the message says where the file is: {}",
        err.message()
    );
    let conn = Connection::open(sandbox.db()).unwrap();
    assert_eq!(migrations::schema_version(&conn).unwrap(), newer);
    assert!(backups(sandbox.dir.path()).is_empty());
}

/// A migration this release does not have yet, to exercise an upgrade of a database with data.
const NEXT: Migration = Migration {
    version: LATEST_VERSION + 1,
    name: "9999_test_only.sql",
    sql: "ALTER TABLE articles ADD COLUMN test_only_column TEXT;",
};

fn with_next() -> Vec<Migration> {
    MIGRATIONS.iter().copied().chain([NEXT]).collect()
}

#[test]
fn a_database_with_data_is_backed_up_before_it_is_migrated() {
    let sandbox = Sandbox::new();
    database_at(&sandbox.db(), LATEST_VERSION);
    let now = Utc.with_ymd_and_hms(2025, 3, 14, 9, 30, 0).unwrap();

    let mut conn = Connection::open(sandbox.db()).unwrap();
    let report = migrations::migrate(&mut conn, &sandbox.db(), &with_next(), now).unwrap();

    assert_eq!((report.from, report.to), (LATEST_VERSION, NEXT.version));
    let backup = report.backup.expect("a backup");
    assert_eq!(
        backup.file_name().unwrap().to_str().unwrap(),
        format!("desk.sqlite3.backup-v{LATEST_VERSION}-20250314T093000.000Z")
    );
    // The backup is the database as it was: old version, same data.
    let old = Connection::open(&backup).unwrap();
    assert_eq!(migrations::schema_version(&old).unwrap(), LATEST_VERSION);
    let count = |conn: &Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM claims", [], |row| row.get(0))
            .unwrap()
    };
    assert_eq!(count(&old), count(&conn));
    assert!(count(&old) > 0);
    assert_eq!(migrations::schema_version(&conn).unwrap(), NEXT.version);
}

#[test]
fn a_failing_migration_leaves_the_database_as_it_was() {
    let sandbox = Sandbox::new();
    database_at(&sandbox.db(), LATEST_VERSION);
    let broken = [
        Migration {
            version: LATEST_VERSION + 1,
            name: "good.sql",
            sql: "CREATE TABLE added_by_good (x INTEGER);",
        },
        Migration {
            version: LATEST_VERSION + 2,
            name: "broken.sql",
            sql: "ALTER TABLE no_such_table ADD COLUMN y TEXT;",
        },
    ];
    let all: Vec<Migration> = MIGRATIONS.iter().copied().chain(broken).collect();
    let mut conn = Connection::open(sandbox.db()).unwrap();
    let err = migrations::migrate(&mut conn, &sandbox.db(), &all, Utc::now()).unwrap_err();
    assert!(err.message().contains("broken.sql"), "{}", err.message());

    assert_eq!(migrations::schema_version(&conn).unwrap(), LATEST_VERSION);
    let good_applied: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'added_by_good'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(
        good_applied, 0,
        "all pending migrations are one transaction"
    );
}

#[test]
fn another_programs_sqlite_file_is_refused_not_altered() {
    let sandbox = Sandbox::new();
    let conn = Connection::open(sandbox.db()).unwrap();
    conn.execute_batch("CREATE TABLE recipes (name TEXT);")
        .unwrap();
    drop(conn);
    let err = Desk::open(&sandbox.db()).unwrap_err();
    assert!(
        err.message().contains("another program"),
        "{}",
        err.message()
    );
    let conn = Connection::open(sandbox.db()).unwrap();
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
        .unwrap();
    assert_eq!(tables, 1);
}

#[test]
fn a_file_that_is_not_sqlite_gets_a_clear_error() {
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.db(),
        "these are my notes, not a database".repeat(100),
    )
    .unwrap();
    let err = Desk::open(&sandbox.db()).unwrap_err();
    assert!(
        err.message().contains("not a ClaimDesk database"),
        "{}",
        err.message()
    );
}

fn backups(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.contains(".backup-v"))
        .collect()
}

#[test]
fn a_photo_caption_s_claim_is_listed_only_when_asked_and_never_above_the_body() {
    let sandbox = Sandbox::new();
    database_at(&sandbox.db(), 5);
    let desk = Desk::open(&sandbox.db()).unwrap();
    let list = |args: serde_json::Value| -> Vec<i64> {
        let page =
            claimdesk::api::dispatch(&desk, &common::signed_in("Ana Ruiz"), "list_claims", args)
                .unwrap();
        page["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| hit["claim"]["id"].as_i64().unwrap())
            .collect()
    };
    // Claim 5 is the caption's (scored 0.9), claim 6 the body's (0.6).
    assert_eq!(list(serde_json::json!({"article_id": 4})), [6]);
    assert_eq!(
        list(serde_json::json!({"article_id": 4, "captions": true, "order": "position"})),
        [5, 6]
    );
    assert_eq!(
        list(serde_json::json!({"article_id": 4, "captions": true, "order": "score"})),
        [6, 5]
    );
    assert!(!list(serde_json::json!({"query": "ferry"})).contains(&5));
    assert!(list(serde_json::json!({"query": "ferry", "captions": true})).contains(&5));
    // Reports and exports keep every claim.
    assert!(
        desk.claims(&claimdesk_store::ClaimFilter::default())
            .unwrap()
            .iter()
            .any(|claim| claim.id == 5)
    );
}

/// A digest of the file's bytes (a failing comparison prints two digests, not the file).
fn snapshot(path: &Path) -> String {
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A database in SQLite's default rollback-journal mode, as another program (or an older
/// tool) leaves it: the mode that opening used to switch to WAL before refusing the file.
fn rollback_mode_database(path: &Path, setup: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(setup).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "delete");
}

/// Regression: `journal_mode=WAL` was set before a newer database was refused, which rewrote
/// bytes 18 and 19 of its header.
#[test]
fn refusing_a_newer_database_leaves_the_file_byte_identical() {
    let sandbox = Sandbox::new();
    rollback_mode_database(
        &sandbox.db(),
        &format!(
            "CREATE TABLE from_the_future (x INTEGER); PRAGMA application_id = {}; \
             PRAGMA user_version = {};",
            migrations::APPLICATION_ID,
            LATEST_VERSION + 1
        ),
    );
    let before = snapshot(&sandbox.db());
    let err = Desk::open(&sandbox.db()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DatabaseTooNew);
    assert_eq!(snapshot(&sandbox.db()), before);
}

/// Regression: another program's database was switched to WAL mode before it was refused.
#[test]
fn refusing_another_programs_database_leaves_the_file_byte_identical() {
    let sandbox = Sandbox::new();
    rollback_mode_database(
        &sandbox.db(),
        "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');",
    );
    let before = snapshot(&sandbox.db());
    let err = Desk::open(&sandbox.db()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(snapshot(&sandbox.db()), before);
}

#[test]
fn refusing_a_file_that_is_not_sqlite_leaves_it_byte_identical() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.db(), "notes, not a database\n".repeat(400)).unwrap();
    let before = snapshot(&sandbox.db());
    assert_eq!(
        Desk::open(&sandbox.db()).unwrap_err().kind(),
        ErrorKind::Database
    );
    assert_eq!(snapshot(&sandbox.db()), before);
}

/// Regression: a ClaimDesk file whose header says schema version -1 failed with the internal
/// error "bad schema version -1" instead of saying the file is damaged.
#[test]
fn a_negative_schema_version_is_reported_as_damage_not_as_a_bug() {
    let sandbox = Sandbox::new();
    drop(Desk::open(&sandbox.db()).unwrap());
    Connection::open(sandbox.db())
        .unwrap()
        .pragma_update(None, "user_version", -1)
        .unwrap();
    let before = snapshot(&sandbox.db());
    let err = Desk::open(&sandbox.db()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DatabaseDamaged, "{}", err.message());
    assert!(
        !err.message().contains("bad schema version"),
        "{}",
        err.message()
    );
    assert!(err.message().contains("backup"), "{}", err.message());
    assert_eq!(snapshot(&sandbox.db()), before);
}

#[test]
fn another_programs_file_with_a_negative_version_is_foreign_not_damaged() {
    let sandbox = Sandbox::new();
    rollback_mode_database(
        &sandbox.db(),
        "CREATE TABLE recipes (name TEXT); PRAGMA user_version = -1;",
    );
    let err = Desk::open(&sandbox.db()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{}", err.message());
    assert!(
        err.message().contains("another program"),
        "{}",
        err.message()
    );
}

/// Regression: damage in the middle of the file went unnoticed when the desk opened; the
/// editor met it later, as a failed query in the middle of their work.
#[test]
fn damage_in_the_middle_of_the_file_is_reported_when_the_desk_opens() {
    let sandbox = Sandbox::new();
    sandbox.generate(40, 20);
    let page_size: i64 = Connection::open(sandbox.db())
        .unwrap()
        .query_row("PRAGMA page_size", [], |row| row.get(0))
        .unwrap();
    let page_size = page_size as usize;
    let mut bytes = std::fs::read(sandbox.db()).unwrap();
    let pages = bytes.len() / page_size;
    assert!(pages > 20, "the desk spans {pages} pages");
    // Scribble over a few pages in the middle, as a failing disk or a bad copy would.
    let start = page_size * (pages / 2);
    for (i, byte) in bytes[start..start + 3 * page_size].iter_mut().enumerate() {
        *byte = (i * 7 + 13) as u8;
    }
    std::fs::write(sandbox.db(), &bytes).unwrap();

    let err = Desk::open(&sandbox.db()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DatabaseDamaged, "{}", err.message());
    assert!(err.message().contains("damaged"), "{}", err.message());
    assert!(
        std::fs::read(sandbox.db()).unwrap() == bytes,
        "left as found"
    );
}
