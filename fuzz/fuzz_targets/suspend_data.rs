//! Fuzz target: SCORM suspend_data from an LMS decodes without panicking, and
//! what the app writes back stays within SCORM 1.2's limit and decodes again.
#![no_main]
use counterpart::engine::progress::Progress;
use counterpart::lms::mapping::{SCORM12_SUSPEND_LIMIT, suspend_data};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(progress) = Progress::from_json(text)
    {
        let written = suspend_data(&progress, SCORM12_SUSPEND_LIMIT);
        let again = Progress::from_json(&written).expect("what we write reads back");
        assert_eq!(again.scenarios, progress.scenarios);
        assert_eq!(again.badges, progress.badges);
    }
});
