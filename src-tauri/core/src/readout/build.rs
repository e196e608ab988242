//! Builds the readout and the agenda documents from the store.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::document::{Block, Document, Span};
use super::markdown_in;
use crate::agenda::{self, Agenda};
use crate::model::{Action, AgendaItem};
use crate::{actions, settings, Result, Store};

pub const DEFAULT_TITLE: &str = "What happened at our latest Leaders of Networks Forum";

/// What goes into a readout. Remembered per meeting by the export dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReadoutOptions {
    /// Empty means the default title.
    #[serde(default)]
    pub title: String,
    /// Empty means a sentence drafted from the meeting.
    #[serde(default)]
    pub excerpt: String,
    /// The opening paragraph; empty means one drafted from the meeting.
    #[serde(default)]
    pub intro: String,
    #[serde(default = "yes")]
    pub include_actions: bool,
    #[serde(default)]
    pub include_agenda: bool,
    /// Named attendees appear only when the chair asks (special category data).
    #[serde(default)]
    pub include_names: bool,
}

fn yes() -> bool {
    true
}

impl Default for ReadoutOptions {
    fn default() -> Self {
        ReadoutOptions { title: String::new(), excerpt: String::new(), intro: String::new(), include_actions: true, include_agenda: false, include_names: false }
    }
}

/// The options last used for this meeting's readout (or the defaults).
pub fn options(store: &Store, meeting_id: i64) -> Result<ReadoutOptions> {
    crate::store::meetings::get(store.conn(), meeting_id)?;
    let json: Option<String> = store
        .conn()
        .query_row("SELECT json FROM readout_option WHERE meeting_id = ?1", [meeting_id], |r| r.get(0))
        .optional()?;
    // Options written by this app always parse; anything else falls back to the defaults.
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()).unwrap_or_default())
}

pub fn save_options(store: &mut Store, meeting_id: i64, options: &ReadoutOptions) -> Result<()> {
    save_options_in(store.conn(), meeting_id, options)
}

pub(crate) fn save_options_in(conn: &rusqlite::Connection, meeting_id: i64, options: &ReadoutOptions) -> Result<()> {
    crate::store::meetings::get(conn, meeting_id)?;
    let json = serde_json::to_string(options).unwrap_or_else(|_| "{}".into());
    conn.execute(
        "INSERT INTO readout_option (meeting_id, json, updated_at) VALUES (?1, ?2, datetime('now'))
         ON CONFLICT (meeting_id) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at",
        rusqlite::params![meeting_id, json],
    )?;
    Ok(())
}

pub fn long_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").map(|d| d.format("%A %-d %B %Y").to_string()).unwrap_or_else(|_| iso.to_string())
}

/// The opening paragraph drafted from the data, for the chair to edit.
pub fn draft_intro(a: &Agenda) -> String {
    format!(
        "Thank you to the network leads who joined our Leaders of Networks Forum on {}. Below is a short note of what was discussed and agreed. The team will be in touch with attendees to follow up on the actions.",
        long_date(&a.meeting.date)
    )
}

fn para(text: &str) -> Block {
    Block::Paragraph { content: vec![Span::plain(text)] }
}

fn cell(text: &str) -> Vec<Span> {
    vec![Span::plain(text)]
}

fn item_blocks(item: &AgendaItem, out: &mut Vec<Block>) {
    out.push(Block::Heading { level: 2, content: cell(&item.title) });
    out.extend(markdown_in::parse(&item.notes));
    if !item.outcomes.is_empty() {
        out.push(Block::Paragraph { content: vec![Span { text: "Agreed:".into(), bold: true, ..Default::default() }] });
        out.push(Block::List { ordered: false, start: 1, items: item.outcomes.iter().map(|o| vec![para(o)]).collect() });
    }
}

fn action_row(a: &Action) -> Vec<Vec<Span>> {
    let due = a.due_date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).map(|d| d.format("%-d %b %Y").to_string()).unwrap_or_default();
    vec![cell(&a.description), cell(&a.owner()), cell(&due), cell(a.status.label())]
}

pub fn agenda_table(a: &Agenda) -> Block {
    Block::Table {
        header: vec![cell("Item"), cell("Time")],
        rows: a.items.iter().map(|i| vec![cell(&i.title), cell(&i.slot.label)]).collect(),
    }
}

/// The readout of a meeting: intro, one section per item (notes, then what was agreed),
/// the actions (agreed and carried), optionally the agenda, and the closing paragraph.
pub fn readout(store: &Store, meeting_id: i64, options: &ReadoutOptions, today: NaiveDate) -> Result<Document> {
    let a = agenda::get(store, meeting_id)?;
    let m = &a.meeting;
    let intro = if options.intro.trim().is_empty() { draft_intro(&a) } else { options.intro.trim().to_string() };
    // The intro is Markdown, like notes (an imported readout's keeps its links and bold).
    let mut blocks = markdown_in::parse(&intro);
    for item in a.items.iter().filter(|i| !i.notes.trim().is_empty() || !i.outcomes.is_empty()) {
        item_blocks(item, &mut blocks);
    }
    if options.include_actions {
        let acts = actions::for_meeting(store, meeting_id, today)?;
        if !acts.agreed.is_empty() || !acts.carried.is_empty() {
            blocks.push(Block::Heading { level: 2, content: cell("Actions") });
            let rows: Vec<_> = acts.agreed.iter().chain(acts.carried.iter()).map(action_row).collect();
            blocks.push(Block::Table { header: vec![cell("Action"), cell("Owner"), cell("Due"), cell("Status")], rows });
        }
    }
    if options.include_agenda && !a.items.is_empty() {
        blocks.push(Block::Heading { level: 2, content: cell("Agenda") });
        blocks.push(agenda_table(&a));
    }
    blocks.push(Block::Quote { blocks: vec![para(&settings::closing(store)?)] });
    let title = if options.title.trim().is_empty() { DEFAULT_TITLE.to_string() } else { options.title.trim().to_string() };
    let excerpt = if options.excerpt.trim().is_empty() { "We recently held our Leaders of Networks Forum. This is what happened.".to_string() } else { options.excerpt.trim().to_string() };
    Ok(Document {
        title,
        subtitle: Some(format!("{}, {}", m.title, long_date(&m.date))),
        excerpt,
        date: m.date.clone(),
        author: m.readout_author.clone().unwrap_or_else(|| "The forum team".into()),
        blocks,
    })
}

/// The agenda circulated before the meeting.
pub fn agenda_document(store: &Store, meeting_id: i64) -> Result<Document> {
    let a = agenda::get(store, meeting_id)?;
    let m = &a.meeting;
    let mut blocks = vec![Block::Paragraph {
        content: vec![
            Span { text: "Date: ".into(), bold: true, ..Default::default() },
            Span::plain(format!("{} | ", long_date(&m.date))),
            Span { text: "Time: ".into(), bold: true, ..Default::default() },
            Span::plain(format!("{} to {} | ", m.start_time, m.end_time)),
            Span { text: "Location: ".into(), bold: true, ..Default::default() },
            Span::plain(if m.location.is_empty() { "to be confirmed".to_string() } else { m.location.clone() }),
        ],
    }];
    if let Some(link) = &m.online_link {
        blocks.push(Block::Paragraph {
            content: vec![Span { text: "Join online: ".into(), bold: true, ..Default::default() }, Span { text: link.clone(), href: super::document::safe_href(link), ..Default::default() }],
        });
    }
    if let Some(dial) = &m.dial_in {
        blocks.push(Block::Paragraph { content: vec![Span { text: "Dial in: ".into(), bold: true, ..Default::default() }, Span::plain(dial)] });
    }
    blocks.push(Block::Table {
        header: vec![cell("Item"), cell("Time"), cell("Presenter"), cell("Proposed by")],
        rows: a
            .items
            .iter()
            .map(|i| vec![cell(&i.title), cell(&i.slot.label), cell(i.presenter.as_deref().unwrap_or("")), cell(i.proposed_by_name.as_deref().unwrap_or(""))])
            .collect(),
    });
    if a.items.iter().any(|i| i.description.is_some()) {
        blocks.push(Block::Heading { level: 2, content: cell("About the items") });
        for i in a.items.iter().filter(|i| i.description.is_some()) {
            blocks.push(Block::Paragraph {
                content: vec![Span { text: format!("{}: ", i.title), bold: true, ..Default::default() }, Span::plain(i.description.clone().unwrap_or_default())],
            });
        }
    }
    Ok(Document {
        title: format!("Agenda: {}", m.title),
        subtitle: None,
        excerpt: format!("The agenda for the {} on {}.", m.title, long_date(&m.date)),
        date: m.date.clone(),
        author: m.readout_author.clone().unwrap_or_else(|| "The forum team".into()),
        blocks,
    })
}
