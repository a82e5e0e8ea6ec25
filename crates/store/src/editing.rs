//! Editors' changes to the claims themselves: move a claim's span, split a claim, merge
//! adjacent claims, mark a claim the engine missed. Each is one action with its history, and
//! none is fed back to the engine: the edited claims are the editor's.
//!
//! Rules that keep the article view unambiguous: spans are character offsets inside the
//! article text, trimmed of surrounding whitespace, and two claims on the desk never overlap.
//! A claim merged into another (or whose addition was undone) is *retired*: it keeps its row
//! and history, and leaves every list.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::actions::{Entry, Recorder};
use crate::articles::insert_claim;
use crate::conflicts::{Author, check_unchanged};
use crate::records::{
    ActionKind, ArticleId, Claim, ClaimEdit, ClaimId, ClaimOrigin, HistoryChange,
};
use crate::{ClaimFilter, Desk, queries, repeats, review};
use claimdesk_engine::{self as engine, ExtractOptions, Extraction};
use claimdesk_engine::{DateMention, ExtractedClaim, ScoreReason};
use claimdesk_error::{Error, ErrorKind, Result};

/// The part of a claim a span edit changes, as history keeps it for undo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct SpanState {
    start: usize,
    end: usize,
    sentence_start: usize,
    sentence_end: usize,
    text: String,
    dates: Vec<DateMention>,
}

impl SpanState {
    fn of(claim: &Claim) -> SpanState {
        let c = &claim.extracted;
        SpanState {
            start: c.start,
            end: c.end,
            sentence_start: c.sentence_start,
            sentence_end: c.sentence_end,
            text: c.text.clone(),
            dates: c.dates.clone(),
        }
    }
}

fn to_i64(offset: usize) -> Result<i64> {
    i64::try_from(offset).map_err(|_| Error::internal(format!("offset {offset} is too large")))
}

/// Move a claim's span (and what depends on it) to `new`, recording the change.
fn set_span(rec: &mut Recorder<'_>, claim: &Claim, new: &SpanState) -> Result<()> {
    let old = SpanState::of(claim);
    if &old == new {
        return Ok(());
    }
    rec.conn()
        .prepare_cached(
            "UPDATE claims SET start = ?2, \"end\" = ?3, sentence_start = ?4, sentence_end = ?5,
                               text = ?6, dates = ?7, updated_at = ?8
             WHERE id = ?1",
        )?
        .execute(params![
            claim.id,
            to_i64(new.start)?,
            to_i64(new.end)?,
            to_i64(new.sentence_start)?,
            to_i64(new.sentence_end)?,
            new.text,
            serde_json::to_string(&new.dates)?,
            rec.at,
        ])?;
    rec.record(
        Entry::claim(claim, HistoryChange::Span, Some(&old.text), Some(&new.text))
            .with_data(json!({ "old": old, "new": new })),
    )?;
    repeats::reindex(rec.conn(), claim.id)
}

/// Whether the claim's span is the `which` ("old" or "new") side of a span change's detail.
pub(crate) fn span_is(claim: &Claim, data: Option<&Value>, which: &str) -> bool {
    let Some(side) = data.and_then(|d| d.get(which)) else {
        return false;
    };
    serde_json::from_value::<SpanState>(side.clone())
        .is_ok_and(|span| span.start == claim.extracted.start && span.end == claim.extracted.end)
}

/// Put the claim's span back to the "old" side of a span change's detail.
pub(crate) fn restore_span(
    rec: &mut Recorder<'_>,
    claim: &Claim,
    data: Option<&Value>,
) -> Result<()> {
    let old = data
        .and_then(|d| d.get("old"))
        .cloned()
        .ok_or_else(|| Error::internal("a span change without its old span"))?;
    let old: SpanState = serde_json::from_value(old)
        .map_err(|err| Error::internal(format!("unreadable span in history: {err}")))?;
    set_span(rec, claim, &old)
}

/// Take an editor's wording off a claim whose span a split or merge has changed, recording it.
fn forget_wording(rec: &mut Recorder<'_>, claim: &Claim) -> Result<()> {
    review::change_field(
        rec,
        claim,
        HistoryChange::ClaimText,
        claim.claim_text.as_deref(),
        None,
    )
}

/// Retire a claim (`retired`) or bring it back, recording the change.
pub(crate) fn set_retired(rec: &mut Recorder<'_>, claim: &Claim, retired: bool) -> Result<()> {
    if claim.removed_at.is_some() == retired {
        return Ok(());
    }
    let removed_at = retired.then_some(rec.at.as_str());
    rec.conn()
        .prepare_cached("UPDATE claims SET removed_at = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![claim.id, removed_at, rec.at])?;
    let text = claim.extracted.text.as_str();
    let entry = if retired {
        Entry::claim(claim, HistoryChange::ClaimRemoved, Some(text), None)
    } else {
        Entry::claim(claim, HistoryChange::ClaimAdded, None, Some(text))
    };
    rec.record(entry)?;
    repeats::reindex(rec.conn(), claim.id)
}

/// What the editor's command works on: the article's text and what the engine makes of it,
/// computed before the write lock is taken.
struct ArticleText {
    article_id: ArticleId,
    chars: Vec<char>,
    extraction: Extraction,
    published: Option<chrono::NaiveDate>,
}

impl ArticleText {
    fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    /// `start..end` checked against the text and trimmed of surrounding whitespace.
    fn span(&self, start: usize, end: usize) -> Result<(usize, usize)> {
        let length = self.chars.len();
        if start >= end || end > length {
            return Err(Error::invalid_input(format!(
                "the span {start}..{end} is not inside the article text (0..{length}); select \
                 some of the article's text"
            )));
        }
        let (mut start, mut end) = (start, end);
        while start < end && self.chars[start].is_whitespace() {
            start += 1;
        }
        while end > start && self.chars[end - 1].is_whitespace() {
            end -= 1;
        }
        if start == end {
            return Err(Error::invalid_input(
                "the selection holds only spaces or line breaks; select the words of the claim",
            ));
        }
        Ok((start, end))
    }

    /// The sentence bounds around `start..end`, as the engine segments the text.
    fn sentence_around(&self, start: usize, end: usize) -> (usize, usize) {
        let sentences = &self.extraction.sentences;
        let first = sentences
            .iter()
            .find(|s| s.start <= start && start < s.end)
            .map_or(start, |s| s.start);
        let last = sentences
            .iter()
            .find(|s| s.start < end && end <= s.end)
            .map_or(end, |s| s.end);
        (first.min(start), last.max(end))
    }

    /// The dates inside `start..end`: the claim's own (`kept`, as the editor left them: a
    /// corrected value stays corrected, a removed date stays removed) for the text the claims
    /// already covered (`covered`), and the engine's for the text newly taken in.
    fn dates_within(
        &self,
        start: usize,
        end: usize,
        kept: &[DateMention],
        covered: &[(usize, usize)],
    ) -> Vec<DateMention> {
        let is_new_text = |d: &DateMention| !covered.iter().any(|&(s, e)| d.start < e && s < d.end);
        let own = kept.iter().filter(|d| start <= d.start && d.end <= end);
        let found = self
            .extraction
            .claims
            .iter()
            .flat_map(|claim| claim.dates.iter())
            .filter(|d| start <= d.start && d.end <= end && is_new_text(d));
        // The claim's own first: the sort is stable and `dedup` keeps the first of equals.
        let mut dates: Vec<DateMention> = own.chain(found).cloned().collect();
        dates.sort_by_key(|d| (d.start, d.end));
        dates.dedup_by_key(|d| (d.start, d.end));
        dates
    }

    /// The span state of `start..end`, keeping `kept` dates that fall inside it; the engine's
    /// dates count only outside `covered`, the text the claims had already.
    fn span_state(
        &self,
        start: usize,
        end: usize,
        kept: &[DateMention],
        covered: &[(usize, usize)],
    ) -> SpanState {
        let (sentence_start, sentence_end) = self.sentence_around(start, end);
        SpanState {
            start,
            end,
            sentence_start,
            sentence_end,
            text: self.slice(start, end),
            dates: self.dates_within(start, end, kept, covered),
        }
    }

    /// A claim for `start..end` marked by an editor: the engine's speaker and kind from the
    /// claim it found there (if any), its rating of the selected words, and the dates inside.
    fn editor_claim(&self, start: usize, end: usize, why: &str) -> ExtractedClaim {
        let text = self.slice(start, end);
        let overlap = |c: &ExtractedClaim| c.end.min(end).saturating_sub(c.start.max(start));
        let found_there = self
            .extraction
            .claims
            .iter()
            .filter(|c| overlap(c) > 0)
            .max_by_key(|c| overlap(c));
        // The engine's options grow; `..Default::default()` keeps this call compiling as they do.
        #[allow(clippy::needless_update)]
        let rated = engine::extract(
            &text,
            &ExtractOptions {
                published: self.published,
                ..Default::default()
            },
        )
        .claims
        .into_iter()
        .max_by(|a, b| a.score.total_cmp(&b.score));
        let (score, checkworthy, mut reasons) = match (rated, found_there) {
            (Some(rated), _) => (rated.score, rated.checkworthy, rated.reasons),
            (None, Some(found)) => (found.score, found.checkworthy, found.reasons.clone()),
            (None, None) => (0.0, false, Vec::new()),
        };
        reasons.insert(
            0,
            ScoreReason {
                signal: "editor".into(),
                label: why.to_string(),
                weight: 0.0,
            },
        );
        let state = self.span_state(start, end, &[], &[]);
        ExtractedClaim {
            text,
            start,
            end,
            sentence_start: state.sentence_start,
            sentence_end: state.sentence_end,
            score: if score.is_finite() {
                score.clamp(0.0, 1.0)
            } else {
                0.0
            },
            checkworthy,
            kind: found_there.map_or(claimdesk_engine::ClaimKind::Other, |c| c.kind),
            speaker: found_there.and_then(|c| c.speaker.clone()),
            speaker_role: found_there.and_then(|c| c.speaker_role.clone()),
            dates: state.dates,
            reasons,
            caption: found_there.is_some_and(|c| c.caption),
        }
    }
}

/// The first claim on the desk other than `except` that overlaps `start..end`.
fn first_overlap(
    conn: &Connection,
    article_id: ArticleId,
    start: usize,
    end: usize,
    except: &[ClaimId],
) -> Result<Option<(ClaimId, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text FROM claims
         WHERE article_id = ?1 AND removed_at IS NULL AND start < ?3 AND \"end\" > ?2
         ORDER BY start",
    )?;
    let overlapping = stmt
        .query_map(params![article_id, to_i64(start)?, to_i64(end)?], |row| {
            Ok((row.get::<_, ClaimId>(0)?, row.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(overlapping.into_iter().find(|(id, _)| !except.contains(id)))
}

/// Refuse a span that would overlap a claim on the desk other than `except`.
fn check_no_overlap(
    conn: &Connection,
    article_id: ArticleId,
    start: usize,
    end: usize,
    except: &[ClaimId],
) -> Result<()> {
    match first_overlap(conn, article_id, start, end, except)? {
        Some((id, text)) => Err(Error::new(
            ErrorKind::Conflict,
            format!(
                "that span overlaps claim {id} (\u{201C}{}\u{201D}); shorten or split that claim \
                 first, or merge the two",
                clip(&text, 60)
            ),
        )),
        None => Ok(()),
    }
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut clipped: String = text.chars().take(max - 1).collect();
    clipped.push('\u{2026}');
    clipped
}

/// The result every claim edit returns.
fn claim_edit(conn: &Connection, article_id: ArticleId, focus: ClaimId) -> Result<ClaimEdit> {
    Ok(ClaimEdit {
        claim: queries::claim_detail(conn, focus)?,
        claims: queries::claims(
            conn,
            &ClaimFilter {
                article_id: Some(article_id),
                ..ClaimFilter::default()
            },
        )?,
        article: queries::article_summary_any(conn, article_id)?,
    })
}

impl Desk {
    /// Read an article's text and run the engine over it, outside the write lock.
    fn article_text(&self, article_id: ArticleId) -> Result<ArticleText> {
        let article = self.read(|conn| queries::live_article(conn, article_id))?;
        let published = article
            .published
            .as_deref()
            .and_then(|day| claimdesk_fields::parse_day(day).ok());
        // The engine's options grow; `..Default::default()` keeps this call compiling as they do.
        #[allow(clippy::needless_update)]
        let extraction = engine::extract(
            &article.text,
            &ExtractOptions {
                published,
                ..Default::default()
            },
        );
        Ok(ArticleText {
            article_id,
            chars: article.text.chars().collect(),
            extraction,
            published,
        })
    }

    fn article_of_claim(&self, claim_id: ClaimId) -> Result<ArticleId> {
        self.read(|conn| Ok(queries::live_claim(conn, claim_id)?.article_id))
    }

    /// Move a claim's span to `start..end` (character offsets into the article; surrounding
    /// whitespace is trimmed). Its text, sentence and dates follow the span; its score, kind
    /// and speaker stay as they were.
    pub fn edit_claim_span<'a>(
        &self,
        claim_id: ClaimId,
        start: usize,
        end: usize,
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimEdit> {
        let author = by.into();
        let text = self.article_text(self.article_of_claim(claim_id)?)?;
        let (start, end) = text.span(start, end)?;
        let now = self.now();
        let edit = self.write(|tx| {
            let by = self.reviewer(tx, author.name)?;
            let claim = queries::live_claim(tx, claim_id)?;
            check_unchanged(tx, &claim, author.seen, &by, &[HistoryChange::Span])?;
            check_no_overlap(tx, claim.article_id, start, end, &[claim_id])?;
            let covered = [(claim.extracted.start, claim.extracted.end)];
            let state = text.span_state(start, end, &claim.extracted.dates, &covered);
            let mut rec = Recorder::new(
                tx,
                &now,
                &by,
                ActionKind::EditSpan,
                "changed a claim's span",
            )
            .about(claim.article_id, Some(claim_id));
            set_span(&mut rec, &claim, &state)?;
            claim_edit(tx, claim.article_id, claim_id)
        })?;
        self.refresh_meanings_after_edit(edit.article.id);
        Ok(edit)
    }

    /// Split a claim in two at character offset `at` of the article (strictly inside the
    /// claim). The first part keeps the claim's id, review and history; the second is a new
    /// claim, unreviewed, rated by the engine.
    pub fn split_claim<'a>(
        &self,
        claim_id: ClaimId,
        at: usize,
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimEdit> {
        let author = by.into();
        let text = self.article_text(self.article_of_claim(claim_id)?)?;
        let now = self.now();
        let edit = self.write(|tx| {
            let by = self.reviewer(tx, author.name)?;
            let claim = queries::live_claim(tx, claim_id)?;
            check_unchanged(tx, &claim, author.seen, &by, &[HistoryChange::Span])?;
            let (start, end) = (claim.extracted.start, claim.extracted.end);
            if at <= start || at >= end {
                return Err(Error::invalid_input(format!(
                    "split the claim at a position inside it ({} to {}); {at} is outside",
                    start + 1,
                    end - 1
                )));
            }
            let empty_part = || {
                Error::invalid_input(
                    "splitting there leaves a part with no words; split between two words",
                )
            };
            let first = text.span(start, at).map_err(|_| empty_part())?;
            let second = text.span(at, end).map_err(|_| empty_part())?;
            let mut rec = Recorder::new(tx, &now, &by, ActionKind::SplitClaim, "split a claim")
                .about(claim.article_id, Some(claim_id));
            let covered = [(start, end)];
            let first_state = text.span_state(first.0, first.1, &claim.extracted.dates, &covered);
            set_span(&mut rec, &claim, &first_state)?;
            // The wording an editor gave covered the whole claim; each part reads as the
            // article has it until it is worded again (undoing the split brings it back).
            forget_wording(&mut rec, &claim)?;
            let mut part = text.editor_claim(
                second.0,
                second.1,
                &format!("split off claim {claim_id} by an editor"),
            );
            part.dates = text.dates_within(second.0, second.1, &claim.extracted.dates, &covered);
            // Both parts were said by whoever said the whole, as the editor corrected it.
            part.speaker = claim.extracted.speaker.clone();
            let new_id = insert_claim(tx, claim.article_id, &part, ClaimOrigin::Editor, &now)?;
            tx.prepare_cached(
                "UPDATE claims SET speaker_role = ?2, speaker_type = ?3 WHERE id = ?1",
            )?
            .execute(params![
                new_id,
                claim.speaker_role,
                claim.speaker_type.map(|t| t.as_str())
            ])?;
            let added = queries::claim(tx, new_id)?;
            rec.record(
                Entry::claim(
                    &added,
                    HistoryChange::ClaimAdded,
                    None,
                    Some(&added.extracted.text),
                )
                .with_data(json!({ "split_from": claim_id })),
            )?;
            repeats::reindex(tx, new_id)?;
            claim_edit(tx, claim.article_id, claim_id)
        })?;
        self.refresh_meanings_after_edit(edit.article.id);
        Ok(edit)
    }

    /// Merge two or more adjacent claims of one article into one spanning them all. The claim
    /// that carries a review (status, verdict, note or evidence) survives with it; when none
    /// does, the first survives. The others are retired, their history kept. Claims with two
    /// different reviews are not merged: that would hide one of them.
    pub fn merge_claims<'a>(
        &self,
        claim_ids: &[ClaimId],
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimEdit> {
        // Several claims, so no one revision to compare; a colleague's review on two of them
        // is refused below anyway.
        let by = by.into().name;
        let mut ids = claim_ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() < 2 {
            return Err(Error::invalid_input("select at least two claims to merge"));
        }
        let text = self.article_text(self.article_of_claim(ids[0])?)?;
        let now = self.now();
        let edit = self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let mut claims = ids
                .iter()
                .map(|&id| queries::live_claim(tx, id))
                .collect::<Result<Vec<_>>>()?;
            if let Some(stranger) = claims.iter().find(|c| c.article_id != text.article_id) {
                return Err(Error::invalid_input(format!(
                    "claim {} is in another article; only claims of one article can be merged",
                    stranger.id
                )));
            }
            claims.sort_by_key(|c| (c.extracted.start, c.id));
            let start = claims[0].extracted.start;
            let end = claims
                .iter()
                .map(|c| c.extracted.end)
                .max()
                .unwrap_or(start);
            if let Some((between, between_text)) =
                first_overlap(tx, text.article_id, start, end, &ids)?
            {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!(
                        "only adjacent claims can be merged, and claim {between} \
                         (\u{201C}{}\u{201D}) lies between them; include it or pick neighbours",
                        clip(&between_text, 60)
                    ),
                ));
            }
            let mut reviewed = Vec::new();
            for claim in &claims {
                if review::has_review_work(tx, claim)? {
                    reviewed.push(claim.id);
                }
            }
            if reviewed.len() > 1 {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!(
                        "claims {} each carry a review (status, verdict, note or evidence); \
                         merging would hide all but one. Clear or undo all but one of them first",
                        reviewed
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ),
                ));
            }
            let survivor_id = reviewed.first().copied().unwrap_or(claims[0].id);
            let kept_dates: Vec<DateMention> = claims
                .iter()
                .flat_map(|c| c.extracted.dates.clone())
                .collect();
            let mut rec = Recorder::new(
                tx,
                &now,
                &by,
                ActionKind::MergeClaims,
                format!("merged {} claims", claims.len()),
            )
            .about(text.article_id, Some(survivor_id));
            for claim in &claims {
                if claim.id == survivor_id {
                    continue;
                }
                set_retired(&mut rec, claim, true)?;
            }
            let survivor = queries::claim(tx, survivor_id)?;
            let covered: Vec<(usize, usize)> = claims
                .iter()
                .map(|c| (c.extracted.start, c.extracted.end))
                .collect();
            set_span(
                &mut rec,
                &survivor,
                &text.span_state(start, end, &kept_dates, &covered),
            )?;
            forget_wording(&mut rec, &survivor)?;
            claim_edit(tx, text.article_id, survivor_id)
        })?;
        self.refresh_meanings_after_edit(edit.article.id);
        Ok(edit)
    }

    /// Mark `start..end` of an article as a claim the engine missed. It is an editor's claim
    /// (origin `editor`), unreviewed, with the engine's rating of the words, the speaker and
    /// kind of the engine's claim there if any, and the dates inside; its reasons say it was
    /// added by an editor.
    pub fn add_claim<'a>(
        &self,
        article_id: ArticleId,
        start: usize,
        end: usize,
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimEdit> {
        let by = by.into().name;
        let text = self.article_text(article_id)?;
        let (start, end) = text.span(start, end)?;
        let claim = text.editor_claim(start, end, "added by an editor");
        let now = self.now();
        let edit = self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            queries::live_article(tx, article_id)?;
            check_no_overlap(tx, article_id, start, end, &[])?;
            let id = insert_claim(tx, article_id, &claim, ClaimOrigin::Editor, &now)?;
            let added = queries::claim(tx, id)?;
            let mut rec = Recorder::new(tx, &now, &by, ActionKind::AddClaim, "added a claim")
                .about(article_id, Some(id));
            rec.record(Entry::claim(
                &added,
                HistoryChange::ClaimAdded,
                None,
                Some(&added.extracted.text),
            ))?;
            repeats::reindex(tx, id)?;
            claim_edit(tx, article_id, id)
        })?;
        self.refresh_meanings_after_edit(edit.article.id);
        Ok(edit)
    }
}
