//! `import submission(s)` and `forward-look`: needs and strengths without the window.

use std::path::Path;

use forum_core::needs::forward_look;
use forum_core::needs::submission_file::{self, FileImport};
use forum_core::{needs::submission_import, Store};

use super::to_json;

pub fn import_file(store: &mut Store, file: &Path, meeting: Option<i64>, replace: bool) -> Result<(), String> {
    match submission_file::import(store, file, meeting, replace).map_err(|e| e.to_string())? {
        FileImport::NeedsConfirmation { network, changes, .. } => {
            let mut lines = vec![format!("{network} already sent needs and strengths for this forum. Importing {} would change:", file.display())];
            for c in changes {
                let label = format!("{} {}", c.kind.as_str(), c.rank);
                lines.push(format!("  {label}: {} -> {}", c.before.as_deref().unwrap_or("(none)"), c.after.as_deref().unwrap_or("(none)")));
            }
            lines.push("Nothing was changed. Add --replace to take the new submission (the earlier one is kept in the history).".into());
            Err(lines.join("\n"))
        }
        FileImport::Imported { network, replaced, unchanged, proposals_added, registered, .. } => {
            let what = if unchanged { "no change to its needs and strengths" } else if replaced { "needs and strengths replaced (the earlier ones kept in the history)" } else { "needs and strengths saved" };
            let proposals = if proposals_added == 1 { "1 agenda proposal".to_string() } else { format!("{proposals_added} agenda proposals") };
            println!("Imported {} for {network}: {what}; {proposals} added; {}.", file.display(), if registered { "registration recorded" } else { "no registration" });
            Ok(())
        }
    }
}

pub fn import_form(store: &mut Store, file: &Path, meeting: i64, map: &[String], create_missing: bool) -> Result<(), String> {
    let err = |e: forum_core::Error| e.to_string();
    let (mapping, _) = super::form_mapping(store, file, map)?;
    let preview = submission_import::preview(store, file, meeting, Some(mapping.clone())).map_err(err)?;
    for c in &preview.columns {
        eprintln!("  {:<40} -> {}", c.header, c.field.as_str());
    }
    let resolutions = forum_core::import::form_import::unattended_resolutions(&preview.networks, create_missing);
    let r = submission_import::import(store, file, meeting, &mapping, &resolutions).map_err(|e| super::unsettled(e, create_missing))?;
    println!(
        "Imported {}: {} networks' needs and strengths ({} replacing earlier ones), {} networks added; {} repeated answers and {} for other meetings left out.",
        file.display(),
        r.saved,
        r.replaced,
        r.networks_created,
        r.repeats,
        r.other_meetings
    );
    Ok(())
}

pub fn show(store: &Store, meeting: i64, json: bool, csv: Option<&Path>) -> Result<(), String> {
    let look = forward_look::build(store, meeting).map_err(|e| e.to_string())?;
    if let Some(path) = csv {
        forward_look::export_csv(store, meeting, path).map_err(|e| e.to_string())?;
        eprintln!("Wrote {}.", path.display());
    }
    if json {
        println!("{}", to_json(&look)?);
        return Ok(());
    }
    println!("Forward look: {} ({})", look.meeting_title, look.meeting_date);
    println!("{} networks have sent their needs and strengths; {} have not.", look.submissions.len(), look.chase.len());
    for m in &look.matches {
        println!("\nNEED  {} ({}): {}", m.need.network_name, m.need.department, m.need.text);
        if m.helpers.is_empty() {
            println!("      no other network lists a matching strength yet");
        }
        for h in &m.helpers {
            let mut why = Vec::new();
            if h.why.same_theme {
                why.push("same theme".to_string());
            }
            if !h.why.shared_terms.is_empty() {
                why.push(format!("shares: {}", h.why.shared_terms.join(", ")));
            }
            println!("  ->  {} ({}): {}  [{}]", h.strength.network_name, h.strength.department, h.strength.text, why.join("; "));
        }
    }
    if !look.chase.is_empty() {
        println!("\nTo chase:");
        for c in &look.chase {
            println!("  {} ({}): {}", c.name, c.department, if c.contacts.is_empty() { "no contact recorded".into() } else { c.contacts.join(", ") });
        }
    }
    Ok(())
}
