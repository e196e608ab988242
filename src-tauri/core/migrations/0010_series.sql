-- The forum as a series. Forums planned before cadences existed met quarterly: they
-- keep meeting quarterly until the chair changes it in Settings (a new forum meets
-- monthly, the default). Registration can be by email to a mailbox, not only a form.
INSERT INTO setting (key, value)
SELECT 'forum.cadence', '{"every":"quarterly","on":{"rule":"as_latest"}}'
WHERE EXISTS (SELECT 1 FROM meeting)
ON CONFLICT (key) DO NOTHING;

ALTER TABLE meeting ADD COLUMN registration_email TEXT CHECK (registration_email IS NULL OR length(registration_email) <= 254);
