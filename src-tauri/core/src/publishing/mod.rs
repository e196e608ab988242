//! Publishing: the readout and agenda written to files, and published readouts brought
//! back in as past meetings.

pub mod email;
pub mod readout;
pub mod spreadsheet;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::import::{self, readout_md};
use crate::model::{ItemInput, ItemKind, Meeting, MeetingInput, MeetingStatus};
use crate::publishing::readout::build::{self, ReadoutOptions};
use crate::publishing::readout::{jekyll, markdown_out, Document};
use crate::store::{agenda as items, meetings, StoreError};
use crate::{Result, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Format {
    Markdown,
    Pdf,
    /// A calendar invitation (agenda only).
    Ics,
}

/// Where a post goes: into `out` under its website file name when `out` is a folder (a
/// checkout's `_news/` or `_events/`), where an existing post is never replaced unless
/// `replace` says so; otherwise `out` itself (the save dialog has already asked).
fn target(out: &Path, name: &str, replace: bool) -> Result<PathBuf> {
    if !out.is_dir() {
        return Ok(out.to_path_buf());
    }
    let path = out.join(name);
    if path.exists() && !replace {
        return Err(StoreError::Conflict {
            field: Some("out".into()),
            message: format!("{} already exists in {}: it was not replaced (use --force to replace it)", name, out.display()),
        }
        .into());
    }
    Ok(path)
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::files::write_atomic(path, bytes).map_err(|e| StoreError::io(path, e).into())
}

/// The readout as the website's news post (front matter and Markdown).
pub fn readout_markdown(store: &Store, meeting_id: i64, options: &ReadoutOptions, today: NaiveDate) -> Result<(String, String)> {
    Ok(jekyll::news_post(&build::readout(store, meeting_id, options, today)?))
}

/// A plain Markdown document (no front matter): the agenda to paste into an email.
pub fn plain_markdown(doc: &Document) -> String {
    let mut out = format!("# {}\n\n", markdown_out::spans(&[crate::publishing::readout::Span::plain(&doc.title)]));
    out.push_str(&markdown_out::render_blocks(&doc.blocks));
    out.push('\n');
    out
}

/// Writes the readout; a folder as `out` receives the post under its website file name.
/// Returns the path written.
pub fn export_readout(store: &Store, meeting_id: i64, format: Format, options: &ReadoutOptions, out: &Path, today: NaiveDate, replace: bool) -> Result<PathBuf> {
    match format {
        Format::Markdown => {
            let (name, text) = readout_markdown(store, meeting_id, options, today)?;
            let path = target(out, &name, replace)?;
            write(&path, text.as_bytes())?;
            Ok(path)
        }
        Format::Pdf => {
            let (name, bytes) = readout_pdf(store, meeting_id, options, today)?;
            let path = target(out, &name, replace)?;
            write(&path, &bytes)?;
            Ok(path)
        }
        Format::Ics => Err(crate::model::ValidationError::new("format", "A readout is a PDF or a website post; the calendar invitation is for the agenda").into()),
    }
}

/// The website's event post announcing the meeting; a folder as `out` receives it under
/// its website file name. It is dated `published` (today unless the chair picks an
/// earlier day): a date after `today` is refused, as the website would not show the post.
pub fn export_event(store: &Store, meeting_id: i64, out: &Path, published: Option<NaiveDate>, today: NaiveDate, replace: bool) -> Result<PathBuf> {
    let published = published.unwrap_or(today);
    if published > today {
        return Err(crate::model::ValidationError::new(
            "published",
            format!("The post's date must be today or earlier (it was {published}): the website leaves out posts dated in the future"),
        )
        .into());
    }
    let m = meetings::get(store.conn(), meeting_id)?;
    let email = crate::settings::forum_email(store)?;
    let cadence = crate::forum::series::cadence(store)?;
    let (name, text) = jekyll::event_post(&m, cadence, email.as_deref(), published);
    let path = target(out, &name, replace)?;
    write(&path, text.as_bytes())?;
    Ok(path)
}

/// One calendar file with every meeting from `from` to `to` (a cancelled one marked so,
/// for calendars that had it): the year ahead in one invitation. Returns how many.
pub fn export_calendar(store: &Store, from: NaiveDate, to: NaiveDate, out: &Path) -> Result<usize> {
    if to < from {
        return Err(crate::model::ValidationError::new("to", format!("The end of the period ({to}) is before its start ({from})")).into());
    }
    let meetings = meetings::between(store.conn(), &from.format("%Y-%m-%d").to_string(), &to.format("%Y-%m-%d").to_string())?;
    if meetings.is_empty() {
        return Err(crate::model::ValidationError::new("from", format!("No meetings are planned from {from} to {to}")).into());
    }
    let agendas = meetings.iter().map(|m| crate::forum::agenda::get(store, m.id)).collect::<Result<Vec<_>>>()?;
    let name = format!("Leaders of Networks Forum, {} to {}", build::long_date(&from.format("%Y-%m-%d").to_string()), build::long_date(&to.format("%Y-%m-%d").to_string()));
    write(out, crate::publishing::readout::calendar::invites(&name, &agendas).as_bytes())?;
    Ok(agendas.len())
}

/// The readout as a PDF, and its file name: what `export_readout` writes and the readout
/// email attaches.
pub fn readout_pdf(store: &Store, meeting_id: i64, options: &ReadoutOptions, today: NaiveDate) -> Result<(String, Vec<u8>)> {
    let doc = build::readout(store, meeting_id, options, today)?;
    Ok((format!("{}-leaders-of-networks-forum-readout.pdf", doc.date), crate::publishing::readout::pdf::render(&doc)?))
}

/// The agenda in one format: what `export_agenda` writes and the agenda email attaches.
pub fn agenda_bytes(store: &Store, meeting_id: i64, format: Format) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Markdown => plain_markdown(&build::agenda_document(store, meeting_id)?).into_bytes(),
        Format::Pdf => crate::publishing::readout::pdf::render(&build::agenda_document(store, meeting_id)?)?,
        Format::Ics => crate::publishing::readout::calendar::invite(&crate::forum::agenda::get(store, meeting_id)?).into_bytes(),
    })
}

pub fn export_agenda(store: &Store, meeting_id: i64, format: Format, out: &Path) -> Result<PathBuf> {
    write(out, &agenda_bytes(store, meeting_id, format)?)?;
    Ok(out.to_path_buf())
}

/// Imports a published readout as a past meeting (published, so locked), in one
/// transaction. Returns the new meeting.
pub fn import_readout(store: &mut Store, path: &Path) -> Result<Meeting> {
    let text = import::read_text(path)?;
    import_readout_text(store, &import::display_name(path), &text)
}

pub fn import_readout_text(store: &mut Store, file: &str, text: &str) -> Result<Meeting> {
    let r = readout_md::parse(file, text)?;
    let start = r.start.unwrap_or_else(|| NaiveTime::from_hms_opt(15, 0, 0).unwrap_or_default());
    let minutes: Vec<u32> = r.minutes.iter().map(|m| m.unwrap_or(10)).collect();
    let start_m = start.hour() * 60 + start.minute();
    let total: u32 = minutes.iter().sum();
    if start_m + total > 24 * 60 {
        return Err(import::ImportError::Syntax { file: file.into(), format: "website readout", message: "its agenda would run past midnight".into() }.into());
    }
    let end_m = (start_m + total.max(60)).min(24 * 60 - 1);
    let input = MeetingInput {
        date: r.date.format("%Y-%m-%d").to_string(),
        start_time: start.format("%H:%M").to_string(),
        end_time: format!("{:02}:{:02}", end_m / 60, end_m % 60),
        location: String::new(),
        readout_author: r.author.clone(),
        ..Default::default()
    };
    let valid = input.validate()?;
    let tx = store.conn_mut().transaction()?;
    let id = meetings::insert(&tx, &valid)?;
    for (i, ((title, notes), minutes)) in r.sections.iter().zip(&minutes).enumerate() {
        let item = ItemInput {
            title: title.chars().take(200).collect(),
            duration_minutes: minutes.to_string(),
            kind: ItemKind::Discussion.as_str().into(),
            ..Default::default()
        };
        let item_id = items::insert(&tx, id, i as u32 + 1, &item.validate()?)?;
        crate::model::agenda::validate_notes(notes)?;
        items::set_notes(&tx, item_id, notes)?;
    }
    let options = ReadoutOptions { title: r.title.clone(), excerpt: r.excerpt.clone(), intro: r.intro.clone(), ..Default::default() };
    build::save_options_in(&tx, id, &options)?;
    meetings::set_status(&tx, id, MeetingStatus::Published)?;
    let m = meetings::get(&tx, id)?;
    tx.commit()?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publishing::readout::markdown_in;
    use crate::publishing::readout::Block;

    const POST: &str = "---\nlayout: news\ntitle: \"What happened at our forum\"\ndate: 2019-11-12T00:00:00.00Z\nexcerpt: We met.\nauthor: A Volunteer\n---\n\nThank you to everyone who came on **Tuesday**.\n\n## Welcome\nThe chair opened the meeting.\nLeads introduced themselves.\n\n#### Pride planning\nWe talked about *floats* and [tickets](https://example.org/t).\n\n- one\n- two\n\n## AOB\nNothing else.\n\n> The forum is for network leaders.\n";

    fn headings_and_text(md: &str) -> Vec<String> {
        fn texts(blocks: &[Block], out: &mut Vec<String>) {
            for b in blocks {
                match b {
                    Block::Heading { content, .. } | Block::Paragraph { content } => out.push(content.iter().map(|s| s.text.as_str()).collect()),
                    Block::List { items, .. } => items.iter().for_each(|i| texts(i, out)),
                    Block::Quote { blocks } => texts(blocks, out),
                    _ => {}
                }
            }
        }
        let body = md.splitn(3, "\n---\n").last().unwrap_or(md);
        let mut out = Vec::new();
        texts(&markdown_in::parse(body), &mut out);
        out
    }

    #[test]
    fn a_published_readout_round_trips() {
        let mut s = Store::open_in_memory().unwrap();
        let m = import_readout_text(&mut s, "post.md", POST).unwrap();
        assert_eq!((m.date.as_str(), m.status, m.locked), ("2019-11-12", MeetingStatus::Published, true));
        let options = build::options(&s, m.id).unwrap();
        let (name, text) = readout_markdown(&s, m.id, &options, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
        assert_eq!(name, "2019-11-12-what-happened-at-our-forum.md");
        let original = headings_and_text(POST);
        let exported = headings_and_text(&text);
        // Same headings and text; the closing paragraph is the app's own setting.
        assert_eq!(&exported[..exported.len() - 1], &original[..original.len() - 1], "\n{text}");
        assert!(text.contains("title: What happened at our forum"), "{text}");
        assert!(text.contains("author: A Volunteer"), "{text}");
    }

    #[test]
    fn footnotes_in_a_published_readout_come_back_as_they_were() {
        let post = "---\nlayout: news\ntitle: Notes\ndate: 2019-11-12T00:00:00.00Z\nexcerpt: We met.\nauthor: A Volunteer\n---\n\nWe met.\n\n## Welcome\n\nNine networks[^1].\n\n[^1]: Two dialled in.\n\n## Pride\n\nFloats[^2] and tickets[^3].\n\n[^2]: Three of them.\n\n[^3]: Sold out.\n";
        let mut s = Store::open_in_memory().unwrap();
        let m = import_readout_text(&mut s, "post.md", post).unwrap();
        let options = build::options(&s, m.id).unwrap();
        let (_, text) = readout_markdown(&s, m.id, &options, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap();
        let body = text.split("## Welcome").nth(1).unwrap();
        assert!(body.starts_with("\n\nNine networks[^1].\n\n[^1]: Two dialled in.\n\n## Pride\n\nFloats[^2] and tickets[^3].\n\n[^2]: Three of them.\n\n[^3]: Sold out."), "{text}");
    }

    #[test]
    fn the_invite_and_the_event_post() {
        let mut s = Store::open_in_memory().unwrap();
        crate::demo::load_at(&mut s, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).unwrap();
        let next = crate::forum::meetings::list(&s, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()).unwrap()[0].meeting.clone();
        let ics = crate::publishing::readout::calendar::invite(&crate::forum::agenda::get(&s, next.id).unwrap());
        for line in ["BEGIN:VCALENDAR", "BEGIN:VTIMEZONE\r\nTZID:Europe/London", "DTSTART;TZID=Europe/London:20270114T150000", "DTEND;TZID=Europe/London:20270114T160000", "SUMMARY:Leaders of Networks Forum January 2027", "END:VCALENDAR"] {
            assert!(ics.contains(line), "{line} missing:\n{ics}");
        }
        assert!(ics.find("BEGIN:VTIMEZONE") < ics.find("BEGIN:VEVENT"));
        // Long lines are folded (RFC 5545); unfolded, the agenda is in the description.
        assert!(ics.replace("\r\n ", "").contains("15:50 to close  Any other business"), "{ics}");

        let (name, text) = jekyll::event_post(&next, crate::forum::series::DEFAULT, Some("forum@example.org"), NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        assert!(text.contains("excerpt: The monthly Leaders of Networks Forum for the leads"), "{text}");
        assert_eq!(name, "2027-01-14-leaders-of-networks-forum.md");
        let yaml = text.strip_prefix("---\n").unwrap().split("\n---\n").next().unwrap();
        let fm: serde_norway::Value = serde_norway::from_str(yaml).unwrap();
        let keys: Vec<_> = fm.as_mapping().unwrap().keys().map(|k| k.as_str().unwrap()).collect();
        assert_eq!(keys, ["layout", "title", "excerpt", "date", "category", "event"]);
        let event: Vec<_> = fm["event"].as_mapping().unwrap().keys().map(|k| k.as_str().unwrap()).collect();
        assert_eq!(event, ["start", "end", "deadline", "host", "location", "link", "email"]);
        assert_eq!(fm["event"]["start"], serde_norway::Value::from("2027-01-14T15:00:00.00Z"));
        assert_eq!(fm["event"]["deadline"], serde_norway::Value::from("2027-01-07T23:59:00.00Z"));
        assert_eq!(fm["layout"], serde_norway::Value::from("event"));
        // Issue 13: dated the day it is published, or Jekyll hides it until the meeting.
        assert_eq!(fm["date"], serde_norway::Value::from("2026-11-22T00:00:00.00Z"));
        assert_eq!(fm["event"]["end"], serde_norway::Value::from("2027-01-14T16:00:00.00Z"));
    }

    /// Issue 15: registration by email to a mailbox, when there is no form: the event post
    /// and the invitation carry the mailbox.
    #[test]
    fn registration_by_email_is_in_the_post_and_the_invitation() {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        crate::demo::load_at(&mut s, today).unwrap();
        let next = crate::forum::meetings::list(&s, today).unwrap()[0].meeting.clone();
        let mut input = MeetingInput {
            title: next.title.clone(),
            date: next.date.clone(),
            start_time: next.start_time.clone(),
            end_time: next.end_time.clone(),
            location: "Online".into(),
            online_link: next.online_link.clone(),
            registration_email: Some("chairs@forum.example.org".into()),
            ..Default::default()
        };
        input.registration_link = None;
        let m = crate::forum::meetings::update(&mut s, next.id, &input).unwrap();
        let (_, post) = jekyll::event_post(&m, crate::forum::series::Cadence::Quarterly(crate::forum::series::DayRule::AsLatest), Some("forum@example.org"), today);
        assert!(post.contains("  email: chairs@forum.example.org\n") && !post.contains("  link:"), "{post}");
        assert!(post.contains("excerpt: The quarterly Leaders of Networks Forum"), "{post}");
        assert!(post.contains("meets online on Thursday 14 January 2027 from 15:00 to 16:00. Register by email to chairs@forum.example.org (your name and position"), "{post}");
        let ics = crate::publishing::readout::calendar::invite(&crate::forum::agenda::get(&s, m.id).unwrap()).replace("\r\n ", "");
        assert!(ics.contains("Register by email to chairs@forum.example.org"), "{ics}");
        let description = ics.lines().find(|l| l.starts_with("DESCRIPTION:")).unwrap();
        assert!(description.starts_with("DESCRIPTION:Join online: https://"), "the link first: {description}");
    }

    #[test]
    fn an_event_post_dated_after_today_is_refused() {
        let mut s = Store::open_in_memory().unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        crate::demo::load_at(&mut s, today).unwrap();
        let next = crate::forum::meetings::list(&s, today).unwrap()[0].meeting.id;
        let dir = tempfile::tempdir().unwrap();
        let e = export_event(&s, next, dir.path(), today.succ_opt(), today, false).unwrap_err();
        assert_eq!(e.field(), Some("published"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing written");
        let path = export_event(&s, next, dir.path(), today.pred_opt(), today, false).unwrap();
        assert!(std::fs::read_to_string(path).unwrap().contains("date: 2026-11-21T00:00:00.00Z"));
    }

    #[test]
    fn a_bad_readout_creates_nothing() {
        let mut s = Store::open_in_memory().unwrap();
        assert!(import_readout_text(&mut s, "post.md", &POST.replace("2019-11-12", "2019-13-12")).is_err());
        assert!(crate::forum::meetings::list(&s, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).unwrap().is_empty());
    }
}
