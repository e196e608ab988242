//! Registration import speed: `cargo bench -p forum-core --bench import`.
//! A 10,000-row Google Forms CSV (10,000 different people, sixty networks written in
//! several ways) into a database file on disk, as the chair's machine would hold it.

use std::time::{Duration, Instant};

use forum_core::model::{MeetingInput, NetworkInput};
use forum_core::people::registration_import as ri;
use forum_core::{forum::meetings, networks, Store};

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
}
