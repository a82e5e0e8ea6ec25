//! Finding claims and articles: filters, full-text search (SQLite FTS5) and pages.
//!
//! Whatever the editor types is searched for as words, never run as FTS5 syntax: each word is
//! quoted (so `AND`, `"`, `*`, `(` and `-` are just characters, and a stray one can never
//! become a syntax error), words must all match, and the last word matches as a prefix while
//! it is still being typed. Matches come back as [`TextRun`]s, not markup, so nothing the
//! editor or an article wrote can inject HTML into the UI.

use chrono::NaiveDate;
use rusqlite::Connection;
use rusqlite::types::Value as SqlValue;

use crate::error::{Error, Result};
use crate::records::{
    ArticleHit, Claim, ClaimHit, ClaimOrder, ClaimPage, DateField, SpeakerCount, TextRun,
};
use crate::store::queries::{self, ArticleSet, CLAIM_COLUMN_COUNT, CLAIM_COLUMNS, claim_from_row};
use crate::store::{ClaimFilter, ClaimQuery, Desk};

/// Marks FTS5 puts around matched words; private-use characters, never in article text that
/// matters (and harmless if they are: a run boundary moves, nothing else).
const HIT_START: char = '\u{E000}';
const HIT_END: char = '\u{E001}';

/// The page size when none is asked for, and the largest one served.
pub const DEFAULT_PAGE: u32 = 100;
/// The largest page served.
pub const MAX_PAGE: u32 = 1_000;

/// Words in a note excerpt around its matches.
const NOTE_SNIPPET_WORDS: u32 = 12;
/// Words in an article excerpt around its matches.
const ARTICLE_SNIPPET_WORDS: u32 = 24;

/// Turn what an editor typed into an FTS5 query that matches every word, the last one as a
/// prefix while it is being typed; `None` when there is no word in it at all.
///
/// Each whitespace-separated piece becomes one quoted phrase of its letters and digits
/// ("U.S." → `"U S"`, "$48m" → `"48m"`), so the query holds no operator, quote or bracket the
/// editor did not mean.
pub fn fts_query(typed: &str) -> Option<String> {
    let still_typing = !typed.ends_with(char::is_whitespace);
    let phrases: Vec<String> = typed
        .split_whitespace()
        .filter_map(|piece| {
            let words: Vec<&str> = piece
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            (!words.is_empty()).then(|| format!("\"{}\"", words.join(" ")))
        })
        .collect();
    let last = phrases.len().checked_sub(1)?;
    Some(
        phrases
            .into_iter()
            .enumerate()
            .map(|(i, phrase)| {
                if i == last && still_typing {
                    format!("{phrase}*")
                } else {
                    phrase
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Split FTS5's marked text into runs.
fn runs(marked: &str) -> Vec<TextRun> {
    let mut runs = Vec::new();
    let mut current = String::new();
    let mut hit = false;
    for c in marked.chars() {
        if c == HIT_START || c == HIT_END {
            if !current.is_empty() {
                runs.push(TextRun {
                    text: std::mem::take(&mut current),
                    hit,
                });
            }
            hit = c == HIT_START;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        runs.push(TextRun { text: current, hit });
    }
    runs
}

/// A query's `FROM ... WHERE ...` with its parameters, built from only the filters in use,
/// so that SQLite can pick the index that fits.
struct Where {
    from: &'static str,
    conditions: Vec<String>,
    params: Vec<SqlValue>,
    searching: bool,
}

impl Where {
    fn of(filter: &ClaimFilter) -> Result<Where> {
        let fts = filter.query.as_deref().and_then(fts_query);
        let mut clause = Where {
            from: if fts.is_some() {
                "claims_fts AS f JOIN claims AS c ON c.id = f.rowid \
                 JOIN articles AS a ON a.id = c.article_id"
            } else {
                "claims AS c JOIN articles AS a ON a.id = c.article_id"
            },
            conditions: vec![
                "c.removed_at IS NULL".to_string(),
                "a.deleted_at IS NULL".to_string(),
            ],
            params: Vec::new(),
            searching: fts.is_some(),
        };
        if let Some(fts) = fts {
            clause.condition("claims_fts MATCH ?", [SqlValue::Text(fts)]);
        }
        if let Some(id) = filter.article_id {
            clause.condition("c.article_id = ?", [SqlValue::Integer(id)]);
        }
        clause.one_of("c.status", filter.statuses.iter().map(|s| s.as_str()));
        clause.one_of("c.kind", filter.kinds.iter().map(|k| k.as_str()));
        if let Some(speaker) = filter
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            clause.condition(
                "c.speaker = ? COLLATE NOCASE",
                [SqlValue::Text(speaker.to_string())],
            );
        }
        for (bound, op) in [(filter.min_score, ">="), (filter.max_score, "<=")] {
            if let Some(bound) = bound {
                if !(0.0..=1.0).contains(&bound) {
                    return Err(Error::invalid_input(format!(
                        "a score bound must be between 0 and 1; {bound} is not"
                    )));
                }
                clause.condition(&format!("c.score {op} ?"), [SqlValue::Real(bound)]);
            }
        }
        if let Some(checkworthy) = filter.checkworthy {
            clause.condition(
                "c.checkworthy = ?",
                [SqlValue::Integer(i64::from(checkworthy))],
            );
        }
        if filter.date_from.is_some() || filter.date_to.is_some() {
            let day = |d: Option<NaiveDate>, default: &str| {
                SqlValue::Text(d.map_or(default.to_string(), |d| d.format("%Y-%m-%d").to_string()))
            };
            if let (Some(from), Some(to)) = (filter.date_from, filter.date_to)
                && from > to
            {
                return Err(Error::invalid_input(format!(
                    "the date range starts ({from}) after it ends ({to}); swap the dates"
                )));
            }
            let from = day(filter.date_from, "0000-01-01");
            let to = day(filter.date_to, "9999-12-31");
            match filter.date_field {
                DateField::Claim => clause.condition(
                    "c.id IN (SELECT claim_id FROM claim_dates WHERE first_day <= ? AND last_day >= ?)",
                    [to, from],
                ),
                DateField::Published => {
                    clause.condition("a.published >= ? AND a.published <= ?", [from, to])
                }
            }
        }
        Ok(clause)
    }

    fn condition(&mut self, sql: &str, params: impl IntoIterator<Item = SqlValue>) {
        self.conditions.push(sql.to_string());
        self.params.extend(params);
    }

    fn one_of<'a>(&mut self, column: &str, values: impl Iterator<Item = &'a str>) {
        let values: Vec<SqlValue> = values.map(|v| SqlValue::Text(v.to_string())).collect();
        if values.is_empty() {
            return;
        }
        let marks = vec!["?"; values.len()].join(", ");
        self.condition(&format!("{column} IN ({marks})"), values);
    }

    fn sql(&self) -> String {
        format!("FROM {} WHERE {}", self.from, self.conditions.join(" AND "))
    }
}

fn order_by(order: ClaimOrder, searching: bool) -> &'static str {
    match order {
        ClaimOrder::Auto | ClaimOrder::Relevance if searching => "f.rank, c.id",
        ClaimOrder::Auto | ClaimOrder::Relevance | ClaimOrder::Position => {
            "c.article_id DESC, c.start, c.id"
        }
        ClaimOrder::Score => "c.score DESC, c.id",
        ClaimOrder::Recent => "c.updated_at DESC, c.id DESC",
    }
}

/// Every claim on the desk matching `filter`, by article (oldest first) and position: the
/// order of the command line's list and of reports.
pub(crate) fn all_claims(conn: &Connection, filter: &ClaimFilter) -> Result<Vec<Claim>> {
    let clause = Where::of(filter)?;
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} {} ORDER BY c.article_id, c.start, c.\"end\", c.id",
        clause.sql()
    );
    queries::rows(
        conn,
        &sql,
        rusqlite::params_from_iter(clause.params.iter()),
        claim_from_row,
    )
}

/// One page of the claims matching the query, with the total.
pub(crate) fn find_claims(conn: &Connection, query: &ClaimQuery) -> Result<ClaimPage> {
    let clause = Where::of(&query.filter)?;
    let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    let offset = query.offset.unwrap_or(0);
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) {}", clause.sql()))?
        .query_row(rusqlite::params_from_iter(clause.params.iter()), |row| {
            row.get(0)
        })?;
    let marks = if clause.searching {
        format!(
            ", highlight(claims_fts, 0, '{HIT_START}', '{HIT_END}'), \
             snippet(claims_fts, 1, '{HIT_START}', '{HIT_END}', '\u{2026}', {NOTE_SNIPPET_WORDS})"
        )
    } else {
        String::new()
    };
    let sql = format!(
        "SELECT {CLAIM_COLUMNS}, a.title{marks} {} ORDER BY {} LIMIT ? OFFSET ?",
        clause.sql(),
        order_by(query.order, clause.searching)
    );
    let mut params = clause.params.clone();
    params.push(SqlValue::Integer(i64::from(limit)));
    params.push(SqlValue::Integer(i64::from(offset)));
    let searching = clause.searching;
    let claims = queries::rows(
        conn,
        &sql,
        rusqlite::params_from_iter(params.iter()),
        |row| {
            let title_column = CLAIM_COLUMN_COUNT;
            let (text_runs, note_runs) = if searching {
                let text: String = row.get(title_column + 1)?;
                let note: String = row.get(title_column + 2)?;
                let note_runs = note.contains(HIT_START).then(|| runs(&note));
                (Some(runs(&text)), note_runs)
            } else {
                (None, None)
            };
            Ok(ClaimHit {
                claim: claim_from_row(row)?,
                article_title: row.get(title_column)?,
                text_runs,
                note_runs,
            })
        },
    )?;
    Ok(ClaimPage {
        claims,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        offset,
        limit,
    })
}

/// Articles whose headline or text holds every word typed, best match first.
pub(crate) fn find_articles(
    conn: &Connection,
    typed: &str,
    deleted: bool,
    limit: u32,
) -> Result<Vec<ArticleHit>> {
    let Some(fts) = fts_query(typed) else {
        return Ok(Vec::new());
    };
    let state = if deleted {
        "a.deleted_at IS NOT NULL"
    } else {
        "a.deleted_at IS NULL"
    };
    let found: Vec<(i64, String)> = queries::rows(
        conn,
        &format!(
            "SELECT a.id, snippet(articles_fts, -1, '{HIT_START}', '{HIT_END}', '\u{2026}',
                                 {ARTICLE_SNIPPET_WORDS})
             FROM articles_fts AS f JOIN articles AS a ON a.id = f.rowid
             WHERE articles_fts MATCH ?1 AND {state}
             ORDER BY f.rank LIMIT ?2"
        ),
        rusqlite::params![fts, i64::from(limit.clamp(1, MAX_PAGE))],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    found
        .into_iter()
        .map(|(id, snippet)| {
            let article = queries::article_summaries(conn, ArticleSet::One(id))?
                .pop()
                .ok_or_else(|| queries::article_not_found(id))?;
            Ok(ArticleHit {
                article,
                snippet: runs(&snippet),
            })
        })
        .collect()
}

/// The speakers of the claims on the desk, most claims first.
pub(crate) fn speakers(conn: &Connection, limit: u32) -> Result<Vec<SpeakerCount>> {
    queries::rows(
        conn,
        "SELECT min(c.speaker), count(*) AS claims
         FROM claims AS c JOIN articles AS a ON a.id = c.article_id
         WHERE c.speaker IS NOT NULL AND c.removed_at IS NULL AND a.deleted_at IS NULL
         GROUP BY c.speaker COLLATE NOCASE
         ORDER BY claims DESC, 1 LIMIT ?1",
        [i64::from(limit.clamp(1, 10_000))],
        |row| {
            Ok(SpeakerCount {
                speaker: row.get(0)?,
                claims: row.get(1)?,
            })
        },
    )
}

impl Desk {
    /// One page of the claims matching `query`, with how many match in all.
    pub fn find_claims(&self, query: &ClaimQuery) -> Result<ClaimPage> {
        self.read(|conn| {
            if let Some(id) = query.filter.article_id {
                // An empty page for a wrong id would read as "no claims"; say what is wrong.
                queries::article_summary(conn, id)?;
            }
            find_claims(conn, query)
        })
    }

    /// Articles whose headline or text holds every word of `typed` (the deleted ones with
    /// `deleted`), best match first, with an excerpt around the match.
    pub fn find_articles(&self, typed: &str, deleted: bool, limit: u32) -> Result<Vec<ArticleHit>> {
        self.read(|conn| find_articles(conn, typed, deleted, limit))
    }

    /// The speakers of the claims on the desk with their claim counts, most claims first.
    pub fn speakers(&self, limit: u32) -> Result<Vec<SpeakerCount>> {
        self.read(|conn| speakers(conn, limit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::one_word_being_typed("bridg", Some("\"bridg\"*"))]
    #[case::finished_word("bridge ", Some("\"bridge\""))]
    #[case::quote("\"council", Some("\"council\"*"))]
    #[case::lone_quote("\"", None)]
    #[case::operators_are_words(
        "tolls AND NOT trucks",
        Some("\"tolls\" \"AND\" \"NOT\" \"trucks\"*")
    )]
    #[case::star_and_bracket("(48* million", Some("\"48\" \"million\"*"))]
    #[case::abbreviation("U.S. sanctions ", Some("\"U S\" \"sanctions\""))]
    #[case::only_punctuation(" (*) - ", None)]
    #[case::accents("café", Some("\"café\"*"))]
    fn typed_text_becomes_quoted_words(#[case] typed: &str, #[case] expected: Option<&str>) {
        assert_eq!(fts_query(typed).as_deref(), expected);
    }

    #[test]
    fn marked_text_splits_into_runs() {
        let marked = format!("a {HIT_START}bridge{HIT_END} toll");
        assert_eq!(
            runs(&marked),
            [
                TextRun {
                    text: "a ".into(),
                    hit: false
                },
                TextRun {
                    text: "bridge".into(),
                    hit: true
                },
                TextRun {
                    text: " toll".into(),
                    hit: false
                },
            ]
        );
    }
}
