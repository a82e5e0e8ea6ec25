//! `claimdesk serve`: the web UI and its JSON API over HTTP, for one editor on this machine
//! or for a newsroom's editors signed in from theirs.

use std::io::{BufWriter, StdoutLock, Write};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use claimdesk::Desk;
use claimdesk::server::{self, Limits, ServeOptions, TlsFiles};
use clap::Args;

use super::Outcome;

/// `claimdesk serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// The port; 0 picks a free one.
    #[arg(long, default_value_t = server::DEFAULT_PORT)]
    port: u16,
    /// The address to listen on. Anything but a loopback address lets other machines reach
    /// the desk, and then every editor must sign in.
    #[arg(long, default_value = "127.0.0.1")]
    host: IpAddr,
    /// Another name the desk answers to (its name on the network, or the name of a reverse
    /// proxy in front of it); repeat for several. Editors must then sign in.
    #[arg(long = "allow-host", value_name = "NAME")]
    allow_hosts: Vec<String>,
    /// Require every editor to sign in, even on this machine's own address.
    #[arg(long)]
    require_login: bool,
    /// Serve HTTPS with this certificate (PEM; the chain, server certificate first).
    #[arg(long, value_name = "PEM", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// The certificate's private key (PEM).
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// The most connections open at once.
    #[arg(long, default_value_t = Limits::default().max_connections)]
    max_connections: usize,
    /// Seconds a request's head may take, and a kept-alive connection may stay silent.
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().header_timeout.as_secs())]
    header_timeout: u64,
    /// Seconds a request body may take at least (more for a large one: 1 s per 64 KiB).
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().body_timeout.as_secs())]
    body_timeout: u64,
    /// Seconds a connection may make no progress while no request is being worked on.
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().idle_timeout.as_secs())]
    idle_timeout: u64,
    /// The built web UI [default: ui/dist, else the installed one in ../share/claimdesk/ui
    /// beside the binary].
    #[arg(long, value_name = "DIR")]
    ui: Option<PathBuf>,
}

/// Serve until stopped. The first line says where (tests and scripts read it for the port).
pub fn run(args: ServeArgs, desk: Desk, mut out: BufWriter<StdoutLock<'_>>) -> Outcome {
    // Loading the sentence encoder takes a moment: do it now, not at the first import.
    claimdesk::rating::preload();
    let options = ServeOptions {
        host: args.host,
        port: args.port,
        ui_dir: args.ui.unwrap_or_else(default_ui_dir),
        allow_hosts: args.allow_hosts,
        require_login: args.require_login,
        tls: args
            .tls_cert
            .zip(args.tls_key)
            .map(|(cert, key)| TlsFiles { cert, key }),
        limits: Limits {
            max_connections: args.max_connections.max(1),
            header_timeout: Duration::from_secs(args.header_timeout.max(1)),
            body_timeout: Duration::from_secs(args.body_timeout.max(1)),
            idle_timeout: Duration::from_secs(args.idle_timeout.max(1)),
            ..Limits::default()
        },
    };
    let server = server::Server::bind(&options, &desk)?;
    writeln!(out, "ClaimDesk is serving {}", server.url())?;
    writeln!(out, "Database: {}", desk.path().display())?;
    if server.login_required() {
        writeln!(
            out,
            "Editors sign in with their accounts (claimdesk user add NAME adds one)."
        )?;
    } else {
        writeln!(
            out,
            "One editor's desk on this machine: no sign-in; changes are recorded under this \
             machine's editor name."
        )?;
    }
    if !server.ui_is_built() {
        writeln!(
            out,
            "The web UI is not built in {}: only the JSON API under /api/ works. \
             Build it with `npm ci && npm run build` in ui/, or pass --ui DIR.",
            options.ui_dir.display()
        )?;
    }
    if !args.host.is_loopback() && options.tls.is_none() {
        eprintln!(
            "claimdesk: warning: listening on {} without TLS: passwords and everything on the \
             desk cross the network in clear. Give --tls-cert and --tls-key, or put a reverse \
             proxy with HTTPS in front (see the README).",
            args.host
        );
    }
    writeln!(out, "Press Ctrl+C to stop.")?;
    out.flush()?;
    drop(out);
    server.run(Arc::new(desk))?;
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
