//! SQL for network proposals of agenda items.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{query_one, now, word, StoreError};
use crate::model::{Proposal, ProposalSource, ProposalStatus, ValidProposal};

const SELECT: &str = "SELECT p.id, p.meeting_id, p.network_id, n.name, p.title, p.minutes, p.description, p.status,
                             p.decline_reason, p.item_id, p.source, p.created_at
                      FROM proposal p JOIN network n ON n.id = p.network_id";

fn from_row(r: &Row) -> rusqlite::Result<Proposal> {
    Ok(Proposal {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        network_id: r.get(2)?,
        network_name: r.get(3)?,
        title: r.get(4)?,
        minutes: r.get(5)?,
        description: r.get(6)?,
        status: word(r, 7, ProposalStatus::parse)?,
        decline_reason: r.get(8)?,
        item_id: r.get(9)?,
        source: word(r, 10, ProposalSource::parse)?,
        created_at: r.get(11)?,
    })
}

pub fn for_meeting(conn: &Connection, meeting_id: i64) -> Result<Vec<Proposal>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE p.meeting_id = ?1 ORDER BY p.status <> 'pending', p.created_at, p.id"))?;
    let rows = stmt.query_map([meeting_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Proposal, StoreError> {
    query_one(conn, &format!("{SELECT} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Proposal {id}")))
}

pub fn insert(conn: &Connection, meeting_id: i64, p: &ValidProposal, source: ProposalSource) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO proposal (meeting_id, network_id, title, minutes, description, source, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![meeting_id, p.network_id, p.title, p.minutes, p.description, source.as_str(), now()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn accept(conn: &Connection, id: i64, item_id: i64) -> Result<(), StoreError> {
    conn.execute("UPDATE proposal SET status = 'accepted', item_id = ?2, decline_reason = NULL WHERE id = ?1", params![id, item_id])?;
    Ok(())
}

pub fn decline(conn: &Connection, id: i64, reason: &str) -> Result<(), StoreError> {
    conn.execute("UPDATE proposal SET status = 'declined', decline_reason = ?2 WHERE id = ?1", params![id, reason])?;
    Ok(())
}
