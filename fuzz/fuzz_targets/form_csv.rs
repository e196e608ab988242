//! A form export as CSV text (Google Forms).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = forum_core::import::form::read_csv("form.csv", text);
});
