//! What the window needs to know when it starts: where the data is and whether there
//! is any yet (an empty database gets the first-run choices).

use std::path::Path;

use chrono::NaiveDate;

use serde::Serialize;
use ts_rs::TS;

use crate::forum::meetings::MeetingSummary;
use crate::store::meetings;
use crate::{networks, Result, Store};

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Overview {
    pub data_dir: String,
    #[ts(type = "number")]
    pub network_count: i64,
    #[ts(type = "number")]
    pub meeting_count: i64,
    /// True when the database holds nothing yet.
    pub is_empty: bool,
    pub mode: crate::settings::AppMode,
}

/// What the window's first screen shows: the status and the meetings list as it opens.
/// The desktop shell hands it to the page before the page's script runs, instead of two
/// IPC calls while the window is still being drawn (docs/benchmarks.md, start-up).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StartData {
    pub status: Overview,
    /// Every upcoming meeting and the latest `START_PAST` past ones, as `meetings list`
    /// orders them: twenty years in full was 54 KB of script for the page to read
    /// before it could start, for rows it does not show.
    pub meetings: Vec<MeetingSummary>,
    /// How many past meetings there are in all (the screen offers to show them all).
    pub past_meetings: u32,
}

/// How many past meetings the meetings screen shows at first (ui/src/screens/meetings.ts,
/// RECENT_PAST): three years.
pub const START_PAST: usize = 12;

pub fn start_data(store: &Store, data_dir: &Path, today: NaiveDate) -> Result<StartData> {
    let all = crate::forum::meetings::list(store, today)?;
    let past_meetings = u32::try_from(all.iter().filter(|m| !m.upcoming).count()).unwrap_or(u32::MAX);
    let mut past = 0;
    let meetings = all
        .into_iter()
        .filter(|m| {
            past += usize::from(!m.upcoming);
            m.upcoming || past <= START_PAST
        })
        .collect();
    Ok(StartData { status: overview(store, data_dir)?, meetings, past_meetings })
}

pub fn overview(store: &Store, data_dir: &Path) -> Result<Overview> {
    let network_count = networks::count(store)?;
    let meeting_count = meetings::count(store.conn())?;
    let mode = crate::settings::mode(store)?;
    Ok(Overview { data_dir: data_dir.display().to_string(), network_count, meeting_count, is_empty: network_count == 0 && meeting_count == 0, mode })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_data_is_what_the_two_commands_would_answer() {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let dir = Path::new("/records");
        let empty = start_data(&s, dir, today).unwrap();
        assert!(empty.status.is_empty && empty.meetings.is_empty());
        crate::demo::load_at(&mut s, today).unwrap();
        let start = start_data(&s, dir, today).unwrap();
        assert!(!start.status.is_empty);
        assert_eq!(start.status.data_dir, "/records");
        assert_eq!(serde_json::to_value(&start.meetings).unwrap(), serde_json::to_value(crate::forum::meetings::list(&s, today).unwrap()).unwrap());
        assert_eq!((start.meetings.len(), start.past_meetings), (2, 1));
    }

    #[test]
    fn the_start_data_holds_the_upcoming_meetings_and_the_latest_past_ones() {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        crate::demo::large::load(&mut s, 5, 7, today).unwrap();
        let all = crate::forum::meetings::list(&s, today).unwrap();
        let start = start_data(&s, Path::new("/records"), today).unwrap();
        let upcoming = all.iter().filter(|m| m.upcoming).count();
        let past = all.len() - upcoming;
        assert!(past > START_PAST, "five years of meetings: {past}");
        assert_eq!(start.past_meetings as usize, past);
        // Every upcoming meeting, and the first twelve past ones of the full list, in its order.
        let ids = |list: &[MeetingSummary], upcoming: bool| list.iter().filter(|m| m.upcoming == upcoming).map(|m| m.meeting.id).collect::<Vec<_>>();
        assert_eq!(ids(&start.meetings, true), ids(&all, true));
        assert_eq!(ids(&start.meetings, false), ids(&all, false)[..START_PAST]);
        assert_eq!(start.meetings.len(), upcoming + START_PAST);
    }
}
