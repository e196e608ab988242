//! Builds the readout and the agenda documents from the store.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::document::{Block, Document, Span};
use super::markdown_in;
use crate::forum::agenda::{self, Agenda};
use crate::people::attendance::{self, Counts};
use crate::model::{Action, AgendaItem};
use crate::{forum::actions, needs::forward_look, settings, Result, Store};

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
    /// Networks represented and the counts by mode.
    #[serde(default = "yes")]
    pub include_attendance: bool,
    /// The needs and strengths matched for the cycle.
    #[serde(default)]
    pub include_forward_look: bool,
}

fn yes() -> bool {
    true
}

impl Default for ReadoutOptions {
    fn default() -> Self {
        ReadoutOptions {
            title: String::new(),
            excerpt: String::new(),
            intro: String::new(),
            include_actions: true,
            include_agenda: false,
            include_names: false,
            include_attendance: true,
            include_forward_look: false,
        }
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
pub fn draft_intro(a: &Agenda, counts: &Counts) -> String {
    let who = if counts.people == 0 {
        String::new()
    } else {
        let modes: Vec<String> = [(counts.in_person, "in the room"), (counts.dialled_in, "dialling in")].iter().filter(|(n, _)| *n > 0).map(|(n, how)| format!("{n} {how}")).collect();
        format!(": leads from {} took part, {}", plural(counts.networks, "network"), modes.join(" and "))
    };
    format!(
        "Thank you to the network leads who joined our Leaders of Networks Forum on {}{who}. Below is a short note of what was discussed and agreed. The team will be in touch with attendees to follow up on the actions.",
        long_date(&a.meeting.date)
    )
}

/// The chair's opening paragraph, or the one drafted from the meeting (Markdown).
fn intro_or_draft(options: &ReadoutOptions, a: &Agenda, counts: &Counts) -> String {
    if options.intro.trim().is_empty() { draft_intro(a, counts) } else { options.intro.trim().to_string() }
}

/// The readout's opening paragraph as it will be published (Markdown), for the email
/// that carries the readout.
pub fn opening(store: &Store, meeting_id: i64, options: &ReadoutOptions) -> Result<String> {
    let a = agenda::get(store, meeting_id)?;
    Ok(intro_or_draft(options, &a, &attendance::counts(store, meeting_id)?))
}

fn plural(n: u32, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Networks represented and the counts; names only when the chair asks (the whole
/// check-in list is read only then).
fn attendance_blocks(store: &Store, meeting_id: i64, counts: &Counts, include_names: bool, out: &mut Vec<Block>) -> Result<()> {
    // Nobody on the list took part or sent apologies (phone lines are not on the list).
    if counts.in_person + counts.dialled_in.saturating_sub(counts.phone) == 0 && counts.apologies == 0 {
        return Ok(());
    }
    out.push(Block::Heading { level: 2, content: cell("Attendance") });
    let verb = if counts.networks == 1 { "network was" } else { "networks were" };
    // Only the ways people took part: an online forum has nobody "0 in person".
    let modes: Vec<String> = [(counts.in_person, "in person"), (counts.dialled_in, "dialled in")].iter().filter(|(n, _)| *n > 0).map(|(n, how)| format!("{n} {how}")).collect();
    let mut summary = format!("{} {verb} represented: {}", counts.networks, if modes.is_empty() { "none attending".to_string() } else { modes.join(", ") });
    if counts.apologies > 0 {
        summary.push_str(&format!("; {} sent apologies", counts.apologies));
    }
    summary.push('.');
    out.push(para(&summary));
    let networks = attendance::attending_networks(store, meeting_id)?;
    if !networks.is_empty() {
        out.push(Block::List { ordered: false, start: 1, items: networks.iter().map(|(d, n)| vec![para(&format!("{d}: {n}"))]).collect() });
    }
    if include_names {
        let list = attendance::check_in(store, meeting_id)?.registrations;
        let rows = list
            .iter()
            .filter(|r| !r.erased && (r.status.attended() || r.status == crate::model::AttendanceStatus::Apologies))
            .map(|r| vec![cell(&r.name), cell(r.network_name.as_deref().unwrap_or("")), cell(match r.status {
                crate::model::AttendanceStatus::InPerson => "In person",
                crate::model::AttendanceStatus::DialledIn => "Dialled in",
                _ => "Apologies",
            })])
            .collect();
        out.push(Block::Table { header: vec![cell("Name"), cell("Network"), cell("Took part")], rows });
    }
    Ok(())
}

/// Each need another network can help with, and the needs nobody has offered help with.
fn forward_look_blocks(look: &forward_look::ForwardLook, out: &mut Vec<Block>) {
    if look.submissions.is_empty() {
        return;
    }
    out.push(Block::Heading { level: 2, content: cell("Forward look") });
    out.push(para(&format!(
        "{} shared the three things they most need help with and the three things they do well. Where a need meets another network's strength:",
        plural(look.submissions.len() as u32, "network")
    )));
    let bold = |t: &str| Span { text: t.into(), bold: true, ..Default::default() };
    let matched: Vec<Vec<Block>> = look
        .matches
        .iter()
        .filter(|m| !m.helpers.is_empty())
        .map(|m| {
            let helpers: Vec<String> = m.helpers.iter().map(|h| format!("{} ({})", h.strength.network_name, h.strength.department)).collect();
            vec![Block::Paragraph { content: vec![bold(&m.need.network_name), Span::plain(format!(" needs: {} Could help: {}.", end_sentence(&m.need.text), helpers.join(", ")))] }]
        })
        .collect();
    if !matched.is_empty() {
        out.push(Block::List { ordered: false, start: 1, items: matched });
    }
    let open: Vec<Vec<Block>> = look.matches.iter().filter(|m| m.helpers.is_empty()).map(|m| vec![para(&format!("{}: {}", m.need.network_name, m.need.text))]).collect();
    if !open.is_empty() {
        out.push(para("Needs no network has offered help with yet:"));
        out.push(Block::List { ordered: false, start: 1, items: open });
    }
}

/// A statement as a sentence: with a full stop unless it has its own ending.
fn end_sentence(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?']) { t.to_string() } else { format!("{t}.") }
}

fn para(text: &str) -> Block {
    Block::Paragraph { content: vec![Span::plain(text)] }
}

fn cell(text: &str) -> Vec<Span> {
    vec![Span::plain(text)]
}

/// Markdown notes as blocks, their footnotes numbered on from `notes_so_far`: each item's
/// notes number their own from 1, and the readout numbers them through.
fn notes_blocks(markdown: &str, notes_so_far: &mut u32, out: &mut Vec<Block>) {
    let mut blocks = markdown_in::parse(markdown);
    *notes_so_far = super::document::renumber_footnotes(&mut blocks, *notes_so_far);
    out.extend(blocks);
}

fn item_blocks(item: &AgendaItem, notes_so_far: &mut u32, out: &mut Vec<Block>) {
    out.push(Block::Heading { level: 2, content: cell(&item.title) });
    notes_blocks(&item.notes, notes_so_far, out);
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
    let counts = attendance::counts(store, meeting_id)?;
    let intro = intro_or_draft(options, &a, &counts);
    // The intro is Markdown, like notes (an imported readout's keeps its links and bold).
    let mut blocks = Vec::new();
    let mut footnotes = 0;
    notes_blocks(&intro, &mut footnotes, &mut blocks);
    for item in a.items.iter().filter(|i| !i.notes.trim().is_empty() || !i.outcomes.is_empty()) {
        item_blocks(item, &mut footnotes, &mut blocks);
    }
    if options.include_attendance {
        attendance_blocks(store, meeting_id, &counts, options.include_names, &mut blocks)?;
    }
    if options.include_forward_look {
        forward_look_blocks(&forward_look::without_chase(store, meeting_id)?, &mut blocks);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{StatementInput, SubmissionInput, SubmissionSource};
    use crate::publishing::readout::markdown_out;

    fn sample() -> (Store, i64, i64, NaiveDate) {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        crate::demo::load_at(&mut s, today).unwrap();
        let list = crate::forum::meetings::list(&s, today).unwrap();
        (s, list[1].meeting.id, list[0].meeting.id, today)
    }

    fn text(s: &Store, id: i64, o: &ReadoutOptions, today: NaiveDate) -> String {
        markdown_out::render_blocks(&readout(s, id, o, today).unwrap().blocks)
    }

    #[test]
    fn the_readout_says_who_took_part_by_network_not_by_name() {
        let (s, past, _, today) = sample();
        let md = text(&s, past, &ReadoutOptions::default(), today);
        assert!(md.contains("on Thursday 8 October 2026: leads from 9 networks took part, 12 dialling in."), "{md}");
        assert!(md.contains("## Attendance"), "{md}");
        assert!(md.contains("9 networks were represented: 12 dialled in; 1 sent apologies."), "{md}");
        assert!(md.contains("- Department for Transport: Open Road LGBT+ Network"), "{md}");
        assert!(!md.contains("Fast Stream Out Network"), "a network whose lead did not come is not listed: {md}");
        for name in ["Robin Ashby", "Nia Okafor", "Alex Moreno"] {
            assert!(!md.contains(name), "{name} named without asking");
        }
        let named = text(&s, past, &ReadoutOptions { include_names: true, ..Default::default() }, today);
        assert!(named.contains("| Robin Ashby | Open Road LGBT+ Network | Dialled in |"), "{named}");
        assert!(named.contains("| Alex Moreno | Treasury Pride Circle | Apologies |"), "{named}");
        assert!(!named.contains("Fran Oduya"), "absent without apologies is not listed");
        let none = text(&s, past, &ReadoutOptions { include_attendance: false, ..Default::default() }, today);
        assert!(!none.contains("## Attendance"));
    }

    #[test]
    fn footnotes_are_numbered_through_the_readout() {
        let (mut s, _, next, today) = sample();
        let items = agenda::get(&s, next).unwrap().items;
        agenda::save_notes(&mut s, items[0].id, "Welcome[^a].\n\n[^a]: Nine networks.").unwrap();
        agenda::save_notes(&mut s, items[1].id, "Pride[^a] and Trans Day[^b].\n\n[^a]: In June.\n\n[^b]: In November.").unwrap();
        let md = text(&s, next, &ReadoutOptions::default(), today);
        for said in ["Welcome[^1].", "[^1]: Nine networks.", "Pride[^2] and Trans Day[^3].", "[^2]: In June.", "[^3]: In November."] {
            assert!(md.contains(said), "{said} in\n{md}");
        }
        assert!(md.find("[^1]: Nine").unwrap() < md.find(&format!("## {}", items[1].title)).unwrap(), "a note stays in its section");
    }

    #[test]
    fn the_forward_look_section_pairs_needs_with_helpers() {
        let (mut s, _, next, today) = sample();
        let nets = crate::networks::list(&s, &Default::default()).unwrap();
        let id = |name: &str| nets.iter().find(|n| n.name == name).unwrap().id;
        let st = |t: &str| StatementInput { text: t.into(), ..Default::default() };
        let save = |s: &mut Store, n, needs: Vec<StatementInput>, strengths: Vec<StatementInput>| {
            crate::needs::save(s, next, &SubmissionInput { network_id: n, needs, strengths, ..Default::default() }, SubmissionSource::Entered).unwrap();
        };
        save(&mut s, id("Proud at Home"), vec![st("Help writing our Stonewall Workplace Equality Index submission"), st("Ideas for a choir")], vec![]);
        save(&mut s, id("Kaleidoscope"), vec![], vec![st("We scored well in the Stonewall index and can share our evidence")]);
        let without = text(&s, next, &ReadoutOptions::default(), today);
        assert!(!without.contains("## Forward look"));
        let md = text(&s, next, &ReadoutOptions { include_forward_look: true, ..Default::default() }, today);
        assert!(md.contains("2 networks shared the three things"), "{md}");
        assert!(md.contains("- **Proud at Home** needs: Help writing our Stonewall Workplace Equality Index submission. Could help: Kaleidoscope (HM Revenue and Customs)."), "{md}");
        assert!(md.contains("- Proud at Home: Ideas for a choir"), "{md}");
    }
}
