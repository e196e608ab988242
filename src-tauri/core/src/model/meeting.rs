//! A meeting of the Leaders of Networks Forum.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{text, ValidationError};

/// Where a meeting is in its life, from planning to the published readout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MeetingStatus {
    Planned,
    AgendaCirculated,
    Held,
    ReadoutDrafted,
    ReadoutApproved,
    Published,
}

stored_words!(MeetingStatus {
    Planned => "planned",
    AgendaCirculated => "agenda_circulated",
    Held => "held",
    ReadoutDrafted => "readout_drafted",
    ReadoutApproved => "readout_approved",
    Published => "published",
});

impl MeetingStatus {
    pub fn label(self) -> &'static str {
        match self {
            MeetingStatus::Planned => "Planned",
            MeetingStatus::AgendaCirculated => "Agenda circulated",
            MeetingStatus::Held => "Held",
            MeetingStatus::ReadoutDrafted => "Readout drafted",
            MeetingStatus::ReadoutApproved => "Readout approved",
            MeetingStatus::Published => "Published",
        }
    }

    fn index(self) -> usize {
        MeetingStatus::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    /// A meeting moves one step at a time, forward or (to correct a slip) back.
    pub fn can_move_to(self, to: MeetingStatus) -> bool {
        self.index().abs_diff(to.index()) == 1
    }

    /// Approved and published readouts are locked until the chair unlocks them.
    pub fn is_approved(self) -> bool {
        matches!(self, MeetingStatus::ReadoutApproved | MeetingStatus::Published)
    }

    pub fn next(self) -> Option<MeetingStatus> {
        MeetingStatus::ALL.get(self.index() + 1).copied()
    }
}

/// A meeting as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Meeting {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    /// ISO date, e.g. "2027-01-14".
    pub date: String,
    /// "15:00", Europe/London.
    pub start_time: String,
    pub end_time: String,
    /// A room, or "Online".
    pub location: String,
    pub online_link: Option<String>,
    pub dial_in: Option<String>,
    pub registration_link: Option<String>,
    /// The mailbox to register with when there is no form (the forum's `chairs@...`).
    pub registration_email: Option<String>,
    /// The last day to register (ISO date).
    pub registration_deadline: Option<String>,
    pub readout_author: Option<String>,
    pub status: MeetingStatus,
    /// When the meeting was called off; it stays in the list, marked.
    pub cancelled_at: Option<String>,
    /// When the readout was approved.
    pub readout_approved_at: Option<String>,
    /// An approved or published meeting is locked against accidental edits.
    pub locked: bool,
    /// When it was last edited after approval (after an explicit unlock).
    pub amended_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// What the chair gives to plan a meeting. Dates and times arrive as the form's text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingInput {
    /// Empty means the default: "Leaders of Networks Forum" and the month and year.
    #[serde(default)]
    pub title: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub online_link: Option<String>,
    #[serde(default)]
    pub dial_in: Option<String>,
    #[serde(default)]
    pub registration_link: Option<String>,
    #[serde(default)]
    pub registration_email: Option<String>,
    #[serde(default)]
    pub registration_deadline: Option<String>,
    #[serde(default)]
    pub readout_author: Option<String>,
}

/// A meeting input that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidMeeting {
    pub title: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub location: String,
    pub online_link: Option<String>,
    pub dial_in: Option<String>,
    pub registration_link: Option<String>,
    pub registration_email: Option<String>,
    pub registration_deadline: Option<NaiveDate>,
    pub readout_author: Option<String>,
}

pub fn default_title(date: NaiveDate) -> String {
    format!("Leaders of Networks Forum {}", date.format("%B %Y"))
}

/// Parses an ISO date, saying which field and why when it is not one.
pub fn parse_date(field: &str, label: &str, value: &str) -> Result<NaiveDate, ValidationError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ValidationError::new(field, format!("Enter the {}", label.to_lowercase())));
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
        let shape = v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
        ValidationError::new(
            field,
            if shape {
                format!("{label} must be a real date ({v} does not exist)")
            } else {
                format!("{label} must be a date like 2027-01-14")
            },
        )
    })
}

/// Parses "15:00" (or "9:30").
pub fn parse_time(field: &str, label: &str, value: &str) -> Result<NaiveTime, ValidationError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ValidationError::new(field, format!("Enter the {}", label.to_lowercase())));
    }
    NaiveTime::parse_from_str(v, "%H:%M").map_err(|_| ValidationError::new(field, format!("{label} must be a time like 15:00, on the 24-hour clock")))
}

/// An optional web link: only http and https, so nothing the app shows can run script.
pub fn optional_link(field: &str, label: &str, value: Option<&str>) -> Result<Option<String>, ValidationError> {
    let Some(v) = text::optional(field, label, value, 2000)? else { return Ok(None) };
    let lower = v.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://")) && v.len() > 8 && !v.chars().any(char::is_whitespace);
    if !ok {
        return Err(ValidationError::new(field, format!("{label} must be a web address starting with https://")));
    }
    Ok(Some(v))
}

impl MeetingInput {
    pub fn validate(&self) -> Result<ValidMeeting, ValidationError> {
        let date = parse_date("date", "Date", &self.date)?;
        let start = parse_time("startTime", "Start time", &self.start_time)?;
        let end = parse_time("endTime", "End time", &self.end_time)?;
        if end <= start {
            return Err(ValidationError::new("endTime", "The end time must be after the start time"));
        }
        let title = if self.title.trim().is_empty() { default_title(date) } else { text::required("title", "Title", &self.title, 200)? };
        let location = text::optional("location", "Location", Some(&self.location), 300)?.unwrap_or_default();
        let online_link = optional_link("onlineLink", "Online link", self.online_link.as_deref())?;
        let dial_in = text::optional("dialIn", "Dial-in details", self.dial_in.as_deref(), 1000)?;
        let registration_link = optional_link("registrationLink", "Registration link", self.registration_link.as_deref())?;
        let registration_email = text::optional_email("registrationEmail", self.registration_email.as_deref())?;
        let registration_deadline = match self.registration_deadline.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => {
                let d = parse_date("registrationDeadline", "Registration deadline", d)?;
                if d > date {
                    return Err(ValidationError::new("registrationDeadline", "The registration deadline must be on or before the meeting date"));
                }
                Some(d)
            }
        };
        let readout_author = text::optional("readoutAuthor", "Readout author", self.readout_author.as_deref(), 200)?;
        Ok(ValidMeeting { title, date, start, end, location, online_link, dial_in, registration_link, registration_email, registration_deadline, readout_author })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> MeetingInput {
        MeetingInput {
            date: "2027-01-14".into(),
            start_time: "15:00".into(),
            end_time: "16:00".into(),
            location: "Online".into(),
            online_link: Some("https://meet.example.org/abc".into()),
            registration_deadline: Some("2027-01-10".into()),
            ..Default::default()
        }
    }

    #[test]
    fn the_title_defaults_to_the_forum_and_month() {
        assert_eq!(input().validate().unwrap().title, "Leaders of Networks Forum January 2027");
    }

    #[test]
    fn bad_dates_and_times_name_their_field() {
        let cases: [(fn(&mut MeetingInput), &str, &str); 8] = [
            (|i| i.date = "2027-02-30".into(), "date", "does not exist"),
            (|i| i.date = "14/01/2027".into(), "date", "like 2027-01-14"),
            (|i| i.start_time = "25:00".into(), "startTime", "24-hour"),
            (|i| i.end_time = "14:00".into(), "endTime", "after the start time"),
            (|i| i.end_time = "15:00".into(), "endTime", "after the start time"),
            (|i| i.registration_deadline = Some("2027-01-15".into()), "registrationDeadline", "on or before"),
            (|i| i.online_link = Some("javascript:alert(1)".into()), "onlineLink", "https://"),
            (|i| i.title = "x".repeat(201), "title", "200 characters"),
        ];
        for (break_it, field, words) in cases {
            let mut i = input();
            break_it(&mut i);
            let e = i.validate().unwrap_err();
            assert_eq!(e.field, field, "{e:?}");
            assert!(e.message.contains(words), "{}", e.message);
        }
    }

    #[test]
    fn status_moves_one_step_at_a_time() {
        use MeetingStatus::*;
        assert!(Planned.can_move_to(AgendaCirculated));
        assert!(AgendaCirculated.can_move_to(Planned));
        assert!(!Planned.can_move_to(Held));
        assert!(!Held.can_move_to(Held));
        assert_eq!(ReadoutApproved.next(), Some(Published));
        assert_eq!(Published.next(), None);
        for s in MeetingStatus::ALL {
            assert_eq!(MeetingStatus::parse(s.as_str()), Some(s));
        }
    }
}
