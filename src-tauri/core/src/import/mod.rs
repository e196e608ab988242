//! Reading the files people bring to Forum Desk. Every importer reports problems by
//! file, entry (or row) and field, and writes nothing unless the whole file is valid.

pub mod columns;
pub mod dates;
pub mod form;
pub mod form_import;
pub mod networks_yaml;
pub mod readout_md;
pub mod teams;

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Could not read {file}: {message}")]
    Unreadable { file: String, message: String },
    #[error("{file} is not a valid {format} file: {message}")]
    Syntax { file: String, format: &'static str, message: String },
    #[error("{file}, entry {entry}{label}, field \u{201c}{field}\u{201d}: {message}")]
    Entry { file: String, entry: usize, label: String, field: String, message: String },
    #[error("{file}, row {row}, column \u{201c}{column}\u{201d}: {message}")]
    Cell { file: String, row: usize, column: String, message: String },
    #[error("{file}, field \u{201c}{field}\u{201d}: {message}")]
    Field { file: String, field: String, message: String },
    /// The file is fine, but something must be decided before it can be imported.
    #[error("{file}: {message}")]
    Unresolved { file: String, message: String },
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Unreadable { .. } => "file_unreadable",
            ImportError::Syntax { .. } => "file_syntax",
            ImportError::Entry { .. } => "file_entry",
            ImportError::Cell { .. } => "file_cell",
            ImportError::Field { .. } => "file_field",
            ImportError::Unresolved { .. } => "file_unresolved",
        }
    }

    /// Import errors belong next to the file chooser.
    pub fn field(&self) -> Option<&str> {
        Some("file")
    }
}

/// The name to show for a file in messages: its file name, not the whole path.
pub(crate) fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// Reads a text file, accepting a UTF-8 byte-order mark; anything not UTF-8 is refused
/// by name rather than garbled.
pub(crate) fn read_text(path: &Path) -> Result<String, ImportError> {
    let file = display_name(path);
    let bytes = std::fs::read(path).map_err(|e| ImportError::Unreadable { file: file.clone(), message: e.to_string() })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| ImportError::Unreadable {
        file,
        message: format!("it is not UTF-8 text (invalid byte at position {})", e.utf8_error().valid_up_to()),
    })
}
