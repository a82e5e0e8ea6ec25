//! Repeats: the same claim seen twice (in two articles, or reworded), linked so that one review
//! can serve both.
//!
//! Linking must scale to a desk of 100,000 claims, so a new claim is never compared with every
//! other. Each claim gets two keys:
//! - its **fingerprint** (a hash of its normalised wording, indexed): equal fingerprints are
//!   the same wording;
//! - six **MinHash band signatures** of its content words and numbers (`claim_signatures`):
//!   two claims whose word sets overlap by Jaccard similarity J share at least one band with
//!   probability 1 − (1 − J²)⁶ (0.97 at J = 0.6, 0.82 at J = 0.5).
//!
//! Only claims that share the fingerprint or a band are candidates, and only the candidates
//! sharing the most keys are scored by the similarity measure. Each lookup reads a bounded
//! number of candidates, so linking one claim costs the same on an empty desk and on a full
//! one.
//!
//! The measure itself (what counts as "the same claim") is the engine's
//! ([`claimdesk_engine::similarity`]). Links are derived data, recomputed whenever a claim's text
//! changes and rebuilt for every claim when [`MEASURE_VERSION`] changes.

use std::collections::{BTreeSet, HashMap};

use claimdesk_engine::lexicon::stop_words::is_stop_word;
use claimdesk_error::Result;
use rusqlite::{Connection, params};

use crate::queries;
use crate::records::{ClaimId, Repeat};

/// The repeat measure. Everything the store needs from it is `fingerprint(text)` (with a
/// public normalised `key` and `hash_hex()`), `similarity(a, b)` in 0..1 and the `SAME_CLAIM`
/// threshold.
mod measure {
    pub use claimdesk_engine::similarity::{Fingerprint, SAME_CLAIM, fingerprint, similarity};
}

/// Identifies the measure in force; when it changes (a new engine measure, different bands,
/// another stop-word list), every fingerprint and link is rebuilt on the next open.
// 2: the engine's one stop-word list (`lexicon::stop_words`) replaced the store's own, which
// differed by five words; the band signatures of every stored claim are recomputed with it.
const MEASURE_VERSION: &str = "engine-similarity-2";

/// The settings key under which the version of the links in the database is kept.
const MEASURE_SETTING: &str = "repeat_measure";

/// MinHash bands per claim, and hash functions per band.
const BANDS: usize = 6;
const ROWS_PER_BAND: usize = 2;

/// Candidates read per lookup (per band and for the fingerprint): enough for any real
/// repetition, and a bound on the work when a wording is very common.
const CANDIDATES_PER_KEY: i64 = 24;

/// Candidates scored by the measure per claim, those sharing the most keys first.
const CANDIDATES_SCORED: usize = 16;

fn fnv1a(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A well-mixed 64-bit permutation (SplitMix64's finaliser), to derive independent hash
/// functions from one hash.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The MinHash band signatures of a claim's normalised wording: its content words and numbers
/// (stop words carry no identity), each band the hash of `ROWS_PER_BAND` minimum hashes.
fn bands(key: &str) -> Vec<i64> {
    let words: BTreeSet<u64> = key
        .split(' ')
        .filter(|w| !w.is_empty() && !is_stop_word(w))
        .map(fnv1a)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    (0..BANDS)
        .map(|band| {
            let mut signature = band as u64;
            for row in 0..ROWS_PER_BAND {
                let seed = mix((band * ROWS_PER_BAND + row) as u64 + 1);
                let min = words
                    .iter()
                    .map(|&word| mix(word ^ seed))
                    .min()
                    .unwrap_or_default();
                signature = mix(signature.rotate_left(17) ^ min);
            }
            // Stored as SQLite's signed INTEGER; the bits are what matter.
            signature as i64
        })
        .collect()
}

/// Forget a claim's keys and links (its wording changed, or it left the desk).
fn unindex(conn: &Connection, claim_id: ClaimId) -> Result<()> {
    conn.prepare_cached("DELETE FROM claim_signatures WHERE claim_id = ?1")?
        .execute([claim_id])?;
    conn.prepare_cached("DELETE FROM claim_links WHERE claim_id = ?1 OR other_id = ?1")?
        .execute([claim_id])?;
    conn.prepare_cached("UPDATE claims SET fingerprint = NULL WHERE id = ?1")?
        .execute([claim_id])?;
    Ok(())
}

/// Store a claim's fingerprint (its keys' signatures are the caller's to store), replacing its
/// keys and links; returns its text, article, span and fingerprint.
fn fingerprint_claim(
    conn: &Connection,
    claim_id: ClaimId,
) -> Result<(i64, i64, i64, measure::Fingerprint)> {
    unindex(conn, claim_id)?;
    let (text, article_id, start, end): (String, i64, i64, i64) = conn
        .prepare_cached("SELECT text, article_id, start, \"end\" FROM claims WHERE id = ?1")?
        .query_row([claim_id], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })?;
    let print = measure::fingerprint(&text);
    conn.prepare_cached("UPDATE claims SET fingerprint = ?2 WHERE id = ?1")?
        .execute(params![claim_id, print.hash_hex()])?;
    Ok((article_id, start, end, print))
}

/// Give a restored claim its keys without measuring its links, which are restored as they
/// were exported (a retired claim gets none, as [`reindex`] leaves it). Forgets any links the
/// claim has, so the caller restores the links afterwards.
pub(crate) fn restore_keys(conn: &Connection, claim_id: ClaimId) -> Result<()> {
    let retired: bool = conn
        .prepare_cached("SELECT removed_at IS NOT NULL FROM claims WHERE id = ?1")?
        .query_row([claim_id], |row| row.get(0))?;
    if retired {
        return Ok(());
    }
    let (_, _, _, print) = fingerprint_claim(conn, claim_id)?;
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO claim_signatures (band, claim_id) VALUES (?1, ?2)",
    )?;
    for band in bands(&print.key) {
        insert.execute(params![band, claim_id])?;
    }
    Ok(())
}

/// Compute a claim's keys and link it to the claims it repeats. Safe to call again: it
/// replaces what was there.
fn index(conn: &Connection, claim_id: ClaimId) -> Result<()> {
    let (article_id, start, end, print) = fingerprint_claim(conn, claim_id)?;
    let hash = print.hash_hex();
    let bands = bands(&print.key);
    // Each candidate with how many keys it shares: the same wording counts as all of them.
    let mut shared: HashMap<ClaimId, usize> = HashMap::new();
    {
        let mut same_wording = conn.prepare_cached(
            "SELECT id FROM claims WHERE fingerprint = ?1 AND id != ?2 ORDER BY id DESC LIMIT ?3",
        )?;
        for id in same_wording.query_map(params![hash, claim_id, CANDIDATES_PER_KEY], |row| {
            row.get::<_, ClaimId>(0)
        })? {
            *shared.entry(id?).or_default() += BANDS + 1;
        }
        let mut insert = conn.prepare_cached(
            "INSERT OR IGNORE INTO claim_signatures (band, claim_id) VALUES (?1, ?2)",
        )?;
        let mut sharing = conn.prepare_cached(
            "SELECT claim_id FROM claim_signatures WHERE band = ?1 AND claim_id != ?2
             ORDER BY claim_id DESC LIMIT ?3",
        )?;
        for band in &bands {
            for id in sharing.query_map(params![band, claim_id, CANDIDATES_PER_KEY], |row| {
                row.get::<_, ClaimId>(0)
            })? {
                *shared.entry(id?).or_default() += 1;
            }
            insert.execute(params![band, claim_id])?;
        }
    }
    // A repeat shares most of its bands; a chance collision of common words, one. Scoring the
    // candidates that share the most keeps the measure's work bounded on a desk full of
    // similar sentences.
    let mut candidates: Vec<(ClaimId, usize)> = shared.into_iter().collect();
    candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
    candidates.truncate(CANDIDATES_SCORED);
    let mut candidate = conn.prepare_cached(
        "SELECT text, article_id, start, \"end\" FROM claims
         WHERE id = ?1 AND removed_at IS NULL",
    )?;
    let mut link = conn.prepare_cached(
        "INSERT OR REPLACE INTO claim_links (claim_id, other_id, similarity) VALUES (?1, ?2, ?3)",
    )?;
    for (other, _) in candidates {
        let Some((other_text, other_article, other_start, other_end)) = candidate
            .query_map([other], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, i64>(3)?,
                ))
            })?
            .next()
            .transpose()?
        else {
            continue;
        };
        // Two overlapping spans of one article are one passage, not a repetition.
        if other_article == article_id && other_start < end && start < other_end {
            continue;
        }
        let score = measure::similarity(&print, &measure::fingerprint(&other_text));
        if score >= measure::SAME_CLAIM {
            let (low, high) = (claim_id.min(other), claim_id.max(other));
            link.execute(params![low, high, score.clamp(0.0, 1.0)])?;
        }
    }
    Ok(())
}

/// Bring a claim's repeat links up to date after it was added, its span changed, or it left or
/// came back to the desk.
pub(crate) fn reindex(conn: &Connection, claim_id: ClaimId) -> Result<()> {
    let retired: bool = conn
        .prepare_cached("SELECT removed_at IS NOT NULL FROM claims WHERE id = ?1")?
        .query_row([claim_id], |row| row.get(0))?;
    if retired {
        unindex(conn, claim_id)
    } else {
        index(conn, claim_id)
    }
}

/// Link every claim that has no fingerprint yet (claims from a database of an older version),
/// after rebuilding everything when the measure has changed. Run at open, in the open's write
/// transaction; a no-op (one indexed lookup) on an up-to-date desk.
pub(crate) fn backfill(conn: &Connection) -> Result<usize> {
    let version: Option<String> = queries::setting(conn, MEASURE_SETTING)?;
    if version.as_deref() != Some(MEASURE_VERSION) {
        conn.execute_batch(
            "DELETE FROM claim_links; DELETE FROM claim_signatures;
             UPDATE claims SET fingerprint = NULL WHERE fingerprint IS NOT NULL;",
        )?;
        queries::put_setting(conn, MEASURE_SETTING, Some(MEASURE_VERSION))?;
    }
    let pending: Vec<ClaimId> = conn
        .prepare(
            "SELECT id FROM claims INDEXED BY claims_by_fingerprint
             WHERE fingerprint IS NULL AND removed_at IS NULL ORDER BY id",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for &id in &pending {
        index(conn, id)?;
    }
    Ok(pending.len())
}

/// The claims on the desk that repeat `claim_id`, most similar first, with their reviews.
pub(crate) fn repeats_of(
    conn: &Connection,
    claim_id: ClaimId,
    limit: usize,
) -> Result<Vec<Repeat>> {
    let linked: Vec<(ClaimId, f64, String)> = conn
        .prepare_cached(
            "SELECT l.other, l.similarity, a.title
             FROM (SELECT other_id AS other, similarity FROM claim_links WHERE claim_id = ?1
                   UNION ALL
                   SELECT claim_id, similarity FROM claim_links WHERE other_id = ?1) AS l
             -- CROSS JOIN keeps this order: a claim's few links first, then their rows.
             CROSS JOIN claims AS c ON c.id = l.other
             CROSS JOIN articles AS a ON a.id = c.article_id
             WHERE c.hidden = 0
             ORDER BY l.similarity DESC, c.status = 'unreviewed', l.other
             LIMIT ?2",
        )?
        .query_map(params![claim_id, limit as i64], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    linked
        .into_iter()
        .map(|(id, similarity, article_title)| {
            Ok(Repeat {
                claim: queries::claim(conn, id)?,
                article_title,
                similarity,
                evidence: queries::evidence_of(conn, id)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_wording_has_the_same_bands_and_a_rewording_shares_one() {
        let key = |t: &str| measure::fingerprint(t).key;
        let a = bands(&key("The council closed two libraries in 2019"));
        assert_eq!(a, bands(&key("the council closed TWO libraries in 2019!")));
        let b = bands(&key(
            "In 2019 the council closed two libraries, officials said",
        ));
        assert!(a.iter().any(|band| b.contains(band)), "{a:?} / {b:?}");
        assert!(bands(&key("the of and")).is_empty());
    }
}
