//! ClaimDesk's app layer: the command table the desktop window and the HTTP API share
//! ([`api`]), importing ([`import`]: sources, engine and store together; [`rating`]: the
//! sentence encoder that rates the claims, or the fast path), the reports people
//! publish ([`reports`]) and the HTTP server ([`server`]). The `claimdesk` command line is
//! this crate's binary.
//!
//! The layers below are crates of their own, each with a doc that says what it owns:
//! `claimdesk-engine` (text to claims), `claimdesk-sources` (files and pages to article text),
//! `claimdesk-store` (the SQLite desk), `claimdesk-interchange` (the JSON export and
//! ClaimReview) and `claimdesk-fields` and `claimdesk-error` beneath them all. The desktop shell
//! (`src-tauri/`) depends on this crate only; the lab (`claimdesk-lab`: eval, training,
//! synthetic desks) depends on the layers and nothing ships it.

#![deny(missing_docs)]

pub mod accounts;
pub mod api;
pub mod desks;
pub mod feeds;
pub mod identity;
pub mod import;
pub mod navigation;
pub mod rating;
pub mod reextract;
pub mod remote;
pub mod reports;
pub mod server;
pub mod web;

pub use claimdesk_error::{Error, ErrorKind, ErrorPayload, Result};
pub use claimdesk_store::{DATABASE_FILE_NAME, Desk, default_database_path};

/// Open the desk at `path` as the app uses it: with ClaimDesk's sentence encoder for claims'
/// meanings ("checked before?", rewordings across the desk), loaded the first time a meaning is
/// needed.
pub fn open_desk(path: &std::path::Path) -> Result<Desk> {
    let desk = Desk::open(path)?;
    desk.use_embedder(claimdesk_matching::encoder::shared());
    Ok(desk)
}
