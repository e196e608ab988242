//! SQL for people.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{query_one, now, word, StoreError};
use crate::model::{Person, Role, ValidPerson};

const SELECT: &str = "SELECT p.id, p.name, p.pronouns, p.email, p.network_id, n.name, p.role, p.created_at, p.updated_at
                      FROM person p LEFT JOIN network n ON n.id = p.network_id";

fn from_row(r: &Row) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        pronouns: r.get(2)?,
        email: r.get(3)?,
        network_id: r.get(4)?,
        network_name: r.get(5)?,
        role: word(r, 6, Role::parse)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

/// Everyone not erased.
pub fn list(conn: &Connection) -> Result<Vec<Person>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE p.erased_at IS NULL ORDER BY p.name COLLATE NOCASE, p.id"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Each network's people's email addresses (network id, address), in the list's order:
/// what the attendance and forward-look screens show as contacts, without reading every
/// person whole.
pub fn emails_by_network(conn: &Connection) -> Result<Vec<(i64, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT network_id, email FROM person WHERE erased_at IS NULL AND network_id IS NOT NULL AND email IS NOT NULL
         ORDER BY name COLLATE NOCASE, id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Person, StoreError> {
    query_one(conn, &format!("{SELECT} WHERE p.id = ?1 AND p.erased_at IS NULL"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Person {id}")))
}

pub fn find_by_key(conn: &Connection, key: &str) -> Result<Option<i64>, StoreError> {
    Ok(query_one(conn, "SELECT id FROM person WHERE match_key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn insert(conn: &Connection, p: &ValidPerson) -> Result<i64, StoreError> {
    let at = now();
    conn.execute(
        "INSERT INTO person (name, pronouns, email, network_id, role, match_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![p.name, p.pronouns, p.email, p.network_id, p.role.as_str(), p.match_key(), at],
    )
    .map_err(|e| duplicate_as_conflict(e, p))?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, p: &ValidPerson) -> Result<(), StoreError> {
    let n = conn
        .execute(
            "UPDATE person SET name = ?2, pronouns = ?3, email = ?4, network_id = ?5, role = ?6, match_key = ?7, updated_at = ?8
             WHERE id = ?1 AND erased_at IS NULL",
            params![id, p.name, p.pronouns, p.email, p.network_id, p.role.as_str(), p.match_key(), now()],
        )
        .map_err(|e| duplicate_as_conflict(e, p))?;
    if n == 0 {
        return Err(StoreError::not_found(format!("Person {id}")));
    }
    Ok(())
}

/// The placeholder an erased person becomes: who they were is gone; that someone from
/// their network took part is kept.
pub const ERASED_NAME: &str = "Erased person";

/// Removes a person's name, email and pronouns for good, keeping an anonymous row so
/// their registrations still count for their network. Their name as the sender of a
/// submission goes too.
pub fn erase(conn: &Connection, id: i64) -> Result<(), StoreError> {
    let name: String = query_one(conn, "SELECT name FROM person WHERE id = ?1 AND erased_at IS NULL", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Person {id}")))?;
    conn.execute(
        "UPDATE person SET name = ?2, pronouns = NULL, email = NULL, match_key = 'erased:' || id, erased_at = ?3, updated_at = ?3 WHERE id = ?1",
        params![id, ERASED_NAME, now()],
    )?;
    conn.execute("UPDATE submission SET submitted_by = NULL WHERE submitted_by = ?1", [name])?;
    Ok(())
}

/// People not erased whose last registration (or, with none, their record) is older
/// than `before` (an ISO date): what the retention rule offers for erasure.
pub fn last_seen_before(conn: &Connection, before: &str) -> Result<Vec<(Person, Option<String>)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT * FROM (SELECT p.id, p.name, p.pronouns, p.email, p.network_id, n.name, p.role, p.created_at, p.updated_at,
                (SELECT max(m.date) FROM registration r JOIN meeting m ON m.id = r.meeting_id WHERE r.person_id = p.id) AS last_seen
         FROM person p LEFT JOIN network n ON n.id = p.network_id WHERE p.erased_at IS NULL)
         WHERE coalesce(last_seen, substr(created_at, 1, 10)) < ?1 ORDER BY last_seen, name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([before], |r| Ok((from_row(r)?, r.get(9)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn duplicate_as_conflict(e: rusqlite::Error, p: &ValidPerson) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {
            let (field, what) = match &p.email {
                Some(email) => ("email", format!("the email address {email}")),
                None => ("name", format!("the name {} in this network", p.name)),
            };
            StoreError::Conflict { field: Some(field.into()), message: format!("Someone with {what} is already in the list of people") }
        }
        _ => StoreError::from(e),
    }
}
