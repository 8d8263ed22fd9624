# The loop panel: the narration, where each task is, and the panel's own words.

## The narration: one sentence per thing worth saying as the playhead passes it.
## $who is a task's name; $what the awaited operation as the trace labels it (code).

story-starts = { $who } starts: the loop runs its first step.
story-awaits-next = { $who } awaits { $what }: the loop is free, so { $next } runs.
story-awaits-idle = { $who } awaits { $what }: no other task is ready, so the loop waits.
story-job-next = { $who } hands a job to a worker ({ $what }) and awaits it: the loop is free, so { $next } runs.
story-job-idle = { $who } hands a job to a worker ({ $what }) and awaits it: no other task is ready, so the loop waits.
story-wakes = { $who }'s { $what } is over: { $who } is ready again.
story-blocks = { $who } blocks the loop ({ $what }): no other task can run until it returns.
story-computes = { $who } computes on the loop ({ $what }): no other task runs meanwhile.
story-prints = { $who } prints “{ $text }”.
story-fails = { $who } fails: { $error }.
story-cancelled = { $who } is cancelled.
story-ends = { $who } ends.

## The loop panel: where each task is, with asyncio's name (code) and the browser mechanism
## AwaitLab runs it on. API names stay as they are; the words around them are translated.

asyncio-holding = Task.__step (never yields)
asyncio-io = add_reader (selector)
browser-virtual = the virtual clock
browser-running = a task of the page's loop
browser-holding = the page's thread, held
browser-ready = AwaitLab's ready queue, run in this turn
browser-timer = a setTimeout timer task
browser-io = a fetch() promise
browser-job = a Worker message
browser-future = a promise (a waker)

## The loop panel's frame and the narration's controls ($s: seconds as the page writes them).

loop-label = The loop
# The loop panel of one of two compared runs ($run: its label, e.g. async).
loop-label-run = The loop of { $run }
loop-title-playhead = The loop at the playhead
loop-title-at = The loop at { $s } s
loop-due = due at { $s } s
loop-running = On the loop
loop-running-empty = nothing: the loop is idle
loop-ready = Ready queue
loop-ready-empty = empty
loop-timers = Timers
loop-timers-empty = none
loop-waiting = Waiting
loop-waiting-empty = nobody
# The tasks of a long list not shown ($n: how many), after the first few.
loop-more = and { $n } more
loop-story-hint = Move the playhead (or press ▶) to follow the run sentence by sentence.
loop-story-label = The story so far
loop-story-back = previous sentence
loop-story-next = next sentence
loop-sentence-of = sentence { $n } of { $total }
loop-sentences = { $total } sentences
