//! Settings the chair keeps between meetings, in the `setting` table.

use rusqlite::{params, OptionalExtension};

use crate::{Result, Store};

/// The closing paragraph of every readout: what the forum is. The chair can change it.
pub const DEFAULT_CLOSING: &str = "The Leaders of Networks Forum brings together the people who lead departmental and agency LGBT+ staff networks across the Civil Service. It is a place to share news from the cross-government network, and to swap experiences, resources, ideas and solutions between networks.";

pub const CLOSING_KEY: &str = "readout.closing";

/// The forum team's mailbox, named on event posts and put in To of every email drafted
/// (everyone else goes in Bcc).
pub const FORUM_EMAIL_KEY: &str = "forum.email";

/// The forum's mailbox, if the chair has set it. Checked again as it is read: the value
/// goes into the To header of every draft, and a restored or imported database may
/// carry anything in its settings.
pub fn forum_email(store: &Store) -> Result<Option<String>> {
    Ok(get(store, FORUM_EMAIL_KEY)?.and_then(|e| crate::model::text::optional_email("forumEmail", Some(&e)).ok().flatten()))
}

/// Sets the forum's mailbox (one plain address); empty clears it.
pub fn set_forum_email(store: &mut Store, email: &str) -> Result<Option<String>> {
    let valid = crate::model::text::optional_email("forumEmail", Some(email))?;
    match &valid {
        Some(e) => set(store, FORUM_EMAIL_KEY, e)?,
        None => {
            store.conn().execute("DELETE FROM setting WHERE key = ?1", [FORUM_EMAIL_KEY])?;
        }
    }
    Ok(valid)
}

/// Whom this copy of Forum Desk is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AppMode {
    /// The forum chair or secretariat: the whole app.
    Chair,
    /// A network lead: one task, their network's submission for the chair.
    Lead,
}

stored_words!(AppMode {
    Chair => "chair",
    Lead => "lead",
});

pub const MODE_KEY: &str = "app.mode";

pub fn mode(store: &Store) -> Result<AppMode> {
    Ok(get(store, MODE_KEY)?.as_deref().and_then(AppMode::parse).unwrap_or(AppMode::Chair))
}

pub fn set_mode(store: &mut Store, mode: AppMode) -> Result<()> {
    set(store, MODE_KEY, mode.as_str())
}

pub fn get(store: &Store, key: &str) -> Result<Option<String>> {
    Ok(store.conn().query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn set(store: &mut Store, key: &str, value: &str) -> Result<()> {
    set_in(store.conn(), key, value)
}

/// `set`, inside a transaction an operation already holds.
pub(crate) fn set_in(conn: &rusqlite::Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

pub fn closing(store: &Store) -> Result<String> {
    Ok(get(store, CLOSING_KEY)?.unwrap_or_else(|| DEFAULT_CLOSING.to_string()))
}
