// What a wasm file holds, by the crate (and module) its functions come from: reads the code
// section's function bodies and the `name` section's function names of cargo's own output (before
// wasm-bindgen and wasm-opt strip the names), and sums body sizes under the first project path in
// each name (`awaitlab_python::vm`, `awaitlab::ui::components`, …) or the crate it starts with
// (`yew`, `serde_json`, `core`, …). Raw bytes before wasm-opt and gzip: the shares, not the
// figures, carry over to the shipped file. Prints `PARTS | part | KB | share |` rows, largest
// first, the data section last.
// Usage: node scripts/bench/wasm_parts.mjs <file.wasm> [rows]
import { readFileSync } from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
const ROWS = Number(rowsArg ?? 16);
const b = readFileSync(file);

let at = 8;
const u32 = () => {
  let n = 0, shift = 0, x;
  do { x = b[at++]; n += (x & 0x7f) * 2 ** shift; shift += 7; } while (x & 0x80);
  return n;
};
const name = () => { const n = u32(); const s = b.toString('utf8', at, at + n); at += n; return s; };

let imported = 0;
const bodies = [];
const names = new Map();
let data = 0;
while (at < b.length) {
  const id = b[at++];
  const size = u32();
  const end = at + size;
  if (id === 2) {
    // Imports: functions among them take the first indices.
    for (let i = u32(); i > 0; i--) {
      name(); name();
      const kind = b[at++];
      if (kind === 0) { u32(); imported++; } else if (kind === 1) { at++; const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 2) { const f = u32(); u32(); if (f & 1) u32(); } else if (kind === 3) { at += 2; } else { at++; u32(); }
    }
  } else if (id === 10) {
    for (let i = u32(); i > 0; i--) { const len = u32(); bodies.push(len); at += len; }
  } else if (id === 11) {
    data = size;
  } else if (id === 0 && name() === 'name') {
    while (at < end) {
      const sub = b[at++];
      const len = u32();
      const subEnd = at + len;
      if (sub === 1) {
        for (let i = u32(); i > 0; i--) { const idx = u32(); names.set(idx, name()); }
      }
      at = subEnd;
    }
  }
  at = end;
}

/** Rust's legacy mangling (`_ZN8awaitlab2ui3app…E`) back to a path; other names as they are. */
const demangle = (raw) => {
  let s = raw;
  if (s.startsWith('_ZN')) {
    const parts = [];
    let i = 3;
    while (i < s.length && s[i] !== 'E') {
      const m = s.slice(i).match(/^(\d+)/);
      if (!m) break;
      i += m[1].length;
      parts.push(s.slice(i, i + Number(m[1])));
      i += Number(m[1]);
    }
    s = parts.join('::');
  }
  return s.replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$C\$/g, ',')
    .replace(/\$RF\$/g, '&').replace(/\.\./g, '::');
};
const part = (raw) => {
  const s = demangle(raw ?? '');
  const ours = s.match(/awaitlab(?:_[a-z_]+)?::[a-z_]+(?:::[a-z_0-9]+)?/);
  if (ours) {
    // Two levels for the app (awaitlab::ui::components), one for the crates (awaitlab_python::vm).
    const p = ours[0].split('::');
    // The interpreter's modules one by one (asyncio, datetime, collections, …).
    return p[0] === 'awaitlab' || p[1] === 'modules' ? p.slice(0, 3).join('::') : p.slice(0, 2).join('::');
  }
  const crate = s.replace(/^[<_]*/, '').match(/^[a-z][a-z0-9_]*/);
  return crate ? crate[0] : '(unnamed)';
};
const sums = new Map();
bodies.forEach((len, i) => {
  const p = part(names.get(imported + i));
  sums.set(p, (sums.get(p) ?? 0) + len);
});
const code = bodies.reduce((a, x) => a + x, 0);
const total = code + data;
const kb = (n) => (n / 1024).toFixed(1);
const sorted = [...sums].sort((x, y) => y[1] - x[1]);
for (const [p, n] of sorted.slice(0, ROWS)) console.log(`PARTS | \`${p}\` | ${kb(n)} KB | ${(100 * n / total).toFixed(1)} % |`);
const rest = sorted.slice(ROWS).reduce((a, [, n]) => a + n, 0);
console.log(`PARTS | ${sorted.length - ROWS} other parts | ${kb(rest)} KB | ${(100 * rest / total).toFixed(1)} % |`);
console.log(`PARTS | data (strings, tables: messages in both languages, programs) | ${kb(data)} KB | ${(100 * data / total).toFixed(1)} % |`);
const python = sorted.filter(([p]) => p.startsWith('awaitlab_python')).reduce((a, [, n]) => a + n, 0);
console.log(`PARTSUM | the Python interpreter (awaitlab_python::*) | ${kb(python)} KB | ${(100 * python / total).toFixed(1)} % |`);
console.log(`PARTSUM | code and data in all | ${kb(total)} KB | 100 % |`);
