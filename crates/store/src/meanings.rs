//! Claims' meanings: each claim's sentence embedding, computed by the encoder the app gave the
//! desk ([`Desk::use_embedder`]) and stored with the model that made it. They rank published
//! fact-checks for the claim ("checked before?") and link its rewordings across the desk
//! ([`crate::repeats`]).
//!
//! A claim gets its embedding when it is stored (the article's claims in one batch, before the
//! write lock is taken) and again after an edit changes its words (a trigger drops the old
//! one). The encoder failing never fails the import or the edit: the claim keeps the links its
//! words give and gets its embedding the next time it is asked for.

use rusqlite::params;

use crate::records::{ArticleId, ClaimId};
use crate::{Desk, queries, repeats, vectors};
use claimdesk_error::Result;

/// Claims of one article embedded per refresh at most (an article has tens of claims; this
/// bounds an old desk's first edit of a long one).
const REFRESH_LIMIT: i64 = 200;

impl Desk {
    /// A claim's stored embedding by `model`, if it has one.
    pub fn claim_vector(&self, claim_id: ClaimId, model: &str) -> Result<Option<Vec<f32>>> {
        self.read(|conn| {
            let blob: Option<Vec<u8>> = conn
                .prepare_cached(
                    "SELECT vector FROM claim_vectors WHERE claim_id = ?1 AND model = ?2",
                )?
                .query_map(params![claim_id, model], |row| row.get(0))?
                .next()
                .transpose()?;
            blob.map(|b| vectors::decode(&b)).transpose()
        })
    }

    /// Store claims' embeddings by `model` (each with the text it was computed from) and link
    /// their repeats again. Returns how many were stored: a claim whose words changed
    /// meanwhile keeps none.
    pub fn set_claim_vectors(
        &self,
        model: &str,
        items: &[(ClaimId, String, Vec<f32>)],
    ) -> Result<usize> {
        if items.is_empty() {
            return Ok(0);
        }
        self.write(|tx| {
            let mut stored = 0;
            for (claim_id, text, vector) in items {
                if repeats::set_vector(tx, *claim_id, text, model, vector)? {
                    stored += 1;
                }
            }
            Ok(stored)
        })
    }

    /// The embedding of a claim by the desk's encoder: the stored one, or computed now (and
    /// stored, linking its rewordings). `None` without an encoder.
    pub fn meaning_of(&self, claim_id: ClaimId) -> Result<Option<Vec<f32>>> {
        let Some(embedder) = self.embedder() else {
            return Ok(None);
        };
        let model = embedder.model_id()?;
        if let Some(vector) = self.claim_vector(claim_id, &model)? {
            return Ok(Some(vector));
        }
        let text = self
            .read(|conn| queries::claim(conn, claim_id))?
            .extracted
            .text;
        let vector = embedder.embed(&[text.as_str()])?.pop().unwrap_or_default();
        self.set_claim_vectors(&model, &[(claim_id, text, vector.clone())])?;
        Ok(Some(vector))
    }

    /// Embed the claims of an article that have no embedding by the desk's encoder (after an
    /// edit changed their words), and link their rewordings. Errors are the caller's to ignore:
    /// the edit they follow is already stored.
    pub(crate) fn refresh_meanings(&self, article_id: ArticleId) -> Result<usize> {
        let Some(embedder) = self.embedder() else {
            return Ok(0);
        };
        let model = embedder.model_id()?;
        let pending: Vec<(ClaimId, String)> = self.read(|conn| {
            queries::rows(
                conn,
                "SELECT c.id, c.text FROM claims AS c
                 LEFT JOIN claim_vectors AS v ON v.claim_id = c.id AND v.model = ?2
                 WHERE c.article_id = ?1 AND c.hidden = 0 AND v.claim_id IS NULL
                 ORDER BY c.start LIMIT ?3",
                params![article_id, model, REFRESH_LIMIT],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
        })?;
        if pending.is_empty() {
            return Ok(0);
        }
        let texts: Vec<&str> = pending.iter().map(|(_, text)| text.as_str()).collect();
        let embedded = embedder.embed(&texts)?;
        let items: Vec<(ClaimId, String, Vec<f32>)> = pending
            .into_iter()
            .zip(embedded)
            .map(|((id, text), vector)| (id, text, vector))
            .collect();
        self.set_claim_vectors(&model, &items)
    }

    /// [`Desk::refresh_meanings`] after an edit: a failure leaves the claims with the links
    /// their words give, to be embedded when next asked for.
    pub(crate) fn refresh_meanings_after_edit(&self, article_id: ArticleId) {
        // The edit is stored and its result read; the encoder failing must not undo that.
        let _ = self.refresh_meanings(article_id);
    }
}
