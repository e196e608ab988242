//! The attendance report Microsoft Teams gives a meeting's organiser, read into one
//! list of participants with the time each spent in the meeting. Pure: no store.
//!
//! Teams has written three shapes over the years, all "CSV" files that are in fact
//! tab-separated UTF-16 with a byte-order mark:
//! - since 2021, sections: `1. Summary` (title, start and end time), `2. Participants`
//!   (Name, First Join, Last Leave, In-Meeting Duration, Email, Participant ID (UPN),
//!   Role) and `3. In-Meeting Activities` (each join and leave);
//! - before, `Meeting Summary` and then one row per join: Full Name, Join Time, Leave
//!   Time, Duration, Email, Role, Participant ID (UPN);
//! - the first reports, one flat table of actions: Full Name, User Action (Joined,
//!   Joined before, Left), Timestamp.
//!
//! Opened in Excel and saved again, any of them becomes UTF-8, comma-separated, quoted.
//! Dates follow the downloader's locale: UK (`20/01/2025, 15:02:11`) or US
//! (`1/20/25, 3:02:11 PM`); the order is decided once for the whole file.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;
use ts_rs::TS;

use super::{display_name, ImportError};
use crate::model::text;

/// A report of a forum's meeting is a few kilobytes; a bigger file is something else,
/// and is refused before it is read into memory.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Rows beyond this are refused (Teams meetings hold at most a thousand interactive
/// participants; a webinar's report is still far below).
pub const MAX_ROWS: usize = 100_000;

/// A time in a meeting longer than this is not a meeting's.
const MAX_SECONDS: u64 = 7 * 24 * 3600;

/// Which of Teams' report layouts the file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ReportShape {
    /// `1. Summary`, `2. Participants`, `3. In-Meeting Activities`.
    Sections,
    /// `Meeting Summary`, then one row per join (Full Name, Join Time, Leave Time, ...).
    MeetingSummary,
    /// One row per join or leave: Full Name, User Action, Timestamp.
    Actions,
}

/// The participant's role in the Teams meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamsRole {
    Organiser,
    CoOrganiser,
    Presenter,
    Attendee,
}

impl TeamsRole {
    /// Teams writes American spellings; an unknown or missing role is an attendee's.
    fn parse(text: &str) -> TeamsRole {
        match text.trim().to_lowercase().replace(['-', ' '], "").as_str() {
            "organizer" | "organiser" => TeamsRole::Organiser,
            "coorganizer" | "coorganiser" => TeamsRole::CoOrganiser,
            "presenter" => TeamsRole::Presenter,
            _ => TeamsRole::Attendee,
        }
    }

    /// Runs the meeting: the organiser or a co-organiser.
    pub fn organises(self) -> bool {
        matches!(self, TeamsRole::Organiser | TeamsRole::CoOrganiser)
    }
}

/// Day or month first, as the whole file writes its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// 20/01/2025 (UK).
    DayFirst,
    /// 1/20/25 (US).
    MonthFirst,
}

/// One person (or phone line) in the meeting, their joins and leaves put together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// The first row of the file naming them, for messages.
    pub row: usize,
    /// As Teams shows it, less a "(Guest)"-like mark: a phone line's masked number.
    pub name: String,
    /// The email, or else the sign-in name (UPN) when that is an address.
    pub email: Option<String>,
    pub role: TeamsRole,
    pub first_join: Option<NaiveDateTime>,
    pub last_leave: Option<NaiveDateTime>,
    /// Time in the meeting, all joins together.
    pub seconds: u64,
    /// Dialled in by telephone: Teams shows the number, masked, as the name.
    pub phone: bool,
}

impl Participant {
    /// Whole minutes in the meeting, rounded; anyone who was there at all was there
    /// for at least a minute.
    pub fn minutes(&self) -> u32 {
        let m = u32::try_from(self.seconds.saturating_add(30) / 60).unwrap_or(u32::MAX);
        if self.seconds > 0 {
            m.max(1)
        } else {
            0
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamsReport {
    pub file: String,
    pub shape: ReportShape,
    pub title: Option<String>,
    pub start: Option<NaiveDateTime>,
    pub end: Option<NaiveDateTime>,
    pub date_order: DateOrder,
    pub participants: Vec<Participant>,
}

impl TeamsReport {
    /// The day of the meeting the report is about: its start, or the first join.
    pub fn date(&self) -> Option<NaiveDate> {
        self.start.or_else(|| self.participants.iter().filter_map(|p| p.first_join).min()).map(|d| d.date())
    }
}

/// Reads a report file. `meeting_date` settles dates that read either way (3/4/2025).
pub fn read(path: &Path, meeting_date: Option<NaiveDate>) -> Result<TeamsReport, ImportError> {
    let file = display_name(path);
    let unreadable = |message: String| ImportError::Unreadable { file: file.clone(), message };
    let handle = std::fs::File::open(path).map_err(|e| unreadable(e.to_string()))?;
    let size = handle.metadata().map_err(|e| unreadable(e.to_string()))?.len();
    if size > MAX_BYTES {
        return Err(too_big(&file));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    handle.take(MAX_BYTES + 1).read_to_end(&mut bytes).map_err(|e| unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_big(&file));
    }
    parse(&file, &bytes, meeting_date)
}

fn too_big(file: &str) -> ImportError {
    ImportError::Unreadable {
        file: file.into(),
        message: format!("it is larger than {} MB, far larger than any Teams attendance report", MAX_BYTES / (1024 * 1024)),
    }
}

/// Reads a report from its bytes; `file` is the name shown in messages.
pub fn parse(file: &str, bytes: &[u8], meeting_date: Option<NaiveDate>) -> Result<TeamsReport, ImportError> {
    let text = decode(file, bytes)?;
    let rows = rows(file, &text)?;
    Reader { file, rows: &rows }.report(meeting_date)
}

// ---------------------------------------------------------------------------------
// Bytes to text to rows

/// UTF-16 (either byte order) or UTF-8, told by the byte-order mark; without one, NUL
/// bytes mean UTF-16 (every other byte NUL for the plain letters of a report) or not
/// text at all.
fn decode(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let unreadable = |message: &str| ImportError::Unreadable { file: file.into(), message: message.into() };
    let utf16 = |body: &[u8], little: bool| -> Result<String, ImportError> {
        if body.len() % 2 != 0 {
            return Err(unreadable("it ends in the middle of a character, so it was cut short; download the report again"));
        }
        let units = body.chunks_exact(2).map(|p| if little { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| unreadable("it is not valid UTF-16 text (a broken character), so it may be damaged; download the report again"))
    };
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(body, true);
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(body, false);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.contains(&0) {
        let pairs = &body[..body.len() - body.len() % 2];
        let odd_nul = pairs.chunks_exact(2).filter(|p| p[1] == 0).count();
        let even_nul = pairs.chunks_exact(2).filter(|p| p[0] == 0).count();
        let half = pairs.len() / 4;
        return match (odd_nul > half, even_nul > half) {
            (true, false) => utf16(body, true),
            (false, true) => utf16(body, false),
            _ => Err(unreadable("it is not a text file (it holds binary data); choose the attendance report Teams downloaded")),
        };
    }
    String::from_utf8(body.to_vec()).map_err(|e| ImportError::Unreadable {
        file: file.into(),
        message: format!(
            "it is not UTF-8 or UTF-16 text (invalid byte at position {}); download the report from Teams again, or save it from Excel as \u{201c}CSV UTF-8\u{201d}",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// A line of the file as cells, with the row number people see.
struct Row {
    number: usize,
    cells: Vec<String>,
}

impl Row {
    fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |c| c.trim())
    }

    fn first(&self) -> &str {
        self.cell(0)
    }

    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// Splits the text into rows: tab-separated as Teams writes it, or comma-separated as
/// Excel saves it (the header row tells which), quoted cells allowed in either.
fn rows(file: &str, text: &str) -> Result<Vec<Row>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.lines().map(str::to_lowercase).find(|l| l.contains("name") && (l.contains("join") || l.contains("user action")));
    let delimiter = match header {
        Some(h) if !h.contains('\t') && h.contains(',') => b',',
        _ => b'\t',
    };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut out = Vec::new();
    // The row a person sees is the line of the file the record starts on; the csv
    // crate's own count leaves out the blank lines between sections.
    let bytes = text.as_bytes();
    let (mut scanned, mut line) = (0, 1);
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Syntax { file: file.into(), format: "Teams attendance report", message: e.to_string() })?;
        if out.len() == MAX_ROWS {
            return Err(ImportError::Syntax { file: file.into(), format: "Teams attendance report", message: format!("it has more than {MAX_ROWS} rows") });
        }
        let mut start = record.position().map_or(scanned, |p| p.byte() as usize).clamp(scanned, bytes.len());
        while start < bytes.len() && (bytes[start] == b'\r' || bytes[start] == b'\n') {
            start += 1;
        }
        line += bytes[scanned..start].iter().filter(|b| **b == b'\n').count();
        scanned = start;
        let number = line;
        out.push(Row { number, cells: record.iter().map(|c| c.trim_start_matches('\u{feff}').to_string()).collect() });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------
// Rows to a report

const NAME: &[&str] = &["name", "full name", "participant", "participant name"];
const FIRST_JOIN: &[&str] = &["first join", "join time", "first join time"];
const LAST_LEAVE: &[&str] = &["last leave", "leave time", "last leave time"];
const DURATION: &[&str] = &["in-meeting duration", "duration", "attendance duration", "in meeting duration"];
const EMAIL: &[&str] = &["email", "email address", "e-mail"];
const UPN: &[&str] = &["participant id (upn)", "upn", "participant id"];
const ROLE: &[&str] = &["role"];
const ACTION: &[&str] = &["user action", "action"];
const TIMESTAMP: &[&str] = &["timestamp", "time"];

const START: &[&str] = &["start time", "meeting start time"];
const END: &[&str] = &["end time", "meeting end time"];
const TITLE: &[&str] = &["meeting title", "title"];

fn is(cell: &str, names: &[&str]) -> bool {
    let c = cell.trim().to_lowercase();
    names.contains(&c.as_str())
}

/// "2. Participants" → Some("participants"); "Meeting Summary" counts too.
fn section(row: &Row) -> Option<String> {
    if row.cells.iter().skip(1).any(|c| !c.trim().is_empty()) {
        return None;
    }
    let first = row.first().to_lowercase();
    if first == "meeting summary" {
        return Some("summary".into());
    }
    let (n, rest) = first.split_once('.')?;
    (!n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit())).then(|| rest.trim().to_string())
}

/// A date cell as written, kept until the file's date order is known.
struct DateCell<'a> {
    row: usize,
    column: &'a str,
    text: &'a str,
    parts: DateParts,
}

struct Reader<'a> {
    file: &'a str,
    rows: &'a [Row],
}

/// What a participant row says, its dates not yet read (indexes into the date cells).
struct RawParticipant {
    row: usize,
    name: String,
    email: Option<String>,
    role: TeamsRole,
    join: Option<usize>,
    leave: Option<usize>,
    seconds: Option<u64>,
    /// For the flat table: Joined (true), Left (false).
    action: Option<Action>,
    at: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    Joined,
    JoinedBefore,
    Left,
}

impl<'a> Reader<'a> {
    fn not_a_report(&self) -> ImportError {
        ImportError::Syntax {
            file: self.file.into(),
            format: "Teams attendance report",
            message: "expected a \u{201c}2. Participants\u{201d} table or a \u{201c}Full Name, User Action, Timestamp\u{201d} table".into(),
        }
    }

    fn cell_error(&self, row: usize, column: &str, message: impl Into<String>) -> ImportError {
        ImportError::Cell { file: self.file.into(), row, column: column.into(), message: message.into() }
    }

    fn report(&self, meeting_date: Option<NaiveDate>) -> Result<TeamsReport, ImportError> {
        let rows: &'a [Row] = self.rows;
        let sections: Vec<(usize, String)> = self.rows.iter().enumerate().filter_map(|(i, r)| section(r).map(|s| (i, s))).collect();
        let (shape, header_at) = self.find_table(&sections)?;
        let header = &rows[header_at];
        let end_at = sections.iter().map(|(i, _)| *i).find(|i| *i > header_at).unwrap_or(self.rows.len());
        let columns = Columns::of(header);
        let mut dates: Vec<DateCell> = Vec::new();
        let mut raw = Vec::new();
        // The summary: key and value pairs before the table.
        let mut title = None;
        let (mut start, mut end) = (None, None);
        for row in &rows[..header_at] {
            let (key, value) = (row.first(), row.cell(1));
            if value.is_empty() {
                continue;
            }
            if is(key, TITLE) {
                title = Some(self.no_breaks(row.number, key, value)?.to_string());
            } else if is(key, START) || is(key, END) {
                let parts = DateParts::read(value).ok_or_else(|| self.not_a_date(row.number, key))?;
                let slot = if is(key, START) { &mut start } else { &mut end };
                *slot = Some(dates.len());
                dates.push(DateCell { row: row.number, column: key, text: value, parts });
            }
        }
        for row in &rows[header_at + 1..end_at] {
            if row.is_blank() {
                continue;
            }
            raw.push(self.participant(row, header, &columns, &mut dates)?);
        }
        if raw.is_empty() {
            return Err(ImportError::Syntax { file: self.file.into(), format: "Teams attendance report", message: "its participants table has no rows".into() });
        }
        let order = self.date_order(&dates, meeting_date)?;
        let mut when = Vec::with_capacity(dates.len());
        for d in &dates {
            when.push(d.parts.at(order).ok_or_else(|| self.not_a_date(d.row, d.column))?);
        }
        let start = start.map(|i| when[i]);
        let end = end.map(|i| when[i]);
        let participants = match shape {
            ReportShape::Actions => actions_to_participants(&raw, &when),
            _ => sessions_to_participants(&raw, &when, shape == ReportShape::Sections),
        };
        Ok(TeamsReport { file: self.file.into(), shape, title, start, end, date_order: order, participants })
    }

    /// The participants table's header row, and which shape the report has.
    fn find_table(&self, sections: &[(usize, String)]) -> Result<(ReportShape, usize), ImportError> {
        let names = |r: &Row| r.cells.iter().any(|c| is(c, NAME));
        if let Some(at) = self.rows.iter().position(|r| names(r) && r.cells.iter().any(|c| is(c, ACTION)) && r.cells.iter().any(|c| is(c, TIMESTAMP))) {
            return Ok((ReportShape::Actions, at));
        }
        if let Some((at, _)) = sections.iter().find(|(_, s)| s == "participants") {
            let header = self.rows.iter().enumerate().skip(at + 1).find(|(_, r)| !r.is_blank());
            return match header {
                Some((h, r)) if names(r) && r.cells.iter().any(|c| is(c, FIRST_JOIN) || is(c, DURATION)) => Ok((ReportShape::Sections, h)),
                _ => Err(self.not_a_report()),
            };
        }
        let at = self.rows.iter().position(|r| names(r) && r.cells.iter().any(|c| is(c, FIRST_JOIN))).ok_or_else(|| self.not_a_report())?;
        Ok((ReportShape::MeetingSummary, at))
    }

    fn participant(&self, row: &'a Row, header: &'a Row, c: &Columns, dates: &mut Vec<DateCell<'a>>) -> Result<RawParticipant, ImportError> {
        let heading = |i: usize| -> &'a str { header.cell(i) };
        let present = |i: usize| -> Result<&'a str, ImportError> {
            if i >= row.cells.len() {
                return Err(self.cell_error(row.number, heading(i), "the row ends before this column, so the file was cut short; download the report again"));
            }
            Ok(row.cells[i].trim())
        };
        let name_col = c.name.ok_or_else(|| self.not_a_report())?;
        let name = self.no_breaks(row.number, heading(name_col), present(name_col)?)?;
        let name = text::required("name", "Name", name, 200).map_err(|e| self.cell_error(row.number, heading(name_col), e.message))?;
        let name = without_guest_mark(&name);
        let mut email = None;
        if let Some(i) = c.email {
            let value = self.no_breaks(row.number, heading(i), row.cell(i))?;
            email = text::optional_email("email", Some(value)).map_err(|e| self.cell_error(row.number, heading(i), e.message))?;
        }
        if email.is_none() {
            // The sign-in name is an address for most accounts; anything else is not used.
            email = c.upn.and_then(|i| text::optional_email("email", Some(row.cell(i))).ok().flatten());
        }
        let role = c.role.map_or(TeamsRole::Attendee, |i| TeamsRole::parse(row.cell(i)));
        let mut date = |i: usize| -> Result<Option<usize>, ImportError> {
            let value = present(i)?;
            if value.is_empty() {
                return Ok(None);
            }
            let parts = DateParts::read(value).ok_or_else(|| self.not_a_date(row.number, heading(i)))?;
            dates.push(DateCell { row: row.number, column: heading(i), text: value, parts });
            Ok(Some(dates.len() - 1))
        };
        let (mut join, mut leave, mut at, mut action) = (None, None, None, None);
        if let (Some(a), Some(t)) = (c.action, c.timestamp) {
            action = Some(match present(a)?.to_lowercase().as_str() {
                "joined" => Action::Joined,
                "joined before" => Action::JoinedBefore,
                "left" => Action::Left,
                _ => return Err(self.cell_error(row.number, heading(a), "expected Joined, Joined before or Left")),
            });
            at = date(t)?;
            if at.is_none() {
                return Err(self.cell_error(row.number, heading(t), "the time is missing"));
            }
        } else {
            join = match c.join {
                Some(i) => date(i)?,
                None => None,
            };
            leave = match c.leave {
                Some(i) => date(i)?,
                None => None,
            };
        }
        let seconds = match c.duration {
            Some(i) if !present(i)?.is_empty() => {
                Some(duration(present(i)?).ok_or_else(|| self.cell_error(row.number, heading(i), "this is not a duration Teams writes, like 1h 2m 10s"))?)
            }
            _ => None,
        };
        Ok(RawParticipant { row: row.number, name, email, role, join, leave, seconds, action, at })
    }

    fn no_breaks<'t>(&self, row: usize, column: &str, value: &'t str) -> Result<&'t str, ImportError> {
        if value.contains(['\r', '\n']) {
            return Err(self.cell_error(row, column, "a line break inside a cell: Teams never writes one, so the file was changed or is not a Teams report"));
        }
        Ok(value)
    }

    fn not_a_date(&self, row: usize, column: &str) -> ImportError {
        self.cell_error(row, column, "this is not a date and time Teams writes, like 20/01/2025, 15:02:11 or 1/20/25, 3:02:11 PM")
    }

    /// Day or month first, for the whole file: a first number over 12 says day first;
    /// a second over 12, AM/PM or a two-digit year say month first (the US style).
    /// Otherwise the reading that falls on the meeting's date, else the UK's.
    fn date_order(&self, dates: &[DateCell], meeting_date: Option<NaiveDate>) -> Result<DateOrder, ImportError> {
        let day_first = dates.iter().find(|d| d.parts.says(DateOrder::DayFirst));
        let month_first = dates.iter().find(|d| d.parts.says(DateOrder::MonthFirst));
        match (day_first, month_first) {
            (Some(_), None) => Ok(DateOrder::DayFirst),
            (None, Some(_)) => Ok(DateOrder::MonthFirst),
            (Some(uk), Some(us)) => Err(self.cell_error(
                uk.row.max(us.row),
                if uk.row > us.row { uk.column } else { us.column },
                format!("the file writes dates both day first ({}) and month first ({}); Teams writes one style", uk.text, us.text),
            )),
            (None, None) => {
                let first = dates.iter().min_by_key(|d| d.row);
                let falls_on = |order| first.and_then(|d| d.parts.at(order)).map(|t| t.date()) == meeting_date && meeting_date.is_some();
                Ok(if !falls_on(DateOrder::DayFirst) && falls_on(DateOrder::MonthFirst) { DateOrder::MonthFirst } else { DateOrder::DayFirst })
            }
        }
    }
}

/// Where each kind of column is in the header.
struct Columns {
    name: Option<usize>,
    join: Option<usize>,
    leave: Option<usize>,
    duration: Option<usize>,
    email: Option<usize>,
    upn: Option<usize>,
    role: Option<usize>,
    action: Option<usize>,
    timestamp: Option<usize>,
}

impl Columns {
    fn of(header: &Row) -> Columns {
        let find = |names: &[&str]| header.cells.iter().position(|c| is(c, names));
        Columns {
            name: find(NAME),
            join: find(FIRST_JOIN),
            leave: find(LAST_LEAVE),
            duration: find(DURATION),
            email: find(EMAIL),
            upn: find(UPN),
            role: find(ROLE),
            action: find(ACTION),
            timestamp: find(TIMESTAMP),
        }
    }
}

/// Old and new reports: one row per participant (sections) or per join (the summary
/// shape); either way each person once, their times added up. Phone lines are kept
/// apart in the sections' table, where each row is a different caller.
fn sessions_to_participants(raw: &[RawParticipant], when: &[NaiveDateTime], one_row_each: bool) -> Vec<Participant> {
    let mut out: Vec<Participant> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in raw {
        let join = r.join.map(|i| when[i]);
        let leave = r.leave.map(|i| when[i]);
        let seconds = r.seconds.unwrap_or_else(|| match (join, leave) {
            (Some(j), Some(l)) if l > j => (l - j).num_seconds().unsigned_abs(),
            _ => 0,
        });
        let phone = r.email.is_none() && is_phone_number(&r.name);
        let key = identity(&r.name, r.email.as_deref());
        let at = if phone && one_row_each { None } else { seen.get(&key).copied() };
        match at {
            Some(i) => {
                let p = &mut out[i];
                p.first_join = earliest(p.first_join, join);
                p.last_leave = latest(p.last_leave, leave);
                p.seconds = p.seconds.saturating_add(seconds).min(MAX_SECONDS);
                // The most telling role any of their rows gives.
                if (r.role.organises() && !p.role.organises()) || p.role == TeamsRole::Attendee {
                    p.role = r.role;
                }
            }
            None => {
                seen.insert(key, out.len());
                out.push(Participant { row: r.row, name: r.name.clone(), email: r.email.clone(), role: r.role, first_join: join, last_leave: leave, seconds, phone });
            }
        }
    }
    out
}

/// The flat table of actions: each Joined (or Joined before) runs until the person's
/// next Left, or the end of the report.
fn actions_to_participants(raw: &[RawParticipant], when: &[NaiveDateTime]) -> Vec<Participant> {
    let report_end = when.iter().max().copied();
    let report_start = when.iter().min().copied();
    let mut out: Vec<Participant> = Vec::new();
    let mut open: Vec<Option<NaiveDateTime>> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in raw {
        let (Some(action), Some(at)) = (r.action, r.at.map(|i| when[i])) else { continue };
        let key = identity(&r.name, r.email.as_deref());
        let i = *seen.entry(key).or_insert_with(|| {
            let phone = r.email.is_none() && is_phone_number(&r.name);
            out.push(Participant { row: r.row, name: r.name.clone(), email: r.email.clone(), role: r.role, first_join: None, last_leave: None, seconds: 0, phone });
            open.push(None);
            out.len() - 1
        });
        let p = &mut out[i];
        match action {
            Action::Joined | Action::JoinedBefore => {
                let from = if action == Action::JoinedBefore { report_start.unwrap_or(at).min(at) } else { at };
                p.first_join = earliest(p.first_join, Some(from));
                open[i] = open[i].or(Some(from));
            }
            Action::Left => {
                // A Left with no Joined before it: they were there from the start.
                let from = open[i].take().or(if p.first_join.is_none() { report_start } else { None });
                if let Some(from) = from {
                    p.first_join = earliest(p.first_join, Some(from));
                    p.seconds = p.seconds.saturating_add(seconds_between(from, at)).min(MAX_SECONDS);
                }
                p.last_leave = latest(p.last_leave, Some(at));
            }
        }
    }
    for (p, from) in out.iter_mut().zip(open) {
        if let (Some(from), Some(end)) = (from, report_end) {
            p.seconds = p.seconds.saturating_add(seconds_between(from, end)).min(MAX_SECONDS);
            p.last_leave = latest(p.last_leave, Some(end));
        }
    }
    out
}

fn seconds_between(from: NaiveDateTime, to: NaiveDateTime) -> u64 {
    if to > from {
        (to - from).num_seconds().unsigned_abs()
    } else {
        0
    }
}

fn earliest(a: Option<NaiveDateTime>, b: Option<NaiveDateTime>) -> Option<NaiveDateTime> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn latest(a: Option<NaiveDateTime>, b: Option<NaiveDateTime>) -> Option<NaiveDateTime> {
    a.max(b)
}

/// Who a row is: their address, or else their name.
fn identity(name: &str, email: Option<&str>) -> String {
    match email {
        Some(e) => format!("email:{}", e.to_lowercase()),
        None => format!("name:{}", text::match_key(&[name])),
    }
}

/// "Nia Okafor (Guest)" → "Nia Okafor": Teams marks people from outside the organisation.
pub fn without_guest_mark(name: &str) -> String {
    let trimmed = name.trim();
    for mark in [" (guest)", " (external)", " (unverified)"] {
        if trimmed.len() > mark.len() && trimmed.is_char_boundary(trimmed.len() - mark.len()) && trimmed[trimmed.len() - mark.len()..].eq_ignore_ascii_case(mark) {
            return trimmed[..trimmed.len() - mark.len()].trim_end().to_string();
        }
    }
    trimmed.to_string()
}

/// A phone line as Teams names it: the caller's number, masked (`+44 20 **** 1234`,
/// `020****5678`) or whole: digits, spaces and punctuation only.
pub fn is_phone_number(name: &str) -> bool {
    let digits = name.chars().filter(char::is_ascii_digit).count();
    let masked = name.contains(['*', 'x', 'X']);
    let allowed = name.chars().all(|c| c.is_ascii_digit() || " +-().*xX\u{a0}".contains(c));
    allowed && digits >= 3 && (masked || digits >= 7)
}

// ---------------------------------------------------------------------------------
// Dates and durations

/// A date and time as written, before the day and month are told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DateParts {
    /// The first and second numbers of the date (day and month in some order), or for
    /// ISO dates the month and day.
    a: u32,
    b: u32,
    year: i32,
    /// 2025-01-20: no doubt about the order.
    iso: bool,
    two_digit_year: bool,
    time: NaiveTime,
    /// Written with AM or PM.
    twelve_hour: bool,
}

impl DateParts {
    /// `20/01/2025, 15:02:11`, `1/20/25, 3:02:11 PM`, `2025-01-20 15:02:11`, also with
    /// dots or dashes in the date and without seconds.
    fn read(text: &str) -> Option<DateParts> {
        let clean = text.replace([',', '\u{202f}', '\u{a0}'], " ");
        let mut words = clean.split_whitespace();
        let date = words.next()?;
        let time = words.next()?;
        let meridiem = words.next().map(str::to_ascii_lowercase);
        if words.next().is_some() {
            return None;
        }
        let numbers: Vec<&str> = date.split(['/', '-', '.']).collect();
        let [x, y, z] = numbers[..] else { return None };
        let num = |s: &str| -> Option<u32> { (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse().ok()).flatten() };
        let (a, b, year, iso, two_digit_year) = if x.len() == 4 {
            (num(y)?, num(z)?, num(x)? as i32, true, false)
        } else {
            let year = num(z)?;
            match z.len() {
                2 => (num(x)?, num(y)?, 2000 + year as i32, false, true),
                4 => (num(x)?, num(y)?, year as i32, false, false),
                _ => return None,
            }
        };
        let hms: Vec<&str> = time.split(':').collect();
        // Minutes and seconds always have two digits: "15:3" is a cut-off "15:30".
        let two = |s: &str| if s.len() == 2 { num(s) } else { None };
        let (h, m, s) = match hms[..] {
            [h, m] => (num(h)?, two(m)?, 0),
            [h, m, s] => (num(h)?, two(m)?, two(s)?),
            _ => return None,
        };
        let h = match meridiem.as_deref() {
            None => h,
            Some("am" | "a.m.") if (1..=12).contains(&h) => h % 12,
            Some("pm" | "p.m.") if (1..=12).contains(&h) => h % 12 + 12,
            Some(_) => return None,
        };
        let time = NaiveTime::from_hms_opt(h, m, s)?;
        Some(DateParts { a, b, year, iso, two_digit_year, time, twelve_hour: meridiem.is_some() })
    }

    /// Whether this date, on its own, can only be read one way.
    fn says(&self, order: DateOrder) -> bool {
        if self.iso {
            return false;
        }
        match order {
            DateOrder::DayFirst => self.a > 12,
            DateOrder::MonthFirst => self.b > 12 || self.twelve_hour || self.two_digit_year,
        }
    }

    fn at(&self, order: DateOrder) -> Option<NaiveDateTime> {
        let (month, day) = match (self.iso, order) {
            (true, _) | (false, DateOrder::MonthFirst) => (self.a, self.b),
            (false, DateOrder::DayFirst) => (self.b, self.a),
        };
        Some(NaiveDate::from_ymd_opt(self.year, month, day)?.and_time(self.time))
    }
}

/// `1h 2m 10s`, `55m`, `45s` (also `1 hr 2 min`), or `01:02:10`, in seconds.
pub fn duration(text: &str) -> Option<u64> {
    let t = text.trim();
    if t.contains(':') {
        let parts: Vec<u64> = t.split(':').map(|p| (!p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit())).then(|| p.parse().ok()).flatten()).collect::<Option<_>>()?;
        let s = match parts[..] {
            [h, m, s] if m < 60 && s < 60 => h * 3600 + m * 60 + s,
            [m, s] if s < 60 => m * 60 + s,
            _ => return None,
        };
        return (s <= MAX_SECONDS).then_some(s);
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    let mut unit = String::new();
    let mut any = false;
    let mut flush = |number: &mut String, unit: &mut String| -> Option<()> {
        if number.is_empty() && unit.is_empty() {
            return Some(());
        }
        let n: u64 = if number.len() <= 7 { number.parse().ok()? } else { return None };
        let scale = match unit.as_str() {
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
            "m" | "min" | "mins" | "minute" | "minutes" => 60,
            "s" | "sec" | "secs" | "second" | "seconds" => 1,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(scale)?)?;
        any = true;
        number.clear();
        unit.clear();
        Some(())
    };
    for c in t.chars() {
        if c.is_ascii_digit() {
            if !unit.is_empty() {
                flush(&mut number, &mut unit)?;
            }
            number.push(c);
        } else if c.is_alphabetic() {
            if number.is_empty() {
                return None;
            }
            unit.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            continue;
        } else {
            return None;
        }
    }
    if !number.is_empty() && unit.is_empty() {
        return None;
    }
    flush(&mut number, &mut unit)?;
    (any && total <= MAX_SECONDS).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(name)
    }

    fn dt(text: &str) -> Option<NaiveDateTime> {
        Some(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap())
    }

    fn utf16le(text: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    fn by_name<'r>(r: &'r TeamsReport, name: &str) -> &'r Participant {
        r.participants.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name} in {:?}", r.participants.iter().map(|p| &p.name).collect::<Vec<_>>()))
    }

    #[test]
    fn durations_teams_writes() {
        assert_eq!(duration("1h 2m 10s"), Some(3730));
        assert_eq!(duration("55m"), Some(3300));
        assert_eq!(duration("45s"), Some(45));
        assert_eq!(duration("1h"), Some(3600));
        assert_eq!(duration("1 hr 2 min"), Some(3720));
        assert_eq!(duration("01:02:10"), Some(3730));
        assert_eq!(duration("2m45s"), Some(165));
        for bad in ["", "soon", "12", "1h 2x", "-5m", "99999999999h", "1:99:00", "200h"] {
            assert_eq!(duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_read_day_or_month_first_by_the_whole_file() {
        let uk = DateParts::read("20/01/2025, 15:02:11").unwrap();
        assert!(uk.says(DateOrder::DayFirst) && !uk.says(DateOrder::MonthFirst));
        assert_eq!(uk.at(DateOrder::DayFirst), dt("2025-01-20 15:02:11"));
        let us = DateParts::read("1/20/25, 3:02:11 PM").unwrap();
        assert!(us.says(DateOrder::MonthFirst) && !us.says(DateOrder::DayFirst));
        assert_eq!(us.at(DateOrder::MonthFirst), dt("2025-01-20 15:02:11"));
        assert_eq!(DateParts::read("1/20/25, 12:05:00 AM").unwrap().at(DateOrder::MonthFirst), dt("2025-01-20 00:05:00"));
        assert_eq!(DateParts::read("2025-01-20 15:02:11").unwrap().at(DateOrder::DayFirst), dt("2025-01-20 15:02:11"));
        assert_eq!(DateParts::read("03/04/2025, 15:02").unwrap().at(DateOrder::MonthFirst), dt("2025-03-04 15:02:00"));
        for bad in ["", "yesterday", "20/01/2025", "20/01/2025, 25:00:00", "1/20/25, 13:00:00 PM", "20/01/2025, 15:02:11 tomorrow", "20/01/12345, 15:00"] {
            assert!(DateParts::read(bad).and_then(|d| d.at(DateOrder::DayFirst).or(d.at(DateOrder::MonthFirst))).is_none(), "{bad}");
        }
    }

    #[test]
    fn phone_lines_and_guest_marks() {
        for phone in ["+44 20 **** 1234", "020****5678", "+1 425-***-**78", "+44 7700 900123", "07700 xxx 123"] {
            assert!(is_phone_number(phone), "{phone}");
        }
        for person in ["Robin Ashby", "Room 101", "=1+2", "007", "", "R2-D2"] {
            assert!(!is_phone_number(person), "{person}");
        }
        assert_eq!(without_guest_mark("Nia Okafor (Guest)"), "Nia Okafor");
        assert_eq!(without_guest_mark("Nia Okafor (EXTERNAL) "), "Nia Okafor");
        assert_eq!(without_guest_mark("(Guest)"), "(Guest)");
        assert_eq!(without_guest_mark("Zoë (guest)"), "Zoë");
    }

    /// The fixtures are written by tests/fixtures/make-teams-fixtures.py.
    fn check_sample(r: &TeamsReport) {
        let robin = by_name(r, "Robin Ashby");
        assert_eq!((robin.email.as_deref(), robin.role, robin.phone), (Some("robin.ashby@example.org"), TeamsRole::Attendee, false));
        assert_eq!((robin.first_join, robin.last_leave, robin.seconds), (dt("2025-01-20 15:01:10"), dt("2025-01-20 16:30:05"), 5335));
        assert_eq!(robin.minutes(), 89);
        let dev = by_name(r, "Dev Marsh");
        assert_eq!(dev.seconds, 16 * 60 + 20 + 68 * 60 + 0, "two joins added up: {dev:?}");
        assert_eq!(by_name(r, "Jules Amara").role, TeamsRole::Organiser);
        let nia = by_name(r, "Nia Okafor");
        assert_eq!(nia.email, None, "a guest without an address, the mark removed");
        let phones: Vec<&str> = r.participants.iter().filter(|p| p.phone).map(|p| p.name.as_str()).collect();
        assert_eq!(phones, ["+44 20 **** 1234", "020****5678"]);
        assert_eq!(r.date(), NaiveDate::from_ymd_opt(2025, 1, 20));
    }

    #[test]
    fn the_sections_report_as_teams_writes_it() {
        let bytes = std::fs::read(fixture("teams-attendance-sections.txt")).unwrap();
        assert_eq!(&bytes[..4], b"\xFF\xFE1\x00", "UTF-16LE with a byte-order mark");
        let r = read(&fixture("teams-attendance-sections.txt"), None).unwrap();
        assert_eq!((r.shape, r.date_order, r.title.as_deref()), (ReportShape::Sections, DateOrder::DayFirst, Some("Leaders of Networks Forum")));
        assert_eq!((r.start, r.end), (dt("2025-01-20 15:00:02"), dt("2025-01-20 16:31:40")));
        assert_eq!(r.participants.len(), 10);
        check_sample(&r);
    }

    #[test]
    fn the_same_report_saved_from_excel_as_csv() {
        let r = read(&fixture("teams-attendance-excel.csv"), None).unwrap();
        assert_eq!((r.shape, r.date_order), (ReportShape::Sections, DateOrder::DayFirst));
        assert_eq!(r.participants.len(), 10);
        check_sample(&r);
    }

    #[test]
    fn the_old_flat_table_of_joins_and_leaves() {
        let r = read(&fixture("teams-attendance-flat.csv"), None).unwrap();
        assert_eq!(r.shape, ReportShape::Actions);
        assert_eq!(r.start, None);
        let robin = by_name(&r, "Robin Ashby");
        assert_eq!(robin.email, None, "the flat table has no addresses");
        assert_eq!((robin.first_join, robin.last_leave, robin.seconds), (dt("2025-01-20 15:00:02"), dt("2025-01-20 16:30:05"), 5403), "Joined before: from the start");
        let dev = by_name(&r, "Dev Marsh");
        assert_eq!(dev.seconds, 16 * 60 + 20 + 68 * 60, "two joins added up");
        let morgan = by_name(&r, "Morgan Hale");
        assert_eq!(morgan.last_leave, dt("2025-01-20 16:31:40"), "never left: until the report ends");
        assert!(by_name(&r, "+44 20 **** 1234").phone);
        assert_eq!(r.date(), NaiveDate::from_ymd_opt(2025, 1, 20));
    }

    #[test]
    fn the_meeting_summary_report_with_us_dates() {
        let r = read(&fixture("teams-attendance-us.txt"), None).unwrap();
        assert_eq!((r.shape, r.date_order), (ReportShape::MeetingSummary, DateOrder::MonthFirst));
        assert_eq!(r.start, dt("2025-01-20 15:00:02"));
        let dev = by_name(&r, "Dev Marsh");
        assert_eq!((dev.seconds, dev.first_join, dev.last_leave), (16 * 60 + 20 + 68 * 60, dt("2025-01-20 15:03:40"), dt("2025-01-20 16:30:10")), "one row per join, added up");
        assert_eq!(by_name(&r, "Jules Amara").role, TeamsRole::Organiser);
        assert_eq!(r.participants.iter().filter(|p| p.phone).count(), 1);
    }

    #[test]
    fn utf16_big_endian_and_without_a_byte_order_mark() {
        let text = "2. Participants\r\nName\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\r\nSam Okoro\t20/01/2025, 15:00:00\t20/01/2025, 15:30:00\t30m\tsam@x.example.uk\tAttendee\r\n";
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        let no_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        for bytes in [be, no_bom, text.as_bytes().to_vec()] {
            let r = parse("r.csv", &bytes, None).unwrap();
            assert_eq!((r.participants[0].name.as_str(), r.participants[0].seconds), ("Sam Okoro", 1800));
        }
    }

    #[test]
    fn ambiguous_dates_take_the_reading_on_the_meeting_day() {
        let text = "2. Participants\nName\tFirst Join\tLast Leave\tEmail\nSam\t03/04/2025, 15:00:00\t03/04/2025, 15:45:00\t\n";
        let march = NaiveDate::from_ymd_opt(2025, 3, 4);
        let r = parse("r.txt", text.as_bytes(), march).unwrap();
        assert_eq!((r.date_order, r.date(), r.participants[0].seconds), (DateOrder::MonthFirst, march, 2700));
        let r = parse("r.txt", text.as_bytes(), None).unwrap();
        assert_eq!((r.date_order, r.date()), (DateOrder::DayFirst, NaiveDate::from_ymd_opt(2025, 4, 3)), "the UK's reading otherwise");
        let mixed = "2. Participants\nName\tFirst Join\tLast Leave\nSam\t20/01/2025, 15:00:00\t1/20/2025, 15:45:00\n";
        let e = parse("mixed.txt", mixed.as_bytes(), None).unwrap_err();
        assert!(e.to_string().starts_with("mixed.txt, row 3, column \u{201c}"), "{e}");
        assert!(e.to_string().contains("both day first (20/01/2025, 15:00:00) and month first (1/20/2025, 15:45:00)"), "{e}");
    }

    #[test]
    fn another_shape_is_named_as_not_a_teams_report() {
        for (name, text) in [
            ("registrations.csv", "Timestamp,Your name,Email address\n01/11/2019 09:00:00,Sam,sam@x.example.uk\n"),
            ("empty.txt", ""),
            ("notes.txt", "1. Summary\nMeeting title\tForum\n2. Participants\nSomething else\tEntirely\n"),
        ] {
            let e = parse(name, text.as_bytes(), None).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("{name} is not a valid Teams attendance report file: expected a \u{201c}2. Participants\u{201d} table or a \u{201c}Full Name, User Action, Timestamp\u{201d} table"),
            );
            assert_eq!(e.code(), "file_syntax");
        }
        let e = parse("headers.txt", b"2. Participants\nName\tFirst Join\tLast Leave\n", None).unwrap_err();
        assert!(e.to_string().contains("its participants table has no rows"), "{e}");
    }

    #[test]
    fn hostile_files_are_refused_by_name_row_and_column() {
        // Binary: a PNG's first bytes.
        let e = parse("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", None).unwrap_err();
        assert_eq!(e.to_string(), "Could not read photo.csv: it is not a text file (it holds binary data); choose the attendance report Teams downloaded");
        // Truncated in the middle of a UTF-16 character, and in the middle of a row.
        let mut cut = utf16le("2. Participants\r\nName\tFirst Join\r\nSam\t20/01/2025, 15:00:00\r\n");
        cut.pop();
        assert!(parse("cut.csv", &cut, None).unwrap_err().to_string().contains("it ends in the middle of a character"));
        let short = utf16le("2. Participants\r\nName\tFirst Join\tLast Leave\tIn-Meeting Duration\r\nSam Okoro\t20/01/2025, 15:00:00\t20/01/2025, 15:3");
        let e = parse("short.csv", &short, None).unwrap_err();
        assert_eq!(e.to_string(), "short.csv, row 3, column \u{201c}Last Leave\u{201d}: this is not a date and time Teams writes, like 20/01/2025, 15:02:11 or 1/20/25, 3:02:11 PM");
        let shorter = utf16le("2. Participants\r\nName\tFirst Join\tLast Leave\r\nSam Okoro\t20/01/2025, 15:00:00");
        let e = parse("shorter.csv", &shorter, None).unwrap_err();
        assert_eq!(e.to_string(), "shorter.csv, row 3, column \u{201c}Last Leave\u{201d}: the row ends before this column, so the file was cut short; download the report again");
        // Windows-1252 from an old Excel "CSV" save: refused, not garbled.
        let e = parse("ansi.csv", b"Full Name,User Action,Timestamp\nZo\xEB Hart,Joined,20/01/2025 15:00:00\n", None).unwrap_err();
        assert!(e.to_string().starts_with("Could not read ansi.csv: it is not UTF-8 or UTF-16 text (invalid byte at position 34)"), "{e}");
        // A line break inside a quoted cell, in the name.
        let e = parse("breaks.csv", "Full Name,User Action,Timestamp\n\"Sam\r\nOkoro\",Joined,\"20/01/2025, 15:00:00\"\n".as_bytes(), None).unwrap_err();
        assert_eq!(e.to_string(), "breaks.csv, row 2, column \u{201c}Full Name\u{201d}: a line break inside a cell: Teams never writes one, so the file was changed or is not a Teams report");
        // A name too long for a person, a bad address, a bad action.
        let long = format!("Full Name\tUser Action\tTimestamp\n{}\tJoined\t20/01/2025, 15:00:00\n", "A".repeat(201));
        assert!(parse("long.txt", long.as_bytes(), None).unwrap_err().to_string().contains("row 2, column \u{201c}Full Name\u{201d}: Name must be 200 characters or fewer"));
        let bad_email = "2. Participants\nName\tFirst Join\tEmail\nSam\t20/01/2025, 15:00:00\tsam at x\n";
        assert!(parse("e.txt", bad_email.as_bytes(), None).unwrap_err().to_string().starts_with("e.txt, row 3, column \u{201c}Email\u{201d}: Enter an email address"));
        let bad_action = "Full Name\tUser Action\tTimestamp\nSam\tWaved\t20/01/2025, 15:00:00\n";
        assert_eq!(parse("a.txt", bad_action.as_bytes(), None).unwrap_err().to_string(), "a.txt, row 2, column \u{201c}User Action\u{201d}: expected Joined, Joined before or Left");
    }

    #[test]
    fn a_formula_in_a_name_is_kept_as_text() {
        let text = "Full Name,User Action,Timestamp\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",Joined,\"20/01/2025, 15:00:00\"\n@SUM(A1),Left,\"20/01/2025, 15:10:00\"\n";
        let r = parse("f.csv", text.as_bytes(), None).unwrap();
        assert_eq!(r.participants[0].name, "=HYPERLINK(\"http://evil.example\",\"x\")");
        assert_eq!(r.participants[1].name, "@SUM(A1)");
        assert!(!r.participants[0].phone);
    }

    #[test]
    fn a_huge_file_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.csv");
        let f = std::fs::File::create(&path).unwrap();
        f.set_len(MAX_BYTES + 1).unwrap();
        let e = read(&path, None).unwrap_err();
        assert_eq!(e.to_string(), "Could not read huge.csv: it is larger than 20 MB, far larger than any Teams attendance report");
        let e = read(&dir.path().join("missing.csv"), None).unwrap_err();
        assert_eq!(e.code(), "file_unreadable");
    }

    /// Any bytes at all: an answer, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic() {
        let seed = std::fs::read(fixture("teams-attendance-sections.txt")).unwrap();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for round in 0..400 {
            let mut bytes = seed.clone();
            for _ in 0..(round % 12 + 1) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let at = (state as usize) % bytes.len();
                match state % 3 {
                    0 => bytes[at] = (state >> 8) as u8,
                    1 => bytes.truncate(at.max(2)),
                    _ => bytes.insert(at, (state >> 16) as u8),
                }
            }
            let _ = parse("fuzz.txt", &bytes, NaiveDate::from_ymd_opt(2025, 1, 20));
        }
    }
}
