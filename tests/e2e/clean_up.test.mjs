// End-to-end: what a run leaves behind. `window.awaitlab.resources()` counts what the page holds
// (workers, the handlers held on them, pending timers, fetches in flight — counted by the owned
// types themselves); after a run ends and after Stop, nothing is left but the idle spare workers
// kept on purpose for the next pool run (one worker and three handlers each). And over repeated
// runs, after a forced garbage collection, the page's event listeners do not grow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, waitFor, runAgain } from './helpers.mjs';

const s = suite();

/** Waits until the page holds nothing but its idle spares; returns the counts. */
async function settled(page, what) {
  try {
    await page.waitForFunction(() => {
      const r = window.awaitlab.resources();
      return r.workers === r.spareWorkers && r.listeners === 3 * r.spareWorkers
        && r.timers === 0 && r.fetches === 0 && r.loops === 0;
    }, null, { timeout: 5_000 });
  } catch {
    assert.fail(`${what}: left ${JSON.stringify(await page.evaluate(() => window.awaitlab.resources()))}`);
  }
  return page.evaluate(() => window.awaitlab.resources());
}

/** Presses Run, waits until the run is under way (`ready` says how), presses Stop. */
async function runAndStop(page, ready) {
  await page.click('[data-testid=run]');
  await waitFor(page, ['running']);
  await page.waitForFunction(ready, null, { timeout: 20_000 });
  await page.click('[data-testid=stop]');
  assert.equal(await waitFor(page, ['idle', 'done', 'error'], 5_000), 'idle');
  const trace = await page.evaluate(() => window.awaitlab.trace());
  assert.match(trace.otherData.error, /stopped/);
}

const printed = () => document.querySelectorAll('[data-testid=console] .text').length > 0;

test('countdown pool: after the run and after Stop, only the idle spares are left', async () => {
  const { page, errors } = await s.open('s=countdown&mode=pool&speed=200&autorun=1');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const after = await settled(page, 'after the run');
  assert.ok(after.spareWorkers >= 3 && after.spareWorkers <= 8, JSON.stringify(after));
  // Stopped mid-run (the countdowns are running on their workers): the busy ones are terminated.
  await page.fill('#param-speed', '1000');
  await runAndStop(page, printed);
  const stopped = await settled(page, 'after Stop');
  assert.ok(stopped.spareWorkers <= after.spareWorkers, JSON.stringify(stopped));
  assert.deepEqual(errors, []);
  await page.close();
});

test('loop worker: after the run and after Stop, nothing is left', async () => {
  const { page, errors } = await s.open('s=queue&mode=blocking&speed=40&loop=worker&autorun=1');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  assert.equal((await settled(page, 'after the run')).workers, 0);
  await runAndStop(page, printed);
  assert.equal((await settled(page, 'after Stop')).workers, 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('http: after the run and after Stop with requests in flight, nothing is left', async () => {
  const { page, errors } = await s.open('s=http&mode=async&autorun=1');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  await settled(page, 'after the run');
  // Requests that take 30 s: stopped while they are in flight, they are aborted.
  s.server.delay(30_000);
  try {
    await page.fill('#param-urls', 'slow,slow');
    await page.fill('#param-latency', '0');
    await runAndStop(page, () => window.awaitlab.resources().fetches === 2);
    await settled(page, 'after Stop');
  } finally {
    s.server.delay(0);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('200 Stop-and-rerun cycles across the catalog, pools and the loop worker: nothing left after each, memory flat', async () => {
  // Forms a person goes through, each stopped mid-run: loops on the page and in a worker, pools,
  // programs and Rust scenarios, blocking and not.
  const forms = [
    ['countdown', 'async', 'page'], ['queue', 'blocking', 'page'], ['gather', 'gather', 'page'],
    ['countdown', 'pool', 'page'], ['countdown', 'async', 'worker'], ['tasks', 'tasks', 'page'],
    ['parents', 'race', 'page'], ['gather', 'threads', 'page'], ['queue', 'async', 'worker'],
    ['event-loop', 'browser', 'page'], ['wait-timeout', 'wait', 'page'], ['primes', 'yield', 'page'],
  ];
  // Whole rounds of the forms, so that the page ends on the form it is compared at (the page's
  // own listeners differ from form to form).
  const cycles = Math.ceil(Number(process.env.STOP_CYCLES || 200) / forms.length) * forms.length;
  const { page, errors } = await s.open('s=countdown&mode=async');
  await waitFor(page, ['idle']);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let where = '';
  const rounds = [];
  let stoppedMidRun = 0;
  const t0 = Date.now();
  for (let i = 0; i < cycles; i += 1) {
    const [scenario, mode, placement] = forms[i % forms.length];
    if (where !== `${scenario}/${mode}`) {
      if (!where.startsWith(`${scenario}/`)) {
        await page.selectOption('[data-testid=scenario]', scenario);
      }
      await page.click(`[data-testid=mode-${mode}]`);
      where = `${scenario}/${mode}`;
    }
    await page.click(`[data-testid=loop-${placement}]`);
    await page.waitForFunction(([sc, m]) => {
      const q = new URL(location.href).searchParams;
      return q.get('s') === sc && (q.get('mode') ?? m) === m;
    }, [scenario, mode]);
    await page.click('[data-testid=run]');
    await waitFor(page, ['running', 'done', 'error'], 20_000);
    // Stop a little into the run, at a different moment each time. (A blocking run holds the
    // page: the click lands when it lets go, perhaps after the run has ended.)
    await page.waitForTimeout(20 + (i * 37) % 120);
    await page.evaluate(() => document.querySelector('[data-testid=stop]').click());
    const state = await waitFor(page, ['idle', 'done', 'error'], 20_000);
    assert.notEqual(state, 'error', `${where} (${placement}), cycle ${i}`);
    const trace = await page.evaluate(() => window.awaitlab.trace());
    if (trace?.otherData?.end === 'stopped') stoppedMidRun += 1;
    await settled(page, `${where} (${placement}), cycle ${i}`);
    // At the end of each round (the same form each time): the page's memory and listeners.
    if ((i + 1) % forms.length === 0) {
      rounds.push({ wasm: (await page.evaluate(() => window.awaitlab.resources())).wasmBytes, listeners: await listenersAfterGc(cdp) });
    }
  }
  const [warm, end] = [rounds[1], rounds.at(-1)];
  const listeners = rounds.map((r) => r.listeners);
  console.log(`# ${cycles} cycles in ${((Date.now() - t0) / 1000).toFixed(0)} s, ${stoppedMidRun} stopped mid-run; `
    + `wasm ${warm.wasm} → ${end.wasm} bytes; listeners by round ${listeners.join(' ')}`);
  assert.ok(stoppedMidRun >= cycles / 2, `only ${stoppedMidRun} of ${cycles} runs were stopped mid-run`);
  assert.ok(end.wasm - warm.wasm <= 2 * 1024 * 1024, `wasm memory grew ${warm.wasm} → ${end.wasm}`);
  // A listener left per run would add a dozen a round (one per form), and more each round. The
  // page's own count wavers by a few from round to round, at random (seen: 46, now and then 50),
  // so no round of the second half may have grown by a round's worth over the first half's least.
  const mid = Math.floor(listeners.length / 2);
  const grown = Math.max(...listeners.slice(mid)) - Math.min(...listeners.slice(0, mid));
  assert.ok(grown < forms.length, `listeners by round: ${listeners.join(' ')}`);
  assert.deepEqual(errors, []);
  await cdp.detach();
  await page.close();
});

/** JS event listeners alive in the page after a forced garbage collection (Chrome's count). */
async function listenersAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSEventListeners').value;
}

test('repeated pool and loop worker runs leave no listeners behind (after forced GC)', async () => {
  for (const query of ['s=countdown&mode=pool&speed=20', 's=countdown&mode=async&speed=20&loop=worker']) {
    const { page, errors } = await s.open(query);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await runAgain(page);
    await settled(page, query);
    const before = await listenersAfterGc(cdp);
    const cycles = 4;
    for (let i = 0; i < cycles; i += 1) {
      await runAgain(page);
      await settled(page, query);
    }
    const after = await listenersAfterGc(cdp);
    console.log(`# ${query}: ${before} listeners after one run, ${after} after ${cycles} more`);
    assert.ok(after <= before, `${query}: ${before} → ${after} listeners over ${cycles} runs`);
    assert.deepEqual(errors, []);
    await cdp.detach();
    await page.close();
  }
});
