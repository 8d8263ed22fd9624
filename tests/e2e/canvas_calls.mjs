// Counts the page's 2D canvas calls by canvas (its class: `timeline` for the lanes,
// `timeline-overlay` for the playhead and outline) and method, by wrapping the methods of
// CanvasRenderingContext2D in the page. Used by the e2e tests and scripts/bench_views.mjs.

/** Starts counting (once per page; contexts made before count too: the methods are shared). */
export async function countCanvasCalls(page) {
  await page.evaluate(() => {
    if (window.__canvasCalls) return;
    const counts = {};
    window.__canvasCalls = counts;
    const proto = CanvasRenderingContext2D.prototype;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (name === 'constructor' || typeof d.value !== 'function') continue;
      const original = d.value;
      proto[name] = function (...args) {
        const key = `${this.canvas?.className || 'other'} ${name}`;
        counts[key] = (counts[key] ?? 0) + 1;
        return original.apply(this, args);
      };
    }
  });
}

/** The counts since the last call, as { 'timeline fillRect': n, … }, and starts again from 0. */
export const takeCanvasCalls = (page) =>
  page.evaluate(() => {
    const counts = window.__canvasCalls ?? {};
    const taken = { ...counts };
    for (const k of Object.keys(counts)) delete counts[k];
    return taken;
  });

/** Calls on the canvas of class `canvas` (every method, or only `method`). */
export const callsOn = (counts, canvas, method) =>
  Object.entries(counts)
    .filter(([k]) => k.startsWith(`${canvas} `) && (!method || k === `${canvas} ${method}`))
    .reduce((s, [, n]) => s + n, 0);
