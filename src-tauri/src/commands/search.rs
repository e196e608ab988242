use forum_core::search::{self, SearchQuery, SearchResults};
use forum_core::ErrorPayload;
use tauri::State;

use crate::desktop::AppState;

/// Async: it is called as the chair types, and a sync command runs on the main thread,
/// which also carries the key presses to the page; this one runs beside it.
#[tauri::command]
pub async fn search(state: State<'_, AppState>, query: SearchQuery) -> Result<SearchResults, ErrorPayload> {
    state.with_store(|s| search::search(s, &query))
}
