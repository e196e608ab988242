use std::path::PathBuf;

use forum_core::forum::actions::{self, MeetingActions};
use forum_core::model::{Action, ActionFilter, ActionInput, ActionUpdateInput, Meeting};
use forum_core::{forum::meetings, ErrorPayload};
use tauri::State;

use super::today;
use crate::desktop::AppState;

#[tauri::command]
pub fn list_actions(state: State<AppState>, filter: ActionFilter) -> Result<Vec<Action>, ErrorPayload> {
    state.with_store(|s| actions::list(s, &filter, today()))
}

#[tauri::command]
pub fn get_action(state: State<AppState>, id: i64) -> Result<Action, ErrorPayload> {
    state.with_store(|s| actions::get(s, id, today()))
}

#[tauri::command]
pub fn meeting_actions(state: State<AppState>, meeting_id: i64) -> Result<MeetingActions, ErrorPayload> {
    state.with_store(|s| actions::for_meeting(s, meeting_id, today()))
}

#[tauri::command]
pub fn create_action(state: State<AppState>, meeting_id: i64, item_id: Option<i64>, input: ActionInput) -> Result<Action, ErrorPayload> {
    state.with_store(|s| actions::create(s, meeting_id, item_id, &input, today()))
}

#[tauri::command]
pub fn update_action(state: State<AppState>, id: i64, input: ActionInput) -> Result<Action, ErrorPayload> {
    state.with_store(|s| actions::update(s, id, &input, today()))
}

#[tauri::command]
pub fn record_action_update(state: State<AppState>, id: i64, meeting_id: Option<i64>, input: ActionUpdateInput) -> Result<Action, ErrorPayload> {
    state.with_store(|s| actions::record_update(s, id, meeting_id, &input, today()))
}

#[tauri::command]
pub fn export_actions(state: State<AppState>, filter: ActionFilter, path: PathBuf) -> Result<usize, ErrorPayload> {
    state.with_store(|s| actions::export_csv(s, &filter, today(), &path))
}

#[tauri::command]
pub fn set_meeting_locked(state: State<AppState>, id: i64, locked: bool) -> Result<Meeting, ErrorPayload> {
    state.with_store(|s| meetings::set_locked(s, id, locked))
}
