//! Fuzz target: scenario parsing and validation never panic; every error has a position.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Err(e) = counterpart::engine::load("fuzz.toml", text)
    {
        assert!(e.0.iter().all(|d| d.location.line >= 1 && d.location.column >= 1));
    }
});
