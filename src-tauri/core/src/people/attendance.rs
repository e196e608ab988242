//! Registrations and attendance: who registered for a meeting, how they took part,
//! and, over time, which networks the forum is reaching and which it is not.

use std::collections::{HashMap, HashSet};

use chrono::{Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::forum::meetings::ensure_editable;
use crate::model::{AttendanceStatus, Registration, RegistrationInput, RegistrationSource};
use crate::store::registrations::{self as q, NewRegistration};
use crate::store::{self, StoreError};
use crate::{people, Result, Store};

pub fn for_meeting(store: &Store, meeting_id: i64) -> Result<Vec<Registration>> {
    store::meetings::get(store.conn(), meeting_id)?;
    Ok(q::for_meeting(store.conn(), meeting_id)?)
}

/// Registers a person by hand (`Entered`) or at the door (`WalkIn`). Registering
/// someone already on the list is refused, so the chair sees it rather than a double.
pub fn register(store: &mut Store, meeting_id: i64, input: &RegistrationInput, source: RegistrationSource) -> Result<Registration> {
    let person = input.person().validate()?;
    let tx = store.conn_mut().transaction()?;
    ensure_editable(&tx, meeting_id)?;
    let person_id = people::find_or_add(&tx, &person)?;
    if q::find(&tx, meeting_id, person_id)?.is_some() {
        return Err(StoreError::Conflict {
            field: Some("name".into()),
            message: format!("{} is already registered for this meeting", person.name),
        }
        .into());
    }
    let id = q::insert(
        &tx,
        &NewRegistration { meeting_id, person_id, network_id: person.network_id, status: input.status, source, registered_at: None },
    )?;
    let r = q::get(&tx, id)?;
    tx.commit()?;
    Ok(r)
}

/// Records how a registered person took part (the check-in list's one key).
pub fn set_status(store: &mut Store, registration_id: i64, status: AttendanceStatus) -> Result<Registration> {
    let tx = store.conn_mut().transaction()?;
    let r = q::get(&tx, registration_id)?;
    ensure_editable(&tx, r.meeting_id)?;
    q::set_status(&tx, registration_id, status)?;
    let r = q::get(&tx, registration_id)?;
    tx.commit()?;
    Ok(r)
}

pub fn remove(store: &mut Store, registration_id: i64) -> Result<()> {
    let tx = store.conn_mut().transaction()?;
    let r = q::get(&tx, registration_id)?;
    ensure_editable(&tx, r.meeting_id)?;
    q::delete(&tx, registration_id)?;
    tx.commit()?;
    Ok(())
}

/// The counts at the top of a check-in list, and a meeting's line in the statistics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Counts {
    pub registered: u32,
    pub in_person: u32,
    /// Everyone on the line, the phone lines below included.
    pub dialled_in: u32,
    /// Of those dialled in, the phone lines Teams names only by a masked number.
    pub phone: u32,
    pub apologies: u32,
    pub absent: u32,
    /// People who took part (in person or dialled in, phone lines included).
    pub people: u32,
    /// Networks with at least one person taking part.
    pub networks: u32,
}

impl Counts {
    /// Counts `n` registrations of this status.
    fn add(&mut self, status: AttendanceStatus, n: u32) {
        match status {
            AttendanceStatus::Registered => self.registered += n,
            AttendanceStatus::InPerson => self.in_person += n,
            AttendanceStatus::DialledIn => self.dialled_in += n,
            AttendanceStatus::Apologies => self.apologies += n,
            AttendanceStatus::Absent => self.absent += n,
        }
        if status.attended() {
            self.people += n;
        }
    }

    /// The counts from the store's totals of a meeting (none: nobody registered).
    fn of_totals(totals: Option<&q::MeetingTotals>, phone: u32) -> Counts {
        let mut c = Counts { phone, dialled_in: phone, people: phone, ..Counts::default() };
        for &(status, n) in totals.map(|t| t.by_status.as_slice()).unwrap_or_default() {
            c.add(status, n);
        }
        c.networks = totals.map_or(0, |t| t.networks);
        c
    }

    fn of(rows: impl Iterator<Item = (AttendanceStatus, Option<i64>)>, phone: u32) -> Counts {
        let mut c = Counts { phone, dialled_in: phone, people: phone, ..Counts::default() };
        let mut networks = HashSet::new();
        for (status, network) in rows {
            c.add(status, 1);
            if let (true, Some(n)) = (status.attended(), network) {
                networks.insert(n);
            }
        }
        c.networks = networks.len() as u32;
        c
    }
}

/// A meeting's check-in list and its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CheckIn {
    pub counts: Counts,
    pub registrations: Vec<Registration>,
}

/// A meeting's counts alone (the readout's line), counted by SQLite.
pub fn counts(store: &Store, meeting_id: i64) -> Result<Counts> {
    let phone = q::phone_participants(store.conn(), meeting_id)?;
    Ok(Counts::of_totals(Some(&q::counts_for_meeting(store.conn(), meeting_id)?), phone))
}

/// The networks (department, name) someone took part for, by department and name.
pub fn attending_networks(store: &Store, meeting_id: i64) -> Result<Vec<(String, String)>> {
    Ok(q::attending_network_names(store.conn(), meeting_id)?)
}

pub fn check_in(store: &Store, meeting_id: i64) -> Result<CheckIn> {
    let registrations = for_meeting(store, meeting_id)?;
    let phone = q::phone_participants(store.conn(), meeting_id)?;
    let counts = Counts::of(registrations.iter().map(|r| (r.status, r.network_id)), phone);
    Ok(CheckIn { counts, registrations })
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingAttendance {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub date: String,
    pub title: String,
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NetworkAttendance {
    #[ts(type = "number")]
    pub network_id: i64,
    pub name: String,
    pub department: String,
    /// Of the last (up to) four meetings held, how many it took part in.
    pub attended_of_last_four: u32,
    pub last_four: u32,
    /// The date of the last meeting it took part in, ever.
    pub last_attended: Option<String>,
    /// Whom to contact: the network's mailbox, then its people's addresses.
    pub contacts: Vec<String>,
}

/// Attendance over time, as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttendanceOverview {
    /// Meetings held in the last two years, oldest first.
    pub meetings: Vec<MeetingAttendance>,
    /// Every active network, least recently represented first.
    pub networks: Vec<NetworkAttendance>,
    /// Active networks nobody represented in the last year: the chair's contact list.
    #[ts(type = "number[]")]
    pub not_represented: Vec<i64>,
}

pub fn overview(store: &Store, today: NaiveDate) -> Result<AttendanceOverview> {
    let conn = store.conn();
    let held = store::meetings::held_by(conn, &iso(today))?;
    let two_years_ago = iso(today.checked_sub_months(Months::new(24)).unwrap_or(today));
    // Counts for the meetings of the last two years only: the chart's span.
    let by_meeting = q::counts_between(conn, &two_years_ago, &iso(today))?;
    let phone = q::phone_participants_between(conn, &two_years_ago, &iso(today))?;
    let meetings = held
        .iter()
        .filter(|m| m.date >= two_years_ago)
        .map(|m| MeetingAttendance {
            meeting_id: m.id,
            date: m.date.clone(),
            title: m.title.clone(),
            counts: Counts::of_totals(by_meeting.get(&m.id), phone.get(&m.id).copied().unwrap_or(0)),
        })
        .collect();
    let active = store::networks::list(conn, &Default::default())?;
    // Newest meeting first, until every network has been seen (twenty years of history
    // are read only when a network has never come).
    let mut last_attended: HashMap<i64, String> = HashMap::new();
    let mut last_four: HashMap<i64, u32> = HashMap::new();
    for (i, m) in held.iter().rev().enumerate() {
        if i >= 4 && last_attended.len() >= active.len() {
            break;
        }
        for n in q::attending_networks(conn, m.id)? {
            last_attended.entry(n).or_insert_with(|| m.date.clone());
            if i < 4 {
                *last_four.entry(n).or_default() += 1;
            }
        }
    }
    let contacts = contacts(conn)?;
    let mut networks: Vec<NetworkAttendance> = active
        .iter()
        .map(|n| NetworkAttendance {
            network_id: n.id,
            name: n.name.clone(),
            department: n.department.clone(),
            attended_of_last_four: last_four.get(&n.id).copied().unwrap_or(0),
            last_four: held.len().min(4) as u32,
            last_attended: last_attended.get(&n.id).cloned(),
            contacts: contact_list(n, &contacts),
        })
        .collect();
    networks.sort_by(|a, b| a.last_attended.cmp(&b.last_attended).then_with(|| a.department.cmp(&b.department)));
    let year_ago = iso(today.checked_sub_months(Months::new(12)).unwrap_or(today));
    let not_represented = networks.iter().filter(|n| n.last_attended.as_ref().is_none_or(|d| *d < year_ago)).map(|n| n.network_id).collect();
    Ok(AttendanceOverview { meetings, networks, not_represented })
}

/// Whom to write to about a network: its mailbox, then its people's addresses.
pub(crate) fn contact_list(n: &crate::model::Network, people: &HashMap<i64, Vec<String>>) -> Vec<String> {
    let mut c: Vec<String> = n.email.iter().cloned().collect();
    c.extend(people.get(&n.id).into_iter().flatten().filter(|e| Some(*e) != n.email.as_ref()).cloned());
    c
}

/// The email addresses of each network's people, by network.
pub(crate) fn contacts(conn: &rusqlite::Connection) -> Result<HashMap<i64, Vec<String>>> {
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    for (network, email) in store::people::emails_by_network(conn)? {
        map.entry(network).or_default().push(email);
    }
    Ok(map)
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeetingInput, NetworkInput};
    use crate::{forum::meetings, networks};
    use AttendanceStatus::*;

    fn net(s: &mut Store, name: &str, department: &str) -> i64 {
        let input = NetworkInput { name: name.into(), department: department.into(), kind: "agency".into(), ..Default::default() };
        networks::create(s, &input).unwrap().id
    }

    fn meeting(s: &mut Store, date: &str) -> i64 {
        let input = MeetingInput { date: date.into(), start_time: "15:00".into(), end_time: "16:00".into(), ..Default::default() };
        meetings::create(s, &input, None).unwrap().id
    }

    fn reg(s: &mut Store, m: i64, name: &str, network: Option<i64>, status: AttendanceStatus) -> Registration {
        let input = RegistrationInput { name: name.into(), email: None, pronouns: None, network_id: network, status };
        register(s, m, &input, RegistrationSource::Entered).unwrap()
    }

    #[test]
    fn check_in_counts_people_and_networks_by_mode() {
        let mut s = Store::open_in_memory().unwrap();
        let (a, b) = (net(&mut s, "Pride", "Agency A"), net(&mut s, "Spectrum", "Agency B"));
        let m = meeting(&mut s, "2026-10-08");
        reg(&mut s, m, "Sam", Some(a), InPerson);
        reg(&mut s, m, "Kit", Some(a), DialledIn);
        let ana = reg(&mut s, m, "Ana", Some(b), Registered);
        reg(&mut s, m, "Lee", None, Apologies);
        let c = check_in(&s, m).unwrap().counts;
        assert_eq!((c.in_person, c.dialled_in, c.apologies, c.registered, c.people, c.networks), (1, 1, 1, 1, 2, 1));
        assert_eq!(counts(&s, m).unwrap(), check_in(&s, m).unwrap().counts, "the readout's counts, counted by SQLite, are the check-in's");
        assert_eq!(attending_networks(&s, m).unwrap(), [("Agency A".to_string(), "Pride".to_string())]);
        set_status(&mut s, ana.id, DialledIn).unwrap();
        let c = check_in(&s, m).unwrap().counts;
        assert_eq!(counts(&s, m).unwrap(), c);
        assert_eq!((c.dialled_in, c.registered, c.people, c.networks), (2, 0, 3, 2));
    }

    #[test]
    fn registering_the_same_person_twice_is_refused_by_name() {
        let mut s = Store::open_in_memory().unwrap();
        let a = net(&mut s, "Pride", "Agency A");
        let m = meeting(&mut s, "2026-10-08");
        reg(&mut s, m, "Sam Jones", Some(a), Registered);
        let input = RegistrationInput { name: "sam  jones".into(), email: None, pronouns: None, network_id: Some(a), status: InPerson };
        let e = register(&mut s, m, &input, RegistrationSource::WalkIn).unwrap_err();
        assert_eq!((e.code(), e.field()), ("conflict", Some("name")));
        assert!(e.to_string().contains("already registered"), "{e}");
    }

    #[test]
    fn overview_counts_the_last_four_meetings_and_lists_networks_not_reached_in_a_year() {
        let mut s = Store::open_in_memory().unwrap();
        let (a, b, c) = (net(&mut s, "Pride", "Agency A"), net(&mut s, "Spectrum", "Agency B"), net(&mut s, "Prism", "Agency C"));
        let dates = ["2024-10-10", "2025-01-09", "2025-04-10", "2025-07-10", "2025-10-09", "2027-01-14"];
        let ms: Vec<i64> = dates.iter().map(|d| meeting(&mut s, d)).collect();
        reg(&mut s, ms[0], "Cat", Some(c), InPerson); // more than a year before "today"
        reg(&mut s, ms[1], "Bo", Some(b), Apologies); // apologies are not attendance
        for m in &ms[1..5] {
            reg(&mut s, *m, "Sam", Some(a), DialledIn);
        }
        reg(&mut s, ms[5], "Bo", Some(b), InPerson); // not held yet
        let today = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
        let o = overview(&s, today).unwrap();
        assert_eq!(o.meetings.iter().map(|m| m.date.as_str()).collect::<Vec<_>>(), &dates[0..5], "held meetings of the last two years");
        let second = &o.meetings[1].counts;
        assert_eq!((second.dialled_in, second.apologies, second.people, second.networks, second.registered), (1, 1, 1, 1, 0), "counted by status, networks taking part");
        assert_eq!((o.meetings[0].counts.in_person, o.meetings[0].counts.networks), (1, 1));
        let by_id = |id| o.networks.iter().find(|n| n.network_id == id).unwrap();
        assert_eq!((by_id(a).attended_of_last_four, by_id(a).last_four, by_id(a).last_attended.as_deref()), (4, 4, Some("2025-10-09")));
        assert_eq!((by_id(b).attended_of_last_four, by_id(b).last_attended.as_deref()), (0, None));
        assert_eq!(by_id(c).last_attended.as_deref(), Some("2024-10-10"));
        assert_eq!(o.not_represented, [b, c], "never first, then longest ago");
    }

    #[test]
    fn contacts_are_the_mailbox_then_the_people() {
        let mut s = Store::open_in_memory().unwrap();
        let input = NetworkInput { name: "Pride".into(), department: "Agency A".into(), kind: "agency".into(), email: Some("pride@a.gov.uk".into()), ..Default::default() };
        let a = networks::create(&mut s, &input).unwrap().id;
        let m = meeting(&mut s, "2026-10-08");
        let input = RegistrationInput { name: "Sam".into(), email: Some("sam@a.gov.uk".into()), pronouns: None, network_id: Some(a), status: Registered };
        register(&mut s, m, &input, RegistrationSource::Entered).unwrap();
        let o = overview(&s, NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()).unwrap();
        assert_eq!(o.networks[0].contacts, ["pride@a.gov.uk", "sam@a.gov.uk"]);
        assert_eq!(o.not_represented, [a], "registered but not checked in is not represented");
    }
}
