//! The submission file a network lead sends the chair: a versioned JSON document (see
//! docs/submission-format.md). Written in lead mode from the lead's own draft, which is
//! all a lead's copy holds; read by the chair's import, which checks it with the same
//! rules as the database and writes all of it or nothing.

use std::path::Path;

use rusqlite::TransactionBehavior;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::import::{display_name, ImportError};
use crate::model::{
    text, AttendanceStatus, Meeting, ProposalInput, ProposalSource, RegistrationSource, Role, StatementInput, SubmissionInput, SubmissionSource,
    ValidPerson, ValidSubmission,
};
use crate::needs::{self, StatementChange};
use crate::store::registrations::{self as regs, NewRegistration};
use crate::store::{self, StoreError};
use crate::{files, people, settings, Result, Store};

pub const FORMAT: &str = "forum-desk-submission";
pub const VERSION: u32 = 1;
/// No honest submission comes near this; a bigger file is the wrong file.
const MAX_BYTES: u64 = 1_000_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct SubmissionFile {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub created_at: Option<String>,
    pub meeting: FileMeeting,
    pub network: FileNetwork,
    #[serde(default)]
    pub lead: Option<FileLead>,
    #[serde(default)]
    pub needs: Vec<StatementInput>,
    #[serde(default)]
    pub strengths: Vec<StatementInput>,
    #[serde(default)]
    pub proposals: Vec<FileProposal>,
    #[serde(default)]
    pub registration: Option<FileRegistration>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct FileMeeting {
    /// The forum's date, ISO: "2027-01-14".
    pub date: String,
    #[serde(default)]
    pub title: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct FileNetwork {
    pub name: String,
    pub department: String,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct FileLead {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub pronouns: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct FileProposal {
    pub title: String,
    pub minutes: u32,
    #[serde(default)]
    pub description: Option<String>,
}

/// The lead's answer to "will you come?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Attending {
    InPerson,
    DialledIn,
    Apologies,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct FileRegistration {
    pub attending: Attending,
}

/// A file that passed every rule that needs no database.
struct Checked {
    file: SubmissionFile,
    statements: ValidSubmission,
    lead: Option<ValidPerson>,
}

/// Checks a submission with the database's own rules (statements, proposals, the lead).
/// Fields are named as in the file: `needs.2.text`, `proposals.1.minutes`.
fn check(name: &str, file: SubmissionFile) -> Result<Checked, ImportError> {
    let field = |field: &str, message: &str| ImportError::Field { file: name.into(), field: field.into(), message: message.into() };
    chrono::NaiveDate::parse_from_str(&file.meeting.date, "%Y-%m-%d").map_err(|_| field("meeting.date", "write the forum's date as YYYY-MM-DD"))?;
    text::required("network.name", "Network name", &file.network.name, 200).map_err(|e| field(&e.field, &e.message))?;
    text::required("network.department", "Department", &file.network.department, 200).map_err(|e| field(&e.field, &e.message))?;
    let input = SubmissionInput { network_id: 0, submitted_by: file.lead.as_ref().map(|l| l.name.clone()), needs: file.needs.clone(), strengths: file.strengths.clone() };
    let statements = input.validate().map_err(|e| field(&e.field, &e.message))?;
    for (i, p) in file.proposals.iter().enumerate() {
        let input = ProposalInput { network_id: Some(0), title: p.title.clone(), minutes: p.minutes.to_string(), description: p.description.clone() };
        input.validate().map_err(|e| field(&format!("proposals.{}.{}", i + 1, e.field), &e.message))?;
    }
    let lead = match &file.lead {
        Some(l) => {
            let person = crate::model::PersonInput { name: l.name.clone(), pronouns: l.pronouns.clone(), email: l.email.clone(), network_id: None, role: Role::NominatedRepresentative };
            Some(person.validate().map_err(|e| field(&format!("lead.{}", e.field), &e.message))?)
        }
        None if file.registration.is_some() => return Err(field("lead", "a registration needs the lead's name")),
        None => None,
    };
    Ok(Checked { file, statements, lead })
}

/// Reads and checks a submission file without touching the database.
pub fn read(path: &Path) -> Result<SubmissionFile, ImportError> {
    read_checked(path).map(|c| c.file)
}

fn read_checked(path: &Path) -> Result<Checked, ImportError> {
    let name = display_name(path);
    let size = std::fs::metadata(path).map_err(|e| ImportError::Unreadable { file: name.clone(), message: e.to_string() })?.len();
    if size > MAX_BYTES {
        return Err(ImportError::Syntax { file: name, format: "submission", message: format!("it is {size} bytes; a submission is a few kilobytes") });
    }
    parse(&name, &crate::import::read_text(path)?)
}

/// Parses and checks a submission from its text, without touching the database; `name`
/// is the file name shown in messages.
pub fn parse_text(name: &str, text: &str) -> Result<SubmissionFile, ImportError> {
    parse(name, text).map(|c| c.file)
}

fn parse(name: &str, text: &str) -> Result<Checked, ImportError> {
    let syntax = |message: String| ImportError::Syntax { file: name.into(), format: "Forum Desk submission", message };
    // Format and version first, so a newer file says so rather than failing on a field
    // this version does not know.
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| syntax(format!("{e} (is the file complete?)")))?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => return Err(syntax(format!("its format is \u{201c}{other}\u{201d}, not \u{201c}{FORMAT}\u{201d}"))),
        None => return Err(syntax(format!("it has no \"format\": \"{FORMAT}\""))),
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) if v > u64::from(VERSION) => {
            return Err(syntax(format!("it was written by a newer Forum Desk (version {v}; this one reads version {VERSION}). Update Forum Desk to import it")))
        }
        _ => return Err(syntax(format!("its version must be {VERSION}"))),
    }
    let file: SubmissionFile = serde_json::from_value(value).map_err(|e| syntax(e.to_string()))?;
    check(name, file)
}

/// What importing a file did, or what it would change and needs confirming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum FileImport {
    /// The network already has a different submission for this cycle: these are the
    /// changes; import again with `replace` to take them.
    NeedsConfirmation {
        network: String,
        #[ts(type = "number")]
        #[serde(rename = "meetingId")]
        meeting_id: i64,
        changes: Vec<StatementChange>,
    },
    Imported {
        network: String,
        #[ts(type = "number")]
        #[serde(rename = "meetingId")]
        meeting_id: i64,
        replaced: bool,
        unchanged: bool,
        #[serde(rename = "proposalsAdded")]
        proposals_added: u32,
        registered: bool,
    },
}

/// Imports a lead's file into its meeting (the one on the file's date, or `meeting_id`,
/// which must be on that date). A different earlier submission is only replaced when
/// `replace` is set; otherwise the changes come back to be confirmed.
pub fn import(store: &mut Store, path: &Path, meeting_id: Option<i64>, replace: bool) -> Result<FileImport> {
    let checked = read_checked(path)?;
    import_checked(store, &display_name(path), checked, meeting_id, replace)
}

fn import_checked(store: &mut Store, name: &str, checked: Checked, meeting_id: Option<i64>, replace: bool) -> Result<FileImport> {
    let f = &checked.file;
    let unresolved = |message: String| ImportError::Unresolved { file: name.into(), message };
    let meeting = meeting_for(store, f, meeting_id).map_err(unresolved)?;
    let key = text::match_key(&[&f.network.department, &f.network.name]);
    let network = store::networks::find_by_key(store.conn(), &key)?.ok_or_else(|| {
        unresolved(format!(
            "the network \u{201c}{}\u{201d} ({}) is not in the register. Add it, or correct the name in the register to match, and import again",
            f.network.name, f.network.department
        ))
    })?;
    let statements = ValidSubmission { network_id: network.id, ..checked.statements };
    let current = store::submissions::current(store.conn(), meeting.id, network.id)?;
    let changes = current.as_ref().map(|c| needs::changes(c, &statements)).unwrap_or_default();
    if current.is_some() && !changes.is_empty() && !replace {
        return Ok(FileImport::NeedsConfirmation { network: network.name, meeting_id: meeting.id, changes });
    }
    let tx = store.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
    let unchanged = current.is_some() && changes.is_empty();
    if !unchanged {
        needs::save_in(&tx, meeting.id, &statements, SubmissionSource::File, f.created_at.as_deref())?;
    }
    crate::forum::meetings::ensure_editable(&tx, meeting.id)?;
    let mut proposals_added = 0;
    let known: Vec<String> = store::proposals::for_meeting(&tx, meeting.id)?.iter().filter(|p| p.network_id == network.id).map(|p| text::match_key(&[&p.title])).collect();
    for p in &f.proposals {
        if known.contains(&text::match_key(&[&p.title])) {
            continue;
        }
        let input = ProposalInput { network_id: Some(network.id), title: p.title.clone(), minutes: p.minutes.to_string(), description: p.description.clone() };
        store::proposals::insert(&tx, meeting.id, &input.validate()?, ProposalSource::Submission)?;
        proposals_added += 1;
    }
    let registered = match (&f.registration, checked.lead) {
        (Some(r), Some(mut lead)) => {
            lead.network_id = Some(network.id);
            let person_id = people::find_or_add(&tx, &lead)?;
            let status = if r.attending == Attending::Apologies { AttendanceStatus::Apologies } else { AttendanceStatus::Registered };
            match regs::find(&tx, meeting.id, person_id)? {
                Some(id) => regs::refresh(&tx, id, Some(network.id), f.created_at.as_deref())?,
                None => {
                    let new = NewRegistration { meeting_id: meeting.id, person_id, network_id: Some(network.id), status, source: RegistrationSource::Submission, registered_at: f.created_at.as_deref() };
                    regs::insert(&tx, &new)?;
                }
            }
            true
        }
        _ => false,
    };
    tx.commit()?;
    Ok(FileImport::Imported { network: network.name, meeting_id: meeting.id, replaced: current.is_some() && !unchanged, unchanged, proposals_added, registered })
}

fn meeting_for(store: &Store, f: &SubmissionFile, meeting_id: Option<i64>) -> Result<Meeting, String> {
    let conn = store.conn();
    if let Some(id) = meeting_id {
        let m = store::meetings::get(conn, id).map_err(|e| e.to_string())?;
        if m.date != f.meeting.date {
            return Err(format!("this submission is for the forum on {}, but this meeting is on {}. Import it into that meeting", f.meeting.date, m.date));
        }
        return Ok(m);
    }
    store::meetings::held_by(conn, &f.meeting.date)
        .map_err(|e| e.to_string())?
        .into_iter()
        .rev()
        .find(|m| m.date == f.meeting.date)
        .ok_or_else(|| format!("there is no meeting on {} in Forum Desk. Plan it first, or check the date in the file", f.meeting.date))
}

// ------------------------------------------------------------------------------------
// Lead mode: the lead's draft lives in their own copy's settings; exporting checks it with
// the same rules the chair's import will.
// ------------------------------------------------------------------------------------

const DRAFT_KEY: &str = "lead.draft";

/// An empty draft for a new lead.
pub fn blank() -> SubmissionFile {
    SubmissionFile {
        format: FORMAT.into(),
        version: VERSION,
        created_at: None,
        meeting: FileMeeting::default(),
        network: FileNetwork::default(),
        lead: None,
        needs: Vec::new(),
        strengths: Vec::new(),
        proposals: Vec::new(),
        registration: None,
    }
}

pub fn draft(store: &Store) -> Result<SubmissionFile> {
    Ok(settings::get(store, DRAFT_KEY)?.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_else(blank))
}

/// Keeps the lead's work between sessions (no checks: a draft may be half done).
pub fn save_draft(store: &mut Store, draft: &SubmissionFile) -> Result<()> {
    let json = serde_json::to_string(draft).map_err(|e| StoreError::Conflict { field: None, message: e.to_string() })?;
    settings::set(store, DRAFT_KEY, &json)
}

/// Writes the lead's submission file after checking it with the import's rules. Blank
/// statements at the end and blank proposals are left out.
pub fn export(store: &mut Store, draft: &SubmissionFile, path: &Path) -> Result<()> {
    let mut file = draft.clone();
    file.format = FORMAT.into();
    file.version = VERSION;
    file.created_at = Some(crate::store::now());
    // Empty rows at the end of the form are left out; one in the middle is an error, so
    // the message names the field the lead sees.
    while file.needs.last().is_some_and(|s| s.text.trim().is_empty()) {
        file.needs.pop();
    }
    while file.strengths.last().is_some_and(|s| s.text.trim().is_empty()) {
        file.strengths.pop();
    }
    file.proposals.retain(|p| !p.title.trim().is_empty() || p.description.as_deref().is_some_and(|d| !d.trim().is_empty()));
    let checked = check("submission", file).map_err(|e| match e {
        ImportError::Field { field, message, .. } => crate::Error::Validation(crate::model::ValidationError::new(&field, message)),
        other => other.into(),
    })?;
    save_draft(store, draft)?;
    let json = serde_json::to_string_pretty(&checked.file).map_err(|e| StoreError::Conflict { field: None, message: e.to_string() })?;
    files::write_atomic(path, json.as_bytes()).map_err(|e| StoreError::io(path, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeetingInput, NetworkInput};
    use crate::{people::attendance, forum::meetings, networks};

    struct Setup {
        store: Store,
        meeting: i64,
        dir: tempfile::TempDir,
    }

    fn setup() -> Setup {
        let mut store = Store::open_in_memory().unwrap();
        let input = NetworkInput { name: "Learning with Pride".into(), department: "Department for Education".into(), kind: "ministerial department".into(), ..Default::default() };
        networks::create(&mut store, &input).unwrap();
        let meeting = meetings::create(&mut store, &MeetingInput { date: "2027-01-14".into(), start_time: "15:00".into(), end_time: "16:00".into(), ..Default::default() }, None).unwrap().id;
        Setup { store, meeting, dir: tempfile::tempdir().unwrap() }
    }

    fn good() -> serde_json::Value {
        serde_json::json!({
            "format": "forum-desk-submission",
            "version": 1,
            "meeting": { "date": "2027-01-14" },
            "network": { "name": "learning with pride", "department": "Department for Education" },
            "lead": { "name": "Sasha Byrne", "email": "sasha@education.example.uk", "pronouns": "she/her" },
            "needs": [{ "text": "Help with our Stonewall index submission" }, { "text": "Volunteers for events outside London", "detail": "We have staff in six cities" }],
            "strengths": [{ "text": "<script>alert(1)</script> we run a great Pride stall", "theme": "Pride events" }],
            "proposals": [{ "title": "Mentoring for new chairs", "minutes": 15 }],
            "registration": { "attending": "dialled_in" }
        })
    }

    impl Setup {
        fn write(&self, name: &str, text: &str) -> std::path::PathBuf {
            let p = self.dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        }

        fn counts(&self) -> (i64, i64, i64, i64) {
            let c = |t: &str| self.store.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap();
            (c("submission"), c("statement"), c("proposal"), c("registration"))
        }
    }

    #[test]
    fn a_good_file_brings_statements_proposals_and_the_registration() {
        let mut s = setup();
        let path = s.write("lwp.json", &good().to_string());
        let r = import(&mut s.store, &path, None, false).unwrap();
        assert!(matches!(r, FileImport::Imported { replaced: false, unchanged: false, proposals_added: 1, registered: true, .. }), "{r:?}");
        assert_eq!(s.counts(), (1, 3, 1, 1));
        let sub = &crate::needs::for_meeting(&s.store, s.meeting).unwrap()[0];
        assert_eq!(sub.strengths[0].text, "<script>alert(1)</script> we run a great Pride stall", "hostile text is data");
        assert_eq!(sub.needs[1].detail.as_deref(), Some("We have staff in six cities"));
        assert_eq!(sub.submitted_by.as_deref(), Some("Sasha Byrne"));
        let reg = &attendance::for_meeting(&s.store, s.meeting).unwrap()[0];
        assert_eq!((reg.name.as_str(), reg.network_name.as_deref()), ("Sasha Byrne", Some("Learning with Pride")));

        // The same file again changes nothing and doubles nothing.
        let again = import(&mut s.store, &path, None, false).unwrap();
        assert!(matches!(again, FileImport::Imported { unchanged: true, proposals_added: 0, .. }), "{again:?}");
        assert_eq!(s.counts(), (1, 3, 1, 1));
    }

    #[test]
    fn a_different_second_file_asks_first_then_replaces_keeping_history() {
        let mut s = setup();
        let first = s.write("a.json", &good().to_string());
        import(&mut s.store, &first, None, false).unwrap();
        let mut v = good();
        v["needs"][0]["text"] = "A senior sponsor".into();
        let path = s.write("b.json", &v.to_string());
        let r = import(&mut s.store, &path, Some(s.meeting), false).unwrap();
        let FileImport::NeedsConfirmation { changes, .. } = r else { panic!("{r:?}") };
        assert_eq!(changes, vec![StatementChange { kind: crate::model::StatementKind::Need, rank: 1, before: Some("Help with our Stonewall index submission".into()), after: Some("A senior sponsor".into()) }]);
        assert_eq!(s.counts(), (1, 3, 1, 1), "nothing written before the chair confirms");
        let r = import(&mut s.store, &path, Some(s.meeting), true).unwrap();
        assert!(matches!(r, FileImport::Imported { replaced: true, .. }), "{r:?}");
        assert_eq!(s.counts(), (2, 6, 1, 1), "the earlier submission stays as history");
    }

    #[test]
    fn bad_files_are_refused_by_name_and_change_nothing() {
        let cases: Vec<(&str, String, &str)> = vec![
            ("fourth.json", { let mut v = good(); v["needs"] = serde_json::json!([{"text":"a"},{"text":"b"},{"text":"c"},{"text":"d"}]); v.to_string() }, "fourth.json, field \u{201c}needs\u{201d}: A network sends at most 3 needs (this has 4)"),
            ("empty.json", { let mut v = good(); v["strengths"][0]["text"] = "  ".into(); v.to_string() }, "empty.json, field \u{201c}strengths.1.text\u{201d}: Enter the strength 1"),
            ("unknown.json", { let mut v = good(); v["network"]["name"] = "Wand Club".into(); v.to_string() }, "the network \u{201c}Wand Club\u{201d} (Department for Education) is not in the register"),
            ("other.json", { let mut v = good(); v["format"] = "forum-desk-backup".into(); v.to_string() }, "its format is \u{201c}forum-desk-backup\u{201d}"),
            ("newer.json", { let mut v = good(); v["version"] = 2.into(); v["colour"] = "pink".into(); v.to_string() }, "written by a newer Forum Desk (version 2"),
            ("truncated.json", good().to_string()[..120].to_string(), "is not a valid Forum Desk submission file: EOF while parsing"),
            ("extra.json", { let mut v = good(); v["needs"][0]["urgent"] = true.into(); v.to_string() }, "unknown field `urgent`"),
            ("date.json", { let mut v = good(); v["meeting"]["date"] = "14/01/2027".into(); v.to_string() }, "field \u{201c}meeting.date\u{201d}: write the forum's date as YYYY-MM-DD"),
            ("nomeeting.json", { let mut v = good(); v["meeting"]["date"] = "2027-02-01".into(); v.to_string() }, "there is no meeting on 2027-02-01"),
            ("minutes.json", { let mut v = good(); v["proposals"][0]["minutes"] = 0.into(); v.to_string() }, "field \u{201c}proposals.1.minutes\u{201d}"),
            ("array.json", "[1, 2, 3]".to_string(), "it has no \"format\""),
            ("binary.json", "\u{0}\u{1}PK".to_string(), "is not a valid Forum Desk submission file"),
        ];
        for (name, text, expected) in cases {
            let mut s = setup();
            let path = s.write(name, &text);
            let e = import(&mut s.store, &path, None, false).expect_err(name);
            assert!(e.to_string().contains(expected), "{name}: {e}");
            assert_eq!(s.counts(), (0, 0, 0, 0), "{name} wrote something");
        }
        let mut s = setup();
        let path = s.write("wrong-meeting.json", &good().to_string());
        let other = meetings::create(&mut s.store, &MeetingInput { date: "2027-04-08".into(), start_time: "15:00".into(), end_time: "16:00".into(), ..Default::default() }, None).unwrap().id;
        let e = import(&mut s.store, &path, Some(other), false).unwrap_err();
        assert!(e.to_string().contains("this submission is for the forum on 2027-01-14, but this meeting is on 2027-04-08"), "{e}");
        let huge = s.write("huge.json", &" ".repeat(1_000_001));
        assert!(import(&mut s.store, &huge, None, false).unwrap_err().to_string().contains("a submission is a few kilobytes"));
    }

    #[test]
    fn lead_mode_exports_what_the_chair_imports() {
        let mut lead = Store::open_in_memory().unwrap();
        let mut d = blank();
        d.meeting.date = "2027-01-14".into();
        d.network = FileNetwork { name: "Learning with Pride".into(), department: "Department for Education".into(), email: None };
        d.needs = vec![StatementInput { text: "Help with surveys".into(), ..Default::default() }, StatementInput::default()];
        d.strengths = vec![StatementInput { text: "Good at comms".into(), ..Default::default() }];
        save_draft(&mut lead, &d).unwrap();
        assert_eq!(draft(&lead).unwrap(), d, "the draft survives");
        let s = setup();
        let path = s.dir.path().join("out.json");
        export(&mut lead, &d, &path).unwrap();
        let written = read(&path).unwrap();
        assert_eq!((written.needs.len(), written.created_at.is_some()), (1, true), "the blank need is left out");
        let tables: i64 = lead.conn().query_row("SELECT count(*) FROM network", [], |r| r.get(0)).unwrap();
        assert_eq!(tables, 0, "a lead's copy holds no register");

        d.network.name = String::new();
        let e = export(&mut lead, &d, &path).unwrap_err();
        assert_eq!(e.field(), Some("network.name"));
    }
}
