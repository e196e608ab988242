//! The blocks and inline runs a document is made of.

use serde::Serialize;
use ts_rs::TS;

/// A run of text with one style; `href` makes it a link (http, https or mailto only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    pub href: Option<String>,
    /// A line break after this run.
    pub line_break: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span { text: text.into(), ..Default::default() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "type", rename_all = "camelCase")]
#[ts(export)]
pub enum Block {
    Heading { level: u8, content: Vec<Span> },
    Paragraph { content: Vec<Span> },
    List { ordered: bool, start: u32, items: Vec<Vec<Block>> },
    Quote { blocks: Vec<Block> },
    Code { text: String },
    Rule,
    Table { header: Vec<Vec<Span>>, rows: Vec<Vec<Vec<Span>>> },
}

/// Only these schemes become links; anything else (javascript:, data:, file:) is shown
/// as the text it is.
pub fn safe_href(url: &str) -> Option<String> {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")).then(|| u.to_string())
}

/// A whole document: metadata and blocks. The PDF and Markdown renderers take this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Document {
    pub title: String,
    /// A line under the title (the meeting and its date).
    pub subtitle: Option<String>,
    pub excerpt: String,
    /// ISO date the document is about.
    pub date: String,
    pub author: String,
    pub blocks: Vec<Block>,
}
