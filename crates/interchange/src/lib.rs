//! ClaimDesk's interchange formats, owned in one place: the JSON export of a desk (written and
//! read here, as a stream), schema.org ClaimReview, and the files of published fact-checks
//! the library imports (JSON Lines and ClaimReview JSON-LD, [`fact_checks`]).
//!
//! The JSON export is the desk's portable form: `claimdesk export --format json` writes it and
//! `claimdesk import-json` restores it into an empty database. Both directions live in this
//! crate, so the format has one owner. It depends on the store (whose records it carries) and
//! the engine's types; it knows nothing of HTTP, the CLI or Tauri.

#![deny(missing_docs)]

pub mod claimreview;
pub mod export_reader;
pub mod fact_checks;
pub mod json;
pub mod restore;
pub mod script_safe;
