// Trunk post-build hook: replaces the inline <script type="module"> Trunk writes into index.html
// (it imports the app's glue and starts its wasm) with a file, `start-<hash>.js`, loaded by
// `<script type="module" src>`. With no inline script, the page runs under a Content-Security-
// Policy of `script-src 'self' 'wasm-unsafe-eval'` (no 'unsafe-inline', no hashes to keep).
// The file is scripts/boot_loader.js with its messages (crates/i18n/locales/*/boot.ftl) and a call
// that starts the glue and wasm Trunk named: it shows the download's progress on index.html's
// boot screen (#boot, told the wasm's size here) and says why when the app cannot start.
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.TRUNK_STAGING_DIR;
const stop = (message) => {
  console.error(`externalize_boot: ${message}`);
  process.exit(1);
};
if (!dir) stop('TRUNK_STAGING_DIR is not set (run it as a Trunk hook)');

const indexPath = join(dir, 'index.html');
const html = readFileSync(indexPath, 'utf8');
const scripts = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
if (scripts.length !== 1) stop(`expected one inline module script in index.html, found ${scripts.length}`);
const inline = scripts[0][1];
// What Trunk 0.21 writes: the glue's import, init with the wasm's path, the bindings on window and
// its start event. Anything else is a Trunk this hook does not know: stop rather than guess.
const glue = inline.match(/^\s*import init, \* as bindings from '(\.\/[\w.-]+\.js)';/)?.[1];
const wasm = inline.match(/await init\(\{ module_or_path: '(\.\/[\w.-]+\.wasm)' \}\);/)?.[1];
if (!glue || !wasm || !inline.includes('window.wasmBindings = bindings;')
  || !inline.includes('TrunkApplicationStarted')) {
  stop(`Trunk's start script has a shape this hook does not know:\n${inline}`);
}

/** A boot.ftl's messages: one `id = text` a line, variables as `{ $name }`, comments with #. */
function messages(lang) {
  const path = join(ROOT, 'crates', 'i18n', 'locales', lang, 'boot.ftl');
  const out = {};
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const m = line.match(/^([a-z][a-z0-9-]*) = (.+)$/);
    const placeables = m ? m[2].match(/\{[^}]*\}/g) ?? [] : [];
    if (!m || placeables.some((p) => !/^\{ \$[a-z_]+ \}$/.test(p))) {
      stop(`${path}:${i + 1}: the boot screen reads only one-line messages with { $name } variables`);
    }
    out[m[1]] = m[2];
  });
  return out;
}
const table = { en: messages('en'), zh: messages('zh') };

const loader = readFileSync(join(ROOT, 'scripts', 'boot_loader.js'), 'utf8');
if (!loader.includes('/* @messages */ {}')) stop('scripts/boot_loader.js has no `/* @messages */ {}` to fill in');
const body = `${loader.replace('/* @messages */ {}', () => JSON.stringify(table))}
await startApp(${JSON.stringify(glue)}, ${JSON.stringify(wasm)});
`;
const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
const name = `start-${hash}.js`;
writeFileSync(join(dir, name), body);
const integrity = `sha384-${createHash('sha384').update(body).digest('base64')}`;

// The boot screen's bar needs the wasm's size: the body arrives uncompressed whatever the server's
// encoding, so the built file's size is what it counts towards.
const bytes = statSync(join(dir, wasm)).size;
if (!html.includes('<main id="boot"')) stop('index.html has no <main id="boot"> (the boot screen)');
writeFileSync(
  indexPath,
  html
    .replace(scripts[0][0], `<script type="module" src="./${name}" integrity="${integrity}"></script>`)
    .replace('<main id="boot"', `<main id="boot" data-wasm-bytes="${bytes}"`),
);
console.log(`externalize_boot: index.html starts the app from ${name} (its wasm: ${bytes} bytes)`);
