// End-to-end, "predict, then run" (issue 10): with predict=1 the prediction stays hidden while the
// learner orders the console's lines (from the keyboard, or by dragging) and guesses the total;
// Run locks the guess and the run scores it line by line against what CPython prints for the
// same program; "Guess again" hides the answer again. Screenshots in artifacts/predict-*.png.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { suite, ARTIFACTS, ROOT, waitFor, consoleLines } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const s = suite();
const { open } = s;
const QUERY = 's=tasks&mode=tasks&speed=100&predict=1';
let cpython;

before(async () => {
  // What CPython prints for the program the page runs: the answer the guess is scored against.
  const program = await readFile(join(ROOT, 'crates/core/programs/tasks/tasks.py'), 'utf8');
  cpython = execFileSync('python3', ['-c', program], { encoding: 'utf8' }).split('\n').filter((l) => l !== '');
});

const guessLines = (page) =>
  page.$$eval('[data-testid=guess-line] .text', (els) => els.map((e) => e.textContent));

/** Puts the lines in `target`'s order from the keyboard: focus a line's ↑ and press Enter. */
async function orderByKeyboard(page, target) {
  for (let i = 0; i < target.length; i++) {
    const now = await guessLines(page);
    const j = now.findIndex((line, k) => k >= i && line === target[i]);
    assert.ok(j >= i, `${target[i]} not found in ${now}`);
    if (j === i) continue;
    await page.locator('[data-testid=guess-line]').nth(j).locator('button').first().focus();
    for (let step = 0; step < j - i; step++) await page.keyboard.press('Enter');
    // The moved line kept the focus all the way up.
    assert.equal(await page.evaluate(() => document.activeElement.closest('li')?.querySelector('.text')?.textContent), target[i]);
  }
  assert.deepEqual(await guessLines(page), target);
}

async function violations(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

test('the guess hides the answer, orders from the keyboard, and the run scores it line by line', async () => {
  const { page, errors } = await open(QUERY);
  await page.waitForSelector('[data-testid=guess-line]');
  const start = await guessLines(page);
  // The predicted lines, out of order: the same lines CPython prints, not in its order.
  assert.deepEqual([...start].sort(), [...cpython].sort());
  assert.notDeepEqual(start, cpython);
  // Nothing gives the answer away: no console lines, no spans, a note in their place.
  assert.ok(await page.isVisible('[data-testid=guess-hidden]'));
  assert.equal((await consoleLines(page)).length, 0);
  assert.equal(await page.$('[data-testid=transcript]'), null);
  // The learner thinks main ends only after the tasks print 1: two lines out of place.
  const guess = [...cpython];
  const end = guess.indexOf('main end');
  [guess[end], guess[end + 1]] = [guess[end + 1], guess[end]];
  await orderByKeyboard(page, guess);
  await page.fill('[data-testid=guess-total]', '２');
  assert.equal(await page.getAttribute('[data-testid=guess-total]', 'aria-invalid'), 'false');
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  await page.waitForSelector('[data-testid=guess-result]');
  // Line by line: right where the guess matches CPython's line, wrong (with the answer) elsewhere.
  const marks = await page.$$eval('[data-testid=guess-line]', (els) => els.map((e) => e.classList.contains('ok')));
  assert.deepEqual(marks, guess.map((line, i) => line === cpython[i]));
  const right = marks.filter(Boolean).length;
  assert.equal(right, cpython.length - 2);
  const result = await page.textContent('[data-testid=guess-result]');
  assert.match(result, new RegExp(`${right} of ${cpython.length} lines in place`));
  assert.match(await page.textContent('[data-testid=guess-line].miss'), /the run printed/);
  // The total: 2 s against the measured total, close by the 10 % rule.
  const trace = await page.evaluate(() => window.awaitlab.trace());
  const measured = trace.otherData.measured_total_s;
  const close = Math.abs(2 - measured) <= Math.max(0.1 * measured, 0.1);
  assert.match(await page.textContent('[data-testid=guess-total-result]'), close ? /: close\.$/ : /off by/);
  // The answer is out: the console shows what the run printed, CPython's lines.
  assert.deepEqual(await consoleLines(page), cpython);
  for (const width of [375, 768, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(ARTIFACTS, `predict-scored-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${width} px: ${overflow} px too wide`);
  }
  // Guess again: the answer hides, the lines start over.
  await page.click('[data-testid=guess-again]');
  await page.waitForSelector('[data-testid=guess-hidden]');
  assert.deepEqual(await guessLines(page), start);
  assert.equal(await page.$('[data-testid=guess-result]'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('lines can be dragged into place, and a total that is not seconds says so', async () => {
  const { page, errors } = await open(QUERY);
  await page.waitForSelector('[data-testid=guess-line]');
  const before = await guessLines(page);
  const items = page.locator('[data-testid=guess-line]');
  await items.nth(2).dragTo(items.nth(0));
  const after = await guessLines(page);
  assert.equal(after[0], before[2]);
  assert.deepEqual([...after].sort(), [...before].sort());
  await page.fill('[data-testid=guess-total]', 'soon');
  assert.equal(await page.getAttribute('[data-testid=guess-total]', 'aria-invalid'), 'true');
  assert.ok(await page.isVisible('#guess-total-note'));
  // Run with no usable total: only the order is scored.
  await page.click('[data-testid=run]');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  await page.waitForSelector('[data-testid=guess-result]');
  assert.equal(await page.$('[data-testid=guess-total-result]'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Predict first" turns the guess on and off, and the link keeps it', async () => {
  const { page, errors } = await open('s=tasks&mode=tasks&speed=100');
  await waitFor(page, ['idle']);
  assert.equal(await page.$('[data-testid=guess]'), null);
  assert.equal(await page.getAttribute('[data-testid=predict]', 'aria-pressed'), 'false');
  // The console shows the prediction while no guess is asked for.
  assert.ok((await consoleLines(page)).length > 0);
  await page.click('[data-testid=predict]');
  await page.waitForSelector('[data-testid=guess-line]');
  assert.equal(await page.getAttribute('[data-testid=predict]', 'aria-pressed'), 'true');
  assert.equal(new URL(page.url()).searchParams.get('predict'), '1');
  assert.equal((await consoleLines(page)).length, 0);
  await page.click('[data-testid=predict]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=guess]'));
  assert.equal(new URL(page.url()).searchParams.get('predict'), null);
  assert.ok((await consoleLines(page)).length > 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the guess passes an axe audit at 360 and 1280 px, open and scored, in both languages', async () => {
  for (const width of [360, 1280]) {
    for (const lang of ['en', 'zh']) {
      const { page, errors } = await open(`${QUERY}&lang=${lang}`, { width, height: 900 });
      await page.waitForSelector('[data-testid=guess-line]');
      assert.deepEqual(await violations(page), [], `open, ${lang}, ${width} px`);
      await page.click('[data-testid=run]');
      await waitFor(page, ['done', 'error']);
      await page.waitForSelector('[data-testid=guess-result]');
      assert.deepEqual(await violations(page), [], `scored, ${lang}, ${width} px`);
      if (width === 360) await page.screenshot({ path: join(ARTIFACTS, `predict-${lang}-360.png`), fullPage: true });
      assert.deepEqual(errors, []);
      await page.close();
    }
  }
});
