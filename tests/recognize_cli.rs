//! `counterpart-recognize` run as a program: one JSON line per input line,
//! techniques for good lines, an error object for each bad one, never a crash.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs the tool with `input` on standard input; returns its exit success
/// and its output lines.
fn run(input: &[u8]) -> (bool, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_counterpart-recognize"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the tool starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("input written");
    let output = child.wait_with_output().expect("the tool ends");
    let text = String::from_utf8(output.stdout).expect("the output is UTF-8");
    (
        output.status.success(),
        text.lines().map(str::to_string).collect(),
    )
}

#[test]
fn a_german_and_an_english_reply_get_their_techniques() {
    let (ok, lines) = run(
        "de\tDas tut mir wirklich leid. Ich schicke Ihnen heute noch kostenlos Ersatz.\n\
         en\tCalm down! That's not my department.\n"
            .as_bytes(),
    );
    assert!(ok);
    assert_eq!(
        lines,
        [
            r#"{"techniques":["apology","solution"],"misapplied":[]}"#,
            r#"{"techniques":[],"misapplied":["calm","refer"]}"#,
        ]
    );
}

#[test]
fn a_negated_referral_is_no_referral() {
    let (_, lines) = run("de\tIch kann Ihnen da leider nicht weiterhelfen.\n".as_bytes());
    assert_eq!(lines, [r#"{"techniques":[],"misapplied":[]}"#]);
}

#[test]
fn both_lists_are_always_present() {
    let (_, lines) = run(b"en\tOK.\nde\t\n");
    assert_eq!(lines.len(), 2);
    for line in lines {
        assert!(
            line.contains(r#""techniques":["#) && line.contains(r#""misapplied":["#),
            "{line}"
        );
    }
}

#[test]
fn a_line_without_a_tab_gets_an_error_with_its_number() {
    let (ok, lines) = run(b"en\tSorry about that.\njust some text\n");
    assert!(ok);
    assert_eq!(
        lines[1],
        r#"{"error":"expected `lang<TAB>text`, found no tab","line":2}"#
    );
}

#[test]
fn an_unknown_language_is_named_and_escaped() {
    let (_, lines) = run(b"fr\"x\tBonjour\n");
    assert_eq!(
        lines,
        [r#"{"error":"unknown language `fr\"x`; use de or en","line":1}"#]
    );
}

#[test]
fn invalid_utf8_gets_an_error_and_the_next_line_is_still_read() {
    let (ok, lines) = run(b"de\t\xff\xfe kaputt\nen\tI'm sorry.\n");
    assert!(ok);
    assert_eq!(
        lines,
        [
            r#"{"error":"line is not valid UTF-8","line":1}"#,
            r#"{"techniques":["apology"],"misapplied":[]}"#,
        ]
    );
}

#[test]
fn an_over_long_line_gets_an_error_and_is_skipped() {
    let mut input = b"de\t".to_vec();
    input.extend(std::iter::repeat_n(b'a', 100_000));
    input.extend_from_slice(b"\nen\tSorry.\n");
    let (ok, lines) = run(&input);
    assert!(ok);
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with(r#"{"error":"line is longer than"#)
            && lines[0].ends_with(r#""line":1}"#),
        "{}",
        lines[0]
    );
    assert!(lines[1].starts_with(r#"{"techniques":"#), "{}", lines[1]);
}

#[test]
fn an_empty_line_gets_an_error_so_answers_stay_in_step() {
    let (_, lines) = run(b"\nen\tSorry.\r\n");
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        r#"{"error":"empty line; expected `lang<TAB>text`","line":1}"#
    );
}

#[test]
fn the_last_line_needs_no_newline() {
    let (_, lines) = run(b"en\tSorry.");
    assert_eq!(lines, [r#"{"techniques":["apology"],"misapplied":[]}"#]);
}
