//! Fuzz target: the stored-progress decoder never panics, and what it accepts
//! round-trips unchanged.
#![no_main]
use counterpart::engine::progress::Progress;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(progress) = Progress::from_json(text)
    {
        assert_eq!(Progress::from_json(&progress.to_json()).ok(), Some(progress));
    }
});
