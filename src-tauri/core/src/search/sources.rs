//! Each searched table: its index (migration 0013), the record behind each row (alias
//! `r`) and its meeting (alias `m`), the columns filters look at, and what a hit shows.

use rusqlite::types::Value;
use rusqlite::Row;

use super::snippet::{ELLIPSIS, WORDS};
use super::{SearchField, SearchKind, SearchTarget};
use crate::model::StatementKind;

/// A hit's title, context and target, read from its row; `field` replaces the column's
/// own field where the row says better (a statement's text is a need or a strength).
/// The context is a phrase people read as it is ("Proposed by Kaleidoscope").
pub(super) struct Described {
    pub title: String,
    pub context: Option<String>,
    pub target: SearchTarget,
    pub field: Option<SearchField>,
}

type Describe = fn(&Row, usize) -> rusqlite::Result<Described>;

pub(super) struct Source {
    pub kind: SearchKind,
    /// The FTS5 index.
    pub table: &'static str,
    /// The index's columns in order, as fields.
    pub columns: &'static [SearchField],
    /// The same columns read from the record, for quoted phrases.
    pub content: &'static str,
    /// The record `r` and (where there is one) its meeting `m`, joined to the index by
    /// `r.id = <index>.rowid`.
    pub record: &'static str,
    /// Where `record` cannot be started from the filtered meetings or network, the same
    /// records as a union of joins that can (empty: `record` itself).
    pub bounds_from: &'static [&'static str],
    /// Which rows are shown at all (current needs and strengths; people not erased).
    pub visible: Option<&'static str>,
    /// The meeting date the date filters look at.
    pub date: Option<&'static str>,
    /// The network the network filter looks at.
    pub network: Option<&'static str>,
    /// Joins the details need beyond `record`.
    pub detail_joins: &'static str,
    /// The meeting's id, title and date (NULLs for none), then what `describe` reads.
    pub details: &'static str,
    pub describe: Describe,
}

/// The action's owner as people read it (as `model::Action::owner`).
macro_rules! owner {
    ($r:literal) => {
        concat!("CASE WHEN n.name IS NOT NULL AND ", $r, ".owner_text IS NOT NULL THEN ", $r, ".owner_text || ' (' || n.name || ')' ELSE coalesce(n.name, ", $r, ".owner_text) END")
    };
}

pub(super) static SOURCES: [Source; 9] = [
    Source {
        kind: SearchKind::Meeting,
        table: "search_meeting",
        columns: &[SearchField::Title, SearchField::Location],
        content: "r.title, r.location",
        record: "meeting r",
        bounds_from: &[],
        visible: None,
        date: Some("r.date"),
        network: None,
        detail_joins: "",
        details: "r.id, r.title, r.date, r.title, r.id",
        describe: |r, o| Ok(Described { title: r.get(o)?, context: None, target: SearchTarget::Meeting { meeting_id: r.get(o + 1)? }, field: None }),
    },
    Source {
        kind: SearchKind::Item,
        table: "search_item",
        columns: &[SearchField::Title, SearchField::Description, SearchField::Notes],
        content: "r.title, r.description, r.notes",
        record: "agenda_item r JOIN meeting m ON m.id = r.meeting_id",
        bounds_from: &[],
        visible: None,
        date: Some("m.date"),
        network: Some("r.proposed_by"),
        detail_joins: "LEFT JOIN network n ON n.id = r.proposed_by",
        details: "m.id, m.title, m.date, r.title, n.name, r.meeting_id, r.id, r.position",
        describe: item,
    },
    Source {
        kind: SearchKind::Outcome,
        table: "search_outcome",
        columns: &[SearchField::Outcome],
        content: "r.text",
        record: "outcome r JOIN agenda_item i ON i.id = r.item_id JOIN meeting m ON m.id = i.meeting_id",
        bounds_from: &[],
        visible: None,
        date: Some("m.date"),
        network: Some("i.proposed_by"),
        detail_joins: "LEFT JOIN network n ON n.id = i.proposed_by",
        details: "m.id, m.title, m.date, i.title, n.name, i.meeting_id, i.id, i.position",
        describe: item,
    },
    Source {
        kind: SearchKind::Action,
        table: "search_action",
        columns: &[SearchField::Description, SearchField::Owner],
        content: "r.description, r.owner_text",
        record: "action r JOIN meeting m ON m.id = r.meeting_id",
        bounds_from: &[],
        visible: None,
        date: Some("m.date"),
        network: Some("r.owner_network_id"),
        detail_joins: "LEFT JOIN network n ON n.id = r.owner_network_id",
        details: concat!("m.id, m.title, m.date, r.description, ", owner!("r"), ", r.id"),
        describe: action,
    },
    Source {
        kind: SearchKind::Action,
        table: "search_action_update",
        columns: &[SearchField::Update],
        content: "r.text",
        // An update belongs to the meeting it was recorded at, or else the action's.
        record: "action_update r JOIN action a ON a.id = r.action_id
                JOIN meeting m ON m.id = coalesce(r.meeting_id, a.meeting_id)",
        // The same two ways round, each of which an index can start from the meetings.
        bounds_from: &[
            "meeting m JOIN action_update r ON r.meeting_id = m.id JOIN action a ON a.id = r.action_id",
            "meeting m JOIN action a ON a.meeting_id = m.id JOIN action_update r ON r.action_id = a.id AND r.meeting_id IS NULL",
        ],
        visible: None,
        date: Some("m.date"),
        network: Some("a.owner_network_id"),
        detail_joins: "LEFT JOIN network n ON n.id = a.owner_network_id",
        details: concat!("m.id, m.title, m.date, a.description, ", owner!("a"), ", a.id"),
        describe: action,
    },
    Source {
        kind: SearchKind::Proposal,
        table: "search_proposal",
        columns: &[SearchField::Title, SearchField::Description, SearchField::DeclineReason],
        content: "r.title, r.description, r.decline_reason",
        record: "proposal r JOIN meeting m ON m.id = r.meeting_id",
        bounds_from: &[],
        visible: None,
        date: Some("m.date"),
        network: Some("r.network_id"),
        detail_joins: "JOIN network n ON n.id = r.network_id",
        details: "m.id, m.title, m.date, r.title, n.name, r.meeting_id, r.id",
        describe: |r, o| {
            Ok(Described {
                title: r.get(o)?,
                context: r.get::<_, Option<String>>(o + 1)?.map(|n| format!("From {n}")),
                target: SearchTarget::Proposal { meeting_id: r.get(o + 2)?, proposal_id: r.get(o + 3)? },
                field: None,
            })
        },
    },
    Source {
        kind: SearchKind::Statement,
        table: "search_statement",
        // The first column's field is the statement's kind (see `describe`).
        columns: &[SearchField::Need, SearchField::Detail],
        content: "r.text, r.detail",
        record: "statement r JOIN submission s ON s.id = r.submission_id JOIN meeting m ON m.id = s.meeting_id",
        bounds_from: &[],
        // Earlier submissions a network replaced are history, not what it needs now.
        visible: Some("s.superseded_at IS NULL"),
        date: Some("m.date"),
        network: Some("s.network_id"),
        detail_joins: "JOIN network n ON n.id = s.network_id",
        details: "m.id, m.title, m.date, n.name, r.kind, r.rank, s.meeting_id, s.network_id",
        describe: |r, o| {
            let kind: String = r.get(o + 1)?;
            let rank: i64 = r.get(o + 2)?;
            let field = match StatementKind::parse(&kind) {
                Some(StatementKind::Strength) => SearchField::Strength,
                _ => SearchField::Need,
            };
            Ok(Described {
                title: r.get(o)?,
                context: Some(format!("Ranked {rank} of 3")),
                target: SearchTarget::Submission { meeting_id: r.get(o + 3)?, network_id: r.get(o + 4)? },
                field: Some(field),
            })
        },
    },
    Source {
        kind: SearchKind::Network,
        table: "search_network",
        columns: &[SearchField::Name, SearchField::Department, SearchField::Parent, SearchField::Email],
        content: "r.name, r.department, r.parent, r.email",
        record: "network r",
        bounds_from: &[],
        visible: None,
        date: None,
        network: Some("r.id"),
        detail_joins: "",
        details: "NULL, NULL, NULL, r.name, r.department, r.id",
        describe: |r, o| Ok(Described { title: r.get(o)?, context: r.get(o + 1)?, target: SearchTarget::Network { network_id: r.get(o + 2)? }, field: None }),
    },
    Source {
        kind: SearchKind::Person,
        table: "search_person",
        columns: &[SearchField::Name, SearchField::Email, SearchField::Pronouns],
        content: "r.name, r.email, r.pronouns",
        record: "person r",
        bounds_from: &[],
        visible: Some("r.erased_at IS NULL"),
        date: None,
        network: Some("r.network_id"),
        detail_joins: "LEFT JOIN network n ON n.id = r.network_id",
        details: "NULL, NULL, NULL, r.name, n.name, r.id",
        describe: |r, o| Ok(Described { title: r.get(o)?, context: r.get(o + 1)?, target: SearchTarget::Person { person_id: r.get(o + 2)? }, field: None }),
    },
];

fn item(r: &Row, o: usize) -> rusqlite::Result<Described> {
    Ok(Described {
        title: r.get(o)?,
        context: r.get::<_, Option<String>>(o + 1)?.map(|n| format!("Proposed by {n}")),
        target: SearchTarget::Item { meeting_id: r.get(o + 2)?, item_id: r.get(o + 3)?, position: r.get(o + 4)? },
        field: None,
    })
}

fn action(r: &Row, o: usize) -> rusqlite::Result<Described> {
    let owner: Option<String> = r.get(o + 1)?;
    Ok(Described { title: r.get(o)?, context: owner.map(|w| format!("Owner: {w}")), target: SearchTarget::Action { action_id: r.get(o + 2)? }, field: None })
}

/// The filters as SQL conditions on the record, with their values (numbered on from
/// `first`).
struct Conditions {
    sql: String,
    params: Vec<Value>,
}

impl Source {
    /// The filters' conditions on `r` and `m`, parameters numbered from `first`.
    fn conditions(&self, first: usize, from: Option<&str>, to: Option<&str>, network: Option<i64>) -> Conditions {
        let mut c = Conditions { sql: String::new(), params: Vec::new() };
        if let Some(date) = self.date {
            for (op, value) in [(">=", from), ("<=", to)] {
                if let Some(value) = value {
                    c.params.push(Value::Text(value.to_string()));
                    c.sql.push_str(&format!(" AND {date} {op} ?{}", first + c.params.len() - 1));
                }
            }
        }
        if let (Some(column), Some(id)) = (self.network, network) {
            c.params.push(Value::Integer(id));
            c.sql.push_str(&format!(" AND {column} = ?{}", first + c.params.len() - 1));
        }
        c
    }

    /// The lowest and highest id of the records the date and network filters admit: a
    /// range FTS5 can seek to, so a filtered search reads only the matches in it rather
    /// than every match of a common word (records are mostly added in date order; where
    /// not, the range is only wider, never wrong, since the filters still apply).
    pub fn bounds_sql(&self, from: Option<&str>, to: Option<&str>, network: Option<i64>) -> Option<(String, Vec<Value>)> {
        let c = self.conditions(1, from, to, network);
        if c.params.is_empty() {
            return None;
        }
        let visible = self.visible.map(|v| format!(" AND {v}")).unwrap_or_default();
        let one = |from: &str| format!("SELECT min(r.id) AS low, max(r.id) AS high FROM {from} WHERE 1{visible}{}", c.sql);
        let sql = match self.bounds_from {
            [] => one(self.record),
            many => format!("SELECT min(low), max(high) FROM ({})", many.iter().map(|f| one(f)).collect::<Vec<_>>().join(" UNION ALL ")),
        };
        Some((sql, c.params))
    }

    /// The ids of the records a network filter (with any dates) admits, visible ones only,
    /// or None when this kind has no network. A network's records are spread over all the
    /// years, so their id range narrows nothing; the few hundred ids themselves do.
    pub fn admitted_sql(&self, from: Option<&str>, to: Option<&str>, network: Option<i64>) -> Option<(String, Vec<Value>)> {
        self.network?;
        network?;
        let c = self.conditions(1, from, to, network);
        let visible = self.visible.map(|v| format!(" AND {v}")).unwrap_or_default();
        let one = |from: &str| format!("SELECT r.id FROM {from} WHERE 1{visible}{}", c.sql);
        let sql = match self.bounds_from {
            [] => one(self.record),
            many => many.iter().map(|f| one(f)).collect::<Vec<_>>().join(" UNION "),
        };
        Some((sql, c.params))
    }

    /// The matches, newest first: rowid, BM25 rank and (for quoted phrases) the text, with
    /// the values to bind. `?1` is the FTS query; `range` the rowids to look in; `among`
    /// the admitted ids as a JSON array (from `admitted_sql`), which then stand for the
    /// filters: each match is checked against them before its record is read, if at all.
    pub fn candidates_sql(&self, fts: &str, from: Option<&str>, to: Option<&str>, network: Option<i64>, range: Option<(i64, i64)>, phrases: bool, among: Option<&str>) -> (String, Vec<Value>) {
        let t = self.table;
        let mut params = vec![Value::Text(fts.to_string())];
        let mut sql = format!("SELECT {t}.rowid, {t}.rank");
        if phrases {
            sql.push_str(", ");
            sql.push_str(self.content);
        }
        let (c, visible) = match among {
            Some(_) => (Conditions { sql: String::new(), params: Vec::new() }, None),
            None => (self.conditions(2, from, to, network), self.visible),
        };
        // The record and its meeting are read only when something asks for them: most
        // searches have no filter, and a thousand lookups are not free.
        if phrases || visible.is_some() || !c.params.is_empty() {
            // CROSS JOIN: the index is always read first. Given the choice, SQLite may start
            // from a network's records and ask the index about each in turn, and FTS5
            // rebuilds the list of a prefix's matches for every one of those questions.
            sql.push_str(&format!(" FROM {t} CROSS JOIN {} WHERE r.id = {t}.rowid AND {t} MATCH ?1", self.record));
            if let Some(v) = visible {
                sql.push_str(&format!(" AND {v}"));
            }
            sql.push_str(&c.sql);
            params.extend(c.params);
        } else {
            sql.push_str(&format!(" FROM {t} WHERE {t} MATCH ?1"));
        }
        if let Some(ids) = among {
            params.push(Value::Text(ids.to_string()));
            // `+`: a test of each match, not a question to the index per id.
            sql.push_str(&format!(" AND +{t}.rowid IN (SELECT value FROM json_each(?{}))", params.len()));
        }
        if let Some((low, high)) = range {
            params.push(Value::Integer(low));
            params.push(Value::Integer(high));
            sql.push_str(&format!(" AND {t}.rowid >= ?{} AND {t}.rowid <= ?{}", params.len() - 1, params.len()));
        }
        sql.push_str(&format!(" ORDER BY {t}.rowid DESC"));
        (sql, params)
    }

    /// Hits' rowids, snippets (one per column) and details: `?1` the FTS query, `?2` and
    /// `?3` the lowest and highest rowid wanted, `?4` the rowids as a JSON array. The `+`
    /// keeps SQLite from asking the index for each rowid in turn (see `super::hits`).
    pub fn hits_sql(&self) -> String {
        let t = self.table;
        let snippets: Vec<String> =
            (0..self.columns.len()).map(|i| format!("snippet({t}, {i}, char({}), char({}), '{ELLIPSIS}', {WORDS})", super::snippet::START as u32, super::snippet::END as u32)).collect();
        format!(
            "SELECT {t}.rowid, {}, {} FROM {t} CROSS JOIN {} {} WHERE r.id = {t}.rowid AND {t} MATCH ?1 AND {t}.rowid >= ?2 AND {t}.rowid <= ?3 \
             AND +{t}.rowid IN (SELECT value FROM json_each(?4))",
            snippets.join(", "),
            self.details,
            self.record,
            self.detail_joins
        )
    }
}
