//! The invented sample forum that `forum-desk demo` and the first-run screen load, so a
//! newcomer can see the app at work. Every name and address here is made up.

use crate::model::NetworkInput;
use crate::store::StoreError;
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

/// Loads the sample forum into an empty database.
pub fn load(store: &mut Store) -> Result<DemoSummary> {
    if networks::count(store)? > 0 {
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
        crate::store::networks::insert(&tx, &input.validate()?)?;
    }
    tx.commit()?;
    Ok(DemoSummary { networks: NETWORKS.len() })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub networks: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_once_into_an_empty_database() {
        let mut s = Store::open_in_memory().unwrap();
        assert_eq!(load(&mut s).unwrap().networks, 12);
        assert_eq!(networks::count(&s).unwrap(), 12);
        assert_eq!(load(&mut s).unwrap_err().code(), "conflict");
        assert_eq!(networks::count(&s).unwrap(), 12);
    }
}
