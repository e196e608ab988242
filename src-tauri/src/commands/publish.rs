use std::path::PathBuf;

use forum_core::publishing::{self, Format};
use forum_core::publishing::readout::build::{self, ReadoutOptions};
use forum_core::publishing::readout::Document;
use forum_core::ErrorPayload;
use tauri::State;

use super::today;
use crate::desktop::AppState;

#[tauri::command]
pub fn readout_options(state: State<AppState>, meeting_id: i64) -> Result<ReadoutOptions, ErrorPayload> {
    state.with_store(|s| build::options(s, meeting_id))
}

#[tauri::command]
pub fn preview_readout(state: State<AppState>, meeting_id: i64, options: ReadoutOptions) -> Result<Document, ErrorPayload> {
    state.with_store(|s| build::readout(s, meeting_id, &options, today()))
}

/// Writes the readout and remembers the options for this meeting.
#[tauri::command]
pub fn export_readout(state: State<AppState>, meeting_id: i64, format: Format, options: ReadoutOptions, path: PathBuf) -> Result<String, ErrorPayload> {
    state.with_store(|s| {
        build::save_options(s, meeting_id, &options)?;
        publishing::export_readout(s, meeting_id, format, &options, &path, today(), true).map(|p| p.display().to_string())
    })
}

#[tauri::command]
pub fn export_agenda(state: State<AppState>, meeting_id: i64, format: Format, path: PathBuf) -> Result<String, ErrorPayload> {
    state.with_store(|s| publishing::export_agenda(s, meeting_id, format, &path).map(|p| p.display().to_string()))
}

/// The website's event post, dated today (Jekyll shows no post dated in the future).
#[tauri::command]
pub fn export_event(state: State<AppState>, meeting_id: i64, path: PathBuf) -> Result<String, ErrorPayload> {
    state.with_store(|s| publishing::export_event(s, meeting_id, &path, None, today(), true).map(|p| p.display().to_string()))
}
