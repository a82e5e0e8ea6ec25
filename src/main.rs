//! `claimdesk`: the command line of ClaimDesk.
//!
//! Human output (tables, sentences) by default, `--format jsonl` for scripts; errors go to
//! stderr as `claimdesk: <message>` with exit status 1 (2 for a mistyped command line), and a
//! bug never shows a panic message, only a short note asking for a report. One module per
//! command under `cli/`.

use std::process::ExitCode;

use clap::Parser;

mod cli;

/// mimalloc rather than the system allocator: the engine allocates a few small strings per
/// claim (its text, speaker and reasons), and glibc's malloc and free were a fifth of
/// `extract`'s instructions (BENCHMARKS.md, "Throughput of extract").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return cli::usage_error(&err),
    };
    cli::exit_code(cli.run())
}
