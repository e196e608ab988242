//! The command line on a temporary data directory: the same core operations as the
//! window, driven the way a user or a script would.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{cli, fixture};
use predicates::prelude::*;

fn list_json(data: &Path) -> Vec<serde_json::Value> {
    let out = cli(data).args(["networks", "list", "--json", "--all"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("list --json prints JSON")
}

#[test]
fn import_list_and_reimport_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path())
        .args(["networks", "import"])
        .arg(fixture("networks.yml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("9 added, 0 updated, 0 unchanged"))
        // Issue 13: what the website's directory leaves blank is said, not refused.
        .stdout(predicate::str::contains("No network name (kept as \u{201c}name not known\u{201d}): entry 5 (Department for Tides)."))
        .stdout(predicate::str::contains("No email: entry 3 (Office for Weights and Measures, Measured Pride); entry 4 (Canal and River Office, LGBT+ Network); entry 5 (Department for Tides)."));
    let list = list_json(dir.path());
    assert_eq!(list.len(), 9);
    let tides = list.iter().find(|n| n["department"] == "Department for Tides").expect("a network known by its department");
    assert_eq!((tides["name"].as_str(), tides["nameKnown"].as_bool()), (Some("Department for Tides network (name not known)"), Some(false)));
    let stores = list.iter().find(|n| n["email"] == "anchors@stores.example.uk").unwrap();
    assert_eq!(stores["name"], "Anchors & Allies: the Quartermaster's network");
    assert_eq!(stores["department"], "Quartermaster's Office & Stores");
    let beacon = list.iter().find(|n| n["name"] == "Beacon LGBT+ Network").expect("imported");
    assert_eq!(beacon["kind"], "agency");
    assert_eq!(beacon["parent"], "Department for Coastal Affairs");
    assert_eq!(list.iter().find(|n| n["name"] == "Measured Pride").unwrap()["email"], serde_json::Value::Null);

    cli(dir.path())
        .args(["networks", "import"])
        .arg(fixture("networks.yml"))
        .assert()
        .success()
        .stdout(predicate::str::contains("0 added, 0 updated, 9 unchanged"));
    assert_eq!(list_json(dir.path()).len(), 9);

    cli(dir.path()).args(["networks", "list"]).assert().success().stdout(predicate::str::contains("Lighthouse Agency  |  Beacon LGBT+ Network  |  agency"));
}

#[test]
fn a_bad_file_is_rejected_by_entry_and_field_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).args(["networks", "import"]).arg(fixture("networks.yml")).assert().success();
    let before = list_json(dir.path());
    cli(dir.path())
        .args(["networks", "import"])
        .arg(fixture("networks-bad.yml"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("networks-bad.yml, entry 2 (Lighthouse Agency, Beacon LGBT+ Network), field \u{201c}email\u{201d}"));
    assert_eq!(list_json(dir.path()), before);

    cli(dir.path())
        .args(["networks", "import", "no-such-file.yml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Could not read no-such-file.yml"));
}

#[test]
fn export_writes_the_website_shape_that_imports_back() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).args(["networks", "import"]).arg(fixture("networks.yml")).assert().success();
    let out = dir.path().join("export").join("networks.yml");
    std::fs::create_dir_all(out.parent().unwrap()).unwrap();
    cli(dir.path()).args(["networks", "export"]).arg(&out).assert().success().stdout(predicate::str::contains("Wrote 9 networks"));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("- type: "), "{text}");
    // The network whose name the website does not know goes back as it had it.
    assert!(text.contains("department: Department for Tides\n  network: ''\n"), "{text}");
    assert!(text.contains("\n\n- type: "), "entries are separated by blank lines like the website's file");

    let other = tempfile::tempdir().unwrap();
    cli(other.path()).args(["networks", "import"]).arg(&out).assert().success().stdout(predicate::str::contains("9 added"));
    let strip = |v: Vec<serde_json::Value>| {
        let mut v: Vec<_> = v.into_iter().map(|n| (n["name"].to_string(), n["department"].to_string(), n["kind"].to_string(), n["parent"].to_string(), n["email"].to_string())).collect();
        v.sort();
        v
    };
    assert_eq!(strip(list_json(dir.path())), strip(list_json(other.path())));
}

#[test]
fn demo_loads_once_and_if_empty_is_quiet() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).arg("demo").assert().success().stdout(predicate::str::contains("12 networks, 2 meetings"));
    cli(dir.path()).arg("demo").assert().failure().stderr(predicate::str::contains("only be loaded into an empty database"));
    cli(dir.path()).args(["demo", "--if-empty"]).assert().success();
    assert_eq!(list_json(dir.path()).len(), 12);
}

#[test]
fn the_environment_variable_chooses_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("data");
    Command::cargo_bin("forum-desk").unwrap().env("FORUM_DESK_DATA_DIR", &data).arg("demo").assert().success();
    assert!(data.join("forum.db").exists());
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).arg("demo").assert().success();
    let db = dir.path().join("forum.db");
    {
        let c = rusqlite_like::open(&db);
        c.set_version(999);
    }
    let before = std::fs::read(&db).unwrap();
    cli(dir.path())
        .args(["networks", "list"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("written by a newer version of Forum Desk (schema version 999"));
    assert!(std::fs::read(&db).unwrap() == before, "the database file was changed");
}

#[test]
fn errors_go_to_stderr_with_a_nonzero_exit() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).args(["networks", "nonsense"]).assert().failure().stderr(predicate::str::contains("unrecognized subcommand"));
}

/// Just enough SQLite, through the core crate's own dependency, to age a database.
mod rusqlite_like {
    use std::path::Path;

    pub struct Db(forum_core::Store);

    pub fn open(path: &Path) -> Db {
        Db(forum_core::Store::open(path).unwrap())
    }

    impl Db {
        pub fn set_version(&self, v: u32) {
            self.0.conn().pragma_update(None, "user_version", v).unwrap();
            self.0.conn().pragma_update(None, "journal_mode", "DELETE").unwrap();
        }
    }
}

#[test]
fn meetings_list_and_show_the_sample_forum() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).arg("demo").assert().success().stdout(predicate::str::contains("2 meetings"));
    let out = cli(dir.path()).args(["meetings", "list", "--json"]).output().unwrap();
    assert!(out.status.success());
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["upcoming"], true, "upcoming first");
    assert_eq!(list[1]["meeting"]["status"], "held");
    let past = list[1]["meeting"]["id"].as_i64().unwrap().to_string();

    cli(dir.path())
        .args(["meetings", "show", &past])
        .assert()
        .success()
        .stdout(predicate::str::contains("15:00 to 15:05  Welcome and introductions (5 min)"))
        .stdout(predicate::str::contains("15:50 to close  Any other business (10 min)"))
        .stdout(predicate::str::contains("Proposed by: Proud at Home"))
        .stdout(predicate::str::contains("Outcome: Agreed: draft one shared question-and-answer sheet for all networks"));

    let out = cli(dir.path()).args(["meetings", "show", &past, "--json"]).output().unwrap();
    let agenda: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(agenda["items"].as_array().unwrap().len(), 5);
    assert_eq!(agenda["items"][2]["slot"]["label"], "15:15 to 15:35");
    assert!(agenda["items"][2]["notes"].as_str().unwrap().contains("**Proud at Home**"));

    cli(dir.path()).args(["meetings", "show", "999"]).assert().failure().stderr(predicate::str::contains("Meeting 999 was not found"));
}

#[test]
fn actions_list_filter_and_export_csv() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).arg("demo").assert().success();
    let out = cli(dir.path()).args(["actions", "list", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all.len(), 3);
    let open: Vec<serde_json::Value> = serde_json::from_slice(&cli(dir.path()).args(["actions", "list", "--open", "--json"]).output().unwrap().stdout).unwrap();
    assert_eq!(open.len(), 2);
    assert!(open.iter().all(|a| a["status"] == "open" || a["status"] == "in_progress"));
    cli(dir.path())
        .args(["actions", "list", "--owner", "proud"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Draft one shared question-and-answer sheet on policy change"))
        .stdout(predicate::str::contains("1 action\n"));

    let file = dir.path().join("actions.csv");
    cli(dir.path()).args(["actions", "export"]).arg(&file).assert().success().stdout(predicate::str::contains("Wrote 3 actions"));
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("Action,Owner,Due,Status,Overdue,Agreed at,Meeting date,Agenda item,Closed,Latest update"));
    assert!(text.contains("Proud at Home"));
    assert_eq!(text.lines().count(), 4);
}

#[test]
fn import_a_published_readout_and_export_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = cli(dir.path()).args(["import", "readout"]).arg(fixture("readout-2019-11-12.md")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(id.parse::<i64>().is_ok(), "prints the new meeting's id: {id}");

    let show = cli(dir.path()).args(["meetings", "show", &id, "--json"]).output().unwrap();
    let agenda: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(agenda["meeting"]["date"], "2019-11-12");
    assert_eq!(agenda["meeting"]["status"], "published");
    let titles: Vec<_> = agenda["items"].as_array().unwrap().iter().map(|i| i["title"].as_str().unwrap().to_string()).collect();
    assert_eq!(titles, ["Welcome from the chair", "Network achievements this year", "Pride season", "AOB"]);

    let news = dir.path().join("_news");
    std::fs::create_dir(&news).unwrap();
    cli(dir.path()).args(["export", "readout", "--meeting", &id, "--format", "markdown", "--out"]).arg(&news).assert().success();
    let file = news.join("2019-11-12-what-happened-at-our-latest-leaders-of-networks-forum.md");
    let text = std::fs::read_to_string(&file).unwrap();
    // The website checkout's post is never replaced without asking.
    std::fs::write(&file, "edited by hand").unwrap();
    cli(dir.path()).args(["export", "readout", "--meeting", &id, "--format", "markdown", "--out"]).arg(&news).assert().failure().stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "edited by hand");
    cli(dir.path()).args(["export", "readout", "--meeting", &id, "--format", "markdown", "--force", "--out"]).arg(&news).assert().success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    assert!(text.starts_with("---\nlayout: news\ntitle: What happened at our latest Leaders of Networks Forum\n"), "{text}");
    assert!(text.contains("date: 2019-11-12T00:00:00.00Z\n"), "{text}");
    assert!(text.contains("permalink: /news/2019/11/12/what-happened-at-our-latest-leaders-of-networks-forum\n"), "{text}");
    for line in ["- share costs for t-shirts[^1]\n\n[^1]: Three networks offered to split the order by size.", "“any pointers welcome”.[^2]\n\n[^2]: The survey closes"] {
        assert!(text.contains(line), "footnote {line:?} not kept in its section in\n{text}");
    }
    for line in ["## Pride season", "- pool tickets for the London parade", "“any pointers welcome”", "a **bi+ visibility** campaign", "[events page](<https://example.org/events>)"] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }

    let agenda_md = dir.path().join("agenda.md");
    cli(dir.path()).args(["export", "agenda", "--meeting", &id, "--format", "markdown", "--out"]).arg(&agenda_md).assert().success();
    let a = std::fs::read_to_string(&agenda_md).unwrap();
    assert!(a.contains("| Pride season | 15:20 to 15:30 |"), "{a}");

    cli(dir.path()).args(["import", "readout"]).arg(fixture("networks.yml")).assert().failure().stderr(predicate::str::contains("networks.yml"));
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs a poppler tool (installed by scripts/setup.sh) and returns its output.
fn poppler(tool: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = std::process::Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool} is needed (poppler-utils, installed by scripts/setup.sh): {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_readout_pdf_holds_every_word_of_the_meeting() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).arg("demo").assert().success();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&cli(dir.path()).args(["meetings", "list", "--json"]).output().unwrap().stdout).unwrap();
    let past = list[1]["meeting"]["id"].as_i64().unwrap().to_string();
    let pdf = dir.path().join("readout.pdf");
    cli(dir.path()).args(["export", "readout", "--meeting", &past, "--format", "pdf", "--sections", "actions,agenda", "--out"]).arg(&pdf).assert().success();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // Issue 14: the file the command line writes is tagged PDF/UA-1, as the checkers read it.
    use forum_core::publishing::readout::pdf_check;
    assert_eq!(pdf_check::problems(&bytes), Vec::<String>::new());
    assert!(poppler("pdfinfo", &[pdf.as_os_str()]).contains("Tagged:          yes"));
    let report = pdf_check::pdfua_report(&pdf).unwrap();
    assert_eq!(report["findings"], serde_json::json!([]), "pdfua found something: {report}");
    let (_, tree) = pdf_check::poppler_structure(&pdf).unwrap();
    assert!(!tree.is_empty(), "a structure tree");

    let text = normalise(&poppler("pdftotext", &[pdf.as_os_str(), std::ffi::OsStr::new("-")]));
    let agenda: serde_json::Value = serde_json::from_slice(&cli(dir.path()).args(["meetings", "show", &past, "--json"]).output().unwrap().stdout).unwrap();
    for item in agenda["items"].as_array().unwrap() {
        assert!(text.contains(&normalise(item["title"].as_str().unwrap())), "heading {} missing", item["title"]);
        for o in item["outcomes"].as_array().unwrap() {
            assert!(text.contains(&normalise(o.as_str().unwrap())), "outcome {o} missing");
        }
    }
    for words in [
        "The co-chair shared the events calendar for the coming quarter",
        "Proud at Home described how their network answered colleagues' questions",
        "one shared set of answers",
        "keeping a single source of questions and answers",
        "Draft one shared question-and-answer sheet on policy change",
        "Page 1 of",
        "15:50 to close",
    ] {
        assert!(text.contains(words), "{words:?} missing from:\n{text}");
    }
    let info = normalise(&poppler("pdfinfo", &[pdf.as_os_str()]));
    assert!(info.contains("Title: What happened at our latest Leaders of Networks Forum"), "{info}");
    assert!(info.contains("Author: The forum team"), "{info}");
    assert!(info.contains("Subject: Leaders of Networks Forum October 2026, Thursday 8 October 2026"), "{info}");
    assert!(!info.contains("1970"), "a real creation date: {info}");
    assert!(info.contains("(A4)"), "{info}");
}

#[test]
fn a_long_readout_flows_over_pages_with_unicode_and_links_intact() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).args(["import", "readout"]).arg(fixture("readout-2019-11-12.md")).assert().success();
    let pdf = dir.path().join("r.pdf");
    cli(dir.path()).args(["export", "readout", "--meeting", "1", "--format", "pdf", "--out"]).arg(&pdf).assert().success();
    let text = normalise(&poppler("pdftotext", &[pdf.as_os_str(), std::ffi::OsStr::new("-")]));
    for words in ["“any pointers welcome”", "sexual orientation data —", "pool tickets for the London parade", "events page"] {
        assert!(text.contains(words), "{words:?} missing from:\n{text}");
    }
    // Footnote numbers are raised in the text, and the notes set after the last section.
    assert!(text.contains("share costs for t-shirts1"), "{text}");
    let notes = text.find("Notes 1. Three networks offered to split the order by size. 2. The survey closes at the end of January.").unwrap_or_else(|| panic!("notes at the end: {text}"));
    assert!(notes > text.find("ideas and solutions between networks").unwrap(), "after the closing paragraph: {text}");
    let raw = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).to_string();
    assert!(raw.contains("/URI") || raw.contains("/ObjStm"), "links are annotations");
    assert!(raw.matches("/S/GoTo").count() == 2 || raw.contains("/ObjStm"), "each footnote number links to its note");
}

#[test]
fn the_agenda_as_a_calendar_invite_and_the_event_post() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).arg("demo").assert().success();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&cli(dir.path()).args(["meetings", "list", "--json"]).output().unwrap().stdout).unwrap();
    let next = list[0]["meeting"]["id"].as_i64().unwrap().to_string();
    let ics = dir.path().join("forum.ics");
    cli(dir.path()).args(["export", "agenda", "--meeting", &next, "--format", "ics", "--out"]).arg(&ics).assert().success();
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("TZID:Europe/London") && text.contains("DTSTART;TZID=Europe/London:"), "{text}");
    let events = dir.path().join("_events");
    std::fs::create_dir(&events).unwrap();
    cli(dir.path()).args(["export", "event", "--meeting", &next, "--out"]).arg(&events).assert().success();
    let date = list[0]["meeting"]["date"].as_str().unwrap();
    let post = std::fs::read_to_string(events.join(format!("{date}-leaders-of-networks-forum.md"))).unwrap();
    assert!(post.starts_with("---\nlayout: event\n"), "{post}");
    cli(dir.path()).args(["export", "readout", "--meeting", &next, "--format", "ics", "--out"]).arg(&ics).assert().failure().stderr(predicate::str::contains("calendar invitation is for the agenda"));
    let pdf = dir.path().join("agenda.pdf");
    cli(dir.path()).args(["export", "agenda", "--meeting", &next, "--format", "pdf", "--out"]).arg(&pdf).assert().success();
    let text = normalise(&poppler("pdftotext", &[pdf.as_os_str(), std::ffi::OsStr::new("-")]));
    assert!(text.contains("Running events outside London") && text.contains("Rainbow Lanes") && text.contains("15:50 to close"), "{text}");
}

#[test]
fn backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).arg("demo").assert().success();
    let copy = dir.path().join("elsewhere").join("forum-copy.db");
    cli(dir.path()).arg("backup").arg(&copy).assert().success().stdout(predicate::str::contains("Backed up to"));
    cli(dir.path()).args(["networks", "import"]).arg(fixture("networks.yml")).assert().success();
    assert_eq!(list_json(dir.path()).len(), 21);

    cli(dir.path()).arg("restore").arg(&copy).assert().success().stdout(predicate::str::contains("The database as it was is kept in"));
    assert_eq!(list_json(dir.path()).len(), 12, "back to the sample forum");

    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, "certainly not a database").unwrap();
    cli(dir.path()).arg("restore").arg(&junk).assert().failure().stderr(predicate::str::contains("cannot be restored")).stderr(predicate::str::contains("Nothing was changed"));
    assert_eq!(list_json(dir.path()).len(), 12);
}

/// The sample forum's upcoming meeting, which takes registrations.
fn upcoming_meeting(data: &Path) -> i64 {
    cli(data).arg("demo").assert().success();
    let out = cli(data).args(["meetings", "list", "--json"]).output().unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let upcoming = list.iter().find(|s| s["meeting"]["locked"] == false && s["meeting"]["cancelledAt"].is_null() && s["meeting"]["readoutApprovedAt"].is_null());
    upcoming.expect("the sample has an upcoming meeting")["meeting"]["id"].as_i64().unwrap()
}

fn attendance_json(data: &Path, meeting: i64) -> serde_json::Value {
    let out = cli(data).args(["attendance", "--json", "--meeting", &meeting.to_string()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn registrations_import_from_a_google_csv_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let m = upcoming_meeting(dir.path());
    let before = attendance_json(dir.path(), m)["registrations"].as_array().unwrap().len();
    let file = fixture("registrations-google.csv");

    // "Wand Club (Ministry of Magic)" matches nothing: reported, nothing written.
    cli(dir.path())
        .args(["import", "registrations", "--meeting", &m.to_string()])
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("\u{201c}Wand Club (Ministry of Magic)\u{201d} (row 5)").and(predicate::str::contains("--create-missing-networks")));
    assert_eq!(attendance_json(dir.path(), m)["registrations"].as_array().unwrap().len(), before);

    cli(dir.path())
        .args(["import", "registrations", "--create-missing-networks", "--meeting", &m.to_string()])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("Your name                                -> name"))
        .stdout(predicate::str::contains("4 registered, 0 already registered (refreshed), 4 new people, 1 networks added").and(predicate::str::contains("1 repeated answers")));
    let list = attendance_json(dir.path(), m);
    let regs = list["registrations"].as_array().unwrap();
    assert_eq!(regs.len(), before + 4);
    let sam = regs.iter().find(|r| r["name"] == "Sam Jones").unwrap();
    assert_eq!((sam["networkName"].as_str(), sam["pronouns"].as_str(), sam["source"].as_str()), (Some("Learning with Pride"), Some("they/them"), Some("form")));
    let lee = regs.iter().find(|r| r["name"] == "Lee \"Wand\" Hart").unwrap();
    assert_eq!(lee["networkName"], "Wand Club");
    let priya = regs.iter().find(|r| r["name"] == "Priya Shah").unwrap();
    assert_eq!(priya["pronouns"], "she/her\r\n(any)", "a quoted newline is data");

    // Again: nobody doubled.
    cli(dir.path())
        .args(["import", "registrations", "--meeting", &m.to_string()])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("Columns (as last time)"))
        .stdout(predicate::str::contains("0 registered, 4 already registered"));
    assert_eq!(attendance_json(dir.path(), m)["registrations"].as_array().unwrap().len(), before + 4);
}

#[test]
fn registrations_import_from_a_microsoft_xlsx_with_a_corrected_column() {
    let dir = tempfile::tempdir().unwrap();
    let m = upcoming_meeting(dir.path());
    let path = dir.path().join("Forum registration(1-3).xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [[&str; 7]; 4] = [
        ["ID", "Start time", "Completion time", "Email", "Name", "Who are you?", "Representing"],
        ["1", "", "", "anonymous", "", "Kit Moss", "Home Office"],
        ["2", "", "", "anonymous", "", "Jo Park", "HMRC"],
        ["3", "", "", "anonymous", "", "Rae Bell", "ONS"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    let when = rust_xlsxwriter::ExcelDateTime::parse_from_str("2026-10-01 09:30:00").unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy hh:mm");
    for r in 1..4 {
        sheet.write_datetime_with_format(r, 2, &when, &fmt).unwrap();
    }
    book.save(&path).unwrap();

    // The account's "Name" column is guessed, but this form is anonymous: the import
    // names the empty cell and writes nothing; the chair points at the question instead.
    cli(dir.path())
        .args(["import", "registrations", "--meeting", &m.to_string()])
        .arg(&path)
        .assert()
        .failure()
        .stderr(predicate::str::contains("Forum registration(1-3).xlsx, row 2, column \u{201c}Name\u{201d}: Enter the name"));
    cli(dir.path())
        .args(["import", "registrations", "--meeting", &m.to_string(), "--map", "Who are you?=name", "--map", "7=department"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("3 registered"));
    let list = attendance_json(dir.path(), m);
    let kit = list["registrations"].as_array().unwrap().iter().find(|r| r["name"] == "Kit Moss").unwrap();
    assert_eq!((kit["networkName"].as_str(), kit["email"].as_str(), kit["registeredAt"].as_str()), (Some("Proud at Home"), None, Some("2026-10-01T09:30:00")));
}

#[test]
fn attendance_prints_the_check_in_list_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let m = upcoming_meeting(dir.path());
    cli(dir.path())
        .args(["import", "registrations", "--create-missing-networks", "--meeting", &m.to_string()])
        .arg(fixture("registrations-google.csv"))
        .assert()
        .success();
    cli(dir.path())
        .args(["attendance", "--meeting", &m.to_string()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Priya Shah").and(predicate::str::contains("not yet checked in")));
    cli(dir.path()).args(["attendance", "--meeting", "9999"]).assert().failure().stderr(predicate::str::contains("Meeting 9999 was not found"));
}

fn upcoming_date(data: &Path, id: i64) -> String {
    let out = cli(data).args(["meetings", "show", &id.to_string(), "--json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["meeting"]["date"].as_str().unwrap().to_string()
}

fn submission(date: &str, first_need: &str) -> String {
    serde_json::json!({
        "format": "forum-desk-submission", "version": 1,
        "meeting": { "date": date },
        "network": { "name": "Learning with Pride", "department": "Department for Education" },
        "lead": { "name": "Sasha Byrne", "email": "sasha.byrne@example.org" },
        "needs": [{ "text": first_need }, { "text": "Volunteers to run our events" }],
        "strengths": [{ "text": "Recruiting and keeping volunteers" }],
        "proposals": [{ "title": "Mentoring for new chairs", "minutes": 10 }],
        "registration": { "attending": "in_person" }
    })
    .to_string()
}

#[test]
fn submission_files_and_forms_make_the_forward_look() {
    let dir = tempfile::tempdir().unwrap();
    let m = upcoming_meeting(dir.path());
    let date = upcoming_date(dir.path(), m);
    let file = dir.path().join("learning-with-pride.json");
    std::fs::write(&file, submission(&date, "Help with our staff survey")).unwrap();
    cli(dir.path())
        .args(["import", "submission"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported").and(predicate::str::contains("for Learning with Pride: needs and strengths saved; 1 agenda proposal added; registration recorded")));

    // A different second file asks first, and changes nothing until --replace.
    std::fs::write(&file, submission(&date, "A senior sponsor")).unwrap();
    cli(dir.path())
        .args(["import", "submission"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("need 1: Help with our staff survey -> A senior sponsor").and(predicate::str::contains("Add --replace")));
    cli(dir.path()).args(["import", "submission", "--replace"]).arg(&file).assert().success().stdout(predicate::str::contains("replaced"));

    // A form export brings three more networks.
    cli(dir.path())
        .args(["import", "submissions", "--meeting", &m.to_string()])
        .arg(fixture("needs-form.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("3 networks' needs and strengths"));

    let out = cli(dir.path()).args(["forward-look", "--json", "--meeting", &m.to_string()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let look: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(look["submissions"].as_array().unwrap().len(), 4);
    assert_eq!(look["chase"].as_array().unwrap().len(), 8);
    let stonewall = look["matches"].as_array().unwrap().iter().find(|m| m["need"]["text"].as_str().unwrap().contains("Stonewall")).unwrap();
    assert_eq!(stonewall["helpers"][0]["strength"]["networkName"], "Kaleidoscope");

    let csv = dir.path().join("forward-look.csv");
    cli(dir.path())
        .args(["forward-look", "--meeting", &m.to_string(), "--csv"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("NEED  Proud at Home (Home Office): Help writing our Stonewall").and(predicate::str::contains("To chase:")));
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("Need,Need rank,Network in need"));
}

#[test]
fn a_bad_submission_file_is_refused_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let m = upcoming_meeting(dir.path());
    let date = upcoming_date(dir.path(), m);
    let mut v: serde_json::Value = serde_json::from_str(&submission(&date, "x")).unwrap();
    v["needs"] = serde_json::json!([{ "text": "a" }, { "text": "b" }, { "text": "c" }, { "text": "d" }]);
    let file = dir.path().join("four.json");
    std::fs::write(&file, v.to_string()).unwrap();
    cli(dir.path())
        .args(["import", "submission"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("four.json, field \u{201c}needs\u{201d}: A network sends at most 3 needs (this has 4)"));
    let out = cli(dir.path()).args(["forward-look", "--json", "--meeting", &m.to_string()]).output().unwrap();
    let look: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(look["submissions"].as_array().unwrap().len(), 0);
}

/// Every published format, with every optional section but names, holds no one's name
/// or address; names appear only when asked.
#[test]
fn published_exports_hold_no_personal_data_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let m = upcoming_meeting(dir.path());
    let out = cli(dir.path()).args(["meetings", "list", "--json"]).output().unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let past = list.iter().find(|s| s["upcoming"] == false).unwrap()["meeting"]["id"].as_i64().unwrap();
    let personal = ["Robin Ashby", "robin.ashby@example.org", "Nia Okafor", "nia.okafor@example.org", "Alex Moreno", "they/them"];
    let text_of = |path: &Path| -> String {
        if path.extension().is_some_and(|e| e == "pdf") {
            let out = std::process::Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext (poppler-utils) is installed by scripts/setup.sh");
            String::from_utf8_lossy(&out.stdout).into_owned()
        } else {
            std::fs::read_to_string(path).unwrap()
        }
    };
    let mut files = Vec::new();
    for (meeting, format, ext) in [(past, "pdf", "pdf"), (past, "markdown", "md")] {
        let path = dir.path().join(format!("readout.{ext}"));
        cli(dir.path())
            .args(["export", "readout", "--meeting", &meeting.to_string(), "--format", format, "--sections", "actions,agenda,attendance,forward-look", "--out"])
            .arg(&path)
            .assert()
            .success();
        files.push(path);
    }
    for (format, ext) in [("pdf", "pdf"), ("markdown", "md"), ("ics", "ics")] {
        let path = dir.path().join(format!("agenda.{ext}"));
        cli(dir.path()).args(["export", "agenda", "--meeting", &m.to_string(), "--format", format, "--out"]).arg(&path).assert().success();
        files.push(path);
    }
    let events = dir.path().join("_events");
    std::fs::create_dir_all(&events).unwrap();
    cli(dir.path()).args(["export", "event", "--meeting", &m.to_string(), "--out"]).arg(&events).assert().success();
    files.extend(std::fs::read_dir(&events).unwrap().map(|e| e.unwrap().path()));
    assert_eq!(files.len(), 6);
    for f in &files {
        let text = text_of(f);
        assert!(text.len() > 100, "{} is empty", f.display());
        for p in personal {
            assert!(!text.contains(p), "{} names {p}", f.display());
        }
    }
    assert!(text_of(&files[0]).contains("9 networks were represented"), "the readout has its attendance section");

    let named = dir.path().join("named.pdf");
    cli(dir.path())
        .args(["export", "readout", "--include-names", "--meeting", &past.to_string(), "--format", "pdf", "--sections", "attendance", "--out"])
        .arg(&named)
        .assert()
        .success();
    assert!(text_of(&named).contains("Robin Ashby"), "names when asked");
}

/// Issue 18: the command line loads nothing of the desktop (GTK, WebKit), so a subcommand
/// starts like any small program; with no subcommand it becomes the window's binary.
#[test]
fn the_command_line_links_nothing_of_the_desktop() {
    let libraries = common::run_tool("ldd", &[std::ffi::OsStr::new(env!("CARGO_BIN_EXE_forum-desk"))], None);
    for desktop in ["gtk", "webkit", "gdk", "soup", "javascriptcore"] {
        assert!(!libraries.contains(desktop), "forum-desk links {desktop}:\n{libraries}");
    }
    let window = common::run_tool("ldd", &[std::ffi::OsStr::new(env!("CARGO_BIN_EXE_forum-desk-window"))], None);
    assert!(window.contains("webkit"), "the window's binary is the one with WebKit:\n{window}");
    let version = Command::cargo_bin("forum-desk").unwrap().arg("--version").output().unwrap();
    assert_eq!(String::from_utf8_lossy(&version.stdout), format!("forum-desk {}\n", env!("CARGO_PKG_VERSION")));
}

/// With no subcommand and no window binary beside it, `forum-desk` says what is wrong.
#[test]
fn a_missing_window_binary_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let lone = dir.path().join("forum-desk");
    std::fs::copy(env!("CARGO_BIN_EXE_forum-desk"), &lone).unwrap();
    let out = std::process::Command::new(&lone).arg("--data-dir").arg(dir.path().join("data")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot open the window") && err.contains("forum-desk-window"), "{err}");
    assert!(!dir.path().join("data").exists(), "nothing was created");
}

#[test]
fn teams_attendance_onto_the_check_in_list_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let m = upcoming_meeting(dir.path()).to_string();
    let report = fixture("teams-attendance-sections.txt");
    let before = attendance_json(dir.path(), m.parse().unwrap());

    // The sample's next meeting is not on the report's day: refused, with the way on.
    cli(dir.path())
        .args(["import", "teams-attendance", "--meeting", &m])
        .arg(&report)
        .assert()
        .failure()
        .stderr(predicate::str::contains("Teams attendance report \u{201c}Leaders of Networks Forum\u{201d}, for 2025-01-20."))
        .stderr(predicate::str::contains("this report is for Monday 20 January 2025, but the meeting is on").and(predicate::str::contains("Add --any-date")));
    // A walk-in's network the register does not know stops it too.
    cli(dir.path())
        .args(["import", "teams-attendance", "--any-date", "--meeting", &m])
        .arg(&report)
        .assert()
        .failure()
        .stderr(predicate::str::contains("\u{201c}@wizardry.example.uk\u{201d} (row 18)").and(predicate::str::contains("--create-missing-networks")));
    assert_eq!(attendance_json(dir.path(), m.parse().unwrap()), before, "nothing was written");

    cli(dir.path())
        .args(["import", "teams-attendance", "--any-date", "--create-missing-networks", "--mark-absent", "--meeting", &m])
        .arg(&report)
        .assert()
        .success()
        .stderr(predicate::str::contains("Registered and joined (4):").and(predicate::str::contains("  Dev Marsh (by email), 1 h 24 min, Rainbow Lanes: not yet checked in -> dialled in")))
        .stderr(predicate::str::contains("  Jules Amara (organiser, chair), 1 h 32 min: registered, not yet checked in -> dialled in"))
        .stderr(predicate::str::contains("  Sam Okoro <sam.okoro@transport.example.uk>, 1 h 4 min; network: Open Road LGBT+ Network (Department for Transport)"))
        .stderr(predicate::str::contains("Phone lines, counted as dialled in without names (2): +44 20 **** 1234, 020****5678"))
        .stderr(predicate::str::contains("  Sasha Byrne: not yet checked in -> did not attend"))
        .stdout(predicate::str::contains(
            "Imported ",
        ).and(predicate::str::contains("5 checked in as dialled in, 8 times in the meeting recorded, 3 added to the list (2 new people), 1 networks added, 2 phone lines, 3 marked as did not attend.")));
    let after = attendance_json(dir.path(), m.parse().unwrap());
    let c = &after["counts"];
    assert_eq!((c["dialledIn"].as_i64(), c["phone"].as_i64(), c["absent"].as_i64(), c["registered"].as_i64()), (Some(10), Some(2), Some(3), Some(0)));
    let regs = after["registrations"].as_array().unwrap();
    let robin = regs.iter().find(|r| r["name"] == "Robin Ashby").unwrap();
    assert_eq!((robin["status"].as_str(), robin["minutesInMeeting"].as_i64(), robin["firstJoin"].as_str()), (Some("dialled_in"), Some(89), Some("2025-01-20T15:01:10")));
    let morgan = regs.iter().find(|r| r["name"] == "Morgan Hale").unwrap();
    assert_eq!((morgan["source"].as_str(), morgan["networkName"].as_str()), (Some("walk_in"), Some("Counted In")), "known to the list of people: their own network");

    // The list shows the time; the same report again changes nothing.
    cli(dir.path())
        .args(["attendance", "--meeting", &m])
        .assert()
        .success()
        .stdout(predicate::str::contains("dialled_in  1 h 29 min").and(predicate::str::contains("10 dialled in (2 by phone, without names)")));
    cli(dir.path())
        .args(["import", "teams-attendance", "--any-date", "--mark-absent", "--meeting", &m])
        .arg(&report)
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing to change: ").and(predicate::str::contains("is already on the check-in list.")));
    assert_eq!(attendance_json(dir.path(), m.parse().unwrap()), after);

    // Not a Teams report: named as such.
    cli(dir.path())
        .args(["import", "teams-attendance", "--meeting", &m])
        .arg(fixture("registrations-google.csv"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("registrations-google.csv is not a valid Teams attendance report file: expected a \u{201c}2. Participants\u{201d} table"));
}

#[test]
fn search_finds_notes_networks_and_people_as_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).arg("demo").assert().success();
    // Text: the group, the item and its meeting, the words found in brackets.
    cli(dir.path())
        .args(["search", "volunteer"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Agenda items and notes (1)"))
        .stdout(predicate::str::contains("  Update from the cross-government network  |  Leaders of Networks Forum"))
        .stdout(predicate::str::contains("Notes: ").and(predicate::str::contains("[Volunteers] are wanted")));
    // JSON, one kind.
    let out = cli(dir.path()).args(["search", "Kaleid", "--kind", "network", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["groups"].as_array().unwrap().len(), 1);
    assert_eq!(r["groups"][0]["hits"][0]["title"], "Kaleidoscope");
    assert_eq!(r["groups"][0]["hits"][0]["target"]["to"], "network");
    // Hostile text is only words; nothing to search for is said plainly.
    cli(dir.path()).args(["search", "NEAR(\" OR * AND"]).assert().success();
    cli(dir.path()).args(["search", "*"]).assert().success().stdout(predicate::str::contains("Type a word to search for."));
    cli(dir.path()).args(["search", "zebra crossing"]).assert().success().stdout(predicate::str::contains("Nothing found."));
    // Bad filters fail on stderr.
    cli(dir.path()).args(["search", "x", "--kind", "gossip"]).assert().failure().stderr(predicate::str::contains("not a kind of record"));
    cli(dir.path()).args(["search", "x", "--from", "2024-02-30"]).assert().failure().stderr(predicate::str::contains("Enter a real date"));
    let year = cli(dir.path()).args(["search", "volunteer", "--year", "1999", "--json"]).output().unwrap();
    let r: serde_json::Value = serde_json::from_slice(&year.stdout).unwrap();
    assert_eq!(r["total"], 0);
}

#[test]
fn people_list_show_and_erase_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path()).arg("demo").assert().success();
    cli(dir.path()).args(["people", "list"]).assert().success().stdout(predicate::str::contains("Nia Okafor  |  she/her  |  nia.okafor@example.org  |  Proud at Home").and(predicate::str::contains("12 people")));
    let out = cli(dir.path()).args(["people", "list", "--json"]).output().unwrap();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), 12);
    let nia = list.iter().find(|p| p["name"] == "Nia Okafor").unwrap()["id"].as_i64().unwrap().to_string();
    cli(dir.path()).args(["people", "show", &nia]).assert().success().stdout(predicate::str::contains("Registered for 2 meetings:"));
    let out = cli(dir.path()).args(["people", "show", &nia, "--json"]).output().unwrap();
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((record["person"]["pronouns"].clone(), record["registrations"].as_array().map(Vec::len)), (serde_json::json!("she/her"), Some(2)));
    // Erasing asks for --yes, then removes them from the list and from search.
    cli(dir.path()).args(["people", "erase", &nia]).assert().failure().stderr(predicate::str::contains("add --yes"));
    cli(dir.path()).args(["search", "Okafor", "--kind", "person"]).assert().success().stdout(predicate::str::contains("Nia Okafor"));
    cli(dir.path()).args(["people", "erase", &nia, "--yes"]).assert().success().stdout(predicate::str::contains("Erased person"));
    cli(dir.path()).args(["search", "Okafor"]).assert().success().stdout(predicate::str::contains("Nothing found."));
    cli(dir.path()).args(["search", "nia.okafor@example.org"]).assert().success().stdout(predicate::str::contains("Nothing found."));
    cli(dir.path()).args(["people", "show", &nia]).assert().failure().stderr(predicate::str::contains("not found"));
    cli(dir.path()).args(["people", "list"]).assert().success().stdout(predicate::str::contains("11 people"));
}
