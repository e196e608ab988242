//! The document as a PDF set like a published paper: A4, a title block, wrapped text
//! measured from the font's own metrics, headings kept with what follows, lists, quotes,
//! tables whose header row repeats on each page, clickable links, bookmarks per section,
//! and a footer with the title and "Page N of M". The font (DejaVu Sans) is the system's
//! (Debian's fonts-dejavu packages) and is subset when saved, so the text extracts
//! exactly. The PDF is tagged (PDF/UA-1): each piece of text drawn is hung on its element of the structure
//! tree, and everything else is marked as an artifact (see `pdf_structure`).

use std::collections::HashMap;

use printpdf::{
    Actions, AzulParsedFont, BorderArray, Color, ColorArray, DateTime, Destination, FontId, Line, LinePoint, LinkAnnotation, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use super::document::{Block, Document, Span};
use super::pdf_structure::{self, Artifact, Mark, Role, Tree};
use crate::Error;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 62.0;
const TOP: f32 = 64.0;
const BOTTOM: f32 = 70.0;
const BODY: f32 = 10.5;
const LEADING: f32 = 1.45;
/// A footnote number's size against its line's, and how far it is raised.
const SUPERSCRIPT: f32 = 0.62;
const RAISE: f32 = 0.38;

fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::Rgb(Rgb::new(f32::from(r) / 255.0, f32::from(g) / 255.0, f32::from(b) / 255.0, None))
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    fn bold(self) -> Face {
        match self {
            Face::Italic | Face::BoldItalic => Face::BoldItalic,
            _ => Face::Bold,
        }
    }
    fn italic(self) -> Face {
        match self {
            Face::Bold | Face::BoldItalic => Face::BoldItalic,
            _ => Face::Italic,
        }
    }
}

struct Font {
    parsed: &'static ParsedFont,
    id: FontId,
    widths: HashMap<char, f32>,
}

/// How a character is drawn.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shown {
    Itself,
    /// The font has no glyph for it (an emoji): a stand-in is drawn, and the character
    /// itself is the stand-in's `ActualText`, so nothing refers to the `.notdef` glyph
    /// (PDF/UA-1, 7.21.8) and readers still get the character.
    StandIn,
    /// A control character: nothing to see or to read.
    Nothing,
}

impl Font {
    fn glyph(&self, c: char) -> Option<u16> {
        self.parsed.lookup_glyph_index(c as u32).filter(|g| *g != 0)
    }

    fn shown(&self, c: char) -> Shown {
        if c.is_control() {
            Shown::Nothing
        } else if self.glyph(c).is_some() {
            Shown::Itself
        } else {
            Shown::StandIn
        }
    }

    /// What is drawn for a character the font lacks: the replacement character, or a
    /// question mark in a font without one.
    fn stand_in(&self) -> char {
        if self.glyph('\u{FFFD}').is_some() {
            '\u{FFFD}'
        } else {
            '?'
        }
    }

    /// Width of `text` at 1 pt, as the viewer will advance it.
    fn width(&mut self, text: &str) -> f32 {
        let upm = f32::from(self.parsed.pdf_font_metrics.units_per_em.max(1));
        let mut w = 0.0;
        for c in text.chars() {
            if let Some(known) = self.widths.get(&c) {
                w += known;
                continue;
            }
            let gid = match self.shown(c) {
                Shown::Itself => self.glyph(c),
                Shown::StandIn => self.glyph(self.stand_in()),
                Shown::Nothing => None,
            };
            let adv = gid.map_or(0.0, |g| (f32::from(self.parsed.get_horizontal_advance(g)) * 1000.0 / upm).trunc() / 1000.0);
            self.widths.insert(c, adv);
            w += adv;
        }
        w
    }

    /// `text` as the pieces to show: what the font can draw, and each run of characters
    /// it cannot, as stand-ins with the characters they stand for.
    fn pieces(&self, text: &str) -> Vec<(String, Option<String>)> {
        let mut out: Vec<(String, Option<String>)> = Vec::new();
        for c in text.chars() {
            match (self.shown(c), out.last_mut()) {
                (Shown::Nothing, _) => {}
                (Shown::Itself, Some((shown, None))) => shown.push(c),
                (Shown::Itself, _) => out.push((c.to_string(), None)),
                (Shown::StandIn, Some((shown, Some(actual)))) => {
                    shown.push(self.stand_in());
                    actual.push(c);
                }
                (Shown::StandIn, _) => out.push((self.stand_in().to_string(), Some(c.to_string()))),
            }
        }
        out
    }
}

/// A piece of a laid-out line: text in one face, maybe a link.
struct Run {
    text: String,
    face: Face,
    href: Option<String>,
    width: f32,
    /// A footnote's number: smaller, above the line, and a link to its note.
    note: Option<u32>,
    /// For a link, which span of its paragraph it is: the lines of one link are one
    /// `Link` element.
    link: Option<usize>,
}

struct Layout {
    fonts: HashMap<Face, Font>,
    pages: Vec<Vec<Op>>,
    /// Distance from the top of the page to where the next thing goes.
    y: f32,
    bookmarks: Vec<(String, usize)>,
    ink: Color,
    /// How many times a table header row was drawn (once per table, plus repeats).
    headers_drawn: usize,
    /// The least room left under a heading that has text after it.
    min_room_after_heading: f32,
    /// Footnote numbers drawn: (page index, where, note number, its `Link` element),
    /// linked once the notes are set.
    note_refs: Vec<(usize, Rect, u32, usize)>,
    /// Where each note starts: (page index, distance from the top).
    note_targets: HashMap<u32, (usize, f32)>,
    /// True while the notes' list is set, so its items are recorded as link targets.
    setting_notes: bool,
    note_links: usize,
    /// The structure tree the text is hung on.
    tree: Tree,
    /// Set while drawing what a reader should skip (a header row repeated on a later page).
    artifact: Option<Artifact>,
    /// The last heading level tagged (the title is H1).
    heading_level: u8,
    /// The marked-content sequence open on the page being drawn: text of the same element
    /// drawn in a row (the lines of a paragraph) shares one sequence and one MCID.
    open_mark: Option<(usize, Mark)>,
}

impl Layout {
    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// The index of the page being drawn.
    fn page(&mut self) -> usize {
        self.ops();
        self.pages.len() - 1
    }

    /// Where content drawn now belongs: the current element, or the artifact being drawn.
    fn mark(&self) -> Mark {
        match self.artifact {
            Some(a) => Mark::Artifact(a),
            None => Mark::Content(self.tree.current()),
        }
    }

    /// The tagged level of a heading: never more than one below the one before, so that
    /// a reader's list of headings has no gaps (PDF/UA-1, 7.4.2); the title is the only H1.
    fn heading_tag(&mut self, level: u8) -> u8 {
        let tag = level.max(2).min(self.heading_level + 1);
        self.heading_level = tag;
        tag
    }

    /// Continues the marked-content sequence of `mark` on this page, or ends the one open
    /// and begins one.
    fn begin_mark(&mut self, mark: Mark) {
        let page = self.page();
        if self.open_mark == Some((page, mark)) {
            return;
        }
        self.end_mark();
        let begin = self.tree.begin(page, mark);
        self.ops().push(begin);
        self.open_mark = Some((page, mark));
    }

    /// Ends the open marked-content sequence, on the page it began on.
    fn end_mark(&mut self) {
        if let Some((page, _)) = self.open_mark.take() {
            if let Some(ops) = self.pages.get_mut(page) {
                ops.push(Op::EndMarkedContent);
            }
        }
    }

    fn new_page(&mut self) {
        self.end_mark();
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    fn room(&self) -> f32 {
        PAGE_H - BOTTOM - self.y
    }

    /// Starts a new page unless `height` still fits on this one.
    fn need(&mut self, height: f32) {
        if height > self.room() && self.y > TOP + 1.0 {
            self.new_page();
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn text(&mut self, face: Face, size: f32, x: f32, baseline_from_top: f32, text: &str, color: Color, mark: Mark) {
        let Some(font) = self.fonts.get(&face) else { return };
        let id = font.id.clone();
        let pieces = font.pieces(text);
        let y = PAGE_H - baseline_from_top;
        if let Mark::Content(element) = mark {
            self.tree.add_text(element, text);
        }
        let mut at = x;
        for (shown, actual) in pieces {
            // A stand-in is a `Span` of its own whose actual text is the characters it
            // stands for; in an artifact, a marked `Span` with that actual text.
            let piece = match (&actual, mark) {
                (Some(actual), Mark::Content(element)) => {
                    let span = self.tree.child(element, Role::Span);
                    self.tree.set_actual_text(span, actual);
                    Mark::Content(span)
                }
                _ => mark,
            };
            self.begin_mark(piece);
            let nested = if let (Some(actual), Mark::Artifact(_)) = (&actual, mark) { Some(pdf_structure::actual_text(actual)) } else { None };
            let close = nested.is_some();
            let width = self.fonts.get_mut(&face).map_or(0.0, |f| f.width(&shown)) * size;
            let ops = self.ops();
            ops.extend(nested);
            ops.extend([
                Op::StartTextSection,
                Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(size) },
                Op::SetFillColor { col: color.clone() },
                Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(at), Pt(y)) },
                Op::ShowText { items: vec![TextItem::Text(shown)] },
                Op::EndTextSection,
            ]);
            if close {
                ops.push(Op::EndMarkedContent);
            }
            at += width;
        }
    }

    /// A rule is never content: decoration, or part of the footer.
    fn rule(&mut self, x1: f32, x2: f32, y_from_top: f32, thickness: f32, color: Color, kind: Artifact) {
        let y = PAGE_H - y_from_top;
        let p = |x: f32| LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false };
        self.begin_mark(Mark::Artifact(kind));
        self.ops().extend([
            Op::SetOutlineColor { col: color },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine { line: Line { points: vec![p(x1), p(x2)], is_closed: false } },
        ]);
    }

    /// A filled bar (the band, a quote's bar): decoration.
    fn bar(&mut self, x: f32, y_from_top: f32, w: f32, h: f32, color: Color) {
        let rect = Rect { mode: Some(PaintMode::Fill), ..Rect::from_xywh(Pt(x), Pt(PAGE_H - y_from_top - h), Pt(w), Pt(h)) };
        self.begin_mark(Mark::Artifact(Artifact::Layout));
        self.ops().extend([Op::SaveGraphicsState, Op::SetFillColor { col: color }, Op::DrawRectangle { rectangle: rect }, Op::RestoreGraphicsState]);
    }

    /// Breaks runs of text into lines no wider than `width`.
    fn wrap(&mut self, spans: &[Span], base: Face, size: f32, width: f32) -> Vec<Vec<Run>> {
        let mut lines: Vec<Vec<Run>> = vec![Vec::new()];
        let mut line_w = 0.0;
        // Spans in a row with one address are one link (`[**bold** words](…)` is two
        // spans): a link is known by the index of its first span.
        let mut link: Option<usize> = None;
        for (index, span) in spans.iter().enumerate() {
            let continues = index > 0 && span.href.is_some() && spans[index - 1].href == span.href;
            link = match (&span.href, continues) {
                (None, _) => None,
                (Some(_), true) => link,
                (Some(_), false) => Some(index),
            };
            let mut face = base;
            if span.bold {
                face = face.bold();
            }
            if span.italic {
                face = face.italic();
            }
            let font = self.fonts.get_mut(&face).expect("all faces loaded");
            if span.footnote.is_some() {
                let w = font.width(&span.text) * size * SUPERSCRIPT;
                lines.last_mut().expect("a line").push(Run { text: span.text.clone(), face, href: None, width: w, note: span.footnote, link: None });
                line_w += w;
                continue;
            }
            // Words keep their trailing space so that copied text keeps its spaces.
            let mut words: Vec<String> = Vec::new();
            for piece in span.text.split_inclusive(' ') {
                words.push(piece.replace(['\n', '\t'], " "));
            }
            for word in words {
                let mut w = font.width(&word) * size;
                let visible = font.width(word.trim_end()) * size;
                if line_w + visible > width && line_w > 0.0 {
                    lines.push(Vec::new());
                    line_w = 0.0;
                }
                let mut word = word;
                // A word longer than the line is broken by characters.
                while font.width(word.trim_end()) * size > width {
                    let mut cut = String::new();
                    for c in word.chars() {
                        if font.width(&format!("{cut}{c}")) * size > width && !cut.is_empty() {
                            break;
                        }
                        cut.push(c);
                    }
                    let cw = font.width(&cut) * size;
                    push_run(lines.last_mut().expect("a line"), cut.clone(), face, span.href.clone(), cw, link);
                    lines.push(Vec::new());
                    line_w = 0.0;
                    word = word[cut.len()..].to_string();
                    w = font.width(&word) * size;
                }
                push_run(lines.last_mut().expect("a line"), word, face, span.href.clone(), w, link);
                line_w += w;
            }
            if span.line_break {
                lines.push(Vec::new());
                line_w = 0.0;
            }
        }
        if lines.len() > 1 && lines.last().is_some_and(Vec::is_empty) {
            lines.pop();
        }
        lines
    }

    /// Draws wrapped lines from the current position; returns nothing, moves `y` on.
    fn draw_lines(&mut self, lines: Vec<Vec<Run>>, size: f32, x: f32, color: &Color) {
        let lh = size * LEADING;
        let base = self.mark();
        // The `Link` element of each linked span, made when its first words are drawn.
        let mut links: Vec<(usize, usize)> = Vec::new();
        for line in lines {
            self.need(lh);
            let baseline = self.y + size;
            let mut at = x;
            for run in line {
                let shown = run.text.trim_end_matches(' ');
                if !shown.is_empty() {
                    let link_color = rgb(0x1d, 0x70, 0xb8);
                    let col = if run.href.is_some() { link_color.clone() } else { color.clone() };
                    if let Some(number) = run.note {
                        // A footnote's number is a reference, and a link to its note.
                        let mark = match base {
                            Mark::Content(element) => {
                                let reference = self.tree.child(element, Role::Reference);
                                let link = self.tree.child(reference, Role::Link);
                                self.tree.set_target(link, &format!("Note {number}"));
                                Mark::Content(link)
                            }
                            artifact => artifact,
                        };
                        self.text(run.face, size * SUPERSCRIPT, at, baseline - size * RAISE, &run.text, col, mark);
                        let rect = Rect::from_xywh(Pt(at - 1.0), Pt(PAGE_H - baseline), Pt(run.width + 2.0), Pt(size));
                        if let Mark::Content(link) = mark {
                            let page = self.page();
                            self.note_refs.push((page, rect, number, link));
                        }
                        at += run.width;
                        continue;
                    }
                    let mark = match (base, &run.href, run.link) {
                        (Mark::Content(element), Some(href), Some(span)) => {
                            let link = match links.iter().find(|(s, _)| *s == span) {
                                Some((_, link)) => *link,
                                None => {
                                    let link = self.tree.child(element, Role::Link);
                                    self.tree.set_target(link, href);
                                    links.push((span, link));
                                    link
                                }
                            };
                            Mark::Content(link)
                        }
                        (mark, _, _) => mark,
                    };
                    self.text(run.face, size, at, baseline, &run.text, col, mark);
                    if let Some(href) = &run.href {
                        let w = self.fonts.get_mut(&run.face).expect("face").width(shown) * size;
                        self.rule(at, at + w, baseline + 1.5, 0.6, link_color, Artifact::Layout);
                        // A header row repeated as an artifact gets no second link: every
                        // link must be in the structure tree.
                        let Mark::Content(link) = mark else {
                            at += run.width;
                            continue;
                        };
                        let rect = Rect::from_xywh(Pt(at), Pt(PAGE_H - baseline - size * 0.25), Pt(w), Pt(size * 1.2));
                        let page = self.page();
                        self.tree.annotate(page, link);
                        self.ops().push(Op::LinkAnnotation {
                            link: LinkAnnotation::new(
                                rect,
                                Actions::uri(href.clone()),
                                Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                                Some(ColorArray::Transparent),
                                None,
                            ),
                        });
                    }
                }
                at += run.width;
            }
            self.y += lh;
        }
    }

    fn paragraph(&mut self, spans: &[Span], face: Face, size: f32, x: f32, width: f32, color: Color) {
        let lines = self.wrap(spans, face, size, width);
        self.draw_lines(lines, size, x, &color);
    }

    fn block(&mut self, b: &Block, x: f32, width: f32, next: Option<&Block>) {
        let ink = self.ink.clone();
        match b {
            Block::Heading { level, content } => {
                let size = match level {
                    1 => 18.0,
                    2 => 15.0,
                    _ => 12.0,
                };
                let lines = self.wrap(content, Face::Bold, size, width);
                // Keep the heading with (at least three lines of) what follows.
                let following = if next.is_some() { BODY * LEADING * 3.0 } else { 0.0 };
                self.y += size * 0.9;
                self.need(lines.len() as f32 * size * LEADING + size * 0.2 + following);
                if *level <= 2 {
                    // A footnote's number is not part of the section's name.
                    let title: String = content.iter().filter(|s| s.footnote.is_none()).map(|s| s.text.as_str()).collect();
                    let page = self.pages.len().max(1);
                    self.bookmarks.push((title, page));
                }
                let tag = self.heading_tag(*level);
                let h = self.tree.open(Role::H(tag));
                self.draw_lines(lines, size, x, &rgb(0x0b, 0x0c, 0x0c));
                self.tree.close(h);
                self.y += size * 0.2;
                if next.is_some() {
                    self.min_room_after_heading = self.min_room_after_heading.min(self.room());
                }
            }
            Block::Paragraph { content } => {
                let p = self.tree.open(Role::P);
                self.paragraph(content, Face::Regular, BODY, x, width, ink);
                self.tree.close(p);
                self.y += BODY * 0.6;
            }
            Block::List { ordered, start, items } => {
                // Only the notes' own list marks where notes start, not a list inside a note.
                let marking_notes = std::mem::replace(&mut self.setting_notes, false);
                let list = self.tree.open(Role::L);
                self.tree.numbering(list, *ordered);
                for (i, item) in items.iter().enumerate() {
                    let marker = if *ordered { format!("{}.", *start as usize + i) } else { "\u{2022}".to_string() };
                    self.need(BODY * LEADING);
                    let number = start.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                    if marking_notes {
                        self.note_targets.insert(number, (self.pages.len().max(1) - 1, self.y));
                    }
                    let li = self.tree.open(Role::LI);
                    let label = self.tree.open(Role::Lbl);
                    let marker_y = self.y + BODY;
                    let mark = self.mark();
                    self.text(Face::Regular, BODY, x + 2.0, marker_y, &marker, ink.clone(), mark);
                    self.tree.close(label);
                    let body = self.tree.open(Role::LBody);
                    // In the notes' list, each item's body is the note a reference points at.
                    if marking_notes {
                        let note = self.tree.open(Role::Note);
                        self.tree.set_id(note, format!("note-{number}"));
                    }
                    let indent = 18.0;
                    for (j, inner) in item.iter().enumerate() {
                        self.block(inner, x + indent, width - indent, item.get(j + 1));
                    }
                    self.tree.close(body);
                    self.tree.close(li);
                    self.y -= BODY * 0.35;
                }
                self.tree.close(list);
                self.setting_notes = marking_notes;
                self.y += BODY * 0.6;
            }
            Block::Quote { blocks } => {
                let top = self.y;
                let page = self.pages.len();
                let quote = self.tree.open(Role::BlockQuote);
                for (j, inner) in blocks.iter().enumerate() {
                    match inner {
                        Block::Paragraph { content } => {
                            let italic: Vec<Span> = content.iter().map(|s| Span { italic: true, ..s.clone() }).collect();
                            let p = self.tree.open(Role::P);
                            self.paragraph(&italic, Face::Regular, BODY, x + 16.0, width - 16.0, rgb(0x50, 0x5a, 0x5f));
                            self.tree.close(p);
                            self.y += BODY * 0.4;
                        }
                        other => self.block(other, x + 16.0, width - 16.0, blocks.get(j + 1)),
                    }
                }
                self.tree.close(quote);
                let bar_top = if self.pages.len() == page { top } else { TOP };
                let h = (self.y - bar_top - BODY * 0.4).max(BODY);
                self.bar(x, bar_top, 4.0, h, rgb(0xa3, 0x19, 0x5b));
                self.y += BODY * 0.6;
            }
            Block::Code { text } => {
                let p = self.tree.open(Role::P);
                let code = self.tree.open(Role::Code);
                for line in text.lines() {
                    self.paragraph(&[Span::plain(line)], Face::Regular, BODY * 0.9, x + 10.0, width - 10.0, rgb(0x38, 0x38, 0x38));
                }
                self.tree.close(code);
                self.tree.close(p);
                self.y += BODY * 0.6;
            }
            Block::Rule => {
                self.need(BODY);
                self.rule(x, x + width, self.y + BODY * 0.5, 0.8, rgb(0xb1, 0xb4, 0xb6), Artifact::Layout);
                self.y += BODY * 1.2;
            }
            Block::Table { header, rows } => self.table(header, rows, x, width),
            // Set after the last section (see `notes`), not where they were written.
            Block::Footnote { .. } => {}
        }
    }

    /// The footnotes, in number order, under a "Notes" heading at the end.
    fn notes(&mut self, blocks: &[Block], x: f32, width: f32) {
        let notes = super::document::footnotes(blocks);
        if notes.is_empty() {
            return;
        }
        // One list while the numbers run on (the usual case), a new one after a gap.
        let mut list: Vec<Block> = Vec::new();
        for (n, b) in notes {
            match list.last_mut() {
                Some(Block::List { start, items, .. }) if *start as usize + items.len() == n as usize => items.push(b.to_vec()),
                _ => list.push(Block::List { ordered: true, start: n, items: vec![b.to_vec()] }),
            }
        }
        self.block(&Block::Heading { level: 2, content: vec![Span::plain("Notes")] }, x, width, list.first());
        self.setting_notes = true;
        for (i, b) in list.iter().enumerate() {
            self.block(b, x, width, list.get(i + 1));
        }
        self.setting_notes = false;
        // Each number in the text jumps to its note.
        for (page, rect, number, element) in std::mem::take(&mut self.note_refs) {
            let target = self.note_targets.get(&number).copied();
            let (Some((to_page, y)), Some(ops)) = (target, self.pages.get_mut(page)) else {
                // A number with no note is not a link.
                self.tree.set_role(element, Role::Span);
                continue;
            };
            let to = Destination::Xyz { page: to_page + 1, left: None, top: Some(PAGE_H - y + BODY), zoom: None };
            let link = LinkAnnotation::new(rect, Actions::go_to(to), Some(BorderArray::Solid([0.0, 0.0, 0.0])), Some(ColorArray::Transparent), None);
            ops.push(Op::LinkAnnotation { link });
            self.tree.annotate(page, element);
            self.note_links += 1;
        }
    }

    fn table(&mut self, header: &[Vec<Span>], rows: &[Vec<Vec<Span>>], x: f32, width: f32) {
        let cols = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0)).max(1);
        let size = BODY * 0.95;
        let pad = 5.0;
        // Each column gets at least its longest word (so dates and names never break),
        // then the rest of the width is shared by how much more text each column holds.
        let mut natural = vec![0.0f32; cols];
        let mut minimum = vec![2.0 * pad; cols];
        for row in std::iter::once(header.to_vec()).chain(rows.iter().cloned()) {
            for (i, cell) in row.iter().enumerate().take(cols) {
                let text: String = cell.iter().map(|s| s.text.as_str()).collect();
                let font = self.fonts.get_mut(&Face::Bold).expect("face");
                natural[i] = natural[i].max(font.width(&text) * size + 2.0 * pad);
                for word in text.split_whitespace() {
                    minimum[i] = minimum[i].max((font.width(word) * size + 2.0 * pad).min(width / cols as f32));
                }
            }
        }
        // Short columns (times, dates, statuses) get their whole text on one line; the
        // long ones share what is left, in proportion to their text.
        let short: Vec<bool> = natural.iter().map(|n| *n <= width * 0.22).collect();
        let mut fixed: f32 = natural.iter().zip(&short).filter(|(_, s)| **s).map(|(n, _)| *n).sum();
        let all_short = short.iter().all(|s| *s);
        if fixed > width * 0.7 || all_short {
            fixed = 0.0;
        }
        let flexible_natural: f32 = natural.iter().zip(&short).filter(|(_, s)| fixed == 0.0 || !**s).map(|(n, _)| *n).sum();
        let mut widths: Vec<f32> = natural
            .iter()
            .zip(&short)
            .zip(&minimum)
            .map(|((n, s), m)| if fixed > 0.0 && *s { *n } else { ((width - fixed) * n / flexible_natural.max(1.0)).max(*m) })
            .collect();
        // Whatever the rounding, the table is exactly as wide as the text.
        let sum: f32 = widths.iter().sum();
        for w in &mut widths {
            *w *= width / sum.max(1.0);
        }
        let lh = size * LEADING;

        let layout_row = |me: &mut Layout, row: &[Vec<Span>], face: Face| -> (Vec<Vec<Vec<Run>>>, f32) {
            let mut cells = Vec::new();
            let mut height: f32 = 0.0;
            for i in 0..cols {
                let empty = Vec::new();
                let cell = row.get(i).unwrap_or(&empty);
                let lines = me.wrap(cell, face, size, widths[i] - 2.0 * pad);
                height = height.max(lines.len() as f32 * lh);
                cells.push(lines);
            }
            (cells, height + 2.0 * pad)
        };
        // A row is a `TR` of `TH` or `TD` cells, unless it is drawn as an artifact.
        let draw_row = |me: &mut Layout, cells: Vec<Vec<Vec<Run>>>, height: f32, bold_rule: bool| {
            let top = me.y;
            let mut at = x;
            let tagged = me.artifact.is_none();
            let row = tagged.then(|| me.tree.open(Role::TR));
            for (i, lines) in cells.into_iter().enumerate() {
                me.y = top + pad;
                let ink = me.ink.clone();
                let cell = tagged.then(|| me.tree.open(if bold_rule { Role::TH } else { Role::TD }));
                if let (Some(th), true) = (cell, bold_rule) {
                    me.tree.scope_column(th);
                }
                me.draw_lines(lines, size, at + pad, &ink);
                if let Some(cell) = cell {
                    me.tree.close(cell);
                }
                at += widths[i];
            }
            if let Some(row) = row {
                me.tree.close(row);
            }
            me.y = top + height;
            me.rule(x, x + width, me.y, if bold_rule { 1.2 } else { 0.5 }, if bold_rule { rgb(0x0b, 0x0c, 0x0c) } else { rgb(0xb1, 0xb4, 0xb6) }, Artifact::Layout);
        };

        let head_h = layout_row(self, header, Face::Bold).1;
        let first_row_h = rows.first().map(|r| layout_row(self, r, Face::Regular).1).unwrap_or(0.0);
        // Never a header alone at the foot of a page.
        self.need(head_h + first_row_h);
        let draw_header = |me: &mut Layout| {
            let (cells, h) = layout_row(me, header, Face::Bold);
            draw_row(me, cells, h, true);
            me.headers_drawn += 1;
        };
        let table = self.tree.open(Role::Table);
        draw_header(self);
        for row in rows {
            let (cells, h) = layout_row(self, row, Face::Regular);
            if h > self.room() {
                self.new_page();
                // The header row repeats at the top of a continuation page, for the eye
                // only: a reader has heard it once.
                self.artifact = Some(Artifact::Pagination);
                draw_header(self);
                self.artifact = None;
            }
            draw_row(self, cells, h, false);
        }
        self.tree.close(table);
        self.y += BODY;
    }
}

fn push_run(line: &mut Vec<Run>, text: String, face: Face, href: Option<String>, width: f32, link: Option<usize>) {
    match line.last_mut() {
        Some(last) if last.face == face && last.href == href && last.link == link && last.note.is_none() => {
            last.text.push_str(&text);
            last.width += width;
        }
        _ => line.push(Run { text, face, href, width, note: None, link }),
    }
}

/// A time in UTC as printpdf takes it (it writes every date as UTC).
fn pdf_date(t: chrono::DateTime<chrono::Utc>) -> DateTime {
    use chrono::{Datelike, Timelike};
    DateTime {
        date: printpdf::Date { year: t.year(), month: t.month() as u8, day: t.day() as u8 },
        time: printpdf::Time { hour: t.hour() as u8, minute: t.minute() as u8, second: t.second() as u8, millisecond: 0 },
        offset: printpdf::Offset { hours: 0, minutes: 0, seconds: 0, milliseconds: 0 },
    }
}

/// What rendering produced, for tests and benchmarks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    pub pages: usize,
    pub table_headers: usize,
    pub bookmarks: usize,
    /// The least room (pt) left under any heading followed by text.
    pub min_room_after_heading: f32,
    /// Footnote numbers that link to their notes.
    pub note_links: usize,
}

/// Where Debian's fonts-dejavu-core and fonts-dejavu-extra put DejaVu Sans (the .deb
/// depends on both; the scripts install them).
pub const FONT_DIR: &str = "/usr/share/fonts/truetype/dejavu";
/// The four faces, in the order of `Face`.
const FACE_FILES: [&str; 4] = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"];

/// The four faces of DejaVu Sans, read once for the life of the program: parsing them
/// took 3 to 5 ms, a third of a typical readout's render; each later render only
/// copies them (14 µs). They are the system's own files, mapped rather than read (a
/// render touches only the tables and glyphs it uses), not compiled in: the two
/// binaries would carry 2.7 MB of fonts each. A failure is not kept: once the chair
/// has installed the fonts, the next PDF finds them.
fn faces() -> Result<&'static [ParsedFont], Error> {
    static FACES: std::sync::OnceLock<Vec<ParsedFont>> = std::sync::OnceLock::new();
    if let Some(faces) = FACES.get() {
        return Ok(faces);
    }
    let loaded = load_faces(std::path::Path::new(FONT_DIR)).map_err(Error::Fonts)?;
    // Two first renders at once may both load them; the first to finish is kept.
    Ok(FACES.get_or_init(|| loaded))
}

/// The four faces from `dir`, parsed on two threads (the command line renders one
/// readout per process, and waits for this).
fn load_faces(dir: &std::path::Path) -> Result<Vec<ParsedFont>, String> {
    let parse = |name: &str| -> Result<ParsedFont, String> {
        let path = dir.join(name);
        let problem = |what: String| {
            format!(
                "The PDF cannot be made: its font {} {what}. Install the fonts with `sudo apt install fonts-dejavu-core fonts-dejavu-extra` (the Forum Desk package brings them).",
                path.display()
            )
        };
        let file = std::fs::File::open(&path).map_err(|e| problem(format!("cannot be read ({e})")))?;
        // Safety: a mapped file changed or cut short under us would change the bytes
        // we read (or end the program). The fonts are the system's, replaced only by
        // the package manager, which writes a new file rather than changing the old
        // one in place.
        let map = unsafe { mmapio::Mmap::map(&file) }.map_err(|e| problem(format!("cannot be read ({e})")))?;
        // Shared bytes: printpdf's own `from_bytes` copies a font twice and reads every
        // glyph at once (3.8 ms and 9 MB for the four faces); this way glyphs are read
        // when a subset needs them.
        let shared = std::sync::Arc::new(rust_fontconfig::FontBytes::Mmapped(map));
        AzulParsedFont::from_bytes_shared(shared, 0, &mut Vec::new()).map(ParsedFont::from_azul).ok_or_else(|| problem("is not a font Forum Desk can read".into()))
    };
    let (first, second) = std::thread::scope(|s| {
        let other = s.spawn(|| [parse(FACE_FILES[2]), parse(FACE_FILES[3])]);
        let here = [parse(FACE_FILES[0]), parse(FACE_FILES[1])];
        (here, other.join())
    });
    let second = second.map_err(|_| "The PDF cannot be made: reading its fonts failed.".to_string())?;
    first.into_iter().chain(second).collect()
}

/// Renders the document to PDF bytes; an error only if the fonts are missing.
pub fn render(doc: &Document) -> Result<Vec<u8>, Error> {
    Ok(render_with_stats(doc)?.0)
}

pub fn render_with_stats(doc: &Document) -> Result<(Vec<u8>, Stats), Error> {
    let faces = faces()?;
    let mut pdf = PdfDocument::new(&doc.title);
    pdf.metadata.info.author = doc.author.clone();
    pdf.metadata.info.subject = doc.subtitle.clone().unwrap_or_else(|| doc.excerpt.clone());
    pdf.metadata.info.creator = "Forum Desk".into();
    pdf.metadata.info.producer = format!("Forum Desk {}", env!("CARGO_PKG_VERSION"));
    let created = chrono::Utc::now();
    let now = pdf_date(created);
    pdf.metadata.info.creation_date = now.clone();
    pdf.metadata.info.modification_date = now.clone();
    pdf.metadata.info.metadata_date = now;

    let mut fonts = HashMap::new();
    for (n, (face, parsed)) in [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic].into_iter().zip(faces).enumerate() {
        // A fixed name per face: printpdf's add_font names each font at random, which
        // made every render of the same document a different file. The agenda and
        // readout emails attach the very bytes an export writes (in the same second).
        let id = FontId(format!("F{}", n + 1));
        pdf.resources.fonts.map.insert(id.clone(), printpdf::PdfFont::new(parsed.clone()));
        fonts.insert(face, Font { parsed, id, widths: HashMap::new() });
    }
    let mut l = Layout {
        fonts,
        pages: vec![Vec::new()],
        y: TOP,
        bookmarks: Vec::new(),
        ink: rgb(0x0b, 0x0c, 0x0c),
        headers_drawn: 0,
        min_room_after_heading: f32::MAX,
        note_refs: Vec::new(),
        note_targets: HashMap::new(),
        setting_notes: false,
        note_links: 0,
        tree: Tree::new(),
        artifact: None,
        heading_level: 1,
        open_mark: None,
    };
    let width = PAGE_W - 2.0 * MARGIN_X;

    // Title block: a magenta band, the title (the document's one H1) and the subtitle.
    l.bar(0.0, 0.0, PAGE_W, 14.0, rgb(0xa3, 0x19, 0x5b));
    l.y = TOP - 8.0;
    let title = [Span::plain(&doc.title)];
    let h1 = l.tree.open(Role::H(1));
    l.paragraph(&title, Face::Bold, 21.0, MARGIN_X, width, rgb(0x0b, 0x0c, 0x0c));
    l.tree.close(h1);
    if let Some(sub) = &doc.subtitle {
        l.y += 2.0;
        let p = l.tree.open(Role::P);
        l.paragraph(&[Span::plain(sub)], Face::Regular, 12.0, MARGIN_X, width, rgb(0x50, 0x5a, 0x5f));
        l.tree.close(p);
    }
    l.y += 6.0;
    l.rule(MARGIN_X, PAGE_W - MARGIN_X, l.y, 1.0, rgb(0xa3, 0x19, 0x5b), Artifact::Layout);
    l.y += 14.0;

    for (i, b) in doc.blocks.iter().enumerate() {
        l.block(b, MARGIN_X, width, doc.blocks.get(i + 1));
    }
    l.notes(&doc.blocks, MARGIN_X, width);
    l.end_mark();

    // Footer on every page: the title and "Page N of M", an artifact. (The page being
    // drawn is moved to the end meanwhile, so its sequence is ended before it goes back.)
    let total = l.pages.len();
    for n in 0..total {
        let label = format!("Page {} of {}", n + 1, total);
        let label_w = l.fonts.get_mut(&Face::Regular).expect("face").width(&label) * 8.5;
        let footer_title: String = doc.title.chars().take(90).collect();
        let ops = std::mem::take(&mut l.pages[n]);
        l.pages.push(ops);
        let grey = rgb(0x50, 0x5a, 0x5f);
        let footer = Mark::Artifact(Artifact::Footer);
        l.rule(MARGIN_X, PAGE_W - MARGIN_X, PAGE_H - 48.0, 0.5, rgb(0xb1, 0xb4, 0xb6), Artifact::Footer);
        l.text(Face::Regular, 8.5, MARGIN_X, PAGE_H - 36.0, &footer_title, grey.clone(), footer);
        l.text(Face::Regular, 8.5, PAGE_W - MARGIN_X - label_w, PAGE_H - 36.0, &label, grey, footer);
        l.end_mark();
        let ops = l.pages.pop().unwrap_or_default();
        l.pages[n] = ops;
    }

    let pages: Vec<PdfPage> = l.pages.into_iter().map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops)).collect();
    pdf.with_pages(pages);
    for (name, page) in &l.bookmarks {
        if *page >= 1 && *page <= total {
            pdf.add_bookmark(name, *page);
        }
    }
    let stats = Stats { pages: total, table_headers: l.headers_drawn, bookmarks: l.bookmarks.len(), min_room_after_heading: l.min_room_after_heading, note_links: l.note_links };
    let options = PdfSaveOptions::default();
    let mut warnings = Vec::new();
    // printpdf builds the lopdf document; the structure tree and the catalog entries of
    // a tagged PDF go into it before it is compressed and written, as printpdf's own
    // `save` would.
    let mut file = pdf.to_lopdf_document(&options, &mut warnings);
    let subject = pdf.metadata.info.subject.clone();
    let meta = pdf_structure::Metadata { title: &doc.title, author: &doc.author, subject: &subject, creator: "Forum Desk", producer: &pdf.metadata.info.producer, date: created };
    if pdf_structure::write(&mut file, &l.tree, &meta).is_err() {
        // Only a document without a catalog or pages gets here, which printpdf never
        // makes; the untagged file is still the readout.
        return Ok((fixed_file_id(pdf.save(&options, &mut warnings)), stats));
    }
    if options.optimize {
        deflate_streams(&mut file);
    }
    let mut bytes = Vec::new();
    // Writing to memory does not fail.
    let _ = file.save_to(&mut bytes);
    Ok((fixed_file_id(bytes), stats))
}

/// Deflates every stream that may be and is not yet, as lopdf's `Document::compress`
/// does, but at zlib's default level: lopdf uses the best (level 9), which on the
/// readout's content and font streams cost about a millisecond more than the default
/// for files half a percent smaller.
fn deflate_streams(file: &mut lopdf::Document) {
    use std::io::Write;
    for object in file.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else { continue };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        // Deflating into memory does not fail; a stream that did would stay as it was.
        let Ok(compressed) = encoder.write_all(&stream.content).and_then(|()| encoder.finish()) else { continue };
        // As lopdf: only when it saves more than the filter's own entry costs.
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

/// printpdf writes a random file identifier (the trailer's `/ID`, two strings of 32
/// letters), so the same document never rendered to the same bytes twice. This puts in
/// its place one computed from the rest of the file, as reproducible PDF writers do: the
/// same document made in the same second is the same file, so the agenda and readout
/// emails attach exactly what an export writes. Same length, after the cross-reference
/// table, so no offset moves.
fn fixed_file_id(mut bytes: Vec<u8>) -> Vec<u8> {
    use std::hash::{Hash, Hasher};
    const START: &[u8] = b"/ID[(";
    let Some(at) = bytes.windows(START.len()).rposition(|w| w == START) else { return bytes };
    let first = at + START.len();
    let second = first + 32 + 2;
    let shape = bytes.get(first + 32..second) == Some(b")(".as_slice()) && bytes.get(second + 32..second + 34) == Some(b")]".as_slice());
    if !shape {
        return bytes;
    }
    let mut hex = String::new();
    for seed in [0u8, 1] {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        seed.hash(&mut h);
        bytes[..at].hash(&mut h);
        hex.push_str(&format!("{:016X}", h.finish()));
    }
    bytes[first..first + 32].copy_from_slice(hex.as_bytes());
    bytes[second..second + 32].copy_from_slice(hex.as_bytes());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_its_fonts_the_pdf_is_refused_with_how_to_install_them() {
        let empty = tempfile::tempdir().unwrap();
        let message = load_faces(empty.path()).err().expect("no fonts there");
        assert!(message.contains(&empty.path().join("DejaVuSans.ttf").display().to_string()), "{message}");
        assert!(message.contains("sudo apt install fonts-dejavu-core fonts-dejavu-extra"), "{message}");
        std::fs::write(empty.path().join("DejaVuSans.ttf"), b"not a font").unwrap();
        let message = load_faces(empty.path()).err().expect("not a font");
        assert!(message.contains("is not a font"), "{message}");
    }

    fn cell(t: &str) -> Vec<Span> {
        vec![Span::plain(t)]
    }

    #[test]
    fn the_same_document_is_the_same_file() {
        let doc = Document {
            title: "Same".into(),
            subtitle: None,
            excerpt: String::new(),
            date: "2027-01-14".into(),
            author: "Test".into(),
            blocks: crate::publishing::readout::markdown_in::parse("## Pride\n\n**Floats** and *tickets*, [links](https://example.org)."),
        };
        // The creation date is to the second: two renders in the same second are equal.
        for _ in 0..5 {
            let second = chrono::Utc::now().timestamp();
            let (a, b) = (render(&doc).expect("fonts"), render(&doc).expect("fonts"));
            if chrono::Utc::now().timestamp() == second {
                assert!(a == b, "two renders of one document differ");
                let trailer = String::from_utf8_lossy(&a[a.len() - 200..]).into_owned();
                assert!(trailer.contains("/ID[(") && !trailer.contains("/ID[()"), "{trailer}");
                return;
            }
        }
        panic!("five tries all crossed a second");
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page() {
        let rows: Vec<Vec<Vec<Span>>> = (1..=200).map(|i| vec![cell(&format!("Action number {i} with words that wrap across the cell width")), cell("Forum team"), cell("1 Mar 2027"), cell("Open")]).collect();
        let doc = Document {
            title: "Large".into(),
            subtitle: None,
            excerpt: String::new(),
            date: "2027-01-14".into(),
            author: "Test".into(),
            blocks: vec![Block::Heading { level: 2, content: cell("Actions") }, Block::Table { header: vec![cell("Action"), cell("Owner"), cell("Due"), cell("Status")], rows }],
        };
        let (bytes, stats) = render_with_stats(&doc).expect("fonts");
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(stats.pages >= 5, "{stats:?}");
        assert_eq!(stats.table_headers, stats.pages, "the header row opens every page of the table: {stats:?}");
        assert_eq!(stats.bookmarks, 1);
    }

    #[test]
    fn footnotes_are_set_after_the_last_section_under_notes() {
        let blocks = crate::publishing::readout::markdown_in::parse("## Pride\n\nFloats[^a] and tickets[^b].\n\n[^b]: Sold out.\n\n[^a]: Three.");
        let doc = Document { title: "T".into(), subtitle: None, excerpt: String::new(), date: "2027-01-14".into(), author: "A".into(), blocks };
        let (bytes, stats) = render_with_stats(&doc).expect("fonts");
        assert!(bytes.starts_with(b"%PDF-"));
        assert_eq!(stats.bookmarks, 2, "Pride, then Notes: {stats:?}");
        assert_eq!(stats.note_links, 2, "each number links to its note: {stats:?}");
        let with_list = crate::publishing::readout::markdown_in::parse("One[^a] two[^b] three[^c].\n\n[^a]: First, with a list:\n\n    - x\n    - y\n    - z\n\n[^b]: Second.\n\n[^c]: Third, with a list:\n\n    - p\n    - q");
        let (bytes, stats) = render_with_stats(&Document { blocks: with_list, ..doc.clone() }).expect("fonts");
        assert_eq!(stats.note_links, 3);
        // The links' destinations, in the order the numbers appear in the text: each lower
        // on the page than the one before (the lists inside notes 1 and 3 must not take the
        // places of notes 1 and 2).
        let raw = String::from_utf8_lossy(&bytes);
        let tops: Vec<f32> = raw.split("/XYZ null ").skip(1).filter_map(|t| t.split(' ').next()?.parse().ok()).collect();
        assert_eq!(tops.len(), 3, "{raw}");
        assert!(tops[0] > tops[1] && tops[1] > tops[2], "{tops:?}");
        assert!(tops[0] - tops[1] > 3.0 * BODY * LEADING, "note 2 starts after note 1's three list items: {tops:?}");
        let without = Document { blocks: crate::publishing::readout::markdown_in::parse("## Pride\n\nFloats."), ..doc };
        assert_eq!(render_with_stats(&without).expect("fonts").1.bookmarks, 1, "no notes, no Notes heading");
    }

    #[test]
    fn a_heading_is_never_left_alone_at_the_foot_of_a_page() {
        // Whatever comes before it, a heading always has room for three lines under it.
        for n in 20..60 {
            let mut blocks: Vec<Block> = (0..n).map(|i| Block::Paragraph { content: cell(&format!("Line {i}")) }).collect();
            blocks.push(Block::Heading { level: 2, content: cell("Kept with its text") });
            blocks.push(Block::Paragraph { content: cell("The text that follows the heading.") });
            let doc = Document { title: "T".into(), subtitle: None, excerpt: String::new(), date: "2027-01-14".into(), author: "A".into(), blocks };
            let (_, stats) = render_with_stats(&doc).expect("fonts");
            assert!(stats.min_room_after_heading >= BODY * LEADING * 3.0 - 0.01, "n = {n}: {stats:?}");
        }
    }
}
