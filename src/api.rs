//! The command table the desktop shell and the HTTP server share.
//!
//! Every operation the UI can ask for is one row of [`commands!`]: a name, an argument type and
//! a result type. From that one table come [`dispatch`] (JSON in, JSON out, used by Tauri's
//! `api` command and by `POST /api/<command>`), [`COMMAND_NAMES`], and the TypeScript type
//! `Commands` (`ui/src/bindings/Commands.ts`) that makes `api.call('set_status', {...})`
//! type-checked in the UI. Adding a command is adding a row; the transports never change.
//!
//! Argument structs reject unknown fields, so a misspelt field in the UI is an `invalid_input`
//! error instead of a silently ignored value. Optional fields may be omitted or `null`, which is
//! how later versions add arguments without breaking older callers.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::import::ArticleHints;
use crate::model::{ClaimKind, ClaimStatus, Stance};
use crate::records::{
    AppInfo, ArticleDetail, ArticleId, ArticleSummary, Choice, Claim, ClaimDetail, ClaimId,
    EvidenceId, ImportResult, Report, Settings,
};
use crate::reports::ReportFormat;
use crate::store::{ClaimFilter, Desk, NewArticle};

/// Arguments of a command that takes none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct NoArgs {}

/// Arguments of `set_reviewer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct SetReviewerArgs {
    /// The editor's name as it should appear in history entries and reports.
    pub name: String,
}

/// Arguments of `set_organisation`: who publishes the reports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, optional_fields = nullable)]
pub struct SetOrganisationArgs {
    /// The organisation's name; `null` or empty clears it.
    pub name: Option<String>,
    /// Its web address (http or https); `null` or empty clears it.
    pub url: Option<String>,
}

/// Arguments of `list_articles`. Empty today: filters and sorting come as optional fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, optional_fields = nullable)]
pub struct ListArticlesArgs {}

/// Arguments of `import_article`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct ImportArticleArgs {
    /// The file's text as read (plain text or HTML; HTML is recognised by the file name's
    /// extension or by the content itself).
    pub content: String,
    /// The name of the file it came from, if any (`story.html`).
    #[serde(default)]
    pub file_name: Option<String>,
    /// Headline; overrides what the file says.
    #[serde(default)]
    pub title: Option<String>,
    /// Where it was published (http or https); overrides what the file says.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication day `YYYY-MM-DD`; overrides what the file says.
    #[serde(default)]
    pub published: Option<String>,
    /// Publication that ran it; overrides what the file says.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Author line; overrides what the file says.
    #[serde(default)]
    pub byline: Option<String>,
}

/// Arguments of commands that address one record by id (`get_article`, `get_claim`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct IdArgs {
    /// The record's id.
    pub id: i64,
}

/// Arguments of `list_claims`. Every filter is optional; together they narrow the list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
#[ts(export, optional_fields = nullable)]
pub struct ListClaimsArgs {
    /// Only claims of this article.
    pub article_id: Option<ArticleId>,
    /// Only claims in one of these statuses.
    pub statuses: Option<Vec<ClaimStatus>>,
}

/// Arguments of `set_status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct SetStatusArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// Its new status.
    pub status: ClaimStatus,
    /// A note to set in the same change (replaces the current one).
    #[serde(default)]
    pub note: Option<String>,
    /// Who made the change; defaults to the desk's reviewer.
    #[serde(default)]
    pub by: Option<String>,
}

/// Arguments of `set_note`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct SetNoteArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// The new note; empty clears it.
    pub note: String,
    /// Who made the change; defaults to the desk's reviewer.
    #[serde(default)]
    pub by: Option<String>,
}

/// Arguments of `set_verdict`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct SetVerdictArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// The verdict label ("Mostly false"); `null` or empty clears it.
    #[serde(default)]
    pub verdict: Option<String>,
    /// Who made the change; defaults to the desk's reviewer.
    #[serde(default)]
    pub by: Option<String>,
}

/// Arguments of `add_evidence`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct AddEvidenceArgs {
    /// The claim.
    pub claim_id: ClaimId,
    /// The source: an absolute http or https URL.
    pub url: String,
    /// The source's title.
    #[serde(default)]
    pub title: Option<String>,
    /// Whether it supports, refutes or gives context to the claim.
    pub stance: Stance,
    /// Why it matters.
    #[serde(default)]
    pub note: Option<String>,
    /// Who attached it; defaults to the desk's reviewer.
    #[serde(default)]
    pub by: Option<String>,
}

/// Arguments of `remove_evidence`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct RemoveEvidenceArgs {
    /// The evidence link.
    pub evidence_id: EvidenceId,
    /// Who removed it; defaults to the desk's reviewer.
    #[serde(default)]
    pub by: Option<String>,
}

/// Arguments of `export_report`. Without `article_id` the report covers every article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export, optional_fields = nullable)]
pub struct ExportReportArgs {
    /// The file format.
    pub format: ReportFormat,
    /// Only this article.
    #[serde(default)]
    pub article_id: Option<ArticleId>,
}

/// The TypeScript shape of one command: what it takes and what it returns.
///
/// Only its TypeScript form is used (by `Commands.ts`); Rust code never builds one.
#[derive(Debug, TS)]
#[ts(export)]
pub struct Command<A, R> {
    /// The argument object.
    pub args: A,
    /// The result.
    pub result: R,
}

/// Declares the command table once and derives `dispatch`, the name list and the TypeScript
/// `Commands` map from it, so the three can never disagree.
macro_rules! commands {
    ($( $(#[doc = $doc:literal])+ $name:ident($args:ty) -> $result:ty = $handler:expr; )+) => {
        /// Every command name, in table order.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),+];

        /// The command map the UI's `api.call` is typed against: command name → `{args, result}`.
        ///
        /// Only its TypeScript form is used; Rust code never builds one.
        #[derive(Debug, TS)]
        #[ts(export)]
        #[allow(non_snake_case)]
        pub struct Commands {
            $( $(#[doc = $doc])+ pub $name: Command<$args, $result>, )+
        }

        /// Run `command` with its JSON `args` against `desk` and return its JSON result.
        ///
        /// `null` args are taken as `{}`. An unknown command or malformed arguments are
        /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) errors that say what
        /// was expected.
        pub fn dispatch(desk: &Desk, command: &str, args: Value) -> Result<Value> {
            match command {
                $( stringify!($name) => {
                    let args: $args = parse_args(stringify!($name), args)?;
                    let handler: fn(&Desk, $args) -> Result<$result> = $handler;
                    let result = handler(desk, args)?;
                    serde_json::to_value(result).map_err(|err| {
                        Error::internal(format!("cannot encode the result of {command}: {err}"))
                    })
                } )+
                other => Err(Error::invalid_input(format!(
                    "unknown command {other:?}; the commands are: {}",
                    COMMAND_NAMES.join(", ")
                ))),
            }
        }
    };
}

commands! {
    /// The app's version, database location, settings and the status and kind labels.
    app_info(NoArgs) -> AppInfo = |desk, _| desk.app_info();
    /// Set the editor's name that history entries record.
    set_reviewer(SetReviewerArgs) -> Settings = |desk, args| desk.set_reviewer(&args.name);
    /// Set the organisation that publishes the reports.
    set_organisation(SetOrganisationArgs) -> Settings =
        |desk, args| desk.set_organisation(args.name.as_deref(), args.url.as_deref());
    /// Every article with its claim counts, newest import first.
    list_articles(ListArticlesArgs) -> Vec<ArticleSummary> = |desk, _| desk.list_articles();
    /// Import an article (plain text or HTML) and store its check-worthy claims.
    import_article(ImportArticleArgs) -> ImportResult = |desk, args| {
        desk.import_article(NewArticle {
            content: args.content,
            hints: ArticleHints {
                file_name: args.file_name,
                title: args.title,
                url: args.url,
                published: args.published,
                outlet: args.outlet,
                byline: args.byline,
            },
            warnings: Vec::new(),
        })
    };
    /// One article with its text and claims.
    get_article(IdArgs) -> ArticleDetail = |desk, args| desk.article(args.id);
    /// Claims matching the filters, by article and position.
    list_claims(ListClaimsArgs) -> Vec<Claim> = |desk, args| {
        desk.claims(&ClaimFilter {
            article_id: args.article_id,
            statuses: args.statuses.unwrap_or_default(),
        })
    };
    /// One claim with its evidence and history.
    get_claim(IdArgs) -> ClaimDetail = |desk, args| desk.claim(args.id);
    /// Change a claim's status (and optionally its note in the same change).
    set_status(SetStatusArgs) -> ClaimDetail = |desk, args| {
        desk.set_status(args.claim_id, args.status, args.note.as_deref(), args.by.as_deref())
    };
    /// Replace a claim's note.
    set_note(SetNoteArgs) -> ClaimDetail =
        |desk, args| desk.set_note(args.claim_id, &args.note, args.by.as_deref());
    /// Set or clear a claim's verdict label.
    set_verdict(SetVerdictArgs) -> ClaimDetail = |desk, args| {
        desk.set_verdict(args.claim_id, args.verdict.as_deref(), args.by.as_deref())
    };
    /// Attach an evidence link (http or https) to a claim.
    add_evidence(AddEvidenceArgs) -> ClaimDetail = |desk, args| {
        desk.add_evidence(
            args.claim_id,
            &args.url,
            args.title.as_deref(),
            args.stance,
            args.note.as_deref(),
            args.by.as_deref(),
        )
    };
    /// Take an evidence link off its claim (the history keeps it).
    remove_evidence(RemoveEvidenceArgs) -> ClaimDetail =
        |desk, args| desk.remove_evidence(args.evidence_id, args.by.as_deref());
    /// Render a verification report.
    export_report(ExportReportArgs) -> Report =
        |desk, args| crate::reports::render(desk, args.format, args.article_id);
}

fn parse_args<T: DeserializeOwned>(command: &str, args: Value) -> Result<T> {
    let args = match args {
        Value::Null => Value::Object(serde_json::Map::new()),
        other => other,
    };
    serde_json::from_value(args)
        .map_err(|err| Error::invalid_input(format!("invalid arguments for {command}: {err}")))
}

/// The status labels, in workflow order, as [`AppInfo`] lists them.
pub fn status_choices() -> Vec<Choice<ClaimStatus>> {
    ClaimStatus::ALL
        .into_iter()
        .map(|value| Choice {
            value,
            label: value.label().to_string(),
        })
        .collect()
}

/// The claim kind labels, as [`AppInfo`] lists them.
pub fn kind_choices() -> Vec<Choice<ClaimKind>> {
    ClaimKind::ALL
        .into_iter()
        .map(|value| Choice {
            value,
            label: value.label().to_string(),
        })
        .collect()
}
