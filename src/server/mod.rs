//! `claimdesk serve`: the desk over HTTP. The JSON API over [`api::dispatch`] (the command
//! table the desktop window uses too), sign-in for a desk several editors share, and the
//! built web UI as static files.
//!
//! - `POST /api/<command>` with the JSON arguments as body (`Content-Type: application/json`)
//!   answers `200` with the JSON result, or an error status with `{code, message, field?,
//!   changed_by?}`: 400 `invalid_input`/`invalid_url`/`unsupported_format`/`missing_field`,
//!   401 `unauthenticated`, 403 `forbidden`, 404 `not_found`, 409 `conflict`/
//!   `database_too_new`, 413 `too_large`, 429 `too_many_attempts`, 500 otherwise.
//! - `POST /api/login {"name", "password"}` signs an editor in: the answer sets the session
//!   cookie (HttpOnly, SameSite=Strict, Secure over TLS) and is the [`SessionInfo`];
//!   `POST /api/logout` ends the session.
//! - Any other path is a file of the UI directory ([`files`]).
//!
//! **Two modes.** Bound to a loopback address without `--require-login` or `--allow-host`,
//! the desk is one editor's, on this machine: no sign-in, and changes are recorded under the
//! machine's editor name ([`LocalEditor`]). Otherwise (another address, a name others reach it
//! by, or `--require-login`) every request but signing in needs a signed-in editor, whose
//! name every change records; the server refuses to start on a desk without accounts.
//!
//! **Who may talk to it** is checked on every request ([`guard`]): the `Host` must be one of
//! the desk's names, and a browser's `Origin` a page of one of them. **Limits** on
//! connections, heads, bodies and silence are in [`connections`].
//!
//! Built on hyper (HTTP/1.1) and tokio, with axum's router; every desk command runs on
//! tokio's blocking pool, so SQLite's synchronous calls never stall the connections.

mod connections;
mod files;
mod guard;
mod tls;

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post};
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use tower::ServiceExt;
use ts_rs::TS;

pub use connections::Limits;
use connections::{Activity, Peer};
pub use guard::AllowedHosts;

use crate::accounts::{self, Throttle};
use crate::api;
use crate::identity::{Caller, LocalEditor, SignedIn};
use claimdesk_error::{Error, ErrorKind, ErrorPayload, Result};
use claimdesk_sources::MAX_ARTICLE_BYTES;
use claimdesk_store::Desk;
use claimdesk_store::records::SessionInfo;

/// The largest request body accepted: an article at the import limit, JSON-escaped, fits.
pub const MAX_BODY_BYTES: usize = MAX_ARTICLE_BYTES + MAX_ARTICLE_BYTES / 2;

/// The port `claimdesk serve` uses unless told otherwise.
pub const DEFAULT_PORT: u16 = 7878;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "claimdesk_session";

/// How long a stopping server lets open requests finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Desk calls run at once. SQLite work is CPU and disk: more threads than this only queue on
/// the same cores and each new read connection starts cold, so fifty clients at once made
/// every call slower (measured: p99 4.2 s with no limit, see BENCHMARKS.md); requests beyond
/// it wait their turn without holding a thread.
const DESK_CALLS_AT_ONCE: usize = 8;

/// How long a checked session is believed, for commands that only read, without asking the
/// database again. Signing out ends it at once; disabling an account or changing its password
/// (from another process) stops its changes at once (every command that changes the desk checks
/// the session in the database) and its reading within this time.
const SESSION_RECHECK: Duration = Duration::from_secs(10);

/// A certificate and its private key, PEM files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The certificate chain, server certificate first.
    pub cert: PathBuf,
    /// The private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
}

/// Where and how to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The address to listen on; loopback unless the desk is shared on a network.
    pub host: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The built UI (`ui/dist`).
    pub ui_dir: PathBuf,
    /// Further names the desk answers to (`--allow-host`): its name on the network, or the
    /// name a reverse proxy in front of it is reached by.
    pub allow_hosts: Vec<String>,
    /// Require a signed-in editor even on loopback (`--require-login`).
    pub require_login: bool,
    /// Serve HTTPS with this certificate.
    pub tls: Option<TlsFiles>,
    /// Connection limits and timeouts.
    pub limits: Limits,
}

impl ServeOptions {
    /// Whether every request needs a signed-in editor: asked for, or anyone but this
    /// machine's editor can reach the desk (another address, or a name given for it).
    pub fn login_required(&self) -> bool {
        self.require_login || !self.host.is_loopback() || !self.allow_hosts.is_empty()
    }
}

/// Arguments of `POST /api/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct LoginArgs {
    /// The account's name (any case).
    pub name: String,
    /// Its password.
    pub password: String,
}

/// A bound server, ready to run.
pub struct Server {
    listener: std::net::TcpListener,
    address: SocketAddr,
    options: ServeOptions,
    tls: Option<tokio_rustls::TlsAcceptor>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("address", &self.address)
            .field("options", &self.options)
            .field("tls", &self.tls.is_some())
            .finish()
    }
}

impl Server {
    /// Bind to the address in `options`, after checking that the desk can be served that
    /// way (accounts when sign-in is needed, readable certificate files for TLS).
    pub fn bind(options: &ServeOptions, desk: &Desk) -> Result<Server> {
        if options.login_required() && !desk.has_accounts()? {
            let why = if options.require_login {
                "--require-login was given".to_string()
            } else if !options.host.is_loopback() {
                format!(
                    "it listens on {}, which other machines can reach",
                    options.host
                )
            } else {
                "--allow-host names it for others to reach".to_string()
            };
            return Err(Error::new(
                ErrorKind::InvalidInput,
                format!(
                    "this desk needs its editors to sign in ({why}), but it has no accounts \
                     yet. Add one first: claimdesk user add NAME --admin (the password is read \
                     from standard input)"
                ),
            ));
        }
        let tls = options.tls.as_ref().map(tls::acceptor).transpose()?;
        let requested = SocketAddr::new(options.host, options.port);
        let listener = std::net::TcpListener::bind(requested).map_err(|err| {
            let message = if err.kind() == std::io::ErrorKind::AddrInUse {
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
        listener.set_nonblocking(true)?;
        let address = listener.local_addr()?;
        Ok(Server {
            listener,
            address,
            options: options.clone(),
            tls,
        })
    }

    /// The address it listens on (with the real port when 0 was asked for).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The URL to open in a browser.
    pub fn url(&self) -> String {
        let scheme = if self.tls.is_some() { "https" } else { "http" };
        format!("{scheme}://{}", self.address)
    }

    /// Whether every request needs a signed-in editor.
    pub fn login_required(&self) -> bool {
        self.options.login_required()
    }

    /// Whether the UI directory holds a built UI.
    pub fn ui_is_built(&self) -> bool {
        self.options.ui_dir.join("index.html").is_file()
    }

    /// Serve requests until the process is told to stop (Ctrl+C or SIGTERM); requests in
    /// progress then get a few seconds to finish.
    pub fn run(self, desk: Arc<Desk>) -> Result<()> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("claimdesk-serve")
            .build()
            .map_err(|err| Error::internal(format!("cannot start the server's runtime: {err}")))?;
        let app = App(Arc::new(Shared {
            desk,
            hosts: AllowedHosts::new(&self.options.allow_hosts),
            login_required: self.options.login_required(),
            ui_dir: self.options.ui_dir.clone(),
            limits: self.options.limits,
            throttle: Throttle::default(),
            local_editor: LocalEditor::of_this_machine(),
            desk_calls: tokio::sync::Semaphore::new(DESK_CALLS_AT_ONCE),
            sessions: std::sync::Mutex::new(std::collections::HashMap::new()),
        }));
        let limits = self.options.limits;
        let (stop, stopped) = watch::channel(false);
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            tokio::spawn(async move {
                wait_for_stop_signal().await;
                let _ = stop.send(true);
            });
            connections::accept(listener, self.tls, limits, app, stopped, SHUTDOWN_GRACE).await;
            Ok::<(), Error>(())
        })?;
        // Requests still running past the grace period are not waited for; their
        // transactions either committed or roll back when the process ends.
        runtime.shutdown_timeout(Duration::from_millis(100));
        Ok(())
    }
}

async fn wait_for_stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// What every request shares.
#[derive(Debug)]
struct Shared {
    desk: Arc<Desk>,
    hosts: AllowedHosts,
    login_required: bool,
    ui_dir: PathBuf,
    limits: Limits,
    throttle: Throttle,
    local_editor: LocalEditor,
    /// Turns for desk calls ([`DESK_CALLS_AT_ONCE`]).
    desk_calls: tokio::sync::Semaphore,
    /// Sessions checked lately: token → who, and when checked.
    sessions: std::sync::Mutex<std::collections::HashMap<String, (SignedIn, std::time::Instant)>>,
}

/// The server's request handling, one clone per connection.
#[derive(Debug, Clone)]
struct App(Arc<Shared>);

/// What a request carries about its connection.
#[derive(Debug, Clone)]
struct Connection {
    peer: Peer,
    activity: Arc<Activity>,
}

impl connections::Handler for App {
    fn service(
        &self,
        peer: Peer,
        activity: Arc<Activity>,
    ) -> impl hyper::service::Service<
        hyper::Request<hyper::body::Incoming>,
        Response = Response,
        Error = Infallible,
        Future: Send + 'static,
    > + Send
    + 'static {
        let router = router(self.clone());
        let connection = Connection { peer, activity };
        hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(connection.clone());
            let router = router.clone();
            async move {
                let request = request.map(Body::new);
                router.oneshot(request).await
            }
        })
    }
}

fn router(app: App) -> Router {
    Router::new()
        .route("/api/login", post(login))
        .route("/api/logout", post(logout))
        .route("/api/{command}", any(command))
        .fallback(file)
        .with_state(app)
}

/// The request's connection (inserted for every request by the connection's service).
fn connection_of(request: &Request) -> Result<Connection> {
    request
        .extensions()
        .get::<Connection>()
        .cloned()
        .ok_or_else(|| Error::internal("a request came without its connection"))
}

impl App {
    /// The `Host` check every request passes first.
    fn check_host(&self, headers: &HeaderMap, peer: &Peer) -> Result<()> {
        let host = header_text(headers, header::HOST).unwrap_or_default();
        if self.0.hosts.allows(host, peer.local) {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::Forbidden,
            format!(
                "this ClaimDesk does not answer to {host:?}; it answers to localhost, its own \
                 address and the names given with --allow-host"
            ),
        ))
    }

    /// The checks an API call passes: a page of the desk's own, JSON.
    fn check_api_call(&self, headers: &HeaderMap, peer: &Peer) -> Result<()> {
        self.check_host(headers, peer)?;
        if let Some(origin) = header_text(headers, header::ORIGIN)
            && !self.0.hosts.allows_origin(origin, peer.local)
        {
            return Err(Error::new(
                ErrorKind::Forbidden,
                format!("requests from {origin} may not use this ClaimDesk's API"),
            ));
        }
        let is_json = header_text(headers, header::CONTENT_TYPE).is_some_and(|value| {
            value
                .split(';')
                .next()
                .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
        });
        if !is_json {
            return Err(Error::new(
                ErrorKind::UnsupportedFormat,
                "send the arguments as JSON (Content-Type: application/json)",
            )
            .with_field("content_type"));
        }
        Ok(())
    }

    /// Who is calling: the signed-in editor of the request's session, or this machine's
    /// editor on a one-editor desk.
    async fn caller(&self, headers: &HeaderMap, for_a_change: bool) -> Result<Caller> {
        if !self.0.login_required {
            return Ok(Caller::Local(self.0.local_editor.clone()));
        }
        let unauthenticated = || {
            Error::new(
                ErrorKind::Unauthenticated,
                "sign in first: this desk records every change under the editor who made it",
            )
        };
        let token = session_token(headers).ok_or_else(unauthenticated)?;
        // A change is checked against the database every time: an account disabled a moment
        // ago by `claimdesk user disable` (another process) must not change anything more.
        if !for_a_change && let Some(signed_in) = self.recent_session(&token) {
            return Ok(Caller::SignedIn(signed_in));
        }
        let desk = Arc::clone(&self.0.desk);
        let checked = token.clone();
        let session = self.desk_call(move || desk.session(&checked)).await?;
        let session = session.ok_or_else(|| {
            self.forget_session(&token);
            Error::new(
                ErrorKind::Unauthenticated,
                "your session has ended (it lasts 12 hours, and ends when you sign out or your \
                 password changes); sign in again",
            )
        })?;
        let signed_in = SignedIn {
            account: session.account,
            expires_at: session.expires_at,
        };
        let mut sessions = self.0.sessions.lock().unwrap_or_else(|p| p.into_inner());
        // Bounded: a flood of made-up tokens never gets here (they fail above).
        if sessions.len() > 10_000 {
            sessions.clear();
        }
        sessions.insert(token, (signed_in.clone(), std::time::Instant::now()));
        Ok(Caller::SignedIn(signed_in))
    }

    /// A session checked within [`SESSION_RECHECK`] and not expired since.
    fn recent_session(&self, token: &str) -> Option<SignedIn> {
        let sessions = self.0.sessions.lock().unwrap_or_else(|p| p.into_inner());
        let (signed_in, checked) = sessions.get(token)?;
        let expired = chrono::DateTime::parse_from_rfc3339(&signed_in.expires_at)
            .map_or(true, |expires| expires <= chrono::Utc::now());
        (checked.elapsed() < SESSION_RECHECK && !expired).then(|| signed_in.clone())
    }

    fn forget_session(&self, token: &str) {
        self.0
            .sessions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(token);
    }

    /// Run a desk call on the blocking pool when its turn comes ([`DESK_CALLS_AT_ONCE`]).
    async fn desk_call<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let _turn = self
            .0
            .desk_calls
            .acquire()
            .await
            .map_err(|_| Error::internal("the server is stopping"))?;
        blocking(f).await
    }

    /// Read a request's body within its size and time limits.
    async fn body(&self, request: Request) -> Result<Bytes> {
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|length| length > MAX_BODY_BYTES as u64) {
            return Err(too_large());
        }
        let deadline = self
            .0
            .limits
            .body_deadline(declared.unwrap_or(MAX_BODY_BYTES as u64));
        let limited = http_body_util::Limited::new(request.into_body(), MAX_BODY_BYTES);
        match tokio::time::timeout(deadline, limited.collect()).await {
            Ok(Ok(collected)) => Ok(collected.to_bytes()),
            Ok(Err(err)) if err.is::<http_body_util::LengthLimitError>() => Err(too_large()),
            Ok(Err(err)) => Err(Error::invalid_input(format!(
                "the request body could not be read: {err}"
            ))),
            Err(_) => Err(Error::new(
                ErrorKind::InvalidInput,
                format!(
                    "the request body did not arrive within {} seconds; check the connection \
                     and send it again",
                    deadline.as_secs()
                ),
            )
            .with_field("body_timeout")),
        }
    }
}

fn too_large() -> Error {
    Error::new(
        ErrorKind::TooLarge,
        format!(
            "the request is larger than {} MB; ClaimDesk imports articles up to {} MB",
            MAX_BODY_BYTES / 1_048_576,
            MAX_ARTICLE_BYTES / 1_048_576
        ),
    )
}

/// Run a desk call on the blocking pool.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|err| Error::internal(format!("a desk call stopped unexpectedly: {err}")))?
}

/// `POST /api/<command>`.
async fn command(
    State(app): State<App>,
    Path(command): Path<String>,
    request: Request,
) -> Response {
    let connection = match connection_of(&request) {
        Ok(connection) => connection,
        Err(err) => return error_response(&err, None),
    };
    let _busy = connection.activity.busy();
    if request.method() != Method::POST {
        let mut response = error_response(
            &Error::invalid_input(format!("use POST /api/{command} with a JSON body")),
            Some(StatusCode::METHOD_NOT_ALLOWED),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return response;
    }
    let result = async {
        app.check_api_call(request.headers(), &connection.peer)?;
        let caller = app
            .caller(request.headers(), !api::is_read_only(&command))
            .await?;
        let body = app.body(request).await?;
        let args = if body.iter().all(u8::is_ascii_whitespace) {
            serde_json::Value::Null
        } else {
            serde_json::from_slice(&body).map_err(Error::from)?
        };
        let desk = Arc::clone(&app.0.desk);
        let name = command.clone();
        app.desk_call(move || api::dispatch(&desk, &caller, &name, args))
            .await
    }
    .await;
    match result {
        Ok(value) => json_response(StatusCode::OK, &value),
        Err(err) => {
            if status_of(err.kind()).is_server_error() {
                eprintln!("claimdesk: {command} failed: {err}");
            }
            error_response(&err, None)
        }
    }
}

/// `POST /api/login`: check the name and password, open a session, set its cookie.
async fn login(State(app): State<App>, request: Request) -> Response {
    let connection = match connection_of(&request) {
        Ok(connection) => connection,
        Err(err) => return error_response(&err, None),
    };
    let _busy = connection.activity.busy();
    let secure = is_secure(&connection.peer, request.headers());
    let result = async {
        app.check_api_call(request.headers(), &connection.peer)?;
        if !app.0.login_required {
            return Err(Error::new(
                ErrorKind::Conflict,
                "this desk is one editor's, on this machine, and needs no sign-in; open it \
                 without signing in",
            ));
        }
        let address = client_address(&connection.peer, request.headers());
        let body = app.body(request).await?;
        let args: LoginArgs = serde_json::from_slice(&body).map_err(|err| {
            Error::invalid_input(format!(
                "sign in with {{\"name\": ..., \"password\": ...}} ({err})"
            ))
        })?;
        let shared = Arc::clone(&app.0);
        blocking(move || {
            accounts::sign_in(
                &shared.desk,
                &shared.throttle,
                &args.name,
                &args.password,
                address,
            )
        })
        .await
    }
    .await;
    match result {
        Ok((session, token)) => {
            let info = SessionInfo {
                name: session.account.name.clone(),
                admin: session.account.admin,
                expires_at: session.expires_at.clone(),
            };
            let mut response = json_response(StatusCode::OK, &info);
            let max_age = accounts::SESSION_HOURS * 3600;
            if let Ok(cookie) = HeaderValue::from_str(&session_cookie(&token, max_age, secure)) {
                response.headers_mut().insert(header::SET_COOKIE, cookie);
            }
            response
        }
        Err(err) => {
            let mut response = error_response(&err, None);
            if err.kind() == ErrorKind::TooManyAttempts {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
            }
            response
        }
    }
}

/// `POST /api/logout`: end the session and clear its cookie.
async fn logout(State(app): State<App>, request: Request) -> Response {
    let connection = match connection_of(&request) {
        Ok(connection) => connection,
        Err(err) => return error_response(&err, None),
    };
    let _busy = connection.activity.busy();
    if let Err(err) = app.check_api_call(request.headers(), &connection.peer) {
        return error_response(&err, None);
    }
    if let Some(token) = session_token(request.headers()) {
        app.forget_session(&token);
        let desk = Arc::clone(&app.0.desk);
        if let Err(err) = app.desk_call(move || desk.end_session(&token)).await {
            return error_response(&err, None);
        }
    }
    let mut response = json_response(StatusCode::OK, &serde_json::Value::Null);
    if let Ok(cookie) = HeaderValue::from_str(&session_cookie(
        "",
        0,
        is_secure(&connection.peer, request.headers()),
    )) {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// Any other path: a file of the UI.
async fn file(State(app): State<App>, request: Request) -> Response {
    let connection = match connection_of(&request) {
        Ok(connection) => connection,
        Err(err) => return error_response(&err, None),
    };
    if let Err(err) = app.check_host(request.headers(), &connection.peer) {
        return error_response(&err, None);
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return error_response(
            &Error::invalid_input("only GET is served outside /api/"),
            Some(StatusCode::METHOD_NOT_ALLOWED),
        );
    }
    files::serve(&app.0.ui_dir, request.uri().path()).await
}

/// Whether the client reached us over TLS: directly, or through a reverse proxy on this
/// machine that says so (`X-Forwarded-Proto: https`; only a proxy on loopback is believed).
fn is_secure(peer: &Peer, headers: &HeaderMap) -> bool {
    peer.tls
        || (peer.remote.ip().is_loopback()
            && header_text(headers, "x-forwarded-proto")
                .is_some_and(|proto| proto.eq_ignore_ascii_case("https")))
}

/// The address a sign-in came from, for slowing down guessing: the connection's, or behind a
/// reverse proxy on this machine the client's as the proxy reports it (the last address of
/// `X-Forwarded-For`, the one the proxy added). Without that every editor behind the proxy
/// would share 127.0.0.1, and one guesser would slow everyone's sign-in down.
fn client_address(peer: &Peer, headers: &HeaderMap) -> IpAddr {
    let remote = peer.remote.ip();
    if !remote.is_loopback() {
        return remote;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .last()
        .and_then(|last| last.trim().parse::<IpAddr>().ok())
        .unwrap_or(remote)
}

/// The `Set-Cookie` value of a session: HttpOnly (no script reads it), SameSite=Strict (no
/// other site's page sends it), Secure when the desk is reached over TLS.
fn session_cookie(token: &str, max_age: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
    )
}

/// The session token of the request's cookie.
fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == SESSION_COOKIE && !value.is_empty())
        .map(|(_, value)| value.to_string())
}

fn header_text(headers: &HeaderMap, name: impl header::AsHeaderName) -> Option<&str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// The HTTP status of an error kind.
pub fn status_of(kind: ErrorKind) -> StatusCode {
    match kind {
        ErrorKind::InvalidInput
        | ErrorKind::InvalidUrl
        | ErrorKind::UnsupportedFormat
        | ErrorKind::NotHtml
        | ErrorKind::NoTextLayer
        | ErrorKind::MissingField => StatusCode::BAD_REQUEST,
        // The page the editor asked for could not be fetched: the fault is upstream.
        ErrorKind::Dns
        | ErrorKind::Connection
        | ErrorKind::Tls
        | ErrorKind::HttpStatus
        | ErrorKind::TooManyRedirects => StatusCode::BAD_GATEWAY,
        ErrorKind::Timeout => StatusCode::GATEWAY_TIMEOUT,
        ErrorKind::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorKind::Forbidden => StatusCode::FORBIDDEN,
        ErrorKind::NotFound => StatusCode::NOT_FOUND,
        ErrorKind::Conflict | ErrorKind::DatabaseTooNew => StatusCode::CONFLICT,
        ErrorKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorKind::TooManyAttempts => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn json_response(status: StatusCode, value: &impl Serialize) -> Response {
    let body = serde_json::to_vec(value).unwrap_or_else(|_| b"null".to_vec());
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    with_common_headers(response)
}

/// An error as the API answers it: its status and `{code, message, ...}`. A body that did not
/// come in time is `408` (and the connection is closed: what is left of the body is not
/// worth reading); a body that is not JSON is `415`.
fn error_response(err: &Error, status: Option<StatusCode>) -> Response {
    let payload: ErrorPayload = err.to_payload();
    let status = status.unwrap_or_else(|| match err.field() {
        Some("body_timeout") => StatusCode::REQUEST_TIMEOUT,
        Some("content_type") => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        _ => status_of(err.kind()),
    });
    let mut response = json_response(status, &payload);
    if status == StatusCode::REQUEST_TIMEOUT {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("ClaimDesk-Session realm=\"ClaimDesk\""),
        );
    }
    response
}

fn with_common_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_cookie_is_http_only_strict_and_secure_over_tls() {
        let plain = session_cookie("t0k3n", 3600, false);
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Strict"));
        assert!(!plain.contains("Secure"));
        assert!(session_cookie("t0k3n", 3600, true).ends_with("; Secure"));
    }

    #[test]
    fn the_session_token_is_read_from_among_other_cookies() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; claimdesk_session=abc123; other=1"),
        );
        assert_eq!(session_token(&headers).as_deref(), Some("abc123"));
    }

    /// Regression: behind a reverse proxy every sign-in came from 127.0.0.1, so one guesser
    /// slowed down every editor's sign-in.
    #[test]
    fn behind_a_local_proxy_guessing_is_counted_per_client_not_per_proxy() {
        let peer = |remote: [u8; 4]| Peer {
            remote: SocketAddr::from((remote, 50000)),
            local: SocketAddr::from(([127, 0, 0, 1], 7878)),
            tls: false,
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("203.0.113.9, 10.1.2.3"),
        );
        assert_eq!(
            client_address(&peer([127, 0, 0, 1]), &headers),
            IpAddr::from([10, 1, 2, 3]),
            "the address the proxy added"
        );
        assert_eq!(
            client_address(&peer([10, 0, 0, 9]), &headers),
            IpAddr::from([10, 0, 0, 9]),
            "a client elsewhere cannot choose its own address"
        );
        assert_eq!(
            client_address(&peer([127, 0, 0, 1]), &HeaderMap::new()),
            IpAddr::from([127, 0, 0, 1])
        );
    }

    #[test]
    fn a_proxy_is_believed_about_tls_only_from_this_machine() {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        let peer = |remote: [u8; 4]| Peer {
            remote: SocketAddr::from((remote, 50000)),
            local: SocketAddr::from(([127, 0, 0, 1], 7878)),
            tls: false,
        };
        assert!(is_secure(&peer([127, 0, 0, 1]), &headers));
        assert!(!is_secure(&peer([10, 0, 0, 9]), &headers));
    }
}
