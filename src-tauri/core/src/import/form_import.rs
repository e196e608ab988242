//! What every form import shares: the column plan shown in the mapping step, the mapping
//! remembered per form, and the network names from the form settled against the
//! register (taken when the match is confident, otherwise chosen or created by the
//! chair) before anything is written.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::import::columns::{self, FormField, Mapping};
use crate::import::form::{FormRow, FormTable};
use crate::import::{dates, ImportError};
use crate::matching::networks::{email_domain, Matcher, NetworkGuess, CONFIDENT};
use crate::model::{text, Meeting, NetworkInput};
use crate::store;
use crate::{settings, Result, Store};

/// A column as the mapping step shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ColumnPlan {
    pub header: String,
    pub field: FormField,
    /// The first few answers in the column, to help the chair recognise it.
    pub samples: Vec<String>,
}

/// A network name from the file (with the rows that gave it) and what it may be.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NetworkQuestion {
    pub key: String,
    /// What the rows say, e.g. "DfE LGBT network" or "Department for Education".
    pub said: String,
    pub rows: Vec<u32>,
    pub guesses: Vec<NetworkGuess>,
    /// The network taken without asking, when the best guess is confident.
    #[ts(type = "number | null")]
    pub chosen: Option<i64>,
}

/// The chair's answer for one network name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum NetworkChoice {
    Existing {
        #[serde(rename = "networkId")]
        #[ts(type = "number", rename = "networkId")]
        network_id: i64,
    },
    /// Add the network to the register (type "other" until the chair edits it).
    Create { name: String, department: String },
    /// The person represents no network (e.g. the forum team).
    NoNetwork,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NetworkResolution {
    pub key: String,
    pub choice: NetworkChoice,
}

/// The choices for the command line, which cannot ask: confident matches are taken;
/// the rest become new networks when `create_missing` is set, or stay unsettled (and
/// `import` then refuses, naming them).
pub fn unattended_resolutions(questions: &[NetworkQuestion], create_missing: bool) -> Vec<NetworkResolution> {
    questions
        .iter()
        .filter(|q| q.chosen.is_none() && create_missing)
        .map(|q| {
            let (name, department) = split_said(&q.said);
            NetworkResolution { key: q.key.clone(), choice: NetworkChoice::Create { name, department } }
        })
        .collect()
}

/// Files the row's network name under its question (asking the matcher once per
/// distinct name) and returns the question's key.
pub(crate) fn question(
    questions: &mut HashMap<String, NetworkQuestion>,
    matcher: &Matcher,
    network: &str,
    department: &str,
    email: Option<&str>,
    row: usize,
) -> String {
    let said = match (network.is_empty(), department.is_empty()) {
        (false, false) => format!("{network} ({department})"),
        (false, true) => network.to_string(),
        (true, false) => department.to_string(),
        (true, true) => email.and_then(email_domain).map(|d| format!("@{d}")).unwrap_or_default(),
    };
    let key = text::match_key(&[&said]);
    let q = questions.entry(key.clone()).or_insert_with(|| {
        let guesses = if said.is_empty() { Vec::new() } else { matcher.guesses(network, Some(department).filter(|d| !d.is_empty()), email) };
        let chosen = guesses.first().filter(|g| g.confidence >= CONFIDENT).map(|g| g.network_id);
        NetworkQuestion { key: key.clone(), said, rows: Vec::new(), guesses, chosen }
    });
    q.rows.push(row as u32);
    key
}

/// Each question's network: the chair's answer, else the confident guess. A name with
/// neither stops the import, listing every such name.
pub(crate) fn settle(file: &str, questions: &HashMap<String, NetworkQuestion>, resolutions: &[NetworkResolution]) -> Result<HashMap<String, NetworkChoice>> {
    let mut choices = HashMap::new();
    let mut open = Vec::new();
    for q in questions.values() {
        let answer = resolutions.iter().find(|r| r.key == q.key).map(|r| r.choice.clone());
        match (answer, q.chosen) {
            (Some(c), _) => choices.insert(q.key.clone(), c),
            (None, Some(id)) => choices.insert(q.key.clone(), NetworkChoice::Existing { network_id: id }),
            (None, None) if q.said.is_empty() => choices.insert(q.key.clone(), NetworkChoice::NoNetwork),
            (None, None) => {
                open.push(q);
                None
            }
        };
    }
    if open.is_empty() {
        return Ok(choices);
    }
    open.sort_by(|a, b| a.rows.cmp(&b.rows));
    let names: Vec<String> = open.iter().map(|q| format!("\u{201c}{}\u{201d} ({})", q.said, rows_text(&q.rows))).collect();
    Err(ImportError::Unresolved {
        file: file.into(),
        message: format!(
            "{} network name{} could not be matched to the register: {}. Choose a network for each, or add them as new networks. Nothing was imported.",
            open.len(),
            if open.len() == 1 { "" } else { "s" },
            names.join("; ")
        ),
    }
    .into())
}

fn rows_text(rows: &[u32]) -> String {
    let shown: Vec<String> = rows.iter().take(5).map(u32::to_string).collect();
    let more = if rows.len() > 5 { format!(" and {} more", rows.len() - 5) } else { String::new() };
    format!("row{} {}{more}", if rows.len() == 1 { "" } else { "s" }, shown.join(", "))
}

/// Adds the networks the chair chose to create; returns every question's network id.
pub(crate) fn create_networks(conn: &Connection, choices: &HashMap<String, NetworkChoice>, created: &mut u32) -> Result<HashMap<String, Option<i64>>> {
    let mut ids = HashMap::new();
    for (key, choice) in choices {
        let id = match choice {
            NetworkChoice::Existing { network_id } => Some(store::networks::get(conn, *network_id)?.id),
            NetworkChoice::NoNetwork => None,
            NetworkChoice::Create { name, department } => {
                let valid = NetworkInput { name: name.clone(), department: department.clone(), kind: "other".into(), parent: None, email: None }.validate()?;
                Some(match store::networks::find_by_key(conn, &valid.match_key())? {
                    Some(existing) => existing.id,
                    None => {
                        *created += 1;
                        store::networks::insert(conn, &valid)?
                    }
                })
            }
        };
        ids.insert(key.clone(), id);
    }
    Ok(ids)
}

/// "DfE LGBT network (Department for Education)" → name and department for a new network.
fn split_said(said: &str) -> (String, String) {
    match said.rsplit_once(" (") {
        Some((name, dept)) if dept.ends_with(')') => (name.to_string(), dept.trim_end_matches(')').to_string()),
        _ => ("LGBT+ network".to_string(), said.trim_start_matches('@').to_string()),
    }
}

pub(crate) fn cell_error(table: &FormTable, row: &FormRow, col: usize, message: &str) -> ImportError {
    ImportError::Cell { file: table.file.clone(), row: row.number, column: table.headers[col].clone(), message: message.into() }
}

pub(crate) fn column_plans(table: &FormTable, mapping: &Mapping) -> Vec<ColumnPlan> {
    table
        .headers
        .iter()
        .zip(mapping)
        .enumerate()
        .map(|(i, (header, field))| ColumnPlan {
            header: header.clone(),
            field: *field,
            samples: table.rows.iter().map(|r| r.cells[i].clone()).filter(|c| !c.is_empty()).take(3).map(|c| text::truncate(&c, 60)).collect(),
        })
        .collect()
}

/// The mapping remembered for this form (true), or else a guess from its headers.
pub fn remembered_or_guessed(store: &Store, table: &FormTable) -> Result<(Mapping, bool)> {
    let saved = settings::get(store, &columns::memory_key(&table.headers))?;
    let remembered: Option<Mapping> = saved.and_then(|s| serde_json::from_str(&s).ok()).filter(|m: &Mapping| m.len() == table.headers.len());
    Ok(match remembered {
        Some(m) => (m, true),
        None => (columns::guess(&table.headers), false),
    })
}

pub(crate) fn remember(conn: &Connection, table: &FormTable, mapping: &Mapping) -> Result<()> {
    let json = serde_json::to_string(mapping).map_err(|e| crate::store::StoreError::Conflict { field: None, message: e.to_string() })?;
    settings::set_in(conn, &columns::memory_key(&table.headers), &json)
}

/// Whether a row is for this meeting: always, unless a column holds the meeting date.
pub(crate) fn in_meeting(table: &FormTable, row: &FormRow, mapping: &Mapping, meeting: &Meeting) -> Result<bool> {
    let Some(i) = columns::column_of(mapping, FormField::MeetingDate) else { return Ok(true) };
    let date = dates::date_in(&row.cells[i]).ok_or_else(|| cell_error(table, row, i, "this is not a date (write it like 12/11/2019)"))?;
    Ok(date.format("%Y-%m-%d").to_string() == meeting.date)
}

/// When the row's answer was sent, when the form says.
pub(crate) fn answered_at(table: &FormTable, row: &FormRow, mapping: &Mapping) -> Result<Option<String>> {
    match columns::column_of(mapping, FormField::Timestamp) {
        Some(i) if !row.cells[i].is_empty() => Ok(Some(dates::timestamp(&row.cells[i]).ok_or_else(|| cell_error(table, row, i, "this is not a date and time"))?)),
        _ => Ok(None),
    }
}

/// Files `item` under `key`: a later answer with the same key replaces the earlier one
/// (people and networks correct themselves by answering again). True for a repeat.
pub(crate) fn keep_latest<T>(seen: &mut HashMap<String, usize>, list: &mut Vec<T>, key: String, item: T) -> bool {
    match seen.get(&key) {
        Some(&at) => {
            list[at] = item;
            true
        }
        None => {
            seen.insert(key, list.len());
            list.push(item);
            false
        }
    }
}

/// The network names as the chair settles them: those not matched first, then by name.
pub(crate) fn questions_in_order(questions: HashMap<String, NetworkQuestion>) -> Vec<NetworkQuestion> {
    let mut list: Vec<NetworkQuestion> = questions.into_values().collect();
    list.sort_by(|a, b| (a.chosen.is_some(), &a.said).cmp(&(b.chosen.is_some(), &b.said)));
    list
}
