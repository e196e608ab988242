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
    /// A reference to the footnote with this number (the text is the number).
    pub footnote: Option<u32>,
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
    /// A footnote's text. It stays beside the text it belongs to (the website post keeps
    /// it in its section; Jekyll gathers notes at the foot of the page), and the PDF and
    /// the preview set all of them after the last section.
    Footnote { number: u32, blocks: Vec<Block> },
}

impl Span {
    pub fn footnote_reference(number: u32) -> Span {
        Span { text: number.to_string(), footnote: Some(number), ..Default::default() }
    }
}

/// Numbers footnotes on from `after` (each notes field numbers its own from 1; a document
/// made of several numbers them through). Returns the highest number now used.
pub fn renumber_footnotes(blocks: &mut [Block], after: u32) -> u32 {
    fn spans(list: &mut [Span], after: u32, top: &mut u32) {
        for s in list.iter_mut() {
            if let Some(n) = s.footnote.as_mut() {
                *n = n.saturating_add(after);
                s.text = n.to_string();
                *top = (*top).max(*n);
            }
        }
    }
    fn walk(blocks: &mut [Block], after: u32, top: &mut u32) {
        for b in blocks {
            match b {
                Block::Heading { content, .. } | Block::Paragraph { content } => spans(content, after, top),
                Block::List { items, .. } => items.iter_mut().for_each(|i| walk(i, after, top)),
                Block::Quote { blocks } => walk(blocks, after, top),
                Block::Table { header, rows } => {
                    header.iter_mut().for_each(|c| spans(c, after, top));
                    rows.iter_mut().flatten().for_each(|c| spans(c, after, top));
                }
                Block::Footnote { number, blocks } => {
                    *number = number.saturating_add(after);
                    *top = (*top).max(*number);
                    walk(blocks, after, top);
                }
                Block::Code { .. } | Block::Rule => {}
            }
        }
    }
    let mut top = after;
    walk(blocks, after, &mut top);
    top
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
