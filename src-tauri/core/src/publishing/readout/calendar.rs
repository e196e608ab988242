//! The meeting as a calendar invitation (RFC 5545, with the icalendar crate): start and
//! end in Europe/London (with its VTIMEZONE, which Outlook needs), place, online link,
//! and the agenda in the description.

use chrono::{NaiveDateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike};

use crate::forum::agenda::Agenda;
use crate::model::text::one_line;

/// The UK's rules since 1996: BST from the last Sunday of March, GMT from the last
/// Sunday of October. Written out because clients need the definition with the TZID.
const EUROPE_LONDON: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\nDTSTART:19700329T010000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\nDTSTART:19701025T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

fn local(date: &str, time: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").ok()
}

/// The `.ics` text for a meeting.
pub fn invite(a: &Agenda) -> String {
    calendar(&a.meeting.title, std::slice::from_ref(a))
}

/// One calendar holding every meeting of a run (one event each), e.g. the year ahead.
pub fn invites(name: &str, agendas: &[Agenda]) -> String {
    calendar(name, agendas)
}

fn calendar(name: &str, agendas: &[Agenda]) -> String {
    let mut cal = Calendar::new();
    cal.name(&one_line(name));
    for a in agendas {
        cal.push(event(a));
    }
    let text = cal.done().to_string();
    // The time zone definition goes before the events it serves.
    match text.find("BEGIN:VEVENT") {
        Some(i) => format!("{}{EUROPE_LONDON}{}", &text[..i], &text[i..]),
        None => text,
    }
}

/// How to join, first: calendar programs show the first lines of the description in the
/// event, and an invitation without its link is the most common complaint (decidim#12006).
fn joining(m: &crate::model::Meeting) -> String {
    let mut lines = Vec::new();
    if let Some(link) = &m.online_link {
        lines.push(format!("Join online: {link}"));
    }
    if let Some(dial) = &m.dial_in {
        lines.push(format!("Dial in: {}", one_line(dial)));
    }
    if !m.location.is_empty() && !m.location.eq_ignore_ascii_case("online") {
        lines.push(format!("In person: {}", one_line(&m.location)));
    }
    match (&m.registration_link, &m.registration_email) {
        (Some(form), _) => lines.push(format!("Register: {form}")),
        (None, Some(mailbox)) => lines.push(format!("Register by email to {mailbox} with your name and position, your network and the meeting's date")),
        _ => {}
    }
    lines.join("\n")
}

fn event(a: &Agenda) -> Event {
    let m = &a.meeting;
    let mut description = joining(m);
    if !a.items.is_empty() {
        description.push_str("\n\nAgenda\n");
        for item in &a.items {
            description.push_str(&format!("{}  {}\n", item.slot.label, one_line(&item.title)));
        }
    }
    let mut event = Event::new();
    event
        .uid(&format!("forum-desk-meeting-{}-{}@forum-desk", m.id, m.date))
        .summary(&one_line(&m.title))
        .description(description.trim_start())
        .timestamp(Utc::now());
    let location = match (&m.location, &m.online_link) {
        (l, Some(link)) if l.is_empty() || l.eq_ignore_ascii_case("online") => link.clone(),
        (l, _) => one_line(l),
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
    if m.cancelled_at.is_some() {
        event.status(icalendar::EventStatus::Cancelled);
    }
    event.done()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_break_in_the_title_or_place_stays_inside_its_value() {
        let mut s = crate::Store::open_in_memory().unwrap();
        let input = crate::model::MeetingInput {
            title: "Forum\r\nATTENDEE:mailto:evil@example.org\rX".into(),
            date: "2027-01-14".into(),
            start_time: "15:00".into(),
            end_time: "16:00".into(),
            location: "Room 1\r\nBEGIN:VALARM".into(),
            dial_in: Some("Dial\r020".into()),
            ..Default::default()
        };
        let m = crate::forum::meetings::create(&mut s, &input, None).unwrap();
        let ics = invite(&crate::forum::agenda::get(&s, m.id).unwrap());
        let lines: Vec<&str> = ics.split("\r\n").collect();
        assert!(lines.iter().all(|l| !l.contains(['\r', '\n'])), "a bare line end:\n{ics:?}");
        assert!(lines.contains(&"SUMMARY:Forum ATTENDEE:mailto:evil@example.org X"), "{ics}");
        assert!(!lines.iter().any(|l| l.starts_with("ATTENDEE") || l.starts_with("BEGIN:VALARM")), "{ics}");
    }
}
