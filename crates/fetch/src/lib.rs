//! ClaimDesk's web client: articles, feeds and evidence links fetched from the web.
//!
//! One [`Fetcher`] is one HTTP client (ureq 3 over rustls) with the limits an editor can rely
//! on: a connect timeout, a timeout between reads and for the whole exchange, a size cap, at
//! most [`MAX_REDIRECTS`] redirects, gzip, deflate and brotli, no cookies kept and, being no
//! browser, no scripts run. Every failure is an [`Error`] whose kind says what went wrong (the
//! UI branches on it): `dns`, `connection`, `tls`, `timeout`, `http_status`,
//! `too_many_redirects`, `not_html`, `too_large`, `invalid_url`.
//!
//! This crate fetches; it never decodes text (the sources do that, once) and never stores.

#![deny(missing_docs)]

#[cfg(any(test, feature = "test-server"))]
pub mod test_server;

use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

use claimdesk_error::{Error, ErrorKind, Result};

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: u32 = 10;

/// The largest response body read, after decompression (a news page is 0.1–3 MB; ClaimDesk
/// reads articles of up to 20 MB of text).
pub const MAX_BODY_BYTES: u64 = 20 * 1024 * 1024;

/// How ClaimDesk introduces itself to web servers.
pub const USER_AGENT: &str = concat!(
    "ClaimDesk/",
    env!("CARGO_PKG_VERSION"),
    " (newsroom fact-checking; +https://example.invalid/claimdesk)"
);

/// The limits of a [`Fetcher`].
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Time allowed to open the connection (DNS, TCP and TLS).
    pub connect_timeout: Duration,
    /// Time allowed between two reads of the response.
    pub read_timeout: Duration,
    /// Time allowed for the whole exchange, redirects included.
    pub total_timeout: Duration,
    /// The largest body read, after decompression.
    pub max_bytes: u64,
    /// Host names resolved to fixed addresses instead of asking DNS (tests, and desks that
    /// pin a host).
    pub hosts: Vec<(String, SocketAddr)>,
    /// Resolve only the names in `hosts`: any other is `dns`. For tests, which must never
    /// reach the network.
    pub hosts_only: bool,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_bytes: MAX_BODY_BYTES,
            hosts: Vec::new(),
            hosts_only: false,
        }
    }
}

/// A response, read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    /// The address asked for.
    pub url: String,
    /// The address that answered, after redirects.
    pub final_url: String,
    /// The HTTP status.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body, decompressed.
    pub bytes: Vec<u8>,
    /// When the response was read.
    pub fetched_at: DateTime<Utc>,
    /// Response headers a caller may need (`Content-Location`, `Link`), lower-case names.
    pub headers: Vec<(String, String)>,
}

impl Fetched {
    /// Whether the status is a success (2xx).
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// The media type without parameters, lower case (`text/html`).
    pub fn media_type(&self) -> Option<String> {
        self.content_type.as_deref().map(|value| {
            value
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
    }

    /// One response header by (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// What a page fetched for import may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// A web page (HTML or XHTML; plain text is accepted too).
    Page,
    /// A feed (RSS, Atom, or XML that may be either).
    Feed,
    /// A document ClaimDesk reads: a page, plain text, PDF or Word.
    Document,
}

impl Expect {
    fn accepts(self, media_type: Option<&str>) -> bool {
        let Some(media_type) = media_type.filter(|t| !t.is_empty()) else {
            // No Content-Type: let the content decide.
            return true;
        };
        let page = matches!(
            media_type,
            "text/html" | "application/xhtml+xml" | "text/plain"
        );
        match self {
            Expect::Page => page,
            Expect::Feed => {
                media_type.ends_with("xml")
                    || media_type.ends_with("+xml")
                    || matches!(media_type, "application/rss+xml" | "application/atom+xml")
                    || media_type == "text/html"
            }
            Expect::Document => {
                page || matches!(
                    media_type,
                    "application/pdf"
                        | "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                        | "text/markdown"
                        | "application/octet-stream"
                )
            }
        }
    }
}

/// Resolves the pinned host names, and the others through DNS unless `hosts_only`.
#[derive(Debug)]
struct PinnedResolver {
    hosts: Vec<(String, SocketAddr)>,
    hosts_only: bool,
    dns: DefaultResolver,
}

impl Resolver for PinnedResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> std::result::Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or_default();
        let pinned = self
            .hosts
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(host));
        if let Some((_, address)) = pinned {
            let mut addresses = self.empty();
            let port = uri.port_u16().unwrap_or(address.port());
            addresses.push(SocketAddr::new(address.ip(), port));
            return Ok(addresses);
        }
        if self.hosts_only && host.parse::<std::net::IpAddr>().is_err() {
            return Err(ureq::Error::HostNotFound);
        }
        self.dns.resolve(uri, config, timeout)
    }
}

/// A web client with ClaimDesk's limits. Cheap to clone: clones share connections.
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    options: Arc<FetchOptions>,
}

impl Default for Fetcher {
    fn default() -> Self {
        Fetcher::new(FetchOptions::default())
    }
}

impl Fetcher {
    /// A client with these limits.
    pub fn new(options: FetchOptions) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(MAX_REDIRECTS)
            .max_redirects_will_error(true)
            .save_redirect_history(false)
            .user_agent(USER_AGENT)
            .accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
            .accept_encoding("gzip, deflate, br")
            .timeout_connect(Some(options.connect_timeout))
            .timeout_resolve(Some(options.connect_timeout))
            .timeout_recv_response(Some(options.read_timeout))
            .timeout_per_read(Some(options.read_timeout))
            .timeout_global(Some(options.total_timeout))
            .build();
        let resolver = PinnedResolver {
            hosts: options.hosts.clone(),
            hosts_only: options.hosts_only,
            dns: DefaultResolver::default(),
        };
        Fetcher {
            agent: ureq::Agent::with_parts(config, DefaultConnector::new(), resolver),
            options: Arc::new(options),
        }
    }

    /// GET `url` and read the whole response, whatever its status.
    pub fn get(&self, url: &str) -> Result<Fetched> {
        let parsed = check_url(url)?;
        let response = self
            .agent
            .get(parsed.as_str())
            .call()
            .map_err(|err| classify(url, err))?;
        let status = response.status().as_u16();
        let final_url = ureq::ResponseExt::get_uri(&response).to_string();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type");
        let encoding = header("content-encoding").unwrap_or_default();
        let headers = ["content-location", "link", "location", "last-modified"]
            .into_iter()
            .filter_map(|name| header(name).map(|value| (name.to_string(), value)))
            .collect();
        if let Some(length) = header("content-length").and_then(|v| v.parse::<u64>().ok())
            && length > self.options.max_bytes
            && encoding.is_empty()
        {
            return Err(too_large(url, length, self.options.max_bytes));
        }
        let limit = self.options.max_bytes;
        let mut body = response.into_body();
        let raw = body
            .with_config()
            .limit(limit + 1)
            .read_to_vec()
            .map_err(|err| classify(url, err))?;
        let bytes = if encoding.trim().eq_ignore_ascii_case("deflate") {
            inflate(&raw, limit).map_err(|err| {
                Error::new(
                    ErrorKind::Connection,
                    format!("{url} sent a deflate-compressed page that could not be read: {err}"),
                )
            })?
        } else {
            raw
        };
        if bytes.len() as u64 > limit {
            return Err(too_large(url, bytes.len() as u64, limit));
        }
        Ok(Fetched {
            url: url.to_string(),
            final_url,
            status,
            content_type,
            bytes,
            fetched_at: Utc::now(),
            headers,
        })
    }

    /// GET `url` for import: a success status and content of the `expected` kind, else an
    /// error that says which.
    pub fn fetch(&self, url: &str, expected: Expect) -> Result<Fetched> {
        let fetched = self.get(url)?;
        if !fetched.is_success() {
            return Err(Error::new(
                ErrorKind::HttpStatus,
                format!(
                    "{url} answered {} ({}); check the address, or try again later",
                    fetched.status,
                    status_text(fetched.status)
                ),
            ));
        }
        let media_type = fetched.media_type();
        if !expected.accepts(media_type.as_deref()) {
            let what = match expected {
                Expect::Page => "a web page",
                Expect::Feed => "an RSS or Atom feed",
                Expect::Document => "a web page or a document ClaimDesk reads",
            };
            return Err(Error::new(
                ErrorKind::NotHtml,
                format!(
                    "{url} is not {what}: the server says it is {}",
                    media_type.unwrap_or_default()
                ),
            ));
        }
        Ok(fetched)
    }

    /// POST nothing to `url` (Save Page Now and similar services) and read the answer.
    pub fn post_empty(&self, url: &str) -> Result<Fetched> {
        let parsed = check_url(url)?;
        let response = self
            .agent
            .post(parsed.as_str())
            .send_empty()
            .map_err(|err| classify(url, err))?;
        let status = response.status().as_u16();
        let final_url = ureq::ResponseExt::get_uri(&response).to_string();
        let headers = ["content-location", "link", "location"]
            .into_iter()
            .filter_map(|name| {
                response
                    .headers()
                    .get(name)
                    .and_then(|value| value.to_str().ok())
                    .map(|value| (name.to_string(), value.to_string()))
            })
            .collect();
        let mut body = response.into_body();
        let bytes = body
            .with_config()
            .limit(1024 * 1024)
            .read_to_vec()
            .unwrap_or_default();
        Ok(Fetched {
            url: url.to_string(),
            final_url,
            status,
            content_type: None,
            bytes,
            fetched_at: Utc::now(),
            headers,
        })
    }
}

/// An absolute http(s) URL, or `invalid_url`.
fn check_url(url: &str) -> Result<url::Url> {
    let parsed = url::Url::parse(url.trim()).map_err(|err| {
        Error::new(
            ErrorKind::InvalidUrl,
            format!("{url:?} is not a web address ({err}); give an http:// or https:// link"),
        )
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(Error::new(
            ErrorKind::InvalidUrl,
            format!("{url:?} is not an http or https link"),
        ));
    }
    Ok(parsed)
}

fn too_large(url: &str, length: u64, limit: u64) -> Error {
    Error::new(
        ErrorKind::TooLarge,
        format!(
            "{url} is {:.1} MB or more; ClaimDesk reads pages up to {} MB. Link to the \
             article itself rather than a file or an archive.",
            length as f64 / 1_048_576.0,
            limit / 1_048_576
        ),
    )
}

/// A deflate body: zlib-wrapped as the standard says, or raw as some servers send it.
fn inflate(raw: &[u8], limit: u64) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let zlib = flate2::read::ZlibDecoder::new(raw)
        .take(limit + 1)
        .read_to_end(&mut out);
    if zlib.is_ok() {
        return Ok(out);
    }
    out.clear();
    flate2::read::DeflateDecoder::new(raw)
        .take(limit + 1)
        .read_to_end(&mut out)?;
    Ok(out)
}

fn status_text(status: u16) -> &'static str {
    match status {
        400 => "bad request",
        401 => "login required",
        403 => "forbidden: the site refuses ClaimDesk",
        404 => "not found",
        410 => "gone",
        429 => "too many requests: wait a while",
        451 => "unavailable for legal reasons",
        500..=599 => "a server error",
        300..=399 => "a redirect without a destination",
        _ => "an error",
    }
}

/// The error an editor reads for a failed request.
fn classify(url: &str, err: ureq::Error) -> Error {
    use ureq::Error as E;
    match err {
        E::HostNotFound => Error::new(
            ErrorKind::Dns,
            format!("the host of {url} could not be found; check the address for typos"),
        ),
        E::Timeout(what) => Error::new(
            ErrorKind::Timeout,
            format!("{url} did not answer in time ({what}); the site may be down, try again later"),
        ),
        E::TooManyRedirects | E::RedirectFailed => Error::new(
            ErrorKind::TooManyRedirects,
            format!(
                "{url} redirects more than {MAX_REDIRECTS} times (or in a loop); open it in a \
                 browser and copy the address it ends on"
            ),
        ),
        E::BodyExceedsLimit(limit) => too_large(url, limit, limit),
        E::Tls(reason) => tls_error(url, reason),
        E::Rustls(err) => tls_error(url, &err.to_string()),
        E::Pem(err) => tls_error(url, &err.to_string()),
        E::BadUri(reason) => Error::new(
            ErrorKind::InvalidUrl,
            format!("{url:?} is not a web address ClaimDesk can fetch ({reason})"),
        ),
        E::ConnectionFailed => Error::new(
            ErrorKind::Connection,
            format!("{url} could not be reached; check the address or your connection"),
        ),
        E::Io(io) => io_error(url, &io),
        E::Protocol(err) => Error::new(
            ErrorKind::Connection,
            format!("{url} answered with something that is not HTTP ({err})"),
        ),
        other => Error::new(
            ErrorKind::Connection,
            format!("{url} could not be fetched: {other}"),
        ),
    }
}

fn tls_error(url: &str, reason: &str) -> Error {
    Error::new(
        ErrorKind::Tls,
        format!(
            "the secure connection to {url} failed ({reason}); the site's certificate may be \
             invalid or expired"
        ),
    )
}

fn io_error(url: &str, io: &std::io::Error) -> Error {
    use std::io::ErrorKind as Io;
    // rustls reports handshake failures as io errors that wrap its own error.
    if let Some(tls) = io
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    {
        return tls_error(url, &tls.to_string());
    }
    match io.kind() {
        Io::TimedOut | Io::WouldBlock => Error::new(
            ErrorKind::Timeout,
            format!("{url} did not answer in time; the site may be down, try again later"),
        ),
        Io::ConnectionRefused => Error::new(
            ErrorKind::Connection,
            format!("{url} refused the connection; the site may be down"),
        ),
        Io::ConnectionReset | Io::ConnectionAborted | Io::UnexpectedEof | Io::BrokenPipe => {
            Error::new(
                ErrorKind::Connection,
                format!("{url} closed the connection before answering; try again later"),
            )
        }
        _ => Error::new(
            ErrorKind::Connection,
            format!("{url} could not be fetched: {io}"),
        ),
    }
}

/// Complete a link typed without a scheme ("example.org/report") to https, as browsers do;
/// a link with a scheme is returned as typed.
pub fn complete_scheme(typed: &str) -> String {
    let typed = typed.trim();
    let has_scheme = typed.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let looks_like_host = typed.split(['/', '?', '#']).next().is_some_and(|host| {
        // "example.org", "example.org:8080", "localhost:7878"; not "note: see" or "mailto:x".
        let name = match host.rsplit_once(':') {
            Some((name, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => {
                name
            }
            _ => host,
        };
        !name.is_empty()
            && !name.contains([' ', ':', '@'])
            && (name.contains('.') || name == "localhost")
    });
    if !has_scheme && !typed.starts_with("mailto:") && looks_like_host {
        format!("https://{typed}")
    } else {
        typed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::bare_host_and_path("example.org/report", "https://example.org/report")]
    #[case::www("www.example.org", "https://www.example.org")]
    #[case::already_https("https://example.org/a", "https://example.org/a")]
    #[case::http_kept("http://example.org/a", "http://example.org/a")]
    #[case::not_a_link("some words", "some words")]
    #[case::host_and_port("127.0.0.1:8080/report", "https://127.0.0.1:8080/report")]
    #[case::mail("mailto:desk@example.org", "mailto:desk@example.org")]
    fn links_typed_without_a_scheme_are_completed_to_https(
        #[case] typed: &str,
        #[case] expected: &str,
    ) {
        assert_eq!(complete_scheme(typed), expected);
    }

    #[rstest]
    #[case::html(Expect::Page, Some("text/html"), true)]
    #[case::json(Expect::Page, Some("application/json"), false)]
    #[case::image(Expect::Page, Some("image/png"), false)]
    #[case::rss(Expect::Feed, Some("application/rss+xml"), true)]
    #[case::pdf_document(Expect::Document, Some("application/pdf"), true)]
    #[case::no_type(Expect::Page, None, true)]
    fn what_an_import_accepts(
        #[case] expect: Expect,
        #[case] media_type: Option<&str>,
        #[case] accepted: bool,
    ) {
        assert_eq!(expect.accepts(media_type), accepted);
    }
}
