//! Nothing lost: daily and on-demand backups, a checked restore, and the whole database
//! as one versioned JSON document (export all / import all).

pub mod backup;
pub mod everything;
