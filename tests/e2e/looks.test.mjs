// Every scenario as it looks after a run at 375, 768 and 1440 px (screenshots in artifacts/, to be
// looked at), with no page error and nothing wider than the screen; and an accessibility audit
// (axe-core) of the views issue 7 touched, at 375 and 1440 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { suite, ARTIFACTS, waitFor } from './helpers.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WIDTHS = [375, 768, 1440];
const s = suite();
const { open } = s;

/** Shorter runs for the screenshots where the default takes seconds; the rest as they come. */
const QUICKER = { parents: '&speed=30', 'loop-impl': '&switches=100', gather: '&speed=50' };

test('every scenario after a run, at 375, 768 and 1440 px', async () => {
  const probe = await open('');
  const ids = await probe.page.$$eval('[data-testid=scenario] option', (os) => os.map((o) => o.value));
  await probe.page.close();
  assert.ok(ids.length >= 16, ids.join());
  for (const width of WIDTHS) {
    for (const id of ids) {
      const { page, errors } = await open(`s=${id}${QUICKER[id] ?? ''}&autorun=1`, { width, height: 900 });
      const state = await waitFor(page, ['done', 'error']);
      // Scenarios that end in a deadlock or a stall say so: that is their lesson, not a failure.
      if (state === 'error') assert.ok(await page.$('[data-testid=run-error]'), `${id}: error without a reason`);
      await page.screenshot({ path: join(ARTIFACTS, `look-${width}-${id}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${id} at ${width} px: the page is ${overflow} px wider than the screen`);
      assert.deepEqual(errors, [], `${id} at ${width} px`);
      await page.close();
    }
  }
});

/** axe-core's violations on the page as it stands, each as `rule: targets`. */
async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return found;
}

test('the views issue 7 touched pass an axe audit at 375 and 1440 px', async () => {
  const views = [
    ['countdown after a run', 's=countdown&mode=async&speed=20&autorun=1'],
    ['a lesson read by steps', 's=queue&mode=sync&autorun=1'],
    ['a deadlock, stopped with its reason', 's=parents&mode=deadlock&autorun=1'],
    ['a speed too fast to be honest', 's=countdown&mode=sync&speed=1'],
    ['a link naming nothing', 's=nope&autorun=1'],
    ['full-width input and a refusal', 's=countdown&mode=async&delays=1，0.8，0.5'],
    ['pool workers', 's=primes&mode=pool&autorun=1'],
  ];
  for (const width of [375, 1440]) {
    for (const [name, query] of views) {
      const { page, errors } = await open(query, { width, height: 900 });
      if (query.includes('autorun=1') && !query.includes('nope')) await waitFor(page, ['done', 'error']);
      else await waitFor(page, ['idle']);
      if (name.startsWith('full-width')) await page.fill('#param-count', '99999999999999999999');
      assert.deepEqual(await violations(page), [], `${name} at ${width} px`);
      assert.deepEqual(errors, []);
      await page.close();
    }
  }
});
