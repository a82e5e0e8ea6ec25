//! ClaimDesk core: the claim engine, the SQLite store and the reports, with no user interface.
//!
//! The desktop app (`src-tauri/`), the `claimdesk` command line and the HTTP API all sit on
//! top of this crate and hold no logic of their own.

#![deny(missing_docs)]

pub mod api;
pub mod engine;
pub mod error;
pub mod eval;
pub mod import;
pub mod model;
pub mod records;
pub mod reports;
pub mod server;
pub mod store;
pub mod synthetic;
pub mod verdict;

pub use error::{Error, ErrorKind, ErrorPayload, Result};
pub use store::Desk;
