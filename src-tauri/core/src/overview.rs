//! What the window needs to know when it starts: where the data is and whether there
//! is any yet (an empty database gets the first-run choices).

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::{networks, Result, Store};

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Overview {
    pub data_dir: String,
    #[ts(type = "number")]
    pub network_count: i64,
    /// True when the database holds nothing yet.
    pub is_empty: bool,
}

pub fn overview(store: &Store, data_dir: &Path) -> Result<Overview> {
    let network_count = networks::count(store)?;
    Ok(Overview { data_dir: data_dir.display().to_string(), network_count, is_empty: network_count == 0 })
}
