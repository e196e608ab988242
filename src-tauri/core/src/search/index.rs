//! Keeping the search indexes in step during bulk writes.
//!
//! The triggers of migration 0013 index each row as it is written, which is what every
//! ordinary operation wants. But FTS5 writes its pending words to disk at the start of
//! every statement in a transaction that could need undoing on its own, and a trigger
//! makes every insert such a statement: indexing 10,000 new people one by one cost more
//! than half again the whole registration import (docs/benchmarks.md). Even a trigger
//! that does nothing costs: SQLite keeps a statement journal for each insert into a
//! table with triggers. So a bulk write sets the triggers of the indexes it touches
//! aside: it drops them, keeping their SQL in the setting `search.defer.<index>`, and at
//! the end creates them again and rebuilds those indexes from their tables, in the same
//! transaction. SQLite's schema changes are transactional: whatever happens, the
//! triggers, the index and its table commit together, or not at all.

use rusqlite::{params, Connection, OptionalExtension};

use crate::Result;

/// Every search index (migration 0013), and the table it indexes.
pub(crate) const INDEXES: [(&str, &str); 9] = [
    ("search_meeting", "meeting"),
    ("search_item", "agenda_item"),
    ("search_outcome", "outcome"),
    ("search_action", "action"),
    ("search_action_update", "action_update"),
    ("search_proposal", "proposal"),
    ("search_network", "network"),
    ("search_statement", "statement"),
    ("search_person", "person"),
];

/// The setting whose presence sets an index's triggers aside.
pub(crate) const DEFER_PREFIX: &str = "search.defer.";

/// Indexing a row as it is written costs about four times what it costs in a rebuild:
/// deferring pays when a write touches more than a quarter as many rows as the table
/// already holds.
pub(crate) fn worth_deferring(conn: &Connection, table: &str, rows: usize) -> Result<bool> {
    let Some((_, content)) = INDEXES.iter().find(|(index, _)| *index == table) else { return Ok(false) };
    if !exists(conn, table)? {
        return Ok(false);
    }
    let held: i64 = conn.query_row(&format!("SELECT count(*) FROM {content}"), [], |r| r.get(0))?;
    Ok(rows as i64 * 4 >= held)
}

/// Only an index the database has is set aside and rebuilt (the import benchmark
/// compares with a database whose indexes were dropped).
fn exists(conn: &Connection, index: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1", [index], |r| r.get::<_, i64>(0))? > 0)
}

/// Sets the triggers of `indexes` aside until `catch_up`, inside the caller's transaction.
pub(crate) fn defer(conn: &Connection, indexes: &[&str]) -> Result<()> {
    for (index, content) in INDEXES.iter().filter(|(known, _)| indexes.contains(known)) {
        if !exists(conn, index)? {
            continue;
        }
        let key = format!("{DEFER_PREFIX}{index}");
        let already: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM setting WHERE key = ?1)", [&key], |r| r.get(0))?;
        if already {
            continue;
        }
        // The triggers on the indexed table that keep this index (migrations 0013, 0014).
        let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1 AND name LIKE 'search\\_%' ESCAPE '\\' ORDER BY name")?;
        let triggers: Vec<(String, String)> = stmt.query_map([content], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        // Kept as one script, to be run as it is by `catch_up`.
        let script = triggers.iter().map(|(_, sql)| sql.as_str()).collect::<Vec<_>>().join(";\n");
        conn.execute("INSERT INTO setting (key, value) VALUES (?1, ?2)", params![key, script])?;
        for (name, _) in &triggers {
            // Names come from the schema, and begin "search_".
            conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
        }
    }
    Ok(())
}

/// Puts back the triggers of each index set aside and rebuilds the index from its table,
/// as it now is.
pub(crate) fn catch_up(conn: &Connection) -> Result<()> {
    for (index, _) in INDEXES {
        let key = format!("{DEFER_PREFIX}{index}");
        let kept: Option<String> = conn.query_row("DELETE FROM setting WHERE key = ?1 RETURNING value", [&key], |r| r.get(0)).optional()?;
        let Some(kept) = kept else { continue };
        // Written by `defer` from the schema, in this same transaction.
        conn.execute_batch(&kept)?;
        // Names come from INDEXES, never from a person or a file.
        conn.execute(&format!("INSERT INTO {index} ({index}) VALUES ('rebuild')"), [])?;
        if index == "search_item" {
            // Rebuilt from the items as they are: nothing is left to index later.
            conn.execute("DELETE FROM search_item_unindexed", [])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{search, SearchKind, SearchQuery};
    use crate::store::check;
    use crate::Store;

    fn people(s: &Store) -> u32 {
        let r = search(s, &SearchQuery { text: "Kestrel".into(), kind: Some(SearchKind::Person), ..Default::default() }).unwrap();
        r.groups.first().map_or(0, |g| g.count)
    }

    #[test]
    fn a_deferred_index_is_rebuilt_in_the_same_transaction() {
        let mut s = Store::open_in_memory().unwrap();
        let triggers = |c: &Connection| -> Vec<String> { c.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").unwrap().query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect() };
        let before = triggers(s.conn());
        let tx = s.conn_mut().transaction().unwrap();
        defer(&tx, &["search_person", "not_an_index"]).unwrap();
        // Set aside means gone for the while: no statement journal for each insert.
        assert_eq!(triggers(&tx).len(), before.len() - 3);
        for i in 0..50 {
            tx.execute("INSERT INTO person (name, match_key, created_at, updated_at) VALUES (?1, ?1, 'x', 'x')", [format!("Kestrel {i}")]).unwrap();
        }
        // Set aside: the index does not have them yet, and says so.
        let pending: i64 = tx.query_row("SELECT count(*) FROM search_person WHERE search_person MATCH 'kestrel'", [], |r| r.get(0)).unwrap();
        assert_eq!(pending, 0);
        catch_up(&tx).unwrap();
        tx.commit().unwrap();
        assert_eq!(triggers(s.conn()), before, "the same triggers, word for word");
        assert_eq!(people(&s), 50);
        assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
        // The triggers work again.
        s.conn().execute("UPDATE person SET name = 'Osprey' WHERE name = 'Kestrel 7'", []).unwrap();
        assert_eq!(people(&s), 49);
        assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn a_bulk_write_that_fails_leaves_nothing_deferred() {
        let mut s = Store::open_in_memory().unwrap();
        {
            let tx = s.conn_mut().transaction().unwrap();
            defer(&tx, &["search_person"]).unwrap();
            tx.execute("INSERT INTO person (name, match_key, created_at, updated_at) VALUES ('Kestrel', 'k', 'x', 'x')", []).unwrap();
            // Dropped without commit: rolled back, setting and all.
        }
        let left: i64 = s.conn().query_row("SELECT count(*) FROM setting WHERE key LIKE 'search.defer.%'", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 0);
        s.conn().execute("INSERT INTO person (name, match_key, created_at, updated_at) VALUES ('Kestrel', 'k', 'x', 'x')", []).unwrap();
        assert_eq!(people(&s), 1);
    }

    #[test]
    fn a_setting_left_behind_is_a_problem_check_names() {
        let s = Store::open_in_memory().unwrap();
        s.conn().execute("INSERT INTO setting (key, value) VALUES ('search.defer.search_item', '1')", []).unwrap();
        let found = check::problems(s.conn()).unwrap();
        assert!(found.iter().any(|p| p.contains("search_item") && p.contains("set aside")), "{found:?}");
    }

    #[test]
    fn deferring_pays_for_big_writes_only() {
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::load_at(&mut s, chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).unwrap();
        assert!(worth_deferring(s.conn(), "search_person", 3).unwrap(), "3 rows against 12 people");
        assert!(!worth_deferring(s.conn(), "search_person", 2).unwrap());
        assert!(!worth_deferring(s.conn(), "person", 1000).unwrap(), "only an index's name");
    }
}
