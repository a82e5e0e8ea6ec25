//! Editors' corrections of what the desk publishes about a claim: the claim as checked (its
//! wording), who made it (name, role, person or organisation), what kind of claim it is, the
//! dates it mentions, and the page its fact check is published on.
//!
//! The engine's reading is corrected in place, so that every list, filter, report and export
//! shows what the editor approved; the engine's original stays in the history, where each
//! change is a row of one `edit_claim` action, undoable like any other. The span (`text`,
//! `start`, `end`) is never touched here: it stays the claim's anchor in the article, and the
//! wording is what the desk publishes.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use crate::actions::{Entry, Recorder};
use crate::conflicts::{Author, check_unchanged};
use crate::records::{ActionKind, Claim, ClaimDetail, ClaimId, HistoryChange, SpeakerType};
use crate::{Desk, check_length, queries, review};
use claimdesk_engine::{ClaimKind, DateMention};
use claimdesk_error::{Error, Result};
use claimdesk_fields::validate_url;

/// Longest wording of a claim accepted, in characters (Google suggests under 75 for a
/// ClaimReview; a long quotation is a few hundred).
const MAX_WORDING_CHARS: usize = 2_000;
/// Longest speaker name or role accepted, in characters.
const MAX_SPEAKER_CHARS: usize = 200;
/// Longest review page URL accepted, in characters.
const MAX_URL_CHARS: usize = 8_000;

/// What to do with one date a claim mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateChange {
    /// Resolve it to this day (`YYYY-MM-DD`), month (`YYYY-MM`) or year (`YYYY`).
    Resolve(String),
    /// Take it off the claim: the expression is not a date the claim refers to.
    Remove,
}

/// One date correction: the date mention (by its place in the article) and what to do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateCorrection {
    /// Character offset of the date expression in the article, as the claim's `dates` give it.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// Its new value, or its removal.
    pub change: DateChange,
}

/// An editor's corrections of a claim. Every field is optional: `None` leaves it as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimCorrection {
    /// The claim as checked; empty text goes back to the span's own text.
    pub claim_text: Option<String>,
    /// Who made the claim; empty text clears the speaker (the outlet asserts the claim), and
    /// their role and type with it. A new name without a role or type takes those the desk
    /// last gave that speaker, if any.
    pub speaker: Option<String>,
    /// The speaker's role; empty text clears it.
    pub speaker_role: Option<String>,
    /// Whether the speaker is a person or an organisation.
    pub speaker_type: Option<SpeakerType>,
    /// What kind of claim it is.
    pub kind: Option<ClaimKind>,
    /// Corrections of the dates it mentions, in order.
    pub dates: Vec<DateCorrection>,
    /// The page its fact check is published on (http or https); empty text clears it.
    pub review_url: Option<String>,
}

impl ClaimCorrection {
    /// Whether it asks for nothing at all.
    pub fn is_empty(&self) -> bool {
        self == &ClaimCorrection::default()
    }
}

/// Whitespace runs (line breaks included) as one space, trimmed: a wording, name or role is
/// one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Check a resolved date value: a day, a month or a year, as ISO 8601 writes them.
pub fn check_date_value(value: &str) -> Result<String> {
    let value = value.trim();
    let valid = match value.len() {
        4 => value.chars().all(|c| c.is_ascii_digit()),
        7 => chrono::NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d").is_ok(),
        10 => chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok(),
        _ => false,
    };
    if !valid {
        return Err(Error::invalid_input(format!(
            "{value:?} is not a date: write the day as YYYY-MM-DD (2025-03-14), or a month as \
             YYYY-MM, or a year as YYYY"
        ))
        .with_field("dates"));
    }
    Ok(value.to_string())
}

/// The form each field takes once checked, and what it would change.
struct Checked {
    claim_text: Option<Option<String>>,
    speaker: Option<Option<String>>,
    speaker_role: Option<Option<String>>,
    speaker_type: Option<Option<SpeakerType>>,
    kind: Option<ClaimKind>,
    dates: Vec<(usize, usize, Option<String>)>,
    review_url: Option<Option<String>>,
}

/// Check every field before the write lock is taken: lengths, URLs, dates.
fn check(correction: &ClaimCorrection) -> Result<Checked> {
    let text_field = |value: &Option<String>,
                      what: &str,
                      max: usize,
                      field: &'static str|
     -> Result<Option<Option<String>>> {
        value
            .as_deref()
            .map(|v| {
                let v = one_line(v);
                check_length(what, &v, max).map_err(|err| err.with_field(field))?;
                Ok((!v.is_empty()).then_some(v))
            })
            .transpose()
    };
    let review_url = correction
        .review_url
        .as_deref()
        .map(|url| {
            let url = url.trim();
            if url.is_empty() {
                return Ok(None);
            }
            check_length("the review page URL", url, MAX_URL_CHARS)?;
            validate_url(url)
                .map(Some)
                .map_err(|err| err.with_field("review_url"))
        })
        .transpose()?;
    let dates = correction
        .dates
        .iter()
        .map(|date| {
            let value = match &date.change {
                DateChange::Resolve(value) => Some(check_date_value(value)?),
                DateChange::Remove => None,
            };
            Ok((date.start, date.end, value))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Checked {
        claim_text: text_field(
            &correction.claim_text,
            "the claim as checked",
            MAX_WORDING_CHARS,
            "claim_text",
        )?,
        speaker: text_field(
            &correction.speaker,
            "the speaker's name",
            MAX_SPEAKER_CHARS,
            "speaker",
        )?,
        speaker_role: text_field(
            &correction.speaker_role,
            "the speaker's role",
            MAX_SPEAKER_CHARS,
            "speaker_role",
        )?,
        speaker_type: correction.speaker_type.map(Some),
        kind: correction.kind,
        dates,
        review_url,
    })
}

/// The role and type the desk last gave `speaker` (any capitalisation), if it gave any.
fn known_speaker(
    conn: &Connection,
    speaker: &str,
) -> Result<(Option<String>, Option<SpeakerType>)> {
    let found: Option<(Option<String>, Option<String>)> = conn
        .prepare_cached(
            "SELECT speaker_role, speaker_type FROM claims INDEXED BY claims_speaker_details
             WHERE speaker = ?1 COLLATE NOCASE
               AND (speaker_role IS NOT NULL OR speaker_type IS NOT NULL)
             ORDER BY updated_at DESC LIMIT 1",
        )?
        .query_row([speaker], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let Some((role, kind)) = found else {
        return Ok((None, None));
    };
    Ok((role, kind.map(|k| k.parse()).transpose()?))
}

/// The value a history row records for a date: `“Tuesday” = 2025-03-11`, `“Tuesday”
/// (unresolved)`.
fn date_label(date: &DateMention) -> String {
    match &date.value {
        Some(value) => format!("\u{201C}{}\u{201D} = {value}", date.text),
        None => format!("\u{201C}{}\u{201D} (unresolved)", date.text),
    }
}

/// Put the date mention at `start..end` of a claim to `new` (`None`: remove it), recording the
/// change with both sides in its detail. The claim is read again, so several date changes of
/// one command apply one after the other.
pub(crate) fn set_date(
    rec: &mut Recorder<'_>,
    claim_id: ClaimId,
    start: usize,
    end: usize,
    new: Option<&DateMention>,
) -> Result<()> {
    let claim = queries::claim(rec.conn(), claim_id)?;
    let mut dates = claim.extracted.dates.clone();
    let at = dates.iter().position(|d| d.start == start && d.end == end);
    let old = at.map(|i| dates[i].clone());
    if old.as_ref() == new {
        return Ok(());
    }
    match (at, new) {
        (Some(i), Some(new)) => dates[i] = new.clone(),
        (Some(i), None) => {
            dates.remove(i);
        }
        (None, Some(new)) => {
            dates.push(new.clone());
            dates.sort_by_key(|d| (d.start, d.end));
        }
        (None, None) => return Ok(()),
    }
    rec.conn().execute(
        "UPDATE claims SET dates = ?2, updated_at = ?3 WHERE id = ?1",
        params![claim.id, serde_json::to_string(&dates)?, rec.at],
    )?;
    let old_label = old.as_ref().map(date_label);
    let new_label = new.map(date_label);
    rec.record(
        Entry::claim(
            &claim,
            HistoryChange::Date,
            old_label.as_deref(),
            new_label.as_deref(),
        )
        .with_data(json!({ "start": start, "end": end, "old": old, "new": new })),
    )
}

/// Whether a date change's "new" side (`which` = "new") or "old" side is what the claim holds.
pub(crate) fn date_is(claim: &Claim, data: Option<&serde_json::Value>, which: &str) -> bool {
    let Some(data) = data else {
        return false;
    };
    let (Some(start), Some(end)) = (
        data.get("start").and_then(serde_json::Value::as_u64),
        data.get("end").and_then(serde_json::Value::as_u64),
    ) else {
        return false;
    };
    let wanted: Option<DateMention> = data
        .get(which)
        .cloned()
        .and_then(|v| serde_json::from_value(v).ok());
    let current = claim
        .extracted
        .dates
        .iter()
        .find(|d| d.start as u64 == start && d.end as u64 == end);
    current == wanted.as_ref()
}

/// Put a date back to the "old" side of a date change's detail.
pub(crate) fn restore_date(
    rec: &mut Recorder<'_>,
    claim: &Claim,
    data: Option<&serde_json::Value>,
) -> Result<()> {
    let data = data.ok_or_else(|| Error::internal("a date change without its detail"))?;
    let offset = |key: &str| {
        data.get(key)
            .and_then(serde_json::Value::as_u64)
            .and_then(|v| usize::try_from(v).ok())
            .ok_or_else(|| Error::internal(format!("a date change without its {key}")))
    };
    let old: Option<DateMention> = data
        .get("old")
        .cloned()
        .map(serde_json::from_value)
        .transpose()
        .map_err(|err| Error::internal(format!("unreadable date in history: {err}")))?;
    set_date(
        rec,
        claim.id,
        offset("start")?,
        offset("end")?,
        old.as_ref(),
    )
}

/// The label the undo stack shows for a correction.
fn label(changes: &[HistoryChange], claim: &Claim, checked: &Checked) -> String {
    match changes {
        [HistoryChange::ClaimText] => match &checked.claim_text {
            Some(Some(_)) => "reworded the claim as checked".to_string(),
            _ => "put the claim's wording back to the article's".to_string(),
        },
        [HistoryChange::Speaker, ..]
            if changes.iter().all(|c| {
                matches!(
                    c,
                    HistoryChange::Speaker
                        | HistoryChange::SpeakerRole
                        | HistoryChange::SpeakerType
                )
            }) =>
        {
            match &checked.speaker {
                Some(Some(name)) => format!("set the speaker to \u{201C}{name}\u{201D}"),
                Some(None) => "cleared the speaker".to_string(),
                None => "corrected the speaker".to_string(),
            }
        }
        [HistoryChange::SpeakerRole] | [HistoryChange::SpeakerType] => {
            let name = claim.extracted.speaker.as_deref().unwrap_or("the speaker");
            format!("corrected \u{201C}{name}\u{201D}")
        }
        [HistoryChange::SpeakerRole, HistoryChange::SpeakerType] => {
            let name = claim.extracted.speaker.as_deref().unwrap_or("the speaker");
            format!("corrected \u{201C}{name}\u{201D}")
        }
        [HistoryChange::Kind] => format!(
            "made the claim {}",
            checked.kind.map_or("", |k| k.label()).to_lowercase()
        ),
        dates if dates.iter().all(|c| *c == HistoryChange::Date) => {
            if checked.dates.iter().all(|(_, _, value)| value.is_none()) {
                "removed a date".to_string()
            } else {
                "corrected a date".to_string()
            }
        }
        [HistoryChange::ReviewUrl] => "set the review page".to_string(),
        _ => "corrected the claim".to_string(),
    }
}

impl Desk {
    /// Correct what the desk publishes about a claim: its wording, speaker, kind, dates and
    /// review page, as one command (one step of undo). Fields left out stay as they are;
    /// setting what is already there records nothing.
    /// With the revision the editor saw (`Author::seen`), a field a colleague has changed since
    /// is refused as a `conflict` naming them.
    pub fn edit_claim<'a>(
        &self,
        id: ClaimId,
        correction: &ClaimCorrection,
        by: impl Into<Author<'a>>,
    ) -> Result<ClaimDetail> {
        let author = by.into();
        if correction.is_empty() {
            return Err(Error::invalid_input(
                "nothing to change: give the claim's wording, speaker, role, type, kind, a date \
                 or its review page",
            ));
        }
        let checked = check(correction)?;
        let now = self.now();
        self.write(|tx| {
            let by = self.reviewer(tx, author.name)?;
            let claim = queries::live_claim(tx, id)?;
            let c = &claim.extracted;

            // What each field becomes.
            let claim_text = checked
                .claim_text
                .clone()
                // The span's own text is no correction: stored as none, so a span edit that
                // later changes the text changes what is published too.
                .map(|t| t.filter(|t| t != &c.text));
            let speaker = checked.speaker.clone();
            let (mut role, mut kind_of_speaker) =
                (checked.speaker_role.clone(), checked.speaker_type);
            let gives_details =
                role.as_ref().is_some_and(Option::is_some) || kind_of_speaker.is_some();
            let speaker_after = match &speaker {
                Some(new) => new.as_ref(),
                None => c.speaker.as_ref(),
            };
            if speaker_after.is_none() && gives_details {
                return Err(Error::invalid_input(
                    "a role or type belongs to a speaker: give the speaker's name too",
                )
                .with_field("speaker"));
            }
            match &speaker {
                // No speaker: the outlet asserts the claim, and nobody's role is left.
                Some(None) => {
                    role = Some(None);
                    kind_of_speaker = Some(None);
                }
                // Another speaker: what the desk knows of them, unless the editor said.
                Some(Some(name))
                    if Some(name) != c.speaker.as_ref()
                        && (role.is_none() || kind_of_speaker.is_none()) =>
                {
                    let (known_role, known_type) = known_speaker(tx, name)?;
                    role.get_or_insert(known_role);
                    kind_of_speaker.get_or_insert(known_type);
                }
                _ => {}
            }
            let mut dates = Vec::new();
            for (start, end, value) in &checked.dates {
                let Some(old) = c.dates.iter().find(|d| d.start == *start && d.end == *end) else {
                    return Err(Error::not_found(format!(
                        "claim {id} mentions no date at {start}..{end}; its dates are: {}",
                        if c.dates.is_empty() {
                            "none".to_string()
                        } else {
                            c.dates
                                .iter()
                                .map(|d| {
                                    format!("\u{201C}{}\u{201D} at {}..{}", d.text, d.start, d.end)
                                })
                                .collect::<Vec<_>>()
                                .join(", ")
                        }
                    ))
                    .with_field("dates"));
                };
                let new = value.as_ref().map(|value| DateMention {
                    value: Some(value.clone()),
                    ..old.clone()
                });
                dates.push((*start, *end, new));
            }

            // Which fields change, for the label.
            let mut changes = Vec::new();
            let differs = |new: &Option<Option<String>>, old: &Option<String>| {
                new.as_ref().is_some_and(|n| n != old)
            };
            if differs(&claim_text, &claim.claim_text) {
                changes.push(HistoryChange::ClaimText);
            }
            if differs(&speaker, &c.speaker) {
                changes.push(HistoryChange::Speaker);
            }
            if differs(&role, &claim.speaker_role) {
                changes.push(HistoryChange::SpeakerRole);
            }
            if kind_of_speaker.is_some_and(|k| k != claim.speaker_type) {
                changes.push(HistoryChange::SpeakerType);
            }
            if checked.kind.is_some_and(|k| k != c.kind) {
                changes.push(HistoryChange::Kind);
            }
            for (start, end, new) in &dates {
                let old = c.dates.iter().find(|d| d.start == *start && d.end == *end);
                if old != new.as_ref() {
                    changes.push(HistoryChange::Date);
                }
            }
            if differs(&checked.review_url, &claim.review_url) {
                changes.push(HistoryChange::ReviewUrl);
            }
            if changes.is_empty() {
                return queries::claim_detail(tx, id);
            }
            check_unchanged(tx, &claim, author.seen, &by, &changes)?;

            let mut rec = Recorder::new(
                tx,
                &now,
                &by,
                ActionKind::EditClaim,
                label(&changes, &claim, &checked),
            )
            .about(claim.article_id, Some(id));
            let field = |rec: &mut Recorder<'_>, change, old: Option<&str>, new: Option<&str>| {
                review::change_field(rec, &claim, change, old, new)
            };
            if let Some(new) = &claim_text {
                field(
                    &mut rec,
                    HistoryChange::ClaimText,
                    claim.claim_text.as_deref(),
                    new.as_deref(),
                )?;
            }
            if let Some(new) = &speaker {
                field(
                    &mut rec,
                    HistoryChange::Speaker,
                    c.speaker.as_deref(),
                    new.as_deref(),
                )?;
            }
            if let Some(new) = &role {
                field(
                    &mut rec,
                    HistoryChange::SpeakerRole,
                    claim.speaker_role.as_deref(),
                    new.as_deref(),
                )?;
            }
            if let Some(new) = kind_of_speaker {
                field(
                    &mut rec,
                    HistoryChange::SpeakerType,
                    claim.speaker_type.map(SpeakerType::as_str),
                    new.map(SpeakerType::as_str),
                )?;
            }
            if let Some(new) = checked.kind {
                field(
                    &mut rec,
                    HistoryChange::Kind,
                    Some(c.kind.as_str()),
                    Some(new.as_str()),
                )?;
            }
            for (start, end, new) in &dates {
                set_date(&mut rec, id, *start, *end, new.as_ref())?;
            }
            if let Some(new) = &checked.review_url {
                field(
                    &mut rec,
                    HistoryChange::ReviewUrl,
                    claim.review_url.as_deref(),
                    new.as_deref(),
                )?;
            }
            queries::claim_detail(tx, id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::day("2025-03-14", true)]
    #[case::month("2025-03", true)]
    #[case::year("2025", true)]
    #[case::spaces(" 2025-03-14 ", true)]
    #[case::us_order("03/14/2025", false)]
    #[case::no_such_day("2025-02-30", false)]
    #[case::no_such_month("2025-13", false)]
    #[case::words("last Tuesday", false)]
    fn dates_are_entered_as_iso_days_months_or_years(#[case] value: &str, #[case] ok: bool) {
        let checked = check_date_value(value);
        assert_eq!(checked.is_ok(), ok, "{value}: {checked:?}");
        if let Err(err) = checked {
            assert_eq!(err.field(), Some("dates"));
        }
    }

    #[test]
    fn names_and_wordings_are_one_line() {
        assert_eq!(one_line("  Yuri\n Ushakov  "), "Yuri Ushakov");
    }
}
