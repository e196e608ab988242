-- Full-text search over everything a chair may look for (forum_core::search).
--
-- One FTS5 index per table, each an external-content index over the table itself: the
-- text is stored once, in its own table, and the index holds only the words. Triggers
-- keep each index in step in the same transaction as every write, whichever code (or
-- import) made it; an update re-indexes only when an indexed column really changed.
-- `porter` stems English over `unicode61` with diacritics removed ("volunteer" finds
-- "volunteers", "cafe" finds "café"). Part of a word ("Kaleid") is found by reading the
-- index's words that begin so; the big indexes keep the two- and three-letter
-- beginnings ready (a prefix index), which the small ones (meetings, networks, people)
-- do not need and the registration import would pay for. `store::check` runs each
-- index's integrity check against its table.
--
-- An FTS5 index writes its pending words to disk at every statement of a transaction
-- that may need undoing on its own (a trigger makes every insert such a statement), so
-- a bulk write of thousands of rows is far cheaper indexed once at the end: while the
-- setting `search.defer.<index>` is present (only ever inside one transaction), that
-- index's triggers stand aside, and the same transaction rebuilds the index and removes
-- the setting (forum_core::search::index).

-- Meetings: title and location.
CREATE VIRTUAL TABLE search_meeting USING fts5(title, location, content = 'meeting', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER search_meeting_insert AFTER INSERT ON meeting WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_meeting') BEGIN
    INSERT INTO search_meeting (rowid, title, location) VALUES (new.id, new.title, new.location);
END;
CREATE TRIGGER search_meeting_delete AFTER DELETE ON meeting WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_meeting') BEGIN
    INSERT INTO search_meeting (search_meeting, rowid, title, location) VALUES ('delete', old.id, old.title, old.location);
END;
CREATE TRIGGER search_meeting_update AFTER UPDATE OF title, location ON meeting WHEN (old.title IS NOT new.title OR old.location IS NOT new.location) AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_meeting') BEGIN
    INSERT INTO search_meeting (search_meeting, rowid, title, location) VALUES ('delete', old.id, old.title, old.location);
    INSERT INTO search_meeting (rowid, title, location) VALUES (new.id, new.title, new.location);
END;
INSERT INTO search_meeting (search_meeting) VALUES ('rebuild');

-- Agenda items: title, description for the agenda, and the notes.
CREATE VIRTUAL TABLE search_item USING fts5(title, description, notes, content = 'agenda_item', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER search_item_insert AFTER INSERT ON agenda_item WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_item') BEGIN
    INSERT INTO search_item (rowid, title, description, notes) VALUES (new.id, new.title, new.description, new.notes);
END;
CREATE TRIGGER search_item_delete AFTER DELETE ON agenda_item WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_item') BEGIN
    INSERT INTO search_item (search_item, rowid, title, description, notes) VALUES ('delete', old.id, old.title, old.description, old.notes);
END;
CREATE TRIGGER search_item_update AFTER UPDATE OF title, description, notes ON agenda_item WHEN (old.title IS NOT new.title OR old.description IS NOT new.description OR old.notes IS NOT new.notes) AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_item') BEGIN
    INSERT INTO search_item (search_item, rowid, title, description, notes) VALUES ('delete', old.id, old.title, old.description, old.notes);
    INSERT INTO search_item (rowid, title, description, notes) VALUES (new.id, new.title, new.description, new.notes);
END;
INSERT INTO search_item (search_item) VALUES ('rebuild');

-- What was agreed under an item, one row per outcome.
CREATE VIRTUAL TABLE search_outcome USING fts5(text, content = 'outcome', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER search_outcome_insert AFTER INSERT ON outcome WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_outcome') BEGIN
    INSERT INTO search_outcome (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER search_outcome_delete AFTER DELETE ON outcome WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_outcome') BEGIN
    INSERT INTO search_outcome (search_outcome, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER search_outcome_update AFTER UPDATE OF text ON outcome WHEN (old.text IS NOT new.text) AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_outcome') BEGIN
    INSERT INTO search_outcome (search_outcome, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO search_outcome (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO search_outcome (search_outcome) VALUES ('rebuild');

-- Actions: what is to be done and the owner named in text.
CREATE VIRTUAL TABLE search_action USING fts5(description, owner_text, content = 'action', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER search_action_insert AFTER INSERT ON action WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_action') BEGIN
    INSERT INTO search_action (rowid, description, owner_text) VALUES (new.id, new.description, new.owner_text);
END;
CREATE TRIGGER search_action_delete AFTER DELETE ON action WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_action') BEGIN
    INSERT INTO search_action (search_action, rowid, description, owner_text) VALUES ('delete', old.id, old.description, old.owner_text);
END;
CREATE TRIGGER search_action_update AFTER UPDATE OF description, owner_text ON action WHEN (old.description IS NOT new.description OR old.owner_text IS NOT new.owner_text) AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_action') BEGIN
    INSERT INTO search_action (search_action, rowid, description, owner_text) VALUES ('delete', old.id, old.description, old.owner_text);
    INSERT INTO search_action (rowid, description, owner_text) VALUES (new.id, new.description, new.owner_text);
END;
INSERT INTO search_action (search_action) VALUES ('rebuild');

-- The dated updates recorded on actions.
CREATE VIRTUAL TABLE search_action_update USING fts5(text, content = 'action_update', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER search_action_update_insert AFTER INSERT ON action_update WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_action_update') BEGIN
    INSERT INTO search_action_update (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER search_action_update_delete AFTER DELETE ON action_update WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_action_update') BEGIN
    INSERT INTO search_action_update (search_action_update, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER search_action_update_update AFTER UPDATE OF text ON action_update WHEN (old.text IS NOT new.text) AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_action_update') BEGIN
    INSERT INTO search_action_update (search_action_update, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO search_action_update (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO search_action_update (search_action_update) VALUES ('rebuild');

-- Networks' proposals of agenda items, and why one was declined.
CREATE VIRTUAL TABLE search_proposal USING fts5(title, description, decline_reason, content = 'proposal', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER search_proposal_insert AFTER INSERT ON proposal WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_proposal') BEGIN
    INSERT INTO search_proposal (rowid, title, description, decline_reason) VALUES (new.id, new.title, new.description, new.decline_reason);
END;
CREATE TRIGGER search_proposal_delete AFTER DELETE ON proposal WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_proposal') BEGIN
    INSERT INTO search_proposal (search_proposal, rowid, title, description, decline_reason) VALUES ('delete', old.id, old.title, old.description, old.decline_reason);
END;
CREATE TRIGGER search_proposal_update AFTER UPDATE OF title, description, decline_reason ON proposal WHEN (old.title IS NOT new.title OR old.description IS NOT new.description OR old.decline_reason IS NOT new.decline_reason) AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_proposal') BEGIN
    INSERT INTO search_proposal (search_proposal, rowid, title, description, decline_reason) VALUES ('delete', old.id, old.title, old.description, old.decline_reason);
    INSERT INTO search_proposal (rowid, title, description, decline_reason) VALUES (new.id, new.title, new.description, new.decline_reason);
END;
INSERT INTO search_proposal (search_proposal) VALUES ('rebuild');

-- The register of networks.
CREATE VIRTUAL TABLE search_network USING fts5(name, department, parent, email, content = 'network', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER search_network_insert AFTER INSERT ON network WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_network') BEGIN
    INSERT INTO search_network (rowid, name, department, parent, email) VALUES (new.id, new.name, new.department, new.parent, new.email);
END;
CREATE TRIGGER search_network_delete AFTER DELETE ON network WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_network') BEGIN
    INSERT INTO search_network (search_network, rowid, name, department, parent, email) VALUES ('delete', old.id, old.name, old.department, old.parent, old.email);
END;
CREATE TRIGGER search_network_update AFTER UPDATE OF name, department, parent, email ON network WHEN (old.name IS NOT new.name OR old.department IS NOT new.department OR old.parent IS NOT new.parent OR old.email IS NOT new.email) AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_network') BEGIN
    INSERT INTO search_network (search_network, rowid, name, department, parent, email) VALUES ('delete', old.id, old.name, old.department, old.parent, old.email);
    INSERT INTO search_network (rowid, name, department, parent, email) VALUES (new.id, new.name, new.department, new.parent, new.email);
END;
INSERT INTO search_network (search_network) VALUES ('rebuild');

-- Needs and strengths.
CREATE VIRTUAL TABLE search_statement USING fts5(text, detail, content = 'statement', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3');
CREATE TRIGGER search_statement_insert AFTER INSERT ON statement WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_statement') BEGIN
    INSERT INTO search_statement (rowid, text, detail) VALUES (new.id, new.text, new.detail);
END;
CREATE TRIGGER search_statement_delete AFTER DELETE ON statement WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_statement') BEGIN
    INSERT INTO search_statement (search_statement, rowid, text, detail) VALUES ('delete', old.id, old.text, old.detail);
END;
CREATE TRIGGER search_statement_update AFTER UPDATE OF text, detail ON statement WHEN (old.text IS NOT new.text OR old.detail IS NOT new.detail) AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_statement') BEGIN
    INSERT INTO search_statement (search_statement, rowid, text, detail) VALUES ('delete', old.id, old.text, old.detail);
    INSERT INTO search_statement (rowid, text, detail) VALUES (new.id, new.text, new.detail);
END;
INSERT INTO search_statement (search_statement) VALUES ('rebuild');

-- People (personal data: erasing a person changes these columns, and the index forgets the old words at once: secure-delete below).
CREATE VIRTUAL TABLE search_person USING fts5(name, email, pronouns, content = 'person', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER search_person_insert AFTER INSERT ON person WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_person') BEGIN
    INSERT INTO search_person (rowid, name, email, pronouns) VALUES (new.id, new.name, new.email, new.pronouns);
END;
CREATE TRIGGER search_person_delete AFTER DELETE ON person WHEN NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_person') BEGIN
    INSERT INTO search_person (search_person, rowid, name, email, pronouns) VALUES ('delete', old.id, old.name, old.email, old.pronouns);
END;
CREATE TRIGGER search_person_update AFTER UPDATE OF name, email, pronouns ON person WHEN (old.name IS NOT new.name OR old.email IS NOT new.email OR old.pronouns IS NOT new.pronouns) AND NOT EXISTS (SELECT 1 FROM setting WHERE key = 'search.defer.search_person') BEGIN
    INSERT INTO search_person (search_person, rowid, name, email, pronouns) VALUES ('delete', old.id, old.name, old.email, old.pronouns);
    INSERT INTO search_person (rowid, name, email, pronouns) VALUES (new.id, new.name, new.email, new.pronouns);
END;
INSERT INTO search_person (search_person, rank) VALUES ('secure-delete', 1);
INSERT INTO search_person (search_person) VALUES ('rebuild');

