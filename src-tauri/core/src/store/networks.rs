//! SQL for the `network` table.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{query_one, now, word, StoreError};
use crate::model::{Network, NetworkFilter, NetworkType, ValidNetwork};

const COLUMNS: &str = "id, name, department, kind, parent, email, active, created_at, updated_at, name_known";

fn from_row(r: &Row) -> rusqlite::Result<Network> {
    Ok(Network {
        id: r.get(0)?,
        name: r.get(1)?,
        department: r.get(2)?,
        kind: word(r, 3, NetworkType::parse)?,
        parent: r.get(4)?,
        email: r.get(5)?,
        active: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
        name_known: r.get(9)?,
    })
}

pub fn list(conn: &Connection, filter: &NetworkFilter) -> Result<Vec<Network>, StoreError> {
    let search = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| s.to_lowercase());
    let sql = format!(
        "SELECT {COLUMNS} FROM network
         WHERE (?1 OR active = 1)
           AND (?2 IS NULL OR kind = ?2)
         ORDER BY department COLLATE NOCASE, name COLLATE NOCASE"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![filter.include_inactive, filter.kind.map(NetworkType::as_str)], from_row)?;
    let mut out = Vec::new();
    for n in rows {
        let n = n?;
        // Every word must appear somewhere: "dft pride" finds Pride in the DfT. Done
        // here rather than with LIKE so that case folding works beyond ASCII.
        if let Some(s) = &search {
            let hay = format!("{} {} {} {}", n.name, n.department, n.parent.as_deref().unwrap_or(""), n.email.as_deref().unwrap_or(""))
                .to_lowercase();
            if !s.split_whitespace().all(|w| hay.contains(w)) {
                continue;
            }
        }
        out.push(n);
    }
    Ok(out)
}

pub fn get(conn: &Connection, id: i64) -> Result<Network, StoreError> {
    query_one(conn, &format!("SELECT {COLUMNS} FROM network WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Network {id}")))
}

pub fn find_by_key(conn: &Connection, key: &str) -> Result<Option<Network>, StoreError> {
    Ok(query_one(conn, &format!("SELECT {COLUMNS} FROM network WHERE match_key = ?1"), [key], from_row).optional()?)
}

pub fn count(conn: &Connection) -> Result<i64, StoreError> {
    Ok(query_one(conn, "SELECT count(*) FROM network", [], |r| r.get(0))?)
}

pub fn insert(conn: &Connection, n: &ValidNetwork) -> Result<i64, StoreError> {
    let t = now();
    conn.execute(
        "INSERT INTO network (name, department, kind, parent, email, match_key, created_at, updated_at, name_known)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
        params![n.shown_name(), n.department, n.kind.as_str(), n.parent, n.email, n.match_key(), t, n.name_known()],
    )
    .map_err(|e| duplicate_or(e, n))?;
    Ok(conn.last_insert_rowid())
}

/// Writes the fields; returns whether anything changed.
pub fn update(conn: &Connection, id: i64, n: &ValidNetwork) -> Result<bool, StoreError> {
    let changed = conn
        .execute(
            "UPDATE network SET name = ?2, department = ?3, kind = ?4, parent = ?5, email = ?6, match_key = ?7, updated_at = ?8, name_known = ?9
             WHERE id = ?1 AND (name, department, kind, parent, email, name_known) IS NOT (?2, ?3, ?4, ?5, ?6, ?9)",
            params![id, n.shown_name(), n.department, n.kind.as_str(), n.parent, n.email, n.match_key(), now(), n.name_known()],
        )
        .map_err(|e| duplicate_or(e, n))?;
    if changed == 0 {
        get(conn, id)?; // NotFound when the id is unknown
    }
    Ok(changed > 0)
}

pub fn set_active(conn: &Connection, id: i64, active: bool) -> Result<(), StoreError> {
    let n = conn.execute("UPDATE network SET active = ?2, updated_at = ?3 WHERE id = ?1", params![id, active, now()])?;
    if n == 0 {
        return Err(StoreError::not_found(format!("Network {id}")));
    }
    Ok(())
}

pub fn delete(conn: &Connection, id: i64) -> Result<(), StoreError> {
    let n = conn.execute("DELETE FROM network WHERE id = ?1", [id]).map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => StoreError::Conflict {
            field: None,
            message: "This network is part of the forum's history (meetings, people or actions refer to it), so it cannot be deleted. Deactivate it instead.".into(),
        },
        e => e.into(),
    })?;
    if n == 0 {
        return Err(StoreError::not_found(format!("Network {id}")));
    }
    Ok(())
}

fn duplicate_or(e: rusqlite::Error, n: &ValidNetwork) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, Some(msg))
            if f.code == rusqlite::ErrorCode::ConstraintViolation && msg.contains("match_key") =>
        {
            StoreError::Conflict {
                field: Some("name".into()),
                message: if n.name_known() {
                    format!("{} already has a network called \u{201c}{}\u{201d}", n.department, n.name)
                } else {
                    format!("{} already has a network whose name is not known", n.department)
                },
            }
        }
        _ => e.into(),
    }
}
