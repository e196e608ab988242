//! `export all` and `import all` on temporary data directories: the sample forum moved
//! to a new machine reads the same there.

mod common;

use common::{cli, json};
use predicates::prelude::*;

#[test]
fn the_sample_forum_moves_to_a_new_data_folder_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    let file = dir.path().join("everything.json");
    cli(&old).arg("demo").assert().success();
    cli(&old).args(["export", "all"]).arg(&file).assert().success().stdout(
        predicate::str::is_match(
            r"^Wrote \d+ rows from 14 tables to .*everything\.json\. It holds personal data: keep it safe\.\n$",
        )
        .unwrap(),
    );

    cli(&new)
        .args(["import", "all"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"^Imported \d+ rows into 14 tables from .*everything\.json\.\n$").unwrap());
    for args in [&["networks", "list", "--json", "--all"][..], &["meetings", "list", "--json"]] {
        let (a, b) = (json(&old, args), json(&new, args));
        assert!(a.as_array().is_some_and(|l| !l.is_empty()), "{args:?} lists something");
        assert_eq!(a, b, "{args:?}");
    }

    // A second import would collide with what is there now: refused, nothing changed.
    cli(&new).args(["import", "all"]).arg(&file).assert().failure().stderr(
        predicate::str::contains("can only be imported into an empty database")
            .and(predicate::str::contains("Nothing was changed")),
    );
    assert_eq!(
        json(&new, &["networks", "list", "--json", "--all"]),
        json(&old, &["networks", "list", "--json", "--all"])
    );
}

#[test]
fn a_file_that_is_not_an_export_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("other.json");
    std::fs::write(&file, r#"{"format": "forum-desk-submission", "version": 1}"#).unwrap();
    cli(&dir.path().join("data"))
        .args(["import", "all"])
        .arg(&file)
        .assert()
        .failure()
        .stderr(predicate::str::contains("other.json is not a valid Forum Desk export file"));
}
