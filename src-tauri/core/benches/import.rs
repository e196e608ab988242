//! Registration import speed: `cargo bench -p forum-core --bench import`.
//! A 10,000-row Google Forms CSV (10,000 different people, sixty networks written in
//! several ways) into a database file on disk, as the chair's machine would hold it.
//!
//! Then what the search index (migration 13) costs writes, side by side in the same run:
//! the same import, and saving a note on the twenty-year forum, with the index and on a
//! database whose index (its tables and triggers) was dropped, alternating; and the
//! twenty-year forum's size both ways.

use std::time::{Duration, Instant};

use forum_core::model::{MeetingInput, NetworkInput};
use forum_core::people::registration_import as ri;
use forum_core::{forum::agenda, forum::meetings, networks, Store};

const WAYS: [&str; 4] = ["{dept} LGBT+ network", "{dept}", "{name}", "{name} ({dept})"];

fn register(s: &mut Store) {
    for i in 0..60 {
        let input = NetworkInput {
            name: format!("Network {i} Pride"),
            department: format!("Department for Subject {i}"),
            kind: "ministerial department".into(),
            parent: None,
            email: Some(format!("pride@subject{i}.example.uk")),
        };
        networks::create(s, &input).expect("network");
    }
}

fn csv(rows: usize) -> String {
    let mut out = String::from("Timestamp,Your name,Email address,Which network do you represent?\r\n");
    for r in 0..rows {
        let n = r % 60;
        let said = WAYS[(r / 60) % WAYS.len()].replace("{dept}", &format!("Department for Subject {n}")).replace("{name}", &format!("Network {n} Pride"));
        out.push_str(&format!("01/11/2026 09:{:02}:{:02},Person {r} Surname,person{r}@subject{n}.example.uk,\"{said}\"\r\n", (r / 60) % 60, r % 60));
    }
    out
}

/// The database as it was before search: no index tables, no triggers.
fn drop_search_index(s: &Store) {
    let c = s.conn();
    let names = |sql: &str| -> Vec<String> { c.prepare(sql).expect("sql").query_map([], |r| r.get(0)).expect("query").map(|r| r.expect("name")).collect() };
    for t in names("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'") {
        c.execute_batch(&format!("DROP TRIGGER {t}")).expect("drop trigger");
    }
    for t in names("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'virtual'") {
        c.execute_batch(&format!("DROP TABLE {t}")).expect("drop index");
    }
    c.execute_batch("VACUUM").expect("vacuum");
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median_p95(t: &mut [Duration]) -> (Duration, Duration) {
    t.sort();
    (t[t.len() / 2], t[(t.len() * 95 / 100).min(t.len() - 1)])
}

/// The twenty-year forum in `dir`, with or without the index.
fn twenty_years(dir: &std::path::Path, index: bool) -> Store {
    let mut s = Store::open_dir(dir).expect("store");
    if !index {
        drop_search_index(&s);
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    forum_core::demo::large::load(&mut s, 20, 7, today).expect("twenty years");
    s.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").expect("checkpoint");
    s
}

fn side_by_side(dir: &std::path::Path, file: &std::path::Path, rows: usize) {
    println!();
    println!("| with the search index? | step | median | p95 | runs |");
    println!("|---|---|---|---|---|");
    // The registration import, eight runs each way, alternating.
    let mut import: [Vec<Duration>; 2] = Default::default();
    for run in 0..16 {
        let index = run % 2 == 0;
        let mut s = Store::open_dir(&dir.join(format!("side{run}"))).expect("store");
        if !index {
            drop_search_index(&s);
        }
        register(&mut s);
        let m = meetings::create(&mut s, &MeetingInput { date: "2026-11-12".into(), start_time: "15:00".into(), end_time: "16:30".into(), ..Default::default() }, None).expect("meeting").id;
        let mapping: Vec<_> = ri::preview(&s, file, m, None).expect("preview").columns.iter().map(|c| c.field).collect();
        let t = Instant::now();
        let r = ri::import(&mut s, file, m, &mapping, &[]).expect("import");
        import[usize::from(!index)].push(t.elapsed());
        assert_eq!(r.registered as usize, rows);
        if index {
            assert!(forum_core::store::check::problems(s.conn()).expect("check").is_empty());
        }
    }
    // Saving a note (as the run-the-meeting screen does as the chair types) on twenty
    // years of records: a note of about 2,000 characters, one word more each save.
    let mut stores = [twenty_years(&dir.join("notes-with"), true), twenty_years(&dir.join("notes-without"), false)];
    let sizes: Vec<u64> = [dir.join("notes-with/forum.db"), dir.join("notes-without/forum.db")].iter().map(|p| std::fs::metadata(p).expect("size").len()).collect();
    let item: i64 = stores[0].conn().query_row("SELECT max(id) FROM agenda_item", [], |r| r.get(0)).expect("an item");
    let mut notes = "Leads compared how their networks recruit volunteers and keep them; ".repeat(30);
    let mut save: [Vec<Duration>; 2] = Default::default();
    for i in 0..1000 {
        notes.push_str(&format!(" word{i}"));
        let which = i % 2;
        let t = Instant::now();
        agenda::save_notes(&mut stores[which], item, &notes).expect("save");
        save[which].push(t.elapsed());
    }
    assert!(forum_core::store::check::problems(stores[0].conn()).expect("check").is_empty());
    // Where the indexing of the notes went (migration 0014): to the next search, which
    // indexes the note first. A search right after a save, against the same search with
    // nothing waiting, alternating, on the indexed forum.
    let query = forum_core::search::SearchQuery { text: "volunteers".into(), ..Default::default() };
    let mut after: [Vec<Duration>; 2] = Default::default();
    for i in 0..200 {
        let saved = i % 2 == 0;
        if saved {
            notes.push_str(&format!(" more{i}"));
            agenda::save_notes(&mut stores[0], item, &notes).expect("save");
        }
        let t = Instant::now();
        forum_core::search::search(&stores[0], &query).expect("search");
        after[usize::from(!saved)].push(t.elapsed());
    }
    let (am, ap) = median_p95(&mut after[0]);
    let (bm, bp) = median_p95(&mut after[1]);
    for (label, times) in [("import 10,000 registrations", &mut import), ("save a note (twenty years)", &mut save)] {
        let (with, without) = times.split_at_mut(1);
        let (wm, wp) = median_p95(&mut with[0]);
        let (om, op) = median_p95(&mut without[0]);
        println!("| yes | {label} | {:.2} ms | {:.2} ms | {} |", ms(wm), ms(wp), with[0].len());
        println!("| no | {label} | {:.2} ms | {:.2} ms | {} |", ms(om), ms(op), without[0].len());
        println!("| | {label}: with / without | {:.2}x | {:.2}x | |", ms(wm) / ms(om), ms(wp) / ms(op));
    }
    println!("| yes | search \"volunteers\" right after a save (indexes the note first) | {:.2} ms | {:.2} ms | {} |", ms(am), ms(ap), after[0].len());
    println!("| yes | search \"volunteers\" with nothing waiting | {:.2} ms | {:.2} ms | {} |", ms(bm), ms(bp), after[1].len());
    println!();
    println!("| twenty-year forum | size |");
    println!("|---|---|");
    println!("| with the search index | {:.2} MB |", sizes[0] as f64 / 1e6);
    println!("| without | {:.2} MB |", sizes[1] as f64 / 1e6);
    println!("| with / without | {:.3}x |", sizes[0] as f64 / sizes[1] as f64);
}

fn main() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("registrations.csv");
    let rows = 10_000;
    std::fs::write(&file, csv(rows)).expect("csv");
    println!("| rows | step | median | max | result |");
    println!("|---|---|---|---|---|");
    let mut times: [Vec<Duration>; 3] = Default::default();
    let mut result = String::new();
    for run in 0..5 {
        let data = dir.path().join(format!("run{run}"));
        let mut s = Store::open_dir(&data).expect("store");
        register(&mut s);
        let m = meetings::create(&mut s, &MeetingInput { date: "2026-11-12".into(), start_time: "15:00".into(), end_time: "16:30".into(), ..Default::default() }, None).expect("meeting").id;
        let t = Instant::now();
        let p = ri::preview(&s, &file, m, None).expect("preview");
        times[0].push(t.elapsed());
        let mapping: Vec<_> = p.columns.iter().map(|c| c.field).collect();
        assert!(p.networks.iter().all(|q| q.chosen.is_some()), "every way of writing a network is matched");
        let t = Instant::now();
        let r = ri::import(&mut s, &file, m, &mapping, &[]).expect("import");
        times[1].push(t.elapsed());
        assert_eq!(r.registered as usize, rows);
        let t = Instant::now();
        let again = ri::import(&mut s, &file, m, &mapping, &[]).expect("again");
        times[2].push(t.elapsed());
        result = format!("{} registered, then {} refreshed; {} network names", r.registered, again.refreshed, p.networks.len());
    }
    for (step, t) in ["preview (read, map, match)", "import into an empty meeting", "import again (all known)"].iter().zip(times.iter_mut()) {
        t.sort();
        println!("| {rows} | {step} | {:.0} ms | {:.0} ms | {result} |", t[t.len() / 2].as_secs_f64() * 1000.0, t[t.len() - 1].as_secs_f64() * 1000.0);
    }
    side_by_side(dir.path(), &file, rows);
}
