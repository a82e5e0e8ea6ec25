//! A desk server seen from the desktop app: the same commands, sent as `POST /api/<command>`
//! with the session the editor signed in with.
//!
//! The desktop window keeps talking to its shell over Tauri IPC whichever desk it works on;
//! the shell hands the command to a [`RemoteDesk`] instead of its own [`Desk`](crate::Desk).
//! So the window's web page never talks to the network itself (its content security policy
//! stays "this app only"), and the session token lives in the shell, never in the page.
//! Certificates are checked against the operating system's trusted roots, so a newsroom's own
//! certificate authority works once it is installed on the machine.

use std::time::Duration;

use serde_json::Value;

use crate::server::{LoginArgs, SESSION_COOKIE};
use claimdesk_error::{Error, ErrorKind, ErrorPayload, Result};
use claimdesk_store::records::SessionInfo;

/// How long one call may take before the desk counts as unreachable.
const CALL_TIMEOUT: Duration = Duration::from_secs(60);

/// The largest answer read (a report of a whole desk is large).
const MAX_ANSWER_BYTES: u64 = 512 * 1024 * 1024;

/// A desk server's address, checked: `http` or `https`, a host, no path beyond `/`.
pub fn desk_url(text: &str) -> Result<String> {
    let text = text.trim();
    let with_scheme = if text.contains("://") {
        text.to_string()
    } else {
        format!("https://{text}")
    };
    let url = url::Url::parse(&with_scheme).map_err(|err| {
        Error::new(
            ErrorKind::InvalidUrl,
            format!(
                "{text:?} is not a desk's address ({err}); type it as https://desk.example.org"
            ),
        )
        .with_field("url")
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::new(
            ErrorKind::InvalidUrl,
            format!("{text:?} is not a desk's address; type it as https://desk.example.org"),
        )
        .with_field("url"));
    }
    let mut base = format!("{}://{}", url.scheme(), url.host_str().unwrap_or_default());
    if let Some(port) = url.port() {
        base.push_str(&format!(":{port}"));
    }
    Ok(base)
}

/// A desk server and the session of the editor signed in to it.
#[derive(Debug)]
pub struct RemoteDesk {
    base: String,
    agent: ureq::Agent,
    token: Option<String>,
}

impl RemoteDesk {
    /// The desk at `url` (see [`desk_url`]), with the session `token` when there is one.
    pub fn new(url: &str, token: Option<String>) -> Result<RemoteDesk> {
        let base = desk_url(url)?;
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::PlatformVerifier)
            .build();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(CALL_TIMEOUT))
            .tls_config(tls)
            .build()
            .new_agent();
        Ok(RemoteDesk { base, agent, token })
    }

    /// The desk's address.
    pub fn url(&self) -> &str {
        &self.base
    }

    /// The session token, to remember between runs of the app.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    fn post(&self, path: &str, body: &Value) -> Result<(u16, Vec<u8>, Option<String>)> {
        let mut request = self
            .agent
            .post(format!("{}{path}", self.base))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json");
        if let Some(token) = &self.token {
            request = request.header("Cookie", format!("{SESSION_COOKIE}={token}"));
        }
        let mut response = request
            .send(serde_json::to_vec(body).unwrap_or_default())
            .map_err(|err| unreachable(&self.base, &err))?;
        let status = response.status().as_u16();
        let cookie = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .find_map(|value| {
                value
                    .split(';')
                    .next()?
                    .trim()
                    .strip_prefix(&format!("{SESSION_COOKIE}="))
                    .map(str::to_string)
            });
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_vec()
            .map_err(|err| unreachable(&self.base, &err))?;
        Ok((status, body, cookie))
    }

    /// Run a command on the desk, as the signed-in editor.
    pub fn call(&self, command: &str, args: Value) -> Result<Value> {
        let (status, body, _) = self.post(&format!("/api/{command}"), &args)?;
        answer(&self.base, status, &body)
    }

    /// Sign in; the session is kept for the calls that follow.
    pub fn sign_in(&mut self, name: &str, password: &str) -> Result<SessionInfo> {
        let args = serde_json::to_value(LoginArgs {
            name: name.to_string(),
            password: password.to_string(),
        })
        .map_err(|err| Error::internal(format!("cannot encode the sign-in: {err}")))?;
        let (status, body, cookie) = self.post("/api/login", &args)?;
        let value = answer(&self.base, status, &body)?;
        let session: SessionInfo = serde_json::from_value(value).map_err(|_| {
            Error::new(
                ErrorKind::Unreachable,
                format!(
                    "{} answered the sign-in with something that is not ClaimDesk's",
                    self.base
                ),
            )
        })?;
        self.token = Some(cookie.ok_or_else(|| {
            Error::new(
                ErrorKind::Unreachable,
                format!(
                    "{} signed you in but gave no session; is it really ClaimDesk?",
                    self.base
                ),
            )
        })?);
        Ok(session)
    }

    /// End the session on the desk (and forget it here, even if the desk cannot be reached).
    pub fn sign_out(&mut self) -> Result<()> {
        let result = if self.token.is_some() {
            self.post("/api/logout", &Value::Null).map(|_| ())
        } else {
            Ok(())
        };
        self.token = None;
        result
    }
}

fn unreachable(base: &str, err: &ureq::Error) -> Error {
    Error::new(
        ErrorKind::Unreachable,
        format!(
            "the desk at {base} cannot be reached ({err}). Check the address and your network, \
             then try again"
        ),
    )
}

/// A desk server's answer as the command's result, or its error as ours.
fn answer(base: &str, status: u16, body: &[u8]) -> Result<Value> {
    let value: Option<Value> = if body.iter().all(u8::is_ascii_whitespace) {
        Some(Value::Null)
    } else {
        serde_json::from_slice(body).ok()
    };
    if (200..300).contains(&status) {
        return value.ok_or_else(|| {
            Error::new(
                ErrorKind::Unreachable,
                format!("{base} answered with something that is not ClaimDesk's API"),
            )
        });
    }
    match value.and_then(|v| serde_json::from_value::<ErrorPayload>(v).ok()) {
        Some(payload) => Err(Error::from(payload)),
        None => Err(Error::new(
            ErrorKind::Unreachable,
            format!("{base} answered {status} without saying why; is this address a ClaimDesk?"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::bare_name("desk.example.org", Some("https://desk.example.org"))]
    #[case::with_port("http://10.0.0.5:7878/", Some("http://10.0.0.5:7878"))]
    #[case::path_dropped("https://desk.example.org/#/claims", Some("https://desk.example.org"))]
    #[case::other_scheme("ftp://desk.example.org", None)]
    #[case::nonsense("not a url at all", None)]
    fn a_desks_address_is_its_scheme_host_and_port(
        #[case] typed: &str,
        #[case] expected: Option<&str>,
    ) {
        assert_eq!(desk_url(typed).ok().as_deref(), expected);
    }

    #[test]
    fn an_error_answer_keeps_its_code_field_and_author() {
        let body = br#"{"code":"conflict","message":"Sam changed it","field":"status","changed_by":"Sam"}"#;
        let err = answer("https://desk", 409, body).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Conflict);
        assert_eq!(err.field(), Some("status"));
        assert_eq!(err.changed_by(), Some("Sam"));
    }
}
