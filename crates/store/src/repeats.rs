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
//! - when the claim's meaning is known (its sentence embedding, `claim_vectors`), sixteen
//!   **meaning band signatures**: random-hyperplane hashes of the embedding (each band the
//!   signs of its projections on ten fixed random directions), so that two claims whose
//!   embeddings are close share a band with high probability whatever their words.
//!
//! Only claims that share the fingerprint or a band are candidates, and only the candidates
//! sharing the most keys are scored by the similarity measure. Each lookup reads a bounded
//! number of candidates, so linking one claim costs the same on an empty desk and on a full
//! one.
//!
//! Two claims are the same claim when the engine's word measure says so
//! ([`claimdesk_engine::similarity`]), or when their embeddings (by the same model) have a cosine
//! of at least [`SAME_MEANING`] and they state the same figures with the same polarity (the
//! engine's guards: a sentence encoder reads "rose 4%" and "rose 9%" as alike). So rewordings
//! are linked, not only near-identical text. Links are derived data, recomputed whenever a
//! claim's text changes and rebuilt for every claim when [`MEASURE_VERSION`] changes.

use std::collections::{BTreeSet, HashMap};

use claimdesk_engine::lexicon::stop_words::is_stop_word;
use claimdesk_error::Result;
use rusqlite::{Connection, params};

use crate::records::{ClaimId, Repeat};
use crate::{queries, vectors};

/// The repeat measure. Everything the store needs from it is `fingerprint(text)` (with a
/// public normalised `key` and `hash_hex()`), `similarity(a, b)` in 0..1 and the `SAME_CLAIM`
/// threshold.
mod measure {
    pub use claimdesk_engine::similarity::{
        Fingerprint, SAME_CLAIM, fingerprint, same_figures_and_polarity, similarity,
    };
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

/// The cosine of two claims' embeddings at and above which they say the same thing (when
/// their figures and polarity agree). Chosen on our 80 labelled pairs
/// (`tests/fixtures/repeats/rewordings.tsv`, `claimdesk-lab eval`) with the similarity model:
/// 0.80 gives P 0.64 R 0.70 there; the best F1 (0.69 at 0.60–0.65) costs precision (0.58),
/// and a wrong link misleads an editor more than a missed one. Chosen on half of the pairs and
/// measured on the other half, the thresholds were 0.79 and 0.65 (F1 0.59 and 0.69).
pub const SAME_MEANING: f32 = 0.80;

/// Random-hyperplane bands per embedding, and hyperplanes (bits) per band.
const MEANING_BANDS: usize = 16;
const BITS_PER_BAND: usize = 10;

/// Sets meaning band signatures apart from MinHash ones in the same table.
const MEANING_DOMAIN: u64 = 0x6d65_616e_696e_6701;

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

/// The fixed random directions of the meaning bands for vectors of `dimensions` components:
/// Gaussian components from a seeded SplitMix64 stream (Box–Muller), the same on every run
/// and platform, so stored signatures stay comparable.
fn hyperplanes(dimensions: usize) -> std::sync::Arc<Vec<f32>> {
    use std::sync::{Arc, LazyLock, Mutex};
    static CACHE: LazyLock<Mutex<HashMap<usize, Arc<Vec<f32>>>>> = LazyLock::new(Mutex::default);
    let mut cache = CACHE.lock().unwrap_or_else(|p| p.into_inner());
    Arc::clone(cache.entry(dimensions).or_insert_with(|| {
        let count = MEANING_BANDS * BITS_PER_BAND * dimensions;
        let mut state: u64 = 0x5e_ed0f_c1a1_3d35;
        let mut uniform = move || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            // (0, 1]: never 0, so the logarithm below is finite.
            ((mix(state) >> 11) as f64 + 1.0) / (1u64 << 53) as f64
        };
        let mut planes = Vec::with_capacity(count);
        while planes.len() < count {
            let (u, v) = (uniform(), uniform());
            let radius = (-2.0 * u.ln()).sqrt();
            let angle = std::f64::consts::TAU * v;
            planes.push((radius * angle.cos()) as f32);
            planes.push((radius * angle.sin()) as f32);
        }
        planes.truncate(count);
        Arc::new(planes)
    }))
}

/// The meaning band signatures of an embedding: per band, the signs of its projections on
/// `BITS_PER_BAND` random directions, hashed with the band's number.
fn meaning_bands(vector: &[f32]) -> Vec<i64> {
    if vector.is_empty() {
        return Vec::new();
    }
    let planes = hyperplanes(vector.len());
    let mut rows = planes.chunks_exact(vector.len());
    (0..MEANING_BANDS)
        .map(|band| {
            let mut bits = 0u64;
            for bit in 0..BITS_PER_BAND {
                let plane = rows.next().unwrap_or_default();
                if vectors::dot(plane, vector) >= 0.0 {
                    bits |= 1 << bit;
                }
            }
            mix(MEANING_DOMAIN ^ ((band as u64) << 32) ^ bits) as i64
        })
        .collect()
}

/// A claim's embedding and the model that made it, if it has one.
fn claim_vector(conn: &Connection, claim_id: ClaimId) -> Result<Option<(String, Vec<f32>)>> {
    let row: Option<(String, Vec<u8>)> = conn
        .prepare_cached("SELECT model, vector FROM claim_vectors WHERE claim_id = ?1")?
        .query_map([claim_id], |row| Ok((row.get(0)?, row.get(1)?)))?
        .next()
        .transpose()?;
    row.map(|(model, blob)| Ok((model, vectors::decode(&blob)?)))
        .transpose()
}

/// Every key of a claim: its word bands, and its meaning bands when it has an embedding.
fn keys(key: &str, vector: Option<&(String, Vec<f32>)>) -> Vec<i64> {
    let mut all = bands(key);
    if let Some((_, vector)) = vector {
        all.extend(meaning_bands(vector));
    }
    all
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
    let vector = claim_vector(conn, claim_id)?;
    let mut insert = conn.prepare_cached(
        "INSERT OR IGNORE INTO claim_signatures (band, claim_id) VALUES (?1, ?2)",
    )?;
    for band in keys(&print.key, vector.as_ref()) {
        insert.execute(params![band, claim_id])?;
    }
    Ok(())
}

/// Compute a claim's keys and link it to the claims it repeats. Safe to call again: it
/// replaces what was there.
fn index(conn: &Connection, claim_id: ClaimId) -> Result<()> {
    let (article_id, start, end, print) = fingerprint_claim(conn, claim_id)?;
    let hash = print.hash_hex();
    let vector = claim_vector(conn, claim_id)?;
    let bands = keys(&print.key, vector.as_ref());
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
        let other_print = measure::fingerprint(&other_text);
        let words = measure::similarity(&print, &other_print);
        let meaning = match (&vector, claim_vector(conn, other)?) {
            (Some((model, mine)), Some((other_model, theirs))) if *model == other_model => {
                Some(vectors::dot(mine, &theirs))
            }
            _ => None,
        };
        let same_meaning = meaning.is_some_and(|cosine| {
            cosine >= SAME_MEANING && measure::same_figures_and_polarity(&print, &other_print)
        });
        if words >= measure::SAME_CLAIM || same_meaning {
            let score = match meaning {
                Some(cosine) if same_meaning => words.max(f64::from(cosine)),
                _ => words,
            };
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

/// Store a claim's embedding by `model` and link its repeats again with it. Nothing is stored
/// when the claim's text is no longer `text` (it changed while the embedding was computed).
pub(crate) fn set_vector(
    conn: &Connection,
    claim_id: ClaimId,
    text: &str,
    model: &str,
    vector: &[f32],
) -> Result<bool> {
    let current: Option<String> = conn
        .prepare_cached("SELECT text FROM claims WHERE id = ?1")?
        .query_map([claim_id], |row| row.get(0))?
        .next()
        .transpose()?;
    if current.as_deref() != Some(text) {
        return Ok(false);
    }
    conn.prepare_cached(
        "INSERT INTO claim_vectors (claim_id, model, vector) VALUES (?1, ?2, ?3)
         ON CONFLICT (claim_id) DO UPDATE SET model = excluded.model, vector = excluded.vector",
    )?
    .execute(params![claim_id, model, vectors::encode(vector)])?;
    reindex(conn, claim_id)?;
    Ok(true)
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

    fn unit(raw: &[f32]) -> Vec<f32> {
        let norm = vectors::dot(raw, raw).sqrt();
        raw.iter().map(|x| x / norm).collect()
    }

    #[test]
    fn close_embeddings_share_meaning_bands_and_distant_ones_rarely_do() {
        let base: Vec<f32> = (0..384)
            .map(|i| ((i * 31 % 97) as f32 - 48.0) / 9.0)
            .collect();
        let near: Vec<f32> = base
            .iter()
            .enumerate()
            .map(|(i, x)| x + if i % 7 == 0 { 0.8 } else { 0.0 })
            .collect();
        let far: Vec<f32> = (0..384)
            .map(|i| ((i * 53 % 89) as f32 - 44.0) / 9.0)
            .collect();
        let (a, b, c) = (unit(&base), unit(&near), unit(&far));
        assert!(vectors::dot(&a, &b) > 0.95 && vectors::dot(&a, &c) < 0.3);
        let (ka, kb, kc) = (meaning_bands(&a), meaning_bands(&b), meaning_bands(&c));
        assert_eq!(ka.len(), MEANING_BANDS);
        assert_eq!(ka, meaning_bands(&a), "the same vector, the same bands");
        assert!(ka.iter().filter(|k| kb.contains(k)).count() >= 4);
        assert!(ka.iter().filter(|k| kc.contains(k)).count() <= 1);
        // Meaning keys never collide with the word keys of the same table by construction.
        let words = bands(&measure::fingerprint("the council closed two libraries").key);
        assert!(ka.iter().all(|k| !words.contains(k)));
    }
}
