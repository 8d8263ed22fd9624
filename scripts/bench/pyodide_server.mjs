// Serves Pyodide's npm package (unpacked by scripts/bench.sh under target/bench-pyodide/package)
// on 127.0.0.1 with one page of the bench's own beside it, so that a bench loads Pyodide from this
// machine and nothing is downloaded at run time. Resolves to { url, close }: `url` is the page's.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.json': 'application/json', '.zip': 'application/zip',
};

export async function servePyodide(dir, pageName, pageHtml) {
  const server = createServer(async (req, res) => {
    const rel = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^\/+/, '');
    if (rel === pageName) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(pageHtml);
      return;
    }
    try {
      const body = await readFile(join(dir, rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/${pageName}`, close: () => server.close() };
}
