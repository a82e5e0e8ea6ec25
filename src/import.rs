//! Importing an article: the sources read it, the engine finds its claims, the store keeps it.
//!
//! This is where the layers meet, so neither the store nor the sources know of each other.
//! Fetching and the engine run before the store's write lock is taken: they are the slow part
//! of an import, and marking claims elsewhere must not wait for them.

use chrono::SecondsFormat;

use claimdesk_engine::ExtractOptions;
use claimdesk_error::{Error, Result};
use claimdesk_fetch::{Expect, Fetched, Fetcher};
use claimdesk_sources::{self as sources, ArticleHints, Format, ParsedArticle};
use claimdesk_store::records::{
    BatchImport, FileImport, FileOutcome, ImportOutcome, ImportResult, SourceFormat,
};
use claimdesk_store::sources::{NewSource, SourceKind};
use claimdesk_store::{Desk, NewArticle};

use crate::rating::{self, Rating};

/// An article as the UI or the command line read it, before the sources make sense of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleInput {
    /// The file's text (plain text or HTML).
    pub content: String,
    /// The file name and what the editor said about the article; each overrides the content.
    pub hints: ArticleHints,
    /// Warnings from reading the file (for example, bytes that were not UTF-8).
    pub warnings: Vec<String>,
    /// Where it came from, with the bytes as read (kept with the article).
    pub source: Option<NewSource>,
}

/// Import an article: read it, find its claims, and store it with its check-worthy claims.
///
/// An article whose text is already on the desk (same text, whitespace aside, or the same
/// words in another form) is not stored again: the result says `already_present` and names
/// the existing article. The claims are rated by the sentence encoder ([`Rating::Encoder`]).
pub fn import_article(desk: &Desk, input: ArticleInput) -> Result<ImportResult> {
    import_article_rated(desk, input, Rating::Encoder)
}

/// [`import_article`] with the claims rated as `rating` says.
pub fn import_article_rated(
    desk: &Desk,
    input: ArticleInput,
    rating: Rating,
) -> Result<ImportResult> {
    let parsed = sources::parse(&input.content, &input.hints)?;
    let mut warnings = input.warnings;
    warnings.extend(parsed.warnings.iter().cloned());
    warnings.dedup();
    if let Some(existing) = desk.same_article(&parsed.title, &parsed.body, warnings.clone())? {
        return Ok(existing);
    }

    // The engine's options grow; `..Default::default()` keeps this call compiling as they do.
    #[allow(clippy::needless_update)]
    let (extraction, rated_by) = rating::extract(
        &parsed.body,
        &ExtractOptions {
            published: parsed.published,
            ..Default::default()
        },
        rating,
    )?;
    warnings.extend(rated_by);
    // Only the check-worthy claims are stored; the rest of the text stays in the article,
    // where an editor can still mark a claim by hand.
    let claims: Vec<_> = extraction
        .claims
        .into_iter()
        .filter(|claim| claim.checkworthy)
        .collect();
    if claims.is_empty() {
        warnings.push(
            "the engine found no check-worthy claims in this article; you can still read it here"
                .to_string(),
        );
    }
    let mut source = input.source;
    if let Some(source) = &mut source {
        source.reader = Some(parsed.reader.to_string());
    }
    let article = stored_form(parsed, input.hints.file_name, source);
    desk.store_article(&article, claims, warnings, &[])
}

/// The source record of a file or pasted text read as `content`.
pub fn file_source(desk: &Desk, file_name: Option<&str>, content: &[u8]) -> NewSource {
    NewSource {
        kind: if file_name.is_some() {
            SourceKind::File
        } else {
            SourceKind::Pasted
        },
        location: file_name.map(|name| {
            std::path::Path::new(name)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(name)
                .to_string()
        }),
        final_url: None,
        fetched_at: desk.now_utc().to_rfc3339_opts(SecondsFormat::Secs, true),
        http_status: None,
        media_type: None,
        original: content.to_vec(),
        reader: None,
        feed_id: None,
    }
}

/// What was fetched from a web address, ready to import: its text, the hints it gives (its
/// final address resolves relative links and is the article's URL when the page names
/// none) and its source record.
pub fn fetched_input(fetched: Fetched, mut hints: ArticleHints, kind: SourceKind) -> ArticleInput {
    let media_type = fetched.media_type();
    let html = media_type.as_deref().is_none_or(|t| t.contains("html"));
    let (content, warnings) = sources::decode_bytes(
        &fetched.final_url,
        &fetched.bytes,
        fetched.content_type.as_deref(),
        html,
    );
    if hints.file_name.is_none() {
        // The name tells text from HTML; an address whose path ends in ".txt" is text.
        let name = if html { "page.html" } else { "page.txt" };
        hints.file_name = Some(name.to_string());
    }
    hints.page_url = Some(fetched.final_url.clone());
    let source = NewSource {
        kind,
        location: Some(fetched.url.clone()),
        final_url: Some(fetched.final_url.clone()),
        fetched_at: fetched
            .fetched_at
            .to_rfc3339_opts(SecondsFormat::Secs, true),
        http_status: Some(fetched.status),
        media_type,
        original: fetched.bytes,
        reader: None,
        feed_id: None,
    };
    ArticleInput {
        content,
        hints,
        warnings,
        source: Some(source),
    }
}

/// Fetch a web page and import it (see [`import_article`]). The page is fetched before the
/// store is touched; the hints override what the page says.
pub fn import_url(
    desk: &Desk,
    fetcher: &Fetcher,
    url: &str,
    hints: ArticleHints,
) -> Result<ImportResult> {
    let url = claimdesk_fetch::complete_scheme(url);
    let fetched = fetcher.fetch(&url, Expect::Page)?;
    import_article(desk, fetched_input(fetched, hints, SourceKind::Url))
}

/// Whether a command-line argument or a pasted text is a web address rather than a file.
pub fn is_web_address(text: &str) -> bool {
    let text = text.trim();
    (text.starts_with("http://") || text.starts_with("https://"))
        && !text.contains(char::is_whitespace)
}

/// Import one file of a batch: its outcome, never an error, so that one bad file does not stop
/// the others. `read` is the file as read (or why it could not be read).
pub fn import_file(
    desk: &Desk,
    file_name: Option<String>,
    read: Result<ArticleInput>,
    rating: Rating,
) -> FileImport {
    outcome_of(
        file_name,
        read.and_then(|input| import_article_rated(desk, input, rating)),
    )
}

/// A batch entry for the result of importing one item (file, address or feed item).
pub fn outcome_of(file_name: Option<String>, result: Result<ImportResult>) -> FileImport {
    match result {
        Ok(result) => FileImport {
            file_name,
            outcome: match result.outcome {
                ImportOutcome::Imported => FileOutcome::Imported,
                ImportOutcome::AlreadyPresent => FileOutcome::AlreadyPresent,
            },
            article: Some(result.article),
            warnings: result.warnings,
            error: None,
        },
        Err(err) => FileImport {
            file_name,
            outcome: FileOutcome::Failed,
            article: None,
            warnings: Vec::new(),
            error: Some(err.to_payload()),
        },
    }
}

/// Import several articles, each on its own: one that fails is reported and the rest are
/// imported.
pub fn import_batch(desk: &Desk, files: Vec<ArticleInput>) -> BatchImport {
    let mut batch = BatchImport::default();
    for file in files {
        let name = file.hints.file_name.clone();
        batch.push(import_file(desk, name, Ok(file), Rating::Encoder));
    }
    batch
}

/// The store's form of what the sources read.
fn stored_form(
    parsed: ParsedArticle,
    source_file: Option<String>,
    source: Option<NewSource>,
) -> NewArticle {
    NewArticle {
        title: parsed.title,
        outlet: parsed.outlet,
        byline: parsed.byline,
        url: parsed.url,
        published: parsed.published,
        body: parsed.body,
        format: match parsed.format {
            Format::Text => SourceFormat::Text,
            Format::Html => SourceFormat::Html,
        },
        source_file,
        modified: parsed.modified,
        language: parsed.language,
        source,
    }
}

/// The error for an article that has no original kept to read again.
pub fn no_original(article_id: i64) -> Error {
    Error::new(
        claimdesk_error::ErrorKind::Conflict,
        format!(
            "article {article_id} has no original kept (it was imported before ClaimDesk kept \
             originals, or it was too large); import it again instead"
        ),
    )
}
