-- Network leads and forum team members, who registered for which meeting, and how
-- they took part. People are special category personal data: nothing here leaves the
-- machine unless the chair exports it, and erasing a person removes their rows.
CREATE TABLE person (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0 AND length(name) <= 200),
    pronouns    TEXT CHECK (pronouns IS NULL OR length(pronouns) <= 60),
    email       TEXT CHECK (email IS NULL OR length(email) <= 254),
    network_id  INTEGER REFERENCES network (id) ON DELETE RESTRICT,
    role        TEXT NOT NULL DEFAULT 'nominated_representative' CHECK (role IN
                  ('chair', 'vice_chair', 'committee_member', 'nominated_representative', 'forum_team')),
    -- The same person registering twice is one person: their email, case-folded, or
    -- (without an email) their name within their network.
    match_key   TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX person_by_network ON person (network_id);

CREATE TABLE registration (
    id            INTEGER PRIMARY KEY,
    meeting_id    INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    -- The network the person represented at this meeting (people move between networks).
    network_id    INTEGER REFERENCES network (id) ON DELETE RESTRICT,
    status        TEXT NOT NULL DEFAULT 'registered' CHECK (status IN
                    ('registered', 'in_person', 'dialled_in', 'apologies', 'absent')),
    source        TEXT NOT NULL CHECK (source IN ('entered', 'form', 'walk_in', 'submission')),
    registered_at TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (meeting_id, person_id)
) STRICT;
CREATE INDEX registration_by_network ON registration (network_id, meeting_id);
