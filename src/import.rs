//! Importing an article: the sources read it, the engine finds its claims, the store keeps it.
//!
//! This is where the three layers meet, so neither the store nor the sources know of each
//! other. The engine runs before the store's write lock is taken: it is the slow part of an
//! import, and marking claims elsewhere must not wait for it.

use claimdesk_engine::ExtractOptions;
use claimdesk_error::Result;
use claimdesk_sources::{self as sources, ArticleHints, Format, ParsedArticle};
use claimdesk_store::records::{
    BatchImport, FileImport, FileOutcome, ImportOutcome, ImportResult, SourceFormat,
};
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
}

/// Import an article: read it, find its claims, and store it with its check-worthy claims.
///
/// An article whose text is already on the desk (same text, whitespace aside) is not stored
/// again: the result says `already_present` and names the existing article. The claims are
/// rated by the sentence encoder ([`Rating::Encoder`]).
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
    if let Some(existing) = desk.same_article(&parsed.body, warnings.clone())? {
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
    let article = stored_form(parsed, input.hints.file_name);
    desk.store_article(&article, claims, warnings, &[])
}

/// Import one file of a batch: its outcome, never an error, so that one bad file does not stop
/// the others. `read` is the file as read (or why it could not be read).
pub fn import_file(
    desk: &Desk,
    file_name: Option<String>,
    read: Result<ArticleInput>,
    rating: Rating,
) -> FileImport {
    match read.and_then(|input| import_article_rated(desk, input, rating)) {
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
fn stored_form(parsed: ParsedArticle, source_file: Option<String>) -> NewArticle {
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
    }
}
