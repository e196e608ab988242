//! A meeting's agenda: items with computed slots, notes and outcomes, reordering,
//! copying from an earlier meeting, and network proposals.

use chrono::NaiveTime;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::model::agenda::{compute_timing, validate_notes, validate_outcomes};
use crate::model::proposal::validate_decline_reason;
use crate::model::{AgendaItem, ItemInput, ItemKind, Meeting, Proposal, ProposalInput, ProposalSource, ProposalStatus, ValidItem, ValidationError};
use crate::store::agenda::{self as q, ItemRow};
use crate::forum::meetings::ensure_editable;
use crate::store::{meetings, networks, proposals, StoreError};
use crate::{Result, Store};

/// Everything the agenda screen shows.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Agenda {
    pub meeting: Meeting,
    pub items: Vec<AgendaItem>,
    pub total_minutes: u32,
    /// When the last item ends.
    pub ends_at: String,
    /// Minutes the items run past the meeting's end time (0 when they fit).
    pub overrun_minutes: u32,
    pub proposals: Vec<Proposal>,
}

fn time(s: &str) -> NaiveTime {
    // Stored times passed validation and the schema's GLOB; midnight is never reached.
    NaiveTime::parse_from_str(s, "%H:%M").unwrap_or(NaiveTime::MIN)
}

pub fn get(store: &Store, meeting_id: i64) -> Result<Agenda> {
    load(store.conn(), meeting_id)
}

fn load(conn: &Connection, meeting_id: i64) -> Result<Agenda> {
    let meeting = meetings::get(conn, meeting_id)?;
    let rows = q::items(conn, meeting_id)?;
    let mut outcomes = q::outcomes(conn, meeting_id)?;
    let durations: Vec<u32> = rows.iter().map(|r| r.duration).collect();
    let timing = compute_timing(time(&meeting.start_time), time(&meeting.end_time), &durations)
        .map_err(|(_, m)| StoreError::Conflict { field: None, message: m })?;
    let items = rows
        .into_iter()
        .zip(timing.slots)
        .map(|(r, slot)| AgendaItem {
            outcomes: outcomes.remove(&r.id).unwrap_or_default(),
            id: r.id,
            meeting_id: r.meeting_id,
            position: r.position,
            title: r.title,
            presenter: r.presenter,
            duration_minutes: r.duration,
            kind: r.kind,
            proposed_by: r.proposed_by,
            proposed_by_name: r.proposed_by_name,
            description: r.description,
            notes: r.notes,
            slot,
        })
        .collect();
    Ok(Agenda {
        proposals: proposals::for_meeting(conn, meeting_id)?,
        meeting,
        items,
        total_minutes: timing.total_minutes,
        ends_at: timing.ends_at,
        overrun_minutes: timing.overrun_minutes,
    })
}

/// Refuses an agenda whose items would run past midnight, blaming `field`.
fn check_fits(meeting: &Meeting, durations: &[u32], field: &str) -> Result<()> {
    compute_timing(time(&meeting.start_time), time(&meeting.end_time), durations)
        .map(|_| ())
        .map_err(|(_, m)| ValidationError::new(field, m).into())
}

fn check_network(conn: &Connection, id: Option<i64>, field: &str) -> Result<()> {
    if let Some(id) = id {
        let n = networks::get(conn, id).map_err(|_| ValidationError::new(field, "Select a network from the register"))?;
        if !n.active {
            return Err(ValidationError::new(field, format!("{} is deactivated; reactivate it to add new work for it", n.name)).into());
        }
    }
    Ok(())
}

/// Adds an item at the end of the agenda, or before "Any other business" when the
/// agenda ends with it (new business belongs before the close).
pub fn add_item(store: &mut Store, meeting_id: i64, input: &ItemInput) -> Result<AgendaItem> {
    let valid = input.validate()?;
    let tx = store.conn_mut().transaction()?;
    ensure_editable(&tx, meeting_id)?;
    let id = insert_item(&tx, meeting_id, &valid)?;
    let item = item_in(&tx, meeting_id, id)?;
    tx.commit()?;
    Ok(item)
}

fn insert_item(conn: &Connection, meeting_id: i64, valid: &ValidItem) -> Result<i64> {
    let meeting = meetings::get(conn, meeting_id)?;
    check_network(conn, valid.proposed_by, "proposedBy")?;
    let rows = q::items(conn, meeting_id)?;
    let mut durations: Vec<u32> = rows.iter().map(|r| r.duration).collect();
    durations.push(valid.duration);
    check_fits(&meeting, &durations, "durationMinutes")?;
    let position = match rows.last() {
        Some(last) if last.kind == ItemKind::AnyOtherBusiness && valid.kind != ItemKind::AnyOtherBusiness => last.position,
        _ => rows.len() as u32 + 1,
    };
    Ok(q::insert(conn, meeting_id, position, valid)?)
}

/// The standing item for reviewing earlier actions, second on the agenda (after the
/// welcome) or first when the agenda is empty.
pub(crate) fn insert_carry_item(conn: &Connection, meeting_id: i64) -> Result<i64> {
    let n = q::count(conn, meeting_id)?;
    let item = ValidItem {
        title: crate::forum::actions::CARRY_ITEM_TITLE.into(),
        presenter: None,
        duration: 10,
        kind: ItemKind::StandingUpdate,
        proposed_by: None,
        description: Some("Updates on the actions agreed at earlier meetings that are still open".into()),
    };
    let meeting = meetings::get(conn, meeting_id)?;
    let mut durations: Vec<u32> = q::items(conn, meeting_id)?.iter().map(|r| r.duration).collect();
    durations.push(item.duration);
    check_fits(&meeting, &durations, "durationMinutes")?;
    Ok(q::insert(conn, meeting_id, if n == 0 { 1 } else { 2 }, &item)?)
}

fn item_in(conn: &Connection, meeting_id: i64, item_id: i64) -> Result<AgendaItem> {
    load(conn, meeting_id)?
        .items
        .into_iter()
        .find(|i| i.id == item_id)
        .ok_or_else(|| StoreError::not_found(format!("Agenda item {item_id}")).into())
}

pub fn update_item(store: &mut Store, item_id: i64, input: &ItemInput) -> Result<AgendaItem> {
    let valid = input.validate()?;
    let tx = store.conn_mut().transaction()?;
    let row = q::get(&tx, item_id)?;
    ensure_editable(&tx, row.meeting_id)?;
    if valid.proposed_by != row.proposed_by {
        check_network(&tx, valid.proposed_by, "proposedBy")?;
    }
    let meeting = meetings::get(&tx, row.meeting_id)?;
    let durations: Vec<u32> = q::items(&tx, row.meeting_id)?.iter().map(|r| if r.id == item_id { valid.duration } else { r.duration }).collect();
    check_fits(&meeting, &durations, "durationMinutes")?;
    q::update(&tx, item_id, &valid)?;
    let item = item_in(&tx, row.meeting_id, item_id)?;
    tx.commit()?;
    Ok(item)
}

pub fn delete_item(store: &mut Store, item_id: i64) -> Result<()> {
    let tx = store.conn_mut().transaction()?;
    let row = q::get(&tx, item_id)?;
    ensure_editable(&tx, row.meeting_id)?;
    q::delete(&tx, &row)?;
    tx.commit()?;
    Ok(())
}

/// Moves an item to a 1-based position (clamped to the agenda's length).
pub fn move_item(store: &mut Store, item_id: i64, to: u32) -> Result<Agenda> {
    let tx = store.conn_mut().transaction()?;
    let row = q::get(&tx, item_id)?;
    ensure_editable(&tx, row.meeting_id)?;
    let n = q::count(&tx, row.meeting_id)?;
    q::move_to(&tx, &row, to.clamp(1, n.max(1)))?;
    let agenda = load(&tx, row.meeting_id)?;
    tx.commit()?;
    Ok(agenda)
}

/// Saves an item's notes (called as the chair types, debounced).
pub fn save_notes(store: &mut Store, item_id: i64, notes: &str) -> Result<()> {
    validate_notes(notes)?;
    let tx = store.conn_mut().transaction()?;
    ensure_editable(&tx, q::get(&tx, item_id)?.meeting_id)?;
    q::set_notes(&tx, item_id, notes)?;
    tx.commit()?;
    Ok(())
}

/// Replaces an item's outcomes with these lines (blank ones dropped).
pub fn save_outcomes(store: &mut Store, item_id: i64, lines: &[String]) -> Result<Vec<String>> {
    let lines = validate_outcomes(lines)?;
    let tx = store.conn_mut().transaction()?;
    ensure_editable(&tx, q::get(&tx, item_id)?.meeting_id)?;
    q::replace_outcomes(&tx, item_id, &lines)?;
    tx.commit()?;
    Ok(lines)
}

/// Copies the standing items (or, with `all`, every item) of one meeting to the end of
/// another's agenda: titles, presenters, durations, kinds and descriptions, not notes.
pub fn copy_items(store: &mut Store, from: i64, to: i64, all: bool) -> Result<Agenda> {
    let tx = store.conn_mut().transaction()?;
    ensure_editable(&tx, to)?;
    copy_items_in(&tx, from, to, all)?;
    let agenda = load(&tx, to)?;
    tx.commit()?;
    Ok(agenda)
}

pub(crate) fn copy_items_in(conn: &Connection, from: i64, to: i64, all: bool) -> Result<u32> {
    meetings::get(conn, from)?;
    let mut copied = 0;
    for row in q::items(conn, from)?.into_iter().filter(|r| all || r.kind.is_standing()) {
        insert_item(conn, to, &valid_from_row(&row, conn)?)?;
        copied += 1;
    }
    Ok(copied)
}

fn valid_from_row(r: &ItemRow, conn: &Connection) -> Result<ValidItem> {
    // A proposing network that has since been deactivated is not carried forward.
    let proposed_by = match r.proposed_by {
        Some(id) if networks::get(conn, id)?.active => Some(id),
        _ => None,
    };
    Ok(ValidItem {
        title: r.title.clone(),
        presenter: r.presenter.clone(),
        duration: r.duration,
        kind: r.kind,
        proposed_by,
        description: r.description.clone(),
    })
}

pub fn add_proposal(store: &mut Store, meeting_id: i64, input: &ProposalInput, source: ProposalSource) -> Result<Proposal> {
    let valid = input.validate()?;
    let tx = store.conn_mut().transaction()?;
    ensure_editable(&tx, meeting_id)?;
    check_network(&tx, Some(valid.network_id), "networkId")?;
    let id = proposals::insert(&tx, meeting_id, &valid, source)?;
    let p = proposals::get(&tx, id)?;
    tx.commit()?;
    Ok(p)
}

/// Accepts a pending proposal into the agenda as a network proposal item.
pub fn accept_proposal(store: &mut Store, proposal_id: i64) -> Result<AgendaItem> {
    let tx = store.conn_mut().transaction()?;
    let p = proposals::get(&tx, proposal_id)?;
    refuse_unless_pending(&p)?;
    ensure_editable(&tx, p.meeting_id)?;
    let valid = ValidItem {
        title: p.title.clone(),
        presenter: None,
        duration: p.minutes,
        kind: ItemKind::NetworkProposal,
        proposed_by: Some(p.network_id),
        description: p.description.clone(),
    };
    let id = insert_item(&tx, p.meeting_id, &valid)?;
    proposals::accept(&tx, proposal_id, id)?;
    let item = item_in(&tx, p.meeting_id, id)?;
    tx.commit()?;
    Ok(item)
}

pub fn decline_proposal(store: &mut Store, proposal_id: i64, reason: &str) -> Result<Proposal> {
    let reason = validate_decline_reason(reason)?;
    let tx = store.conn_mut().transaction()?;
    let p = proposals::get(&tx, proposal_id)?;
    refuse_unless_pending(&p)?;
    ensure_editable(&tx, p.meeting_id)?;
    proposals::decline(&tx, proposal_id, &reason)?;
    let p = proposals::get(&tx, proposal_id)?;
    tx.commit()?;
    Ok(p)
}

fn refuse_unless_pending(p: &Proposal) -> Result<()> {
    if p.status != ProposalStatus::Pending {
        return Err(StoreError::Conflict { field: None, message: format!("This proposal was already {}", p.status.as_str()) }.into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forum::meetings;
    use crate::model::{MeetingInput, NetworkInput};

    fn store_with_meeting() -> (Store, i64) {
        let mut s = Store::open_in_memory().unwrap();
        let m = meetings::create(
            &mut s,
            &MeetingInput { date: "2027-01-14".into(), start_time: "15:00".into(), end_time: "16:00".into(), location: "Online".into(), ..Default::default() },
            None,
        )
        .unwrap();
        (s, m.id)
    }

    fn item(title: &str, minutes: u32, kind: ItemKind) -> ItemInput {
        ItemInput { title: title.into(), duration_minutes: minutes.to_string(), kind: kind.as_str().into(), ..Default::default() }
    }

    fn titles(a: &Agenda) -> Vec<&str> {
        a.items.iter().map(|i| i.title.as_str()).collect()
    }

    fn network(s: &mut Store, name: &str) -> i64 {
        crate::networks::create(s, &NetworkInput { name: name.into(), department: "Ministry of Maps".into(), kind: "agency".into(), ..Default::default() }).unwrap().id
    }

    #[test]
    fn items_get_slots_and_new_business_goes_before_aob() {
        let (mut s, m) = store_with_meeting();
        add_item(&mut s, m, &item("Welcome", 10, ItemKind::StandingUpdate)).unwrap();
        add_item(&mut s, m, &item("Any other business", 10, ItemKind::AnyOtherBusiness)).unwrap();
        add_item(&mut s, m, &item("Pride season", 25, ItemKind::Discussion)).unwrap();
        let a = get(&s, m).unwrap();
        assert_eq!(titles(&a), ["Welcome", "Pride season", "Any other business"]);
        let slots: Vec<_> = a.items.iter().map(|i| i.slot.label.as_str()).collect();
        assert_eq!(slots, ["15:00 to 15:10", "15:10 to 15:35", "15:35 to close"]);
        assert_eq!((a.total_minutes, a.overrun_minutes), (45, 0));
    }

    #[test]
    fn overrun_is_reported_and_midnight_is_refused_with_nothing_saved() {
        let (mut s, m) = store_with_meeting();
        add_item(&mut s, m, &item("Long debate", 75, ItemKind::Discussion)).unwrap();
        let a = get(&s, m).unwrap();
        assert_eq!((a.ends_at.as_str(), a.overrun_minutes), ("16:15", 15));
        let e = add_item(&mut s, m, &item("All night", 600, ItemKind::Discussion)).unwrap_err();
        assert_eq!(e.field(), Some("durationMinutes"));
        assert!(e.to_string().contains("after midnight"), "{e}");
        assert_eq!(get(&s, m).unwrap().items.len(), 1);
    }

    #[test]
    fn moving_items_renumbers_and_recomputes_slots() {
        let (mut s, m) = store_with_meeting();
        let ids: Vec<i64> = ["A", "B", "C", "D", "E"].iter().map(|t| add_item(&mut s, m, &item(t, 10, ItemKind::Discussion)).unwrap().id).collect();
        let a = move_item(&mut s, ids[4], 1).unwrap();
        assert_eq!(titles(&a), ["E", "A", "B", "C", "D"]);
        let a = move_item(&mut s, ids[4], 3).unwrap();
        assert_eq!(titles(&a), ["A", "B", "E", "C", "D"]);
        let a = move_item(&mut s, ids[0], 99).unwrap();
        assert_eq!(titles(&a), ["B", "E", "C", "D", "A"]);
        assert_eq!(a.items.iter().map(|i| i.position).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
        assert_eq!(a.items[4].slot.label, "15:40 to close");
        delete_item(&mut s, ids[2]).unwrap();
        let a = get(&s, m).unwrap();
        assert_eq!(titles(&a), ["B", "E", "D", "A"]);
        assert_eq!(a.items.iter().map(|i| i.position).collect::<Vec<_>>(), [1, 2, 3, 4]);
    }

    #[test]
    fn notes_and_outcomes_are_kept_apart() {
        let (mut s, m) = store_with_meeting();
        let id = add_item(&mut s, m, &item("Pride", 20, ItemKind::Discussion)).unwrap().id;
        let long = "Pride *season* \u{2014} \u{201c}quoted\u{201d} ".repeat(3000);
        save_notes(&mut s, id, &long).unwrap();
        save_outcomes(&mut s, id, &["Agreed: bid for a float".into(), " ".into(), "Team to order t-shirts".into()]).unwrap();
        let a = get(&s, m).unwrap();
        assert_eq!(a.items[0].notes, long);
        assert_eq!(a.items[0].outcomes, ["Agreed: bid for a float", "Team to order t-shirts"]);
        let e = save_outcomes(&mut s, id, &["one\ntwo".into()]).unwrap_err();
        assert_eq!(e.field(), Some("outcomes"));
        assert_eq!(get(&s, m).unwrap().items[0].outcomes.len(), 2, "a bad save changes nothing");
    }

    #[test]
    fn copying_standing_items_or_all() {
        let (mut s, m) = store_with_meeting();
        add_item(&mut s, m, &item("Network update", 10, ItemKind::StandingUpdate)).unwrap();
        let d = add_item(&mut s, m, &item("One-off debate", 20, ItemKind::Discussion)).unwrap().id;
        add_item(&mut s, m, &item("AOB", 5, ItemKind::AnyOtherBusiness)).unwrap();
        save_notes(&mut s, d, "said things").unwrap();
        let next = meetings::create(
            &mut s,
            &MeetingInput { date: "2027-04-08".into(), start_time: "15:00".into(), end_time: "16:00".into(), ..Default::default() },
            Some(m),
        )
        .unwrap();
        let a = get(&s, next.id).unwrap();
        assert_eq!(titles(&a), ["Network update", "AOB"]);
        let a = copy_items(&mut s, m, next.id, true).unwrap();
        // Copied items go before the agenda's closing "any other business", like new ones.
        assert_eq!(titles(&a), ["Network update", "Network update", "One-off debate", "AOB", "AOB"]);
        assert!(a.items.iter().all(|i| i.notes.is_empty()), "notes are not copied");
    }

    #[test]
    fn proposals_are_accepted_into_the_agenda_or_declined_with_a_reason() {
        let (mut s, m) = store_with_meeting();
        let net = network(&mut s, "Compass Rose");
        add_item(&mut s, m, &item("AOB", 5, ItemKind::AnyOtherBusiness)).unwrap();
        let p = add_proposal(&mut s, m, &ProposalInput { network_id: Some(net), title: "Trans inclusion toolkit".into(), minutes: "15".into(), description: None }, ProposalSource::Entered).unwrap();
        assert_eq!(p.status, ProposalStatus::Pending);
        let item = accept_proposal(&mut s, p.id).unwrap();
        assert_eq!((item.kind, item.proposed_by, item.proposed_by_name.as_deref()), (ItemKind::NetworkProposal, Some(net), Some("Compass Rose")));
        let a = get(&s, m).unwrap();
        assert_eq!(titles(&a), ["Trans inclusion toolkit", "AOB"]);
        assert_eq!(a.proposals[0].item_id, Some(item.id));
        assert_eq!(accept_proposal(&mut s, p.id).unwrap_err().code(), "conflict");

        let q = add_proposal(&mut s, m, &ProposalInput { network_id: Some(net), title: "Long talk".into(), minutes: "30".into(), description: None }, ProposalSource::Entered).unwrap();
        assert_eq!(decline_proposal(&mut s, q.id, "  ").unwrap_err().field(), Some("reason"));
        let q = decline_proposal(&mut s, q.id, "No room this quarter; next time").unwrap();
        assert_eq!((q.status, q.decline_reason.as_deref()), (ProposalStatus::Declined, Some("No room this quarter; next time")));

        let bad = add_proposal(&mut s, m, &ProposalInput { network_id: None, title: "x".into(), minutes: "5".into(), description: None }, ProposalSource::Entered).unwrap_err();
        assert_eq!(bad.field(), Some("networkId"));
        crate::networks::set_active(&mut s, net, false).unwrap();
        let inactive = add_proposal(&mut s, m, &ProposalInput { network_id: Some(net), title: "x".into(), minutes: "5".into(), description: None }, ProposalSource::Entered).unwrap_err();
        assert!(inactive.to_string().contains("deactivated"), "{inactive}");
    }

    #[test]
    fn a_meeting_with_notes_cannot_be_deleted_but_can_be_cancelled() {
        let (mut s, m) = store_with_meeting();
        let id = add_item(&mut s, m, &item("Pride", 20, ItemKind::Discussion)).unwrap().id;
        save_notes(&mut s, id, "We agreed things").unwrap();
        assert_eq!(meetings::delete(&mut s, m).unwrap_err().code(), "conflict");
        let c = meetings::set_cancelled(&mut s, m, true).unwrap();
        assert!(c.cancelled_at.is_some());
        save_notes(&mut s, id, "").unwrap();
        meetings::delete(&mut s, m).unwrap();
        assert_eq!(meetings::get(&s, m).unwrap_err().code(), "not_found");
    }

    #[test]
    fn a_later_start_that_pushes_past_midnight_is_refused() {
        let (mut s, m) = store_with_meeting();
        add_item(&mut s, m, &item("Long", 300, ItemKind::Discussion)).unwrap();
        let late = MeetingInput { date: "2027-01-14".into(), start_time: "20:00".into(), end_time: "21:00".into(), ..Default::default() };
        let e = meetings::update(&mut s, m, &late).unwrap_err();
        assert_eq!(e.field(), Some("startTime"));
        assert_eq!(meetings::get(&s, m).unwrap().start_time, "15:00");
    }
}
