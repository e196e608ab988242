//! A form export as a workbook (Microsoft Forms' XLSX), from its bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = forum_core::import::form::read_workbook_bytes("form.xlsx", bytes);
});
