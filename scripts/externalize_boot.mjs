// Trunk post-build hook: moves the inline <script type="module"> Trunk writes into index.html
// (it imports the app's glue and starts its wasm) into its own file, `start-<hash>.js`, loaded by
// `<script type="module" src>`. With no inline script, the page runs under a Content-Security-
// Policy of `script-src 'self' 'wasm-unsafe-eval'` (no 'unsafe-inline', no hashes to keep).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('externalize_boot: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)');
  process.exit(1);
}
const indexPath = join(dir, 'index.html');
const html = readFileSync(indexPath, 'utf8');
const inline = /<script type="module">([\s\S]*?)<\/script>/g;
const scripts = [...html.matchAll(inline)];
if (scripts.length !== 1) {
  console.error(`externalize_boot: expected one inline module script in index.html, found ${scripts.length}`);
  process.exit(1);
}
const body = scripts[0][1].trim() + '\n';
const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
const name = `start-${hash}.js`;
writeFileSync(join(dir, name), body);
const integrity = `sha384-${createHash('sha384').update(body).digest('base64')}`;
writeFileSync(
  indexPath,
  html.replace(scripts[0][0], `<script type="module" src="./${name}" integrity="${integrity}"></script>`),
);
console.log(`externalize_boot: index.html starts the app from ${name}`);
