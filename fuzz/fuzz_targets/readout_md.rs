//! A published website readout (YAML front matter + Markdown), as the readout importer reads it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = forum_core::import::readout_md::parse("fuzz.md", text);
});
