//! Readout publishing speed: `cargo bench -p forum-core --bench publish`.
//! Builds a typical readout (8 items, 20 actions) and a large one (40 items, 200
//! actions) in memory, then times the document, the Markdown post and the PDF; then,
//! side by side, headless Chromium printing the same readout as HTML to PDF (the route a
//! chair would otherwise take: the post opened in a browser and printed).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use forum_core::model::{ActionInput, ItemInput, MeetingInput};
use forum_core::publishing::readout::build::{self, ReadoutOptions};
use forum_core::publishing::readout::{jekyll, pdf};

#[path = "chromium.rs"]
mod chromium;
use chromium::{chromium, html, print_with};
use forum_core::{forum::actions, forum::agenda, forum::meetings, Store};

const NOTES: &str = "Leads compared how their networks recruit volunteers and keep them: **shared rotas**, short terms of office and *visible thanks* from senior sponsors all helped. Two networks described running events outside London with regional hubs, and offered their planning checklist to anyone who wants it. See [the guidance](https://example.org/guidance) for the details.\n\n- pair new chairs with experienced ones\n- publish the events calendar a quarter ahead\n- ask HR for time off for network duties";

fn meeting(items: usize, actions_n: usize) -> (Store, i64) {
    let mut s = Store::open_in_memory().expect("store");
    let day = NaiveDate::from_ymd_opt(2027, 1, 14).expect("date");
    let m = meetings::create(&mut s, &MeetingInput { date: "2027-01-14".into(), start_time: "09:00".into(), end_time: "17:00".into(), ..Default::default() }, None).expect("meeting");
    let mut ids = Vec::new();
    for i in 0..items {
        let item = ItemInput { title: format!("Discussion item {} on network priorities", i + 1), duration_minutes: "10".into(), kind: "discussion".into(), ..Default::default() };
        let it = agenda::add_item(&mut s, m.id, &item).expect("item");
        agenda::save_notes(&mut s, it.id, NOTES).expect("notes");
        agenda::save_outcomes(&mut s, it.id, &["Agreed to share the checklist".into(), "Team to follow up with HR".into()]).expect("outcomes");
        ids.push(it.id);
    }
    for a in 0..actions_n {
        let input = ActionInput { description: format!("Action {} to follow up on the item, with enough words to wrap in the table cell", a + 1), owner_text: Some("Forum team".into()), due_date: Some("2027-03-01".into()), ..Default::default() };
        actions::create(&mut s, m.id, Some(ids[a % ids.len()]), &input, day).expect("action");
    }
    (s, m.id)
}

fn time<F: FnMut() -> usize>(runs: usize, mut f: F) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let t = Instant::now();
        size = f();
        times.push(t.elapsed());
    }
    times.sort();
    (times[runs / 2], times[(runs * 95 / 100).min(runs - 1)], size)
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2027, 1, 14).expect("date");
    let options = ReadoutOptions { include_agenda: true, ..Default::default() };
    let mut ours = Vec::new();
    let mut docs = Vec::new();
    println!("| readout | items | actions | pages | step | median | p95 | size |");
    println!("|---|---|---|---|---|---|---|---|");
    for (name, items, acts, runs) in [("typical", 8, 20, 50), ("large", 40, 200, 20)] {
        let (store, id) = meeting(items, acts);
        let doc = build::readout(&store, id, &options, today).expect("doc");
        let pages = pdf::render_with_stats(&doc).expect("fonts").1.pages;
        let rows: [(&str, Box<dyn FnMut() -> usize>); 3] = [
            ("document", Box::new(|| build::readout(&store, id, &options, today).expect("doc").blocks.len())),
            ("markdown post", Box::new(|| jekyll::news_post(&doc).1.len())),
            ("pdf", Box::new(|| pdf::render(&doc).expect("fonts").len())),
        ];
        for (step, mut f) in rows {
            let (median, p95, size) = time(runs, &mut f);
            let size = if step == "document" { String::from("-") } else { format!("{:.1} KB", size as f64 / 1024.0) };
            println!("| {name} | {items} | {acts} | {pages} | {step} | {:.1} ms | {:.1} ms | {size} |", median.as_secs_f64() * 1000.0, p95.as_secs_f64() * 1000.0);
            if step == "pdf" {
                ours.push((name, median, size));
            }
        }
        docs.push((name, doc));
    }
    println!();
    println!("| readout | Forum Desk PDF | headless Chromium, HTML to PDF | Chromium / Forum Desk |");
    println!("|---|---|---|---|");
    let Some(browser) = chromium() else {
        println!("| - | - | Chromium not installed (apt-get install chromium) | - |");
        return;
    };
    let dir = std::env::temp_dir().join(format!("forum-desk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    for ((name, doc), (_, our_median, our_size)) in docs.iter().zip(&ours) {
        let page = dir.join(format!("{name}.html"));
        std::fs::write(&page, html(doc)).expect("page written");
        let out = dir.join(format!("{name}.pdf"));
        print_with(&browser, &page, &out); // once to warm the disk cache
        let (median, _, size) = time(5, || print_with(&browser, &page, &out));
        println!(
            "| {name} | {:.1} ms, {our_size} | {:.0} ms, {:.1} KB | {:.0}x the time |",
            our_median.as_secs_f64() * 1000.0,
            median.as_secs_f64() * 1000.0,
            size as f64 / 1024.0,
            median.as_secs_f64() / our_median.as_secs_f64().max(1e-9)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
