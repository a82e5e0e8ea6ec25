//! How the commands read: an article from a file or standard input, within the engine's size
//! limit, and the values typed on the command line.

use std::io::{self, Read};

use chrono::NaiveDate;
use claimdesk::{Error, ErrorKind};
use claimdesk_engine::{self as engine, ClaimKind};
use claimdesk_store::records::SpeakerType;
use claimdesk_store::review_state::{ClaimStatus, Stance};

/// A day typed as `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

/// A status typed as its identifier or label.
pub fn parse_status(s: &str) -> std::result::Result<ClaimStatus, String> {
    s.parse().map_err(|err: Error| err.message().to_string())
}

/// A claim kind typed as its identifier.
pub fn parse_kind(s: &str) -> std::result::Result<ClaimKind, String> {
    s.parse().map_err(|err: Error| err.message().to_string())
}

/// A speaker type: person or organisation.
pub fn parse_speaker_type(s: &str) -> std::result::Result<SpeakerType, String> {
    s.parse().map_err(|err: Error| err.message().to_string())
}

/// An evidence stance: supports, refutes or context.
pub fn parse_stance(s: &str) -> std::result::Result<Stance, String> {
    s.parse().map_err(|err: Error| err.message().to_string())
}

/// Read an article from `file` (or standard input for `-`): UTF-8 text within the engine's
/// size limit, refused before it is read whole when it is larger.
pub fn read_input(file: &str) -> Result<String, Error> {
    // Read at most one byte past the limit, so a huge file costs no more memory than the
    // limit before it is refused.
    let limit = engine::MAX_INPUT_BYTES as u64 + 1;
    // The buffer is reserved whole, so it never grows by reallocation: an allocator that
    // copies on growth (mimalloc does) would briefly hold the text twice. Pages not read into
    // are never touched, so a short article costs only its own size.
    let mut bytes = Vec::with_capacity(limit as usize);
    let mut size = 0;
    if file == "-" {
        io::stdin().take(limit).read_to_end(&mut bytes)?;
    } else {
        let opened = std::fs::File::open(file)
            .and_then(|f| Ok((f.metadata()?.len(), f)))
            .map_err(|e| Error::from(e).context(format!("cannot read {file}")))?;
        size = opened.0;
        // A regular file's size tells it is too large without reading it.
        if size < limit {
            opened
                .1
                .take(limit)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::from(e).context(format!("cannot read {file}")))?;
        }
    }
    if bytes.len() as u64 >= limit || size >= limit {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "{file} is over {} MB; ClaimDesk takes articles up to that size. Split it into articles",
                engine::MAX_INPUT_BYTES / 1_048_576
            ),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Error::new(
            ErrorKind::UnsupportedFormat,
            format!("{file} is not UTF-8 text: save it as plain text (UTF-8) and try again"),
        )
    })?;
    engine::check_input(&text).map_err(|e| e.context(file))?;
    if text.trim().is_empty() {
        let name = if file == "-" { "standard input" } else { file };
        eprintln!("claimdesk: warning: {name} holds no text, so there is nothing to extract");
    }
    Ok(text)
}
