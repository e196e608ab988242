//! Agenda items and their time slots. Slots are computed from the meeting's start time
//! and the items' durations, never stored, so reordering or changing a duration moves
//! every later slot at once.

use chrono::{NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{text, ValidationError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ItemKind {
    /// Recurs every meeting: updates from the network, the central team, the champion.
    StandingUpdate,
    Discussion,
    /// Asked for by a network (see proposals).
    NetworkProposal,
    AnyOtherBusiness,
}

stored_words!(ItemKind {
    StandingUpdate => "standing_update",
    Discussion => "discussion",
    NetworkProposal => "network_proposal",
    AnyOtherBusiness => "any_other_business",
});

impl ItemKind {
    /// Standing items (and any other business) are carried into the next meeting.
    pub fn is_standing(self) -> bool {
        matches!(self, ItemKind::StandingUpdate | ItemKind::AnyOtherBusiness)
    }
}

/// An item's time slot. The last item runs "to close".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Slot {
    pub start: String,
    pub end: String,
    /// "15:00 to 15:15", or "16:35 to close" for the last item.
    pub label: String,
}

/// An item as the agenda shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AgendaItem {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub position: u32,
    pub title: String,
    pub presenter: Option<String>,
    pub duration_minutes: u32,
    pub kind: ItemKind,
    #[ts(type = "number | null")]
    pub proposed_by: Option<i64>,
    /// The proposing network's name, for display.
    pub proposed_by_name: Option<String>,
    pub description: Option<String>,
    /// Markdown.
    pub notes: String,
    /// Decisions and agreed points, one line each.
    pub outcomes: Vec<String>,
    pub slot: Slot,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ItemInput {
    pub title: String,
    #[serde(default)]
    pub presenter: Option<String>,
    /// As typed in the form.
    pub duration_minutes: String,
    pub kind: String,
    #[serde(default)]
    #[ts(type = "number | null")]
    pub proposed_by: Option<i64>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidItem {
    pub title: String,
    pub presenter: Option<String>,
    pub duration: u32,
    pub kind: ItemKind,
    pub proposed_by: Option<i64>,
    pub description: Option<String>,
}

pub const MAX_DURATION: u32 = 600;
pub const NOTES_MAX: usize = 200_000;
pub const OUTCOME_MAX: usize = 500;

pub fn parse_minutes(field: &str, value: &str) -> Result<u32, ValidationError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(ValidationError::new(field, "Enter how many minutes the item needs"));
    }
    match v.parse::<i64>() {
        Ok(m) if (1..=i64::from(MAX_DURATION)).contains(&m) => Ok(m as u32),
        Ok(_) => Err(ValidationError::new(field, format!("Minutes must be between 1 and {MAX_DURATION}"))),
        Err(_) => Err(ValidationError::new(field, "Minutes must be a whole number, like 15")),
    }
}

impl ItemInput {
    pub fn validate(&self) -> Result<ValidItem, ValidationError> {
        let title = text::required("title", "Item title", &self.title, 200)?;
        let presenter = text::optional("presenter", "Presenter", self.presenter.as_deref(), 200)?;
        let duration = parse_minutes("durationMinutes", &self.duration_minutes)?;
        let kind = ItemKind::parse(self.kind.trim()).ok_or_else(|| ValidationError::new("kind", "Select the kind of item"))?;
        let description = text::optional("description", "Description", self.description.as_deref(), 2000)?;
        Ok(ValidItem { title, presenter, duration, kind, proposed_by: self.proposed_by, description })
    }
}

/// Checks notes: any text up to the limit (a long meeting's notes fit many times over).
pub fn validate_notes(notes: &str) -> Result<(), ValidationError> {
    let n = notes.chars().count();
    if n > NOTES_MAX {
        return Err(ValidationError::new("notes", format!("Notes must be {NOTES_MAX} characters or fewer (they have {n})")));
    }
    Ok(())
}

/// Outcomes are one line each; blank lines are dropped.
pub fn validate_outcomes(lines: &[String]) -> Result<Vec<String>, ValidationError> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        if l.contains('\n') || l.contains('\r') {
            return Err(ValidationError::new("outcomes", format!("Outcome {} must be one line", i + 1)));
        }
        let n = l.chars().count();
        if n > OUTCOME_MAX {
            return Err(ValidationError::new("outcomes", format!("Outcome {} must be {OUTCOME_MAX} characters or fewer (it has {n})", i + 1)));
        }
        out.push(l.to_string());
    }
    Ok(out)
}

fn hhmm(minutes_from_midnight: u32) -> String {
    format!("{:02}:{:02}", minutes_from_midnight / 60, minutes_from_midnight % 60)
}

/// The running time of an agenda: each item's slot, where it ends, and by how much it
/// runs past the meeting's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Timing {
    pub slots: Vec<Slot>,
    pub total_minutes: u32,
    /// When the last item ends, e.g. "16:05".
    pub ends_at: String,
    /// Minutes past the meeting's end time, when the items do not fit.
    pub overrun_minutes: u32,
}

pub const MINUTES_PER_DAY: u32 = 24 * 60;

/// Computes the slots. Fails when the items would run past midnight, naming the first
/// item that does not fit (its index).
pub fn compute_timing(start: NaiveTime, end: NaiveTime, durations: &[u32]) -> Result<Timing, (usize, String)> {
    let start_m = start.hour() * 60 + start.minute();
    let end_m = end.hour() * 60 + end.minute();
    let mut at = start_m;
    let mut slots = Vec::with_capacity(durations.len());
    for (i, d) in durations.iter().enumerate() {
        let next = at + d;
        if next > MINUTES_PER_DAY {
            return Err((i, format!("This item would end after midnight: the agenda from {} runs {} minutes", hhmm(start_m), durations.iter().sum::<u32>())));
        }
        let last = i + 1 == durations.len();
        let label = if last { format!("{} to close", hhmm(at)) } else { format!("{} to {}", hhmm(at), hhmm(next)) };
        slots.push(Slot { start: hhmm(at), end: hhmm(next), label });
        at = next;
    }
    Ok(Timing { slots, total_minutes: at - start_m, ends_at: hhmm(at), overrun_minutes: at.saturating_sub(end_m) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }

    #[test]
    fn slots_follow_the_durations_and_the_last_runs_to_close() {
        let timing = compute_timing(t("15:00"), t("17:00"), &[15, 20, 25, 35, 25]).unwrap();
        let labels: Vec<_> = timing.slots.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["15:00 to 15:15", "15:15 to 15:35", "15:35 to 16:00", "16:00 to 16:35", "16:35 to close"]);
        assert_eq!((timing.total_minutes, timing.ends_at.as_str(), timing.overrun_minutes), (120, "17:00", 0));
    }

    #[test]
    fn odd_durations_carry_across_the_hour() {
        let timing = compute_timing(t("09:50"), t("11:00"), &[7, 13, 61]).unwrap();
        let labels: Vec<_> = timing.slots.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["09:50 to 09:57", "09:57 to 10:10", "10:10 to close"]);
        assert_eq!((timing.ends_at.as_str(), timing.overrun_minutes), ("11:11", 11));
    }

    #[test]
    fn a_single_item_runs_to_close_and_none_is_empty() {
        assert_eq!(compute_timing(t("15:00"), t("16:00"), &[60]).unwrap().slots[0].label, "15:00 to close");
        let empty = compute_timing(t("15:00"), t("16:00"), &[]).unwrap();
        assert!(empty.slots.is_empty());
        assert_eq!((empty.ends_at.as_str(), empty.overrun_minutes), ("15:00", 0));
    }

    #[test]
    fn items_that_pass_midnight_are_refused() {
        assert!(compute_timing(t("23:00"), t("23:59"), &[30, 30]).is_ok(), "ending at midnight exactly fits");
        let (i, msg) = compute_timing(t("23:00"), t("23:59"), &[30, 20, 20]).unwrap_err();
        assert_eq!(i, 2);
        assert!(msg.contains("after midnight"), "{msg}");
    }

    #[test]
    fn minutes_must_be_a_positive_whole_number() {
        assert_eq!(parse_minutes("d", " 15 ").unwrap(), 15);
        for bad in ["0", "-5", "1.5", "ten", "", "601"] {
            assert_eq!(parse_minutes("d", bad).unwrap_err().field, "d", "{bad}");
        }
    }

    #[test]
    fn outcomes_are_single_trimmed_lines() {
        let ok = validate_outcomes(&["  Agreed to meet quarterly ".into(), "".into(), "Team to write guidance".into()]).unwrap();
        assert_eq!(ok, ["Agreed to meet quarterly", "Team to write guidance"]);
        assert!(validate_outcomes(&["two\nlines".into()]).is_err());
        assert!(validate_outcomes(&["x".repeat(OUTCOME_MAX + 1)]).is_err());
    }

    #[test]
    fn long_notes_are_fine_up_to_the_limit() {
        assert!(validate_notes(&"a".repeat(100_000)).is_ok());
        assert_eq!(validate_notes(&"a".repeat(NOTES_MAX + 1)).unwrap_err().field, "notes");
    }
}
