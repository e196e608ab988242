//! Importing needs and strengths from a form export (a column for each of need 1 to 3
//! and strength 1 to 3), with the same mapping step and network settling as
//! registrations. One submission per network; a network's later answer counts; a
//! network that already has a submission for the cycle gets the new one, the earlier
//! kept as history. All of the file, or nothing.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;
use ts_rs::TS;

use crate::import::form_import::{answered_at, cell_error, column_plans, create_networks, in_meeting, keep_latest, question, remember, settle, ColumnPlan, NetworkQuestion, NetworkResolution};
use crate::import::columns::{self, FormField, Mapping};
use crate::import::form::{self, FormKind, FormRow, FormTable};
use crate::import::ImportError;
use crate::matching::networks::Matcher;
use crate::model::needs::STATEMENT_MAX;
use crate::model::{text, Meeting, NetworkFilter, StatementKind, SubmissionSource, ValidStatement, ValidSubmission};
use crate::{needs, store, Result, Store};

const NEEDS: [FormField; 3] = [FormField::Need1, FormField::Need2, FormField::Need3];
const STRENGTHS: [FormField; 3] = [FormField::Strength1, FormField::Strength2, FormField::Strength3];

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SubmissionsPreview {
    pub file: String,
    pub kind: FormKind,
    pub columns: Vec<ColumnPlan>,
    pub remembered: bool,
    pub answers: u32,
    /// Networks with an answer for this cycle (after repeats are folded).
    pub submitting: u32,
    pub repeats: u32,
    pub other_meetings: u32,
    /// Networks (already settled) whose current submission this would replace.
    pub replacing: Vec<String>,
    pub networks: Vec<NetworkQuestion>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SubmissionsImportResult {
    pub saved: u32,
    pub replaced: u32,
    pub networks_created: u32,
    pub repeats: u32,
    pub other_meetings: u32,
}

struct Planned {
    network_key: String,
    submitted_by: Option<String>,
    answered_at: Option<String>,
    statements: Vec<ValidStatement>,
}

struct Plan {
    rows: Vec<Planned>,
    questions: HashMap<String, NetworkQuestion>,
    repeats: u32,
    other_meetings: u32,
}

pub fn preview(store: &Store, path: &Path, meeting_id: i64, mapping: Option<Mapping>) -> Result<SubmissionsPreview> {
    let table = form::read(path)?;
    let meeting = store::meetings::get(store.conn(), meeting_id)?;
    let (mapping, remembered) = match mapping {
        Some(m) => (m, false),
        None => crate::import::form_import::remembered_or_guessed(store, &table)?,
    };
    let plan = plan(store.conn(), &table, &meeting, &mapping)?;
    let mut replacing = Vec::new();
    for q in plan.questions.values() {
        if let Some(id) = q.chosen {
            if let Some(s) = store::submissions::current(store.conn(), meeting_id, id)? {
                replacing.push(s.network_name);
            }
        }
    }
    replacing.sort();
    replacing.dedup();
    let networks = crate::import::form_import::questions_in_order(plan.questions);
    Ok(SubmissionsPreview {
        file: table.file.clone(),
        kind: table.kind,
        columns: column_plans(&table, &mapping),
        remembered,
        answers: table.rows.len() as u32,
        submitting: plan.rows.len() as u32,
        repeats: plan.repeats,
        other_meetings: plan.other_meetings,
        replacing,
        networks,
    })
}

pub fn import(store: &mut Store, path: &Path, meeting_id: i64, mapping: &Mapping, resolutions: &[NetworkResolution]) -> Result<SubmissionsImportResult> {
    let table = form::read(path)?;
    let meeting = store::meetings::get(store.conn(), meeting_id)?;
    let plan = plan(store.conn(), &table, &meeting, mapping)?;
    let choices = settle(&table.file, &plan.questions, resolutions)?;
    let tx = store.conn_mut().transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut result = SubmissionsImportResult { repeats: plan.repeats, other_meetings: plan.other_meetings, ..Default::default() };
    let networks = create_networks(&tx, &choices, &mut result.networks_created)?;
    // Two names from the form may settle on the same network: its later answer counts.
    let mut by_network: HashMap<i64, &Planned> = HashMap::new();
    for row in &plan.rows {
        match networks.get(&row.network_key).copied().flatten() {
            Some(id) => {
                if by_network.insert(id, row).is_some() {
                    result.repeats += 1;
                }
            }
            None => return Err(ImportError::Unresolved { file: table.file.clone(), message: format!("needs and strengths belong to a network; choose one for \u{201c}{}\u{201d}", plan.questions[&row.network_key].said) }.into()),
        }
    }
    let mut ids: Vec<_> = by_network.into_iter().collect();
    ids.sort_by_key(|(id, _)| *id);
    for (network_id, row) in ids {
        result.replaced += u32::from(store::submissions::current(&tx, meeting_id, network_id)?.is_some());
        let valid = ValidSubmission { network_id, submitted_by: row.submitted_by.clone(), statements: row.statements.clone() };
        needs::save_in(&tx, meeting_id, &valid, SubmissionSource::Form, row.answered_at.as_deref())?;
        result.saved += 1;
    }
    remember(&tx, &table, mapping)?;
    tx.commit()?;
    Ok(result)
}

fn plan(conn: &Connection, table: &FormTable, meeting: &Meeting, mapping: &Mapping) -> Result<Plan> {
    columns::check(table, mapping).map_err(|message| ImportError::Unresolved { file: table.file.clone(), message })?;
    let col = |f| columns::column_of(mapping, f);
    if col(FormField::Network).is_none() && col(FormField::Department).is_none() {
        return Err(ImportError::Unresolved { file: table.file.clone(), message: "choose the column that holds the network (or its department)".into() }.into());
    }
    if NEEDS.iter().chain(&STRENGTHS).all(|f| col(*f).is_none()) {
        return Err(ImportError::Unresolved { file: table.file.clone(), message: "choose the columns that hold the needs and strengths".into() }.into());
    }
    let matcher = Matcher::new(&store::networks::list(conn, &NetworkFilter::default())?);
    let mut plan = Plan { rows: Vec::new(), questions: HashMap::new(), repeats: 0, other_meetings: 0 };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        if !in_meeting(table, row, mapping, meeting)? {
            plan.other_meetings += 1;
            continue;
        }
        let cell = |f| col(f).map_or("", |i| row.cells[i].as_str());
        let mut statements = statements_of(table, row, mapping, StatementKind::Need, &NEEDS)?;
        statements.extend(statements_of(table, row, mapping, StatementKind::Strength, &STRENGTHS)?);
        if statements.is_empty() {
            continue;
        }
        let email = col(FormField::Email).map(|i| row.cells[i].as_str()).filter(|e| e.contains('@'));
        let network_key = question(&mut plan.questions, &matcher, cell(FormField::Network), cell(FormField::Department), email, row.number);
        let submitted_by = Some(cell(FormField::Name).to_string()).filter(|n| !n.is_empty()).map(|n| text::truncate(&n, 200));
        let planned = Planned { network_key: network_key.clone(), submitted_by, answered_at: answered_at(table, row, mapping)?, statements };
        plan.repeats += u32::from(keep_latest(&mut seen, &mut plan.rows, network_key, planned));
    }
    Ok(plan)
}

/// The row's needs (or strengths) in column order; blank cells are skipped, so a network
/// that sent two needs has needs 1 and 2.
fn statements_of(table: &FormTable, row: &FormRow, mapping: &Mapping, kind: StatementKind, fields: &[FormField; 3]) -> Result<Vec<ValidStatement>> {
    let mut out = Vec::new();
    for f in fields {
        let Some(i) = columns::column_of(mapping, *f) else { continue };
        let value = row.cells[i].trim();
        if value.is_empty() {
            continue;
        }
        let n = value.chars().count();
        if n > STATEMENT_MAX {
            return Err(cell_error(table, row, i, &format!("a need or strength is {STATEMENT_MAX} characters or fewer (this has {n}); put the rest in the detail")).into());
        }
        out.push(ValidStatement { kind, rank: out.len() as u8 + 1, text: value.to_string(), detail: None, theme: None });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::form_import::NetworkChoice;
    use crate::model::{MeetingInput, NetworkInput};
    use crate::{forum::meetings, networks};

    const FORM: &str = "Timestamp,Your name,Network,Top need 1,Need 2,Need 3,Strength 1,Strength 2,Strength 3\r\n\
        01/12/2026 10:00:00,Sam,Department for Education,Volunteers for events,,A senior sponsor,Comms,,\r\n\
        02/12/2026 10:00:00,Ana,Department for Transport,Trans inclusion training,,,Pride stalls,Data,\r\n\
        03/12/2026 10:00:00,Sam,DfE,Volunteers for regional events,,,Our newsletter,,\r\n\
        04/12/2026 10:00:00,Lee,Ministry of Magic,Wands,,,,,\r\n";

    fn setup() -> (Store, i64, tempfile::TempDir) {
        let mut s = Store::open_in_memory().unwrap();
        for (name, dept) in [("Learning with Pride", "Department for Education"), ("Open Road", "Department for Transport")] {
            networks::create(&mut s, &NetworkInput { name: name.into(), department: dept.into(), kind: "ministerial department".into(), ..Default::default() }).unwrap();
        }
        let m = meetings::create(&mut s, &MeetingInput { date: "2027-01-14".into(), start_time: "15:00".into(), end_time: "16:00".into(), ..Default::default() }, None).unwrap().id;
        (s, m, tempfile::tempdir().unwrap())
    }

    #[test]
    fn a_form_of_needs_and_strengths_all_or_nothing() {
        let (mut s, m, dir) = setup();
        let path = dir.path().join("needs.csv");
        std::fs::write(&path, FORM).unwrap();
        let p = preview(&s, &path, m, None).unwrap();
        let fields: Vec<_> = p.columns.iter().map(|c| c.field).collect();
        use FormField::*;
        assert_eq!(fields, [Timestamp, Name, Network, Need1, Need2, Need3, Strength1, Strength2, Strength3]);
        assert_eq!((p.answers, p.submitting, p.repeats), (4, 4, 0), "DfE and Department for Education are two names until settled");
        let e = import(&mut s, &path, m, &fields, &[]).unwrap_err();
        assert!(e.to_string().contains("\u{201c}Ministry of Magic\u{201d} (row 5)"), "{e}");
        assert_eq!(needs::for_meeting(&s, m).unwrap().len(), 0);

        let none = NetworkResolution { key: text::match_key(&["Ministry of Magic"]), choice: NetworkChoice::NoNetwork };
        let e = import(&mut s, &path, m, &fields, &[none]).unwrap_err();
        assert!(e.to_string().contains("needs and strengths belong to a network"), "{e}");

        let create = NetworkResolution { key: text::match_key(&["Ministry of Magic"]), choice: NetworkChoice::Create { name: "Wand Club".into(), department: "Ministry of Magic".into() } };
        let r = import(&mut s, &path, m, &fields, &[create]).unwrap();
        assert_eq!((r.saved, r.replaced, r.networks_created, r.repeats), (3, 0, 1, 1));
        let subs = needs::for_meeting(&s, m).unwrap();
        let dfe = subs.iter().find(|x| x.department == "Department for Education").unwrap();
        assert_eq!(dfe.needs.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(), ["Volunteers for regional events"], "the later answer counts");
        let dft = subs.iter().find(|x| x.department == "Department for Transport").unwrap();
        assert_eq!(dft.strengths.iter().map(|n| (n.rank, n.text.as_str())).collect::<Vec<_>>(), [(1, "Pride stalls"), (2, "Data")]);
        assert_eq!(dft.submitted_by.as_deref(), Some("Ana"));

        let again = preview(&s, &path, m, None).unwrap();
        assert!(again.remembered);
        assert_eq!(again.replacing, ["Learning with Pride", "Open Road", "Wand Club"]);
    }

    #[test]
    fn an_overlong_statement_is_named_by_row_and_column() {
        let (mut s, m, dir) = setup();
        let path = dir.path().join("long.csv");
        std::fs::write(&path, format!("Network,Need 1\nDfE,{}\n", "x".repeat(281))).unwrap();
        let e = import(&mut s, &path, m, &vec![FormField::Network, FormField::Need1], &[]).unwrap_err();
        assert_eq!(e.to_string(), "long.csv, row 2, column \u{201c}Need 1\u{201d}: a need or strength is 280 characters or fewer (this has 281); put the rest in the detail");
    }
}
