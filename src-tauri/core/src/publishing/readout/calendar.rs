//! The meeting as a calendar invitation (RFC 5545, with the icalendar crate): start and
//! end in Europe/London (with its VTIMEZONE, which Outlook needs), place, online link,
//! and the agenda in the description.

use chrono::{NaiveDateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};

use crate::forum::agenda::Agenda;

/// The UK's rules since 1996: BST from the last Sunday of March, GMT from the last
/// Sunday of October. Written out because clients need the definition with the TZID.
const EUROPE_LONDON: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nDTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nDTSTART:19701025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

fn local(date: &str, time: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").ok()
}

/// The `.ics` text for a meeting.
pub fn invite(a: &Agenda) -> String {
    let m = &a.meeting;
    let mut description = String::from("Agenda\n");
    for item in &a.items {
        description.push_str(&format!("{}  {}\n", item.slot.label, item.title));
    }
    if let Some(link) = &m.online_link {
        description.push_str(&format!("\nJoin online: {link}\n"));
    }
    if let Some(dial) = &m.dial_in {
        description.push_str(&format!("Dial in: {dial}\n"));
    }
    let mut event = Event::new();
    event
        .uid(&format!("forum-desk-meeting-{}-{}@forum-desk", m.id, m.date))
        .summary(&m.title)
        .description(&description)
        .timestamp(Utc::now());
    let location = match (&m.location, &m.online_link) {
        (l, Some(link)) if l.is_empty() || l.eq_ignore_ascii_case("online") => link.clone(),
        (l, _) => l.clone(),
    };
    if !location.is_empty() {
        event.location(&location);
    }
    if let Some(link) = &m.online_link {
        event.url(link);
    }
    if let (Some(start), Some(end)) = (local(&m.date, &m.start_time), local(&m.date, &m.end_time)) {
        event.starts(CalendarDateTime::WithTimezone { date_time: start, tzid: "Europe/London".into() });
        event.ends(CalendarDateTime::WithTimezone { date_time: end, tzid: "Europe/London".into() });
    }
    let text = Calendar::new().name(&m.title).push(event.done()).done().to_string();
    // The time zone definition goes before the event it serves.
    match text.find("BEGIN:VEVENT") {
        Some(i) => format!("{}{EUROPE_LONDON}{}", &text[..i], &text[i..]),
        None => text,
    }
}
