# The summary: totals, the speed warning, the page's figures and the table of tasks.

## The speed warning (beside the totals, and beside the speed field). Numbers come formatted.

speed-warning = Too fast to show honestly: at { $speed } ms/s the shortest wait ({ $wait } s) lasts { $real } ms real, and under { $honest } ms the browser's timers (1–4 ms late) and frames (16.7 ms) show in the totals; { $advice }.
speed-advice-faster = use { $least } ms/s or more for honest timing
speed-advice-lengthen = lengthen the shortest wait for honest timing

## The totals ($s: scenario seconds, two decimals).

summary-none = No run yet.
summary-stopped-at = stopped at { $s } s
summary-measured = measured { $s } s
summary-running = running…
summary-cut = predicted more than { $s } s: the prediction stops after a few million instructions
summary-cut-unmeasured = predicted more than { $s } s: the prediction stops after a few million instructions — press Run to measure it
summary-of-predicted = { " " }of { $s } s predicted
summary-versus = predicted { $predicted } s · { $diff } s ({ $ms } ms real at { $speed } ms/s)
summary-running-predicted = running… predicted { $s } s
summary-predicted = predicted { $s } s
summary-predicted-real = { " " }({ $s } s real at { $speed } ms/s) — press Run to measure

## How long the loop's thread was held at a stretch.

summary-worker-blocked = The loop worker was blocked for { $s } s real at a stretch: no other task could run, but the loop is not on this page's thread, so the page stayed live.
summary-page-frozen = The page was frozen for { $s } s real at a stretch — that is what blocking the loop means: no clicks, no painting, no other task.

## The page's own figures during the run.

summary-page = The page:{ " " }
summary-page-figures = longest frame { $frame } ms · { $dropped } frames dropped · { $long } long tasks ({ $long_ms } ms) · { $lag } up to { $lag_ms } ms
summary-lag-worker = loop lag (in the worker)
summary-lag-timer = timer lag
summary-clicks = your clicks waited { $ms } ms
summary-list-sep = { ", " }

## The table of tasks (the titles are the columns' tooltips).

summary-caption = Each task, in scenario seconds
summary-task = task
summary-busy = busy
    .title = time being polled on the loop, scenario seconds
summary-blocking = blocking
    .title = of which blocking the loop, scenario seconds
summary-ready = ready
    .title = woken, waiting for the loop to get to it, scenario seconds
summary-idle = idle
    .title = waiting on a timer, I/O or another task, scenario seconds
summary-polls = polls
# The row after the first tasks of a long table ($n: how many more).
summary-more-tasks = { $n ->
    [one] and { $n } more task (the export has every task)
   *[other] and { $n } more tasks (the export has every task)
}
summary-outcome = outcome
summary-hidden = The tab was in the background for { $s } s of this run: browsers slow a background tab's timers (to once a second or less), so the measured times include the browser's waits, not only the program's. Run it again with the tab in front.
