//! `forum-desk email ...`: the drafts written from the command line, read back by a second,
//! independent reader, Python's `email` package (the standard library's parser, with the
//! modern policy), as well as by mail-parser in the core tests.

mod common;

use std::path::Path;

use common::{cli, run_tool, sample_forum};
use predicates::prelude::*;

/// What Python's email package reads in an .eml file: headers, addresses, subject, the
/// text, the attachments (name, type and bytes as hex) and any defects it found.
const READ: &str = r#"
import email, json, sys
from email import policy
with open(sys.argv[1], 'rb') as f:
    m = email.message_from_binary_file(f, policy=policy.default)
def addrs(h):
    return [[a.display_name, a.addr_spec] for a in m[h].addresses] if m[h] is not None else []
defects = [type(d).__name__ for d in m.defects]
files = []
for part in m.walk():
    defects += [type(d).__name__ for d in part.defects]
    if part.get_content_disposition() == 'attachment':
        files.append([part.get_filename(), part.get_content_type(), part.get_payload(decode=True).hex()])
print(json.dumps({
    'headers': list(m.keys()),
    'to': addrs('to'), 'bcc': addrs('bcc'), 'cc': addrs('cc'), 'from': addrs('from'),
    'subject': str(m['subject']), 'unsent': m['x-unsent'],
    'text': m.get_body(('plain',)).get_content(),
    'files': files, 'defects': defects,
}))
"#;

fn python_reads(path: &Path) -> serde_json::Value {
    let out = run_tool("python3", &["-c".as_ref(), READ.as_ref(), path.as_os_str()], None);
    serde_json::from_str(&out).expect("the reader prints JSON")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn bcc_addresses(read: &serde_json::Value) -> Vec<String> {
    let mut list: Vec<String> = read["bcc"].as_array().unwrap().iter().map(|a| a[1].as_str().unwrap().to_string()).collect();
    list.sort();
    list
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

#[test]
fn the_agenda_email_is_read_by_python_with_the_exported_pdf_and_invitation_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let (_, next) = sample_forum(data);
    let id = next.to_string();
    // Without the forum's mailbox nothing is written, and the message says how to set it.
    let eml = dir.path().join("agenda.eml");
    cli(data)
        .args(["email", "agenda", "--meeting", &id, "--out"])
        .arg(&eml)
        .assert()
        .failure()
        .stderr(predicate::str::contains("Set the forum's mailbox first").and(predicate::str::contains("forum-desk email mailbox ADDRESS")));
    assert!(!eml.exists());
    cli(data).args(["email", "mailbox", "forum@example.org"]).assert().success();
    cli(data).args(["email", "mailbox"]).assert().success().stdout("forum@example.org\n");

    let preview = cli(data).args(["email", "agenda", "--meeting", &id, "--preview"]).output().unwrap();
    let preview = String::from_utf8(preview.stdout).unwrap();
    let subject = preview.lines().find_map(|l| l.strip_prefix("Subject: ")).expect("the preview shows the subject").to_string();
    assert!(subject.len() > 70, "long enough to be folded: {subject}");

    // The PDF and the invitation say when they were made (to the second): the email and
    // the exports are compared when all three were written in the same second.
    for _ in 0..10 {
        let second = now();
        cli(data).args(["export", "agenda", "--meeting", &id, "--format", "pdf", "--out"]).arg(dir.path().join("agenda.pdf")).assert().success();
        cli(data).args(["export", "agenda", "--meeting", &id, "--format", "ics", "--out"]).arg(dir.path().join("agenda.ics")).assert().success();
        cli(data)
            .args(["email", "agenda", "--meeting", &id, "--out"])
            .arg(&eml)
            .assert()
            .success()
            .stdout(predicate::str::contains("8 in Bcc."));
        if now() != second {
            continue;
        }
        let read = python_reads(&eml);
        assert_eq!(read["defects"], serde_json::json!([]), "{read}");
        assert_eq!(read["unsent"], "1");
        assert_eq!(read["to"], serde_json::json!([["Leaders of Networks Forum", "forum@example.org"]]));
        assert_eq!((read["cc"].as_array().unwrap().len(), read["from"].as_array().unwrap().len()), (0, 0));
        assert_eq!(bcc_addresses(&read).len(), 8);
        assert!(bcc_addresses(&read).contains(&"nia.okafor@example.org".to_string()));
        assert_eq!(read["subject"].as_str(), Some(subject.as_str()), "the subject unfolds to itself, no white space added");
        assert!(read["text"].as_str().unwrap().contains("Join online: https://meet.example.org/leaders-forum"), "{read}");
        let files = read["files"].as_array().unwrap();
        assert_eq!(files.len(), 2);
        assert_eq!((files[0][1].as_str(), files[1][1].as_str()), (Some("application/pdf"), Some("text/calendar")));
        assert!(files[0][2] == hex(&std::fs::read(dir.path().join("agenda.pdf")).unwrap()), "the PDF, byte for byte");
        assert!(files[1][2] == hex(&std::fs::read(dir.path().join("agenda.ics")).unwrap()), "the invitation, byte for byte");
        return;
    }
    panic!("ten tries all crossed a second");
}

#[test]
fn preview_then_edit_the_readout_to_every_network_and_the_reminders_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let (past, _) = sample_forum(data);
    cli(data).args(["email", "mailbox", "forum@example.org"]).assert().success();
    let id = past.to_string();
    cli(data)
        .args(["email", "readout", "--meeting", &id, "--all-networks", "--preview"])
        .assert()
        .success()
        .stdout(predicate::str::contains("To: Leaders of Networks Forum <forum@example.org>"))
        .stdout(predicate::str::contains("Bcc (23):"))
        .stdout(predicate::str::contains("Bridges LGBT+ Staff Network (Prison and Probation Service): no mailbox recorded"))
        .stdout(predicate::str::contains("Attached: 2026-"));
    assert_eq!(std::fs::read_dir(data).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "eml")).count(), 0, "a preview writes nothing");

    let body = dir.path().join("body.txt");
    std::fs::write(&body, "Dear leads,\n\nThe readout is attached. Zoë's café 🏳️‍🌈 \"quotes\".\n").unwrap();
    let eml = dir.path().join("readout.eml");
    cli(data)
        .args(["email", "readout", "--meeting", &id, "--all-networks", "--subject", "Readout: our forum\r\nBcc: evil@attacker.example", "--body-file"])
        .arg(&body)
        .arg("--out")
        .arg(&eml)
        .assert()
        .success();
    let read = python_reads(&eml);
    assert_eq!(read["defects"], serde_json::json!([]), "{read}");
    assert_eq!(read["subject"], "Readout: our forum Bcc: evil@attacker.example");
    assert_eq!(bcc_addresses(&read).len(), 23);
    assert!(!bcc_addresses(&read).iter().any(|a| a.contains("attacker")));
    assert_eq!(read["headers"], serde_json::json!(["X-Unsent", "To", "Subject", "Bcc", "Message-ID", "Date", "MIME-Version", "Content-Type"]));
    assert_eq!(read["text"].as_str().unwrap().replace("\r\n", "\n").trim_end(), "Dear leads,\n\nThe readout is attached. Zoë's café 🏳️‍🌈 \"quotes\".");
    assert!(read["files"][0][0].as_str().unwrap().ends_with("-leaders-of-networks-forum-readout.pdf"));

    // Reminders: one file per owner with open actions, into a folder.
    let folder = dir.path().join("reminders");
    cli(data).args(["email", "reminders", "--out"]).arg(&folder).assert().success().stdout(predicate::str::contains("reminder-proud-at-home.eml: 2 in Bcc."));
    let mut names: Vec<String> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["reminder-forum-team.eml", "reminder-proud-at-home.eml"]);
    let read = python_reads(&folder.join("reminder-proud-at-home.eml"));
    assert_eq!(read["defects"], serde_json::json!([]), "{read}");
    assert_eq!(bcc_addresses(&read), ["nia.okafor@example.org", "proud@home.example.uk"]);
    assert!(read["text"].as_str().unwrap().contains("- Draft one shared question-and-answer sheet on policy change"), "{read}");
}
