//! Invalid scenario fixtures: each file in `tests/fixtures/` (except `valid-*`)
//! must fail with exactly the errors its `# expect-error: LINE:COL message`
//! comments name — no more, no fewer.

use counterpart::engine::{LoadError, load};
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
                            && d.message.contains(message.as_str())
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
