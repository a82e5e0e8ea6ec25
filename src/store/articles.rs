//! Importing articles and reading them back.

use std::collections::HashMap;

use rusqlite::{Transaction, params};

use crate::engine::{self, ExtractOptions};
use crate::error::{Error, Result};
use crate::import::{self, ArticleHints, ParsedArticle};
use crate::model::ExtractedClaim;
use crate::records::{
    ArticleDetail, ArticleId, ArticleSummary, Claim, ClaimDetail, ClaimId, ClaimOrigin,
    ImportOutcome, ImportResult,
};
use crate::reports::{ReportArticle, ReportData, Scope};
use crate::store::queries::{self, Owner};
use crate::store::{ClaimFilter, Desk};

/// An article to import, as the UI or the command line read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewArticle {
    /// The file's text (plain text or HTML).
    pub content: String,
    /// The file name and what the editor said about the article; each overrides the content.
    pub hints: ArticleHints,
    /// Warnings from reading the file (for example, bytes that were not UTF-8).
    pub warnings: Vec<String>,
}

impl Desk {
    /// Import an article: read it, find its claims, and store it with its check-worthy claims.
    ///
    /// An article whose text is already on the desk (same content hash) is not stored again:
    /// the result says `already_present` and names the existing article.
    pub fn import_article(&self, new: NewArticle) -> Result<ImportResult> {
        let parsed = import::parse(&new.content, &new.hints)?;
        let mut warnings = new.warnings;
        warnings.extend(parsed.warnings.iter().cloned());
        warnings.dedup();
        let hash = import::content_hash(&parsed.body);

        if let Some(existing) = self.read(|conn| queries::article_id_by_hash(conn, &hash))? {
            return self.already_present(existing, warnings);
        }

        // The engine runs before the write lock is taken: it is the slow part of an import,
        // and marking claims elsewhere must not wait for it.
        // The engine's options grow; `..Default::default()` keeps this call compiling as they do.
        #[allow(clippy::needless_update)]
        let extraction = engine::extract(
            &parsed.body,
            &ExtractOptions {
                published: parsed.published,
                ..Default::default()
            },
        );
        let claims = storable_claims(&parsed.body, extraction.claims, &mut warnings);
        if claims.is_empty() {
            warnings.push(
                "the engine found no check-worthy claims in this article; you can still read \
                 it here"
                    .to_string(),
            );
        }

        let now = self.now();
        let file_name = new.hints.file_name.as_deref().map(display_file_name);
        let inserted = self.write(|tx| {
            // Another window may have imported the same article while the engine ran.
            if let Some(existing) = queries::article_id_by_hash(tx, &hash)? {
                return Ok(Err(existing));
            }
            let id = insert_article(tx, &parsed, file_name.as_deref(), &hash, &now)?;
            for claim in &claims {
                insert_claim(tx, id, claim, ClaimOrigin::Engine, &now)?;
            }
            Ok(Ok(queries::article_summary(tx, id)?))
        })?;
        match inserted {
            Ok(article) => Ok(ImportResult {
                outcome: ImportOutcome::Imported,
                article,
                warnings,
            }),
            Err(existing) => self.already_present(existing, warnings),
        }
    }

    fn already_present(&self, id: ArticleId, mut warnings: Vec<String>) -> Result<ImportResult> {
        let article = self.read(|conn| queries::article_summary(conn, id))?;
        // Metadata warnings are about a copy that was not stored; they would only confuse.
        warnings.retain(|w| w.contains("UTF-8"));
        Ok(ImportResult {
            outcome: ImportOutcome::AlreadyPresent,
            article,
            warnings,
        })
    }

    /// Every article with its claim counts, newest import first.
    pub fn list_articles(&self) -> Result<Vec<ArticleSummary>> {
        self.read(|conn| queries::article_summaries(conn, None))
    }

    /// One article with its text and claims.
    pub fn article(&self, id: ArticleId) -> Result<ArticleDetail> {
        self.read(|conn| queries::article_detail(conn, id))
    }

    /// One article's summary (metadata and counts).
    pub fn article_summary(&self, id: ArticleId) -> Result<ArticleSummary> {
        self.read(|conn| queries::article_summary(conn, id))
    }

    /// Claims matching `filter`, by article and position.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        self.read(|conn| {
            if let Some(id) = filter.article_id {
                // An empty list for a wrong id would read as "no claims"; say what is wrong.
                queries::article_summary(conn, id)?;
            }
            queries::claims(conn, filter)
        })
    }
}

/// The file name without its folders: where the file sat on one machine means nothing on
/// another, and paths can hold a user's name.
fn display_file_name(name: &str) -> String {
    std::path::Path::new(name)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(name)
        .to_string()
}

/// The engine's check-worthy claims whose spans fit the text. A claim with a span outside the
/// text is an engine bug; it is left out with a warning rather than failing the import.
fn storable_claims(
    body: &str,
    claims: Vec<ExtractedClaim>,
    warnings: &mut Vec<String>,
) -> Vec<ExtractedClaim> {
    let length = body.chars().count();
    let mut dropped = 0;
    let kept = claims
        .into_iter()
        .filter(|claim| claim.checkworthy)
        .filter_map(|mut claim| {
            if claim.start >= claim.end || claim.end > length {
                dropped += 1;
                return None;
            }
            claim.sentence_start = claim.sentence_start.min(claim.start);
            claim.sentence_end = claim.sentence_end.clamp(claim.end, length);
            claim.score = if claim.score.is_finite() {
                claim.score.clamp(0.0, 1.0)
            } else {
                0.0
            };
            Some(claim)
        })
        .collect();
    if dropped > 0 {
        warnings.push(format!(
            "{dropped} claim(s) from the engine had a span outside the text and were left out \
             (a ClaimDesk bug worth reporting)"
        ));
    }
    kept
}

fn insert_article(
    tx: &Transaction<'_>,
    article: &ParsedArticle,
    file_name: Option<&str>,
    hash: &str,
    now: &str,
) -> Result<ArticleId> {
    tx.prepare_cached(
        "INSERT INTO articles (title, outlet, byline, url, published, imported_at, source_file,
                               source_format, body, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        article.title,
        article.outlet,
        article.byline,
        article.url,
        article.published.map(|d| d.format("%Y-%m-%d").to_string()),
        now,
        file_name,
        article.format.as_str(),
        article.body,
        hash,
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Store one claim of article `article_id`.
pub(crate) fn insert_claim(
    tx: &Transaction<'_>,
    article_id: ArticleId,
    claim: &ExtractedClaim,
    origin: ClaimOrigin,
    now: &str,
) -> Result<i64> {
    let to_i64 = |offset: usize| {
        i64::try_from(offset).map_err(|_| Error::internal(format!("offset {offset} is too large")))
    };
    tx.prepare_cached(
        "INSERT INTO claims (article_id, start, \"end\", sentence_start, sentence_end, text, kind,
                             speaker, dates, score, reasons, checkworthy, caption, origin,
                             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    )?
    .execute(params![
        article_id,
        to_i64(claim.start)?,
        to_i64(claim.end)?,
        to_i64(claim.sentence_start)?,
        to_i64(claim.sentence_end)?,
        claim.text,
        claim.kind.as_str(),
        claim.speaker,
        serde_json::to_string(&claim.dates)?,
        claim.score,
        serde_json::to_string(&claim.reasons)?,
        claim.checkworthy,
        claim.caption,
        origin.as_str(),
        now,
    ])?;
    Ok(tx.last_insert_rowid())
}

impl Desk {
    /// Everything a report of `scope` shows, read in one snapshot.
    pub fn report_data(&self, scope: Scope) -> Result<ReportData> {
        let generated_at = self.now_utc();
        self.read(|conn| {
            let only = match scope {
                Scope::AllArticles => None,
                Scope::Article(id) => Some(id),
            };
            let mut summaries = queries::article_summaries(conn, only)?;
            if let Some(id) = only
                && summaries.is_empty()
            {
                return Err(queries::article_not_found(id));
            }
            // Reports read oldest first, the order the desk worked in.
            summaries.reverse();
            let mut articles = Vec::with_capacity(summaries.len());
            for summary in summaries {
                let claims = queries::claims(
                    conn,
                    &ClaimFilter {
                        article_id: Some(summary.id),
                        ..ClaimFilter::default()
                    },
                )?;
                let mut evidence = group_by(
                    queries::evidence_of(conn, Owner::Article(summary.id))?,
                    |e| Some(e.claim_id),
                );
                let mut history = group_by(
                    queries::history_of(conn, Owner::Article(summary.id))?,
                    |h| h.claim_id,
                );
                let claims = claims
                    .into_iter()
                    .map(|claim| ClaimDetail {
                        evidence: evidence.remove(&claim.id).unwrap_or_default(),
                        history: history.remove(&claim.id).unwrap_or_default(),
                        claim,
                    })
                    .collect();
                articles.push(ReportArticle { summary, claims });
            }
            Ok(ReportData {
                generated_at,
                settings: queries::settings(conn)?,
                scope,
                articles,
            })
        })
    }
}

/// Group `items` by claim, keeping their order within each claim.
fn group_by<T>(
    items: Vec<T>,
    claim_of: impl Fn(&T) -> Option<ClaimId>,
) -> HashMap<ClaimId, Vec<T>> {
    let mut groups: HashMap<ClaimId, Vec<T>> = HashMap::new();
    for item in items {
        if let Some(claim_id) = claim_of(&item) {
            groups.entry(claim_id).or_default().push(item);
        }
    }
    groups
}
