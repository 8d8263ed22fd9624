// AwaitLab's service worker: after one visit the app — page, workers, data files — works with the
// network off. This is its template; `scripts/precache.mjs` (run after every Trunk build) writes
// dist/sw.js from it with the build's files and version filled in below.
//
// - Install: fetches every file of the build past the HTTP cache, each checked against the hash
//   the build recorded (a file of another build fails the install, so a cache never holds two
//   builds), into a cache named after the app, its scope and the build's version.
// - Activate: deletes this scope's caches of other builds (only this scope's: another deployment
//   on the same origin, at another sub-path, keeps its own), then controls the open pages.
// - Fetch: same-origin GETs for the build's files are answered from this build's cache (the
//   network only if the file is missing there); a navigation to the app's page, whatever its
//   query (`?s=…&code=…&autorun=1`), gets the cached index.html. A request that asks not to be
//   cached (the http scenario fetches `data/*.json` with cache: 'no-store') goes to the network
//   first and gets the cached copy when the network fails. Anything else — other sites, other
//   paths — is not touched.
// - Update: a new build has a new sw.js; the browser installs it beside the running one, where it
//   waits until no page of the old build is open, or until a page's "Reload" (register_sw.js)
//   sends it `skip-waiting`: then every open page reloads, so no page mixes two builds' files.
'use strict';

/** The build's version: a hash of this template and of every file's name and contents. */
const VERSION = /* @version */ 'template';
/** The build's files, relative to this script, each with its Subresource Integrity hash. */
const FILES = /* @files */ [];

const PREFIX = `awaitlab ${self.registration.scope} `;
const CACHE = PREFIX + VERSION;
const PRECACHED = new Set(FILES.map(([path]) => new URL(path, self.location).href));

/** This scope's caches other than `keep`'s, deleted. */
async function deleteCaches(keep) {
  for (const key of await caches.keys()) {
    if (key.startsWith(PREFIX) && key !== keep) await caches.delete(key);
  }
}

if (FILES.length === 0) {
  // A development build (scripts/serve.sh rebuilds on every change): no offline copy. It takes
  // over from a service worker an earlier build installed at once (its pages reload), deletes its
  // caches and answers nothing: with no fetch handler, every request goes to the network.
  self.addEventListener('install', () => self.skipWaiting());
  self.addEventListener('activate', (event) => event.waitUntil(deleteCaches(null)));
} else {
  self.addEventListener('install', (event) => {
    event.waitUntil((async () => {
      const cache = await caches.open(CACHE);
      await Promise.all(FILES.map(async ([path, integrity]) => {
        const url = new URL(path, self.location).href;
        const response = await fetch(new Request(url, { cache: 'reload', integrity }));
        if (!response.ok) throw new Error(`AwaitLab offline copy: ${path} answered ${response.status}`);
        // A redirected response cannot answer a navigation: keep its body and headers only.
        const kept = response.redirected
          ? new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers: response.headers })
          : response;
        await cache.put(url, kept);
      }));
    })());
  });

  self.addEventListener('activate', (event) => {
    event.waitUntil(deleteCaches(CACHE).then(() => self.clients.claim()));
  });

  self.addEventListener('message', (event) => {
    if (event.data && event.data.awaitlab === 'skip-waiting') self.skipWaiting();
  });

  self.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    url.hash = '';
    if (request.mode === 'navigate') {
      // The page's state is in its query: every query gets the same page.
      url.search = '';
      if (url.pathname.endsWith('/')) url.pathname += 'index.html';
    } else if (url.search !== '') {
      return;
    }
    const key = url.href;
    if (!PRECACHED.has(key)) return;
    const cached = () => caches.open(CACHE).then((cache) => cache.match(key));
    if (request.mode !== 'navigate' && request.cache === 'no-store') {
      event.respondWith(fetch(request).catch(async (e) => (await cached()) || Promise.reject(e)));
    } else {
      event.respondWith(cached().then((response) => response || fetch(request)));
    }
  });
}
