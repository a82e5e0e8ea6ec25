//! A small HTTP server on 127.0.0.1 that serves pages a test wrote, for the tests of everything
//! that fetches (here, the app's import and evidence tests): tests never reach the network.
//!
//! Each route answers with a fixed [`Reply`]. The server handles at most [`MAX_CONNECTIONS`]
//! connections, each on its own thread, and stops with the test process.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Connections a server answers before it stops accepting (a bound on every test loop).
pub const MAX_CONNECTIONS: usize = 500;

/// What a route answers.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A status, headers and a body.
    Page {
        /// HTTP status.
        status: u16,
        /// Extra headers (`Content-Type`, `Content-Encoding`, ...).
        headers: Vec<(String, String)>,
        /// The body as sent.
        body: Vec<u8>,
    },
    /// A redirect to another path or address.
    Redirect(String),
    /// Accept the connection and say nothing for this long.
    Silence(Duration),
}

impl Reply {
    /// `200` with a body of the given media type.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Page {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// `200` with an HTML page in UTF-8.
    pub fn html(body: &str) -> Reply {
        Reply::ok("text/html; charset=utf-8", body.as_bytes().to_vec())
    }

    /// A status with a short HTML body.
    pub fn status(status: u16) -> Reply {
        Reply::Page {
            status,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: format!("<html><body><h1>{status}</h1></body></html>").into_bytes(),
        }
    }
}

/// A running test server.
#[derive(Debug, Clone)]
pub struct TestServer {
    address: SocketAddr,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    hits: Arc<Mutex<Vec<String>>>,
}

impl TestServer {
    /// Start a server on a free port of 127.0.0.1.
    pub fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a test port");
        let address = listener.local_addr().expect("test server address");
        let server = TestServer {
            address,
            routes: Arc::new(Mutex::new(HashMap::new())),
            hits: Arc::new(Mutex::new(Vec::new())),
        };
        let shared = server.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().take(MAX_CONNECTIONS).flatten() {
                let server = shared.clone();
                std::thread::spawn(move || server.answer(stream));
            }
        });
        server
    }

    /// Serve `reply` at `path` (`/story.html`); replaces an earlier route.
    pub fn route(&self, path: &str, reply: Reply) -> &Self {
        self.routes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(path.to_string(), reply);
        self
    }

    /// The address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// The socket address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The method and path of every request so far (`GET /story.html`).
    pub fn hits(&self) -> Vec<String> {
        self.hits
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn answer(&self, stream: TcpStream) {
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let mut reader = BufReader::new(match stream.try_clone() {
            Ok(stream) => stream,
            Err(_) => return,
        });
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).is_err() {
            return;
        }
        loop {
            let mut header = String::new();
            match reader.read_line(&mut header) {
                Ok(0) | Err(_) => break,
                Ok(_) if header.trim().is_empty() => break,
                Ok(_) => {}
            }
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or_default().to_string();
        let target = parts.next().unwrap_or("/").to_string();
        let path = target.split('?').next().unwrap_or("/").to_string();
        self.hits
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(format!("{method} {target}"));
        let reply = self
            .routes
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&path)
            .cloned()
            .unwrap_or_else(|| Reply::status(404));
        let mut stream = stream;
        let (status, headers, body) = match reply {
            Reply::Silence(duration) => {
                std::thread::sleep(duration);
                return;
            }
            Reply::Redirect(to) => (
                302,
                vec![("Location".to_string(), to)],
                b"redirect".to_vec(),
            ),
            Reply::Page {
                status,
                headers,
                body,
            } => (status, headers, body),
        };
        let mut head = format!("HTTP/1.1 {status} Test\r\nConnection: close\r\n");
        let has_length = headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("content-length"));
        for (name, value) in &headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !has_length {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let _ = stream.write_all(head.as_bytes());
        if method != "HEAD" {
            let _ = stream.write_all(&body);
        }
        let _ = stream.flush();
    }
}

/// `bytes` as a brotli stream of uncompressed meta-blocks (a valid stream any decoder reads;
/// enough to test that a `Content-Encoding: br` page is decoded, without a brotli encoder).
pub fn brotli_stored(bytes: &[u8]) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        current: u32,
        used: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, count: u32) {
            for bit in 0..count {
                self.current |= ((value >> bit) & 1) << self.used;
                self.used += 1;
                if self.used == 8 {
                    self.out.push(self.current as u8);
                    self.current = 0;
                    self.used = 0;
                }
            }
        }
        fn align(&mut self) {
            if self.used > 0 {
                self.out.push(self.current as u8);
                self.current = 0;
                self.used = 0;
            }
        }
    }
    let mut bits = Bits {
        out: Vec::new(),
        current: 0,
        used: 0,
    };
    bits.put(0, 1); // WBITS = 16
    for chunk in bytes.chunks(65_536) {
        bits.put(0, 1); // ISLAST = 0
        bits.put(0, 2); // MNIBBLES = 4
        bits.put(chunk.len() as u32 - 1, 16); // MLEN - 1
        bits.put(1, 1); // ISUNCOMPRESSED
        bits.align();
        bits.out.extend_from_slice(chunk);
    }
    bits.put(1, 1); // ISLAST
    bits.put(1, 1); // ISLASTEMPTY
    bits.align();
    bits.out
}
