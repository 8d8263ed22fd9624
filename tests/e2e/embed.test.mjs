// Embedding (issue 9): the compact layout of ?embed=1 at every width from 320 px, the host API
// driven from a page on another port (run, stop, set, get-trace; ready, state, trace, resize,
// error; host-origin pinning), embed.js turning an example documentation page's blocks into sized
// frames that run what the blocks hold (checked against CPython's own output), the "Embed"
// snippets round trip, and the themes. Screenshots in artifacts/ (embed-*.png), to be looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, ARTIFACTS, waitFor } from './helpers.mjs';
import { serve } from './server.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const s = suite();
let hostDir;
let host;

before(async () => {
  hostDir = mkdtempSync(join(tmpdir(), 'awaitlab-host-'));
  host = await serve(hostDir, '/');
});
after(async () => {
  await host?.close();
  rmSync(hostDir, { recursive: true, force: true });
});

/** A host page on another origin (another port) framing the app at `query`. */
async function hostPage(query, { width = 900, name = 'host.html' } = {}) {
  writeFileSync(join(hostDir, name), `<!doctype html><meta charset="utf-8"><title>host</title>
<body><h1>Docs</h1><iframe id="f" title="AwaitLab" src="${s.server.url}?${query.replaceAll('&', '&amp;')}"
style="width:100%;border:0;height:300px"></iframe></body>`);
  const page = await s.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  // Every message the frame posts, and a way to post to it.
  await page.addInitScript(() => {
    window.got = [];
    window.addEventListener('message', (e) => {
      if (e.data && typeof e.data === 'object' && String(e.data.type).startsWith('awaitlab:')) {
        window.got.push({ ...e.data, origin: e.origin });
        if (e.data.type === 'awaitlab:resize') document.getElementById('f').style.height = `${e.data.height}px`;
      }
    });
    window.send = (m) => document.getElementById('f').contentWindow.postMessage(m, '*');
  });
  await page.goto(`${host.url}${name}`);
  return page;
}

const got = (page, type) => page.evaluate((t) => window.got.filter((m) => m.type === `awaitlab:${t}`), type);
const waitGot = (page, type, test = '() => true', timeout = 60_000) =>
  page.waitForFunction(([t, f]) => window.got.some((m) => m.type === `awaitlab:${t}` && eval(f)(m)), [type, test], { timeout });
const frameOf = (page) => page.frames().find((f) => f.url().includes('embed=1'));
const frameLines = (frame) =>
  frame.$$eval('[data-testid=console] .text', (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));

test('?embed=1 is compact and fits every width from 320 px, with a link to the whole page', async () => {
  for (const width of [320, 375, 768, 1440]) {
    const { page, errors } = await s.open('s=countdown&mode=async&speed=20&autorun=1&embed=1', { width, height: 800 });
    assert.equal(await waitFor(page, ['done', 'error']), 'done');
    assert.equal(await page.$('.brand'), null, 'no page chrome');
    assert.equal(await page.$('footer'), null);
    for (const id of ['run', 'stop', 'replay', 'embed-program', 'open-full', 'console']) {
      assert.ok(await page.$(`[data-testid=${id}]`), `${id} at ${width} px`);
    }
    assert.ok(await page.$('canvas.timeline'), 'the timeline');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${overflow} px of horizontal scroll at ${width} px`);
    const full = new URL(await page.getAttribute('[data-testid=open-full]', 'href'));
    assert.equal(full.searchParams.get('s'), 'countdown');
    assert.equal(full.searchParams.get('mode'), 'async');
    assert.equal(full.searchParams.get('speed'), '20');
    assert.equal(full.searchParams.get('embed'), null, 'the whole page, not the embed');
    // The address the embed keeps (after its own rewrites) still says embed.
    assert.equal(new URL(page.url()).searchParams.get('embed'), '1');
    await page.screenshot({ path: join(ARTIFACTS, `embed-${width}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('a host page on another origin steers the embed and hears back', async () => {
  const page = await hostPage('embed=1&s=countdown&mode=async&speed=20');
  await waitGot(page, 'ready');
  const [ready] = await got(page, 'ready');
  assert.equal(ready.scenario, 'countdown');
  assert.equal(ready.origin, new URL(s.server.url).origin);
  // Auto-height: the host sized the frame to the content, so the frame does not scroll.
  await waitGot(page, 'resize');
  await page.waitForTimeout(300);
  const frame = frameOf(page);
  const inner = await frame.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  assert.ok(inner <= 1, `the frame scrolls by ${inner} px`);
  const { height } = (await got(page, 'resize')).at(-1);
  const box = await (await page.$('#f')).boundingBox();
  assert.ok(Math.abs(box.height - height) <= 1, `frame ${box.height} px, content ${height} px`);

  // set, then run at once: the run is of what set asked for.
  await page.evaluate(() => {
    window.send({ type: 'awaitlab:set', params: { letters: ['X', 'Y'] }, speed: 20 });
    window.send({ type: 'awaitlab:run' });
  });
  await waitGot(page, 'state', "(m) => m.state === 'running'");
  await waitGot(page, 'state', "(m) => m.state === 'done'");
  const done = (await got(page, 'state')).find((m) => m.state === 'done');
  assert.ok(done.measured_s > 1.5 && done.measured_s < 4, JSON.stringify(done));
  const lines = await frameLines(frame);
  assert.ok(lines.some((l) => /\bX = 3/.test(l)) && lines.some((l) => /\bY = 3/.test(l)), lines.join('|'));
  assert.ok(!lines.some((l) => /\b[ABC] = /.test(l)), 'only the letters set count');

  await page.evaluate(() => window.send({ type: 'awaitlab:get-trace', id: 'q1' }));
  await waitGot(page, 'trace');
  const [trace] = await got(page, 'trace');
  assert.equal(trace.id, 'q1');
  assert.ok(trace.trace.traceEvents.length > 10);
  assert.equal(trace.trace.otherData.params.letters, 'X,Y');

  // A wrong shape is answered, naming the field; an unknown type is ignored.
  await page.evaluate(() => {
    window.send({ type: 'awaitlab:set', id: 7, scenari: 'queue' });
    window.send({ type: 'awaitlab:dance' });
    window.send('awaitlab:run');
    window.send({ type: 'awaitlab:set', code: '<img src=x onerror=alert(1)>' });
  });
  await waitGot(page, 'error');
  const errors = await got(page, 'error');
  assert.equal(errors[0].id, 7);
  assert.match(errors[0].message, /no field "scenari"/);
  // The markup a host sent is a program's text, never markup: no image appeared.
  await frame.waitForFunction(() => document.querySelector('.editor')?.textContent.includes('onerror'));
  assert.equal(await frame.$('img'), null);

  // Stop a run, then set and run again: the messages wait for the stop to take.
  await page.evaluate(() => {
    window.got = [];
    window.send({ type: 'awaitlab:set', code: null, params: { delays: [5, 5] } });
    window.send({ type: 'awaitlab:run' });
  });
  await waitGot(page, 'state', "(m) => m.state === 'running'");
  await page.evaluate(() => {
    window.send({ type: 'awaitlab:stop' });
    window.send({ type: 'awaitlab:set', params: { count: 1, delays: [0.1, 0.1] } });
    window.send({ type: 'awaitlab:run' });
  });
  await waitGot(page, 'state', "(m) => m.state === 'done'");
  const states = (await got(page, 'state')).map((m) => m.state);
  assert.deepEqual(states.slice(-2), ['running', 'done'], states.join());
  assert.ok(states.includes('idle'), `the first run was stopped: ${states.join()}`);
  assert.deepEqual((await got(page, 'error')).map((m) => m.message), []);
  await page.close();
});

test('host-origin pins the host: another page neither steers the embed nor hears it', async () => {
  const page = await hostPage('embed=1&s=countdown&mode=async&speed=20&host-origin=https://docs.example.org');
  await page.waitForFunction(() => document.getElementById('f').contentWindow.awaitlab, null, { timeout: 30_000 }).catch(() => {});
  const frame = frameOf(page);
  await frame.waitForFunction(() => document.documentElement.dataset.runState === 'idle', null, { timeout: 30_000 });
  await page.evaluate(() => window.send({ type: 'awaitlab:run' }));
  await page.waitForTimeout(1500);
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.runState), 'idle');
  assert.deepEqual(await page.evaluate(() => window.got), []);
  await page.close();
});

/** The programs of the example page's blocks, as their text reads. */
async function blockPrograms(page) {
  return page.$$eval('pre[data-awaitlab]', (pres) => pres.map((p) => p.textContent.replace(/\n$/, '')));
}

test('embed.js makes the example page live: sized frames that run what the blocks hold', async () => {
  for (const width of [360, 1280]) {
    const page = await s.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${s.server.url}examples/docs.html`);
    await page.waitForFunction(() => document.querySelectorAll('iframe.awaitlab-frame').length === 4);
    const programs = await blockPrograms(page);
    assert.equal(programs.length, 3);
    assert.ok(await page.$$eval('pre[data-awaitlab]', (ps) => ps.every((p) => p.hidden)), 'the blocks give way to frames');
    // Each frame is sized to its content once it has loaded (lazy frames load as they scroll in).
    for (const handle of await page.$$('iframe.awaitlab-frame')) {
      await handle.scrollIntoViewIfNeeded();
      const frame = await handle.contentFrame();
      await frame.waitForFunction(() => document.querySelector('[data-testid=run]'), null, { timeout: 30_000 });
      await page.waitForFunction((f) => parseFloat(f.style.height) !== 560, handle, { timeout: 10_000 });
      await page.waitForTimeout(200);
      const inner = await frame.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
      assert.ok(inner <= 1, `a frame scrolls by ${inner} px at ${width} px`);
      const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `a frame is ${overflow} px too wide at ${width} px`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the docs page is ${overflow} px too wide at ${width} px`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, `embed-docs-${width}.png`), fullPage: true });
    if (width === 1280) {
      // Each program runs and prints exactly what CPython prints for the same text.
      const handles = await page.$$('iframe.awaitlab-frame');
      for (const [i, program] of programs.entries()) {
        const frame = await handles[i].contentFrame();
        const want = execFileSync('python3', ['-c', program], { encoding: 'utf8' }).trim().split('\n');
        assert.equal(await frame.$eval('.editor textarea', (t) => t.value), program, 'the frame holds the block');
        await frame.click('[data-testid=run]');
        await frame.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.runState), null, { timeout: 60_000 });
        const trace = await frame.evaluate(() => window.awaitlab.trace());
        const printed = trace.traceEvents.filter((e) => e.name === 'print').map((e) => e.args.text);
        assert.deepEqual(printed, want, `block ${i + 1}`);
      }
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('where the script does not load, the blocks stay readable code', async () => {
  const page = await s.context.newPage();
  await page.route('**/embed.js', (route) => route.abort());
  await page.goto(`${s.server.url}examples/docs.html`);
  await page.waitForTimeout(500);
  assert.equal(await page.$$eval('iframe', (f) => f.length), 0);
  const visible = await page.$$eval('pre[data-awaitlab]', (ps) => ps.map((p) => !p.hidden && p.offsetHeight > 100));
  assert.deepEqual(visible, [true, true, true]);
  assert.match(await page.textContent('pre[data-awaitlab]'), /async def countdown/);
  await page.close();
});

test('"Embed" gives snippets that embed what is on screen', async () => {
  const { page } = await s.open('s=queue&mode=async&speed=50&theme=dark', { width: 375, height: 900 });
  await page.click('[data-testid=embed-code]');
  const frameSnippet = await page.inputValue('[data-testid=embed-iframe]');
  const block = await page.inputValue('[data-testid=embed-block]');
  await page.screenshot({ path: join(ARTIFACTS, 'embed-snippets-375.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the panel makes the page ${overflow} px wider`);
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => (await axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  assert.deepEqual(found, []);
  await page.focus('[data-testid=embed-block]');
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'embed-code', 'focus back on the button');
  assert.equal(await page.$('[data-testid=embed-panel]'), null, 'Escape closes the panel');
  await page.close();
  assert.match(block, /^<div data-awaitlab="\?s=queue&amp;mode=async/);
  assert.match(block, /embed\.js" defer><\/script>$/);

  // The iframe snippet, pasted into a page on another origin, shows the same thing, embedded.
  writeFileSync(join(hostDir, 'pasted.html'), `<!doctype html><meta charset="utf-8"><title>pasted</title>${frameSnippet}`);
  const pasted = await s.context.newPage();
  await pasted.goto(`${host.url}pasted.html`);
  const frame = await (await pasted.waitForSelector('iframe')).contentFrame();
  await frame.waitForFunction(() => document.querySelector('[data-testid=run]'), null, { timeout: 30_000 });
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.embed), '');
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const shown = new URL(frame.url()).searchParams;
  assert.equal(shown.get('s'), 'queue');
  assert.equal(shown.get('speed'), '50');
  await pasted.close();
});

test('theme=light|dark overrides the system, on the page and in the embed', async () => {
  for (const [query, bg] of [
    ['s=countdown&theme=dark', 'rgb(14, 17, 23)'],
    ['s=countdown&theme=light', 'rgb(244, 246, 250)'],
    ['s=countdown&theme=dark&embed=1', 'rgb(21, 25, 34)'],
  ]) {
    const { page } = await s.open(query, { width: 768, height: 800 });
    await page.emulateMedia({ colorScheme: query.includes('dark') ? 'light' : 'dark' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), bg, query);
    await page.screenshot({ path: join(ARTIFACTS, `embed-theme-${query.replace(/[^a-z]+/g, '-')}.png`) });
    await page.close();
  }
});

test('the colours switch keeps its choice in the address and repaints the page', async () => {
  const { page } = await s.open('s=countdown&mode=async', { width: 375, height: 800 });
  await page.emulateMedia({ colorScheme: 'light' });
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(), 'rgb(244, 246, 250)');
  await page.selectOption('[data-testid=theme]', 'dark');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('theme') === 'dark');
  assert.equal(await bg(), 'rgb(14, 17, 23)');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await page.screenshot({ path: join(ARTIFACTS, 'theme-switch-dark-375.png'), fullPage: true });
  await page.selectOption('[data-testid=theme]', 'auto');
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('theme'));
  assert.equal(await bg(), 'rgb(244, 246, 250)', 'the system (light) again');
  await page.close();
});

test('the embed passes an axe audit at 320 and 1280 px', async () => {
  for (const width of [320, 1280]) {
    const { page } = await s.open('s=countdown&mode=async&speed=20&autorun=1&embed=1', { width, height: 900 });
    await waitFor(page, ['done']);
    await page.click('[data-testid=embed-program] summary');
    await page.click('[data-testid=embed-summary] summary');
    await page.addScriptTag({ path: AXE });
    const found = await page.evaluate(async () => (await axe.run(document, { resultTypes: ['violations'] }))
      .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    assert.deepEqual(found, [], `at ${width} px`);
    await page.close();
  }
});
