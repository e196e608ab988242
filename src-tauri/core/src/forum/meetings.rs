//! Planning meetings: create, edit, list, the status lifecycle, cancel and delete.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::forum::{agenda, series};
use crate::model::{Meeting, MeetingInput, MeetingStatus, ValidationError};
use crate::store::{agenda as items_q, meetings as q, StoreError};
use crate::{Result, Store};

/// A row of the meetings list.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingSummary {
    pub meeting: Meeting,
    pub item_count: u32,
    /// Actions agreed at this meeting that are still open or in progress.
    pub open_actions: u32,
    /// On or after today.
    pub upcoming: bool,
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Upcoming meetings first (soonest first), then past ones (latest first).
pub fn list(store: &Store, today: NaiveDate) -> Result<Vec<MeetingSummary>> {
    let today = iso(today);
    Ok(q::list(store.conn(), &today)?
        .into_iter()
        .map(|(meeting, item_count, open_actions)| MeetingSummary { upcoming: meeting.date >= today, meeting, item_count, open_actions })
        .collect())
}

pub fn get(store: &Store, id: i64) -> Result<Meeting> {
    Ok(q::get(store.conn(), id)?)
}

/// What "New meeting" proposes: the next date by the forum's cadence after the latest
/// meeting, that meeting's times, place, joining and registration details, and its
/// standing items to copy.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingSuggestion {
    /// The date is empty when the forum has no fixed pattern: the chair picks it.
    pub input: MeetingInput,
    /// The meeting whose standing items would be copied.
    #[ts(type = "number | null")]
    pub copy_from: Option<i64>,
    pub copy_from_title: Option<String>,
    pub standing_items: Vec<String>,
    /// "Monthly, on the fourth Wednesday": why this date.
    pub cadence: String,
}

pub fn suggest(store: &Store, today: NaiveDate) -> Result<MeetingSuggestion> {
    suggest_in(store.conn(), series::cadence(store)?, today)
}

/// The suggestion inside a transaction that may already hold new meetings (a planned run).
fn suggest_in(conn: &Connection, cadence: series::Cadence, today: NaiveDate) -> Result<MeetingSuggestion> {
    let last = q::latest(conn)?;
    let last_date = last.as_ref().and_then(|l| NaiveDate::parse_from_str(&l.date, "%Y-%m-%d").ok());
    // The next date by the cadence, after today, on a day no other meeting has taken.
    let mut date = cadence.next_after(last_date, today);
    for _ in 0..120 {
        match date {
            Some(d) if d <= today || q::taken(conn, &iso(d))? => date = cadence.next_after(Some(d), today),
            _ => break,
        }
    }
    let describe = cadence.describe();
    let Some(last) = last else {
        return Ok(MeetingSuggestion {
            input: MeetingInput {
                date: date.map(iso).unwrap_or_default(),
                start_time: "15:00".into(),
                end_time: "16:30".into(),
                location: "Online".into(),
                ..Default::default()
            },
            copy_from: None,
            copy_from_title: None,
            standing_items: Vec::new(),
            cadence: describe,
        });
    };
    // Registration closes as long before the meeting as it did last time.
    let deadline = match (last_date, last.registration_deadline.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()), date) {
        (Some(l), Some(dl), Some(d)) if dl <= l => d.checked_sub_signed(l - dl).map(iso),
        _ => None,
    };
    let standing = items_q::items(conn, last.id)?.into_iter().filter(|i| i.kind.is_standing()).map(|i| i.title).collect();
    Ok(MeetingSuggestion {
        input: MeetingInput {
            title: String::new(),
            date: date.map(iso).unwrap_or_default(),
            start_time: last.start_time.clone(),
            end_time: last.end_time.clone(),
            location: last.location.clone(),
            online_link: last.online_link.clone(),
            dial_in: last.dial_in.clone(),
            registration_link: last.registration_link.clone(),
            registration_email: last.registration_email.clone(),
            registration_deadline: deadline,
            readout_author: last.readout_author.clone(),
        },
        copy_from: Some(last.id),
        copy_from_title: Some(last.title),
        standing_items: standing,
        cadence: describe,
    })
}

/// Plans the next `count` meetings by the cadence, each as "New meeting" would suggest
/// it (times, place, registration details and standing items of the one before): all of
/// them, or none. Each stays editable afterwards.
pub fn plan_next(store: &mut Store, count: u32, today: NaiveDate) -> Result<Vec<Meeting>> {
    if !(1..=24).contains(&count) {
        return Err(ValidationError::new("count", format!("Plan from 1 to 24 meetings at a time (it was {count})")).into());
    }
    let cadence = series::cadence(store)?;
    if cadence == series::Cadence::None {
        return Err(ValidationError::new("count", "The forum has no fixed pattern, so there are no dates to plan: choose how often it meets in Settings, or add each meeting with New meeting").into());
    }
    let tx = store.conn_mut().transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let mut planned = Vec::new();
    for _ in 0..count {
        let s = suggest_in(&tx, cadence, today)?;
        planned.push(create_in(&tx, &s.input, s.copy_from)?);
    }
    tx.commit()?;
    Ok(planned)
}

/// Creates a meeting; with `copy_standing_from`, its standing items come along.
pub fn create(store: &mut Store, input: &MeetingInput, copy_standing_from: Option<i64>) -> Result<Meeting> {
    let tx = store.conn_mut().transaction()?;
    let m = create_in(&tx, input, copy_standing_from)?;
    tx.commit()?;
    Ok(m)
}

fn create_in(tx: &Connection, input: &MeetingInput, copy_standing_from: Option<i64>) -> Result<Meeting> {
    let valid = input.validate()?;
    let id = q::insert(tx, &valid)?;
    if let Some(from) = copy_standing_from {
        agenda::copy_items_in(tx, from, id, false)?;
    }
    // Earlier meetings' open actions are reviewed under a standing item, early on.
    let date = valid.date.format("%Y-%m-%d").to_string();
    if crate::forum::actions::open_before(tx, &date)? && !items_q::items(tx, id)?.iter().any(|i| i.title == crate::forum::actions::CARRY_ITEM_TITLE) {
        agenda::insert_carry_item(tx, id)?;
    }
    Ok(q::get(tx, id)?)
}

/// Saves the plan. The agenda must still fit before midnight from the new start time.
pub fn update(store: &mut Store, id: i64, input: &MeetingInput) -> Result<Meeting> {
    let valid = input.validate()?;
    let tx = store.conn_mut().transaction()?;
    ensure_editable(&tx, id)?;
    let durations: Vec<u32> = items_q::items(&tx, id)?.iter().map(|i| i.duration).collect();
    if let Err((_, msg)) = crate::model::agenda::compute_timing(valid.start, valid.end, &durations) {
        return Err(ValidationError::new("startTime", format!("With this start time the agenda does not fit in the day. {msg}")).into());
    }
    q::update(&tx, id, &valid)?;
    let m = q::get(&tx, id)?;
    tx.commit()?;
    Ok(m)
}

/// Moves the meeting one step along (or back along) its lifecycle.
pub fn set_status(store: &mut Store, id: i64, to: MeetingStatus) -> Result<Meeting> {
    let tx = store.conn_mut().transaction()?;
    let m = q::get(&tx, id)?;
    if m.locked && !to.is_approved() {
        return Err(locked_error(&m).into());
    }
    if !m.status.can_move_to(to) {
        return Err(ValidationError::new(
            "status",
            format!("A meeting that is \u{201c}{}\u{201d} cannot move straight to \u{201c}{}\u{201d}: it moves one step at a time", m.status.label(), to.label()),
        )
        .into());
    }
    q::set_status(&tx, id, to)?;
    let m = q::get(&tx, id)?;
    tx.commit()?;
    Ok(m)
}

/// Cancelling keeps the meeting in the list, marked; it can be reinstated.
pub fn set_cancelled(store: &mut Store, id: i64, cancelled: bool) -> Result<Meeting> {
    let tx = store.conn_mut().transaction()?;
    ensure_editable(&tx, id)?;
    q::set_cancelled(&tx, id, cancelled)?;
    let m = q::get(&tx, id)?;
    tx.commit()?;
    Ok(m)
}

/// Deletes a meeting that has nothing recorded yet (an agenda alone may go with it).
pub fn delete(store: &mut Store, id: i64) -> Result<()> {
    let tx = store.conn_mut().transaction()?;
    ensure_editable(&tx, id)?;
    refuse_if_recorded(&tx, id)?;
    q::delete(&tx, id)?;
    tx.commit()?;
    Ok(())
}

fn locked_error(m: &Meeting) -> StoreError {
    StoreError::Locked {
        message: format!(
            "The readout of {} is {} and locked against accidental edits. Unlock it to make changes; they will be recorded as an amendment after approval.",
            m.title,
            m.status.label().to_lowercase()
        ),
    }
}

/// Every change to a meeting, its agenda, notes or actions passes here: a locked
/// meeting refuses it; an approved one that was unlocked records that it was amended.
pub(crate) fn ensure_editable(conn: &Connection, meeting_id: i64) -> Result<()> {
    let m = q::get(conn, meeting_id)?;
    if m.locked {
        return Err(locked_error(&m).into());
    }
    if m.status.is_approved() {
        q::mark_amended(conn, meeting_id)?;
    }
    Ok(())
}

/// Unlocks (or locks again) an approved or published meeting.
pub fn set_locked(store: &mut Store, id: i64, locked: bool) -> Result<Meeting> {
    let tx = store.conn_mut().transaction()?;
    let m = q::get(&tx, id)?;
    if !m.status.is_approved() {
        return Err(ValidationError::new("locked", "Only an approved or published readout is locked").into());
    }
    q::set_locked(&tx, id, locked)?;
    let m = q::get(&tx, id)?;
    tx.commit()?;
    Ok(m)
}

fn refuse_if_recorded(conn: &Connection, id: i64) -> Result<()> {
    if q::has_records(conn, id)? {
        return Err(StoreError::Conflict {
            field: None,
            message: "This meeting has notes or outcomes recorded, so it cannot be deleted. Cancel it instead: it stays in the list, marked as cancelled.".into(),
        }
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forum::{agenda, series};
    use crate::model::ItemInput;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn plan(date: &str) -> MeetingInput {
        MeetingInput { date: date.into(), start_time: "15:00".into(), end_time: "16:30".into(), location: "Room 4, 10 Example Street".into(), ..Default::default() }
    }

    #[test]
    fn list_puts_upcoming_first_soonest_first_then_past_latest_first() {
        let mut s = Store::open_in_memory().unwrap();
        for d in ["2026-04-09", "2027-04-08", "2026-10-08", "2027-01-14", "2026-07-09"] {
            create(&mut s, &plan(d), None).unwrap();
        }
        let dates: Vec<_> = list(&s, ymd(2026, 11, 22)).unwrap().into_iter().map(|m| (m.meeting.date, m.upcoming)).collect();
        assert_eq!(
            dates,
            [
                ("2027-01-14".to_string(), true),
                ("2027-04-08".to_string(), true),
                ("2026-10-08".to_string(), false),
                ("2026-07-09".to_string(), false),
                ("2026-04-09".to_string(), false)
            ]
        );
    }

    #[test]
    fn the_suggestion_follows_the_latest_meeting() {
        let mut s = Store::open_in_memory().unwrap();
        series::set_cadence(&mut s, series::Cadence::Quarterly(series::DayRule::AsLatest)).unwrap();
        let first = suggest(&s, ymd(2026, 11, 22)).unwrap();
        assert_eq!((first.input.date.as_str(), first.copy_from), ("2027-01-14", None));
        let m = create(&mut s, &plan("2026-10-08"), None).unwrap();
        agenda::add_item(&mut s, m.id, &ItemInput { title: "Network update".into(), duration_minutes: "10".into(), kind: "standing_update".into(), ..Default::default() }).unwrap();
        agenda::add_item(&mut s, m.id, &ItemInput { title: "Budget".into(), duration_minutes: "10".into(), kind: "discussion".into(), ..Default::default() }).unwrap();
        let next = suggest(&s, ymd(2026, 11, 22)).unwrap();
        assert_eq!(next.input.date, "2027-01-14", "second Thursday of October -> second Thursday of January");
        assert_eq!((next.input.start_time.as_str(), next.input.end_time.as_str()), ("15:00", "16:30"));
        assert_eq!(next.input.location, "Room 4, 10 Example Street");
        assert_eq!(next.copy_from, Some(m.id));
        assert_eq!(next.standing_items, ["Network update"]);
        // Long after the last meeting, the suggestion is still in the future.
        assert!(suggest(&s, ymd(2028, 3, 1)).unwrap().input.date.as_str() > "2028-03-01");
    }

    /// Issue 15: a monthly forum, its next date skipping one already taken, and a
    /// cadence changed half way through the year.
    #[test]
    fn a_monthly_forum_and_a_cadence_changed_half_way() {
        use series::{Cadence, DayRule, Week, Weekday};
        let mut s = Store::open_in_memory().unwrap();
        let today = ymd(2026, 11, 22);
        let fourth_wed = Cadence::Monthly(DayRule::Weekday { week: Week::Fourth, weekday: Weekday::Wed });
        series::set_cadence(&mut s, fourth_wed).unwrap();
        let mut first = plan("2026-10-28");
        first.registration_email = Some("chairs@forum.example.org".into());
        first.registration_deadline = Some("2026-10-21".into());
        create(&mut s, &first, None).unwrap();
        let next = suggest(&s, today).unwrap();
        assert_eq!(next.input.date, "2026-11-25");
        assert_eq!(next.cadence, "Monthly, on the fourth Wednesday");
        assert_eq!(next.input.registration_email.as_deref(), Some("chairs@forum.example.org"), "registration by the same mailbox");
        assert_eq!(next.input.registration_deadline.as_deref(), Some("2026-11-18"), "a week before, as last time");
        // A date already taken (here by a cancelled meeting) is skipped.
        let taken = create(&mut s, &plan("2026-12-23"), None).unwrap();
        set_cancelled(&mut s, taken.id, true).unwrap();
        create(&mut s, &plan("2026-11-25"), None).unwrap();
        assert_eq!(suggest(&s, today).unwrap().input.date, "2027-01-27");
        // Changed to quarterly on the second Thursday: the next quarter month after the latest.
        series::set_cadence(&mut s, Cadence::Quarterly(DayRule::Weekday { week: Week::Second, weekday: Weekday::Thu })).unwrap();
        assert_eq!(suggest(&s, today).unwrap().input.date, "2027-01-14");
        series::set_cadence(&mut s, Cadence::None).unwrap();
        assert_eq!(suggest(&s, today).unwrap().input.date, "", "no pattern: the chair picks the date");
    }

    #[test]
    fn plan_the_next_meetings_at_once() {
        use series::{Cadence, DayRule, Week, Weekday};
        let mut s = Store::open_in_memory().unwrap();
        let today = ymd(2026, 11, 22);
        series::set_cadence(&mut s, Cadence::Monthly(DayRule::Weekday { week: Week::Fourth, weekday: Weekday::Wed })).unwrap();
        let m = create(&mut s, &plan("2026-10-28"), None).unwrap();
        agenda::add_item(&mut s, m.id, &ItemInput { title: "Network update".into(), duration_minutes: "10".into(), kind: "standing_update".into(), ..Default::default() }).unwrap();
        let planned = plan_next(&mut s, 3, today).unwrap();
        let dates: Vec<&str> = planned.iter().map(|m| m.date.as_str()).collect();
        assert_eq!(dates, ["2026-11-25", "2026-12-23", "2027-01-27"]);
        assert_eq!(planned[2].title, "Leaders of Networks Forum January 2027");
        for p in &planned {
            assert_eq!(agenda::get(&s, p.id).unwrap().items[0].title, "Network update", "standing items come along");
        }
        // Too many, or no pattern: nothing is planned.
        assert_eq!(plan_next(&mut s, 25, today).unwrap_err().field(), Some("count"));
        series::set_cadence(&mut s, Cadence::None).unwrap();
        assert_eq!(plan_next(&mut s, 2, today).unwrap_err().field(), Some("count"));
        assert_eq!(list(&s, today).unwrap().len(), 4);
    }

    #[test]
    fn status_lifecycle_is_enforced() {
        let mut s = Store::open_in_memory().unwrap();
        let m = create(&mut s, &plan("2027-01-14"), None).unwrap();
        assert_eq!(m.status, MeetingStatus::Planned);
        let e = set_status(&mut s, m.id, MeetingStatus::Held).unwrap_err();
        assert_eq!(e.field(), Some("status"));
        for to in [MeetingStatus::AgendaCirculated, MeetingStatus::Held, MeetingStatus::ReadoutDrafted, MeetingStatus::Held] {
            assert_eq!(set_status(&mut s, m.id, to).unwrap().status, to);
        }
    }

    #[test]
    fn an_invalid_plan_saves_nothing() {
        let mut s = Store::open_in_memory().unwrap();
        let mut bad = plan("2027-02-30");
        assert_eq!(create(&mut s, &bad, None).unwrap_err().field(), Some("date"));
        bad.date = "2027-02-03".into();
        bad.end_time = "14:00".into();
        assert_eq!(create(&mut s, &bad, None).unwrap_err().field(), Some("endTime"));
        assert!(list(&s, ymd(2026, 1, 1)).unwrap().is_empty());
    }
}
