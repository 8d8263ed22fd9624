// The worker pool's figures, measured on the built dist/ in headless Chromium: primes `sync`
// against `pool` with 1 and 2 workers and against `sync` with its loop in a worker (same numbers,
// interleaved, median of 3), and the cost of
// one job round trip (post, a kernel that does nothing, reply). Prints `BENCH | …` and
// `RATIO | …` rows for scripts/bench.sh. Usage: node scripts/bench_pool.mjs (after trunk build).
import { serve } from '../tests/e2e/server.mjs';
import { launch } from '../tests/e2e/browser.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NUMBERS = '9637529763296797,9007199254740881';
const server = await serve(process.env.DIST ?? join(ROOT, 'dist'));
const context = await launch();
const page = await context.newPage();

async function run(query) {
  await page.goto(`${server.url}?${query}`);
  await page.waitForFunction(() => document.querySelector('[data-testid=run]'), null, { timeout: 30_000 });
  await page.waitForTimeout(800); // the page's spare workers load
  await page.click('[data-testid=run]');
  await page.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.runState), null, { timeout: 60_000 });
  return page.evaluate(() => window.awaitlab.trace());
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const modes = {
  sync: 'mode=sync',
  'pool, 1 worker': 'mode=pool&workers=1',
  'pool, 2 workers': 'mode=pool&workers=2',
  // The same blocking program with its loop in a worker: the interpreter in a worker's engine.
  'sync, loop in a worker': 'mode=sync&loop=worker',
};
const totals = Object.fromEntries(Object.keys(modes).map((k) => [k, []]));
for (let round = 0; round < 3; round++) {
  for (const [name, q] of Object.entries(modes)) {
    const t = await run(`s=primes&${q}&numbers=${NUMBERS}&speed=1000`);
    totals[name].push(t.otherData.measured_total_s * 1000);
  }
}
const ms = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, median(v)]));
for (const [name, v] of Object.entries(ms)) {
  console.log(`BENCH | primes ${name}: two 16-digit primes (≈ 2 × 49 M divisions), whole run | ${v.toFixed(0)} ms | — |`);
}
console.log(`RATIO | primes pool with 1 worker vs sync | ${(ms.sync / ms['pool, 1 worker']).toFixed(2)}× the speed |`);
console.log(`RATIO | primes pool with 2 workers vs sync | ${(ms.sync / ms['pool, 2 workers']).toFixed(2)}× the speed |`);
console.log(`RATIO | primes pool with 2 workers vs 1 worker | ${(ms['pool, 1 worker'] / ms['pool, 2 workers']).toFixed(2)}× the speed |`);
console.log(`RATIO | primes sync with its loop in a worker vs on the page | ${(ms.sync / ms['sync, loop in a worker']).toFixed(2)}× the speed |`);

// Round trips: 20 jobs that do nothing (is_prime(2)) on one warm worker; the first is left out.
const t = await run(`s=primes&mode=pool&workers=1&numbers=${Array(8).fill(2).join(',')}&speed=1000`);
const lane = t.traceEvents.filter((e) => e.name === 'thread_name').find((e) => e.args.name === 'worker 1').tid;
const spans = t.traceEvents.filter((e) => e.tid === lane && e.ph === 'X');
const trips = [];
for (let id = 2; id <= 8; id++) {
  const post = spans.find((e) => e.name === `post job #${id}`);
  const reply = spans.find((e) => e.name === `reply job #${id}`);
  if (post && reply) trips.push({ total: reply.ts + reply.dur - post.ts, post: post.dur, reply: reply.dur });
}
const rt = median(trips.map((x) => x.total));
console.log(`BENCH | job round trip on a warm worker: post, is_prime(2), reply (median of ${trips.length}) | ${(rt / 1000).toFixed(3)} ms | ${(1e6 / rt).toFixed(0)} /s |`);
console.log(`BENCH | of which post (page → worker starts the kernel) | ${(median(trips.map((x) => x.post)) / 1000).toFixed(3)} ms | — |`);
console.log(`BENCH | of which reply (kernel ends → the loop has the answer) | ${(median(trips.map((x) => x.reply)) / 1000).toFixed(3)} ms | — |`);
await context.close();
await server.close();
