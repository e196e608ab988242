//! SQL for registrations and attendance.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{query_one, now, word, StoreError};
use crate::model::{AttendanceStatus, Registration, RegistrationSource};

const SELECT: &str = "SELECT r.id, r.meeting_id, r.person_id, p.name, p.pronouns, p.email, r.network_id, n.name, n.department,
                             r.status, r.source, r.registered_at, m.date, m.title, p.erased_at IS NOT NULL,
                             r.minutes_in_meeting, r.first_join, r.last_leave
                      FROM registration r JOIN person p ON p.id = r.person_id JOIN meeting m ON m.id = r.meeting_id
                           LEFT JOIN network n ON n.id = r.network_id";

fn from_row(r: &Row) -> rusqlite::Result<Registration> {
    Ok(Registration {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        person_id: r.get(2)?,
        name: r.get(3)?,
        pronouns: r.get(4)?,
        email: r.get(5)?,
        network_id: r.get(6)?,
        network_name: r.get(7)?,
        department: r.get(8)?,
        status: word(r, 9, AttendanceStatus::parse)?,
        source: word(r, 10, RegistrationSource::parse)?,
        registered_at: r.get(11)?,
        meeting_date: r.get(12)?,
        meeting_title: r.get(13)?,
        erased: r.get(14)?,
        minutes_in_meeting: r.get(15)?,
        first_join: r.get(16)?,
        last_leave: r.get(17)?,
    })
}

pub fn for_meeting(conn: &Connection, meeting_id: i64) -> Result<Vec<Registration>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE r.meeting_id = ?1 ORDER BY p.name COLLATE NOCASE, r.id"))?;
    let rows = stmt.query_map([meeting_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn for_person(conn: &Connection, person_id: i64) -> Result<Vec<Registration>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE r.person_id = ?1 ORDER BY m.date, r.meeting_id"))?;
    let rows = stmt.query_map([person_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Registration, StoreError> {
    query_one(conn, &format!("{SELECT} WHERE r.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Registration {id}")))
}

pub fn find(conn: &Connection, meeting_id: i64, person_id: i64) -> Result<Option<i64>, StoreError> {
    Ok(query_one(conn, "SELECT id FROM registration WHERE meeting_id = ?1 AND person_id = ?2", [meeting_id, person_id], |r| r.get(0))
        .optional()?)
}

pub struct NewRegistration<'a> {
    pub meeting_id: i64,
    pub person_id: i64,
    pub network_id: Option<i64>,
    pub status: AttendanceStatus,
    pub source: RegistrationSource,
    pub registered_at: Option<&'a str>,
}

pub fn insert(conn: &Connection, r: &NewRegistration) -> Result<i64, StoreError> {
    let at = now();
    conn.execute(
        "INSERT INTO registration (meeting_id, person_id, network_id, status, source, registered_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![r.meeting_id, r.person_id, r.network_id, r.status.as_str(), r.source.as_str(), r.registered_at, at],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A later registration of the same person for the same meeting refreshes the network
/// and time; the status the chair has recorded is kept.
pub fn refresh(conn: &Connection, id: i64, network_id: Option<i64>, registered_at: Option<&str>) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE registration SET network_id = ?2, registered_at = COALESCE(?3, registered_at), updated_at = ?4 WHERE id = ?1",
        params![id, network_id, registered_at, now()],
    )?;
    Ok(())
}

pub fn set_status(conn: &Connection, id: i64, status: AttendanceStatus) -> Result<(), StoreError> {
    let n = conn.execute("UPDATE registration SET status = ?2, updated_at = ?3 WHERE id = ?1", params![id, status.as_str(), now()])?;
    if n == 0 {
        return Err(StoreError::not_found(format!("Registration {id}")));
    }
    Ok(())
}

/// How a person took part in an online meeting, from its attendance report.
pub struct OnlineTime<'a> {
    pub minutes: Option<u32>,
    pub first_join: Option<&'a str>,
    pub last_leave: Option<&'a str>,
}

/// Records the status and the time in the meeting together (a Teams report's line).
pub fn set_online(conn: &Connection, id: i64, status: AttendanceStatus, time: &OnlineTime) -> Result<(), StoreError> {
    let n = conn.execute(
        "UPDATE registration SET status = ?2, minutes_in_meeting = ?3, first_join = ?4, last_leave = ?5, updated_at = ?6 WHERE id = ?1",
        params![id, status.as_str(), time.minutes, time.first_join, time.last_leave, now()],
    )?;
    if n == 0 {
        return Err(StoreError::not_found(format!("Registration {id}")));
    }
    Ok(())
}

/// Phone lines in a meeting that Teams names only by a masked number: dialled in,
/// counted without a name.
pub fn phone_participants(conn: &Connection, meeting_id: i64) -> Result<u32, StoreError> {
    query_one(conn, "SELECT phone_participants FROM meeting WHERE id = ?1", [meeting_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Meeting {meeting_id}")))
}

pub fn set_phone_participants(conn: &Connection, meeting_id: i64, count: u32) -> Result<(), StoreError> {
    conn.execute("UPDATE meeting SET phone_participants = ?2, updated_at = ?3 WHERE id = ?1", params![meeting_id, count, now()])?;
    Ok(())
}

/// The phone lines of each meeting with any, over a span of dates.
pub fn phone_participants_between(conn: &Connection, from: &str, to: &str) -> Result<HashMap<i64, u32>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, phone_participants FROM meeting WHERE date BETWEEN ?1 AND ?2 AND phone_participants > 0")?;
    let rows = stmt.query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn delete(conn: &Connection, id: i64) -> Result<(), StoreError> {
    if conn.execute("DELETE FROM registration WHERE id = ?1", [id])? == 0 {
        return Err(StoreError::not_found(format!("Registration {id}")));
    }
    Ok(())
}

/// How many registrations of each status each meeting from `from` to `to` has (cancelled
/// meetings left out), and how many networks took part in each: counted by SQLite from
/// the covering index, rather than thousands of rows read and counted here.
pub fn counts_between(conn: &Connection, from: &str, to: &str) -> Result<HashMap<i64, MeetingTotals>, StoreError> {
    totals(conn, "SELECT id FROM meeting WHERE date BETWEEN ?1 AND ?2 AND cancelled_at IS NULL", [from, to])
}

/// The same counts for one meeting.
pub fn counts_for_meeting(conn: &Connection, meeting_id: i64) -> Result<MeetingTotals, StoreError> {
    Ok(totals(conn, "SELECT ?1", [meeting_id])?.remove(&meeting_id).unwrap_or_default())
}

/// The counts of the meetings `meetings` (SQL giving their ids) selects with `params`.
fn totals(conn: &Connection, meetings: &str, params: impl rusqlite::Params + Copy) -> Result<HashMap<i64, MeetingTotals>, StoreError> {
    let mut totals: HashMap<i64, MeetingTotals> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!("SELECT meeting_id, status, count(*) FROM registration WHERE meeting_id IN ({meetings}) GROUP BY meeting_id, status"))?;
    let rows = stmt.query_map(params, |r| Ok((r.get::<_, i64>(0)?, word(r, 1, AttendanceStatus::parse)?, r.get::<_, u32>(2)?)))?;
    for row in rows {
        let (meeting, status, n) = row?;
        totals.entry(meeting).or_default().by_status.push((status, n));
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT meeting_id, count(DISTINCT network_id) FROM registration
         WHERE meeting_id IN ({meetings}) AND status IN ('in_person', 'dialled_in') AND network_id IS NOT NULL GROUP BY meeting_id"
    ))?;
    let rows = stmt.query_map(params, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?)))?;
    for row in rows {
        let (meeting, n) = row?;
        totals.entry(meeting).or_default().networks = n;
    }
    Ok(totals)
}

/// The networks (department, name) with someone in the room or on the line at a meeting,
/// by department and name.
pub fn attending_network_names(conn: &Connection, meeting_id: i64) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT n.department, n.name FROM registration r JOIN network n ON n.id = r.network_id
         WHERE r.meeting_id = ?1 AND r.status IN ('in_person', 'dialled_in') ORDER BY n.department, n.name",
    )?;
    let rows = stmt.query_map([meeting_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A meeting's registrations counted by status, and its networks taking part.
#[derive(Debug, Default)]
pub struct MeetingTotals {
    pub by_status: Vec<(AttendanceStatus, u32)>,
    pub networks: u32,
}

/// The networks with someone in the room or on the line at a meeting (a covering index
/// answers this without reading the rows).
pub fn attending_networks(conn: &Connection, meeting_id: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT network_id FROM registration WHERE meeting_id = ?1 AND status IN ('in_person', 'dialled_in') AND network_id IS NOT NULL",
    )?;
    let rows = stmt.query_map([meeting_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
