// A tiny static file server for the end-to-end tests: serves dist/ under a sub-path on 127.0.0.1,
// so the tests also prove the build works from any static host below the root.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts serving `root` at `http://127.0.0.1:<port><prefix>`; resolves to { url, close, refuse,
 * delay, headers, mount }: `refuse(['worker_bg.wasm'])` answers 404 for those paths (below the
 * prefix) until changed, `delay(ms)` answers `slow` after `ms` milliseconds (for requests that take
 * long), `headers({...})` adds headers to every file served (a Content-Security-Policy),
 * `mount(prefix, dir)` serves `dir` at `prefix` too, or instead of what it served there (a new
 * build deployed), and returns that prefix's URL; `trickle(/re/, ms)` sends the files whose paths
 * match in 20 pieces over `ms` milliseconds (a slow connection), until `trickle(null)`.
 */
export async function serve(root, prefix = '/awaitlab/') {
  let refused = new Set();
  let slowMs = 0;
  let extra = {};
  let slow = null;
  const mounts = new Map([[prefix, root]]);
  // Links may carry a whole program (`code=`, up to 100 KB, percent-encoded): room for them.
  const server = createServer({ maxHeaderSize: 1 << 20 }, async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const at = [...mounts.keys()].filter((p) => path.startsWith(p)).sort((a, b) => b.length - a.length)[0];
    if (at === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = normalize(path.slice(at.length)).replace(/^(\.\.[/\\])+/, '');
    if (refused.has(rel)) {
      res.writeHead(404, { 'cache-control': 'no-store' }).end('refused by the test');
      return;
    }
    if (rel === 'slow') {
      setTimeout(() => res.writeHead(200, { 'access-control-allow-origin': '*' }).end('{}'), slowMs);
      return;
    }
    if (rel === '' || rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
    const file = join(mounts.get(at), rel);
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { ...extra, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      const pace = slow && slow.re.test(rel) ? slow.ms : null;
      if (pace !== null) {
        const pieces = 20;
        const size = Math.ceil(body.length / pieces);
        for (let i = 0; i < pieces && !res.destroyed; i++) {
          res.write(body.subarray(i * size, (i + 1) * size));
          await new Promise((ok) => setTimeout(ok, pace / pieces));
        }
      }
      res.end(pace !== null ? undefined : body);
    } catch {
      // A file half sent (its page closed while it trickled) cannot become a 404.
      if (res.headersSent) res.destroy();
      else res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
    refuse: (paths) => { refused = new Set(paths); },
    delay: (ms) => { slowMs = ms; },
    trickle: (re, ms = 0) => { slow = re ? { re, ms } : null; },
    headers: (h) => { extra = { ...h }; },
    mount: (at, dir) => {
      mounts.set(at, dir);
      return `http://127.0.0.1:${port}${at}`;
    },
  };
}
