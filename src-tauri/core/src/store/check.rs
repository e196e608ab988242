//! Whole-database consistency: what must hold however the app was stopped. Used after a
//! restore and by the crash tests, which kill the app mid-write and then look here.

use rusqlite::Connection;

use super::StoreError;

/// Everything wrong with the database, in words; empty when it is sound.
pub fn problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if integrity != "ok" {
        out.push(format!("integrity check: {integrity}"));
    }
    let mut fk = conn.prepare("PRAGMA foreign_key_check")?;
    let dangling: Vec<String> = fk.query_map([], |r| Ok(format!("{} row {}", r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?.collect::<Result<_, _>>()?;
    out.extend(dangling.into_iter().map(|d| format!("dangling reference: {d}")));
    // Agenda positions are 1..n in each meeting (kept so in one transaction per move).
    let mut gaps = conn.prepare(
        "SELECT meeting_id FROM agenda_item GROUP BY meeting_id HAVING min(position) <> 1 OR max(position) <> count(*) OR count(DISTINCT position) <> count(*)",
    )?;
    let bad: Vec<i64> = gaps.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    out.extend(bad.into_iter().map(|m| format!("meeting {m}: agenda positions are not 1..n")));
    // A submission is saved with its statements in one transaction: never empty.
    let empty: i64 = conn.query_row("SELECT count(*) FROM submission s WHERE NOT EXISTS (SELECT 1 FROM statement t WHERE t.submission_id = s.id)", [], |r| r.get(0))?;
    if empty > 0 {
        out.push(format!("{empty} submissions without statements"));
    }
    out.extend(search_index_problems(conn)?);
    Ok(out)
}

/// Each search index (FTS5, migration 0013) checked against the table it indexes: the
/// triggers keep them in step, so a difference means a write went round them.
fn search_index_problems(conn: &Connection) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE % USING fts5(%' ORDER BY name")?;
    let indexes: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    // A bulk write sets an index's triggers aside only inside its own transaction.
    let mut stmt = conn.prepare("SELECT substr(key, 14) FROM setting WHERE key LIKE 'search.defer.%' ORDER BY key")?;
    let aside: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    out.extend(aside.into_iter().map(|i| format!("search index {i} is set aside (search.defer.{i}): its table's changes are not being indexed")));
    if indexes.is_empty() {
        return Ok(out);
    }
    // Items whose notes were saved since the index read them (migration 0014) are
    // indexed first, as any reader would, but only for the check: undone after it, so
    // checking changes nothing. Indexing from remembered text that is not what the index
    // holds would leave the index unlike its table, which the check below then finds.
    let dangling: i64 = conn.query_row("SELECT count(*) FROM search_item_unindexed WHERE item_id NOT IN (SELECT id FROM agenda_item)", [], |r| r.get(0))?;
    if dangling > 0 {
        out.push(format!("{dangling} items waiting to have their notes indexed no longer exist"));
    }
    conn.execute_batch("SAVEPOINT check_search")?;
    let checked = (|| -> Result<Vec<String>, StoreError> {
        super::notes_index::index_saved_notes(conn)?;
        let mut found = Vec::new();
        for index in indexes {
            // Rank 1: compare with the external content table, not only the index itself.
            // Names come from the schema, never from a person.
            if let Err(e) = conn.execute(&format!("INSERT INTO \"{index}\" (\"{index}\", rank) VALUES ('integrity-check', 1)"), []) {
                found.push(format!("search index {index} does not match its records: {e}"));
            }
        }
        Ok(found)
    })();
    conn.execute_batch("ROLLBACK TO check_search; RELEASE check_search")?;
    out.extend(checked?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn the_sample_forum_is_sound_and_a_gap_is_found() {
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::load_at(&mut s, chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).unwrap();
        assert_eq!(problems(s.conn()).unwrap(), Vec::<String>::new());
        s.conn().execute("UPDATE agenda_item SET position = position + 1 WHERE position = 2 AND meeting_id = 1", []).unwrap();
        assert_eq!(problems(s.conn()).unwrap(), vec!["meeting 1: agenda positions are not 1..n".to_string()]);
    }

    #[test]
    fn a_search_index_out_of_step_with_its_table_is_found() {
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::load_at(&mut s, chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).unwrap();
        super::super::notes_index::index_saved_notes_now(s.conn()).unwrap();
        // A write that goes round the triggers: the index still holds the old words.
        s.conn().execute_batch("DROP TRIGGER search_item_notes; UPDATE agenda_item SET notes = 'Rewritten behind the index' WHERE id = 1;").unwrap();
        let found = problems(s.conn()).unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("search index search_item does not match its records"), "{found:?}");
        s.conn().execute("INSERT INTO search_item (search_item) VALUES ('rebuild')", []).unwrap();
        assert_eq!(problems(s.conn()).unwrap(), Vec::<String>::new());
    }
}
