//! The library of published fact-checks: what other desks (and this one) already checked, so an
//! editor sees "checked before" beside a claim instead of checking it again.
//!
//! The store keeps the fact-checks and their sentence embeddings; reading files is
//! `claimdesk-interchange`'s job and ranking them for a claim is `claimdesk-matching`'s. A
//! fact-check is known by its `source_key` (the publisher's identifier, else its URL), so
//! importing a file again updates what changed and adds what is new, never a duplicate.
//!
//! Embeddings are computed outside the store, a batch at a time ([`Desk::fact_checks_to_embed`]
//! then [`Desk::set_fact_check_vectors`]), so a long import shows progress and can stop and
//! resume: a fact-check without vectors for the current model is simply still to embed. A
//! change to a fact-check's claim or title clears its vectors in the same statement.
//!
//! Every change to the library bumps a generation number ([`Desk::fact_check_generation`]),
//! which the matcher's in-memory index compares to know when to read the library again.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::actions::Recorder;
use crate::records::{ActionKind, ClaimDetail, ClaimId};
use crate::review::{NewEvidence, attach_evidence, site};
use crate::review_state::Stance;
use crate::{Desk, check_length, queries, vectors};
use claimdesk_error::{Error, ErrorKind, Result};

/// Row id of a fact-check in the library.
pub type FactCheckId = i64;

/// Longest claim, title or subtitle accepted, in characters (published claims are a sentence
/// or two; a whole article pasted into the field is a mistake worth saying so).
const MAX_TEXT_CHARS: usize = 5_000;
/// Longest key, URL, rating, publisher or author accepted, in characters.
const MAX_FIELD_CHARS: usize = 2_000;

/// The settings key of the library's generation number.
const GENERATION_SETTING: &str = "fact_checks_generation";

/// A published fact-check as read from a file, before it is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewFactCheck {
    /// What identifies it at its source (a publisher's id, else the review's URL).
    pub source_key: String,
    /// The claim that was checked, as the fact-checker states it.
    pub claim: String,
    /// The fact-check's headline.
    pub title: Option<String>,
    /// Its standfirst or summary.
    pub subtitle: Option<String>,
    /// Where it is published (absolute http or https).
    pub url: Option<String>,
    /// The verdict as the publisher words it ("False", "Mostly true").
    pub rating: Option<String>,
    /// Who published it ("Snopes").
    pub publisher: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// The day it was published.
    pub published: Option<NaiveDate>,
}

/// A fact-check in the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FactCheck {
    /// Row id.
    pub id: FactCheckId,
    /// What identifies it at its source (the publisher's id, else its URL).
    pub source_key: String,
    /// The claim that was checked.
    pub claim: String,
    /// The fact-check's headline.
    pub title: Option<String>,
    /// Its standfirst or summary.
    pub subtitle: Option<String>,
    /// Where it is published (absolute http or https), when the source gave a link.
    pub url: Option<String>,
    /// The verdict as the publisher words it.
    pub rating: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// The day it was published (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// The file it was last imported from.
    pub source_file: Option<String>,
    /// When it first came into the library (UTC RFC 3339).
    pub imported_at: String,
    /// When an import last changed it.
    pub updated_at: String,
}

/// What storing a batch of fact-checks did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FactCheckUpsert {
    /// New to the library.
    pub added: u32,
    /// Already there, with something changed.
    pub updated: u32,
    /// Already there as they are.
    pub unchanged: u32,
}

impl FactCheckUpsert {
    /// Add another batch's counts.
    pub fn add(&mut self, other: FactCheckUpsert) {
        self.added += other.added;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }
}

/// How far the library is, for the import dialog and `fact-checks` commands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FactCheckLibrary {
    /// Fact-checks in the library.
    pub total: u32,
    /// The sentence encoder's model the library is indexed by (`null`: there is none, and
    /// fact-checks are matched by their words).
    pub model: Option<String>,
    /// Those embedded by that model (the rest are matched by their words until they are).
    pub indexed: u32,
    /// Publishers with how many fact-checks each, most first.
    pub publishers: Vec<PublisherCount>,
}

/// One publisher of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PublisherCount {
    /// The publisher's name (`null`: not given).
    pub publisher: Option<String>,
    /// How many of its fact-checks the library holds.
    pub count: u32,
}

/// A fact-check's text that its vectors are computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactCheckText {
    /// The fact-check.
    pub id: FactCheckId,
    /// Its claim.
    pub claim: String,
    /// Its headline.
    pub title: Option<String>,
    /// The hash of the two: vectors computed from this text are only stored while it is
    /// still the fact-check's text.
    pub text_hash: String,
}

/// The vectors of one fact-check, computed from a [`FactCheckText`].
#[derive(Debug, Clone, PartialEq)]
pub struct FactCheckVectors {
    /// The fact-check.
    pub id: FactCheckId,
    /// The hash of the text they were computed from.
    pub text_hash: String,
    /// The claim's embedding.
    pub claim: Vec<f32>,
    /// The title's embedding, when it has a title.
    pub title: Option<Vec<f32>>,
}

/// One fact-check as the matcher indexes it.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusEntry {
    /// The fact-check.
    pub id: FactCheckId,
    /// The words the lexical index reads: claim, title and subtitle.
    pub claim: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its standfirst.
    pub subtitle: Option<String>,
    /// Its claim's and title's embeddings by the model asked for, when computed.
    pub vectors: Option<(Vec<f32>, Option<Vec<f32>>)>,
}

/// The whole library as the matcher indexes it, at one generation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Corpus {
    /// The library's generation when it was read.
    pub generation: i64,
    /// Every fact-check, in id order.
    pub entries: Vec<CorpusEntry>,
}

/// SHA-256 of what a fact-check's vectors are computed from.
fn text_hash(claim: &str, title: Option<&str>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(claim.as_bytes());
    hasher.update([0u8]);
    hasher.update(title.unwrap_or_default().as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Empty text is no text.
fn present(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// Check one fact-check before it is stored; the error names its key and the field.
fn checked(item: &NewFactCheck) -> Result<()> {
    let about = |err: Error| err.context(format!("fact-check {:?}", item.source_key));
    let key = item.source_key.trim();
    if key.is_empty() {
        return Err(Error::invalid_input(
            "a fact-check has no identifier (an `id`, else a `url`) to recognise it by when it \
             is imported again",
        )
        .with_field("id"));
    }
    check_length("the identifier", key, MAX_FIELD_CHARS).map_err(about)?;
    if item.claim.trim().is_empty() {
        return Err(about(
            Error::invalid_input("it has no claim: the claim that was checked is what is matched")
                .with_field("claim"),
        ));
    }
    check_length("the claim", item.claim.trim(), MAX_TEXT_CHARS).map_err(about)?;
    for (name, text) in [("the title", &item.title), ("the subtitle", &item.subtitle)] {
        if let Some(text) = present(text) {
            check_length(name, text, MAX_TEXT_CHARS).map_err(about)?;
        }
    }
    for (name, text) in [
        ("the rating", &item.rating),
        ("the publisher", &item.publisher),
        ("the author", &item.author),
        ("the link", &item.url),
    ] {
        if let Some(text) = present(text) {
            check_length(name, text, MAX_FIELD_CHARS).map_err(about)?;
        }
    }
    if let Some(url) = present(&item.url) {
        claimdesk_fields::validate_url(url).map_err(about)?;
    }
    Ok(())
}

const FACT_CHECK_COLUMNS: &str = "id, source_key, claim, title, subtitle, url, rating, publisher, \
     author, published, source_file, imported_at, updated_at";

fn fact_check_from_row(row: &Row<'_>) -> rusqlite::Result<FactCheck> {
    Ok(FactCheck {
        id: row.get(0)?,
        source_key: row.get(1)?,
        claim: row.get(2)?,
        title: row.get(3)?,
        subtitle: row.get(4)?,
        url: row.get(5)?,
        rating: row.get(6)?,
        publisher: row.get(7)?,
        author: row.get(8)?,
        published: row.get(9)?,
        source_file: row.get(10)?,
        imported_at: row.get(11)?,
        updated_at: row.get(12)?,
    })
}

pub(crate) fn fact_check(conn: &Connection, id: FactCheckId) -> Result<FactCheck> {
    conn.prepare_cached(&format!(
        "SELECT {FACT_CHECK_COLUMNS} FROM fact_checks WHERE id = ?1"
    ))?
    .query_row([id], fact_check_from_row)
    .optional()?
    .ok_or_else(|| Error::not_found(format!("fact-check {id} is not in the library")))
}

pub(crate) fn generation(conn: &Connection) -> Result<i64> {
    Ok(queries::setting(conn, GENERATION_SETTING)?
        .and_then(|value| value.parse().ok())
        .unwrap_or(0))
}

fn bump_generation(conn: &Connection) -> Result<()> {
    let next = generation(conn)? + 1;
    queries::put_setting(conn, GENERATION_SETTING, Some(&next.to_string()))
}

/// The file name without its folders (as articles keep it).
fn file_name_only(name: &str) -> &str {
    std::path::Path::new(name)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(name)
}

/// Insert or update one fact-check; returns whether it was added, changed or left as it was.
fn upsert(
    conn: &Connection,
    item: &NewFactCheck,
    source_file: Option<&str>,
    now: &str,
) -> Result<Change> {
    let claim = item.claim.trim();
    let title = present(&item.title);
    let subtitle = present(&item.subtitle);
    let url = present(&item.url)
        .map(claimdesk_fields::validate_url)
        .transpose()?;
    let rating = present(&item.rating);
    let publisher = present(&item.publisher);
    let author = present(&item.author);
    let published = item.published.map(|d| d.format("%Y-%m-%d").to_string());
    let hash = text_hash(claim, title);
    let key = item.source_key.trim();
    type Stored = (
        i64,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let existing: Option<Stored> = conn
        .prepare_cached(
            "SELECT id, claim, title, subtitle, url, rating, publisher, author, published
             FROM fact_checks WHERE source_key = ?1",
        )?
        .query_row([key], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
                row.get(8)?,
            ))
        })
        .optional()?;
    match existing {
        None => {
            conn.prepare_cached(
                "INSERT INTO fact_checks (source_key, claim, title, subtitle, url, rating,
                     publisher, author, published, source_file, imported_at, updated_at, text_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
            )?
            .execute(params![
                key,
                claim,
                title,
                subtitle,
                url,
                rating,
                publisher,
                author,
                published,
                source_file,
                now,
                hash
            ])?;
            Ok(Change::Added)
        }
        Some(stored) => {
            let same = stored.1 == claim
                && stored.2.as_deref() == title
                && stored.3.as_deref() == subtitle
                && stored.4.as_deref() == url.as_deref()
                && stored.5.as_deref() == rating
                && stored.6.as_deref() == publisher
                && stored.7.as_deref() == author
                && stored.8 == published;
            if same {
                return Ok(Change::Unchanged);
            }
            // Vectors computed from another claim or title no longer say what the fact-check
            // says: they go, and the fact-check is embedded again.
            conn.prepare_cached(
                "UPDATE fact_checks SET claim = ?2, title = ?3, subtitle = ?4, url = ?5,
                     rating = ?6, publisher = ?7, author = ?8, published = ?9,
                     source_file = ?10, updated_at = ?11,
                     vector_model = CASE WHEN text_hash = ?12 THEN vector_model END,
                     claim_vector = CASE WHEN text_hash = ?12 THEN claim_vector END,
                     title_vector = CASE WHEN text_hash = ?12 THEN title_vector END,
                     text_hash = ?12
                 WHERE id = ?1",
            )?
            .execute(params![
                stored.0,
                claim,
                title,
                subtitle,
                url,
                rating,
                publisher,
                author,
                published,
                source_file,
                now,
                hash
            ])?;
            Ok(Change::Updated)
        }
    }
}

enum Change {
    Added,
    Updated,
    Unchanged,
}

impl Desk {
    /// Store fact-checks read from `source_file`: new ones are added, known ones (by source
    /// key) updated where something changed. All or nothing: a fact-check that fails its
    /// checks fails the batch with an error naming it, and nothing of the batch is stored.
    pub fn upsert_fact_checks(
        &self,
        items: &[NewFactCheck],
        source_file: Option<&str>,
    ) -> Result<FactCheckUpsert> {
        for item in items {
            checked(item)?;
        }
        let source_file = source_file.map(file_name_only);
        let now = self.now();
        self.write(|tx| {
            let mut counts = FactCheckUpsert::default();
            for item in items {
                match upsert(tx, item, source_file, &now)? {
                    Change::Added => counts.added += 1,
                    Change::Updated => counts.updated += 1,
                    Change::Unchanged => counts.unchanged += 1,
                }
            }
            if counts.added + counts.updated > 0 {
                bump_generation(tx)?;
            }
            Ok(counts)
        })
    }

    /// Up to `limit` fact-checks that have no vectors by `model` yet, oldest first.
    pub fn fact_checks_to_embed(&self, model: &str, limit: usize) -> Result<Vec<FactCheckText>> {
        self.read(|conn| {
            queries::rows(
                conn,
                "SELECT id, claim, title, text_hash FROM fact_checks
                 WHERE vector_model IS NULL OR vector_model != ?1
                 ORDER BY id LIMIT ?2",
                params![model, limit as i64],
                |row| {
                    Ok(FactCheckText {
                        id: row.get(0)?,
                        claim: row.get(1)?,
                        title: row.get(2)?,
                        text_hash: row.get(3)?,
                    })
                },
            )
        })
    }

    /// Store vectors computed by `model`. A fact-check whose text changed since it was read
    /// (another import) keeps none: it is still to embed. Returns how many were stored.
    pub fn set_fact_check_vectors(&self, model: &str, items: &[FactCheckVectors]) -> Result<usize> {
        self.write(|tx| {
            let mut stored = 0;
            let mut update = tx.prepare_cached(
                "UPDATE fact_checks SET vector_model = ?3, claim_vector = ?4, title_vector = ?5
                 WHERE id = ?1 AND text_hash = ?2",
            )?;
            for item in items {
                stored += update.execute(params![
                    item.id,
                    item.text_hash,
                    model,
                    vectors::encode(&item.claim),
                    item.title.as_deref().map(vectors::encode),
                ])?;
            }
            if stored > 0 {
                bump_generation(tx)?;
            }
            Ok(stored)
        })
    }

    /// The library's generation: it changes whenever a fact-check or its vectors change.
    pub fn fact_check_generation(&self) -> Result<i64> {
        self.read(generation)
    }

    /// Every fact-check with what the matcher indexes, and the vectors `model` computed.
    pub fn fact_check_corpus(&self, model: Option<&str>) -> Result<Corpus> {
        self.read(|conn| {
            let generation = generation(conn)?;
            let mut stmt = conn.prepare(
                "SELECT id, claim, title, subtitle, vector_model = ?1, claim_vector, title_vector
                 FROM fact_checks ORDER BY id",
            )?;
            let mut rows = stmt.query([model])?;
            let mut entries = Vec::new();
            while let Some(row) = rows.next()? {
                let current: Option<bool> = row.get(4)?;
                let vectors = if current == Some(true) {
                    let claim: Vec<u8> = row.get(5)?;
                    let title: Option<Vec<u8>> = row.get(6)?;
                    Some((
                        vectors::decode(&claim)?,
                        title.as_deref().map(vectors::decode).transpose()?,
                    ))
                } else {
                    None
                };
                entries.push(CorpusEntry {
                    id: row.get(0)?,
                    claim: row.get(1)?,
                    title: row.get(2)?,
                    subtitle: row.get(3)?,
                    vectors,
                });
            }
            Ok(Corpus {
                generation,
                entries,
            })
        })
    }

    /// One fact-check.
    pub fn fact_check(&self, id: FactCheckId) -> Result<FactCheck> {
        self.read(|conn| fact_check(conn, id))
    }

    /// Fact-checks by id, in the order asked; ids not in the library are left out.
    pub fn fact_checks(&self, ids: &[FactCheckId]) -> Result<Vec<FactCheck>> {
        self.read(|conn| {
            let mut found = Vec::with_capacity(ids.len());
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {FACT_CHECK_COLUMNS} FROM fact_checks WHERE id = ?1"
            ))?;
            for &id in ids {
                if let Some(item) = stmt.query_row([id], fact_check_from_row).optional()? {
                    found.push(item);
                }
            }
            Ok(found)
        })
    }

    /// How big the library is and how much of it `model` has embedded.
    pub fn fact_check_library(&self, model: Option<&str>) -> Result<FactCheckLibrary> {
        self.read(|conn| {
            let (total, indexed): (u32, u32) = conn.query_row(
                "SELECT count(*), count(*) FILTER (WHERE vector_model = ?1) FROM fact_checks",
                [model],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?;
            let publishers = queries::rows(
                conn,
                "SELECT publisher, count(*) AS n FROM fact_checks
                 GROUP BY publisher ORDER BY n DESC, publisher LIMIT 50",
                [],
                |row| {
                    Ok(PublisherCount {
                        publisher: row.get(0)?,
                        count: row.get(1)?,
                    })
                },
            )?;
            Ok(FactCheckLibrary {
                total,
                model: model.map(str::to_string),
                indexed,
                publishers,
            })
        })
    }

    /// Attach a fact-check from the library to a claim as an evidence link (its URL, with its
    /// publisher, rating and title as the link's title), recorded and undoable like any
    /// evidence. A fact-check without a link cannot be attached; one already attached is a
    /// conflict.
    pub fn attach_fact_check(
        &self,
        claim_id: ClaimId,
        fact_check_id: FactCheckId,
        stance: Stance,
        by: Option<&str>,
    ) -> Result<ClaimDetail> {
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let claim = queries::live_claim(tx, claim_id)?;
            let item = fact_check(tx, fact_check_id)?;
            let Some(url) = item.url.as_deref() else {
                return Err(Error::new(
                    ErrorKind::InvalidInput,
                    format!(
                        "fact-check {fact_check_id} has no link to attach; find it on the \
                         publisher's site and add the link as evidence"
                    ),
                )
                .with_field("url"));
            };
            let title = evidence_title(&item);
            let label = format!("attached the fact-check from {}", site(url));
            let mut rec = Recorder::new(tx, &now, &by, ActionKind::AddEvidence, label)
                .about(claim.article_id, Some(claim_id));
            let link = NewEvidence {
                url,
                title: Some(&title),
                stance,
                note: "",
            };
            attach_evidence(
                &mut rec,
                &claim,
                &link,
                Some(json!({ "fact_check": fact_check_id })),
            )?;
            queries::claim_detail(tx, claim_id)
        })
    }
}

/// How an attached fact-check reads in the evidence list: "Snopes (False): Did a video show …".
fn evidence_title(item: &FactCheck) -> String {
    let source = match (&item.publisher, &item.rating) {
        (Some(publisher), Some(rating)) => format!("{publisher} ({rating})"),
        (Some(publisher), None) => publisher.clone(),
        (None, Some(rating)) => format!("Fact-check ({rating})"),
        (None, None) => "Fact-check".to_string(),
    };
    let headline = item.title.as_deref().unwrap_or(&item.claim);
    format!("{source}: {headline}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_hash_sees_the_claim_and_the_title_apart() {
        assert_ne!(text_hash("ab", Some("c")), text_hash("a", Some("bc")));
        assert_eq!(text_hash("a", None), text_hash("a", Some("")));
    }

    #[test]
    fn an_evidence_title_names_the_publisher_and_the_rating() {
        let item = FactCheck {
            id: 1,
            source_key: "k".into(),
            claim: "Ferries will be free.".into(),
            title: Some("Are ferries free?".into()),
            subtitle: None,
            url: None,
            rating: Some("False".into()),
            publisher: Some("Harbour Checks".into()),
            author: None,
            published: None,
            source_file: None,
            imported_at: String::new(),
            updated_at: String::new(),
        };
        assert_eq!(
            evidence_title(&item),
            "Harbour Checks (False): Are ferries free?"
        );
    }
}
