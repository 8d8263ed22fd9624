// End-to-end, the program is the product (issue 8): a person types a program into the editor, runs
// it, and reads its lines (CPython's, by running python3 on the same text) and its lanes; a syntax
// error is marked where CPython puts it and Run waits; the editor's keys; a runtime error's
// traceback; scrubbing marks each task's line; a link carries the program and runs it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite, ARTIFACTS, waitFor, runAgain, consoleLines, view, frames } from './helpers.mjs';

const s = suite();
const { open } = s;
let scratch;

before(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'awaitlab-program-'));
});

/** What CPython 3.11 prints for `source` (run as main.py): stdout lines, stderr lines, status. */
async function cpython(source) {
  const file = join(scratch, 'main.py');
  await writeFile(file, source);
  try {
    const out = execFileSync('python3', [file], { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { stdout: out.split('\n').filter((l) => l !== ''), stderr: [], status: 0 };
  } catch (e) {
    return {
      stdout: e.stdout.split('\n').filter((l) => l !== ''),
      stderr: e.stderr.split('\n').filter((l) => l !== ''),
      status: e.status,
    };
  }
}

/** Replaces the editor's text with `source`, as a paste would. */
async function replaceProgram(page, source) {
  await page.fill('[data-testid=code]', source);
}

const laneNames = (trace) =>
  trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args.name);

const GATHER = `import asyncio


async def worker(name, delay):
    print(f"{name} starts")
    await asyncio.sleep(delay)
    print(f"{name} is done after {delay} s")
    return name.upper()


async def main():
    results = await asyncio.gather(worker("slow", 0.3), worker("fast", 0.1))
    print("results:", results)


asyncio.run(main())
`;

test('a typed program runs as CPython runs it: its lines, its lanes, a prediction that agrees', async () => {
  // At speed=1000 the axis is real time, so a busy machine's few milliseconds of timer lateness
  // stay small next to the 0.1 s tolerance (at the default 100 ms a second, 10 ms late failed CI).
  const { page, errors } = await open('s=countdown&mode=async&speed=1000');
  await replaceProgram(page, GATHER);
  await page.waitForSelector('[data-testid=program-status].edited');
  // The form no longer describes this program, and says so with a way back.
  assert.match(await page.textContent('[data-testid=form-note]'), /program/i);
  assert.equal(await page.isEnabled('[data-testid=run]'), true);
  const trace = await runAgain(page);
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  const expected = await cpython(GATHER);
  assert.equal(expected.status, 0);
  assert.deepEqual(await consoleLines(page), expected.stdout.map((l) => l.replace(/\s+/g, ' ').trim()));
  // print events carry exactly what CPython prints.
  const printed = trace.traceEvents.filter((e) => e.name === 'print').map((e) => e.args.text);
  assert.deepEqual(printed, expected.stdout);
  // A lane for the module, main, and each gathered coroutine's task.
  const lanes = laneNames(trace);
  assert.ok(lanes.includes('<module>'), lanes.join(', '));
  assert.ok(lanes.some((n) => n.startsWith('main')), lanes.join(', '));
  assert.equal(lanes.filter((n) => n.startsWith('worker')).length, 2, lanes.join(', '));
  // Measured and predicted: the slowest sleep, 0.3 s.
  assert.ok(Math.abs(trace.otherData.predicted_total_s - 0.3) < 0.01, String(trace.otherData.predicted_total_s));
  const measured = trace.otherData.measured_total_s;
  assert.ok(measured >= 0.299 && measured < 0.4, String(measured));
  await page.screenshot({ path: join(ARTIFACTS, 'program-typed-1440.png'), fullPage: true });

  // The URL carries the program: opened elsewhere with autorun, it runs the same program.
  const link = new URL(page.url());
  assert.equal(link.searchParams.get('code'), GATHER);
  link.searchParams.set('autorun', '1');
  const other = await s.context.newPage();
  await other.goto(link.toString());
  assert.equal(await waitFor(other, ['done', 'error']), 'done');
  assert.deepEqual(await consoleLines(other), await consoleLines(page));
  assert.equal(await other.inputValue('[data-testid=code]'), GATHER);
  await other.close();

  // Each mode keeps its edits: another mode shows its own program, coming back shows yours.
  await page.click('[data-testid=mode-sync]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=program-status]').classList.contains('edited'));
  assert.doesNotMatch(await page.inputValue('[data-testid=code]'), /worker\("slow"/);
  await page.click('[data-testid=mode-async]');
  await page.waitForSelector('[data-testid=program-status].edited');
  assert.equal(await page.inputValue('[data-testid=code]'), GATHER);

  // Back to the original program: the form describes it again.
  await page.click('[data-testid=program-status] button');
  await page.waitForSelector('[data-testid=program-status]:not(.edited)');
  assert.match(await page.inputValue('[data-testid=code]'), /count_down/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a syntax error is marked at CPython\'s line before anything runs, and Run waits for a fix', async () => {
  const { page, errors } = await open('s=countdown&mode=async');
  const broken = 'import asyncio\n\nasync def main():\n    await asyncio.sleep(0.1\n    print("x")\n\nasyncio.run(main())\n';
  await replaceProgram(page, broken);
  await page.waitForSelector('[data-testid=syntax-error]');
  const message = await page.textContent('[data-testid=syntax-error]');
  const expected = await cpython(broken);
  assert.notEqual(expected.status, 0);
  const cpythonLine = expected.stderr.join('\n').match(/line (\d+)/)[1];
  assert.match(message, new RegExp(`^Line ${cpythonLine}, `), message);
  assert.match(message, /SyntaxError/);
  assert.equal(await page.getAttribute(`[data-testid=editor] .row[data-line="${cpythonLine}"]`, 'class'), 'row error-line');
  assert.equal(await page.isDisabled('[data-testid=run]'), true);
  // Fixing it clears the mark and Run can start.
  await replaceProgram(page, broken.replace('sleep(0.1\n', 'sleep(0.1)\n'));
  await page.waitForSelector('[data-testid=syntax-error]', { state: 'hidden' });
  assert.equal(await page.isEnabled('[data-testid=run]'), true);
  await page.screenshot({ path: join(ARTIFACTS, 'program-syntax-error-375.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the editor\'s keys: Enter keeps the indentation, Tab and Shift+Tab indent, undo takes edits back', async () => {
  const { page, errors } = await open('s=countdown&mode=async');
  const code = '[data-testid=code]';
  await replaceProgram(page, '');
  await page.focus(code);
  await page.keyboard.type('async def main():');
  await page.keyboard.press('Enter');
  assert.equal(await page.inputValue(code), 'async def main():\n    ');
  await page.keyboard.type('if True:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('pass');
  assert.equal(await page.inputValue(code), 'async def main():\n    if True:\n        pass');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.inputValue(code), 'async def main():\n    if True:\n    pass');
  await page.keyboard.press('Tab');
  assert.equal(await page.inputValue(code), 'async def main():\n    if True:\n    pass    ');
  await page.keyboard.press('Control+z');
  assert.equal(await page.inputValue(code), 'async def main():\n    if True:\n    pass');
  // Escape, then Tab leaves the editor (keyboard users are not trapped).
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.dataset?.testid), 'code');
  assert.equal(await page.inputValue(code), 'async def main():\n    if True:\n    pass');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a runtime error is a traceback in the console and a failed lane, as CPython reports it', async () => {
  const source = `import asyncio


async def divide(a, b):
    await asyncio.sleep(0.05)
    return a / b


async def main():
    print(await divide(6, 3))
    print(await divide(1, 0))


asyncio.run(main())
`;
  const { page, errors } = await open('s=countdown&mode=async');
  await replaceProgram(page, source);
  const trace = await runAgain(page);
  const expected = await cpython(source);
  const shown = await consoleLines(page);
  assert.equal(shown[0], expected.stdout[0]);
  assert.ok(shown.some((l) => l.startsWith('Traceback')), shown.join('\n'));
  assert.equal(shown.at(-1), expected.stderr.at(-1));
  assert.ok(trace.otherData.error || shown.some((l) => /ZeroDivisionError/.test(l)));
  assert.deepEqual(errors, []);
  await page.close();
});

test('stepping through a run marks each task\'s line in the editor', async () => {
  const { page, errors } = await open('s=countdown&mode=async');
  await replaceProgram(page, GATHER);
  await runAgain(page);
  // Place the playhead by a click at 60 % of the run's activity (about 0.19 s): the fast
  // worker has finished, the slow one sleeps at line 6.
  const canvas = page.locator('canvas.timeline');
  await canvas.scrollIntoViewIfNeeded();
  const v = await view(page);
  const box = await canvas.boundingBox();
  const t = v.activity[0] + (v.activity[1] - v.activity[0]) * 0.6;
  const x = box.x + v.gutter + ((t - v.start) / (v.end - v.start)) * (box.width - v.gutter);
  await page.mouse.click(x, box.y + box.height / 2);
  const marksText = () => page.textContent('[data-testid=line-marks]');
  await page.waitForFunction(() => /worker.* at line 6/.test(document.querySelector('[data-testid=line-marks]').textContent));
  let marks = await marksText();
  assert.match(marks, /worker.* at line 6/);
  assert.ok(await page.$('[data-testid=editor] .row.current[data-line="6"]'));
  // Step forward, event by event (the arrow keys), until the slow worker has woken: it prints
  // (line 7) and returns (line 8) in one poll, so a step lands on either.
  await canvas.focus();
  for (let i = 0; i < 20 && !/worker.* at line [78]/.test(marks); i++) {
    await page.keyboard.press('ArrowRight');
    await frames(page, 2); // the pane re-renders after the playhead moves
    marks = await marksText();
  }
  assert.match(marks, /worker.* at line [78]/);
  assert.ok(await page.$('[data-testid=editor] .row.current[data-line="7"], [data-testid=editor] .row.current[data-line="8"]'));
  await page.screenshot({ path: join(ARTIFACTS, 'program-scrub-1440.png'), fullPage: false });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a program from a link alone (?code=…&autorun=1) runs, and a bad one says why', async () => {
  const source = 'import asyncio\n\nasync def main():\n    for i in range(3):\n        print(i, end=" ")\n        await asyncio.sleep(0)\n    print()\n\nasyncio.run(main())\n';
  const { page, errors } = await open(`code=${encodeURIComponent(source)}&autorun=1`);
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  assert.deepEqual(await consoleLines(page), (await cpython(source)).stdout.map((l) => l.trim()));
  assert.match(await page.title(), /program/i);
  await page.close();
  // Too long a program: a message, no run, no panic.
  const huge = `${'x = 1\n'.repeat(20_000)}`;
  const bad = await open(`code=${encodeURIComponent(huge)}&autorun=1`);
  await bad.page.waitForSelector('[data-testid=url-problems]');
  assert.match(await bad.page.textContent('[data-testid=url-problems]'), /code/);
  assert.equal(await bad.page.evaluate(() => document.documentElement.dataset.runState), 'idle');
  assert.deepEqual(bad.errors, []);
  await bad.page.close();
  assert.deepEqual(errors, []);
});

test('your program runs in a loop worker too: the same lines, and a blocking one leaves the page live', async () => {
  const source = 'import asyncio, time\n\nasync def main():\n    print("before")\n    time.sleep(0.5)\n    await asyncio.sleep(0.1)\n    print("after")\n\nasyncio.run(main())\n';
  const { page, errors } = await open(`code=${encodeURIComponent(source)}&loop=worker&speed=400&autorun=1`);
  assert.equal(await waitFor(page, ['done', 'error']), 'done');
  assert.deepEqual(await consoleLines(page), (await cpython(source)).stdout);
  const trace = await page.evaluate(() => window.awaitlab.trace());
  assert.equal(trace.otherData.loop, 'worker');
  // The worker held its own thread for the blocking sleep (0.2 s real), not the page's.
  assert.ok(trace.otherData.page.longest_frame_ms < 150, JSON.stringify(trace.otherData.page));
  assert.ok(Math.abs(trace.otherData.measured_total_s - 0.6) < 0.1, String(trace.otherData.measured_total_s));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the form and the program follow each other: a field rewrites its literal, an edited literal fills the field', async () => {
  const { page, errors } = await open('s=countdown&mode=async');
  const code = '[data-testid=code]';
  await page.fill('#param-delays', '0.3,0.2,0.1');
  await page.waitForFunction(() => /DELAYS = \[0\.3, 0\.2, 0\.1\]/.test(document.querySelector('[data-testid=code]').value));
  // Still the mode's own program, written with the form's values: not "edited".
  assert.equal(await page.$('[data-testid=program-status].edited'), null);
  // Editing the marked literal in the program moves the field.
  const text = (await page.inputValue(code)).replace('COUNT = 3', 'COUNT = 2');
  await page.fill(code, text);
  await page.waitForFunction(() => document.querySelector('#param-count').value === '2');
  // Removing the marked line sets the form aside, and says which mark went.
  await page.fill(code, text.replace(/^COUNT = .*$/m, 'COUNT = 2'));
  await page.waitForSelector('[data-testid=form-note]');
  assert.match(await page.textContent('[data-testid=form-note]'), /count/);
  assert.deepEqual(errors, []);
  await page.close();
});
