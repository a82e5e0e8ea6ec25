//! `claimdesk serve`: the HTTP JSON API over [`api::dispatch`](crate::api::dispatch), and the
//! built web UI as static files, so the same UI runs in a browser on a desk's shared machine
//! and under browser tests.
//!
//! - `POST /api/<command>` with the JSON arguments as body (`Content-Type: application/json`)
//!   answers `200` with the JSON result, or an error status with `{code, message}`:
//!   400 `invalid_input`/`invalid_url`/`unsupported_format`/`missing_field`, 404 `not_found`, 409
//!   `conflict`/`database_too_new`, 413 `too_large`, 500 otherwise.
//! - Any other path is a file of the UI directory; paths without a file extension fall back to
//!   `index.html`, so the UI's own routes survive a reload.
//!
//! Safety: bound to a loopback address, requests must name a loopback host (`Host`), which
//! defeats DNS rebinding; API calls must come from a loopback page (`Origin`; bound elsewhere,
//! from the address itself) and carry JSON, so another web site cannot drive the API from an
//! editor's browser. Request bodies are
//! capped at [`MAX_BODY_BYTES`]. Several worker threads take requests, and reads never wait for
//! writes (see [`Desk`]), so a slow export does not hold up marking a claim.
//!
//! Built on `tiny_http`: small, synchronous, no async runtime to carry for a local API.

use std::io::{Cursor, Read};
use std::net::{IpAddr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use crate::api;
use claimdesk_error::{Error, ErrorKind, ErrorPayload, Result};
use claimdesk_sources::MAX_ARTICLE_BYTES;
use claimdesk_store::Desk;

/// The largest request body accepted: an article at the import limit, JSON-escaped, fits.
pub const MAX_BODY_BYTES: usize = MAX_ARTICLE_BYTES + MAX_ARTICLE_BYTES / 2;

/// The port `claimdesk serve` uses unless told otherwise.
pub const DEFAULT_PORT: u16 = 7878;

/// Requests handled at once.
const WORKERS: usize = 8;

/// Where and what to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to listen on; loopback unless the desk shares the machine's network.
    pub host: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The built UI (`ui/dist`).
    pub ui_dir: PathBuf,
}

/// A bound HTTP server, ready to run.
pub struct Server {
    http: Arc<tiny_http::Server>,
    address: SocketAddr,
    ui_dir: PathBuf,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("address", &self.address)
            .field("ui_dir", &self.ui_dir)
            .finish()
    }
}

impl Server {
    /// Bind to the address in `options`.
    pub fn bind(options: &ServeOptions) -> Result<Server> {
        let requested = SocketAddr::new(options.host, options.port);
        let http = listen(requested)
            .and_then(|listener| {
                tiny_http::Server::from_listener(listener, None)
                    .map_err(|err| std::io::Error::other(err.to_string()))
            })
            .map_err(|err| {
                let in_use = err.kind() == std::io::ErrorKind::AddrInUse;
                let message = if in_use {
                    format!(
                        "port {} is already in use on {}; pass --port with another number, or \
                     --port 0 for any free one",
                        options.port, options.host
                    )
                } else {
                    format!("cannot listen on {requested}: {err}")
                };
                Error::new(ErrorKind::Io, message)
            })?;
        let address = http
            .server_addr()
            .to_ip()
            .ok_or_else(|| Error::internal("the server is not listening on an IP address"))?;
        Ok(Server {
            http: Arc::new(http),
            address,
            ui_dir: options.ui_dir.clone(),
        })
    }

    /// The address it listens on (with the real port when 0 was asked for).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The URL to open in a browser.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Whether the UI directory holds a built UI.
    pub fn ui_is_built(&self) -> bool {
        self.ui_dir.join("index.html").is_file()
    }

    /// Serve requests until the process ends.
    pub fn run(self, desk: Arc<Desk>) -> Result<()> {
        let context = Arc::new(Context {
            desk,
            ui_dir: self.ui_dir,
            address: self.address,
        });
        let workers: Vec<_> = (0..WORKERS)
            .map(|_| {
                let http = Arc::clone(&self.http);
                let context = Arc::clone(&context);
                thread::spawn(move || {
                    while let Ok(request) = http.recv() {
                        context.handle(request);
                    }
                })
            })
            .collect();
        for worker in workers {
            worker
                .join()
                .map_err(|_| Error::internal("a server thread stopped unexpectedly"))?;
        }
        Ok(())
    }
}

struct Context {
    desk: Arc<Desk>,
    ui_dir: PathBuf,
    address: SocketAddr,
}

type Reply = Response<Cursor<Vec<u8>>>;

impl Context {
    fn handle(&self, mut request: Request) {
        let reply = self.route(&mut request);
        let reply = with_common_headers(reply);
        // The client may have gone away; there is no one left to tell.
        let _ = request.respond(reply);
    }

    fn route(&self, request: &mut Request) -> Reply {
        if let Err(err) = self.check_host(request) {
            return error_reply(&err, Some(StatusCode(403)));
        }
        let path = request
            .url()
            .split(['?', '#'])
            .next()
            .unwrap_or("/")
            .to_string();
        match path.strip_prefix("/api/") {
            Some(command) => self.api(request, command),
            None if matches!(request.method(), Method::Get | Method::Head) => self.file(&path),
            None => error_reply(
                &Error::invalid_input("only GET is served outside /api/"),
                Some(StatusCode(405)),
            ),
        }
    }

    /// Bound to loopback, only loopback host names are answered: a web page whose domain
    /// was re-pointed at 127.0.0.1 (DNS rebinding) still sends its own name as `Host`.
    fn check_host(&self, request: &Request) -> Result<()> {
        if !self.address.ip().is_loopback() {
            return Ok(());
        }
        let host = header(request, "Host").unwrap_or_default();
        if is_loopback_authority(host) {
            Ok(())
        } else {
            Err(Error::invalid_input(format!(
                "this ClaimDesk only answers requests for localhost, not {host:?}"
            )))
        }
    }

    fn api(&self, request: &mut Request, command: &str) -> Reply {
        if *request.method() != Method::Post {
            return error_reply(
                &Error::invalid_input(format!("use POST /api/{command} with a JSON body")),
                Some(StatusCode(405)),
            )
            .with_header(header_line("Allow", "POST"));
        }
        if let Some(origin) = header(request, "Origin")
            && !self.same_origin(origin, header(request, "Host"))
        {
            return error_reply(
                &Error::invalid_input(format!(
                    "requests from {origin} may not use this ClaimDesk's API"
                )),
                Some(StatusCode(403)),
            );
        }
        let is_json = header(request, "Content-Type").is_some_and(|value| {
            value
                .split(';')
                .next()
                .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
        });
        if !is_json {
            return error_reply(
                &Error::invalid_input(
                    "send the arguments as JSON (Content-Type: application/json)",
                ),
                Some(StatusCode(415)),
            );
        }
        let body = match read_body(request) {
            Ok(body) => body,
            Err(err) => return error_reply(&err, None),
        };
        let args = if body.iter().all(u8::is_ascii_whitespace) {
            Ok(serde_json::Value::Null)
        } else {
            serde_json::from_slice(&body).map_err(Error::from)
        };
        match args.and_then(|args| api::dispatch(&self.desk, command, args)) {
            Ok(value) => json_reply(StatusCode(200), &value),
            Err(err) => {
                if status_of(err.kind()).0 >= 500 {
                    eprintln!("claimdesk: {command} failed: {err}");
                }
                error_reply(&err, None)
            }
        }
    }

    /// The request's `Origin` may use the API: bound to loopback, any page served from a
    /// loopback address (this server, or a development server proxying to it on another
    /// port); otherwise exactly the `Host` the browser addressed. Pages of other sites, and
    /// `null` origins (files, sandboxed frames), may not.
    fn same_origin(&self, origin: &str, host: Option<&str>) -> bool {
        let Some(authority) = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
        else {
            return false;
        };
        if self.address.ip().is_loopback() {
            is_loopback_authority(authority)
        } else {
            host == Some(authority)
        }
    }

    fn file(&self, path: &str) -> Reply {
        let index = self.ui_dir.join("index.html");
        if !index.is_file() {
            return ui_missing(&self.ui_dir);
        }
        let Some(relative) = safe_relative_path(path) else {
            return error_reply(
                &Error::not_found(format!("{path} is not a file of ClaimDesk")),
                None,
            );
        };
        let candidate = self.ui_dir.join(&relative);
        let (file, immutable) = if candidate.is_file() {
            let immutable = relative.starts_with("assets");
            (candidate, immutable)
        } else if relative.extension().is_none() {
            (index, false)
        } else {
            return error_reply(
                &Error::not_found(format!("{path} is not a file of ClaimDesk")),
                None,
            );
        };
        match std::fs::read(&file) {
            Ok(bytes) => {
                let content_type = content_type(&file);
                let mut reply = Response::from_data(bytes)
                    .with_header(header_line("Content-Type", content_type));
                // Vite names built assets by content hash, so they never change under a name.
                let cache = if immutable {
                    "public, max-age=31536000, immutable"
                } else {
                    "no-cache"
                };
                reply.add_header(header_line("Cache-Control", cache));
                if content_type.starts_with("text/html") {
                    reply.add_header(header_line("Content-Security-Policy", PAGE_POLICY));
                }
                reply
            }
            Err(err) => error_reply(
                &Error::from(err).context(format!("cannot read {}", file.display())),
                None,
            ),
        }
    }
}

/// What the UI's pages may load: only their own files and API; inline styles for the
/// framework's style attributes; nothing may frame them.
const PAGE_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A listening socket whose connections send each write at once (`TCP_NODELAY`, which accepted
/// sockets inherit from the listener).
///
/// tiny_http writes a response's head and its body separately. With Nagle's algorithm on, the
/// body then waits for the browser to acknowledge the head, and the browser delays that
/// acknowledgement by up to 40 ms: one answer in two over a kept-alive connection arrived 40 ms
/// late, which was most of a search keystroke's time.
fn listen(address: SocketAddr) -> std::io::Result<std::net::TcpListener> {
    let listener = std::net::TcpListener::bind(address)?;
    socket2::SockRef::from(&listener).set_tcp_nodelay(true)?;
    Ok(listener)
}

fn header<'r>(request: &'r Request, name: &'static str) -> Option<&'r str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}

fn header_line(name: &str, value: &str) -> Header {
    // Only called with our own constant names and values, which are valid header text.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

/// `localhost`, `127.0.0.1` or `[::1]`, with or without a port.
fn is_loopback_authority(authority: &str) -> bool {
    let host = if let Some(rest) = authority.strip_prefix('[') {
        rest.split(']').next().unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn read_body(request: &mut Request) -> Result<Vec<u8>> {
    let too_large = || {
        Error::new(
            ErrorKind::TooLarge,
            format!(
                "the request is larger than {} MB; ClaimDesk imports articles up to {} MB",
                MAX_BODY_BYTES / 1_048_576,
                MAX_ARTICLE_BYTES / 1_048_576
            ),
        )
    };
    if request
        .body_length()
        .is_some_and(|len| len > MAX_BODY_BYTES)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    request
        .as_reader()
        .take(MAX_BODY_BYTES as u64 + 1)
        .read_to_end(&mut body)?;
    if body.len() > MAX_BODY_BYTES {
        return Err(too_large());
    }
    Ok(body)
}

/// The HTTP status of an error kind.
pub fn status_of(kind: ErrorKind) -> StatusCode {
    StatusCode(match kind {
        // Something the editor gave, or did not give yet: their request, not the server, is
        // what needs fixing.
        ErrorKind::InvalidInput
        | ErrorKind::MissingField
        | ErrorKind::InvalidUrl
        | ErrorKind::UnsupportedFormat => 400,
        ErrorKind::NotFound => 404,
        ErrorKind::Conflict | ErrorKind::DatabaseTooNew => 409,
        ErrorKind::TooLarge => 413,
        _ => 500,
    })
}

fn json_reply(status: StatusCode, value: &impl serde::Serialize) -> Reply {
    let body = serde_json::to_vec(value).unwrap_or_else(|_| b"null".to_vec());
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header_line(
            "Content-Type",
            "application/json; charset=utf-8",
        ))
        .with_header(header_line("Cache-Control", "no-store"))
}

fn error_reply(err: &Error, status: Option<StatusCode>) -> Reply {
    let payload: ErrorPayload = err.to_payload();
    json_reply(status.unwrap_or_else(|| status_of(err.kind())), &payload)
}

fn with_common_headers(reply: Reply) -> Reply {
    reply
        .with_header(header_line("X-Content-Type-Options", "nosniff"))
        .with_header(header_line("Referrer-Policy", "no-referrer"))
        .with_header(header_line("X-Frame-Options", "DENY"))
}

fn ui_missing(ui_dir: &Path) -> Reply {
    let dir = ui_dir.display().to_string();
    let dir = dir
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let page = format!(
        "<!doctype html><meta charset=utf-8><title>ClaimDesk: UI not built</title>\
         <h1>The ClaimDesk web UI is not built</h1>\
         <p>There is no <code>index.html</code> in <code>{dir}</code>. Build it with \
         <code>npm ci &amp;&amp; npm run build</code> in <code>ui/</code>, or start \
         <code>claimdesk serve --ui DIR</code> with the folder of a built UI.</p>\
         <p>The JSON API at <code>/api/&lt;command&gt;</code> works without it.</p>"
    );
    Response::from_data(page.into_bytes())
        .with_status_code(StatusCode(503))
        .with_header(header_line("Content-Type", "text/html; charset=utf-8"))
}

/// The request path as a path inside the UI folder, or `None` if it tries to leave it.
fn safe_relative_path(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let relative = PathBuf::from(decoded.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    if relative.as_os_str().is_empty() {
        return Some(PathBuf::from("index.html"));
    }
    Some(relative)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json" | "map") => "application/json; charset=utf-8",
        Some("webmanifest") => "application/manifest+json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("ttf") => "font/ttf",
        Some("txt") => "text/plain; charset=utf-8",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    /// Regression: answers over a kept-alive connection waited up to 40 ms for the browser's
    /// delayed acknowledgement (Nagle's algorithm), one keystroke's search in two.
    #[test]
    fn connections_send_answers_without_waiting_for_acknowledgements() {
        let listener = listen(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
        let _client = std::net::TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (accepted, _) = listener.accept().unwrap();
        assert!(accepted.nodelay().unwrap());
    }

    #[rstest]
    #[case::localhost_with_port("localhost:7878", true)]
    #[case::ipv4_loopback("127.0.0.1:7878", true)]
    #[case::ipv6_loopback("[::1]:7878", true)]
    #[case::rebound_domain("attacker.example:7878", false)]
    #[case::lan_address("192.168.1.20:7878", false)]
    #[case::localhost_lookalike("localhost.attacker.example", false)]
    fn only_loopback_host_names_pass(#[case] authority: &str, #[case] allowed: bool) {
        assert_eq!(is_loopback_authority(authority), allowed);
    }

    #[rstest]
    #[case::root("/", Some("index.html"))]
    #[case::asset("/assets/app-1a2b.js", Some("assets/app-1a2b.js"))]
    #[case::parent_directory("/../secret", None)]
    #[case::encoded_parent("/%2e%2e/secret", None)]
    #[case::backslash("/..\\secret", None)]
    fn request_paths_stay_inside_the_ui_folder(#[case] path: &str, #[case] expected: Option<&str>) {
        assert_eq!(safe_relative_path(path), expected.map(PathBuf::from));
    }
}
