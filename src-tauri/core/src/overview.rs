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

/// What the window's first screen shows: the status and the meetings list. The desktop
/// shell hands it to the page before the page's script runs, instead of two IPC calls
/// while the window is still being drawn (docs/benchmarks.md, start-up).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StartData {
    pub status: Overview,
    pub meetings: Vec<MeetingSummary>,
}

pub fn start_data(store: &Store, data_dir: &Path, today: NaiveDate) -> Result<StartData> {
    Ok(StartData { status: overview(store, data_dir)?, meetings: crate::forum::meetings::list(store, today)? })
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
        assert_eq!(start.meetings.len(), 2);
    }
}
