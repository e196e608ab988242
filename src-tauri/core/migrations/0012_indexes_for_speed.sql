-- Indexes the twenty-year benchmark asked for (docs/benchmarks.md, issue 18).
-- The action log shows its first 100 actions in this order (open before closed, then by
-- due date): walking an index in that order stops after the page instead of sorting all
-- twenty thousand.
CREATE INDEX action_log_order ON action ((status IN ('done', 'dropped')), COALESCE(due_date, '9999-12-31'));
-- Each meeting's open actions (the meetings list) counted from the index alone; it also
-- serves every look-up by meeting, so the narrower index goes.
CREATE INDEX action_by_meeting_status ON action (meeting_id, status);
DROP INDEX action_by_meeting;
