//! Whom each email goes to, and who is left out and why. Every address goes in Bcc (the
//! forum's mailbox alone is in To), so nobody sees another person's address.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::model::{text, Network, Person};
use crate::store;
use crate::Result;

/// Why someone is on the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecipientKind {
    /// Registered for the meeting.
    Registered,
    /// A network's mailbox.
    Mailbox,
    /// A person recorded under a network.
    Lead,
    /// The person an action names as its owner.
    Named,
}

/// One address in Bcc.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Recipient {
    /// The person's or the network's name, shown beside the address.
    pub name: String,
    pub email: String,
    pub kind: RecipientKind,
    /// The network they are there for.
    pub network: Option<String>,
}

/// Why someone who would have had the email will not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LeftOutReason {
    /// Erased at their request: nothing of them is left to write to.
    Erased,
    /// No email address recorded.
    NoEmail,
    /// The address recorded is not one a mail program would take.
    BadEmail,
    /// A network with no mailbox recorded.
    NoMailbox,
    /// A network with no mailbox and nobody under it with an email address.
    NoAddress,
    /// An owner named in text who is nobody in the records (e.g. "Forum team").
    NotInRecords,
    /// An owner named in text that more than one person is called.
    SameName,
}

impl LeftOutReason {
    /// The reason as the CLI prints it.
    pub fn sentence(self) -> &'static str {
        match self {
            LeftOutReason::Erased => "erased at their request",
            LeftOutReason::NoEmail => "no email address",
            LeftOutReason::BadEmail => "the email address recorded is not valid",
            LeftOutReason::NoMailbox => "no mailbox recorded",
            LeftOutReason::NoAddress => "no mailbox, and nobody under it has an email address",
            LeftOutReason::NotInRecords => "not a person in Forum Desk with an email address: add the address in your mail program",
            LeftOutReason::SameName => "more than one person has this name: add the right address in your mail program",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct LeftOut {
    pub name: String,
    pub network: Option<String>,
    pub reason: LeftOutReason,
    /// The reason as a sentence, for the preview.
    pub why: String,
}

impl LeftOut {
    fn new(name: &str, network: Option<String>, reason: LeftOutReason) -> LeftOut {
        LeftOut { name: name.into(), network, reason, why: reason.sentence().into() }
    }
}

/// A list being gathered: each address once (ignoring case), each checked.
#[derive(Debug, Default)]
pub(crate) struct Recipients {
    pub list: Vec<Recipient>,
    pub left_out: Vec<LeftOut>,
}

impl Recipients {
    pub fn add(&mut self, name: &str, email: Option<&str>, kind: RecipientKind, network: Option<&str>) {
        let network = network.map(str::to_string);
        let Some(email) = email.map(str::trim).filter(|e| !e.is_empty()) else {
            self.left_out.push(LeftOut::new(name, network, LeftOutReason::NoEmail));
            return;
        };
        // Addresses were checked when they were typed or imported; checked again here
        // because an address goes into a header, where anything else could be harmful.
        let Ok(Some(email)) = text::optional_email("email", Some(email)) else {
            self.left_out.push(LeftOut::new(name, network, LeftOutReason::BadEmail));
            return;
        };
        if !self.list.iter().any(|r| r.email.eq_ignore_ascii_case(&email)) {
            self.list.push(Recipient { name: name.into(), email, kind, network });
        }
    }

    pub fn leave_out(&mut self, name: &str, network: Option<&str>, reason: LeftOutReason) {
        self.left_out.push(LeftOut::new(name, network.map(str::to_string), reason));
    }

    /// Takes an address out of Bcc (the forum's own mailbox is already in To).
    pub fn without(mut self, email: Option<&str>) -> Self {
        if let Some(e) = email {
            self.list.retain(|r| !r.email.eq_ignore_ascii_case(e));
        }
        self
    }
}

/// Everyone registered for a meeting, whatever their attendance.
pub(crate) fn registered(conn: &Connection, meeting_id: i64, r: &mut Recipients) -> Result<()> {
    for reg in store::registrations::for_meeting(conn, meeting_id)? {
        if reg.erased {
            r.leave_out(&reg.name, reg.network_name.as_deref(), LeftOutReason::Erased);
        } else {
            r.add(&reg.name, reg.email.as_deref(), RecipientKind::Registered, reg.network_name.as_deref());
        }
    }
    Ok(())
}

/// Networks' mailboxes, and with `leads` the people recorded under each (erased people
/// are not among them: nothing of them is left).
pub(crate) fn networks(networks: &[Network], people: &[Person], leads: bool, r: &mut Recipients) {
    for n in networks {
        let label = format!("{} ({})", n.name, n.department);
        if n.email.is_some() {
            r.add(&n.name, n.email.as_deref(), RecipientKind::Mailbox, Some(&n.name));
        } else if !leads {
            r.leave_out(&label, None, LeftOutReason::NoMailbox);
        }
        if leads {
            let mut reachable = n.email.is_some();
            for p in people.iter().filter(|p| p.network_id == Some(n.id)) {
                r.add(&p.name, p.email.as_deref(), RecipientKind::Lead, Some(&n.name));
                reachable |= p.email.is_some();
            }
            if !reachable {
                r.leave_out(&label, None, LeftOutReason::NoAddress);
            }
        }
    }
}

/// The person an action's owner text names: an address itself, or exactly one person of
/// that name with an address.
pub(crate) fn named(owner: &str, people: &[Person], r: &mut Recipients) {
    if let Ok(Some(email)) = text::optional_email("email", Some(owner)) {
        r.add(&email, Some(&email), RecipientKind::Named, None);
        return;
    }
    let key = text::match_key(&[owner]);
    let same: Vec<&Person> = people.iter().filter(|p| text::match_key(&[&p.name]) == key).collect();
    match same.as_slice() {
        [] => r.leave_out(owner, None, LeftOutReason::NotInRecords),
        [p] => r.add(&p.name, p.email.as_deref(), RecipientKind::Named, p.network_name.as_deref()),
        _ => r.leave_out(owner, None, LeftOutReason::SameName),
    }
}
