//! A readout published on the website (front matter plus Markdown) becomes a past
//! meeting: one agenda item per `##`/`###`/`####` section with its text as notes, times
//! from the agenda table when there is one, and the title, excerpt and opening paragraph
//! kept as the meeting's readout options so that exporting it gives the same post back.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use serde_norway::Value;

use super::ImportError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedReadout {
    pub title: String,
    pub excerpt: String,
    pub author: Option<String>,
    pub date: NaiveDate,
    pub intro: String,
    /// (heading, notes in Markdown)
    pub sections: Vec<(String, String)>,
    /// Start time and per-section minutes from an agenda table, when present.
    pub start: Option<NaiveTime>,
    pub minutes: Vec<Option<u32>>,
}

fn front_matter(file: &str, text: &str) -> Result<(Value, String), ImportError> {
    let syntax = |m: &str| ImportError::Syntax { file: file.into(), format: "website readout", message: m.into() };
    let text = text.replace("\r\n", "\n");
    let rest = text.strip_prefix("---\n").ok_or_else(|| syntax("it does not start with front matter (a line of three dashes)"))?;
    let end = rest.find("\n---\n").or_else(|| rest.find("\n---").filter(|i| rest[i + 4..].trim().is_empty())).ok_or_else(|| syntax("its front matter has no closing line of three dashes"))?;
    super::networks_yaml::check_brackets(&rest[..end]).map_err(|m| syntax(&format!("its front matter {}", m.trim_start_matches("it "))))?;
    let fm: Value = serde_norway::from_str(&rest[..end]).map_err(|e| syntax(&format!("its front matter is not valid YAML: {e}")))?;
    let body = rest.get(end + 5..).unwrap_or("").to_string();
    Ok((fm, body))
}

fn field(fm: &Value, key: &str) -> Option<String> {
    match fm.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// "15:00 to 15:15" / "16:35 to close" -> (start, end if any).
fn slot(text: &str) -> Option<(NaiveTime, Option<NaiveTime>)> {
    let t = text.trim().replace('\u{2013}', "-");
    let (a, b) = t.split_once(" to ").or_else(|| t.split_once('-'))?;
    let start = NaiveTime::parse_from_str(a.trim(), "%H:%M").ok()?;
    Some((start, NaiveTime::parse_from_str(b.trim(), "%H:%M").ok()))
}

pub fn parse(file: &str, text: &str) -> Result<ParsedReadout, ImportError> {
    let (fm, body) = front_matter(file, text)?;
    // A post we published keeps Liquid-looking text literal with raw tags; read it as
    // the website shows it.
    let body = crate::publishing::readout::jekyll::unprotect_liquid(&body);
    let entry = |field: &str, message: String| ImportError::Entry { file: file.into(), entry: 1, label: " (front matter)".into(), field: field.into(), message };
    let date_text = field(&fm, "date").ok_or_else(|| entry("date", "the readout has no date".into()))?;
    let date = NaiveDate::parse_from_str(date_text.get(..10).unwrap_or(""), "%Y-%m-%d").map_err(|_| entry("date", format!("\u{201c}{date_text}\u{201d} is not a date like 2020-02-17")))?;
    let title = field(&fm, "title").unwrap_or_default();
    let excerpt = field(&fm, "excerpt").unwrap_or_default();
    let author = field(&fm, "author");

    // Split the body at headings of level 2 to 4 (outside code fences). Footnote texts
    // are taken out as they come, to go back beside the section that refers to them.
    let mut intro = String::new();
    let mut sections: Vec<(String, String)> = Vec::new();
    let mut notes: Vec<FootnoteText> = Vec::new();
    let mut in_note = false;
    let mut in_code = false;
    for line in body.lines() {
        if in_note {
            // A note goes on over indented and blank lines.
            if line.starts_with("    ") || line.starts_with('\t') || line.trim().is_empty() {
                if let Some(n) = notes.last_mut() {
                    n.text.push_str(line);
                    n.text.push('\n');
                }
                continue;
            }
            in_note = false;
        }
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        }
        if let Some(label) = (!in_code).then(|| footnote_label(line)).flatten() {
            notes.push(FootnoteText { label, text: format!("{line}\n"), written_in: sections.len().checked_sub(1) });
            in_note = true;
            continue;
        }
        let heading = (!in_code)
            .then(|| {
                let hashes = line.chars().take_while(|c| *c == '#').count();
                ((2..=4).contains(&hashes) && line[hashes..].starts_with(' ')).then(|| line[hashes..].trim().trim_end_matches('#').trim().to_string())
            })
            .flatten();
        match heading {
            Some(h) if !h.is_empty() => sections.push((h, String::new())),
            _ => {
                let target = sections.last_mut().map(|s| &mut s.1).unwrap_or(&mut intro);
                target.push_str(line);
                target.push('\n');
            }
        }
    }
    // The closing blockquote describes the forum, not a discussion: it is not notes.
    if let Some(last) = sections.last_mut() {
        let kept: Vec<&str> = last.1.trim_end().lines().collect();
        let quote_start = kept.iter().rposition(|l| !l.starts_with('>')).map_or(0, |i| i + 1);
        if quote_start < kept.len() {
            last.1 = kept[..quote_start].join("\n");
        }
    }
    let mut sections: Vec<(String, String)> = sections.into_iter().map(|(h, n)| (h, n.trim().to_string())).collect();
    let mut intro = intro.trim().to_string();
    place_notes(notes, &mut intro, &mut sections);

    // An "Agenda" section holding a table of item and time gives the times.
    let mut start = None;
    let mut minutes = vec![None; sections.len()];
    if let Some(pos) = sections.iter().position(|(h, _)| h.eq_ignore_ascii_case("agenda")) {
        let table = sections[pos].1.clone();
        let rows: Vec<(String, (NaiveTime, Option<NaiveTime>))> = table
            .lines()
            .filter_map(|l| {
                let cells: Vec<&str> = l.trim().trim_matches('|').split('|').map(str::trim).collect();
                (cells.len() >= 2).then(|| slot(cells[1]).map(|s| (cells[0].to_string(), s))).flatten()
            })
            .collect();
        if !rows.is_empty() {
            start = Some(rows[0].1 .0);
            sections.remove(pos);
            minutes.remove(pos);
            // The first row for each title (ignoring ASCII case), found without a scan per
            // section: a file of many sections and rows would otherwise take quadratic time.
            let mut by_title: HashMap<String, &(NaiveTime, Option<NaiveTime>)> = HashMap::with_capacity(rows.len());
            for (t, slot) in &rows {
                by_title.entry(t.to_ascii_lowercase()).or_insert(slot);
            }
            for (i, (title, _)) in sections.iter().enumerate() {
                if let Some((a, Some(b))) = by_title.get(&title.to_ascii_lowercase()) {
                    minutes[i] = u32::try_from((*b - *a).num_minutes()).ok().filter(|m| *m > 0);
                }
            }
        }
    }
    if sections.is_empty() {
        return Err(ImportError::Syntax { file: file.into(), format: "website readout", message: "it has no sections (## headings) to become agenda items".into() });
    }
    Ok(ParsedReadout { title, excerpt, author, date, intro, sections, start, minutes })
}

/// A footnote's text as written (`[^label]: …` and its indented lines), and the section
/// it was written in (`None`: before the first heading).
struct FootnoteText {
    label: String,
    text: String,
    written_in: Option<usize>,
}

/// `[^label]:` opening a line: the label.
fn footnote_label(line: &str) -> Option<String> {
    let rest = line.strip_prefix("[^")?;
    let end = rest.find("]:")?;
    let label = &rest[..end];
    (!label.is_empty() && !label.contains(['[', ']']) && !label.chars().any(char::is_whitespace)).then(|| label.to_lowercase())
}

/// Puts each footnote's text after the section that first refers to it. The website's
/// posts often gather every note at the end; the app keeps a note with its item so that
/// the item's notes say the same thing on their own, and the readout numbers them through.
/// A note nobody refers to stays where it was written.
fn place_notes(notes: Vec<FootnoteText>, intro: &mut String, sections: &mut [(String, String)]) {
    if notes.is_empty() {
        return;
    }
    // Where each label is first referred to: one pass over the text (None: the intro).
    let mut first_use: HashMap<String, Option<usize>> = HashMap::new();
    let texts = std::iter::once((None, intro.as_str())).chain(sections.iter().enumerate().map(|(i, (_, n))| (Some(i), n.as_str())));
    for (at, text) in texts {
        for piece in text.split("[^").skip(1) {
            if let Some(end) = piece.find(']') {
                let label = piece[..end].to_lowercase();
                if !piece[end..].starts_with("]:") {
                    first_use.entry(label).or_insert(at);
                }
            }
        }
    }
    for note in notes {
        let at = first_use.get(&note.label).copied().unwrap_or(note.written_in);
        let target = match at {
            Some(i) => match sections.get_mut(i) {
                Some((_, n)) => n,
                None => continue,
            },
            None => &mut *intro,
        };
        if !target.is_empty() {
            target.push_str("\n\n");
        }
        target.push_str(note.text.trim_end());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POST: &str = "---\nlayout: news\ntitle: \"What happened at our forum\"\ndate: 2019-11-12T00:00:00.00Z\nexcerpt: We met.\nauthor: A Volunteer\n---\n\nThank you to everyone who came.\n\n## Welcome\nThe chair opened the meeting.\n\n#### Pride planning\nWe talked about *floats*.\n\n- one\n- two\n\n## Agenda\n| Item | Time |\n|---|---|\n| Welcome | 15:00 to 15:15 |\n| Pride planning | 15:15 to close |\n\n> The forum is for network leaders.\n";

    #[test]
    fn footnotes_gathered_at_the_end_go_back_to_the_sections_that_cite_them() {
        let post = "---\ntitle: T\ndate: 2020-02-17T00:00:00.00Z\n---\n\nWe met[^0].\n\n## Welcome\nNine networks[^a].\n\n## Pride\nFloats[^B] and more[^a].\n\n    Not a note: an indented line of Pride.\n\n## AOB\nNothing.\n\n[^a]: Two dialled in.\n[^b]: Three of them.\n\n    A second paragraph of the note.\n\n[^0]: In London.\n[^unused]: Nobody cites this.\n\n> The forum is for network leaders.\n";
        let r = parse("post.md", post).unwrap();
        assert_eq!(r.intro, "We met[^0].\n\n[^0]: In London.");
        assert_eq!(r.sections[0], ("Welcome".into(), "Nine networks[^a].\n\n[^a]: Two dialled in.".into()));
        assert_eq!(r.sections[1].1, "Floats[^B] and more[^a].\n\n    Not a note: an indented line of Pride.\n\n[^b]: Three of them.\n\n    A second paragraph of the note.");
        assert_eq!(r.sections[2], ("AOB".into(), "Nothing.\n\n[^unused]: Nobody cites this.".into()), "the closing quote is still left out");
    }

    #[test]
    fn sections_become_items_and_the_table_gives_times() {
        let r = parse("post.md", POST).unwrap();
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2019, 11, 12).unwrap());
        assert_eq!(r.title, "What happened at our forum");
        assert_eq!(r.intro, "Thank you to everyone who came.");
        let titles: Vec<_> = r.sections.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(titles, ["Welcome", "Pride planning"]);
        assert_eq!(r.sections[1].1, "We talked about *floats*.\n\n- one\n- two");
        assert_eq!(r.start, NaiveTime::from_hms_opt(15, 0, 0));
        assert_eq!(r.minutes, [Some(15), None]);
    }

    #[test]
    fn broken_files_are_refused_with_a_reason() {
        assert!(matches!(parse("x.md", "no front matter"), Err(ImportError::Syntax { .. })));
        assert!(matches!(parse("x.md", "---\ntitle: [unclosed\n---\n## A\n"), Err(ImportError::Syntax { .. })));
        let e = parse("x.md", "---\ntitle: T\n---\n## A\n").unwrap_err().to_string();
        assert!(e.contains("date"), "{e}");
        let e = parse("x.md", "---\ntitle: T\ndate: 2020-02-30\n---\n## A\n").unwrap_err().to_string();
        assert!(e.contains("2020-02-30"), "{e}");
        assert!(parse("x.md", "---\ndate: 2020-02-17\n---\nJust text\n").is_err());
    }

    /// Found by fuzzing (fuzz/fuzz_targets/readout_md.rs, then by hand): front matter of
    /// thousands of nested brackets made the YAML parser take time quadratic in its length.
    #[test]
    fn front_matter_of_thousands_of_brackets_is_refused_at_once() {
        let text = format!("---\ndate: 2020-02-17\ntags: {}\n---\n## A\n", "[".repeat(50_000));
        let e = parse("x.md", &text).unwrap_err();
        assert!(matches!(e, ImportError::Syntax { .. }), "{e}");
        assert!(e.to_string().contains("its front matter has more than 1000 opening brackets"), "{e}");
        let tags = parse("x.md", "---\ndate: 2020-02-17\ntags: [forum, {a: b}]\n---\n## A\n").unwrap();
        assert_eq!(tags.sections.len(), 1);
    }

    #[test]
    fn agenda_times_match_the_first_row_ignoring_case_and_many_sections_are_quick() {
        let post = "---\ndate: 2020-02-17\n---\n## Welcome\n## PRIDE\n## Agenda\n| welcome | 15:00 to 15:20 |\n| Pride | 15:20 to 15:30 |\n| pride | 15:30 to 16:30 |\n";
        let r = parse("x.md", post).unwrap();
        assert_eq!(r.minutes, [Some(20), Some(10)]);
        let mut big = String::from("---\ndate: 2020-02-17\n---\n");
        big.extend((0..20_000).map(|i| format!("## Item {i}\n")));
        big.push_str("## Agenda\n");
        big.extend((0..20_000).map(|i| format!("| item {i} | 10:00 to 10:0{} |\n", 1 + i % 9)));
        let r = parse("x.md", &big).unwrap();
        assert_eq!(r.sections.len(), 20_000);
        assert_eq!((r.minutes[0], r.minutes[19_999]), (Some(1), Some(2)));
    }
}
