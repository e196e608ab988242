//! Which column of a form export holds what. Guessed from the headers people write
//! ("Your name", "Which network do you represent?"), corrected by the chair, and
//! remembered for the next export of the same form.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::form::FormTable;

/// What a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FormField {
    Ignore,
    Name,
    Email,
    Pronouns,
    Network,
    Department,
    MeetingDate,
    /// When the answer was sent (Google's `Timestamp`, Microsoft's `Completion time`).
    Timestamp,
    #[serde(rename = "need_1")]
    Need1,
    #[serde(rename = "need_2")]
    Need2,
    #[serde(rename = "need_3")]
    Need3,
    #[serde(rename = "strength_1")]
    Strength1,
    #[serde(rename = "strength_2")]
    Strength2,
    #[serde(rename = "strength_3")]
    Strength3,
}

stored_words!(FormField {
    Ignore => "ignore",
    Name => "name",
    Email => "email",
    Pronouns => "pronouns",
    Network => "network",
    Department => "department",
    MeetingDate => "meeting_date",
    Timestamp => "timestamp",
    Need1 => "need_1",
    Need2 => "need_2",
    Need3 => "need_3",
    Strength1 => "strength_1",
    Strength2 => "strength_2",
    Strength3 => "strength_3",
});

impl FormField {
    /// Fields that at most one column may hold (everything but Ignore).
    pub fn is_single(self) -> bool {
        self != FormField::Ignore
    }

    pub fn label(self) -> &'static str {
        match self {
            FormField::Ignore => "Not imported",
            FormField::Name => "Name",
            FormField::Email => "Email address",
            FormField::Pronouns => "Pronouns",
            FormField::Network => "Network",
            FormField::Department => "Department or agency",
            FormField::MeetingDate => "Meeting date",
            FormField::Timestamp => "When they answered",
            FormField::Need1 => "Need 1",
            FormField::Need2 => "Need 2",
            FormField::Need3 => "Need 3",
            FormField::Strength1 => "Strength 1",
            FormField::Strength2 => "Strength 2",
            FormField::Strength3 => "Strength 3",
        }
    }
}

/// One field per column, in the table's column order.
pub type Mapping = Vec<FormField>;

/// Guesses each column's field from its header. When two columns look like the same
/// field, the later one wins: in a Microsoft Forms export the question ("Your email
/// address") comes after the account column (`Email`, often "anonymous").
pub fn guess(headers: &[String]) -> Mapping {
    let mut mapping: Mapping = headers.iter().map(|h| guess_one(h)).collect();
    for i in 0..mapping.len() {
        let f = mapping[i];
        if f.is_single() && mapping[i + 1..].contains(&f) {
            mapping[i] = FormField::Ignore;
        }
    }
    mapping
}

fn guess_one(header: &str) -> FormField {
    let h = header.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    let rank = || {
        if has(&["1", "first", "one", "top"]) && !has(&["2", "3", "second", "third"]) {
            Some(0)
        } else if has(&["2", "second", "two"]) {
            Some(1)
        } else if has(&["3", "third", "three"]) {
            Some(2)
        } else {
            None
        }
    };
    if has(&["need", "help with", "support with"]) {
        return [FormField::Need1, FormField::Need2, FormField::Need3][rank().unwrap_or(0)];
    }
    if has(&["strength", "good at", "offer", "expertise"]) {
        return [FormField::Strength1, FormField::Strength2, FormField::Strength3][rank().unwrap_or(0)];
    }
    match h.trim() {
        "id" | "start time" => return FormField::Ignore,
        "timestamp" | "completion time" | "submitted" | "submitted at" => return FormField::Timestamp,
        _ => {}
    }
    if has(&["e-mail", "email", "mail address"]) {
        FormField::Email
    } else if has(&["pronoun"]) {
        FormField::Pronouns
    } else if has(&["which meeting", "meeting date", "date of the meeting", "forum date", "which forum", "date"]) {
        FormField::MeetingDate
    } else if has(&["network"]) {
        FormField::Network
    } else if has(&["department", "agency", "organisation", "organization", "employer"]) {
        FormField::Department
    } else if has(&["name"]) {
        FormField::Name
    } else {
        FormField::Ignore
    }
}

/// The setting key a form's mapping is remembered under: its headers, case-folded,
/// so the next export of the same form finds it.
pub fn memory_key(headers: &[String]) -> String {
    let joined: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    format!("form-mapping:{}", joined.join("\u{1f}"))
}

/// Applies `COLUMN=FIELD` overrides (from the command line): COLUMN is a header
/// (any case) or a column number from 1.
pub fn apply_overrides(table: &FormTable, mapping: &mut Mapping, overrides: &[String]) -> Result<(), String> {
    for o in overrides {
        let (column, field) = o.rsplit_once('=').ok_or_else(|| format!("--map {o:?}: write it as COLUMN=FIELD"))?;
        let field = FormField::parse(field.trim()).ok_or_else(|| {
            format!("--map {o:?}: the field must be one of {}", FormField::ALL.map(FormField::as_str).join(", "))
        })?;
        let column = column.trim();
        let index = match column.parse::<usize>() {
            Ok(n) if (1..=table.headers.len()).contains(&n) => n - 1,
            _ => table.headers.iter().position(|h| h.eq_ignore_ascii_case(column)).ok_or_else(|| {
                format!("--map {o:?}: {} has no column {column:?} (its columns are: {})", table.file, table.headers.join(", "))
            })?,
        };
        if field.is_single() {
            for m in mapping.iter_mut().filter(|m| **m == field) {
                *m = FormField::Ignore;
            }
        }
        mapping[index] = field;
    }
    Ok(())
}

/// A mapping fits a table when it has one field per column and no field twice.
pub fn check(table: &FormTable, mapping: &Mapping) -> Result<(), String> {
    if mapping.len() != table.headers.len() {
        return Err(format!("the mapping has {} columns but {} has {}", mapping.len(), table.file, table.headers.len()));
    }
    for (i, f) in mapping.iter().enumerate() {
        if f.is_single() && mapping[..i].contains(f) {
            return Err(format!("two columns are mapped to \u{201c}{}\u{201d}; choose one", f.label()));
        }
    }
    Ok(())
}

/// The column holding `field`, if any.
pub fn column_of(mapping: &Mapping, field: FormField) -> Option<usize> {
    mapping.iter().position(|f| *f == field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use FormField::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn google_forms_headers() {
        let h = headers(&[
            "Timestamp",
            "Your name",
            "Email address",
            "Pronouns (optional)",
            "Which network do you represent?",
            "Department or agency",
            "Which forum will you attend?",
            "Anything else?",
        ]);
        assert_eq!(guess(&h), [Timestamp, Name, Email, Pronouns, Network, Department, MeetingDate, Ignore]);
    }

    #[test]
    fn microsoft_forms_headers_prefer_the_question_over_the_account_columns() {
        let h = headers(&["ID", "Start time", "Completion time", "Email", "Name", "Full name", "Work email", "Organisation"]);
        assert_eq!(guess(&h), [Ignore, Ignore, Timestamp, Ignore, Ignore, Name, Email, Department]);
        let plain = headers(&["ID", "Start time", "Completion time", "Email", "Name", "Your network"]);
        assert_eq!(guess(&plain), [Ignore, Ignore, Timestamp, Email, Name, Network]);
    }

    #[test]
    fn needs_and_strengths_in_order() {
        let h = headers(&[
            "Network name",
            "Top need 1",
            "Second thing you need help with",
            "Need 3",
            "Strength 1",
            "What is your network good at? (2)",
            "Third strength",
        ]);
        assert_eq!(guess(&h), [Network, Need1, Need2, Need3, Strength1, Strength2, Strength3]);
    }

    #[test]
    fn overrides_by_header_or_number() {
        let t = super::super::form::read_csv("f.csv", "Timestamp,Who,Where\n").unwrap();
        let mut m = guess(&t.headers);
        apply_overrides(&t, &mut m, &["who=name".into(), "3=network".into()]).unwrap();
        assert_eq!(m, [Timestamp, Name, Network]);
        apply_overrides(&t, &mut m, &["Where=name".into()]).unwrap();
        assert_eq!(m, [Timestamp, Ignore, Name], "a field moves rather than doubling");
        assert!(apply_overrides(&t, &mut m, &["Nowhere=name".into()]).unwrap_err().contains("has no column \"Nowhere\""));
        assert!(apply_overrides(&t, &mut m, &["Who=shoe size".into()]).unwrap_err().contains("must be one of"));
        assert!(apply_overrides(&t, &mut m, &["Who".into()]).unwrap_err().contains("COLUMN=FIELD"));
    }

    #[test]
    fn check_refuses_a_field_twice() {
        let t = super::super::form::read_csv("f.csv", "A,B\n").unwrap();
        assert!(check(&t, &vec![Name, Name]).unwrap_err().contains("two columns"));
        assert!(check(&t, &vec![Name]).is_err());
        assert!(check(&t, &vec![Name, Ignore]).is_ok());
    }

    #[test]
    fn serde_names_are_the_stored_words() {
        for f in FormField::ALL {
            assert_eq!(serde_json::to_string(&f).unwrap(), format!("\"{}\"", f.as_str()));
        }
    }

    #[test]
    fn memory_key_ignores_case_and_spaces_around() {
        assert_eq!(memory_key(&headers(&["Timestamp", " Your name "])), memory_key(&headers(&["timestamp", "your name"])));
    }
}
