// Launches Debian's Chromium headless through playwright-core, with the flags this closed network
// needs (no background connections) and a fresh profile. Service workers are blocked unless asked
// for (`launch({ serviceWorkers: 'allow' })`, offline.test.mjs): the other tests decide what the
// server answers (a refused file, a slow request, a first load), which the app's offline copy
// would otherwise answer in its place.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `options` adds to or overrides the context's options (`{ deviceScaleFactor: 2 }`,
 * `{ serviceWorkers: 'allow' }`).
 */
export async function launch(options = {}) {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  const userDataDir = mkdtempSync(join(tmpdir(), 'awaitlab-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    viewport: { width: 1440, height: 1000 },
    deviceScaleFactor: 1,
    serviceWorkers: 'block',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    ...options,
  });
  // The fresh profile goes with the browser, once it has exited.
  const close = context.close.bind(context);
  context.close = async (...args) => {
    await close(...args);
    try {
      rmSync(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    } catch {
      // Left in the temporary directory.
    }
  };
  return context;
}
