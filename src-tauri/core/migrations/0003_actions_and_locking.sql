-- Actions agreed at meetings, carried forward until closed, with their dated updates;
-- and the readout's approval lock on meetings.
ALTER TABLE meeting ADD COLUMN readout_approved_at TEXT;
ALTER TABLE meeting ADD COLUMN locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1));
-- Set when a meeting is edited after its readout was approved (after an explicit unlock).
ALTER TABLE meeting ADD COLUMN amended_at TEXT;

CREATE TABLE action (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES meeting (id) ON DELETE RESTRICT,
    item_id           INTEGER REFERENCES agenda_item (id) ON DELETE SET NULL,
    description       TEXT NOT NULL CHECK (length(trim(description)) > 0 AND length(description) <= 1000),
    owner_network_id  INTEGER REFERENCES network (id) ON DELETE RESTRICT,
    owner_text        TEXT CHECK (owner_text IS NULL OR length(owner_text) <= 200),
    due_date          TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    closed_at         TEXT,
    closed_meeting_id INTEGER REFERENCES meeting (id) ON DELETE SET NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    CHECK (owner_network_id IS NOT NULL OR length(trim(owner_text)) > 0),
    CHECK ((status IN ('done', 'dropped')) = (closed_at IS NOT NULL))
) STRICT;
CREATE INDEX action_by_meeting ON action (meeting_id);
CREATE INDEX action_by_status ON action (status, due_date);
CREATE INDEX action_by_owner_network ON action (owner_network_id) WHERE owner_network_id IS NOT NULL;

CREATE TABLE action_update (
    id         INTEGER PRIMARY KEY,
    action_id  INTEGER NOT NULL REFERENCES action (id) ON DELETE CASCADE,
    meeting_id INTEGER REFERENCES meeting (id) ON DELETE SET NULL,
    date       TEXT NOT NULL,
    text       TEXT NOT NULL CHECK (length(text) <= 2000),
    status     TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX action_update_by_action ON action_update (action_id, id);
