//! The desktop window: Tauri set up with the app's state, commands and plugins.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use forum_core::{ErrorPayload, Store};

use crate::commands;

/// What every command reaches through `tauri::State`.
pub struct AppState {
    pub data_dir: PathBuf,
    /// The open database, or why it could not be opened (shown by the UI instead of the
    /// app's screens; nothing is written while it is in that state).
    pub store: Mutex<Result<Store, ErrorPayload>>,
    /// Held while this window has the records open (released when the app exits).
    _lock: Option<File>,
}

/// The lock file beside the database: one window per data folder.
pub const LOCK_FILE: &str = "forum.lock";

/// Takes the data folder for this window. Two windows on one database would each show
/// (and save) what the other had overwritten, so a second one is refused with a sentence.
fn take_folder(data_dir: &Path) -> Result<File, ErrorPayload> {
    let fail = |message: String| ErrorPayload { code: "already_open".into(), message, field: None };
    std::fs::create_dir_all(data_dir).map_err(|e| fail(format!("Could not use {}: {e}", data_dir.display())))?;
    let path = data_dir.join(LOCK_FILE);
    let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| fail(format!("Could not use {}: {e}", path.display())))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(fail(
            "Forum Desk is already open with these records in another window. Use that window (look for it in your task bar): \
             two copies at once could overwrite each other's changes. Nothing has been changed."
                .into(),
        )),
        Err(TryLockError::Error(e)) => Err(fail(format!("Could not lock {}: {e}", path.display()))),
    }
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> AppState {
        let lock = take_folder(&data_dir);
        let store = match &lock {
            Ok(_) => Store::open_dir(&data_dir).map_err(|e| forum_core::Error::from(e).payload()),
            Err(e) => Err(e.clone()),
        };
        // The first start of each day keeps a copy; a failure to copy must not stop the
        // chair working, so it is reported and the app carries on.
        if let Ok(s) = &store {
            if let Err(e) = forum_core::backup::daily(s, &data_dir, chrono::Local::now().date_naive()) {
                eprintln!("forum-desk: today's backup could not be made: {e}");
            }
        }
        AppState { data_dir, store: Mutex::new(store), _lock: lock.ok() }
    }

    /// Closes the records, runs `f` on the data folder (a restore), and opens them again,
    /// whatever `f` did: the window is never left without its records.
    pub fn replace_store<T>(&self, f: impl FnOnce(&Path) -> forum_core::Result<T>) -> Result<T, ErrorPayload> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        if let Err(e) = guard.as_ref() {
            return Err(e.clone());
        }
        *guard = Err(ErrorPayload { code: "restoring".into(), message: "The records are being restored.".into(), field: None });
        let result = f(&self.data_dir).map_err(|e| e.payload());
        *guard = Store::open_dir(&self.data_dir).map_err(|e| forum_core::Error::from(e).payload());
        result
    }

    /// Runs one core operation on the store and turns its error into the UI's shape.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> forum_core::Result<T>) -> Result<T, ErrorPayload> {
        // A panic in an earlier command poisons the lock; the store itself is still
        // consistent (every operation is one transaction), so carry on with it.
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_mut() {
            Ok(store) => f(store).map_err(|e| e.payload()),
            Err(e) => Err(e.clone()),
        }
    }
}

/// The app's configuration, capabilities and embedded UI (also used by the IPC tests,
/// so they run with the real permissions).
pub fn context<R: tauri::Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

pub fn run(data_dir: Option<PathBuf>) -> i32 {
    let dir = match crate::data_dir::resolve(data_dir) {
        Ok(d) => d,
        Err(message) => {
            eprintln!("forum-desk: {message}");
            return 1;
        }
    };
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::open(dir))
        .invoke_handler(commands::handler())
        .run(context());
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("forum-desk: could not open the window: {e}");
            1
        }
    }
}
