//! The crate's error type and the shape errors take when they cross to the UI.
//!
//! Each area has its own error enum (validation in `model`, files in `import`, the
//! database in `store`); `Error` gathers them so callers handle one type, and
//! `ErrorPayload` is what the UI receives: a stable `code`, a sentence for people and,
//! where one field is to blame, the field's name so the form can show the message there.

use serde::Serialize;
use ts_rs::TS;

use crate::import::ImportError;
use crate::model::ValidationError;
use crate::store::StoreError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Validation(#[from] ValidationError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The fonts the PDFs are set in are not on this computer (they come with the
    /// package, from Debian's fonts-dejavu packages).
    #[error("{0}")]
    Fonts(String),
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Store(StoreError::from(e))
    }
}

impl Error {
    /// A stable, machine-readable code for the UI and for tests.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation(_) => "invalid",
            Error::Import(e) => e.code(),
            Error::Store(e) => e.code(),
            Error::Fonts(_) => "fonts-missing",
        }
    }

    /// The form field the message belongs next to, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Validation(e) => Some(e.field.as_str()),
            Error::Import(e) => e.field(),
            Error::Store(e) => e.field(),
            Error::Fonts(_) => None,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_string(),
            message: self.to_string(),
            field: self.field().map(str::to_string),
        }
    }
}

/// What the UI receives when a command fails.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}
