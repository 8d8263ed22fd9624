// What the views cost, measured on built dist/ directories in headless Chromium, side by side:
// - a live run's snapshots: a program records about N events, then sleeps 4 s; while it sleeps,
//   the page's main thread does little but take the run's snapshots and re-render (lanes,
//   console, summary). Measured: the main thread's busy time (CDP Performance.getMetrics,
//   TaskDuration) per second and per snapshot (a snapshot repaints the lanes once: counted), with
//   the loop on the page and in a loop worker;
// - canvas calls per second while Replay animates the playhead, and while the mouse hovers over
//   the lanes (CanvasRenderingContext2D's methods wrapped in the page, counted by canvas).
// Prints `VIEWS | what | before | after |` rows, each a median (min–max) of REPEATS runs. Usage:
//   node scripts/bench_views.mjs <before-dist> <after-dist> [events…]
import { serve } from '../tests/e2e/server.mjs';
import { launch } from '../tests/e2e/browser.mjs';
import { countCanvasCalls, takeCanvasCalls, callsOn } from '../tests/e2e/canvas_calls.mjs';
import { resolve } from 'node:path';

const [BEFORE, AFTER] = process.argv.slice(2, 4).map((d) => resolve(d));
const SIZES = process.argv.slice(4).map(Number);
if (!SIZES.length) SIZES.push(10_000, 100_000);
const IDLE_S = 4;
const WINDOW_MS = 2500;

/** A program that records about `events` events (one poll per await), then sleeps. */
const program = (events) => `import asyncio

async def main():
    for i in range(${events}):
        await asyncio.sleep(0)
    print("recorded")
    await asyncio.sleep(${IDLE_S})
    print("done")

asyncio.run(main())
`;

const metric = async (cdp, name) =>
  (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name).value;

/** Main-thread cost of a live run's snapshots with `events` events, the loop at `placement`. */
async function liveCost(context, url, events, placement) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const query = `code=${encodeURIComponent(program(events))}&speed=1000&loop=${placement}&autorun=1`;
  await page.goto(`${url}?${query}`);
  await page.waitForFunction(() => document.querySelector('[data-testid=run]'), null, { timeout: 30_000 });
  await countCanvasCalls(page);
  // Recorded: the console shows the line once a snapshot has it.
  await page.waitForFunction(
    () => [...document.querySelectorAll('[data-testid=console] .text')].some((e) => e.textContent.includes('recorded')),
    null,
    { timeout: 120_000 },
  );
  await page.waitForTimeout(300);
  await takeCanvasCalls(page);
  const t0 = await metric(cdp, 'TaskDuration');
  const w0 = Date.now();
  await page.waitForTimeout(WINDOW_MS);
  const busyS = (await metric(cdp, 'TaskDuration')) - t0;
  const seconds = (Date.now() - w0) / 1000;
  const counts = await takeCanvasCalls(page);
  await page.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.runState), null, {
    timeout: 120_000,
  });
  const trace = await page.evaluate(() => window.awaitlab.trace());
  const recorded = trace.traceEvents.filter((e) => e.ph === 'X' || e.ph === 'i').length;
  await page.close();
  // Each snapshot repaints the lanes once (one clip of the plot area per paint).
  const snapshots = callsOn(counts, 'timeline', 'clip');
  return { busyMsPerS: (busyS * 1000) / seconds, snapshots: snapshots / seconds, perSnapshot: snapshots ? (busyS * 1000) / snapshots : NaN, recorded };
}

/** Canvas calls per second on the lanes and on the overlay while Replay runs, and while hovering. */
async function canvasRates(context, url) {
  const page = await context.newPage();
  await page.goto(`${url}?s=queue&mode=async&speed=200&autorun=1`);
  await page.waitForFunction(() => document.documentElement.dataset.runState === 'done', null, { timeout: 60_000 });
  await page.waitForTimeout(300);
  await countCanvasCalls(page);
  await takeCanvasCalls(page);
  await page.click('button:has-text("Replay")');
  const r0 = Date.now();
  await page.waitForTimeout(2000);
  const replay = await takeCanvasCalls(page);
  const replayS = (Date.now() - r0) / 1000;
  await page.waitForTimeout(2000); // the replay ends (3.4 s)
  const box = await (await page.$('canvas.timeline')).boundingBox();
  await takeCanvasCalls(page);
  const h0 = Date.now();
  for (let k = 0; k < 60; k++) {
    const lane = 2 + (k % 2);
    await page.mouse.move(box.x + 120 + (box.width - 130) * (k / 60), box.y + 26 + 38 * (lane + 0.5));
    await page.waitForTimeout(16);
  }
  const hover = await takeCanvasCalls(page);
  const hoverS = (Date.now() - h0) / 1000;
  await page.close();
  const rate = (counts, s, canvas, method) => callsOn(counts, canvas, method) / s;
  return {
    replayLanes: rate(replay, replayS, 'timeline'),
    replayOverlay: rate(replay, replayS, 'timeline-overlay'),
    replayFill: rate(replay, replayS, 'timeline', 'fillRect') + rate(replay, replayS, 'timeline-overlay', 'fillRect'),
    hoverLanes: rate(hover, hoverS, 'timeline'),
    hoverOverlay: rate(hover, hoverS, 'timeline-overlay'),
    hoverFill: rate(hover, hoverS, 'timeline', 'fillRect') + rate(hover, hoverS, 'timeline-overlay', 'fillRect'),
  };
}

async function measure(dist) {
  const server = await serve(dist);
  const out = {};
  try {
    for (const placement of ['page', 'worker']) {
      for (const n of SIZES) {
        const context = await launch();
        try {
          out[`${placement} ${n}`] = await liveCost(context, server.url, n, placement);
        } finally {
          await context.close();
        }
      }
    }
    const context = await launch();
    try {
      out.canvas = await canvasRates(context, server.url);
    } finally {
      await context.close();
    }
  } finally {
    await server.close();
  }
  return out;
}

// Each build is measured REPEATS times (default 3), before and after taking turns, on the same
// machine; every figure is the median with its min and max.
const REPEATS = Number(process.env.REPEATS ?? 3);
const runs = { before: [], after: [] };
for (let r = 0; r < REPEATS; r++) {
  runs.before.push(await measure(BEFORE));
  runs.after.push(await measure(AFTER));
}
const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];
/** `pick` of every run of `which`, as `median (min–max)` with `digits` decimals. */
const stat = (which, pick, digits) => {
  const xs = runs[which].map(pick).filter(Number.isFinite);
  if (!xs.length) return '—';
  const f = (x) => x.toFixed(digits);
  return `${f(median(xs))} (${f(Math.min(...xs))}–${f(Math.max(...xs))})`;
};
const row = (what, pick, digits) =>
  console.log(`VIEWS | ${what} | ${stat('before', pick, digits)} | ${stat('after', pick, digits)} |`);
for (const placement of ['page', 'worker']) {
  for (const n of SIZES) {
    const key = `${placement} ${n}`;
    const events = median(runs.after.map((o) => o[key].recorded)).toFixed(0);
    const where = placement === 'page' ? 'loop on the page' : 'loop in a worker';
    row(`live run idling with ${events} events (${where}): main thread busy, ms per s`, (o) => o[key].busyMsPerS, 1);
    row(`… snapshots drawn per s`, (o) => o[key].snapshots, 1);
    row(`… main thread per snapshot, ms`, (o) => o[key].perSnapshot, 1);
  }
}
row('Replay: canvas calls per s on the lanes', (o) => o.canvas.replayLanes, 0);
row('Replay: canvas calls per s on the overlay', (o) => o.canvas.replayOverlay, 0);
row('Replay: fillRect per s (both canvases)', (o) => o.canvas.replayFill, 0);
row('hover: canvas calls per s on the lanes', (o) => o.canvas.hoverLanes, 0);
row('hover: canvas calls per s on the overlay', (o) => o.canvas.hoverOverlay, 0);
row('hover: fillRect per s (both canvases)', (o) => o.canvas.hoverFill, 0);
