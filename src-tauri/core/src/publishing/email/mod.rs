//! Circulating: the agenda, the readout, the call for needs, strengths and agenda items,
//! the chase of networks that have not sent theirs, and action reminders, each written as
//! an email file ready to send from the chair's own mail program.
//!
//! Forum Desk sends nothing: the records are sensitive, and departmental mail is Outlook
//! on a managed laptop. Each email is first a `Draft` (recipients, who is left out and
//! why, subject, text, attachments) that the chair reads and edits; `write` then builds
//! the file from the records again, with the chair's subject and text. Addresses never
//! come from the window: the recipients are always the records' own.

pub mod eml;
pub mod recipients;
pub mod templates;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use recipients::{LeftOut, LeftOutReason, Recipient, RecipientKind};
pub use templates::{EmailKind, EmailSettings, EmailTemplate, Placeholder};

use self::recipients::Recipients;
use crate::model::text::one_line;
use crate::model::{Action, ActionFilter, Meeting, ValidationError};
use crate::publishing::readout::build::{self, long_date, ReadoutOptions};
use crate::publishing::readout::{markdown_in, Block, Span};
use crate::publishing::Format;
use crate::store::StoreError;
use crate::{forum, needs::forward_look, networks, settings, store, Result, Store};

/// Which email to draft, from the window or the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EmailRequest {
    pub kind: EmailKind,
    /// The meeting (every email but the reminders).
    #[serde(default)]
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    /// The readout: also to every active network's mailbox.
    #[serde(default)]
    pub include_networks: bool,
}

/// A file attached to a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Attachment {
    pub file_name: String,
    pub content_type: String,
    /// Bytes, for the preview to show.
    pub size: u32,
    #[serde(skip)]
    #[ts(skip)]
    pub bytes: Vec<u8>,
}

impl Attachment {
    fn new(file_name: String, content_type: &str, bytes: Vec<u8>) -> Attachment {
        Attachment { file_name, content_type: content_type.into(), size: u32::try_from(bytes.len()).unwrap_or(u32::MAX), bytes }
    }
}

/// One email before it is written: what the chair sees, and edits, first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Draft {
    pub kind: EmailKind,
    /// Tells the drafts of one request apart (reminders: one per owner); letters,
    /// digits and dashes.
    pub key: String,
    /// Whom it is for, as a heading (reminders: the owner).
    pub label: String,
    /// To: the forum's mailbox; none until the chair sets it in Settings.
    pub forum_email: Option<String>,
    /// Bcc.
    pub recipients: Vec<Recipient>,
    pub left_out: Vec<LeftOut>,
    pub subject: String,
    pub body: String,
    pub attachments: Vec<Attachment>,
    /// Placeholders in the template that this email does not know: kept in the text as
    /// typed, and reported here.
    pub unknown_placeholders: Vec<String>,
    /// The file name it is saved under by default.
    pub file_name: String,
}

/// The chair's subject and text for one draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DraftText {
    pub key: String,
    pub subject: String,
    pub body: String,
}

fn short_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").map(|d| d.format("%-d %B %Y").to_string()).unwrap_or_else(|_| iso.to_string())
}

/// The values every meeting's email can use.
fn meeting_values(m: &Meeting, forum_email: Option<&str>) -> Vec<(&'static str, String)> {
    let mut joining = vec![format!("Where: {}", if m.location.trim().is_empty() { "to be confirmed".to_string() } else { one_line(&m.location) })];
    if let Some(link) = &m.online_link {
        joining.push(format!("Join online: {}", one_line(link)));
    }
    if let Some(dial) = &m.dial_in {
        joining.push(format!("Dial in: {}", one_line(dial)));
    }
    // The meeting's own registration mailbox comes before the forum's, as on the
    // invitation and the event post.
    let registration = match (&m.registration_link, m.registration_email.as_deref().or(forum_email)) {
        (Some(link), _) => one_line(link),
        (None, Some(email)) => format!("reply to this email ({email}) with your name, pronouns and network"),
        (None, None) => "reply to this email with your name, pronouns and network".to_string(),
    };
    vec![
        ("meeting_title", one_line(&m.title)),
        ("meeting_date", long_date(&m.date)),
        ("meeting_time", format!("{} to {}", m.start_time, m.end_time)),
        ("location", if m.location.trim().is_empty() { "to be confirmed".into() } else { one_line(&m.location) }),
        ("joining_link", m.online_link.as_deref().map(one_line).unwrap_or_else(|| "to follow".into())),
        ("dial_in", m.dial_in.as_deref().map(one_line).unwrap_or_else(|| "to follow".into())),
        ("joining", joining.join("\n")),
        ("deadline", m.registration_deadline.as_deref().map(long_date).unwrap_or_else(|| "the day before the forum".into())),
        ("registration", registration),
        ("forum_email", forum_email.unwrap_or("the forum team").to_string()),
    ]
}

/// How a lead sends theirs with Forum Desk, for the call and the chase.
fn lead_mode(forum_email: Option<&str>) -> String {
    format!(
        "You can send them with Forum Desk: in its network lead mode (answer Yes to \u{201c}Do you lead a network?\u{201d} when it first opens, or switch in Settings), fill in your network's needs, strengths and agenda items, choose Save submission file, and email the file it saves to {}.",
        forum_email.unwrap_or("the forum team")
    )
}

/// Markdown (the readout's opening paragraph) as plain text for an email's body.
pub fn plain_text(markdown: &str) -> String {
    fn spans(list: &[Span]) -> String {
        let mut out = String::new();
        for s in list {
            out.push_str(&s.text);
            if let Some(href) = &s.href {
                let shown = href.strip_prefix("mailto:").unwrap_or(href);
                if s.text.trim() != shown {
                    out.push_str(&format!(" ({shown})"));
                }
            }
            if s.line_break {
                out.push('\n');
            }
        }
        out
    }
    fn blocks(list: &[Block], out: &mut Vec<String>) {
        for b in list {
            match b {
                Block::Heading { content, .. } | Block::Paragraph { content } => out.push(spans(content)),
                Block::List { ordered, start, items } => {
                    let lines: Vec<String> = items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            let mut inner = Vec::new();
                            blocks(item, &mut inner);
                            let mark = if *ordered { format!("{}.", *start as usize + i) } else { "-".into() };
                            format!("{mark} {}", inner.join(" "))
                        })
                        .collect();
                    out.push(lines.join("\n"));
                }
                Block::Quote { blocks: inner } => blocks(inner, out),
                Block::Code { text } => out.push(text.clone()),
                Block::Rule => {}
                Block::Table { header, rows } => {
                    let row = |cells: &[Vec<Span>]| cells.iter().map(|c| spans(c)).collect::<Vec<_>>().join(" | ");
                    out.push(std::iter::once(row(header)).chain(rows.iter().map(|r| row(r))).collect::<Vec<_>>().join("\n"));
                }
                Block::Footnote { number, blocks: inner } => {
                    let mut text = Vec::new();
                    blocks(inner, &mut text);
                    out.push(format!("[{number}] {}", text.join(" ")));
                }
            }
        }
    }
    let mut out = Vec::new();
    blocks(&markdown_in::parse(markdown), &mut out);
    out.join("\n\n")
}

/// The draft from the kind's template and the values gathered for it.
#[allow(clippy::too_many_arguments)]
fn draft(store: &Store, kind: EmailKind, key: String, label: String, forum_email: Option<String>, recipients: Recipients, values: &[(&str, String)], attachments: Vec<Attachment>, file_name: String) -> Result<Draft> {
    let t = templates::template(store, kind)?;
    let (subject, mut unknown) = templates::fill(&t.subject, values);
    let (body, unknown_body) = templates::fill(&t.body, values);
    for u in unknown_body {
        if !unknown.contains(&u) {
            unknown.push(u);
        }
    }
    let recipients = recipients.without(forum_email.as_deref());
    Ok(Draft {
        kind,
        key,
        label,
        forum_email,
        recipients: recipients.list,
        left_out: recipients.left_out,
        subject: one_line(&subject),
        body,
        attachments,
        unknown_placeholders: unknown,
        file_name,
    })
}

/// The agenda to those registered: the agenda PDF and the calendar invitation attached,
/// the joining details and the agenda in the text.
pub fn agenda(store: &Store, meeting_id: i64) -> Result<Draft> {
    let a = forum::agenda::get(store, meeting_id)?;
    let m = &a.meeting;
    let forum_email = settings::forum_email(store)?;
    let mut r = Recipients::default();
    recipients::registered(store.conn(), meeting_id, &mut r)?;
    let mut values = meeting_values(m, forum_email.as_deref());
    let items: Vec<String> = a
        .items
        .iter()
        .map(|i| match i.presenter.as_deref().filter(|p| !p.trim().is_empty()) {
            Some(p) => format!("{}  {} ({})", i.slot.label, one_line(&i.title), one_line(p)),
            None => format!("{}  {}", i.slot.label, one_line(&i.title)),
        })
        .collect();
    values.push(("agenda", if items.is_empty() { "to follow".into() } else { items.join("\n") }));
    let attachments = vec![
        Attachment::new(format!("{}-agenda.pdf", m.date), "application/pdf", crate::publishing::agenda_bytes(store, meeting_id, Format::Pdf)?),
        Attachment::new("leaders-of-networks-forum.ics".into(), "text/calendar", crate::publishing::agenda_bytes(store, meeting_id, Format::Ics)?),
    ];
    draft(store, EmailKind::Agenda, "agenda".into(), "Those registered".into(), forum_email, r, &values, attachments, format!("{}-agenda-email.eml", m.date))
}

/// The readout (as saved for the meeting: its title, opening paragraph and sections) to
/// those registered, and to every active network's mailbox when `include_networks`.
pub fn readout(store: &Store, meeting_id: i64, include_networks: bool, today: NaiveDate) -> Result<Draft> {
    let m = forum::meetings::get(store, meeting_id)?;
    let options: ReadoutOptions = build::options(store, meeting_id)?;
    let forum_email = settings::forum_email(store)?;
    let mut r = Recipients::default();
    recipients::registered(store.conn(), meeting_id, &mut r)?;
    if include_networks {
        let people = store::people::list(store.conn())?;
        recipients::networks(&networks::list(store, &Default::default())?, &people, false, &mut r);
    }
    let mut values = meeting_values(&m, forum_email.as_deref());
    values.push(("opening", plain_text(&build::opening(store, meeting_id, &options)?)));
    values.push(("readout_title", one_line(if options.title.trim().is_empty() { build::DEFAULT_TITLE } else { &options.title })));
    let (name, pdf) = crate::publishing::readout_pdf(store, meeting_id, &options, today)?;
    let label = if include_networks { "Those registered and every network's mailbox" } else { "Those registered" };
    draft(store, EmailKind::Readout, "readout".into(), label.into(), forum_email, r, &values, vec![Attachment::new(name, "application/pdf", pdf)], format!("{}-readout-email.eml", m.date))
}

/// The call for registrations, needs and strengths and agenda items: every active
/// network's mailbox and the people recorded under it.
pub fn call(store: &Store, meeting_id: i64) -> Result<Draft> {
    let m = forum::meetings::get(store, meeting_id)?;
    let forum_email = settings::forum_email(store)?;
    let mut r = Recipients::default();
    let people = store::people::list(store.conn())?;
    recipients::networks(&networks::list(store, &Default::default())?, &people, true, &mut r);
    let mut values = meeting_values(&m, forum_email.as_deref());
    values.push(("lead_mode", lead_mode(forum_email.as_deref())));
    draft(store, EmailKind::Call, "call".into(), "Every active network".into(), forum_email, r, &values, Vec::new(), format!("{}-call-for-needs-and-strengths.eml", m.date))
}

/// The networks on the forward look's chase list (no needs and strengths yet), by their
/// mailbox and the people recorded under them.
pub fn chase(store: &Store, meeting_id: i64) -> Result<Draft> {
    let m = forum::meetings::get(store, meeting_id)?;
    let look = forward_look::build(store, meeting_id)?;
    let forum_email = settings::forum_email(store)?;
    let chased: Vec<crate::model::Network> = networks::list(store, &Default::default())?.into_iter().filter(|n| look.chase.iter().any(|c| c.network_id == n.id)).collect();
    let mut r = Recipients::default();
    recipients::networks(&chased, &store::people::list(store.conn())?, true, &mut r);
    let mut values = meeting_values(&m, forum_email.as_deref());
    values.push(("lead_mode", lead_mode(forum_email.as_deref())));
    let label = format!("The {} that have not sent theirs", if chased.len() == 1 { "network".to_string() } else { format!("{} networks", chased.len()) });
    draft(store, EmailKind::Chase, "chase".into(), label, forum_email, r, &values, Vec::new(), format!("{}-chase-needs-and-strengths.eml", m.date))
}

/// Whose actions: a network, or a person or team named in text.
#[derive(PartialEq, Eq)]
enum Owner {
    Network(i64),
    Named(String),
}

fn owner_of(a: &Action) -> Owner {
    match (a.owner_network_id, &a.owner_text) {
        (Some(id), _) => Owner::Network(id),
        (None, Some(t)) => Owner::Named(crate::model::text::match_key(&[t])),
        (None, None) => Owner::Named(String::new()),
    }
}

/// One action as a reminder lists it.
fn action_lines(a: &Action, by_network: bool) -> String {
    let mut said = vec![match &a.due_date {
        Some(d) if a.overdue => format!("Due {} (overdue).", short_date(d)),
        Some(d) => format!("Due {}.", short_date(d)),
        None => "No due date.".into(),
    }];
    if a.status == crate::model::ActionStatus::InProgress {
        said.push("In progress.".into());
    }
    if let (true, Some(t)) = (by_network, &a.owner_text) {
        said.push(format!("With {}.", one_line(t)));
    }
    said.push(format!("Agreed at the {} on {}.", one_line(&a.meeting_title), short_date(&a.meeting_date)));
    format!("- {}\n  {}", one_line(&a.description), said.join(" "))
}

/// One draft per owner of open actions (open or in progress): a network's mailbox and
/// its people, or the person named. Each lists the owner's actions, overdue ones first,
/// then by due date.
pub fn reminders(store: &Store, today: NaiveDate) -> Result<Vec<Draft>> {
    let mut open = forum::actions::list(store, &ActionFilter { open_only: true, ..Default::default() }, today)?;
    // Overdue first, then by due date (none last), then as agreed.
    open.sort_by(|a, b| b.overdue.cmp(&a.overdue).then_with(|| (a.due_date.is_none(), &a.due_date).cmp(&(b.due_date.is_none(), &b.due_date))).then(a.id.cmp(&b.id)));
    let mut owners: Vec<(Owner, Vec<Action>)> = Vec::new();
    for a in open {
        let o = owner_of(&a);
        match owners.iter_mut().find(|(k, _)| *k == o) {
            Some((_, list)) => list.push(a),
            None => owners.push((o, vec![a])),
        }
    }
    let forum_email = settings::forum_email(store)?;
    let people = store::people::list(store.conn())?;
    let all_networks = networks::list(store, &crate::model::NetworkFilter { include_inactive: true, ..Default::default() })?;
    let mut drafts: Vec<Draft> = Vec::new();
    for (owner, actions) in owners {
        let mut r = Recipients::default();
        let (label, key) = match &owner {
            Owner::Network(id) => {
                let network: Vec<_> = all_networks.iter().filter(|n| n.id == *id).cloned().collect();
                recipients::networks(&network, &people, true, &mut r);
                (actions[0].owner_network_name.clone().unwrap_or_default(), format!("network-{id}"))
            }
            Owner::Named(_) => {
                let text = actions[0].owner_text.clone().unwrap_or_default();
                if text.trim().is_empty() {
                    r.leave_out("No owner recorded", None, recipients::LeftOutReason::NotInRecords);
                    ("No owner recorded".to_string(), "owner".to_string())
                } else {
                    recipients::named(&text, &people, &mut r);
                    (one_line(&text), format!("owner-{}", slug::slugify(&text)))
                }
            }
        };
        let values = vec![
            ("owner", label.clone()),
            ("actions", actions.iter().map(|a| action_lines(a, matches!(owner, Owner::Network(_)))).collect::<Vec<_>>().join("\n\n")),
            ("today", long_date(&today.format("%Y-%m-%d").to_string())),
            ("forum_email", forum_email.clone().unwrap_or_else(|| "the forum team".into())),
        ];
        // Two owners whose names read alike (an emoji, punctuation) get a number, so
        // each draft has its own key and file.
        let key = unique(key.trim_end_matches('-').to_string(), |k| drafts.iter().any(|d| d.key == k));
        let slug = slug::slugify(&label);
        let file = unique(format!("reminder-{}", if slug.is_empty() { "owner" } else { &slug }), |f| drafts.iter().any(|d| d.file_name == format!("{f}.eml")));
        drafts.push(draft(store, EmailKind::Reminders, key, label, forum_email.clone(), r, &values, Vec::new(), format!("{file}.eml"))?);
    }
    drafts.sort_by_key(|d| d.label.to_lowercase());
    Ok(drafts)
}

/// `base`, or `base-2`, `base-3`... whichever is not `taken`.
fn unique(base: String, taken: impl Fn(&str) -> bool) -> String {
    let mut candidate = base.clone();
    let mut n = 2;
    while taken(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

fn meeting_of(request: &EmailRequest) -> Result<i64> {
    request.meeting_id.ok_or_else(|| ValidationError::new("meeting", "Choose the meeting this email is about").into())
}

/// The drafts a request makes (one, or one per owner for reminders), for the chair to
/// read and edit before anything is written.
pub fn preview(store: &Store, request: &EmailRequest, today: NaiveDate) -> Result<Vec<Draft>> {
    Ok(match request.kind {
        EmailKind::Agenda => vec![agenda(store, meeting_of(request)?)?],
        EmailKind::Readout => vec![readout(store, meeting_of(request)?, request.include_networks, today)?],
        EmailKind::Call => vec![call(store, meeting_of(request)?)?],
        EmailKind::Chase => vec![chase(store, meeting_of(request)?)?],
        EmailKind::Reminders => reminders(store, today)?,
    })
}

/// Applies the chair's subject and text to the drafts they belong to.
fn apply(drafts: &mut [Draft], texts: &[DraftText]) -> Result<()> {
    for t in texts {
        let Some(d) = drafts.iter_mut().find(|d| d.key == t.key) else {
            return Err(StoreError::Conflict { field: None, message: "The records have changed since the preview: look at the email again before saving it".into() }.into());
        };
        templates::check_text(&t.subject, &t.body).map_err(|e| ValidationError::new(&format!("{}-{}", t.key, e.field), e.message))?;
        d.subject = one_line(&t.subject);
        d.body = t.body.trim().to_string();
    }
    Ok(())
}

/// Writes the email files, with the chair's edits (`texts`, by draft key; a draft without
/// one keeps its template's text). The recipients and attachments come from the records
/// again, never from the window.
///
/// One draft goes to `out` (a file), or into `out` under its own name when `out` is a
/// folder. Reminders always go into a folder (made if missing), one file per owner named
/// after the owner, e.g. `reminder-proud-at-home.eml`, replacing one of the same name.
/// Returns the files written.
pub fn write(store: &Store, request: &EmailRequest, texts: &[DraftText], out: &Path, today: NaiveDate) -> Result<Vec<PathBuf>> {
    let mut drafts = preview(store, request, today)?;
    apply(&mut drafts, texts)?;
    let files: Vec<(PathBuf, Vec<u8>)> = {
        let folder = request.kind == EmailKind::Reminders || out.is_dir();
        if request.kind == EmailKind::Reminders && out.exists() && !out.is_dir() {
            return Err(ValidationError::new("out", format!("Reminders are one email per owner: choose a folder to save them in ({} is a file)", out.display())).into());
        }
        drafts
            .iter()
            .map(|d| Ok((if folder { out.join(&d.file_name) } else { out.to_path_buf() }, eml::build(d)?)))
            .collect::<Result<_>>()?
    };
    if request.kind == EmailKind::Reminders && !files.is_empty() {
        std::fs::create_dir_all(out).map_err(|e| StoreError::io(out, e))?;
    }
    for (path, bytes) in &files {
        crate::files::write_atomic(path, bytes).map_err(|e| StoreError::io(path, e))?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

#[cfg(test)]
mod tests;
