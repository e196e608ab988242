//! Markdown (CommonMark with tables) into document blocks, with pulldown-cmark. Raw
//! HTML in notes is kept as literal text: notes are data, never markup to run.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::document::{safe_href, Block, Span};

enum Frame {
    Root(Vec<Block>),
    Paragraph(Vec<Span>),
    Heading(u8, Vec<Span>),
    Quote(Vec<Block>),
    List { ordered: bool, start: u32, items: Vec<Vec<Block>> },
    /// A list item's blocks, and the text of a tight item not yet in a paragraph.
    Item(Vec<Block>, Vec<Span>),
    Code(String),
    Table { header: Vec<Vec<Span>>, rows: Vec<Vec<Vec<Span>>>, row: Vec<Vec<Span>>, cell: Vec<Span>, in_head: bool },
    /// A footnote's text: its number, its blocks.
    Footnote(u32, Vec<Block>),
}

/// Quotes and lists nested deeper than this are flattened into the deepest one kept:
/// their text stays, their nesting does not. No note needs more, and everything that
/// walks blocks (the Markdown and PDF writers, comparing, dropping) recurses once per
/// level, so unbounded nesting (`>>>>…` thousands deep) would overflow the stack. At 16
/// the PDF writer's indent (18 pt a level) still leaves a column of text.
pub const MAX_NESTING: usize = 16;

struct Builder {
    stack: Vec<Frame>,
    bold: u32,
    italic: u32,
    links: Vec<Option<String>>,
    /// Quotes, lists and their items opened past `MAX_NESTING` and not yet closed.
    flattened: u32,
    /// Footnote labels (case-folded, as Markdown compares them) and their numbers, in the
    /// order they are first referred to, as the website numbers them.
    footnotes: HashMap<String, u32>,
    /// Footnotes whose text has been read: a label defined twice keeps its first text.
    defined: HashSet<u32>,
}

impl Builder {
    fn nesting(&self) -> usize {
        self.stack.iter().filter(|f| matches!(f, Frame::Quote(_) | Frame::List { .. })).count()
    }

    /// The note's number, or 0 for a note nothing refers to (left out, as the website
    /// leaves it out; the chair's notes still hold it).
    fn footnote_number(&self, label: &str) -> u32 {
        self.footnotes.get(&label.to_lowercase()).copied().unwrap_or(0)
    }

    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Frame::Root(b)) | Some(Frame::Quote(b)) | Some(Frame::Footnote(_, b)) => b.push(block),
            Some(Frame::Item(b, pending)) => {
                if !pending.is_empty() {
                    b.push(Block::Paragraph { content: std::mem::take(pending) });
                }
                b.push(block);
            }
            _ => {}
        }
    }

    fn push_span(&mut self, text: &str, code: bool) {
        let span = Span {
            text: text.to_string(),
            bold: self.bold > 0,
            italic: self.italic > 0,
            code,
            href: self.links.last().cloned().flatten(),
            line_break: false,
            footnote: None,
        };
        self.push_run(span);
    }

    fn push_run(&mut self, span: Span) {
        let target = match self.stack.last_mut() {
            Some(Frame::Paragraph(s)) | Some(Frame::Heading(_, s)) | Some(Frame::Item(_, s)) => s,
            Some(Frame::Table { cell, .. }) => cell,
            Some(Frame::Code(t)) => {
                t.push_str(&span.text);
                return;
            }
            _ => {
                // Text outside any block (e.g. after raw HTML): give it a paragraph.
                self.push_block(Block::Paragraph { content: vec![span] });
                return;
            }
        };
        // Merge with the previous run when the style is the same.
        match target.last_mut() {
            Some(last)
                if !last.line_break
                    && last.footnote.is_none()
                    && span.footnote.is_none()
                    && last.bold == span.bold
                    && last.italic == span.italic
                    && last.code == span.code
                    && last.href == span.href =>
            {
                last.text.push_str(&span.text)
            }
            _ => target.push(span),
        }
    }

    fn line_break(&mut self) {
        if let Some(Frame::Paragraph(s)) | Some(Frame::Heading(_, s)) | Some(Frame::Item(_, s)) = self.stack.last_mut() {
            if let Some(last) = s.last_mut() {
                last.line_break = true;
            }
        }
    }

    fn start(&mut self, tag: Tag) {
        let container = matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::Item);
        if container && (self.flattened > 0 || (!matches!(tag, Tag::Item) && self.nesting() >= MAX_NESTING)) {
            self.flattened += 1;
            if matches!(tag, Tag::Item) {
                // A flattened item's text starts on a line of its own.
                self.line_break();
            }
            return;
        }
        match tag {
            Tag::Paragraph => self.stack.push(Frame::Paragraph(Vec::new())),
            Tag::Heading { level, .. } => self.stack.push(Frame::Heading(heading_level(level), Vec::new())),
            Tag::BlockQuote(_) => self.stack.push(Frame::Quote(Vec::new())),
            Tag::CodeBlock(_) => self.stack.push(Frame::Code(String::new())),
            Tag::List(start) => self.stack.push(Frame::List { ordered: start.is_some(), start: start.unwrap_or(1).min(u64::from(u32::MAX)) as u32, items: Vec::new() }),
            Tag::Item => self.stack.push(Frame::Item(Vec::new(), Vec::new())),
            Tag::Table(_) => self.stack.push(Frame::Table { header: Vec::new(), rows: Vec::new(), row: Vec::new(), cell: Vec::new(), in_head: false }),
            Tag::TableHead => {
                if let Some(Frame::Table { in_head, .. }) = self.stack.last_mut() {
                    *in_head = true;
                }
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Link { dest_url, .. } => self.links.push(safe_href(&dest_url)),
            Tag::FootnoteDefinition(label) => {
                let n = self.footnote_number(&label);
                self.stack.push(Frame::Footnote(n, Vec::new()));
            }
            Tag::Image { dest_url, .. } => self.links.push(safe_href(&dest_url)),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        if self.flattened > 0 && matches!(tag, TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) {
            self.flattened -= 1;
            return;
        }
        match tag {
            TagEnd::Paragraph => {
                if let Some(Frame::Paragraph(content)) = self.stack.pop() {
                    if !content.is_empty() {
                        self.push_block(Block::Paragraph { content });
                    }
                }
            }
            TagEnd::Heading(_) => {
                if let Some(Frame::Heading(level, content)) = self.stack.pop() {
                    self.push_block(Block::Heading { level, content });
                }
            }
            TagEnd::BlockQuote(_) => {
                if let Some(Frame::Quote(blocks)) = self.stack.pop() {
                    self.push_block(Block::Quote { blocks });
                }
            }
            TagEnd::CodeBlock => {
                if let Some(Frame::Code(text)) = self.stack.pop() {
                    self.push_block(Block::Code { text: text.trim_end_matches('\n').to_string() });
                }
            }
            TagEnd::Item => {
                if let Some(Frame::Item(mut blocks, pending)) = self.stack.pop() {
                    if !pending.is_empty() {
                        blocks.push(Block::Paragraph { content: pending });
                    }
                    if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                        items.push(blocks);
                    }
                }
            }
            TagEnd::List(_) => {
                if let Some(Frame::List { ordered, start, items }) = self.stack.pop() {
                    self.push_block(Block::List { ordered, start, items });
                }
            }
            TagEnd::TableCell => {
                if let Some(Frame::Table { row, cell, .. }) = self.stack.last_mut() {
                    row.push(std::mem::take(cell));
                }
            }
            TagEnd::TableHead => {
                if let Some(Frame::Table { header, row, in_head, .. }) = self.stack.last_mut() {
                    *header = std::mem::take(row);
                    *in_head = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(Frame::Table { rows, row, .. }) = self.stack.last_mut() {
                    rows.push(std::mem::take(row));
                }
            }
            TagEnd::Table => {
                if let Some(Frame::Table { header, rows, .. }) = self.stack.pop() {
                    self.push_block(Block::Table { header, rows });
                }
            }
            TagEnd::FootnoteDefinition => {
                if let Some(Frame::Footnote(number, blocks)) = self.stack.pop() {
                    // Notes are gathered at the top level, whatever they were written in.
                    if number > 0 && self.defined.insert(number) {
                        if let Some(Frame::Root(root)) = self.stack.first_mut() {
                            root.push(Block::Footnote { number, blocks });
                        }
                    }
                }
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => {
                self.links.pop();
            }
            _ => {}
        }
    }
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Parses Markdown into blocks.
pub fn parse(markdown: &str) -> Vec<Block> {
    let mut b = Builder {
        stack: vec![Frame::Root(Vec::new())],
        bold: 0,
        italic: 0,
        links: Vec::new(),
        flattened: 0,
        footnotes: HashMap::new(),
        defined: HashSet::new(),
    };
    let events: Vec<Event> = Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES).collect();
    for event in &events {
        if let Event::FootnoteReference(label) = event {
            let next = u32::try_from(b.footnotes.len()).unwrap_or(u32::MAX).saturating_add(1);
            b.footnotes.entry(label.to_lowercase()).or_insert(next);
        }
    }
    for event in events {
        match event {
            Event::Start(tag) => b.start(tag),
            Event::End(tag) => b.end(tag),
            Event::Text(t) => b.push_span(&t, false),
            Event::Code(t) => b.push_span(&t, true),
            // Raw HTML stays visible as the characters typed.
            Event::Html(t) | Event::InlineHtml(t) => b.push_span(&t, false),
            Event::SoftBreak => b.push_span(" ", false),
            Event::HardBreak => b.line_break(),
            Event::Rule => b.push_block(Block::Rule),
            Event::TaskListMarker(done) => b.push_span(if done { "[x] " } else { "[ ] " }, false),
            Event::FootnoteReference(label) => {
                let n = b.footnote_number(&label);
                b.push_run(Span::footnote_reference(n));
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => b.push_span(&t, false),
        }
    }
    // Unbalanced frames cannot come out of pulldown-cmark; fold any left into the root.
    while b.stack.len() > 1 {
        b.end(TagEnd::Paragraph);
        if b.stack.len() > 1 && !matches!(b.stack.last(), Some(Frame::Paragraph(_))) {
            b.stack.pop();
        }
    }
    match b.stack.pop() {
        Some(Frame::Root(blocks)) => blocks,
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(blocks: &[Block]) -> &[Span] {
        match &blocks[0] {
            Block::Paragraph { content } => content,
            other => panic!("expected a paragraph, got {other:?}"),
        }
    }

    #[test]
    fn styles_and_links_become_runs() {
        let b = parse("Plain **bold** *italic* `code` [site](https://example.org) ’curly’ £5");
        let p = para(&b);
        assert_eq!(p[0], Span::plain("Plain "));
        assert!(p[1].bold && p[1].text == "bold");
        assert!(p[3].italic && p[3].text == "italic");
        assert!(p[5].code);
        assert_eq!((p[7].text.as_str(), p[7].href.as_deref()), ("site", Some("https://example.org")));
        assert_eq!(p[8].text, " ’curly’ £5");
    }

    #[test]
    fn unsafe_links_and_html_stay_text() {
        let b = parse("[click](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n<script>alert(2)</script>");
        let all: String = format!("{b:?}");
        assert!(!all.contains("href: Some(\"javascript"), "{all}");
        let p = para(&b);
        assert!(p[0].text.starts_with("click"), "{p:?}");
        assert!(p.iter().all(|s| s.href.is_none()), "{p:?}");
        assert!(p.iter().any(|s| s.text.contains("<img src=x onerror=alert(1)>")), "{p:?}");
        assert!(all.contains("<script>alert(2)</script>"), "{all}");
    }

    #[test]
    fn headings_lists_quotes_tables() {
        let md = "## Pride\n\n- one\n- two **bold**\n\n1. first\n2. second\n\n> quoted\n\n| Item | Time |\n|---|---|\n| Welcome | 15:00 |\n\n---\n";
        let b = parse(md);
        assert!(matches!(&b[0], Block::Heading { level: 2, content } if content[0].text == "Pride"));
        match &b[1] {
            Block::List { ordered: false, items, .. } => {
                assert_eq!(items.len(), 2);
                assert!(matches!(&items[1][0], Block::Paragraph { content } if content[1].bold));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&b[2], Block::List { ordered: true, start: 1, .. }));
        assert!(matches!(&b[3], Block::Quote { blocks } if blocks.len() == 1));
        match &b[4] {
            Block::Table { header, rows } => {
                assert_eq!(header[0][0].text, "Item");
                assert_eq!(rows[0][1][0].text, "15:00");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(b[5], Block::Rule);
    }

    fn depth(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Quote { blocks } => 1 + depth(blocks),
                Block::List { items, .. } => 1 + items.iter().map(|i| depth(i)).max().unwrap_or(0),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }

    fn all_text(blocks: &[Block]) -> String {
        format!("{blocks:?}")
    }

    /// Found by fuzzing (fuzz/fuzz_targets/markdown_notes.rs): quotes or lists nested
    /// thousands deep overflowed the stack when the blocks were written back out.
    #[test]
    fn absurdly_deep_nesting_is_flattened_and_keeps_its_text() {
        let inputs = [
            format!("{} deep quote", ">".repeat(100_000)),
            format!("{}deep list", "- ".repeat(30_000)),
            (0..2_000).map(|i| format!("{}- level {i}\n", "  ".repeat(i))).collect(),
            format!("{} quoted list", "> - ".repeat(20_000)),
        ];
        for md in &inputs {
            let blocks = parse(md);
            assert!(depth(&blocks) <= MAX_NESTING, "{}", depth(&blocks));
            let out = crate::publishing::readout::markdown_out::render_blocks(&blocks);
            let again = parse(&out);
            assert!(depth(&again) <= MAX_NESTING);
        }
        assert!(all_text(&parse(&inputs[0])).contains("deep quote"));
        assert!(all_text(&parse(&inputs[1])).contains("deep list"));
        let levels = all_text(&parse(&inputs[2]));
        assert!(levels.contains("level 0") && levels.contains("level 1999"), "every item's text is kept");
    }

    #[test]
    fn ordinary_nesting_is_kept() {
        let b = parse("> quoted\n> - a\n>   - b\n>     > inner");
        assert_eq!(depth(&b), 4);
    }

    #[test]
    fn footnotes_are_numbered_in_the_order_they_are_met() {
        let b = parse("Pride[^pride] and the survey[^s].\n\n[^s]: Closed in **May**.\n[^pride]: See the [site](https://example.org).\n\nMore[^Pride].");
        let p = para(&b);
        assert_eq!(p[1], Span::footnote_reference(1));
        assert_eq!(p[3], Span::footnote_reference(2));
        assert_eq!(para(&b[3..])[1], Span::footnote_reference(1), "labels compare without case");
        let notes: Vec<(u32, String)> = b
            .iter()
            .filter_map(|b| match b {
                Block::Footnote { number, blocks } => Some((*number, format!("{blocks:?}"))),
                _ => None,
            })
            .collect();
        assert_eq!(notes.len(), 2, "{b:?}");
        assert_eq!(notes[0].0, 2);
        assert!(notes[0].1.contains("May") && notes[1].1.contains("https://example.org"), "{notes:?}");
    }

    #[test]
    fn a_reference_with_no_note_stays_text_and_a_note_defined_twice_keeps_its_first_text() {
        let b = parse("Nothing here[^missing].");
        assert_eq!(all_text(&b).matches("footnote: Some").count(), 0, "{b:?}");
        assert!(para(&b).iter().map(|s| s.text.as_str()).collect::<String>().contains("[^missing]"), "{b:?}");
        let b = parse("Once[^a].\n\n[^a]: First.\n\n[^a]: Second.");
        let notes = all_text(&b);
        assert!(notes.contains("First") && !notes.contains("Second"), "{notes}");
    }

    #[test]
    fn notes_are_numbered_by_reference_and_a_note_nobody_refers_to_is_left_out() {
        let b = parse("[^b]: Bee.\n\n[^lonely]: Nobody cites me.\n\nX[^a] Y[^b].\n\n[^a]: Ay.");
        let text = all_text(&b);
        assert!(!text.contains("Nobody cites me"), "{text}");
        let notes: Vec<(u32, String)> = b
            .iter()
            .filter_map(|b| match b {
                Block::Footnote { number, blocks } => Some((*number, all_text(blocks))),
                _ => None,
            })
            .collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes.iter().any(|(n, t)| *n == 1 && t.contains("Ay")), "a is referred to first: {notes:?}");
        assert!(notes.iter().any(|(n, t)| *n == 2 && t.contains("Bee")), "{notes:?}");
    }

    #[test]
    fn footnotes_inside_quotes_and_lists_come_up_to_the_top() {
        let b = parse("> Quoted[^q].\n>\n> [^q]: Inside a quote.\n\n- item");
        assert!(b.iter().any(|b| matches!(b, Block::Footnote { number: 1, .. })), "{b:?}");
    }

    #[test]
    fn hard_breaks_and_empty_input() {
        assert!(parse("").is_empty());
        let b = parse("line one  \nline two");
        let p = para(&b);
        assert!(p[0].line_break, "{p:?}");
        assert_eq!(p[1].text, "line two");
    }
}
