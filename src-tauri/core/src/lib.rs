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

// Cross-cutting pieces.
pub mod error;
pub mod files;
pub mod model;
pub mod overview;
pub mod settings;
pub mod store;

// The areas of the forum, each a folder of its own.
/// Reading the files people bring: directories, readouts, form exports.
pub mod import;
/// Matching text to the register (network names) and needs to strengths.
pub mod matching;
/// The register of networks.
pub mod networks;
/// The forum's meetings, their agendas and the actions they agree.
pub mod forum;
/// People, their registrations and attendance.
pub mod people;
/// Needs and strengths, the lead's submission file and the forward look.
pub mod needs;
/// The readout, agenda, calendar and website posts.
pub mod publishing;
/// Nothing lost, nothing leaked: backups, restore, everything as one file.
pub mod safety;
/// One box that finds anything in the records.
pub mod search;
/// The invented sample forum, small and large.
pub mod demo;

pub use error::{Error, ErrorPayload, Result};
pub use store::Store;
