//! SQL for actions and their updates.

use std::collections::HashMap;

use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::{query_one, now, word, StoreError};
use crate::model::{Action, ActionFilter, ActionStatus, ActionUpdate, ValidAction};

const SELECT: &str = "SELECT a.id, a.meeting_id, m.title, m.date, a.item_id, i.title, a.description, a.owner_network_id, n.name,
                             a.owner_text, a.due_date, a.status, a.closed_at, a.closed_meeting_id, a.created_at
                      FROM action a
                      JOIN meeting m ON m.id = a.meeting_id
                      LEFT JOIN agenda_item i ON i.id = a.item_id
                      LEFT JOIN network n ON n.id = a.owner_network_id";

fn from_row(r: &Row, today: &str) -> rusqlite::Result<Action> {
    let status = word(r, 11, ActionStatus::parse)?;
    let due_date: Option<String> = r.get(10)?;
    Ok(Action {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        meeting_title: r.get(2)?,
        meeting_date: r.get(3)?,
        item_id: r.get(4)?,
        item_title: r.get(5)?,
        description: r.get(6)?,
        owner_network_id: r.get(7)?,
        owner_network_name: r.get(8)?,
        owner_text: r.get(9)?,
        overdue: !status.is_closed() && due_date.as_deref().is_some_and(|d| d < today),
        due_date,
        status,
        closed_at: r.get(12)?,
        closed_meeting_id: r.get(13)?,
        updates: Vec::new(),
        created_at: r.get(14)?,
    })
}

/// Fills in each action's updates, oldest first.
fn with_updates(conn: &Connection, mut actions: Vec<Action>) -> Result<Vec<Action>, StoreError> {
    let mut by_action: HashMap<i64, Vec<ActionUpdate>> = HashMap::new();
    for chunk in actions.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "SELECT u.action_id, u.id, u.meeting_id, m.title, u.date, u.text, u.status
             FROM action_update u LEFT JOIN meeting m ON m.id = u.meeting_id
             WHERE u.action_id IN ({marks}) ORDER BY u.action_id, u.id"
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(chunk.iter().map(|a| a.id)), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                ActionUpdate {
                    id: r.get(1)?,
                    meeting_id: r.get(2)?,
                    meeting_title: r.get(3)?,
                    date: r.get(4)?,
                    text: r.get(5)?,
                    status: word(r, 6, ActionStatus::parse)?,
                },
            ))
        })?;
        for row in rows {
            let (id, u) = row?;
            by_action.entry(id).or_default().push(u);
        }
    }
    for a in &mut actions {
        a.updates = by_action.remove(&a.id).unwrap_or_default();
    }
    Ok(actions)
}

fn query(conn: &Connection, where_sql: &str, args: &[&dyn rusqlite::ToSql], today: &str) -> Result<Vec<Action>, StoreError> {
    query_limited(conn, where_sql, args, today, None)
}

fn query_limited(conn: &Connection, where_sql: &str, args: &[&dyn rusqlite::ToSql], today: &str, limit: Option<u32>) -> Result<Vec<Action>, StoreError> {
    let limit = limit.map_or(-1, i64::from);
    let sql = format!(
        "{SELECT} WHERE {where_sql}
         ORDER BY a.status IN ('done', 'dropped'), COALESCE(a.due_date, '9999-12-31'), m.date, a.id
         LIMIT {limit}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(args, |r| from_row(r, today))?;
    with_updates(conn, rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64, today: &str) -> Result<Action, StoreError> {
    query(conn, "a.id = ?1", &[&id], today)?.pop().ok_or_else(|| StoreError::not_found(format!("Action {id}")))
}

pub fn list(conn: &Connection, f: &ActionFilter, today: &str) -> Result<Vec<Action>, StoreError> {
    let owner = f.owner.as_deref().map(str::trim).filter(|o| !o.is_empty()).map(|o| format!("%{}%", o.replace('%', "\\%").replace('_', "\\_")));
    // Open actions only: said as a range of the log's index (its first part is "closed"),
    // so the scan ends with the open ones. As a test of each row it read all twenty
    // thousand: rows the WHERE drops never tell SQLite that the open ones are over.
    let open_range = if f.open_only || f.overdue_only { " AND (a.status IN ('done', 'dropped')) = 0" } else { "" };
    query_limited(
        conn,
        &format!(
            "(?1 IS NULL OR a.status = ?1)
         AND (NOT ?2 OR a.status IN ('open', 'in_progress'))
         AND (?3 IS NULL OR COALESCE(a.owner_text, '') || ' ' || COALESCE(n.name, '') LIKE ?3 ESCAPE '\\')
         AND (?4 IS NULL OR a.meeting_id = ?4)
         AND (NOT ?5 OR (a.status IN ('open', 'in_progress') AND a.due_date < ?6)){open_range}"
        ),
        &[&f.status.map(ActionStatus::as_str), &f.open_only, &owner, &f.meeting_id, &f.overdue_only, &today],
        today,
        f.limit,
    )
}

/// Actions agreed at this meeting.
pub fn agreed_at(conn: &Connection, meeting_id: i64, today: &str) -> Result<Vec<Action>, StoreError> {
    query(conn, "a.meeting_id = ?1", &[&meeting_id], today)
}

/// Actions carried into a meeting: agreed at an earlier meeting and still open, or
/// closed at this one (so the record of closing it stays with the meeting).
pub fn carried_into(conn: &Connection, meeting_id: i64, meeting_date: &str, today: &str) -> Result<Vec<Action>, StoreError> {
    query(
        conn,
        // Three small sets, each found by an index, rather than a test of every action.
        "a.meeting_id <> ?1 AND m.date < ?2
         AND a.id IN (SELECT id FROM action WHERE status IN ('open', 'in_progress')
                      UNION SELECT id FROM action WHERE closed_meeting_id = ?1
                      UNION SELECT action_id FROM action_update WHERE meeting_id = ?1)",
        &[&meeting_id, &meeting_date],
        today,
    )
}

pub fn open_count(conn: &Connection, before_or_at: &str) -> Result<u32, StoreError> {
    Ok(query_one(conn, 
        "SELECT count(*) FROM action a JOIN meeting m ON m.id = a.meeting_id WHERE a.status IN ('open', 'in_progress') AND m.date < ?1",
        [before_or_at],
        |r| r.get(0),
    )?)
}

pub fn insert(conn: &Connection, meeting_id: i64, item_id: Option<i64>, a: &ValidAction) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO action (meeting_id, item_id, description, owner_network_id, owner_text, due_date, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![meeting_id, item_id, a.description, a.owner_network_id, a.owner_text, a.due_date.map(|d| d.format("%Y-%m-%d").to_string()), now()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, a: &ValidAction) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE action SET description = ?2, owner_network_id = ?3, owner_text = ?4, due_date = ?5, updated_at = ?6 WHERE id = ?1",
        params![id, a.description, a.owner_network_id, a.owner_text, a.due_date.map(|d| d.format("%Y-%m-%d").to_string()), now()],
    )?;
    Ok(())
}

/// Records an update and moves the action to its status; closing notes the date and the
/// meeting it closed at, reopening clears them.
pub fn add_update(conn: &Connection, id: i64, meeting_id: Option<i64>, date: &str, text: &str, status: ActionStatus) -> Result<(), StoreError> {
    let t = now();
    conn.execute(
        "INSERT INTO action_update (action_id, meeting_id, date, text, status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, meeting_id, date, text, status.as_str(), t],
    )?;
    let (closed_at, closed_meeting) = if status.is_closed() { (Some(date), meeting_id) } else { (None, None) };
    conn.execute(
        "UPDATE action SET status = ?2, closed_at = ?3, closed_meeting_id = ?4, updated_at = ?5 WHERE id = ?1",
        params![id, status.as_str(), closed_at, closed_meeting, t],
    )?;
    Ok(())
}

pub fn meeting_of(conn: &Connection, id: i64) -> Result<i64, StoreError> {
    query_one(conn, "SELECT meeting_id FROM action WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Action {id}")))
}
