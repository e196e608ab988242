//! Needs and strengths: what a network asks help with and what it can offer, three of
//! each per meeting cycle, in the network's own words.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{text, ValidationError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StatementKind {
    Need,
    Strength,
}

stored_words!(StatementKind {
    Need => "need",
    Strength => "strength",
});

impl StatementKind {
    pub fn plural(self) -> &'static str {
        match self {
            StatementKind::Need => "needs",
            StatementKind::Strength => "strengths",
        }
    }
}

/// How a submission reached the chair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SubmissionSource {
    /// Typed in by the chair.
    Entered,
    /// A lead's submission file.
    File,
    /// A row of a form export.
    Form,
}

stored_words!(SubmissionSource {
    Entered => "entered",
    File => "file",
    Form => "form",
});

pub const MAX_PER_KIND: usize = 3;
pub const STATEMENT_MAX: usize = 280;
pub const DETAIL_MAX: usize = 2000;

/// One need or strength as a person writes it. The theme is a theme's name; none means
/// "suggest one".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[ts(export)]
pub struct StatementInput {
    pub text: String,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub theme: Option<String>,
}

/// A network's needs and strengths, in rank order (the first is its top one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SubmissionInput {
    #[ts(type = "number")]
    pub network_id: i64,
    #[serde(default)]
    pub submitted_by: Option<String>,
    pub needs: Vec<StatementInput>,
    pub strengths: Vec<StatementInput>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidStatement {
    pub kind: StatementKind,
    pub rank: u8,
    pub text: String,
    pub detail: Option<String>,
    pub theme: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSubmission {
    pub network_id: i64,
    pub submitted_by: Option<String>,
    pub statements: Vec<ValidStatement>,
}

impl SubmissionInput {
    /// Checks every statement. Fields are named `needs.2.text` (the second need's text),
    /// so a form can show the message beside it. A blank statement is an error: callers
    /// that allow blanks (a form with only two needs) leave them out first.
    pub fn validate(&self) -> Result<ValidSubmission, ValidationError> {
        let mut statements = Vec::new();
        for (kind, list) in [(StatementKind::Need, &self.needs), (StatementKind::Strength, &self.strengths)] {
            if list.len() > MAX_PER_KIND {
                return Err(ValidationError::new(
                    kind.plural(),
                    format!("A network sends at most {MAX_PER_KIND} {} (this has {})", kind.plural(), list.len()),
                ));
            }
            for (i, s) in list.iter().enumerate() {
                let field = |f: &str| format!("{}.{}.{f}", kind.plural(), i + 1);
                let label = format!("{} {}", if kind == StatementKind::Need { "Need" } else { "Strength" }, i + 1);
                statements.push(ValidStatement {
                    kind,
                    rank: i as u8 + 1,
                    text: text::required(&field("text"), &label, &s.text, STATEMENT_MAX)?,
                    detail: text::optional(&field("detail"), &format!("{label} detail"), s.detail.as_deref(), DETAIL_MAX)?,
                    theme: text::optional(&field("theme"), "Theme", s.theme.as_deref(), 80)?,
                });
            }
        }
        if statements.is_empty() {
            return Err(ValidationError::new("needs.1.text", "Enter at least one need or strength"));
        }
        let submitted_by = text::optional("submittedBy", "Submitted by", self.submitted_by.as_deref(), 200)?;
        Ok(ValidSubmission { network_id: self.network_id, submitted_by, statements })
    }
}

/// A statement as stored, with its theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Statement {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: StatementKind,
    pub rank: u8,
    pub text: String,
    pub detail: Option<String>,
    #[ts(type = "number | null")]
    pub theme_id: Option<i64>,
    pub theme: Option<String>,
}

/// A network's submission for a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Submission {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub network_id: i64,
    pub network_name: String,
    pub department: String,
    pub source: SubmissionSource,
    pub submitted_by: Option<String>,
    pub submitted_at: String,
    /// When a later submission replaced it; None for the current one.
    pub superseded_at: Option<String>,
    pub needs: Vec<Statement>,
    pub strengths: Vec<Statement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Theme {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub keywords: String,
    pub position: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ThemeInput {
    pub name: String,
    #[serde(default)]
    pub keywords: String,
}

impl ThemeInput {
    pub fn validate(&self) -> Result<ThemeInput, ValidationError> {
        Ok(ThemeInput {
            name: text::required("name", "Theme name", &self.name, 80)?,
            keywords: text::optional("keywords", "Words that suggest it", Some(&self.keywords), 2000)?.unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> StatementInput {
        StatementInput { text: t.into(), ..Default::default() }
    }

    #[test]
    fn at_most_three_of_each_and_no_blank_statement() {
        let four = SubmissionInput { network_id: 1, needs: vec![s("a"), s("b"), s("c"), s("d")], ..Default::default() };
        let e = four.validate().unwrap_err();
        assert_eq!((e.field.as_str(), e.message.as_str()), ("needs", "A network sends at most 3 needs (this has 4)"));
        let blank = SubmissionInput { network_id: 1, needs: vec![s("a")], strengths: vec![s("b"), s("  ")], ..Default::default() };
        let e = blank.validate().unwrap_err();
        assert_eq!((e.field.as_str(), e.message.as_str()), ("strengths.2.text", "Enter the strength 2"));
        assert_eq!(SubmissionInput { network_id: 1, ..Default::default() }.validate().unwrap_err().field, "needs.1.text");
    }

    #[test]
    fn ranks_follow_the_order_and_long_text_is_refused() {
        let ok = SubmissionInput { network_id: 1, needs: vec![s(" first "), s("second")], strengths: vec![s("good")], ..Default::default() }.validate().unwrap();
        let ranks: Vec<_> = ok.statements.iter().map(|v| (v.kind, v.rank, v.text.as_str())).collect();
        assert_eq!(ranks, [(StatementKind::Need, 1, "first"), (StatementKind::Need, 2, "second"), (StatementKind::Strength, 1, "good")]);
        let long = SubmissionInput { network_id: 1, needs: vec![s(&"é".repeat(281))], ..Default::default() };
        assert!(long.validate().unwrap_err().message.contains("280 characters or fewer (it has 281)"));
    }
}
