//! `claimdesk reviewer`: the name changes are recorded under.

use std::io::Write;

use claimdesk::Desk;
use clap::Args;

use super::Outcome;

/// `claimdesk reviewer`.
#[derive(Args)]
pub struct ReviewerArgs {
    /// The name to set (as colleagues know you); without it, the current name is shown.
    name: Option<String>,
}

/// Show the name, or set it.
pub fn run(args: ReviewerArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    match args.name {
        Some(name) => {
            let settings = desk.set_reviewer(&name)?;
            let name = settings.reviewer.unwrap_or_default();
            writeln!(out, "Changes are now recorded as made by {name}.")?;
        }
        None => {
            let name = desk.default_reviewer()?;
            let source = if desk.settings()?.reviewer.is_some() {
                "set with `claimdesk reviewer NAME`"
            } else {
                "your login name; set another with `claimdesk reviewer NAME`"
            };
            writeln!(out, "{name} ({source})")?;
        }
    }
    Ok(())
}
