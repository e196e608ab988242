//! A network lead's submission file (versioned JSON), parsed and checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = forum_core::needs::submission_file::parse_text("submission.json", text);
});
