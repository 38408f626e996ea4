//! Fuzz target: an imported progress file is refused or accepted without
//! panicking; what is accepted is consistent (badges earned by its records).
#![no_main]
use counterpart::engine::progress::Progress;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(progress) = Progress::from_export(text)
    {
        assert!(progress.check_consistent().is_ok());
        let merged = Progress::default().merge(&progress);
        assert_eq!(merged.badges, progress.badges);
    }
});
