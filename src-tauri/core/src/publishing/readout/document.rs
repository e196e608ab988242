//! The blocks and inline runs a document is made of.

use serde::Serialize;
use ts_rs::TS;

/// A run of text with one style; `href` makes it a link (http, https or mailto only).
/// Only the styles a run has are sent to the window (an absent one is false or none):
/// most runs are plain, and a readout with its twenty-year action log was three parts
/// "bold": false and the like.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Span {
    pub text: String,
    #[serde(skip_serializing_if = "is_false")]
    #[ts(as = "Option<bool>", optional)]
    pub bold: bool,
    #[serde(skip_serializing_if = "is_false")]
    #[ts(as = "Option<bool>", optional)]
    pub italic: bool,
    #[serde(skip_serializing_if = "is_false")]
    #[ts(as = "Option<bool>", optional)]
    pub code: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub href: Option<String>,
    /// A line break after this run.
    #[serde(skip_serializing_if = "is_false")]
    #[ts(as = "Option<bool>", optional)]
    pub line_break: bool,
    /// A reference to the footnote with this number (the text is the number).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub footnote: Option<u32>,
}

fn is_false(b: &bool) -> bool {
    !b
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

/// Every footnote in `blocks` (in lists, quotes and other notes too) as its number and
/// its blocks, in number order: the notes the PDF sets under "Notes" at the end.
pub fn footnotes(blocks: &[Block]) -> Vec<(u32, &[Block])> {
    fn gather<'a>(blocks: &'a [Block], out: &mut Vec<(u32, &'a [Block])>) {
        for b in blocks {
            match b {
                Block::Footnote { number, blocks } => {
                    out.push((*number, blocks));
                    gather(blocks, out);
                }
                Block::List { items, .. } => items.iter().for_each(|i| gather(i, out)),
                Block::Quote { blocks } => gather(blocks, out),
                _ => {}
            }
        }
    }
    let mut notes = Vec::new();
    gather(blocks, &mut notes);
    notes.sort_by_key(|(n, _)| *n);
    notes
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_sends_the_window_only_the_styles_it_has() {
        assert_eq!(serde_json::to_value(Span::plain("Agreed")).unwrap(), serde_json::json!({ "text": "Agreed" }));
        let link = Span { text: "the guide".into(), bold: true, href: Some("https://example.org".into()), footnote: Some(2), ..Default::default() };
        assert_eq!(serde_json::to_value(link).unwrap(), serde_json::json!({ "text": "the guide", "bold": true, "href": "https://example.org", "footnote": 2 }));
    }
}
