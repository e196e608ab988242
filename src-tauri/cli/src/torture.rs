//! `torture`: a hidden subcommand for the crash tests. It runs the app's own write
//! operations in a loop, as fast as it can, and prints `ok N` after each one is
//! committed; the test kills it with SIGKILL at a random moment and then checks that
//! the database is sound and that every operation is whole or absent.

use std::io::Write;

use forum_core::model::{ActionInput, ItemInput, MeetingInput, NetworkFilter, StatementInput, SubmissionInput, SubmissionSource};
use forum_core::demo::large::Rng;
use forum_core::{forum::actions, forum::agenda, demo, forum::meetings, needs, networks, people::registration_import, settings, Store};

pub const DONE_KEY: &str = "torture.done";
/// People per registration batch: the test checks each meeting's count is a multiple.
pub const BATCH: usize = 10;

pub fn run(store: &mut Store, seed: u64) -> Result<(), String> {
    let err = |e: forum_core::Error| e.to_string();
    if networks::count(store).map_err(err)? == 0 {
        demo::load(store).map_err(err)?;
    }
    let today = chrono::Local::now().date_naive();
    let nets: Vec<i64> = networks::list(store, &NetworkFilter::default()).map_err(err)?.iter().map(|n| n.id).collect();
    let mut rng = Rng::new(seed);
    let mut done: u64 = settings::get(store, DONE_KEY).map_err(err)?.and_then(|v| v.parse().ok()).unwrap_or(0);
    let dir = store.path().and_then(|p| p.parent()).map(|p| p.to_path_buf()).ok_or("torture needs a database file")?;
    let mut out = std::io::stdout().lock();
    loop {
        let meetings: Vec<i64> = meetings::list(store, today).map_err(err)?.iter().filter(|m| !m.meeting.locked).map(|m| m.meeting.id).collect();
        let m = meetings[rng.below(meetings.len())];
        match rng.below(7) {
            0 => {
                let date = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap_or(today) + chrono::Days::new(done * 7 + 7);
                let input = MeetingInput { date: date.format("%Y-%m-%d").to_string(), start_time: "15:00".into(), end_time: "16:30".into(), ..Default::default() };
                meetings::create(store, &input, Some(m)).map_err(err)?;
            }
            1 => {
                let input = ItemInput { title: format!("Item {done}"), duration_minutes: "5".into(), kind: "discussion".into(), ..Default::default() };
                agenda::add_item(store, m, &input).map_err(err)?;
            }
            2 => {
                let items = agenda::get(store, m).map_err(err)?.items;
                if !items.is_empty() {
                    let item = &items[rng.below(items.len())];
                    agenda::move_item(store, item.id, rng.below(items.len()) as u32 + 1).map_err(err)?;
                }
            }
            3 => {
                let items = agenda::get(store, m).map_err(err)?.items;
                if !items.is_empty() {
                    let notes = format!("Notes written at step {done}. ").repeat(200);
                    agenda::save_notes(store, items[rng.below(items.len())].id, &notes).map_err(err)?;
                }
            }
            4 => {
                let st = |k: &str, i: u64| StatementInput { text: format!("{k} {i} about volunteers and Pride events"), ..Default::default() };
                let input = SubmissionInput {
                    network_id: nets[rng.below(nets.len())],
                    submitted_by: None,
                    needs: (0..3).map(|i| st("Need", done + i)).collect(),
                    strengths: (0..3).map(|i| st("Strength", done + i)).collect(),
                };
                needs::save(store, m, &input, SubmissionSource::Entered).map_err(err)?;
            }
            5 => {
                let file = dir.join("torture-registrations.csv");
                let mut csv = String::from("Your name,Email address,Network,Department\n");
                for i in 0..BATCH {
                    csv.push_str(&format!("Person {done}-{i},p{done}x{i}@example.org,Kaleidoscope,HM Revenue and Customs\n"));
                }
                std::fs::write(&file, csv).map_err(|e| e.to_string())?;
                let mapping = registration_import::preview(store, &file, m, None).map_err(err)?.columns.iter().map(|c| c.field).collect::<Vec<_>>();
                registration_import::import(store, &file, m, &mapping, &[]).map_err(err)?;
            }
            _ => {
                let input = ActionInput { description: format!("Action {done}"), owner_text: Some("Forum team".into()), ..Default::default() };
                actions::create(store, m, None, &input, today).map_err(err)?;
            }
        }
        done += 1;
        settings::set(store, DONE_KEY, &done.to_string()).map_err(err)?;
        let _ = writeln!(out, "ok {done}");
        let _ = out.flush();
    }
}
