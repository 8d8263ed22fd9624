// What the views cost, measured on built dist/ directories in headless Chromium, side by side:
// - a live run's snapshots: a program records about N events, then sleeps 4 s; while it sleeps,
//   the page's main thread does little but take the run's snapshots and re-render (lanes,
//   console, summary). Measured: the main thread's busy time (CDP Performance.getMetrics,
//   TaskDuration) per second and per snapshot (a snapshot repaints the lanes once: counted), with
//   the loop on the page and in a loop worker;
// - canvas calls per second while Replay animates the playhead, and while the mouse hovers over
//   the lanes (CanvasRenderingContext2D's methods wrapped in the page, counted by canvas).
// Prints `VIEWS | what | before | after |` rows. Usage:
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

// Before and after alternate case by case would need a server each; both are measured in this one
// run, one after the other, on the same machine.
const before = await measure(BEFORE);
const after = await measure(AFTER);
const f0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '—');
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const row = (what, b, a) => console.log(`VIEWS | ${what} | ${b} | ${a} |`);
for (const placement of ['page', 'worker']) {
  for (const n of SIZES) {
    const b = before[`${placement} ${n}`];
    const a = after[`${placement} ${n}`];
    const where = placement === 'page' ? 'loop on the page' : 'loop in a worker';
    row(`live run idling with ${f0(a.recorded)} events (${where}): main thread busy, ms per s`, f1(b.busyMsPerS), f1(a.busyMsPerS));
    row(`… snapshots drawn per s`, f1(b.snapshots), f1(a.snapshots));
    row(`… main thread per snapshot, ms`, f1(b.perSnapshot), f1(a.perSnapshot));
  }
}
const c = [before.canvas, after.canvas];
row('Replay: canvas calls per s on the lanes', f0(c[0].replayLanes), f0(c[1].replayLanes));
row('Replay: canvas calls per s on the overlay', f0(c[0].replayOverlay), f0(c[1].replayOverlay));
row('Replay: fillRect per s (both canvases)', f0(c[0].replayFill), f0(c[1].replayFill));
row('hover: canvas calls per s on the lanes', f0(c[0].hoverLanes), f0(c[1].hoverLanes));
row('hover: canvas calls per s on the overlay', f0(c[0].hoverOverlay), f0(c[1].hoverOverlay));
row('hover: fillRect per s (both canvases)', f0(c[0].hoverFill), f0(c[1].hoverFill));
