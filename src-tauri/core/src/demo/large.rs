//! Twenty years of an invented forum, for the performance benchmarks and for trying the
//! app at scale (`forum-desk demo --years 20 --seed 7`): 150 networks, 600 people,
//! quarterly meetings of eight items with notes, about 40,000 attendance rows, 20,000
//! actions and 12,000 needs and strengths. The same seed always gives the same forum.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::model::{
    ActionStatus, AttendanceStatus, ItemInput, MeetingInput, MeetingStatus, NetworkInput, RegistrationSource, Role, StatementKind, SubmissionSource,
    ValidAction, ValidPerson,
};
use crate::store::registrations::NewRegistration;
use crate::store::{actions as acts, agenda as items, meetings, networks as nets, people, registrations, submissions, StoreError};
use crate::{networks, Result, Store};

/// Small, seedable, fast: the same forum every time, without a dependency (also drives
/// the crash tests' writer).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

const SUBJECTS: &[&str] = &[
    "Coastal Affairs", "Maps", "Weights and Measures", "Rivers", "Lighthouses", "Railways", "Archives", "Forests", "Harbours", "Bridges",
    "Statistics", "Skills", "Pensions", "Revenue", "Culture", "Health", "Justice", "Defence", "Education", "Housing", "Energy", "Science", "Trade",
    "Transport", "Environment", "Land", "Courts", "Prisons", "Borders", "Weather",
];
const KINDS: &[&str] = &["Department for", "Office for", "Agency for", "Service for", "Commission for"];
const NAMES: &[&str] = &["Pride", "Rainbow Network", "Spectrum", "Proud", "LGBT+ Network", "Prism", "Kaleidoscope", "Out Network"];
const FIRST: &[&str] = &["Sam", "Alex", "Jo", "Kit", "Robin", "Ash", "Charlie", "Jamie", "Morgan", "Nia", "Priya", "Dev", "Lee", "Rae", "Fran", "Jules", "Ellis", "Tomasz", "Ana", "Sasha"];
const LAST: &[&str] = &["Ashby", "Marsh", "Okafor", "Wren", "Grant", "Lal", "Hale", "Byrne", "Ferris", "Amara", "Moreno", "Oduya", "Shah", "Park", "Bell", "Moss", "Hart", "Ruiz", "Jones", "Lowe"];
const TOPICS: &[&str] = &["Pride events", "volunteers", "the Stonewall index", "trans inclusion guidance", "bi visibility", "senior sponsors", "events outside London", "staff survey data", "allies", "communications"];

pub struct LargeSummary {
    pub networks: usize,
    pub people: usize,
    pub meetings: usize,
    pub registrations: usize,
    pub actions: usize,
    pub statements: usize,
}

/// Loads `years` of quarterly meetings up to `today` into an empty database, in one
/// transaction.
pub fn load(store: &mut Store, years: u32, seed: u64, today: NaiveDate) -> Result<LargeSummary> {
    if networks::count(store)? > 0 {
        return Err(StoreError::Conflict { field: None, message: "The large sample can only be loaded into an empty database.".into() }.into());
    }
    let mut rng = Rng::new(seed);
    let tx = store.conn_mut().transaction()?;
    // Twenty years of rows are indexed for search once, at the end.
    let indexes: Vec<&str> = crate::search::index::INDEXES.iter().map(|(i, _)| *i).collect();
    crate::search::index::defer(&tx, &indexes)?;
    let mut network_ids = Vec::new();
    for i in 0..150 {
        let subject = SUBJECTS[i % SUBJECTS.len()];
        let input = NetworkInput {
            name: format!("{} {}", rng.pick(NAMES), i / SUBJECTS.len() + 1),
            department: format!("{} {subject}{}", KINDS[(i / SUBJECTS.len()) % KINDS.len()], if i >= SUBJECTS.len() * KINDS.len() { " North" } else { "" }),
            kind: if i % 3 == 0 { "agency".into() } else { "ministerial department".into() },
            parent: None,
            email: Some(format!("network{i}@example.org")),
        };
        network_ids.push(nets::insert(&tx, &input.validate()?)?);
    }
    let mut person_ids = Vec::new();
    for i in 0..600 {
        let p = ValidPerson {
            name: format!("{} {} {}", rng.pick(FIRST), rng.pick(LAST), i),
            pronouns: None,
            email: Some(format!("person{i}@example.org")),
            network_id: Some(network_ids[i % network_ids.len()]),
            role: if i < 150 { Role::Chair } else { Role::NominatedRepresentative },
        };
        person_ids.push(people::insert(&tx, &p)?);
    }
    let quarters = years * 4;
    let first = today.checked_sub_months(Months::new(years * 12)).unwrap_or(today);
    let (mut registrations_n, mut actions_n, mut statements_n) = (0, 0, 0);
    let mut open_actions: Vec<i64> = Vec::new();
    for q in 0..quarters {
        let date = first.checked_add_months(Months::new(q * 3)).unwrap_or(first);
        let date = NaiveDate::from_ymd_opt(date.year(), date.month(), 10).unwrap_or(date);
        let iso = date.format("%Y-%m-%d").to_string();
        let input = MeetingInput { title: String::new(), date: iso.clone(), start_time: "14:00".into(), end_time: "16:30".into(), location: "Online".into(), ..Default::default() };
        let m = meetings::insert(&tx, &input.validate()?)?;
        meetings::set_status(&tx, m, MeetingStatus::Held)?;
        let mut item_ids = Vec::new();
        for pos in 1..=8u32 {
            let topic = rng.pick(TOPICS);
            let item = ItemInput { title: format!("{}: {topic}", if pos == 1 { "Welcome" } else { "Discussion" }), duration_minutes: "15".into(), kind: "discussion".into(), ..Default::default() };
            let id = items::insert(&tx, m, pos, &item.validate()?)?;
            let notes = format!("Leads discussed **{topic}**. Several networks shared what worked for them, and the forum agreed to follow up.\n\n- share the guidance\n- report back next quarter\n\n{}", "More detail of the discussion. ".repeat(10));
            items::set_notes(&tx, id, &notes)?;
            items::replace_outcomes(&tx, id, &[format!("Agreed to share what works on {topic}")])?;
            item_ids.push(id);
        }
        // About 500 of the 600 people registered for each meeting, most of them taking part.
        for (k, person) in person_ids.iter().enumerate() {
            if rng.below(600) >= 500 {
                continue;
            }
            let status = [AttendanceStatus::InPerson, AttendanceStatus::DialledIn, AttendanceStatus::DialledIn, AttendanceStatus::Apologies, AttendanceStatus::Absent][rng.below(5)];
            let r = NewRegistration { meeting_id: m, person_id: *person, network_id: Some(network_ids[k % network_ids.len()]), status, source: RegistrationSource::Form, registered_at: None };
            registrations::insert(&tx, &r)?;
            registrations_n += 1;
        }
        // 250 actions a meeting; earlier open ones mostly close at the next.
        for id in std::mem::take(&mut open_actions) {
            let status = if rng.below(10) == 0 { ActionStatus::Open } else { ActionStatus::Done };
            acts::add_update(&tx, id, Some(m), &iso, "Reviewed at the forum", status)?;
            if status == ActionStatus::Open {
                open_actions.push(id);
            }
        }
        let per_meeting = 20_000 / quarters.max(1) as usize;
        for a in 0..per_meeting {
            let action = ValidAction {
                description: format!("Follow up on {} ({a})", rng.pick(TOPICS)),
                owner_network_id: Some(network_ids[rng.below(network_ids.len())]),
                owner_text: None,
                due_date: date.checked_add_days(Days::new(60)),
            };
            let id = acts::insert(&tx, m, Some(item_ids[a % item_ids.len()]), &action)?;
            actions_n += 1;
            if q + 1 < quarters && a % 50 == 0 {
                open_actions.push(id);
            } else if q + 1 < quarters {
                acts::add_update(&tx, id, Some(m), &iso, "Done", ActionStatus::Done)?;
            }
        }
        // 25 networks send their needs and strengths each cycle.
        for n in 0..25 {
            let network = network_ids[(q as usize * 25 + n) % network_ids.len()];
            let s = submissions::insert(&tx, m, network, SubmissionSource::Form, None, None)?;
            for (kind, words) in [(StatementKind::Need, "Help with"), (StatementKind::Strength, "Good at")] {
                for rank in 1..=3u8 {
                    submissions::insert_statement(&tx, s, kind, rank, &format!("{words} {}", rng.pick(TOPICS)), None, None)?;
                    statements_n += 1;
                }
            }
        }
    }
    crate::search::index::catch_up(&tx)?;
    tx.commit()?;
    Ok(LargeSummary { networks: network_ids.len(), people: person_ids.len(), meetings: quarters as usize, registrations: registrations_n, actions: actions_n, statements: statements_n })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_run_is_deterministic_and_consistent() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let dump = |seed| {
            let mut s = Store::open_in_memory().unwrap();
            let sum = load(&mut s, 1, seed, today).unwrap();
            assert_eq!((sum.networks, sum.people, sum.meetings, sum.statements), (150, 600, 4, 600));
            assert!(crate::store::check::problems(s.conn()).unwrap().is_empty());
            let names: String = s.conn().query_row("SELECT group_concat(name) FROM (SELECT name FROM person ORDER BY id)", [], |r| r.get(0)).unwrap();
            (names, sum.registrations)
        };
        assert_eq!(dump(7), dump(7), "the same seed gives the same forum");
        assert_ne!(dump(7).0, dump(8).0);
    }
}
