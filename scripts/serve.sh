#!/usr/bin/env bash
# Installs whatever is missing (build tools, and Chromium + the test tools so scripts/test.sh is
# ready too), then builds AwaitLab (release) and serves it on 127.0.0.1, rebuilding
# on change. Usage: scripts/serve.sh [port]   (default 8080)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh test
PORT="${1:-${PORT:-8080}}"
echo
echo "  AwaitLab will be served at  http://127.0.0.1:$PORT/"
echo "  (first build takes a few minutes; Ctrl-C stops the server)"
echo
# Rebuilt on every change: no offline copy to go stale (scripts/precache.mjs).
export AWAITLAB_SW=off
exec trunk serve --release --address 127.0.0.1 --port "$PORT" --public-url /
