-- Quarterly meetings, their agenda items, outcomes per item, and network proposals.
CREATE TABLE meeting (
    id                    INTEGER PRIMARY KEY,
    title                 TEXT NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 200),
    date                  TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    start_time            TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    end_time              TEXT NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]' AND end_time > start_time),
    location              TEXT NOT NULL DEFAULT '' CHECK (length(location) <= 300),
    online_link           TEXT CHECK (online_link IS NULL OR length(online_link) <= 2000),
    dial_in               TEXT CHECK (dial_in IS NULL OR length(dial_in) <= 1000),
    registration_link     TEXT CHECK (registration_link IS NULL OR length(registration_link) <= 2000),
    registration_deadline TEXT CHECK (registration_deadline IS NULL OR registration_deadline <= date),
    readout_author        TEXT CHECK (readout_author IS NULL OR length(readout_author) <= 200),
    status                TEXT NOT NULL DEFAULT 'planned' CHECK (status IN
                            ('planned', 'agenda_circulated', 'held', 'readout_drafted', 'readout_approved', 'published')),
    cancelled_at          TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_by_date ON meeting (date);

CREATE TABLE agenda_item (
    id               INTEGER PRIMARY KEY,
    meeting_id       INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL CHECK (position >= 1),
    title            TEXT NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 200),
    presenter        TEXT CHECK (presenter IS NULL OR length(presenter) <= 200),
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
    kind             TEXT NOT NULL CHECK (kind IN ('standing_update', 'discussion', 'network_proposal', 'any_other_business')),
    proposed_by      INTEGER REFERENCES network (id) ON DELETE RESTRICT,
    description      TEXT CHECK (description IS NULL OR length(description) <= 2000),
    notes            TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 200000),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
-- Positions are 1..n within a meeting, kept so by the code in one transaction per move
-- (not a UNIQUE index: SQLite checks those row by row, mid-shift).
CREATE INDEX agenda_item_by_meeting ON agenda_item (meeting_id, position);
CREATE INDEX agenda_item_by_network ON agenda_item (proposed_by) WHERE proposed_by IS NOT NULL;

CREATE TABLE outcome (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text     TEXT NOT NULL CHECK (length(trim(text)) > 0 AND length(text) <= 500 AND instr(text, char(10)) = 0),
    UNIQUE (item_id, position)
) STRICT;

CREATE TABLE proposal (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    network_id     INTEGER NOT NULL REFERENCES network (id) ON DELETE RESTRICT,
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0 AND length(title) <= 200),
    minutes        INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    description    TEXT CHECK (description IS NULL OR length(description) <= 2000),
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
    decline_reason TEXT CHECK (decline_reason IS NULL OR length(decline_reason) <= 1000),
    item_id        INTEGER REFERENCES agenda_item (id) ON DELETE SET NULL,
    source         TEXT NOT NULL DEFAULT 'entered' CHECK (source IN ('entered', 'submission')),
    created_at     TEXT NOT NULL,
    CHECK (status <> 'declined' OR length(trim(decline_reason)) > 0)
) STRICT;
CREATE INDEX proposal_by_meeting ON proposal (meeting_id);
CREATE INDEX proposal_by_network ON proposal (network_id);
