//! ClaimDesk's desktop window: a Tauri 2 shell around the `claimdesk` core.
//!
//! The shell holds no logic. The window's web UI reaches the core through `api`, which hands
//! the command name and its JSON arguments to the desk the window works on
//! ([`claimdesk::desks::Desks`]): its own file, through [`claimdesk::api::dispatch`] exactly as
//! `claimdesk serve` does for a browser, or a desk server it signed in to. A few more
//! one-line commands switch between the two and sign in or out. What is specific to the
//! desktop is only where the database lives, how a failure to open it is shown, and that the
//! window never navigates away from the app (links open in the system browser).

// A release build on Windows should not open a console window beside the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use claimdesk::desks::{DeskConnection, Desks, SessionInfo};
use claimdesk::navigation::{opens_outside, stays_in_window};
use claimdesk::{DATABASE_FILE_NAME, Error, ErrorKind, ErrorPayload};
use serde_json::Value;
use tauri::webview::{NewWindowResponse, WebviewWindowBuilder};
use tauri::{AppHandle, Manager, State, WindowEvent};
use tauri_plugin_opener::OpenerExt;
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// The same allocator as the `claimdesk` CLI: the engine allocates a few small strings per
/// claim, and mimalloc makes importing an article 15% faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The one command of the desk: run a core command with its JSON arguments.
///
/// `async` makes Tauri run it off the main thread, so a slow query never freezes the window.
#[tauri::command(async)]
fn api(desks: State<'_, Desks>, command: String, args: Value) -> Result<Value, ErrorPayload> {
    desks.call(&command, args)
}

/// Which desk the window works on.
#[tauri::command(async)]
fn desk_connection(desks: State<'_, Desks>) -> DeskConnection {
    desks.connection()
}

/// Sign in to a desk server and work on it ("Open a shared desk…").
#[tauri::command(async)]
fn open_shared_desk(
    desks: State<'_, Desks>,
    url: String,
    name: String,
    password: String,
) -> Result<DeskConnection, ErrorPayload> {
    desks.open_shared(&url, &name, &password)
}

/// Work on this machine's own desk file again.
#[tauri::command(async)]
fn open_own_desk(desks: State<'_, Desks>) -> Result<DeskConnection, ErrorPayload> {
    desks.open_own()
}

/// Sign in again to the shared desk (its session ended).
#[tauri::command(async)]
fn sign_in(
    desks: State<'_, Desks>,
    name: String,
    password: String,
) -> Result<SessionInfo, ErrorPayload> {
    desks.sign_in(&name, &password)
}

/// Sign out of the shared desk.
#[tauri::command(async)]
fn sign_out(desks: State<'_, Desks>) -> Result<(), ErrorPayload> {
    desks.sign_out()
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

/// Hand an address the window will not load to the system browser: the program `$BROWSER`
/// names when it is set (the usual way to choose one on Linux; the first of a `:` list), else
/// the system's default.
fn open_outside(app: &AppHandle, url: &str) {
    if !opens_outside(url) {
        eprintln!("claimdesk-desktop: not opening {url}: only web and mail links are opened");
        return;
    }
    let browser = std::env::var("BROWSER")
        .ok()
        .and_then(|list| list.split(':').next().map(str::to_string))
        .filter(|program| !program.trim().is_empty());
    if let Err(err) = app.opener().open_url(url, browser.as_deref()) {
        eprintln!("claimdesk-desktop: {url} could not be opened in the browser: {err}");
    }
}

/// The main window, from its configuration, with the navigation guard: the window only ever
/// shows the app; every other address goes to the system browser.
fn create_window(app: &tauri::App) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .first()
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    let dev_url = cfg!(debug_assertions)
        .then(|| app.config().build.dev_url.as_ref().map(|u| u.to_string()))
        .flatten();
    let (navigating, new_window) = (app.handle().clone(), app.handle().clone());
    WebviewWindowBuilder::from_config(app.handle(), &config)?
        .on_navigation(move |url| {
            let stays = stays_in_window(url.as_str(), dev_url.as_deref());
            if !stays {
                open_outside(&navigating, url.as_str());
            }
            stays
        })
        .on_new_window(move |url, _| {
            open_outside(&new_window, url.as_str());
            NewWindowResponse::Deny
        })
        .build()?;
    Ok(())
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
            let own = database_path(app).map_err(ErrorPayload::from);
            app.manage(Desks::start(own));
            // Loading the sentence encoder takes a moment: do it now, not at the first import.
            claimdesk::rating::preload();
            create_window(app)?;
            keep_window_state(app.handle().clone());
            Ok(())
        })
        .on_window_event(|_, event| {
            if matches!(event, WindowEvent::Resized(_) | WindowEvent::Moved(_)) {
                WINDOW_CHANGES.fetch_add(1, Ordering::Relaxed);
            }
        })
        .invoke_handler(tauri::generate_handler![
            api,
            desk_connection,
            open_shared_desk,
            open_own_desk,
            sign_in,
            sign_out
        ])
        .run(tauri::generate_context!());
    if let Err(err) = result {
        eprintln!("claimdesk-desktop: the window could not be started: {err}");
        std::process::exit(1);
    }
}
