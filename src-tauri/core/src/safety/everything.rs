//! The whole database as one versioned JSON document, and back into an empty database:
//! for moving to a new machine, or for an audit.
//!
//! Tables are read generically (every column of every row, ids kept, so foreign keys
//! still line up), so a new column needs nothing here. A new table must be named in
//! `TABLES`: export refuses a table it does not list rather than silently leave it out,
//! and a test fails first.

use std::path::Path;

use rusqlite::types::{Value as SqlValue, ValueRef};
use rusqlite::{Connection, ErrorCode, TransactionBehavior};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::import::{display_name, read_text, ImportError};
use crate::store::{StoreError, LATEST_VERSION};
use crate::{Result, Store};

/// The document's `format`: what tells this file from any other JSON.
pub const FORMAT: &str = "forum-desk-export";
/// The document's own shape (not the database schema, which is `schemaVersion`).
pub const VERSION: u32 = 1;
const FORMAT_NAME: &str = "Forum Desk export";
/// Far beyond any forum's data: a bigger file is something else, and would take
/// several times its size in memory to parse.
const MAX_BYTES: u64 = 500 * 1024 * 1024;

/// Every table, parents before children, so rows insert with foreign keys enforced.
pub const TABLES: &[&str] = &[
    "setting",
    "network",
    "meeting",
    "agenda_item",
    "outcome",
    "proposal",
    "action",
    "action_update",
    "readout_option",
    "person",
    "registration",
    "theme",
    "submission",
    "statement",
];

/// Ordinary tables that are derived, like the search indexes, and so neither exported
/// nor imported: the notes waiting to be indexed (migration 0014), which an import
/// leaves empty because it indexes everything it writes.
const DERIVED: [&str; 1] = ["search_item_unindexed"];

/// Tables a new database fills on first run (settings, the starting themes): an import
/// replaces their rows instead of counting them as data already there.
const SEEDED: &[&str] = &["setting", "theme"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    pub tables: usize,
    pub rows: usize,
}

struct Table {
    name: &'static str,
    columns: Vec<String>,
}

/// The tables in insert order with their columns in schema order, checked against the
/// database so that nothing is left out.
fn schema(conn: &Connection) -> Result<Vec<Table>> {
    // Ordinary tables only: the search indexes (FTS5 virtual tables and their shadow
    // tables) are derived from these, and their triggers fill them again on import.
    let mut stmt = conn.prepare(
        r"SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'",
    )?;
    let present: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if let Some(unlisted) = present.iter().find(|t| !TABLES.contains(&t.as_str()) && !DERIVED.contains(&t.as_str())) {
        return Err(conflict(format!(
            "The table \u{201c}{unlisted}\u{201d} is not one this version of Forum Desk knows how to export or \
             import. Nothing was written."
        )));
    }
    let mut columns = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let mut out = Vec::with_capacity(TABLES.len());
    for name in TABLES {
        if !present.iter().any(|t| t == name) {
            return Err(conflict(format!(
                "The database has no \u{201c}{name}\u{201d} table: it is not a complete Forum Desk database."
            )));
        }
        let columns = columns.query_map([name], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        out.push(Table { name, columns });
    }
    Ok(out)
}

fn conflict(message: String) -> crate::Error {
    StoreError::Conflict { field: None, message }.into()
}

/// Quoted for SQL. Names come from the schema, never from a file.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

// ---------------------------------------------------------------------------------
// Export

/// Writes the whole database to `path` as one JSON document (atomically; readable by
/// the user only, since it holds personal data).
pub fn export_to(store: &Store, path: &Path) -> Result<ExportSummary> {
    let (bytes, summary) = export_bytes(store.conn())?;
    crate::files::write_atomic(path, &bytes).map_err(|e| StoreError::io(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|e| StoreError::io(path, e))?;
    }
    Ok(summary)
}

fn export_bytes(conn: &Connection) -> Result<(Vec<u8>, ExportSummary)> {
    // One read transaction: a consistent snapshot even if the window saves meanwhile.
    let tx = conn.unchecked_transaction()?;
    let schema_version: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let mut tables = Vec::new();
    for table in schema(&tx)? {
        let columns: Vec<String> = table.columns.iter().map(|c| ident(c)).collect();
        let mut stmt =
            tx.prepare(&format!("SELECT {} FROM {} ORDER BY rowid", columns.join(", "), ident(table.name)))?;
        let mut rows = stmt.query([])?;
        let mut out: Vec<Vec<Value>> = Vec::new();
        while let Some(row) = rows.next()? {
            let mut values = Vec::with_capacity(table.columns.len());
            for (i, column) in table.columns.iter().enumerate() {
                let value = to_json(row.get_ref(i)?).map_err(|why| {
                    conflict(format!(
                        "Row {} of \u{201c}{}\u{201d}, column \u{201c}{column}\u{201d}: {why}. Nothing was written.",
                        out.len() + 1,
                        table.name
                    ))
                })?;
                values.push(value);
            }
            out.push(values);
        }
        drop(rows);
        drop(stmt);
        tables.push((table, out));
    }
    drop(tx);
    let summary = ExportSummary { tables: tables.len(), rows: tables.iter().map(|(_, rows)| rows.len()).sum() };
    let doc = Document {
        format: FORMAT,
        version: VERSION,
        schema_version,
        exported_at: crate::store::now(),
        tables: Tables(&tables),
    };
    let mut bytes = serde_json::to_vec_pretty(&doc)
        .map_err(|e| conflict(format!("The export could not be written as JSON: {e}")))?;
    bytes.push(b'\n');
    Ok((bytes, summary))
}

fn to_json(value: ValueRef) -> std::result::Result<Value, &'static str> {
    Ok(match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => serde_json::Number::from_f64(f)
            .map(Value::Number)
            .ok_or("it holds an infinite number, which JSON cannot")?,
        ValueRef::Text(t) => {
            Value::String(std::str::from_utf8(t).map_err(|_| "its text is not valid UTF-8")?.to_owned())
        }
        ValueRef::Blob(_) => {
            return Err(
                "it holds binary data (a BLOB), which an export cannot carry; Forum Desk never stores any, so the \
                        database may have been edited by hand",
            )
        }
    })
}

/// The document, serialized with its keys and each row's columns in a fixed order (the
/// schema's), so the file reads well in an audit whatever serde_json's map type is.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    format: &'static str,
    version: u32,
    schema_version: u32,
    exported_at: String,
    tables: Tables<'a>,
}

struct Tables<'a>(&'a [(Table, Vec<Vec<Value>>)]);

struct Rows<'a>(&'a Table, &'a [Vec<Value>]);

struct Row<'a>(&'a Table, &'a [Value]);

impl Serialize for Tables<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (table, rows) in self.0 {
            map.serialize_entry(table.name, &Rows(table, rows))?;
        }
        map.end()
    }
}

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for values in self.1 {
            seq.serialize_element(&Row(self.0, values))?;
        }
        seq.end()
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.1.len()))?;
        for (column, value) in self.0.columns.iter().zip(self.1) {
            map.serialize_entry(column, value)?;
        }
        map.end()
    }
}

// ---------------------------------------------------------------------------------
// Import

/// Reads an export into this database, which must be empty (apart from the settings and
/// themes a new database starts with, which the file's replace). All or nothing.
pub fn import_from(store: &mut Store, path: &Path) -> Result<ExportSummary> {
    let file = display_name(path);
    let syntax = |message: String| ImportError::Syntax { file: file.clone(), format: FORMAT_NAME, message };
    let size = std::fs::metadata(path)
        .map_err(|e| ImportError::Unreadable { file: file.clone(), message: e.to_string() })?
        .len();
    if size > MAX_BYTES {
        return Err(syntax(format!(
            "it is {} MB, more than the {} MB an export can be",
            size / 1024 / 1024,
            MAX_BYTES / 1024 / 1024
        ))
        .into());
    }
    let mut doc: Value =
        serde_json::from_str(&read_text(path)?).map_err(|e| syntax(format!("{e} (is the file complete?)")))?;
    check_header(&file, &doc)?;
    let Some(Value::Object(mut tables)) = doc.get_mut("tables").map(Value::take) else {
        return Err(syntax("it has no \"tables\" object".into()).into());
    };
    drop(doc);
    let schema = schema(store.conn())?;
    let field =
        |field: &str, message: String| ImportError::Field { file: file.clone(), field: field.to_owned(), message };
    if let Some(unknown) = tables.keys().find(|k| !TABLES.contains(&k.as_str())) {
        return Err(field(&format!("tables.{unknown}"), "this version of Forum Desk has no such table".into()).into());
    }
    if let Some(missing) = TABLES.iter().find(|t| !tables.contains_key(**t)) {
        return Err(field(
            &format!("tables.{missing}"),
            "this table is missing (an export lists every table, even empty)".into(),
        )
        .into());
    }

    // Immediate: the emptiness check and the inserts see the same database.
    let tx = store.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
    refuse_unless_empty(&tx, &schema, &file)?;
    for table in SEEDED {
        tx.execute(&format!("DELETE FROM {}", ident(table)), [])?;
    }
    // Every row of the file is indexed for search once, after the last (a file's own
    // `search.defer.*` setting would clash with these and be refused as a duplicate).
    let indexes: Vec<&str> = crate::search::index::INDEXES.iter().map(|(i, _)| *i).collect();
    crate::search::index::defer(&tx, &indexes)?;
    let mut count = 0;
    for table in &schema {
        let rows = match tables.remove(table.name) {
            Some(Value::Array(rows)) => rows,
            _ => return Err(field(&format!("tables.{}", table.name), "expected a list of rows".into()).into()),
        };
        let columns: Vec<String> = table.columns.iter().map(|c| ident(c)).collect();
        let marks = vec!["?"; columns.len()].join(", ");
        let mut insert =
            tx.prepare(&format!("INSERT INTO {} ({}) VALUES ({marks})", ident(table.name), columns.join(", ")))?;
        for (i, row) in rows.into_iter().enumerate() {
            let label = row_label(table, &row);
            let entry = |field: &str, message: String| ImportError::Entry {
                file: file.clone(),
                entry: i + 1,
                label: label.clone(),
                field: field.to_owned(),
                message,
            };
            let values = row_values(table, row).map_err(|(f, m)| entry(&f, m))?;
            insert.execute(rusqlite::params_from_iter(&values)).map_err(|e| match &e {
                // The schema's CHECKs, NOT NULLs, UNIQUEs, types and foreign keys judge the data.
                rusqlite::Error::SqliteFailure(f, _) if f.code == ErrorCode::ConstraintViolation => {
                    entry(table.name, e.to_string()).into()
                }
                _ => crate::Error::from(e),
            })?;
            count += 1;
        }
    }
    // Foreign keys are enforced row by row above; this is the net under that, in case
    // they were ever off on this connection.
    let dangling: Option<(String, i64, String)> = {
        let mut check = tx.prepare("PRAGMA foreign_key_check")?;
        let mut rows = check.query([])?;
        match rows.next()? {
            Some(r) => Some((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or_default(), r.get(2)?)),
            None => None,
        }
    };
    crate::search::index::catch_up(&tx)?;
    if let Some((table, id, parent)) = dangling {
        return Err(field(
            &format!("tables.{table}"),
            format!("the row with id {id} refers to a row of \u{201c}{parent}\u{201d} that is not in the file"),
        )
        .into());
    }
    tx.commit()?;
    Ok(ExportSummary { tables: schema.len(), rows: count })
}

fn check_header(file: &str, doc: &Value) -> std::result::Result<(), ImportError> {
    let syntax = |message: String| ImportError::Syntax { file: file.into(), format: FORMAT_NAME, message };
    // Format and version first, so a newer file says so rather than failing on a table
    // this version does not know.
    match doc.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(syntax(format!("it is not a Forum Desk export (its format is \u{201c}{other}\u{201d})")))
        }
        None => return Err(syntax(format!("it is not a Forum Desk export (it has no \"format\": \"{FORMAT}\")"))),
    }
    match doc.get("version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) if v > u64::from(VERSION) => {
            return Err(syntax(format!(
                "it was written by a newer Forum Desk (export version {v}; this one reads version {VERSION}). \
                 Update Forum Desk to import it"
            )))
        }
        _ => return Err(syntax(format!("its \"version\" must be {VERSION}"))),
    }
    match doc.get("schemaVersion").and_then(Value::as_u64) {
        Some(v) if v == u64::from(LATEST_VERSION) => Ok(()),
        Some(v) if v > u64::from(LATEST_VERSION) => Err(syntax(format!(
            "it was written by a newer Forum Desk (database schema {v}; this one knows up to {LATEST_VERSION}). \
             Update Forum Desk to import it"
        ))),
        Some(v) if v >= 1 => Err(syntax(format!(
            "it was written by an older Forum Desk (database schema {v}; this one is at {LATEST_VERSION}). An export \
             must come from the same version: update Forum Desk where it was made, open it, and export again"
        ))),
        _ => Err(syntax("it has no valid \"schemaVersion\"".into())),
    }
}

/// The rows a database already holds, by table: an import may only go into an empty one,
/// since ids from the file would collide with (or silently join onto) rows already there.
fn refuse_unless_empty(conn: &Connection, schema: &[Table], file: &str) -> Result<()> {
    let mut held = Vec::new();
    for table in schema.iter().filter(|t| !SEEDED.contains(&t.name)) {
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {}", ident(table.name)), [], |r| r.get(0))?;
        if n > 0 {
            held.push(format!("{} ({n})", table.name));
        }
    }
    if held.is_empty() {
        return Ok(());
    }
    Err(conflict(format!(
        "{file} can only be imported into an empty database, and this one already has rows in {}. Nothing was \
         changed: import into a new data folder.",
        held.join(", ")
    )))
}

/// " in “meeting” (id 3)": the table and the row's first column (its id or key), to find
/// the row in the file.
fn row_label(table: &Table, row: &Value) -> String {
    let first = table.columns.first().and_then(|c| Some((c, row.get(c)?)));
    match first {
        Some((c, v @ Value::Number(_))) => format!(" in \u{201c}{}\u{201d} ({c} {v})", table.name),
        Some((c, Value::String(s))) if s.chars().count() <= 60 => {
            format!(" in \u{201c}{}\u{201d} ({c} \u{201c}{s}\u{201d})", table.name)
        }
        _ => format!(" in \u{201c}{}\u{201d}", table.name),
    }
}

/// A row's values in the table's column order. Every column must be there (an export
/// has them all, and a missing id would quietly renumber rows) and no other.
fn row_values(table: &Table, row: Value) -> std::result::Result<Vec<SqlValue>, (String, String)> {
    let Value::Object(mut map) = row else {
        return Err((table.name.to_owned(), "expected a row (an object of column: value)".into()));
    };
    if let Some(unknown) = map.keys().find(|k| !table.columns.contains(k)) {
        return Err((unknown.clone(), format!("\u{201c}{}\u{201d} has no such column", table.name)));
    }
    let mut values = Vec::with_capacity(table.columns.len());
    for column in &table.columns {
        let value = map.remove(column).ok_or_else(|| (column.clone(), "this column is missing".to_owned()))?;
        values.push(to_sql(value).map_err(|m| (column.clone(), m.to_owned()))?);
    }
    Ok(values)
}

fn to_sql(value: Value) -> std::result::Result<SqlValue, &'static str> {
    match value {
        Value::Null => Ok(SqlValue::Null),
        Value::String(s) => Ok(SqlValue::Text(s)),
        Value::Number(n) => match (n.as_i64(), n.is_f64(), n.as_f64()) {
            (Some(i), _, _) => Ok(SqlValue::Integer(i)),
            (None, true, Some(f)) => Ok(SqlValue::Real(f)),
            _ => Err("this whole number is too large to store"),
        },
        Value::Bool(_) => Err("expected text, a number or null, not true or false"),
        Value::Array(_) | Value::Object(_) => Err("expected text, a number or null"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{StatementInput, SubmissionInput, SubmissionSource, ThemeInput};
    use chrono::NaiveDate;
    use std::collections::BTreeSet;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    /// Every table's rows as JSON objects, in rowid order.
    fn dump(store: &Store) -> Vec<(String, Vec<Value>)> {
        TABLES
            .iter()
            .map(|t| {
                let mut stmt = store.conn().prepare(&format!("SELECT * FROM {} ORDER BY rowid", ident(t))).unwrap();
                let names: Vec<String> = stmt.column_names().into_iter().map(str::to_owned).collect();
                let rows = stmt
                    .query_map([], |r| {
                        let mut obj = serde_json::Map::new();
                        for (i, n) in names.iter().enumerate() {
                            obj.insert(n.clone(), to_json(r.get_ref(i)?).unwrap());
                        }
                        Ok(Value::Object(obj))
                    })
                    .unwrap()
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .unwrap();
                (t.to_string(), rows)
            })
            .collect()
    }

    fn read_doc(path: &Path) -> Value {
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    }

    /// The sample forum plus what it lacks: needs and strengths (one superseded), a
    /// theme of the chair's, a setting and remembered readout options.
    fn full_forum(dir: &Path) -> Store {
        let mut s = Store::open_dir(dir).unwrap();
        crate::demo::load_at(&mut s, today()).unwrap();
        let meeting: i64 = s.conn().query_row("SELECT max(id) FROM meeting", [], |r| r.get(0)).unwrap();
        let theme = crate::needs::create_theme(
            &mut s,
            &ThemeInput { name: "Estates and buildings".into(), keywords: "toilets, estates".into() },
        )
        .unwrap();
        let st = |t: &str, theme: Option<&str>| StatementInput {
            text: t.into(),
            detail: Some("More words".into()),
            theme: theme.map(Into::into),
        };
        let first = SubmissionInput {
            network_id: 1,
            submitted_by: Some("Robin Ashby".into()),
            needs: vec![st("Speakers", None)],
            strengths: vec![],
        };
        crate::needs::save(&mut s, meeting, &first, SubmissionSource::Entered).unwrap();
        let second = SubmissionInput {
            network_id: 1,
            submitted_by: None,
            needs: vec![st("Speakers for events", None), st("More allies", Some(&theme.name))],
            strengths: vec![st("Running surveys", None)],
        };
        crate::needs::save(&mut s, meeting, &second, SubmissionSource::File).unwrap();
        crate::settings::set(&mut s, crate::settings::CLOSING_KEY, "Our own closing words.").unwrap();
        s.conn()
            .execute(
                "INSERT INTO readout_option (meeting_id, json, updated_at) \
                 VALUES (?1, '{\"names\":true}', '2026-11-01T10:00:00Z')",
                [meeting],
            )
            .unwrap();
        s
    }

    #[test]
    fn every_table_in_the_schema_is_listed_parents_first() {
        let s = Store::open_in_memory().unwrap();
        let conn = s.conn();
        let names = |sql: &str| -> BTreeSet<String> { conn.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect() };
        let present = names("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'");
        let listed: BTreeSet<String> = TABLES.iter().map(|t| t.to_string()).collect();
        // The rest are the search indexes, which are derived (filled again on import).
        let derived = names("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN ('virtual', 'shadow')");
        assert!(derived.iter().all(|t| t.starts_with("search_")), "{derived:?}");
        assert_eq!(derived.len(), 9 * 5, "nine FTS5 indexes, each with four shadow tables");
        let derived: BTreeSet<String> = derived.into_iter().chain(DERIVED.iter().map(|t| t.to_string())).collect();
        assert_eq!(present.difference(&derived).cloned().collect::<BTreeSet<_>>(), listed, "everything::TABLES must name every table (a new migration's too)");
        assert_eq!(listed.len(), TABLES.len(), "no table twice");
        for (i, t) in TABLES.iter().enumerate() {
            let mut fks = conn.prepare("SELECT \"table\" FROM pragma_foreign_key_list(?1)").unwrap();
            for parent in fks.query_map([t], |r| r.get::<_, String>(0)).unwrap().map(Result::unwrap) {
                let at = TABLES.iter().position(|p| *p == parent).unwrap();
                assert!(at < i, "{t} refers to {parent}, which must come before it in TABLES");
            }
        }
    }

    #[test]
    fn the_sample_forum_round_trips_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let source = full_forum(&dir.path().join("a"));
        let file = dir.path().join("everything.json");
        let started = std::time::Instant::now();
        let summary = export_to(&source, &file).unwrap();
        let took = started.elapsed();
        let size = std::fs::metadata(&file).unwrap().len();
        eprintln!("exported {} rows from {} tables: {size} bytes in {took:?}", summary.rows, summary.tables);
        assert_eq!(summary.tables, TABLES.len());

        let doc = read_doc(&file);
        assert_eq!((doc["format"].as_str(), doc["version"].as_u64()), (Some(FORMAT), Some(1)));
        assert_eq!(doc["schemaVersion"].as_u64(), Some(u64::from(LATEST_VERSION)));
        assert!(doc["exportedAt"].as_str().unwrap().ends_with('Z'));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.find("\"id\"").unwrap() < text.find("\"name\"").unwrap(), "columns keep the schema's order");
        for (t, rows) in dump(&source) {
            assert!(!rows.is_empty(), "the test forum should have rows in {t}");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600, "personal data");
        }

        let mut target = Store::open_dir(&dir.path().join("b")).unwrap();
        assert_eq!(import_from(&mut target, &file).unwrap(), summary);
        assert_eq!(dump(&target), dump(&source));

        let again = dir.path().join("again.json");
        export_to(&target, &again).unwrap();
        let (mut first, mut second) = (read_doc(&file), read_doc(&again));
        first.as_object_mut().unwrap().remove("exportedAt");
        second.as_object_mut().unwrap().remove("exportedAt");
        assert_eq!(first, second);
        // And the app reads the imported data as it did the original.
        let list = |s: &Store| serde_json::to_value(crate::forum::meetings::list(s, today()).unwrap()).unwrap();
        assert_eq!(list(&target), list(&source));
    }

    /// An export of a new database (seeded themes, nothing else), to build files from.
    fn empty_doc(dir: &Path) -> Value {
        let file = dir.join("empty.json");
        export_to(&Store::open_in_memory().unwrap(), &file).unwrap();
        read_doc(&file)
    }

    fn import_doc(store: &mut Store, dir: &Path, doc: &Value) -> crate::Error {
        let file = dir.join("bad.json");
        std::fs::write(&file, serde_json::to_vec(doc).unwrap()).unwrap();
        import_from(store, &file).expect_err("the file must be refused")
    }

    /// A new database after a refused import: only its seeded rows, as before.
    fn assert_untouched(store: &Store) {
        let fresh = Store::open_in_memory().unwrap();
        assert_eq!(dump(store), dump(&fresh));
    }

    #[test]
    fn a_database_with_data_is_refused_and_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = full_forum(&dir.path().join("a"));
        let file = dir.path().join("everything.json");
        export_to(&s, &file).unwrap();
        let before = dump(&s);
        let e = import_from(&mut s, &file).unwrap_err();
        assert_eq!(e.code(), "conflict");
        let m = e.to_string();
        assert!(
            m.contains("only be imported into an empty database")
                && m.contains("network (12)")
                && m.contains("Nothing was changed"),
            "{m}"
        );
        assert_eq!(dump(&s), before);
    }

    #[test]
    fn a_file_that_is_not_a_whole_current_export_is_refused_by_its_header() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_in_memory().unwrap();
        let doc = empty_doc(dir.path());
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let truncated = dir.path().join("truncated.json");
        std::fs::write(&truncated, &text[..text.len() / 2]).unwrap();
        let e = import_from(&mut s, &truncated).unwrap_err();
        assert_eq!(e.code(), "file_syntax");
        assert!(
            e.to_string().contains("truncated.json is not a valid Forum Desk export file")
                && e.to_string().contains("is the file complete"),
            "{e}"
        );

        let with = |key: &str, value: Value| {
            let mut d = doc.clone();
            d[key] = value;
            d
        };
        let cases = [
            (with("format", "forum-desk-submission".into()), "not a Forum Desk export"),
            (serde_json::json!([1, 2, 3]), "not a Forum Desk export"),
            (with("version", 2.into()), "newer Forum Desk (export version 2"),
            (with("version", "one".into()), "\"version\" must be 1"),
            (with("schemaVersion", (LATEST_VERSION + 1).into()), "newer Forum Desk (database schema"),
            (with("schemaVersion", (LATEST_VERSION - 1).into()), "must come from the same version"),
            (with("tables", Value::Null), "no \"tables\""),
        ];
        for (bad, words) in cases {
            let e = import_doc(&mut s, dir.path(), &bad);
            assert_eq!(e.code(), "file_syntax", "{e}");
            assert!(e.to_string().contains(words), "{e} (wanted {words})");
        }
        assert_untouched(&s);
    }

    #[test]
    fn an_unknown_or_missing_table_or_column_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_in_memory().unwrap();
        let doc = empty_doc(dir.path());
        let mut extra_table = doc.clone();
        extra_table["tables"]["gossip"] = serde_json::json!([]);
        let mut no_table = doc.clone();
        no_table["tables"].as_object_mut().unwrap().remove("statement");
        let mut extra_column = doc.clone();
        extra_column["tables"]["theme"][1]["colour"] = "pink".into();
        let mut no_column = doc.clone();
        no_column["tables"]["theme"][0].as_object_mut().unwrap().remove("keywords");
        let mut not_a_value = doc.clone();
        not_a_value["tables"]["theme"][0]["keywords"] = serde_json::json!(["a", "b"]);
        let cases = [
            (extra_table, "field \u{201c}tables.gossip\u{201d}: this version of Forum Desk has no such table"),
            (no_table, "field \u{201c}tables.statement\u{201d}: this table is missing"),
            (extra_column, "entry 2 in \u{201c}theme\u{201d} (id 2), field \u{201c}colour\u{201d}: \
                            \u{201c}theme\u{201d} has no such column"),
            (no_column, "entry 1 in \u{201c}theme\u{201d} (id 1), field \u{201c}keywords\u{201d}: \
                         this column is missing"),
            (not_a_value, "field \u{201c}keywords\u{201d}: expected text, a number or null"),
        ];
        for (bad, words) in cases {
            let e = import_doc(&mut s, dir.path(), &bad);
            assert!(e.to_string().contains(words), "{e} (wanted {words})");
        }
        assert_untouched(&s);
    }

    #[test]
    fn a_row_the_schema_refuses_is_named_and_nothing_is_imported() {
        let dir = tempfile::tempdir().unwrap();
        let source = full_forum(&dir.path().join("a"));
        let file = dir.path().join("everything.json");
        export_to(&source, &file).unwrap();
        let full = read_doc(&file);
        let mut s = Store::open_dir(&dir.path().join("b")).unwrap();

        // A meeting with an empty title, after every network went in.
        let mut bad_check = full.clone();
        bad_check["tables"]["meeting"][1]["title"] = "  ".into();
        let e = import_doc(&mut s, dir.path(), &bad_check);
        assert_eq!(e.code(), "file_entry");
        let m = e.to_string();
        assert!(
            m.contains(
                "entry 2 in \u{201c}meeting\u{201d} (id 2), field \u{201c}meeting\u{201d}: CHECK constraint failed"
            ),
            "{m}"
        );
        assert_untouched(&s);

        // An agenda item of a meeting that is not in the file.
        let mut dangling = full.clone();
        dangling["tables"]["agenda_item"][0]["meeting_id"] = 99.into();
        let e = import_doc(&mut s, dir.path(), &dangling);
        let m = e.to_string();
        let wanted = "entry 1 in \u{201c}agenda_item\u{201d} (id 1), field \u{201c}agenda_item\u{201d}: \
                      FOREIGN KEY constraint failed";
        assert!(m.contains(wanted), "{m}");
        assert_untouched(&s);

        // Text where the schema wants a number, and two networks with one id.
        let mut wrong_type = full.clone();
        wrong_type["tables"]["network"][0]["active"] = "yes".into();
        let e = import_doc(&mut s, dir.path(), &wrong_type);
        assert!(
            e.to_string().contains("entry 1 in \u{201c}network\u{201d} (id 1)")
                && e.to_string().contains("network.active"),
            "{e}"
        );
        let mut twice = full.clone();
        twice["tables"]["network"][1]["id"] = 1.into();
        let e = import_doc(&mut s, dir.path(), &twice);
        assert!(
            e.to_string().contains("entry 2 in \u{201c}network\u{201d} (id 1)") && e.to_string().contains("UNIQUE"),
            "{e}"
        );
        assert_untouched(&s);

        // The whole file still imports into the same database after those refusals.
        import_from(&mut s, &file).unwrap();
        assert_eq!(dump(&s), dump(&source));
    }

    #[test]
    fn foreign_key_check_catches_what_slips_past_with_foreign_keys_off() {
        let dir = tempfile::tempdir().unwrap();
        let source = full_forum(&dir.path().join("a"));
        let file = dir.path().join("everything.json");
        export_to(&source, &file).unwrap();
        let mut doc = read_doc(&file);
        doc["tables"]["outcome"][0]["item_id"] = 999.into();
        let mut s = Store::open_in_memory().unwrap();
        s.conn().pragma_update(None, "foreign_keys", "OFF").unwrap();
        let e = import_doc(&mut s, dir.path(), &doc);
        assert!(
            e.to_string().contains("tables.outcome")
                && e.to_string().contains("refers to a row of \u{201c}agenda_item\u{201d}"),
            "{e}"
        );
        assert_untouched(&s);
    }

    #[test]
    fn an_enormous_file_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.json");
        // Sparse: no disk is used.
        std::fs::File::create(&big).unwrap().set_len(MAX_BYTES + 1).unwrap();
        let e = import_from(&mut Store::open_in_memory().unwrap(), &big).unwrap_err();
        assert!(e.to_string().contains("more than the 500 MB"), "{e}");
    }

    #[test]
    fn values_json_cannot_carry_are_refused() {
        assert!(to_json(ValueRef::Blob(b"\x00\x01")).unwrap_err().contains("BLOB"));
        assert!(to_json(ValueRef::Real(f64::INFINITY)).is_err());
        assert_eq!(to_json(ValueRef::Real(1.5)).unwrap(), serde_json::json!(1.5));
        assert!(to_sql(serde_json::json!(u64::MAX)).is_err());
        assert!(to_sql(Value::Bool(true)).is_err());
        assert_eq!(to_sql(serde_json::json!(-3)).unwrap(), SqlValue::Integer(-3));
    }
}
