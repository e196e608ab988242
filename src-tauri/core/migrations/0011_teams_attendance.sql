-- The Teams attendance report: how long each person was in an online meeting, when
-- they first joined and last left (local time, ISO 8601), and, per meeting, the phone
-- lines Teams reports only as masked numbers, counted as dialled in without a name.
ALTER TABLE registration ADD COLUMN minutes_in_meeting INTEGER CHECK (minutes_in_meeting IS NULL OR minutes_in_meeting >= 0);
ALTER TABLE registration ADD COLUMN first_join TEXT CHECK (first_join IS NULL OR length(first_join) <= 32);
ALTER TABLE registration ADD COLUMN last_leave TEXT CHECK (last_leave IS NULL OR length(last_leave) <= 32);
ALTER TABLE meeting ADD COLUMN phone_participants INTEGER NOT NULL DEFAULT 0 CHECK (phone_participants >= 0);
