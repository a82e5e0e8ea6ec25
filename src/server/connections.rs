//! Connections: accepting them up to a limit, TLS, and the time limits that keep a few slow
//! or silent clients from holding the desk up.
//!
//! Every connection is its own task, so a client that sends one byte a second only ties up
//! that task. What is bounded:
//! - how many connections are open at once ([`Limits::max_connections`]; beyond it new ones
//!   wait in the kernel's queue until one closes);
//! - how long a TLS handshake may take ([`Limits::handshake_timeout`]);
//! - how long a request's head may take, counted from when the connection is ready for it,
//!   which is also how long a kept-alive connection may sit silent
//!   ([`Limits::header_timeout`], hyper's header-read timer);
//! - how big a request's head may be ([`Limits::max_header_bytes`]; larger is `431`);
//! - how long a connection may make no progress at all while no request is being worked on,
//!   such as a client that stops reading its answer ([`Limits::idle_timeout`]);
//! - how long a request body may take (see `api` in the parent module).

use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, watch};
use tokio_rustls::TlsAcceptor;

/// The time and size limits of connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections open at once.
    pub max_connections: usize,
    /// The most bytes of a request's head (request line and headers).
    pub max_header_bytes: usize,
    /// How long a request's head may take, and a kept-alive connection may stay silent.
    pub header_timeout: Duration,
    /// How long a connection may make no progress while no request is being worked on.
    pub idle_timeout: Duration,
    /// How long a TLS handshake may take.
    pub handshake_timeout: Duration,
    /// The least time a request body gets, whatever its size.
    pub body_timeout: Duration,
    /// The slowest body rate allowed beyond that, in bytes per second.
    pub min_body_rate: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 512,
            max_header_bytes: 16 * 1024,
            header_timeout: Duration::from_secs(15),
            idle_timeout: Duration::from_secs(60),
            handshake_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(15),
            min_body_rate: 64 * 1024,
        }
    }
}

impl Limits {
    /// How long a body of `length` bytes may take to arrive.
    pub fn body_deadline(&self, length: u64) -> Duration {
        self.body_timeout + Duration::from_secs(length / self.min_body_rate.max(1))
    }
}

/// What a request knows about its connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Peer {
    /// The client's address.
    pub remote: SocketAddr,
    /// This end's address (the address the client connected to).
    pub local: SocketAddr,
    /// Whether the connection is TLS.
    pub tls: bool,
}

/// A connection's clock: when it last moved a byte, and whether a request is being worked on.
#[derive(Debug)]
pub struct Activity {
    started: Instant,
    last_progress_ms: AtomicU64,
    busy: AtomicUsize,
}

impl Activity {
    fn new() -> Arc<Activity> {
        Arc::new(Activity {
            started: Instant::now(),
            last_progress_ms: AtomicU64::new(0),
            busy: AtomicUsize::new(0),
        })
    }

    fn progressed(&self) {
        let now = self.started.elapsed().as_millis() as u64;
        self.last_progress_ms.store(now, Ordering::Relaxed);
    }

    fn silent_for(&self) -> Duration {
        let now = self.started.elapsed().as_millis() as u64;
        Duration::from_millis(now.saturating_sub(self.last_progress_ms.load(Ordering::Relaxed)))
    }

    /// Marks a request as being worked on until the guard is dropped: a slow export is not
    /// an idle connection.
    pub fn busy(self: &Arc<Self>) -> BusyGuard {
        self.busy.fetch_add(1, Ordering::Relaxed);
        BusyGuard(Arc::clone(self))
    }
}

/// See [`Activity::busy`].
#[derive(Debug)]
pub struct BusyGuard(Arc<Activity>);

impl Drop for BusyGuard {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::Relaxed);
        self.0.progressed();
    }
}

/// A stream that notes every byte it moves in its connection's [`Activity`].
struct Watched<S> {
    inner: S,
    activity: Arc<Activity>,
}

impl<S: AsyncRead + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let poll = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(poll, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.progressed();
        }
        poll
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(poll, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.progressed();
        }
        poll
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let poll = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(poll, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.progressed();
        }
        poll
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

/// The per-request service of a connection: called with its peer and activity.
pub trait Handler: Clone + Send + Sync + 'static {
    /// Serve one connection's requests.
    fn service(
        &self,
        peer: Peer,
        activity: Arc<Activity>,
    ) -> impl hyper::service::Service<
        hyper::Request<hyper::body::Incoming>,
        Response = axum::response::Response,
        Error = std::convert::Infallible,
        Future: Send + 'static,
    > + Send
    + 'static;
}

/// Accept connections on `listener` until `shutdown` turns true, serving each with `handler`.
/// Connections still open then get `grace` to finish the request they are on.
pub async fn accept(
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    limits: Limits,
    handler: impl Handler,
    mut shutdown: watch::Receiver<bool>,
    grace: Duration,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let open = Arc::new(AtomicUsize::new(0));
    loop {
        let permit = tokio::select! {
            permit = slots.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            _ = shutdown.changed() => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a moment rather than spin, and go on.
                    eprintln!("claimdesk: accepting a connection failed: {err}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = shutdown.changed() => break,
        };
        let Ok(local) = stream.local_addr() else {
            continue;
        };
        // Answers go out at once: no waiting for the client's delayed acknowledgement.
        let _ = stream.set_nodelay(true);
        let (tls, handler, shutdown, open) = (
            tls.clone(),
            handler.clone(),
            shutdown.clone(),
            Arc::clone(&open),
        );
        open.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(async move {
            serve_connection(stream, remote, local, tls, limits, handler, shutdown).await;
            open.fetch_sub(1, Ordering::Relaxed);
            drop(permit);
        });
    }
    // Stop accepting; give the open connections their grace to finish.
    drop(listener);
    let deadline = Instant::now() + grace;
    while open.load(Ordering::Relaxed) > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn serve_connection(
    stream: TcpStream,
    remote: SocketAddr,
    local: SocketAddr,
    tls: Option<TlsAcceptor>,
    limits: Limits,
    handler: impl Handler,
    shutdown: watch::Receiver<bool>,
) {
    let activity = Activity::new();
    activity.progressed();
    match tls {
        Some(acceptor) => {
            let handshake =
                tokio::time::timeout(limits.handshake_timeout, acceptor.accept(stream)).await;
            let Ok(Ok(stream)) = handshake else {
                return;
            };
            let peer = Peer {
                remote,
                local,
                tls: true,
            };
            drive(stream, peer, activity, limits, handler, shutdown).await;
        }
        None => {
            let peer = Peer {
                remote,
                local,
                tls: false,
            };
            drive(stream, peer, activity, limits, handler, shutdown).await;
        }
    }
}

async fn drive<S>(
    stream: S,
    peer: Peer,
    activity: Arc<Activity>,
    limits: Limits,
    handler: impl Handler,
    mut shutdown: watch::Receiver<bool>,
) where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let io = TokioIo::new(Watched {
        inner: stream,
        activity: Arc::clone(&activity),
    });
    let service = handler.service(peer, Arc::clone(&activity));
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(limits.max_header_bytes.max(8192))
        .max_headers(100)
        .keep_alive(true)
        .serve_connection(io, service);
    tokio::pin!(connection);
    let check = (limits.idle_timeout / 4).max(Duration::from_millis(250));
    let mut closing = *shutdown.borrow();
    if closing {
        connection.as_mut().graceful_shutdown();
    }
    loop {
        tokio::select! {
            _ = connection.as_mut() => return,
            _ = tokio::time::sleep(check) => {
                if activity.busy.load(Ordering::Relaxed) == 0
                    && activity.silent_for() >= limits.idle_timeout
                {
                    // Dropping the connection closes it.
                    return;
                }
            }
            changed = shutdown.changed(), if !closing => {
                if changed.is_err() || *shutdown.borrow() {
                    closing = true;
                    // Finish the request in hand, then close.
                    connection.as_mut().graceful_shutdown();
                }
            }
        }
    }
}
