//! Actions: agreed at a meeting, owned by a network, a person or a team, and carried
//! into every later meeting until someone closes them.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::forum::meetings::ensure_editable;
use crate::model::{Action, ActionFilter, ActionInput, ActionUpdateInput, ValidationError};
use crate::store::{actions as q, agenda as items, meetings, networks, StoreError};
use crate::{Result, Store};

/// The standing item under which earlier meetings' open actions are reviewed.
pub const CARRY_ITEM_TITLE: &str = "Actions from previous meetings";

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn meeting_date(conn: &Connection, meeting_id: i64) -> Result<NaiveDate> {
    let m = meetings::get(conn, meeting_id)?;
    NaiveDate::parse_from_str(&m.date, "%Y-%m-%d").map_err(|_| StoreError::Conflict { field: None, message: format!("Meeting {meeting_id} has an unreadable date") }.into())
}

fn check_owner(conn: &Connection, network_id: Option<i64>, previous: Option<i64>) -> Result<()> {
    if let Some(id) = network_id {
        let n = networks::get(conn, id).map_err(|_| ValidationError::new("ownerNetworkId", "Choose a network from the register"))?;
        if !n.active && previous != Some(id) {
            return Err(ValidationError::new("ownerNetworkId", format!("{} is deactivated: choose another owner, or reactivate it first", n.name)).into());
        }
    }
    Ok(())
}

/// Agrees an action at a meeting, optionally from one of its agenda items.
pub fn create(store: &mut Store, meeting_id: i64, item_id: Option<i64>, input: &ActionInput, today: NaiveDate) -> Result<Action> {
    let tx = store.conn_mut().transaction()?;
    let valid = input.validate(meeting_date(&tx, meeting_id)?)?;
    ensure_editable(&tx, meeting_id)?;
    check_owner(&tx, valid.owner_network_id, None)?;
    if let Some(item) = item_id {
        if items::get(&tx, item)?.meeting_id != meeting_id {
            return Err(ValidationError::new("itemId", "That agenda item belongs to another meeting").into());
        }
    }
    let id = q::insert(&tx, meeting_id, item_id, &valid)?;
    let a = q::get(&tx, id, &iso(today))?;
    tx.commit()?;
    Ok(a)
}

/// Changes what the action says, its owner or due date.
pub fn update(store: &mut Store, id: i64, input: &ActionInput, today: NaiveDate) -> Result<Action> {
    let tx = store.conn_mut().transaction()?;
    let current = q::get(&tx, id, &iso(today))?;
    let valid = input.validate(meeting_date(&tx, current.meeting_id)?)?;
    ensure_editable(&tx, current.meeting_id)?;
    check_owner(&tx, valid.owner_network_id, current.owner_network_id)?;
    q::update(&tx, id, &valid)?;
    let a = q::get(&tx, id, &iso(today))?;
    tx.commit()?;
    Ok(a)
}

/// Records progress (and the status it leaves the action in), at a meeting or between
/// meetings. Closing records the date and the meeting it closed at.
pub fn record_update(store: &mut Store, id: i64, at_meeting: Option<i64>, input: &ActionUpdateInput, today: NaiveDate) -> Result<Action> {
    let text = input.text.trim();
    if text.chars().count() > 2000 {
        return Err(ValidationError::new("text", "An update must be 2000 characters or fewer").into());
    }
    let tx = store.conn_mut().transaction()?;
    let current = q::get(&tx, id, &iso(today))?;
    if text.is_empty() && current.status == input.status {
        return Err(ValidationError::new("text", "Write what has happened, or change the status").into());
    }
    if let Some(m) = at_meeting {
        ensure_editable(&tx, m)?;
    }
    q::add_update(&tx, id, at_meeting, &iso(today), text, input.status)?;
    let a = q::get(&tx, id, &iso(today))?;
    tx.commit()?;
    Ok(a)
}

pub fn get(store: &Store, id: i64, today: NaiveDate) -> Result<Action> {
    Ok(q::get(store.conn(), id, &iso(today))?)
}

pub fn list(store: &Store, filter: &ActionFilter, today: NaiveDate) -> Result<Vec<Action>> {
    Ok(q::list(store.conn(), filter, &iso(today))?)
}

/// A meeting's actions: those it agreed, and those carried into it from earlier meetings.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingActions {
    pub agreed: Vec<Action>,
    pub carried: Vec<Action>,
}

pub fn for_meeting(store: &Store, meeting_id: i64, today: NaiveDate) -> Result<MeetingActions> {
    let conn = store.conn();
    let m = meetings::get(conn, meeting_id)?;
    let today = iso(today);
    Ok(MeetingActions { agreed: q::agreed_at(conn, meeting_id, &today)?, carried: q::carried_into(conn, meeting_id, &m.date, &today)? })
}

/// Whether a new meeting on `date` has earlier actions still open.
pub(crate) fn open_before(conn: &Connection, date: &str) -> Result<bool> {
    Ok(q::open_count(conn, date)? > 0)
}

/// The action log as CSV (a header row, then one row per action), for spreadsheets.
pub fn to_csv(actions: &[Action]) -> Result<String> {
    use crate::publishing::spreadsheet::{Cell, CsvTable};
    let mut table = CsvTable::new(&["Action", "Owner", "Due", "Status", "Overdue", "Agreed at", "Meeting date", "Agenda item", "Closed", "Latest update"])?;
    for a in actions {
        let latest = a.updates.last().map(|u| format!("{}: {}", u.date, u.text)).unwrap_or_default();
        let owner = a.owner();
        table.row([
            a.description.as_str(),
            &owner,
            a.due_date.as_deref().unwrap_or(""),
            a.status.label(),
            if a.overdue { "yes" } else { "" },
            &a.meeting_title,
            &a.meeting_date,
            a.item_title.as_deref().unwrap_or(""),
            a.closed_at.as_deref().unwrap_or(""),
            &latest,
        ]
        .map(Cell::Text))?;
    }
    table.finish()
}

/// Writes the filtered log to `path`; returns how many actions it holds.
pub fn export_csv(store: &Store, filter: &ActionFilter, today: NaiveDate, path: &Path) -> Result<usize> {
    let actions = list(store, filter, today)?;
    let text = to_csv(&actions)?;
    crate::files::write_atomic(path, text.as_bytes()).map_err(|e| StoreError::io(path, e))?;
    Ok(actions.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActionStatus, ItemInput, MeetingInput, MeetingStatus};
    use crate::{forum::agenda, forum::meetings as ops};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn meeting(s: &mut Store, date: &str, copy_from: Option<i64>) -> i64 {
        ops::create(s, &MeetingInput { date: date.into(), start_time: "15:00".into(), end_time: "16:00".into(), ..Default::default() }, copy_from).unwrap().id
    }

    fn owned(description: &str, owner: &str, due: Option<&str>) -> ActionInput {
        ActionInput { description: description.into(), owner_text: Some(owner.into()), due_date: due.map(Into::into), ..Default::default() }
    }

    fn upd(text: &str, status: ActionStatus) -> ActionUpdateInput {
        ActionUpdateInput { text: text.into(), status }
    }

    #[test]
    fn an_action_is_carried_until_closed_with_its_history() {
        let mut s = Store::open_in_memory().unwrap();
        let m1 = meeting(&mut s, "2026-10-08", None);
        let item = agenda::add_item(&mut s, m1, &ItemInput { title: "Pride".into(), duration_minutes: "20".into(), kind: "discussion".into(), ..Default::default() }).unwrap();
        let a = create(&mut s, m1, Some(item.id), &owned("Draft the shared Q&A", "Forum team", Some("2026-12-01")), d("2026-10-08")).unwrap();
        assert_eq!((a.status, a.item_title.as_deref()), (ActionStatus::Open, Some("Pride")));

        // The second meeting gets the review item and sees the action; an update is recorded there.
        let m2 = meeting(&mut s, "2027-01-14", Some(m1));
        let a2 = agenda::get(&s, m2).unwrap();
        assert_eq!(a2.items[0].title, CARRY_ITEM_TITLE);
        let carried = for_meeting(&s, m2, d("2027-01-14")).unwrap().carried;
        assert_eq!(carried.len(), 1);
        assert!(carried[0].overdue, "due 2026-12-01, still open on 2027-01-14");
        record_update(&mut s, a.id, Some(m2), &upd("First draft shared with leads", ActionStatus::InProgress), d("2027-01-14")).unwrap();

        // Closed at the third meeting: recorded with its date and meeting.
        let m3 = meeting(&mut s, "2027-04-08", Some(m2));
        assert_eq!(for_meeting(&s, m3, d("2027-04-08")).unwrap().carried.len(), 1);
        let closed = record_update(&mut s, a.id, Some(m3), &upd("Published on the website", ActionStatus::Done), d("2027-04-08")).unwrap();
        assert_eq!((closed.closed_at.as_deref(), closed.closed_meeting_id), (Some("2027-04-08"), Some(m3)));
        let history: Vec<_> = closed.updates.iter().map(|u| (u.date.as_str(), u.meeting_id, u.status, u.text.as_str())).collect();
        assert_eq!(
            history,
            [
                ("2027-01-14", Some(m2), ActionStatus::InProgress, "First draft shared with leads"),
                ("2027-04-08", Some(m3), ActionStatus::Done, "Published on the website")
            ]
        );
        assert!(!closed.overdue, "a closed action is never overdue");

        // It stays on the third meeting's record (closed there) and leaves later ones.
        assert_eq!(for_meeting(&s, m3, d("2027-04-08")).unwrap().carried.len(), 1);
        let m4 = meeting(&mut s, "2027-07-08", Some(m3));
        assert!(for_meeting(&s, m4, d("2027-07-08")).unwrap().carried.is_empty());
    }

    #[test]
    fn bad_actions_are_refused_and_nothing_is_saved() {
        let mut s = Store::open_in_memory().unwrap();
        let m = meeting(&mut s, "2027-01-14", None);
        let e = create(&mut s, m, None, &owned("x", "Team", Some("2027-01-01")), d("2027-01-14")).unwrap_err();
        assert_eq!(e.field(), Some("dueDate"));
        let net = crate::networks::create(&mut s, &crate::model::NetworkInput { name: "Old".into(), department: "Gone".into(), kind: "other".into(), ..Default::default() }).unwrap();
        crate::networks::set_active(&mut s, net.id, false).unwrap();
        let e = create(&mut s, m, None, &ActionInput { description: "x".into(), owner_network_id: Some(net.id), ..Default::default() }, d("2027-01-14")).unwrap_err();
        assert_eq!(e.field(), Some("ownerNetworkId"));
        assert!(list(&s, &ActionFilter::default(), d("2027-01-14")).unwrap().is_empty());
    }

    #[test]
    fn filters_and_csv_with_awkward_text() {
        let mut s = Store::open_in_memory().unwrap();
        let m = meeting(&mut s, "2027-01-14", None);
        let a = create(&mut s, m, None, &owned("Write \"guidance\", then share\nwith leads", "Civil Service HR", Some("2027-01-20")), d("2027-01-14")).unwrap();
        create(&mut s, m, None, &owned("Book rooms", "Forum team", None), d("2027-01-14")).unwrap();
        let c = create(&mut s, m, None, &owned("Old idea", "Forum team", None), d("2027-01-14")).unwrap();
        record_update(&mut s, c.id, None, &upd("Not needed", ActionStatus::Dropped), d("2027-01-15")).unwrap();

        let today = d("2027-02-01");
        let f = |f: ActionFilter| list(&s, &f, today).unwrap().into_iter().map(|a| a.id).collect::<Vec<_>>();
        assert_eq!(f(ActionFilter { overdue_only: true, ..Default::default() }), [a.id]);
        assert_eq!(f(ActionFilter { owner: Some("hr".into()), ..Default::default() }), [a.id]);
        assert_eq!(f(ActionFilter { open_only: true, ..Default::default() }).len(), 2);
        assert_eq!(f(ActionFilter { status: Some(ActionStatus::Dropped), ..Default::default() }), [c.id]);
        assert_eq!(f(ActionFilter { limit: Some(1), ..Default::default() }).len(), 1, "a page of the log");

        let csv_text = to_csv(&list(&s, &ActionFilter::default(), today).unwrap()).unwrap();
        let mut r = csv::Reader::from_reader(csv_text.as_bytes());
        let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(&rows[0][0], "Write \"guidance\", then share\nwith leads");
        assert_eq!((&rows[0][1], &rows[0][2], &rows[0][3], &rows[0][4]), ("Civil Service HR", "2027-01-20", "Open", "yes"));
        assert!(rows[2][9].contains("Not needed"));
    }

    #[test]
    fn an_approved_meeting_is_locked_until_unlocked_and_amendments_are_recorded() {
        let mut s = Store::open_in_memory().unwrap();
        let m = meeting(&mut s, "2027-01-14", None);
        let item = agenda::add_item(&mut s, m, &ItemInput { title: "Pride".into(), duration_minutes: "20".into(), kind: "discussion".into(), ..Default::default() }).unwrap();
        for st in [MeetingStatus::AgendaCirculated, MeetingStatus::Held, MeetingStatus::ReadoutDrafted] {
            ops::set_status(&mut s, m, st).unwrap();
        }
        agenda::save_notes(&mut s, item.id, "Drafted").unwrap();
        let approved = ops::set_status(&mut s, m, MeetingStatus::ReadoutApproved).unwrap();
        assert!(approved.locked && approved.readout_approved_at.is_some() && approved.amended_at.is_none());

        let e = agenda::save_notes(&mut s, item.id, "Sneaky change").unwrap_err();
        assert_eq!(e.code(), "locked");
        assert!(create(&mut s, m, None, &owned("x", "Team", None), d("2027-01-14")).is_err());
        assert_eq!(ops::set_status(&mut s, m, MeetingStatus::ReadoutDrafted).unwrap_err().code(), "locked");
        assert_eq!(agenda::get(&s, m).unwrap().items[0].notes, "Drafted");

        // Publishing an approved readout is allowed while locked.
        assert!(ops::set_status(&mut s, m, MeetingStatus::Published).unwrap().locked);
        ops::set_locked(&mut s, m, false).unwrap();
        agenda::save_notes(&mut s, item.id, "Corrected after approval").unwrap();
        let amended = ops::get(&s, m).unwrap();
        assert!(amended.amended_at.is_some(), "the amendment is recorded");
        assert!(ops::set_locked(&mut s, m, true).unwrap().locked);
    }
}
