// The app's commands get generated permissions (allow-<command>), and the capability in
// tauri.conf.json grants exactly these: the window can call nothing else of ours.
const COMMANDS: &[&str] = &[
    "app_status",
    "load_demo",
    "list_networks",
    "get_network",
    "create_network",
    "update_network",
    "set_network_active",
    "delete_network",
    "import_networks",
    "export_networks",
    "list_meetings",
    "get_meeting",
    "suggest_meeting",
    "create_meeting",
    "update_meeting",
    "set_meeting_status",
    "set_meeting_cancelled",
    "delete_meeting",
    "get_agenda",
    "add_item",
    "update_item",
    "delete_item",
    "move_item",
    "save_notes",
    "save_outcomes",
    "copy_items",
    "add_proposal",
    "accept_proposal",
    "decline_proposal",
    "preview_markdown",
    "list_actions",
    "get_action",
    "meeting_actions",
    "create_action",
    "update_action",
    "record_action_update",
    "export_actions",
    "set_meeting_locked",
    "readout_options",
    "preview_readout",
    "export_readout",
    "export_agenda",
];

fn main() {
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {e:#}");
    }
}
