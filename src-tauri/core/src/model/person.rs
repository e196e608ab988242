//! People (network leads and the forum team) and their registrations for meetings.
//! Special category personal data: see docs/privacy.md.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{text, ValidationError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    Chair,
    ViceChair,
    CommitteeMember,
    NominatedRepresentative,
    ForumTeam,
}

stored_words!(Role {
    Chair => "chair",
    ViceChair => "vice_chair",
    CommitteeMember => "committee_member",
    NominatedRepresentative => "nominated_representative",
    ForumTeam => "forum_team",
});

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::ViceChair => "vice-chair",
            Role::CommitteeMember => "committee member",
            Role::NominatedRepresentative => "nominated representative",
            Role::ForumTeam => "forum team",
        }
    }
}

/// How a registered person took part in a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AttendanceStatus {
    /// Registered; not yet checked in.
    Registered,
    InPerson,
    DialledIn,
    Apologies,
    /// Registered but did not come and sent no apologies.
    Absent,
}

stored_words!(AttendanceStatus {
    Registered => "registered",
    InPerson => "in_person",
    DialledIn => "dialled_in",
    Apologies => "apologies",
    Absent => "absent",
});

impl AttendanceStatus {
    /// As the check-in list says it.
    pub fn label(self) -> &'static str {
        match self {
            AttendanceStatus::Registered => "not yet checked in",
            AttendanceStatus::InPerson => "in person",
            AttendanceStatus::DialledIn => "dialled in",
            AttendanceStatus::Apologies => "apologies",
            AttendanceStatus::Absent => "did not attend",
        }
    }

    /// Took part, in the room or on the line.
    pub fn attended(self) -> bool {
        matches!(self, AttendanceStatus::InPerson | AttendanceStatus::DialledIn)
    }
}

/// How a registration reached the chair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RegistrationSource {
    Entered,
    Form,
    WalkIn,
    Submission,
}

stored_words!(RegistrationSource {
    Entered => "entered",
    Form => "form",
    WalkIn => "walk_in",
    Submission => "submission",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Person {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub pronouns: Option<String>,
    pub email: Option<String>,
    #[ts(type = "number | null")]
    pub network_id: Option<i64>,
    pub network_name: Option<String>,
    pub role: Role,
    pub created_at: String,
    pub updated_at: String,
}

/// What the chair types (or a file holds) for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PersonInput {
    pub name: String,
    #[serde(default)]
    pub pronouns: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub network_id: Option<i64>,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPerson {
    pub name: String,
    pub pronouns: Option<String>,
    pub email: Option<String>,
    pub network_id: Option<i64>,
    pub role: Role,
}

impl PersonInput {
    pub fn validate(&self) -> Result<ValidPerson, ValidationError> {
        Ok(ValidPerson {
            name: text::required("name", "Name", &self.name, 200)?,
            pronouns: text::optional("pronouns", "Pronouns", self.pronouns.as_deref(), 60)?,
            email: text::optional_email("email", self.email.as_deref())?,
            network_id: self.network_id,
            role: self.role,
        })
    }
}

impl ValidPerson {
    /// The same person registering twice is one person: by email when there is one
    /// (case-folded), otherwise by name within the network.
    pub fn match_key(&self) -> String {
        match &self.email {
            Some(e) => format!("email:{}", e.to_lowercase()),
            None => format!("name:{}:{}", self.network_id.unwrap_or(0), text::match_key(&[&self.name])),
        }
    }
}

/// A registration, with the person and network it names, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Registration {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub name: String,
    pub pronouns: Option<String>,
    pub email: Option<String>,
    #[ts(type = "number | null")]
    pub network_id: Option<i64>,
    pub network_name: Option<String>,
    pub department: Option<String>,
    pub status: AttendanceStatus,
    pub source: RegistrationSource,
    pub registered_at: Option<String>,
    pub meeting_date: String,
    pub meeting_title: String,
    /// The person was erased: this registration only counts for their network.
    pub erased: bool,
    /// Time in an online meeting, from its Teams attendance report.
    pub minutes_in_meeting: Option<u32>,
    /// When they first joined and last left the online meeting (ISO 8601, local time).
    pub first_join: Option<String>,
    pub last_leave: Option<String>,
}

/// A registration typed by the chair, or a walk-in at the door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RegistrationInput {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub pronouns: Option<String>,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub network_id: Option<i64>,
    pub status: AttendanceStatus,
}

impl RegistrationInput {
    pub fn person(&self) -> PersonInput {
        PersonInput {
            name: self.name.clone(),
            pronouns: self.pronouns.clone(),
            email: self.email.clone(),
            network_id: self.network_id,
            role: Role::NominatedRepresentative,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, email: Option<&str>, network: Option<i64>) -> PersonInput {
        PersonInput { name: name.into(), pronouns: None, email: email.map(Into::into), network_id: network, role: Role::ForumTeam }
    }

    #[test]
    fn same_email_any_case_is_the_same_person() {
        let a = input("Sam Jones", Some("Sam.Jones@dwp.gov.uk"), Some(1)).validate().unwrap();
        let b = input("Samuel Jones", Some("sam.jones@DWP.gov.uk"), Some(2)).validate().unwrap();
        assert_eq!(a.match_key(), b.match_key());
    }

    #[test]
    fn without_email_name_within_network() {
        let a = input("Sam  Jones", None, Some(1)).validate().unwrap();
        let b = input("sam jones", None, Some(1)).validate().unwrap();
        let c = input("Sam Jones", None, Some(2)).validate().unwrap();
        assert_eq!(a.match_key(), b.match_key());
        assert_ne!(a.match_key(), c.match_key());
    }

    #[test]
    fn a_name_is_required_and_email_checked() {
        assert_eq!(input(" ", None, None).validate().unwrap_err().field, "name");
        assert_eq!(input("Sam", Some("sam at dwp"), None).validate().unwrap_err().field, "email");
    }

    #[test]
    fn attended_means_in_the_room_or_on_the_line() {
        let attended: Vec<_> = AttendanceStatus::ALL.into_iter().filter(|s| s.attended()).collect();
        assert_eq!(attended, [AttendanceStatus::InPerson, AttendanceStatus::DialledIn]);
    }
}
