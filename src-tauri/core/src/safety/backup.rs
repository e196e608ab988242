//! Backups: a copy on the first start of each day (the last 14 kept), a copy to any file
//! on request, and restore from a copy that passes SQLite's integrity check, with the
//! current database kept as a backup first. Copies use SQLite's online backup, so they
//! are consistent even while the app has the database open.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{backup::Backup, Connection, OpenFlags};

use crate::store::{StoreError, DB_FILE, LATEST_VERSION};
use crate::{Result, Store};

/// How many daily backups are kept.
pub const KEEP_DAILY: usize = 14;

const DAILY_PREFIX: &str = "forum-daily-";

fn copy_db(src: &Connection, target: &Path) -> Result<()> {
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    }
    let partial = target.with_extension("partial");
    let _ = std::fs::remove_file(&partial);
    {
        let mut dst = Connection::open(&partial)?;
        Backup::new(src, &mut dst)?.run_to_completion(512, std::time::Duration::ZERO, None)?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(0o600)).map_err(|e| StoreError::io(&partial, e))?;
    }
    std::fs::rename(&partial, target).map_err(|e| StoreError::io(target, e))?;
    Ok(())
}

/// Copies the open database to `target`.
pub fn backup_to(store: &Store, target: &Path) -> Result<()> {
    copy_db(store.conn(), target)
}

/// On the first start of a day: `backups/forum-daily-YYYY-MM-DD.db`, keeping the newest
/// 14. Returns the new file, or None when today's backup exists already.
pub fn daily(store: &Store, data_dir: &Path, today: NaiveDate) -> Result<Option<PathBuf>> {
    let dir = data_dir.join("backups");
    let target = dir.join(format!("{DAILY_PREFIX}{}.db", today.format("%Y-%m-%d")));
    if target.exists() {
        return Ok(None);
    }
    copy_db(store.conn(), &target)?;
    let mut daily: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| StoreError::io(&dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(DAILY_PREFIX) && n.ends_with(".db")))
        .collect();
    // The names sort by date.
    daily.sort();
    let excess = daily.len().saturating_sub(KEEP_DAILY);
    for old in daily.into_iter().take(excess) {
        let _ = std::fs::remove_file(old);
    }
    Ok(Some(target))
}

/// Checks that `path` is a Forum Desk database this version can open, whole.
pub fn verify(path: &Path) -> Result<()> {
    let name = crate::import::display_name(path);
    let bad = |why: String| StoreError::Conflict { field: Some("file".into()), message: format!("{name} cannot be restored: {why}. Nothing was changed.") };
    if !path.is_file() {
        return Err(bad("there is no such file".into()).into());
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| bad(e.to_string()))?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| bad(format!("it is not a database ({e})")))?;
    if check != "ok" {
        return Err(bad(format!("the integrity check failed ({check})")).into());
    }
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| bad(e.to_string()))?;
    if version == 0 || conn.prepare("SELECT 1 FROM network LIMIT 1").is_err() {
        return Err(bad("it is not a Forum Desk database".into()).into());
    }
    if version > LATEST_VERSION {
        return Err(bad(format!("it was written by a newer version of Forum Desk (schema {version}, this version knows {LATEST_VERSION})")).into());
    }
    Ok(())
}

/// Replaces the database in `data_dir` with the backup at `from`, after checking it;
/// the current database is first copied to `backups/forum-before-restore-<time>.db`.
/// Returns that copy's path. The restored database is migrated when it is opened.
pub fn restore(data_dir: &Path, from: &Path) -> Result<PathBuf> {
    verify(from)?;
    let db = data_dir.join(DB_FILE);
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let kept = data_dir.join("backups").join(format!("forum-before-restore-{stamp}.db"));
    let mut current = Connection::open(&db)?;
    copy_db(&current, &kept)?;
    let src = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    // Copy page by page into the live file through SQLite, so its journal stays right.
    Backup::new(&src, &mut current)?.run_to_completion(512, std::time::Duration::ZERO, None)?;
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NetworkInput;

    fn net(name: &str) -> NetworkInput {
        NetworkInput { name: name.into(), department: "Ministry of Maps".into(), kind: "agency".into(), ..Default::default() }
    }

    #[test]
    fn daily_backups_once_a_day_keeping_fourteen() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open_dir(dir.path()).unwrap();
        crate::networks::create(&mut s, &net("Compass Rose")).unwrap();
        let day = |d: u32| NaiveDate::from_ymd_opt(2027, 1, d).unwrap();
        assert!(daily(&s, dir.path(), day(1)).unwrap().is_some());
        assert!(daily(&s, dir.path(), day(1)).unwrap().is_none(), "once a day");
        for d in 2..=20 {
            daily(&s, dir.path(), day(d)).unwrap();
        }
        let mut names: Vec<String> = std::fs::read_dir(dir.path().join("backups")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        assert_eq!(names.len(), KEEP_DAILY);
        assert_eq!(names[0], "forum-daily-2027-01-07.db");
        verify(&dir.path().join("backups/forum-daily-2027-01-20.db")).unwrap();
    }

    #[test]
    fn restore_brings_back_the_backup_and_keeps_the_current_database() {
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("copy.db");
        {
            let mut s = Store::open_dir(dir.path()).unwrap();
            crate::networks::create(&mut s, &net("Before")).unwrap();
            backup_to(&s, &copy).unwrap();
            crate::networks::create(&mut s, &net("After")).unwrap();
        }
        let kept = restore(dir.path(), &copy).unwrap();
        let s = Store::open_dir(dir.path()).unwrap();
        let names: Vec<String> = crate::networks::list(&s, &Default::default()).unwrap().into_iter().map(|n| n.name).collect();
        assert_eq!(names, ["Before"]);
        let old = Store::open(&kept).unwrap();
        assert_eq!(crate::networks::count(&old).unwrap(), 2, "the database as it was before the restore is kept");
    }

    #[test]
    fn a_corrupt_or_foreign_file_is_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut s = Store::open_dir(dir.path()).unwrap();
            crate::networks::create(&mut s, &net("Keep me")).unwrap();
        }
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"not a database at all, just some words").unwrap();
        let other = dir.path().join("other.db");
        Connection::open(&other).unwrap().execute_batch("CREATE TABLE t (x); PRAGMA user_version = 1;").unwrap();
        for (file, words) in [(junk, "not a database"), (other, "not a Forum Desk database"), (dir.path().join("missing.db"), "no such file")] {
            let e = restore(dir.path(), &file).unwrap_err().to_string();
            assert!(e.contains(words) && e.contains("Nothing was changed"), "{e}");
        }
        let s = Store::open_dir(dir.path()).unwrap();
        assert_eq!(crate::networks::count(&s).unwrap(), 1);
        assert!(!dir.path().join("backups").exists() || std::fs::read_dir(dir.path().join("backups")).unwrap().count() == 0);
    }
}
