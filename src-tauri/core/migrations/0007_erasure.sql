-- Erasing a person removes who they were but keeps that their network took part: the
-- row stays as an anonymous placeholder (name, email, pronouns gone) so attendance
-- counts and history do not change.
ALTER TABLE person ADD COLUMN erased_at TEXT;
