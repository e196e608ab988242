//! The networks register: what the window and the command line do with networks.

use std::path::Path;

use rusqlite::TransactionBehavior;
use serde::Serialize;
use ts_rs::TS;

use crate::import::{self, networks_yaml};
use crate::model::{Network, NetworkFilter, NetworkInput};
use crate::store::{self, networks as q, StoreError};
use crate::{Result, Store};

pub fn list(store: &Store, filter: &NetworkFilter) -> Result<Vec<Network>> {
    Ok(q::list(store.conn(), filter)?)
}

pub fn get(store: &Store, id: i64) -> Result<Network> {
    Ok(q::get(store.conn(), id)?)
}

pub fn create(store: &mut Store, input: &NetworkInput) -> Result<Network> {
    let valid = input.validate()?;
    let tx = store.conn_mut().transaction()?;
    let id = q::insert(&tx, &valid)?;
    let n = q::get(&tx, id)?;
    tx.commit()?;
    Ok(n)
}

pub fn update(store: &mut Store, id: i64, input: &NetworkInput) -> Result<Network> {
    let valid = input.validate()?;
    let tx = store.conn_mut().transaction()?;
    q::update(&tx, id, &valid)?;
    let n = q::get(&tx, id)?;
    tx.commit()?;
    Ok(n)
}

/// Deactivating keeps the network in the history but leaves it out of new work and
/// of the exported directory.
pub fn set_active(store: &mut Store, id: i64, active: bool) -> Result<Network> {
    let tx = store.conn_mut().transaction()?;
    q::set_active(&tx, id, active)?;
    let n = q::get(&tx, id)?;
    tx.commit()?;
    Ok(n)
}

/// Deletes a network that nothing else refers to (the schema refuses otherwise).
pub fn delete(store: &mut Store, id: i64) -> Result<()> {
    let tx = store.conn_mut().transaction()?;
    q::delete(&tx, id)?;
    tx.commit()?;
    Ok(())
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportSummary {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Entries listed by department only, e.g. "entry 12 (Department for Tides)".
    pub without_name: Vec<String>,
    /// Entries with no mailbox, e.g. "entry 4 (Canal Office, LGBT+ Network)".
    pub without_email: Vec<String>,
}

impl ImportSummary {
    /// One line for the command line and the window: what happened, then what is missing.
    pub fn describe(&self, file: &str) -> String {
        let mut s = format!("Imported {file}: {} added, {} updated, {} unchanged.", self.added, self.updated, self.unchanged);
        if !self.without_name.is_empty() {
            s.push_str(&format!(" No network name (kept as \u{201c}name not known\u{201d}): {}.", self.without_name.join("; ")));
        }
        if !self.without_email.is_empty() {
            s.push_str(&format!(" No email: {}.", self.without_email.join("; ")));
        }
        s
    }
}

/// Imports the website's networks directory from a file: all of it, or (on any bad
/// entry) nothing. Networks already in the register (same department and name,
/// ignoring case) are updated, not duplicated.
pub fn import_directory(store: &mut Store, path: &Path) -> Result<ImportSummary> {
    let text = import::read_text(path)?;
    import_directory_text(store, &import::display_name(path), &text)
}

pub fn import_directory_text(store: &mut Store, file: &str, text: &str) -> Result<ImportSummary> {
    let entries = networks_yaml::parse(file, text)?;
    let tx = store.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut summary = ImportSummary::default();
    for (i, n) in entries.iter().enumerate() {
        let entry = if n.name_known() { format!("entry {} ({}, {})", i + 1, n.department, n.name) } else { format!("entry {} ({})", i + 1, n.department) };
        if !n.name_known() {
            summary.without_name.push(entry.clone());
        }
        if n.email.is_none() {
            summary.without_email.push(entry);
        }
        match q::find_by_key(&tx, &n.match_key())? {
            Some(existing) if q::update(&tx, existing.id, n)? => summary.updated += 1,
            Some(_) => summary.unchanged += 1,
            None => {
                q::insert(&tx, n)?;
                summary.added += 1;
            }
        }
    }
    tx.commit()?;
    Ok(summary)
}

/// The active networks in the directory's YAML shape, for the website.
pub fn export_directory_text(store: &Store) -> Result<String> {
    let networks = q::list(store.conn(), &NetworkFilter::default())?;
    Ok(networks_yaml::render(&networks))
}

/// Writes the directory to `path`; returns how many networks it holds.
pub fn export_directory(store: &Store, path: &Path) -> Result<usize> {
    let networks = q::list(store.conn(), &NetworkFilter::default())?;
    let text = networks_yaml::render(&networks);
    crate::files::write_atomic(path, text.as_bytes()).map_err(|e| StoreError::io(path, e))?;
    Ok(networks.len())
}

pub fn count(store: &Store) -> Result<i64> {
    Ok(store::networks::count(store.conn())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NetworkType;

    const DIR: &str = "\
- type: 'agency'
  department: 'Coal Authority'
  network: 'Rainbow Network'
  email: 'rainbow@coal.example.uk'
  parent: 'Department for Energy'

- type: 'ministerial department'
  department: 'Cabinet Office'
  network: 'LGBT+ Network'
";

    fn input(name: &str) -> NetworkInput {
        NetworkInput { name: name.into(), department: "Home Office".into(), kind: "ministerial department".into(), ..Default::default() }
    }

    #[test]
    fn reimport_updates_instead_of_duplicating() {
        let mut s = Store::open_in_memory().unwrap();
        let counts = |s: ImportSummary| (s.added, s.updated, s.unchanged);
        let first = import_directory_text(&mut s, "n.yml", DIR).unwrap();
        assert_eq!(first.without_email, ["entry 2 (Cabinet Office, LGBT+ Network)"]);
        assert_eq!(counts(first), (2, 0, 0));
        let changed = DIR.replace("rainbow@coal.example.uk", "new@coal.example.uk").replace("'Cabinet Office'", "'cabinet office'");
        assert_eq!(counts(import_directory_text(&mut s, "n.yml", &changed).unwrap()), (0, 2, 0));
        assert_eq!(counts(import_directory_text(&mut s, "n.yml", &changed).unwrap()), (0, 0, 2));
        let all = list(&s, &NetworkFilter::default()).unwrap();
        assert_eq!(all.len(), 2);
        assert!(all.iter().any(|n| n.email.as_deref() == Some("new@coal.example.uk")));
    }

    #[test]
    fn a_bad_entry_changes_nothing() {
        let mut s = Store::open_in_memory().unwrap();
        import_directory_text(&mut s, "n.yml", DIR).unwrap();
        let before = list(&s, &NetworkFilter::default()).unwrap();
        let bad = format!("{}\n- type: agency\n  department: X\n  network: Y\n  email: not-an-email\n", DIR.replace("rainbow@", "changed@"));
        let err = import_directory_text(&mut s, "n.yml", &bad).unwrap_err();
        assert_eq!(err.code(), "file_entry");
        assert!(err.to_string().contains("entry 3"), "{err}");
        assert_eq!(list(&s, &NetworkFilter::default()).unwrap(), before);
    }

    #[test]
    fn export_then_import_is_the_same_register() {
        let mut s = Store::open_in_memory().unwrap();
        import_directory_text(&mut s, "n.yml", DIR).unwrap();
        let yaml = export_directory_text(&s).unwrap();
        let mut t = Store::open_in_memory().unwrap();
        import_directory_text(&mut t, "out.yml", &yaml).unwrap();
        let strip = |v: Vec<Network>| v.into_iter().map(|n| (n.name, n.department, n.kind, n.parent, n.email)).collect::<Vec<_>>();
        assert_eq!(strip(list(&s, &Default::default()).unwrap()), strip(list(&t, &Default::default()).unwrap()));
    }

    #[test]
    fn a_network_known_by_its_department_round_trips() {
        let mut s = Store::open_in_memory().unwrap();
        let dir = format!("{DIR}\n- type: 'ministerial department'\n  department: 'Department for Tides'\n  network: ''\n");
        let summary = import_directory_text(&mut s, "n.yml", &dir).unwrap();
        assert_eq!(summary.without_name, ["entry 3 (Department for Tides)"]);
        assert!(summary.describe("n.yml").contains("No network name (kept as \u{201c}name not known\u{201d}): entry 3 (Department for Tides)."));
        let tides = list(&s, &NetworkFilter::default()).unwrap().into_iter().find(|n| n.department == "Department for Tides").unwrap();
        assert_eq!((tides.name.as_str(), tides.name_known), ("Department for Tides network (name not known)", false));
        let yaml = export_directory_text(&s).unwrap();
        assert!(yaml.contains("department: Department for Tides\n  network: ''\n"), "{yaml}");
        // The website's file imported again is the same register, not a second network.
        let again = import_directory_text(&mut s, "n.yml", &yaml).unwrap();
        assert_eq!((again.added, again.unchanged), (0, 3));
        // Once the chair knows the name, it is the network's name everywhere.
        let named = update(&mut s, tides.id, &NetworkInput { name: "Tidal Pride".into(), department: tides.department.clone(), kind: "ministerial department".into(), ..Default::default() }).unwrap();
        assert_eq!((named.name.as_str(), named.name_known), ("Tidal Pride", true));
        assert!(export_directory_text(&s).unwrap().contains("network: Tidal Pride\n"));
    }

    #[test]
    fn create_edit_deactivate() {
        let mut s = Store::open_in_memory().unwrap();
        let n = create(&mut s, &input("Pride")).unwrap();
        assert!(n.active);
        let dup = create(&mut s, &input(" pride ")).unwrap_err();
        assert_eq!((dup.code(), dup.field()), ("conflict", Some("name")));
        let mut edited = input("Pride at Home");
        edited.email = Some("pride@home.example.uk".into());
        let e = update(&mut s, n.id, &edited).unwrap();
        assert_eq!(e.name, "Pride at Home");
        set_active(&mut s, n.id, false).unwrap();
        assert!(list(&s, &NetworkFilter::default()).unwrap().is_empty());
        let all = list(&s, &NetworkFilter { include_inactive: true, ..Default::default() }).unwrap();
        assert_eq!(all.len(), 1);
        assert!(!all[0].active);
        assert!(export_directory_text(&s).unwrap().starts_with("[]"), "inactive networks are not published");
    }

    #[test]
    fn invalid_input_is_not_saved() {
        let mut s = Store::open_in_memory().unwrap();
        let mut bad = input("Pride");
        bad.email = Some("pride at home".into());
        let e = create(&mut s, &bad).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid", Some("email")));
        assert_eq!(count(&s).unwrap(), 0);
        assert_eq!(update(&mut s, 99, &input("x")).unwrap_err().code(), "not_found");
    }

    #[test]
    fn search_matches_every_word_in_any_field_and_filters_by_type() {
        let mut s = Store::open_in_memory().unwrap();
        import_directory_text(&mut s, "n.yml", DIR).unwrap();
        let find = |q: &str, kind: Option<NetworkType>| {
            list(&s, &NetworkFilter { search: Some(q.into()), kind, include_inactive: false })
                .unwrap()
                .into_iter()
                .map(|n| n.department)
                .collect::<Vec<_>>()
        };
        assert_eq!(find("RAINBOW coal", None), ["Coal Authority"]);
        assert_eq!(find("energy", None), ["Coal Authority"], "parent department is searched");
        assert_eq!(find("network", Some(NetworkType::MinisterialDepartment)), ["Cabinet Office"]);
        assert!(find("rainbow cabinet", None).is_empty());
        assert_eq!(find("  ", None).len(), 2);
    }
}
