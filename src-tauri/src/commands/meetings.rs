use forum_core::forum::agenda::{self, Agenda};
use forum_core::forum::meetings::{self, MeetingSuggestion, MeetingSummary};
use forum_core::forum::series::{self, Cadence};
use forum_core::model::{AgendaItem, ItemInput, Meeting, MeetingInput, MeetingStatus, Proposal, ProposalInput, ProposalSource};
use forum_core::publishing::readout::Block;
use forum_core::ErrorPayload;
use tauri::State;

use super::today;
use crate::desktop::AppState;

/// Async (like `app_status`): it is asked for while the window is still being drawn, and
/// a sync command would wait for the busy main thread; this one runs beside it.
#[tauri::command]
pub async fn list_meetings(state: State<'_, AppState>) -> Result<Vec<MeetingSummary>, ErrorPayload> {
    state.with_store(|s| meetings::list(s, today()))
}

#[tauri::command]
pub fn get_meeting(state: State<AppState>, id: i64) -> Result<Meeting, ErrorPayload> {
    state.with_store(|s| meetings::get(s, id))
}

#[tauri::command]
pub fn suggest_meeting(state: State<AppState>) -> Result<MeetingSuggestion, ErrorPayload> {
    state.with_store(|s| meetings::suggest(s, today()))
}

#[tauri::command]
pub fn get_cadence(state: State<AppState>) -> Result<Cadence, ErrorPayload> {
    state.with_store(|s| series::cadence(s))
}

#[tauri::command]
pub fn set_cadence(state: State<AppState>, cadence: Cadence) -> Result<Cadence, ErrorPayload> {
    state.with_store(|s| series::set_cadence(s, cadence))
}

#[tauri::command]
pub fn plan_meetings(state: State<AppState>, count: u32) -> Result<Vec<Meeting>, ErrorPayload> {
    state.with_store(|s| meetings::plan_next(s, count, today()))
}

/// One .ics with every meeting from `from` to `to` (ISO dates); returns how many.
#[tauri::command]
pub fn export_calendar(state: State<AppState>, from: String, to: String, path: std::path::PathBuf) -> Result<usize, ErrorPayload> {
    state.with_store(|s| {
        let from = forum_core::model::meeting::parse_date("from", "First day", &from)?;
        let to = forum_core::model::meeting::parse_date("to", "Last day", &to)?;
        forum_core::publishing::export_calendar(s, from, to, &path)
    })
}

#[tauri::command]
pub fn create_meeting(state: State<AppState>, input: MeetingInput, copy_standing_from: Option<i64>) -> Result<Meeting, ErrorPayload> {
    state.with_store(|s| meetings::create(s, &input, copy_standing_from))
}

#[tauri::command]
pub fn update_meeting(state: State<AppState>, id: i64, input: MeetingInput) -> Result<Meeting, ErrorPayload> {
    state.with_store(|s| meetings::update(s, id, &input))
}

#[tauri::command]
pub fn set_meeting_status(state: State<AppState>, id: i64, status: MeetingStatus) -> Result<Meeting, ErrorPayload> {
    state.with_store(|s| meetings::set_status(s, id, status))
}

#[tauri::command]
pub fn set_meeting_cancelled(state: State<AppState>, id: i64, cancelled: bool) -> Result<Meeting, ErrorPayload> {
    state.with_store(|s| meetings::set_cancelled(s, id, cancelled))
}

#[tauri::command]
pub fn delete_meeting(state: State<AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_store(|s| meetings::delete(s, id))
}

#[tauri::command]
pub fn get_agenda(state: State<AppState>, meeting_id: i64) -> Result<Agenda, ErrorPayload> {
    state.with_store(|s| agenda::get(s, meeting_id))
}

#[tauri::command]
pub fn add_item(state: State<AppState>, meeting_id: i64, input: ItemInput) -> Result<AgendaItem, ErrorPayload> {
    state.with_store(|s| agenda::add_item(s, meeting_id, &input))
}

#[tauri::command]
pub fn update_item(state: State<AppState>, id: i64, input: ItemInput) -> Result<AgendaItem, ErrorPayload> {
    state.with_store(|s| agenda::update_item(s, id, &input))
}

#[tauri::command]
pub fn delete_item(state: State<AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_store(|s| agenda::delete_item(s, id))
}

#[tauri::command]
pub fn move_item(state: State<AppState>, id: i64, to: u32) -> Result<Agenda, ErrorPayload> {
    state.with_store(|s| agenda::move_item(s, id, to))
}

#[tauri::command]
pub fn save_notes(state: State<AppState>, id: i64, notes: String) -> Result<(), ErrorPayload> {
    state.with_store(|s| agenda::save_notes(s, id, &notes))
}

#[tauri::command]
pub fn save_outcomes(state: State<AppState>, id: i64, lines: Vec<String>) -> Result<Vec<String>, ErrorPayload> {
    state.with_store(|s| agenda::save_outcomes(s, id, &lines))
}

#[tauri::command]
pub fn copy_items(state: State<AppState>, from: i64, to: i64, all: bool) -> Result<Agenda, ErrorPayload> {
    state.with_store(|s| agenda::copy_items(s, from, to, all))
}

#[tauri::command]
pub fn add_proposal(state: State<AppState>, meeting_id: i64, input: ProposalInput) -> Result<Proposal, ErrorPayload> {
    state.with_store(|s| agenda::add_proposal(s, meeting_id, &input, ProposalSource::Entered))
}

#[tauri::command]
pub fn accept_proposal(state: State<AppState>, id: i64) -> Result<AgendaItem, ErrorPayload> {
    state.with_store(|s| agenda::accept_proposal(s, id))
}

#[tauri::command]
pub fn decline_proposal(state: State<AppState>, id: i64, reason: String) -> Result<Proposal, ErrorPayload> {
    state.with_store(|s| agenda::decline_proposal(s, id, &reason))
}

/// Markdown notes as document blocks, for the live preview (no store needed).
#[tauri::command]
pub fn preview_markdown(text: String) -> Vec<Block> {
    forum_core::publishing::readout::markdown_in::parse(&text)
}
