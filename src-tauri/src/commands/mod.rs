//! Tauri commands: each takes the state, calls one `forum-core` function and maps the
//! error. No logic lives here.

mod app;
mod networks;

/// Every command the window may call. The same names are listed in `build.rs`, which
/// generates their permissions; `tauri.conf.json` grants exactly those.
pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app::app_status,
        app::load_demo,
        networks::list_networks,
        networks::get_network,
        networks::create_network,
        networks::update_network,
        networks::set_network_active,
        networks::delete_network,
        networks::import_networks,
        networks::export_networks,
    ]
}
