-- Needs and strengths: each network's top three of each per meeting cycle, the themes
-- they are grouped by, and the history of earlier submissions.
CREATE TABLE theme (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 80),
    -- Words that suggest the theme, comma-separated, as people write them.
    keywords  TEXT NOT NULL DEFAULT '' CHECK (length(keywords) <= 2000),
    position  INTEGER NOT NULL,
    name_key  TEXT NOT NULL UNIQUE
) STRICT;

-- A network's needs and strengths for one meeting cycle. A later submission for the same
-- network and cycle supersedes the current one; the earlier stays as history.
CREATE TABLE submission (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    network_id    INTEGER NOT NULL REFERENCES network (id) ON DELETE RESTRICT,
    source        TEXT NOT NULL CHECK (source IN ('entered', 'file', 'form')),
    submitted_by  TEXT CHECK (submitted_by IS NULL OR length(submitted_by) <= 200),
    submitted_at  TEXT NOT NULL,
    superseded_at TEXT,
    created_at    TEXT NOT NULL
) STRICT;
-- One current submission per network and cycle: with the rank rule below, at most three
-- needs and three strengths, whatever the UI or a file tries.
CREATE UNIQUE INDEX submission_current ON submission (meeting_id, network_id) WHERE superseded_at IS NULL;

CREATE TABLE statement (
    id            INTEGER PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES submission (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('need', 'strength')),
    rank          INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 3),
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0 AND length(text) <= 280),
    detail        TEXT CHECK (detail IS NULL OR length(detail) <= 2000),
    theme_id      INTEGER REFERENCES theme (id) ON DELETE SET NULL,
    UNIQUE (submission_id, kind, rank)
) STRICT;
CREATE INDEX statement_by_theme ON statement (theme_id);
