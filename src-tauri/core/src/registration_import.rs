//! Importing a meeting's registrations from a form export, in two steps: `preview`
//! reads the file and says what it would do (the columns it guessed, the networks it
//! matched and how sure it is, the names it could not place); `import` does it, all
//! in one transaction, once every network name is settled. Both read the file afresh,
//! so nothing half-decided is kept between them.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::import::columns::{self, FormField, Mapping};
use crate::import::form::{self, FormKind, FormRow, FormTable};
use crate::import::{dates, ImportError};
use crate::matching::networks::{email_domain, Matcher, NetworkGuess, CONFIDENT};
use crate::meetings::ensure_editable;
use crate::model::{text, Meeting, NetworkFilter, NetworkInput, RegistrationSource, Role, ValidPerson};
use crate::store::registrations::{self as q, NewRegistration};
use crate::store::{self};
use crate::{people, settings, Result, Store};

/// A column as the mapping step shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ColumnPlan {
    pub header: String,
    pub field: FormField,
    /// The first few answers in the column, to help the chair recognise it.
    pub samples: Vec<String>,
}

/// A network name from the file (with the rows that gave it) and what it may be.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NetworkQuestion {
    pub key: String,
    /// What the rows say, e.g. "DfE LGBT network" or "Department for Education".
    pub said: String,
    pub rows: Vec<u32>,
    pub guesses: Vec<NetworkGuess>,
    /// The network taken without asking, when the best guess is confident.
    #[ts(type = "number | null")]
    pub chosen: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RegistrationPreview {
    pub file: String,
    pub kind: FormKind,
    pub columns: Vec<ColumnPlan>,
    /// The mapping came from an earlier import of the same form.
    pub remembered: bool,
    /// Answers in the file (rows holding anything).
    pub answers: u32,
    /// Different people registering for this meeting.
    pub people: u32,
    /// Answers that repeat an earlier one from the same person (the later one counts).
    pub repeats: u32,
    /// Answers for another meeting date, left out.
    pub other_meetings: u32,
    /// People already registered for this meeting (their network is refreshed).
    pub already_registered: u32,
    pub networks: Vec<NetworkQuestion>,
}

/// The chair's answer for one network name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum NetworkChoice {
    Existing {
        #[serde(rename = "networkId")]
        #[ts(type = "number", rename = "networkId")]
        network_id: i64,
    },
    /// Add the network to the register (type "other" until the chair edits it).
    Create { name: String, department: String },
    /// The person represents no network (e.g. the forum team).
    NoNetwork,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NetworkResolution {
    pub key: String,
    pub choice: NetworkChoice,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RegistrationImportResult {
    pub registered: u32,
    pub refreshed: u32,
    pub people_added: u32,
    pub networks_created: u32,
    pub other_meetings: u32,
    pub repeats: u32,
}

/// Reads the file and says what importing it would do. `mapping` is the chair's
/// correction; without it, the mapping remembered for this form, or a guess.
pub fn preview(store: &Store, path: &Path, meeting_id: i64, mapping: Option<Mapping>) -> Result<RegistrationPreview> {
    let table = form::read(path)?;
    let meeting = store::meetings::get(store.conn(), meeting_id)?;
    let (mapping, remembered) = match mapping {
        Some(m) => (m, false),
        None => remembered_or_guessed(store, &table)?,
    };
    let plan = plan(store.conn(), &table, &meeting, &mapping)?;
    let already = plan
        .people
        .iter()
        .filter(|p| registered(store.conn(), meeting_id, &p.person, plan.questions.get(&p.network_key)).unwrap_or(false))
        .count();
    let mut networks: Vec<NetworkQuestion> = plan.questions.into_values().collect();
    networks.sort_by(|a, b| (a.chosen.is_some(), &a.said).cmp(&(b.chosen.is_some(), &b.said)));
    Ok(RegistrationPreview {
        file: table.file.clone(),
        kind: table.kind,
        columns: column_plans(&table, &mapping),
        remembered,
        answers: table.rows.len() as u32,
        people: plan.people.len() as u32,
        repeats: plan.repeats,
        other_meetings: plan.other_meetings,
        already_registered: already as u32,
        networks,
    })
}

/// Imports the file's registrations for the meeting: all of them, or (on any bad row or
/// unsettled network name) nothing. Remembers the mapping for the next export.
pub fn import(
    store: &mut Store,
    path: &Path,
    meeting_id: i64,
    mapping: &Mapping,
    resolutions: &[NetworkResolution],
) -> Result<RegistrationImportResult> {
    let table = form::read(path)?;
    let meeting = store::meetings::get(store.conn(), meeting_id)?;
    let plan = plan(store.conn(), &table, &meeting, mapping)?;
    let choices = settle(&table.file, &plan.questions, resolutions)?;
    let tx = store.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
    ensure_editable(&tx, meeting_id)?;
    let mut result = RegistrationImportResult { other_meetings: plan.other_meetings, repeats: plan.repeats, ..Default::default() };
    let networks = create_networks(&tx, &choices, &mut result)?;
    for row in &plan.people {
        let mut person = row.person.clone();
        person.network_id = networks.get(&row.network_key).copied().flatten();
        let known = store::people::find_by_key(&tx, &person.match_key())?;
        let person_id = people::find_or_add(&tx, &person)?;
        result.people_added += u32::from(known.is_none());
        match q::find(&tx, meeting_id, person_id)? {
            Some(id) => {
                q::refresh(&tx, id, person.network_id, row.registered_at.as_deref())?;
                result.refreshed += 1;
            }
            None => {
                let new = NewRegistration {
                    meeting_id,
                    person_id,
                    network_id: person.network_id,
                    status: crate::model::AttendanceStatus::Registered,
                    source: RegistrationSource::Form,
                    registered_at: row.registered_at.as_deref(),
                };
                q::insert(&tx, &new)?;
                result.registered += 1;
            }
        }
    }
    remember(&tx, &table, mapping)?;
    tx.commit()?;
    Ok(result)
}

/// The choices for the command line, which cannot ask: confident matches are taken;
/// the rest become new networks when `create_missing` is set, or stay unsettled (and
/// `import` then refuses, naming them).
pub fn unattended_resolutions(preview: &RegistrationPreview, create_missing: bool) -> Vec<NetworkResolution> {
    preview
        .networks
        .iter()
        .filter(|q| q.chosen.is_none() && create_missing)
        .map(|q| {
            let (name, department) = split_said(&q.said);
            NetworkResolution { key: q.key.clone(), choice: NetworkChoice::Create { name, department } }
        })
        .collect()
}

/// What the file says once mapped: one entry per person, the network names to settle.
struct Plan {
    people: Vec<PlannedPerson>,
    questions: HashMap<String, NetworkQuestion>,
    repeats: u32,
    other_meetings: u32,
}

struct PlannedPerson {
    person: ValidPerson,
    network_key: String,
    registered_at: Option<String>,
}

fn plan(conn: &Connection, table: &FormTable, meeting: &Meeting, mapping: &Mapping) -> Result<Plan> {
    columns::check(table, mapping).map_err(|message| ImportError::Unresolved { file: table.file.clone(), message })?;
    let col = |f| columns::column_of(mapping, f);
    let name_col = col(FormField::Name).ok_or_else(|| ImportError::Unresolved {
        file: table.file.clone(),
        message: "choose the column that holds people's names".into(),
    })?;
    let matcher = Matcher::new(&store::networks::list(conn, &NetworkFilter::default())?);
    let mut plan = Plan { people: Vec::new(), questions: HashMap::new(), repeats: 0, other_meetings: 0 };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let cell = |f| col(f).map_or("", |i| row.cells[i].as_str());
        if let Some(i) = col(FormField::MeetingDate) {
            let date = dates::date_in(&row.cells[i]).ok_or_else(|| cell_error(table, row, i, "this is not a date (write it like 12/11/2019)"))?;
            if date.format("%Y-%m-%d").to_string() != meeting.date {
                plan.other_meetings += 1;
                continue;
            }
        }
        let registered_at = match col(FormField::Timestamp) {
            Some(i) if !row.cells[i].is_empty() => Some(
                dates::timestamp(&row.cells[i]).ok_or_else(|| cell_error(table, row, i, "this is not a date and time"))?,
            ),
            _ => None,
        };
        let person = person_of(table, row, mapping, name_col)?;
        let network_key = question(&mut plan.questions, &matcher, cell(FormField::Network), cell(FormField::Department), person.email.as_deref(), row.number);
        // The same person twice is one registration; their later answer counts.
        let identity = person.email.as_ref().map_or_else(|| format!("{}\u{1f}{network_key}", text::match_key(&[&person.name])), |e| e.to_lowercase());
        let planned = PlannedPerson { person, network_key, registered_at };
        match seen.get(&identity) {
            Some(&at) => {
                plan.people[at] = planned;
                plan.repeats += 1;
            }
            None => {
                seen.insert(identity, plan.people.len());
                plan.people.push(planned);
            }
        }
    }
    Ok(plan)
}

fn person_of(table: &FormTable, row: &FormRow, mapping: &Mapping, name_col: usize) -> Result<ValidPerson> {
    let col = |f| columns::column_of(mapping, f);
    let name = text::required("name", "Name", &row.cells[name_col], 200).map_err(|e| cell_error(table, row, name_col, &e.message))?;
    let email = match col(FormField::Email) {
        // Microsoft Forms writes "anonymous" when the form does not ask people to sign in.
        Some(i) if !row.cells[i].eq_ignore_ascii_case("anonymous") => {
            text::optional_email("email", Some(&row.cells[i])).map_err(|e| cell_error(table, row, i, &e.message))?
        }
        _ => None,
    };
    let pronouns = match col(FormField::Pronouns) {
        Some(i) => text::optional("pronouns", "Pronouns", Some(&row.cells[i]), 60).map_err(|e| cell_error(table, row, i, &e.message))?,
        None => None,
    };
    Ok(ValidPerson { name, pronouns, email, network_id: None, role: Role::NominatedRepresentative })
}

/// Files the row's network name under its question (asking the matcher once per
/// distinct name) and returns the question's key.
fn question(
    questions: &mut HashMap<String, NetworkQuestion>,
    matcher: &Matcher,
    network: &str,
    department: &str,
    email: Option<&str>,
    row: usize,
) -> String {
    let said = match (network.is_empty(), department.is_empty()) {
        (false, false) => format!("{network} ({department})"),
        (false, true) => network.to_string(),
        (true, false) => department.to_string(),
        (true, true) => email.and_then(email_domain).map(|d| format!("@{d}")).unwrap_or_default(),
    };
    let key = text::match_key(&[&said]);
    let q = questions.entry(key.clone()).or_insert_with(|| {
        let guesses = if said.is_empty() { Vec::new() } else { matcher.guesses(network, Some(department).filter(|d| !d.is_empty()), email) };
        let chosen = guesses.first().filter(|g| g.confidence >= CONFIDENT).map(|g| g.network_id);
        NetworkQuestion { key: key.clone(), said, rows: Vec::new(), guesses, chosen }
    });
    q.rows.push(row as u32);
    key
}

/// Each question's network: the chair's answer, else the confident guess. A name with
/// neither stops the import, listing every such name.
fn settle(file: &str, questions: &HashMap<String, NetworkQuestion>, resolutions: &[NetworkResolution]) -> Result<HashMap<String, NetworkChoice>> {
    let mut choices = HashMap::new();
    let mut open = Vec::new();
    for q in questions.values() {
        let answer = resolutions.iter().find(|r| r.key == q.key).map(|r| r.choice.clone());
        match (answer, q.chosen) {
            (Some(c), _) => choices.insert(q.key.clone(), c),
            (None, Some(id)) => choices.insert(q.key.clone(), NetworkChoice::Existing { network_id: id }),
            (None, None) if q.said.is_empty() => choices.insert(q.key.clone(), NetworkChoice::NoNetwork),
            (None, None) => {
                open.push(q);
                None
            }
        };
    }
    if open.is_empty() {
        return Ok(choices);
    }
    open.sort_by(|a, b| a.rows.cmp(&b.rows));
    let names: Vec<String> = open.iter().map(|q| format!("\u{201c}{}\u{201d} ({})", q.said, rows_text(&q.rows))).collect();
    Err(ImportError::Unresolved {
        file: file.into(),
        message: format!(
            "{} network name{} could not be matched to the register: {}. Choose a network for each, or add them as new networks. Nothing was imported.",
            open.len(),
            if open.len() == 1 { "" } else { "s" },
            names.join("; ")
        ),
    }
    .into())
}

fn rows_text(rows: &[u32]) -> String {
    let shown: Vec<String> = rows.iter().take(5).map(u32::to_string).collect();
    let more = if rows.len() > 5 { format!(" and {} more", rows.len() - 5) } else { String::new() };
    format!("row{} {}{more}", if rows.len() == 1 { "" } else { "s" }, shown.join(", "))
}

/// Adds the networks the chair chose to create; returns every question's network id.
fn create_networks(conn: &Connection, choices: &HashMap<String, NetworkChoice>, result: &mut RegistrationImportResult) -> Result<HashMap<String, Option<i64>>> {
    let mut ids = HashMap::new();
    for (key, choice) in choices {
        let id = match choice {
            NetworkChoice::Existing { network_id } => Some(store::networks::get(conn, *network_id)?.id),
            NetworkChoice::NoNetwork => None,
            NetworkChoice::Create { name, department } => {
                let valid = NetworkInput { name: name.clone(), department: department.clone(), kind: "other".into(), parent: None, email: None }.validate()?;
                Some(match store::networks::find_by_key(conn, &valid.match_key())? {
                    Some(existing) => existing.id,
                    None => {
                        result.networks_created += 1;
                        store::networks::insert(conn, &valid)?
                    }
                })
            }
        };
        ids.insert(key.clone(), id);
    }
    Ok(ids)
}

/// "DfE LGBT network (Department for Education)" → name and department for a new network.
fn split_said(said: &str) -> (String, String) {
    match said.rsplit_once(" (") {
        Some((name, dept)) if dept.ends_with(')') => (name.to_string(), dept.trim_end_matches(')').to_string()),
        _ => ("LGBT+ network".to_string(), said.trim_start_matches('@').to_string()),
    }
}

fn registered(conn: &Connection, meeting_id: i64, person: &ValidPerson, q: Option<&NetworkQuestion>) -> Result<bool> {
    let mut p = person.clone();
    p.network_id = q.and_then(|q| q.chosen);
    let Some(id) = store::people::find_by_key(conn, &p.match_key())? else { return Ok(false) };
    Ok(q::find(conn, meeting_id, id)?.is_some())
}

fn cell_error(table: &FormTable, row: &FormRow, col: usize, message: &str) -> ImportError {
    ImportError::Cell { file: table.file.clone(), row: row.number, column: table.headers[col].clone(), message: message.into() }
}

fn column_plans(table: &FormTable, mapping: &Mapping) -> Vec<ColumnPlan> {
    table
        .headers
        .iter()
        .zip(mapping)
        .enumerate()
        .map(|(i, (header, field))| ColumnPlan {
            header: header.clone(),
            field: *field,
            samples: table.rows.iter().map(|r| r.cells[i].clone()).filter(|c| !c.is_empty()).take(3).map(|c| text::truncate(&c, 60)).collect(),
        })
        .collect()
}

/// The mapping remembered for this form (true), or else a guess from its headers.
pub fn remembered_or_guessed(store: &Store, table: &FormTable) -> Result<(Mapping, bool)> {
    let saved = settings::get(store, &columns::memory_key(&table.headers))?;
    let remembered: Option<Mapping> = saved.and_then(|s| serde_json::from_str(&s).ok()).filter(|m: &Mapping| m.len() == table.headers.len());
    Ok(match remembered {
        Some(m) => (m, true),
        None => (columns::guess(&table.headers), false),
    })
}

fn remember(conn: &Connection, table: &FormTable, mapping: &Mapping) -> Result<()> {
    let json = serde_json::to_string(mapping).map_err(|e| crate::store::StoreError::Conflict { field: None, message: e.to_string() })?;
    settings::set_in(conn, &columns::memory_key(&table.headers), &json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeetingInput, MeetingStatus};
    use crate::{attendance, meetings, networks};

    struct Setup {
        store: Store,
        meeting: i64,
        dfe: i64,
        dir: tempfile::TempDir,
    }

    fn setup() -> Setup {
        let mut store = Store::open_in_memory().unwrap();
        let mut net = |name: &str, department: &str, email: &str| {
            let input = NetworkInput { name: name.into(), department: department.into(), kind: "ministerial department".into(), parent: None, email: Some(email.into()) };
            networks::create(&mut store, &input).unwrap().id
        };
        let dfe = net("Learning with Pride", "Department for Education", "pride@education.gov.uk");
        net("Open Road", "Department for Transport", "openroad@dft.gov.uk");
        net("Proud at Home", "Home Office", "proud@homeoffice.gov.uk");
        let input = MeetingInput { date: "2019-11-12".into(), start_time: "15:00".into(), end_time: "16:30".into(), ..Default::default() };
        let meeting = meetings::create(&mut store, &input, None).unwrap().id;
        Setup { store, meeting, dfe, dir: tempfile::tempdir().unwrap() }
    }

    impl Setup {
        fn file(&self, name: &str, text: &str) -> std::path::PathBuf {
            let path = self.dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            path
        }

        fn counts(&self) -> (i64, i64, i64) {
            let count = |t: &str| self.store.conn().query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap();
            (count("person"), count("registration"), count("network"))
        }
    }

    const FORM: &str = "\u{feff}Timestamp,Your name,Email address,Which network do you represent?,Which forum?\r\n\
        01/11/2019 09:00:00,Sam Jones,sam@education.gov.uk,DfE LGBT network,12 November 2019\r\n\
        02/11/2019 10:00:00,Ana Ruiz,ana@dft.gov.uk,Department for Transport,12 November 2019\r\n\
        03/11/2019 11:00:00,Lee Hart,lee@magic.gov.uk,Ministry of Magic,12 November 2019\r\n\
        04/11/2019 12:00:00,Sam Jones,SAM@education.gov.uk,DfE,12 November 2019\r\n\
        05/11/2019 12:00:00,Kit Moss,kit@homeoffice.gov.uk,Home Office,11 February 2020\r\n";

    #[test]
    fn preview_guesses_matches_and_counts_without_writing() {
        let s = setup();
        let path = s.file("reg.csv", FORM);
        let p = preview(&s.store, &path, s.meeting, None).unwrap();
        assert_eq!(p.kind, FormKind::GoogleForms);
        let fields: Vec<FormField> = p.columns.iter().map(|c| c.field).collect();
        use FormField::*;
        assert_eq!(fields, [Timestamp, Name, Email, Network, MeetingDate]);
        assert_eq!((p.answers, p.people, p.repeats, p.other_meetings), (5, 3, 1, 1));
        let magic = p.networks.iter().find(|q| q.said == "Ministry of Magic").unwrap();
        assert_eq!((magic.chosen, magic.rows.clone()), (None, vec![4]));
        let dfe = p.networks.iter().find(|q| q.said == "DfE LGBT network").unwrap();
        assert_eq!(dfe.chosen, Some(s.dfe));
        assert_eq!(s.counts(), (0, 0, 3), "a preview writes nothing");
    }

    #[test]
    fn an_unmatched_network_stops_the_import_until_the_chair_settles_it() {
        let mut s = setup();
        let path = s.file("reg.csv", FORM);
        let mapping = preview(&s.store, &path, s.meeting, None).unwrap().columns.iter().map(|c| c.field).collect::<Vec<_>>();
        let e = import(&mut s.store, &path, s.meeting, &mapping, &[]).unwrap_err();
        assert_eq!(e.code(), "file_unresolved");
        assert!(e.to_string().contains("\u{201c}Ministry of Magic\u{201d} (row 4)"), "{e}");
        assert!(e.to_string().ends_with("Nothing was imported."), "{e}");
        assert_eq!(s.counts(), (0, 0, 3));

        let key = text::match_key(&["Ministry of Magic"]);
        let create = NetworkResolution { key, choice: NetworkChoice::Create { name: "Magic Pride".into(), department: "Ministry of Magic".into() } };
        let r = import(&mut s.store, &path, s.meeting, &mapping, &[create]).unwrap();
        assert_eq!((r.registered, r.refreshed, r.people_added, r.networks_created, r.other_meetings, r.repeats), (3, 0, 3, 1, 1, 1));
        assert_eq!(s.counts(), (3, 3, 4));
        let list = attendance::for_meeting(&s.store, s.meeting).unwrap();
        let sam = list.iter().find(|r| r.name == "Sam Jones").unwrap();
        assert_eq!((sam.network_id, sam.registered_at.as_deref()), (Some(s.dfe), Some("2019-11-04T12:00:00")), "the later answer counts");

        // The same export again: nobody doubled, the mapping remembered.
        let again = preview(&s.store, &path, s.meeting, None).unwrap();
        assert!(again.remembered);
        assert_eq!(again.already_registered, 3);
        let r = import(&mut s.store, &path, s.meeting, &mapping, &[]).unwrap();
        assert_eq!((r.registered, r.refreshed, r.networks_created), (0, 3, 0));
        assert_eq!(s.counts(), (3, 3, 4));
    }

    #[test]
    fn a_bad_cell_names_row_and_column_and_writes_nothing() {
        let mut s = setup();
        let text = "Timestamp,Your name,Email address,Network\n01/11/2019 09:00:00,Sam Jones,sam@education.gov.uk,DfE\n\n02/11/2019 09:00:00,Ana Ruiz,ana at dft,DfT\n";
        let path = s.file("reg.csv", text);
        let mapping = columns::guess(&form::read(&path).unwrap().headers);
        let e = import(&mut s.store, &path, s.meeting, &mapping, &[]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "reg.csv, row 4, column \u{201c}Email address\u{201d}: Enter an email address in the correct format, like name@department.gov.uk"
        );
        assert_eq!(s.counts(), (0, 0, 3));

        let blank_name = s.file("blank.csv", "Your name,Network\nSam,DfE\n  ,DfT\n");
        let mapping = columns::guess(&form::read(&blank_name).unwrap().headers);
        let e = import(&mut s.store, &blank_name, s.meeting, &mapping, &[]).unwrap_err();
        assert_eq!(e.to_string(), "blank.csv, row 3, column \u{201c}Your name\u{201d}: Enter the name");
        assert_eq!(s.counts(), (0, 0, 3));
    }

    #[test]
    fn a_mapping_without_names_or_with_a_field_twice_is_refused() {
        let mut s = setup();
        let path = s.file("reg.csv", "Who,Where\nSam,DfE\n");
        let e = import(&mut s.store, &path, s.meeting, &vec![FormField::Ignore, FormField::Network], &[]).unwrap_err();
        assert!(e.to_string().contains("choose the column that holds people's names"), "{e}");
        let e = import(&mut s.store, &path, s.meeting, &vec![FormField::Name, FormField::Name], &[]).unwrap_err();
        assert!(e.to_string().contains("two columns"), "{e}");
    }

    #[test]
    fn a_locked_meeting_takes_no_registrations() {
        let mut s = setup();
        for status in [MeetingStatus::AgendaCirculated, MeetingStatus::Held, MeetingStatus::ReadoutDrafted, MeetingStatus::ReadoutApproved] {
            meetings::set_status(&mut s.store, s.meeting, status).unwrap();
        }
        let path = s.file("reg.csv", "Your name,Network\nSam,DfE\n");
        let e = import(&mut s.store, &path, s.meeting, &vec![FormField::Name, FormField::Network], &[]).unwrap_err();
        assert_eq!(e.code(), "locked");
        assert_eq!(s.counts(), (0, 0, 3));
    }

    #[test]
    fn unattended_choices_create_only_when_asked() {
        let s = setup();
        let path = s.file("reg.csv", "Your name,Network,Department\nLee,Wand Club,Ministry of Magic\n");
        let p = preview(&s.store, &path, s.meeting, None).unwrap();
        assert!(unattended_resolutions(&p, false).is_empty());
        let r = unattended_resolutions(&p, true);
        assert_eq!(r[0].choice, NetworkChoice::Create { name: "Wand Club".into(), department: "Ministry of Magic".into() });
    }
}
