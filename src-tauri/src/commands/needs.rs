use std::path::PathBuf;

use forum_core::import::form_import::NetworkResolution;
use forum_core::needs::forward_look::{self, ForwardLook};
use forum_core::import::columns::Mapping;
use forum_core::model::{Submission, SubmissionInput, SubmissionSource, Theme, ThemeInput};
use forum_core::settings::{self, AppMode};
use forum_core::needs::submission_file::{self, FileImport, SubmissionFile};
use forum_core::needs::submission_import::{self, SubmissionsImportResult, SubmissionsPreview};
use forum_core::{needs, ErrorPayload};
use tauri::State;

use crate::desktop::AppState;

#[tauri::command]
pub fn set_app_mode(state: State<AppState>, mode: AppMode) -> Result<(), ErrorPayload> {
    state.with_store(|s| settings::set_mode(s, mode))
}

#[tauri::command]
pub fn list_themes(state: State<AppState>) -> Result<Vec<Theme>, ErrorPayload> {
    state.with_store(|s| needs::themes(s))
}

#[tauri::command]
pub fn create_theme(state: State<AppState>, input: ThemeInput) -> Result<Theme, ErrorPayload> {
    state.with_store(|s| needs::create_theme(s, &input))
}

#[tauri::command]
pub fn update_theme(state: State<AppState>, id: i64, input: ThemeInput) -> Result<Theme, ErrorPayload> {
    state.with_store(|s| needs::update_theme(s, id, &input))
}

#[tauri::command]
pub fn delete_theme(state: State<AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_store(|s| needs::delete_theme(s, id))
}

#[tauri::command]
pub fn save_submission(state: State<AppState>, meeting_id: i64, input: SubmissionInput) -> Result<Submission, ErrorPayload> {
    state.with_store(|s| needs::save(s, meeting_id, &input, SubmissionSource::Entered))
}

#[tauri::command]
pub fn submission_history(state: State<AppState>, meeting_id: i64, network_id: i64) -> Result<Vec<Submission>, ErrorPayload> {
    state.with_store(|s| needs::history(s, meeting_id, network_id))
}

#[tauri::command]
pub fn set_statement_theme(state: State<AppState>, statement_id: i64, theme_id: Option<i64>) -> Result<Submission, ErrorPayload> {
    state.with_store(|s| needs::set_theme(s, statement_id, theme_id))
}

#[tauri::command]
pub fn forward_look(state: State<AppState>, meeting_id: i64) -> Result<ForwardLook, ErrorPayload> {
    state.with_store(|s| forward_look::build(s, meeting_id))
}

#[tauri::command]
pub fn export_forward_look(state: State<AppState>, meeting_id: i64, path: PathBuf) -> Result<usize, ErrorPayload> {
    state.with_store(|s| forward_look::export_csv(s, meeting_id, &path))
}

#[tauri::command]
pub fn import_submission_file(state: State<AppState>, path: PathBuf, meeting_id: Option<i64>, replace: bool) -> Result<FileImport, ErrorPayload> {
    state.with_store(|s| submission_file::import(s, &path, meeting_id, replace))
}

#[tauri::command]
pub fn preview_submissions(state: State<AppState>, path: PathBuf, meeting_id: i64, mapping: Option<Mapping>) -> Result<SubmissionsPreview, ErrorPayload> {
    state.with_store(|s| submission_import::preview(s, &path, meeting_id, mapping))
}

#[tauri::command]
pub fn import_submissions(
    state: State<AppState>,
    path: PathBuf,
    meeting_id: i64,
    mapping: Mapping,
    resolutions: Vec<NetworkResolution>,
) -> Result<SubmissionsImportResult, ErrorPayload> {
    state.with_store(|s| submission_import::import(s, &path, meeting_id, &mapping, &resolutions))
}

#[tauri::command]
pub fn lead_draft(state: State<AppState>) -> Result<SubmissionFile, ErrorPayload> {
    state.with_store(|s| submission_file::draft(s))
}

#[tauri::command]
pub fn save_lead_draft(state: State<AppState>, draft: SubmissionFile) -> Result<(), ErrorPayload> {
    state.with_store(|s| submission_file::save_draft(s, &draft))
}

#[tauri::command]
pub fn export_lead_submission(state: State<AppState>, draft: SubmissionFile, path: PathBuf) -> Result<(), ErrorPayload> {
    state.with_store(|s| submission_file::export(s, &draft, &path))
}
