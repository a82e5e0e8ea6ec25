//! Helpers shared by the integration tests. Every test works in its own temporary folder and
//! database; none ever touches the user's real ClaimDesk database.

#![allow(dead_code)]

pub mod durability;
pub mod http;
pub mod served;
mod shared;
#[allow(unused_imports)] // only the tests that read ../shared use it
pub use shared::shared_dir;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// The demo article, plain text.
pub fn demo_text_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/articles/harbour-bridge-budget.txt")
}

/// The demo article, as a web page.
pub fn demo_html_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("demo/articles/harbour-bridge-budget.html")
}

/// The demo article's text.
pub fn demo_text() -> String {
    std::fs::read_to_string(demo_text_path()).expect("demo article")
}

/// A temporary folder with a database path inside it.
pub struct Sandbox {
    pub dir: TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("desk.sqlite3")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `claimdesk ARGS` with this sandbox's database (through `CLAIMDESK_DB`), and `HOME` and
    /// `XDG_DATA_HOME` pointed into the sandbox so that a forgotten `--db` cannot reach the
    /// real database either.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_claimdesk"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("CLAIMDESK_DB", self.db())
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("USER", "test-editor");
        command
    }

    /// Fill the sandbox's database with a synthetic desk (seed 1).
    pub fn generate(&self, articles: usize, claims_per_article: usize) {
        let desk = claimdesk::Desk::open(&self.db()).expect("open the sandbox's database");
        let plan = claimdesk_lab::synthetic::Plan {
            articles,
            claims_per_article,
            seed: 1,
        };
        claimdesk_lab::synthetic::generate(&desk, &plan, |_| {}).expect("generate a desk");
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("run claimdesk")
    }

    /// Run and insist on success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "claimdesk {args:?} failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }
}

/// Parse JSON lines.
pub fn jsonl(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

/// The first page (up to 1,000 claims) of a search for `typed`, as the editor typed it.
pub fn search(desk: &claimdesk::Desk, typed: &str) -> claimdesk_store::records::ClaimPage {
    desk.find_claims(&claimdesk_store::ClaimQuery {
        filter: claimdesk_store::ClaimFilter {
            query: Some(typed.to_string()),
            ..claimdesk_store::ClaimFilter::default()
        },
        limit: Some(1000),
        ..claimdesk_store::ClaimQuery::default()
    })
    .expect("a search")
}

/// An editor signed in to a desk server, to call the command table as them.
pub fn signed_in(name: &str) -> claimdesk::identity::Caller {
    claimdesk::identity::Caller::SignedIn(claimdesk::identity::SignedIn {
        account: claimdesk_store::records::Account {
            id: 0,
            name: name.to_string(),
            admin: false,
            created_at: "2025-03-14T09:00:00Z".to_string(),
            disabled_at: None,
        },
        expires_at: "2999-01-01T00:00:00Z".to_string(),
    })
}
