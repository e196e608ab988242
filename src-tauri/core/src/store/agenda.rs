//! SQL for agenda items and their outcomes.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{query_one, now, word, StoreError};
use crate::model::{ItemKind, ValidItem};

/// An item as stored: no slot (computed) and no outcomes (their own table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    pub id: i64,
    pub meeting_id: i64,
    pub position: u32,
    pub title: String,
    pub presenter: Option<String>,
    pub duration: u32,
    pub kind: ItemKind,
    pub proposed_by: Option<i64>,
    pub proposed_by_name: Option<String>,
    pub description: Option<String>,
    pub notes: String,
}

const SELECT: &str = "SELECT i.id, i.meeting_id, i.position, i.title, i.presenter, i.duration_minutes, i.kind, i.proposed_by,
                             n.name, i.description, i.notes
                      FROM agenda_item i LEFT JOIN network n ON n.id = i.proposed_by";

fn from_row(r: &Row) -> rusqlite::Result<ItemRow> {
    Ok(ItemRow {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        position: r.get(2)?,
        title: r.get(3)?,
        presenter: r.get(4)?,
        duration: r.get(5)?,
        kind: word(r, 6, ItemKind::parse)?,
        proposed_by: r.get(7)?,
        proposed_by_name: r.get(8)?,
        description: r.get(9)?,
        notes: r.get(10)?,
    })
}

pub fn items(conn: &Connection, meeting_id: i64) -> Result<Vec<ItemRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE i.meeting_id = ?1 ORDER BY i.position"))?;
    let rows = stmt.query_map([meeting_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<ItemRow, StoreError> {
    query_one(conn, &format!("{SELECT} WHERE i.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Agenda item {id}")))
}

/// Every outcome of a meeting's items, by item id, in order.
pub fn outcomes(conn: &Connection, meeting_id: i64) -> Result<HashMap<i64, Vec<String>>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.item_id, o.text FROM outcome o JOIN agenda_item i ON i.id = o.item_id
         WHERE i.meeting_id = ?1 ORDER BY o.item_id, o.position",
    )?;
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    let rows = stmt.query_map([meeting_id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (item, text) = row?;
        map.entry(item).or_default().push(text);
    }
    Ok(map)
}

/// Inserts at `position`, moving later items down.
pub fn insert(conn: &Connection, meeting_id: i64, position: u32, item: &ValidItem) -> Result<i64, StoreError> {
    conn.execute("UPDATE agenda_item SET position = position + 1 WHERE meeting_id = ?1 AND position >= ?2", params![meeting_id, position])?;
    conn.execute(
        "INSERT INTO agenda_item (meeting_id, position, title, presenter, duration_minutes, kind, proposed_by, description, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![meeting_id, position, item.title, item.presenter, item.duration, item.kind.as_str(), item.proposed_by, item.description, now()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, item: &ValidItem) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE agenda_item SET title = ?2, presenter = ?3, duration_minutes = ?4, kind = ?5, proposed_by = ?6, description = ?7, updated_at = ?8
         WHERE id = ?1",
        params![id, item.title, item.presenter, item.duration, item.kind.as_str(), item.proposed_by, item.description, now()],
    )?;
    Ok(())
}

pub fn set_notes(conn: &Connection, id: i64, notes: &str) -> Result<(), StoreError> {
    // Cached: the chair's typing saves the notes again and again, and the statement
    // carries the search index's trigger, which would otherwise be compiled each time.
    conn.prepare_cached("UPDATE agenda_item SET notes = ?2, updated_at = ?3 WHERE id = ?1 AND notes IS NOT ?2")?.execute(params![id, notes, now()])?;
    Ok(())
}

pub fn replace_outcomes(conn: &Connection, item_id: i64, lines: &[String]) -> Result<(), StoreError> {
    conn.execute("DELETE FROM outcome WHERE item_id = ?1", [item_id])?;
    let mut stmt = conn.prepare_cached("INSERT INTO outcome (item_id, position, text) VALUES (?1, ?2, ?3)")?;
    for (i, line) in lines.iter().enumerate() {
        stmt.execute(params![item_id, i as i64 + 1, line])?;
    }
    Ok(())
}

/// Deletes the item and closes the gap it leaves.
pub fn delete(conn: &Connection, item: &ItemRow) -> Result<(), StoreError> {
    conn.execute("DELETE FROM agenda_item WHERE id = ?1", [item.id])?;
    conn.execute("UPDATE agenda_item SET position = position - 1 WHERE meeting_id = ?1 AND position > ?2", params![item.meeting_id, item.position])?;
    Ok(())
}

/// Moves the item to `to` (1-based), shifting the items between.
pub fn move_to(conn: &Connection, item: &ItemRow, to: u32) -> Result<(), StoreError> {
    let from = item.position;
    if to == from {
        return Ok(());
    }
    if to < from {
        conn.execute(
            "UPDATE agenda_item SET position = position + 1 WHERE meeting_id = ?1 AND position >= ?2 AND position < ?3",
            params![item.meeting_id, to, from],
        )?;
    } else {
        conn.execute(
            "UPDATE agenda_item SET position = position - 1 WHERE meeting_id = ?1 AND position > ?2 AND position <= ?3",
            params![item.meeting_id, from, to],
        )?;
    }
    conn.execute("UPDATE agenda_item SET position = ?2, updated_at = ?3 WHERE id = ?1", params![item.id, to, now()])?;
    Ok(())
}

pub fn count(conn: &Connection, meeting_id: i64) -> Result<u32, StoreError> {
    Ok(query_one(conn, "SELECT count(*) FROM agenda_item WHERE meeting_id = ?1", [meeting_id], |r| r.get(0))?)
}
