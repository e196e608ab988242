//! Markdown notes: parsed into blocks, rendered back to Markdown, parsed again.
#![no_main]

use forum_core::publishing::readout::{markdown_in, markdown_out};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let blocks = markdown_in::parse(text);
    let rendered = markdown_out::render_blocks(&blocks);
    let _ = markdown_in::parse(&rendered);
});
