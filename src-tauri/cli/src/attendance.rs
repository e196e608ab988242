//! `import registrations` and `attendance`: the check-in list and form imports
//! without the window.

use std::path::Path;

use forum_core::people::registration_import::{self, RegistrationPreview};
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
        println!("{:>5}  {:<30}  {:<40}  {}", r.id, r.name, network, r.status.as_str());
    }
    let c = &list.counts;
    println!(
        "{} in person, {} dialled in, {} apologies, {} did not attend, {} not yet checked in; {} networks represented.",
        c.in_person, c.dialled_in, c.apologies, c.absent, c.registered, c.networks
    );
    Ok(())
}
