use forum_core::{overview, ErrorPayload};
use tauri::State;

use crate::desktop::AppState;

/// Async: the first thing the window asks, while the main thread is still busy drawing
/// it. A sync command runs on that thread and waited its turn (start-up, docs/benchmarks.md).
#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<overview::Overview, ErrorPayload> {
    state.with_store(|s| overview::overview(s, &state.data_dir))
}

#[tauri::command]
pub fn load_demo(state: State<AppState>) -> Result<(), ErrorPayload> {
    state.with_store(|s| forum_core::demo::load(s).map(|_| ()))
}

#[tauri::command]
pub fn backup_now(state: State<AppState>, path: std::path::PathBuf) -> Result<(), ErrorPayload> {
    state.with_store(|s| forum_core::safety::backup::backup_to(s, &path))
}

/// Checks the copy, keeps the current records in backups/, and replaces them. The open
/// connection is closed for the swap and the records opened again afterwards.
#[tauri::command]
pub fn restore_backup(state: State<AppState>, path: std::path::PathBuf) -> Result<String, ErrorPayload> {
    forum_core::safety::backup::verify(&path).map_err(|e| e.payload())?;
    state.replace_store(|dir| forum_core::safety::backup::restore(dir, &path).map(|kept| kept.display().to_string()))
}

/// The start-up probe's "the meetings screen shows its data" (a no-op unless measuring),
/// with the page's own milestones (ms since it started loading) to print. The screen is
/// ready once the page has loaded too (`desktop::probe_app`).
#[tauri::command]
pub fn probe_ready<R: tauri::Runtime>(app: tauri::AppHandle<R>, page_marks: Option<String>) {
    if std::env::var("FORUM_DESK_PROBE_START").is_ok_and(|v| v == "app") {
        let marks: String = page_marks.unwrap_or_default().chars().filter(|c| c.is_ascii_alphanumeric() || " =.-".contains(*c)).take(400).collect();
        // How long this report took to arrive: the page's clock when it sent it ("wall",
        // ms since 1970) against this process's now.
        let sent = marks.split_whitespace().find_map(|m| m.strip_prefix("wall=")).and_then(|v| v.parse::<f64>().ok());
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64() * 1000.0).ok();
        let hop = sent.zip(now).map(|(sent, now)| (now - sent).max(0.0)).unwrap_or(0.0);
        println!("page-ms {marks} report-hop={hop:.1}");
        crate::desktop::probe_app(&app, crate::desktop::PageStep::Shown(crate::desktop::since_start() - hop));
    }
}
