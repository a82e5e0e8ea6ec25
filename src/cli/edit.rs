//! `claimdesk edit`: correct what the desk publishes about a claim (its wording, speaker,
//! kind, dates and review page).

use std::io::Write;

use claimdesk::identity::LocalEditor;
use claimdesk::{Desk, Error};
use claimdesk_engine::ClaimKind;
use claimdesk_store::records::{Claim, SpeakerType};
use claimdesk_store::{ClaimCorrection, DateChange, DateCorrection};
use clap::Args;

use super::Outcome;
use super::input::{parse_kind, parse_speaker_type};
use super::output::one_line;

/// `claimdesk edit`.
#[derive(Args)]
pub struct EditArgs {
    /// The claim's id.
    claim: i64,
    /// The claim as checked: the wording reports and ClaimReview publish ("" goes back to
    /// the article's own words).
    #[arg(long, value_name = "T")]
    claim_text: Option<String>,
    /// Who made the claim. A name the desk knows brings the role and type it last had.
    #[arg(long, value_name = "NAME", conflicts_with = "no_speaker")]
    speaker: Option<String>,
    /// The speaker's role, such as "Foreign affairs adviser" ("" clears it).
    #[arg(long, value_name = "R", conflicts_with = "no_speaker")]
    speaker_role: Option<String>,
    /// Whether the speaker is a person or an organisation.
    #[arg(long, value_name = "person|organisation", value_parser = parse_speaker_type,
          conflicts_with = "no_speaker")]
    speaker_type: Option<SpeakerType>,
    /// Nobody made it: the outlet asserts the claim (clears the speaker, role and type).
    #[arg(long)]
    no_speaker: bool,
    /// What kind of claim it is: quantity, comparison, event, causal, law_policy, prediction,
    /// opinion, other.
    #[arg(long, value_name = "K", value_parser = parse_kind)]
    kind: Option<ClaimKind>,
    /// Resolve a date the claim mentions: the expression as written (or its START..END
    /// offsets) = YYYY-MM-DD, YYYY-MM or YYYY; "Tuesday=2025-03-11". Repeat for several.
    #[arg(long = "date", value_name = "EXPR=VALUE")]
    dates: Vec<String>,
    /// Take a date off the claim (the expression is not a date it refers to): the expression
    /// as written, or its START..END offsets. Repeat for several.
    #[arg(long = "remove-date", value_name = "EXPR")]
    remove_dates: Vec<String>,
    /// The page this claim's fact check is published on ("" clears it).
    #[arg(long, value_name = "URL")]
    review_url: Option<String>,
    /// Who made the change [default: this machine's editor name (`claimdesk reviewer`), else
    /// $USER].
    #[arg(long)]
    by: Option<String>,
}

/// The date of `claim` an editor means by `which`: its expression as written (any case), or
/// `START..END`.
fn find_date(claim: &Claim, which: &str) -> Result<(usize, usize), Error> {
    let dates = &claim.extracted.dates;
    let listed = || {
        if dates.is_empty() {
            "it mentions none".to_string()
        } else {
            let each: Vec<String> = dates
                .iter()
                .map(|d| format!("\"{}\" ({}..{})", d.text, d.start, d.end))
                .collect();
            format!("its dates are {}", each.join(", "))
        }
    };
    if let Some((start, end)) = which.split_once("..")
        && let (Ok(start), Ok(end)) = (start.trim().parse::<usize>(), end.trim().parse::<usize>())
    {
        return dates
            .iter()
            .find(|d| d.start == start && d.end == end)
            .map(|d| (d.start, d.end))
            .ok_or_else(|| {
                Error::invalid_input(format!(
                    "claim {} has no date at {start}..{end}; {}",
                    claim.id,
                    listed()
                ))
            });
    }
    let wanted = one_line(which).to_lowercase();
    let matching: Vec<_> = dates
        .iter()
        .filter(|d| one_line(&d.text).to_lowercase() == wanted)
        .collect();
    match matching.as_slice() {
        [one] => Ok((one.start, one.end)),
        [] => Err(Error::invalid_input(format!(
            "claim {} mentions no date \"{which}\"; {}",
            claim.id,
            listed()
        ))),
        _ => Err(Error::invalid_input(format!(
            "claim {} mentions \"{which}\" more than once; name it by its offsets: {}",
            claim.id,
            listed()
        ))),
    }
}

/// Apply the corrections and show the claim as it now reads.
pub fn run(args: EditArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    let before = desk.claim(args.claim)?;
    let mut dates = Vec::new();
    for date in &args.dates {
        let (which, value) = date.rsplit_once('=').ok_or_else(|| {
            Error::invalid_input(format!(
                "--date {date:?}: write the expression, then = and the value: \
                 --date \"Tuesday=2025-03-11\""
            ))
        })?;
        let (start, end) = find_date(&before.claim, which)?;
        dates.push(DateCorrection {
            start,
            end,
            change: DateChange::Resolve(value.trim().to_string()),
        });
    }
    for which in &args.remove_dates {
        let (start, end) = find_date(&before.claim, which)?;
        dates.push(DateCorrection {
            start,
            end,
            change: DateChange::Remove,
        });
    }
    let correction = ClaimCorrection {
        claim_text: args.claim_text,
        speaker: if args.no_speaker {
            Some(String::new())
        } else {
            args.speaker
        },
        speaker_role: args.speaker_role,
        speaker_type: args.speaker_type,
        kind: args.kind,
        dates,
        review_url: args.review_url,
    };
    if correction.is_empty() {
        return Err(Error::invalid_input(
            "nothing to change: give --claim-text, --speaker, --speaker-role, --speaker-type, \
             --no-speaker, --kind, --date, --remove-date or --review-url",
        )
        .into());
    }
    let by = match args.by {
        Some(by) => by,
        None => LocalEditor::of_this_machine().name(desk)?.0,
    };
    let after = desk.edit_claim(args.claim, &correction, by.as_str())?;
    if after.history.len() == before.history.len() {
        writeln!(
            out,
            "Claim {} already reads so; nothing changed.",
            args.claim
        )?;
    } else {
        writeln!(out, "Claim {} corrected.", args.claim)?;
    }
    describe(out, &after.claim)?;
    Ok(())
}

/// What the desk publishes about a claim, one line each.
fn describe(out: &mut impl Write, claim: &Claim) -> Outcome {
    writeln!(out, "  Claim as checked: {}", one_line(claim.wording()))?;
    if claim.claim_text.is_some() {
        writeln!(
            out,
            "  In the article:   {}",
            one_line(&claim.extracted.text)
        )?;
    }
    let speaker = match &claim.extracted.speaker {
        None => "none (the outlet asserts it)".to_string(),
        Some(name) => {
            let mut text = name.clone();
            if let Some(kind) = claim.speaker_type {
                text.push_str(&format!(" ({})", kind.label().to_lowercase()));
            }
            if let Some(role) = &claim.speaker_role {
                text.push_str(&format!(", {role}"));
            }
            text
        }
    };
    writeln!(out, "  Speaker:          {speaker}")?;
    writeln!(out, "  Kind:             {}", claim.extracted.kind.label())?;
    for date in &claim.extracted.dates {
        writeln!(
            out,
            "  Date:             \"{}\" = {}",
            date.text,
            date.value.as_deref().unwrap_or("unresolved")
        )?;
    }
    if let Some(url) = &claim.review_url {
        writeln!(out, "  Review page:      {url}")?;
    }
    Ok(())
}
