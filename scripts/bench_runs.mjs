// Run totals as a person meets them, measured on a built dist/ in headless Chromium: for each URL,
// a cold first run (a fresh browser profile, autorun=1 — what a shared link or an embedded demo
// is) and the second and third runs on the same page (Run pressed again), each against the
// prediction. Median of REPEATS fresh browsers. Prints `RUNS | …` rows for scripts/bench.sh.
// Usage: node scripts/bench_runs.mjs [dist-dir] [repeats] [dist-dir built before a change]
import { serve } from '../tests/e2e/server.mjs';
import { launch } from '../tests/e2e/browser.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const REPEATS = Number(process.argv[3] ?? 3);

/** The cases: cold first runs, and blocking modes that must add up to their sleeps. */
export const CASES = [
  's=await&mode=sequential',
  's=run-until-complete&mode=run',
  's=countdown&mode=pool',
  's=countdown&mode=async',
  's=countdown&mode=sync',
  's=countdown&mode=sync&delays=0.3,0.2,0.1&count=2&speed=200',
  's=countdown&mode=blocking',
  's=queue&mode=blocking&speed=40',
];

const settled = (page) =>
  page.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.runState), null, {
    timeout: 120_000,
  });

/** Cold first run (autorun) then two more on the same page: [first, second, third, predicted]. */
async function threeRuns(server, query) {
  const context = await launch();
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}?${query}&autorun=1`);
    await settled(page);
    const totals = [];
    const first = await page.evaluate(() => window.awaitlab.trace());
    totals.push(first.otherData.measured_total_s);
    for (let i = 0; i < 2; i++) {
      // A blocking run may freeze the page before a poll could see `running`: clear the state
      // first, and wait for the next run's end.
      await page.evaluate(() => { document.documentElement.dataset.runState = 'pressed'; });
      await page.click('[data-testid=run]');
      await settled(page);
      totals.push((await page.evaluate(() => window.awaitlab.trace())).otherData.measured_total_s);
    }
    return [...totals, first.otherData.predicted_total_s];
  } finally {
    await context.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x) => x.toFixed(2);

/** Medians of REPEATS fresh browsers on `dist` for `query`: [first, second, third, predicted, firsts]. */
async function measure(server, query) {
  const samples = [];
  for (let r = 0; r < REPEATS; r++) samples.push(await threeRuns(server, query));
  const col = (i) => samples.map((s) => s[i]);
  return [0, 1, 2].map((i) => median(col(i))).concat([samples[0][3], col(0)]);
}

// With a second dist (a build from before a change), both are measured, one after the other for
// each case, so that they share the machine's mood.
const BEFORE = process.argv[4] ? resolve(process.argv[4]) : null;
const server = await serve(DIST);
const before = BEFORE ? await serve(BEFORE) : null;
try {
  for (const query of CASES) {
    const then = before ? await measure(before, query) : null;
    const now = await measure(server, query);
    const cells = (m) => (m ? `${fmt(m[0])} / ${fmt(m[1])} / ${fmt(m[2])} s` : '—');
    console.log(
      `RUNS | \`${query}\` | ${fmt(now[3])} s | ${cells(now)} | ${cells(then)} | ${now[4].map(fmt).join(', ')} |`,
    );
  }
} finally {
  await server.close();
  await before?.close();
}
