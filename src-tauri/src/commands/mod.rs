//! Tauri commands: each takes the state, calls one `forum-core` function and maps the
//! error. No logic lives here.

mod actions;
mod app;
mod attendance;
mod email;
mod meetings;
mod needs;
mod networks;
mod people;
mod publish;
mod search;

/// Today's date on this computer, for due dates and "upcoming".
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Every command the window may call. The same names are listed in `build.rs`, which
/// generates their permissions; `tauri.conf.json` grants exactly those.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app::app_status,
        app::load_demo,
        app::probe_ready,
        app::backup_now,
        app::restore_backup,
        networks::list_networks,
        networks::get_network,
        networks::create_network,
        networks::update_network,
        networks::set_network_active,
        networks::delete_network,
        networks::import_networks,
        networks::export_networks,
        meetings::list_meetings,
        meetings::get_meeting,
        meetings::suggest_meeting,
        meetings::get_cadence,
        meetings::set_cadence,
        meetings::plan_meetings,
        meetings::export_calendar,
        meetings::create_meeting,
        meetings::update_meeting,
        meetings::set_meeting_status,
        meetings::set_meeting_cancelled,
        meetings::delete_meeting,
        meetings::get_agenda,
        meetings::add_item,
        meetings::update_item,
        meetings::delete_item,
        meetings::move_item,
        meetings::save_notes,
        meetings::save_outcomes,
        meetings::copy_items,
        meetings::add_proposal,
        meetings::accept_proposal,
        meetings::decline_proposal,
        meetings::preview_markdown,
        actions::list_actions,
        actions::get_action,
        actions::meeting_actions,
        actions::create_action,
        actions::update_action,
        actions::record_action_update,
        actions::export_actions,
        actions::set_meeting_locked,
        publish::readout_options,
        publish::preview_readout,
        publish::export_readout,
        publish::export_agenda,
        publish::export_event,
        email::email_settings,
        email::set_forum_email,
        email::save_email_template,
        email::reset_email_template,
        email::preview_email,
        email::write_email,
        attendance::check_in_list,
        attendance::register_person,
        attendance::set_attendance,
        attendance::remove_registration,
        attendance::attendance_overview,
        attendance::preview_registrations,
        attendance::import_registrations,
        attendance::preview_teams_attendance,
        attendance::import_teams_attendance,
        people::list_people,
        people::person_record,
        people::create_person,
        people::update_person,
        people::erase_person,
        people::export_person_record,
        people::stale_people,
        people::set_retention_years,
        people::erase_people,
        needs::set_app_mode,
        needs::list_themes,
        needs::create_theme,
        needs::update_theme,
        needs::delete_theme,
        needs::save_submission,
        needs::submission_history,
        needs::set_statement_theme,
        needs::forward_look,
        needs::export_forward_look,
        needs::import_submission_file,
        needs::preview_submissions,
        needs::import_submissions,
        needs::lead_draft,
        needs::save_lead_draft,
        needs::export_lead_submission,
        search::search,
    ]
}
