//! Restoring a JSON export into an empty database, ids and history included, so that the
//! restored desk exports exactly what was exported.
//!
//! The export is read as a stream ([`crate::export_reader`]) inside the one restore
//! transaction: each article is checked and written as soon as it is read, then each action
//! and repeat link. What is kept between articles is the ids the references are checked
//! against (articles, claims, actions: a few bytes each) and the references that could not be
//! checked yet (an export's history comes before the actions it belongs to), so restoring an
//! export of any size holds one article at a time. The database's foreign keys are checked
//! when the transaction ends, for the same reason. Anything refused rolls everything back.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use claimdesk_error::{Error, Result};
use claimdesk_fields::validate_url;
use claimdesk_store::records::{ActionId, ArticleId, ClaimId};
use claimdesk_store::report_data::{RepeatLink, ReportAction};
use claimdesk_store::{Desk, Restorer};

use crate::export_reader::{self, ExportSink};
use crate::json::{ExportArticle, ExportSettings};

/// What `import-json` restored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RestoreSummary {
    /// Articles restored.
    pub articles: usize,
    /// Claims restored.
    pub claims: usize,
    /// Evidence links restored (attached and removed ones).
    pub evidence: usize,
    /// History entries restored.
    pub history: usize,
    /// Editor commands restored (what the history entries belong to, and undo reads).
    pub actions: usize,
}

/// Restore a JSON export (`claimdesk export --format json`) held in memory into `desk`,
/// which must be empty: see [`import_json_from`].
pub fn import_json(desk: &Desk, text: &str) -> Result<RestoreSummary> {
    desk.restore(|restorer| {
        let mut restoring = Restoring::new(restorer);
        export_reader::read_export_str(text, &mut restoring)?;
        restoring.finish()
    })
}

/// Restore the JSON export `input` streams (a file, standard input) into `desk`, which must
/// be empty: no article and no history. Everything is written in one transaction with the
/// exported ids, or nothing is: articles, claims (related and retired ones too), evidence,
/// the editor commands and their history (so undo works on the restored desk) and the repeat
/// links; the claims' repeat keys and date index are recomputed from their text. The
/// organisation and verdict scale in the export replace those in settings; the local
/// reviewer name stays. The export is read as it is restored, one article at a time.
pub fn import_json_from(desk: &Desk, input: impl Read) -> Result<RestoreSummary> {
    desk.restore(|restorer| {
        let mut restoring = Restoring::new(restorer);
        export_reader::read_export(input, &mut restoring)?;
        restoring.finish()
    })
}

/// A reference from one record of the export to another that was not read (yet) when the
/// record was: checked again when the whole export has been read.
#[derive(Debug, Clone, Copy)]
enum Reference {
    ActionArticle {
        action: ActionId,
        article: ArticleId,
    },
    ActionClaim {
        action: ActionId,
        claim: ClaimId,
    },
    Undoes {
        action: ActionId,
        undone: ActionId,
    },
    LinkClaim {
        claim: ClaimId,
    },
}

/// A restore in progress: the records are checked and written as they are read.
struct Restoring<'r, 't> {
    restorer: &'r mut Restorer<'t>,
    summary: RestoreSummary,
    /// The ids restored so far, which references are checked against.
    articles: HashSet<ArticleId>,
    claims: HashSet<ClaimId>,
    actions: HashSet<ActionId>,
    /// References to records not read when they were met, in the order they were met.
    pending: Vec<Reference>,
    /// The actions named by history entries before the action was read: for each, the first
    /// entry that names it (its place in the export, and its id).
    pending_actions: HashMap<ActionId, (usize, i64)>,
    /// History entries read so far, to order `pending_actions`.
    entries_read: usize,
}

impl<'r, 't> Restoring<'r, 't> {
    fn new(restorer: &'r mut Restorer<'t>) -> Self {
        Restoring {
            restorer,
            summary: RestoreSummary::default(),
            articles: HashSet::new(),
            claims: HashSet::new(),
            actions: HashSet::new(),
            pending: Vec::new(),
            pending_actions: HashMap::new(),
            entries_read: 0,
        }
    }

    /// Once the whole export is read: check the references that waited for it, in the order
    /// the whole document was checked (the actions', then the history's, then the repeat
    /// links').
    fn finish(self) -> Result<RestoreSummary> {
        for reference in &self.pending {
            match *reference {
                Reference::ActionArticle { action, article } => {
                    if !self.articles.contains(&article) {
                        return Err(missing(format!("action {action} names article {article}")));
                    }
                }
                Reference::ActionClaim { action, claim } => {
                    if !self.claims.contains(&claim) {
                        return Err(missing(format!("action {action} names claim {claim}")));
                    }
                }
                Reference::Undoes { action, undone } => {
                    if !self.actions.contains(&undone) {
                        return Err(missing(format!("action {action} undoes action {undone}")));
                    }
                }
                Reference::LinkClaim { .. } => {}
            }
        }
        let first_unknown = self
            .pending_actions
            .iter()
            .filter(|(action, _)| !self.actions.contains(action))
            .min_by_key(|(_, (place, _))| *place);
        if let Some((action, (_, entry))) = first_unknown {
            return Err(missing(format!(
                "history entry {entry} belongs to action {action}"
            )));
        }
        for reference in &self.pending {
            if let Reference::LinkClaim { claim } = *reference
                && !self.claims.contains(&claim)
            {
                return Err(missing(format!("a repeat link names claim {claim}")));
            }
        }
        Ok(self.summary)
    }
}

/// A reference to a record the export does not hold.
fn missing(what: String) -> Error {
    Error::invalid_input(format!(
        "{what}, which is not in the export; the export is damaged or was edited, and \
         nothing was imported"
    ))
}

impl ExportSink for Restoring<'_, '_> {
    fn settings(&mut self, settings: ExportSettings) -> Result<()> {
        if let Some(url) = &settings.organisation_url {
            validate_url(url).map_err(|err| err.context("the organisation URL"))?;
        }
        if let Some(template) = &settings.review_url_template {
            claimdesk_store::check_review_url_template(template)
                .map_err(|err| err.context("the review URL template"))?;
        }
        self.restorer.set_organisation(
            settings.organisation_name.as_deref(),
            settings.organisation_url.as_deref(),
        )?;
        self.restorer
            .set_review_url_template(settings.review_url_template.as_deref())?;
        self.restorer.set_verdict_scale(&settings.verdict_scale)
    }

    fn article(&mut self, article: ExportArticle) -> Result<()> {
        check_article(&article)?;
        let meta = &article.article;
        self.restorer.insert_article(meta)?;
        self.articles.insert(meta.id);
        self.summary.articles += 1;
        for entry in &article.history {
            self.restorer
                .insert_history(&entry.entry, entry.data.as_ref())?;
        }
        let mut history = article.history.len();
        for item in article.claims.iter().chain(&article.related_claims) {
            self.restorer.insert_claim(&item.claim, meta)?;
            self.claims.insert(item.claim.id);
            self.summary.claims += 1;
            for evidence in &item.evidence {
                self.restorer.insert_evidence(evidence, None)?;
            }
            for removed in &item.removed_evidence {
                self.restorer.insert_evidence(
                    &removed.evidence,
                    Some((&removed.removed_at, removed.removed_by.as_deref())),
                )?;
            }
            self.summary.evidence += item.evidence.len() + item.removed_evidence.len();
            for entry in &item.history {
                self.restorer
                    .insert_history(&entry.entry, entry.data.as_ref())?;
            }
            history += item.history.len();
            // The repeat keys are the claim's wording hashed: recomputed, so that the next
            // claim imported finds its repeats among the restored ones.
            self.restorer.restore_repeat_keys(item.claim.id)?;
        }
        self.summary.history += history;
        // The history comes before the actions it belongs to: remember the first entry that
        // names each action not read yet.
        let entries = article.history.iter().chain(
            article
                .claims
                .iter()
                .chain(&article.related_claims)
                .flat_map(|claim| &claim.history),
        );
        for entry in entries {
            self.entries_read += 1;
            if let Some(action) = entry.entry.action_id
                && !self.actions.contains(&action)
            {
                self.pending_actions
                    .entry(action)
                    .or_insert((self.entries_read, entry.entry.id));
            }
        }
        Ok(())
    }

    fn action(&mut self, item: ReportAction) -> Result<()> {
        let ReportAction { action, undoes } = &item;
        if let Some(article) = action.article_id
            && !self.articles.contains(&article)
        {
            self.pending.push(Reference::ActionArticle {
                action: action.id,
                article,
            });
        }
        if let Some(claim) = action.claim_id
            && !self.claims.contains(&claim)
        {
            self.pending.push(Reference::ActionClaim {
                action: action.id,
                claim,
            });
        }
        if let Some(undone) = *undoes {
            // An undo comes after what it undoes.
            if undone >= action.id {
                return Err(missing(format!(
                    "action {} undoes action {undone}",
                    action.id
                )));
            }
            if !self.actions.contains(&undone) {
                self.pending.push(Reference::Undoes {
                    action: action.id,
                    undone,
                });
            }
        }
        self.restorer.insert_action(action, *undoes)?;
        self.actions.insert(action.id);
        self.pending_actions.remove(&action.id);
        self.summary.actions += 1;
        Ok(())
    }

    fn repeat_link(&mut self, link: RepeatLink) -> Result<()> {
        if link.claim_id >= link.other_id || !(0.0..=1.0).contains(&link.similarity) {
            return Err(Error::invalid_input(format!(
                "the repeat link between claims {} and {} is malformed (the smaller id comes \
                 first, the similarity is between 0 and 1)",
                link.claim_id, link.other_id
            )));
        }
        for claim in [link.claim_id, link.other_id] {
            if !self.claims.contains(&claim) {
                self.pending.push(Reference::LinkClaim { claim });
            }
        }
        // The links are restored as exported rather than measured again, so the restored
        // desk says what the exported one did.
        self.restorer.insert_repeat_link(&link)
    }
}

/// Check what the database's constraints would not, so a hand-edited export fails with a
/// message that names the record instead of a bare constraint error.
fn check_article(article: &ExportArticle) -> Result<()> {
    let meta = &article.article;
    let context =
        |what: String| Error::invalid_input(format!("article {} in the export: {what}", meta.id));
    if let Some(url) = &meta.url {
        validate_url(url).map_err(|err| context(err.message().to_string()))?;
    }
    let offsets = CharOffsets::new(&meta.text);
    let chars = offsets.len();
    for item in article.claims.iter().chain(&article.related_claims) {
        let claim = &item.claim;
        let span = &claim.extracted;
        if claim.article_id != meta.id {
            return Err(context(format!(
                "claim {} says it belongs to article {}",
                claim.id, claim.article_id
            )));
        }
        if span.start >= span.end
            || span.end > chars
            || span.sentence_start > span.start
            || span.sentence_end < span.end
            || span.sentence_end > chars
        {
            return Err(context(format!(
                "claim {} has the span {}..{} (sentence {}..{}), outside the article's {chars} \
                 characters",
                claim.id, span.start, span.end, span.sentence_start, span.sentence_end,
            )));
        }
        if let Some(url) = &claim.review_url {
            validate_url(url).map_err(|err| {
                context(format!(
                    "claim {}'s review page: {}",
                    claim.id,
                    err.message()
                ))
            })?;
        }
        if claim
            .claim_text
            .as_deref()
            .is_some_and(|t| t.trim().is_empty())
        {
            return Err(context(format!(
                "claim {} has an empty wording (claim_text); leave it out or null",
                claim.id
            )));
        }
        if offsets.slice(&meta.text, span.start, span.end) != Some(span.text.as_str()) {
            return Err(context(format!(
                "claim {}'s text is not the article's text at {}..{}",
                claim.id, span.start, span.end
            )));
        }
        let links = item
            .evidence
            .iter()
            .chain(item.removed_evidence.iter().map(|r| &r.evidence));
        for evidence in links {
            if evidence.claim_id != claim.id {
                return Err(context(format!(
                    "evidence {} is listed under claim {} but says claim {}",
                    evidence.id, claim.id, evidence.claim_id
                )));
            }
            validate_url(&evidence.url)
                .map_err(|err| context(format!("evidence {}: {}", evidence.id, err.message())))?;
        }
        for entry in item.history.iter().map(|e| &e.entry) {
            if entry.claim_id != Some(claim.id) || entry.article_id != meta.id {
                return Err(context(format!(
                    "history entry {} is listed under claim {} but belongs elsewhere",
                    entry.id, claim.id
                )));
            }
        }
    }
    for entry in article.history.iter().map(|e| &e.entry) {
        if entry.article_id != meta.id || entry.claim_id.is_some() {
            return Err(context(format!(
                "history entry {} is listed under the article but belongs elsewhere",
                entry.id
            )));
        }
    }
    Ok(())
}

/// Where every 256th character of a text starts, so that a span in characters (what claims
/// store) is found in the text's bytes without a copy of the text as characters (four bytes
/// each: 64 MB for the largest article).
struct CharOffsets {
    /// The byte offset of characters 0, 256, 512, ...
    marks: Vec<usize>,
    chars: usize,
}

impl CharOffsets {
    const STEP: usize = 256;

    fn new(text: &str) -> CharOffsets {
        let mut marks = Vec::with_capacity(text.len() / Self::STEP + 1);
        let mut chars = 0;
        for (byte, _) in text.char_indices() {
            if chars % Self::STEP == 0 {
                marks.push(byte);
            }
            chars += 1;
        }
        CharOffsets { marks, chars }
    }

    /// How many characters the text has.
    fn len(&self) -> usize {
        self.chars
    }

    /// The byte offset of character `index` (the text's length for its end).
    fn byte(&self, text: &str, index: usize) -> Option<usize> {
        if index == self.chars {
            return Some(text.len());
        }
        let mark = *self.marks.get(index / Self::STEP)?;
        text.get(mark..)?
            .char_indices()
            .nth(index % Self::STEP)
            .map(|(byte, _)| mark + byte)
    }

    /// The text of characters `start..end`.
    fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> Option<&'t str> {
        text.get(self.byte(text, start)?..self.byte(text, end)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_in_characters_is_found_in_the_bytes() {
        let text = "é".repeat(300) + "Port \u{1F4F0} budget" + &"x".repeat(600);
        let offsets = CharOffsets::new(&text);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(offsets.len(), chars.len());
        for (start, end) in [(0, 1), (255, 257), (300, 311), (303, 310), (0, chars.len())] {
            let expected: String = chars[start..end].iter().collect();
            assert_eq!(offsets.slice(&text, start, end), Some(expected.as_str()));
        }
        assert_eq!(offsets.slice(&text, 5, chars.len() + 1), None);
        assert_eq!(CharOffsets::new("").slice("", 0, 0), Some(""));
    }
}
