//! ClaimDesk's desktop window: a Tauri 2 shell around the `claimdesk` core.
//!
//! The shell holds no logic. The window's web UI reaches the core through one command, `api`,
//! which hands the command name and its JSON arguments to [`claimdesk::api::dispatch`], exactly
//! as `claimdesk serve` does for a browser. What is specific to the desktop is only where the
//! database lives and how a failure to open it is shown.

// A release build on Windows should not open a console window beside the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use claimdesk::{DATABASE_FILE_NAME, Desk, Error, ErrorKind, ErrorPayload};
use serde_json::Value;
use tauri::{Manager, State, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// The same allocator as the `claimdesk` CLI: the engine allocates a few small strings per
/// claim, and mimalloc makes importing an article 15% faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The desk the window works on, or why it could not be opened. A failure is kept and
/// returned by every call, so the window shows the reason instead of the app dying at start.
type DeskState = Result<Desk, ErrorPayload>;

/// The one command of the shell: run a core command with its JSON arguments.
///
/// `async` makes Tauri run it off the main thread, so a slow query never freezes the window.
#[tauri::command(async)]
fn api(desk: State<'_, DeskState>, command: String, args: Value) -> Result<Value, ErrorPayload> {
    claimdesk::api::dispatch(desk.inner().as_ref().map_err(Clone::clone)?, &command, args)
        .map_err(ErrorPayload::from)
}

/// Where the database is: `CLAIMDESK_DB` if set, else `claimdesk.sqlite3` in the app data dir,
/// which is where the `claimdesk` command line looks too
/// ([`claimdesk::default_database_path`]).
fn database_path(app: &tauri::App) -> Result<PathBuf, Error> {
    if let Some(path) = std::env::var_os("CLAIMDESK_DB").filter(|path| !path.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dir = app.path().app_data_dir().map_err(|err| {
        Error::new(
            ErrorKind::Io,
            format!("cannot find the app data directory for the database ({err}); set CLAIMDESK_DB to a file path"),
        )
    })?;
    std::fs::create_dir_all(&dir).map_err(|err| {
        Error::new(
            ErrorKind::Io,
            format!("cannot create the data directory {}: {err}", dir.display()),
        )
    })?;
    Ok(dir.join(DATABASE_FILE_NAME))
}

fn open_desk(app: &tauri::App) -> DeskState {
    let path = database_path(app)?;
    // The core's message already names the file and what went wrong with it.
    claimdesk::open_desk(&path).map_err(ErrorPayload::from)
}

/// Moves and resizes of the window since the app started.
static WINDOW_CHANGES: AtomicU64 = AtomicU64::new(0);

/// Saves the window's size and place once the editor has stopped moving or resizing it for
/// half a second. The plugin itself saves only on a clean exit; this keeps the size when the
/// app is killed, the session ends or the machine loses power. One sleeping thread, not a
/// timer per resize event (a drag sends dozens).
fn keep_window_state(app: tauri::AppHandle) {
    std::thread::spawn(move || {
        let (mut saved, mut seen) = (0, 0);
        loop {
            std::thread::sleep(Duration::from_millis(500));
            let changes = WINDOW_CHANGES.load(Ordering::Relaxed);
            if changes != saved && changes == seen {
                if let Err(err) = app.save_window_state(StateFlags::all()) {
                    eprintln!("claimdesk-desktop: the window's size could not be saved: {err}");
                }
                saved = changes;
            }
            seen = changes;
        }
    });
}

fn main() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_fs::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(|app| {
            let desk = open_desk(app);
            if let Err(err) = &desk {
                eprintln!("claimdesk-desktop: {}", err.message);
            }
            app.manage(desk);
            keep_window_state(app.handle().clone());
            Ok(())
        })
        .on_window_event(|_, event| {
            if matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
                WINDOW_CHANGES.fetch_add(1, Ordering::Relaxed);
            }
        })
        .invoke_handler(tauri::generate_handler![api])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("claimdesk-desktop: the window could not be started: {err}");
        std::process::exit(1);
    }
}
