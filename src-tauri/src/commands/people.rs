use std::path::PathBuf;

use forum_core::model::{Person, PersonInput};
use forum_core::people::{self, PersonRecord, StalePerson};
use forum_core::ErrorPayload;
use tauri::State;

use super::today;
use crate::desktop::AppState;

#[tauri::command]
pub fn list_people(state: State<AppState>) -> Result<Vec<Person>, ErrorPayload> {
    state.with_store(|s| people::list(s))
}

#[tauri::command]
pub fn person_record(state: State<AppState>, id: i64) -> Result<PersonRecord, ErrorPayload> {
    state.with_store(|s| people::record(s, id))
}

#[tauri::command]
pub fn create_person(state: State<AppState>, input: PersonInput) -> Result<Person, ErrorPayload> {
    state.with_store(|s| people::create(s, &input))
}

#[tauri::command]
pub fn update_person(state: State<AppState>, id: i64, input: PersonInput) -> Result<Person, ErrorPayload> {
    state.with_store(|s| people::update(s, id, &input))
}

#[tauri::command]
pub fn erase_person(state: State<AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_store(|s| people::erase(s, id))
}

#[tauri::command]
pub fn export_person_record(state: State<AppState>, id: i64, path: PathBuf) -> Result<(), ErrorPayload> {
    state.with_store(|s| people::export_record(s, id, &path))
}

#[tauri::command]
pub fn stale_people(state: State<AppState>) -> Result<(u32, Vec<StalePerson>), ErrorPayload> {
    state.with_store(|s| people::retention(s, today()))
}

#[tauri::command]
pub fn set_retention_years(state: State<AppState>, years: u32) -> Result<(), ErrorPayload> {
    state.with_store(|s| people::set_retention_years(s, years))
}

#[tauri::command]
pub fn erase_people(state: State<AppState>, ids: Vec<i64>) -> Result<(), ErrorPayload> {
    state.with_store(|s| people::erase_many(s, &ids))
}
