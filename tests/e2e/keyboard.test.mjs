// End-to-end, the keyboard alone (issue 10): Tab reaches Run with every stop on the way showing
// its focus, Enter runs, Tab reaches the timeline, ←/→ step the playhead event by event and the
// narration follows, Home fits the view; Stop is reachable while a run goes on, and Escape-free
// controls keep the focus where the person is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, waitFor } from './helpers.mjs';

const s = suite();
const { open } = s;

/** What the focused element is, and whether its focus shows (an outline or a ring). */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return { testid: el.dataset.testid ?? null, tag: el.tagName.toLowerCase(), cls: el.className, ring };
  });

/** Presses Tab until `match` says the focus is there (at most `limit` presses). */
async function tabTo(page, match, limit = 60) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const at = await focused(page);
    seen.push(at);
    if (match(at)) return seen;
    // The editor keeps Tab for indenting: Escape, then Tab leaves it (as its hint says).
    if (at.testid === 'code') await page.keyboard.press('Escape');
  }
  assert.fail(`not reached in ${limit} Tabs: ${seen.map((f) => f.testid ?? f.tag).join(', ')}`);
}

test('keyboard only: Tab to Run, Enter runs, Tab to the timeline, arrows step the run and the story follows', async () => {
  const { page, errors } = await open('s=countdown&mode=async&speed=200', { width: 1440, height: 1000 });
  await waitFor(page, ['idle']);
  // From the top of the page, every stop on the way to Run shows where the focus is.
  const toRun = await tabTo(page, (f) => f.testid === 'run');
  const unseen = toRun.filter((f) => !f.ring);
  assert.deepEqual(unseen, [], 'focus not visible on some stops');
  await page.keyboard.press('Enter');
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  // The timeline is a stop too, with its ring.
  const toTimeline = await tabTo(page, (f) => f.tag === 'canvas');
  assert.ok(toTimeline.at(-1).ring);
  // ← from the end steps back event by event, → forward again; Home fits the view.
  await page.keyboard.press('Home');
  const story = () => page.textContent('[data-testid=story-now]');
  const said = [await story()];
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('ArrowLeft');
    said.push(await story());
  }
  assert.ok(new Set(said).size >= 3, `the story did not move: ${said.join(' | ')}`);
  await page.keyboard.press('ArrowRight');
  assert.equal(await story(), said[3]);
  // The narration's ◀/▶ are reachable and work from the keyboard too.
  await tabTo(page, (f) => f.testid === 'story-back');
  await page.keyboard.press('Enter');
  assert.notEqual(await story(), said[3]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard only: Stop is one Tab from Run during a run, and the focus returns to Run after', async () => {
  const { page, errors } = await open('s=queue&mode=async&speed=200', { width: 1440, height: 1000 });
  await waitFor(page, ['idle']);
  await tabTo(page, (f) => f.testid === 'run');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('[data-testid=stop]').disabled);
  await page.keyboard.press('Tab');
  assert.equal((await focused(page)).testid, 'stop');
  await page.keyboard.press('Enter');
  await waitFor(page, ['idle', 'done', 'error']);
  assert.equal((await focused(page)).testid, 'run');
  assert.deepEqual(errors, []);
  await page.close();
});
