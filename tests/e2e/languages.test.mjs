// End-to-end, the page in English and 简体中文 (issue 10): a Chinese page says everything in
// Chinese (no English sentence left in its words, labels or tooltips; the program, its output and
// code names aside), the switch changes the language in place and the link keeps it, a Chinese
// browser gets Chinese unless the link asks otherwise, and the Chinese page passes axe.
// Screenshots in artifacts/lang-zh-*.png, to be looked at (the CJK font comes from setup.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { suite, ARTIFACTS, waitFor, consoleLines } from './helpers.mjs';
import { launch } from './browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const s = suite();
const { open } = s;

/**
 * The page's words that are English sentences (three or more English words in a row): visible
 * text, ARIA labels, titles and placeholders, leaving out what is code or the program's own
 * output (the editor, `<code>`, the console's printed lines, the highlighted program).
 */
const englishLeft = (page) =>
  page.evaluate(() => {
    const sentence = /[A-Za-z]{2,}[,;:]?\s+[A-Za-z]{2,}[,;:]?\s+[A-Za-z]{2,}/;
    const skip = 'code, pre, textarea, script, style, [data-testid=console] .text, .code-view, .sr-code, [lang=en]';
    const found = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest(skip)) continue;
      const text = node.textContent.trim();
      if (sentence.test(text)) found.add(`text: ${text.slice(0, 80)}`);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (el.closest(skip)) continue;
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(attr);
        if (value && sentence.test(value)) found.add(`${attr}: ${value.slice(0, 80)}`);
      }
    }
    return [...found];
  });

async function violations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('lang=zh: the whole page speaks Chinese, before and after a run, at 375, 768 and 1440 px', async () => {
  for (const width of [375, 768, 1440]) {
    const { page, errors } = await open('s=countdown&mode=async&speed=20&lang=zh&autorun=1', { width, height: 900 });
    assert.equal(await waitFor(page, ['done', 'error']), 'done');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
    assert.match(await page.title(), /AwaitLab$/);
    assert.match(await page.textContent('.legend'), /事件循环/);
    // Open what is folded, so its words are read too.
    await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
    assert.deepEqual(await englishLeft(page), [], `English left at ${width} px`);
    await page.screenshot({ path: join(ARTIFACTS, `lang-zh-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${width} px: ${overflow} px wider than the screen`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('lang=zh: the guess panel speaks Chinese, open and scored', async () => {
  const { page, errors } = await open('s=tasks&mode=tasks&speed=100&predict=1&lang=zh', { width: 1440, height: 900 });
  await page.waitForSelector('[data-testid=guess-line]');
  assert.deepEqual(await englishLeft(page), [], 'open');
  await page.fill('[data-testid=guess-total]', '2');
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  await page.waitForSelector('[data-testid=guess-result]');
  assert.match(await page.textContent('[data-testid=guess-result]'), /行中有 \d+ 行位置正确/);
  assert.deepEqual(await englishLeft(page), [], 'scored');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the switch changes the language in place, the link keeps it, and Back does not undo it', async () => {
  const { page, errors } = await open('s=queue&mode=async&speed=50');
  await waitFor(page, ['idle']);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  const english = await page.textContent('.legend');
  assert.match(english, /running on the loop/);
  // No language asked: the link does not carry one.
  assert.equal(new URL(page.url()).searchParams.get('lang'), null);
  await page.selectOption('[data-testid=lang]', 'zh');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-Hans');
  assert.match(await page.textContent('.legend'), /事件循环/);
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'zh');
  // The program's comments are in Chinese too; its code is the same, line for line.
  const program = await page.inputValue('[data-testid=code]');
  assert.match(program, /# 其他任务运行/);
  assert.doesNotMatch(program, /# the others run/);
  // The run still runs, in Chinese, and prints what the English program prints.
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const printed = await consoleLines(page);
  assert.ok(printed.length > 3, printed.join('\n'));
  // A reload keeps it; another scenario keeps it.
  await page.reload();
  await page.waitForSelector('[data-testid=run]');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
  await page.selectOption('[data-testid=scenario]', 'countdown');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('s') === 'countdown');
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'zh');
  await page.goBack();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('s') === 'queue');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
  // And back to English.
  await page.selectOption('[data-testid=lang]', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await page.textContent('.legend'), english);
  assert.match(await page.inputValue('[data-testid=code]'), /# the others run/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a Chinese browser gets Chinese unless the link asks for English; an unknown lang says so", async () => {
  const context = await launch({ locale: 'zh-CN' });
  try {
    const page = await context.newPage();
    await page.goto(`${s.server.url}?s=countdown&mode=async`);
    await page.waitForSelector('[data-testid=run]');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
    assert.match(await page.textContent('.legend'), /事件循环/);
    // Chosen by the browser, not the link: a link copied from here opens in its reader's language.
    assert.equal(new URL(page.url()).searchParams.get('lang'), null);
    await page.goto(`${s.server.url}?s=countdown&mode=async&lang=en`);
    await page.waitForSelector('[data-testid=run]');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.match(await page.textContent('.legend'), /running on the loop/);
    await page.goto(`${s.server.url}?s=countdown&mode=async&lang=tlh`);
    await page.waitForSelector('[data-testid=run]');
    assert.match(await page.textContent('[data-testid=url-problems]'), /lang/);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-Hans');
  } finally {
    await context.close();
  }
});

test('every Chinese view passes an axe audit at 360 and 1280 px and leaves no English sentence', async () => {
  // Each view as a person meets it: a run, an embed, two runs compared, a pool's workers, the
  // loop in a worker, the guess panel before a run, an edited program the form cannot read.
  const views = [
    ['s=countdown&mode=async&speed=20&lang=zh&autorun=1', 'done'],
    ['s=queue&mode=sync&lang=zh&embed=1&autorun=1', 'done'],
    ['s=countdown&mode=sync&compare=async&speed=20&lang=zh&autorun=1', 'done'],
    ['s=countdown&mode=pool&speed=50&lang=zh&autorun=1', 'done'],
    ['s=gather&mode=gather&loop=worker&speed=50&lang=zh&autorun=1', 'done'],
    ['s=tasks&mode=tasks&predict=1&lang=zh', 'idle'],
    [`s=countdown&mode=async&lang=zh&code=${encodeURIComponent('COUNT = 1 + 2  # param: count\nprint(COUNT)\n')}`, 'idle'],
  ];
  for (const width of [360, 1280]) {
    for (const [query, state] of views) {
      const { page, errors } = await open(query, { width, height: 900 });
      assert.equal(await waitFor(page, [state, 'error']), state, query);
      await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
      assert.deepEqual(await violations(page), [], `${query} at ${width} px`);
      assert.deepEqual(await englishLeft(page), [], `English left: ${query} at ${width} px`);
      if (width === 1280) {
        const name = query.match(/s=([a-z-]+)&mode=([a-z-]+)/).slice(1).join('-');
        await page.screenshot({ path: join(ARTIFACTS, `lang-zh-view-${name}-${views.findIndex(([q]) => q === query)}.png`), fullPage: true });
      }
      assert.deepEqual(errors, []);
      await page.close();
    }
  }
});
