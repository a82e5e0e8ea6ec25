//! `claimdesk settings`: who publishes the desk's reports, where each fact check lives, and
//! whether new evidence links are archived.

use std::io::Write;

use claimdesk::Desk;
use clap::Args;

use super::Outcome;

/// `claimdesk settings`.
#[derive(Args)]
pub struct SettingsArgs {
    /// The publishing organisation's name ("" clears it).
    #[arg(long, value_name = "NAME")]
    org_name: Option<String>,
    /// The organisation's web address ("" clears it).
    #[arg(long, value_name = "URL")]
    org_url: Option<String>,
    /// The address of each claim's fact check, {claim_id} standing for the claim's id
    /// (https://factdesk.example/checks/{claim_id}); ClaimReview's url ("" clears it).
    #[arg(long, value_name = "T")]
    review_url_template: Option<String>,
    /// Ask the Internet Archive's Save Page Now for a copy of every evidence link added from
    /// now on (`on`), or stop (`off`, the default).
    #[arg(long, value_name = "on|off", value_parser = clap::builder::BoolishValueParser::new())]
    archive_links: Option<bool>,
}

/// Change what was given, then show the settings.
pub fn run(args: SettingsArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    let current = desk.settings()?;
    if args.org_name.is_some() || args.org_url.is_some() {
        let name = args.org_name.or(current.organisation_name);
        let url = args.org_url.or(current.organisation_url);
        desk.set_organisation(name.as_deref(), url.as_deref())?;
    }
    if let Some(template) = args.review_url_template {
        desk.set_review_url_template(Some(&template))?;
    }
    if let Some(enabled) = args.archive_links {
        desk.set_archive_links(enabled)?;
    }
    let settings = desk.settings()?;
    let shown = |value: Option<String>| value.unwrap_or_else(|| "(not set)".to_string());
    writeln!(
        out,
        "Organisation:        {}",
        shown(settings.organisation_name)
    )?;
    writeln!(
        out,
        "Organisation URL:    {}",
        shown(settings.organisation_url)
    )?;
    writeln!(
        out,
        "Review URL template: {}",
        shown(settings.review_url_template)
    )?;
    writeln!(
        out,
        "Verdict scale:       {}",
        settings.verdict_scale.preset.label()
    )?;
    writeln!(
        out,
        "Archive new links:   {}",
        if settings.archive_links { "on" } else { "off" }
    )?;
    Ok(())
}
