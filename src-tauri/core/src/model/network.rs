//! A departmental or agency LGBT+ staff network, as the website's directory lists it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{text, ValidationError};

/// The directory's `type` field. The words are the website's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum NetworkType {
    #[serde(rename = "ministerial department")]
    MinisterialDepartment,
    #[serde(rename = "non ministerial department")]
    NonMinisterialDepartment,
    #[serde(rename = "agency")]
    Agency,
    #[serde(rename = "other")]
    Other,
}

stored_words!(NetworkType {
    MinisterialDepartment => "ministerial department",
    NonMinisterialDepartment => "non ministerial department",
    Agency => "agency",
    Other => "other",
});

impl NetworkType {
    /// Reads a type as people and files write it: any case, spaces around.
    pub fn parse_loose(s: &str) -> Option<NetworkType> {
        let s = s.trim();
        NetworkType::ALL.into_iter().find(|t| t.as_str().eq_ignore_ascii_case(s))
    }
}

/// A network in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Network {
    #[ts(type = "number")]
    pub id: i64,
    /// The network's own name, e.g. "Rainbow Network"; when the directory does not know
    /// it, "<Department> network (name not known)" (see `name_known`).
    pub name: String,
    /// False for a network the directory lists by department only (`network: ''`).
    pub name_known: bool,
    /// The department or agency the network belongs to.
    pub department: String,
    pub kind: NetworkType,
    /// For an agency, the department it sits under.
    pub parent: Option<String>,
    pub email: Option<String>,
    /// Inactive networks stay in the history but are left out of new work.
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// What a person (or a file) gives to add or change a network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NetworkInput {
    pub name: String,
    pub department: String,
    /// Free text from a form or file; checked against the four directory types.
    pub kind: String,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// A network input that has passed every rule: trimmed, within limits, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidNetwork {
    /// Empty when the network's name is not known.
    pub name: String,
    pub department: String,
    pub kind: NetworkType,
    pub parent: Option<String>,
    pub email: Option<String>,
}

impl ValidNetwork {
    /// Two networks are the same when their department and name match, ignoring case
    /// and spacing: many departments' networks share a name like "LGBT+ Network".
    pub fn match_key(&self) -> String {
        text::match_key(&[&self.department, &self.name])
    }

    pub fn name_known(&self) -> bool {
        !self.name.is_empty()
    }

    /// The name every list shows: the network's own, or one made from its department.
    pub fn shown_name(&self) -> String {
        if self.name_known() {
            self.name.clone()
        } else {
            unknown_name(&self.department)
        }
    }
}

/// What a network whose name is not known is called: "Home Office network (name not known)".
pub fn unknown_name(department: &str) -> String {
    const SUFFIX: &str = " network (name not known)";
    // The stored name has the same 200-character limit as any name.
    let room = NAME_MAX - SUFFIX.chars().count();
    let department: String = department.chars().take(room).collect();
    format!("{department}{SUFFIX}")
}

pub const NAME_MAX: usize = 200;

impl NetworkInput {
    /// Checks every field and reports the first problem, field by field in form order.
    pub fn validate(&self) -> Result<ValidNetwork, ValidationError> {
        // A network may be known only by its department, as in the website's directory.
        let name = text::optional("name", "Network name", Some(&self.name), NAME_MAX)?.unwrap_or_default();
        let department = text::required("department", "Department or agency", &self.department, NAME_MAX)?;
        let kind = if self.kind.trim().is_empty() {
            return Err(ValidationError::new("kind", "Select the type of department"));
        } else {
            NetworkType::parse_loose(&self.kind).ok_or_else(|| {
                ValidationError::new(
                    "kind",
                    format!(
                        "Type must be one of: {} (it was \u{201c}{}\u{201d})",
                        NetworkType::ALL.map(NetworkType::as_str).join(", "),
                        self.kind.trim()
                    ),
                )
            })?
        };
        let parent = text::optional("parent", "Parent department", self.parent.as_deref(), NAME_MAX)?;
        let email = text::optional_email("email", self.email.as_deref())?;
        Ok(ValidNetwork { name, department, kind, parent, email })
    }
}

/// Which networks a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct NetworkFilter {
    /// Words to find in the name, department, parent or email.
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default)]
    pub kind: Option<NetworkType>,
    /// Inactive networks are hidden unless asked for.
    #[serde(default)]
    pub include_inactive: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> NetworkInput {
        NetworkInput {
            name: " Rainbow Network ".into(),
            department: "Coal Authority".into(),
            kind: "Agency".into(),
            parent: Some("".into()),
            email: Some("rainbow@coal.example.uk".into()),
        }
    }

    #[test]
    fn valid_input_is_trimmed_and_typed() {
        let v = input().validate().unwrap();
        assert_eq!(v.name, "Rainbow Network");
        assert_eq!(v.kind, NetworkType::Agency);
        assert_eq!(v.parent, None);
    }

    #[test]
    fn each_rule_names_its_field() {
        let cases: [(fn(&mut NetworkInput), &str); 5] = [
            (|i| i.name = "x".repeat(NAME_MAX + 1), "name"),
            (|i| i.department.clear(), "department"),
            (|i| i.kind = "quango".into(), "kind"),
            (|i| i.email = Some("nope".into()), "email"),
            (|i| i.parent = Some("x".repeat(NAME_MAX + 1)), "parent"),
        ];
        for (break_it, field) in cases {
            let mut i = input();
            break_it(&mut i);
            assert_eq!(i.validate().unwrap_err().field, field);
        }
    }

    #[test]
    fn a_network_may_be_known_by_its_department_only() {
        let mut i = input();
        i.name = "  ".into();
        let v = i.validate().unwrap();
        assert!(!v.name_known());
        assert_eq!(v.shown_name(), "Coal Authority network (name not known)");
        assert_eq!(v.match_key(), "coal authority\u{1f}");
        assert_eq!(unknown_name(&"D".repeat(NAME_MAX)).chars().count(), NAME_MAX);
    }

    #[test]
    fn unknown_type_lists_the_allowed_ones() {
        let mut i = input();
        i.kind = "quango".into();
        let msg = i.validate().unwrap_err().message;
        assert!(msg.contains("non ministerial department") && msg.contains("quango"), "{msg}");
    }

    #[test]
    fn hostile_text_is_kept_as_data() {
        let mut i = input();
        i.name = "<script>alert(1)</script> \u{202e}krowten".into();
        assert_eq!(i.validate().unwrap().name, "<script>alert(1)</script> \u{202e}krowten");
    }
}
