// The exports of issue 9: the timeline as SVG (parsed here: one label per lane, as the canvas drew
// them, at the canvas's size) and as PNG (its pixel size is the canvas's CSS size times the device
// pixel ratio, 2 in this file), the console as text, each as a button in the header's export menu
// (a download with the right name) and as a `window.awaitlab` function; before any run they
// export the prediction, with nothing on screen they return null. Exporting under the strict
// Content-Security-Policy causes no violation. Screenshots of the menu at 375, 768 and 1440 px
// and of the exported SVG and PNG land in artifacts/; an axe audit runs with the menu open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { suite, ARTIFACTS, waitFor, view, STRICT_CSP, watchViolations } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const DPR = 2;
const RUN = 's=countdown&mode=async&speed=20&autorun=1';
const PALETTE = { run: '#0072B2', sleep: '#56B4E9' };

const s = suite({ deviceScaleFactor: DPR });

/** What a parser makes of an SVG document (the page's DOMParser, as a browser would read it). */
function parseSvg(page, text) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName,
      ns: root.namespaceURI,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      title: root.querySelector(':scope > title')?.textContent ?? null,
      labels: [...doc.querySelectorAll('g.lane-label')].map((g) => ({
        name: g.querySelector('title')?.textContent,
        lines: [...g.querySelectorAll('text')].map((t) => t.textContent),
        font: [...g.querySelectorAll('text')].map((t) => t.getAttribute('font-family')),
      })),
      fills: [...doc.querySelectorAll('g.bars rect')].map((r) => r.getAttribute('fill')),
      scripts: doc.querySelectorAll('script').length,
    };
  }, text);
}

/** A PNG's size from its IHDR chunk (bytes 16–23, after the signature and the chunk's header). */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('ascii'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const fromDataUrl = (url) => {
  assert.match(url, /^data:image\/png;base64,/);
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
};

/** The console's printed lines as the page shows them, as the text export writes them. */
const consoleShown = (page) =>
  page.$$eval('[data-testid=console] .text', (els) => els.map((e) => `${e.textContent}\n`).join(''));

const canvasBox = (page) => page.evaluate(() => {
  const r = document.querySelector('canvas.timeline').getBoundingClientRect();
  return { width: r.width, height: r.height };
});

test('after a run, svg(), png() and consoleText() export the timeline and the console on screen', async () => {
  const { page, errors } = await s.open(RUN);
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const shown = await view(page);
  assert.equal(shown.measured, true);
  const box = await canvasBox(page);

  const svg = await page.evaluate(() => window.awaitlab.svg());
  assert.equal(typeof svg, 'string');
  await writeFile(join(ARTIFACTS, 'export-countdown.svg'), svg);
  const parsed = await parseSvg(page, svg);
  assert.equal(parsed.error, null, parsed.error);
  assert.equal(parsed.root, 'svg');
  assert.equal(parsed.ns, 'http://www.w3.org/2000/svg');
  assert.match(parsed.title, /countdown · async \(measured\)/);
  // The canvas's size, and the canvas's lanes labelled as it labelled them (measured alike).
  assert.ok(Math.abs(parsed.width - box.width) < 0.01, `${parsed.width} vs ${box.width}`);
  assert.ok(Math.abs(parsed.height - box.height) < 0.01, `${parsed.height} vs ${box.height}`);
  assert.deepEqual(parsed.labels.map((l) => l.name), shown.lanes.map((l) => l.name));
  assert.deepEqual(parsed.labels.map((l) => l.lines), shown.lanes.map((l) => l.lines));
  // One label per lane of the run: its tasks (the program's, as Python names them) and the page.
  const threads = (await page.evaluate(() => window.awaitlab.trace())).traceEvents
    .filter((e) => e.name === 'thread_name').map((e) => e.args.name);
  assert.deepEqual(parsed.labels.map((l) => l.name), threads);
  assert.deepEqual(threads.slice(-4), ['A', 'B', 'C', 'page']);
  assert.ok(parsed.labels.every((l) => l.font.every((f) => f === 'ui-sans-serif, system-ui, sans-serif')));
  for (const [kind, fill] of Object.entries(PALETTE)) {
    assert.ok(parsed.fills.includes(fill), `no ${kind} bar (${fill}) in ${[...new Set(parsed.fills)]}`);
  }

  const url = await page.evaluate(() => window.awaitlab.png());
  const png = fromDataUrl(url);
  await writeFile(join(ARTIFACTS, 'export-countdown.png'), png);
  assert.deepEqual(pngSize(png), { width: Math.round(box.width * DPR), height: Math.round(box.height * DPR) });

  const text = await page.evaluate(() => window.awaitlab.consoleText());
  assert.equal(text, await consoleShown(page));
  const prints = (await page.evaluate(() => window.awaitlab.trace())).traceEvents.filter((e) => e.name === 'print');
  assert.equal(text.split('\n').length - 1, prints.length);
  assert.ok(prints.length >= 10);
  assert.deepEqual(errors, []);
  await page.close();
});

test('before any run the exports are the prediction; with nothing on screen they are null', async () => {
  const { page, errors } = await s.open('s=countdown&mode=async&speed=20');
  await waitFor(page, ['idle']);
  const shown = await view(page);
  assert.equal(shown.measured, false);
  const parsed = await parseSvg(page, await page.evaluate(() => window.awaitlab.svg()));
  assert.equal(parsed.error, null);
  assert.match(parsed.title, /\(predicted\)/);
  assert.deepEqual(parsed.labels.map((l) => l.name), shown.lanes.map((l) => l.name));
  assert.deepEqual(parsed.labels.map((l) => l.lines), shown.lanes.map((l) => l.lines));
  assert.deepEqual(parsed.labels.map((l) => l.name).slice(-3), ['A', 'B', 'C']);
  const png = fromDataUrl(await page.evaluate(() => window.awaitlab.png()));
  const box = await canvasBox(page);
  assert.deepEqual(pngSize(png), { width: Math.round(box.width * DPR), height: Math.round(box.height * DPR) });
  const text = await page.evaluate(() => window.awaitlab.consoleText());
  assert.equal(text, await consoleShown(page));
  assert.match(text, /C = 3\n/);

  // A value the form refuses: no prediction, nothing on the timeline, nothing to export.
  await page.fill('#param-count', '99999999999999999999');
  await page.waitForSelector('.timeline-empty');
  assert.equal(await page.evaluate(() => window.awaitlab.svg()), null);
  assert.equal(await page.evaluate(() => window.awaitlab.png()), null);
  assert.equal(await page.evaluate(() => window.awaitlab.consoleText()), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('each button of the export menu downloads its file; the menu works from the keyboard and is off during a run', async () => {
  const { page, errors } = await s.open(RUN);
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const files = {};
  for (const [id, ext] of [['export', 'json'], ['export-svg', 'svg'], ['export-png', 'png'], ['export-console', 'txt']]) {
    await page.click('[data-testid=export-menu] summary');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${id}]`)]);
    assert.equal(download.suggestedFilename(), `awaitlab-countdown-async.${ext}`);
    files[ext] = await readFile(await download.path());
    // The menu closes and gives the focus back to its button.
    assert.equal(await page.evaluate(() => document.querySelector('[data-testid=export-menu]').open), false);
    assert.equal(await page.evaluate(() => document.activeElement?.localName), 'summary');
  }
  assert.deepEqual(JSON.parse(files.json.toString('utf8')), await page.evaluate(() => window.awaitlab.trace()));
  assert.equal(files.svg.toString('utf8'), await page.evaluate(() => window.awaitlab.svg()));
  assert.equal((await parseSvg(page, files.svg.toString('utf8'))).error, null);
  const box = await canvasBox(page);
  assert.deepEqual(pngSize(files.png), { width: Math.round(box.width * DPR), height: Math.round(box.height * DPR) });
  assert.equal(files.txt.toString('utf8'), await page.evaluate(() => window.awaitlab.consoleText()));

  // Keyboard: Enter opens, Tab reaches the items, Escape closes and returns to the button.
  await page.focus('[data-testid=export-menu] summary');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid=export-menu]').open), true);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'export');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'export-svg');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid=export-menu]').open), false);
  assert.equal(await page.evaluate(() => document.activeElement?.localName), 'summary');
  // Its items are named buttons.
  const names = await page.$$eval('[data-testid=export-menu] button', (bs) => bs.map((b) => b.textContent.trim()));
  assert.deepEqual(names, ['Trace (JSON)', 'Timeline (SVG)', 'Timeline (PNG)', 'Console (text)']);

  // During a run every item is off.
  await page.evaluate(() => { document.documentElement.dataset.runState = 'pressed'; });
  await page.fill('#param-speed', '400');
  await page.click('[data-testid=run]');
  await waitFor(page, ['running']);
  const disabled = await page.$$eval('[data-testid=export-menu] button', (bs) => bs.map((b) => b.disabled));
  assert.deepEqual(disabled, [true, true, true, true]);
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  assert.deepEqual(
    await page.$$eval('[data-testid=export-menu] button', (bs) => bs.map((b) => b.disabled)),
    [false, false, false, false],
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('the export menu at 375, 768 and 1440 px, closed and open (screenshots), passes an axe audit open', async () => {
  for (const width of [375, 768, 1440]) {
    const { page, errors } = await s.open(RUN, { width, height: 800 });
    assert.equal(await waitFor(page, ['done', 'error']), 'done');
    const header = await page.$('header.top');
    await header.screenshot({ path: join(ARTIFACTS, `export-menu-${width}-closed.png`) });
    await page.click('[data-testid=export-menu] summary');
    const menu = await (await page.$('.export-items')).boundingBox();
    const head = await header.boundingBox();
    // The open menu is on the screen, whole.
    assert.ok(menu.x >= 0 && menu.x + menu.width <= width, `menu at ${menu.x}..${menu.x + menu.width} of ${width}`);
    await page.screenshot({
      path: join(ARTIFACTS, `export-menu-${width}-open.png`),
      clip: { x: 0, y: head.y, width, height: Math.max(head.height, menu.y + menu.height - head.y) + 8 },
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${width} px: ${overflow} px wider than the screen`);
    if (width !== 768) {
      await page.addScriptTag({ path: AXE });
      const found = await page.evaluate(async () => {
        // eslint-disable-next-line no-undef
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(found, [], `axe at ${width} px with the export menu open`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
  // The exported files themselves, drawn by the browser: the SVG as a document, the PNG as an image.
  const { page } = await s.open(RUN, { width: 1000, height: 500 });
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const svg = await page.evaluate(() => window.awaitlab.svg());
  const png = await page.evaluate(() => window.awaitlab.png());
  const viewer = await s.context.newPage();
  await viewer.setViewportSize({ width: 1000, height: 500 });
  await viewer.goto(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
  await viewer.screenshot({ path: join(ARTIFACTS, 'export-svg-rendered.png') });
  await viewer.goto(png);
  await viewer.screenshot({ path: join(ARTIFACTS, 'export-png-rendered.png') });
  await viewer.close();
  await page.close();
});

test('exporting under the strict Content-Security-Policy causes no violation', async () => {
  s.server.headers({ 'content-security-policy': STRICT_CSP });
  const { page, errors, seen } = await watchViolations(s.context);
  try {
    await page.goto(`${s.server.url}?${RUN}`);
    assert.equal(await waitFor(page, ['done', 'error']), 'done');
    assert.equal(typeof await page.evaluate(() => window.awaitlab.svg()), 'string');
    assert.match(await page.evaluate(() => window.awaitlab.png()), /^data:image\/png/);
    assert.equal(typeof await page.evaluate(() => window.awaitlab.consoleText()), 'string');
    for (const id of ['export', 'export-svg', 'export-png', 'export-console']) {
      await page.click('[data-testid=export-menu] summary');
      await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${id}]`)]);
    }
    await page.waitForTimeout(200);
    assert.deepEqual(await seen(), []);
    assert.deepEqual(errors, []);
  } finally {
    s.server.headers({});
    await page.close();
  }
});

test('an exported trace opens again: the form that made it, both compared runs, the loop; a wrong file is said', async () => {
  const { page, errors } = await s.open('s=countdown&mode=sync&compare=async&speed=50&autorun=1');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  await page.waitForFunction(() => document.querySelector('[data-testid=comparison]').dataset.times !== '');
  const made = await page.$eval('[data-testid=comparison]', (el) => ({ first: el.dataset.firstS, second: el.dataset.secondS }));
  await page.click('[data-testid=export-menu] summary');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export]')]);
  const file = join(ARTIFACTS, 'reopened.json');
  await writeFile(file, await readFile(await download.path()));
  await page.close();

  const other = await s.open('s=queue&mode=async');
  await waitFor(other.page, ['idle']);
  await other.page.click('[data-testid=export-menu] summary');
  await other.page.setInputFiles('[data-testid=open-trace]', file);
  await other.page.waitForFunction(() => new URL(location.href).searchParams.get('s') === 'countdown');
  assert.equal(await other.page.inputValue('[data-testid=scenario]'), 'countdown');
  assert.equal(await other.page.inputValue('#param-speed'), '50');
  assert.equal(await other.page.inputValue('[data-testid=compare]'), 'async');
  assert.equal(await other.page.evaluate(() => document.documentElement.dataset.runState), 'done');
  // The runs as they were measured, not run again.
  const shown = await other.page.$eval('[data-testid=comparison]', (el) => ({ first: el.dataset.firstS, second: el.dataset.secondS }));
  // (The file holds times to the nanosecond.)
  assert.ok(Math.abs(shown.first - made.first) < 1e-5 && Math.abs(shown.second - made.second) < 1e-5, JSON.stringify({ shown, made }));
  assert.ok(await other.page.isVisible('[data-testid=loop-compared]'));
  assert.match(await other.page.textContent('.messages'), /Opened a recorded run of Countdown/);
  // Export gives the same file back.
  const again = await other.page.evaluate(() => window.awaitlab.trace());
  const original = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(again.otherData.measured_total_s, original.otherData.measured_total_s);
  assert.equal(again.traceEvents.length, original.traceEvents.filter((e) => e.pid === 1).length);
  await other.page.screenshot({ path: join(ARTIFACTS, 'reopened-1440.png'), fullPage: true });

  // A file that is not an AwaitLab trace: said, and nothing changes.
  const wrong = join(ARTIFACTS, 'not-a-trace.json');
  await writeFile(wrong, JSON.stringify([{ name: 'Profile', ph: 'P', ts: 0, pid: 1, tid: 1 }]));
  await other.page.click('[data-testid=export-menu] summary');
  await other.page.setInputFiles('[data-testid=open-trace]', wrong);
  await other.page.waitForFunction(() => /Could not open not-a-trace\.json/.test(document.querySelector('.messages').textContent));
  assert.equal(await other.page.inputValue('[data-testid=scenario]'), 'countdown');
  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  await other.page.close();
});
