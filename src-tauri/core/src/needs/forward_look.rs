//! The forward look for a meeting cycle: who has sent their needs and strengths (and
//! whom to chase), everything grouped by theme, and for each need the other networks'
//! strengths that could help, ranked, with the reason.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::matching::statements::{MatchWhy, Strength, StrengthIndex};
use crate::model::{Statement, Submission};
use crate::store::{self, StoreError};
use crate::{people::attendance, Result, Store};

/// Helpers listed for each need.
pub const HELPERS_PER_NEED: usize = 3;

/// A need or strength with the network that sent it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Entry {
    #[ts(type = "number")]
    pub statement_id: i64,
    #[ts(type = "number")]
    pub network_id: i64,
    pub network_name: String,
    pub department: String,
    pub rank: u8,
    pub text: String,
    pub detail: Option<String>,
    pub theme: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Helper {
    pub strength: Entry,
    pub score: f32,
    pub why: MatchWhy,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NeedMatches {
    pub need: Entry,
    /// Best first; empty when no other network's strength shares a theme or a word.
    pub helpers: Vec<Helper>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ThemeGroup {
    /// None for statements filed under no theme.
    pub theme: Option<String>,
    pub needs: Vec<Entry>,
    pub strengths: Vec<Entry>,
}

/// A network that has not sent its needs and strengths, and whom to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Chase {
    #[ts(type = "number")]
    pub network_id: i64,
    pub name: String,
    pub department: String,
    pub contacts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ForwardLook {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub meeting_title: String,
    pub meeting_date: String,
    pub submissions: Vec<Submission>,
    pub chase: Vec<Chase>,
    /// In the order of the theme list, then "no theme"; themes with nothing are left out.
    pub themes: Vec<ThemeGroup>,
    pub matches: Vec<NeedMatches>,
}

fn entry(s: &Submission, st: &Statement) -> Entry {
    Entry {
        statement_id: st.id,
        network_id: s.network_id,
        network_name: s.network_name.clone(),
        department: s.department.clone(),
        rank: st.rank,
        text: st.text.clone(),
        detail: st.detail.clone(),
        theme: st.theme.clone(),
    }
}

pub fn build(store: &Store, meeting_id: i64) -> Result<ForwardLook> {
    let mut look = without_chase(store, meeting_id)?;
    let contacts = attendance::contacts(store.conn())?;
    look.chase = store::networks::list(store.conn(), &Default::default())?
        .into_iter()
        .filter(|n| !look.submissions.iter().any(|s| s.network_id == n.id))
        .map(|n| Chase { network_id: n.id, contacts: attendance::contact_list(&n, &contacts), name: n.name, department: n.department })
        .collect();
    Ok(look)
}

/// The forward look without the networks to chase and their contacts (`chase` is
/// empty): what the readout publishes, which never names who has not sent theirs.
pub fn without_chase(store: &Store, meeting_id: i64) -> Result<ForwardLook> {
    let conn = store.conn();
    let meeting = store::meetings::get(conn, meeting_id)?;
    let submissions = store::submissions::current_for_meeting(conn, meeting_id)?;
    let needs: Vec<Entry> = submissions.iter().flat_map(|s| s.needs.iter().map(move |st| entry(s, st))).collect();
    let strengths: Vec<Entry> = submissions.iter().flat_map(|s| s.strengths.iter().map(move |st| entry(s, st))).collect();

    let index = StrengthIndex::new(strengths.iter().map(|e| Strength { key: e.statement_id, network_id: e.network_id, text: e.text.clone(), theme: e.theme.clone() }).collect());
    // By statement, for the helpers: a search of the list per helper was quadratic.
    let by_id: std::collections::HashMap<i64, &Entry> = strengths.iter().map(|s| (s.statement_id, s)).collect();
    let matches = needs
        .iter()
        .map(|need| NeedMatches {
            need: need.clone(),
            helpers: index
                .matches(&need.text, need.theme.as_deref(), need.network_id, HELPERS_PER_NEED)
                .into_iter()
                .filter_map(|m| by_id.get(&m.key).map(|s| Helper { strength: (*s).clone(), score: m.score, why: m.why }))
                .collect(),
        })
        .collect();

    let mut themes: Vec<ThemeGroup> = store::themes::list(conn)?.into_iter().map(|t| Some(t.name)).chain([None]).map(|theme| ThemeGroup { theme, needs: Vec::new(), strengths: Vec::new() }).collect();
    for (list, is_need) in [(&needs, true), (&strengths, false)] {
        for e in list {
            if let Some(g) = themes.iter_mut().find(|g| g.theme == e.theme) {
                if is_need { g.needs.push(e.clone()) } else { g.strengths.push(e.clone()) }
            }
        }
    }
    themes.retain(|g| !g.needs.is_empty() || !g.strengths.is_empty());

    Ok(ForwardLook { meeting_id, meeting_title: meeting.title, meeting_date: meeting.date, submissions, chase: Vec::new(), themes, matches })
}

/// One row per need and helper (a need with no helper has one row of its own).
pub fn to_csv(look: &ForwardLook) -> Result<String> {
    use crate::publishing::spreadsheet::{Cell, CsvTable};
    let mut table = CsvTable::new(&["Need", "Need rank", "Network in need", "Department", "Theme", "Match", "Strength", "Network that can help", "Its department", "Same theme", "Shared words", "Score"])?;
    for m in &look.matches {
        let n = &m.need;
        let theme = n.theme.clone().unwrap_or_default();
        let need = [Cell::Text(&n.text), Cell::Number(f64::from(n.rank)), Cell::Text(&n.network_name), Cell::Text(&n.department), Cell::Text(&theme)];
        if m.helpers.is_empty() {
            table.row(need.iter().cloned().chain(["", "", "", "", "", "", ""].map(Cell::Text)))?;
        }
        for (i, h) in m.helpers.iter().enumerate() {
            let s = &h.strength;
            let shared = h.why.shared_terms.join(", ");
            let rest = [
                Cell::Number(i as f64 + 1.0),
                Cell::Text(&s.text),
                Cell::Text(&s.network_name),
                Cell::Text(&s.department),
                Cell::Text(if h.why.same_theme { "yes" } else { "" }),
                Cell::Text(&shared),
                Cell::Number(f64::from(h.score)),
            ];
            table.row(need.iter().cloned().chain(rest))?;
        }
    }
    table.finish()
}

pub fn export_csv(store: &Store, meeting_id: i64, path: &Path) -> Result<usize> {
    let look = build(store, meeting_id)?;
    let text = to_csv(&look)?;
    crate::files::write_atomic(path, text.as_bytes()).map_err(|e| StoreError::io(path, e))?;
    Ok(look.matches.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeetingInput, NetworkInput, StatementInput, SubmissionInput, SubmissionSource};
    use crate::{forum::meetings, needs, networks};

    fn st(t: &str) -> StatementInput {
        StatementInput { text: t.into(), ..Default::default() }
    }

    #[test]
    fn needs_meet_other_networks_strengths_and_the_silent_are_listed_to_chase() {
        let mut s = Store::open_in_memory().unwrap();
        let mut net = |name: &str, email: Option<&str>| {
            networks::create(&mut s, &NetworkInput { name: name.into(), department: format!("{name} Agency"), kind: "agency".into(), email: email.map(Into::into), ..Default::default() }).unwrap().id
        };
        let (a, b, c, quiet) = (net("Alpha", None), net("Beta", None), net("Gamma", None), net("Quiet", Some("quiet@q.gov.uk")));
        let m = meetings::create(&mut s, &MeetingInput { date: "2027-01-14".into(), start_time: "15:00".into(), end_time: "16:00".into(), ..Default::default() }, None).unwrap().id;
        let save = |s: &mut Store, n, needs_: Vec<&str>, strengths: Vec<&str>| {
            let input = SubmissionInput { network_id: n, needs: needs_.into_iter().map(st).collect(), strengths: strengths.into_iter().map(st).collect(), ..Default::default() };
            needs::save(s, m, &input, SubmissionSource::Entered).unwrap();
        };
        save(&mut s, a, vec!["We need volunteers to run our events"], vec!["Recruiting volunteers"]);
        save(&mut s, b, vec!["Help writing our Stonewall index submission"], vec!["Our volunteering rota keeps events running"]);
        save(&mut s, c, vec!["Ideas for bi visibility day"], vec!["We scored well in the Stonewall Workplace Equality Index and can share our evidence"]);
        let look = build(&s, m).unwrap();
        assert_eq!(look.submissions.len(), 3);
        assert_eq!(look.chase.iter().map(|c| (c.network_id, c.contacts.clone())).collect::<Vec<_>>(), vec![(quiet, vec!["quiet@q.gov.uk".to_string()])]);

        let helpers = |text: &str| look.matches.iter().find(|m| m.need.text.starts_with(text)).unwrap().helpers.iter().map(|h| h.strength.network_id).collect::<Vec<_>>();
        assert_eq!(helpers("We need volunteers")[0], b, "Beta's volunteering rota, never Alpha's own strength");
        assert!(!helpers("We need volunteers").contains(&a));
        assert_eq!(helpers("Help writing our Stonewall")[0], c);
        let stonewall = look.themes.iter().find(|g| g.theme.as_deref() == Some("Stonewall Workplace Equality Index submissions")).unwrap();
        assert_eq!((stonewall.needs.len(), stonewall.strengths.len()), (1, 1));

        let csv = to_csv(&look).unwrap();
        assert!(csv.starts_with("Need,Need rank,Network in need"), "{csv}");
        assert!(csv.contains("Help writing our Stonewall index submission,1,Beta,Beta Agency"), "{csv}");
    }
}
