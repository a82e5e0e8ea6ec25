//! ClaimDesk's lab: measuring the engine on labelled data ([`eval`]), training its
//! check-worthiness model ([`training`]) and generating synthetic desks for benchmarks
//! ([`synthetic`]).
//!
//! Nothing here ships in the desktop app or the `claimdesk` CLI: the `claimdesk-lab` binary and
//! the test suites use it. It may depend on every other layer; nothing depends on it.

#![deny(missing_docs)]

pub mod eval;
pub mod pages;
pub mod synthetic;
pub mod training;
