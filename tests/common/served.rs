//! `claimdesk serve` run as the built binary on a free port of 127.0.0.1, stopped when dropped,
//! and the accounts a signed-in desk needs.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::process::{Child, Stdio};

use super::Sandbox;
use super::http::Client;

/// The password every test account gets.
pub const PASSWORD: &str = "correct horse battery staple";

/// A running server.
pub struct Served {
    pub child: Child,
    pub address: SocketAddr,
    /// The URL it printed.
    pub url: String,
    pub sandbox: Sandbox,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    /// A client of this server (`Host` is its address).
    pub fn client(&self) -> Client {
        Client::new(self.address)
    }

    /// A client signed in as `name`.
    pub fn signed_in(&self, name: &str) -> Client {
        let mut client = self.client();
        let answer = client.sign_in(name, PASSWORD).expect("sign in");
        assert_eq!(answer.status, 200, "sign in as {name}: {}", answer.text());
        client
    }
}

/// Add an account with [`PASSWORD`], through `claimdesk user add` as an administrator would.
pub fn add_account(sandbox: &Sandbox, name: &str, admin: bool) {
    let mut args = vec!["user", "add", name];
    if admin {
        args.push("--admin");
    }
    let mut child = sandbox
        .command(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run claimdesk user add");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .expect("write the password");
    let output = child.wait_with_output().expect("user add");
    assert!(
        output.status.success(),
        "user add {name}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Start `claimdesk serve --port 0 ARGS` on the sandbox's desk, with a UI folder that holds
/// `index.html` when `with_ui`.
pub fn serve_in(sandbox: Sandbox, args: &[&str], with_ui: bool) -> Served {
    let ui = sandbox.path("ui");
    if with_ui {
        std::fs::create_dir_all(ui.join("assets")).expect("ui folder");
        std::fs::write(
            ui.join("index.html"),
            "<!doctype html><title>ClaimDesk</title>",
        )
        .expect("index.html");
        std::fs::write(ui.join("assets/app-1a2b3c.js"), "console.log('ui')").expect("asset");
    }
    let mut all = vec!["serve", "--port", "0", "--ui", ui.to_str().expect("utf-8")];
    all.extend_from_slice(args);
    let mut child = sandbox
        .command(&all)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start claimdesk serve");
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first_line)
        .expect("the first line");
    let Some(url) = first_line.trim().strip_prefix("ClaimDesk is serving ") else {
        let mut err = String::new();
        let _ = std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err);
        panic!("serve did not start: {first_line:?} {err}");
    };
    let url = url.to_string();
    let address: SocketAddr = url
        .split("://")
        .nth(1)
        .expect("an address")
        .trim_end_matches('/')
        .parse()
        .expect("a socket address");
    Served {
        child,
        address,
        url,
        sandbox,
    }
}
