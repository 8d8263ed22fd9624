// Pyodide's asyncio in headless Chromium, for scripts/bench.sh scheduler: the npm package's own
// core (pyodide.asm.wasm, python_stdlib.zip), unpacked under target/bench-pyodide/package by the
// bench and served from 127.0.0.1, so nothing is downloaded at run time. Runs the ping-pong and
// the spawn + gather of scripts/bench/asyncio_sched.py on Pyodide's WebLoop (the page's event
// loop), one warm-up then REPEATS runs, and prints `PY | pyodide | <case> | <median> | <min> |
// <max> | <n>` in operations per second.
// Usage: node scripts/bench/pyodide_sched.mjs <package-dir> [switches] [tasks] [repeats]
import { launch } from '../../tests/e2e/browser.mjs';
import { servePyodide } from './pyodide_server.mjs';

const [dir, switchesArg, tasksArg, repeatsArg] = process.argv.slice(2);
const SWITCHES = Number(switchesArg ?? 200000);
const TASKS = Number(tasksArg ?? 100000);
const REPEATS = Number(repeatsArg ?? 7);
const PAGE = `<!doctype html><meta charset="utf-8"><title>pyodide bench</title>
<script type="module">
import { loadPyodide } from './pyodide.mjs';
window.py = await loadPyodide({ indexURL: './' });
await window.py.runPythonAsync(\`
import asyncio, time

async def turns(n):
    for _ in range(n):
        await asyncio.sleep(0)

async def switches(n):
    t0 = time.perf_counter()
    await asyncio.gather(turns(n // 2), turns(n // 2))
    return n / (time.perf_counter() - t0)

async def once():
    await asyncio.sleep(0)

async def gather(n):
    t0 = time.perf_counter()
    await asyncio.gather(*[asyncio.create_task(once()) for _ in range(n)])
    return n / (time.perf_counter() - t0)
\`);
window.ready = true;
</script>`;

const server = await servePyodide(dir, 'bench.html', PAGE);
const context = await launch();
const page = await context.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto(server.url);
await page.waitForFunction(() => window.ready === true, null, { timeout: 120_000 });
const run = (expr) => page.evaluate((e) => window.py.runPythonAsync(e), expr);
const spread = (xs) => { const s = [...xs].sort((a, b) => a - b); return [s[s.length >> 1], s[0], s[s.length - 1]]; };
for (const [name, expr, n] of [['switches', `await switches(${SWITCHES})`, SWITCHES], ['gather', `await gather(${TASKS})`, TASKS]]) {
  await run(expr); // warm-up
  const rates = [];
  for (let i = 0; i < REPEATS; i++) {
    await page.waitForTimeout(30);
    rates.push(await run(expr));
  }
  const [med, lo, hi] = spread(rates);
  console.log(`PY | pyodide | ${name} | ${med.toFixed(0)} | ${lo.toFixed(0)} | ${hi.toFixed(0)} | ${n}`);
}
console.log(`PYODIDE | ${await page.evaluate(() => window.py.version)} |`);
await context.close();
server.close();
