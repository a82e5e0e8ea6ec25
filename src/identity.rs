//! Who is asking: the editor every change is recorded under.
//!
//! A change is always someone's. On a desk server that someone is the signed-in editor, and
//! the client has no say in it. In the desktop window on its own desk, and in `claimdesk
//! serve` for the one editor at this machine, it is the name set on this machine, else the
//! operating system's login name. The machine's name lives in the machine's settings
//! (`<config dir>/org.claimdesk.desk/editor.json`), not in the desk file: a desk file is
//! copied, backed up and shared, and a name belongs to the person at the machine.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use claimdesk_error::{Error, ErrorKind, Result};
use claimdesk_store::records::{Account, AppInfo, SessionInfo};
use claimdesk_store::{APP_IDENTIFIER, Desk, editor_name, login_name};

/// The machine's settings file, in the app's folder of the configuration directory.
pub const MACHINE_SETTINGS_FILE: &str = "editor.json";

/// A file of this machine's ClaimDesk settings (`<config dir>/org.claimdesk.desk/<name>`);
/// `None` when the machine has no configuration folder (no `$HOME`).
pub fn machine_file(name: &str) -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join(APP_IDENTIFIER).join(name))
}

/// What this machine remembers about its editor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct MachineSettings {
    /// The editor's name, as history records their changes.
    #[serde(default)]
    name: Option<String>,
}

/// The editor at this machine: their name as set here, else the desk's name from before
/// names belonged to machines, else the login name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalEditor {
    settings: Option<PathBuf>,
}

impl LocalEditor {
    /// The editor of this machine, with the name kept in the usual place
    /// (`$XDG_CONFIG_HOME` or `~/.config`, `~/Library/Application Support`, `%APPDATA%`).
    pub fn of_this_machine() -> LocalEditor {
        LocalEditor {
            settings: machine_file(MACHINE_SETTINGS_FILE),
        }
    }

    /// An editor whose name is kept in `path` (tests).
    pub fn with_settings_file(path: &Path) -> LocalEditor {
        LocalEditor {
            settings: Some(path.to_path_buf()),
        }
    }

    fn read(&self) -> Result<MachineSettings> {
        let Some(path) = &self.settings else {
            return Ok(MachineSettings::default());
        };
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|err| {
                Error::new(
                    ErrorKind::InvalidInput,
                    format!(
                        "this machine's ClaimDesk settings ({}) are not readable JSON ({err}); \
                         delete the file and set your name again",
                        path.display()
                    ),
                )
            }),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                Ok(MachineSettings::default())
            }
            Err(err) => Err(Error::from(err).context(format!("cannot read {}", path.display()))),
        }
    }

    /// The name set on this machine, if one is.
    pub fn name_set(&self) -> Result<Option<String>> {
        Ok(self.read()?.name)
    }

    /// The name changes are recorded under, and whether it was chosen (set here, or set on
    /// the desk before names belonged to machines) rather than taken from the login.
    pub fn name(&self, desk: &Desk) -> Result<(String, bool)> {
        if let Some(name) = self.name_set()? {
            return Ok((name, true));
        }
        if let Some(name) = desk.legacy_reviewer()? {
            return Ok((name, true));
        }
        Ok((login_name(), false))
    }

    /// Set this machine's editor name; returns it as stored (trimmed).
    pub fn set_name(&self, name: &str) -> Result<String> {
        let name = editor_name(name)?.to_string();
        let path = self.settings.as_ref().ok_or_else(|| {
            Error::new(
                ErrorKind::Io,
                "this machine has no configuration folder to keep your name in (is $HOME set?)",
            )
        })?;
        let mut settings = self.read()?;
        settings.name = Some(name.clone());
        let failed = |err: std::io::Error| {
            Error::from(err).context(format!("cannot save your name in {}", path.display()))
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(failed)?;
        }
        // Written beside and renamed over, so a crash never leaves half a file.
        let temporary = path.with_extension("json.tmp");
        let text = serde_json::to_vec_pretty(&settings)
            .map_err(|err| Error::internal(format!("cannot encode the settings: {err}")))?;
        std::fs::write(&temporary, text).map_err(failed)?;
        std::fs::rename(&temporary, path).map_err(failed)?;
        Ok(name)
    }
}

/// An editor signed in to a desk server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// Their account.
    pub account: Account,
    /// When their session ends (UTC RFC 3339).
    pub expires_at: String,
}

/// Who a command runs for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// The editor at this machine: the desktop window on its own desk, or `claimdesk serve`
    /// for one editor on this machine.
    Local(LocalEditor),
    /// An editor signed in to a desk server.
    SignedIn(SignedIn),
}

impl Caller {
    /// The editor at this machine.
    pub fn local() -> Caller {
        Caller::Local(LocalEditor::of_this_machine())
    }

    /// The name this caller's changes are recorded under.
    pub fn name(&self, desk: &Desk) -> Result<String> {
        match self {
            Caller::Local(editor) => Ok(editor.name(desk)?.0),
            Caller::SignedIn(signed_in) => Ok(signed_in.account.name.clone()),
        }
    }

    /// Set the caller's name: the machine's editor may; a signed-in editor's name is their
    /// account's.
    pub fn set_name(&self, name: &str) -> Result<String> {
        match self {
            Caller::Local(editor) => editor.set_name(name),
            Caller::SignedIn(signed_in) => Err(Error::new(
                ErrorKind::Forbidden,
                format!(
                    "you are signed in as {}, and your changes are recorded under your \
                     account's name; an administrator can add an account with another name",
                    signed_in.account.name
                ),
            )),
        }
    }

    /// `app_info` as this caller sees it: who they are, and the database's location only for
    /// the editor at this machine.
    pub fn app_info(&self, desk: &Desk) -> Result<AppInfo> {
        let mut info = desk.app_info()?;
        match self {
            Caller::Local(editor) => {
                let (name, chosen) = editor.name(desk)?;
                info.reviewer = name;
                info.reviewer_is_set = chosen;
            }
            Caller::SignedIn(signed_in) => {
                info.database_path = None;
                info.reviewer = signed_in.account.name.clone();
                info.reviewer_is_set = true;
                info.session = Some(SessionInfo {
                    name: signed_in.account.name.clone(),
                    admin: signed_in.account.admin,
                    expires_at: signed_in.expires_at.clone(),
                });
            }
        }
        Ok(info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_set_on_the_machine_is_kept_in_its_settings_file() {
        let dir = tempfile::tempdir().unwrap();
        let editor = LocalEditor::with_settings_file(&dir.path().join("cfg/editor.json"));
        assert_eq!(editor.name_set().unwrap(), None);
        assert_eq!(
            editor.set_name("  Ana Lindqvist ").unwrap(),
            "Ana Lindqvist"
        );
        assert_eq!(editor.name_set().unwrap().as_deref(), Some("Ana Lindqvist"));
    }

    #[test]
    fn a_signed_in_editor_cannot_rename_themselves() {
        let caller = Caller::SignedIn(SignedIn {
            account: Account {
                id: 1,
                name: "Sam Chen".into(),
                admin: false,
                created_at: "2025-03-14T09:00:00Z".into(),
                disabled_at: None,
            },
            expires_at: "2025-03-14T21:00:00Z".into(),
        });
        assert_eq!(
            caller.set_name("Ana").unwrap_err().kind(),
            ErrorKind::Forbidden
        );
    }
}
