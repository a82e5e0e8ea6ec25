//! What the app fetches besides articles: evidence pages, kept as snapshots, and the Internet
//! Archive's copy of them when the desk asks for one.
//!
//! Fetching never holds the store's write lock: the page is fetched and read first, then the
//! snapshot is written in one short transaction. The UI calls `fetch_evidence` after
//! `add_evidence` returns and redraws when it answers, so the editor never waits for a site.

use std::sync::LazyLock;

use claimdesk_error::{Error, Result};
use claimdesk_fetch::{Expect, Fetcher};
use claimdesk_sources::{self as sources};
use claimdesk_store::Desk;
use claimdesk_store::records::{ClaimDetail, EvidenceId};
use claimdesk_store::snapshots::SnapshotRead;

/// The Internet Archive's Save Page Now endpoint; `CLAIMDESK_ARCHIVE_ENDPOINT` replaces it
/// (tests point it at a local fake).
pub const ARCHIVE_ENDPOINT: &str = "https://web.archive.org/save/";

/// The app's one web client (connections are shared between calls).
pub fn fetcher() -> Fetcher {
    static FETCHER: LazyLock<Fetcher> = LazyLock::new(Fetcher::default);
    FETCHER.clone()
}

/// Fetch an evidence link's page, keep a snapshot of it, and (when the desk is set to) ask the
/// Internet Archive for a copy. A page that cannot be fetched is recorded as such beside the
/// snapshot it keeps; only a link that does not exist is an error.
pub fn snapshot_evidence(
    desk: &Desk,
    fetcher: &Fetcher,
    evidence_id: EvidenceId,
) -> Result<ClaimDetail> {
    let url = desk.evidence_url(evidence_id)?;
    let now = || {
        desk.now_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    };
    let read = match fetcher.fetch(&url, Expect::Document) {
        Ok(fetched) => {
            let media_type = fetched.media_type().unwrap_or_default();
            let html = media_type.is_empty() || media_type.contains("html");
            let (content, _) = sources::decode_bytes(
                &fetched.final_url,
                &fetched.bytes,
                fetched.content_type.as_deref(),
                html,
            );
            let (title, text) = if html {
                let reading = sources::read_html(&content, Some(&fetched.final_url));
                (reading.title, reading.body)
            } else {
                (None, content)
            };
            SnapshotRead::Read {
                fetched_at: fetched
                    .fetched_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                status: fetched.status,
                final_url: fetched.final_url,
                title,
                text,
                raw: fetched.bytes,
            }
        }
        Err(err) => SnapshotRead::Failed {
            checked_at: now(),
            status: status_in(&err),
            code: err.kind().code().to_string(),
            message: err.message().to_string(),
        },
    };
    let detail = desk.record_snapshot(evidence_id, read)?;
    if desk.settings()?.archive_links {
        let archived = archive(fetcher, &url);
        return desk.record_archive(
            evidence_id,
            archived.map_err(|err| err.message().to_string()),
        );
    }
    Ok(detail)
}

/// The HTTP status an `http_status` error names ("… answered 404 …").
fn status_in(err: &Error) -> Option<u16> {
    (err.kind() == claimdesk_error::ErrorKind::HttpStatus)
        .then(|| {
            err.message()
                .split_whitespace()
                .find_map(|word| word.parse::<u16>().ok().filter(|n| (100..600).contains(n)))
        })
        .flatten()
}

/// Ask Save Page Now to archive `url`; the archived copy's address.
pub fn archive(fetcher: &Fetcher, url: &str) -> Result<String> {
    let endpoint = std::env::var("CLAIMDESK_ARCHIVE_ENDPOINT")
        .ok()
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| ARCHIVE_ENDPOINT.to_string());
    let response = fetcher.post_empty(&format!("{endpoint}{url}"))?;
    // Save Page Now answers with the copy's path in Content-Location, or redirects to it.
    let location = response
        .header("content-location")
        .or(response.header("location"))
        .map(str::to_string)
        .or_else(|| {
            response
                .final_url
                .contains("/web/")
                .then(|| response.final_url.clone())
        });
    match location {
        Some(location) if (200..400).contains(&response.status) => {
            let base = url::Url::parse(&response.final_url)
                .map_err(|err| Error::internal(format!("archive address: {err}")))?;
            Ok(base
                .join(&location)
                .map(|joined| joined.to_string())
                .unwrap_or(location))
        }
        _ => Err(Error::new(
            claimdesk_error::ErrorKind::HttpStatus,
            format!(
                "the Internet Archive did not archive {url} (it answered {}); try again later",
                response.status
            ),
        )),
    }
}
