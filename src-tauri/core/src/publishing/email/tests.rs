//! The written files read back with a real MIME parser (mail-parser), as a mail program
//! would read them.

use chrono::NaiveDate;
use mail_parser::{Message, MessageParser, MimeHeaders};

use super::*;
use crate::model::{ActionInput, AttendanceStatus, MeetingInput, NetworkInput, RegistrationInput, RegistrationSource, StatementInput, SubmissionInput, SubmissionSource};
use crate::{people, Store};

const FORUM: &str = "forum@example.org";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The sample forum on 22 November 2026: (store, past meeting, next meeting).
fn sample() -> (Store, i64, i64) {
    let mut s = Store::open_in_memory().unwrap();
    crate::demo::load_at(&mut s, d("2026-11-22")).unwrap();
    let list = forum::meetings::list(&s, d("2026-11-22")).unwrap();
    settings::set_forum_email(&mut s, FORUM).unwrap();
    (s, list[1].meeting.id, list[0].meeting.id)
}

fn request(kind: EmailKind, meeting: Option<i64>) -> EmailRequest {
    EmailRequest { kind, meeting_id: meeting, include_networks: false }
}

fn parse(bytes: &[u8]) -> Message<'_> {
    MessageParser::default().parse(bytes).expect("a MIME message")
}

fn addresses(a: Option<&mail_parser::Address>) -> Vec<(String, String)> {
    a.map(|a| a.iter().map(|x| (x.name().unwrap_or("").to_string(), x.address().unwrap_or("").to_string())).collect()).unwrap_or_default()
}

/// The header section as written (up to the first empty line).
fn raw_headers(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.split("\r\n\r\n").next().unwrap_or("").to_string()
}

/// What every file we write must be: 7-bit (everything else encoded), CR LF lines of at
/// most 998 characters (RFC 5322 2.1.1), a draft for Outlook, and only the forum's
/// mailbox in To.
fn assert_well_formed(bytes: &[u8]) {
    assert!(bytes.is_ascii(), "everything outside ASCII is encoded");
    let text = std::str::from_utf8(bytes).unwrap();
    for l in text.split("\r\n") {
        assert!(l.len() <= 998, "a line of {} characters", l.len());
        assert!(!l.contains('\n') && !l.contains('\r'), "a bare line end: {l:?}");
    }
    let m = parse(bytes);
    assert_eq!(m.header("X-Unsent").and_then(|v| v.as_text()), Some("1"));
    assert_eq!(addresses(m.to()), [(eml::FORUM_NAME.to_string(), FORUM.to_string())], "To holds the forum's mailbox alone");
    assert!(m.cc().is_none() && m.from().is_none());
    assert_eq!(raw_headers(bytes).lines().filter(|l| l.starts_with("Bcc:")).count(), usize::from(m.bcc().is_some()));
}

/// The Subject as RFC 5322 unfolds it (the CR LF of each fold taken out, nothing else),
/// when it is not in encoded words: a stricter reading than mail-parser's, which trims.
fn raw_subject(bytes: &[u8]) -> Option<String> {
    let headers = raw_headers(bytes);
    let start = headers.find("\r\nSubject: ").map(|i| i + 2).or_else(|| headers.starts_with("Subject: ").then_some(0))?;
    let rest = &headers[start + "Subject: ".len()..];
    let end = rest.find("\r\n").map(|mut e| {
        while rest[e + 2..].starts_with([' ', '\t']) {
            e = match rest[e + 2..].find("\r\n") {
                Some(n) => e + 2 + n,
                None => rest.len(),
            };
            if e == rest.len() {
                break;
            }
        }
        e
    });
    let value = rest[..end.unwrap_or(rest.len())].replace("\r\n", "");
    (!value.contains("=?")).then_some(value)
}

fn bcc(bytes: &[u8]) -> Vec<String> {
    let mut list: Vec<String> = addresses(parse(bytes).bcc()).into_iter().map(|(_, a)| a).collect();
    list.sort();
    list
}

/// Writes the agenda the way `export agenda` does and the agenda email, until both fall
/// in the same second (the PDF's dates and the invitation's DTSTAMP say when they were
/// made).
fn agenda_files_and_email(s: &Store, meeting: i64, dir: &Path) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    for _ in 0..5 {
        let start = chrono::Utc::now().timestamp();
        crate::publishing::export_agenda(s, meeting, Format::Pdf, &dir.join("agenda.pdf")).unwrap();
        crate::publishing::export_agenda(s, meeting, Format::Ics, &dir.join("agenda.ics")).unwrap();
        let written = write(s, &request(EmailKind::Agenda, Some(meeting)), &[], &dir.join("agenda.eml"), d("2026-11-22")).unwrap();
        if chrono::Utc::now().timestamp() == start {
            return (std::fs::read(dir.join("agenda.pdf")).unwrap(), std::fs::read(dir.join("agenda.ics")).unwrap(), std::fs::read(&written[0]).unwrap());
        }
    }
    panic!("five tries all crossed a second");
}

#[test]
fn the_agenda_goes_to_those_registered_in_bcc_with_the_pdf_and_invitation_byte_for_byte() {
    let (mut s, _, next) = sample();
    // One registered person erased, one registered without an address.
    let nia = people::list(&s).unwrap().into_iter().find(|p| p.name == "Nia Okafor").unwrap();
    people::erase(&mut s, nia.id).unwrap();
    let walk_in = RegistrationInput { name: "Sam No-Email".into(), email: None, pronouns: None, network_id: None, status: AttendanceStatus::Registered };
    people::attendance::register(&mut s, next, &walk_in, RegistrationSource::Entered).unwrap();

    let draft = &preview(&s, &request(EmailKind::Agenda, Some(next)), d("2026-11-22")).unwrap()[0];
    let mut emails: Vec<&str> = draft.recipients.iter().map(|r| r.email.as_str()).collect();
    emails.sort();
    assert_eq!(
        emails,
        ["alex.moreno@example.org", "dev.marsh@example.org", "ellis.grant@example.org", "jules.amara@example.org", "priya.lal@example.org", "robin.ashby@example.org", "sasha.byrne@example.org"]
    );
    let left: Vec<(&str, LeftOutReason)> = draft.left_out.iter().map(|l| (l.name.as_str(), l.reason)).collect();
    assert_eq!(left, [("Erased person", LeftOutReason::Erased), ("Sam No-Email", LeftOutReason::NoEmail)]);
    assert_eq!(draft.subject, "Agenda: Leaders of Networks Forum January 2027, Thursday 14 January 2027");
    assert!(draft.body.contains("Join online: https://meet.example.org/leaders-forum\nDial in: Dial 020 7946 0000, code 4471 9920"), "{}", draft.body);
    assert!(draft.body.contains("15:05 to 15:15  Actions from previous meetings (Forum chair)\n"), "{}", draft.body);
    assert!(draft.unknown_placeholders.is_empty());

    let dir = tempfile::tempdir().unwrap();
    let (pdf, ics, bytes) = agenda_files_and_email(&s, next, dir.path());
    assert_well_formed(&bytes);
    assert_eq!(bcc(&bytes), emails);
    let m = parse(&bytes);
    assert_eq!(m.subject(), Some(draft.subject.as_str()));
    assert!(draft.subject.len() > 70, "long enough to be folded");
    assert_eq!(raw_subject(&bytes).as_deref(), Some(draft.subject.as_str()), "folded without adding white space");
    let body = m.body_text(0).unwrap();
    assert_eq!(body.replace("\r\n", "\n").trim_end(), draft.body.trim_end());
    let files: Vec<(String, String, Vec<u8>)> = m
        .attachments()
        .map(|a| (a.attachment_name().unwrap_or("").to_string(), a.content_type().map(|c| format!("{}/{}", c.ctype(), c.subtype().unwrap_or(""))).unwrap_or_default(), a.contents().to_vec()))
        .collect();
    assert_eq!(files.len(), 2);
    assert_eq!((files[0].0.as_str(), files[0].1.as_str()), ("2027-01-14-agenda.pdf", "application/pdf"));
    assert_eq!((files[1].0.as_str(), files[1].1.as_str()), ("leaders-of-networks-forum.ics", "text/calendar"));
    assert!(files[0].2 == pdf, "the PDF is the one `export agenda` writes, byte for byte");
    assert_eq!(String::from_utf8_lossy(&files[1].2), String::from_utf8_lossy(&ics), "the invitation byte for byte");
}

#[test]
fn the_readout_carries_its_pdf_and_opening_paragraph_to_those_registered_and_if_chosen_every_network() {
    let (mut s, past, _) = sample();
    let options = ReadoutOptions { intro: "Thank you to the **nine** networks who came. See [the slides](https://example.org/slides).".into(), ..Default::default() };
    build::save_options(&mut s, past, &options).unwrap();
    let only_registered = readout(&s, past, false, d("2026-11-22")).unwrap();
    assert_eq!(only_registered.recipients.len(), 12, "everyone registered for the past meeting, whatever their attendance");
    assert!(only_registered.recipients.iter().all(|r| r.kind == RecipientKind::Registered));
    assert!(only_registered.body.contains("Thank you to the nine networks who came. See the slides (https://example.org/slides)."), "{}", only_registered.body);

    let mut request = request(EmailKind::Readout, Some(past));
    request.include_networks = true;
    let with_networks = &preview(&s, &request, d("2026-11-22")).unwrap()[0];
    assert_eq!(with_networks.recipients.len(), 12 + 11, "and every network's mailbox");
    assert_eq!(with_networks.left_out.iter().map(|l| (l.name.as_str(), l.reason)).collect::<Vec<_>>(), [("Bridges LGBT+ Staff Network (Prison and Probation Service)", LeftOutReason::NoMailbox)]);

    let dir = tempfile::tempdir().unwrap();
    for _ in 0..5 {
        let start = chrono::Utc::now().timestamp();
        let pdf = crate::publishing::export_readout(&s, past, Format::Pdf, &options, dir.path(), d("2026-11-22"), true).unwrap();
        let eml = write(&s, &request, &[], &dir.path().join("readout.eml"), d("2026-11-22")).unwrap();
        if chrono::Utc::now().timestamp() != start {
            continue;
        }
        let bytes = std::fs::read(&eml[0]).unwrap();
        assert_well_formed(&bytes);
        let m = parse(&bytes);
        assert_eq!(bcc(&bytes).len(), 23);
        let a = m.attachments().next().unwrap();
        assert_eq!(a.attachment_name(), Some("2026-10-08-leaders-of-networks-forum-readout.pdf"));
        assert!(a.contents() == std::fs::read(pdf).unwrap().as_slice(), "the readout PDF byte for byte");
        assert!(m.body_text(0).unwrap().contains("The readout of the Leaders of Networks Forum October 2026 on Thursday 8 October 2026 is attached."));
        return;
    }
    panic!("five tries all crossed a second");
}

#[test]
fn the_call_goes_to_every_active_network_and_its_people_with_the_deadline_and_lead_mode() {
    let (mut s, _, next) = sample();
    let gone = networks::create(&mut s, &NetworkInput { name: "Gone Network".into(), department: "Old Office".into(), kind: "other".into(), email: Some("gone@old.example.uk".into()), ..Default::default() }).unwrap();
    networks::set_active(&mut s, gone.id, false).unwrap();
    let draft = call(&s, next).unwrap();
    let emails: Vec<&str> = draft.recipients.iter().map(|r| r.email.as_str()).collect();
    assert!(!emails.contains(&"gone@old.example.uk"), "a deactivated network is not called");
    assert_eq!(draft.recipients.iter().filter(|r| r.kind == RecipientKind::Mailbox).count(), 11);
    assert_eq!(draft.recipients.iter().filter(|r| r.kind == RecipientKind::Lead).count(), 12, "the demo's twelve people, under their networks");
    assert!(draft.left_out.iter().any(|l| l.name.starts_with("Bridges LGBT+ Staff Network") && l.reason == LeftOutReason::NoAddress));
    assert_eq!(draft.subject, "Leaders of Networks Forum January 2027 on Thursday 14 January 2027: register, and send your needs, strengths and agenda items by Thursday 7 January 2027");
    for said in ["Please register by Thursday 7 January 2027: https://forms.example.org/leaders-forum.", "network lead mode", "email the file it saves to forum@example.org"] {
        assert!(draft.body.contains(said), "{said} in {}", draft.body);
    }
}

#[test]
fn the_chase_goes_to_the_networks_without_needs_and_strengths() {
    let (mut s, _, next) = sample();
    let all = networks::list(&s, &Default::default()).unwrap();
    let proud = all.iter().find(|n| n.name == "Proud at Home").unwrap();
    let st = |t: &str| StatementInput { text: t.into(), ..Default::default() };
    crate::needs::save(&mut s, next, &SubmissionInput { network_id: proud.id, needs: vec![st("Help with events")], strengths: vec![st("Policy answers")], ..Default::default() }, SubmissionSource::Entered).unwrap();
    let draft = chase(&s, next).unwrap();
    assert_eq!(draft.label, "The 11 networks that have not sent theirs");
    let emails: Vec<&str> = draft.recipients.iter().map(|r| r.email.as_str()).collect();
    assert!(!emails.contains(&"proud@home.example.uk") && !emails.contains(&"nia.okafor@example.org"), "Proud at Home has sent theirs");
    assert!(emails.contains(&"openroad@transport.example.uk") && emails.contains(&"robin.ashby@example.org"));
    assert!(draft.body.contains("by Thursday 7 January 2027"), "{}", draft.body);
}

#[test]
fn reminders_are_one_draft_per_owner_with_overdue_actions_first() {
    let (mut s, past, _) = sample();
    let today = d("2027-01-03");
    let proud = networks::list(&s, &Default::default()).unwrap().into_iter().find(|n| n.name == "Proud at Home").unwrap().id;
    let act = |s: &mut Store, what: &str, network: Option<i64>, text: Option<&str>, due: &str| {
        forum::actions::create(s, past, None, &ActionInput { description: what.into(), owner_network_id: network, owner_text: text.map(Into::into), due_date: Some(due.into()) }, today).unwrap();
    };
    act(&mut s, "Book the venue", Some(proud), None, "2027-03-01");
    act(&mut s, "Send the survey", Some(proud), Some("Nia"), "2026-12-20");
    act(&mut s, "Share the guidance", None, Some("priya lal"), "2026-12-01");

    let drafts = reminders(&s, today).unwrap();
    let labels: Vec<&str> = drafts.iter().map(|d| d.label.as_str()).collect();
    assert_eq!(labels, ["Forum team", "priya lal", "Proud at Home"], "the done action's owner has nothing to be reminded of");
    let team = &drafts[0];
    assert!(team.recipients.is_empty());
    assert_eq!(team.left_out[0].reason, LeftOutReason::NotInRecords);
    let priya = &drafts[1];
    assert_eq!(priya.recipients.iter().map(|r| (r.email.as_str(), r.kind)).collect::<Vec<_>>(), [("priya.lal@example.org", RecipientKind::Named)]);
    let home = &drafts[2];
    assert_eq!(home.recipients.iter().map(|r| r.email.as_str()).collect::<Vec<_>>(), ["proud@home.example.uk", "nia.okafor@example.org"]);
    let order: Vec<usize> = ["Send the survey", "Draft one shared question-and-answer sheet", "Book the venue"].iter().map(|t| home.body.find(t).unwrap()).collect();
    assert!(order[0] < order[1] && order[1] < order[2], "overdue first, by due date:\n{}", home.body);
    assert!(home.body.contains("- Send the survey\n  Due 20 December 2026 (overdue). With Nia. Agreed at the Leaders of Networks Forum October 2026 on 8 October 2026."), "{}", home.body);
    assert!(home.body.contains("Due 31 December 2026 (overdue). In progress."), "{}", home.body);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reminders");
    let written = write(&s, &request(EmailKind::Reminders, None), &[], &out, today).unwrap();
    let names: Vec<String> = written.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["reminder-forum-team.eml", "reminder-priya-lal.eml", "reminder-proud-at-home.eml"]);
    for p in &written {
        assert_well_formed(&std::fs::read(p).unwrap());
    }
    assert_eq!(bcc(&std::fs::read(&written[2]).unwrap()), ["nia.okafor@example.org", "proud@home.example.uk"]);
    assert!(bcc(&std::fs::read(&written[0]).unwrap()).is_empty(), "a draft for an owner with no address has the forum's mailbox alone");

    let file = dir.path().join("one.eml");
    std::fs::write(&file, "x").unwrap();
    assert_eq!(write(&s, &request(EmailKind::Reminders, None), &[], &file, today).unwrap_err().field(), Some("out"));
}

#[test]
fn hostile_text_cannot_add_a_header_or_a_recipient() {
    let (mut s, _, next) = sample();
    let m = forum::meetings::get(&s, next).unwrap();
    let title = "Forum\r\nBcc: evil@attacker.example\r\nX-Evil: yes\r\n\r\nbody?";
    let input = MeetingInput { title: title.into(), date: m.date.clone(), start_time: m.start_time.clone(), end_time: m.end_time.clone(), location: m.location.clone(), ..Default::default() };
    forum::meetings::update(&mut s, next, &input).unwrap();
    let name = "Zoë \"Z\" O'Brien 🏳️‍🌈,\r\nBcc: evil2@attacker.example";
    let hostile = RegistrationInput { name: name.into(), email: Some("zoe@example.org".into()), pronouns: None, network_id: None, status: AttendanceStatus::Registered };
    people::attendance::register(&mut s, next, &hostile, RegistrationSource::Entered).unwrap();

    let long = format!("Ünïcödé 📅 \"quoted\" {}\nCc: evil3@attacker.example", "very long subject ".repeat(18));
    let edit = DraftText { key: "agenda".into(), subject: long.clone(), body: "Line one\r\nBcc: evil4@attacker.example\n\n.\nLast line é".into() };
    let dir = tempfile::tempdir().unwrap();
    let req = request(EmailKind::Agenda, Some(next));
    let edited = std::fs::read(&write(&s, &req, &[edit], &dir.path().join("edited.eml"), d("2026-11-22")).unwrap()[0]).unwrap();
    let as_drafted = std::fs::read(&write(&s, &req, &[], &dir.path().join("drafted.eml"), d("2026-11-22")).unwrap()[0]).unwrap();
    for bytes in [&edited, &as_drafted] {
        assert_well_formed(bytes);
        // Every header line is one of ours or the continuation of one.
        let expected = ["X-Unsent", "To", "Subject", "Bcc", "Message-ID", "Date", "MIME-Version", "Content-Type"];
        for l in raw_headers(bytes).lines() {
            assert!(l.starts_with([' ', '\t']) || expected.iter().any(|h| l.starts_with(&format!("{h}: "))), "a header line of its own: {l}");
        }
        let m = parse(bytes);
        assert_eq!(m.headers().iter().map(|h| h.name().to_string()).collect::<Vec<_>>(), expected);
        let list = bcc(bytes);
        assert_eq!(list.len(), 9, "the eight registered and Zoë, nobody else: {list:?}");
        assert!(list.iter().all(|a| !a.contains("attacker")));
        let zoe = addresses(m.bcc()).into_iter().find(|(_, a)| a == "zoe@example.org").unwrap();
        assert_eq!(zoe.0, "Zoë \"Z\" O'Brien 🏳️‍🌈, Bcc: evil2@attacker.example", "the name is only a name, quotes, accent and emoji intact");
    }
    let m = parse(&edited);
    assert_eq!(m.subject(), Some(crate::model::text::one_line(&long).as_str()), "the subject arrives whole, on one line, accents, emoji and quotes intact");
    let body = m.body_text(0).unwrap();
    assert!(body.contains("Bcc: evil4@attacker.example") && body.contains("Last line é"), "text in the body stays text: {body}");
    let m = parse(&as_drafted);
    assert_eq!(m.subject(), Some("Agenda: Forum Bcc: evil@attacker.example X-Evil: yes body?, Thursday 14 January 2027"));
    // A subject longer than a mail program shows is refused, not cut.
    let e = write(&s, &req, &[DraftText { key: "agenda".into(), subject: "x".repeat(401), body: "b".into() }], &dir.path().join("long.eml"), d("2026-11-22")).unwrap_err();
    assert_eq!(e.field(), Some("agenda-subject"));
}

#[test]
fn without_the_forum_mailbox_the_preview_says_so_and_nothing_is_written() {
    let (mut s, _, next) = sample();
    settings::set_forum_email(&mut s, "").unwrap();
    let draft = &preview(&s, &request(EmailKind::Agenda, Some(next)), d("2026-11-22")).unwrap()[0];
    assert_eq!(draft.forum_email, None);
    let dir = tempfile::tempdir().unwrap();
    let e = write(&s, &request(EmailKind::Agenda, Some(next)), &[], &dir.path().join("a.eml"), d("2026-11-22")).unwrap_err();
    assert_eq!(e.field(), Some("forumEmail"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    assert_eq!(settings::set_forum_email(&mut s, "not an address").unwrap_err().field(), Some("forumEmail"));
    assert_eq!(preview(&s, &request(EmailKind::Agenda, None), d("2026-11-22")).unwrap_err().field(), Some("meeting"));
}

#[test]
fn the_chairs_edits_are_written_and_unknown_placeholders_reported() {
    let (mut s, _, next) = sample();
    // A template saved before a placeholder was renamed: kept in the text and reported.
    settings::set(&mut s, "email.call.subject", "Forum on {meeting_day}").unwrap();
    let draft = call(&s, next).unwrap();
    assert_eq!((draft.subject.as_str(), draft.unknown_placeholders.as_slice()), ("Forum on {meeting_day}", &["meeting_day".to_string()][..]));

    let dir = tempfile::tempdir().unwrap();
    let req = request(EmailKind::Call, Some(next));
    let e = write(&s, &req, &[DraftText { key: "call".into(), subject: " ".into(), body: "x".into() }], dir.path(), d("2026-11-22")).unwrap_err();
    assert_eq!(e.field(), Some("call-subject"));
    let e = write(&s, &req, &[DraftText { key: "network-1".into(), subject: "s".into(), body: "x".into() }], dir.path(), d("2026-11-22")).unwrap_err();
    assert_eq!(e.code(), "conflict");
    let written = write(&s, &req, &[DraftText { key: "call".into(), subject: "Our forum".into(), body: "Dear leads,\n\nPlease come.".into() }], dir.path(), d("2026-11-22")).unwrap();
    assert_eq!(written[0].file_name().unwrap(), "2027-01-14-call-for-needs-and-strengths.eml", "a folder gets the draft under its own name");
    let bytes = std::fs::read(&written[0]).unwrap();
    let m = parse(&bytes);
    assert_eq!(m.subject(), Some("Our forum"));
    assert_eq!(m.body_text(0).unwrap().replace("\r\n", "\n").trim_end(), "Dear leads,\n\nPlease come.");
}

#[test]
fn markdown_becomes_plain_text() {
    assert_eq!(plain_text("**Nine** networks came[^1].\n\n- one\n- [two](https://x.example)\n\n[^1]: Two online."), "Nine networks came1.\n\n- one\n- two (https://x.example)\n\n[1] Two online.");
}


#[test]
fn a_mailbox_smuggled_into_the_settings_never_reaches_a_header() {
    let (mut s, _, next) = sample();
    // As a restored or imported database could carry it, past set_forum_email's check.
    settings::set(&mut s, settings::FORUM_EMAIL_KEY, "a@b.example>\r\nBcc: x@evil.example").unwrap();
    assert_eq!(settings::forum_email(&s).unwrap(), None);
    let dir = tempfile::tempdir().unwrap();
    let e = write(&s, &request(EmailKind::Agenda, Some(next)), &[], &dir.path().join("a.eml"), d("2026-11-22")).unwrap_err();
    assert_eq!(e.field(), Some("forumEmail"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn the_call_asks_for_registration_by_the_meetings_own_mailbox() {
    let (mut s, _, next) = sample();
    let m = forum::agenda::get(&s, next).unwrap().meeting;
    let input = MeetingInput {
        title: m.title.clone(),
        date: m.date.clone(),
        start_time: m.start_time.clone(),
        end_time: m.end_time.clone(),
        location: m.location.clone(),
        registration_email: Some("register@forum.example.org".into()),
        ..Default::default()
    };
    forum::meetings::update(&mut s, next, &input).unwrap();
    let draft = call(&s, next).unwrap();
    assert!(draft.body.contains("register@forum.example.org"), "{}", draft.body);
    assert!(!draft.body.contains("forms.example.org"), "{}", draft.body);
}
