//! Where the chair's database lives.

use std::path::PathBuf;

/// The folder name under the operating system's data directory
/// (`~/.local/share/forum-desk` on Linux).
pub const APP_DIR: &str = "forum-desk";

/// `--data-dir` (or `FORUM_DESK_DATA_DIR`, which clap folds into the same option) wins;
/// otherwise the OS's per-user data directory.
pub fn resolve(explicit: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    dirs::data_dir()
        .map(|d| d.join(APP_DIR))
        .ok_or_else(|| "Could not find your data folder (is HOME set?). Pass --data-dir DIR to choose one.".to_string())
}
