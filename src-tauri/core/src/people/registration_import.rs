//! Importing a meeting's registrations from a form export, in two steps: `preview`
//! reads the file and says what it would do (the columns it guessed, the networks it
//! matched and how sure it is, the names it could not place); `import` does it, all
//! in one transaction, once every network name is settled. Both read the file afresh,
//! so nothing half-decided is kept between them.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;
use ts_rs::TS;

use crate::import::form_import::{answered_at, cell_error, column_plans, create_networks, in_meeting, keep_latest, question, remember, settle, ColumnPlan, NetworkQuestion, NetworkResolution};
use crate::import::columns::{self, FormField, Mapping};
use crate::import::form::{self, FormKind, FormRow, FormTable};
use crate::import::ImportError;
use crate::matching::networks::Matcher;
use crate::forum::meetings::ensure_editable;
use crate::model::{text, Meeting, NetworkFilter, RegistrationSource, Role, ValidPerson};
use crate::store::registrations::{self as q, NewRegistration};
use crate::store::{self};
use crate::{people, Result, Store};

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
        None => crate::import::form_import::remembered_or_guessed(store, &table)?,
    };
    let plan = plan(store.conn(), &table, &meeting, &mapping)?;
    let already = plan
        .people
        .iter()
        .filter(|p| registered(store.conn(), meeting_id, &p.person, plan.questions.get(&p.network_key)).unwrap_or(false))
        .count();
    let networks = crate::import::form_import::questions_in_order(plan.questions);
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
    let networks = create_networks(&tx, &choices, &mut result.networks_created)?;
    // Thousands of people are indexed for search once at the end, not one by one.
    let bulk = crate::search::index::worth_deferring(&tx, "search_person", plan.people.len())?;
    if bulk {
        crate::search::index::defer(&tx, &["search_person"])?;
    }
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
    if bulk {
        crate::search::index::catch_up(&tx)?;
    }
    tx.commit()?;
    Ok(result)
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
        if !in_meeting(table, row, mapping, meeting)? {
            plan.other_meetings += 1;
            continue;
        }
        let registered_at = answered_at(table, row, mapping)?;
        let person = person_of(table, row, mapping, name_col)?;
        let network_key = question(&mut plan.questions, &matcher, cell(FormField::Network), cell(FormField::Department), person.email.as_deref(), row.number);
        // The same person twice is one registration; their later answer counts.
        let identity = person.email.as_ref().map_or_else(|| format!("{}\u{1f}{network_key}", text::match_key(&[&person.name])), |e| e.to_lowercase());
        let planned = PlannedPerson { person, network_key, registered_at };
        plan.repeats += u32::from(keep_latest(&mut seen, &mut plan.people, identity, planned));
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

fn registered(conn: &Connection, meeting_id: i64, person: &ValidPerson, q: Option<&NetworkQuestion>) -> Result<bool> {
    let mut p = person.clone();
    p.network_id = q.and_then(|q| q.chosen);
    let Some(id) = store::people::find_by_key(conn, &p.match_key())? else { return Ok(false) };
    Ok(q::find(conn, meeting_id, id)?.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::form_import::{unattended_resolutions, NetworkChoice};
    use crate::model::NetworkInput;
    use crate::model::{MeetingInput, MeetingStatus};
    use crate::{people::attendance, forum::meetings, networks};

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
        assert!(unattended_resolutions(&p.networks, false).is_empty());
        let r = unattended_resolutions(&p.networks, true);
        assert_eq!(r[0].choice, NetworkChoice::Create { name: "Wand Club".into(), department: "Ministry of Magic".into() });
    }
}
