#!/usr/bin/env bash
# Measures the executor and the timeline layout, natively and in headless Chromium, side by side
# in one run, and rewrites BENCHMARKS.md with the figures. Usage: scripts/bench.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh test
export CHROMEDRIVER=/usr/bin/chromedriver

echo "== native (cargo run --release --example bench_core)"
native="$(cargo run --quiet --release -p awaitlab-core --example bench_core | grep -E '^(BENCH|RATIO) \|')"
echo "$native"
echo "== browser (wasm-bindgen-test, release, headless Chromium)"
browser="$(cargo test --release --target wasm32-unknown-unknown --test browser_bench -- --nocapture 2>&1 \
  | grep -E '^(BENCH|RATIO) \|')"
echo "$browser"

echo "== worker pool (trunk build --release, dist/ in headless Chromium)"
trunk build --release >/dev/null 2>&1
pool="$(node scripts/bench_pool.mjs | grep -E '^(BENCH|RATIO) \|')"
echo "$pool"

rows() { sed -E 's/^(BENCH|RATIO) \| */| /; s/ *\| *$/ |/'; }
{
  echo "# AwaitLab benchmarks"
  echo
  echo "Regenerate with \`scripts/bench.sh\`. Figures from one run on $(nproc) cores,"
  echo "$(/usr/bin/chromium --version 2>/dev/null | head -1 | sed 's/ built.*//'), $(rustc --version | cut -d' ' -f1-2), $(date -u +%Y-%m-%d)."
  echo "Timing figures vary run to run on a shared machine; compare rows of the same run."
  echo
  echo "## In the browser (release wasm)"
  echo
  echo "Two tasks taking turns with \`yield_now\`, 200,000 switches. \`spawn_local\` wakes each task"
  echo "through the microtask queue; our loop owns its ready queue and drains it within one turn,"
  echo "while recording every poll (one timestamp per poll) into the trace."
  echo
  echo "| what | per operation | rate |"
  echo "|---|---|---|"
  echo "$browser" | grep '^BENCH' | rows
  echo
  echo "| ratio | value |"
  echo "|---|---|"
  echo "$browser" | grep '^RATIO' | sed -E 's/^RATIO \| *//; s/ *\| *$//; s/ \| / | /' | sed 's/^/| /; s/$/ |/'
  echo
  echo "## The worker pool (release build, the page driven by URL)"
  echo
  echo "\`primes\` on two 16-digit primes at speed=1000: \`sync\` on the page's loop against \`pool\` with 1"
  echo "and 2 Web Workers (warm: the page starts spare workers as it loads), interleaved, median of 3."
  echo "The round trip is a job that does nothing on a warm worker, read off its post and reply spans"
  echo "(without cross-origin isolation the browser's clock ticks in 0.1 ms steps)."
  echo
  echo "| what | per operation | rate |"
  echo "|---|---|---|"
  echo "$pool" | grep '^BENCH' | rows
  echo
  echo "| ratio | value |"
  echo "|---|---|"
  echo "$pool" | grep '^RATIO' | sed -E 's/^RATIO \| *//; s/ *\| *$//' | sed 's/^/| /; s/$/ |/'
  echo
  echo "## Native (the pure core)"
  echo
  echo "| what | per operation | rate |"
  echo "|---|---|---|"
  echo "$native" | grep '^BENCH' | rows
  echo
  echo "| ratio | value |"
  echo "|---|---|"
  echo "$native" | grep '^RATIO' | sed -E 's/^RATIO \| *//; s/ *\| *$//' | sed 's/^/| /; s/$/ |/'
} > BENCHMARKS.md
echo "wrote BENCHMARKS.md"
