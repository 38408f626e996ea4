//! The checker's output, compared with golden files in `tests/golden/`:
//! errors for a broken file (exit 1), and the report with ways to each ending
//! and warnings for a valid one (exit 0). Run from the crate root, so paths
//! in the output are stable.

use std::process::Command;

fn check(file: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_counterpart-check"))
        .arg(file)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the checker runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn errors_of_a_broken_file_match_the_golden_file() {
    let (code, _, stderr) = check("tests/fixtures/many-problems.toml");
    assert_eq!(code, 1);
    assert_eq!(stderr, include_str!("golden/check-many-problems.txt"));
}

#[test]
fn the_report_of_a_valid_file_matches_the_golden_file() {
    let (code, stdout, stderr) = check("tests/fixtures/valid-minimal.toml");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, include_str!("golden/check-valid-minimal.txt"));
}
