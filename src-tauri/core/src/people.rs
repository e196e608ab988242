//! People: network leads and forum team members. Personal data: they are found again
//! by email (or name within a network) so one person is one row, and erasing them
//! removes every registration of theirs.

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

/// Erases a person and their registrations (the right to erasure).
pub fn erase(store: &mut Store, id: i64) -> Result<()> {
    let tx = store.conn_mut().transaction()?;
    q::delete(&tx, id)?;
    tx.commit()?;
    Ok(())
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
    use crate::{attendance, meetings};

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
        let left: i64 = s.conn().query_row("SELECT count(*) FROM registration", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 0);
        assert_eq!(get(&s, ids[0]).unwrap_err().code(), "not_found");
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
