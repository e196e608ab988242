-- The export dialog's choices (title, excerpt, intro, sections, names), remembered per meeting.
CREATE TABLE readout_option (
    meeting_id INTEGER PRIMARY KEY REFERENCES meeting (id) ON DELETE CASCADE,
    json       TEXT NOT NULL CHECK (json_valid(json)),
    updated_at TEXT NOT NULL
) STRICT;
