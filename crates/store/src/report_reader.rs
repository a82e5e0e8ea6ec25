//! Reading a report piece by piece in one snapshot, so that a report of a whole desk is
//! written as it is read instead of built whole in memory first.
//!
//! [`Desk::read_report`] opens one read transaction and hands a [`ReportReader`] to its
//! caller, which reads, in this order: the [`ReportSummary`] (who reviewed, how many claims by
//! status: worked out with one pass over the claims and their history, before any article is
//! read), then the articles one at a time ([`ReportReader::each_article`]), then the editor
//! commands their history belongs to ([`ReportReader::each_action`]) and the repeat links
//! between their claims ([`ReportReader::each_repeat_link`]). What the reader keeps between
//! articles is the ids of the claims and commands already read (what the last two need), so
//! its memory grows by a few bytes per claim, not by the desk's text. Every query here runs on
//! the one snapshot, so the pieces agree with each other as a [`ReportData`] read at once did.
//!
//! The rules of a report (what is in scope, what a review date is, which claims outside the
//! scope an export carries) are written once, here: [`Desk::report_data`] collects what this
//! reader reads.
//!
//! An editor command touches one article (a merge refuses claims of two articles, an undo
//! reverts one command), so the claims related to a report's claims through the commands they
//! share are looked for within each article.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use claimdesk_error::{Error, Result};

use crate::Desk;
use crate::actions::{ACTION_COLUMNS, action_from_row};
use crate::queries::{
    self, CLAIM_COLUMNS, EVIDENCE_COLUMNS, claim_from_row, evidence_from_row, history_from_row,
};
use crate::records::{
    ActionId, ArticleId, Claim, ClaimId, Evidence, HistoryChange, HistoryEntry, Settings,
    StatusCounts,
};
use crate::report_data::{
    RemovedEvidence, RepeatLink, ReportAction, ReportArticle, ReportClaim, ReportData, ReportScope,
};
use crate::review_state::ClaimStatus;

/// The machine-readable detail of history entries (a moved span's offsets, the claim a part
/// was split from), by history entry id.
pub type HistoryData = BTreeMap<i64, serde_json::Value>;

/// What a report says before its articles: worked out from the claims in scope and their
/// history without reading the articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportSummary {
    /// Everyone who changed a claim in the report, in order of their first change.
    pub reviewers: Vec<String>,
    /// The claims in the report by status.
    pub counts: StatusCounts,
}

/// A report being read in one snapshot: made by [`Desk::read_report`].
pub struct ReportReader<'c> {
    conn: &'c Connection,
    generated_at: DateTime<Utc>,
    /// The desk's settings: a caller may replace the organisation for one report.
    pub settings: Settings,
    scope: ReportScope,
    /// The chosen claims, when the scope chooses claims.
    wanted: Option<HashSet<ClaimId>>,
    /// The articles the report may hold, oldest import first.
    articles: Vec<ArticleId>,
    articles_read: bool,
    /// The headline of the first article read.
    first_title: Option<String>,
    /// The claims read so far, in scope or related: the report's repeat links are theirs.
    claims_read: HashSet<ClaimId>,
    /// The commands the history read so far belongs to.
    actions_needed: HashSet<ActionId>,
    /// The number in its article of every claim on the desk of the articles read so far (a
    /// few bytes a claim): history names the claims it mentions by it.
    claim_numbers: BTreeMap<ClaimId, u32>,
}

impl std::fmt::Debug for ReportReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportReader")
            .field("scope", &self.scope)
            .field("articles", &self.articles.len())
            .finish_non_exhaustive()
    }
}

impl Desk {
    /// Read the report of `scope` in one snapshot: `read` gets a [`ReportReader`] and reads the
    /// pieces it needs, in order, while the snapshot stays open.
    ///
    /// Deleted articles and retired claims are never in scope; a chosen claim or article that
    /// is not on the desk is an error that says why, before anything is read.
    pub fn read_report<T>(
        &self,
        scope: &ReportScope,
        read: impl FnOnce(&mut ReportReader<'_>) -> Result<T>,
    ) -> Result<T> {
        let generated_at = self.now_utc();
        self.read(|conn| {
            let mut reader = ReportReader::open(conn, scope, generated_at)?;
            read(&mut reader)
        })
    }

    /// Everything a report of `scope` shows, read in one snapshot and held in memory: what
    /// the human-readable reports render. The JSON export streams instead
    /// ([`Desk::read_report`]).
    pub fn report_data(&self, scope: &ReportScope) -> Result<ReportData> {
        self.read_report(scope, |reader| reader.collect())
    }
}

impl<'c> ReportReader<'c> {
    fn open(
        conn: &'c Connection,
        scope: &ReportScope,
        generated_at: DateTime<Utc>,
    ) -> Result<ReportReader<'c>> {
        let articles = match scope.article_id {
            // A deleted article is not found, with a message that says to restore it.
            Some(id) => vec![queries::article_summary(conn, id)?.id],
            // Reports read oldest first, the order the desk worked in.
            None => queries::rows(
                conn,
                "SELECT id FROM articles WHERE deleted_at IS NULL ORDER BY imported_at, id",
                [],
                |row| row.get(0),
            )?,
        };
        Ok(ReportReader {
            conn,
            generated_at,
            settings: queries::settings(conn)?,
            scope: scope.clone(),
            wanted: wanted_claims(conn, &scope.claim_ids)?,
            articles,
            articles_read: false,
            first_title: None,
            claims_read: HashSet::new(),
            actions_needed: HashSet::new(),
            claim_numbers: BTreeMap::new(),
        })
    }

    /// When the report was made.
    pub fn generated_at(&self) -> DateTime<Utc> {
        self.generated_at
    }

    /// What the report covers.
    pub fn scope(&self) -> &ReportScope {
        &self.scope
    }

    /// The headline of the report's first article, once the articles have been read (`None`
    /// when the report has none).
    pub fn first_article_title(&self) -> Option<&str> {
        self.first_title.as_deref()
    }

    /// Whether a claim is in the report: on the desk, in a chosen status, chosen, and
    /// reviewed in the date range.
    fn admits(
        &self,
        id: ClaimId,
        status: ClaimStatus,
        retired: bool,
        reviewed_at: Option<&str>,
    ) -> bool {
        !retired
            && (self.scope.statuses.is_empty() || self.scope.statuses.contains(&status))
            && self.wanted.as_ref().is_none_or(|ids| ids.contains(&id))
            && self.scope.admits_review(reviewed_at)
    }

    /// Who reviewed the claims in the report and how many there are by status: one pass over
    /// the claims on the desk and their history, holding one claim's history at a time.
    pub fn summary(&self) -> Result<ReportSummary> {
        const COLUMNS: &str = "c.id, c.status, c.updated_at, h.id, h.at, h.\"by\", h.change";
        let one = format!(
            "SELECT {COLUMNS} FROM claims AS c LEFT JOIN history AS h ON h.claim_id = c.id
             WHERE c.article_id = ?1 AND c.removed_at IS NULL ORDER BY c.id, h.id"
        );
        // Claims in id order, each with its history in order, without a sort.
        let all = format!(
            "SELECT {COLUMNS} FROM claims AS c JOIN articles AS a ON a.id = c.article_id
             LEFT JOIN history AS h ON h.claim_id = c.id
             WHERE a.deleted_at IS NULL AND c.removed_at IS NULL ORDER BY c.id, h.id"
        );
        let (sql, params) = one_or_all(self.scope.article_id, &one, &all);

        let mut tally = Tally::default();
        let mut current: Option<ClaimFacts> = None;
        queries::each_row(
            self.conn,
            sql,
            rusqlite::params_from_iter(params),
            |row| {
                let claim = ClaimFacts {
                    id: row.get(0)?,
                    status: row.get(1)?,
                    updated_at: row.get(2)?,
                    history: Vec::new(),
                };
                let entry = match row.get::<_, Option<i64>>(3)? {
                    Some(id) => Some(EntryFacts {
                        id,
                        at: row.get(4)?,
                        by: row.get(5)?,
                        change: row.get(6)?,
                    }),
                    None => None,
                };
                Ok((claim, entry))
            },
            |(claim, entry)| {
                if current.as_ref().is_some_and(|c| c.id != claim.id)
                    && let Some(done) = current.take()
                {
                    self.count(done, &mut tally)?;
                }
                current.get_or_insert(claim).history.extend(entry);
                Ok(())
            },
        )?;
        if let Some(done) = current {
            self.count(done, &mut tally)?;
        }

        let mut reviewers: Vec<(String, (String, i64))> = tally.first_change.into_iter().collect();
        reviewers.sort_by(|a, b| a.1.cmp(&b.1));
        Ok(ReportSummary {
            reviewers: reviewers.into_iter().map(|(name, _)| name).collect(),
            counts: tally.counts,
        })
    }

    /// Count one claim (with its whole history) into `tally` if it is in the report.
    fn count(&self, claim: ClaimFacts, tally: &mut Tally) -> Result<()> {
        let status: ClaimStatus = claim.status.parse()?;
        let mut changes = Vec::with_capacity(claim.history.len());
        for entry in &claim.history {
            changes.push((entry.change.parse::<HistoryChange>()?, entry.at.as_str()));
        }
        let reviewed_at = review_date(status, &claim.updated_at, changes);
        if !self.admits(claim.id, status, false, reviewed_at.as_deref()) {
            return Ok(());
        }
        tally.counts.add(status, 1);
        for entry in claim.history {
            let first = (entry.at, entry.id);
            match tally.first_change.get_mut(&entry.by) {
                Some(known) if *known <= first => {}
                Some(known) => *known = first,
                None => {
                    tally.first_change.insert(entry.by, first);
                }
            }
        }
        Ok(())
    }

    /// Read the report's articles one at a time, oldest import first, and give each to
    /// `visit` with the detail of the history entries it carries. Only one article is held
    /// at a time.
    pub fn each_article(
        &mut self,
        mut visit: impl FnMut(ReportArticle, HistoryData) -> Result<()>,
    ) -> Result<()> {
        if self.articles_read {
            return Err(Error::internal("a report's articles are read once"));
        }
        self.articles_read = true;
        for id in std::mem::take(&mut self.articles) {
            if let Some((article, data)) = self.read_article(id)? {
                if self.first_title.is_none() {
                    self.first_title = Some(article.article.title.clone());
                }
                visit(article, data)?;
            }
        }
        Ok(())
    }

    /// One article of the report with its claims in scope and related, or `None` when the
    /// scope picks claims and none of the article's is picked.
    fn read_article(&mut self, id: ArticleId) -> Result<Option<(ReportArticle, HistoryData)>> {
        let conn = self.conn;
        let (evidence, removed) = evidence_rows(conn, id)?;
        let (mut evidence, _) = group_by_claim(evidence, |e| Some(e.claim_id));
        let (mut removed, _) = group_by_claim(removed, |e| Some(e.evidence.claim_id));
        let (history, mut history_data) = history_rows(conn, id)?;
        let (mut history, article_history) = group_by_claim(history, |h| h.claim_id);

        // Every claim of the article, retired ones included: the scope picks the report's
        // claims from them, and the JSON export the related ones.
        let mut counts = StatusCounts::default();
        let mut in_scope: HashSet<ClaimId> = HashSet::new();
        let mut claims: Vec<ReportClaim> = Vec::new();
        let mut number = 0;
        // In text order, as the claim list shows them: each claim on the desk is numbered.
        for claim in claims_of_article(conn, id)? {
            let claim_id = claim.id;
            let on_desk = claim.removed_at.is_none();
            if on_desk {
                counts.add(claim.status, 1);
                number += 1;
                self.claim_numbers.insert(claim_id, number);
            }
            let mut claim = ReportClaim::new(
                claim,
                evidence.remove(&claim_id).unwrap_or_default(),
                removed.remove(&claim_id).unwrap_or_default(),
                history.remove(&claim_id).unwrap_or_default(),
            );
            claim.number = on_desk.then_some(number);
            if self.admits(
                claim_id,
                claim.claim.status,
                claim.claim.removed_at.is_some(),
                claim.reviewed_at.as_deref(),
            ) {
                in_scope.insert(claim_id);
            }
            claims.push(claim);
        }
        let whole_article = !self.scope.filters_claims();
        if !whole_article && in_scope.is_empty() {
            return Ok(None);
        }
        let related = related_claims(&claims, &in_scope, whole_article);
        let mut shown = Vec::new();
        let mut kept = Vec::new();
        for claim in claims {
            if in_scope.contains(&claim.claim.id) {
                shown.push(claim);
            } else if related.contains(&claim.claim.id) {
                kept.push(claim);
            }
        }

        let exported_history = article_history.iter().chain(
            shown
                .iter()
                .chain(&kept)
                .flat_map(|claim: &ReportClaim| &claim.history),
        );
        let mut entry_ids = HashSet::new();
        for entry in exported_history {
            entry_ids.insert(entry.id);
            self.actions_needed.extend(entry.action_id);
        }
        history_data.retain(|id, _| entry_ids.contains(id));
        self.claims_read
            .extend(shown.iter().chain(&kept).map(|c| c.claim.id));
        let article = ReportArticle {
            article: queries::article(conn, id)?,
            counts,
            claims: shown,
            related_claims: kept,
            history: article_history,
        };
        Ok(Some((article, history_data)))
    }

    /// After the articles: the editor commands their history belongs to, and the undos of
    /// those commands, oldest first.
    pub fn each_action(&mut self, mut visit: impl FnMut(ReportAction) -> Result<()>) -> Result<()> {
        if !self.articles_read {
            return Err(Error::internal(
                "a report's actions are read after its articles",
            ));
        }
        // Every action of one article is about it; the undo of an action is about the same.
        let one = format!(
            "SELECT {ACTION_COLUMNS}, undoes FROM actions WHERE article_id = ?1 ORDER BY id"
        );
        let all = format!("SELECT {ACTION_COLUMNS}, undoes FROM actions ORDER BY id");
        let (sql, params) = one_or_all(self.scope.article_id, &one, &all);
        let needed = &self.actions_needed;
        queries::each_row(
            self.conn,
            sql,
            rusqlite::params_from_iter(params),
            |row| Ok((action_from_row(row)?, row.get::<_, Option<ActionId>>(7)?)),
            |((mut action, kind), undoes)| {
                if needed.contains(&action.id) || undoes.is_some_and(|u| needed.contains(&u)) {
                    action.kind = kind.parse()?;
                    visit(ReportAction { action, undoes })?;
                }
                Ok(())
            },
        )
    }

    /// After the articles: the pairs of their claims that repeat each other, in key order.
    pub fn each_repeat_link(
        &mut self,
        mut visit: impl FnMut(RepeatLink) -> Result<()>,
    ) -> Result<()> {
        if !self.articles_read {
            return Err(Error::internal(
                "a report's repeat links are read after its articles",
            ));
        }
        let one = "SELECT claim_id, other_id, similarity FROM claim_links
             WHERE claim_id IN (SELECT id FROM claims WHERE article_id = ?1)
               AND other_id IN (SELECT id FROM claims WHERE article_id = ?1)
             ORDER BY claim_id, other_id";
        let all = "SELECT claim_id, other_id, similarity FROM claim_links
             ORDER BY claim_id, other_id";
        let (sql, params) = one_or_all(self.scope.article_id, one, all);
        let claims = &self.claims_read;
        queries::each_row(
            self.conn,
            sql,
            rusqlite::params_from_iter(params),
            |row| {
                Ok(RepeatLink {
                    claim_id: row.get(0)?,
                    other_id: row.get(1)?,
                    similarity: row.get(2)?,
                })
            },
            |link| {
                if claims.contains(&link.claim_id) && claims.contains(&link.other_id) {
                    visit(link)?;
                }
                Ok(())
            },
        )
    }

    /// Read the whole report into memory.
    pub fn collect(&mut self) -> Result<ReportData> {
        let mut articles = Vec::new();
        let mut history_data = BTreeMap::new();
        self.each_article(|article, data| {
            articles.push(article);
            history_data.extend(data);
            Ok(())
        })?;
        let mut actions = Vec::new();
        self.each_action(|action| {
            actions.push(action);
            Ok(())
        })?;
        let mut repeat_links = Vec::new();
        self.each_repeat_link(|link| {
            repeat_links.push(link);
            Ok(())
        })?;
        Ok(ReportData {
            generated_at: self.generated_at,
            settings: self.settings.clone(),
            scope: self.scope.clone(),
            articles,
            actions,
            history_data,
            repeat_links,
            claim_numbers: self.claim_numbers.clone(),
        })
    }
}

/// When a claim's current verdict was reached: for a verified or disputed claim, its last
/// change of status or verdict (`changes` in history order), or, when its history has none
/// (reviewed before history was kept, or restored without it), its last update.
pub(crate) fn review_date<'a>(
    status: ClaimStatus,
    updated_at: &str,
    changes: impl IntoIterator<Item = (HistoryChange, &'a str)>,
) -> Option<String> {
    if !status.is_reviewed() {
        return None;
    }
    let last = changes
        .into_iter()
        .filter(|(change, _)| matches!(change, HistoryChange::Status | HistoryChange::Verdict))
        .last()
        .map(|(_, at)| at);
    Some(last.unwrap_or(updated_at).to_string())
}

/// A claim as the summary pass reads it, with its history.
struct ClaimFacts {
    id: ClaimId,
    status: String,
    updated_at: String,
    history: Vec<EntryFacts>,
}

/// A history entry as the summary pass reads it.
struct EntryFacts {
    id: i64,
    at: String,
    by: String,
    change: String,
}

/// What the summary pass adds up.
#[derive(Default)]
struct Tally {
    counts: StatusCounts,
    /// Each reviewer's first change: when, and its entry id for changes at the same second.
    first_change: HashMap<String, (String, i64)>,
}

/// The set of chosen claims, after checking that each is on the desk; `None` when no claims
/// were chosen (every claim is wanted).
fn wanted_claims(conn: &Connection, ids: &[ClaimId]) -> Result<Option<HashSet<ClaimId>>> {
    if ids.is_empty() {
        return Ok(None);
    }
    for &id in ids {
        // Not found, retired, or in a deleted article: each with its own message.
        queries::live_claim(conn, id)?;
    }
    Ok(Some(ids.iter().copied().collect()))
}

/// The claims outside the scope whose history belongs with the report's: every claim that
/// shares an editor command with one in it (the other part of a split, a claim merged into
/// it), and theirs in turn; with `whole_article`, every retired claim too, so that an
/// export of whole articles restores them entire.
fn related_claims(
    claims: &[ReportClaim],
    in_scope: &HashSet<ClaimId>,
    whole_article: bool,
) -> HashSet<ClaimId> {
    let mut related: HashSet<ClaimId> = HashSet::new();
    if whole_article {
        for claim in claims.iter().filter(|c| !in_scope.contains(&c.claim.id)) {
            related.insert(claim.claim.id);
        }
        return related;
    }
    let mut claims_of_action: HashMap<ActionId, Vec<ClaimId>> = HashMap::new();
    let mut actions_of_claim: HashMap<ClaimId, Vec<ActionId>> = HashMap::new();
    for claim in claims {
        for action in claim.history.iter().filter_map(|entry| entry.action_id) {
            claims_of_action
                .entry(action)
                .or_default()
                .push(claim.claim.id);
            actions_of_claim
                .entry(claim.claim.id)
                .or_default()
                .push(action);
        }
    }
    let mut pending: Vec<ClaimId> = in_scope.iter().copied().collect();
    let mut seen: HashSet<ClaimId> = in_scope.clone();
    while let Some(id) = pending.pop() {
        for action in actions_of_claim.get(&id).into_iter().flatten() {
            for &other in claims_of_action.get(action).into_iter().flatten() {
                if seen.insert(other) {
                    related.insert(other);
                    pending.push(other);
                }
            }
        }
    }
    related
}

/// Group `items` by claim, keeping their order within each claim.
fn group_by_claim<T>(
    items: Vec<T>,
    claim_of: impl Fn(&T) -> Option<ClaimId>,
) -> (HashMap<ClaimId, Vec<T>>, Vec<T>) {
    let mut groups: HashMap<ClaimId, Vec<T>> = HashMap::new();
    let mut unclaimed = Vec::new();
    for item in items {
        match claim_of(&item) {
            Some(claim_id) => groups.entry(claim_id).or_default().push(item),
            None => unclaimed.push(item),
        }
    }
    (groups, unclaimed)
}

/// The SQL for one article (`?1`) or, when `article_id` is `None`, for all: two statements,
/// since `?1 IS NULL OR article_id = ?1` makes SQLite scan the whole table.
fn one_or_all<'a>(
    article_id: Option<ArticleId>,
    one: &'a str,
    all: &'a str,
) -> (&'a str, Vec<ArticleId>) {
    match article_id {
        Some(id) => (one, vec![id]),
        None => (all, Vec::new()),
    }
}

/// Every claim (on the desk or retired) of one article, by position.
fn claims_of_article(conn: &Connection, article_id: ArticleId) -> Result<Vec<Claim>> {
    queries::rows(
        conn,
        &format!(
            "SELECT {CLAIM_COLUMNS} FROM claims AS c WHERE c.article_id = ?1
             ORDER BY c.start, c.\"end\", c.id"
        ),
        [article_id],
        claim_from_row,
    )
}

/// The evidence links of one article's claims, attached and removed, each by claim and then
/// age.
fn evidence_rows(
    conn: &Connection,
    article_id: ArticleId,
) -> Result<(Vec<Evidence>, Vec<RemovedEvidence>)> {
    let rows = queries::rows(
        conn,
        &format!(
            "SELECT {EVIDENCE_COLUMNS}, removed_at, removed_by FROM evidence
             WHERE claim_id IN (SELECT id FROM claims WHERE article_id = ?1)
             ORDER BY claim_id, id"
        ),
        [article_id],
        |row| {
            Ok((
                evidence_from_row(row)?,
                row.get::<_, Option<String>>(8)?,
                row.get::<_, Option<String>>(9)?,
            ))
        },
    )?;
    let mut attached = Vec::new();
    let mut removed = Vec::new();
    for (evidence, removed_at, removed_by) in rows {
        match removed_at {
            None => attached.push(evidence),
            Some(removed_at) => removed.push(RemovedEvidence {
                evidence,
                removed_at,
                removed_by,
            }),
        }
    }
    Ok((attached, removed))
}

/// One article's history, oldest first, with the detail of the entries that have one.
fn history_rows(
    conn: &Connection,
    article_id: ArticleId,
) -> Result<(Vec<HistoryEntry>, HistoryData)> {
    let rows = queries::rows(
        conn,
        "SELECT h.id, h.article_id, h.claim_id, h.evidence_id, h.at, h.\"by\", h.change,
                h.old_value, h.new_value, h.action_id, a.undoes, h.data
         FROM history AS h LEFT JOIN actions AS a ON a.id = h.action_id
         WHERE h.article_id = ?1 ORDER BY h.id",
        [article_id],
        |row| Ok((history_from_row(row)?, row.get::<_, Option<String>>(11)?)),
    )?;
    let mut entries = Vec::with_capacity(rows.len());
    let mut data = BTreeMap::new();
    for (entry, detail) in rows {
        if let Some(detail) = detail {
            data.insert(entry.id, serde_json::from_str(&detail)?);
        }
        entries.push(entry);
    }
    Ok((entries, data))
}
