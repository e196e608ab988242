//! Form exports: the spreadsheets Google Forms (CSV) and Microsoft Forms (XLSX) write,
//! read into one plain table of text. Which column means what is decided afterwards,
//! by `columns`, so both kinds of file go through the same mapping step.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{open_workbook_auto_from_rs, open_workbook_from_rs, Cell, Data, DataRef, Reader, Sheets};
use serde::Serialize;
use ts_rs::TS;

use super::{display_name, read_text, ImportError};

/// Which form tool wrote the file, recognised from its first columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FormKind {
    /// `Timestamp`, then one column per question.
    GoogleForms,
    /// `ID`, `Start time`, `Completion time`, `Email`, `Name`, then the questions.
    MicrosoftForms,
    Other,
}

/// A form export as text: its headers and the rows that hold anything.
#[derive(Debug, Clone, PartialEq)]
pub struct FormTable {
    pub file: String,
    pub kind: FormKind,
    pub headers: Vec<String>,
    pub rows: Vec<FormRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormRow {
    /// The row number a spreadsheet shows (the header is row 1), for messages.
    pub number: usize,
    /// One cell per header, trimmed; missing cells are empty.
    pub cells: Vec<String>,
}

/// Rows beyond this are refused: no forum has a form with more answers, and it keeps a
/// wrong file (a whole HR extract) from filling memory.
pub const MAX_ROWS: usize = 100_000;

/// A workbook cell further right than this is refused: no form has a thousand questions,
/// and a few bytes naming cell XFD1048576 would otherwise ask for a grid of seventeen
/// billion cells.
pub const MAX_COLUMNS: u32 = 1_000;

/// Reads a CSV or XLSX file, chosen by its extension.
pub fn read(path: &Path) -> Result<FormTable, ImportError> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => read_workbook(path),
        "csv" | "txt" => read_csv(&display_name(path), &read_text(path)?),
        _ => Err(ImportError::Unreadable {
            file: display_name(path),
            message: "choose a CSV file (Google Forms) or an XLSX file (Microsoft Forms)".into(),
        }),
    }
}

/// Reads CSV text: UTF-8 (a byte-order mark is removed before), Windows or Unix line
/// endings, quoted newlines, blank rows and short rows are all normal.
pub fn read_csv(file: &str, text: &str) -> Result<FormTable, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut grid = Vec::new();
    // The csv crate skips blank lines, which a spreadsheet shows as rows, so the row a
    // person sees is counted here: line ends before the record's first character, less
    // the line ends inside earlier quoted cells.
    let bytes = text.as_bytes();
    let (mut scanned, mut line_ends, mut in_cells) = (0, 0, 0);
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Syntax { file: file.into(), format: "CSV", message: e.to_string() })?;
        let mut start = record.position().map_or(scanned, |p| p.byte() as usize).min(bytes.len());
        while start < bytes.len() && (bytes[start] == b'\r' || bytes[start] == b'\n') {
            start += 1;
        }
        line_ends += bytes[scanned.min(start)..start].iter().filter(|b| **b == b'\n').count();
        scanned = start;
        grid.push((1 + line_ends - in_cells, record.iter().map(str::to_string).collect()));
        in_cells += record.iter().map(|c| c.matches('\n').count()).sum::<usize>();
    }
    table(file, grid)
}

fn read_workbook(path: &Path) -> Result<FormTable, ImportError> {
    let file = display_name(path);
    let bytes = std::fs::read(path).map_err(|e| ImportError::Syntax { file: file.clone(), format: "spreadsheet", message: e.to_string() })?;
    read_workbook_bytes(&file, &bytes)
}

/// Reads a workbook (XLSX, XLS, XLSB or ODS) from its bytes; `file` is the name shown in
/// messages, and its extension picks the format as a path's would (unknown: detected).
pub fn read_workbook_bytes(file: &str, bytes: &[u8]) -> Result<FormTable, ImportError> {
    let syntax = |message: String| ImportError::Syntax { file: file.into(), format: "spreadsheet", message };
    let data = Cursor::new(bytes);
    let ext = Path::new(file).extension().and_then(|e| e.to_str());
    let opened = match ext {
        Some("xls" | "xla") => open_workbook_from_rs(data).map(Sheets::Xls).map_err(calamine::Error::Xls),
        Some("xlsx" | "xlsm" | "xlam") => open_workbook_from_rs(data).map(Sheets::Xlsx).map_err(calamine::Error::Xlsx),
        Some("xlsb") => open_workbook_from_rs(data).map(Sheets::Xlsb).map_err(calamine::Error::Xlsb),
        Some("ods") => open_workbook_from_rs(data).map(Sheets::Ods).map_err(calamine::Error::Ods),
        _ => open_workbook_auto_from_rs(data),
    };
    let mut book = opened.map_err(|e| syntax(e.to_string()))?;
    let first = book.sheet_names().first().cloned().ok_or_else(|| syntax("it has no worksheets".into()))?;
    // XLSX and XLSB are read cell by cell, so that a far-away cell is refused before any
    // grid is made; XLS and ODS are read whole by calamine when the file is opened.
    let grid = match &mut book {
        Sheets::Xlsx(x) => match x.worksheet_cells_reader(&first) {
            Ok(mut cells) => sparse_grid(file, || cells.next_cell().map_err(|e| calamine::Error::Xlsx(e).to_string()))?,
            Err(calamine::XlsxError::NotAWorksheet(_)) => Vec::new(),
            Err(e) => return Err(syntax(calamine::Error::Xlsx(e).to_string())),
        },
        Sheets::Xlsb(x) => {
            let mut cells = x.worksheet_cells_reader(&first).map_err(|e| syntax(calamine::Error::Xlsb(e).to_string()))?;
            sparse_grid(file, || cells.next_cell().map_err(|e| calamine::Error::Xlsb(e).to_string()))?
        }
        _ => {
            let range = book.worksheet_range(&first).map_err(|e| syntax(e.to_string()))?;
            range.rows().enumerate().map(|(i, row)| (i + 1, row.iter().map(cell_text).collect())).collect()
        }
    };
    table(file, grid)
}

/// The grid a worksheet's used cells make, as calamine's own range would give it (rows
/// numbered from the first used row, columns from the first used column), but holding
/// only rows that have cells, and refusing cells past `MAX_COLUMNS` or more rows than
/// `MAX_ROWS` answers as they are read.
fn sparse_grid<'a>(file: &str, mut next: impl FnMut() -> Result<Option<Cell<DataRef<'a>>>, String>) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
    let mut rows: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    while let Some(cell) = next().map_err(|message| ImportError::Syntax { file: file.into(), format: "spreadsheet", message })? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, col) = cell.get_position();
        if col >= MAX_COLUMNS {
            return Err(ImportError::Cell {
                file: file.into(),
                row: row as usize + 1,
                column: format!("column {}", col as usize + 1),
                message: format!("a form export has at most {MAX_COLUMNS} columns, so a value this far right means this is not one"),
            });
        }
        if rows.len() > MAX_ROWS && !rows.contains_key(&row) {
            return Err(ImportError::Syntax { file: file.into(), format: "form export", message: format!("it has more than {MAX_ROWS} answers") });
        }
        rows.entry(row).or_default().push((col, cell_text(&Data::from(cell.get_value().clone()))));
    }
    let first_row = rows.keys().next().copied().unwrap_or(0);
    let first_col = rows.values().flatten().map(|(c, _)| *c).min().unwrap_or(0);
    Ok(rows
        .into_iter()
        .map(|(row, cells)| {
            let width = cells.iter().map(|(c, _)| (c - first_col) as usize + 1).max().unwrap_or(0);
            let mut dense = vec![String::new(); width];
            for (c, text) in cells {
                dense[(c - first_col) as usize] = text;
            }
            ((row - first_row) as usize + 1, dense)
        })
        .collect())
}

/// A spreadsheet cell as the text a person would read in it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Whole numbers are shown without ".0", as the spreadsheet shows them.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.format("%Y-%m-%d").to_string(),
            Some(dt) => dt.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => d.as_f64().to_string(),
        },
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Turns a grid of cells into headers and rows: trailing empty columns and blank rows
/// are dropped; every cell is trimmed.
fn table(file: &str, grid: Vec<(usize, Vec<String>)>) -> Result<FormTable, ImportError> {
    let mut grid = grid.into_iter();
    let headers: Vec<String> = loop {
        match grid.next() {
            None => return Err(ImportError::Syntax { file: file.into(), format: "form export", message: "it is empty".into() }),
            Some((_, row)) if row.iter().all(|c| c.trim().is_empty()) => continue,
            Some((_, row)) => break row.iter().map(|c| c.trim().to_string()).collect(),
        }
    };
    let width = headers.iter().rposition(|h| !h.is_empty()).map_or(0, |i| i + 1);
    let headers: Vec<String> = headers.into_iter().take(width).collect();
    let mut rows = Vec::new();
    for (number, raw) in grid {
        if raw.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if let Some(extra) = raw.iter().skip(width).position(|c| !c.trim().is_empty()) {
            return Err(ImportError::Cell {
                file: file.into(),
                row: number,
                column: format!("column {}", width + extra + 1),
                message: "this column has no header, so it is not clear what it holds; add a header or remove the value".into(),
            });
        }
        if rows.len() == MAX_ROWS {
            return Err(ImportError::Syntax { file: file.into(), format: "form export", message: format!("it has more than {MAX_ROWS} answers") });
        }
        let mut cells: Vec<String> = raw.iter().take(width).map(|c| c.trim().to_string()).collect();
        cells.resize(width, String::new());
        rows.push(FormRow { number, cells });
    }
    let kind = kind_of(&headers);
    Ok(FormTable { file: file.into(), kind, headers, rows })
}

fn kind_of(headers: &[String]) -> FormKind {
    let h = |i: usize| headers.get(i).map(|s| s.to_lowercase()).unwrap_or_default();
    if h(0) == "timestamp" {
        FormKind::GoogleForms
    } else if h(0) == "id" && h(1) == "start time" && h(2) == "completion time" {
        FormKind::MicrosoftForms
    } else {
        FormKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: a cell reference calamine's arithmetic overflows on. It must be
    /// read (wrapped, as in release) or refused, never a crash.
    #[test]
    fn a_workbook_with_an_overflowing_cell_reference_does_not_crash() {
        let bytes = include_bytes!("../../../../fuzz/regressions/form_xlsx/calamine-row-reference-overflow.xlsx");
        let _ = read_workbook_bytes("overflow.xlsx", bytes);
    }

    #[test]
    fn google_csv_with_bom_crlf_quoted_newlines_blank_rows_and_trailing_columns() {
        let text = "\u{feff}Timestamp,Your name,Network,,\r\n\
                    12/11/2019 10:00:00,Sam Jones,\"DfE\r\nLGBT network\",,\r\n\
                    ,,,,\r\n\
                    \r\n\
                    13/11/2019 09:00:00,Ana Ruiz,HMRC\r\n";
        let t = read_csv("reg.csv", text).unwrap();
        assert_eq!(t.kind, FormKind::GoogleForms);
        assert_eq!(t.headers, ["Timestamp", "Your name", "Network"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[2], "DfE\r\nLGBT network");
        assert_eq!(t.rows[0].number, 2);
        assert_eq!(t.rows[1].number, 5, "blank rows keep the numbering a spreadsheet shows");
        assert_eq!(t.rows[1].cells, ["13/11/2019 09:00:00", "Ana Ruiz", "HMRC"], "a short row is padded");
    }

    #[test]
    fn a_value_under_no_header_is_refused_by_row_and_column() {
        let e = read_csv("reg.csv", "Name,Network\nSam,DfE,surprise\n").unwrap_err();
        assert_eq!(e.to_string(), "reg.csv, row 2, column \u{201c}column 3\u{201d}: this column has no header, so it is not clear what it holds; add a header or remove the value");
    }

    #[test]
    fn empty_and_broken_files() {
        assert!(read_csv("e.csv", "").unwrap_err().to_string().contains("it is empty"));
        assert!(read_csv("e.csv", "\r\n,,\r\n").unwrap_err().to_string().contains("it is empty"));
        let e = read(Path::new("notes.docx")).unwrap_err();
        assert!(e.to_string().contains("choose a CSV file"), "{e}");
    }

    #[test]
    fn microsoft_forms_is_recognised() {
        let t = read_csv("ms.csv", "ID,Start time,Completion time,Email,Name,Your network\n1,a,b,anonymous,,DWP\n").unwrap();
        assert_eq!(t.kind, FormKind::MicrosoftForms);
    }

    #[test]
    fn xlsx_cells_read_as_people_see_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ms.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["ID", "Start time", "Completion time", "Email", "Name", "Network"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        let when = rust_xlsxwriter::ExcelDateTime::parse_from_str("2019-11-12 10:30:00").unwrap();
        let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
        sheet.write_number(1, 0, 7).unwrap();
        sheet.write_datetime_with_format(1, 2, &when, &fmt).unwrap();
        sheet.write_string(1, 3, "sam@education.gov.uk").unwrap();
        sheet.write_string(1, 5, "  DfE  ").unwrap();
        book.save(&path).unwrap();
        let t = read(&path).unwrap();
        assert_eq!(t.kind, FormKind::MicrosoftForms);
        assert_eq!(t.rows[0].cells, ["7", "", "2019-11-12 10:30:00", "sam@education.gov.uk", "", "DfE"]);
        assert_eq!(read_workbook_bytes("ms.xlsx", &std::fs::read(&path).unwrap()).unwrap(), t, "bytes read as the file does");
        assert_eq!(read_workbook_bytes("ms", &std::fs::read(&path).unwrap()).unwrap().rows, t.rows, "no extension: the format is detected");
    }

    /// Found after fuzzing (fuzz/fuzz_targets/form_xlsx.rs), by hand: a 2 KB workbook with
    /// one cell in A1 and one in XFD1048576 made calamine's range ask for 512 GB.
    #[test]
    fn a_cell_far_away_is_refused_without_a_huge_grid() {
        let far = |cell: &str, row: u32, col: u16| {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            sheet.write_string(0, 0, "Timestamp").unwrap();
            sheet.write_string(row, col, cell).unwrap();
            book.save_to_buffer().unwrap()
        };
        let e = read_workbook_bytes("far.xlsx", &far("x", 1_048_575, 16_383)).unwrap_err();
        assert_eq!(e.to_string(), "far.xlsx, row 1048576, column \u{201c}column 16384\u{201d}: a form export has at most 1000 columns, so a value this far right means this is not one");
        // Far down but within the columns: read, blank rows are not held.
        let t = read_workbook_bytes("down.xlsx", &far("late", 1_048_575, 0)).unwrap();
        assert_eq!((t.rows.len(), t.rows[0].number, t.rows[0].cells[0].as_str()), (1, 1_048_576, "late"));
        // The last column allowed still reads as a column with no header.
        let e = read_workbook_bytes("wide.xlsx", &far("x", 1, 999)).unwrap_err();
        assert!(e.to_string().contains("row 2, column \u{201c}column 1000\u{201d}: this column has no header"), "{e}");
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fake.xlsx");
        std::fs::write(&path, "Timestamp,Name\n").unwrap();
        let e = read(&path).unwrap_err();
        assert!(e.to_string().starts_with("fake.xlsx is not a valid spreadsheet file"), "{e}");
    }
}
