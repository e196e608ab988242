//! Filling a meeting's check-in list from its Teams attendance report, in two steps like
//! every import: `preview` reads the report and says what it would do (who it matched to
//! the list and how, who joined without registering and which network they may be from,
//! the organiser and the forum team, the phone lines, who registered and did not join);
//! `import` does it in one transaction. Both read the file afresh.
//!
//! Someone who joined on Teams is `dialled_in` (the app's "joined remotely"), with their
//! time in the meeting; someone already marked in the room stays so (a hybrid meeting's
//! room joins the call too). Importing the same report again changes nothing.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::forum::meetings::ensure_editable;
use crate::import::form_import::{create_networks, question, questions_in_order, settle, NetworkQuestion, NetworkResolution};
use crate::import::teams::{self, Participant, ReportShape, TeamsReport};
use crate::import::ImportError;
use crate::matching::networks::Matcher;
use crate::model::{text, AttendanceStatus, Meeting, NetworkFilter, Registration, RegistrationSource, Role, ValidPerson};
use crate::store::registrations::{self as q, NewRegistration, OnlineTime};
use crate::store::{self};
use crate::{people, Result, Store};

/// How a participant was found on the check-in list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MatchedBy {
    Email,
    Name,
}

/// One person from the report, and what the import does for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TeamsLine {
    /// Who they are in the report (their address, or their name): what `leaveOut` names.
    pub key: String,
    /// As the report shows them (a phone line's masked number).
    pub name: String,
    pub email: Option<String>,
    pub minutes: u32,
    /// When they first joined and last left (ISO 8601, the report's local time).
    pub first_join: Option<String>,
    pub last_leave: Option<String>,
    /// The organiser (or a co-organiser) of the Teams meeting.
    pub organiser: bool,
    /// The registration this fills, when they are on the list.
    #[ts(type = "number | null")]
    pub registration_id: Option<i64>,
    /// Their name on the check-in list or in the list of people, when known.
    pub known_as: Option<String>,
    pub matched_by: Option<MatchedBy>,
    /// Their status on the list before the import, when on it.
    pub status_before: Option<AttendanceStatus>,
    /// Their role in the list of people, when known.
    pub role: Option<Role>,
    /// The network they are (or would be) recorded under, when known without asking.
    pub network_name: Option<String>,
    /// A walk-in's network question (its `key` in `networks`), when it must be guessed.
    pub network_key: Option<String>,
    /// Whether the import records them (an organiser nobody knows is not).
    pub recorded: bool,
    /// Whether importing changes anything for them (false: already as the report says).
    pub changes: bool,
}

/// Someone registered who is not in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NotJoined {
    #[ts(type = "number")]
    pub registration_id: i64,
    pub name: String,
    pub network_name: Option<String>,
    pub status: AttendanceStatus,
    /// Marked "did not attend" when the chair asks: only those not yet checked in
    /// (apologies, and anyone the chair marked by hand, are kept).
    pub would_be_absent: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TeamsPreview {
    pub file: String,
    pub shape: ReportShape,
    pub title: Option<String>,
    /// The day the report is about (ISO), when it says.
    pub report_date: Option<String>,
    pub meeting_date: String,
    /// The report is for another day than the meeting's (or says none): importing it
    /// needs the chair's confirmation.
    pub other_date: bool,
    /// Registered people who joined.
    pub matched: Vec<TeamsLine>,
    /// People who joined without registering: offered as walk-ins.
    pub walk_ins: Vec<TeamsLine>,
    /// The organiser and the forum team, registered or not.
    pub team: Vec<TeamsLine>,
    /// Phone lines: counted as dialled in, without names.
    pub phone: Vec<TeamsLine>,
    pub not_joined: Vec<NotJoined>,
    /// The walk-ins' networks, guessed from their email addresses, to settle.
    pub networks: Vec<NetworkQuestion>,
    /// Phone lines already counted for this meeting.
    pub phone_before: u32,
    /// How many registrations the import would add or change, and whether the phone
    /// count changes: 0 and false mean the report is already in.
    pub changes: u32,
    pub phone_changes: bool,
}

/// The chair's choices for the import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TeamsImportOptions {
    /// Mark those registered who did not join (and sent no apologies) as "did not attend".
    #[serde(default)]
    pub mark_absent: bool,
    /// Import a report whose date is not the meeting's.
    #[serde(default)]
    pub any_date: bool,
    /// The chair's answers for the walk-ins' networks.
    #[serde(default)]
    pub resolutions: Vec<NetworkResolution>,
    /// Walk-ins (by `key`) the chair leaves off the list.
    #[serde(default)]
    pub leave_out: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TeamsImportResult {
    /// Registrations newly marked as dialled in.
    pub checked_in: u32,
    /// Registrations whose time in the meeting was recorded (or brought up to date).
    pub times_recorded: u32,
    /// People added to the list: walk-ins, and the forum team who had not registered.
    pub added: u32,
    /// Of those, people new to the list of people.
    pub people_added: u32,
    pub networks_created: u32,
    /// Phone lines counted for the meeting.
    pub phone: u32,
    pub marked_absent: u32,
    /// Walk-ins the chair left out.
    pub left_out: u32,
    /// True when nothing was written: the report was already in.
    pub unchanged: bool,
}

/// Reads the report and says what importing it would do. Writes nothing.
pub fn preview(store: &Store, path: &Path, meeting_id: i64) -> Result<TeamsPreview> {
    let meeting = store::meetings::get(store.conn(), meeting_id)?;
    let plan = plan(store.conn(), path, &meeting)?;
    let lines = |kind: fn(&Kind) -> bool| plan.lines.iter().filter(|l| kind(&l.kind)).map(|l| l.view.clone()).collect::<Vec<_>>();
    let changes = plan.lines.iter().filter(|l| l.view.changes && !matches!(l.kind, Kind::Phone)).count() as u32;
    Ok(TeamsPreview {
        file: plan.report.file.clone(),
        shape: plan.report.shape,
        title: plan.report.title.clone(),
        report_date: plan.report.date().map(iso_date),
        meeting_date: meeting.date.clone(),
        other_date: plan.other_date,
        matched: lines(|k| matches!(k, Kind::Registered { team: false, .. })),
        walk_ins: lines(|k| matches!(k, Kind::WalkIn { .. })),
        team: lines(|k| matches!(k, Kind::Registered { team: true, .. } | Kind::Team { .. })),
        phone: lines(|k| matches!(k, Kind::Phone)),
        not_joined: plan.not_joined.clone(),
        networks: questions_in_order(plan.questions.clone()),
        phone_before: plan.phone_before,
        changes,
        phone_changes: plan.phone_count() != plan.phone_before,
    })
}

/// Imports the report onto the meeting's check-in list: all of it, or (on a report for
/// another day without `any_date`, an unsettled network, a locked meeting) nothing.
pub fn import(store: &mut Store, path: &Path, meeting_id: i64, options: &TeamsImportOptions) -> Result<TeamsImportResult> {
    let meeting = store::meetings::get(store.conn(), meeting_id)?;
    let report = teams::read(path, meeting_day(&meeting))?;
    let tx = store.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
    let result = import_report(&tx, report, &meeting, options)?;
    tx.commit()?;
    Ok(result)
}

/// The import of a report already read, inside the caller's transaction (the sample
/// forum fills its past meeting from its own report this way, in its one transaction).
pub(crate) fn import_report(tx: &Connection, report: TeamsReport, meeting: &Meeting, options: &TeamsImportOptions) -> Result<TeamsImportResult> {
    let meeting_id = meeting.id;
    let plan = plan_report(tx, report, meeting)?;
    if plan.other_date && !options.any_date {
        return Err(ImportError::Unresolved { file: plan.report.file.clone(), message: other_date_message(&plan.report, &meeting) }.into());
    }
    let leave_out: HashSet<&str> = options.leave_out.iter().map(String::as_str).collect();
    let included = |l: &&Line| !matches!(l.kind, Kind::WalkIn { .. }) || !leave_out.contains(l.view.key.as_str());
    // Only the networks of walk-ins who are coming in need settling.
    let asked: HashSet<&str> = plan.lines.iter().filter(included).filter_map(|l| l.view.network_key.as_deref()).collect();
    let questions: HashMap<String, NetworkQuestion> = plan.questions.iter().filter(|(k, _)| asked.contains(k.as_str())).map(|(k, q)| (k.clone(), q.clone())).collect();
    let choices = settle(&plan.report.file, &questions, &options.resolutions)?;

    let mut result = TeamsImportResult { left_out: plan.lines.iter().filter(|l| !included(l)).count() as u32, ..Default::default() };
    let absent: Vec<&NotJoined> = if options.mark_absent { plan.not_joined.iter().filter(|n| n.would_be_absent).collect() } else { Vec::new() };
    let phone = plan.phone_count();
    let writes = plan.lines.iter().filter(included).any(|l| l.view.changes && !matches!(l.kind, Kind::Phone)) || phone != plan.phone_before || !absent.is_empty();

    // A locked meeting refuses even a report that changes nothing, so the chair hears
    // why; an unlocked approved one is marked amended only when something changes.
    if writes || meeting.locked {
        ensure_editable(&tx, meeting_id)?;
    }
    let networks = create_networks(&tx, &choices, &mut result.networks_created)?;
    for line in plan.lines.iter().filter(included) {
        if !line.view.changes {
            continue;
        }
        let time = OnlineTime { minutes: Some(line.view.minutes), first_join: line.view.first_join.as_deref(), last_leave: line.view.last_leave.as_deref() };
        match &line.kind {
            Kind::Registered { registration, .. } => {
                let status = joined_status(registration.status);
                q::set_online(&tx, registration.id, status, &time)?;
                result.checked_in += u32::from(status != registration.status && status == AttendanceStatus::DialledIn);
                result.times_recorded += 1;
            }
            Kind::Team { person: Some((person_id, network_id)) } => {
                add_to_list(&tx, meeting_id, *person_id, *network_id, &time, &mut result)?;
            }
            Kind::Team { person: None } | Kind::Phone => {}
            Kind::WalkIn { person } => {
                let network_id = match (&line.view.network_key, person) {
                    (_, Some((_, Some(known)))) => Some(*known),
                    (Some(key), _) => networks.get(key).copied().flatten(),
                    (None, _) => None,
                };
                let valid = ValidPerson { name: line.view.name.clone(), pronouns: None, email: line.view.email.clone(), network_id, role: Role::NominatedRepresentative };
                let known = match person {
                    Some((id, _)) => Some(*id),
                    None => store::people::find_by_key(&tx, &valid.match_key())?,
                };
                let person_id = people::find_or_add(&tx, &valid)?;
                result.people_added += u32::from(known.is_none());
                add_to_list(&tx, meeting_id, person_id, network_id, &time, &mut result)?;
            }
        }
    }
    if phone != plan.phone_before {
        q::set_phone_participants(&tx, meeting_id, phone)?;
    }
    result.phone = phone;
    for n in &absent {
        q::set_status(&tx, n.registration_id, AttendanceStatus::Absent)?;
        result.marked_absent += 1;
    }
    result.unchanged = !writes;
    Ok(result)
}

/// Puts someone who joined on the list as dialled in, with their time (or, if the list
/// has them after all, fills in their registration).
fn add_to_list(conn: &Connection, meeting_id: i64, person_id: i64, network_id: Option<i64>, time: &OnlineTime, result: &mut TeamsImportResult) -> Result<()> {
    let id = match q::find(conn, meeting_id, person_id)? {
        Some(id) => id,
        None => {
            result.added += 1;
            let new = NewRegistration { meeting_id, person_id, network_id, status: AttendanceStatus::DialledIn, source: RegistrationSource::WalkIn, registered_at: None };
            q::insert(conn, &new)?
        }
    };
    q::set_online(conn, id, AttendanceStatus::DialledIn, time)?;
    result.times_recorded += 1;
    Ok(())
}

/// Joined on Teams: dialled in, unless the chair saw them in the room.
fn joined_status(before: AttendanceStatus) -> AttendanceStatus {
    match before {
        AttendanceStatus::InPerson => AttendanceStatus::InPerson,
        _ => AttendanceStatus::DialledIn,
    }
}

fn other_date_message(report: &TeamsReport, meeting: &Meeting) -> String {
    let meeting_day = NaiveDate::parse_from_str(&meeting.date, "%Y-%m-%d").map_or_else(|_| meeting.date.clone(), long_date);
    match report.date() {
        Some(d) => format!(
            "this report is for {}, but the meeting is on {meeting_day}. Check it is the right report, then confirm to import it anyway. Nothing was imported.",
            long_date(d)
        ),
        None => format!("this report does not say which day it is for (the meeting is on {meeting_day}). Check it is the right report, then confirm to import it anyway. Nothing was imported."),
    }
}

fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

fn iso_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn iso_time(t: Option<NaiveDateTime>) -> Option<String> {
    t.map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
}

// ---------------------------------------------------------------------------------
// The plan: the report set against the check-in list

struct Plan {
    report: TeamsReport,
    lines: Vec<Line>,
    not_joined: Vec<NotJoined>,
    questions: HashMap<String, NetworkQuestion>,
    other_date: bool,
    phone_before: u32,
}

impl Plan {
    fn phone_count(&self) -> u32 {
        self.lines.iter().filter(|l| matches!(l.kind, Kind::Phone)).count() as u32
    }
}

struct Line {
    view: TeamsLine,
    kind: Kind,
}

enum Kind {
    /// On the list already (a forum team member too, marked `team`).
    Registered { registration: Registration, team: bool },
    /// The organiser or the forum team, not registered: added when known (person id,
    /// their network), listed only when not.
    Team { person: Option<(i64, Option<i64>)> },
    /// Joined without registering: a known person (id, network) or someone new.
    WalkIn { person: Option<(i64, Option<i64>)> },
    Phone,
}

fn meeting_day(meeting: &Meeting) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&meeting.date, "%Y-%m-%d").ok()
}

fn plan(conn: &Connection, path: &Path, meeting: &Meeting) -> Result<Plan> {
    plan_report(conn, teams::read(path, meeting_day(meeting))?, meeting)
}

fn plan_report(conn: &Connection, report: TeamsReport, meeting: &Meeting) -> Result<Plan> {
    let meeting_date = meeting_day(meeting);
    let registrations: Vec<Registration> = q::for_meeting(conn, meeting.id)?.into_iter().filter(|r| !r.erased).collect();
    let list = List::new(&registrations);
    let matcher = Matcher::new(&store::networks::list(conn, &NetworkFilter::default())?);
    let everyone = store::people::list(conn)?;
    let mut people_by_name: HashMap<String, Vec<&crate::model::Person>> = HashMap::new();
    for x in &everyone {
        people_by_name.entry(text::match_key(&[&x.name])).or_default().push(x);
    }
    let mut questions = HashMap::new();
    let mut lines: Vec<Line> = Vec::new();
    // A registration claimed by an earlier line of the report: the same person joined
    // under two names or accounts, so their times go together.
    let mut claimed: HashMap<i64, usize> = HashMap::new();
    for p in &report.participants {
        let mut view = view_of(p);
        if p.phone {
            lines.push(Line { view, kind: Kind::Phone });
            continue;
        }
        let found = list.find(p);
        if let Some((r, _)) = found {
            if let Some(&at) = claimed.get(&r.id) {
                merge(&mut lines[at].view, &view);
                continue;
            }
        }
        // Who they are in the list of people: by the registration, the address, or
        // (the report giving none) a name only one person has.
        let person = match (found, &p.email) {
            (Some((r, _)), _) => store::people::get(conn, r.person_id).ok(),
            (None, Some(email)) => store::people::find_by_key(conn, &format!("email:{}", email.to_lowercase()))?.and_then(|id| store::people::get(conn, id).ok()),
            (None, None) => name_keys(&p.name).iter().find_map(|k| match people_by_name.get(k).map(Vec::as_slice) {
                Some([one]) => Some((*one).clone()),
                _ => None,
            }),
        };
        view.known_as = person.as_ref().map(|x| x.name.clone());
        view.role = person.as_ref().map(|x| x.role);
        let team = p.role.organises() || person.as_ref().is_some_and(|x| matches!(x.role, Role::Chair | Role::ViceChair | Role::ForumTeam));
        let kind = match found {
            Some((r, by)) => {
                claimed.insert(r.id, lines.len());
                view.registration_id = Some(r.id);
                view.matched_by = Some(by);
                view.status_before = Some(r.status);
                view.network_name = r.network_name.clone();
                view.known_as = Some(r.name.clone());
                Kind::Registered { registration: r.clone(), team }
            }
            None if team => {
                view.network_name = person.as_ref().and_then(|x| x.network_name.clone());
                Kind::Team { person: person.as_ref().map(|x| (x.id, x.network_id)) }
            }
            None => {
                match person.as_ref().and_then(|x| x.network_id.map(|n| (n, x.network_name.clone()))) {
                    Some((_, name)) => view.network_name = name,
                    None => view.network_key = Some(question(&mut questions, &matcher, "", "", p.email.as_deref(), p.row)),
                }
                Kind::WalkIn { person: person.as_ref().map(|x| (x.id, x.network_id)) }
            }
        };
        lines.push(Line { view, kind });
    }
    for line in &mut lines {
        line.view.recorded = !matches!(line.kind, Kind::Team { person: None } | Kind::Phone);
        line.view.changes = match &line.kind {
            Kind::Registered { registration: r, .. } => {
                joined_status(r.status) != r.status
                    || r.minutes_in_meeting != Some(line.view.minutes)
                    || r.first_join != line.view.first_join
                    || r.last_leave != line.view.last_leave
            }
            Kind::Team { person } => person.is_some(),
            Kind::WalkIn { .. } => true,
            Kind::Phone => false,
        };
    }
    let not_joined = registrations
        .iter()
        .filter(|r| !claimed.contains_key(&r.id))
        .map(|r| NotJoined {
            registration_id: r.id,
            name: r.name.clone(),
            network_name: r.network_name.clone(),
            status: r.status,
            would_be_absent: r.status == AttendanceStatus::Registered,
        })
        .collect();
    let other_date = report.date() != meeting_date || meeting_date.is_none();
    let phone_before = q::phone_participants(conn, meeting.id)?;
    Ok(Plan { report, lines, not_joined, questions, other_date, phone_before })
}

fn view_of(p: &Participant) -> TeamsLine {
    TeamsLine {
        key: match &p.email {
            Some(e) => e.to_lowercase(),
            None => p.name.clone(),
        },
        name: p.name.clone(),
        email: p.email.clone(),
        minutes: p.minutes(),
        first_join: iso_time(p.first_join),
        last_leave: iso_time(p.last_leave),
        organiser: p.role.organises(),
        registration_id: None,
        known_as: None,
        matched_by: None,
        status_before: None,
        role: None,
        network_name: None,
        network_key: None,
        recorded: true,
        changes: false,
    }
}

/// Two lines of the report for one registration: the longer time, the earliest join
/// and the latest leave (their sessions may overlap, so the times are not added).
fn merge(into: &mut TeamsLine, other: &TeamsLine) {
    into.minutes = into.minutes.max(other.minutes);
    into.first_join = match (into.first_join.take(), other.first_join.clone()) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    into.last_leave = into.last_leave.clone().max(other.last_leave.clone());
    into.organiser |= other.organiser;
}

/// The name as written and, for "Surname, Forename" (as some organisations' Teams
/// show people), as "Forename Surname".
fn name_keys(name: &str) -> Vec<String> {
    let mut keys = vec![text::match_key(&[name])];
    if let Some((surname, forename)) = name.split_once(',') {
        if !forename.contains(',') && !forename.trim().is_empty() {
            keys.push(text::match_key(&[&format!("{} {}", forename.trim(), surname.trim())]));
        }
    }
    keys
}

/// The meeting's check-in list, indexed by email and by name.
struct List<'a> {
    by_email: HashMap<String, &'a Registration>,
    by_name: HashMap<String, Vec<&'a Registration>>,
}

impl<'a> List<'a> {
    fn new(registrations: &'a [Registration]) -> List<'a> {
        let mut by_email = HashMap::new();
        let mut by_name: HashMap<String, Vec<&Registration>> = HashMap::new();
        for r in registrations {
            if let Some(e) = &r.email {
                by_email.insert(e.to_lowercase(), r);
            }
            by_name.entry(text::match_key(&[&r.name])).or_default().push(r);
        }
        List { by_email, by_name }
    }

    /// By email first (any case), then by name when exactly one person on the list has
    /// it; Teams may write the name "Surname, Forename".
    fn find(&self, p: &Participant) -> Option<(&'a Registration, MatchedBy)> {
        if let Some(r) = p.email.as_ref().and_then(|e| self.by_email.get(&e.to_lowercase())) {
            return Some((r, MatchedBy::Email));
        }
        name_keys(&p.name).iter().find_map(|n| match self.by_name.get(n).map(Vec::as_slice) {
            Some([one]) => Some((*one, MatchedBy::Name)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::form_import::NetworkChoice;
    use crate::model::{MeetingInput, MeetingStatus, PersonInput, RegistrationInput};
    use crate::people::attendance;
    use crate::{demo, forum::meetings};
    use AttendanceStatus::*;

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
    }

    /// The sample forum's networks and people, and a meeting on the day of the fixtures
    /// (20 January 2025) with some of them registered.
    struct Setup {
        store: Store,
        meeting: i64,
        dir: tempfile::TempDir,
    }

    fn setup() -> Setup {
        let mut store = Store::open_in_memory().unwrap();
        demo::load_at(&mut store, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).unwrap();
        let input = MeetingInput { date: "2025-01-20".into(), start_time: "15:00".into(), end_time: "16:30".into(), location: "Online".into(), ..Default::default() };
        let meeting = meetings::create(&mut store, &input, None).unwrap().id;
        let mut s = Setup { store, meeting, dir: tempfile::tempdir().unwrap() };
        for (name, status) in [
            ("Robin Ashby", Registered),
            ("Dev Marsh", Registered),
            ("Nia Okafor", Registered),
            ("Alex Moreno", Apologies),
            ("Morgan Hale", Registered),
            ("Ellis Grant", Registered),
            ("Priya Lal", Apologies),
            ("Tomasz Wren", InPerson),
        ] {
            s.register(name, status);
        }
        s
    }

    impl Setup {
        fn register(&mut self, name: &str, status: AttendanceStatus) {
            let person = store::people::list(self.store.conn()).unwrap().into_iter().find(|p| p.name == name).unwrap();
            let input = RegistrationInput { name: person.name, email: person.email, pronouns: None, network_id: person.network_id, status };
            attendance::register(&mut self.store, self.meeting, &input, RegistrationSource::Form).unwrap();
        }

        fn file(&self, name: &str, text: &str) -> std::path::PathBuf {
            let path = self.dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        }

        fn row(&self, name: &str) -> Registration {
            attendance::for_meeting(&self.store, self.meeting).unwrap().into_iter().find(|r| r.name == name).unwrap_or_else(|| panic!("{name} on the list"))
        }

        fn counts(&self) -> attendance::Counts {
            attendance::check_in(&self.store, self.meeting).unwrap().counts
        }

        /// Every row of every table: what "nothing changed" is checked against.
        fn dump(&self) -> Vec<String> {
            let conn = self.store.conn();
            let mut tables: Vec<String> = conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            // The search index follows the tables (store::check compares them); its
            // shadow tables have no rowid to order by.
            tables.retain(|t| !t.starts_with("sqlite_") && !t.starts_with("search_"));
            let mut out = Vec::new();
            for t in tables {
                let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid")).unwrap();
                let n = stmt.column_count();
                let rows = stmt.query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|"))).unwrap();
                out.extend(rows.map(|r| format!("{t}: {}", r.unwrap())));
            }
            out
        }
    }

    fn sam_and_casey(p: &TeamsPreview) -> Vec<NetworkResolution> {
        p.networks
            .iter()
            .filter(|q| q.chosen.is_none() && !q.said.is_empty())
            .map(|q| NetworkResolution { key: q.key.clone(), choice: NetworkChoice::Create { name: "Wizardry Pride".into(), department: "Ministry of Wizardry".into() } })
            .collect()
    }

    #[test]
    fn the_preview_sorts_the_report_against_the_list_and_writes_nothing() {
        let s = setup();
        let before = s.dump();
        let p = preview(&s.store, &fixture("teams-attendance-sections.txt"), s.meeting).unwrap();
        assert_eq!(s.dump(), before, "a preview writes nothing");
        assert_eq!((p.shape, p.report_date.as_deref(), p.other_date), (ReportShape::Sections, Some("2025-01-20"), false));
        let names = |lines: &[TeamsLine]| lines.iter().map(|l| l.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&p.matched), ["Robin Ashby", "Dev Marsh", "Nia Okafor", "Alex Moreno", "Morgan Hale"]);
        let by = |name: &str| p.matched.iter().find(|l| l.name == name).unwrap();
        assert_eq!(by("Dev Marsh").matched_by, Some(MatchedBy::Email), "the address in capitals matches");
        assert_eq!(by("Nia Okafor").matched_by, Some(MatchedBy::Name), "a guest without an address, by name");
        assert_eq!((by("Alex Moreno").status_before, by("Robin Ashby").minutes), (Some(Apologies), 89));
        assert!(p.matched.iter().all(|l| l.changes && l.recorded));

        assert_eq!(names(&p.team), ["Jules Amara"]);
        let jules = &p.team[0];
        assert_eq!((jules.organiser, jules.role, jules.recorded, jules.registration_id), (true, Some(Role::Chair), true, None));
        assert_eq!(jules.network_name.as_deref(), Some("Cabinet Office Rainbow Network"), "the chair's own network, not a guess");

        assert_eq!(names(&p.walk_ins), ["Sam Okoro", "Casey Lin"]);
        let sam_q = p.networks.iter().find(|q| Some(&q.key) == p.walk_ins[0].network_key.as_ref()).unwrap();
        assert_eq!(sam_q.said, "@transport.example.uk");
        assert_eq!(sam_q.guesses[0].network_name, "Open Road LGBT+ Network", "guessed from the email domain and the register");
        let casey_q = p.networks.iter().find(|q| Some(&q.key) == p.walk_ins[1].network_key.as_ref()).unwrap();
        assert_eq!(casey_q.chosen, None, "an unknown domain is left for the chair");

        assert_eq!(names(&p.phone), ["+44 20 **** 1234", "020****5678"]);
        let not_joined: Vec<(&str, AttendanceStatus, bool)> = p.not_joined.iter().map(|n| (n.name.as_str(), n.status, n.would_be_absent)).collect();
        assert_eq!(not_joined, [("Ellis Grant", Registered, true), ("Priya Lal", Apologies, false), ("Tomasz Wren", InPerson, false)]);
        assert_eq!((p.changes, p.phone_before, p.phone_changes), (8, 0, true));
    }

    #[test]
    fn import_checks_people_in_with_their_time_then_changes_nothing_the_second_time() {
        let mut s = setup();
        let path = fixture("teams-attendance-sections.txt");
        let p = preview(&s.store, &path, s.meeting).unwrap();
        let options = TeamsImportOptions { mark_absent: true, resolutions: sam_and_casey(&p), ..Default::default() };
        let r = import(&mut s.store, &path, s.meeting, &options).unwrap();
        assert_eq!(
            (r.checked_in, r.times_recorded, r.added, r.people_added, r.networks_created, r.phone, r.marked_absent, r.unchanged),
            (5, 8, 3, 2, 1, 2, 1, false)
        );
        let robin = s.row("Robin Ashby");
        assert_eq!((robin.status, robin.minutes_in_meeting), (DialledIn, Some(89)));
        assert_eq!((robin.first_join.as_deref(), robin.last_leave.as_deref()), (Some("2025-01-20T15:01:10"), Some("2025-01-20T16:30:05")));
        assert_eq!(s.row("Alex Moreno").status, DialledIn, "apologies, but came after all");
        assert_eq!(s.row("Ellis Grant").status, Absent);
        assert_eq!(s.row("Priya Lal").status, Apologies, "apologies are kept");
        assert_eq!(s.row("Tomasz Wren").status, InPerson, "marked in the room by hand: kept");
        let sam = s.row("Sam Okoro");
        assert_eq!((sam.source, sam.status, sam.network_name.as_deref(), sam.minutes_in_meeting), (RegistrationSource::WalkIn, DialledIn, Some("Open Road LGBT+ Network"), Some(64)));
        assert_eq!(s.row("Casey Lin").network_name.as_deref(), Some("Wizardry Pride"));
        let jules = s.row("Jules Amara");
        assert_eq!((jules.source, jules.status, jules.network_name.as_deref()), (RegistrationSource::WalkIn, DialledIn, Some("Cabinet Office Rainbow Network")));
        let c = s.counts();
        // Robin, Dev, Nia, Alex, Morgan, Sam, Casey, Jules and the two phone lines.
        assert_eq!((c.in_person, c.dialled_in, c.phone, c.people, c.apologies, c.absent, c.registered), (1, 10, 2, 11, 1, 1, 0));

        // The same report again: nothing to do, and the database is byte for byte as it was.
        let before = s.dump();
        let again = preview(&s.store, &path, s.meeting).unwrap();
        assert_eq!((again.changes, again.phone_changes, again.walk_ins.len()), (0, false, 0));
        assert!(again.not_joined.iter().all(|n| !n.would_be_absent));
        let r = import(&mut s.store, &path, s.meeting, &TeamsImportOptions { mark_absent: true, ..Default::default() }).unwrap();
        assert_eq!((r.checked_in, r.times_recorded, r.added, r.marked_absent, r.phone, r.unchanged), (0, 0, 0, 0, 2, true));
        assert_eq!(s.dump(), before);
    }

    #[test]
    fn every_shape_fills_the_same_list() {
        for file in ["teams-attendance-excel.csv", "teams-attendance-flat.csv"] {
            let mut s = setup();
            let path = fixture(file);
            let p = preview(&s.store, &path, s.meeting).unwrap();
            let r = import(&mut s.store, &path, s.meeting, &TeamsImportOptions { resolutions: sam_and_casey(&p), ..Default::default() }).unwrap();
            assert_eq!((r.phone, s.row("Robin Ashby").status, s.row("Dev Marsh").minutes_in_meeting), (2, DialledIn, Some(84)), "{file}");
            assert_eq!(s.counts().dialled_in, 10, "{file}");
        }
        // US dates, one row per join.
        let mut s = setup();
        let path = fixture("teams-attendance-us.txt");
        let r = import(&mut s.store, &path, s.meeting, &TeamsImportOptions::default()).unwrap();
        assert_eq!((r.checked_in, r.phone, r.added), (3, 1, 1));
        assert_eq!(s.row("Dev Marsh").first_join.as_deref(), Some("2025-01-20T15:03:40"));
    }

    #[test]
    fn a_report_for_another_day_needs_the_chairs_confirmation() {
        let mut s = setup();
        meetings::update(&mut s.store, s.meeting, &MeetingInput { date: "2025-01-27".into(), start_time: "15:00".into(), end_time: "16:30".into(), ..Default::default() }).unwrap();
        let path = fixture("teams-attendance-us.txt");
        let p = preview(&s.store, &path, s.meeting).unwrap();
        assert_eq!((p.other_date, p.report_date.as_deref(), p.meeting_date.as_str()), (true, Some("2025-01-20"), "2025-01-27"));
        let before = s.dump();
        let e = import(&mut s.store, &path, s.meeting, &TeamsImportOptions::default()).unwrap_err();
        assert_eq!(e.code(), "file_unresolved");
        assert_eq!(
            e.to_string(),
            "teams-attendance-us.txt: this report is for Monday 20 January 2025, but the meeting is on Monday 27 January 2025. Check it is the right report, then confirm to import it anyway. Nothing was imported."
        );
        assert_eq!(s.dump(), before);
        let r = import(&mut s.store, &path, s.meeting, &TeamsImportOptions { any_date: true, ..Default::default() }).unwrap();
        assert_eq!(r.checked_in, 3);
    }

    #[test]
    fn all_or_nothing_unsettled_networks_a_failing_write_and_a_locked_meeting() {
        let mut s = setup();
        let path = fixture("teams-attendance-sections.txt");
        let before = s.dump();
        let e = import(&mut s.store, &path, s.meeting, &TeamsImportOptions { mark_absent: true, ..Default::default() }).unwrap_err();
        assert_eq!(e.code(), "file_unresolved");
        assert!(e.to_string().contains("\u{201c}@wizardry.example.uk\u{201d} (row 18)"), "{e}");
        assert_eq!(s.dump(), before, "nothing is written while a network is unsettled");

        // A write that fails half way (a network that cannot be created) leaves nothing.
        let p = preview(&s.store, &path, s.meeting).unwrap();
        let mut bad = sam_and_casey(&p);
        bad[0].choice = NetworkChoice::Create { name: " ".into(), department: " ".into() };
        assert_eq!(import(&mut s.store, &path, s.meeting, &TeamsImportOptions { mark_absent: true, resolutions: bad, ..Default::default() }).unwrap_err().code(), "invalid");
        assert_eq!(s.dump(), before);

        // Leaving Casey out needs no answer for her network.
        let r = import(&mut s.store, &path, s.meeting, &TeamsImportOptions { leave_out: vec!["casey.lin@wizardry.example.uk".into()], ..Default::default() }).unwrap();
        assert_eq!((r.added, r.left_out, r.networks_created), (2, 1, 0));
        assert!(attendance::for_meeting(&s.store, s.meeting).unwrap().iter().all(|r| r.name != "Casey Lin"));

        // Locked after approval: refused, even when the report is already in.
        for status in [MeetingStatus::AgendaCirculated, MeetingStatus::Held, MeetingStatus::ReadoutDrafted, MeetingStatus::ReadoutApproved] {
            meetings::set_status(&mut s.store, s.meeting, status).unwrap();
        }
        let locked = s.dump();
        let e = import(&mut s.store, &path, s.meeting, &TeamsImportOptions { leave_out: vec!["casey.lin@wizardry.example.uk".into()], ..Default::default() }).unwrap_err();
        assert_eq!(e.code(), "locked");
        assert_eq!(s.dump(), locked);
    }

    #[test]
    fn the_forum_team_is_recognised_and_an_unknown_organiser_only_listed() {
        let mut s = setup();
        people::create(&mut s.store, &PersonInput { name: "Rowan Tate".into(), pronouns: None, email: Some("rowan.tate@example.org".into()), network_id: None, role: Role::ForumTeam }).unwrap();
        let report = "2. Participants\r\nName\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\r\n\
            Forum Mailbox\t20/01/2025, 14:55:00\t20/01/2025, 16:35:00\t1h 40m\tforum.mailbox@cabinet.example.uk\tOrganizer\r\n\
            Tate, Rowan\t20/01/2025, 15:00:00\t20/01/2025, 16:30:00\t1h 30m\trowan.tate@example.org\tPresenter\r\n\
            Ashby, Robin\t20/01/2025, 15:00:00\t20/01/2025, 15:30:00\t30m\t\tAttendee\r\n";
        let path = s.file("team.txt", report);
        let p = preview(&s.store, &path, s.meeting).unwrap();
        let team: Vec<(&str, bool, bool, Option<Role>)> = p.team.iter().map(|l| (l.name.as_str(), l.organiser, l.recorded, l.role)).collect();
        assert_eq!(team, [("Forum Mailbox", true, false, None), ("Tate, Rowan", false, true, Some(Role::ForumTeam))]);
        assert!(p.walk_ins.is_empty() && p.networks.is_empty(), "neither is offered as a walk-in from a network");
        assert_eq!(p.matched[0].known_as.as_deref(), Some("Robin Ashby"), "\u{201c}Surname, Forename\u{201d} matches by name");
        let r = import(&mut s.store, &path, s.meeting, &TeamsImportOptions::default()).unwrap();
        assert_eq!((r.added, r.people_added), (1, 0));
        let rowan = s.row("Rowan Tate");
        assert_eq!((rowan.status, rowan.network_id, rowan.minutes_in_meeting), (DialledIn, None, Some(90)));
        assert!(store::people::find_by_key(s.store.conn(), "email:forum.mailbox@cabinet.example.uk").unwrap().is_none(), "the mailbox is not made a person");
    }

    #[test]
    fn a_hostile_name_is_kept_as_text_and_a_bad_file_writes_nothing() {
        let mut s = setup();
        let path = s.file("f.csv", "Full Name,User Action,Timestamp\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",Joined,\"20/01/2025, 15:00:00\"\n\"<script>alert(1)</script>\",Joined,\"20/01/2025, 15:00:00\"\n");
        let r = import(&mut s.store, &path, s.meeting, &TeamsImportOptions::default()).unwrap();
        assert_eq!(r.added, 2);
        s.row("=HYPERLINK(\"http://evil.example\",\"x\")");
        s.row("<script>alert(1)</script>");
        let before = s.dump();
        let broken = s.file("broken.csv", "Full Name,User Action,Timestamp\nSam,Joined,\"20/01/2025, 15:00:00\"\nKit,Joined,\"31/02/2025, 15:00:00\"\n");
        let e = import(&mut s.store, &broken, s.meeting, &TeamsImportOptions::default()).unwrap_err();
        assert!(e.to_string().starts_with("broken.csv, row 3, column \u{201c}Timestamp\u{201d}"), "{e}");
        assert_eq!(s.dump(), before);
    }

    #[test]
    fn phone_lines_count_as_dialled_in_in_the_overview() {
        let mut s = setup();
        let path = fixture("teams-attendance-us.txt");
        import(&mut s.store, &path, s.meeting, &TeamsImportOptions::default()).unwrap();
        let o = attendance::overview(&s.store, NaiveDate::from_ymd_opt(2025, 2, 1).unwrap()).unwrap();
        let m = o.meetings.iter().find(|m| m.meeting_id == s.meeting).unwrap();
        assert_eq!((m.counts.phone, m.counts.dialled_in, m.counts.in_person), (1, 5, 1));
    }
}
