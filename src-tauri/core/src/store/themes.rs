//! SQL for themes.

use super::query_one;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::StoreError;
use crate::model::{text, Theme, ThemeInput};

fn from_row(r: &Row) -> rusqlite::Result<Theme> {
    Ok(Theme { id: r.get(0)?, name: r.get(1)?, keywords: r.get(2)?, position: r.get(3)? })
}

pub fn list(conn: &Connection) -> Result<Vec<Theme>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, name, keywords, position FROM theme ORDER BY position, id")?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Theme, StoreError> {
    query_one(conn, "SELECT id, name, keywords, position FROM theme WHERE id = ?1", [id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Theme {id}")))
}

/// The theme with this name (any case and spacing).
pub fn find(conn: &Connection, name: &str) -> Result<Option<i64>, StoreError> {
    Ok(query_one(conn, "SELECT id FROM theme WHERE name_key = ?1", [text::match_key(&[name])], |r| r.get(0)).optional()?)
}

pub fn insert(conn: &Connection, t: &ThemeInput) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO theme (name, keywords, position, name_key) VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM theme), ?3)",
        params![t.name, t.keywords, text::match_key(&[&t.name])],
    )
    .map_err(|e| duplicate(e, &t.name))?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, t: &ThemeInput) -> Result<(), StoreError> {
    let n = conn
        .execute("UPDATE theme SET name = ?2, keywords = ?3, name_key = ?4 WHERE id = ?1", params![id, t.name, t.keywords, text::match_key(&[&t.name])])
        .map_err(|e| duplicate(e, &t.name))?;
    if n == 0 {
        return Err(StoreError::not_found(format!("Theme {id}")));
    }
    Ok(())
}

/// Statements filed under it keep their text and lose the theme (the schema says so).
pub fn delete(conn: &Connection, id: i64) -> Result<(), StoreError> {
    if conn.execute("DELETE FROM theme WHERE id = ?1", [id])? == 0 {
        return Err(StoreError::not_found(format!("Theme {id}")));
    }
    Ok(())
}

fn duplicate(e: rusqlite::Error, name: &str) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE => {
            StoreError::Conflict { field: Some("name".into()), message: format!("There is already a theme called {name}") }
        }
        _ => StoreError::from(e),
    }
}
