use std::path::PathBuf;

use forum_core::model::{Network, NetworkFilter, NetworkInput};
use forum_core::networks::{self, ImportSummary};
use forum_core::ErrorPayload;
use tauri::State;

use crate::desktop::AppState;

#[tauri::command]
pub fn list_networks(state: State<AppState>, filter: NetworkFilter) -> Result<Vec<Network>, ErrorPayload> {
    state.with_store(|s| networks::list(s, &filter))
}

#[tauri::command]
pub fn get_network(state: State<AppState>, id: i64) -> Result<Network, ErrorPayload> {
    state.with_store(|s| networks::get(s, id))
}

#[tauri::command]
pub fn create_network(state: State<AppState>, input: NetworkInput) -> Result<Network, ErrorPayload> {
    state.with_store(|s| networks::create(s, &input))
}

#[tauri::command]
pub fn update_network(state: State<AppState>, id: i64, input: NetworkInput) -> Result<Network, ErrorPayload> {
    state.with_store(|s| networks::update(s, id, &input))
}

#[tauri::command]
pub fn set_network_active(state: State<AppState>, id: i64, active: bool) -> Result<Network, ErrorPayload> {
    state.with_store(|s| networks::set_active(s, id, active))
}

#[tauri::command]
pub fn delete_network(state: State<AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_store(|s| networks::delete(s, id))
}

#[tauri::command]
pub fn import_networks(state: State<AppState>, path: PathBuf) -> Result<ImportSummary, ErrorPayload> {
    state.with_store(|s| networks::import_directory(s, &path))
}

#[tauri::command]
pub fn export_networks(state: State<AppState>, path: PathBuf) -> Result<usize, ErrorPayload> {
    state.with_store(|s| networks::export_directory(s, &path))
}
