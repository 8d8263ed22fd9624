// End-to-end, offline (issue 9): after one visit the app — its page, its workers, its data files —
// works with the network off, answered by its service worker (sw.js, written by
// scripts/precache.mjs), under the strict Content-Security-Policy and under the sub-path
// /awaitlab/. A new build deployed installs beside the old one, takes over when a page accepts
// it, leaves no page mixing two builds and deletes the old build's cache only — not the cache of
// another deployment on the same origin. Each test has its own server and a fresh browser profile
// with service workers allowed (the other test files block them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';
import { ROOT, waitFor, consoleLines, STRICT_CSP } from './helpers.mjs';

const DIST = join(ROOT, 'dist');

/** The build's files as the service worker keeps them: all but sw.js and source maps. */
function buildFiles(dir, at = dir) {
  return readdirSync(at, { withFileTypes: true }).flatMap((e) => {
    const path = join(at, e.name);
    if (e.isDirectory()) return buildFiles(dir, path);
    return [relative(dir, path).split(sep).join('/')];
  }).filter((f) => f !== 'sw.js' && !f.endsWith('.map')).sort();
}

/** A server of `dir` under /awaitlab/ with the policy, and a browser that allows service workers. */
async function start(dir = DIST) {
  const server = await serve(dir);
  server.headers({ 'content-security-policy': STRICT_CSP });
  const context = await launch({ serviceWorkers: 'allow' });
  return { server, context };
}

/** A page recording page errors and every policy violation (on the page or in a worker). */
async function watchedPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`Refused to: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return { page, problems };
}

/** Goes to `base?query` and waits for its run to end; returns the console lines. */
async function run(page, base, query) {
  await page.goto(`${base}?${query}`);
  assert.equal(await waitFor(page, ['done', 'error']), 'done', `${query}: ${await page.textContent('body')}`);
  return consoleLines(page);
}

/** Waits until a service worker controls the page; returns its script's URL. */
const controlled = (page) => page.evaluate(async () => {
  await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
  }
  return navigator.serviceWorker.controller.scriptURL;
});

/** The caches the page's origin holds: name → the URLs in it, sorted. */
const cacheContents = (page) => page.evaluate(async () => {
  const out = {};
  for (const name of await caches.keys()) {
    out[name] = (await (await caches.open(name)).keys()).map((r) => r.url).sort();
  }
  return out;
});

/** A file's text as the page gets it now. */
const fetched = (page, path, init) => page.evaluate(
  async ([path, init]) => { const r = await fetch(path, init); return `${r.status} ${await r.text()}`; },
  [path, init],
);

/** Countdown's lines without their times, in order of text (ties at 1.0 s may go either way). */
const countdown = (lines) => lines.map((l) => l.replace(/^[\d.]+ /, '')).sort();
const COUNTDOWN = ['A = 1', 'A = 2', 'A = 3', 'B = 1', 'B = 2', 'B = 3', 'C = 1', 'C = 2', 'C = 3', 'Done.'];

test('after one visit, the page, the pool, the loop worker and the data files work offline', async () => {
  const { server, context } = await start();
  try {
    const { page, problems } = await watchedPage(context);
    // One visit: a run on the page, and the service worker takes over the page.
    assert.deepEqual(countdown(await run(page, server.url, 's=countdown&mode=async&speed=20&autorun=1')), COUNTDOWN);
    assert.equal(await controlled(page), `${server.url}sw.js`);
    // One cache, of this scope, holding every file of the build and nothing else.
    const caches = await cacheContents(page);
    const names = Object.keys(caches);
    assert.equal(names.length, 1, names.join());
    assert.match(names[0], new RegExp(`^awaitlab ${server.url} [0-9a-f]{16}$`));
    assert.deepEqual(caches[names[0]], buildFiles(DIST).map((f) => server.url + f).sort());
    // What it does not know goes to the network untouched (the server's own 404).
    assert.equal(await fetched(page, 'no-such-file.json'), '404 not found');

    // The network goes away: the browser is offline and the server is gone.
    await context.setOffline(true);
    await server.close();
    // The page with another query, its pool of Web Workers (worker_boot.js, worker.js, its wasm).
    assert.deepEqual(countdown(await run(page, server.url, 's=countdown&mode=pool&speed=20&autorun=1')), COUNTDOWN);
    // The loop in a worker (loop_worker.js, its wasm).
    assert.deepEqual(
      countdown(await run(page, server.url, 's=countdown&mode=async&speed=20&loop=worker&autorun=1')),
      COUNTDOWN,
    );
    // The http scenario's requests for the shipped data files (fetched with cache: 'no-store':
    // the network first, then the offline copy).
    const lines = await run(page, server.url, 's=http&mode=async&autorun=1');
    assert.match(lines[0], /Task One getting URL: data\/a\.json$/);
    assert.match(lines.at(-1), /Total elapsed time: \d+\.\d$/);
    const trace = await page.evaluate(() => window.awaitlab.trace());
    const io = trace.traceEvents.filter((e) => e.ph === 'X' && e.cat === 'io');
    assert.equal(io.length, 7);
    assert.deepEqual(io.filter((e) => e.args.error), []);
    // The page at the root of the scope, with no query, and the offline copy unchanged by it all.
    await page.goto(server.url);
    assert.equal(await waitFor(page, ['idle']), 'idle');
    assert.deepEqual(await cacheContents(page), caches);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a new build takes over when a page accepts it: no page mixes builds, only its old cache goes', async () => {
  // Build B: dist with a changed data file, worker script and page, its sw.js written again.
  const b = mkdtempSync(join(tmpdir(), 'awaitlab-build-b-'));
  cpSync(DIST, b, { recursive: true });
  writeFileSync(join(b, 'data', 'a.json'), '{"build": "B"}\n');
  writeFileSync(join(b, 'worker_boot.js'), `${readFileSync(join(b, 'worker_boot.js'), 'utf8')}// build B\n`);
  const html = readFileSync(join(b, 'index.html'), 'utf8');
  writeFileSync(join(b, 'index.html'), html.replace('<head>', '<head><meta name="awaitlab-build" content="B">'));
  execFileSync('node', [join(ROOT, 'scripts', 'precache.mjs')], { env: { ...process.env, TRUNK_STAGING_DIR: b } });
  assert.notEqual(readFileSync(join(b, 'sw.js'), 'utf8'), readFileSync(join(DIST, 'sw.js'), 'utf8'));

  const { server, context } = await start();
  // Another deployment on the same origin, at another sub-path, with its own offline copy.
  const other = server.mount('/other/', DIST);
  try {
    const { page: elsewhere } = await watchedPage(context);
    await elsewhere.goto(other);
    await controlled(elsewhere);
    await elsewhere.close();

    // Build A, in two pages.
    const { page, problems } = await watchedPage(context);
    assert.deepEqual(countdown(await run(page, server.url, 's=countdown&mode=async&speed=20&autorun=1')), COUNTDOWN);
    await controlled(page);
    const { page: second, problems: secondProblems } = await watchedPage(context);
    await second.goto(`${server.url}?s=queue&mode=async`);
    await second.waitForFunction(() => document.documentElement.dataset.runState === 'idle');
    const before = Object.keys(await cacheContents(page));
    assert.equal(before.length, 2, before.join());
    const [oldCache] = before.filter((n) => n.startsWith(`awaitlab ${server.url} `));
    const [otherCache] = before.filter((n) => n.startsWith(`awaitlab ${other} `));
    const originalA = readFileSync(join(DIST, 'data', 'a.json'), 'utf8');

    // Build B is deployed; the browser looks for an update (as it does on a visit).
    server.mount('/awaitlab/', b);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector('[data-testid=sw-update]', { timeout: 30_000 });
    await second.waitForSelector('[data-testid=sw-update]', { timeout: 30_000 });
    // Waiting, it changes nothing: both pages still get build A's files, even the unhashed ones.
    for (const p of [page, second]) {
      assert.equal(await fetched(p, 'data/a.json'), `200 ${originalA}`);
      assert.doesNotMatch(await fetched(p, 'worker_boot.js'), /build B/);
    }
    assert.deepEqual(countdown(await run(page, server.url, 's=countdown&mode=pool&speed=20&autorun=1')), COUNTDOWN);
    await page.waitForSelector('[data-testid=sw-update]', { timeout: 30_000 });

    // Accepted on one page: both pages reload into build B.
    await page.click('[data-testid=sw-update] button');
    for (const p of [page, second]) {
      await p.waitForSelector('meta[name=awaitlab-build][content=B]', { state: 'attached', timeout: 30_000 });
      await p.waitForFunction(() => document.documentElement.dataset.runState !== 'loading');
      assert.equal(await fetched(p, 'data/a.json'), '200 {"build": "B"}\n');
      assert.match(await fetched(p, 'worker_boot.js'), /\/\/ build B\n$/);
      assert.equal(await p.$('[data-testid=sw-update]'), null);
    }
    // Build B's files work together: its pool of workers runs.
    assert.deepEqual(countdown(await run(page, server.url, 's=countdown&mode=pool&speed=20&autorun=1')), COUNTDOWN);
    // Build A's cache is gone; build B's holds build B; the other deployment's is untouched.
    const after = await cacheContents(page);
    const names = Object.keys(after);
    assert.equal(names.length, 2, names.join());
    assert.ok(names.includes(otherCache), names.join());
    assert.ok(!names.includes(oldCache), names.join());
    const newCache = names.find((n) => n !== otherCache);
    assert.match(newCache, new RegExp(`^awaitlab ${server.url} [0-9a-f]{16}$`));
    assert.deepEqual(after[newCache], buildFiles(b).map((f) => server.url + f).sort());
    assert.deepEqual([...problems, ...secondProblems], []);
  } finally {
    await context.close();
    await server.close();
    rmSync(b, { recursive: true, force: true });
  }
});

test('a new build takes over by itself once no page of the old build is open', async () => {
  const b = mkdtempSync(join(tmpdir(), 'awaitlab-build-b-'));
  cpSync(DIST, b, { recursive: true });
  const html = readFileSync(join(b, 'index.html'), 'utf8');
  writeFileSync(join(b, 'index.html'), html.replace('<head>', '<head><meta name="awaitlab-build" content="B">'));
  execFileSync('node', [join(ROOT, 'scripts', 'precache.mjs')], { env: { ...process.env, TRUNK_STAGING_DIR: b } });
  const { server, context } = await start();
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(server.url);
    await controlled(page);
    server.mount('/awaitlab/', b);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForSelector('[data-testid=sw-update]', { timeout: 30_000 });
    assert.equal(await page.$('meta[name=awaitlab-build]'), null);
    const [oldCache] = Object.keys(await cacheContents(page));
    await page.close();
    // No page of build A is open: build B's worker takes over and deletes build A's cache (seen
    // from a page of the same origin outside the app's scope).
    const outside = await context.newPage();
    await outside.goto(new URL('/', server.url).href);
    await outside.waitForFunction(async (oldCache) => {
      const registration = await navigator.serviceWorker.getRegistration('/awaitlab/');
      const names = await caches.keys();
      return registration.waiting === null && registration.active?.state === 'activated'
        && names.length === 1 && names[0] !== oldCache;
    }, oldCache, { timeout: 30_000 });
    await outside.close();
    const { page: next, problems: nextProblems } = await watchedPage(context);
    // The next visit, offline: build B, from build B's offline copy.
    await context.setOffline(true);
    await server.close();
    assert.deepEqual(countdown(await run(next, server.url, 's=countdown&mode=pool&speed=20&autorun=1')), COUNTDOWN);
    assert.ok(await next.$('meta[name=awaitlab-build][content=B]'));
    assert.equal(await next.$('[data-testid=sw-update]'), null);
    assert.deepEqual([...problems, ...nextProblems], []);
  } finally {
    await context.close();
    await server.close();
    rmSync(b, { recursive: true, force: true });
  }
});

test('a development build (AWAITLAB_SW=off) retires the offline copy: the network answers again', async () => {
  const dev = mkdtempSync(join(tmpdir(), 'awaitlab-build-dev-'));
  cpSync(DIST, dev, { recursive: true });
  execFileSync('node', [join(ROOT, 'scripts', 'precache.mjs')], {
    env: { ...process.env, TRUNK_STAGING_DIR: dev, AWAITLAB_SW: 'off' },
  });
  const { server, context } = await start();
  try {
    const { page, problems } = await watchedPage(context);
    await page.goto(server.url);
    await controlled(page);
    assert.equal(Object.keys(await cacheContents(page)).length, 1);
    server.mount('/awaitlab/', dev);
    // The retiring worker takes over at once: the page reloads, the offline copy is deleted.
    const reloaded = page.waitForEvent('load');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await reloaded;
    await page.waitForFunction(async () => (await caches.keys()).length === 0);
    // What the server has now is what the page gets, and the app runs from it.
    writeFileSync(join(dev, 'data', 'a.json'), '{"build": "dev"}\n');
    assert.equal(await fetched(page, 'data/a.json'), '200 {"build": "dev"}\n');
    assert.deepEqual(countdown(await run(page, server.url, 's=countdown&mode=pool&speed=20&autorun=1')), COUNTDOWN);
    assert.deepEqual(await cacheContents(page), {});
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
    rmSync(dev, { recursive: true, force: true });
  }
});
