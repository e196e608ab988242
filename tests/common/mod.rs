//! What the command-line test files share: the binary on a data folder, the fixtures,
//! and the real programs the tests prove our files with.

#![allow(dead_code)] // each test file uses its own part of this

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// `forum-desk --data-dir DATA`, never the user's own records.
pub fn cli(data: &Path) -> Command {
    let mut c = Command::cargo_bin("forum-desk").expect("binary built");
    c.arg("--data-dir").arg(data).env_remove("FORUM_DESK_DATA_DIR");
    c
}

/// Runs a command that prints JSON and returns what it printed.
pub fn json(data: &Path, args: &[&str]) -> serde_json::Value {
    let out = cli(data).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

/// Runs one of the programs that really read our files (installed by scripts/setup.sh);
/// a missing program is a failure that says how to get it, never a skip.
pub fn run_tool(tool: &str, args: &[&std::ffi::OsStr], dir: Option<&Path>) -> String {
    let mut c = std::process::Command::new(tool);
    c.args(args);
    if let Some(d) = dir {
        c.current_dir(d);
    }
    let out = c.output().unwrap_or_else(|e| panic!("{tool} is needed to check what Forum Desk writes; scripts/setup.sh installs it ({e})"));
    assert!(out.status.success(), "{tool} {args:?} failed:\n{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The sample forum in `data`: (the past meeting's id, the upcoming meeting's id).
pub fn sample_forum(data: &Path) -> (i64, i64) {
    cli(data).arg("demo").assert().success();
    let list = json(data, &["meetings", "list", "--json"]);
    let id = |upcoming: bool| list.as_array().unwrap().iter().find(|s| s["upcoming"] == upcoming).expect("the sample has a past and an upcoming meeting")["meeting"]["id"].as_i64().unwrap();
    (id(false), id(true))
}
