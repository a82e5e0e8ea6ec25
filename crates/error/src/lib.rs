//! The one error type of the core, and the `{code, message}` shape in which errors reach the UI.
//!
//! Every failure an editor can meet is an [`Error`] with an [`ErrorKind`]. The kind is a stable,
//! machine-readable code (the UI branches on it, never on message text); the message is written
//! for a person on deadline: what went wrong and what to do about it.
//!
//! Every layer of ClaimDesk (engine, sources, store, interchange, app) returns this type, so a
//! failure keeps its code from where it happened to the UI. This crate depends on nothing of
//! ClaimDesk's; the `sqlite` and `json` features add conversions from rusqlite's and
//! serde_json's errors for the layers that use them.

#![deny(missing_docs)]

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of failure an [`Error`] is. The serialized form is the `code` the UI sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input (an article, a flag, a field of a request) is not acceptable as given.
    InvalidInput,
    /// Something required was not given: the error's `field` names it (a setting such as
    /// `organisation_name`, or an argument), so the UI can point at the field to fill in.
    MissingField,
    /// The input is larger than ClaimDesk accepts.
    TooLarge,
    /// The file is not text or HTML that ClaimDesk can read.
    UnsupportedFormat,
    /// A URL is not an absolute http or https link.
    InvalidUrl,
    /// The article, claim, evidence link or other record does not exist.
    NotFound,
    /// The request conflicts with what is stored (for example, an output file already exists).
    Conflict,
    /// The database was written by a newer ClaimDesk than this one.
    DatabaseTooNew,
    /// The database file is damaged (SQLite's integrity check failed, or its header holds
    /// values no ClaimDesk writes): restore it from a backup.
    DatabaseDamaged,
    /// The request needs a signed-in editor, or the name and password do not match.
    Unauthenticated,
    /// The signed-in editor may not do this (an administrator's task, or another editor's).
    Forbidden,
    /// Too many failed sign-ins for this account or from this address: wait, then try again.
    TooManyAttempts,
    /// A desk server cannot be reached, or what answered is not ClaimDesk.
    Unreachable,
    /// SQLite reported an error.
    Database,
    /// Reading or writing a file failed.
    Io,
    /// A bug in ClaimDesk: it should never happen, and it is worth reporting.
    Internal,
    /// A web address's host name could not be found (DNS).
    Dns,
    /// The web server could not be reached (refused, reset, unreachable).
    Connection,
    /// The secure connection (TLS) to a web server failed: a bad certificate or handshake.
    Tls,
    /// A web server did not answer in time.
    Timeout,
    /// A web server answered with an error status (404, 500, ...).
    HttpStatus,
    /// A web address redirected more than ClaimDesk follows (10), or in a loop.
    TooManyRedirects,
    /// A web address gave something other than a web page (an image, a PDF, JSON, ...).
    NotHtml,
    /// A PDF has no text to read: it is scanned pages (images), which need OCR first.
    NoTextLayer,
}

impl ErrorKind {
    /// The stable code of this kind, as the UI and scripts see it.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::MissingField => "missing_field",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::UnsupportedFormat => "unsupported_format",
            ErrorKind::InvalidUrl => "invalid_url",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::DatabaseTooNew => "database_too_new",
            ErrorKind::DatabaseDamaged => "database_damaged",
            ErrorKind::Unauthenticated => "unauthenticated",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::TooManyAttempts => "too_many_attempts",
            ErrorKind::Unreachable => "unreachable",
            ErrorKind::Database => "database",
            ErrorKind::Io => "io",
            ErrorKind::Internal => "internal",
            ErrorKind::Dns => "dns",
            ErrorKind::Connection => "connection",
            ErrorKind::Tls => "tls",
            ErrorKind::Timeout => "timeout",
            ErrorKind::HttpStatus => "http_status",
            ErrorKind::TooManyRedirects => "too_many_redirects",
            ErrorKind::NotHtml => "not_html",
            ErrorKind::NoTextLayer => "no_text_layer",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// An error from the ClaimDesk core: a [`ErrorKind`] and a message for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    field: Option<Cow<'static, str>>,
    changed_by: Option<String>,
}

/// The result type of the ClaimDesk core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of `kind` with a message that says what happened and what to do.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            field: None,
            changed_by: None,
        }
    }

    /// A [`ErrorKind::MissingField`] error: `field` (a stable identifier such as
    /// `organisation_url`) must be given, and the message says where an editor sets it.
    pub fn missing_field(field: &'static str, message: impl Into<String>) -> Self {
        Error::new(ErrorKind::MissingField, message).with_field(field)
    }

    /// The same error, naming the field it is about (`organisation_url`, `published`), so the
    /// UI can mark that field and the command line can name its flag.
    pub fn with_field(mut self, field: &'static str) -> Self {
        self.field = Some(Cow::Borrowed(field));
        self
    }

    /// The field the error is about, if it is about one.
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// The same conflict, naming the editor whose change it clashes with, so the UI can say
    /// who changed the field since the editor last saw it.
    pub fn with_changed_by(mut self, editor: impl Into<String>) -> Self {
        self.changed_by = Some(editor.into());
        self
    }

    /// The editor whose change a conflict is with, when it is with one.
    pub fn changed_by(&self) -> Option<&str> {
        self.changed_by.as_deref()
    }

    /// Shorthand for [`ErrorKind::InvalidInput`].
    pub fn invalid_input(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidInput, message)
    }

    /// Shorthand for [`ErrorKind::NotFound`].
    pub fn not_found(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::NotFound, message)
    }

    /// Shorthand for [`ErrorKind::Internal`].
    pub fn internal(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Internal, message)
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message for a person.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Prefix the message with where it happened, keeping the kind.
    pub fn context(self, context: impl fmt::Display) -> Self {
        Error {
            kind: self.kind,
            message: format!("{context}: {}", self.message),
            field: self.field,
            changed_by: self.changed_by,
        }
    }

    /// The `{code, message}` form in which the error crosses to the UI.
    pub fn to_payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.kind,
            message: self.message.clone(),
            field: self.field.as_ref().map(|f| f.to_string()),
            changed_by: self.changed_by.clone(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Self {
        Error::new(ErrorKind::Io, err.to_string())
    }
}

#[cfg(feature = "sqlite")]
impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        Error::new(ErrorKind::Database, format!("database error: {err}"))
    }
}

#[cfg(feature = "json")]
impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Self {
        Error::new(ErrorKind::InvalidInput, format!("malformed JSON: {err}"))
    }
}

/// An error as the UI receives it, over Tauri IPC or the HTTP API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    /// The stable code: the UI branches on this.
    pub code: ErrorKind,
    /// The message for a person: the UI shows this.
    pub message: String,
    /// The field the error is about (`organisation_url`), when it is about one: the UI marks
    /// that field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// For a `conflict` with a colleague's change: the editor who made it (`Sam Chen`), so
    /// the UI can say who changed the field since the editor last saw it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub changed_by: Option<String>,
}

impl From<Error> for ErrorPayload {
    fn from(err: Error) -> Self {
        ErrorPayload {
            code: err.kind,
            message: err.message,
            field: err.field.map(Cow::into_owned),
            changed_by: err.changed_by,
        }
    }
}

/// An error as it came from another ClaimDesk (a desk server's answer), with its code,
/// field and author intact.
impl From<ErrorPayload> for Error {
    fn from(payload: ErrorPayload) -> Self {
        Error {
            kind: payload.code,
            message: payload.message,
            field: payload.field.map(Cow::Owned),
            changed_by: payload.changed_by,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_field_reaches_the_ui_by_name() {
        let err = Error::missing_field("organisation_url", "set the organisation's web address");
        let payload = ErrorPayload::from(err.context("ClaimReview"));
        assert_eq!(payload.code, ErrorKind::MissingField);
        assert_eq!(payload.field.as_deref(), Some("organisation_url"));
    }

    #[test]
    fn an_error_about_no_field_has_none_in_its_payload() {
        let payload = Error::not_found("no claim 7").to_payload();
        assert_eq!(payload.field, None);
    }
}
