//! Plain domain types and their validation rules. No I/O here: the store and the
//! importers call these rules, so a value is checked the same way whichever door it
//! came in by.

pub mod action;
pub mod agenda;
pub mod meeting;
pub mod needs;
mod network;
pub mod person;
pub mod proposal;
pub mod text;

pub use action::{Action, ActionFilter, ActionInput, ActionStatus, ActionUpdate, ActionUpdateInput, ValidAction};
pub use agenda::{AgendaItem, ItemInput, ItemKind, Slot, Timing, ValidItem};
pub use meeting::{Meeting, MeetingInput, MeetingStatus, ValidMeeting};
pub use network::{Network, NetworkFilter, NetworkInput, NetworkType, ValidNetwork};
pub use needs::{Statement, StatementInput, StatementKind, Submission, SubmissionInput, SubmissionSource, Theme, ThemeInput, ValidStatement, ValidSubmission};
pub use person::{AttendanceStatus, Person, PersonInput, Registration, RegistrationInput, RegistrationSource, Role, ValidPerson};
pub use proposal::{Proposal, ProposalInput, ProposalSource, ProposalStatus, ValidProposal};

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
