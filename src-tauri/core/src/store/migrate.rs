//! Numbered migrations, embedded in the binary and applied in order, each in its own
//! transaction together with the bump of `user_version`, so a crash leaves the schema
//! at one version or the next, never between.

use std::path::Path;

use rusqlite::{backup::Backup, Connection, TransactionBehavior};

use super::StoreError;

/// (version, name, SQL). Append only: a released migration never changes.
pub const MIGRATIONS: &[Migration] = &[
    (1, "networks", include_str!("../../migrations/0001_networks.sql")),
    (2, "meetings", include_str!("../../migrations/0002_meetings.sql")),
    (3, "actions_and_locking", include_str!("../../migrations/0003_actions_and_locking.sql")),
    (4, "readout_options", include_str!("../../migrations/0004_readout_options.sql")),
    (5, "people_and_attendance", include_str!("../../migrations/0005_people_and_attendance.sql")),
    (6, "needs_and_strengths", include_str!("../../migrations/0006_needs_and_strengths.sql")),
    (7, "erasure", include_str!("../../migrations/0007_erasure.sql")),
    (8, "indexes_for_scale", include_str!("../../migrations/0008_indexes_for_scale.sql")),
    (9, "network_name_unknown", include_str!("../../migrations/0009_network_name_unknown.sql")),
    (10, "series", include_str!("../../migrations/0010_series.sql")),
    (11, "teams_attendance", include_str!("../../migrations/0011_teams_attendance.sql")),
    (12, "indexes_for_speed", include_str!("../../migrations/0012_indexes_for_speed.sql")),
    (13, "search", include_str!("../../migrations/0013_search.sql")),
    (14, "notes_indexed_before_reading", include_str!("../../migrations/0014_notes_indexed_before_reading.sql")),
];

/// Data a migration brings with it that lives in Rust rather than SQL, run in the
/// migration's own transaction: the starting list of themes is the matcher's.
fn seed(version: u32, tx: &Connection) -> Result<(), StoreError> {
    if version == 6 {
        for (i, t) in crate::matching::statements::default_themes().iter().enumerate() {
            tx.execute(
                "INSERT INTO theme (name, keywords, position, name_key) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![t.name, t.keywords.join(", "), i as i64 + 1, crate::model::text::match_key(&[&t.name])],
            )?;
        }
    }
    Ok(())
}

pub const LATEST_VERSION: u32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

pub(super) fn run(conn: &mut Connection, existing_file: Option<&Path>) -> Result<(), StoreError> {
    run_list(conn, existing_file, MIGRATIONS)
}

pub(super) fn refuse_newer(conn: &Connection) -> Result<(), StoreError> {
    let current: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > LATEST_VERSION {
        return Err(StoreError::NewerSchema { found: current, known: LATEST_VERSION });
    }
    Ok(())
}

type Migration = (u32, &'static str, &'static str);

fn run_list(conn: &mut Connection, existing_file: Option<&Path>, list: &[Migration]) -> Result<(), StoreError> {
    let latest = list.last().map_or(0, |m| m.0);
    let current: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > latest {
        return Err(StoreError::NewerSchema { found: current, known: latest });
    }
    if current == latest {
        return Ok(());
    }
    if let (Some(path), true) = (existing_file, current > 0) {
        backup_before_migration(conn, path, current)?;
    }
    for (version, name, sql) in list.iter().filter(|(v, _, _)| *v > current) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql).map_err(|e| {
            StoreError::Conflict { field: None, message: format!("Migration {version:04}_{name} failed: {e}") }
        })?;
        seed(*version, &tx)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

/// Copies the database, with SQLite's online backup, to
/// `backups/forum-v{N}-before-migration-{timestamp}.db` beside it.
fn backup_before_migration(conn: &Connection, db_path: &Path, version: u32) -> Result<(), StoreError> {
    let dir = db_path.parent().unwrap_or(Path::new(".")).join("backups");
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let target = dir.join(format!("forum-v{version}-before-migration-{stamp}.db"));
    let mut dst = Connection::open(&target)?;
    Backup::new(conn, &mut dst)?.run_to_completion(256, std::time::Duration::ZERO, None)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn fresh_database_reaches_latest_version() {
        let s = Store::open_in_memory().unwrap();
        assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
    }

    #[test]
    fn versions_are_numbered_in_order() {
        for (i, (v, _, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*v as usize, i + 1);
        }
    }

    #[test]
    fn newer_database_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("forum.db");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (42);").unwrap();
            c.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(&path).err().expect("newer schema must be refused");
        assert!(matches!(err, StoreError::NewerSchema { found, .. } if found == LATEST_VERSION + 1));
        assert!(err.to_string().contains("newer version of Forum Desk"));
        assert!(std::fs::read(&path).unwrap() == before, "the file was changed");
        let c = Connection::open(&path).unwrap();
        assert!(c.prepare("SELECT * FROM network").is_err(), "no migration ran");
    }

    #[test]
    fn an_older_database_is_backed_up_before_migrating() {
        const TWO: &[Migration] = &[(1, "one", "CREATE TABLE a (x); INSERT INTO a VALUES (7);"), (2, "two", "CREATE TABLE b (y);")];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("forum.db");
        let mut c = Connection::open(&path).unwrap();
        run_list(&mut c, None, &TWO[..1]).unwrap();
        assert!(!dir.path().join("backups").exists(), "a new database needs no backup");
        run_list(&mut c, Some(&path), TWO).unwrap();
        let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups")).unwrap().map(|e| e.unwrap().path()).collect();
        assert_eq!(backups.len(), 1);
        let name = backups[0].file_name().unwrap().to_string_lossy().to_string();
        assert!(name.starts_with("forum-v1-before-migration-"), "{name}");
        let old = Connection::open(&backups[0]).unwrap();
        let v: u32 = old.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        let x: i64 = old.query_row("SELECT x FROM a", [], |r| r.get(0)).unwrap();
        assert_eq!((v, x), (1, 7));
        assert!(old.prepare("SELECT * FROM b").is_err(), "the backup is the state before migrating");
    }

    #[test]
    fn a_failing_migration_leaves_the_previous_version() {
        const BAD: &[Migration] = &[(1, "one", "CREATE TABLE a (x);"), (2, "bad", "CREATE TABLE c (z); NOT SQL;")];
        let mut c = Connection::open_in_memory().unwrap();
        assert!(run_list(&mut c, None, BAD).is_err());
        let v: u32 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, 1);
        assert!(c.prepare("SELECT * FROM c").is_err(), "the failed migration was rolled back whole");
    }

    /// Issue 15: a forum planned before cadences existed keeps meeting quarterly; a new
    /// one meets monthly.
    #[test]
    fn an_existing_forum_stays_quarterly() {
        let mut c = Connection::open_in_memory().unwrap();
        let before = MIGRATIONS.iter().position(|m| m.1 == "series").unwrap();
        run_list(&mut c, None, &MIGRATIONS[..before]).unwrap();
        c.execute("INSERT INTO meeting (title, date, start_time, end_time, created_at, updated_at) VALUES ('F', '2026-10-08', '15:00', '16:00', 'x', 'x')", []).unwrap();
        run_list(&mut c, None, MIGRATIONS).unwrap();
        let cadence: String = c.query_row("SELECT value FROM setting WHERE key = 'forum.cadence'", [], |r| r.get(0)).unwrap();
        assert_eq!(serde_json::from_str::<crate::forum::series::Cadence>(&cadence).unwrap(), crate::forum::series::Cadence::Quarterly(crate::forum::series::DayRule::AsLatest));
        let fresh = Store::open_in_memory().unwrap();
        assert_eq!(crate::forum::series::cadence(&fresh).unwrap(), crate::forum::series::DEFAULT);
    }

    #[cfg(unix)]
    #[test]
    fn data_dir_and_file_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        Store::open_dir(&data).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&data.join("forum.db")), 0o600);
    }
}
