//! `export all` and `import all`: the whole database as one JSON document.

use std::path::Path;

use forum_core::safety::everything::{self, ExportSummary};
use forum_core::Store;

pub fn export_all(store: &Store, file: &Path) -> Result<(), String> {
    let s = everything::export_to(store, file).map_err(|e| e.to_string())?;
    // The file holds names, emails and attendance: say so every time.
    println!("Wrote {}. It holds personal data: keep it safe.", counts(&s, "from", file));
    Ok(())
}

pub fn import_all(store: &mut Store, file: &Path) -> Result<(), String> {
    let s = everything::import_from(store, file).map_err(|e| e.to_string())?;
    println!("Imported {}.", counts(&s, "into", file));
    Ok(())
}

/// "1,234 rows from 14 tables to FILE" (or "into 14 tables from FILE").
fn counts(s: &ExportSummary, tables: &str, file: &Path) -> String {
    let rows = if s.rows == 1 { "row" } else { "rows" };
    let to = if tables == "from" { "to" } else { "from" };
    format!("{} {rows} {tables} {} tables {to} {}", grouped(s.rows), s.tables, file.display())
}

fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped() {
        let g: Vec<String> = [0, 7, 999, 1000, 1234, 999_999, 1_234_567].into_iter().map(super::grouped).collect();
        assert_eq!(g, ["0", "7", "999", "1,000", "1,234", "999,999", "1,234,567"]);
    }
}
