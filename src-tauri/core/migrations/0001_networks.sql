-- The register of departmental and agency LGBT+ staff networks, and app settings.
CREATE TABLE network (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 200),
    department  TEXT NOT NULL CHECK (length(trim(department)) > 0 AND length(department) <= 200),
    kind        TEXT NOT NULL CHECK (kind IN ('ministerial department', 'non ministerial department', 'agency', 'other')),
    parent      TEXT CHECK (parent IS NULL OR length(parent) <= 200),
    email       TEXT CHECK (email IS NULL OR length(email) <= 254),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- department and name, case-folded: re-importing the directory finds the same row
    match_key   TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
