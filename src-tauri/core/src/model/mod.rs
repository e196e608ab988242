//! Plain domain types and their validation rules. No I/O here: the store and the
//! importers call these rules, so a value is checked the same way whichever door it
//! came in by.

mod network;
pub mod text;

pub use network::{Network, NetworkFilter, NetworkInput, NetworkType, ValidNetwork};

/// A value a person typed (or a file held) that breaks a rule. `field` names the form
/// field, so the UI can put the message next to it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ValidationError {
    pub field: String,
    pub message: String,
}

impl ValidationError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        ValidationError { field: field.to_string(), message: message.into() }
    }
}
