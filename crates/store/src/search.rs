//! Finding claims and articles: filters, full-text search (SQLite FTS5) and pages.
//!
//! Whatever the editor types is searched for as words, never run as FTS5 syntax: each word is
//! quoted (so `AND`, `"`, `*`, `(` and `-` are just characters, and a stray one can never
//! become a syntax error), words must all match, and the last word matches as a prefix while
//! it is still being typed. Matches come back as [`TextRun`]s, not markup, so nothing the
//! editor or an article wrote can inject HTML into the UI.

use chrono::NaiveDate;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension};

use crate::queries::{self, ArticleSet, CLAIM_COLUMN_COUNT, CLAIM_COLUMNS, claim_from_row};
use crate::records::{
    ArticleHit, Claim, ClaimHit, ClaimOrder, ClaimPage, DateField, SpeakerCount, TextRun,
};
use crate::{ClaimFilter, ClaimQuery, Desk};
use claimdesk_error::{Error, Result};

/// Marks FTS5 puts around matched words; private-use characters, never in article text that
/// matters (and harmless if they are: a run boundary moves, nothing else).
const HIT_START: char = '\u{E000}';
const HIT_END: char = '\u{E001}';

/// The page size when none is asked for, and the largest one served.
pub const DEFAULT_PAGE: u32 = 100;
/// The largest page served.
pub const MAX_PAGE: u32 = 1_000;

/// Words on each side of the first match in a note excerpt.
const NOTE_SNIPPET_WORDS: usize = 8;
/// Words in an article excerpt around its matches.
const ARTICLE_SNIPPET_WORDS: u32 = 24;

/// The shortest word that matches as a prefix while it is being typed. Shorter beginnings
/// ("c", "co") would match most of the desk, which is slow and useless to read.
const MIN_PREFIX_CHARS: usize = 3;

/// What an editor typed, read as words to find.
///
/// Each whitespace-separated piece is a phrase of its letters and digits ("U.S." → "U S",
/// "$48m" → "48m"), so the FTS5 query holds no operator, quote or bracket the editor did not
/// mean. A word still being typed matches as a prefix from its third character; before that
/// it is left out while other words are there (so the results do not flicker away as a new
/// word begins) and matches as a whole word when it is alone ("EU").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// The phrases as typed, each a list of words.
    phrases: Vec<Vec<String>>,
    /// Whether the last word of the last phrase matches as a prefix.
    prefix: bool,
}

impl Search {
    /// Read what was typed; `None` when there is no word in it at all.
    pub fn parse(typed: &str) -> Option<Search> {
        let still_typing = !typed.ends_with(char::is_whitespace);
        let mut phrases: Vec<Vec<String>> = typed
            .split_whitespace()
            .map(|piece| {
                piece
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .filter(|words| !words.is_empty())
            .collect();
        let last_word = phrases.last()?.last()?.chars().count();
        let prefix = match (still_typing, last_word >= MIN_PREFIX_CHARS) {
            (false, _) => false,
            (true, true) => true,
            (true, false) if phrases.len() == 1 => false,
            (true, false) => {
                phrases.pop();
                false
            }
        };
        Some(Search { phrases, prefix })
    }

    /// The FTS5 query: every phrase quoted, the last one a prefix when it is being typed.
    pub fn fts(&self) -> String {
        let quoted: Vec<String> = self
            .phrases
            .iter()
            .map(|words| format!("\"{}\"", words.join(" ")))
            .collect();
        let mut query = quoted.join(" ");
        if self.prefix {
            query.push('*');
        }
        query
    }

    /// Whether a word of a text is one of the words searched for.
    fn is_hit(&self, word: &str) -> bool {
        let word = fold(word);
        let last = self.phrases.len() - 1;
        self.phrases.iter().enumerate().any(|(p, words)| {
            words.iter().enumerate().any(|(w, wanted)| {
                let wanted = fold(wanted);
                if self.prefix && p == last && w == words.len() - 1 {
                    word.starts_with(&wanted)
                } else {
                    word == wanted
                }
            })
        })
    }

    /// `text` as runs, the words searched for marked.
    pub fn mark(&self, text: &str) -> Vec<TextRun> {
        let mut runs: Vec<TextRun> = Vec::new();
        for (word, is_word) in words_and_gaps(text) {
            let hit = is_word && self.is_hit(word);
            match runs.last_mut() {
                Some(run) if run.hit == hit && !hit => run.text.push_str(word),
                _ => runs.push(TextRun {
                    text: word.to_string(),
                    hit,
                }),
            }
        }
        runs
    }

    /// The first match in `text` with up to `words` words on each side, marked, with "…"
    /// where text was left out; `None` when nothing in it matches.
    pub fn excerpt(&self, text: &str, words: usize) -> Option<Vec<TextRun>> {
        let pieces = words_and_gaps(text);
        let first = pieces
            .iter()
            .position(|&(piece, is_word)| is_word && self.is_hit(piece))?;
        // Pieces alternate words and gaps: `words` words are twice as many pieces.
        let from = first.saturating_sub(2 * words);
        let to = (first + 2 * words + 1).min(pieces.len());
        let mut runs = Vec::new();
        if from > 0 {
            runs.push(TextRun {
                text: "\u{2026}".to_string(),
                hit: false,
            });
        }
        let middle: String = pieces[from..to].iter().map(|(piece, _)| *piece).collect();
        runs.extend(self.mark(middle.trim()));
        if to < pieces.len() {
            runs.push(TextRun {
                text: "\u{2026}".to_string(),
                hit: false,
            });
        }
        Some(runs)
    }
}

/// The words (runs of letters and digits, as FTS5's tokenizer reads them) and the gaps
/// between them, in order; `true` marks a word.
fn words_and_gaps(text: &str) -> Vec<(&str, bool)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut in_word = None;
    for (at, c) in text.char_indices() {
        let word = c.is_alphanumeric();
        if in_word != Some(word) {
            if let Some(was_word) = in_word {
                pieces.push((&text[start..at], was_word));
            }
            start = at;
            in_word = Some(word);
        }
    }
    if let Some(was_word) = in_word {
        pieces.push((&text[start..], was_word));
    }
    pieces
}

/// A word as the full-text index compares it: lower case, without the accents of Latin
/// letters (the index is built with `remove_diacritics`).
fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
            'ď' | 'đ' => 'd',
            'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
            'ğ' | 'ġ' | 'ģ' => 'g',
            'ì'..='ï' | 'ī' | 'ĭ' | 'į' => 'i',
            'ł' | 'ľ' | 'ĺ' | 'ļ' => 'l',
            'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
            'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
            'ř' | 'ŕ' | 'ŗ' => 'r',
            'ś' | 'ŝ' | 'ş' | 'š' => 's',
            'ţ' | 'ť' => 't',
            'ù'..='ü' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            other => other,
        })
        .collect()
}

/// The FTS5 query for what an editor typed (see [`Search`]); `None` when there is no word.
pub fn fts_query(typed: &str) -> Option<String> {
    Search::parse(typed).map(|search| search.fts())
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
/// so that SQLite can pick the index that fits: the claim list's covering indexes for filters
/// and counts, the full-text index alone for a plain search.
struct Where {
    conditions: Vec<String>,
    params: Vec<SqlValue>,
    /// The words searched for, when searching.
    search: Option<Search>,
    /// Whether a condition reads the claims table (a plain search does not need it).
    reads_claims: bool,
    /// Whether a condition reads the articles table.
    reads_articles: bool,
}

impl Where {
    fn of(filter: &ClaimFilter) -> Result<Where> {
        let search = filter.query.as_deref().and_then(Search::parse);
        let mut clause = Where {
            conditions: Vec::new(),
            params: Vec::new(),
            search: search.clone(),
            reads_claims: false,
            reads_articles: false,
        };
        if let Some(search) = search {
            clause.conditions.push("claims_fts MATCH ?".to_string());
            clause.params.push(SqlValue::Text(search.fts()));
        }
        if let Some(id) = filter.article_id {
            clause.on_claims("c.article_id = ?", [SqlValue::Integer(id)]);
        }
        clause.one_of("c.status", filter.statuses.iter().map(|s| s.as_str()));
        clause.one_of("c.kind", filter.kinds.iter().map(|k| k.as_str()));
        if let Some(speaker) = filter
            .speaker
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            // The whole name or any of its words: "Trump" finds "Donald Trump". The speakers
            // that match are found once (one pass over the speaker index), then their claims
            // through it.
            clause.on_claims(
                "c.speaker COLLATE NOCASE IN (SELECT DISTINCT speaker FROM claims
                               WHERE speaker = ? COLLATE NOCASE
                                  OR ' ' || speaker || ' ' LIKE ? ESCAPE '\\')",
                [
                    SqlValue::Text(speaker.to_string()),
                    SqlValue::Text(format!("% {} %", escape_like(speaker))),
                ],
            );
        }
        for (bound, op) in [(filter.min_score, ">="), (filter.max_score, "<=")] {
            if let Some(bound) = bound {
                if !(0.0..=1.0).contains(&bound) {
                    return Err(Error::invalid_input(format!(
                        "a score bound must be between 0 and 1; {bound} is not"
                    )));
                }
                clause.on_claims(&format!("c.score {op} ?"), [SqlValue::Real(bound)]);
            }
        }
        if let Some(editor) = filter
            .assignee
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            let editor = SqlValue::Text(editor.to_string());
            // Two index lookups (the claims held directly, through their partial index; the
            // claims of held articles, through their article) instead of a test of every claim.
            clause.on_claims(
                "c.id IN (SELECT id FROM claims WHERE assignee = ? \
                          UNION ALL \
                          SELECT h.id FROM articles AS a JOIN claims AS h ON h.article_id = a.id \
                          WHERE a.assignee = ? AND h.assignee IS NULL)",
                [editor.clone(), editor],
            );
        }
        if let Some(checkworthy) = filter.checkworthy {
            clause.on_claims(
                "c.checkworthy = ?",
                [SqlValue::Integer(i64::from(checkworthy))],
            );
        }
        if let Some(caption) = filter.caption {
            clause.on_claims("c.caption = ?", [SqlValue::Integer(i64::from(caption))]);
        }
        if filter.date_from.is_some() || filter.date_to.is_some() {
            if let (Some(from), Some(to)) = (filter.date_from, filter.date_to)
                && from > to
            {
                return Err(Error::invalid_input(format!(
                    "the date range starts ({from}) after it ends ({to}); swap the dates"
                )));
            }
            let day = |d: Option<NaiveDate>, default: &str| {
                SqlValue::Text(d.map_or(default.to_string(), |d| d.format("%Y-%m-%d").to_string()))
            };
            let from = day(filter.date_from, "0000-01-01");
            let to = day(filter.date_to, "9999-12-31");
            match filter.date_field {
                // A claim's date covers at most a year (a day, a month or a year), so it can
                // only overlap the range if it starts less than a year before it: that bound
                // keeps the index range small.
                DateField::Claim => clause.on_claims(
                    "c.id IN (SELECT claim_id FROM claim_dates
                              WHERE first_day <= ? AND first_day >= date(?, '-1 year')
                                AND last_day >= ?)",
                    [to, from.clone(), from],
                ),
                DateField::Published => {
                    clause.reads_articles = true;
                    clause.on_claims("a.published >= ? AND a.published <= ?", [from, to]);
                }
            }
        }
        Ok(clause)
    }

    fn on_claims(&mut self, sql: &str, params: impl IntoIterator<Item = SqlValue>) {
        self.reads_claims = true;
        self.conditions.push(sql.to_string());
        self.params.extend(params);
    }

    fn one_of<'a>(&mut self, column: &str, values: impl Iterator<Item = &'a str>) {
        let values: Vec<SqlValue> = values.map(|v| SqlValue::Text(v.to_string())).collect();
        if values.is_empty() {
            return;
        }
        let marks = vec!["?"; values.len()].join(", ");
        self.on_claims(&format!("{column} IN ({marks})"), values);
    }

    /// `FROM ... WHERE ...`; `with_claims` when the caller reads claim columns too.
    fn sql(&self, with_claims: bool) -> String {
        let mut conditions = self.conditions.clone();
        let from = match (&self.search, with_claims || self.reads_claims) {
            // The full-text index holds only claims on the desk.
            (Some(_), false) => "claims_fts AS f".to_string(),
            (Some(_), true) => "claims_fts AS f JOIN claims AS c ON c.id = f.rowid".to_string(),
            (None, _) => {
                conditions.insert(0, "c.hidden = 0".to_string());
                "claims AS c".to_string()
            }
        };
        let from = if self.reads_articles {
            format!("{from} JOIN articles AS a ON a.id = c.article_id")
        } else {
            from
        };
        if conditions.is_empty() {
            format!("FROM {from}")
        } else {
            format!("FROM {from} WHERE {}", conditions.join(" AND "))
        }
    }
}

/// `text` for a LIKE pattern whose escape is a backslash: its `%`, `_` and backslashes match
/// themselves.
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// The `ORDER BY` of a claim list, and whether it reads claim columns; `with_captions` when
/// the list mixes captions' claims with the body's.
fn order_by(order: ClaimOrder, searching: bool, with_captions: bool) -> (&'static str, bool) {
    match order {
        ClaimOrder::Auto | ClaimOrder::Relevance if searching => ("f.rank, f.rowid", false),
        ClaimOrder::Auto | ClaimOrder::Relevance | ClaimOrder::Position => {
            ("c.article_id DESC, c.start, c.id", true)
        }
        // A photo caption's claim never ranks above a claim of an article's body: captions
        // restate the story in a line, and an editor checks the body first. (When the filter
        // keeps one side only, the plain order reads the covering index alone.)
        ClaimOrder::Score if with_captions => ("c.caption, c.score DESC, c.id", true),
        ClaimOrder::Score => ("c.score DESC, c.id", true),
        ClaimOrder::Recent => ("c.updated_at DESC, c.id DESC", true),
    }
}

/// Every claim on the desk matching `filter`, by article (oldest first) and position: the
/// order of the command line's list and of reports.
pub(crate) fn all_claims(conn: &Connection, filter: &ClaimFilter) -> Result<Vec<Claim>> {
    let clause = Where::of(filter)?;
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} {} ORDER BY c.article_id, c.start, c.\"end\", c.id",
        clause.sql(true)
    );
    queries::rows(
        conn,
        &sql,
        rusqlite::params_from_iter(clause.params.iter()),
        claim_from_row,
    )
}

/// One page of the claims matching the query, with the total.
///
/// Only the page's rows are ever read whole: the page's ids and the total come from the
/// indexes (the claim list's covering indexes, or the full-text index in one pass with the
/// total as a window count), then the page's claims are read by id and their matches marked.
pub(crate) fn find_claims(conn: &Connection, query: &ClaimQuery) -> Result<ClaimPage> {
    let clause = Where::of(&query.filter)?;
    let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
    let offset = query.offset.unwrap_or(0);
    let searching = clause.search.is_some();
    let (order, reads_claims) = order_by(query.order, searching, query.filter.caption.is_none());
    let id = if searching && !(reads_claims || clause.reads_claims) {
        "f.rowid"
    } else {
        "c.id"
    };
    let count = |clause: &Where| -> Result<i64> {
        Ok(conn
            .prepare_cached(&format!("SELECT count(*) {}", clause.sql(false)))?
            .query_row(rusqlite::params_from_iter(clause.params.iter()), |row| {
                row.get(0)
            })?)
    };
    let mut params = clause.params.clone();
    params.push(SqlValue::Integer(i64::from(limit)));
    params.push(SqlValue::Integer(i64::from(offset)));
    let (ids, total) = if searching {
        // A search reads its matches once, for the page and the total together.
        let rows: Vec<(i64, i64)> = queries::rows(
            conn,
            &format!(
                "SELECT {id}, count(*) OVER () {} ORDER BY {order} LIMIT ? OFFSET ?",
                clause.sql(reads_claims)
            ),
            rusqlite::params_from_iter(params.iter()),
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let total = match rows.first() {
            Some(&(_, total)) => total,
            None if offset == 0 => 0,
            None => count(&clause)?,
        };
        (rows.into_iter().map(|(id, _)| id).collect(), total)
    } else {
        let ids: Vec<i64> = queries::rows(
            conn,
            &format!(
                "SELECT {id} {} ORDER BY {order} LIMIT ? OFFSET ?",
                clause.sql(reads_claims)
            ),
            rusqlite::params_from_iter(params.iter()),
            |row| row.get(0),
        )?;
        (ids, count(&clause)?)
    };
    let mut claims = page_rows(conn, &ids)?;
    if let Some(search) = &clause.search {
        for hit in &mut claims {
            hit.text_runs = Some(search.mark(&hit.claim.extracted.text));
            hit.note_runs = search.excerpt(&hit.claim.note, NOTE_SNIPPET_WORDS);
        }
    }
    Ok(ClaimPage {
        claims,
        total: u32::try_from(total).unwrap_or(u32::MAX),
        offset,
        limit,
    })
}

/// The claims `ids`, in that order, with their article titles.
fn page_rows(conn: &Connection, ids: &[i64]) -> Result<Vec<ClaimHit>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let title = CLAIM_COLUMN_COUNT;
    let mut hits: Vec<ClaimHit> = queries::rows(
        conn,
        &format!(
            "SELECT {CLAIM_COLUMNS}, a.title
             FROM claims AS c JOIN articles AS a ON a.id = c.article_id
             WHERE c.id IN (SELECT value FROM json_each(?1))"
        ),
        [serde_json::to_string(ids)?],
        |row| {
            Ok(ClaimHit {
                claim: claim_from_row(row)?,
                article_title: row.get(title)?,
                text_runs: None,
                note_runs: None,
            })
        },
    )?;
    let position: std::collections::HashMap<i64, usize> =
        ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    hits.sort_by_key(|hit| position.get(&hit.claim.id).copied().unwrap_or(usize::MAX));
    Ok(hits)
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
    let counts = queries::rows(
        conn,
        "SELECT min(speaker), count(*) AS claims FROM claims INDEXED BY claims_by_speaker
         WHERE speaker IS NOT NULL AND hidden = 0
         GROUP BY speaker COLLATE NOCASE
         ORDER BY claims DESC, 1 LIMIT ?1",
        [i64::from(limit.clamp(1, 10_000))],
        |row| Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?)),
    )?;
    // The role and type an editor last gave each speaker: only corrected claims carry them,
    // and a small partial index holds just those.
    let mut details = conn.prepare_cached(
        "SELECT speaker_role, speaker_type FROM claims INDEXED BY claims_speaker_details
         WHERE speaker = ?1 COLLATE NOCASE
           AND (speaker_role IS NOT NULL OR speaker_type IS NOT NULL)
         ORDER BY updated_at DESC LIMIT 1",
    )?;
    counts
        .into_iter()
        .map(|(speaker, claims)| {
            let found: Option<(Option<String>, Option<String>)> = details
                .query_row([&speaker], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()?;
            let (role, kind) = found.unwrap_or_default();
            Ok(SpeakerCount {
                speaker,
                claims,
                role,
                speaker_type: kind.map(|k| k.parse()).transpose()?,
            })
        })
        .collect()
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
    #[case::a_short_word_alone_is_a_whole_word("EU", Some("\"EU\""))]
    #[case::a_short_word_begun_after_others_waits("rough sl", Some("\"rough\""))]
    #[case::a_short_finished_word_counts("EU law", Some("\"EU\" \"law\"*"))]
    #[case::finished_word("bridge ", Some("\"bridge\""))]
    #[case::quote("\"council", Some("\"council\"*"))]
    #[case::lone_quote("\"", None)]
    #[case::operators_are_words(
        "tolls AND NOT trucks",
        Some("\"tolls\" \"AND\" \"NOT\" \"trucks\"*")
    )]
    #[case::star_and_bracket("(48* million", Some("\"48\" \"million\"*"))]
    #[case::number_being_typed("12", Some("\"12\""))]
    #[case::abbreviation("U.S. sanctions ", Some("\"U S\" \"sanctions\""))]
    #[case::only_punctuation(" (*) - ", None)]
    #[case::accents("café", Some("\"café\"*"))]
    fn typed_text_becomes_quoted_words(#[case] typed: &str, #[case] expected: Option<&str>) {
        assert_eq!(fts_query(typed).as_deref(), expected);
    }

    fn marked(runs: &[TextRun]) -> String {
        runs.iter()
            .map(|r| {
                if r.hit {
                    format!("[{}]", r.text)
                } else {
                    r.text.clone()
                }
            })
            .collect()
    }

    #[rstest]
    #[case::prefix_being_typed(
        "brid",
        "The bridge, the Bridgeport road",
        "The [bridge], the [Bridgeport] road"
    )]
    #[case::whole_words("toll ", "Tolls and a toll.", "Tolls and a [toll].")]
    #[case::accents_fold("cafe", "Café owners", "[Café] owners")]
    #[case::phrase_words("U.S. sanctions", "New U.S. sanctions", "New [U].[S]. [sanctions]")]
    fn matches_are_marked_as_the_index_reads_words(
        #[case] typed: &str,
        #[case] text: &str,
        #[case] expected: &str,
    ) {
        let search = Search::parse(typed).unwrap();
        assert_eq!(marked(&search.mark(text)), expected);
    }

    #[test]
    fn an_excerpt_shows_the_first_match_with_words_around_it() {
        let search = Search::parse("ledger ").unwrap();
        let note = "one two three four five six seven the ledger says eight nine ten eleven";
        let excerpt = search.excerpt(note, 2).unwrap();
        assert_eq!(
            marked(&excerpt),
            "\u{2026}seven the [ledger] says eight\u{2026}"
        );
        assert_eq!(search.excerpt("nothing here", 2), None);
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
