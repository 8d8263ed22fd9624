// End-to-end: a worker whose wasm cannot load (the server answers 404 for it) ends the run with an
// error naming the file, on the page, instead of leaving it `running` forever — for the pool and
// for the loop worker — and once the file is back, the next run works. Its own file, so that no
// earlier test has loaded the wasm these tests refuse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, waitFor, runAgain } from './helpers.mjs';

const s = suite();

/** What the page holds (window.awaitlab.resources()). */
const resources = (page) => page.evaluate(() => window.awaitlab.resources());

for (const [what, file, query] of [
  ['the pool', 'worker_bg.wasm', 's=countdown&mode=pool&speed=20'],
  ['the loop worker', 'loop_worker_bg.wasm', 's=countdown&mode=async&speed=20&loop=worker'],
]) {
  test(`${what}: a worker whose ${file} does not load fails the run, naming the file`, async () => {
    s.server.refuse([file]);
    const { page, errors } = await s.open(`${query}&autorun=1`);
    try {
      assert.equal(await waitFor(page, ['done', 'error'], 30_000), 'error');
      const shown = await page.textContent('[data-testid=run-error]');
      assert.match(shown, new RegExp(`cannot load ${file.replace('.', '\\.')}`), shown);
      const trace = await page.evaluate(() => window.awaitlab.trace());
      assert.match(trace.otherData.error, new RegExp(file.replace('.', '\\.')));
      // The failed workers are gone (none is kept as a spare).
      await page.waitForFunction(() => {
        const r = window.awaitlab.resources();
        return r.workers === r.spareWorkers && r.timers === 0;
      });
      assert.equal((await resources(page)).spareWorkers, 0);
      // The file is back: the next run works.
      s.server.refuse([]);
      const next = await runAgain(page);
      assert.equal(await page.evaluate(() => document.documentElement.dataset.runState), 'done');
      assert.equal(next.otherData.error, undefined);
      assert.deepEqual(errors, []);
    } finally {
      s.server.refuse([]);
      await page.close();
    }
  });
}
