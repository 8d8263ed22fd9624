// End-to-end soak (issue "Fast and unbreakable"): 1,000 consecutive runs on one page, as a person
// pressing Run over and over through a session, across programs, Rust scenarios, pools and the
// loop worker. Every run ends by itself with no error and the same console lines as the first run
// of its form; the page's wasm memory and JS heap (after a forced garbage collection) show no trend.
// `SOAK_RUNS=n` runs fewer (whole rounds of the forms).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, waitFor, runAgain, consoleLines } from './helpers.mjs';

const s = suite();

// Short runs (speed: ms per scenario second) so that a thousand fit in a minute or two.
const FORMS = [
  ['countdown', 'async', 'page'], ['gather', 'gather', 'page'], ['queue', 'async', 'page'],
  ['countdown', 'pool', 'page'], ['countdown', 'async', 'worker'], ['tasks', 'tasks', 'page'],
  ['wait-timeout', 'wait', 'page'], ['queue', 'blocking', 'page'],
];
const RUNS_PER_FORM = 25;
const SPEED = '5';

/** The run's console lines with the figures taken out and sorted: elapsed times vary run to run,
 * and so does the order of lines due at the same moment (a few ms apart at this speed). */
const shape = (lines) => lines.map((l) => l.replace(/\d+(\.\d+)?/g, '#')).sort().join('\n');

test('1,000 consecutive runs: each ends with its form\'s console and no error; memory shows no trend', async () => {
  const rounds = Math.max(1, Math.round(Number(process.env.SOAK_RUNS || 1000) / (FORMS.length * RUNS_PER_FORM)));
  const runs = rounds * FORMS.length * RUNS_PER_FORM;
  const { page, errors } = await s.open(`s=countdown&mode=async&speed=${SPEED}`);
  await waitFor(page, ['idle']);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const firstConsole = new Map();
  const samples = [];
  const t0 = Date.now();
  let n = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const [scenario, mode, placement] of FORMS) {
      await page.selectOption('[data-testid=scenario]', scenario);
      await page.click(`[data-testid=mode-${mode}]`);
      await page.fill('#param-speed', SPEED);
      await page.click(`[data-testid=loop-${placement}]`);
      await page.waitForFunction(([sc, m, sp]) => {
        const q = new URL(location.href).searchParams;
        return q.get('s') === sc && (q.get('mode') ?? m) === m && q.get('speed') === sp;
      }, [scenario, mode, SPEED]);
      const form = `${scenario}/${mode} (${placement})`;
      for (let i = 0; i < RUNS_PER_FORM; i += 1, n += 1) {
        const trace = await runAgain(page);
        const state = await page.evaluate(() => document.documentElement.dataset.runState);
        assert.equal(state, 'done', `${form}, run ${n}: ${JSON.stringify(trace?.otherData)}`);
        assert.equal(trace.otherData.error, undefined, `${form}, run ${n}`);
        const text = shape(await consoleLines(page));
        if (!firstConsole.has(form)) firstConsole.set(form, text);
        assert.equal(text, firstConsole.get(form), `${form}, run ${n}: the console differs from the form's first run`);
      }
    }
    // At each round's end (the same form each time): wasm memory, and the JS heap after a GC.
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    samples.push({
      wasm: (await page.evaluate(() => window.awaitlab.resources())).wasmBytes,
      heap: metrics.find((m) => m.name === 'JSHeapUsedSize').value,
    });
  }
  const mb = (b) => (b / 1048576).toFixed(2);
  console.log(`# ${runs} runs in ${((Date.now() - t0) / 1000).toFixed(0)} s; by round: wasm ${samples.map((x) => mb(x.wasm)).join(' ')} MB; `
    + `JS heap ${samples.map((x) => mb(x.heap)).join(' ')} MB`);
  // No trend: from the second round (the first warms caches and grows memory once) to the last,
  // wasm memory (which never shrinks) grows at most 2 MB and the JS heap at most 5 MB.
  const warm = samples[Math.min(1, samples.length - 1)];
  const end = samples.at(-1);
  assert.ok(end.wasm - warm.wasm <= 2 * 1048576, `wasm memory ${mb(warm.wasm)} → ${mb(end.wasm)} MB`);
  assert.ok(end.heap - warm.heap <= 5 * 1048576, `JS heap ${mb(warm.heap)} → ${mb(end.heap)} MB`);
  assert.deepEqual(errors, []);
  await cdp.detach();
  await page.close();
});
