// Helpers shared by the end-to-end test files: a page at a URL, the run state, the console.
import assert from 'node:assert/strict';

/** Opens a page of `context` at `base?query`, collecting page errors (a wasm panic is one). */
export async function open(context, base, query, viewport) {
  const page = await context.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}?${query}`);
  await page.waitForFunction(() => document.querySelector('[data-testid=run]'), null, { timeout: 30_000 });
  return { page, errors };
}

export const runState = (page) => page.evaluate(() => document.documentElement.dataset.runState);

/** Waits until the run state is one of `states`; returns it. */
export async function waitFor(page, states, timeout = 60_000) {
  await page.waitForFunction((s) => s.includes(document.documentElement.dataset.runState), states, { timeout });
  return runState(page);
}

/**
 * Presses Run (or `press`es) and waits for that run's end. A run that blocks may freeze the page
 * before a poll could see `running`, so the state is cleared first and the end of the next run
 * awaited; returns the trace.
 */
export async function runAgain(page, press = () => page.click('[data-testid=run]')) {
  await page.evaluate(() => { document.documentElement.dataset.runState = 'pressed'; });
  await press();
  assert.ok(['done', 'error', 'idle'].includes(await waitFor(page, ['done', 'error', 'idle'])));
  return page.evaluate(() => window.awaitlab.trace());
}

/** Console pane lines as shown, whitespace collapsed. */
export async function consoleLines(page) {
  return page.$$eval('[data-testid=console] .text', (els) =>
    els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
  );
}

/** What the timeline shows (`window.awaitlab.view()`), once it has drawn. */
export async function view(page) {
  await page.waitForFunction(() => window.awaitlab?.view?.() != null);
  return page.evaluate(() => window.awaitlab.view());
}

/** Resolves after `n` animation frames in the page (for "nothing happened since" checks). */
export const frames = (page, n) =>
  page.evaluate((n) => new Promise((ok) => {
    const tick = (k) => (k <= 0 ? ok() : requestAnimationFrame(() => tick(k - 1)));
    tick(n);
  }), n);
