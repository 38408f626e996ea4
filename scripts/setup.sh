#!/usr/bin/env bash
# Installs what building and testing Counterpart needs, skipping what is
# already there at the right version. Sourced by scripts/serve and scripts/test.
#   wasm32 target · Trunk 0.21.14 · wasm-bindgen CLI = Cargo.lock
#   wasm-split-cli 0.2.4 (cuts the app's wasm into chunks, scripts/split-wasm.mjs) · npm packages
#   from package-lock.json (binaryen 132 = wasm-opt, Playwright, scorm-again,
#   workbox, SCORM XSDs, selenium-webdriver) · Debian chromium, xmllint and graphviz
#   · for the cross-engine tests: Debian firefox-esr, webkit2gtk-driver (WebKitGTK's
#   WebKitWebDriver and MiniBrowser) and xvfb, and geckodriver 0.37.1 from crates.io
#   · for the xAPI/cmi5 tests: Ralph 5.1.0 (PyPI ralph-malph, a real LRS, tests/lrs)
#   in a Python venv under ${XDG_CACHE_HOME:-~/.cache}/counterpart/
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TRUNK_VERSION=0.21.14
WASM_SPLIT_VERSION=0.2.4
GECKODRIVER_VERSION=0.37.1
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --force
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # No --locked: the CLI's own lock pins a dependency version the registry lacks.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes a few minutes once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! cargo install --list 2>/dev/null | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:" || ! command -v wasm-split-cli >/dev/null; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (takes a minute once)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js and npm"
  as_root apt-get update -qq && as_root apt-get install -y -qq nodejs npm
fi

if ! command -v chromium >/dev/null; then
  say "installing Debian's chromium (Playwright cannot download browsers here)"
  as_root apt-get update -qq && as_root apt-get install -y -qq chromium
fi

if ! command -v xmllint >/dev/null; then
  say "installing xmllint (libxml2-utils) to validate SCORM manifests"
  as_root apt-get update -qq && as_root apt-get install -y -qq libxml2-utils
fi

if ! command -v dot >/dev/null; then
  say "installing Graphviz (the checker's --graph output is tested with dot)"
  as_root apt-get update -qq && as_root apt-get install -y -qq graphviz
fi

# The cross-engine suite (tests/cross-engine): Firefox ESR and WebKitGTK, driven
# over WebDriver; WebKitGTK's MiniBrowser needs an X display, a private Xvfb.
missing=()
command -v firefox-esr >/dev/null || missing+=(firefox-esr)
command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
command -v Xvfb >/dev/null || missing+=(xvfb)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} for the cross-engine browser tests"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# geckodriver from crates.io: its npm wrapper downloads from GitHub, which fails here.
if [ "$(geckodriver --version 2>/dev/null | head -n 1 | cut -d ' ' -f 1,2)" != "geckodriver $GECKODRIVER_VERSION" ]; then
  say "installing geckodriver $GECKODRIVER_VERSION (takes a few minutes once)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked --force
fi

# Ralph, the LRS the xAPI/cmi5 tests talk to (tests/lrs/lms.mjs starts it), in
# its own venv outside the repository; RALPH_VENV tells the tests where.
RALPH_VERSION=5.1.0
export RALPH_VENV="${XDG_CACHE_HOME:-$HOME/.cache}/counterpart/ralph-$RALPH_VERSION"
if [ ! -x "$RALPH_VENV/bin/ralph" ]; then
  if ! command -v python3 >/dev/null || ! python3 -c 'import ensurepip' 2>/dev/null; then
    say "installing python3 and python3-venv for Ralph's venv"
    as_root apt-get update -qq && as_root apt-get install -y -qq python3 python3-venv
  fi
  say "installing Ralph $RALPH_VERSION (the test LRS) into $RALPH_VENV (takes a minute once)"
  python3 -m venv "$RALPH_VENV"
  "$RALPH_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "ralph-malph[backends,lrs,cli]==$RALPH_VERSION"
fi

# npm ci only when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages from package-lock.json"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

# Trunk builds offline (Trunk.toml): make sure every crate is in the local registry.
cargo fetch --locked >/dev/null 2>&1 || cargo fetch --locked

# scripts/build-release rebuilds std for the wasm (panic = immediate-abort):
# it needs std's sources and, for the offline build, std's own dependencies.
if ! rustup component list --installed 2>/dev/null | grep -qx rust-src; then
  say "adding the rust-src component (the release wasm rebuilds std)"
  rustup component add rust-src
fi
STD_MANIFEST="$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
RUSTC_BOOTSTRAP=1 cargo fetch --manifest-path "$STD_MANIFEST" --offline >/dev/null 2>&1 \
  || { say "fetching the crates std depends on"; RUSTC_BOOTSTRAP=1 cargo fetch --manifest-path "$STD_MANIFEST"; }

# binaryen 132's wasm-opt must come before any other (Debian's 108 breaks the module).
export PATH="$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
