// The "Scale" benchmarks, measured on a built dist/ in headless Chromium (release wasm), each page
// a fresh browser profile, every figure the median of several repeats with its min and max:
// - run totals of the `scale` scenario at 1,000 / 10,000 / 100,000 tasks (each created at once,
//   gathered, 2 sleeps of 0.1 s): the measured total against the prediction's, read from
//   `window.awaitlab.trace()`; where the extra time goes, from the same trace (when the last
//   task's first and second sleeps began, the time spent polling);
// - the wasm memory a run takes (`window.awaitlab.resources().wasmBytes`, the memory's size — a
//   high-water mark — once the page has loaded and predicted, then once the run has ended) and the
//   time of the Export menu's "Trace (JSON)" (its click handler, which builds the Chrome trace JSON,
//   writes it as text and hands a Blob to a download, runs synchronously: timed around
//   `button.click()`), for traces of about 100,000 events;
// - the timeline's redraw of a 10,000-span trace (and of a 100,000-span one): from the keydown
//   "0" (fit the whole run, after a zoom in with "+") to the lanes canvas's last paint call (the
//   one `restore()` that ends the paint), against a plain JS loop of `fillRect` over the very
//   rectangles that redraw drew (captured by wrapping the lanes' context), with their fill colours,
//   on a canvas of the same size in the same page; the two take turns;
// - scrubbing a 100,000-span trace: a pointer pressed on the lanes, then moved once per animation
//   frame (synthetic pointer events dispatched from requestAnimationFrame, as Chromium delivers
//   mouse moves once a frame): frames per second over a 1.5 s window, and per step the time from
//   the pointermove to the overlay's playhead painted.
// Prints `SCALE | what | figure (min–max) | goal | met? |` rows, `SRATIO | ratio | value |` rows
// (ratios of medians of this run) and `SWHY | what | figure |` rows for scripts/bench.sh.
// Usage: node scripts/bench_scale.mjs [dist-dir] [repeats (pages per case, default 5; 3 at most for
// the 100,000-span traces)]; env SCALE_BIG_REPEATS (pages of the 100,000-task run, default 3; 0
// skips it: it takes about 1.5 minutes a page); env SCALE_PAGES (which timeline pages to open, by
// label: `10k`, `100k`, `turns`, comma-separated; all by default).
import { serve } from '../tests/e2e/server.mjs';
import { launch } from '../tests/e2e/browser.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const REPEATS = Number(process.argv[3] ?? process.env.REPEATS ?? 5);
const BIG_REPEATS = Number(process.env.SCALE_BIG_REPEATS ?? 3);
/** Pages of the 100,000-span traces (each redraw takes a tenth of a second or more). */
const BIG_PAGES = 3;
/** Which parts to measure (for trying the script): `totals`, `pages`, or both (the default). */
const PARTS = (process.env.SCALE_PARTS ?? 'totals,pages').split(',');
/** Timed redraws and raw loops per page (they take turns), and scrub windows per page. */
const REDRAWS = 9;
const SCRUB_WINDOWS = 3;
const SCRUB_MS = 1500;

const TOTALS = [1_000, 10_000, 100_000];
const totalsQuery = (tasks) => `s=scale&mode=async&tasks=${tasks}&yields=0&sleeps=2&sleep=0.1`;
// About 10,000 and 100,000 spans on few enough lanes for a canvas (≤ 860 lanes of 38 px): each
// task takes 100 turns of the loop (a poll, and mostly a ready span, each) before its sleeps.
const SPANS_10K = 'tasks=56&yields=100&sleeps=2&sleep=0.1';
const SPANS_100K = 'tasks=490&yields=100&sleeps=2&sleep=0.1';
const spansQuery = (q) => `s=scale&mode=async&${q}`;
// 100,000 spans on two lanes (`<module>` and main): one task taking 100,000 turns of the loop, as
// an edited program in the link (`code=`); its timeline reads by the loop's steps.
const TURNS = 100_000;
const TURNS_PROGRAM = `import asyncio


async def main():
    for i in range(${TURNS}):
        await asyncio.sleep(0)


asyncio.run(main())
`;
const turnsQuery = `code=${encodeURIComponent(TURNS_PROGRAM)}&speed=1000`;
const PAGES = [
  { label: '10k', query: spansQuery(SPANS_10K), shown: `\`${SPANS_10K}\``, redraws: REDRAWS },
  { label: '100k', query: spansQuery(SPANS_100K), shown: `\`${SPANS_100K}\``, redraws: 5, scrub: true, big: true },
  { label: 'turns', query: turnsQuery, shown: `one task awaiting \`asyncio.sleep(0)\` ${TURNS.toLocaleString('en-US')} times, \`code=\``, redraws: 5, scrub: true, big: true },
].filter((p) => !process.env.SCALE_PAGES || process.env.SCALE_PAGES.split(',').includes(p.label));

const settled = (page, timeout = 900_000) =>
  page.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.runState), null, {
    timeout,
    polling: 100,
  });
const idle = (page) =>
  page.waitForFunction(() => document.documentElement.dataset.runState === 'idle', null, {
    timeout: 900_000,
    polling: 100,
  });
const wasmBytes = (page) => page.evaluate(() => window.awaitlab.resources().wasmBytes);

/**
 * Opens `query` (no autorun), waits for the page to load and predict, then presses Run and waits
 * for the run's end. Returns the page and what it measured: wasm memory before and after, the
 * wall time from Run to the end.
 */
async function runOnce(context, server, query) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}?${query}`);
  await idle(page);
  await page.waitForTimeout(500);
  const before = await wasmBytes(page);
  await page.evaluate(() => { document.documentElement.dataset.runState = 'pressed'; });
  const t0 = Date.now();
  await page.click('[data-testid=run]');
  await settled(page);
  const wallMs = Date.now() - t0;
  const state = await page.evaluate(() => document.documentElement.dataset.runState);
  if (state !== 'done') throw new Error(`${query}: the run ended in ${state}: ${errors.join('; ')}`);
  await page.waitForTimeout(500);
  const after = await wasmBytes(page);
  return { page, before, after, wallMs };
}

/** Times the Export menu's "Trace (JSON)": its click handler, synchronous; checks the download. */
async function timeExport(page) {
  const download = page.waitForEvent('download', { timeout: 120_000 });
  const ms = await page.evaluate(() => {
    const button = document.querySelector('[data-testid=export]');
    if (!button || button.disabled) return NaN;
    const t0 = performance.now();
    button.click();
    return performance.now() - t0;
  });
  const file = await download;
  const name = file.suggestedFilename();
  await file.delete().catch(() => {});
  if (!name.endsWith('.json')) throw new Error(`export downloaded ${name}`);
  await page.waitForTimeout(300);
  return { ms, after: await wasmBytes(page) };
}

/**
 * `window.awaitlab.trace()` (the same JSON, parsed into an object): its time, and from it the
 * totals, event counts and where a scale run's time went.
 */
async function readTrace(page) {
  return page.evaluate(() => {
    const t0 = performance.now();
    const trace = window.awaitlab.trace();
    const ms = performance.now() - t0;
    const o = trace.otherData;
    let events = 0;
    let spans = 0;
    let runUs = 0;
    const firstSleep = new Map();
    const sleeps = new Map();
    for (const e of trace.traceEvents) {
      if (e.ph === 'M') continue;
      events++;
      if (e.ph !== 'X') continue;
      spans++;
      if (e.cat === 'run') runUs += e.dur;
      if (e.cat === 'sleep') {
        const k = (sleeps.get(e.tid) ?? 0) + 1;
        sleeps.set(e.tid, k);
        if (k === 1 || e.ts < firstSleep.get(e.tid)) firstSleep.set(e.tid, e.ts);
      }
    }
    // Each task's sleeps: its first began after its first poll; its second after it woke.
    const byTask = new Map();
    for (const e of trace.traceEvents) {
      if (e.ph === 'X' && e.cat === 'sleep') {
        const l = byTask.get(e.tid) ?? [];
        l.push(e.ts);
        byTask.set(e.tid, l);
      }
    }
    let lastFirst = 0;
    let lastSecond = 0;
    for (const l of byTask.values()) {
      l.sort((a, b) => a - b);
      lastFirst = Math.max(lastFirst, l[0]);
      if (l.length > 1) lastSecond = Math.max(lastSecond, l[1]);
    }
    // Until the last first sleep began: time inside polls (the union of run spans) and between.
    const runs = trace.traceEvents
      .filter((e) => e.ph === 'X' && e.cat === 'run' && e.ts < lastFirst)
      .map((e) => [e.ts, Math.min(e.ts + e.dur, lastFirst)])
      .sort((a, b) => a[0] - b[0]);
    let busy = 0;
    let reach = 0;
    let longestGap = 0;
    for (const [a, b] of runs) {
      if (a > reach) longestGap = Math.max(longestGap, a - reach);
      busy += Math.max(0, b - Math.max(a, reach));
      reach = Math.max(reach, b);
    }
    return {
      firstWaveBusyMs: busy / 1000,
      firstWaveLongestGapMs: longestGap / 1000,
      ms,
      measured: o.measured_total_s,
      predicted: o.predicted_total_s,
      end: o.end ?? null,
      events,
      allEvents: trace.traceEvents.length,
      spans,
      runMs: runUs / 1000,
      lastFirstSleepMs: lastFirst / 1000,
      lastSecondSleepMs: lastSecond / 1000,
      lanes: trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').length,
    };
  });
}

/**
 * Wraps the lanes' and the overlay's 2D contexts (their own methods, not the prototype's: the
 * page's other canvases are untouched) with markers, a property set or a call each: the lanes'
 * `restore()` ends a paint, their first `measureText()` starts a draw (the gutter's width), the
 * overlay's `fill()` is the playhead's triangle. `capture(true)` wraps every method and setter of
 * the lanes' context instead, recording each call in order, until `capture(false)`.
 */
async function instrument(page) {
  await page.evaluate(() => {
    const lanes = document.querySelector('canvas.timeline');
    const overlay = document.querySelector('canvas.timeline-overlay');
    const lctx = lanes.getContext('2d');
    const octx = overlay.getContext('2d');
    const P = CanvasRenderingContext2D.prototype;
    const st = { drawStart: 0, lanesEnd: 0, stepStart: 0, steps: [], playheads: 0, calls: null };
    window.__scale = st;
    const markers = () => {
      lctx.restore = function () {
        P.restore.call(this);
        st.lanesEnd = performance.now();
      };
      lctx.measureText = function (text) {
        if (!st.drawStart) st.drawStart = performance.now();
        return P.measureText.call(this, text);
      };
      lctx.save = function () {
        if (!st.drawStart) st.drawStart = performance.now();
        P.save.call(this);
      };
    };
    const names = Object.getOwnPropertyNames(P).filter((n) => n !== 'constructor');
    st.capture = (on) => {
      for (const name of names) delete lctx[name];
      if (!on) {
        st.calls = null;
        markers();
        return;
      }
      st.calls = [];
      for (const name of names) {
        const d = Object.getOwnPropertyDescriptor(P, name);
        if (typeof d.value === 'function') {
          const f = d.value;
          lctx[name] = function (...args) {
            st.calls.push([name, args]);
            if ((name === 'measureText' || name === 'save') && !st.drawStart) st.drawStart = performance.now();
            const out = f.apply(this, args);
            if (name === 'restore') st.lanesEnd = performance.now();
            return out;
          };
        } else if (d.set) {
          Object.defineProperty(lctx, name, {
            configurable: true,
            get() { return d.get.call(this); },
            set(v) {
              st.calls.push(['=', name, v]);
              d.set.call(this, v);
            },
          });
        }
      }
    };
    markers();
    octx.fill = function (...args) {
      P.fill.apply(this, args);
      st.playheads++;
      if (st.stepStart) {
        st.steps.push(performance.now() - st.stepStart);
        st.stepStart = 0;
      }
    };
  });
}

/**
 * Redraws of the whole run (keydown "+" zooms in, untimed; keydown "0" fits the run again,
 * timed), taking turns with a raw loop of fillRect over the rectangles that redraw drew, and with
 * every canvas call of that redraw replayed from JS.
 */
async function redraws(page, n) {
  return page.evaluate(async (n) => {
    const st = window.__scale;
    const lanes = document.querySelector('canvas.timeline');
    const key = (k) =>
      lanes.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    const tick = () => new Promise((ok) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => ok();
      ch.port2.postMessage(0);
    });
    const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));
    const until = async (f) => {
      for (let i = 0; i < 2000 && !f(); i++) await pause(1);
    };
    /** One redraw of the whole run: [to the last paint call, of which the draw, to the next task]. */
    const redraw = async () => {
      key('+');
      await pause(60);
      st.drawStart = 0;
      st.lanesEnd = 0;
      const t0 = performance.now();
      key('0');
      await tick();
      const next = performance.now() - t0;
      await until(() => st.lanesEnd);
      return { total: st.lanesEnd - t0, draw: st.lanesEnd - st.drawStart, next: Math.max(next, st.lanesEnd - t0) };
    };
    // Every canvas call of one redraw, in order; its rectangles with their colours.
    await redraw();
    key('+');
    await pause(60);
    const lctx = lanes.getContext('2d');
    const fill0 = lctx.fillStyle;
    const alpha0 = lctx.globalAlpha;
    st.capture(true);
    await redraw();
    const calls = st.calls;
    st.capture(false);
    const rects = [];
    let fill = fill0;
    let alpha = alpha0;
    const byMethod = {};
    for (const [name, a, v] of calls) {
      if (name === '=') {
        byMethod[`${a} =`] = (byMethod[`${a} =`] ?? 0) + 1;
        if (a === 'fillStyle') fill = v;
        if (a === 'globalAlpha') alpha = v;
        continue;
      }
      byMethod[name] = (byMethod[name] ?? 0) + 1;
      if (name === 'fillRect') rects.push([fill, alpha, ...a]);
    }
    // A canvas like the lanes' (same backing store, same CSS size), in the same page.
    const raw = document.createElement('canvas');
    raw.width = lanes.width;
    raw.height = lanes.height;
    const box = lanes.getBoundingClientRect();
    Object.assign(raw.style, {
      position: 'absolute', left: '0', top: '0', width: `${box.width}px`, height: `${box.height}px`,
      opacity: '0.01', pointerEvents: 'none',
    });
    document.body.appendChild(raw);
    const rctx = raw.getContext('2d');
    const fills = rects.map((r) => r[0]);
    const alphas = rects.map((r) => r[1]);
    const xs = new Float64Array(rects.map((r) => r[2]));
    const ys = new Float64Array(rects.map((r) => r[3]));
    const ws = new Float64Array(rects.map((r) => r[4]));
    const hs = new Float64Array(rects.map((r) => r[5]));
    // The page's clock ticks in 0.1 ms steps (no cross-origin isolation): a loop of a few
    // tenths of a millisecond is timed LOOPS times in a row, and the mean taken.
    const LOOPS = 10;
    const timed = (f) => {
      const t0 = performance.now();
      for (let k = 0; k < LOOPS; k++) f();
      return (performance.now() - t0) / LOOPS;
    };
    const rawLoop = (colours) => timed(() => {
      let f = null;
      let al = 1;
      rctx.globalAlpha = 1;
      rctx.fillStyle = fills[0];
      for (let i = 0; i < xs.length; i++) {
        if (colours && fills[i] !== f) rctx.fillStyle = f = fills[i];
        if (colours && alphas[i] !== al) rctx.globalAlpha = al = alphas[i];
        rctx.fillRect(xs[i], ys[i], ws[i], hs[i]);
      }
    });
    // Every call of the redraw, from JS, on the same kind of canvas (state reset first).
    const replay = () => timed(() => {
      rctx.reset?.();
      for (const [name, a, v] of calls) {
        if (name === '=') rctx[a] = v;
        else rctx[name](...a);
      }
    });
    // The same calls without the property sets that repeat the value already set (the state a
    // save() kept is forgotten at restore()): what a surface remembering its state would call.
    const lean = [];
    {
      let known = {};
      const saved = [];
      for (const c of calls) {
        if (c[0] === '=') {
          if (known[c[1]] === c[2]) continue;
          known[c[1]] = c[2];
        } else if (c[0] === 'save') saved.push({ ...known });
        else if (c[0] === 'restore') known = {};
        lean.push(c);
      }
    }
    const replayLean = () => timed(() => {
      rctx.reset?.();
      for (const [name, a, v] of lean) {
        if (name === '=') rctx[a] = v;
        else rctx[name](...a);
      }
    });
    rawLoop(true);
    rawLoop(false);
    replay();
    replayLean();
    const out = { app: [], draw: [], next: [], raw: [], rawOne: [], replay: [], lean: [] };
    for (let k = 0; k < n; k++) {
      await pause(40);
      const r = await redraw();
      out.app.push(r.total);
      out.draw.push(r.draw);
      out.next.push(r.next);
      await pause(40);
      out.raw.push(rawLoop(true));
      await pause(40);
      out.rawOne.push(rawLoop(false));
      await pause(40);
      out.replay.push(replay());
      await pause(40);
      out.lean.push(replayLean());
    }
    out.leanCalls = lean.length;
    raw.remove();
    out.rects = rects.length;
    out.calls = calls.length;
    out.byMethod = byMethod;
    out.colours = new Set(fills).size;
    out.canvas = [lanes.width, lanes.height];
    return out;
  }, n);
}

/** Canvas methods, as a CPU profile names the browser's own code they run. */
const CANVAS = new Set(Object.getOwnPropertyNames(globalThis.CanvasRenderingContext2D?.prototype ?? {}).concat([
  'fillRect', 'fillText', 'measureText', 'strokeRect', 'clearRect', 'beginPath', 'closePath', 'moveTo',
  'lineTo', 'rect', 'fill', 'stroke', 'clip', 'save', 'restore', 'setLineDash', 'setTransform', 'reset',
]));
const PROFILED = 40;

/**
 * Where a redraw's time goes: a CDP CPU profile (sampled every 50 µs) of `n` redraws of the
 * whole run, each after a zoom in (so 2n redraws, half of them zoomed in to 70 %), its samples'
 * self time summed by kind: the app's wasm, the JS glue of wasm-bindgen (its functions in
 * app-*.js), text decoding for the glue (strings passed from wasm: TextDecoder's `decode`), the
 * canvas's own methods, garbage collection. Milliseconds per redraw.
 */
async function profileRedraws(context, page, n) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await page.evaluate(async (n) => {
    const lanes = document.querySelector('canvas.timeline');
    const key = (k) => lanes.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    const pause = (ms) => new Promise((ok) => setTimeout(ok, ms));
    for (let i = 0; i < n; i++) {
      key('+');
      await pause(25);
      key('0');
      await pause(25);
    }
  }, n);
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const out = { wasm: 0, glue: 0, decode: 0, canvas: 0, gc: 0, other: 0 };
  profile.samples.forEach((id, i) => {
    const f = nodes.get(id);
    const name = f.functionName;
    const us = profile.timeDeltas[i] ?? 0;
    let kind = 'other';
    if (name === '(idle)' || name === '(program)' || name === '(root)') return;
    if (name === '(garbage collector)') kind = 'gc';
    else if (name.startsWith('wasm-function') || f.url.endsWith('.wasm') || name === 'wasm-to-js') kind = 'wasm';
    else if (name === 'decode' || name === 'decodeText' || name === 'getStringFromWasm0') kind = 'decode';
    else if (/\/app-[^/]*\.js$/.test(f.url)) kind = 'glue';
    else if (!f.url && CANVAS.has(name)) kind = 'canvas';
    out[kind] += us / 1000;
  });
  for (const k of Object.keys(out)) out[k] /= 2 * n;
  return out;
}

/**
 * Scrubs for `ms`: the pointer pressed on the lanes' plot, then moved once per animation frame
 * across it. Frames per second, and each step's time from the pointermove to the playhead painted.
 */
async function scrub(page, ms) {
  return page.evaluate(async (ms) => {
    const st = window.__scale;
    const lanes = document.querySelector('canvas.timeline');
    const r = lanes.getBoundingClientRect();
    const { gutter } = window.awaitlab.view();
    const plot = r.width - gutter - 20;
    const y = r.top + 26 + 38 * 2.5;
    const ev = (type, x) =>
      new PointerEvent(type, {
        clientX: r.left + x, clientY: y, pointerId: 1, pointerType: 'mouse', isPrimary: true,
        button: 0, buttons: type === 'pointerup' ? 0 : 1, bubbles: true, cancelable: true, composed: true,
      });
    lanes.dispatchEvent(ev('pointerdown', gutter + 10));
    await new Promise((ok) => setTimeout(ok, 200));
    st.steps = [];
    st.playheads = 0;
    // Each step's end of work: a message posted right after its pointermove arrives once the
    // handlers and the re-render they scheduled (microtasks) have run.
    const nexts = [];
    const ch = new MessageChannel();
    ch.port1.onmessage = (m) => nexts.push(performance.now() - m.data);
    let frames = 0;
    let k = 0;
    const t0 = performance.now();
    let t1 = t0;
    await new Promise((done) => {
      const frame = () => {
        t1 = performance.now();
        if (t1 - t0 >= ms) return done();
        frames++;
        const x = gutter + 10 + ((k++ * 37) % plot);
        st.stepStart = performance.now();
        lanes.dispatchEvent(ev('pointermove', x));
        ch.port2.postMessage(st.stepStart);
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    lanes.dispatchEvent(ev('pointerup', gutter + 10));
    await new Promise((ok) => setTimeout(ok, 300));
    const steps = [...st.steps].sort((a, b) => a - b);
    nexts.sort((a, b) => a - b);
    ch.port1.close();
    return {
      nextMedian: nexts[Math.floor(nexts.length / 2)] ?? NaN,
      fps: (frames * 1000) / (t1 - t0),
      frames,
      painted: steps.length,
      stepMedian: steps[Math.floor(steps.length / 2)] ?? NaN,
      stepMax: steps[steps.length - 1] ?? NaN,
    };
  }, ms);
}

// ---- measurements ----

const samples = {};
const methods = {};
const add = (key, value) => (samples[key] ??= []).push(value);

const server = await serve(DIST);
try {
  // Run totals, memory and export at 1,000 / 10,000 / 100,000 tasks: a fresh browser per repeat.
  for (const tasks of PARTS.includes('totals') ? TOTALS : []) {
    const repeats = tasks >= 100_000 ? BIG_REPEATS : REPEATS;
    for (let r = 0; r < repeats; r++) {
      const context = await launch();
      try {
        const { page, before, after, wallMs } = await runOnce(context, server, totalsQuery(tasks));
        add(`wall ${tasks}`, wallMs);
        add(`mem ${tasks}`, after - before);
        add(`mem after ${tasks}`, after);
        if (tasks < 100_000) {
          const ex = await timeExport(page);
          add(`export ${tasks}`, ex.ms);
          add(`export mem ${tasks}`, ex.after - after);
        }
        const t = await readTrace(page);
        add(`measured ${tasks}`, t.measured);
        add(`predicted ${tasks}`, t.predicted);
        add(`over ${tasks}`, t.measured / t.predicted - 1);
        add(`events ${tasks}`, t.events);
        add(`first ${tasks}`, t.lastFirstSleepMs);
        add(`second ${tasks}`, t.lastSecondSleepMs);
        add(`run ${tasks}`, t.runMs);
        add(`wave busy ${tasks}`, t.firstWaveBusyMs);
        add(`wave gap ${tasks}`, t.firstWaveLongestGapMs);
        add(`all events ${tasks}`, t.allEvents);
        add(`traceget ${tasks}`, t.ms);
        if (t.end) throw new Error(`${tasks} tasks: the run ended early (${t.end})`);
        await page.close();
      } finally {
        await context.close();
      }
    }
  }

  // The timeline: a 10,000-span trace redrawn against raw fillRect; a 100,000-span trace's
  // memory, export, redraw and scrub.
  for (const { label, query, redraws: count, scrub: scrubs, big } of PARTS.includes('pages') ? PAGES : []) {
    for (let r = 0; r < (big ? Math.min(REPEATS, BIG_PAGES) : REPEATS); r++) {
      const context = await launch();
      try {
        const { page, before, after } = await runOnce(context, server, query);
        add(`mem ${label}`, after - before);
        const ex = await timeExport(page);
        add(`export ${label}`, ex.ms);
        add(`export mem ${label}`, ex.after - after);
        const t = await readTrace(page);
        add(`spans ${label}`, t.spans);
        add(`events ${label}`, t.events);
        add(`lanes ${label}`, t.lanes);
        await page.waitForTimeout(300);
        await instrument(page);
        const d = await redraws(page, count);
        // Each page's medians count once: the repeats' spread is between pages.
        const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        add(`redraw ${label}`, med(d.app));
        add(`redraw draw ${label}`, med(d.draw));
        add(`redraw next ${label}`, med(d.next));
        add(`raw ${label}`, med(d.raw));
        add(`raw one ${label}`, med(d.rawOne));
        add(`replay ${label}`, med(d.replay));
        add(`lean ${label}`, med(d.lean));
        add(`lean calls ${label}`, d.leanCalls);
        if (label === '10k') {
          const p = await profileRedraws(context, page, PROFILED);
          for (const [k, v] of Object.entries(p)) add(`prof ${k}`, v);
        }
        add(`calls ${label}`, d.calls);
        (methods[label] ??= []).push([d.calls, d.byMethod]);
        add(`rects ${label}`, d.rects);
        add(`colours ${label}`, d.colours);
        if (scrubs) {
          const cdp = await context.newCDPSession(page);
          await cdp.send('Performance.enable');
          const metrics = async () =>
            Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
          for (let w = 0; w < SCRUB_WINDOWS; w++) {
            const m0 = await metrics();
            const s = await scrub(page, SCRUB_MS);
            if (s.painted < s.frames / 2) throw new Error(`${label}: the playhead moved ${s.painted} times in ${s.frames} frames`);
            const m1 = await metrics();
            const per = (name) => ((m1[name] - m0[name]) * 1000) / Math.max(1, s.frames);
            add(`scrub task ${label}`, per('TaskDuration'));
            add(`scrub script ${label}`, per('ScriptDuration'));
            add(`scrub layout ${label}`, per('LayoutDuration'));
            add(`scrub style ${label}`, per('RecalcStyleDuration'));
            add(`scrub next ${label}`, s.nextMedian);
            add(`scrub fps ${label}`, s.fps);
            add(`scrub step ${label}`, s.stepMedian);
            add(`scrub step max ${label}`, s.stepMax);
            add(`scrub painted share ${label}`, s.painted / Math.max(1, s.frames));
          }
        }
        await page.close();
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await server.close();
}

// ---- report ----

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const med = (key) => (samples[key]?.length ? median(samples[key]) : NaN);
const fmt = (x, digits) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
/** `median (min–max)` of `key`'s samples, scaled by `k`, with `digits` decimals and `unit`. */
const stat = (key, digits, unit = '', k = 1) => {
  const xs = (samples[key] ?? []).map((x) => x * k).filter(Number.isFinite);
  if (!xs.length) return '—';
  return `${fmt(median(xs), digits)}${unit} (${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)})`;
};
const n = (key) => (samples[key] ?? []).length;
const met = (ok) => (ok === null ? '—' : ok ? 'yes' : 'no');
const row = (what, figure, goal, ok) => console.log(`SCALE | ${what} | ${figure} | ${goal} | ${met(ok)} |`);
const MB = 1 / (1024 * 1024);
/** The goals' traces of 100,000 events: within a fifth of that. */
const near100k = (events) => events >= 80_000 && events <= 120_000;
const thousands = (x) => Math.round(x).toLocaleString('en-US');

for (const tasks of TOTALS) {
  if (!n(`measured ${tasks}`)) continue;
  const label = `${thousands(tasks)} tasks × 2 sleeps of 0.1 s (\`${totalsQuery(tasks)}\`), first run on a fresh page, median of ${n(`measured ${tasks}`)}`;
  row(`run total, ${label}: measured (predicted ${fmt(med(`predicted ${tasks}`), 3)} s)`, stat(`measured ${tasks}`, 3, ' s'),
    tasks === 10_000 ? 'within 5 % of predicted' : '—', tasks === 10_000 ? Math.abs(med(`over ${tasks}`)) <= 0.05 : null);
  row(`… measured over predicted, ${thousands(tasks)} tasks`, stat(`over ${tasks}`, 1, ' %', 100),
    tasks === 10_000 ? '≤ 5 %' : '—', tasks === 10_000 ? Math.abs(med(`over ${tasks}`)) <= 0.05 : null);
  row(`… wall time from pressing Run to the page's \`done\`, ${thousands(tasks)} tasks (trace of ${thousands(med(`events ${tasks}`))} events)`,
    stat(`wall ${tasks}`, 0, ' ms'), '—', null);
}
const memRow = (key, what) => {
  if (!n(`mem ${key}`)) return;
  const events = med(`events ${key}`);
  const mb = med(`mem ${key}`) * MB;
  row(`wasm memory a run takes: \`wasmBytes\` after the run minus before it (page loaded, prediction made), ${what}, ${thousands(events)} events`,
    stat(`mem ${key}`, 1, ' MB', MB), near100k(events) ? '≤ 20 MB (100,000 events)' : '—', near100k(events) ? mb <= 20 : null);
};
const exportRow = (key, what) => {
  if (!n(`export ${key}`)) return;
  const events = med(`events ${key}`);
  row(`Export → Trace (JSON): the click handler (Chrome trace JSON built, written as text, handed to a download), ${what}, ${thousands(events)} events`,
    stat(`export ${key}`, 0, ' ms'), near100k(events) ? '≤ 250 ms (100,000 events)' : '—', near100k(events) ? med(`export ${key}`) <= 250 : null);
  row(`… wasm memory the export adds (\`wasmBytes\` after it minus after the run), ${what}`, stat(`export mem ${key}`, 1, ' MB', MB), '—', null);
};
memRow('1000', '1,000 tasks');
memRow('10000', '10,000 tasks');
memRow('100000', '100,000 tasks');
memRow('100k', `${med('lanes 100k')} lanes × 100 turns (\`${SPANS_100K}\`)`);
memRow('turns', `one task × ${thousands(TURNS)} turns (\`code=\`)`);
exportRow('1000', '1,000 tasks');
exportRow('10000', '10,000 tasks');
exportRow('100k', `${med('lanes 100k')} lanes × 100 turns`);
exportRow('turns', `one task × ${thousands(TURNS)} turns`);
if (n('traceget 10000')) {
  row(`\`window.awaitlab.trace()\` (the same JSON, parsed into an object), 10,000 tasks, ${thousands(med('events 10000'))} events`, stat('traceget 10000', 0, ' ms'), '—', null);
}
const redrawRows = (key, goal) => {
  if (!n(`redraw ${key}`)) return;
  const spans = thousands(med(`spans ${key}`));
  const what = `${spans}-span trace (${PAGES.find((p) => p.label === key).shown}, ${med(`lanes ${key}`)} lanes, its prediction drawn as strips too; ${thousands(med(`rects ${key}`))} rectangles in ${med(`colours ${key}`)} colours)`;
  const ratio = med(`redraw ${key}`) / med(`raw ${key}`);
  row(`timeline redraw of a ${what}: keydown "0" (fit) → the lanes' last paint call`, stat(`redraw ${key}`, 2, ' ms'),
    goal ? '≤ 1.2× the raw loop below' : '—', goal ? ratio <= 1.2 : null);
  row(`… of which the draw itself (the gutter's first measureText, or the paint's first save → the last paint call)`, stat(`redraw draw ${key}`, 2, ' ms'), '—', null);
  row(`… keydown "0" → the next task (the whole re-render, incl. what follows the paint)`, stat(`redraw next ${key}`, 2, ' ms'), '—', null);
  // The calls by kind on the page whose count of calls is the median.
  const pages = [...(methods[key] ?? [])].sort((a, b) => a[0] - b[0]);
  const m = pages[Math.floor(pages.length / 2)]?.[1] ?? {};
  const top = Object.entries(m).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${v} ${k}`).join(', ');
  row(`every canvas call of that redraw (${thousands(med(`calls ${key}`))} calls and property sets, the median page's: ${top}, …) replayed from a JS array, same-size canvas, same page (the mean of 10 in a row)`, stat(`replay ${key}`, 2, ' ms'), '—', null);
  row(`… the same calls without the property sets that repeat the value already set (${thousands(med(`lean calls ${key}`))} calls and sets)`, stat(`lean ${key}`, 2, ' ms'), '—', null);
  row(`raw JS loop of fillRect over the same rectangles with their colours, same-size canvas, same page (${spans} spans; the mean of 10 loops in a row)`, stat(`raw ${key}`, 2, ' ms'), '—', null);
  row(`raw JS loop of fillRect over the same rectangles, one colour (${spans} spans; the mean of 10 loops in a row)`, stat(`raw one ${key}`, 2, ' ms'), '—', null);
};
redrawRows('10k', true);
redrawRows('100k', false);
redrawRows('turns', false);
const scrubRows = (key) => {
  if (!n(`scrub fps ${key}`)) return;
  const spans = thousands(med(`spans ${key}`));
  const page = PAGES.find((p) => p.label === key);
  const what = `${spans}-span trace (${page.shown}, ${med(`lanes ${key}`)} lanes), pointer held on the lanes and moved once per animation frame, ${n(`scrub fps ${key}`)} windows of ${SCRUB_MS / 1000} s on ${n(`mem ${key}`)} pages`;
  row(`scrub a ${what}: frames per second`, stat(`scrub fps ${key}`, 1, ' fps'), '≥ 30 fps', med(`scrub fps ${key}`) >= 30);
  row(`… main thread per frame while scrubbing (CDP TaskDuration ÷ frames)`, stat(`scrub task ${key}`, 1, ' ms'), '≤ 33 ms (30 fps)', med(`scrub task ${key}`) <= 1000 / 30);
  row(`… of which script (wasm and JS; CDP ScriptDuration ÷ frames)`, stat(`scrub script ${key}`, 1, ' ms'), '—', null);
  row(`… of which layout and style recalculation (CDP LayoutDuration + RecalcStyleDuration ÷ frames)`,
    `${fmt(med(`scrub layout ${key}`), 1)} + ${fmt(med(`scrub style ${key}`), 1)} ms`, '—', null);
  row(`… per scrub step: pointermove → its handlers and the re-render they scheduled have run (the next task)`, stat(`scrub next ${key}`, 1, ' ms'), '—', null);
  row(`… per scrub step: pointermove → the playhead painted on the overlay (median of each window; the slowest: ${stat(`scrub step max ${key}`, 0, ' ms')})`, stat(`scrub step ${key}`, 1, ' ms'), '—', null);
};
scrubRows('100k');
scrubRows('turns');

const ratio = (a, b, digits = 2) => (Number.isFinite(a / b) ? `${(a / b).toFixed(digits)}×` : '—');
const sratio = (what, value) => console.log(`SRATIO | ${what} | ${value} |`);
sratio('timeline redraw (10,000 spans) vs raw fillRect of the same rectangles with their colours', ratio(med('redraw 10k'), med('raw 10k')));
sratio('timeline redraw (10,000 spans) vs raw fillRect of the same rectangles, one colour', ratio(med('redraw 10k'), med('raw one 10k')));
sratio('… its draw alone vs raw fillRect with their colours', ratio(med('redraw draw 10k'), med('raw 10k')));
sratio(`timeline redraw (${thousands(med('spans 100k'))} spans, ${med('lanes 100k')} lanes) vs raw fillRect of the same rectangles with their colours`, ratio(med('redraw 100k'), med('raw 100k')));
sratio(`timeline redraw (${thousands(med('spans turns'))} spans, ${med('lanes turns')} lanes) vs raw fillRect of the same rectangles with their colours`, ratio(med('redraw turns'), med('raw turns')));
sratio(`scrub frames per second: ${med('lanes turns')} lanes vs ${med('lanes 100k')} lanes (both about 100,000 spans)`, ratio(med('scrub fps turns'), med('scrub fps 100k')));
for (const tasks of TOTALS) {
  if (n(`measured ${tasks}`)) sratio(`measured / predicted total, ${thousands(tasks)} tasks`, ratio(med(`measured ${tasks}`), med(`predicted ${tasks}`), 3));
}
for (const [key, what] of [['10000', '10,000 tasks'], ['100k', `${med('lanes 100k')} lanes × 100 turns`], ['turns', `one task × ${thousands(TURNS)} turns`]]) {
  if (!n(`mem ${key}`)) continue;
  sratio(`wasm memory per trace event, a run of ${what}`, `${fmt(med(`mem ${key}`) / med(`events ${key}`), 0)} bytes`);
  sratio(`export time per trace event, ${what}`, `${fmt((med(`export ${key}`) * 1000) / med(`events ${key}`), 2)} µs`);
  sratio(`export's added memory per trace event, ${what}`, `${fmt(med(`export mem ${key}`) / med(`events ${key}`), 0)} bytes`);
}

if (n('prof wasm')) {
  const what = `redraw of the ${thousands(med('spans 10k'))}-span trace, CPU profile (${2 * PROFILED} redraws: fit, zoomed in to 70 %, alternately), self time per redraw`;
  console.log(`SWHY | ${what}: the app's wasm (layout and paint; \`wasm-to-js\` calls included) | ${fmt(med('prof wasm'), 2)} ms |`);
  console.log(`SWHY | ${what}: decoding the strings wasm passes (colours, fonts, labels: TextDecoder) | ${fmt(med('prof decode'), 2)} ms |`);
  console.log(`SWHY | ${what}: wasm-bindgen's other JS glue | ${fmt(med('prof glue'), 2)} ms |`);
  console.log(`SWHY | ${what}: the canvas's own methods (fillRect, fillText, measureText, …) | ${fmt(med('prof canvas'), 2)} ms |`);
  console.log(`SWHY | ${what}: garbage collection | ${fmt(med('prof gc'), 2)} ms |`);
  console.log(`SWHY | ${what}: other JS (Yew's events, the page's scripts) | ${fmt(med('prof other'), 2)} ms |`);
}

// Where a run's time goes, from its own trace (medians): the tasks are created and first polled
// one after another, so the last one starts its first sleep late; it wakes 0.1 s later, and so on.
for (const tasks of TOTALS) {
  if (!n(`first ${tasks}`)) continue;
  const t = thousands(tasks);
  console.log(`SWHY | ${t} tasks: the last task's first sleep began at | ${fmt(med(`first ${tasks}`), 1)} ms |`);
  console.log(`SWHY | ${t} tasks: the last task's second sleep began at (ideal: 100 ms after its first) | ${fmt(med(`second ${tasks}`), 1)} ms |`);
  console.log(`SWHY | ${t} tasks: the run's total over the prediction | ${fmt((med(`measured ${tasks}`) - med(`predicted ${tasks}`)) * 1000, 1)} ms |`);
  console.log(`SWHY | ${t} tasks: until then, time inside polls (union of \`run\` spans, 0.1 ms clock) | ${fmt(med(`wave busy ${tasks}`), 1)} ms |`);
  console.log(`SWHY | ${t} tasks: until then, time between polls (the page's turns) | ${fmt(med(`first ${tasks}`) - med(`wave busy ${tasks}`), 1)} ms, the longest ${fmt(med(`wave gap ${tasks}`), 1)} ms |`);
  console.log(`SWHY | ${t} tasks: time inside polls, whole run (sum of \`run\` spans) | ${fmt(med(`run ${tasks}`), 1)} ms |`);
}
