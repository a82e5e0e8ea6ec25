//! Restoring a JSON export into an empty database, ids and history included, so that the
//! restored desk exports exactly what was exported.

use std::collections::HashSet;

use claimdesk_error::{Error, Result};
use claimdesk_fields::validate_url;
use claimdesk_store::records::{ActionId, ClaimId};
use claimdesk_store::report_data::ReportAction;
use claimdesk_store::{Desk, Restorer};

use crate::json::{self, ExportClaim, ExportDocument, ExportHistoryEntry};

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

/// Restore a JSON export (`claimdesk export --format json`) into `desk`, which must be empty:
/// no article and no history. Everything is written in one transaction with the exported ids,
/// or nothing is: articles, claims (related and retired ones too), evidence, the editor
/// commands and their history (so undo works on the restored desk) and the repeat links; the
/// claims' repeat keys and date index are recomputed from their text. The organisation and
/// verdict scale in the export replace those in settings; the local reviewer name stays.
pub fn import_json(desk: &Desk, text: &str) -> Result<RestoreSummary> {
    let document = json::parse(text)?;
    check(&document)?;
    desk.restore(|restorer| restore(restorer, &document))
}

/// Check what the database's constraints would not, so a hand-edited export fails with a
/// message that names the record instead of a bare constraint error.
fn check(document: &ExportDocument) -> Result<()> {
    if let Some(url) = &document.settings.organisation_url {
        validate_url(url).map_err(|err| err.context("the organisation URL"))?;
    }
    if let Some(template) = &document.settings.review_url_template {
        claimdesk_store::check_review_url_template(template)
            .map_err(|err| err.context("the review URL template"))?;
    }
    for article in &document.articles {
        let meta = &article.article;
        let context = |what: String| {
            Error::invalid_input(format!("article {} in the export: {what}", meta.id))
        };
        if let Some(url) = &meta.url {
            validate_url(url).map_err(|err| context(err.message().to_string()))?;
        }
        let chars: Vec<char> = meta.text.chars().collect();
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
                || span.end > chars.len()
                || span.sentence_start > span.start
                || span.sentence_end < span.end
                || span.sentence_end > chars.len()
            {
                return Err(context(format!(
                    "claim {} has the span {}..{} (sentence {}..{}), outside the article's {} \
                     characters",
                    claim.id,
                    span.start,
                    span.end,
                    span.sentence_start,
                    span.sentence_end,
                    chars.len()
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
            let text: String = chars[span.start..span.end].iter().collect();
            if text != span.text {
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
                validate_url(&evidence.url).map_err(|err| {
                    context(format!("evidence {}: {}", evidence.id, err.message()))
                })?;
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
    }
    check_references(document)
}

/// Check that every action, history entry and repeat link names records the export holds,
/// so that a hand-edited export fails with the record's name.
fn check_references(document: &ExportDocument) -> Result<()> {
    let articles: HashSet<i64> = document.articles.iter().map(|a| a.article.id).collect();
    let claims: HashSet<ClaimId> = all_claims(document).map(|c| c.claim.id).collect();
    let actions: HashSet<ActionId> = document.actions.iter().map(|a| a.action.id).collect();
    let missing = |what: String| {
        Error::invalid_input(format!(
            "{what}, which is not in the export; the export is damaged or was edited, and \
             nothing was imported"
        ))
    };
    for ReportAction { action, undoes } in &document.actions {
        if let Some(id) = action.article_id.filter(|id| !articles.contains(id)) {
            return Err(missing(format!("action {} names article {id}", action.id)));
        }
        if let Some(id) = action.claim_id.filter(|id| !claims.contains(id)) {
            return Err(missing(format!("action {} names claim {id}", action.id)));
        }
        if let Some(id) = undoes.filter(|id| !actions.contains(id) || *id >= action.id) {
            return Err(missing(format!("action {} undoes action {id}", action.id)));
        }
    }
    for entry in all_history(document) {
        if let Some(id) = entry.entry.action_id.filter(|id| !actions.contains(id)) {
            return Err(missing(format!(
                "history entry {} belongs to action {id}",
                entry.entry.id
            )));
        }
    }
    for link in &document.repeat_links {
        if link.claim_id >= link.other_id || !(0.0..=1.0).contains(&link.similarity) {
            return Err(Error::invalid_input(format!(
                "the repeat link between claims {} and {} is malformed (the smaller id comes \
                 first, the similarity is between 0 and 1)",
                link.claim_id, link.other_id
            )));
        }
        for id in [link.claim_id, link.other_id] {
            if !claims.contains(&id) {
                return Err(missing(format!("a repeat link names claim {id}")));
            }
        }
    }
    Ok(())
}

/// Every claim of the export, in scope or related.
fn all_claims(document: &ExportDocument) -> impl Iterator<Item = &ExportClaim> {
    document
        .articles
        .iter()
        .flat_map(|article| article.claims.iter().chain(&article.related_claims))
}

/// Every history entry of the export, the articles' and the claims'.
fn all_history(document: &ExportDocument) -> impl Iterator<Item = &ExportHistoryEntry> {
    document.articles.iter().flat_map(|article| {
        article.history.iter().chain(
            article
                .claims
                .iter()
                .chain(&article.related_claims)
                .flat_map(|claim| &claim.history),
        )
    })
}

fn restore(restorer: &mut Restorer<'_>, document: &ExportDocument) -> Result<RestoreSummary> {
    let settings = &document.settings;
    restorer.set_organisation(
        settings.organisation_name.as_deref(),
        settings.organisation_url.as_deref(),
    )?;
    restorer.set_review_url_template(settings.review_url_template.as_deref())?;
    restorer.set_verdict_scale(&settings.verdict_scale)?;

    let mut summary = RestoreSummary::default();
    for article in &document.articles {
        restorer.insert_article(&article.article)?;
        summary.articles += 1;
        for item in article.claims.iter().chain(&article.related_claims) {
            restorer.insert_claim(&item.claim, &article.article)?;
            summary.claims += 1;
            for evidence in &item.evidence {
                restorer.insert_evidence(evidence, None)?;
            }
            for removed in &item.removed_evidence {
                restorer.insert_evidence(
                    &removed.evidence,
                    Some((&removed.removed_at, removed.removed_by.as_deref())),
                )?;
            }
            summary.evidence += item.evidence.len() + item.removed_evidence.len();
        }
    }
    // Actions before the history that points at them, each after the one it undoes.
    let mut actions: Vec<&ReportAction> = document.actions.iter().collect();
    actions.sort_by_key(|item| item.action.id);
    for action in actions {
        restorer.insert_action(&action.action, action.undoes)?;
        summary.actions += 1;
    }
    // The history is one append-only sequence across the desk: restore it in its order.
    let mut history: Vec<&ExportHistoryEntry> = all_history(document).collect();
    history.sort_by_key(|entry| entry.entry.id);
    for entry in history {
        restorer.insert_history(&entry.entry, entry.data.as_ref())?;
        summary.history += 1;
    }
    // The repeat keys are the claims' wording hashed: recomputed, so that the next claim
    // imported finds its repeats among the restored ones. The links are restored as exported
    // rather than measured again, so the restored desk says what the exported one did.
    for item in all_claims(document) {
        restorer.restore_repeat_keys(item.claim.id)?;
    }
    for link in &document.repeat_links {
        restorer.insert_repeat_link(link)?;
    }
    Ok(summary)
}
