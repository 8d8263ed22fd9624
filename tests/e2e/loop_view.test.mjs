// The loop's state and the narration beside the timeline (issue 10): after a run the panel
// follows the playhead — the timers with their deadlines in order, main waiting on a future, the
// sentence the playhead has reached announced in a polite live region — and ◀/▶ step the story
// sentence by sentence (moving the playhead). Screenshots at 375, 768 and 1440 px; axe audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { suite, ARTIFACTS, waitFor, view } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const s = suite();

// view()'s start and end are in the trace's real microseconds: at speed=200, 200 ms a second
// (slow enough that a hiccup of the page does not reorder the timers this test reads).
const US_PER_S = 200_000;
/**
 * Clicks the timeline at `seconds` of the run, `dy` px below the canvas's top (its middle if not
 * given); returns the view it read.
 */
async function clickAt(page, seconds, dy) {
  const canvas = page.locator('canvas.timeline');
  await canvas.scrollIntoViewIfNeeded();
  const v = await view(page);
  const box = await canvas.boundingBox();
  const x = box.x + v.gutter + ((seconds * US_PER_S - v.start) / (v.end - v.start)) * (box.width - v.gutter);
  await page.mouse.click(x, box.y + (dy ?? box.height / 2));
  return v;
}
const names = (page, id) => page.$$eval(`[data-testid=${id}] li strong`, (els) => els.map((e) => e.textContent));

test('the loop at the playhead: timers by deadline, main awaiting, the sentence reached', async () => {
  const { page, errors } = await s.open('s=countdown&mode=async&speed=200&autorun=1');
  assert.equal(await waitFor(page, ['done']), 'done');
  // The playhead rests at the run's end: the story's last sentence.
  await page.waitForSelector('[data-testid=story-now]');
  assert.equal(await page.textContent('[data-testid=story-now]'), '<module> ends.');
  assert.equal(await page.getAttribute('[data-testid=story-now]', 'aria-live'), 'polite');
  assert.deepEqual(await names(page, 'loop-timers'), []);

  // Click the timeline at 0.6 s: A, B and C sleep, B's timer first; main awaits gather.
  assert.equal((await clickAt(page, 0.6)).axis, 'seconds');
  await page.waitForFunction(() => /The loop at 0\.[56]/.test(document.querySelector('.loop-card h2').textContent));
  const timers = await names(page, 'loop-timers');
  assert.equal(timers[0], 'B', timers.join());
  assert.deepEqual([...timers].sort(), ['A', 'B', 'C']);
  assert.match(await page.textContent('[data-testid=loop-timers]'), /due at 0\.8\d* s/);
  assert.match(await page.textContent('[data-testid=loop-timers]'), /call_later · a setTimeout timer task/);
  assert.deepEqual(await names(page, 'loop-waiting'), ['<module>', 'main (Task-1)'], 'asyncio.run and main await futures');
  assert.match(await page.textContent('[data-testid=loop-running]'), /the loop is idle/);
  const said = await page.textContent('[data-testid=story-now]');
  assert.match(said, /^C awaits sleep\(0\.5\)/, 'at 0.6 s the last thing that happened: C went back to sleep');

  // ▶ steps to the next sentence and moves the playhead there: B's timer fires at 0.8 s.
  await page.click('[data-testid=story-next]');
  await page.waitForFunction((before) => document.querySelector('[data-testid=story-now]').textContent !== before, said);
  assert.equal(await page.textContent('[data-testid=story-now]'), "B's sleep(0.8) is over: B is ready again.");
  await page.waitForFunction(() => /The loop at 0\.8/.test(document.querySelector('.loop-card h2').textContent));
  await page.click('[data-testid=story-next]');
  await page.waitForFunction(() => /^B prints/.test(document.querySelector('[data-testid=story-now]').textContent));
  await page.click('[data-testid=story-back]');
  await page.waitForFunction(() => /^B's sleep/.test(document.querySelector('[data-testid=story-now]').textContent));
  // The transcript around it, the current sentence marked.
  assert.equal(await page.textContent('[data-testid=transcript] [aria-current=step]'), "B's sleep(0.8) is over: B is ready again.");

  for (const width of [375, 768, 1440]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.locator('.loop-card').scrollIntoViewIfNeeded();
    await page.locator('.loop-card').screenshot({ path: join(ARTIFACTS, `loop-view-${width}.png`) });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${overflow} px too wide at ${width} px`);
  }
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => (await axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(found, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a blocking run: the holder on the loop, the others in the ready queue; the table of its events', async () => {
  const { page } = await s.open('s=countdown&mode=blocking&speed=200&autorun=1');
  assert.equal(await waitFor(page, ['done']), 'done');
  await clickAt(page, 0.5);
  await page.waitForFunction(() => /The loop at 0\.[45]/.test(document.querySelector('.loop-card h2').textContent));
  assert.deepEqual(await names(page, 'loop-running'), ['A']);
  assert.match(await page.textContent('[data-testid=loop-running]'), /never yields/);
  assert.deepEqual(await names(page, 'loop-ready'), ['B', 'C']);
  assert.match(await page.textContent('[data-testid=story-now]'), /^A blocks the loop/);

  // The timeline as a table: every event in time order, the same prints as the console.
  await page.click('[data-testid=spans] summary');
  await page.waitForSelector('[data-testid=span-table]');
  const rows = await page.$$eval('[data-testid=span-table] tbody tr', (trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent)));
  const starts = rows.map((r) => parseFloat(r[0]));
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'in time order');
  const blocking = rows.filter((r) => r[3] === 'blocking the loop');
  assert.equal(blocking.length, 9, 'nine blocking sleeps');
  assert.deepEqual([...new Set(blocking.map((r) => r[2]))], ['A', 'B', 'C']);
  assert.ok(blocking.every((r) => Math.abs(parseFloat(r[1]) - { A: 1, B: 0.8, C: 0.5 }[r[2]]) < 0.1), JSON.stringify(blocking));
  const printed = rows.filter((r) => r[3] === 'print').map((r) => r[4]);
  const trace = await page.evaluate(() => window.awaitlab.trace());
  assert.deepEqual(printed, trace.traceEvents.filter((e) => e.name === 'print').map((e) => e.args.text));
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => (await axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(found, [], 'with the table open');
  await page.close();
});

test('many tasks: the loop lists the first of each place and counts the rest; the summary lists 50 tasks', async () => {
  // 300 tasks asleep together for 1 s: at 0.5 s every one is in the timers.
  const { page, errors } = await s.open('s=scale&mode=async&tasks=300&yields=0&sleeps=1&sleep=1&speed=200&autorun=1');
  assert.equal(await waitFor(page, ['done']), 'done');
  await clickAt(page, 0.5, 20);
  await page.waitForFunction(() => /The loop at 0\.[45]/.test(document.querySelector('.loop-card h2').textContent));
  const timers = await names(page, 'loop-timers');
  assert.equal(timers.length, 12, timers.join());
  assert.equal(await page.textContent('[data-testid=loop-timers] [data-testid=loop-more]'), 'and 288 more');
  // The summary: <module>, main and 48 of the tasks, then a row that counts the other 252.
  assert.equal(await page.$$eval('table.stats tbody th[scope=row]', (els) => els.length), 50);
  assert.equal(await page.textContent('[data-testid=stats-more]'), 'and 252 more tasks (the export has every task)');
  // The export still has every lane.
  const lanes = await page.evaluate(() => window.awaitlab.trace().traceEvents.filter((e) => e.name === 'thread_name').length);
  assert.ok(lanes >= 302, `${lanes} lanes in the export`);
  assert.deepEqual(errors, []);
  await page.close();
});
