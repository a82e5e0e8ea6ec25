//! A small HTTP/1.1 client over one kept-alive connection, for the tests and benches that drive
//! `claimdesk serve` on 127.0.0.1: it sends a request, reads the whole answer (by
//! `Content-Length` or chunks) and remembers the session cookie a sign-in sets. It is ours
//! rather than a client crate's so that a test controls exactly what goes on the wire (a body
//! sent a byte at a time, a connection left idle) and a bench measures the server, not a
//! client's pool.

#![allow(dead_code)]

use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use serde_json::Value;

/// An answer: status, headers, body.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON (`Value::Null` when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    /// A header's value (the first, by name in any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One client: one connection, reopened when the server closes it.
pub struct Client {
    address: SocketAddr,
    host: String,
    stream: Option<BufReader<TcpStream>>,
    /// `name=value` of the session cookie, once signed in.
    pub cookie: Option<String>,
    /// Sent as `Origin` when set.
    pub origin: Option<String>,
    timeout: Duration,
}

impl Client {
    /// A client of the server at `address` (nothing is connected until the first request).
    pub fn new(address: SocketAddr) -> Client {
        Client {
            address,
            host: address.to_string(),
            stream: None,
            cookie: None,
            origin: None,
            timeout: Duration::from_secs(30),
        }
    }

    /// The `Host` header to send (default: the address).
    pub fn with_host(mut self, host: &str) -> Client {
        self.host = host.to_string();
        self
    }

    fn connection(&mut self) -> io::Result<&mut BufReader<TcpStream>> {
        if self.stream.is_none() {
            let stream = TcpStream::connect_timeout(&self.address, self.timeout)?;
            stream.set_nodelay(true)?;
            stream.set_read_timeout(Some(self.timeout))?;
            stream.set_write_timeout(Some(self.timeout))?;
            self.stream = Some(BufReader::new(stream));
        }
        Ok(self.stream.as_mut().expect("connected above"))
    }

    /// `POST /api/<command>` with JSON `args`.
    pub fn call(&mut self, command: &str, args: &Value) -> io::Result<Answer> {
        let body = serde_json::to_vec(args)?;
        self.request(
            "POST",
            &format!("/api/{command}"),
            &[("Content-Type", "application/json")],
            &body,
        )
    }

    /// Sign in as `name` and keep the session cookie; the answer is returned as it came.
    pub fn sign_in(&mut self, name: &str, password: &str) -> io::Result<Answer> {
        let answer = self.call(
            "login",
            &serde_json::json!({"name": name, "password": password}),
        )?;
        if let Some(cookie) = answer.header("Set-Cookie") {
            self.cookie = cookie.split(';').next().map(str::to_string);
        }
        Ok(answer)
    }

    /// Any request; retried once on a fresh connection when a kept-alive one turns out to have
    /// been closed by the server before the request was read.
    pub fn request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> io::Result<Answer> {
        let reused = self.stream.is_some();
        match self.try_request(method, path, headers, body) {
            Err(err) if reused && is_closed(&err) => {
                self.stream = None;
                self.try_request(method, path, headers, body)
            }
            other => other,
        }
    }

    fn try_request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> io::Result<Answer> {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n",
            self.host,
            body.len()
        );
        if let Some(cookie) = &self.cookie {
            head.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        if let Some(origin) = &self.origin {
            head.push_str(&format!("Origin: {origin}\r\n"));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let result = (|| {
            let stream = self.connection()?;
            let mut message = head.into_bytes();
            message.extend_from_slice(body);
            stream.get_mut().write_all(&message)?;
            read_answer(stream, method == "HEAD")
        })();
        match &result {
            Ok(answer)
                if answer
                    .header("Connection")
                    .is_some_and(|v| v.eq_ignore_ascii_case("close")) =>
            {
                self.stream = None
            }
            Ok(_) => {}
            Err(_) => self.stream = None,
        }
        result
    }
}

fn is_closed(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::UnexpectedEof
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::BrokenPipe
    )
}

/// Read one answer from `stream`.
pub fn read_answer(stream: &mut impl BufRead, head_only: bool) -> io::Result<Answer> {
    let mut line = String::new();
    if stream.read_line(&mut line)? == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the server closed the connection",
        ));
    }
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, format!("status {line:?}")))?;
    let mut headers = Vec::new();
    loop {
        line.clear();
        stream.read_line(&mut line)?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        if let Some((name, value)) = trimmed.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _): &&(String, String)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let mut body = Vec::new();
    if head_only || status == 204 || status == 304 {
        // No body.
    } else if let Some(length) = header("Content-Length") {
        let length: usize = length
            .parse()
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "Content-Length"))?;
        body.resize(length, 0);
        stream.read_exact(&mut body)?;
    } else if header("Transfer-Encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            line.clear();
            stream.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "chunk size"))?;
            let start = body.len();
            body.resize(start + size, 0);
            stream.read_exact(&mut body[start..])?;
            line.clear();
            stream.read_line(&mut line)?;
            if size == 0 {
                break;
            }
        }
    } else {
        stream.read_to_end(&mut body)?;
    }
    Ok(Answer {
        status,
        headers,
        body,
    })
}
