//! Search everything: one box that finds any meeting, note, outcome, action, proposal,
//! network, need or strength, or person in the records, best first.
//!
//! The index is SQLite FTS5, one external-content index per table, kept in step by
//! triggers in the same transaction as every write (migration 0013): whatever writes a
//! row (the window, an import, `import all`, an erasure) updates its words with it.
//! `search` is the one function the window and the command line call.
//!
//! Ranking is FTS5's BM25 over the newest `CANDIDATES` matches of each kind. A word found
//! in twenty thousand actions would otherwise be ranked in full on every keystroke
//! (30 ms on the twenty-year forum); beyond that many, the newest are the ones ranked,
//! and the count says "more than". A year or network filter narrows to older records.

pub(crate) mod index;
mod query;
mod snippet;
mod sources;

use rusqlite::{Connection, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::ValidationError;
use crate::settings::AppMode;
use crate::{Result, Store};

pub use query::{MAX_CHARS, MAX_TERMS};
pub use snippet::SnippetRun;
use sources::{Source, SOURCES};

/// At most this many matches of each kind are counted and ranked (see the module's note).
pub const CANDIDATES: usize = 1000;
/// At most this many matches of a quoted phrase's words are read to find the phrase as
/// typed; past that, the count says "more than".
const PHRASE_SCAN: usize = 10 * CANDIDATES;
/// Hits shown per kind unless the query asks for another number.
pub const DEFAULT_LIMIT: u32 = 5;
pub const MAX_LIMIT: u32 = 100;

/// The kinds of record search finds, in the order their groups are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SearchKind {
    Meeting,
    /// Agenda items: title, description and notes.
    Item,
    Outcome,
    /// Actions and the updates recorded on them.
    Action,
    Proposal,
    /// Needs and strengths.
    Statement,
    Network,
    /// People: the chair's copy only.
    Person,
}

stored_words!(SearchKind {
    Meeting => "meeting",
    Item => "item",
    Outcome => "outcome",
    Action => "action",
    Proposal => "proposal",
    Statement => "statement",
    Network => "network",
    Person => "person",
});

impl SearchKind {
    /// The group's heading.
    pub fn label(self) -> &'static str {
        match self {
            SearchKind::Meeting => "Meetings",
            SearchKind::Item => "Agenda items and notes",
            SearchKind::Outcome => "Outcomes",
            SearchKind::Action => "Actions and updates",
            SearchKind::Proposal => "Proposals",
            SearchKind::Statement => "Needs and strengths",
            SearchKind::Network => "Networks",
            SearchKind::Person => "People",
        }
    }
}

/// Which part of the record the words were found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SearchField {
    Title,
    Location,
    Description,
    Notes,
    Outcome,
    Owner,
    Update,
    DeclineReason,
    Name,
    Department,
    Parent,
    Email,
    Need,
    Strength,
    Detail,
    Pronouns,
}

impl SearchField {
    pub fn label(self) -> &'static str {
        match self {
            SearchField::Title => "Title",
            SearchField::Location => "Location",
            SearchField::Description => "Description",
            SearchField::Notes => "Notes",
            SearchField::Outcome => "Outcome",
            SearchField::Owner => "Owner",
            SearchField::Update => "Update",
            SearchField::DeclineReason => "Reason declined",
            SearchField::Name => "Name",
            SearchField::Department => "Department",
            SearchField::Parent => "Parent department",
            SearchField::Email => "Email",
            SearchField::Need => "Need",
            SearchField::Strength => "Strength",
            SearchField::Detail => "Detail",
            SearchField::Pronouns => "Pronouns",
        }
    }
}

/// What to search for, and the filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchQuery {
    pub text: String,
    /// Only this kind of record.
    #[serde(default)]
    pub kind: Option<SearchKind>,
    /// Only records of meetings in this year (networks and people, which belong to no
    /// meeting, are left out when a year or dates are given).
    #[serde(default)]
    pub year: Option<i32>,
    /// Only records of meetings on or after this date (YYYY-MM-DD).
    #[serde(default)]
    pub from: Option<String>,
    /// Only records of meetings on or before this date (YYYY-MM-DD).
    #[serde(default)]
    pub to: Option<String>,
    /// Only records of this network: items and proposals it brought, actions it owns,
    /// its needs and strengths, its people, and the network itself.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub network_id: Option<i64>,
    /// Hits shown per kind (default 5, at most 100).
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchResults {
    /// The kinds with matches, in the order of `SearchKind`.
    pub groups: Vec<SearchGroup>,
    /// Matches counted across the groups.
    pub total: u32,
    /// Some group has more matches than it counted (`CANDIDATES` a kind).
    pub more: bool,
    /// A sentence for the person: nothing to search for, or part of the text left out.
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchGroup {
    pub kind: SearchKind,
    /// Matches of this kind (at most `CANDIDATES` for each table searched).
    pub count: u32,
    /// There are more matches than `count`.
    pub more: bool,
    /// The best first.
    pub hits: Vec<SearchHit>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SearchHit {
    /// The record's title: the item, the action's description, the network's name.
    pub title: String,
    /// Who or what it is about: the proposing or owning network, the department.
    pub context: Option<String>,
    pub field: SearchField,
    /// The matching text, with the words found highlighted.
    pub snippet: Vec<SnippetRun>,
    /// The meeting it belongs to (none for networks and people).
    pub meeting: Option<MeetingRef>,
    pub target: SearchTarget,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingRef {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub date: String,
}

/// Where a hit opens in the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "to", rename_all = "camelCase", rename_all_fields = "camelCase")]
#[ts(export)]
pub enum SearchTarget {
    Meeting {
        #[ts(type = "number")]
        meeting_id: i64,
    },
    /// An agenda item with its notes and outcomes (its place in the agenda, which the
    /// run-the-meeting screen is addressed by, as of the search).
    Item {
        #[ts(type = "number")]
        meeting_id: i64,
        #[ts(type = "number")]
        item_id: i64,
        position: u32,
    },
    Action {
        #[ts(type = "number")]
        action_id: i64,
    },
    Proposal {
        #[ts(type = "number")]
        meeting_id: i64,
        #[ts(type = "number")]
        proposal_id: i64,
    },
    /// A network's needs and strengths for a meeting's cycle.
    Submission {
        #[ts(type = "number")]
        meeting_id: i64,
        #[ts(type = "number")]
        network_id: i64,
    },
    Network {
        #[ts(type = "number")]
        network_id: i64,
    },
    Person {
        #[ts(type = "number")]
        person_id: i64,
    },
}

/// The filters, checked.
struct Filters {
    kind: Option<SearchKind>,
    from: Option<String>,
    to: Option<String>,
    network_id: Option<i64>,
    limit: usize,
    people: bool,
}

impl Filters {
    fn new(q: &SearchQuery, mode: AppMode) -> Result<Filters, ValidationError> {
        let date = |field: &str, value: &Option<String>| -> Result<Option<String>, ValidationError> {
            match value.as_deref().map(str::trim) {
                None | Some("") => Ok(None),
                Some(v) => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map(|d| Some(d.format("%Y-%m-%d").to_string()))
                    .map_err(|_| ValidationError::new(field, "Enter a real date, like 2024-03-31")),
            }
        };
        let (mut from, mut to) = (date("from", &q.from)?, date("to", &q.to)?);
        if let Some(year) = q.year {
            if from.is_some() || to.is_some() {
                return Err(ValidationError::new("year", "Choose a year or a range of dates, not both"));
            }
            if !(1900..=2200).contains(&year) {
                return Err(ValidationError::new("year", "Enter a year between 1900 and 2200"));
            }
            (from, to) = (Some(format!("{year:04}-01-01")), Some(format!("{year:04}-12-31")));
        }
        if let (Some(f), Some(t)) = (&from, &to) {
            if f > t {
                return Err(ValidationError::new("to", "The end date must be the same as or after the start date"));
            }
        }
        Ok(Filters {
            kind: q.kind,
            from,
            to,
            network_id: q.network_id,
            limit: q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize,
            people: mode == AppMode::Chair,
        })
    }

    fn dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// Whether a source can hold what the filters ask for.
    fn admits(&self, s: &Source) -> bool {
        self.kind.is_none_or(|k| k == s.kind)
            && (s.kind != SearchKind::Person || self.people)
            && (!self.dated() || s.date.is_some())
            && (self.network_id.is_none() || s.network.is_some())
    }
}

/// Searches every kind of record for `query.text`, with its filters: the best hits of
/// each kind, each with a highlighted snippet and where it opens. People are searched in
/// the chair's copy only. Text that holds no word to search for gives no groups and a
/// message, never an error; bad filters are errors on their field.
pub fn search(store: &Store, query: &SearchQuery) -> Result<SearchResults> {
    let filters = Filters::new(query, crate::settings::mode(store)?)?;
    let Some(parsed) = query::parse(&query.text) else {
        return Ok(SearchResults { groups: Vec::new(), total: 0, more: false, message: Some("Type a word to search for.".into()) });
    };
    let message = parsed.truncated.then(|| format!("Only the first {MAX_TERMS} words (and {MAX_CHARS} characters) were searched."));
    let fts = parsed.fts();
    let exact = parsed.exact_phrases();
    let conn = store.conn();
    // Notes saved since the index last read them are indexed first (migration 0014).
    crate::store::notes_index::index_saved_notes_now(conn)?;
    // One read transaction: every group sees the same records.
    let tx = conn.unchecked_transaction()?;
    let mut groups: Vec<SearchGroup> = Vec::new();
    for kind in SearchKind::ALL {
        // Actions and their updates are two tables (sources), one group.
        let sources: Vec<usize> = (0..SOURCES.len()).filter(|&i| SOURCES[i].kind == kind && filters.admits(&SOURCES[i])).collect();
        let (mut count, mut more) = (0, false);
        // (rank, source, rowid)
        let mut best: Vec<(f64, usize, i64)> = Vec::new();
        for &i in &sources {
            let found = candidates(&tx, &SOURCES[i], &fts, &exact, &filters)?;
            count += found.count;
            more |= found.more;
            best.extend(found.best.into_iter().map(|(rowid, rank)| (rank, i, rowid)));
        }
        if count == 0 {
            continue;
        }
        best.sort_by(|a, b| a.0.total_cmp(&b.0));
        best.truncate(filters.limit);
        // Each source's hits in one query, then back into rank order.
        let mut fetched: Vec<(usize, i64, SearchHit)> = Vec::new();
        for &i in &sources {
            let rowids: Vec<i64> = best.iter().filter(|b| b.1 == i).map(|b| b.2).collect();
            fetched.extend(hits(&tx, &SOURCES[i], &fts, &rowids)?.into_iter().map(|(rowid, h)| (i, rowid, h)));
        }
        let mut ranked = Vec::with_capacity(best.len());
        for (_, i, rowid) in &best {
            if let Some(at) = fetched.iter().position(|(s, id, _)| s == i && id == rowid) {
                ranked.push(fetched.swap_remove(at).2);
            }
        }
        groups.push(SearchGroup { kind, count, more, hits: ranked });
    }
    drop(tx);
    let total = groups.iter().map(|g| g.count).sum();
    let more = groups.iter().any(|g| g.more);
    Ok(SearchResults { groups, total, more, message })
}

/// The matches of one source: how many (up to `CANDIDATES`), and the best of them.
struct Found {
    count: u32,
    more: bool,
    /// (rowid, rank), best first, at most the limit.
    best: Vec<(i64, f64)>,
}

fn candidates(conn: &Connection, source: &Source, fts: &str, exact: &[Vec<String>], f: &Filters) -> Result<Found> {
    let none = Found { count: 0, more: false, best: Vec::new() };
    let (from, to) = (f.from.as_deref(), f.to.as_deref());
    let range = match source.bounds_sql(from, to, f.network_id) {
        None => None,
        Some((sql, params)) => match conn.prepare_cached(&sql)?.query_row(rusqlite::params_from_iter(params), |r| Ok((r.get(0)?, r.get(1)?)))? {
            (Some(low), Some(high)) => Some((low, high)),
            // Nothing of this kind in those dates or of that network.
            _ => return Ok(none),
        },
    };
    let among = match source.admitted_sql(from, to, f.network_id) {
        Some((sql, params)) => {
            let ids: Vec<i64> = conn.prepare_cached(&sql)?.query_map(rusqlite::params_from_iter(params), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            if ids.is_empty() {
                return Ok(none);
            }
            Some(serde_json::Value::from(ids).to_string())
        }
        None => None,
    };
    let (sql, params) = source.candidates_sql(fts, from, to, f.network_id, range, !exact.is_empty(), among.as_deref());
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
    let mut found: Vec<(i64, f64)> = Vec::new();
    let mut more = false;
    // Newest first; stops at the cap, so a common word costs no more than a rare one.
    let mut read = 0;
    while let Some(r) = rows.next()? {
        read += 1;
        if !exact.is_empty() && !holds_phrases(r, source.columns.len(), exact)? {
            // The index finds a phrase with any endings; most of those may not be the
            // phrase as typed. Reading every one of twenty thousand is not worth it.
            if read >= PHRASE_SCAN {
                more = true;
                break;
            }
            continue;
        }
        if found.len() == CANDIDATES {
            more = true;
            break;
        }
        found.push((r.get(0)?, r.get(1)?));
    }
    let count = found.len() as u32;
    // BM25 is lower for better matches; ties go to the newer record.
    found.sort_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    found.truncate(f.limit);
    Ok(Found { count, more, best: found })
}

/// The row's text columns (after rowid and rank) hold every quoted phrase as typed.
fn holds_phrases(r: &Row, columns: usize, phrases: &[Vec<String>]) -> rusqlite::Result<bool> {
    let mut texts = Vec::with_capacity(columns);
    for i in 0..columns {
        texts.push(r.get::<_, Option<String>>(2 + i)?.unwrap_or_default());
    }
    Ok(phrases.iter().all(|p| texts.iter().any(|t| query::contains_phrase(t, p))))
}

/// The hits of one source, as the results show them: the snippet of the column that
/// matched best, what the record is and where it opens; by rowid.
///
/// One query for all of them, over the rowid range they span: FTS5 builds the whole
/// list of matches for a word being typed (a prefix) afresh for each query, which for a
/// word in twenty thousand actions is most of a millisecond, so a query per hit was not
/// affordable. Snippets are made only for the rows asked for.
fn hits(conn: &Connection, source: &Source, fts: &str, rowids: &[i64]) -> Result<Vec<(i64, SearchHit)>> {
    let (Some(low), Some(high)) = (rowids.iter().min(), rowids.iter().max()) else { return Ok(Vec::new()) };
    let mut stmt = conn.prepare_cached(&source.hits_sql())?;
    let wanted = serde_json::Value::from(rowids.to_vec()).to_string();
    let n = source.columns.len();
    let rows = stmt.query_map(rusqlite::params![fts, low, high, wanted], |r| {
        // The column with the most words found; the first of equals (titles come first).
        let mut chosen: Option<(usize, String)> = None;
        let mut first_text: Option<(usize, String)> = None;
        for i in 0..n {
            let marked: String = r.get::<_, Option<String>>(1 + i)?.unwrap_or_default();
            if first_text.is_none() && !marked.trim().is_empty() {
                first_text = Some((i, marked.clone()));
            }
            let m = snippet::marks(&marked);
            if m > 0 && chosen.as_ref().is_none_or(|(_, best)| m > snippet::marks(best)) {
                chosen = Some((i, marked));
            }
        }
        let (column, marked) = chosen.or(first_text).unwrap_or((0, String::new()));
        let o = 1 + n;
        let meeting = match (r.get::<_, Option<i64>>(o)?, r.get::<_, Option<String>>(o + 1)?, r.get::<_, Option<String>>(o + 2)?) {
            (Some(id), Some(title), Some(date)) => Some(MeetingRef { id, title, date }),
            _ => None,
        };
        let d = (source.describe)(r, o + 3)?;
        // Only a statement's text (its first column) takes the row's own field.
        let field = if column == 0 { d.field.unwrap_or(source.columns[0]) } else { source.columns[column] };
        Ok((r.get(0)?, SearchHit { title: d.title, context: d.context, field, snippet: snippet::runs(&marked), meeting, target: d.target }))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests;
