//! Needs and strengths: saving a network's submission for a cycle (the earlier one kept
//! as history), what changed between two, themes, and the theme suggested for a
//! statement nobody filed.

pub mod forward_look;
pub mod submission_file;
pub mod submission_import;

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::matching::statements::{suggest_theme, ThemeHint};
use crate::forum::meetings::ensure_editable;
use crate::model::{StatementKind, Submission, SubmissionInput, SubmissionSource, Theme, ThemeInput, ValidSubmission};
use crate::store::{self, submissions as q, themes};
use crate::{Result, Store};

pub fn themes(store: &Store) -> Result<Vec<Theme>> {
    Ok(themes::list(store.conn())?)
}

pub fn create_theme(store: &mut Store, input: &ThemeInput) -> Result<Theme> {
    let valid = input.validate()?;
    let tx = store.conn_mut().transaction()?;
    let id = themes::insert(&tx, &valid)?;
    let t = themes::get(&tx, id)?;
    tx.commit()?;
    Ok(t)
}

pub fn update_theme(store: &mut Store, id: i64, input: &ThemeInput) -> Result<Theme> {
    let valid = input.validate()?;
    let tx = store.conn_mut().transaction()?;
    themes::update(&tx, id, &valid)?;
    let t = themes::get(&tx, id)?;
    tx.commit()?;
    Ok(t)
}

pub fn delete_theme(store: &mut Store, id: i64) -> Result<()> {
    let tx = store.conn_mut().transaction()?;
    themes::delete(&tx, id)?;
    tx.commit()?;
    Ok(())
}

/// The current submissions of a meeting's cycle.
pub fn for_meeting(store: &Store, meeting_id: i64) -> Result<Vec<Submission>> {
    store::meetings::get(store.conn(), meeting_id)?;
    Ok(q::current_for_meeting(store.conn(), meeting_id)?)
}

/// A network's submissions for a cycle, newest (current) first.
pub fn history(store: &Store, meeting_id: i64, network_id: i64) -> Result<Vec<Submission>> {
    Ok(q::history(store.conn(), meeting_id, network_id)?)
}

/// Saves a network's needs and strengths for a cycle. A current submission is kept as
/// history (superseded), never overwritten.
pub fn save(store: &mut Store, meeting_id: i64, input: &SubmissionInput, source: SubmissionSource) -> Result<Submission> {
    let valid = input.validate()?;
    let tx = store.conn_mut().transaction()?;
    let id = save_in(&tx, meeting_id, &valid, source, None)?;
    let s = q::get(&tx, id)?;
    tx.commit()?;
    Ok(s)
}

/// `save` inside a transaction an import already holds.
pub(crate) fn save_in(conn: &Connection, meeting_id: i64, valid: &ValidSubmission, source: SubmissionSource, submitted_at: Option<&str>) -> Result<i64> {
    ensure_editable(conn, meeting_id)?;
    store::networks::get(conn, valid.network_id)?;
    if let Some(current) = q::current(conn, meeting_id, valid.network_id)? {
        q::supersede(conn, current.id)?;
    }
    let id = q::insert(conn, meeting_id, valid.network_id, source, valid.submitted_by.as_deref(), submitted_at)?;
    let hints = hints(conn)?;
    for s in &valid.statements {
        // A theme the chair does not have (renamed, or from a lead's older list) is
        // treated as none, and one is suggested instead.
        let named = match &s.theme {
            Some(name) => themes::find(conn, name)?,
            None => None,
        };
        let theme = match named {
            Some(id) => Some(id),
            None => suggest_theme(&s.text, &hints.1).map(|i| hints.0[i]),
        };
        q::insert_statement(conn, id, s.kind, s.rank, &s.text, s.detail.as_deref(), theme)?;
    }
    Ok(id)
}

/// The chair files a statement under another theme (or none).
pub fn set_theme(store: &mut Store, statement_id: i64, theme_id: Option<i64>) -> Result<Submission> {
    let tx = store.conn_mut().transaction()?;
    if let Some(t) = theme_id {
        themes::get(&tx, t)?;
    }
    let submission = q::set_theme(&tx, statement_id, theme_id)?;
    let s = q::get(&tx, submission)?;
    ensure_editable(&tx, s.meeting_id)?;
    tx.commit()?;
    Ok(s)
}

/// The themes as the matcher reads them, with their ids in the same order.
pub(crate) fn hints(conn: &Connection) -> Result<(Vec<i64>, Vec<ThemeHint>)> {
    let list = themes::list(conn)?;
    let ids = list.iter().map(|t| t.id).collect();
    let hints = list
        .into_iter()
        .map(|t| ThemeHint { name: t.name, keywords: t.keywords.split(',').map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect() })
        .collect();
    Ok((ids, hints))
}

/// How one ranked need or strength differs between the current submission and a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct StatementChange {
    pub kind: StatementKind,
    pub rank: u8,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What a new submission would change: each need and strength whose text differs.
pub fn changes(current: &Submission, new: &ValidSubmission) -> Vec<StatementChange> {
    let mut out = Vec::new();
    for kind in [StatementKind::Need, StatementKind::Strength] {
        let old = if kind == StatementKind::Need { &current.needs } else { &current.strengths };
        for rank in 1..=3u8 {
            let before = old.iter().find(|s| s.rank == rank).map(|s| s.text.clone());
            let after = new.statements.iter().find(|s| s.kind == kind && s.rank == rank).map(|s| s.text.clone());
            if before != after {
                out.push(StatementChange { kind, rank, before, after });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MeetingInput, MeetingStatus, NetworkInput, StatementInput};
    use crate::{forum::meetings, networks};

    pub(crate) fn setup() -> (Store, i64, i64) {
        let mut s = Store::open_in_memory().unwrap();
        let n = networks::create(&mut s, &NetworkInput { name: "Pride".into(), department: "Agency A".into(), kind: "agency".into(), ..Default::default() }).unwrap().id;
        let m = meetings::create(&mut s, &MeetingInput { date: "2027-01-14".into(), start_time: "15:00".into(), end_time: "16:00".into(), ..Default::default() }, None).unwrap().id;
        (s, m, n)
    }

    fn st(t: &str) -> StatementInput {
        StatementInput { text: t.into(), ..Default::default() }
    }

    #[test]
    fn a_later_submission_supersedes_and_the_first_stays_in_history() {
        let (mut s, m, n) = setup();
        let first = SubmissionInput { network_id: n, needs: vec![st("Help with our Stonewall index submission")], strengths: vec![st("We run a big Pride march")], ..Default::default() };
        let a = save(&mut s, m, &first, SubmissionSource::Entered).unwrap();
        assert_eq!(a.needs[0].theme.as_deref(), Some("Stonewall Workplace Equality Index submissions"), "a theme is suggested");
        assert_eq!(a.strengths[0].theme.as_deref(), Some("Pride events"));
        let second = SubmissionInput { network_id: n, needs: vec![st("Volunteers to run events"), st("A senior sponsor")], ..Default::default() };
        let diff = changes(&a, &second.validate().unwrap());
        assert_eq!(diff.len(), 3, "need 1 changed, need 2 added, strength 1 removed: {diff:?}");
        assert_eq!(diff[1], StatementChange { kind: StatementKind::Need, rank: 2, before: None, after: Some("A senior sponsor".into()) });
        let b = save(&mut s, m, &second, SubmissionSource::File).unwrap();
        assert_eq!(for_meeting(&s, m).unwrap(), vec![b.clone()]);
        let h = history(&s, m, n).unwrap();
        assert_eq!((h.len(), h[0].id, h[1].id, h[1].superseded_at.is_some()), (2, b.id, a.id, true));
        assert_eq!(h[1].needs[0].text, "Help with our Stonewall index submission", "history keeps the words");
    }

    #[test]
    fn the_schema_itself_refuses_a_fourth_need_or_a_second_current_submission() {
        let (mut s, m, n) = setup();
        let sub = save(&mut s, m, &SubmissionInput { network_id: n, needs: vec![st("a"), st("b"), st("c")], ..Default::default() }, SubmissionSource::Entered).unwrap();
        let fourth = s.conn().execute("INSERT INTO statement (submission_id, kind, rank, text) VALUES (?1, 'need', 4, 'd')", [sub.id]);
        assert!(fourth.is_err(), "rank 4 is refused by a CHECK");
        let again = s.conn().execute("INSERT INTO statement (submission_id, kind, rank, text) VALUES (?1, 'need', 3, 'd')", [sub.id]);
        assert!(again.is_err(), "a rank twice is refused by a UNIQUE");
        let second = s.conn().execute("INSERT INTO submission (meeting_id, network_id, source, submitted_at, created_at) VALUES (?1, ?2, 'entered', 'x', 'x')", [m, n]);
        assert!(second.is_err(), "two current submissions are refused by a partial UNIQUE index");
    }

    #[test]
    fn themes_are_editable_and_a_deleted_one_leaves_its_statements() {
        let (mut s, m, n) = setup();
        assert!(themes(&s).unwrap().len() >= 11, "the starting list");
        let t = create_theme(&mut s, &ThemeInput { name: "Estates".into(), keywords: "buildings, toilets, offices".into() }).unwrap();
        assert_eq!(create_theme(&mut s, &ThemeInput { name: " estates ".into(), keywords: String::new() }).unwrap_err().field(), Some("name"));
        let sub = save(&mut s, m, &SubmissionInput { network_id: n, needs: vec![st("Gender-neutral toilets in our offices")], ..Default::default() }, SubmissionSource::Entered).unwrap();
        let sub = set_theme(&mut s, sub.needs[0].id, Some(t.id)).unwrap();
        assert_eq!(sub.needs[0].theme.as_deref(), Some("Estates"));
        delete_theme(&mut s, t.id).unwrap();
        let now = for_meeting(&s, m).unwrap();
        assert_eq!((now[0].needs[0].theme.as_deref(), now[0].needs[0].text.as_str()), (None, "Gender-neutral toilets in our offices"));
    }

    #[test]
    fn a_locked_meeting_takes_no_submission() {
        let (mut s, m, n) = setup();
        for status in [MeetingStatus::AgendaCirculated, MeetingStatus::Held, MeetingStatus::ReadoutDrafted, MeetingStatus::ReadoutApproved] {
            meetings::set_status(&mut s, m, status).unwrap();
        }
        let e = save(&mut s, m, &SubmissionInput { network_id: n, needs: vec![st("a")], ..Default::default() }, SubmissionSource::Entered).unwrap_err();
        assert_eq!(e.code(), "locked");
    }
}
