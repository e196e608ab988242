//! What a person typed, made into an FTS5 query that cannot be misread.
//!
//! User text never reaches `MATCH` as it is: FTS5 has its own syntax (AND, OR, NOT, NEAR,
//! `*`, `^`, `:`, parentheses, quotes), and a stray character there is an SQL error. Every
//! word and phrase is put in double quotes here, so FTS5 reads each only as words to find;
//! inside quotes nothing is special but the quote itself, which is doubled.

/// Text beyond this many characters is left out (a sentence or two is plenty to find
/// anything; a pasted page would only make a slow query).
pub const MAX_CHARS: usize = 500;
/// Words and phrases beyond this many are left out.
pub const MAX_TERMS: usize = 16;

/// A word (stemmed by the index, so any ending matches) or a quoted phrase (exact).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Term {
    pub text: String,
    pub phrase: bool,
    /// The last word while it may still be being typed: matches words it begins.
    pub prefix: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub terms: Vec<Term>,
    /// Some of the text was left out (too long, or too many words).
    pub truncated: bool,
}

impl Parsed {
    /// The FTS5 query: every term quoted by us, all of them required.
    pub fn fts(&self) -> String {
        let quoted: Vec<String> = self
            .terms
            .iter()
            .map(|t| format!("\"{}\"{}", t.text.replace('"', "\"\""), if t.prefix { "*" } else { "" }))
            .collect();
        quoted.join(" AND ")
    }

    /// The quoted phrases as lower-case words: the index finds them with any ending
    /// (stemming), and `contains_phrase` then keeps only rows with the words as typed.
    pub fn exact_phrases(&self) -> Vec<Vec<String>> {
        self.terms.iter().filter(|t| t.phrase).map(|t| words(&t.text)).filter(|w| !w.is_empty()).collect()
    }
}

/// The terms of `input`, or `None` when it holds nothing to search for (no letters or
/// digits at all).
pub(crate) fn parse(input: &str) -> Option<Parsed> {
    let mut truncated = input.chars().count() > MAX_CHARS;
    // Control characters (tabs, line breaks, NUL) separate words; curly quotes are quotes.
    let text: String = input
        .chars()
        .take(MAX_CHARS)
        .map(|c| match c {
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' => '"',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut terms = Vec::new();
    let mut word = String::new();
    let mut in_phrase = false;
    let push = |terms: &mut Vec<Term>, text: &mut String, phrase: bool| {
        let t = std::mem::take(text);
        let t = t.trim();
        // A chunk with no letter or digit holds no word the index could have ("*", "-",
        // "()"); kept, it would only be a phrase of nothing.
        if t.chars().any(char::is_alphanumeric) {
            terms.push(Term { text: t.to_string(), phrase, prefix: false });
        }
    };
    for c in text.chars() {
        if c == '"' {
            push(&mut terms, &mut word, in_phrase);
            in_phrase = !in_phrase;
        } else if c.is_whitespace() && !in_phrase {
            push(&mut terms, &mut word, false);
        } else {
            word.push(c);
        }
    }
    // An unclosed quote is a phrase to the end: as typed so far.
    push(&mut terms, &mut word, in_phrase);
    if terms.len() > MAX_TERMS {
        terms.truncate(MAX_TERMS);
        truncated = true;
    }
    // The last word, unless the person has moved on (a space after it) or it is a phrase,
    // matches the words it begins: "Kaleid" finds "Kaleidoscope". One letter would match
    // too much to be useful.
    let ends_open = !text.ends_with(char::is_whitespace) && !text.ends_with('"');
    if let Some(last) = terms.last_mut() {
        if ends_open && !truncated && !last.phrase && last.text.chars().filter(|c| c.is_alphanumeric()).count() >= 2 {
            last.prefix = true;
        }
    }
    (!terms.is_empty()).then_some(Parsed { terms, truncated })
}

/// Text as lower-case words without accents, split at anything that is not a letter or
/// digit: "Café" is "cafe", as the index (remove_diacritics) reads it.
pub(crate) fn words(text: &str) -> Vec<String> {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase()).collect()
}

/// Whether `text` holds `phrase` (lower-case words) as whole words, side by side, in
/// order, ignoring case and punctuation: a quoted phrase matches as typed.
pub(crate) fn contains_phrase(text: &str, phrase: &[String]) -> bool {
    if phrase.is_empty() {
        return true;
    }
    let words = words(text);
    words.windows(phrase.len()).any(|w| w == phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts(input: &str) -> Option<String> {
        parse(input).map(|p| p.fts())
    }

    #[test]
    fn words_are_quoted_and_the_last_is_a_prefix() {
        assert_eq!(fts("Kaleid").as_deref(), Some("\"Kaleid\"*"));
        assert_eq!(fts("volunteer events ").as_deref(), Some("\"volunteer\" AND \"events\""), "a space ends the last word");
        assert_eq!(fts("pride month").as_deref(), Some("\"pride\" AND \"month\"*"));
        assert_eq!(fts("a").as_deref(), Some("\"a\""), "one letter is not a prefix");
    }

    #[test]
    fn quotes_make_phrases_and_an_unclosed_quote_runs_to_the_end() {
        let p = parse("index \"Workplace Equality\" 2019").unwrap();
        assert_eq!(p.fts(), "\"index\" AND \"Workplace Equality\" AND \"2019\"*");
        assert_eq!(p.exact_phrases(), vec![vec!["workplace".to_string(), "equality".to_string()]]);
        assert_eq!(fts("\"trans inclusion").as_deref(), Some("\"trans inclusion\""));
        assert_eq!(fts("\u{201c}bi visibility\u{201d}").as_deref(), Some("\"bi visibility\""), "curly quotes");
    }

    #[test]
    fn fts5_syntax_is_only_words() {
        assert_eq!(fts("NEAR(a b) OR c NOT d").as_deref(), Some("\"NEAR(a\" AND \"b)\" AND \"OR\" AND \"c\" AND \"NOT\" AND \"d\""));
        assert_eq!(fts("title:secret ^start").as_deref(), Some("\"title:secret\" AND \"^start\"*"));
        for nothing in ["", "   ", "*", "\"\"", "\"", "()", "- + * ^ :", "\u{0}\u{7}\r\n\t", "\u{200b}\u{200d}"] {
            assert_eq!(fts(nothing), None, "{nothing:?}");
        }
    }

    #[test]
    fn long_text_is_cut_and_said_so() {
        let p = parse(&"word ".repeat(2000)).unwrap();
        assert_eq!(p.terms.len(), MAX_TERMS);
        assert!(p.truncated);
        assert!(!p.terms.iter().any(|t| t.prefix), "a cut word is not a prefix");
        let p = parse(&"x".repeat(10_000)).unwrap();
        assert_eq!((p.terms.len(), p.terms[0].text.chars().count(), p.truncated), (1, MAX_CHARS, true));
    }

    #[test]
    fn phrases_match_whole_words_in_order() {
        let phrase = words("Workplace Equality");
        assert!(contains_phrase("The Workplace  equality\nindex", &phrase));
        assert!(contains_phrase("(workplace-equality)", &phrase));
        assert!(!contains_phrase("workplace equalities", &phrase));
        assert!(!contains_phrase("equality workplace", &phrase));
        assert!(!contains_phrase("workplaces equality", &phrase));
        let accented = words("Café culture");
        assert!(contains_phrase("the cafe culture of networks", &accented));
        assert!(contains_phrase("CAFÉ CULTURE", &words("cafe culture")));
    }
}
