//! `claimdesk reviewer`: the name this machine's changes are recorded under.

use std::io::Write;

use claimdesk::Desk;
use claimdesk::identity::LocalEditor;
use clap::Args;

use super::Outcome;

/// `claimdesk reviewer`.
#[derive(Args)]
pub struct ReviewerArgs {
    /// The name to set (as colleagues know you); without it, the current name is shown.
    name: Option<String>,
}

/// Show the name, or set it. The name belongs to this machine (the desktop app and every
/// desk opened here use it), not to the desk file; on a desk server an editor's name is
/// their account's.
pub fn run(args: ReviewerArgs, desk: &Desk, out: &mut impl Write) -> Outcome {
    let editor = LocalEditor::of_this_machine();
    match args.name {
        Some(name) => {
            let name = editor.set_name(&name)?;
            writeln!(
                out,
                "Changes made on this machine are now recorded as made by {name}."
            )?;
        }
        None => {
            let (name, chosen) = editor.name(desk)?;
            let source = match (chosen, editor.name_set()?.is_some()) {
                (true, true) => "set on this machine with `claimdesk reviewer NAME`",
                (true, false) => {
                    "the name this desk kept before names belonged to machines; set yours with \
                     `claimdesk reviewer NAME`"
                }
                _ => "your login name; set another with `claimdesk reviewer NAME`",
            };
            writeln!(out, "{name} ({source})")?;
        }
    }
    Ok(())
}
