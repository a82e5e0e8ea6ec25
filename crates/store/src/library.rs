//! The library: correcting an article's details, deleting an article and restoring it.
//!
//! Deleting is a soft delete: the article and its claims leave every list, search and report,
//! and everything (claims, reviews, evidence, history) stays in the database until the article
//! is restored. There is no purge: reviewed work and its history are never destroyed.

use rusqlite::params;

use crate::actions::{Entry, Recorder};
use crate::records::{ActionKind, Article, ArticleId, ArticleSummary, HistoryChange};
use crate::{Desk, check_length, queries};
use claimdesk_error::{Error, ErrorKind, Result};
use claimdesk_fields::{parse_day, validate_url};

/// Longest title, outlet or byline accepted, in characters (what import keeps, too).
const MAX_FIELD_CHARS: usize = 500;

/// An article detail an editor can correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArticleField {
    Title,
    Outlet,
    Byline,
    Url,
    Published,
}

impl ArticleField {
    const ALL: [ArticleField; 5] = [
        ArticleField::Title,
        ArticleField::Outlet,
        ArticleField::Byline,
        ArticleField::Url,
        ArticleField::Published,
    ];

    /// The field a history change is about, if it is about one.
    pub fn of(change: HistoryChange) -> Option<ArticleField> {
        ArticleField::ALL
            .into_iter()
            .find(|field| field.change() == change)
    }

    fn change(self) -> HistoryChange {
        match self {
            ArticleField::Title => HistoryChange::ArticleTitle,
            ArticleField::Outlet => HistoryChange::ArticleOutlet,
            ArticleField::Byline => HistoryChange::ArticleByline,
            ArticleField::Url => HistoryChange::ArticleUrl,
            ArticleField::Published => HistoryChange::ArticlePublished,
        }
    }

    fn column(self) -> &'static str {
        match self {
            ArticleField::Title => "title",
            ArticleField::Outlet => "outlet",
            ArticleField::Byline => "byline",
            ArticleField::Url => "url",
            ArticleField::Published => "published",
        }
    }

    /// The field's current value.
    pub fn get(self, article: &Article) -> Option<&str> {
        match self {
            ArticleField::Title => Some(article.title.as_str()),
            ArticleField::Outlet => article.outlet.as_deref(),
            ArticleField::Byline => article.byline.as_deref(),
            ArticleField::Url => article.url.as_deref(),
            ArticleField::Published => article.published.as_deref(),
        }
    }

    /// Check and normalise a new value; `None` clears the field.
    fn validate(self, value: &str) -> Result<Option<String>> {
        let value = value.trim();
        if value.is_empty() {
            return match self {
                ArticleField::Title => Err(Error::invalid_input(
                    "an article needs a title; type the headline",
                )),
                _ => Ok(None),
            };
        }
        Ok(Some(match self {
            ArticleField::Title | ArticleField::Outlet | ArticleField::Byline => {
                let what = match self {
                    ArticleField::Title => "the title",
                    ArticleField::Outlet => "the outlet",
                    _ => "the byline",
                };
                check_length(what, value, MAX_FIELD_CHARS)?;
                value.split_whitespace().collect::<Vec<_>>().join(" ")
            }
            ArticleField::Url => validate_url(value)?,
            ArticleField::Published => parse_day(value)?.format("%Y-%m-%d").to_string(),
        }))
    }
}

/// Set one detail of an article, recording the change; nothing is written when it does not
/// change.
pub(crate) fn set_article_field(
    rec: &mut Recorder<'_>,
    article: &Article,
    field: ArticleField,
    value: Option<&str>,
) -> Result<()> {
    let old = field.get(article);
    if old == value {
        return Ok(());
    }
    if field == ArticleField::Title && value.is_none() {
        return Err(Error::internal("an article's title cannot be cleared"));
    }
    rec.conn().execute(
        &format!("UPDATE articles SET {} = ?2 WHERE id = ?1", field.column()),
        params![article.id, value],
    )?;
    rec.record(Entry::article(article.id, field.change(), old, value))
}

/// Delete an article (`deleted`) or restore it, recording the change.
pub(crate) fn set_deleted(rec: &mut Recorder<'_>, article: &Article, deleted: bool) -> Result<()> {
    if article.deleted_at.is_some() == deleted {
        return Ok(());
    }
    let (at, by) = if deleted {
        (Some(rec.at.clone()), Some(rec.by.clone()))
    } else {
        (None, None)
    };
    rec.conn().execute(
        "UPDATE articles SET deleted_at = ?2, deleted_by = ?3 WHERE id = ?1",
        params![article.id, at, by],
    )?;
    let title = article.title.as_str();
    let entry = if deleted {
        Entry::article(article.id, HistoryChange::ArticleDeleted, Some(title), None)
    } else {
        Entry::article(
            article.id,
            HistoryChange::ArticleRestored,
            None,
            Some(title),
        )
    };
    rec.record(entry)
}

/// New details for an article. `None` leaves a detail as it is; an empty string clears it
/// (except the title, which an article always has).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleUpdate {
    /// Headline.
    pub title: Option<String>,
    /// Publication that ran it.
    pub outlet: Option<String>,
    /// Author line.
    pub byline: Option<String>,
    /// Where it was published (http or https).
    pub url: Option<String>,
    /// Publication day, `YYYY-MM-DD`.
    pub published: Option<String>,
}

impl ArticleUpdate {
    fn value(&self, field: ArticleField) -> Option<&str> {
        match field {
            ArticleField::Title => self.title.as_deref(),
            ArticleField::Outlet => self.outlet.as_deref(),
            ArticleField::Byline => self.byline.as_deref(),
            ArticleField::Url => self.url.as_deref(),
            ArticleField::Published => self.published.as_deref(),
        }
    }
}

impl Desk {
    /// Correct an article's details. Each value is validated (a title is required, the URL
    /// must be http or https, the date `YYYY-MM-DD`) before anything is written, and each
    /// change is recorded in the article's history.
    ///
    /// Changing the publication date does not re-resolve the claims' relative dates: they
    /// were read against the date the article had at import, and a claim's dates are the
    /// engine's reading, which editors' changes never rewrite behind their back.
    pub fn update_article(
        &self,
        id: ArticleId,
        update: &ArticleUpdate,
        by: Option<&str>,
    ) -> Result<ArticleSummary> {
        let mut values = Vec::new();
        for field in ArticleField::ALL {
            if let Some(value) = update.value(field) {
                values.push((field, field.validate(value)?));
            }
        }
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let article = queries::live_article(tx, id)?;
            let changing: Vec<&(ArticleField, Option<String>)> = values
                .iter()
                .filter(|(field, value)| field.get(&article) != value.as_deref())
                .collect();
            let label = match changing.as_slice() {
                [(ArticleField::Title, _)] => "renamed an article",
                _ => "edited an article's details",
            };
            let mut rec =
                Recorder::new(tx, &now, &by, ActionKind::UpdateArticle, label).about(id, None);
            for (field, value) in changing {
                set_article_field(&mut rec, &article, *field, value.as_deref())?;
            }
            queries::article_summary_any(tx, id)
        })
    }

    /// Delete an article: it and its claims leave every list, search and report, and stay in
    /// the database with their history until [`Desk::restore_article`].
    pub fn delete_article(&self, id: ArticleId, by: Option<&str>) -> Result<ArticleSummary> {
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let article = queries::article(tx, id)?;
            if article.deleted_at.is_some() {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!("article {id} is already deleted"),
                ));
            }
            let label = format!("deleted \u{201C}{}\u{201D}", article.title);
            let mut rec =
                Recorder::new(tx, &now, &by, ActionKind::DeleteArticle, label).about(id, None);
            set_deleted(&mut rec, &article, true)?;
            queries::article_summary_any(tx, id)
        })
    }

    /// Bring a deleted article back with its claims and their reviews.
    pub fn restore_article(&self, id: ArticleId, by: Option<&str>) -> Result<ArticleSummary> {
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, by)?;
            let article = queries::article(tx, id)?;
            if article.deleted_at.is_none() {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    format!("article {id} is not deleted; there is nothing to restore"),
                ));
            }
            let label = format!("restored \u{201C}{}\u{201D}", article.title);
            let mut rec =
                Recorder::new(tx, &now, &by, ActionKind::RestoreArticle, label).about(id, None);
            set_deleted(&mut rec, &article, false)?;
            queries::article_summary_any(tx, id)
        })
    }
}
