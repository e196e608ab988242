//! Every command behind a screen, called as the window calls it (Tauri's mock runtime,
//! JSON in and out), on twenty years of an invented forum. Prints p50 and p95 per
//! command: `cargo bench --bench ipc`.

use std::time::{Duration, Instant};

use forum_desk::desktop::{context, AppState};
use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindowBuilder;

fn call(window: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str, args: &Value) -> Value {
    respond(window, cmd, args).deserialize::<Value>().expect("json")
}

/// The command's response as the window receives it: its JSON, not yet parsed.
fn respond(window: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str, args: &Value) -> tauri::ipc::InvokeResponseBody {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: tauri::ipc::CallbackFn(0),
        error: tauri::ipc::CallbackFn(1),
        url: "tauri://localhost".parse().expect("url"),
        body: tauri::ipc::InvokeBody::Json(args.clone()),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    match get_ipc_response(window, request) {
        Ok(body) => body,
        Err(e) => panic!("{cmd} failed: {e:?}"),
    }
}

fn main() {
    let dir = tempfile::tempdir().expect("dir");
    let data = dir.path().join("data");
    let today = chrono::Local::now().date_naive();
    let t = Instant::now();
    {
        let mut store = forum_core::Store::open_dir(&data).expect("store");
        forum_core::demo::large::load(&mut store, 20, 7, today).expect("large forum");
    }
    eprintln!("generated twenty years in {:.2} s", t.elapsed().as_secs_f64());
    let app = mock_builder().manage(AppState::open(data)).invoke_handler(forum_desk::commands::handler()).build(context()).expect("app");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");

    let meetings = call(&window, "list_meetings", &json!({}));
    let latest = meetings.as_array().expect("list").iter().find(|m| m["upcoming"] == false).expect("a past meeting")["meeting"]["id"].clone();
    let person = call(&window, "list_people", &json!({}))[0]["id"].clone();
    let network = call(&window, "list_networks", &json!({ "filter": {} }))[0]["id"].clone();
    let options = call(&window, "readout_options", &json!({ "meetingId": latest }));
    // Search: a year five years back, and the network the log's first action belongs to.
    let year: i64 = meetings.as_array().expect("list").iter().filter_map(|m| m["meeting"]["date"].as_str()?.get(..4)?.parse::<i64>().ok()).max().expect("a year") - 5;
    let search = |text: &str, extra: Value| {
        let mut q = json!({ "text": text });
        if let (Some(q), Some(extra)) = (q.as_object_mut(), extra.as_object()) {
            q.extend(extra.clone());
        }
        json!({ "query": q })
    };
    let screens: Vec<(&str, &str, Value)> = vec![
        ("start", "app_status", json!({})),
        ("meetings", "list_meetings", json!({})),
        ("meeting page", "get_agenda", json!({ "meetingId": latest })),
        ("meeting page", "meeting_actions", json!({ "meetingId": latest })),
        // The log asks for a page of 100 (and one more, to know whether there are more).
        ("actions (open, the default)", "list_actions", json!({ "filter": { "openOnly": true, "limit": 101 } })),
        ("actions (all)", "list_actions", json!({ "filter": { "limit": 101 } })),
        ("actions (owner search)", "list_actions", json!({ "filter": { "owner": "pride", "limit": 101 } })),
        ("networks", "list_networks", json!({ "filter": {} })),
        ("networks (search)", "list_networks", json!({ "filter": { "search": "pride" } })),
        ("check-in", "check_in_list", json!({ "meetingId": latest })),
        ("attendance", "attendance_overview", json!({})),
        ("people", "list_people", json!({})),
        ("people", "stale_people", json!({})),
        ("person", "person_record", json!({ "id": person })),
        ("needs and strengths", "forward_look", json!({ "meetingId": latest })),
        ("submission", "submission_history", json!({ "meetingId": latest, "networkId": network })),
        ("readout", "preview_readout", json!({ "meetingId": latest, "options": options })),
        ("settings", "list_themes", json!({})),
        // As typed: the last word also matches words it begins.
        ("search: a common word (20,000 actions)", "search", search("follow", json!({}))),
        ("search: common words", "search", search("the stonewall index", json!({}))),
        ("search: a word in every kind", "search", search("network", json!({}))),
        ("search: a rare word", "search", search("Lighthouses", json!({}))),
        ("search: a word found nowhere", "search", search("zeppelin", json!({}))),
        ("search: part of a name", "search", search("kaleid", json!({}))),
        ("search: two letters", "search", search("fo", json!({}))),
        ("search: a phrase", "search", search("\"follow up on\"", json!({}))),
        ("search: a common word, one year", "search", search("follow", json!({ "year": year }))),
        ("search: a common word, one network", "search", search("follow", json!({ "networkId": network }))),
        ("search: a common word, actions only (50)", "search", search("follow", json!({ "kind": "action", "limit": 50 }))),
    ];
    // Timed until the command's JSON response is ready, as the window receives it. The
    // last column adds this benchmark's own parsing of that JSON into a serde_json Value
    // (the window's JavaScript parses it instead), which the rows before 2026-11-30's
    // last run included.
    println!("| screen | command | p50 | p95 | response | p95 with the bench parsing the JSON |");
    println!("|---|---|---|---|---|---|");
    for (screen, cmd, args) in &screens {
        let mut times: Vec<Duration> = Vec::new();
        let mut parsed: Vec<Duration> = Vec::new();
        let mut size = 0;
        for _ in 0..60 {
            let t = Instant::now();
            let body = respond(&window, cmd, args);
            times.push(t.elapsed());
            let v = body.deserialize::<Value>().expect("json");
            parsed.push(t.elapsed());
            size = v.to_string().len();
        }
        times.sort();
        parsed.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let p95 = |t: &[Duration]| ms(t[t.len() * 95 / 100]);
        println!("| {screen} | {cmd} | {:.2} ms | {:.2} ms | {:.0} KB | {:.2} ms |", ms(times[times.len() / 2]), p95(&times), size as f64 / 1024.0, p95(&parsed));
    }
}
