//! The desktop window: Tauri set up with the app's state, commands and plugins.

use std::path::PathBuf;
use std::sync::Mutex;

use forum_core::{ErrorPayload, Store};

use crate::commands;

/// What every command reaches through `tauri::State`.
pub struct AppState {
    pub data_dir: PathBuf,
    /// The open database, or why it could not be opened (shown by the UI instead of the
    /// app's screens; nothing is written while it is in that state).
    pub store: Mutex<Result<Store, ErrorPayload>>,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> AppState {
        let store = Store::open_dir(&data_dir).map_err(|e| forum_core::Error::from(e).payload());
        // The first start of each day keeps a copy; a failure to copy must not stop the
        // chair working, so it is reported and the app carries on.
        if let Ok(s) = &store {
            if let Err(e) = forum_core::backup::daily(s, &data_dir, chrono::Local::now().date_naive()) {
                eprintln!("forum-desk: today's backup could not be made: {e}");
            }
        }
        AppState { data_dir, store: Mutex::new(store) }
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
