// End-to-end: the built dist/ served under a sub-path on 127.0.0.1, driven in headless Chromium.
// Each test opens a URL, waits for the run state, and checks what a person would see and what
// window.awaitlab.trace() returns. Screenshots go to artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite, ARTIFACTS, runState, waitFor, consoleLines, view, frames, runAgain } from './helpers.mjs';
import { countCanvasCalls, takeCanvasCalls, callsOn } from './canvas_calls.mjs';

const s = suite();
const { open } = s;

test('countdown async: autorun, the tutorial interleaving, a trace with both totals', async () => {
  const { page, errors } = await open('s=countdown&mode=async&speed=400&autorun=1');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const lines = (await consoleLines(page)).map((l) => l.replace(/^[\d.]+ /, ''));
  assert.deepEqual(lines, ['C = 3', 'B = 3', 'A = 3', 'C = 2', 'C = 1', 'B = 2', 'A = 2', 'B = 1', 'A = 1', 'Done.']);

  const trace = await page.evaluate(() => window.awaitlab.trace());
  const names = trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args.name);
  // The program's top level, asyncio.run's task for main(), the tasks, then the page's own lane
  // (the responsiveness meter).
  assert.deepEqual(names, ['<module>', 'main (Task-1)', 'A', 'B', 'C', 'page']);
  assert.equal(trace.otherData.scenario, 'countdown');
  assert.equal(trace.otherData.mode, 'async');
  assert.equal(trace.otherData.speed, 400);
  assert.equal(trace.otherData.params.delays, '1,0.8,0.5');
  assert.equal(trace.otherData.predicted_total_s, 3);
  const measured = trace.otherData.measured_total_s;
  assert.ok(measured >= 3.0 && measured < 4.5, `measured ${measured}`);
  const cats = new Set(trace.traceEvents.filter((e) => e.ph === 'X').map((e) => e.cat));
  for (const cat of ['run', 'sleep']) assert.ok(cats.has(cat), `no ${cat} span`);
  const prints = trace.traceEvents.filter((e) => e.ph === 'i' && e.name === 'print');
  assert.equal(prints.length, 10);
  assert.ok(prints.every((p) => typeof p.args.t_s === 'number' && typeof p.args.text === 'string'));
  // The summary states both totals.
  const totals = await page.textContent('[data-testid=totals]');
  assert.match(totals, /measured \d+\.\d\d s/);
  assert.match(totals, /predicted 3\.00 s/);
  await page.screenshot({ path: join(ARTIFACTS, 'countdown-async.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('queue blocking: the page freezes, the total is the sum, the frozen span is named', async () => {
  const { page, errors } = await open('s=queue&mode=blocking&speed=40&autorun=1');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const lines = await consoleLines(page);
  assert.deepEqual(
    lines.map((l) => l.replace(/: [\d.]+$/, '')),
    ['Task One running', 'Task One elapsed time', 'Task Two running', 'Task Two elapsed time',
      'Task One running', 'Task One elapsed time', 'Task Two running', 'Task Two elapsed time',
      'Total elapsed time'],
  );
  const trace = await page.evaluate(() => window.awaitlab.trace());
  assert.equal(trace.otherData.predicted_total_s, 32);
  assert.ok(trace.otherData.measured_total_s >= 32, `${trace.otherData.measured_total_s}`);
  const blocks = trace.traceEvents.filter((e) => e.cat === 'block');
  assert.equal(blocks.length, 4);
  assert.match(await page.textContent('[data-testid=frozen-note]'), /page was frozen for/);
  await page.screenshot({ path: join(ARTIFACTS, 'queue-blocking.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('bad URL values are named, defaults kept, and the run still works', async () => {
  const { page, errors } = await open('s=queue&mode=async&work=1,x&tasks=99&colour=red&speed=20&autorun=1');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const banner = await page.textContent('[data-testid=url-problems]');
  assert.match(banner, /work: item 2 \("x"\) is not a whole number; keeping 15,10,5,2/);
  assert.match(banner, /tasks: must be between 1 and 8; keeping 2/);
  assert.match(banner, /colour/);
  assert.equal(await page.inputValue('#param-work'), '15,10,5,2');
  const trace = await page.evaluate(() => window.awaitlab.trace());
  assert.equal(trace.otherData.predicted_total_s, 17);
  assert.deepEqual(errors, []);
  await page.close();
});

test('typing a bad value shows why beside the field and disables Run; fixing it re-enables', async () => {
  const { page, errors } = await open('s=countdown&mode=async');
  assert.equal(await runState(page), 'idle');
  // Two delays given while the letters are as they were: the letters follow (A, B).
  await page.fill('#param-delays', '1,0.8');
  assert.equal(await page.inputValue('#param-letters'), 'A,B');
  // Both set by the person and of different lengths: that is a mistake, said beside the field.
  await page.fill('#param-letters', 'A,B,C');
  assert.match(await page.textContent('#msg-delays'), /one delay per letter: 3 letters, 2 delays/);
  assert.equal(await page.isDisabled('[data-testid=run]'), true);
  await page.fill('#param-count', 'many');
  assert.match(await page.textContent('#msg-count'), /"many" is not a whole number/);
  await page.fill('#param-count', '2');
  await page.fill('#param-delays', '0.4,0.2,0.1');
  assert.equal(await page.isDisabled('[data-testid=run]'), false);
  // The address bar follows the form, so it is always a link to what is on screen.
  assert.match(page.url(), /delays=0\.4,0\.2,0\.1/);
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const trace = await page.evaluate(() => window.awaitlab.trace());
  assert.equal(trace.otherData.predicted_total_s, 0.8);
  assert.equal(trace.traceEvents.filter((e) => e.name === 'print').length, 7);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Export trace downloads the same JSON that window.awaitlab.trace() returns', async () => {
  const { page, errors } = await open('s=countdown&mode=sync&speed=20&autorun=1');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  await page.click('[data-testid=export-menu] summary');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid=export]'),
  ]);
  assert.equal(download.suggestedFilename(), 'awaitlab-countdown-sync.json');
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  const api = await page.evaluate(() => window.awaitlab.trace());
  assert.deepEqual(file, api);
  assert.equal(file.otherData.predicted_total_s, 6.9);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Stop ends a run at once and a second run works', async () => {
  const { page, errors } = await open('s=queue&mode=async&speed=400&autorun=1');
  await waitFor(page, ['running']);
  // Mid-run: the live timeline has drawn the tasks at work.
  await page.waitForFunction(() => (window.awaitlab.view()?.measured && window.awaitlab.view().activity?.[1]) > 200_000);
  await page.click('[data-testid=stop]');
  assert.equal(await waitFor(page, ['idle', 'done', 'error'], 5_000), 'idle');
  const stopped = await page.evaluate(() => window.awaitlab.trace());
  assert.match(stopped.otherData.error, /stopped/);
  assert.ok(stopped.otherData.measured_total_s < 17, 'it did not stop');
  await page.fill('#param-speed', '10');
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  assert.equal((await page.evaluate(() => window.awaitlab.trace())).otherData.speed, 10);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the timeline scrubs, zooms and shows a tooltip; narrow screens stack', async () => {
  const { page, errors } = await open('s=queue&mode=async&speed=10&autorun=1');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const canvas = await page.$('canvas.timeline');
  const box = await canvas.boundingBox();
  // Hover over lane "One" (third lane, after <module> and main's task) a third of the way
  // along: a sleep span.
  await page.mouse.move(box.x + 96 + (box.width - 96) * 0.3, box.y + 26 + 38 * 2.5);
  const tip = await page.textContent('.tooltip');
  assert.match(tip, /One · sleeping \(timer\)/);
  assert.match(tip, /sleep\(15\)/);
  // Clicking seeks: the console highlights the line the playhead last passed.
  await page.mouse.click(box.x + 96 + (box.width - 96) * 0.25, box.y + 26 + 10);
  const current = await page.textContent('.console-lines .current .text');
  assert.equal(current.trim(), 'Task Two running');
  // The wheel zooms in around the pointer: the view narrows by e^(-400 × 0.0015) and the time
  // under the pointer stays under it.
  const span = (v) => v.end - v.start;
  const before = await view(page);
  await page.mouse.wheel(0, -400);
  await page.waitForFunction((b) => {
    const v = window.awaitlab.view();
    return v.end - v.start < (b.end - b.start) * 0.9;
  }, before);
  const after = await view(page);
  const ratio = span(after) / span(before);
  assert.ok(Math.abs(ratio - Math.exp(-0.6)) < 0.005, `zoomed by ${ratio}`);
  const x = 96 + (box.width - 96) * 0.25;
  const at = (v) => v.start + ((x - v.gutter) * span(v)) / (v.width - v.gutter);
  assert.ok(Math.abs(at(after) - at(before)) < span(after) * 0.005, `${at(before)} → ${at(after)}`);
  assert.ok(after.start > before.start && after.end < before.end, JSON.stringify([before, after]));
  await page.screenshot({ path: join(ARTIFACTS, 'queue-async-zoomed.png'), fullPage: true });
  await page.close();

  const narrow = await open('s=countdown&mode=blocking&speed=20&autorun=1', { width: 420, height: 900 });
  assert.equal(await waitFor(narrow.page, ['done', 'error']), 'done');
  await narrow.page.screenshot({ path: join(ARTIFACTS, 'narrow.png'), fullPage: true });
  const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
  assert.deepEqual([...errors, ...narrow.errors], []);
  await narrow.page.close();
});

test('Replay and hover repaint the overlay, not the lanes', async () => {
  const { page, errors } = await open('s=queue&mode=async&speed=60&autorun=1');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  await countCanvasCalls(page);
  await frames(page, 3);
  await takeCanvasCalls(page);
  // Replay: the playhead moves every frame for about a second (17 s at 60 ms/s).
  await page.click('button:has-text("Replay")');
  await frames(page, 30);
  const replay = await takeCanvasCalls(page);
  assert.equal(callsOn(replay, 'timeline', 'fillRect'), 0, JSON.stringify(replay));
  assert.ok(callsOn(replay, 'timeline-overlay', 'fillRect') >= 20, JSON.stringify(replay));
  // And the console follows the playhead meanwhile.
  await page.waitForFunction(() => document.querySelector('.console-lines .current'));
  await page.waitForTimeout(1200);
  await takeCanvasCalls(page);
  // Hover along lane One: the tooltip follows, the event under the pointer is outlined on the
  // overlay, and the lanes stay as they are.
  const box = await (await page.$('canvas.timeline')).boundingBox();
  const { gutter } = await view(page);
  for (let k = 0; k < 20; k++) {
    await page.mouse.move(box.x + gutter + (box.width - gutter) * (0.05 + k * 0.04), box.y + 26 + 38 * 2.5);
  }
  await page.mouse.move(box.x + gutter + (box.width - gutter) * 0.3, box.y + 26 + 38 * 2.5);
  await frames(page, 3);
  assert.match(await page.textContent('.tooltip'), /One · sleeping \(timer\)/);
  const hover = await takeCanvasCalls(page);
  assert.equal(callsOn(hover, 'timeline'), 0, JSON.stringify(hover));
  assert.ok(callsOn(hover, 'timeline-overlay', 'strokeRect') >= 1, JSON.stringify(hover));
  // A zoom is a change of view: the lanes repaint for it.
  await page.mouse.wheel(0, -200);
  await frames(page, 3);
  assert.ok(callsOn(await takeCanvasCalls(page), 'timeline', 'fillRect') > 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the tooltip stays on screen on a phone, left of the pointer where the right would cut it', async () => {
  const { page, errors } = await open('s=queue&mode=async&speed=100&autorun=1', { width: 375, height: 900 });
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const canvas = await page.$('canvas.timeline');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  for (const at of [0.3, 0.6, 0.9]) {
    await page.mouse.move(box.x + box.width * at, box.y + 26 + 38 * 2.5);
    await page.waitForSelector('.tooltip');
    const tip = await (await page.$('.tooltip')).boundingBox();
    assert.ok(tip.x >= 0 && tip.x + tip.width <= 375, `at ${at}: ${JSON.stringify(tip)}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a live run resizes the overlay only when its lanes change', async () => {
  // Count every backing-store resize of the two canvases (each clears and reallocates it).
  const { page, errors } = await open('s=queue&mode=async&speed=200');
  await page.evaluate(() => {
    window.__resized = [];
    const d = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, 'height');
    Object.defineProperty(HTMLCanvasElement.prototype, 'height', {
      get: d.get,
      set(v) { window.__resized.push([this.className, v]); d.set.call(this, v); },
      configurable: true,
    });
  });
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const resized = await page.evaluate(() => window.__resized);
  // The lanes appear as the tasks are spawned (a few heights), each height at most once per
  // canvas: never back and forth with every snapshot.
  const overlay = resized.filter(([c]) => c === 'timeline-overlay').map(([, v]) => v);
  assert.ok(overlay.length <= 6, JSON.stringify(resized));
  assert.equal(new Set(overlay).size, overlay.length, JSON.stringify(resized));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the lanes and the overlay are as tall as the window and keep the lanes, playhead and outline in place when scrolled', async () => {
  // 62 lanes: the lanes are 2,390 px tall, the window 700.
  const { page, errors } = await open('s=scale&mode=async&tasks=60&yields=10&sleeps=2&sleep=0.1&autorun=1', { width: 1000, height: 700 });
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const sizes = await page.evaluate(() => {
    const o = document.querySelector('canvas.timeline-overlay');
    const c = document.querySelector('canvas.timeline');
    const box = document.querySelector('.timeline-wrap');
    return { overlay: o.getBoundingClientRect().height, canvas: c.getBoundingClientRect().height, lanes: box.getBoundingClientRect().height, window: window.innerHeight };
  });
  assert.ok(sizes.lanes > 2000, JSON.stringify(sizes));
  for (const shown of [sizes.overlay, sizes.canvas]) {
    assert.ok(shown <= sizes.window && shown >= sizes.window - 1, JSON.stringify(sizes));
  }
  // Scroll lane 30 to the window's middle, then press on it there (a seek) and hover a lane below.
  await page.evaluate(() => {
    const r = document.querySelector('.timeline-wrap').getBoundingClientRect();
    window.scrollBy(0, r.top + 26 + 38 * 30 - 350);
  });
  await frames(page, 2);
  const { gutter, width } = await view(page);
  const box = await (await page.$('.timeline-wrap')).boundingBox();
  const seekX = gutter + (width - gutter) * 0.5;
  await page.mouse.click(box.x + seekX, box.y + 26 + 38 * 30 + 19);
  const lane = 33;
  const hoverX = gutter + (width - gutter) * 0.05;
  await page.mouse.move(box.x + hoverX, box.y + 26 + 38 * lane + 16);
  await page.waitForSelector('.tooltip');
  await frames(page, 3);
  // The overlay's pixels, read back in the lanes' coordinates: the playhead's column under the
  // press, the outline's top edge around the bar of the lane hovered.
  const seen = await page.evaluate(({ seekX, hoverX, lane }) => {
    const o = document.querySelector('canvas.timeline-overlay');
    const c = document.querySelector('.timeline-wrap');
    const top = o.getBoundingClientRect().top - c.getBoundingClientRect().top;
    const k = o.width / o.getBoundingClientRect().width;
    const d = o.getContext('2d').getImageData(0, 0, o.width, o.height).data;
    const at = (x, y) => d.subarray((Math.round(y * k) * o.width + Math.round(x * k)) * 4, (Math.round(y * k) * o.width + Math.round(x * k)) * 4 + 4);
    // Playhead: the opaque column nearest the press, on a row in the middle of the overlay.
    const row = o.getBoundingClientRect().height / 2;
    let playhead = null;
    for (let dx = 0; dx <= 3 && playhead === null; dx++) {
      for (const x of [seekX - dx, seekX + dx]) if (at(x, row)[3] > 200) { playhead = x; break; }
    }
    // Outline: the first opaque row from the lane's top down, beside the pointer.
    const laneTop = 26 + 38 * lane;
    let outline = null;
    for (let y = laneTop - top - 2; y < laneTop - top + 20 && outline === null; y += 0.5) {
      for (let x = hoverX - 6; x <= hoverX + 6; x++) if (at(x, y)[3] > 120) { outline = y + top - laneTop; break; }
    }
    return { top, playhead, outline, k };
  }, { seekX, hoverX, lane });
  assert.ok(seen.top > 500, `the overlay sits ${seen.top} px down the lanes`);
  assert.ok(seen.playhead !== null && Math.abs(seen.playhead - seekX) <= 1.5, JSON.stringify({ seen, seekX }));
  // The outline's box starts 2.5 px above the bar (7 px down the lane), its stroke 1.5 px wide.
  assert.ok(seen.outline !== null && seen.outline >= 3 && seen.outline <= 5.5, JSON.stringify(seen));
  // Scrolled to the lanes' end, the lanes' canvas paints the band there: the page's own lane,
  // the last, on its tinted row, under the last task's plain one.
  const ends = await page.evaluate(async () => {
    const box = document.querySelector('.timeline-wrap');
    window.scrollTo(0, window.scrollY + box.getBoundingClientRect().bottom - window.innerHeight + 40);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const c = document.querySelector('canvas.timeline');
    const top = c.getBoundingClientRect().top - box.getBoundingClientRect().top;
    const k = c.width / c.getBoundingClientRect().width;
    const lanes = window.awaitlab.view().lanes.length;
    const pixel = (lane, dy) => [...c.getContext('2d').getImageData(Math.round(4 * k), Math.round((26 + 38 * lane + dy - top) * k), 1, 1).data].join();
    return { top, page: pixel(lanes - 1, 3), task: pixel(lanes - 2, 3), lanes };
  });
  assert.ok(ends.top > 1000, JSON.stringify(ends));
  assert.notEqual(ends.page, ends.task, JSON.stringify(ends));
  // A scroll back up: the overlay draws the top of the lanes, with the playhead there too.
  await page.evaluate(() => window.scrollTo(0, 0));
  await frames(page, 3);
  const back = await page.evaluate((seekX) => {
    const o = document.querySelector('canvas.timeline-overlay');
    const c = document.querySelector('.timeline-wrap');
    const k = o.width / o.getBoundingClientRect().width;
    const d = o.getContext('2d').getImageData(Math.round((seekX - 3) * k), Math.round(60 * k), Math.round(7 * k), 1).data;
    let opaque = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 200) opaque++;
    return { top: o.getBoundingClientRect().top - c.getBoundingClientRect().top, opaque };
  }, seekX);
  assert.equal(back.top, 0);
  assert.ok(back.opaque > 0, JSON.stringify(back));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page measures itself: a blocking run shows its freeze, a non-blocking one does not', async () => {
  const blocking = await open('s=queue&mode=blocking&speed=40&autorun=1');
  assert.equal(await waitFor(blocking.page, ['done', 'error']), 'done');
  const frozen = await blocking.page.evaluate(() => window.awaitlab.trace());
  const names = frozen.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args.name);
  assert.equal(names.at(-1), 'page');
  // One's first item blocks the loop for 15 s × 40 ms = 600 ms: no frame can be painted meanwhile.
  assert.ok(frozen.otherData.page.longest_frame_ms >= 540, JSON.stringify(frozen.otherData.page));
  const gaps = frozen.traceEvents.filter((e) => e.cat === 'frozen').map((e) => e.dur);
  assert.ok(gaps.some((d) => d >= 540_000), `frozen spans: ${gaps}`);
  assert.ok(frozen.otherData.page.dropped_frames >= 30);
  assert.match(await blocking.page.textContent('[data-testid=page-stats]'), /longest frame \d+ ms/);

  const calm = await open('s=countdown&mode=async&speed=100&autorun=1');
  assert.equal(await waitFor(calm.page, ['done', 'error']), 'done');
  const live = await calm.page.evaluate(() => window.awaitlab.trace());
  assert.ok(live.otherData.page.frames > 10, JSON.stringify(live.otherData.page));
  assert.ok(live.otherData.page.longest_frame_ms < 250, JSON.stringify(live.otherData.page));
  assert.deepEqual([...blocking.errors, ...calm.errors], []);
  await blocking.page.close();
  await calm.page.close();
});

test('http async: real requests for the shipped files under the sub-path, io spans in the trace', async () => {
  const { page, errors } = await open('s=http&mode=async&autorun=1');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const trace = await page.evaluate(() => window.awaitlab.trace());
  const io = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'io');
  assert.equal(io.length, 7);
  // Relative URLs resolved against the page (/awaitlab/data/…): every request succeeded.
  assert.deepEqual(io.filter((e) => e.args.error), []);
  // The program's requests (aiohttp) are the io spans; its added latency is the asyncio.sleep before each.
  assert.ok(io.some((e) => e.name === 'GET data/b.json'), io.map((e) => e.name).join());
  assert.equal(trace.otherData.predicted_total_s, 1.7);
  // At the default 100 ms per scenario second the real network time is magnified tenfold on the
  // axis, so only the lower bound holds here; at speed=1000 (below) the axis is real time.
  assert.ok(trace.otherData.measured_total_s >= 1.7, `measured ${trace.otherData.measured_total_s}`);
  const lines = await consoleLines(page);
  assert.match(lines[0], /Task One getting URL: data\/a\.json$/);
  assert.match(lines.at(-1), /Total elapsed time: \d\.\d$/);
  await page.screenshot({ path: join(ARTIFACTS, 'http-async.png'), fullPage: true });
  await page.close();

  // In real time, two tasks take about half the 3.2 s of added latency: 1.7 s.
  const real = await open('s=http&mode=async&speed=1000&autorun=1');
  assert.equal(await waitFor(real.page, ['done', 'error']), 'done');
  const realTotal = (await real.page.evaluate(() => window.awaitlab.trace())).otherData.measured_total_s;
  assert.ok(realTotal >= 1.7 && realTotal < 2.5, `measured ${realTotal}`);
  await real.page.close();

  // A missing file is a failed io span and, from raise_for_status(), aiohttp's exception: a traceback
  // naming the line, which ends the program (the run itself ends normally).
  const missing = await open('s=http&mode=async&urls=data/a.json,data/nope.json,data/c.json&latency=100&autorun=1');
  assert.equal(await waitFor(missing.page, ['done', 'error']), 'done');
  const failed = (await missing.page.evaluate(() => window.awaitlab.trace())).traceEvents
    .filter((e) => e.cat === 'io' && e.args.error);
  const notFound = failed.filter((e) => /^HTTP 404/.test(e.args.error));
  assert.deepEqual(notFound.map((e) => e.name), ['GET data/nope.json']);
  // Any other failed span is task One's request, aborted when the exception ended the program.
  for (const e of failed.filter((e) => !notFound.includes(e))) assert.match(e.args.error, /^cancelled/, e.name);
  const shown = await consoleLines(missing.page);
  assert.ok(shown.some((l) => l.startsWith('Traceback')), shown.join('\n'));
  assert.match(shown.at(-1), /aiohttp\.client_exceptions\.ClientResponseError: 404, message='Not Found', url='data\/nope\.json'$/);
  assert.ok(!shown.some((l) => /Total elapsed time/.test(l)), shown.join('\n'));
  assert.deepEqual([...errors, ...real.errors, ...missing.errors], []);
  await missing.page.close();
});

test('primes pool: real Web Workers, results printed, worker lanes; Stop mid-run, then a second run', async () => {
  // Not autorun: the page starts its spare workers as it loads, and Run waits for them to be ready.
  const { page, errors } = await open('s=primes&mode=pool&workers=2&numbers=9637529763296797,9007199254740881,157');
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const lines = await consoleLines(page);
  assert.ok(lines.includes('9637529763296797 is a prime number.'), lines.join('\n'));
  assert.ok(lines.includes('9007199254740881 is a prime number.'), lines.join('\n'));
  assert.ok(lines.includes('157 is a prime number.'), lines.join('\n'));
  assert.match(lines.at(-1), /^Took \d+\.\d\d seconds\.$/);
  const trace = await page.evaluate(() => window.awaitlab.trace());
  const names = trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args.name);
  assert.deepEqual(names.slice(-3), ['worker 1', 'worker 2', 'page']);
  const byName = Object.fromEntries(names.map((n, i) => [n, i]));
  const jobs = trace.traceEvents.filter((e) => e.cat === 'compute' && /^job #\d/.test(e.name));
  assert.equal(jobs.length, 3);
  // The two big checks ran on different workers, at the same time.
  const big = jobs.filter((e) => /is_prime\((9637529763296797|9007199254740881)\)/.test(e.name));
  assert.equal(big.length, 2);
  assert.notEqual(big[0].tid, big[1].tid);
  const overlap = Math.min(big[0].ts + big[0].dur, big[1].ts + big[1].dur) - Math.max(big[0].ts, big[1].ts);
  assert.ok(overlap > 0, `no overlap: ${JSON.stringify(big)}`);
  for (const w of ['worker 1', 'worker 2']) {
    const io = trace.traceEvents.filter((e) => e.tid === byName[w] && e.cat === 'io').map((e) => e.name);
    assert.ok(io.some((n) => n.startsWith('post job #')) && io.some((n) => n.startsWith('reply job #')), io.join());
  }
  const awaits = trace.traceEvents.filter((e) => e.cat === 'io' && e.name.startsWith('await job #'));
  assert.equal(awaits.length, 3);
  assert.ok(awaits.every((e) => / on worker [12]$/.test(e.name)), awaits.map((e) => e.name).join());
  await page.screenshot({ path: join(ARTIFACTS, 'primes-pool.png'), fullPage: true });

  // Stop while both workers are busy: the run ends at once and no worker keeps running.
  await page.fill('#param-numbers', '3900000000000000011,3900000000000000041');
  await page.click('[data-testid=run]');
  await waitFor(page, ['running']);
  // Both workers have their jobs: their lanes are on the live timeline.
  await page.waitForFunction(() => {
    const v = window.awaitlab.view();
    return v?.measured && v.lanes.filter((l) => /^worker/.test(l.name)).length === 2;
  });
  await page.click('[data-testid=stop]');
  assert.equal(await waitFor(page, ['idle', 'done', 'error'], 5_000), 'idle');
  const stopped = await page.evaluate(() => window.awaitlab.trace());
  assert.match(stopped.otherData.error, /stopped/);
  const cancelled = stopped.traceEvents.filter((e) => e.cat === 'io' && /^await job/.test(e.name) && e.args.error);
  assert.equal(cancelled.length, 2, JSON.stringify(cancelled));
  // A second run on the same page works (the busy workers were replaced).
  await page.fill('#param-numbers', '427920331,157');
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const again = await consoleLines(page);
  assert.ok(again.includes('427920331 is a prime number.'), again.join('\n'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('countdown pool and gather threads: blocking work in workers overlaps like async', async () => {
  const { page, errors } = await open('s=countdown&mode=pool&speed=1000');
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const lines = (await consoleLines(page)).map((l) => l.replace(/^[\d.]+ /, ''));
  // A = 3 and C = 2 are both due at 1.0 s, on two workers running in parallel: either may be first.
  if (lines[3] === 'C = 2' && lines[2] === 'A = 3') [lines[2], lines[3]] = [lines[3], lines[2]];
  assert.deepEqual(lines, ['C = 3', 'B = 3', 'C = 2', 'A = 3', 'C = 1', 'B = 2', 'A = 2', 'B = 1', 'A = 1', 'Done.']);
  const trace = await page.evaluate(() => window.awaitlab.trace());
  assert.ok(trace.otherData.measured_total_s >= 3.0 && trace.otherData.measured_total_s < 4.5, `${trace.otherData.measured_total_s}`);
  // The page stayed responsive: the workers blocked, not the loop.
  assert.ok(trace.otherData.page.longest_frame_ms < 250, JSON.stringify(trace.otherData.page));
  await page.close();

  const gather = await open('s=gather&mode=threads&speed=100');
  await gather.page.click('[data-testid=run]');
  assert.equal(await waitFor(gather.page, ['done', 'error']), 'done');
  const total = (await gather.page.evaluate(() => window.awaitlab.trace())).otherData.measured_total_s;
  assert.ok(total >= 10 && total < 12, `measured ${total}`);
  assert.deepEqual([...errors, ...gather.errors], []);
  await gather.page.close();
});

/** Runs `query` to its end and returns the console lines (times and figures stripped) and trace. */
async function runToEnd(query) {
  const { page, errors } = await open(`${query}&autorun=1`);
  assert.equal(await waitFor(page, ['done', 'error']), 'done', query);
  const lines = (await consoleLines(page)).map((l) => l.replace(/^[\d.]+ /, '').replace(/: [\d.]+$/, ''));
  const trace = await page.evaluate(() => window.awaitlab.trace());
  await page.close();
  assert.deepEqual(errors, [], query);
  return { lines, trace };
}

test('loop worker: the same console lines in the same order and totals as on the page', async () => {
  for (const query of ['s=countdown&mode=async&speed=400', 's=queue&mode=blocking&speed=40']) {
    const onPage = await runToEnd(query);
    const inWorker = await runToEnd(`${query}&loop=worker`);
    assert.equal(onPage.trace.otherData.loop, 'page');
    assert.equal(inWorker.trace.otherData.loop, 'worker');
    assert.deepEqual(inWorker.lines, onPage.lines, query);
    const lanes = (t) => t.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args.name);
    assert.deepEqual(lanes(inWorker.trace), lanes(onPage.trace));
    const predicted = inWorker.trace.otherData.predicted_total_s;
    const [page, worker] = [onPage.trace.otherData.measured_total_s, inWorker.trace.otherData.measured_total_s];
    console.log(`# ${query}: predicted ${predicted} s, page ${page} s, worker ${worker} s`);
    assert.ok(worker >= predicted * 0.99 && worker < predicted * 1.25, `worker ${worker} vs predicted ${predicted}`);
    assert.ok(Math.abs(worker - page) < predicted * 0.2, `worker ${worker} vs page ${page}`);
  }
});

test('loop worker: a blocking scenario leaves the page live, its span grows on the timeline', async () => {
  const { page, errors } = await open('s=queue&mode=blocking&speed=40');
  await page.click('[data-testid=loop-worker]');
  assert.equal(await page.getAttribute('[data-testid=loop-worker]', 'aria-pressed'), 'true');
  assert.match(page.url(), /[?&]loop=worker(&|$)/);
  await page.click('[data-testid=run]');
  await waitFor(page, ['running']);
  assert.match(await page.textContent('.status'), /loop worker/);
  // Mid-run, during Two's first blocking item (15 s × 40 ms = 0.6 s, then 10 s × 40 ms): the page
  // paints, and the snapshot already holds the blocking span in progress.
  await page.waitForFunction(() => (window.awaitlab.view()?.measured && window.awaitlab.view().activity?.[1]) > 700_000);
  await page.screenshot({ path: join(ARTIFACTS, 'queue-blocking-loop-worker-mid-run.png'), fullPage: true });
  const frames = await page.evaluate(() => new Promise((ok) => {
    let n = 0;
    const start = performance.now();
    const tick = () => (++n, performance.now() - start < 200 ? requestAnimationFrame(tick) : ok(n));
    requestAnimationFrame(tick);
  }));
  assert.ok(frames >= 5, `only ${frames} frames in 200 ms while the worker blocks`);
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const trace = await page.evaluate(() => window.awaitlab.trace());
  assert.equal(trace.otherData.loop, 'worker');
  assert.ok(trace.otherData.page.longest_frame_ms < 250, JSON.stringify(trace.otherData.page));
  // The loop lag is the worker's own: its timer waited out the blocking items.
  assert.ok(trace.otherData.page.max_lag_ms >= 300, JSON.stringify(trace.otherData.page));
  assert.equal(trace.traceEvents.filter((e) => e.cat === 'block').length, 4);
  // The page kept painting while the worker blocked: whatever frames a busy machine dropped add
  // up to a small part of the blocked time (on the page's own loop they would cover all of it).
  const sum = (cat) => trace.traceEvents.filter((e) => e.cat === cat).reduce((a, e) => a + e.dur, 0);
  assert.ok(sum('frozen') < 0.25 * sum('block'), `frozen ${sum('frozen')} µs, blocked ${sum('block')} µs`);
  assert.match(await page.textContent('[data-testid=frozen-note]'), /loop worker was blocked for/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('loop worker: Stop terminates it even mid-block, and a second run works', async () => {
  const { page, errors } = await open('s=queue&mode=blocking&speed=400&loop=worker&autorun=1');
  await waitFor(page, ['running']);
  // Mid-block: the worker's snapshots show its first blocking item under way.
  await page.waitForFunction(() => (window.awaitlab.view()?.measured && window.awaitlab.view().activity?.[1]) > 300_000);
  const pressed = Date.now();
  await page.click('[data-testid=stop]');
  assert.equal(await waitFor(page, ['idle', 'done', 'error'], 5_000), 'idle');
  assert.ok(Date.now() - pressed < 1_000, `Stop took ${Date.now() - pressed} ms`);
  const stopped = await page.evaluate(() => window.awaitlab.trace());
  assert.match(stopped.otherData.error, /stopped/);
  assert.equal(stopped.otherData.loop, 'worker');
  assert.ok(stopped.otherData.measured_total_s < 15, `${stopped.otherData.measured_total_s}`);
  // The item under way when Stop came (One's 15 s, 6 s real) was cut: One was cancelled.
  const ends = stopped.traceEvents.filter((e) => e.cat === 'task').map((e) => e.name);
  assert.ok(ends.includes('cancelled'), ends.join());
  await page.fill('#param-speed', '10');
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const second = await page.evaluate(() => window.awaitlab.trace());
  assert.equal(second.otherData.speed, 10);
  assert.equal(second.otherData.loop, 'worker');
  assert.ok(second.otherData.measured_total_s >= 32 && second.otherData.measured_total_s < 40);
  assert.deepEqual(errors, []);
  await page.close();
});

test('loop placement in the URL: invalid values and modes that need the page are named', async () => {
  const { page, errors } = await open('s=queue&mode=async&loop=gpu');
  assert.match(await page.textContent('[data-testid=url-problems]'), /loop: "gpu" is not page or worker; using page/);
  assert.equal(await page.getAttribute('[data-testid=loop-page]', 'aria-pressed'), 'true');
  await page.close();
  const pool = await open('s=primes&mode=pool&loop=worker');
  assert.match(await pool.page.textContent('[data-testid=url-problems]'), /loop: primes pool .* runs only with loop=page; using page/);
  await pool.page.click('[data-testid=loop-worker]');
  assert.match(await pool.page.textContent('[data-testid=loop-error]'), /runs only with loop=page/);
  assert.ok(await pool.page.isDisabled('[data-testid=run]'));
  await pool.page.click('[data-testid=loop-page]');
  assert.ok(!(await pool.page.isDisabled('[data-testid=run]')));
  assert.deepEqual([...errors, ...pool.errors], []);
  await pool.page.close();
});

test('a run partly in a background tab says so, in the summary and the trace, not as the program\'s time', async () => {
  const { page, errors } = await open('s=countdown&mode=async&speed=1000&autorun=1');
  await waitFor(page, ['running']);
  // The tab goes to the background for about 0.6 s, then comes back (as a browser says it).
  const hide = (hidden) => page.evaluate((hidden) => {
    Object.defineProperty(document, 'hidden', { value: hidden, configurable: true });
    Object.defineProperty(document, 'visibilityState', { value: hidden ? 'hidden' : 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await page.waitForTimeout(300);
  await hide(true);
  await page.waitForTimeout(600);
  await hide(false);
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const trace = await page.evaluate(() => window.awaitlab.trace());
  const hiddenMs = trace.otherData.page.hidden_ms;
  assert.ok(hiddenMs >= 550 && hiddenMs < 1500, `hidden ${hiddenMs} ms`);
  assert.match(await page.textContent('[data-testid=hidden-note]'), /in the background for 0\.[5-9]\d s|in the background for 1\.\d\d s/);
  // A run all in front says nothing of it.
  await runAgain(page);
  assert.equal(await page.$('[data-testid=hidden-note]'), null);
  assert.equal((await page.evaluate(() => window.awaitlab.trace())).otherData.page.hidden_ms, undefined);
  assert.deepEqual(errors, []);
  await page.close();
});
