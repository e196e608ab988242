use forum_core::{overview, ErrorPayload};
use tauri::State;

use crate::desktop::AppState;

#[tauri::command]
pub fn app_status(state: State<AppState>) -> Result<overview::Overview, ErrorPayload> {
    state.with_store(|s| overview::overview(s, &state.data_dir))
}

#[tauri::command]
pub fn load_demo(state: State<AppState>) -> Result<(), ErrorPayload> {
    state.with_store(|s| forum_core::demo::load(s).map(|_| ()))
}
