//! Scenario, imported and stored text is only ever rendered as text: no
//! `inner_html` (Leptos), `set_inner_html` (web-sys) or `innerHTML` (JS)
//! anywhere in the app's sources, except in the commented allowlist below.

use std::path::Path;

/// `(file, reason)` pairs allowed to set HTML. Keep it empty if you can.
const ALLOWED: &[(&str, &str)] = &[
    (
        "src/ui/avatar.rs",
        "the portrait's SVG is built by counterpart::portrait only from fixed strings \
         chosen by closed vocabulary values (age, hair, skin…) and the mood number; \
         no scenario or stored text reaches it",
    ),
    (
        "public/preload.js",
        "it inserts the first turn's HTML that counterpart-compile wrote at build \
         time from the shipped scenarios (src/early_turn.rs), fetched from the app's \
         own origin; every scenario text in it is escaped (tested there), and no \
         imported scenario or stored text reaches it",
    ),
];

const FORBIDDEN: &[&str] = &[
    "inner_html",
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "document.write",
];

fn sources(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, found);
        } else if path
            .extension()
            .is_some_and(|e| e == "rs" || e == "js" || e == "html")
        {
            found.push(path);
        }
    }
}

#[test]
fn no_source_sets_html_from_strings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    sources(&root.join("public"), &mut files);
    files.push(root.join("index.html"));
    assert!(files.len() > 20, "expected the app's sources");
    let mut hits = Vec::new();
    for file in &files {
        let relative = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        if ALLOWED.iter().any(|(allowed, _)| *allowed == relative) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (number, line) in text.lines().enumerate() {
            for word in FORBIDDEN {
                if line.contains(word) && !line.trim_start().starts_with("//") {
                    hits.push(format!("{relative}:{}: {word}", number + 1));
                }
            }
        }
    }
    assert!(
        hits.is_empty(),
        "HTML set from strings (render text instead, or allowlist with a reason):\n{}",
        hits.join("\n")
    );
}
