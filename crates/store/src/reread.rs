//! Reading an article again (`claimdesk reextract`): a newer reader and engine give a new text
//! and new claims; every review whose claim text is unchanged is kept.
//!
//! The rules, in one transaction with one action ("re-read the article"):
//! - a claim on the desk whose exact text is in the new text keeps its review (status,
//!   verdict, note, evidence, history) and moves to where that text now is (the occurrence
//!   nearest its old place); an editor's claim is kept the same way;
//! - a claim whose text is no longer there is retired with its history (it stays findable
//!   from the history and `get_claim`; nothing reviewed is deleted);
//! - a claim the new engine finds that overlaps no kept claim is added;
//! - the article's old text is kept in the history entry's detail.
//!
//! Re-reading is not on the undo stack: it is a change of reader, not an editor's command.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::actions::{Entry, Recorder};
use crate::records::{ActionKind, ArticleId, ArticleSummary, Claim, ClaimOrigin, HistoryChange};
use crate::{ClaimFilter, Desk, articles, editing, queries, repeats, sources};
use claimdesk_engine::ExtractedClaim;
use claimdesk_error::{Error, ErrorKind, Result};

/// What a re-read article became.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RereadResult {
    /// The article with its new counts.
    pub article: ArticleSummary,
    /// Whether its text changed.
    pub text_changed: bool,
    /// Claims kept (text unchanged), with their reviews.
    pub kept: u32,
    /// Of those, claims that moved in the text.
    pub moved: u32,
    /// Claims retired because their text is gone (their reviews stay in the history).
    pub retired: u32,
    /// Reviewed claims among the retired: an editor should look at these.
    pub retired_reviewed: u32,
    /// Claims the engine found that were not there before.
    pub added: u32,
    /// The reader that made the new text.
    pub reader: Option<String>,
}

/// Where `text` is in `chars`, the occurrence whose start is nearest `near`.
fn nearest_occurrence(
    body: &str,
    chars_of_byte: &[usize],
    text: &str,
    near: usize,
) -> Option<usize> {
    body.match_indices(text)
        .map(|(byte, _)| chars_of_byte[byte])
        .min_by_key(|&start| start.abs_diff(near))
}

impl Desk {
    /// Replace an article's text with a new reading of its original, and its claims as the
    /// module documentation says. `claims` are the engine's check-worthy claims of `body`.
    pub fn reread_article(
        &self,
        id: ArticleId,
        body: &str,
        claims: Vec<ExtractedClaim>,
        reader: Option<&str>,
        by: Option<&str>,
    ) -> Result<RereadResult> {
        let now = self.now();
        let hash = articles::content_hash(body);
        let result = self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let article = queries::live_article(tx, id)?;
            let key = sources::text_key(&article.title, body);
            if let Some(other) = queries::article_id_by_hash(tx, &hash)?
                && other != id
            {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!("read again, article {id} has the same text as article {other}"),
                ));
            }
            let text_changed = article.text != body;
            let old_length = article.text.chars().count().max(1);
            let new_length = body.chars().count();
            // Character offset of every byte offset of `body` (for match positions).
            let mut chars_of_byte = vec![0usize; body.len() + 1];
            for (chars, (byte, ch)) in body.char_indices().enumerate() {
                for slot in &mut chars_of_byte[byte..byte + ch.len_utf8()] {
                    *slot = chars;
                }
            }
            chars_of_byte[body.len()] = new_length;

            let mut rec = Recorder::new(tx, &now, &by, ActionKind::Reextract, "re-read the article")
                .about(id, None);
            let old_claims: Vec<Claim> = queries::claims(
                tx,
                &ClaimFilter {
                    article_id: Some(id),
                    ..ClaimFilter::default()
                },
            )?;
            let mut kept_spans: Vec<(usize, usize)> = Vec::new();
            let (mut kept, mut moved, mut retired, mut retired_reviewed) = (0, 0, 0, 0);
            let mut to_reindex = Vec::new();
            for claim in &old_claims {
                let near = claim.extracted.start * new_length / old_length;
                let found = nearest_occurrence(body, &chars_of_byte, &claim.extracted.text, near)
                    .map(|start| (start, start + claim.extracted.text.chars().count()))
                    .filter(|&(start, end)| {
                        kept_spans.iter().all(|&(s, e)| end <= s || start >= e)
                    });
                match found {
                    Some((start, end)) => {
                        kept += 1;
                        kept_spans.push((start, end));
                        if start != claim.extracted.start {
                            moved += 1;
                            let shift = |offset: usize| {
                                (offset as i64 + start as i64 - claim.extracted.start as i64)
                                    .clamp(0, new_length as i64)
                            };
                            let sentence_start = shift(claim.extracted.sentence_start).min(start as i64);
                            let sentence_end = shift(claim.extracted.sentence_end).max(end as i64);
                            tx.execute(
                                "UPDATE claims SET start = ?2, \"end\" = ?3, sentence_start = ?4,
                                                   sentence_end = ?5
                                 WHERE id = ?1",
                                params![claim.id, start as i64, end as i64, sentence_start, sentence_end],
                            )?;
                            rec.record(
                                Entry::claim(
                                    claim,
                                    HistoryChange::Span,
                                    Some(&claim.extracted.text),
                                    Some(&claim.extracted.text),
                                )
                                .with_data(json!({
                                    "reread": true,
                                    "old": {"start": claim.extracted.start, "end": claim.extracted.end},
                                    "new": {"start": start, "end": end},
                                })),
                            )?;
                            to_reindex.push(claim.id);
                        }
                    }
                    None => {
                        retired += 1;
                        if crate::review::has_review_work(tx, claim)? {
                            retired_reviewed += 1;
                        }
                        editing::set_retired(&mut rec, claim, true)?;
                    }
                }
            }
            let mut added = 0;
            for claim in &claims {
                let overlaps = kept_spans
                    .iter()
                    .any(|&(s, e)| claim.end > s && claim.start < e);
                if overlaps || claim.start >= claim.end || claim.end > new_length {
                    continue;
                }
                let claim_id = articles::insert_claim(tx, id, claim, ClaimOrigin::Engine, &now)?;
                kept_spans.push((claim.start, claim.end));
                added += 1;
                let stored = queries::claim(tx, claim_id)?;
                rec.record(
                    Entry::claim(&stored, HistoryChange::ClaimAdded, None, Some(&claim.text))
                        .with_data(json!({ "reread": true })),
                )?;
                to_reindex.push(claim_id);
            }
            if text_changed {
                tx.execute(
                    "UPDATE articles SET body = ?2, content_hash = ?3, text_key = ?4 WHERE id = ?1",
                    params![id, body, hash, key],
                )?;
                rec.record(
                    Entry::article(
                        id,
                        HistoryChange::ArticleText,
                        Some(&article.content_hash),
                        Some(&hash),
                    )
                    .with_data(json!({ "old_text": article.text, "reader": reader })),
                )?;
            }
            tx.execute(
                "UPDATE article_sources SET reader = coalesce(?2, reader), read_at = ?3
                 WHERE article_id = ?1",
                params![id, reader, now],
            )?;
            for claim_id in to_reindex {
                repeats::reindex(tx, claim_id)?;
            }
            Ok(RereadResult {
                article: queries::article_summary(tx, id)?,
                text_changed,
                kept,
                moved,
                retired,
                retired_reviewed,
                added,
                reader: reader.map(str::to_string),
            })
        })?;
        Ok(result)
    }

    /// The ids of every article on the desk with a kept original, oldest first (for
    /// `reextract --all`).
    pub fn articles_with_originals(&self) -> Result<Vec<ArticleId>> {
        self.read(|conn| {
            Ok(conn
                .prepare(
                    "SELECT a.id FROM articles AS a JOIN article_sources AS s ON s.article_id = a.id
                     WHERE a.deleted_at IS NULL AND s.original IS NOT NULL ORDER BY a.id",
                )?
                .query_map([], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        })
    }
}
