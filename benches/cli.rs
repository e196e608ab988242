//! The command line as a user runs it: whole processes, timed from start to exit, with
//! their peak memory. `cargo bench --bench cli`.
//!
//! Side by side in one run: `forum-desk` (forum-core and the command line only) and the
//! window's binary `forum-desk-window` given the same subcommand (what every subcommand
//! cost before the two were split: GTK and WebKit loaded first), and headless Chromium
//! printing the same readout as HTML, the route a chair would otherwise take.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use forum_core::publishing::readout::build;

#[path = "../src-tauri/core/benches/chromium.rs"]
mod chromium;

const CLI: &str = env!("CARGO_BIN_EXE_forum-desk");
const WINDOW: &str = env!("CARGO_BIN_EXE_forum-desk-window");

/// One run: how long the process took and its peak resident memory (kB).
fn run(program: &str, args: &[&str]) -> (Duration, u64) {
    let t = Instant::now();
    let child = Command::new(program).args(args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("starts");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // wait4 gives this child's own peak memory, which getrusage cannot.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let took = t.elapsed();
    assert!(pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{program} {args:?} failed");
    (took, usage.ru_maxrss as u64)
}

fn median<T: Copy + Ord>(mut v: Vec<T>) -> T {
    v.sort();
    v[v.len() / 2]
}

/// Median time and median peak memory of `runs` runs, after one to warm the caches.
fn measure(runs: usize, program: &str, args: &[&str]) -> (Duration, u64) {
    run(program, args);
    let results: Vec<(Duration, u64)> = (0..runs).map(|_| run(program, args)).collect();
    (median(results.iter().map(|r| r.0).collect()), median(results.iter().map(|r| r.1).collect()))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let data = dir.path().join("data");
    let data_arg = data.to_str().expect("a UTF-8 path");
    run(CLI, &["--data-dir", data_arg, "demo"]);
    let store = forum_core::Store::open_dir(&data).expect("records");
    let today = chrono::Local::now().date_naive();
    let past = forum_core::forum::meetings::list(&store, today).expect("meetings").into_iter().find(|m| !m.upcoming).expect("a past meeting").meeting.id;
    let id = past.to_string();
    let pdf = dir.path().join("readout.pdf");
    let pdf_arg = pdf.to_str().expect("a UTF-8 path");
    let export = ["--data-dir", data_arg, "export", "readout", "--meeting", &id, "--format", "pdf", "--sections", "actions,agenda,attendance,forward-look", "--out", pdf_arg];
    let list = ["--data-dir", data_arg, "meetings", "list"];

    println!("| command (whole process, median of 21) | forum-desk | the window's binary, same command | budget |");
    println!("|---|---|---|---|");
    let rows: [(&str, &[&str], &str); 3] = [
        ("`--version`", &["--version"], "under 10 ms and 15 MiB"),
        ("`meetings list` (the sample forum)", &list, "-"),
        ("`export readout --format pdf` (the sample forum's past meeting, every section)", &export, "-"),
    ];
    let mut export_ms = 0.0;
    for (what, args, budget) in rows {
        let (t, kb) = measure(21, CLI, args);
        let (wt, wkb) = measure(21, WINDOW, args);
        println!("| {what} | {:.1} ms, {:.1} MiB | {:.1} ms, {:.1} MiB | {budget} |", ms(t), kb as f64 / 1024.0, ms(wt), wkb as f64 / 1024.0);
        if args == export.as_slice() {
            export_ms = ms(t);
        }
    }
    println!();
    let Some(browser) = chromium::chromium() else {
        println!("Chromium is not installed (apt-get install chromium): no comparison.");
        return;
    };
    let options = build::options(&store, past).map(|mut o| {
        o.include_actions = true;
        o.include_agenda = true;
        o.include_attendance = true;
        o.include_forward_look = true;
        o
    });
    let doc = build::readout(&store, past, &options.expect("options"), today).expect("the readout");
    let page = dir.path().join("readout.html");
    std::fs::write(&page, chromium::html(&doc)).expect("page written");
    let printed = dir.path().join("chromium.pdf");
    chromium::print_with(&browser, &page, &printed);
    let times: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            chromium::print_with(&browser, &page, &printed);
            t.elapsed()
        })
        .collect();
    let chromium_ms = ms(median(times));
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len() as f64 / 1024.0).unwrap_or(0.0);
    println!("| the sample readout to PDF, whole process | Forum Desk | headless Chromium, HTML to PDF (median of 5) | Chromium / Forum Desk | target |");
    println!("|---|---|---|---|---|");
    println!(
        "| time | {export_ms:.1} ms | {chromium_ms:.0} ms | {:.0}x | at least 40x |",
        chromium_ms / export_ms.max(1e-9)
    );
    println!("| file | {:.1} KB | {:.1} KB | - | - |", size(&pdf), size(&printed));
}
