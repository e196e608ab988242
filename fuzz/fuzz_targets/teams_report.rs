//! A Teams attendance report, from its bytes (UTF-16 or UTF-8, any of its shapes).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = forum_core::import::teams::parse("report.csv", data, None);
});
