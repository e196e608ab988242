//! Dates as forms and people write them. UK order (day first) throughout: the forum's
//! forms are set to the UK locale, and "12/11/2019" means the 12th of November.

use chrono::{NaiveDate, NaiveDateTime};

// Two-digit years first: chrono reads "19" as the year 19 under %Y.
const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%d/%m/%y", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%A %d %B %Y", "%a %d %b %Y"];

const DATE_TIME_FORMATS: &[&str] =
    &["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%Y/%m/%d %I:%M:%S %p"];

/// A meeting date in a cell: on its own ("12/11/2019", "12 November 2019") or inside
/// the text of a form's choice ("Tuesday 12 November 2019, London").
pub fn date_in(text: &str) -> Option<NaiveDate> {
    let clean: String = text.chars().map(|c| if c == ',' || c == '(' || c == ')' { ' ' } else { c }).collect();
    let words: Vec<&str> = clean.split_whitespace().map(strip_ordinal).collect();
    // Longest runs first, so "12 November 2019" wins over a lone "2019".
    for len in (1..=4.min(words.len())).rev() {
        for window in words.windows(len) {
            let candidate = window.join(" ");
            if let Some(d) = DATE_FORMATS.iter().find_map(|f| NaiveDate::parse_from_str(&candidate, f).ok()) {
                return Some(d);
            }
        }
    }
    date_time(text).map(|dt| dt.date())
}

/// When a form answer was sent, as ISO 8601 text without a zone (forms write local time).
pub fn timestamp(text: &str) -> Option<String> {
    let dt = date_time(text.trim())?;
    Some(dt.format("%Y-%m-%dT%H:%M:%S").to_string())
}

fn date_time(text: &str) -> Option<NaiveDateTime> {
    DATE_TIME_FORMATS.iter().find_map(|f| NaiveDateTime::parse_from_str(text.trim(), f).ok())
}

/// "12th" → "12", so ordinals read as days.
fn strip_ordinal(word: &str) -> &str {
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(n) = word.strip_suffix(suffix) {
            if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                return n;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_people_and_forms_write() {
        for text in [
            "2019-11-12",
            "12/11/2019",
            "12/11/19",
            "12 November 2019",
            "12 Nov 2019",
            "Tuesday 12 November 2019",
            "Tuesday 12th November 2019, London",
            "Forum (12 November 2019)",
            "2019-11-12 10:30:00",
        ] {
            assert_eq!(date_in(text), d(2019, 11, 12), "{text}");
        }
        for text in ["", "next Tuesday", "31/02/2019", "13/13/2019", "\u{202e}12/11/2019"] {
            assert_eq!(date_in(text), None, "{text}");
        }
    }

    #[test]
    fn timestamps_google_and_microsoft_write() {
        assert_eq!(timestamp("12/11/2019 10:30:05").as_deref(), Some("2019-11-12T10:30:05"));
        assert_eq!(timestamp("2019-11-12 10:30:05").as_deref(), Some("2019-11-12T10:30:05"));
        assert_eq!(timestamp("yesterday"), None);
    }
}
