//! SQL for the `meeting` table.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{query_one, now, word, StoreError};
use crate::model::{Meeting, MeetingStatus, ValidMeeting};

const COLUMNS: &str = "id, title, date, start_time, end_time, location, online_link, dial_in, registration_link, \
                       registration_deadline, readout_author, status, cancelled_at, created_at, updated_at, \
                       readout_approved_at, locked, amended_at, registration_email";

fn from_row(r: &Row) -> rusqlite::Result<Meeting> {
    Ok(Meeting {
        id: r.get(0)?,
        title: r.get(1)?,
        date: r.get(2)?,
        start_time: r.get(3)?,
        end_time: r.get(4)?,
        location: r.get(5)?,
        online_link: r.get(6)?,
        dial_in: r.get(7)?,
        registration_link: r.get(8)?,
        registration_deadline: r.get(9)?,
        readout_author: r.get(10)?,
        status: word(r, 11, MeetingStatus::parse)?,
        cancelled_at: r.get(12)?,
        created_at: r.get(13)?,
        updated_at: r.get(14)?,
        readout_approved_at: r.get(15)?,
        locked: r.get(16)?,
        amended_at: r.get(17)?,
        registration_email: r.get(18)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Meeting, StoreError> {
    query_one(conn, &format!("SELECT {COLUMNS} FROM meeting WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Meeting {id}")))
}

/// Meetings with their item counts: upcoming (from `today`) soonest first, then past
/// ones latest first.
pub fn list(conn: &Connection, today: &str) -> Result<Vec<(Meeting, u32, u32)>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS}, (SELECT count(*) FROM agenda_item i WHERE i.meeting_id = meeting.id),
                (SELECT count(*) FROM action a WHERE a.meeting_id = meeting.id AND a.status IN ('open', 'in_progress'))
         FROM meeting
         ORDER BY date < ?1, CASE WHEN date >= ?1 THEN date END ASC, date DESC, start_time, id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([today], |r| Ok((from_row(r)?, r.get(19)?, r.get(20)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Meetings on or before `today` that were not cancelled, oldest first.
pub fn held_by(conn: &Connection, today: &str) -> Result<Vec<Meeting>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM meeting WHERE cancelled_at IS NULL AND date <= ?1 ORDER BY date, start_time, id"
    ))?;
    let rows = stmt.query_map([today], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn latest(conn: &Connection) -> Result<Option<Meeting>, StoreError> {
    Ok(query_one(conn, &format!("SELECT {COLUMNS} FROM meeting WHERE cancelled_at IS NULL ORDER BY date DESC, id DESC LIMIT 1"), [], from_row)
        .optional()?)
}

/// Meetings from `from` to `to` (ISO dates, both included), cancelled ones too, by date.
pub fn between(conn: &Connection, from: &str, to: &str) -> Result<Vec<Meeting>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM meeting WHERE date BETWEEN ?1 AND ?2 ORDER BY date, start_time, id"))?;
    let rows = stmt.query_map([from, to], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether a meeting (even a cancelled one) is on this ISO date.
pub fn taken(conn: &Connection, date: &str) -> Result<bool, StoreError> {
    Ok(query_one(conn, "SELECT EXISTS (SELECT 1 FROM meeting WHERE date = ?1)", [date], |r| r.get(0))?)
}

pub fn count(conn: &Connection) -> Result<i64, StoreError> {
    Ok(query_one(conn, "SELECT count(*) FROM meeting", [], |r| r.get(0))?)
}

fn values(m: &ValidMeeting) -> [String; 4] {
    [
        m.date.format("%Y-%m-%d").to_string(),
        m.start.format("%H:%M").to_string(),
        m.end.format("%H:%M").to_string(),
        m.registration_deadline.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
    ]
}

pub fn insert(conn: &Connection, m: &ValidMeeting) -> Result<i64, StoreError> {
    let [date, start, end, deadline] = values(m);
    conn.execute(
        "INSERT INTO meeting (title, date, start_time, end_time, location, online_link, dial_in, registration_link,
                              registration_deadline, readout_author, created_at, updated_at, registration_email)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULLIF(?9, ''), ?10, ?11, ?11, ?12)",
        params![m.title, date, start, end, m.location, m.online_link, m.dial_in, m.registration_link, deadline, m.readout_author, now(), m.registration_email],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, m: &ValidMeeting) -> Result<(), StoreError> {
    let [date, start, end, deadline] = values(m);
    let n = conn.execute(
        "UPDATE meeting SET title = ?2, date = ?3, start_time = ?4, end_time = ?5, location = ?6, online_link = ?7,
                dial_in = ?8, registration_link = ?9, registration_deadline = NULLIF(?10, ''), readout_author = ?11, updated_at = ?12,
                registration_email = ?13
         WHERE id = ?1",
        params![id, m.title, date, start, end, m.location, m.online_link, m.dial_in, m.registration_link, deadline, m.readout_author, now(), m.registration_email],
    )?;
    if n == 0 {
        return Err(StoreError::not_found(format!("Meeting {id}")));
    }
    Ok(())
}

/// Sets the status; approving records the time, and approving or publishing locks.
pub fn set_status(conn: &Connection, id: i64, status: MeetingStatus) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE meeting SET status = ?2, updated_at = ?3,
                readout_approved_at = CASE WHEN ?2 = 'readout_approved' THEN ?3
                                           WHEN ?2 IN ('planned', 'agenda_circulated', 'held', 'readout_drafted') THEN NULL
                                           ELSE readout_approved_at END,
                locked = CASE WHEN ?2 IN ('readout_approved', 'published') THEN 1 ELSE 0 END
         WHERE id = ?1",
        params![id, status.as_str(), now()],
    )?;
    Ok(())
}

pub fn set_locked(conn: &Connection, id: i64, locked: bool) -> Result<(), StoreError> {
    conn.execute("UPDATE meeting SET locked = ?2, updated_at = ?3 WHERE id = ?1", params![id, locked, now()])?;
    Ok(())
}

pub fn mark_amended(conn: &Connection, id: i64) -> Result<(), StoreError> {
    conn.execute("UPDATE meeting SET amended_at = ?2 WHERE id = ?1", params![id, now()])?;
    Ok(())
}

pub fn set_cancelled(conn: &Connection, id: i64, cancelled: bool) -> Result<(), StoreError> {
    let t = now();
    conn.execute(
        "UPDATE meeting SET cancelled_at = CASE WHEN ?2 THEN ?3 ELSE NULL END, updated_at = ?3 WHERE id = ?1",
        params![id, cancelled, t],
    )?;
    Ok(())
}

/// Whether anything recorded at the meeting (notes, outcomes) would be lost by deleting it.
pub fn has_records(conn: &Connection, id: i64) -> Result<bool, StoreError> {
    Ok(query_one(conn, 
        "SELECT EXISTS (SELECT 1 FROM agenda_item WHERE meeting_id = ?1 AND trim(notes) <> '')
             OR EXISTS (SELECT 1 FROM outcome o JOIN agenda_item i ON i.id = o.item_id WHERE i.meeting_id = ?1)
             OR EXISTS (SELECT 1 FROM action WHERE meeting_id = ?1)
             OR EXISTS (SELECT 1 FROM action_update WHERE meeting_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

pub fn delete(conn: &Connection, id: i64) -> Result<(), StoreError> {
    conn.execute("DELETE FROM meeting WHERE id = ?1", [id])?;
    Ok(())
}
