//! `import registrations`, `import teams-attendance` and `attendance`: the check-in
//! list and what fills it, without the window.

use std::path::Path;

use forum_core::model::AttendanceStatus;
use forum_core::people::registration_import::{self, RegistrationPreview};
use forum_core::people::teams_import::{self, MatchedBy, TeamsImportOptions, TeamsLine, TeamsPreview};
use forum_core::{people::attendance, Store};

use super::to_json;

/// Imports a form export without asking: confident network matches are taken; any
/// other name stops the import (nothing written) unless `create_missing` is set.
pub fn import_registrations(store: &mut Store, file: &Path, meeting: i64, map: &[String], create_missing: bool) -> Result<(), String> {
    let err = |e: forum_core::Error| e.to_string();
    let (mapping, remembered) = super::form_mapping(store, file, map)?;
    let preview = registration_import::preview(store, file, meeting, Some(mapping.clone())).map_err(err)?;
    describe(&preview, remembered);
    let resolutions = forum_core::import::form_import::unattended_resolutions(&preview.networks, create_missing);
    let r = registration_import::import(store, file, meeting, &mapping, &resolutions).map_err(|e| super::unsettled(e, create_missing))?;
    println!(
        "Imported {}: {} registered, {} already registered (refreshed), {} new people, {} networks added; {} answers for other meetings and {} repeated answers left out.",
        file.display(),
        r.registered,
        r.refreshed,
        r.people_added,
        r.networks_created,
        r.other_meetings,
        r.repeats
    );
    Ok(())
}

fn describe(p: &RegistrationPreview, remembered: bool) {
    eprintln!("Columns{}:", if remembered { " (as last time)" } else { "" });
    for c in &p.columns {
        eprintln!("  {:<40} -> {}", c.header, c.field.as_str());
    }
    for q in &p.networks {
        match (q.chosen, q.guesses.first()) {
            (Some(_), Some(g)) => eprintln!("  network \u{201c}{}\u{201d} = {} ({}), {:.0}% sure", q.said, g.network_name, g.department, g.confidence * 100.0),
            (None, Some(g)) if !q.said.is_empty() => {
                eprintln!("  network \u{201c}{}\u{201d} not matched (best guess {} ({}), {:.0}%)", q.said, g.network_name, g.department, g.confidence * 100.0)
            }
            (None, None) if !q.said.is_empty() => eprintln!("  network \u{201c}{}\u{201d} not matched", q.said),
            _ => {}
        }
    }
}

/// The check-in list of a meeting, with its counts.
pub fn show(store: &Store, meeting: i64, json: bool) -> Result<(), String> {
    let list = attendance::check_in(store, meeting).map_err(|e| e.to_string())?;
    if json {
        println!("{}", to_json(&list)?);
        return Ok(());
    }
    for r in &list.registrations {
        let network = r.network_name.as_deref().unwrap_or("(no network)");
        let time = r.minutes_in_meeting.map(|m| format!("  {}", minutes_text(m))).unwrap_or_default();
        println!("{:>5}  {:<30}  {:<40}  {}{time}", r.id, r.name, network, r.status.as_str());
    }
    let c = &list.counts;
    let phone = if c.phone > 0 { format!(" ({} by phone, without names)", c.phone) } else { String::new() };
    println!(
        "{} in person, {} dialled in{phone}, {} apologies, {} did not attend, {} not yet checked in; {} networks represented.",
        c.in_person, c.dialled_in, c.apologies, c.absent, c.registered, c.networks
    );
    Ok(())
}

/// Imports a Teams attendance report without asking: confident network guesses for the
/// walk-ins are taken; any other stops the import unless `create_missing` is set, and so
/// does a report for another day unless `any_date` is.
pub fn import_teams(store: &mut Store, file: &Path, meeting: i64, mark_absent: bool, any_date: bool, create_missing: bool) -> Result<(), String> {
    let preview = teams_import::preview(store, file, meeting).map_err(|e| e.to_string())?;
    describe_teams(&preview, mark_absent);
    let options = TeamsImportOptions {
        mark_absent,
        any_date,
        resolutions: forum_core::import::form_import::unattended_resolutions(&preview.networks, create_missing),
        leave_out: Vec::new(),
    };
    let r = teams_import::import(store, file, meeting, &options).map_err(|e| {
        if preview.other_date && !any_date && e.code() == "file_unresolved" {
            format!("{e}\nAdd --any-date to import it anyway.")
        } else {
            super::unsettled(e, create_missing)
        }
    })?;
    if r.unchanged {
        println!("Nothing to change: {} is already on the check-in list.", file.display());
        return Ok(());
    }
    println!(
        "Imported {}: {} checked in as dialled in, {} times in the meeting recorded, {} added to the list ({} new people), {} networks added, {} phone lines, {} marked as did not attend.",
        file.display(),
        r.checked_in,
        r.times_recorded,
        r.added,
        r.people_added,
        r.networks_created,
        r.phone,
        r.marked_absent
    );
    Ok(())
}

/// What the preview says, on stderr (stdout carries the result).
fn describe_teams(p: &TeamsPreview, mark_absent: bool) {
    let title = p.title.as_deref().map(|t| format!(" \u{201c}{t}\u{201d}")).unwrap_or_default();
    eprintln!("{}: Teams attendance report{title}, for {}.", p.file, p.report_date.as_deref().unwrap_or("no date given"));
    if p.other_date {
        eprintln!("  The meeting is on {}: not the report's date.", p.meeting_date);
    }
    let time = |l: &TeamsLine| minutes_text(l.minutes);
    let change = |l: &TeamsLine| match (l.changes, l.status_before) {
        (false, _) => "already recorded".to_string(),
        (true, Some(s @ AttendanceStatus::InPerson)) => format!("{} (kept), time recorded", s.label()),
        (true, Some(s @ AttendanceStatus::DialledIn)) => format!("{}, time recorded", s.label()),
        (true, s) => format!("{} -> dialled in", s.map_or("", |s| s.label())),
    };
    if !p.matched.is_empty() {
        eprintln!("Registered and joined ({}):", p.matched.len());
        for l in &p.matched {
            let by = match l.matched_by {
                Some(MatchedBy::Email) => "by email",
                _ => "by name",
            };
            eprintln!("  {} ({by}), {}, {}: {}", l.known_as.as_deref().unwrap_or(&l.name), time(l), l.network_name.as_deref().unwrap_or("no network"), change(l));
        }
    }
    if !p.team.is_empty() {
        eprintln!("Organiser and forum team ({}):", p.team.len());
        for l in &p.team {
            let what = match (l.organiser, l.role) {
                (true, Some(r)) => format!("organiser, {}", r.label()),
                (true, None) => "organiser".into(),
                (false, Some(r)) => r.label().into(),
                (false, None) => String::new(),
            };
            let recorded = if l.registration_id.is_some() {
                format!("registered, {}", change(l))
            } else if l.recorded {
                "added to the list".into()
            } else {
                "not in the list of people: not recorded".into()
            };
            eprintln!("  {} ({what}), {}: {recorded}", l.name, time(l));
        }
    }
    if !p.walk_ins.is_empty() {
        eprintln!("Joined without registering, added as walk-ins ({}):", p.walk_ins.len());
        for l in &p.walk_ins {
            let email = l.email.as_deref().map(|e| format!(" <{e}>")).unwrap_or_default();
            let network = match (&l.network_name, l.network_key.as_ref().and_then(|k| p.networks.iter().find(|q| &q.key == k))) {
                (Some(n), _) => n.clone(),
                (None, Some(q)) => match (q.chosen, q.guesses.first()) {
                    (Some(_), Some(g)) => format!("{} ({}), {:.0}% sure", g.network_name, g.department, g.confidence * 100.0),
                    (None, Some(g)) => format!("\u{201c}{}\u{201d} not matched (best guess {} ({}), {:.0}%)", q.said, g.network_name, g.department, g.confidence * 100.0),
                    (None, None) if !q.said.is_empty() => format!("\u{201c}{}\u{201d} not matched", q.said),
                    _ => "no network".into(),
                },
                (None, None) => "no network".into(),
            };
            eprintln!("  {}{email}, {}; network: {network}", l.name, time(l));
        }
    }
    if !p.phone.is_empty() {
        let numbers: Vec<&str> = p.phone.iter().map(|l| l.name.as_str()).collect();
        eprintln!("Phone lines, counted as dialled in without names ({}): {}", p.phone.len(), numbers.join(", "));
    }
    if !p.not_joined.is_empty() {
        eprintln!("Registered, did not join ({}):", p.not_joined.len());
        for n in &p.not_joined {
            let after = if n.would_be_absent && mark_absent { " -> did not attend" } else if n.would_be_absent { "" } else { " (kept)" };
            eprintln!("  {}: {}{after}", n.name, n.status.label());
        }
    }
}

/// "1 h 29 min", "45 min".
fn minutes_text(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}
