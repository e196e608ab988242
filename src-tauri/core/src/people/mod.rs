//! People: network leads and forum team members. Personal data: they are found again
//! by email (or name within a network) so one person is one row, and erasing them
//! removes every registration of theirs.

pub mod attendance;
pub mod registration_import;
pub mod teams_import;

use std::path::Path;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::model::{Person, PersonInput, Registration, ValidPerson};
use crate::store::{people as q, registrations};
use crate::{files, Result, Store};

pub fn list(store: &Store) -> Result<Vec<Person>> {
    Ok(q::list(store.conn())?)
}

pub fn get(store: &Store, id: i64) -> Result<Person> {
    Ok(q::get(store.conn(), id)?)
}

pub fn create(store: &mut Store, input: &PersonInput) -> Result<Person> {
    let valid = input.validate()?;
    let tx = store.conn_mut().transaction()?;
    let id = q::insert(&tx, &valid)?;
    let p = q::get(&tx, id)?;
    tx.commit()?;
    Ok(p)
}

pub fn update(store: &mut Store, id: i64, input: &PersonInput) -> Result<Person> {
    let valid = input.validate()?;
    let tx = store.conn_mut().transaction()?;
    q::update(&tx, id, &valid)?;
    let p = q::get(&tx, id)?;
    tx.commit()?;
    Ok(p)
}

/// Everything Forum Desk holds about one person: what a subject access request gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PersonRecord {
    pub person: Person,
    /// Each meeting they registered for, and how they took part.
    pub registrations: Vec<Registration>,
}

pub fn record(store: &Store, id: i64) -> Result<PersonRecord> {
    Ok(PersonRecord { person: q::get(store.conn(), id)?, registrations: registrations::for_person(store.conn(), id)? })
}

/// Writes the person's record as JSON (a subject access request's answer).
pub fn export_record(store: &Store, id: i64, path: &Path) -> Result<()> {
    let record = record(store, id)?;
    let json = serde_json::to_string_pretty(&serde_json::json!({
        "format": "forum-desk-person-record",
        "version": 1,
        "exportedAt": crate::store::now(),
        "record": record,
    }))
    .map_err(|e| crate::store::StoreError::Conflict { field: None, message: e.to_string() })?;
    files::write_atomic(path, json.as_bytes()).map_err(|e| crate::store::StoreError::io(path, e))?;
    Ok(())
}

/// Erases a person (the right to erasure): their name, email and pronouns are gone
/// everywhere; their attendance stays as an anonymous count for their network.
pub fn erase(store: &mut Store, id: i64) -> Result<()> {
    erase_many(store, &[id])
}

/// Erases several people at once (the retention rule's offer), all or none.
pub fn erase_many(store: &mut Store, ids: &[i64]) -> Result<()> {
    let tx = store.conn_mut().transaction()?;
    for id in ids {
        q::erase(&tx, *id)?;
    }
    tx.commit()?;
    Ok(())
}

/// How many years a person's details are kept after they last registered.
pub const RETENTION_KEY: &str = "privacy.retention_years";
pub const DEFAULT_RETENTION_YEARS: u32 = 3;

pub fn retention_years(store: &Store) -> Result<u32> {
    Ok(crate::settings::get(store, RETENTION_KEY)?.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_RETENTION_YEARS))
}

pub fn set_retention_years(store: &mut Store, years: u32) -> Result<()> {
    if !(1..=50).contains(&years) {
        return Err(crate::model::ValidationError::new("retentionYears", "Keep details for between 1 and 50 years").into());
    }
    crate::settings::set(store, RETENTION_KEY, &years.to_string())
}

/// A person the retention rule offers for erasure, and when they were last seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StalePerson {
    pub person: Person,
    /// The date of the last meeting they registered for (none: never registered).
    pub last_seen: Option<String>,
}

/// The retention period and the people it offers for erasure, as the People screen shows them.
pub fn retention(store: &Store, today: chrono::NaiveDate) -> Result<(u32, Vec<StalePerson>)> {
    Ok((retention_years(store)?, stale(store, today)?))
}

/// People not seen for longer than the retention period, as of `today`.
pub fn stale(store: &Store, today: chrono::NaiveDate) -> Result<Vec<StalePerson>> {
    let years = retention_years(store)?;
    let before = today.checked_sub_months(chrono::Months::new(12 * years)).unwrap_or(today).format("%Y-%m-%d").to_string();
    Ok(q::last_seen_before(store.conn(), &before)?.into_iter().map(|(person, last_seen)| StalePerson { person, last_seen }).collect())
}

/// The person this input names, added if new. A known person keeps what the chair
/// recorded; what they left blank (pronouns, email, network) is filled in.
pub(crate) fn find_or_add(conn: &Connection, p: &ValidPerson) -> Result<i64> {
    let Some(id) = q::find_by_key(conn, &p.match_key())? else {
        return Ok(q::insert(conn, p)?);
    };
    let known = q::get(conn, id)?;
    let merged = ValidPerson {
        name: known.name,
        pronouns: known.pronouns.or_else(|| p.pronouns.clone()),
        email: known.email.or_else(|| p.email.clone()),
        network_id: known.network_id.or(p.network_id),
        role: known.role,
    };
    q::update(conn, id, &merged)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttendanceStatus, MeetingInput, RegistrationInput, RegistrationSource, Role};
    use crate::{people::attendance, forum::meetings};

    #[test]
    fn a_record_holds_every_registration_and_erasing_removes_them_all() {
        let mut s = Store::open_in_memory().unwrap();
        let mut ids = Vec::new();
        for date in ["2026-10-08", "2027-01-14"] {
            let m = meetings::create(&mut s, &MeetingInput { date: date.into(), start_time: "15:00".into(), end_time: "16:00".into(), ..Default::default() }, None).unwrap();
            let input = RegistrationInput { name: "Sam Jones".into(), email: Some("sam@a.gov.uk".into()), pronouns: Some("they/them".into()), network_id: None, status: AttendanceStatus::InPerson };
            ids.push(attendance::register(&mut s, m.id, &input, RegistrationSource::Entered).unwrap().person_id);
        }
        assert_eq!(ids[0], ids[1], "one person, two registrations");
        let r = record(&s, ids[0]).unwrap();
        assert_eq!((r.person.pronouns.as_deref(), r.registrations.len()), (Some("they/them"), 2));

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sam.json");
        export_record(&s, ids[0], &path).unwrap();
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!((json["format"].as_str(), json["record"]["registrations"].as_array().map(Vec::len)), (Some("forum-desk-person-record"), Some(2)));

        erase(&mut s, ids[0]).unwrap();
        assert_eq!(get(&s, ids[0]).unwrap_err().code(), "not_found");
        assert!(list(&s).unwrap().is_empty());
        // Nothing of who they were is left in any table; their attendance still counts.
        let dump: String = s
            .conn()
            .query_row("SELECT group_concat(name || coalesce(email, '') || coalesce(pronouns, '')) FROM person", [], |r| r.get(0))
            .unwrap();
        assert!(!dump.contains("Sam") && !dump.contains("sam@") && !dump.contains("they/them"), "{dump}");
        let regs = attendance::for_meeting(&s, r.registrations[0].meeting_id).unwrap();
        assert_eq!((regs.len(), regs[0].erased, regs[0].name.as_str()), (1, true, "Erased person"));
        assert_eq!(attendance::check_in(&s, r.registrations[0].meeting_id).unwrap().counts.in_person, 1);
        // Registering again with the same email is a new person.
        let again = RegistrationInput { name: "Sam Jones".into(), email: Some("sam@a.gov.uk".into()), pronouns: None, network_id: None, status: AttendanceStatus::InPerson };
        let m3 = meetings::create(&mut s, &MeetingInput { date: "2027-04-08".into(), start_time: "15:00".into(), end_time: "16:00".into(), ..Default::default() }, None).unwrap();
        assert_ne!(attendance::register(&mut s, m3.id, &again, RegistrationSource::Entered).unwrap().person_id, ids[0]);
    }

    #[test]
    fn the_retention_rule_offers_people_not_seen_for_years() {
        let mut s = Store::open_in_memory().unwrap();
        let reg = |s: &mut Store, date: &str, name: &str| {
            let m = meetings::create(s, &MeetingInput { date: date.into(), start_time: "15:00".into(), end_time: "16:00".into(), ..Default::default() }, None).unwrap();
            let input = RegistrationInput { name: name.into(), email: None, pronouns: None, network_id: None, status: AttendanceStatus::InPerson };
            attendance::register(s, m.id, &input, RegistrationSource::Entered).unwrap();
        };
        reg(&mut s, "2020-01-09", "Old Timer");
        reg(&mut s, "2025-10-09", "Recent Lead");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let stale_names = |s: &Store| stale(s, today).unwrap().into_iter().map(|p| (p.person.name, p.last_seen)).collect::<Vec<_>>();
        assert_eq!(stale_names(&s), vec![("Old Timer".to_string(), Some("2020-01-09".to_string()))]);
        set_retention_years(&mut s, 1).unwrap();
        assert_eq!(stale_names(&s).len(), 2, "2025-10-09 is more than a year before 2026-11-22");
        set_retention_years(&mut s, 2).unwrap();
        assert_eq!(set_retention_years(&mut s, 0).unwrap_err().field(), Some("retentionYears"));
        let ids: Vec<i64> = stale(&s, today).unwrap().iter().map(|p| p.person.id).collect();
        erase_many(&mut s, &ids).unwrap();
        assert!(stale(&s, today).unwrap().is_empty());
        assert_eq!(list(&s).unwrap().len(), 1);
    }

    #[test]
    fn editing_keeps_one_person_per_email() {
        let mut s = Store::open_in_memory().unwrap();
        let input = |name: &str, email: &str| PersonInput { name: name.into(), pronouns: None, email: Some(email.into()), network_id: None, role: Role::ForumTeam };
        create(&mut s, &input("Sam", "sam@a.gov.uk")).unwrap();
        let kit = create(&mut s, &input("Kit", "kit@a.gov.uk")).unwrap();
        let e = update(&mut s, kit.id, &input("Kit", "SAM@a.gov.uk")).unwrap_err();
        assert_eq!((e.code(), e.field()), ("conflict", Some("email")));
        let kit = update(&mut s, kit.id, &PersonInput { role: Role::ViceChair, ..input("Kit Moss", "kit@a.gov.uk") }).unwrap();
        assert_eq!((kit.name.as_str(), kit.role), ("Kit Moss", Role::ViceChair));
    }
}
