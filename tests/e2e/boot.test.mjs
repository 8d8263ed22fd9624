// End-to-end: the boot screen (index.html's #boot, scripts/boot_loader.js). A slow download shows
// what is loading and how much has arrived, in the page's language, until the app replaces it; a
// page that cannot start (its wasm or glue missing, WebAssembly turned off) says why, offers a
// reload and sets data-run-state to `error`, instead of staying blank and `loading`. Its own file:
// these tests refuse and slow down the app's own files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { suite, ROOT, ARTIFACTS, waitFor } from './helpers.mjs';

const s = suite();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const built = readdirSync(join(ROOT, 'dist'));
const WASM = built.find((f) => /^app-[\w]+_bg\.wasm$/.test(f));
const GLUE = built.find((f) => /^app-[\w]+\.js$/.test(f));
const escaped = (file) => file.replace(/[.]/g, '\\.');

/** A page at `query` that is not yet waited on (the boot screen is what it shows first). */
async function visit(query, init) {
  const page = await s.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (init) await page.addInitScript(init);
  await page.goto(`${s.server.url}?${query}`, { waitUntil: 'commit' });
  return { page, errors };
}

/** The boot screen's parts as the page shows them, or null once it is gone. */
const boot = (page) => page.evaluate(() => {
  const el = document.getElementById('boot');
  if (!el) return null;
  const bar = el.querySelector('[data-boot=bar]');
  return {
    text: el.querySelector('[data-boot=text]').textContent,
    size: el.querySelector('[data-boot=size]').textContent,
    value: bar.value,
    valueText: bar.getAttribute('aria-valuetext'),
    barHidden: bar.hidden,
    reloadHidden: el.querySelector('[data-boot=reload]').hidden,
    failed: el.dataset.failed !== undefined,
    lang: document.documentElement.lang,
  };
});

test('a slow download shows the boot screen and its progress, then the app takes its place', async () => {
  s.server.trickle(new RegExp(`^${escaped(WASM)}$`), 3000);
  const { page, errors } = await visit('s=countdown');
  try {
    // Progress as it arrives: sampled until the app has drawn.
    const seen = [];
    let shot = false;
    for (;;) {
      const b = await boot(page);
      if (!b) break;
      if (b.value > 0 && b.value < 1) {
        seen.push(b);
        if (!shot && b.value > 0.3) {
          for (const width of [375, 768, 1440]) {
            await page.setViewportSize({ width, height: 800 });
            await page.screenshot({ path: join(ARTIFACTS, `boot-loading-${width}.png`) });
          }
          await page.addScriptTag({ path: AXE });
          const found = await page.evaluate(async () => (await axe.run(document, { resultTypes: ['violations'] }))
            .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
          assert.deepEqual(found, [], 'axe on the boot screen');
          shot = true;
        }
      }
      await page.waitForTimeout(50);
    }
    assert.ok(shot, 'the boot screen was seen part way');
    assert.ok(seen.length >= 5, `progress shown ${seen.length} times`);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i].value >= seen[i - 1].value, 'the bar only grows');
    const last = seen[seen.length - 1];
    assert.match(last.text, /^Loading AwaitLab/);
    assert.match(last.size, /^\d+\.\d of \d+\.\d MB$/, last.size);
    assert.equal(last.valueText, last.size);
    assert.equal(last.lang, 'en');
    assert.ok(last.reloadHidden && !last.barHidden && !last.failed);
    // The app has replaced it and runs.
    assert.equal(await waitFor(page, ['idle']), 'idle');
    assert.ok(await page.$('[data-testid=run]'));
    assert.deepEqual(errors, []);
  } finally {
    s.server.trickle(null);
    await page.close();
  }
});

test('the boot screen speaks the language and wears the colours the app will (?lang=zh&theme=dark)', async () => {
  s.server.trickle(new RegExp(`^${escaped(WASM)}$`), 2000);
  const { page, errors } = await visit('s=countdown&lang=zh&theme=dark');
  try {
    await page.waitForFunction(() => document.querySelector('#boot [data-boot=bar]')?.value > 0);
    const b = await boot(page);
    assert.match(b.text, /^正在加载 AwaitLab/);
    assert.match(b.size, /^\d+\.\d \/ \d+\.\d MB$/, b.size);
    assert.equal(b.lang, 'zh-Hans');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: join(ARTIFACTS, 'boot-loading-zh-dark-375.png') });
    assert.equal(await waitFor(page, ['idle']), 'idle');
    assert.equal(await boot(page), null);
    assert.deepEqual(errors, []);
  } finally {
    s.server.trickle(null);
    await page.close();
  }
});

for (const [what, file, why] of [
  ['wasm', WASM, `${escaped(WASM)} answered HTTP 404`],
  ['glue script', GLUE, `${escaped(GLUE)} could not be downloaded`],
]) {
  test(`the app's ${what} missing: the boot screen says why, the page is in error, and a reload recovers`, async () => {
    s.server.refuse([file]);
    const { page, errors } = await visit('s=countdown');
    try {
      assert.equal(await waitFor(page, ['error', 'idle'], 15_000), 'error');
      const b = await boot(page);
      assert.match(b.text, new RegExp(`^AwaitLab could not start: ${why}`), b.text);
      assert.ok(b.failed && b.barHidden && !b.reloadHidden);
      assert.equal(b.size, '');
      if (file === WASM) {
        for (const width of [375, 1440]) {
          await page.setViewportSize({ width, height: 800 });
          await page.screenshot({ path: join(ARTIFACTS, `boot-failed-${width}.png`) });
        }
      }
      // The page's own error, once (the start script's rejection), and nothing else.
      assert.equal(errors.length, 1, errors.join('\n'));
      // The file is back: Reload starts the app.
      s.server.refuse([]);
      await page.click('#boot [data-boot=reload]');
      assert.equal(await waitFor(page, ['idle'], 30_000), 'idle');
      assert.equal(await boot(page), null);
    } finally {
      s.server.refuse([]);
      await page.close();
    }
  });
}

test('WebAssembly turned off (Lockdown Mode, a policy): the boot screen says so', async () => {
  const { page } = await visit('s=countdown&lang=en', () => {
    delete globalThis.WebAssembly;
  });
  try {
    assert.equal(await waitFor(page, ['error', 'idle'], 15_000), 'error');
    const b = await boot(page);
    assert.match(b.text, /^AwaitLab could not start: this browser has WebAssembly turned off/, b.text);
  } finally {
    await page.close();
  }
});
