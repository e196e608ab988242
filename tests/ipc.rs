//! The IPC commands, called as the window calls them (JSON arguments in, JSON or an
//! error payload out), on Tauri's mock runtime and a temporary database.

use forum_desk::desktop::AppState;
use serde_json::{json, Value};
use forum_desk::desktop::context;
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

struct App {
    _app: tauri::App<tauri::test::MockRuntime>,
    window: tauri::WebviewWindow<tauri::test::MockRuntime>,
    _dir: tempfile::TempDir,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let app = mock_builder()
        .manage(AppState::open(dir.path().join("data")))
        .invoke_handler(forum_desk::commands::handler())
        .build(context())
        .expect("mock app");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("mock window");
    App { _app: app, window, _dir: dir }
}

impl App {
    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|b| b.deserialize::<Value>().unwrap())
    }
}

fn network(name: &str, email: &str) -> Value {
    json!({ "name": name, "department": "Ministry of Maps", "kind": "ministerial department", "parent": null, "email": email })
}

#[test]
fn status_reports_an_empty_database_then_the_sample() {
    let app = app();
    let s = app.call("app_status", json!({})).unwrap();
    assert_eq!(s["isEmpty"], true);
    assert!(s["dataDir"].as_str().unwrap().ends_with("data"));
    app.call("load_demo", json!({})).unwrap();
    let s = app.call("app_status", json!({})).unwrap();
    assert_eq!((s["isEmpty"].clone(), s["networkCount"].clone()), (json!(false), json!(12)));
}

#[test]
fn create_with_a_bad_email_names_the_field_and_saves_nothing() {
    let app = app();
    let err = app.call("create_network", json!({ "input": network("Compass Rose", "compass at maps") })).unwrap_err();
    assert_eq!(err["code"], "invalid");
    assert_eq!(err["field"], "email");
    assert!(err["message"].as_str().unwrap().contains("correct format"));
    let all = app.call("list_networks", json!({ "filter": { "includeInactive": true } })).unwrap();
    assert_eq!(all, json!([]));
}

#[test]
fn create_edit_search_deactivate_delete() {
    let app = app();
    let created = app.call("create_network", json!({ "input": network("Compass Rose", "rose@maps.example.uk") })).unwrap();
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["active"], true);

    let dup = app.call("create_network", json!({ "input": network("compass rose", "") })).unwrap_err();
    assert_eq!((dup["code"].clone(), dup["field"].clone()), (json!("conflict"), json!("name")));

    let edited = app.call("update_network", json!({ "id": id, "input": network("Compass Rose Network", "") })).unwrap();
    assert_eq!(edited["name"], "Compass Rose Network");
    assert_eq!(edited["email"], Value::Null);

    let found = app.call("list_networks", json!({ "filter": { "search": "ROSE maps", "kind": "ministerial department", "includeInactive": false } })).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1);
    let none = app.call("list_networks", json!({ "filter": { "search": "rose", "kind": "agency", "includeInactive": false } })).unwrap();
    assert_eq!(none, json!([]));

    app.call("set_network_active", json!({ "id": id, "active": false })).unwrap();
    assert_eq!(app.call("list_networks", json!({ "filter": {} })).unwrap(), json!([]));
    assert_eq!(app.call("get_network", json!({ "id": id })).unwrap()["active"], false);

    app.call("delete_network", json!({ "id": id })).unwrap();
    let gone = app.call("get_network", json!({ "id": id })).unwrap_err();
    assert_eq!(gone["code"], "not_found");
}

#[test]
fn only_the_main_window_may_call_commands() {
    let app = app();
    let other = WebviewWindowBuilder::new(&app._app, "other", Default::default()).build().unwrap();
    let request = InvokeRequest {
        cmd: "list_networks".into(),
        callback: tauri::ipc::CallbackFn(0),
        error: tauri::ipc::CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: tauri::ipc::InvokeBody::Json(json!({ "filter": {} })),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    let denied = get_ipc_response(&other, request).unwrap_err();
    assert!(denied.to_string().contains("not allowed"), "{denied}");
}

#[test]
fn unknown_type_and_wrong_argument_shapes_are_refused() {
    let app = app();
    let err = app.call("list_networks", json!({ "filter": { "kind": "quango" } })).unwrap_err();
    assert!(err.to_string().contains("quango"), "{err}");
    let err = app.call("create_network", json!({ "input": { "name": "x" } })).unwrap_err();
    assert!(err.to_string().contains("department"), "{err}");
}

#[test]
fn import_reports_the_entry_and_export_writes_the_file() {
    let app = app();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bad = app.call("import_networks", json!({ "path": fixtures.join("networks-bad.yml") })).unwrap_err();
    assert_eq!(bad["field"], "file");
    assert!(bad["message"].as_str().unwrap().contains("entry 2"), "{bad}");
    let summary = app.call("import_networks", json!({ "path": fixtures.join("networks.yml") })).unwrap();
    assert_eq!(
        summary,
        json!({
            "added": 9, "updated": 0, "unchanged": 0,
            "withoutName": ["entry 5 (Department for Tides)"],
            "withoutEmail": ["entry 3 (Office for Weights and Measures, Measured Pride)", "entry 4 (Canal and River Office, LGBT+ Network)", "entry 5 (Department for Tides)"],
        })
    );
    let out = tempfile::tempdir().unwrap();
    let n = app.call("export_networks", json!({ "path": out.path().join("n.yml") })).unwrap();
    assert_eq!(n, 9);
    assert!(std::fs::read_to_string(out.path().join("n.yml")).unwrap().contains("Beacon LGBT+ Network"));
}

#[test]
fn a_database_that_cannot_be_opened_is_reported_by_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("forum.db"), b"this is not a database, it is a shopping list").unwrap();
    let app = mock_builder()
        .manage(AppState::open(data.clone()))
        .invoke_handler(forum_desk::commands::handler())
        .build(context())
        .unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let app = App { _app: app, window, _dir: dir };
    let err = app.call("app_status", json!({})).unwrap_err();
    assert_eq!(err["code"], "damaged");
    assert!(err["message"].as_str().unwrap().contains("It has not been changed"), "{err}");
    assert!(app.call("list_networks", json!({ "filter": {} })).is_err());
    assert_eq!(std::fs::read(data.join("forum.db")).unwrap(), b"this is not a database, it is a shopping list");
}

#[test]
fn plan_a_meeting_and_its_agenda_through_the_commands() {
    let app = app();
    let bad = app.call("create_meeting", json!({ "input": { "date": "2027-02-30", "startTime": "15:00", "endTime": "16:00" }, "copyStandingFrom": null })).unwrap_err();
    assert_eq!((bad["code"].clone(), bad["field"].clone()), (json!("invalid"), json!("date")));
    let m = app.call("create_meeting", json!({ "input": { "date": "2027-01-14", "startTime": "15:00", "endTime": "16:00", "location": "Online" }, "copyStandingFrom": null })).unwrap();
    let id = m["id"].as_i64().unwrap();
    assert_eq!(m["title"], "Leaders of Networks Forum January 2027");
    assert_eq!(m["status"], "planned");

    let mut items = Vec::new();
    for (t, d) in [("Welcome", "10"), ("Update", "20"), ("AOB", "10")] {
        let it = app.call("add_item", json!({ "meetingId": id, "input": { "title": t, "durationMinutes": d, "kind": "discussion" } })).unwrap();
        items.push(it["id"].as_i64().unwrap());
    }
    let zero = app.call("add_item", json!({ "meetingId": id, "input": { "title": "x", "durationMinutes": "0", "kind": "discussion" } })).unwrap_err();
    assert_eq!(zero["field"], "durationMinutes");

    let agenda = app.call("move_item", json!({ "id": items[2], "to": 1 })).unwrap();
    let slots: Vec<_> = agenda["items"].as_array().unwrap().iter().map(|i| (i["title"].as_str().unwrap().to_string(), i["slot"]["label"].as_str().unwrap().to_string())).collect();
    assert_eq!(slots, [("AOB".into(), "15:00 to 15:10".into()), ("Welcome".into(), "15:10 to 15:20".into()), ("Update".to_string(), "15:20 to close".to_string())]);

    app.call("save_notes", json!({ "id": items[0], "notes": "Said **hello**" })).unwrap();
    let saved = app.call("save_outcomes", json!({ "id": items[0], "lines": ["Agreed", "", "Team to act"] })).unwrap();
    assert_eq!(saved, json!(["Agreed", "Team to act"]));
    let agenda = app.call("get_agenda", json!({ "meetingId": id })).unwrap();
    assert_eq!(agenda["items"][1]["notes"], "Said **hello**");

    let jump = app.call("set_meeting_status", json!({ "id": id, "status": "published" })).unwrap_err();
    assert_eq!(jump["field"], "status");
    assert_eq!(app.call("set_meeting_status", json!({ "id": id, "status": "agenda_circulated" })).unwrap()["status"], "agenda_circulated");

    let refused = app.call("delete_meeting", json!({ "id": id })).unwrap_err();
    assert_eq!(refused["code"], "conflict");

    let blocks = app.call("preview_markdown", json!({ "text": "Hello **there** [x](javascript:alert(1))" })).unwrap();
    assert_eq!(blocks[0]["type"], "paragraph");
    assert_eq!((blocks[0]["content"][1]["text"].clone(), blocks[0]["content"][1]["bold"].clone()), (json!("there"), json!(true)));
    assert!(!blocks.to_string().contains("javascript"), "{blocks}");
}

#[test]
fn actions_and_the_readout_lock_through_the_commands() {
    let app = app();
    let m = app.call("create_meeting", json!({ "input": { "date": "2027-01-14", "startTime": "15:00", "endTime": "16:00" }, "copyStandingFrom": null })).unwrap();
    let id = m["id"].as_i64().unwrap();
    let bad = app.call("create_action", json!({ "meetingId": id, "itemId": null, "input": { "description": "Write it", "ownerText": "Team", "dueDate": "2026-12-31" } })).unwrap_err();
    assert_eq!(bad["field"], "dueDate");
    let none = app.call("create_action", json!({ "meetingId": id, "itemId": null, "input": { "description": "  ", "ownerText": "Team" } })).unwrap_err();
    assert_eq!(none["field"], "description");
    let a = app.call("create_action", json!({ "meetingId": id, "itemId": null, "input": { "description": "Write it", "ownerText": "Team", "dueDate": "2027-02-01" } })).unwrap();
    let aid = a["id"].as_i64().unwrap();
    assert_eq!(a["status"], "open");
    let updated = app.call("record_action_update", json!({ "id": aid, "meetingId": id, "input": { "text": "Started", "status": "in_progress" } })).unwrap();
    assert_eq!(updated["updates"][0]["text"], "Started");
    assert_eq!(app.call("meeting_actions", json!({ "meetingId": id })).unwrap()["agreed"].as_array().unwrap().len(), 1);

    for st in ["agenda_circulated", "held", "readout_drafted", "readout_approved"] {
        app.call("set_meeting_status", json!({ "id": id, "status": st })).unwrap();
    }
    let locked = app.call("create_action", json!({ "meetingId": id, "itemId": null, "input": { "description": "Late", "ownerText": "Team" } })).unwrap_err();
    assert_eq!(locked["code"], "locked");
    let m = app.call("set_meeting_locked", json!({ "id": id, "locked": false })).unwrap();
    assert_eq!(m["locked"], false);
    app.call("create_action", json!({ "meetingId": id, "itemId": null, "input": { "description": "Late", "ownerText": "Team" } })).unwrap();
    assert!(app.call("get_meeting", json!({ "id": id })).unwrap()["amendedAt"].is_string());
}

#[test]
fn registrations_import_through_the_window_commands_then_check_in() {
    let app = app();
    app.call("load_demo", json!({})).unwrap();
    let meetings = app.call("list_meetings", json!({})).unwrap();
    let upcoming = meetings.as_array().unwrap().iter().find(|s| s["upcoming"] == true).unwrap()["meeting"]["id"].clone();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/registrations-google.csv");

    let preview = app.call("preview_registrations", json!({ "path": path, "meetingId": upcoming, "mapping": null })).unwrap();
    assert_eq!(preview["people"], 4);
    let mapping = preview["columns"].as_array().unwrap().iter().map(|c| c["field"].clone()).collect::<Vec<_>>();
    assert_eq!(mapping[1], "name");
    let unmatched: Vec<&Value> = preview["networks"].as_array().unwrap().iter().filter(|q| q["chosen"].is_null()).collect();
    assert_eq!(unmatched.len(), 1);
    let key = unmatched[0]["key"].clone();

    // Unsettled: refused, with the file's name and the rows.
    let e = app.call("import_registrations", json!({ "path": path, "meetingId": upcoming, "mapping": mapping, "resolutions": [] })).unwrap_err();
    assert_eq!(e["code"], "file_unresolved");
    assert!(e["message"].as_str().unwrap().starts_with("registrations-google.csv: 1 network name could not be matched"), "{e}");

    // Settled as "no network": imported.
    let resolutions = json!([{ "key": key, "choice": { "kind": "no_network" } }]);
    let r = app.call("import_registrations", json!({ "path": path, "meetingId": upcoming, "mapping": mapping, "resolutions": resolutions })).unwrap();
    assert_eq!((r["registered"].clone(), r["networksCreated"].clone()), (json!(4), json!(0)));

    let list = app.call("check_in_list", json!({ "meetingId": upcoming })).unwrap();
    assert_eq!(list["counts"]["registered"], 12);
    let lee = list["registrations"].as_array().unwrap().iter().find(|r| r["name"] == "Lee \"Wand\" Hart").unwrap();
    assert_eq!(lee["networkId"], Value::Null);
    let r = app.call("set_attendance", json!({ "registrationId": lee["id"], "status": "dialled_in" })).unwrap();
    assert_eq!(r["status"], "dialled_in");
    let e = app.call("set_attendance", json!({ "registrationId": lee["id"], "status": "asleep" })).unwrap_err();
    assert!(e.to_string().contains("unknown variant"), "{e}");

    let walk_in = json!({ "name": "Casey Doorstep", "email": null, "pronouns": null, "networkId": null, "status": "in_person" });
    let r = app.call("register_person", json!({ "meetingId": upcoming, "input": walk_in, "walkIn": true })).unwrap();
    assert_eq!(r["source"], "walk_in");
    let e = app.call("register_person", json!({ "meetingId": upcoming, "input": walk_in, "walkIn": true })).unwrap_err();
    assert_eq!((e["code"].clone(), e["field"].clone()), (json!("conflict"), json!("name")));

    let overview = app.call("attendance_overview", json!({})).unwrap();
    assert_eq!(overview["meetings"].as_array().unwrap().len(), 1, "only the past meeting is held");
}

#[test]
fn lead_mode_and_the_forward_look_through_the_window_commands() {
    // A lead's copy: mode, draft, checked export.
    let lead = app();
    lead.call("set_app_mode", json!({ "mode": "lead" })).unwrap();
    assert_eq!(lead.call("app_status", json!({})).unwrap()["mode"], "lead");
    let mut draft = lead.call("lead_draft", json!({})).unwrap();
    assert_eq!((draft["format"].clone(), draft["version"].clone()), (json!("forum-desk-submission"), json!(1)));
    draft["meeting"]["date"] = json!("2027-01-14");
    draft["network"] = json!({ "name": "Learning with Pride", "department": "Department for Education", "email": null });
    draft["needs"] = json!([{ "text": "Help with our staff survey", "detail": null, "theme": null }]);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("lwp.json");
    draft["strengths"] = json!([{ "text": "  ", "detail": null, "theme": null }, { "text": "Pride stalls", "detail": null, "theme": null }]);
    let e = lead.call("export_lead_submission", json!({ "draft": draft, "path": file })).unwrap_err();
    assert_eq!(e["field"], "strengths.1.text", "a gap is named by its field: {e}");
    draft["strengths"] = json!([{ "text": "Pride stalls", "detail": null, "theme": null }]);
    lead.call("export_lead_submission", json!({ "draft": draft, "path": file })).unwrap();
    assert_eq!(lead.call("lead_draft", json!({})).unwrap()["needs"][0]["text"], "Help with our staff survey");

    // The chair: the file imports into the sample's meeting on that date once there is one.
    let chair = app();
    chair.call("load_demo", json!({})).unwrap();
    let meetings = chair.call("list_meetings", json!({})).unwrap();
    let upcoming = meetings.as_array().unwrap().iter().find(|s| s["upcoming"] == true).unwrap()["meeting"].clone();
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    v["meeting"]["date"] = json!("2031-01-01");
    std::fs::write(&file, v.to_string()).unwrap();
    let e = chair.call("import_submission_file", json!({ "path": file, "meetingId": null, "replace": false })).unwrap_err();
    assert!(e["message"].as_str().unwrap().contains("there is no meeting on 2031-01-01"), "{e}");
    v["meeting"]["date"] = upcoming["date"].clone();
    std::fs::write(&file, v.to_string()).unwrap();
    let r = chair.call("import_submission_file", json!({ "path": file, "meetingId": upcoming["id"], "replace": false })).unwrap();
    assert_eq!((r["outcome"].clone(), r["network"].clone()), (json!("imported"), json!("Learning with Pride")));
    let look = chair.call("forward_look", json!({ "meetingId": upcoming["id"] })).unwrap();
    assert_eq!(look["submissions"].as_array().unwrap().len(), 1);
    assert_eq!(look["chase"].as_array().unwrap().len(), 11);
    let themes = chair.call("list_themes", json!({})).unwrap();
    let data = themes.as_array().unwrap().iter().find(|t| t["name"] == "Data and surveys").unwrap()["id"].clone();
    let need = look["submissions"][0]["needs"][0]["id"].clone();
    let s = chair.call("set_statement_theme", json!({ "statementId": need, "themeId": null })).unwrap();
    assert_eq!(s["needs"][0]["theme"], Value::Null);
    let s = chair.call("set_statement_theme", json!({ "statementId": need, "themeId": data })).unwrap();
    assert_eq!(s["needs"][0]["theme"], "Data and surveys");
}

#[test]
fn a_second_window_on_the_same_records_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let first = AppState::open(dir.path().join("data"));
    assert!(first.with_store(|_| Ok(())).is_ok());
    let second = AppState::open(dir.path().join("data"));
    let e = second.with_store(|_| Ok(())).unwrap_err();
    assert_eq!(e.code, "already_open");
    assert!(e.message.starts_with("Forum Desk is already open with these records in another window."), "{}", e.message);
    drop(first);
    let third = AppState::open(dir.path().join("data"));
    assert!(third.with_store(|_| Ok(())).is_ok(), "free again once the first window is closed");
}

#[test]
fn back_up_now_then_restore_it_from_the_window() {
    let app = app();
    app.call("load_demo", json!({})).unwrap();
    let out = tempfile::tempdir().unwrap();
    let copy = out.path().join("copy.db");
    app.call("backup_now", json!({ "path": copy })).unwrap();
    app.call("create_network", json!({ "input": network("Added After The Backup", "after@maps.example.uk") })).unwrap();
    assert_eq!(app.call("app_status", json!({})).unwrap()["networkCount"], 13);

    let junk = out.path().join("junk.db");
    std::fs::write(&junk, b"not a backup").unwrap();
    let e = app.call("restore_backup", json!({ "path": junk })).unwrap_err();
    assert!(e["message"].as_str().unwrap().contains("junk.db"), "{e}");
    assert_eq!(app.call("app_status", json!({})).unwrap()["networkCount"], 13, "a bad file changes nothing");

    let kept = app.call("restore_backup", json!({ "path": copy })).unwrap();
    assert!(std::path::Path::new(kept.as_str().unwrap()).exists(), "the records as they were are kept");
    assert_eq!(app.call("app_status", json!({})).unwrap()["networkCount"], 12, "the window works on the restored records");
}

/// Issue 13: the window's event post is dated the day it is saved, so the website shows
/// it before the meeting (Jekyll leaves out posts dated in the future).
#[test]
fn the_event_post_is_dated_the_day_it_is_saved() {
    let app = app();
    app.call("load_demo", json!({})).unwrap();
    let list = app.call("list_meetings", json!({})).unwrap();
    let next = list.as_array().unwrap().iter().find(|s| s["upcoming"] == true).unwrap()["meeting"].clone();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("post.md");
    let written = app.call("export_event", json!({ "meetingId": next["id"], "path": path })).unwrap();
    assert_eq!(written, json!(path.display().to_string()));
    let text = std::fs::read_to_string(&path).unwrap();
    let today = chrono::Local::now().date_naive().format("%Y-%m-%d").to_string();
    assert!(text.contains(&format!("\ndate: {today}T00:00:00.00Z\n")), "{text}");
    assert!(text.contains(&format!("  start: {}T", next["date"].as_str().unwrap())), "{text}");
}

/// Issue 15: the window sets the cadence, plans a run of meetings and saves their calendar.
#[test]
fn cadence_plan_and_calendar_through_the_commands() {
    let app = app();
    app.call("load_demo", json!({})).unwrap();
    let monthly = json!({ "every": "monthly", "on": { "rule": "weekday", "week": "fourth", "weekday": "wed" } });
    assert_eq!(app.call("set_cadence", json!({ "cadence": monthly })).unwrap(), monthly);
    assert_eq!(app.call("get_cadence", json!({})).unwrap(), monthly);
    let bad = app.call("set_cadence", json!({ "cadence": { "every": "monthly", "on": { "rule": "day_of_month", "day": 40 } } })).unwrap_err();
    assert_eq!(bad["field"], "day");
    let suggestion = app.call("suggest_meeting", json!({})).unwrap();
    assert_eq!(suggestion["cadence"], "Monthly, on the fourth Wednesday");
    let planned = app.call("plan_meetings", json!({ "count": 3 })).unwrap();
    let planned = planned.as_array().unwrap();
    assert_eq!(planned.len(), 3);
    assert_eq!(planned[0]["date"], suggestion["input"]["date"], "the first is the date New meeting suggested");
    let out = tempfile::tempdir().unwrap();
    let ics = out.path().join("run.ics");
    let n = app.call("export_calendar", json!({ "from": planned[0]["date"], "to": planned[2]["date"], "path": ics })).unwrap();
    assert_eq!(n, 3);
    assert_eq!(std::fs::read_to_string(&ics).unwrap().matches("BEGIN:VEVENT").count(), 3);
    let none = app.call("export_calendar", json!({ "from": "2001-01-01", "to": "2001-12-31", "path": ics })).unwrap_err();
    assert_eq!(none["field"], "from");
    assert_eq!(app.call("plan_meetings", json!({ "count": 0 })).unwrap_err()["field"], "count");
}

/// Issue 15: a Teams report through the commands.
#[test]
fn a_teams_report_fills_the_check_in_list_and_the_attendance_chart() {
    let app = app();
    app.call("load_demo", json!({})).unwrap();
    let meetings = app.call("list_meetings", json!({})).unwrap();
    let past = meetings.as_array().unwrap().iter().find(|s| s["upcoming"] == false).unwrap()["meeting"]["id"].clone();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/teams-attendance-sections.txt");
    let chart = |app: &App| app.call("attendance_overview", json!({})).unwrap()["meetings"][0]["counts"].clone();
    let before = chart(&app);
    // The sample's past meeting was filled from its own Teams report (ten people, two phones).
    assert_eq!((before["dialledIn"].clone(), before["phone"].clone()), (json!(12), json!(2)));

    let p = app.call("preview_teams_attendance", json!({ "path": path, "meetingId": past })).unwrap();
    assert_eq!((p["otherDate"].clone(), p["reportDate"].clone(), p["shape"].clone()), (json!(true), json!("2025-01-20"), json!("sections")));
    let names = |key: &str| p[key].as_array().unwrap().iter().map(|l| l["name"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert_eq!(names("matched"), ["Robin Ashby", "Dev Marsh", "Nia Okafor", "Alex Moreno", "Morgan Hale"]);
    assert_eq!((names("team"), names("walkIns"), names("phone")), (vec!["Jules Amara".to_string()], vec!["Sam Okoro".to_string(), "Casey Lin".to_string()], vec!["+44 20 **** 1234".to_string(), "020****5678".to_string()]));
    let open: Vec<&Value> = p["networks"].as_array().unwrap().iter().filter(|q| q["chosen"].is_null()).collect();
    assert_eq!(open.len(), 1);
    let resolutions = json!([{ "key": open[0]["key"], "choice": { "kind": "no_network" } }]);

    // Another day: refused next to the file until confirmed; nothing written.
    let e = app.call("import_teams_attendance", json!({ "path": path, "meetingId": past, "options": { "resolutions": resolutions } })).unwrap_err();
    assert_eq!((e["code"].clone(), e["field"].clone()), (json!("file_unresolved"), json!("file")));
    assert_eq!(chart(&app), before);

    let r = app.call("import_teams_attendance", json!({ "path": path, "meetingId": past, "options": { "anyDate": true, "resolutions": resolutions } })).unwrap();
    assert_eq!((r["checkedIn"].clone(), r["added"].clone(), r["phone"].clone(), r["unchanged"].clone()), (json!(1), json!(2), json!(2), json!(false)));
    let list = app.call("check_in_list", json!({ "meetingId": past })).unwrap();
    assert_eq!((list["counts"]["dialledIn"].clone(), list["counts"]["phone"].clone(), list["counts"]["inPerson"].clone()), (json!(15), json!(2), json!(0)));
    let dev = list["registrations"].as_array().unwrap().iter().find(|r| r["name"] == "Dev Marsh").unwrap();
    assert_eq!((dev["minutesInMeeting"].clone(), dev["lastLeave"].clone()), (json!(84), json!("2025-01-20T16:30:10")));
    let after = chart(&app);
    assert_eq!((after["dialledIn"].clone(), after["phone"].clone(), after["people"].clone()), (json!(15), json!(2), json!(15)));

    // The same report again changes nothing.
    let r = app.call("import_teams_attendance", json!({ "path": path, "meetingId": past, "options": { "anyDate": true } })).unwrap();
    assert_eq!(r["unchanged"], true);
    assert_eq!(app.call("check_in_list", json!({ "meetingId": past })).unwrap(), list);
}

/// Circulating from the window: the forum's mailbox and templates in Settings, a draft
/// previewed, edited and written; reminders into a folder. Nothing is sent.
#[test]
fn email_drafts_are_previewed_edited_and_written() {
    let app = app();
    app.call("load_demo", json!({})).unwrap();
    let bad = app.call("set_forum_email", json!({ "email": "forum at example" })).unwrap_err();
    assert_eq!(bad["field"], "forumEmail");
    assert_eq!(app.call("set_forum_email", json!({ "email": "forum@example.org" })).unwrap(), json!("forum@example.org"));
    let settings = app.call("email_settings", json!({})).unwrap();
    assert_eq!(settings["forumEmail"], "forum@example.org");
    assert_eq!(settings["templates"].as_array().unwrap().len(), 5);

    // A template with a placeholder the email does not know is refused, by field.
    let e = app.call("save_email_template", json!({ "kind": "agenda", "subject": "Agenda for {meeting_title}", "body": "See you on {meeting_day}" })).unwrap_err();
    assert_eq!((e["code"].as_str(), e["field"].as_str()), (Some("invalid"), Some("body")));
    let saved = app.call("save_email_template", json!({ "kind": "agenda", "subject": "Agenda for {meeting_title}", "body": "See you on {meeting_date}." })).unwrap();
    assert_eq!(saved["subject"], "Agenda for {meeting_title}");

    let list = app.call("list_meetings", json!({})).unwrap();
    let next = list.as_array().unwrap().iter().find(|s| s["upcoming"] == true).unwrap()["meeting"].clone();
    let request = json!({ "kind": "agenda", "meetingId": next["id"] });
    let drafts = app.call("preview_email", json!({ "request": request })).unwrap();
    let draft = &drafts[0];
    assert_eq!(draft["recipients"].as_array().unwrap().len(), 8);
    assert_eq!(draft["subject"], format!("Agenda for {}", next["title"].as_str().unwrap()));
    assert_eq!(draft["attachments"].as_array().unwrap().len(), 2);
    assert!(draft["attachments"][0].get("bytes").is_none(), "the files stay in Rust");

    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("agenda.eml");
    let texts = json!([{ "key": "agenda", "subject": "Our agenda", "body": "Dear leads,\n\nSee you there." }]);
    let written = app.call("write_email", json!({ "request": request, "texts": texts, "path": path })).unwrap();
    assert_eq!(written, json!([path.display().to_string()]));
    let text = String::from_utf8(std::fs::read(&path).unwrap()).unwrap();
    assert!(text.starts_with("X-Unsent: 1\r\nTo: \"Leaders of Networks Forum\" <forum@example.org>\r\nSubject: Our agenda\r\nBcc: "), "{text}");
    assert!(text.contains("Dear leads,\r\n\r\nSee you there."), "{text}");

    let empty = app.call("write_email", json!({ "request": request, "texts": [{ "key": "agenda", "subject": "", "body": "x" }], "path": path })).unwrap_err();
    assert_eq!(empty["field"], "agenda-subject");

    let reminders = json!({ "kind": "reminders" });
    let drafts = app.call("preview_email", json!({ "request": reminders })).unwrap();
    let labels: Vec<&str> = drafts.as_array().unwrap().iter().map(|d| d["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["Forum team", "Proud at Home"]);
    let folder = out.path().join("reminders");
    let written = app.call("write_email", json!({ "request": reminders, "texts": [], "path": folder })).unwrap();
    assert_eq!(written.as_array().unwrap().len(), 2);
    assert!(folder.join("reminder-proud-at-home.eml").exists());
    let reset = app.call("reset_email_template", json!({ "kind": "agenda" })).unwrap();
    assert_eq!(reset["subject"], reset["defaultSubject"]);
}

#[test]
fn search_through_the_window_command() {
    let app = app();
    app.call("load_demo", json!({})).unwrap();
    let r = app.call("search", json!({ "query": { "text": "volunteer" } })).unwrap();
    let item = r["groups"].as_array().unwrap().iter().find(|g| g["kind"] == "item").expect("an item group");
    let hit = &item["hits"][0];
    assert_eq!(hit["title"], "Update from the cross-government network");
    assert_eq!(hit["field"], "notes");
    assert_eq!(hit["target"]["to"], "item");
    assert_eq!(hit["target"]["position"], 2);
    assert!(hit["target"]["meetingId"].is_number() && hit["target"]["itemId"].is_number());
    // The snippet is runs of text, the words found marked: never HTML.
    let runs = hit["snippet"].as_array().unwrap();
    assert!(runs.iter().any(|r| r["highlighted"] == true && r["text"] == "Volunteers"), "{runs:?}");
    assert!(runs.iter().all(|r| r["text"].is_string() && r["highlighted"].is_boolean()));
    // Filters, and a kind the window asks for by name.
    let only = app.call("search", json!({ "query": { "text": "Kaleid", "kind": "network", "limit": 20 } })).unwrap();
    assert_eq!(only["groups"].as_array().unwrap().len(), 1);
    assert_eq!(only["groups"][0]["hits"][0]["target"]["to"], "network");
    // Hostile text is words; a bad filter is named by its field.
    let hostile = app.call("search", json!({ "query": { "text": "NEAR(\"volunteers *" } })).unwrap();
    assert!(hostile["groups"].is_array());
    let e = app.call("search", json!({ "query": { "text": "x", "from": "yesterday" } })).unwrap_err();
    assert_eq!((e["code"].clone(), e["field"].clone()), (json!("invalid"), json!("from")));
    let e = app.call("search", json!({ "query": { "text": "x", "kind": "gossip" } })).unwrap_err();
    assert!(e.to_string().contains("gossip"), "{e}");
    // A lead's copy has no people to find.
    assert!(app.call("search", json!({ "query": { "text": "Okafor" } })).unwrap()["groups"].as_array().unwrap().iter().any(|g| g["kind"] == "person"));
    app.call("set_app_mode", json!({ "mode": "lead" })).unwrap();
    assert!(app.call("search", json!({ "query": { "text": "Okafor" } })).unwrap()["groups"].as_array().unwrap().is_empty());
}
