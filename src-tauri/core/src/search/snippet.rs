//! A snippet of the matching text as runs of plain and highlighted text. FTS5's
//! `snippet()` marks the matched words with two marker characters; they become runs here,
//! so the window builds `<mark>` elements from text and never reads the snippet as HTML.

use serde::Serialize;
use ts_rs::TS;

/// Put around each matched word by `snippet()`: control characters, which the forms'
/// text never holds on purpose (and if a file brought one in, the worst it does is move
/// a highlight).
pub(crate) const START: char = '\u{2}';
pub(crate) const END: char = '\u{3}';
/// Where `snippet()` cut the text.
pub(crate) const ELLIPSIS: &str = "\u{2026}";
/// About this many words around the match.
pub(crate) const WORDS: u32 = 16;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SnippetRun {
    pub text: String,
    /// A word that matched the search.
    pub highlighted: bool,
}

/// The runs of a marked snippet, white space (line breaks in notes) shown as one space.
pub(crate) fn runs(marked: &str) -> Vec<SnippetRun> {
    let mut out: Vec<SnippetRun> = Vec::new();
    let mut text = String::new();
    let mut highlighted = false;
    let flush = |text: &mut String, highlighted: bool, out: &mut Vec<SnippetRun>| {
        if text.is_empty() {
            return;
        }
        let t = std::mem::take(text);
        match out.last_mut() {
            Some(last) if last.highlighted == highlighted => last.text.push_str(&t),
            _ => out.push(SnippetRun { text: t, highlighted }),
        }
    };
    let mut last_space = false;
    for c in marked.chars() {
        match c {
            START | END => {
                flush(&mut text, highlighted, &mut out);
                highlighted = c == START;
            }
            c if c.is_whitespace() || c.is_control() => {
                if !last_space {
                    text.push(' ');
                }
                last_space = true;
                continue;
            }
            c => text.push(c),
        }
        last_space = false;
    }
    flush(&mut text, highlighted, &mut out);
    if let Some(first) = out.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = out.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    out.retain(|r| !r.text.is_empty());
    out
}

/// How many words of the snippet are highlighted.
pub(crate) fn marks(marked: &str) -> usize {
    marked.matches(START).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, highlighted: bool) -> SnippetRun {
        SnippetRun { text: text.into(), highlighted }
    }

    #[test]
    fn marks_become_runs_and_space_is_tidied() {
        assert_eq!(
            runs("\u{2026}leads shared\n\n- \u{2}volunteers\u{3} and \u{2}events\u{3}\u{2026}"),
            vec![run("\u{2026}leads shared - ", false), run("volunteers", true), run(" and ", false), run("events", true), run("\u{2026}", false)]
        );
        assert_eq!(runs("\u{2}Kaleidoscope\u{3}"), vec![run("Kaleidoscope", true)]);
        assert_eq!(runs("<b>not html</b>"), vec![run("<b>not html</b>", false)], "text stays text");
        assert_eq!(marks("\u{2}a\u{3} b \u{2}c\u{3}"), 2);
        assert!(runs("").is_empty());
    }
}
