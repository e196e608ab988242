//! `forum-desk email agenda|readout|call|chase|reminders|mailbox`: the email drafts the
//! window writes, on the same core functions. Nothing is sent: each writes an .eml file
//! for the chair's own mail program.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use forum_core::publishing::email::{self, Draft, DraftText, EmailKind, EmailRequest};
use forum_core::{settings, Store};

#[derive(Subcommand, Debug)]
pub enum EmailCommand {
    /// The agenda to those registered: the agenda PDF and the calendar invitation attached
    Agenda(MeetingEmail),
    /// The readout to those registered (and every network's mailbox with --all-networks):
    /// the readout PDF attached, its opening paragraph in the text
    Readout {
        #[command(flatten)]
        args: MeetingEmail,
        /// Also to every active network's mailbox
        #[arg(long)]
        all_networks: bool,
    },
    /// The call for registrations, needs and strengths and agenda items, to every active
    /// network's mailbox and the people recorded under it
    Call(MeetingEmail),
    /// The networks that have not sent their needs and strengths for the meeting
    Chase(MeetingEmail),
    /// Each owner's open actions, overdue first: one email per owner, written into a
    /// folder as reminder-<owner>.eml
    Reminders {
        /// The folder (made if missing); a file there of the same name is replaced
        #[arg(long, value_name = "FOLDER", required_unless_present = "preview")]
        out: Option<PathBuf>,
        /// Print the drafts and write nothing
        #[arg(long)]
        preview: bool,
    },
    /// Show the forum's mailbox (To of every email), or set it (an empty ADDRESS clears it)
    Mailbox { address: Option<String> },
}

/// What the emails about one meeting take.
#[derive(Args, Debug)]
pub struct MeetingEmail {
    /// The meeting's id (see `meetings list`)
    #[arg(long)]
    meeting: i64,
    /// The email file to write, or a folder to write it into under its own name
    #[arg(long, value_name = "FILE.eml", required_unless_present = "preview")]
    out: Option<PathBuf>,
    /// Print the recipients, who is left out and why, the subject and the text; write nothing
    #[arg(long)]
    preview: bool,
    /// This subject instead of the template's
    #[arg(long)]
    subject: Option<String>,
    /// The text in this file instead of the template's
    #[arg(long, value_name = "FILE")]
    body_file: Option<PathBuf>,
}

pub fn run(store: &mut Store, command: EmailCommand) -> Result<(), String> {
    let today = chrono::Local::now().date_naive();
    let (request, args) = match command {
        EmailCommand::Mailbox { address } => return mailbox(store, address.as_deref()),
        EmailCommand::Reminders { out, preview } => {
            let request = EmailRequest { kind: EmailKind::Reminders, meeting_id: None, include_networks: false };
            return go(store, &request, &[], out.as_deref(), preview, today);
        }
        EmailCommand::Agenda(a) => (request(EmailKind::Agenda, &a, false), a),
        EmailCommand::Readout { args, all_networks } => (request(EmailKind::Readout, &args, all_networks), args),
        EmailCommand::Call(a) => (request(EmailKind::Call, &a, false), a),
        EmailCommand::Chase(a) => (request(EmailKind::Chase, &a, false), a),
    };
    let mut texts = Vec::new();
    if args.subject.is_some() || args.body_file.is_some() {
        let draft = email::preview(store, &request, today).map_err(|e| e.to_string())?.remove(0);
        let body = match &args.body_file {
            Some(f) => std::fs::read_to_string(f).map_err(|e| format!("Could not read {}: {e}", f.display()))?,
            None => draft.body,
        };
        texts.push(DraftText { key: draft.key, subject: args.subject.clone().unwrap_or(draft.subject), body });
    }
    go(store, &request, &texts, args.out.as_deref(), args.preview, today)
}

fn request(kind: EmailKind, args: &MeetingEmail, include_networks: bool) -> EmailRequest {
    EmailRequest { kind, meeting_id: Some(args.meeting), include_networks }
}

fn go(store: &Store, request: &EmailRequest, texts: &[DraftText], out: Option<&Path>, preview: bool, today: chrono::NaiveDate) -> Result<(), String> {
    let mut drafts = email::preview(store, request, today).map_err(|e| e.to_string())?;
    if drafts.is_empty() {
        println!("No open actions: there is nobody to remind.");
        return Ok(());
    }
    if preview {
        for t in texts {
            if let Some(d) = drafts.iter_mut().find(|d| d.key == t.key) {
                d.subject = t.subject.clone();
                d.body = t.body.clone();
            }
        }
        for (i, d) in drafts.iter().enumerate() {
            if i > 0 {
                println!("\n{}\n", "-".repeat(72));
            }
            print_draft(d);
        }
        return Ok(());
    }
    let Some(out) = out else { return Err("Give --out, or --preview to look first".into()) };
    let written = email::write(store, request, texts, out, today).map_err(|e| {
        if e.field() == Some("forumEmail") {
            format!("{e}\nSet it with: forum-desk email mailbox ADDRESS")
        } else {
            e.to_string()
        }
    })?;
    for (d, path) in drafts.iter().zip(&written) {
        println!("Wrote {}: {} in Bcc{}.", path.display(), d.recipients.len(), if d.left_out.is_empty() { String::new() } else { format!(", {} left out", d.left_out.len()) });
        for l in &d.left_out {
            println!("  Left out: {}: {}", who(&l.name, l.network.as_deref()), l.why);
        }
        if !d.unknown_placeholders.is_empty() {
            println!("  Not filled: {}", braces(&d.unknown_placeholders));
        }
    }
    Ok(())
}

fn who(name: &str, network: Option<&str>) -> String {
    match network {
        Some(n) => format!("{name} ({n})"),
        None => name.to_string(),
    }
}

fn braces(names: &[String]) -> String {
    names.iter().map(|n| format!("{{{n}}}")).collect::<Vec<_>>().join(", ")
}

fn print_draft(d: &Draft) {
    println!("Draft: {}", d.label);
    match &d.forum_email {
        Some(e) => println!("To: {} <{e}>", email::eml::FORUM_NAME),
        None => println!("To: (the forum's mailbox is not set: forum-desk email mailbox ADDRESS)"),
    }
    println!("Bcc ({}):", d.recipients.len());
    for r in &d.recipients {
        println!("  {} <{}>", who(&r.name, r.network.as_deref().filter(|n| *n != r.name)), r.email);
    }
    if !d.left_out.is_empty() {
        println!("Left out ({}):", d.left_out.len());
        for l in &d.left_out {
            println!("  {}: {}", who(&l.name, l.network.as_deref()), l.why);
        }
    }
    for a in &d.attachments {
        println!("Attached: {} ({} KB)", a.file_name, a.size.div_ceil(1024));
    }
    if !d.unknown_placeholders.is_empty() {
        println!("Not filled (not placeholders this email knows): {}", braces(&d.unknown_placeholders));
    }
    println!("Subject: {}\n\n{}", d.subject, d.body);
}

fn mailbox(store: &mut Store, address: Option<&str>) -> Result<(), String> {
    match address {
        None => match settings::forum_email(store).map_err(|e| e.to_string())? {
            Some(e) => println!("{e}"),
            None => println!("The forum's mailbox is not set: forum-desk email mailbox ADDRESS"),
        },
        Some(a) => match settings::set_forum_email(store, a).map_err(|e| e.to_string())? {
            Some(e) => println!("The forum's mailbox is {e}: every email goes to it, with everyone else in Bcc."),
            None => println!("The forum's mailbox is cleared."),
        },
    }
    Ok(())
}
