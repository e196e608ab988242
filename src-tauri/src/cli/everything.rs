//! `export all` and `import all`: the whole database as one JSON document.

use std::path::Path;

use forum_core::Store;

pub fn export_all(_store: &Store, _file: &Path) -> Result<(), String> {
    Err("not yet".into())
}

pub fn import_all(_store: &mut Store, _file: &Path) -> Result<(), String> {
    Err("not yet".into())
}
