#!/usr/bin/env bash
# Installs what is missing, then runs every check and test suite: formatting, clippy (native and
# wasm32), native tests, browser tests (wasm-bindgen-test in headless Chromium), the release build,
# and the end-to-end tests against the built dist/ on 127.0.0.1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh test

step() { printf '\n\033[1;32m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check
step "clippy (native)"
cargo clippy --workspace --all-targets -- -D warnings
step "clippy (wasm32)"
cargo clippy --workspace --target wasm32-unknown-unknown --all-targets -- -D warnings
step "native tests (the core crate: runtime, virtual-time scenarios, layout)"
cargo test --workspace
step "release build (trunk → dist/; the browser tests load its worker script)"
trunk build --release
step "browser tests (wasm-pack test --headless --chrome: the runtime on Chromium's real event loop)"
# Debian's chromedriver, so wasm-pack downloads nothing; webdriver.json carries Chromium's flags.
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120
wasm-pack test --headless --chrome -- \
  --test browser_runtime --test browser_http --test browser_cpu --test browser_pool
step "end-to-end tests (dist/ served on 127.0.0.1, headless Chromium)"
mkdir -p artifacts
node --test --test-concurrency=1 tests/e2e/
