//! `claimdesk user`: the accounts editors sign in to a desk server with.
//!
//! Passwords are read from standard input, never from the command line (where `ps` and the
//! shell's history would show them): typed at a terminal without being shown, twice, or one
//! line of piped input (`printf '%s\n' "$PASSWORD" | claimdesk user add ...`).

use std::io::{self, BufRead, IsTerminal, Write};

use claimdesk::accounts::{check_new_password, hash_password};
use claimdesk::{Desk, Error, ErrorKind};
use clap::Subcommand;

use super::Outcome;

/// `claimdesk user ...`.
#[derive(Subcommand)]
pub enum UserAction {
    /// Add an account (the password is read from standard input).
    Add {
        /// The editor's name, as colleagues know them: history records their changes under it.
        name: String,
        /// Let the account manage the desk's accounts.
        #[arg(long)]
        admin: bool,
    },
    /// List the accounts.
    List,
    /// Disable an account: it can no longer sign in, and its sessions end at once.
    Disable {
        /// The account's name.
        name: String,
    },
    /// Set a new password for an account (read from standard input); its sessions end.
    Password {
        /// The account's name.
        name: String,
    },
}

/// Run a `user` action.
pub fn run(action: UserAction, desk: &Desk, out: &mut impl Write) -> Outcome {
    match action {
        UserAction::Add { name, admin } => {
            let password = read_password(&name)?;
            let account = desk.add_account(&name, &hash_password(&password)?, admin)?;
            let role = if account.admin {
                "administrator"
            } else {
                "editor"
            };
            writeln!(
                out,
                "Added {} ({role}). They sign in with that name and the password you gave.",
                account.name
            )?;
        }
        UserAction::List => {
            let accounts = desk.accounts()?;
            if accounts.is_empty() {
                writeln!(
                    out,
                    "No accounts yet: this desk is one editor's. Add one with \
                     `claimdesk user add NAME --admin`."
                )?;
            }
            for account in accounts {
                let role = if account.admin {
                    "administrator"
                } else {
                    "editor"
                };
                let state = match &account.disabled_at {
                    Some(at) => format!("disabled since {at}"),
                    None => "active".to_string(),
                };
                writeln!(
                    out,
                    "{}\t{role}\t{state}\tadded {}",
                    account.name, account.created_at
                )?;
            }
        }
        UserAction::Disable { name } => {
            let account = desk.disable_account(&name)?;
            writeln!(
                out,
                "Disabled {}: they can no longer sign in, and their sessions have ended. \
                 Their changes stay in the history under their name.",
                account.name
            )?;
        }
        UserAction::Password { name } => {
            // The account must exist before anyone is asked for a password.
            if desk.credentials(&name)?.is_none() {
                return Err(Error::not_found(format!(
                    "there is no account named \u{201C}{name}\u{201D}; `claimdesk user list` \
                     shows them"
                ))
                .into());
            }
            let password = read_password(&name)?;
            let account = desk.set_password_hash(&name, &hash_password(&password)?)?;
            writeln!(
                out,
                "Changed the password of {}; they must sign in again everywhere.",
                account.name
            )?;
        }
    }
    Ok(())
}

/// The new password: asked twice at a terminal (not shown), else the first line of input.
fn read_password(name: &str) -> Result<String, Error> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        let prompt = |text: &str| {
            rpassword::prompt_password(text).map_err(|err| {
                Error::new(ErrorKind::Io, format!("cannot read the password: {err}"))
            })
        };
        let first = prompt(&format!("New password for {name}: "))?;
        check_new_password(&first)?;
        let second = prompt("The same password again: ")?;
        if first != second {
            return Err(Error::invalid_input(
                "the two passwords differ; nothing was changed. Run the command again",
            ));
        }
        return Ok(first);
    }
    let mut line = String::new();
    stdin.lock().read_line(&mut line)?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        return Err(Error::invalid_input(format!(
            "no password on standard input; type it when asked, or pipe it in: \
             printf '%s\\n' \"$PASSWORD\" | claimdesk user ... {name}"
        )));
    }
    check_new_password(&password)?;
    Ok(password)
}
