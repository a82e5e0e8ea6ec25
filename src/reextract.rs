//! `reextract`: read an article again from its kept original with this ClaimDesk's reader and
//! engine, without fetching it again, keeping every review whose claim text is unchanged
//! (`Desk::reread_article` has the rules). The reading and the engine run before the store's
//! write lock is taken.

use claimdesk_engine::ExtractOptions;
use claimdesk_error::Result;
use claimdesk_sources::{self as sources, ArticleHints};
use claimdesk_store::Desk;
use claimdesk_store::records::ArticleId;

pub use claimdesk_store::reread::RereadResult as Reextraction;

/// Read article `id` again from its original.
pub fn reextract(desk: &Desk, id: ArticleId, by: Option<&str>) -> Result<Reextraction> {
    let detail = desk.article(id)?;
    let source = desk.article_source(id)?;
    let original = desk
        .article_original(id)?
        .ok_or_else(|| crate::import::no_original(id))?;
    let source = source.ok_or_else(|| crate::import::no_original(id))?;
    let media_type = source.media_type.clone().unwrap_or_default();
    let location = source.location.clone().unwrap_or_default();
    let html = media_type.contains("html")
        || (media_type.is_empty()
            && detail.article.source_format == claimdesk_store::records::SourceFormat::Html);
    let (content, _) =
        sources::decode_bytes(&location, &original, source.media_type.as_deref(), html);
    let file_name = if html {
        "original.html".to_string()
    } else {
        detail
            .article
            .source_file
            .clone()
            .unwrap_or_else(|| "original.txt".to_string())
    };
    let parsed = sources::parse(
        &content,
        &ArticleHints {
            file_name: Some(file_name),
            // The editor's details stand; only the text is read again.
            title: Some(detail.article.title.clone()),
            page_url: source.final_url.clone(),
            ..ArticleHints::default()
        },
    )?;
    let published = detail
        .article
        .published
        .as_deref()
        .and_then(|day| chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .or(parsed.published);
    // Read again as an import reads: the same model rates the claims, so a re-read article's
    // claims compare with those of articles imported since.
    #[allow(clippy::needless_update)]
    let (extraction, _fell_back) = crate::rating::extract(
        &parsed.body,
        &ExtractOptions {
            published,
            ..Default::default()
        },
        crate::rating::Rating::Encoder,
    )?;
    let claims = extraction
        .claims
        .into_iter()
        .filter(|claim| claim.checkworthy)
        .collect();
    desk.reread_article(id, &parsed.body, claims, Some(parsed.reader), by)
}
