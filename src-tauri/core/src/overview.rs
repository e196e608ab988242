//! What the window needs to know when it starts: where the data is and whether there
//! is any yet (an empty database gets the first-run choices).

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

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

pub fn overview(store: &Store, data_dir: &Path) -> Result<Overview> {
    let network_count = networks::count(store)?;
    let meeting_count = meetings::count(store.conn())?;
    let mode = crate::settings::mode(store)?;
    Ok(Overview { data_dir: data_dir.display().to_string(), network_count, meeting_count, is_empty: network_count == 0 && meeting_count == 0, mode })
}
