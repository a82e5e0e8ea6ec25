//! `claimdesk serve`: the web UI and its JSON API over HTTP.

use std::io::{BufWriter, StdoutLock, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use claimdesk::Desk;
use claimdesk::server::{self, ServeOptions};
use clap::Args;

use super::Outcome;

/// `claimdesk serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// The port; 0 picks a free one.
    #[arg(long, default_value_t = server::DEFAULT_PORT)]
    port: u16,
    /// The address to listen on. Anything but 127.0.0.1 lets other machines reach the desk.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// The built web UI [default: ui/dist].
    #[arg(long, value_name = "DIR")]
    ui: Option<PathBuf>,
}

/// Serve until stopped. The first line says where (tests and scripts read it for the port).
pub fn run(args: ServeArgs, desk: Desk, mut out: BufWriter<StdoutLock<'_>>) -> Outcome {
    let desk = Arc::new(desk);
    // Loading the sentence encoder takes a moment: do it now, not at the first import.
    claimdesk::rating::preload();
    let options = ServeOptions {
        host: args.host,
        port: args.port,
        ui_dir: args.ui.unwrap_or_else(default_ui_dir),
    };
    let server = server::Server::bind(&options)?;
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
    if !args.host.is_loopback() {
        eprintln!(
            "claimdesk: warning: listening on {}: anyone who can reach this machine can read \
             and change the desk",
            args.host
        );
    }
    writeln!(out, "Press Ctrl+C to stop.")?;
    out.flush()?;
    drop(out);
    server.run(desk)?;
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
