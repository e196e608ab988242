//! Circulating: email drafts previewed, edited and written as .eml files. Nothing is sent.

use std::path::PathBuf;

use forum_core::publishing::email::{self, Draft, DraftText, EmailKind, EmailRequest, EmailSettings, EmailTemplate};
use forum_core::{settings, ErrorPayload};
use tauri::State;

use super::today;
use crate::desktop::AppState;

#[tauri::command]
pub fn email_settings(state: State<AppState>) -> Result<EmailSettings, ErrorPayload> {
    state.with_store(|s| email::templates::email_settings(s))
}

/// Sets the forum's mailbox (To of every email); empty clears it.
#[tauri::command]
pub fn set_forum_email(state: State<AppState>, email: String) -> Result<Option<String>, ErrorPayload> {
    state.with_store(|s| settings::set_forum_email(s, &email))
}

#[tauri::command]
pub fn save_email_template(state: State<AppState>, kind: EmailKind, subject: String, body: String) -> Result<EmailTemplate, ErrorPayload> {
    state.with_store(|s| email::templates::save_template(s, kind, &subject, &body))
}

#[tauri::command]
pub fn reset_email_template(state: State<AppState>, kind: EmailKind) -> Result<EmailTemplate, ErrorPayload> {
    state.with_store(|s| email::templates::reset_template(s, kind))
}

/// The drafts a request makes, for the chair to read and edit.
#[tauri::command]
pub fn preview_email(state: State<AppState>, request: EmailRequest) -> Result<Vec<Draft>, ErrorPayload> {
    state.with_store(|s| email::preview(s, &request, today()))
}

/// Writes the email files with the chair's subject and text; the recipients and files
/// come from the records again. Returns the paths written.
#[tauri::command]
pub fn write_email(state: State<AppState>, request: EmailRequest, texts: Vec<DraftText>, path: PathBuf) -> Result<Vec<String>, ErrorPayload> {
    state.with_store(|s| email::write(s, &request, &texts, &path, today()).map(|p| p.iter().map(|p| p.display().to_string()).collect()))
}
