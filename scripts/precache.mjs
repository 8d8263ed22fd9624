// Trunk post-build step (after externalize_boot.mjs, see post_build.mjs): writes `sw.js`, the
// service worker that keeps the app working offline, from scripts/sw_template.js with the files
// actually in the build — every file but sw.js itself and source maps — each with its
// Subresource Integrity hash, and the build's version: a hash of the template and of every file's
// name and contents, so a new build is a new sw.js, which browsers install.
//   TRUNK_STAGING_DIR=<dir> node scripts/precache.mjs     (also re-run on a copy of dist/)
// With AWAITLAB_SW=off (scripts/serve.sh, which rebuilds on every change) the list is empty: that
// sw.js keeps nothing and retires a service worker an earlier build installed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('precache: TRUNK_STAGING_DIR is not set (run it as a Trunk hook)');
  process.exit(1);
}
const template = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'sw_template.js'), 'utf8');

/** Every file below `root`, as relative paths with `/`, sorted. */
function files(root, at = root) {
  return readdirSync(at, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.')) return [];
    const path = join(at, e.name);
    if (e.isDirectory()) return files(root, path);
    return e.isFile() ? [relative(root, path).split(sep).join('/')] : [];
  }).sort();
}

const off = process.env.AWAITLAB_SW === 'off';
const list = off ? [] : files(dir)
  .filter((f) => f !== 'sw.js' && !f.endsWith('.map'))
  .map((f) => [f, `sha384-${createHash('sha384').update(readFileSync(join(dir, f))).digest('base64')}`]);
const version = createHash('sha256').update(template).update(JSON.stringify(list)).digest('hex').slice(0, 16);
const sw = template
  .replace(/\/\* @version \*\/ '[^']*'/, () => JSON.stringify(off ? `off-${version}` : version))
  .replace(/\/\* @files \*\/ \[\]/, () => `[\n${list.map((e) => `  ${JSON.stringify(e)},\n`).join('')}]`);
if (!sw.includes(version) || (list.length > 0 && !sw.includes(list[0][1]))) {
  console.error('precache: the template has no `/* @version */` or `/* @files */` to fill in');
  process.exit(1);
}
writeFileSync(join(dir, 'sw.js'), sw);
console.log(off
  ? 'precache: sw.js keeps no offline copy (AWAITLAB_SW=off)'
  : `precache: sw.js keeps ${list.length} files offline, version ${version}`);
