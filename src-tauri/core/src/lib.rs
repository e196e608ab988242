//! Forum Desk's logic: the domain model, the SQLite store, imports and exports.
//!
//! Nothing here knows about Tauri. The desktop shell and the command line are thin
//! callers of the operations in this crate (`networks::create`, `networks::import_directory`,
//! ...), so both behave the same and the tests here cover what users see.

pub mod actions;
pub mod agenda;
pub mod backup;
pub mod demo;
pub mod error;
pub mod files;
pub mod import;
pub mod meetings;
pub mod model;
pub mod networks;
pub mod overview;
pub mod publishing;
pub mod readout;
pub mod settings;
pub mod store;

pub use error::{Error, ErrorPayload, Result};
pub use store::Store;
