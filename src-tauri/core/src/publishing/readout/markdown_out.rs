//! Document blocks back to Markdown, escaped so that parsing the output gives the same
//! blocks (the website post says exactly what the PDF says).

use super::document::{Block, Span};

/// Characters that would otherwise start Markdown syntax inside a run of text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would make the start of a line a heading, list, quote or rule.
fn escape_line_start(line: String) -> String {
    let t = line.trim_start();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(t[digits..].chars().next(), Some('.' | ')'));
    if numbered {
        let (n, rest) = t.split_at(digits);
        return format!("{n}\\{rest}");
    }
    match t.chars().next() {
        Some('#' | '-' | '+' | '=' | '>') => format!("\\{t}"),
        _ => line,
    }
}

fn styled(s: &Span) -> String {
    if let Some(n) = s.footnote {
        return format!("[^{n}]");
    }
    if s.text.is_empty() {
        return String::new();
    }
    let mut body = if s.code {
        let longest = s.text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let pad = if s.text.starts_with('`') || s.text.ends_with('`') { " " } else { "" };
        format!("{fence}{pad}{}{pad}{fence}", s.text)
    } else {
        escape(&s.text)
    };
    // Emphasis may not start or end with a space: keep the spaces outside the markers.
    if (s.bold || s.italic) && !s.code {
        // Measured on what is left after the leading spaces, so that a run of nothing but
        // spaces (italic text between two code spans) is not counted twice.
        let lead = body.len() - body.trim_start().len();
        let (l, rest) = body.split_at(lead);
        let (mid, t) = rest.split_at(rest.trim_end().len());
        let mark = match (s.bold, s.italic) {
            (true, true) => "***",
            (true, false) => "**",
            _ => "*",
        };
        body = if mid.is_empty() { body.clone() } else { format!("{l}{mark}{mid}{mark}{t}") };
    }
    if let Some(href) = &s.href {
        body = format!("[{body}](<{}>)", href.replace('<', "%3C").replace('>', "%3E"));
    }
    if s.line_break {
        body.push_str("\\\n");
    }
    body
}

pub fn spans(list: &[Span]) -> String {
    let out = escape_line_start(list.iter().map(styled).collect());
    // A line opening with a footnote number and a colon would read as the note itself.
    match (list.first().and_then(|s| s.footnote), out.find("]:")) {
        (Some(n), Some(at)) if at + 1 == format!("[^{n}]").len() => format!("{}\\{}", &out[..at + 1], &out[at + 1..]),
        _ => out,
    }
}

fn cell(list: &[Span]) -> String {
    spans(list).replace('\n', " ")
}

fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.lines().map(|l| if l.is_empty() { String::new() } else { format!("{pad}{l}") }).collect::<Vec<_>>().join("\n")
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading { level, content } => format!("{} {}", "#".repeat(usize::from((*level).clamp(1, 6))), cell(content)),
        Block::Paragraph { content } => spans(content),
        Block::List { ordered, start, items } => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let marker = if *ordered { format!("{}. ", *start as usize + i) } else { "- ".to_string() };
                let body = render_blocks(item);
                let body = if body.is_empty() { String::new() } else { indent(&body, marker.len()) };
                format!("{marker}{}", body.trim_start())
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Quote { blocks } => render_blocks(blocks).lines().map(|l| if l.is_empty() { ">".to_string() } else { format!("> {l}") }).collect::<Vec<_>>().join("\n"),
        Block::Code { text } => {
            let longest = text.lines().map(|l| l.chars().take_while(|c| *c == '`').count()).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            format!("{fence}\n{text}\n{fence}")
        }
        Block::Rule => "---".into(),
        Block::Footnote { number, blocks } => {
            // A note's later lines are indented four spaces to stay inside it.
            let body = render_blocks(blocks);
            format!("[^{number}]: {}", indent(&body, 4).trim_start())
        }
        Block::Table { header, rows } => {
            let line = |cells: &[Vec<Span>]| format!("| {} |", cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
            let mut out = vec![line(header), format!("|{}|", vec!["---"; header.len().max(1)].join("|"))];
            out.extend(rows.iter().map(|r| line(r)));
            out.join("\n")
        }
    }
}

/// Blocks as Markdown, separated by blank lines.
pub fn render_blocks(blocks: &[Block]) -> String {
    blocks.iter().map(block).collect::<Vec<_>>().join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publishing::readout::markdown_in::parse;

    fn round_trip(md: &str) {
        let blocks = parse(md);
        let out = render_blocks(&blocks);
        assert_eq!(parse(&out), blocks, "\n--- in ---\n{md}\n--- out ---\n{out}");
    }

    #[test]
    fn notes_survive_a_round_trip() {
        round_trip("The chair **welcomed** leads from *nine* networks and `code`.\n\nSee [the site](https://example.org/a_b).");
        round_trip("## Pride\n\n- one\n- two **bold**\n\n1. first\n2. second\n\n> quoted *text*\n\n| Item | Time |\n|---|---|\n| Welcome | 15:00 |");
        round_trip("Stars * and _underscores_ and [brackets] and <tags> and a | pipe and back\\slash");
        round_trip("- item\n\n  second paragraph\n- next");
        round_trip("```\nlet x = 1;\n```");
        round_trip("line one  \nline two");
        round_trip("Pride[^1] and **the survey**[^2].\n\n[^1]: A note with a [link](https://example.org).\n\n[^2]: First paragraph.\n\n    Second paragraph.\n\n    - and a list");
    }

    #[test]
    fn footnotes_are_written_as_markdown_footnotes() {
        let blocks = parse("Said[^x].\n\n[^x]: Where.");
        assert_eq!(render_blocks(&blocks), "Said[^1].\n\n[^1]: Where.");
        // A reference opening a paragraph, followed by a colon, stays a reference.
        let blocks = parse("[^x]\\: said first.\n\n[^x]: The note.");
        assert_eq!(parse(&render_blocks(&blocks)), blocks, "{}", render_blocks(&blocks));
        assert!(matches!(&blocks[0], Block::Paragraph { content } if content[0].footnote == Some(1)), "{blocks:?}");
        // Text that merely looks like a footnote is escaped, not made into one.
        let text = vec![Block::Paragraph { content: vec![Span::plain("a[^1] b")] }];
        assert_eq!(parse(&render_blocks(&text)), text);
    }

    #[test]
    fn text_that_looks_like_markup_stays_text() {
        for text in ["# not a heading", "- not a list", "1. not a list", "> not a quote", "<script>alert(1)</script>", "**not bold**", "{{ liquid }} {% tag %}"] {
            let blocks = vec![Block::Paragraph { content: vec![Span::plain(text)] }];
            let out = render_blocks(&blocks);
            assert_eq!(parse(&out), blocks, "{text} -> {out}");
        }
    }

    #[test]
    fn emphasis_keeps_spaces_outside() {
        let b = vec![Block::Paragraph { content: vec![Span::plain("a"), Span { text: " bold ".into(), bold: true, ..Default::default() }, Span::plain("b")] }];
        assert_eq!(render_blocks(&b), "a **bold** b");
    }

    /// Found by fuzzing (fuzz/fuzz_targets/markdown_notes.rs): emphasis holding only a
    /// space between two code spans made the space be counted as both leading and
    /// trailing, and rendering the notes panicked with a subtraction overflow.
    #[test]
    fn emphasis_of_only_spaces_renders_as_the_spaces() {
        let blocks = parse("*`*` `e`*\n");
        assert_eq!(render_blocks(&blocks), "`*` `e`");
        for (bold, italic) in [(true, false), (false, true), (true, true)] {
            let b = vec![Block::Paragraph { content: vec![Span::plain("a"), Span { text: "  ".into(), bold, italic, ..Default::default() }, Span::plain("b")] }];
            assert_eq!(render_blocks(&b), "a  b");
        }
    }
}
