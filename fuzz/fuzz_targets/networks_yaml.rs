//! The website's networks directory (YAML list of networks).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = forum_core::import::networks_yaml::parse("networks.yml", text);
});
