-- Indexes the twenty-year benchmark asked for (docs/benchmarks.md): actions carried
-- into a meeting, and each meeting's attendance by status.
CREATE INDEX action_by_closed_meeting ON action (closed_meeting_id) WHERE closed_meeting_id IS NOT NULL;
CREATE INDEX action_update_by_meeting ON action_update (meeting_id) WHERE meeting_id IS NOT NULL;
CREATE INDEX registration_by_meeting_status ON registration (meeting_id, status, network_id);
