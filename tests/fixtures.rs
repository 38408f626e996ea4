//! Invalid scenario fixtures: each file in `tests/fixtures/` (except `valid-*`)
//! must fail with exactly the errors its `# expect-error: LINE:COL message`
//! comments name — no more, no fewer. Every problem is also worded in German.

use counterpart::engine::{Bilingual, Diagnostic, LoadError, load, load_untrusted};
use std::path::{Path, PathBuf};

fn fixture_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/fixtures exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

fn is_valid_fixture(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("valid-"))
}

#[test]
fn valid_fixtures_load() {
    for path in fixture_files().iter().filter(|p| is_valid_fixture(p)) {
        let source = std::fs::read_to_string(path).expect("readable");
        if let Err(e) = load(&path.display().to_string(), &source) {
            panic!("{} should load: {e}", path.display());
        }
    }
}

#[test]
fn invalid_fixtures_fail_with_the_errors_they_name() {
    let files: Vec<PathBuf> = fixture_files()
        .into_iter()
        .filter(|p| !is_valid_fixture(p))
        .collect();
    assert!(files.len() >= 10, "expected the invalid fixtures");
    for path in &files {
        let name = path.display().to_string();
        let source = std::fs::read_to_string(path).expect("readable");
        let expected: Vec<(String, String)> = source
            .lines()
            .filter_map(|l| l.strip_prefix("# expect-error: "))
            .map(|rest| {
                let (position, message) = rest.split_once(' ').unwrap_or((rest, ""));
                (position.to_string(), message.to_string())
            })
            .collect();
        assert!(!expected.is_empty(), "{name}: names no expected error");
        let Err(LoadError(found)) = load(&name, &source) else {
            panic!("{name}: loaded, but must fail");
        };
        for (position, message) in &expected {
            assert!(
                found
                    .iter()
                    .any(
                        |d| format!("{}:{}", d.location.line, d.location.column) == *position
                            && d.message.en.contains(message.as_str())
                            && d.file == name
                            && d.hint.is_some()
                    ),
                "{name}: expected `{position} {message}` (with a hint), found:\n{}",
                found
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        assert_eq!(
            found.len(),
            expected.len(),
            "{name}: unexpected extra errors: {found:#?}"
        );
    }
}

/// Fails if `text` was left in English or left empty in German.
fn assert_german(d: &Diagnostic, text: &Bilingual) {
    assert!(!text.de.trim().is_empty(), "no German text: {d}");
    assert_ne!(text.de, text.en, "German text is the English one: {d}");
}

fn assert_all_german(found: &[Diagnostic]) {
    for d in found {
        assert_german(d, &d.message);
        if let Some(hint) = &d.hint {
            assert_german(d, hint);
        }
    }
}

#[test]
fn every_problem_in_the_invalid_fixtures_is_worded_in_german() {
    for path in fixture_files().iter().filter(|p| !is_valid_fixture(p)) {
        let name = path.display().to_string();
        let source = std::fs::read_to_string(path).expect("readable");
        let Err(LoadError(found)) = load(&name, &source) else {
            panic!("{name}: loaded, but must fail");
        };
        assert_all_german(&found);
    }
}

/// The messages the fixtures do not reach, each from a small broken file:
/// so no German text is forgotten there either.
#[test]
fn problems_beyond_the_fixtures_are_worded_in_german() {
    let valid = include_str!("fixtures/valid-minimal.toml");
    let edit = |from: &str, to: &str| {
        assert!(valid.contains(from), "the fixture has `{from}`");
        valid.replacen(from, to, 1)
    };
    let nodes_at = valid.find("[[node]]").expect("the fixture has nodes");
    let sources = [
        // Required top-level fields missing.
        String::new(),
        // Wrong types, an unknown field with no near name, unknown and doubled languages.
        "format = \"1\"\nlanguages = \"de\"\nextra = 1\n[scenario]\ntitle = 5\n".to_string(),
        "format = 2\nlanguages = [\"de\", \"de\", \"fr\"]\nnode = 3\n".to_string(),
        "format = 1\nlanguages = []\n".to_string(),
        format!("{}node = [1]\n", &valid[..nodes_at]),
        // Texts, moods and ranges.
        edit("de = \"Kleiner Test\"", "de = \" \""),
        edit("start_mood = 50", "start_mood = [70, 50]"),
        edit("start = \"open\"", "start = 5"),
        edit("difficulty = 1\n", ""),
        edit(
            "mood_reason = { de = \"zugehört\", en = \"listened\" }\n",
            "",
        ),
        edit("mood_at_least = 80", "mood_at_least = 180"),
        edit("mood_at_least = 80\n", ""),
        edit("techniques = [\"explain\"]", "techniques = [\"zzzzzz\"]"),
        // Nodes, replies and endings.
        edit(
            "lines = [{ de = \"Und jetzt?\", en = \"And now?\" }]",
            "lines = []",
        ),
        edit("lines = [{ de = \"Und jetzt?\", en = \"And now?\" }]\n", ""),
        edit("id = \"middle\"", "name = \"middle\""),
        edit("id = \"shrug\"\n", ""),
        edit("start = \"open\"", "start = \"happy\""),
        edit("title = { de = \"Gelöst\", en = \"Resolved\" }\n", ""),
        edit(
            "[node.ending]\n  outcome = \"resolved\"",
            "ending = 5\n  [node.x]\n  outcome = \"resolved\"",
        ),
        format!("{valid}\n[[node]]\nid = \"dead\"\nlines = [{{ de = \"…\", en = \"…\" }}]\n"),
        format!("{valid}\n[[node]]\nid = \"more\"\nreply = 5\n"),
    ];
    for (i, source) in sources.iter().enumerate() {
        let Err(LoadError(found)) = load("broken.toml", source) else {
            panic!("source {i} loaded, but must fail:\n{source}");
        };
        assert_all_german(&found);
    }
    let Err(LoadError(found)) = load("Bad Name.toml", valid) else {
        panic!("a bad file name must fail");
    };
    assert_all_german(&found);
    let Err(LoadError(found)) = load_untrusted("big.toml", &" ".repeat(2 << 20)) else {
        panic!("a huge file must fail");
    };
    assert_all_german(&found);
}
