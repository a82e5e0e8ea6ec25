//! The SQLite store: articles, claims, evidence links, history and settings.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{ClaimStatus, Stance};
use crate::records::{
    AppInfo, ArticleDetail, ArticleId, ArticleSummary, Claim, ClaimDetail, ClaimId, EvidenceId,
    ImportResult, Settings,
};

/// An article to import, as the UI or the command line read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewArticle {
    /// The file's text (plain text or HTML).
    pub content: String,
    /// The name of the file it came from.
    pub file_name: Option<String>,
    /// Headline override.
    pub title: Option<String>,
    /// Source URL override.
    pub url: Option<String>,
    /// Publication day override (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// Outlet override.
    pub outlet: Option<String>,
    /// Byline override.
    pub byline: Option<String>,
    /// Warnings from reading the file (for example, bytes that were not UTF-8).
    pub warnings: Vec<String>,
}

/// Which claims to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    /// Only claims of this article.
    pub article_id: Option<ArticleId>,
    /// Only claims in these statuses; empty means all.
    pub statuses: Vec<ClaimStatus>,
}

/// An open ClaimDesk database.
#[derive(Debug)]
pub struct Desk {
    path: PathBuf,
}

fn pending() -> Error {
    Error::internal("not implemented yet")
}

impl Desk {
    /// Open (creating and migrating as needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Desk> {
        Ok(Desk {
            path: path.to_path_buf(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the UI needs to know about the app and the database.
    pub fn app_info(&self) -> Result<AppInfo> {
        Err(pending())
    }

    /// Set the reviewer name.
    pub fn set_reviewer(&self, name: &str) -> Result<Settings> {
        let _ = name;
        Err(pending())
    }

    /// Set the organisation.
    pub fn set_organisation(&self, name: Option<&str>, url: Option<&str>) -> Result<Settings> {
        let _ = (name, url);
        Err(pending())
    }

    /// Every article with its claim counts.
    pub fn list_articles(&self) -> Result<Vec<ArticleSummary>> {
        Err(pending())
    }

    /// Import an article.
    pub fn import_article(&self, new: NewArticle) -> Result<ImportResult> {
        let _ = new;
        Err(pending())
    }

    /// One article with its claims.
    pub fn article(&self, id: ArticleId) -> Result<ArticleDetail> {
        let _ = id;
        Err(pending())
    }

    /// Claims matching `filter`.
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<Claim>> {
        let _ = filter;
        Err(pending())
    }

    /// One claim with its evidence and history.
    pub fn claim(&self, id: ClaimId) -> Result<ClaimDetail> {
        let _ = id;
        Err(pending())
    }

    /// Change a claim's status.
    pub fn set_status(
        &self,
        id: ClaimId,
        status: ClaimStatus,
        note: Option<&str>,
        by: Option<&str>,
    ) -> Result<ClaimDetail> {
        let _ = (id, status, note, by);
        Err(pending())
    }

    /// Replace a claim's note.
    pub fn set_note(&self, id: ClaimId, note: &str, by: Option<&str>) -> Result<ClaimDetail> {
        let _ = (id, note, by);
        Err(pending())
    }

    /// Set or clear a claim's verdict.
    pub fn set_verdict(
        &self,
        id: ClaimId,
        verdict: Option<&str>,
        by: Option<&str>,
    ) -> Result<ClaimDetail> {
        let _ = (id, verdict, by);
        Err(pending())
    }

    /// Attach an evidence link.
    pub fn add_evidence(
        &self,
        id: ClaimId,
        url: &str,
        title: Option<&str>,
        stance: Stance,
        note: Option<&str>,
        by: Option<&str>,
    ) -> Result<ClaimDetail> {
        let _ = (id, url, title, stance, note, by);
        Err(pending())
    }

    /// Remove an evidence link.
    pub fn remove_evidence(&self, id: EvidenceId, by: Option<&str>) -> Result<ClaimDetail> {
        let _ = (id, by);
        Err(pending())
    }
}
