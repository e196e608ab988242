use std::path::PathBuf;

use forum_core::people::attendance::{self, AttendanceOverview, CheckIn};
use forum_core::import::columns::Mapping;
use forum_core::model::{AttendanceStatus, Registration, RegistrationInput, RegistrationSource};
use forum_core::import::form_import::NetworkResolution;
use forum_core::people::registration_import::{self, RegistrationImportResult, RegistrationPreview};
use forum_core::people::teams_import::{self, TeamsImportOptions, TeamsImportResult, TeamsPreview};
use forum_core::ErrorPayload;
use tauri::State;

use super::today;
use crate::desktop::AppState;

#[tauri::command]
pub fn check_in_list(state: State<AppState>, meeting_id: i64) -> Result<CheckIn, ErrorPayload> {
    state.with_store(|s| attendance::check_in(s, meeting_id))
}

#[tauri::command]
pub fn register_person(state: State<AppState>, meeting_id: i64, input: RegistrationInput, walk_in: bool) -> Result<Registration, ErrorPayload> {
    let source = if walk_in { RegistrationSource::WalkIn } else { RegistrationSource::Entered };
    state.with_store(|s| attendance::register(s, meeting_id, &input, source))
}

#[tauri::command]
pub fn set_attendance(state: State<AppState>, registration_id: i64, status: AttendanceStatus) -> Result<Registration, ErrorPayload> {
    state.with_store(|s| attendance::set_status(s, registration_id, status))
}

#[tauri::command]
pub fn remove_registration(state: State<AppState>, registration_id: i64) -> Result<(), ErrorPayload> {
    state.with_store(|s| attendance::remove(s, registration_id))
}

#[tauri::command]
pub fn attendance_overview(state: State<AppState>) -> Result<AttendanceOverview, ErrorPayload> {
    state.with_store(|s| attendance::overview(s, today()))
}

#[tauri::command]
pub fn preview_registrations(state: State<AppState>, path: PathBuf, meeting_id: i64, mapping: Option<Mapping>) -> Result<RegistrationPreview, ErrorPayload> {
    state.with_store(|s| registration_import::preview(s, &path, meeting_id, mapping))
}

#[tauri::command]
pub fn import_registrations(
    state: State<AppState>,
    path: PathBuf,
    meeting_id: i64,
    mapping: Mapping,
    resolutions: Vec<NetworkResolution>,
) -> Result<RegistrationImportResult, ErrorPayload> {
    state.with_store(|s| registration_import::import(s, &path, meeting_id, &mapping, &resolutions))
}

#[tauri::command]
pub fn preview_teams_attendance(state: State<AppState>, path: PathBuf, meeting_id: i64) -> Result<TeamsPreview, ErrorPayload> {
    state.with_store(|s| teams_import::preview(s, &path, meeting_id))
}

#[tauri::command]
pub fn import_teams_attendance(state: State<AppState>, path: PathBuf, meeting_id: i64, options: TeamsImportOptions) -> Result<TeamsImportResult, ErrorPayload> {
    state.with_store(|s| teams_import::import(s, &path, meeting_id, &options))
}
