//! The checker's output, compared with golden files in `tests/golden/`:
//! errors for a broken file (exit 1), and the report with ways to each ending
//! and warnings for a valid one (exit 0), in English and with `--lang de` in
//! German. Run from the crate root, so paths in the output are stable.
//!
//! After an intended change of the output, write the golden files anew with
//! `UPDATE_GOLDEN=1 cargo test --test checker_output` and read the diff.

use std::path::Path;
use std::process::Command;

fn check(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_counterpart-check"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the checker runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Compares `actual` with `tests/golden/<name>`, or writes it there when
/// `UPDATE_GOLDEN` is set.
fn assert_golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("the golden file is writable");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

#[test]
fn errors_of_a_broken_file_match_the_golden_file() {
    let (code, _, stderr) = check(&["tests/fixtures/many-problems.toml"]);
    assert_eq!(code, 1);
    assert_golden("check-many-problems.txt", &stderr);
}

#[test]
fn the_report_of_a_valid_file_matches_the_golden_file() {
    let (code, stdout, stderr) = check(&["tests/fixtures/valid-minimal.toml"]);
    assert_eq!(code, 0, "{stderr}");
    assert_golden("check-valid-minimal.txt", &stdout);
}

#[test]
fn german_errors_of_a_broken_file_match_the_golden_file() {
    let (code, _, stderr) = check(&["--lang", "de", "tests/fixtures/many-problems.toml"]);
    assert_eq!(code, 1);
    assert_golden("check-many-problems.de.txt", &stderr);
}

#[test]
fn the_german_report_of_a_valid_file_matches_the_golden_file() {
    let (code, stdout, stderr) = check(&["tests/fixtures/valid-minimal.toml", "--lang", "de"]);
    assert_eq!(code, 0, "{stderr}");
    assert_golden("check-valid-minimal.de.txt", &stdout);
}

#[test]
fn the_german_matrix_has_german_labels() {
    let file = "tests/fixtures/valid-minimal.toml";
    let (code, stdout, stderr) = check(&["--lang", "de", file, file]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("\nTechnik × Szenario (+ kann gut angewendet werden"));
    assert!(stdout.contains("  1  2   gut  falsch\n"), "{stdout}");
    assert!(stdout.ends_with("\n2 Szenarien in Ordnung\n"), "{stdout}");
}

#[test]
fn an_unknown_language_exits_2_with_the_usage() {
    let (code, stdout, stderr) = check(&["--lang", "fr", "tests/fixtures/valid-minimal.toml"]);
    assert_eq!(code, 2);
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("unknown language `fr` for --lang"),
        "{stderr}"
    );
    assert!(
        stderr.contains("usage: counterpart-check [--lang de|en]"),
        "{stderr}"
    );

    let (code, _, stderr) = check(&["tests/fixtures/valid-minimal.toml", "--lang"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("usage: counterpart-check"), "{stderr}");
}

#[test]
fn the_usage_is_german_with_lang_de() {
    let (code, _, stderr) = check(&["--lang", "de", "--help"]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("Aufruf: counterpart-check"), "{stderr}");
}

#[test]
fn recognise_adds_a_section_with_each_reply_and_keeps_the_exit_code() {
    let (plain_code, plain, _) = check(&["tests/fixtures/valid-minimal.toml"]);
    let (code, stdout, stderr) = check(&["--recognise", "tests/fixtures/valid-minimal.toml"]);
    assert_eq!(code, plain_code, "{stderr}");
    assert!(
        !plain.contains("recogniser (--recognise)"),
        "the section appears only when asked for"
    );
    let section = stdout
        .split("\nrecogniser (--recognise): labelled → read per language")
        .nth(1)
        .unwrap_or_else(|| panic!("no recogniser section in {stdout}"));
    assert!(section.contains("  valid-minimal\n"), "{section}");
    assert!(section.contains("→ de: "), "{section}");
    assert!(
        section.contains("recogniser warning(s): of the "),
        "{section}"
    );
}
