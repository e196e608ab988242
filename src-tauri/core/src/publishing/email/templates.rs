//! The subject and body of each email, as templates the chair can change in Settings,
//! with placeholders such as `{meeting_date}` filled from the records.
//!
//! A placeholder the email does not know is kept in the text as typed and reported, never
//! dropped: a chair who writes `{meeting_day}` sees it in the preview and the message
//! says which names work. `{{` and `}}` write a brace.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::ValidationError;
use crate::{settings, Result, Store};

/// Which email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EmailKind {
    /// The agenda and the calendar invitation, to those registered.
    Agenda,
    /// The readout, to those registered (and every network's mailbox if chosen).
    Readout,
    /// The call for registrations, needs and strengths and agenda items.
    Call,
    /// The networks that have not sent their needs and strengths yet.
    Chase,
    /// Each owner's open actions, one email per owner.
    Reminders,
}

stored_words!(EmailKind {
    Agenda => "agenda",
    Readout => "readout",
    Call => "call",
    Chase => "chase",
    Reminders => "reminders",
});

impl EmailKind {
    /// What the email is, as the Settings screen names it.
    pub fn label(self) -> &'static str {
        match self {
            EmailKind::Agenda => "The agenda, to those registered",
            EmailKind::Readout => "The readout",
            EmailKind::Call => "The call for needs, strengths and agenda items",
            EmailKind::Chase => "Chasing the networks that have not sent theirs",
            EmailKind::Reminders => "Action reminders",
        }
    }

    fn subject_key(self) -> String {
        format!("email.{}.subject", self.as_str())
    }

    fn body_key(self) -> String {
        format!("email.{}.body", self.as_str())
    }
}

/// A placeholder and what it becomes, for the Settings screen's hint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Placeholder {
    pub name: String,
    pub meaning: String,
}

const MEETING: &[(&str, &str)] = &[
    ("meeting_title", "the meeting's title"),
    ("meeting_date", "its date, e.g. Thursday 14 January 2027"),
    ("meeting_time", "its start and end, e.g. 15:00 to 16:00"),
    ("location", "where it is (a room, or Online)"),
    ("joining_link", "the online link"),
    ("dial_in", "the dial-in details"),
    ("joining", "where it is, the online link and the dial-in, one per line"),
    ("deadline", "the last day to register"),
    ("registration", "the registration link, or the forum's mailbox to reply to"),
    ("forum_email", "the forum's mailbox (Settings)"),
];

fn placeholders_of(kind: EmailKind) -> Vec<(&'static str, &'static str)> {
    let mut list: Vec<(&str, &str)> = match kind {
        EmailKind::Reminders => vec![("forum_email", "the forum's mailbox (Settings)")],
        _ => MEETING.to_vec(),
    };
    list.extend_from_slice(match kind {
        EmailKind::Agenda => &[("agenda", "the agenda: each item's time and title, one per line")][..],
        EmailKind::Readout => &[("opening", "the readout's opening paragraph"), ("readout_title", "the readout's title")][..],
        EmailKind::Call | EmailKind::Chase => &[("lead_mode", "how a lead sends theirs with Forum Desk's network lead mode")][..],
        EmailKind::Reminders => &[
            ("owner", "whom the actions are with (a network, a person or a team)"),
            ("actions", "their open actions with due dates, overdue ones first"),
            ("today", "today's date"),
        ][..],
    });
    list
}

/// The placeholders an email's template may use.
pub fn placeholders(kind: EmailKind) -> Vec<Placeholder> {
    placeholders_of(kind).into_iter().map(|(name, meaning)| Placeholder { name: name.into(), meaning: meaning.into() }).collect()
}

/// The template as shipped: plain English, for the chair to change.
pub fn default_template(kind: EmailKind) -> (&'static str, &'static str) {
    match kind {
        EmailKind::Agenda => (
            "Agenda: {meeting_title}, {meeting_date}",
            "Hello,\n\nThank you for registering for the {meeting_title} on {meeting_date}, {meeting_time}. The agenda is attached, with a calendar invitation to add the forum to your calendar.\n\n{joining}\n\nAgenda\n{agenda}\n\nIf you can no longer come, please reply to let us know.\n\nThank you,\nThe forum team",
        ),
        EmailKind::Readout => (
            "Readout: {meeting_title}, {meeting_date}",
            "Hello,\n\nThe readout of the {meeting_title} on {meeting_date} is attached.\n\n{opening}\n\nPlease share it with your network.\n\nThank you,\nThe forum team",
        ),
        EmailKind::Call => (
            "{meeting_title} on {meeting_date}: register, and send your needs, strengths and agenda items by {deadline}",
            "Hello,\n\nThe next Leaders of Networks Forum is on {meeting_date}, {meeting_time}.\n\n{joining}\n\nPlease register by {deadline}: {registration}.\n\nBy the same day, please send us:\n- your network's top three needs: what you most need help with;\n- your network's top three strengths: what you do well and could share with other networks;\n- up to two items you would like on the agenda.\n\n{lead_mode}\n\nWe collate the needs and strengths into a forward look, so that networks can find each other.\n\nThank you,\nThe forum team",
        ),
        EmailKind::Chase => (
            "Reminder: your network's needs and strengths for the {meeting_title}",
            "Hello,\n\nWe have not yet had your network's top three needs and strengths for the {meeting_title} on {meeting_date}. Please send them by {deadline}, with up to two items you would like on the agenda.\n\n{lead_mode}\n\nIf you have sent them in the last few days, thank you, and please ignore this email.\n\nThe forum team",
        ),
        EmailKind::Reminders => (
            "Your open actions from the Leaders of Networks Forum",
            "Hello,\n\nThese actions agreed at the Leaders of Networks Forum are with {owner} and still open:\n\n{actions}\n\nPlease reply with a short update on each (done, in progress, or any help you need), so that we can report it at the next forum.\n\nThank you,\nThe forum team",
        ),
    }
}

/// An email's template as the chair keeps it, with the defaults to go back to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EmailTemplate {
    pub kind: EmailKind,
    pub label: String,
    pub subject: String,
    pub body: String,
    pub default_subject: String,
    pub default_body: String,
    pub placeholders: Vec<Placeholder>,
}

/// What the Settings screen shows for emails: the forum's mailbox and each template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EmailSettings {
    /// The forum's mailbox: To of every email, with everyone else in Bcc.
    pub forum_email: Option<String>,
    pub templates: Vec<EmailTemplate>,
}

pub fn template(store: &Store, kind: EmailKind) -> Result<EmailTemplate> {
    let (subject, body) = default_template(kind);
    Ok(EmailTemplate {
        kind,
        label: kind.label().into(),
        subject: settings::get(store, &kind.subject_key())?.unwrap_or_else(|| subject.into()),
        body: settings::get(store, &kind.body_key())?.unwrap_or_else(|| body.into()),
        default_subject: subject.into(),
        default_body: body.into(),
        placeholders: placeholders(kind),
    })
}

pub fn email_settings(store: &Store) -> Result<EmailSettings> {
    Ok(EmailSettings {
        forum_email: settings::forum_email(store)?,
        templates: EmailKind::ALL.iter().map(|k| template(store, *k)).collect::<Result<_>>()?,
    })
}

/// The longest subject template or subject Forum Desk writes (a subject line is read at
/// a glance; mail programs cut long ones).
pub const SUBJECT_MAX: usize = 400;
/// The longest body, template or edited text.
pub const BODY_MAX: usize = 20_000;

/// Checks a subject and body the chair wrote (a template, or an edited draft).
pub(crate) fn check_text(subject: &str, body: &str) -> Result<(), ValidationError> {
    crate::model::text::required("subject", "Subject", subject, SUBJECT_MAX)?;
    crate::model::text::required("body", "Text", body, BODY_MAX)?;
    Ok(())
}

/// Saves the chair's template. A placeholder the email does not know is refused, with the
/// names that work, so a mistyped one never reaches an email.
pub fn save_template(store: &mut Store, kind: EmailKind, subject: &str, body: &str) -> Result<EmailTemplate> {
    check_text(subject, body)?;
    let known: Vec<&str> = placeholders_of(kind).iter().map(|(n, _)| *n).collect();
    for (field, text) in [("subject", subject), ("body", body)] {
        let unknown = unknown_placeholders(text, &known);
        if !unknown.is_empty() {
            let names: Vec<String> = unknown.iter().map(|u| format!("{{{u}}}")).collect();
            let usable: Vec<String> = known.iter().map(|k| format!("{{{k}}}")).collect();
            return Err(ValidationError::new(
                field,
                format!("{} is not a placeholder this email knows: use {} (or {{{{ and }}}} for a brace)", names.join(", "), usable.join(", ")),
            )
            .into());
        }
    }
    let tx = store.conn_mut().transaction()?;
    settings::set_in(&tx, &kind.subject_key(), subject.trim())?;
    settings::set_in(&tx, &kind.body_key(), body.trim())?;
    tx.commit()?;
    template(store, kind)
}

/// Goes back to the shipped template.
pub fn reset_template(store: &mut Store, kind: EmailKind) -> Result<EmailTemplate> {
    let tx = store.conn_mut().transaction()?;
    for key in [kind.subject_key(), kind.body_key()] {
        tx.execute("DELETE FROM setting WHERE key = ?1", [key])?;
    }
    tx.commit()?;
    template(store, kind)
}

/// A piece of a template: literal text, or a placeholder's name.
enum Piece<'a> {
    Text(&'a str),
    Brace(char),
    Name(&'a str),
}

/// Splits a template into text and placeholders. `{name}` is a placeholder when the name
/// is letters, digits and underscores; any other brace is text.
fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push(Piece::Text(&rest[..i]));
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push(Piece::Brace(if tail.starts_with('{') { '{' } else { '}' }));
            rest = &tail[2..];
            continue;
        }
        if let Some(name) = tail.strip_prefix('{').and_then(|t| t.split_once('}')).map(|(n, _)| n).filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')) {
            out.push(Piece::Name(name));
            rest = &tail[name.len() + 2..];
        } else {
            out.push(Piece::Text(&tail[..1]));
            rest = &tail[1..];
        }
    }
    out.push(Piece::Text(rest));
    out
}

/// The placeholders in `template` that are not in `known`, each once, in order.
pub fn unknown_placeholders(template: &str, known: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in pieces(template) {
        if let Piece::Name(n) = p {
            if !known.contains(&n) && !out.iter().any(|o| o == n) {
                out.push(n.to_string());
            }
        }
    }
    out
}

/// The template with each known placeholder replaced by its value. Unknown ones stay
/// as typed and are returned, for the preview to report.
pub fn fill(template: &str, values: &[(&str, String)]) -> (String, Vec<String>) {
    let mut text = String::with_capacity(template.len());
    let mut unknown: Vec<String> = Vec::new();
    for p in pieces(template) {
        match p {
            Piece::Text(t) => text.push_str(t),
            Piece::Brace(c) => text.push(c),
            Piece::Name(n) => match values.iter().find(|(k, _)| *k == n) {
                Some((_, v)) => text.push_str(v),
                None => {
                    text.push('{');
                    text.push_str(n);
                    text.push('}');
                    if !unknown.iter().any(|u| u == n) {
                        unknown.push(n.to_string());
                    }
                }
            },
        }
    }
    (text, unknown)
}

/// Every placeholder name an email of this kind fills (for tests and the CLI's help).
pub fn known_names(kind: EmailKind) -> Vec<&'static str> {
    placeholders_of(kind).into_iter().map(|(n, _)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept_and_reported() {
        let values = [("meeting_title", "Forum {x}".to_string()), ("deadline", "Friday".to_string())];
        let (text, unknown) = fill("{meeting_title} by {deadline}; {meeting_day} {{literal}} {not a name} {", &values);
        // A value holding braces is not filled again.
        assert_eq!(text, "Forum {x} by Friday; {meeting_day} {literal} {not a name} {");
        assert_eq!(unknown, ["meeting_day"]);
    }

    #[test]
    fn every_default_uses_only_its_own_placeholders() {
        for kind in EmailKind::ALL {
            let (subject, body) = default_template(kind);
            let known = known_names(kind);
            assert!(unknown_placeholders(subject, &known).is_empty(), "{kind:?} subject");
            assert!(unknown_placeholders(body, &known).is_empty(), "{kind:?} body");
        }
    }

    #[test]
    fn a_saved_template_with_an_unknown_placeholder_is_refused_then_reset() {
        let mut s = Store::open_in_memory().unwrap();
        let e = save_template(&mut s, EmailKind::Chase, "Chasing {meeting_title}", "Send by {dedline}").unwrap_err();
        assert_eq!(e.field(), Some("body"));
        assert!(e.to_string().contains("{dedline} is not a placeholder") && e.to_string().contains("{deadline}"), "{e}");
        assert_eq!(template(&s, EmailKind::Chase).unwrap().body, default_template(EmailKind::Chase).1, "nothing saved");

        let t = save_template(&mut s, EmailKind::Chase, " Chasing {meeting_title} ", "Send by {deadline}, {{please}}").unwrap();
        assert_eq!((t.subject.as_str(), t.body.as_str()), ("Chasing {meeting_title}", "Send by {deadline}, {{please}}"));
        assert_eq!(email_settings(&s).unwrap().templates.iter().find(|t| t.kind == EmailKind::Chase).unwrap().subject, "Chasing {meeting_title}");
        let back = reset_template(&mut s, EmailKind::Chase).unwrap();
        assert_eq!(back.subject, default_template(EmailKind::Chase).0);
        assert_eq!(save_template(&mut s, EmailKind::Agenda, " ", "x").unwrap_err().field(), Some("subject"));
    }
}
