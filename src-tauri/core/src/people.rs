//! People: network leads and forum team members. Personal data: they are found again
//! by email (or name within a network) so one person is one row, and erasing them
//! removes every registration of theirs.

use rusqlite::Connection;

use crate::model::{Person, PersonInput, ValidPerson};
use crate::store::people as q;
use crate::{Result, Store};

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
