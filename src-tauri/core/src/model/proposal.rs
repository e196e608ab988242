//! A network's request for time on a meeting's agenda.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::agenda::parse_minutes;
use super::{text, ValidationError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProposalStatus {
    Pending,
    Accepted,
    Declined,
}

stored_words!(ProposalStatus {
    Pending => "pending",
    Accepted => "accepted",
    Declined => "declined",
});

/// How a proposal reached the chair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ProposalSource {
    Entered,
    Submission,
}

stored_words!(ProposalSource {
    Entered => "entered",
    Submission => "submission",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Proposal {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub network_id: i64,
    pub network_name: String,
    pub title: String,
    pub minutes: u32,
    pub description: Option<String>,
    pub status: ProposalStatus,
    pub decline_reason: Option<String>,
    /// The agenda item it became, once accepted.
    #[ts(type = "number | null")]
    pub item_id: Option<i64>,
    pub source: ProposalSource,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ProposalInput {
    #[ts(type = "number | null")]
    pub network_id: Option<i64>,
    pub title: String,
    pub minutes: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidProposal {
    pub network_id: i64,
    pub title: String,
    pub minutes: u32,
    pub description: Option<String>,
}

impl ProposalInput {
    pub fn validate(&self) -> Result<ValidProposal, ValidationError> {
        let network_id = self.network_id.ok_or_else(|| ValidationError::new("networkId", "Select the network proposing the item"))?;
        let title = text::required("title", "Item title", &self.title, 200)?;
        let minutes = parse_minutes("minutes", &self.minutes)?;
        let description = text::optional("description", "Description", self.description.as_deref(), 2000)?;
        Ok(ValidProposal { network_id, title, minutes, description })
    }
}

/// A reason is required to decline, so the network can be told why.
pub fn validate_decline_reason(reason: &str) -> Result<String, ValidationError> {
    text::required("reason", "Reason", reason, 1000)
}
