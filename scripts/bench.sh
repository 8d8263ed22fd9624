#!/usr/bin/env bash
# Measures the executor and the timeline layout, natively and in headless Chromium, side by side
# in one run, and rewrites BENCHMARKS.md with the figures. Usage: scripts/bench.sh [before-dist]
# (a dist/ built from an earlier commit, to measure run totals before and after a change; name it
# in BEFORE_LABEL).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh test
export CHROMEDRIVER=/usr/bin/chromedriver

# `scripts/bench.sh views <before-dist>`: only what the views cost (a live run's snapshots, canvas
# calls during Replay and hover), this tree's release build against <before-dist>, printed side
# by side as the rows of BENCHMARKS.md's section on it (which this does not rewrite).
if [ "${1:-}" = views ]; then
  before="${2:?usage: scripts/bench.sh views <before-dist> [events…]}"
  trunk build --release >/dev/null 2>&1
  echo "| what | before (${BEFORE_LABEL:-$before}) | after |"
  echo "|---|---|---|"
  node scripts/bench_views.mjs "$before" dist "${@:3}" | grep -E '^VIEWS \|' | sed -E 's/^VIEWS \| */| /'
  exit 0
fi

echo "== native (cargo run --release --example bench_core)"
native="$(cargo run --quiet --release -p awaitlab-core --example bench_core | grep -E '^(BENCH|RATIO) \|')"
echo "$native"
echo "== browser (wasm-bindgen-test, release, headless Chromium)"
browser="$(cargo test --release --target wasm32-unknown-unknown --test browser_bench -- --nocapture 2>&1 \
  | grep -E '^(BENCH|RATIO) \|')"
echo "$browser"

echo "== Python interpreter (release wasm in headless Chromium, then CPython on the same files)"
pybench="$(cargo test --release --target wasm32-unknown-unknown --test browser_python_bench -- --nocapture 2>&1 \
  | grep -E '^PYBENCH \|')"
echo "$pybench"
cpython_rows=""
for prog in crates/python/benches/programs/*.py; do
  name="$(basename "$prog" .py)"
  times=()
  for _ in 1 2 3; do times+=("$(python3 "$prog" | sed -n 's/^elapsed //p')"); done
  med="$(printf '%s\n' "${times[@]}" | sort -g | sed -n 2p)"
  cpython_rows+="$name $med"$'\n'
done
echo "$cpython_rows"

echo "== worker pool (trunk build --release, dist/ in headless Chromium)"
trunk build --release >/dev/null 2>&1
pool="$(node scripts/bench_pool.mjs | grep -E '^(BENCH|RATIO) \|')"
echo "$pool"

echo "== run totals as a person meets them (dist/ in fresh headless Chromium profiles)"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
runs="$(node scripts/bench_runs.mjs dist 3 ${1:-} | grep -E '^RUNS \|')"
echo "$runs"

echo "== download sizes (gzip -9 of dist/ files${1:+, and of $1})"
# What a first view downloads: the page, its script, styles and the app's wasm; the workers'
# wasm loads only when a run uses a pool (worker) or a loop worker (loop_worker).
gz() { if [ -f "$1" ]; then gzip -9c "$1" | wc -c; else echo 0; fi; }
sizes() {
  local dir="$1" kind file
  for kind in app worker loop_worker; do
    # The app's file name carries a hash (app-<hash>_bg.wasm); the workers' do not.
    file="$(ls "$dir"/${kind}-*_bg.wasm "$dir"/${kind}_bg.wasm 2>/dev/null | head -1)"
    echo "$kind $(gz "$file")"
  done
  echo "page $(for f in "$dir/index.html" "$dir"/app-*.js "$dir"/*.css; do gz "$f"; done | awk '{ s += $1 } END { print s }')"
}
size_now="$(sizes dist)"
size_before="$( [ -n "${1:-}" ] && sizes "$1" || true)"
echo "$size_now"
kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }
size_row() {
  local what="$1" key="$2" now before
  now="$(echo "$size_now" | awk -v k="$key" '$1 == k { print $2 }')"
  before="$(echo "$size_before" | awk -v k="$key" '$1 == k { print $2 }')"
  if [ -n "$before" ]; then
    echo "| $what | $(kb "$now") | $(kb "$before") | $(awk -v a="$now" -v b="$before" 'BEGIN { printf "%+.1f KB", (a - b) / 1024 }') |"
  else
    echo "| $what | $(kb "$now") | — | — |"
  fi
}
first_now="$(echo "$size_now" | awk '$1 == "app" || $1 == "page" { s += $2 } END { print s }')"
first_before="$(echo "$size_before" | awk '$1 == "app" || $1 == "page" { s += $2 } END { print s + 0 }')"

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
  echo "## Run totals as a person meets them (release build, the page driven by URL)"
  echo
  echo "Each URL opened with \`autorun=1\` in a fresh browser profile (a cold first run, as a shared"
  echo "link or an embedded demo always is), then Run pressed twice more on the same page; totals in"
  echo "scenario seconds, median of 3 browsers. The run's clock starts once the page has settled and"
  echo "a pool's workers have loaded; blocking code that never awaits gets no page turn between its"
  echo "blocking calls. Busy-wait sleeps overrun when the OS takes the core away, so a loaded machine"
  echo "reads high: load average at the start of this run: $load (on 2 cores)."
  if [ -n "${1:-}" ]; then
    echo "The *before* column is the same measurement of ${BEFORE_LABEL:-an earlier build}, taken case"
    echo "by case alongside."
  fi
  echo
  echo "| URL | predicted | first / second / third run | before: first / second / third | first runs |"
  echo "|---|---|---|---|---|"
  echo "$runs" | sed -E 's/^RUNS \| */| /; s/ *\| *$/ |/'
  echo
  echo "## Download sizes (release build, gzip -9)"
  echo
  echo "A first view downloads the page, its script and styles, and the app's wasm (the Python"
  echo "interpreter included); a worker's wasm loads only when a run uses a pool or \`loop=worker\`."
  if [ -n "${1:-}" ]; then
    echo "*Before*: ${BEFORE_LABEL:-an earlier build}."
  fi
  echo
  echo "| file | now | before | change |"
  echo "|---|---|---|---|"
  size_row "app wasm" app
  size_row "page, script and styles" page
  size_row "pool worker wasm" worker
  size_row "loop worker wasm" loop_worker
  if [ -n "$size_before" ]; then
    echo "| **first view** | **$(kb "$first_now")** | **$(kb "$first_before")** | **$(awk -v a="$first_now" -v b="$first_before" 'BEGIN { printf "%+.1f KB", (a - b) / 1024 }')** |"
  else
    echo "| **first view** | **$(kb "$first_now")** | — | — |"
  fi
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
  echo "## The Python interpreter against CPython 3.11 (same files, same machine, same run)"
  echo
  echo "Each program times itself with \`time.perf_counter()\` (in AwaitLab the run's clock at 1000 ms"
  echo "per scenario second: real time on the page's event loop). AwaitLab: release wasm in headless"
  echo "Chromium, one warm-up then the median of 3; CPython: \`python3\` on this machine, median of 3."
  echo "Programs: \`crates/python/benches/programs/\`."
  echo
  echo "| program | AwaitLab in Chromium | CPython 3.11 | AwaitLab speed vs CPython |"
  echo "|---|---|---|---|"
  while IFS='|' read -r _ name _ _ ms_field; do
    name="$(echo "$name" | xargs)"
    ms="$(echo "$ms_field" | sed -E 's/^ *([0-9.]+) ms.*/\1/')"
    cp_s="$(echo "$cpython_rows" | awk -v n="$name" '$1 == n { print $2 }')"
    cp_ms="$(awk -v s="$cp_s" 'BEGIN { printf "%.1f", s * 1000 }')"
    ratio="$(awk -v a="$ms" -v b="$cp_ms" 'BEGIN { if (a > 0) printf "%.2f×", b / a; else print "—" }')"
    echo "| $name | $(echo "$ms_field" | xargs) | $cp_ms ms | $ratio |"
  done <<< "$pybench"
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
