// End-to-end, comparing two runs (issue 10): compare=<mode> (or the header's "Compare with")
// predicts the other mode beside this one, Run measures both one after the other on the page's
// loop and draws them on one time axis; the verdict's speed-up is the measured totals' ratio; the
// exported trace holds both runs; choosing the compared mode swaps the two; Stop during the
// second run keeps the first. Screenshots in artifacts/compare-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite, ARTIFACTS, waitFor } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const s = suite();
const { open } = s;

const data = (page) =>
  page.$eval('[data-testid=comparison]', (el) => ({
    first: parseFloat(el.dataset.firstS),
    second: parseFloat(el.dataset.secondS),
    times: parseFloat(el.dataset.times),
    faster: el.dataset.faster,
  }));

async function exported(page) {
  await page.click('[data-testid=export-menu] summary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export]')]);
  return JSON.parse(await readFile(await download.path(), 'utf8'));
}

test('compare=async: both modes measured in turn on one axis, the speed-up from their totals, both in the export', async () => {
  const { page, errors } = await open('s=countdown&mode=sync&compare=async&speed=100');
  await waitFor(page, ['idle']);
  assert.equal(await page.inputValue('[data-testid=compare]'), 'async');
  assert.ok(await page.isVisible('[data-testid=compared]'));
  // Before a run: the predictions only (6.9 s in turn against about 3 s at once).
  assert.match(await page.textContent('[data-testid=comparison]'), /Predicted: sync 6\.9 s, async 3(\.0\d*)? s/);
  assert.match(await page.textContent('[data-testid=compare-verdict]'), /Press Run/);
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  await page.waitForFunction(() => document.querySelector('[data-testid=comparison]').dataset.times !== '');
  const d = await data(page);
  // Measured: each run at least its prediction, within a wide margin on a shared machine.
  assert.ok(d.first >= 6.9 && d.first < 6.9 * 1.2, `sync ${d.first}`);
  assert.ok(d.second >= 2.95 && d.second < 3.0 * 1.25, `async ${d.second}`);
  assert.equal(d.faster, '1');
  assert.ok(Math.abs(d.times - d.first / d.second) < 1e-9, JSON.stringify(d));
  const verdict = await page.textContent('[data-testid=compare-verdict]');
  assert.match(verdict, new RegExp(`async was ${(d.first / d.second).toFixed(1)}× faster than sync`));
  // The first run's trace is the page's; the export holds both, the second as process 2.
  const first = await page.evaluate(() => window.awaitlab.trace());
  assert.ok(Math.abs(first.otherData.measured_total_s - d.first) < 1e-5);
  const both = await exported(page);
  assert.equal(both.otherData.mode, 'sync');
  assert.equal(both.otherData.compare.mode, 'async');
  assert.ok(Math.abs(both.otherData.compare.measured_total_s - d.second) < 1e-5);
  const pids = new Set(both.traceEvents.map((e) => e.pid));
  assert.deepEqual([...pids].sort(), [1, 2]);
  // One axis: the compared timeline spans what the first does (the view reports the first's).
  const view = await page.evaluate(() => window.awaitlab.view());
  assert.ok(view.end >= d.first * 100_000 * 0.99, `${view.end}`);
  // Both runs' loops at one moment: at 0.6 s sync's loop holds no timer (it blocks in
  // time.sleep), async's holds A, B and C asleep.
  const canvas = page.locator('canvas.timeline').first();
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const x = box.x + view.gutter + ((0.6 * 100_000 - view.start) / (view.end - view.start)) * (box.width - view.gutter);
  await page.mouse.click(x, box.y + box.height / 2);
  await page.waitForFunction(() => /0\.[56]/.test(document.querySelector('[data-testid=loop-compared] h2').textContent));
  assert.match(await page.textContent('[data-testid=loop] h2'), /sync/);
  assert.match(await page.textContent('[data-testid=loop-compared] h2'), /async/);
  const timers = (panel) => page.$$eval(`[data-testid=${panel}] [data-testid=loop-timers] li strong`, (els) => els.map((e) => e.textContent).sort());
  assert.deepEqual(await timers('loop'), []);
  assert.deepEqual(await timers('loop-compared'), ['A', 'B', 'C']);
  assert.equal(await page.getAttribute('[data-testid=loop-compared] [data-testid=story-now]', 'aria-live'), 'off');
  for (const width of [375, 768, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, `compare-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${width} px: ${overflow} px too wide`);
  }
  // A link to this page compares too.
  assert.equal(new URL(page.url()).searchParams.get('compare'), 'async');
  assert.deepEqual(errors, []);
  await page.close();
});

test('choosing the compared mode swaps the two; the switch turns it off; Stop in the second run keeps the first', async () => {
  const { page, errors } = await open('s=countdown&mode=async&compare=sync&speed=500');
  await waitFor(page, ['idle']);
  await page.click('[data-testid=mode-sync]');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('compare') === 'async');
  assert.equal(await page.inputValue('[data-testid=compare]'), 'async');
  await page.click('[data-testid=run]');
  await page.waitForFunction(() => document.querySelector('[data-testid=compared] .status')?.textContent.includes('running, after'));
  // The second run is drawn live: its lanes change while it runs (1.5 s at this speed).
  const lanes = () => page.$eval('[data-testid=compared] canvas.timeline', (c) => c.toDataURL());
  const early = await lanes();
  await page.waitForFunction(
    (before) => document.querySelector('[data-testid=compared] canvas.timeline').toDataURL() !== before,
    early, { timeout: 1200 },
  );
  assert.equal(await page.evaluate(() => document.documentElement.dataset.runState), 'running');
  // Stop while the second run (async: the page stays live) goes on.
  await page.click('[data-testid=stop]');
  assert.equal(await waitFor(page, ['idle', 'done', 'error']), 'idle');
  const first = await page.evaluate(() => window.awaitlab.trace());
  assert.equal(first.otherData.mode, 'sync');
  assert.equal(first.otherData.end, undefined, 'the first run ended well and stays');
  assert.match(await page.textContent('[data-testid=compare-verdict]'), /Press Run/);
  // Off: no compared card, and the link forgets it.
  await page.selectOption('[data-testid=compare]', '');
  await page.waitForFunction(() => !document.querySelector('[data-testid=compared]'));
  assert.equal(new URL(page.url()).searchParams.get('compare'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a compare that names no other mode says so and compares nothing; a loop worker does not compare', async () => {
  const { page, errors } = await open('s=countdown&mode=sync&compare=warp');
  await waitFor(page, ['idle']);
  assert.match(await page.textContent('[data-testid=url-problems]'), /compare/);
  assert.equal(await page.$('[data-testid=compared]'), null);
  await page.goto(`${s.server.url}?s=countdown&mode=sync&compare=async&loop=worker`);
  await page.waitForSelector('[data-testid=run]');
  assert.equal(await page.$('[data-testid=compared]'), null);
  assert.equal(await page.isDisabled('[data-testid=compare]'), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('vs.<field>: the same mode with other values, measured in turn; the link keeps both sets', async () => {
  const { page, errors } = await open('s=countdown&mode=async&count=2&vs.delays=0.4,0.4,0.4&speed=200');
  await waitFor(page, ['idle']);
  // The compared run is named by the values it differs in.
  assert.match(await page.textContent('[data-testid=compare-pinned]'), /delays=0\.4,0\.4,0\.4/);
  assert.match(await page.textContent('[data-testid=comparison]'), /Predicted: delays=1,0\.8,0\.5 2(\.0\d*)? s, delays=0\.4,0\.4,0\.4 0\.8\d* s/);
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  await page.waitForFunction(() => document.querySelector('[data-testid=comparison]').dataset.times !== '');
  const d = await data(page);
  assert.ok(d.first >= 2 && d.first < 2 * 1.25, `first ${d.first}`);
  assert.ok(d.second >= 0.8 && d.second < 0.8 * 1.4, `second ${d.second}`);
  assert.equal(d.faster, '1');
  const both = await exported(page);
  assert.equal(both.otherData.compare.mode, 'async');
  assert.deepEqual([...new Set(both.traceEvents.map((e) => e.pid))].sort(), [1, 2]);
  assert.equal(new URL(page.url()).searchParams.get('vs.delays'), '0.4,0.4,0.4');
  // Let go: one run again, and the link forgets the second set.
  await page.click('[data-testid=compare-unpin]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=compared]'));
  assert.equal(new URL(page.url()).searchParams.get('vs.delays'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Pin this run" keeps the form as the compared run; the changed form runs against it', async () => {
  const { page, errors } = await open('s=countdown&mode=async&count=1&speed=200');
  await waitFor(page, ['idle']);
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  await page.click('[data-testid=compare-pin]');
  await page.waitForSelector('[data-testid=compared]');
  // The run just measured is the pinned one's measurement.
  await page.waitForFunction(() => document.querySelector('[data-testid=comparison]').dataset.secondS !== '');
  await page.fill('#param-delays', '0.2,0.2,0.2');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('vs.delays') === '1,0.8,0.5');
  assert.match(await page.textContent('[data-testid=compare-pinned]'), /delays=1,0\.8,0\.5/);
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  await page.waitForFunction(() => document.querySelector('[data-testid=comparison]').dataset.times !== '');
  const d = await data(page);
  assert.ok(d.first >= 0.2 && d.first < 0.2 * 1.6, `changed form ${d.first}`);
  assert.ok(d.second >= 1 && d.second < 1.25, `pinned ${d.second}`);
  assert.equal(d.faster, '0');
  assert.match(await page.textContent('[data-testid=compare-verdict]'), /delays=0\.2,0\.2,0\.2 was \d+(\.\d)?× faster than delays=1,0\.8,0\.5/);
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, `compare-pinned-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${width} px: ${overflow} px too wide`);
    await page.addScriptTag({ path: AXE });
    const found = await page.evaluate(async () => (await axe.run(document, { resultTypes: ['violations'] }))
      .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    assert.deepEqual(found, [], `axe at ${width} px with a pinned run`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('an embed compares too: the switch sits with the modes, the two runs are measured and the verdict is said', async () => {
  const { page, errors } = await open('s=countdown&mode=async&speed=20&embed=1', { width: 360, height: 800 });
  await waitFor(page, ['idle']);
  await page.click('[data-testid=embed-program] summary');
  await page.selectOption('[data-testid=compare]', 'sync');
  await page.waitForSelector('[data-testid=compared]');
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  await page.waitForFunction(() => document.querySelector('[data-testid=comparison]').dataset.times !== '');
  const d = await data(page);
  assert.ok(d.second > d.first, JSON.stringify(d));
  assert.match(await page.textContent('[data-testid=compare-verdict]'), /async was \d+(\.\d)?× faster than sync/);
  await page.screenshot({ path: join(ARTIFACTS, 'compare-embed-360.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${overflow} px too wide`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the comparison passes an axe audit at 360 and 1280 px', async () => {
  for (const width of [360, 1280]) {
    const { page, errors } = await open('s=countdown&mode=sync&compare=async&speed=40&autorun=1', { width, height: 900 });
    await waitFor(page, ['done', 'error']);
    await page.addScriptTag({ path: AXE });
    const found = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const result = await axe.run(document, { resultTypes: ['violations'] });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(found, [], `${width} px`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});
