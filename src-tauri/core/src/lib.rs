//! Forum Desk's logic: the domain model, the SQLite store, imports and exports.
//!
//! Nothing here knows about Tauri. The desktop shell and the command line are thin
//! callers of the operations in this crate (`networks::create`, `networks::import_directory`,
//! ...), so both behave the same and the tests here cover what users see.

/// Each variant of a plain enum and the word stored for it (the same word serde uses),
/// both ways, and the list of all variants.
macro_rules! stored_words {
    ($ty:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: [$ty; [$(stringify!($variant)),+].len()] = [$($ty::$variant),+];

            /// The word stored in the database and written to files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $word),+
                }
            }

            /// The variant whose stored word is exactly `word`.
            pub fn parse(word: &str) -> Option<$ty> {
                match word {
                    $($word => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

pub mod actions;
pub mod agenda;
pub mod attendance;
pub mod backup;
pub mod demo;
pub mod demo_large;
pub mod error;
pub mod everything;
pub mod files;
pub mod form_import;
pub mod forward_look;
pub mod import;
pub mod matching;
pub mod meetings;
pub mod needs;
pub mod model;
pub mod networks;
pub mod overview;
pub mod people;
pub mod publishing;
pub mod readout;
pub mod registration_import;
pub mod settings;
pub mod submission_file;
pub mod submission_import;
pub mod store;

pub use error::{Error, ErrorPayload, Result};
pub use store::Store;
