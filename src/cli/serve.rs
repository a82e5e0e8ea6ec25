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
    /// The built web UI [default: ui/dist, else the installed one in ../share/claimdesk/ui
    /// beside the binary].
    #[arg(long, value_name = "DIR")]
    ui: Option<PathBuf>,
}

/// Serve until stopped. The first line says where (tests and scripts read it for the port).
pub fn run(args: ServeArgs, desk: Desk, mut out: BufWriter<StdoutLock<'_>>) -> Outcome {
    let desk = Arc::new(desk);
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

/// `ui/dist` under the current folder, else the UI installed beside this binary (the .deb puts
/// /usr/bin/claimdesk and /usr/share/claimdesk/ui), else next to the source tree this binary
/// was built from (what `cargo run -- serve` in a checkout wants).
fn default_ui_dir() -> PathBuf {
    let here = PathBuf::from("ui/dist");
    let installed = std::env::current_exe()
        .ok()
        .and_then(|exe| installed_ui_dir(&exe));
    let built_from = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/dist");
    [Some(here.clone()), installed, Some(built_from)]
        .into_iter()
        .flatten()
        .find(|dir| dir.join("index.html").is_file())
        .unwrap_or(here)
}

/// Where a package installs the web UI for the binary at `exe`: `share/claimdesk/ui` beside
/// its `bin` folder (`/usr/bin/claimdesk` → `/usr/share/claimdesk/ui`).
fn installed_ui_dir(exe: &Path) -> Option<PathBuf> {
    Some(exe.parent()?.parent()?.join("share/claimdesk/ui"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_installed_claimdesk_serves_the_ui_installed_beside_it() {
        assert_eq!(
            installed_ui_dir(Path::new("/usr/bin/claimdesk")),
            Some(PathBuf::from("/usr/share/claimdesk/ui"))
        );
        assert_eq!(
            installed_ui_dir(Path::new("/opt/claimdesk/bin/claimdesk")),
            Some(PathBuf::from("/opt/claimdesk/share/claimdesk/ui"))
        );
    }
}
