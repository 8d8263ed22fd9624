// End-to-end: a link cannot freeze the tab without limit. `http` `sync` makes blocking requests;
// on the page's thread the browser allows them no timeout, so a link whose blocking requests go
// to another origin does not run by itself (it shows the run ready and says why). Same-origin
// blocking requests still autorun; in a loop worker, where a timeout is allowed, a blocking request
// is aborted once the thread has been held for the freeze limit (20 s, so that test takes 20 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, waitFor, runState, consoleLines, frames } from './helpers.mjs';

const s = suite();

/** The slow file on the test server, under another origin (localhost instead of 127.0.0.1). */
const elsewhere = () => `${s.server.url.replace('127.0.0.1', 'localhost')}slow`;

/** Opens `query` (its requests would wait 60 s): the run does not start, the banner says why
 * (`why`), and Run stays available. */
async function refusesAutorun(query, why) {
  s.server.delay(60_000);
  const { page, errors } = await s.open(query);
  try {
    await page.waitForSelector('.banner.info');
    assert.match(await page.textContent('.banner.info'), why);
    await frames(page, 10);
    assert.equal(await runState(page), 'idle');
    assert.equal(await page.evaluate(() => window.awaitlab.trace()), null);
    assert.ok(!(await page.isDisabled('[data-testid=run]')), 'Run stays available');
    assert.deepEqual(errors, []);
  } finally {
    s.server.delay(0);
    await page.close();
  }
}

test('a link with blocking requests to another site does not autorun, and says why', async () => {
  await refusesAutorun(`s=http&mode=sync&urls=${elsewhere()}&latency=0&autorun=1`,
    /Not run automatically: .*another site \(http:\/\/localhost:\d+\/awaitlab\/slow\)/);
});

test('a program from a link that imports requests does not autorun on the page, and says why', async () => {
  const program = `import requests\n\nprint(requests.get("${elsewhere()}").status_code)\n`;
  await refusesAutorun(`code=${encodeURIComponent(program)}&autorun=1`,
    /Not run automatically: this link's program imports requests/);
  // With the loop in a worker, where its requests time out, the same link runs.
  const worker = await s.open(`code=${encodeURIComponent('import requests\n\nprint(requests.get("data/a.json").status_code)\n')}&loop=worker&autorun=1`);
  assert.equal(await waitFor(worker.page, ['done', 'error']), 'done');
  assert.deepEqual(await consoleLines(worker.page), ['200']);
  await worker.page.close();
});

test('a link with same-origin blocking requests, or blocking requests in a loop worker, autoruns', async () => {
  for (const query of ['s=http&mode=sync&autorun=1', `s=http&mode=sync&urls=${elsewhere()}&latency=0&loop=worker&autorun=1`]) {
    const { page, errors } = await s.open(query);
    assert.equal(await waitFor(page, ['done', 'error']), 'done', query);
    assert.equal(await page.$('.banner.info'), null, query);
    assert.deepEqual(errors, [], query);
    await page.close();
  }
});

test('in a loop worker, a blocking request is aborted at the freeze limit (about 20 s)', async () => {
  s.server.delay(60_000);
  const { page, errors } = await s.open(`s=http&mode=sync&urls=${elsewhere()}&latency=0&tasks=1&loop=worker&autorun=1`);
  try {
    assert.equal(await waitFor(page, ['done', 'error'], 40_000), 'done');
    const lines = await consoleLines(page);
    // The request held the worker's thread until the limit, not for the server's 60 s: the
    // program's requests.get raised requests' Timeout.
    assert.ok(lines.some((l) => /^requests\.exceptions\.Timeout: timed out after (19\.\d|20\.0) s.*freeze limit/.test(l)), lines.join('\n'));
    const trace = await page.evaluate(() => window.awaitlab.trace());
    assert.ok(trace.otherData.measured_total_s < 22, `${trace.otherData.measured_total_s}`);
    assert.deepEqual(errors, []);
  } finally {
    s.server.delay(0);
    await page.close();
  }
});
