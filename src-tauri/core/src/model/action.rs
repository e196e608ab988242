//! An action agreed at a meeting, carried forward until someone closes it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::meeting::parse_date;
use super::{text, ValidationError};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ActionStatus {
    #[default]
    Open,
    InProgress,
    Done,
    Dropped,
}

stored_words!(ActionStatus {
    Open => "open",
    InProgress => "in_progress",
    Done => "done",
    Dropped => "dropped",
});

impl ActionStatus {
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "Open",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Done => "Done",
            ActionStatus::Dropped => "Dropped",
        }
    }

    /// Done and dropped actions are closed: they stop being carried forward.
    pub fn is_closed(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Dropped)
    }
}

/// A dated note of progress, recorded at a meeting or in between.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionUpdate {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    pub meeting_title: Option<String>,
    pub date: String,
    pub text: String,
    pub status: ActionStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Action {
    #[ts(type = "number")]
    pub id: i64,
    /// The meeting that agreed it.
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub meeting_title: String,
    pub meeting_date: String,
    #[ts(type = "number | null")]
    pub item_id: Option<i64>,
    pub item_title: Option<String>,
    pub description: String,
    #[ts(type = "number | null")]
    pub owner_network_id: Option<i64>,
    pub owner_network_name: Option<String>,
    /// A person or team named in text, e.g. "Civil Service HR".
    pub owner_text: Option<String>,
    pub due_date: Option<String>,
    pub status: ActionStatus,
    pub closed_at: Option<String>,
    #[ts(type = "number | null")]
    pub closed_meeting_id: Option<i64>,
    /// Open or in progress, and past its due date.
    pub overdue: bool,
    pub updates: Vec<ActionUpdate>,
    pub created_at: String,
}

impl Action {
    /// The owner as people read it: the network, the text, or both.
    pub fn owner(&self) -> String {
        match (&self.owner_network_name, &self.owner_text) {
            (Some(n), Some(t)) => format!("{t} ({n})"),
            (Some(n), None) => n.clone(),
            (None, Some(t)) => t.clone(),
            (None, None) => String::new(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionInput {
    pub description: String,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub owner_network_id: Option<i64>,
    #[serde(default)]
    pub owner_text: Option<String>,
    #[serde(default)]
    pub due_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAction {
    pub description: String,
    pub owner_network_id: Option<i64>,
    pub owner_text: Option<String>,
    pub due_date: Option<NaiveDate>,
}

impl ActionInput {
    /// Checks the fields; `meeting_date` is the date of the meeting that agreed it, which
    /// the due date may not precede.
    pub fn validate(&self, meeting_date: NaiveDate) -> Result<ValidAction, ValidationError> {
        let description = text::required("description", "Action", &self.description, 1000)?;
        let owner_text = text::optional("ownerText", "Owner", self.owner_text.as_deref(), 200)?;
        if owner_text.is_none() && self.owner_network_id.is_none() {
            return Err(ValidationError::new("ownerText", "Enter who owns the action, or choose a network"));
        }
        let due_date = match self.due_date.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => {
                let d = parse_date("dueDate", "Due date", d)?;
                if d < meeting_date {
                    return Err(ValidationError::new("dueDate", format!("The due date must be on or after the meeting ({})", meeting_date.format("%Y-%m-%d"))));
                }
                Some(d)
            }
        };
        Ok(ValidAction { description, owner_network_id: self.owner_network_id, owner_text, due_date })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionUpdateInput {
    #[serde(default)]
    pub text: String,
    pub status: ActionStatus,
}

/// Which actions the log shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ActionFilter {
    #[serde(default)]
    pub status: Option<ActionStatus>,
    /// Only open and in-progress actions.
    #[serde(default)]
    pub open_only: bool,
    /// Words to find in the owner (network name or text).
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    #[serde(default)]
    pub overdue_only: bool,
    /// At most this many (the log pages through twenty years of actions); none: all.
    #[serde(default)]
    pub limit: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn rules_name_their_fields() {
        let ok = ActionInput { description: " Write guidance ".into(), owner_text: Some("Forum team".into()), due_date: Some("2027-02-01".into()), ..Default::default() };
        assert_eq!(ok.validate(d("2027-01-14")).unwrap().description, "Write guidance");
        let cases: [(ActionInput, &str); 4] = [
            (ActionInput { description: " ".into(), owner_text: Some("x".into()), ..Default::default() }, "description"),
            (ActionInput { description: "x".into(), ..Default::default() }, "ownerText"),
            (ActionInput { description: "x".into(), owner_text: Some("x".into()), due_date: Some("2027-01-13".into()), ..Default::default() }, "dueDate"),
            (ActionInput { description: "x".into(), owner_text: Some("x".into()), due_date: Some("2027-13-01".into()), ..Default::default() }, "dueDate"),
        ];
        for (input, field) in cases {
            assert_eq!(input.validate(d("2027-01-14")).unwrap_err().field, field, "{input:?}");
        }
    }
}
