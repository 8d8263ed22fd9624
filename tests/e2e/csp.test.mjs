// Under a strict Content-Security-Policy — scripts, styles, workers and requests from the page's
// own origin only, WebAssembly allowed to compile, nothing inline — the app loads and runs on the
// page, with its worker pool and with its loop in a worker, without one violation: it can be
// embedded in documentation sites that enforce such a policy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, waitFor, STRICT_CSP, watchViolations } from './helpers.mjs';

const s = suite();

/** Opens `query` under the policy, recording every violation the page (or a worker) reports. */
async function openStrict(query) {
  s.server.headers({ 'content-security-policy': STRICT_CSP });
  const watched = await watchViolations(s.context);
  await watched.page.goto(`${s.server.url}?${query}`);
  await watched.page.waitForFunction(() => document.querySelector('[data-testid=run]'), null, { timeout: 30_000 });
  return watched;
}

for (const [what, query] of [
  ['a run on the page', 's=countdown&mode=async&speed=100&autorun=1'],
  ['a pool run in Web Workers', 's=countdown&mode=pool&speed=100&autorun=1'],
  ['a run with its loop in a worker', 's=countdown&mode=async&speed=100&loop=worker&autorun=1'],
  ['real requests for the shipped files', 's=http&mode=async&speed=100&autorun=1'],
]) {
  test(`under a strict Content-Security-Policy: ${what}, no violation`, async () => {
    const { page, errors, seen } = await openStrict(query);
    assert.equal(await waitFor(page, ['done', 'error']), 'done', await page.textContent('body'));
    // Hover and scrub: the views' own styling is policy-proof too.
    const box = await (await page.$('canvas.timeline')).boundingBox();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.5);
    await page.waitForTimeout(200);
    assert.deepEqual(await seen(), []);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
