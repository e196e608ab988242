-- An item's notes are saved again and again as the chair types (the run-the-meeting
-- screen saves a second after each pause), and re-indexing a note of a few thousand
-- characters at every save made each save 1.75 times as slow (docs/benchmarks.md): FTS5
-- reads the old words out of the old text and the new words out of the new one, and
-- writes them to disk in the same transaction.
--
-- So a change to the notes alone is indexed before the index is next read, not at every
-- save. The trigger still runs in the save's own transaction, but only remembers, the
-- first time, the words the index holds for that item (an external-content index can
-- forget a row only given the very text it indexed). Every search, `store::check` and the
-- opening of the forum index the remembered items first (forum_core::search::index), in
-- one transaction, so no reader ever sees the index behind its table; a run of saves
-- costs one re-index. A change of title or description, and a deletion, are indexed at
-- once as before, from the remembered text when there is one.

CREATE TABLE search_item_unindexed (
    item_id INTEGER PRIMARY KEY,
    -- What the index holds for the item: its columns as they were when last indexed.
    title TEXT,
    description TEXT,
    notes TEXT
);

DROP TRIGGER search_item_update;
DROP TRIGGER search_item_delete;

CREATE TRIGGER search_item_notes AFTER UPDATE OF notes ON agenda_item WHEN old.notes IS NOT new.notes AND old.title IS new.title AND old.description IS new.description AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_item') BEGIN
    INSERT OR IGNORE INTO search_item_unindexed (item_id, title, description, notes) VALUES (old.id, old.title, old.description, old.notes);
END;

CREATE TRIGGER search_item_update AFTER UPDATE OF title, description ON agenda_item WHEN (old.title IS NOT new.title OR old.description IS NOT new.description) AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_item') BEGIN
    INSERT INTO search_item (search_item, rowid, title, description, notes) SELECT 'delete', item_id, title, description, notes FROM search_item_unindexed WHERE item_id = old.id;
    INSERT INTO search_item (search_item, rowid, title, description, notes) SELECT 'delete', old.id, old.title, old.description, old.notes WHERE NOT EXISTS (SELECT 1 FROM search_item_unindexed WHERE item_id = old.id);
    DELETE FROM search_item_unindexed WHERE item_id = old.id;
    INSERT INTO search_item (rowid, title, description, notes) VALUES (new.id, new.title, new.description, new.notes);
END;

CREATE TRIGGER search_item_delete AFTER DELETE ON agenda_item WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_item') BEGIN
    INSERT INTO search_item (search_item, rowid, title, description, notes) SELECT 'delete', item_id, title, description, notes FROM search_item_unindexed WHERE item_id = old.id;
    INSERT INTO search_item (search_item, rowid, title, description, notes) SELECT 'delete', old.id, old.title, old.description, old.notes WHERE NOT EXISTS (SELECT 1 FROM search_item_unindexed WHERE item_id = old.id);
    DELETE FROM search_item_unindexed WHERE item_id = old.id;
END;
