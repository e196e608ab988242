//! The invented sample forum that `forum-desk demo` and the first-run screen load, so a
//! newcomer can see the app at work. Every name and address here is made up.

pub mod large;

use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use crate::model::{
    ActionInput, ActionStatus, AttendanceStatus, ItemInput, MeetingInput, MeetingStatus, NetworkInput, ProposalInput, ProposalSource, RegistrationSource,
    Role, ValidPerson,
};
use crate::store::registrations::{self, NewRegistration};
use crate::store::{actions as acts, agenda as items, meetings, networks as nets, people, proposals, StoreError};
use crate::{networks, Result, Store};

/// (type, department, network, email, parent)
const NETWORKS: &[(&str, &str, &str, &str, &str)] = &[
    ("ministerial department", "Department for Transport", "Open Road LGBT+ Network", "openroad@transport.example.uk", ""),
    ("agency", "Driving Standards Service", "Rainbow Lanes", "rainbowlanes@dss.example.uk", "Department for Transport"),
    ("ministerial department", "Home Office", "Proud at Home", "proud@home.example.uk", ""),
    ("ministerial department", "Ministry of Justice", "Justice Spectrum", "spectrum@justice.example.uk", ""),
    ("agency", "Prison and Probation Service", "Bridges LGBT+ Staff Network", "", "Ministry of Justice"),
    ("ministerial department", "HM Treasury", "Treasury Pride Circle", "pridecircle@treasury.example.uk", ""),
    ("non ministerial department", "HM Revenue and Customs", "Kaleidoscope", "kaleidoscope@revenue.example.uk", ""),
    ("non ministerial department", "Office for National Statistics", "Counted In", "countedin@statistics.example.uk", ""),
    ("ministerial department", "Department for Education", "Learning with Pride", "lwp@education.example.uk", ""),
    ("agency", "Met Office", "Spectrum Skies", "skies@weather.example.uk", "Department for Science"),
    ("ministerial department", "Cabinet Office", "Cabinet Office Rainbow Network", "rainbow@cabinet.example.uk", ""),
    ("other", "Fast Stream", "Fast Stream Out Network", "out@faststream.example.uk", "Cabinet Office"),
];

/// (title, presenter, minutes, kind, proposing network, notes, outcomes)
type DemoItem = (&'static str, &'static str, u32, &'static str, &'static str, &'static str, &'static [&'static str]);

const PAST_ITEMS: &[DemoItem] = &[
    ("Welcome and introductions", "Forum chair", 5, "standing_update", "",
     "The chair welcomed leads from nine networks, two of them attending for the first time,[^new] and thanked everyone who sent their needs and strengths ahead of the meeting.\n\n[^new]: Both took over their networks over the summer.", &[]),
    ("Update from the cross-government network", "Network co-chair", 10, "standing_update", "",
     "The co-chair shared the events calendar for the coming quarter and asked networks to send their open events so they can be listed for everyone.\n\n- A new mailing list for network leads is live\n- Volunteers are wanted for the regional round tables",
     &["Networks to send open events to the team by the end of the month"]),
    ("Supporting trans colleagues through policy change", "", 20, "network_proposal", "Proud at Home",
     "**Proud at Home** described how their network answered colleagues' questions while guidance was being rewritten. Leads agreed that *one shared set of answers* would save every network from drafting its own.\n\nThe discussion covered:\n\n1. keeping a single source of questions and answers\n2. involving HR early\n3. signposting to support outside work",
     &["Agreed: draft one shared question-and-answer sheet for all networks", "Proud at Home and Justice Spectrum to lead the first draft"]),
    ("Top three needs and strengths", "Forum chair", 15, "discussion", "",
     "Each network will send the three things it most needs help with and the three things it does well. The team will collate them into a forward look so that networks can find each other.",
     &["Every network to send its top three needs and strengths before the next forum"]),
    ("Any other business", "", 10, "any_other_business", "",
     "Counted In offered to share their survey questions with any network planning a staff survey.", &[]),
];

const UPCOMING_ITEMS: &[DemoItem] = &[
    ("Welcome and introductions", "Forum chair", 5, "standing_update", "", "", &[]),
    (crate::forum::actions::CARRY_ITEM_TITLE, "Forum chair", 10, "standing_update", "", "", &[]),
    ("Update from the cross-government network", "Network co-chair", 10, "standing_update", "", "", &[]),
    ("Running events outside London", "", 15, "network_proposal", "Rainbow Lanes", "", &[]),
    ("The forward look: matching needs with strengths", "Forum chair", 10, "discussion", "", "", &[]),
    ("Any other business", "", 10, "any_other_business", "", "", &[]),
];

/// Invented people: (name, pronouns, network, how they took part in the past meeting,
/// registered for the next one).
type DemoPerson = (&'static str, &'static str, &'static str, Option<AttendanceStatus>, bool);

/// The forum meets on Teams: those who registered for the past meeting are checked in
/// from its attendance report (`teams_report`), as a chair would import it.
const PEOPLE: &[DemoPerson] = &[
    ("Robin Ashby", "they/them", "Open Road LGBT+ Network", Some(AttendanceStatus::Registered), true),
    ("Dev Marsh", "he/him", "Rainbow Lanes", Some(AttendanceStatus::Registered), true),
    ("Nia Okafor", "she/her", "Proud at Home", Some(AttendanceStatus::Registered), true),
    ("Tomasz Wren", "he/him", "Justice Spectrum", Some(AttendanceStatus::Registered), false),
    ("Ellis Grant", "", "Justice Spectrum", Some(AttendanceStatus::Registered), true),
    ("Priya Lal", "she/they", "Kaleidoscope", Some(AttendanceStatus::Registered), true),
    ("Morgan Hale", "", "Counted In", Some(AttendanceStatus::Registered), false),
    ("Sasha Byrne", "she/her", "Learning with Pride", Some(AttendanceStatus::Registered), true),
    ("Kit Ferris", "they/them", "Spectrum Skies", Some(AttendanceStatus::Registered), false),
    ("Jules Amara", "he/they", "Cabinet Office Rainbow Network", Some(AttendanceStatus::Registered), true),
    ("Alex Moreno", "", "Treasury Pride Circle", Some(AttendanceStatus::Apologies), true),
    ("Fran Oduya", "she/her", "Fast Stream Out Network", Some(AttendanceStatus::Registered), false),
];

/// Who joined the past meeting on Teams (name, joined, left, role), and two phone lines
/// as Teams masks them. Fran Oduya registered and did not join.
const JOINED: &[(&str, &str, &str, &str)] = &[
    ("Jules Amara", "14:52:10", "16:04:30", "Organizer"),
    ("Robin Ashby", "14:58:02", "16:00:41", "Attendee"),
    ("Dev Marsh", "15:01:15", "15:58:20", "Attendee"),
    ("Nia Okafor", "14:59:40", "16:01:05", "Presenter"),
    ("Tomasz Wren", "15:03:30", "15:47:12", "Attendee"),
    ("Ellis Grant", "15:00:05", "16:00:33", "Attendee"),
    ("Priya Lal", "15:06:48", "16:00:02", "Attendee"),
    ("Morgan Hale", "15:00:30", "15:31:00", "Attendee"),
    ("Sasha Byrne", "14:59:55", "16:00:10", "Attendee"),
    ("Kit Ferris", "15:12:20", "16:00:19", "Attendee"),
    ("+44 20 **** 4471", "15:02:00", "15:55:00", "Attendee"),
    ("0161****9920", "15:20:00", "16:00:00", "Attendee"),
];

/// The past meeting's Teams attendance report, in the shape Teams writes today (its
/// sections, tab-separated; Teams writes UTF-16, which the import reads too).
fn teams_report(day: NaiveDate) -> String {
    let at = |t: &str| format!("{}, {t}", day.format("%d/%m/%Y"));
    let secs = |t: &str| t.split(':').filter_map(|p| p.parse::<u32>().ok()).fold(0, |a, p| a * 60 + p);
    let length = |from: &str, to: &str| {
        let s = secs(to).saturating_sub(secs(from));
        match (s / 3600, s / 60 % 60, s % 60) {
            (0, m, s) => format!("{m}m {s}s"),
            (h, m, s) => format!("{h}h {m}m {s}s"),
        }
    };
    let mut text = format!(
        "1. Summary\r\nMeeting title\tLeaders of Networks Forum\r\nAttended participants\t{}\r\nStart time\t{}\r\nEnd time\t{}\r\n\r\n2. Participants\r\nName\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\r\n",
        JOINED.len(),
        at("14:52:10"),
        at("16:04:30")
    );
    for (name, from, to, role) in JOINED {
        let email = if name.starts_with(|c: char| c.is_ascii_digit() || c == '+') { String::new() } else { format!("{}@example.org", name.to_lowercase().replace(' ', ".")) };
        text.push_str(&format!("{name}\t{}\t{}\t{}\t{email}\t{email}\t{role}\r\n", at(from), at(to), length(from, to)));
    }
    text
}

/// People, their attendance at the past meeting and registrations for the next.
fn add_people(conn: &Connection, past: i64, next: i64) -> Result<()> {
    let all = nets::list(conn, &Default::default())?;
    for (name, pronouns, network, at_past, for_next) in PEOPLE {
        let network_id = all.iter().find(|n| n.name == *network).map(|n| n.id);
        let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
        let person = ValidPerson {
            name: (*name).into(),
            pronouns: Some((*pronouns).into()).filter(|p: &String| !p.is_empty()),
            email: Some(email),
            network_id,
            role: if *name == "Jules Amara" { Role::Chair } else { Role::NominatedRepresentative },
        };
        let person_id = people::insert(conn, &person)?;
        let register = |meeting_id, status| {
            let r = NewRegistration { meeting_id, person_id, network_id, status, source: RegistrationSource::Form, registered_at: None };
            registrations::insert(conn, &r)
        };
        if let Some(status) = at_past {
            register(past, *status)?;
        }
        if *for_next {
            register(next, AttendanceStatus::Registered)?;
        }
    }
    Ok(())
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn add_meeting(conn: &Connection, date: NaiveDate, status: MeetingStatus, items_list: &[DemoItem]) -> Result<i64> {
    let input = MeetingInput {
        date: ymd(date),
        start_time: "15:00".into(),
        end_time: "16:00".into(),
        location: "Online".into(),
        online_link: Some("https://meet.example.org/leaders-forum".into()),
        dial_in: Some("Dial 020 7946 0000, code 4471 9920".into()),
        registration_link: Some("https://forms.example.org/leaders-forum".into()),
        registration_deadline: Some(ymd(date - chrono::Days::new(7))),
        readout_author: Some("The forum team".into()),
        ..Default::default()
    };
    let id = meetings::insert(conn, &input.validate()?)?;
    meetings::set_status(conn, id, status)?;
    for (i, (title, presenter, minutes, kind, network, notes, outcomes)) in items_list.iter().enumerate() {
        let proposed_by = match *network {
            "" => None,
            name => nets::list(conn, &Default::default())?.into_iter().find(|n| n.name == name).map(|n| n.id),
        };
        let input = ItemInput {
            title: (*title).into(),
            presenter: Some((*presenter).into()).filter(|p: &String| !p.is_empty()),
            duration_minutes: minutes.to_string(),
            kind: (*kind).into(),
            proposed_by,
            description: None,
        };
        let item = items::insert(conn, id, i as u32 + 1, &input.validate()?)?;
        items::set_notes(conn, item, notes)?;
        items::replace_outcomes(conn, item, &outcomes.iter().map(|o| o.to_string()).collect::<Vec<_>>())?;
    }
    Ok(id)
}

/// Three actions from the past meeting: one open, one in progress, one done.
fn add_actions(conn: &Connection, meeting_id: i64, past: NaiveDate, upcoming: NaiveDate) -> Result<()> {
    let network = |name: &str| -> Result<Option<i64>> { Ok(nets::list(conn, &Default::default())?.into_iter().find(|n| n.name == name).map(|n| n.id)) };
    let item = |title: &str| -> Result<Option<i64>> { Ok(items::items(conn, meeting_id)?.into_iter().find(|i| i.title == title).map(|i| i.id)) };
    let list: [(&str, Option<i64>, Option<&str>, NaiveDate, Option<i64>); 3] = [
        ("Send open events to the team for the shared calendar", None, Some("All network leads"), past + chrono::Days::new(21), item("Update from the cross-government network")?),
        ("Draft one shared question-and-answer sheet on policy change", network("Proud at Home")?, None, upcoming - chrono::Days::new(14), item("Supporting trans colleagues through policy change")?),
        ("Collate the top three needs and strengths into a forward look", None, Some("Forum team"), upcoming - chrono::Days::new(7), item("Top three needs and strengths")?),
    ];
    let mut ids = Vec::new();
    for (description, owner_network_id, owner_text, due, item_id) in list {
        let input = ActionInput { description: description.into(), owner_network_id, owner_text: owner_text.map(Into::into), due_date: Some(ymd(due)) };
        ids.push(acts::insert(conn, meeting_id, item_id, &input.validate(past)?)?);
    }
    let between = ymd(past + chrono::Days::new(30));
    acts::add_update(conn, ids[1], None, &between, "First draft shared with Justice Spectrum for comments", ActionStatus::InProgress)?;
    acts::add_update(conn, ids[2], None, &between, "Nine networks have replied so far", ActionStatus::Open)?;
    acts::add_update(conn, ids[0], None, &between, "Calendar updated with fourteen events", ActionStatus::Done)?;
    Ok(())
}

/// Loads the sample forum into an empty database: a dozen networks, a past meeting
/// with notes and outcomes, and an upcoming one with its agenda and a proposal waiting.
pub fn load(store: &mut Store) -> Result<DemoSummary> {
    load_at(store, chrono::Local::now().date_naive())
}

pub fn load_at(store: &mut Store, today: NaiveDate) -> Result<DemoSummary> {
    if networks::count(store)? > 0 || meetings::count(store.conn())? > 0 {
        return Err(StoreError::Conflict {
            field: None,
            message: "The sample forum can only be loaded into an empty database; this one already has networks.".into(),
        }
        .into());
    }
    let tx = store.conn_mut().transaction()?;
    for (kind, department, name, email, parent) in NETWORKS {
        let input = NetworkInput {
            name: (*name).into(),
            department: (*department).into(),
            kind: (*kind).into(),
            parent: Some((*parent).into()),
            email: Some((*email).into()),
        };
        nets::insert(&tx, &input.validate()?)?;
    }
    // The sample's two meetings are a quarter apart, on the forum's long-standing day.
    let quarterly = crate::forum::series::Cadence::Quarterly(crate::forum::series::DayRule::AsLatest);
    let upcoming = quarterly.next_after(None, today).unwrap_or(today);
    let past = NaiveDate::from_weekday_of_month_opt(
        if upcoming.month() <= 3 { upcoming.year() - 1 } else { upcoming.year() },
        (upcoming.month() + 8) % 12 + 1,
        chrono::Weekday::Thu,
        2,
    )
    .unwrap_or(upcoming);
    let past_id = add_meeting(&tx, past, MeetingStatus::Held, PAST_ITEMS)?;
    add_actions(&tx, past_id, past, upcoming)?;
    let next = add_meeting(&tx, upcoming, MeetingStatus::Planned, UPCOMING_ITEMS)?;
    let learning = nets::list(&tx, &Default::default())?.into_iter().find(|n| n.name == "Learning with Pride").map(|n| n.id);
    let proposal = ProposalInput {
        network_id: learning,
        title: "Mentoring for new network chairs".into(),
        minutes: "15".into(),
        description: Some("A short pitch for pairing new chairs with experienced ones.".into()),
    };
    proposals::insert(&tx, next, &proposal.validate()?, ProposalSource::Entered)?;
    add_people(&tx, past_id, next)?;
    // The past meeting's check-in list, filled from its Teams report by the import itself.
    let report = crate::import::teams::parse("sample Teams attendance report", teams_report(past).as_bytes(), Some(past))?;
    let meeting = meetings::get(&tx, past_id)?;
    let options = crate::people::teams_import::TeamsImportOptions { mark_absent: true, ..Default::default() };
    crate::people::teams_import::import_report(&tx, report, &meeting, &options)?;
    tx.commit()?;
    Ok(DemoSummary { networks: NETWORKS.len(), meetings: 2 })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub networks: usize,
    pub meetings: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_once_into_an_empty_database() {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(load_at(&mut s, today).unwrap(), DemoSummary { networks: 12, meetings: 2 });
        assert_eq!(networks::count(&s).unwrap(), 12);
        let list = crate::forum::meetings::list(&s, today).unwrap();
        let dates: Vec<_> = list.iter().map(|m| (m.meeting.date.as_str(), m.upcoming, m.item_count)).collect();
        assert_eq!(dates, [("2027-01-14", true, 6), ("2026-10-08", false, 5)]);
        assert_eq!(list[1].open_actions, 2);
        let carried = crate::forum::actions::for_meeting(&s, list[0].meeting.id, today).unwrap().carried;
        assert_eq!(carried.len(), 2, "the open and in-progress actions are carried into the next meeting");
        let past = crate::forum::agenda::get(&s, list[1].meeting.id).unwrap();
        assert!(past.items.iter().filter(|i| !i.notes.is_empty()).count() >= 4);
        assert!(past.items[2].notes.contains("\n\n1. keeping"), "{}", past.items[2].notes);
        assert_eq!(past.items[2].proposed_by_name.as_deref(), Some("Proud at Home"));
        let next = crate::forum::agenda::get(&s, list[0].meeting.id).unwrap();
        assert_eq!(next.proposals.len(), 1);
        assert_eq!(next.items.last().unwrap().slot.label, "15:50 to close");
        let past_check_in = crate::people::attendance::check_in(&s, list[1].meeting.id).unwrap().counts;
        // An online forum: everyone who joined came from the Teams report, with their time.
        assert_eq!((past_check_in.in_person, past_check_in.dialled_in, past_check_in.apologies, past_check_in.networks, past_check_in.phone), (0, 12, 1, 9, 2));
        let on_list = crate::people::attendance::for_meeting(&s, list[1].meeting.id).unwrap();
        let robin = on_list.iter().find(|r| r.name == "Robin Ashby").unwrap();
        assert_eq!((robin.status, robin.minutes_in_meeting), (AttendanceStatus::DialledIn, Some(63)), "62 minutes 39 seconds, rounded");
        let fran = on_list.iter().find(|r| r.name == "Fran Oduya").unwrap();
        assert_eq!(fran.status, AttendanceStatus::Absent, "registered and did not join");
        assert_eq!(crate::forum::series::cadence(&s).unwrap().describe(), "Monthly, on the same week and weekday as the latest meeting");
        assert_eq!(crate::people::attendance::check_in(&s, list[0].meeting.id).unwrap().counts.registered, 8);
        assert_eq!(load(&mut s).unwrap_err().code(), "conflict");
        assert_eq!(networks::count(&s).unwrap(), 12);
    }
}
