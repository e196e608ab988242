//! SQL for submissions of needs and strengths, and their statements.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{query_one, now, word, StoreError};
use crate::model::{Statement, StatementKind, Submission, SubmissionSource};

const SELECT: &str = "SELECT s.id, s.meeting_id, s.network_id, n.name, n.department, s.source, s.submitted_by, s.submitted_at, s.superseded_at
                      FROM submission s JOIN network n ON n.id = s.network_id";

fn from_row(r: &Row) -> rusqlite::Result<Submission> {
    Ok(Submission {
        id: r.get(0)?,
        meeting_id: r.get(1)?,
        network_id: r.get(2)?,
        network_name: r.get(3)?,
        department: r.get(4)?,
        source: word(r, 5, SubmissionSource::parse)?,
        submitted_by: r.get(6)?,
        submitted_at: r.get(7)?,
        superseded_at: r.get(8)?,
        needs: Vec::new(),
        strengths: Vec::new(),
    })
}

fn with_statements(conn: &Connection, mut s: Submission) -> Result<Submission, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT st.id, st.kind, st.rank, st.text, st.detail, st.theme_id, t.name
         FROM statement st LEFT JOIN theme t ON t.id = st.theme_id WHERE st.submission_id = ?1 ORDER BY st.kind, st.rank",
    )?;
    let rows = stmt.query_map([s.id], |r| {
        Ok(Statement {
            id: r.get(0)?,
            kind: word(r, 1, StatementKind::parse)?,
            rank: r.get(2)?,
            text: r.get(3)?,
            detail: r.get(4)?,
            theme_id: r.get(5)?,
            theme: r.get(6)?,
        })
    })?;
    for st in rows {
        let st = st?;
        match st.kind {
            StatementKind::Need => s.needs.push(st),
            StatementKind::Strength => s.strengths.push(st),
        }
    }
    Ok(s)
}

fn many(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Submission>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let list: Vec<Submission> = stmt.query_map(params, from_row)?.collect::<Result<_, _>>()?;
    list.into_iter().map(|s| with_statements(conn, s)).collect()
}

/// The current submission of each network for a meeting, by department and network.
pub fn current_for_meeting(conn: &Connection, meeting_id: i64) -> Result<Vec<Submission>, StoreError> {
    many(conn, &format!("{SELECT} WHERE s.meeting_id = ?1 AND s.superseded_at IS NULL ORDER BY n.department, n.name"), [meeting_id])
}

pub fn current(conn: &Connection, meeting_id: i64, network_id: i64) -> Result<Option<Submission>, StoreError> {
    let found = query_one(conn, &format!("{SELECT} WHERE s.meeting_id = ?1 AND s.network_id = ?2 AND s.superseded_at IS NULL"), [meeting_id, network_id], from_row)
        .optional()?;
    found.map(|s| with_statements(conn, s)).transpose()
}

/// Every submission of a network for a meeting, newest first (the history).
pub fn history(conn: &Connection, meeting_id: i64, network_id: i64) -> Result<Vec<Submission>, StoreError> {
    many(conn, &format!("{SELECT} WHERE s.meeting_id = ?1 AND s.network_id = ?2 ORDER BY s.id DESC"), [meeting_id, network_id])
}

pub fn get(conn: &Connection, id: i64) -> Result<Submission, StoreError> {
    let s = query_one(conn, &format!("{SELECT} WHERE s.id = ?1"), [id], from_row).optional()?.ok_or_else(|| StoreError::not_found(format!("Submission {id}")))?;
    with_statements(conn, s)
}

pub fn supersede(conn: &Connection, id: i64) -> Result<(), StoreError> {
    conn.execute("UPDATE submission SET superseded_at = ?2 WHERE id = ?1", params![id, now()])?;
    Ok(())
}

pub fn insert(conn: &Connection, meeting_id: i64, network_id: i64, source: SubmissionSource, submitted_by: Option<&str>, submitted_at: Option<&str>) -> Result<i64, StoreError> {
    let at = now();
    conn.execute(
        "INSERT INTO submission (meeting_id, network_id, source, submitted_by, submitted_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![meeting_id, network_id, source.as_str(), submitted_by, submitted_at.unwrap_or(&at), at],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_statement(conn: &Connection, submission_id: i64, kind: StatementKind, rank: u8, text: &str, detail: Option<&str>, theme_id: Option<i64>) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO statement (submission_id, kind, rank, text, detail, theme_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![submission_id, kind.as_str(), rank, text, detail, theme_id],
    )?;
    Ok(())
}

pub fn set_theme(conn: &Connection, statement_id: i64, theme_id: Option<i64>) -> Result<i64, StoreError> {
    let submission: i64 = query_one(conn, "SELECT submission_id FROM statement WHERE id = ?1", [statement_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| StoreError::not_found(format!("Statement {statement_id}")))?;
    conn.execute("UPDATE statement SET theme_id = ?2 WHERE id = ?1", params![statement_id, theme_id])?;
    Ok(submission)
}
