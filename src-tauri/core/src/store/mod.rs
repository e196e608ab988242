//! The SQLite database: opening it safely, migrating it, and the queries of each
//! aggregate (one file each).

pub mod check;
mod migrate;
pub mod actions;
pub mod agenda;
pub mod meetings;
pub mod networks;
pub mod people;
pub mod registrations;
pub mod submissions;
pub mod themes;
pub mod proposals;
pub mod notes_index;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use migrate::{LATEST_VERSION, MIGRATIONS};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "This database was written by a newer version of Forum Desk (schema version {found}; \
         this version understands up to {known}). It has not been changed: update Forum Desk to open it."
    )]
    NewerSchema { found: u32, known: u32 },
    #[error("{what} was not found (it may have been deleted)")]
    NotFound { what: String },
    #[error("{message}")]
    Conflict { field: Option<String>, message: String },
    #[error("{message}")]
    Locked { message: String },
    #[error("Could not use {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "The records file is damaged or is not a Forum Desk database ({detail}). It has not been changed. \
         Restore the latest copy from the backups folder beside it (forum-desk restore FILE)."
    )]
    Damaged { detail: String },
    #[error("Forum Desk cannot write to its records (they are read-only). Nothing was changed: check the permissions of the data folder.")]
    ReadOnly,
    #[error("The disk is full, so nothing was saved. Free some space and try again; what was saved before is safe.")]
    DiskFull,
    #[error("Database error: {0}")]
    Sqlite(rusqlite::Error),
}

// SQLite's own words for the faults a person can act on become sentences that say what
// to do; anything else is reported as it is.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::*;
        match e.sqlite_error_code() {
            Some(DatabaseCorrupt | NotADatabase) => StoreError::Damaged { detail: e.to_string() },
            Some(ReadOnly) => StoreError::ReadOnly,
            Some(DiskFull) => StoreError::DiskFull,
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NewerSchema { .. } => "newer_schema",
            StoreError::NotFound { .. } => "not_found",
            StoreError::Conflict { .. } => "conflict",
            StoreError::Locked { .. } => "locked",
            StoreError::Io { .. } => "io",
            StoreError::Damaged { .. } => "damaged",
            StoreError::ReadOnly => "read_only",
            StoreError::DiskFull => "disk_full",
            StoreError::Sqlite(_) => "database",
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            StoreError::Conflict { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    pub(crate) fn not_found(what: impl Into<String>) -> Self {
        StoreError::NotFound { what: what.into() }
    }

    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        StoreError::Io { path: path.to_path_buf(), source }
    }
}

/// The chair's database. One connection, used by one operation at a time.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

/// The file name of the database inside the data directory.
pub const DB_FILE: &str = "forum.db";

impl Store {
    /// Opens (creating if need be) `forum.db` in `data_dir`, which is made private to
    /// the user (0700, file 0600): the database holds special category personal data.
    pub fn open_dir(data_dir: &Path) -> Result<Store, StoreError> {
        create_private_dir(data_dir)?;
        Store::open(&data_dir.join(DB_FILE))
    }

    /// Opens the database at `path`, migrating it to the latest schema. An existing
    /// database is copied to `backups/` beside it before any migration touches it; one
    /// from a newer version of the app is refused and left as it was.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let existed = path.exists();
        let conn = Connection::open(path)?;
        restrict_file(path)?;
        // Refuse a newer database before anything (even the journal mode) is written to it.
        migrate::refuse_newer(&conn)?;
        let mut store = Store { conn, path: Some(path.to_path_buf()) };
        store.configure()?;
        migrate::run(&mut store.conn, existed.then_some(path))?;
        // Notes a past session saved and no search has read yet.
        notes_index::index_saved_notes_now(&store.conn)?;
        Ok(store)
    }

    /// A private, throwaway database for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut store = Store { conn: Connection::open_in_memory()?, path: None };
        store.configure()?;
        migrate::run(&mut store.conn, None)?;
        Ok(store)
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        // WAL keeps readers and the writer apart; FULL sync because losing the chair's
        // last save is not acceptable; foreign keys keep history from dangling.
        self.conn.pragma_update(None, "journal_mode", "WAL")?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        self.conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Every statement the screens use stays prepared (rusqlite keeps 16): parsing a
        // query again can cost more than running it.
        self.conn.set_prepared_statement_cache_capacity(128);
        Ok(())
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}

fn create_private_dir(dir: &Path) -> Result<(), StoreError> {
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).map_err(|e| StoreError::io(dir, e))?;
    }
    Ok(())
}

fn restrict_file(path: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).map_err(|e| StoreError::io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// One row, from a cached statement: rusqlite's `query_row` prepares its SQL at every
/// call, which for the lookups by id cost more than the lookup.
pub(crate) fn query_one<T, P: rusqlite::Params>(conn: &Connection, sql: &str, params: P, f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    conn.prepare_cached(sql)?.query_row(params, f)
}

/// Reads a column holding one of an enum's stored words. The schema's CHECKs admit only
/// those words, so this fails only on a database edited by hand: reported, not guessed.
pub(crate) fn word<T>(r: &rusqlite::Row, idx: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = r.get(idx)?;
    parse(&text).ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, format!("unexpected value {text:?}").into()))
}

/// Now, as the ISO 8601 UTC text the database stores.
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod fault_tests {
    use super::*;
    use crate::model::NetworkInput;

    fn sample(dir: &Path) -> Store {
        let mut s = Store::open_dir(dir).unwrap();
        crate::demo::load_at(&mut s, chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).unwrap();
        s
    }

    fn count(s: &Store, table: &str) -> i64 {
        s.conn().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_file_that_is_not_a_database_is_named_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE);
        let junk = b"These are the minutes of a meeting, not a database.".repeat(100);
        std::fs::write(&path, &junk).unwrap();
        let e = Store::open_dir(dir.path()).err().expect("refused");
        assert_eq!(e.code(), "damaged");
        assert!(e.to_string().contains("It has not been changed. Restore the latest copy from the backups folder"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), junk);
    }

    #[test]
    fn a_damaged_header_is_refused_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        drop(sample(dir.path()));
        let path = dir.path().join(DB_FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[0..16].copy_from_slice(b"Not SQLite here!");
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(Store::open_dir(dir.path()).err().expect("refused").code(), "damaged");
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }

    #[test]
    fn a_full_disk_saves_nothing_and_loses_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = sample(dir.path());
        let meeting: i64 = s.conn().query_row("SELECT max(id) FROM meeting", [], |r| r.get(0)).unwrap();
        let (people, regs) = (count(&s, "person"), count(&s, "registration"));
        let file = dir.path().join("many.csv");
        let mut csv = String::from("Your name,Email address,Network,Department\n");
        for i in 0..3000 {
            csv.push_str(&format!("Person {i} With A Long Name,person{i}@example.org,Kaleidoscope,HM Revenue and Customs\n"));
        }
        std::fs::write(&file, csv).unwrap();
        // No room for one more page: as if the disk were full.
        let pages: i64 = s.conn().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        s.conn().pragma_update(None, "max_page_count", pages).unwrap();
        let mapping = crate::people::registration_import::preview(&s, &file, meeting, None).unwrap().columns.iter().map(|c| c.field).collect::<Vec<_>>();
        let e = crate::people::registration_import::import(&mut s, &file, meeting, &mapping, &[]).unwrap_err();
        assert_eq!(e.code(), "disk_full", "{e}");
        assert!(e.to_string().starts_with("The disk is full, so nothing was saved."));
        assert_eq!((count(&s, "person"), count(&s, "registration")), (people, regs));
        assert!(check::problems(s.conn()).unwrap().is_empty());
        // Space again: the same import goes through.
        s.conn().pragma_update(None, "max_page_count", 1_000_000).unwrap();
        crate::people::registration_import::import(&mut s, &file, meeting, &mapping, &[]).unwrap();
        assert_eq!(count(&s, "registration"), regs + 3000);
    }

    #[test]
    fn read_only_records_refuse_a_change_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = sample(dir.path());
        let before = count(&s, "network");
        // What a read-only file or folder looks like to SQLite (root ignores chmod, so the
        // tests cannot rely on file permissions).
        s.conn().pragma_update(None, "query_only", true).unwrap();
        let input = NetworkInput { name: "New".into(), department: "Agency".into(), kind: "agency".into(), ..Default::default() };
        let e = crate::networks::create(&mut s, &input).unwrap_err();
        assert_eq!(e.code(), "read_only", "{e}");
        assert_eq!(count(&s, "network"), before);
    }
}
