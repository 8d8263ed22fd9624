// Helpers shared by the end-to-end test files: the server and browser a file runs against, a page
// at a URL, the run state, the console.
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';

/** The repository, and where screenshots go. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS = join(ROOT, 'artifacts');

/**
 * Serves the built dist/ on 127.0.0.1 and launches headless Chromium for the calling test file
 * (registered as its `before`/`after`). The returned object's `server` and `context` are set once
 * they run; `open(query, viewport)` opens a page of the app. `options` go to the browser's context
 * (`{ deviceScaleFactor: 2 }`).
 */
export function suite(options = {}) {
  const s = {
    server: null,
    context: null,
    open: (query, viewport) => open(s.context, s.server.url, query, viewport),
  };
  before(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    s.server = await serve(join(ROOT, 'dist'));
    s.context = await launch(options);
  });
  after(async () => {
    await s.context?.close();
    await s.server?.close();
  });
  return s;
}

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

/** The strict Content-Security-Policy the app must run under (README: Set up). */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
  + "worker-src 'self'; connect-src 'self'; img-src 'self'; object-src 'none'; base-uri 'self'";

/**
 * A new page of `context` that records page errors and every policy violation, on the page or in
 * a worker; `seen()` resolves to the violations so far.
 */
export async function watchViolations(context) {
  const page = await context.newPage();
  const violations = [];
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const seen = async () => [...violations, ...(await page.evaluate(() => window.__violations))];
  return { page, errors, seen };
}
