//! Which desk the desktop window works on: its own file, or a desk server the editor signed in
//! to ("Open a shared desk…"). Either way the window sends the same commands; only where they
//! go changes. The shell (`src-tauri`) holds one [`Desks`] and hands every call to it.
//!
//! The shared desk the window last worked on (its address and the session, never the
//! password) is remembered on this machine (`<config dir>/org.claimdesk.desk/shared-desk.json`,
//! readable by its owner only), so the app opens on it again, signed in until the session
//! ends.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::api;
use crate::identity::{Caller, LocalEditor, machine_file};
use crate::remote::RemoteDesk;
use claimdesk_error::{Error, ErrorKind, ErrorPayload, Result};
use claimdesk_store::Desk;
pub use claimdesk_store::records::SessionInfo;

/// The file the last shared desk is remembered in.
pub const SHARED_DESK_FILE: &str = "shared-desk.json";

/// Which desk the window works on, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DeskConnection {
    /// `own`: the desk file on this machine; `shared`: a desk server.
    pub kind: DeskKind,
    /// The desk server's address, for a shared desk.
    pub url: Option<String>,
}

/// See [`DeskConnection::kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeskKind {
    /// The desk file on this machine.
    Own,
    /// A desk server.
    Shared,
}

/// What is remembered about the last shared desk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Remembered {
    url: String,
    #[serde(default)]
    token: Option<String>,
}

enum Current {
    Own(Arc<std::result::Result<Desk, ErrorPayload>>),
    Shared(Arc<RemoteDesk>),
}

/// The desk the window works on, and how to switch.
pub struct Desks {
    own_path: std::result::Result<PathBuf, ErrorPayload>,
    editor: LocalEditor,
    memory: Option<PathBuf>,
    current: RwLock<Current>,
}

impl std::fmt::Debug for Desks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desks")
            .field("own_path", &self.own_path)
            .field("connection", &self.connection())
            .finish()
    }
}

fn open_own(path: &std::result::Result<PathBuf, ErrorPayload>) -> Current {
    let desk = match path {
        Ok(path) => crate::open_desk(path).map_err(ErrorPayload::from),
        Err(err) => Err(err.clone()),
    };
    if let Err(err) = &desk {
        eprintln!("claimdesk-desktop: {}", err.message);
    }
    Current::Own(Arc::new(desk))
}

impl Desks {
    /// Start on the shared desk remembered on this machine, else on the own desk at
    /// `own_path` (opened now; a failure is kept and shown by every call).
    pub fn start(own_path: std::result::Result<PathBuf, ErrorPayload>) -> Desks {
        Desks::start_with(
            own_path,
            LocalEditor::of_this_machine(),
            machine_file(SHARED_DESK_FILE),
        )
    }

    /// [`Desks::start`] with the machine's editor and memory file given (tests).
    pub fn start_with(
        own_path: std::result::Result<PathBuf, ErrorPayload>,
        editor: LocalEditor,
        memory: Option<PathBuf>,
    ) -> Desks {
        let remembered = memory.as_deref().and_then(recall);
        let current = match remembered.and_then(|r| RemoteDesk::new(&r.url, r.token).ok()) {
            Some(remote) => Current::Shared(Arc::new(remote)),
            None => open_own(&own_path),
        };
        Desks {
            own_path,
            editor,
            memory,
            current: RwLock::new(current),
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Current> {
        self.current.read().unwrap_or_else(|p| p.into_inner())
    }

    fn replace(&self, next: Current) {
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = next;
    }

    /// Run a command on the current desk.
    pub fn call(&self, command: &str, args: Value) -> std::result::Result<Value, ErrorPayload> {
        let target = match &*self.read() {
            Current::Own(desk) => Target::Own(Arc::clone(desk)),
            Current::Shared(remote) => Target::Shared(Arc::clone(remote)),
        };
        match target {
            Target::Own(desk) => {
                let desk = desk.as_ref().as_ref().map_err(Clone::clone)?;
                api::dispatch(desk, &Caller::Local(self.editor.clone()), command, args)
                    .map_err(ErrorPayload::from)
            }
            Target::Shared(remote) => remote.call(command, args).map_err(ErrorPayload::from),
        }
    }

    /// Which desk the window works on.
    pub fn connection(&self) -> DeskConnection {
        match &*self.read() {
            Current::Own(_) => DeskConnection {
                kind: DeskKind::Own,
                url: None,
            },
            Current::Shared(remote) => DeskConnection {
                kind: DeskKind::Shared,
                url: Some(remote.url().to_string()),
            },
        }
    }

    /// Sign in to the desk server at `url` and work on it from now on.
    pub fn open_shared(
        &self,
        url: &str,
        name: &str,
        password: &str,
    ) -> std::result::Result<DeskConnection, ErrorPayload> {
        let mut remote = RemoteDesk::new(url, None).map_err(ErrorPayload::from)?;
        remote.sign_in(name, password).map_err(ErrorPayload::from)?;
        self.remember(&remote);
        self.replace(Current::Shared(Arc::new(remote)));
        Ok(self.connection())
    }

    /// Sign in again to the current shared desk (after the session ended).
    pub fn sign_in(
        &self,
        name: &str,
        password: &str,
    ) -> std::result::Result<SessionInfo, ErrorPayload> {
        let url = match &*self.read() {
            Current::Shared(remote) => remote.url().to_string(),
            Current::Own(_) => {
                return Err(Error::new(
                    ErrorKind::Conflict,
                    "this is your own desk, on this machine: it needs no sign-in",
                )
                .to_payload());
            }
        };
        let mut remote = RemoteDesk::new(&url, None).map_err(ErrorPayload::from)?;
        let session = remote.sign_in(name, password).map_err(ErrorPayload::from)?;
        self.remember(&remote);
        self.replace(Current::Shared(Arc::new(remote)));
        Ok(session)
    }

    /// Sign out of the current shared desk (the window then asks to sign in again, or goes
    /// back to the own desk).
    pub fn sign_out(&self) -> std::result::Result<(), ErrorPayload> {
        let url = match &*self.read() {
            Current::Shared(remote) => remote.url().to_string(),
            Current::Own(_) => return Ok(()),
        };
        let result = match &*self.read() {
            Current::Shared(remote) => {
                let mut signed_in = RemoteDesk::new(&url, remote.token().map(str::to_string))
                    .map_err(ErrorPayload::from)?;
                signed_in.sign_out()
            }
            Current::Own(_) => Ok(()),
        };
        let remote = RemoteDesk::new(&url, None).map_err(ErrorPayload::from)?;
        self.remember(&remote);
        self.replace(Current::Shared(Arc::new(remote)));
        result.map_err(ErrorPayload::from)
    }

    /// Work on the desk file of this machine again (the shared desk is forgotten here; its
    /// work stays on its server).
    pub fn open_own(&self) -> std::result::Result<DeskConnection, ErrorPayload> {
        if let Some(memory) = &self.memory {
            let _ = std::fs::remove_file(memory);
        }
        let already_own = matches!(&*self.read(), Current::Own(_));
        if !already_own {
            self.replace(open_own(&self.own_path));
        }
        Ok(self.connection())
    }

    fn remember(&self, remote: &RemoteDesk) {
        let Some(memory) = &self.memory else {
            return;
        };
        let remembered = Remembered {
            url: remote.url().to_string(),
            token: remote.token().map(str::to_string),
        };
        if let Err(err) = write_private(memory, &remembered) {
            // Not fatal: the app works on, and asks for the desk again next time.
            eprintln!(
                "claimdesk-desktop: the shared desk could not be remembered in {}: {err}",
                memory.display()
            );
        }
    }
}

enum Target {
    Own(Arc<std::result::Result<Desk, ErrorPayload>>),
    Shared(Arc<RemoteDesk>),
}

fn recall(path: &Path) -> Option<Remembered> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Write `value` as JSON readable and writable by the file's owner only (it holds a session).
fn write_private(path: &Path, value: &Remembered) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_vec_pretty(value)
        .map_err(|err| Error::internal(format!("cannot encode {}: {err}", path.display())))?;
    let temporary = path.with_extension("json.tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    {
        use std::io::Write;
        let mut file = options.open(&temporary)?;
        file.write_all(&text)?;
        file.sync_all()?;
    }
    std::fs::rename(&temporary, path)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_remembered_shared_desk_the_window_opens_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let desks = Desks::start_with(
            Ok(dir.path().join("desk.sqlite3")),
            LocalEditor::with_settings_file(&dir.path().join("editor.json")),
            Some(dir.path().join(SHARED_DESK_FILE)),
        );
        assert_eq!(desks.connection().kind, DeskKind::Own);
        assert!(desks.call("list_articles", Value::Null).is_ok());
    }

    #[test]
    fn a_remembered_shared_desk_is_opened_again_and_forgotten_on_the_way_back() {
        let dir = tempfile::tempdir().unwrap();
        let memory = dir.path().join(SHARED_DESK_FILE);
        write_private(
            &memory,
            &Remembered {
                url: "https://desk.example.org".into(),
                token: Some("t".into()),
            },
        )
        .unwrap();
        let desks = Desks::start_with(
            Ok(dir.path().join("desk.sqlite3")),
            LocalEditor::with_settings_file(&dir.path().join("editor.json")),
            Some(memory.clone()),
        );
        assert_eq!(
            desks.connection().url.as_deref(),
            Some("https://desk.example.org")
        );
        assert_eq!(desks.open_own().unwrap().kind, DeskKind::Own);
        assert!(!memory.exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_remembered_session_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let memory = dir.path().join(SHARED_DESK_FILE);
        write_private(&memory, &Remembered::default()).unwrap();
        let mode = std::fs::metadata(&memory).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0);
    }
}
