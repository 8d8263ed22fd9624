#!/usr/bin/env bash
# Installs what AwaitLab needs on a fresh machine, skipping every tool already at the right version.
#   scripts/setup.sh        build tools (wasm32 target, trunk, wasm-bindgen-cli, wasm-opt)
#   scripts/setup.sh test   the same, plus Chromium + chromedriver and the test tools (wasm-pack)
#   scripts/setup.sh bench  the same as test, plus a Python venv with uvloop (target/bench-venv)
# Meant to be sourced by serve.sh and test.sh (it extends PATH), but runs on its own too.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WANT="${1:-build}"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# wasm-bindgen-cli must match the wasm-bindgen pinned in Cargo.toml exactly.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' "$ROOT/Cargo.toml")"
TRUNK_SERIES="0.21"
# What users run the browser tests with (`wasm-pack test --headless --chrome`).
WASM_PACK_VERSION="0.15.1"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^$component"; then
    say "adding rustup component $component"
    rustup component add "$component"
  fi
done
if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_SERIES\."; then
  say "installing trunk $TRUNK_SERIES (a one-time build of about 15 minutes)"
  cargo install --locked trunk --version "^$TRUNK_SERIES"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile names a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi
# wasm-opt (binaryen 132), playwright-core and axe-core (the accessibility audit) come from
# package.json; Debian's wasm-opt is too old.
if ! [ -x "$ROOT/node_modules/.bin/wasm-opt" ] || ! [ -d "$ROOT/node_modules/playwright-core" ] \
  || ! [ -d "$ROOT/node_modules/axe-core" ]; then
  say "installing npm tools (binaryen, playwright-core, axe-core)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
fi
if [ "$WANT" = test ] || [ "$WANT" = bench ]; then
  if ! wasm-pack --version 2>/dev/null | grep -q " $WASM_PACK_VERSION\$"; then
    say "installing wasm-pack $WASM_PACK_VERSION (a one-time build of about 5 minutes)"
    cargo install --locked wasm-pack --version "=$WASM_PACK_VERSION"
  fi
  if ! [ -x /usr/bin/chromium ] || ! [ -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  # A CJK font, so that screenshots of Chinese text (programs, console lines) show characters,
  # not boxes. Best effort: a machine without the package still runs every test.
  if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then
    say "installing a CJK font (fonts-wqy-microhei)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1 \
      || { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1; } \
      || say "could not install fonts-wqy-microhei: Chinese text will screenshot as boxes"
  fi
fi
# The scheduler benchmark runs CPython's asyncio and uvloop beside the browser (scripts/bench/):
# uvloop from PyPI into a venv of the repo's ignored target/, made once.
if [ "$WANT" = bench ]; then
  BENCH_PY="$ROOT/target/bench-venv/bin/python"
  if ! "$BENCH_PY" -c 'import uvloop' 2>/dev/null; then
    say "installing uvloop into target/bench-venv (python3 $(python3 -c 'import platform; print(platform.python_version())'))"
    python3 -m venv "$ROOT/target/bench-venv"
    "$BENCH_PY" -m pip install --quiet --disable-pip-version-check uvloop
  fi
  export BENCH_PY
fi
say "tools ready: $(trunk --version), wasm-bindgen $WASM_BINDGEN_VERSION, $(wasm-opt --version | head -1)"
