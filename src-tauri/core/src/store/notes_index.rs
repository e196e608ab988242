//! Notes saved since the search index last read them (migration 0014).
//!
//! Saving a note only remembers, in the save's transaction, what the index holds for the
//! item; the notes are indexed before the index is next read: by a search, by
//! `check::problems`, and when the forum is opened.

use rusqlite::Connection;

use super::StoreError;

/// Whether notes have been saved since the index last read them (migration 0014).
pub(crate) fn notes_unindexed(conn: &Connection) -> Result<bool, StoreError> {
    Ok(conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM search_item_unindexed)")?.query_row([], |r| r.get(0))?)
}

/// Indexes the notes saved since the index last read them, inside the caller's
/// transaction: each such item's remembered words are forgotten and its notes as they
/// now are indexed, once however many saves there were.
pub(crate) fn index_saved_notes(conn: &Connection) -> Result<(), StoreError> {
    conn.prepare_cached("INSERT INTO search_item (search_item, rowid, title, description, notes) SELECT 'delete', item_id, title, description, notes FROM search_item_unindexed")?.execute([])?;
    conn.prepare_cached("INSERT INTO search_item (rowid, title, description, notes) SELECT a.id, a.title, a.description, a.notes FROM search_item_unindexed u JOIN agenda_item a ON a.id = u.item_id")?.execute([])?;
    conn.prepare_cached("DELETE FROM search_item_unindexed")?.execute([])?;
    Ok(())
}

/// Indexes saved notes, if there are any, in a transaction of their own (or the
/// caller's, if one is open). Called before a read transaction starts, so that one never
/// has to become a writer (which WAL may refuse when another program wrote in between).
pub(crate) fn index_saved_notes_now(conn: &Connection) -> Result<(), StoreError> {
    if !notes_unindexed(conn)? {
        return Ok(());
    }
    if !conn.is_autocommit() {
        return index_saved_notes(conn);
    }
    let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
    index_saved_notes(&tx)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::forum::agenda;
    use crate::search::{search, SearchKind, SearchQuery};
    use crate::store::check;
    use crate::Store;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    /// The sample forum, and an item of the meeting still to come, whose notes may be written.
    fn forum() -> (Store, i64) {
        let mut s = Store::open_in_memory().unwrap();
        let item = sample(&mut s);
        (s, item)
    }

    fn sample(s: &mut Store) -> i64 {
        crate::demo::load_at(s, today()).unwrap();
        // The sample's notes are written as a chair would: waiting for a reader.
        assert!(super::notes_unindexed(s.conn()).unwrap());
        super::index_saved_notes_now(s.conn()).unwrap();
        s.conn().query_row("SELECT a.id FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id WHERE m.date > '2026-11-22' ORDER BY a.id LIMIT 1", [], |r| r.get(0)).unwrap()
    }

    fn items_found(s: &Store, text: &str) -> u32 {
        let r = search(s, &SearchQuery { text: text.into(), kind: Some(SearchKind::Item), ..Default::default() }).unwrap();
        r.groups.first().map_or(0, |g| g.count)
    }

    /// Words in the index itself, read without a search (which would index first).
    fn indexed(s: &Store, word: &str) -> i64 {
        s.conn().query_row("SELECT count(*) FROM search_item WHERE search_item MATCH ?1", [word], |r| r.get(0)).unwrap()
    }

    fn waiting(s: &Store) -> i64 {
        s.conn().query_row("SELECT count(*) FROM search_item_unindexed", [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn saves_are_indexed_once_before_the_next_search_finds_the_newest_words() {
        let (mut s, item) = forum();
        for (i, word) in ["heron", "bittern", "avocet"].iter().enumerate() {
            agenda::save_notes(&mut s, item, &format!("Leads talked about the {word}, save {i}.")).unwrap();
        }
        // Saved, not yet indexed: the index still holds the words it had.
        assert_eq!((indexed(&s, "avocet"), waiting(&s)), (0, 1));
        // The check looks at the index as a reader would, and changes nothing.
        assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
        assert_eq!(waiting(&s), 1);
        // The search indexes first: the last save is found, the earlier ones are not.
        assert_eq!((items_found(&s, "avocet"), items_found(&s, "heron"), items_found(&s, "bittern")), (1, 0, 0));
        assert_eq!((indexed(&s, "avocet"), waiting(&s)), (1, 0));
        assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn a_new_title_or_a_deletion_after_saved_notes_forgets_what_the_index_held() {
        let (mut s, item) = forum();
        agenda::save_notes(&mut s, item, "Plover numbers were counted.").unwrap();
        agenda::save_notes(&mut s, item, "Curlew numbers were counted.").unwrap();
        // A write of the title (here straight to the table, as an import might) re-indexes at once.
        s.conn().execute("UPDATE agenda_item SET title = 'Godwit census' WHERE id = ?1", [item]).unwrap();
        assert_eq!((indexed(&s, "godwit"), indexed(&s, "curlew"), waiting(&s)), (1, 1, 0));
        assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
        assert_eq!(items_found(&s, "plover"), 0);
        // Notes saved, then the item deleted before any search.
        agenda::save_notes(&mut s, item, "Dunlin numbers were counted.").unwrap();
        agenda::delete_item(&mut s, item).unwrap();
        assert_eq!(waiting(&s), 0);
        assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
        assert_eq!((items_found(&s, "dunlin"), items_found(&s, "curlew"), items_found(&s, "godwit")), (0, 0, 0));
    }

    #[test]
    fn notes_saved_by_a_session_that_ended_are_indexed_when_the_forum_is_opened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("forum.db");
        {
            let mut s = Store::open(&path).unwrap();
            let item = sample(&mut s);
            agenda::save_notes(&mut s, item, "Whimbrel passage noted.").unwrap();
            assert_eq!(waiting(&s), 1);
        }
        let s = Store::open(&path).unwrap();
        assert_eq!((indexed(&s, "whimbrel"), waiting(&s)), (1, 0));
        assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn remembered_words_unlike_what_the_index_holds_are_found_by_the_check() {
        let (mut s, item) = forum();
        agenda::save_notes(&mut s, item, "Sanderling flocks.").unwrap();
        s.conn().execute("UPDATE search_item_unindexed SET notes = 'not what was indexed' WHERE item_id = ?1", [item]).unwrap();
        let found = check::problems(s.conn()).unwrap();
        assert!(found.iter().any(|p| p.starts_with("search index search_item does not match its records")), "{found:?}");
        s.conn().execute("INSERT INTO search_item_unindexed (item_id) VALUES (999999)", []).unwrap();
        let found = check::problems(s.conn()).unwrap();
        assert!(found.iter().any(|p| p == "1 items waiting to have their notes indexed no longer exist"), "{found:?}");
    }

    #[test]
    fn a_bulk_rebuild_leaves_nothing_waiting() {
        let (mut s, item) = forum();
        agenda::save_notes(&mut s, item, "Turnstone rocks.").unwrap();
        let tx = s.conn_mut().transaction().unwrap();
        crate::search::index::defer(&tx, &["search_item"]).unwrap();
        tx.execute("UPDATE agenda_item SET notes = 'Knot mudflats.' WHERE id = ?1", [item]).unwrap();
        crate::search::index::catch_up(&tx).unwrap();
        tx.commit().unwrap();
        assert_eq!((waiting(&s), indexed(&s, "knot"), indexed(&s, "turnstone")), (0, 1, 0));
        assert_eq!(check::problems(s.conn()).unwrap(), Vec::<String>::new());
    }
}
