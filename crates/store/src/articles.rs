//! Importing articles and reading them back.

use chrono::NaiveDate;
use rusqlite::{Transaction, params};
use sha2::{Digest, Sha256};

use crate::queries::{self, ArticleSet};
use crate::records::{
    ArticleDetail, ArticleId, ArticleSummary, Claim, ClaimId, ClaimOrigin, ImportOutcome,
    ImportResult, SourceFormat,
};
use crate::sources::{self, NewSource};
use crate::{ClaimFilter, Desk, repeats, review, speakers};
use claimdesk_engine::ExtractedClaim;
use claimdesk_error::{Error, Result};

/// Claims linked to their repeats per write transaction after an import. Linking costs 2.7 ms a
/// claim in a debug build (16,000 claims: 43 s), so a batch holds the lock about 0.3 s there,
/// less in a release build: the longest another editor's mark waits for it.
const LINK_BATCH: usize = 100;

/// A review recorded with a stored article, as an editor would have made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededReview {
    /// The claim: its index among the article's claims.
    pub claim: usize,
    /// Who reviewed it.
    pub by: String,
    /// The status they set.
    pub status: crate::review_state::ClaimStatus,
    /// Their note, if any.
    pub note: Option<String>,
    /// An evidence link they attached, if any.
    pub evidence: Option<(String, crate::review_state::Stance)>,
}

/// An article read from its source and ready to store: what the sources crate read, with
/// the editor's corrections applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewArticle {
    /// Headline.
    pub title: String,
    /// Publication that ran it.
    pub outlet: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// Canonical address (http or https, checked by `claimdesk_fields::validate_url`).
    pub url: Option<String>,
    /// Publication day.
    pub published: Option<NaiveDate>,
    /// The text claims point into.
    pub body: String,
    /// What it was read from.
    pub format: SourceFormat,
    /// The name of the file it came from, if any (folders are dropped when it is stored).
    pub source_file: Option<String>,
    /// The page's last modification day, when it gave one.
    pub modified: Option<NaiveDate>,
    /// The article's language, when the page gave it.
    pub language: Option<String>,
    /// Where it came from, with its original bytes (kept so it can be read again).
    pub source: Option<NewSource>,
}

impl Desk {
    /// The article already on the desk with the same text as `body` (whitespace aside), or
    /// the same words (punctuation, quotes, line breaks and a repeated headline aside: the
    /// same story saved as text and as a web page), as the result of importing it again:
    /// `already_present`, with `warnings` kept where they still apply. `None` when the text
    /// is new.
    pub fn same_article(
        &self,
        title: &str,
        body: &str,
        warnings: Vec<String>,
    ) -> Result<Option<ImportResult>> {
        let hash = content_hash(body);
        let key = sources::text_key(title, body);
        match self.read(|conn| same_text(conn, &hash, &key))? {
            Some(existing) => self.already_present(existing, warnings).map(Some),
            None => Ok(None),
        }
    }

    /// Store a read article with the claims found in it in one transaction, then link each
    /// claim to the claims it repeats. `already_present` when its text is on the desk already.
    ///
    /// Linking is the slow part of a long article (16,000 claims: 44 s of a 49 s import in a
    /// debug build, all of it under the write lock until this was split), so it runs after the
    /// article is committed, [`LINK_BATCH`] claims per write transaction: marking claims
    /// elsewhere waits for one batch at most. Links are derived data: until a claim is linked
    /// it simply shows no repeats, and a claim left unlinked (the process stopped) has no
    /// fingerprint, so the next open links it ([`repeats::backfill`]).
    /// `reviews` are reviews to record on the new claims in the same transaction (the
    /// synthetic desk of `claimdesk-lab generate`; empty for a real import).
    ///
    /// A claim whose span does not fit the text is left out with a warning (an engine bug);
    /// which claims to store at all (the check-worthy ones, at import) is the caller's choice.
    pub fn store_article(
        &self,
        parsed: &NewArticle,
        claims: Vec<ExtractedClaim>,
        mut warnings: Vec<String>,
        reviews: &[SeededReview],
    ) -> Result<ImportResult> {
        let mut claims = storable_claims(&parsed.body, claims, &mut warnings);
        let meanings = self.meanings_for_import(&claims, &mut warnings);
        let file_name = parsed.source_file.as_deref().map(display_file_name);
        let file_name = file_name.as_deref();
        let hash = content_hash(&parsed.body);
        let key = sources::text_key(&parsed.title, &parsed.body);
        let now = self.now();
        let inserted =
            self.write(|tx| {
                // Another window may have imported the same article while the engine ran.
                if let Some(existing) = same_text(tx, &hash, &key)? {
                    return Ok(Err(existing));
                }
                speakers::use_desk_names(tx, &mut claims)?;
                let id = insert_article(tx, parsed, file_name, &hash, &key, &now)?;
                if let Some(source) = &parsed.source {
                    sources::insert(tx, id, source, &now)?;
                }
                let mut ids = Vec::with_capacity(claims.len());
                for (i, claim) in claims.iter().enumerate() {
                    let claim_id = insert_claim(tx, id, claim, ClaimOrigin::Engine, &now)?;
                    if let Some((model, vectors)) = &meanings {
                        tx.prepare_cached(
                        "INSERT INTO claim_vectors (claim_id, model, vector) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![claim_id, model, crate::vectors::encode(&vectors[i])])?;
                    }
                    ids.push(claim_id);
                }
                for review in reviews {
                    if let Some(&claim_id) = ids.get(review.claim) {
                        review::seed(tx, &now, claim_id, review)?;
                    }
                }
                Ok(Ok((id, ids)))
            })?;
        match inserted {
            Ok((id, claim_ids)) => {
                self.link_repeats(&claim_ids)?;
                Ok(ImportResult {
                    outcome: ImportOutcome::Imported,
                    article: self.read(|conn| queries::article_summary(conn, id))?,
                    warnings,
                })
            }
            Err(existing) => self.already_present(existing, warnings),
        }
    }

    /// The claims' embeddings by the desk's encoder, computed before the write lock is taken;
    /// `None` without an encoder, or with a warning when it failed (the article is stored all
    /// the same, its claims linked by their words).
    fn meanings_for_import(
        &self,
        claims: &[ExtractedClaim],
        warnings: &mut Vec<String>,
    ) -> Option<(String, Vec<Vec<f32>>)> {
        let embedder = self.embedder()?;
        if claims.is_empty() {
            return None;
        }
        let texts: Vec<&str> = claims.iter().map(|c| c.text.as_str()).collect();
        let computed = embedder.model_id().and_then(|model| {
            let vectors = embedder.embed(&texts)?;
            Ok((model, vectors))
        });
        match computed {
            Ok((model, vectors)) if vectors.len() == claims.len() => Some((model, vectors)),
            Ok(_) => None,
            Err(err) => {
                warnings.push(format!(
                    "the claims' meanings were not computed ({}); rewordings elsewhere on the \
                     desk are linked once they are, and matching fact-checks uses their words \
                     until then",
                    err.message()
                ));
                None
            }
        }
    }

    /// Link each of `claim_ids` to the claims it repeats, [`LINK_BATCH`] per write
    /// transaction, so that other writers get the lock between batches.
    fn link_repeats(&self, claim_ids: &[ClaimId]) -> Result<()> {
        for batch in claim_ids.chunks(LINK_BATCH) {
            self.let_waiting_writers_in();
            self.write(|tx| {
                for &claim_id in batch {
                    repeats::reindex(tx, claim_id)?;
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Article `id` as the result of importing it again (`already_present`), e.g. for a feed
    /// item whose address is an article on the desk already.
    pub fn already_present_article(&self, id: ArticleId) -> Result<ImportResult> {
        self.already_present(id, Vec::new())
    }

    fn already_present(&self, id: ArticleId, mut warnings: Vec<String>) -> Result<ImportResult> {
        let article = self.read(|conn| queries::article_summary_any(conn, id))?;
        // Metadata warnings are about a copy that was not stored; they would only confuse.
        warnings.retain(|w| w.contains("UTF-8"));
        if let Some(deleted_at) = &article.deleted_at {
            warnings.push(format!(
                "this article was deleted ({deleted_at}{}); restore it from the deleted \
                 articles to work on it again, with its reviews",
                article
                    .deleted_by
                    .as_deref()
                    .map(|by| format!(" by {by}"))
                    .unwrap_or_default()
            ));
        }
        Ok(ImportResult {
            outcome: ImportOutcome::AlreadyPresent,
            article,
            warnings,
        })
    }

    /// Every article on the desk with its claim counts, newest import first.
    pub fn list_articles(&self) -> Result<Vec<ArticleSummary>> {
        self.read(|conn| queries::article_summaries(conn, ArticleSet::Live))
    }

    /// The deleted articles, newest import first, for restoring.
    pub fn list_deleted_articles(&self) -> Result<Vec<ArticleSummary>> {
        self.read(|conn| queries::article_summaries(conn, ArticleSet::Deleted))
    }

    /// One article with its text and claims (a deleted one too, to look at before restoring).
    pub fn article(&self, id: ArticleId) -> Result<ArticleDetail> {
        self.read(|conn| queries::article_detail(conn, id))
    }

    /// Where an article came from, if that was recorded (articles imported before ClaimDesk
    /// 0.3 have no source).
    pub fn article_source(&self, id: ArticleId) -> Result<Option<sources::ArticleSource>> {
        self.read(|conn| {
            queries::article(conn, id)?;
            sources::source_of(conn, id)
        })
    }

    /// An article's original bytes as read, when they were kept.
    pub fn article_original(&self, id: ArticleId) -> Result<Option<Vec<u8>>> {
        self.read(|conn| {
            queries::article(conn, id)?;
            sources::original_of(conn, id)
        })
    }

    /// One article's summary (metadata and counts).
    pub fn article_summary(&self, id: ArticleId) -> Result<ArticleSummary> {
        self.read(|conn| queries::article_summary(conn, id))
    }

    /// Every claim on the desk matching `filter`, by article (oldest first) and position.
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

/// SHA-256 (hex) of `body` with every whitespace run collapsed to one space.
pub fn content_hash(body: &str) -> String {
    let mut hasher = Sha256::new();
    for (i, word) in body.split_whitespace().enumerate() {
        if i > 0 {
            hasher.update(b" ");
        }
        hasher.update(word.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
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

/// The claims whose spans fit the text. A claim with a span outside the text is an engine bug;
/// it is left out with a warning rather than failing the import.
fn storable_claims(
    body: &str,
    claims: Vec<ExtractedClaim>,
    warnings: &mut Vec<String>,
) -> Vec<ExtractedClaim> {
    let length = body.chars().count();
    let mut dropped = 0;
    let kept = claims
        .into_iter()
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

/// The article with the same text (`content_hash`) or the same words (`text_key`), the
/// first stored if several.
fn same_text(conn: &rusqlite::Connection, hash: &str, key: &str) -> Result<Option<ArticleId>> {
    if let Some(id) = queries::article_id_by_hash(conn, hash)? {
        return Ok(Some(id));
    }
    Ok(conn
        .prepare_cached("SELECT min(id) FROM articles WHERE text_key = ?1")?
        .query_row([key], |row| row.get(0))?)
}

fn insert_article(
    tx: &Transaction<'_>,
    article: &NewArticle,
    file_name: Option<&str>,
    hash: &str,
    key: &str,
    now: &str,
) -> Result<ArticleId> {
    tx.prepare_cached(
        "INSERT INTO articles (title, outlet, byline, url, published, imported_at, source_file,
                               source_format, body, content_hash, modified, language, text_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
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
        article.modified.map(|d| d.format("%Y-%m-%d").to_string()),
        article.language,
        key,
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
                             created_at, updated_at, speaker_role)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16)",
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
        claim.speaker_role,
    ])?;
    Ok(tx.last_insert_rowid())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_ignores_line_wrapping() {
        assert_eq!(
            content_hash("The port\nbudget rose.\n\nNext."),
            content_hash("The port budget   rose. Next.")
        );
        assert_ne!(content_hash("rose 12%"), content_hash("rose 13%"));
    }
}
