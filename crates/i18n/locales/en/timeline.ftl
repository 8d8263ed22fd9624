# The timeline: its tooltip, the legend's words for a span, the table of events and the console.

## What a span means, in the legend's words (the tooltip and the table say it so).

kind-run = running on the loop
kind-block = blocking the loop
kind-sleep = sleeping (timer)
kind-io = waiting on I/O
kind-ready = ready, waiting for the loop
kind-compute = CPU work
kind-scenario = work item
kind-print = print
kind-end = ended
kind-frozen = page frozen: no frame painted

## How a task ended (or that it has not yet).

outcome-running = running
outcome-done = done
outcome-failed = failed
outcome-cancelled = cancelled

## The tooltip of an event. Numbers come formatted ($s seconds, $ms milliseconds).

tip-line = line { $line }
tip-print = "{ $text }"
tip-failed = failed: { $error }
tip-value = { $what } (value { $value })
tip-step = step { $step }
tip-at = at { $s } s
tip-lasted = lasted { $s } s ({ $ms } ms real)
tip-error = error: { $error }
frozen-label = no frame for { $ms } ms

## The timeline canvas.

timeline-label = Timeline: one lane per task; arrow keys step between events, + and - zoom, 0 resets
timeline-label-steps = Timeline by the loop's steps: one lane per task; arrow keys step between events, + and - zoom, 0 resets
timeline-empty = Fix the highlighted parameters to see the prediction.

## The timeline as a table.

spans = The timeline as a table
spans-label = Events of the run
spans-first = The first { $shown } of { $total } events; Export has them all.
spans-start = start (s)
spans-for = for (s)
spans-task = task
spans-state = state
spans-what = what

## The console.

console-empty = Nothing printed yet.
console-label = Printed lines
console-time = { $s } s

## Words drawn on the timeline canvas ($n: steps, $s: seconds, as the page writes them).

canvas-predicted = predicted { $s } s
canvas-predicted-steps = predicted { $n } steps
canvas-measured = measured { $s } s
canvas-measured-steps = measured { $n } steps
canvas-no-tasks = no tasks yet
# The titles of an SVG export's groups (tooltips in a viewer).
canvas-the-prediction = the prediction
canvas-bars-predicted = predicted
canvas-bars-measured = measured
svg-title-predicted = AwaitLab timeline: { $scenario } · { $mode } (predicted)
svg-title-measured = AwaitLab timeline: { $scenario } · { $mode } (measured)

# An axis tick, in scenario seconds.
axis-seconds = { $s } s
# The last tick of an axis of the loop's steps.
axis-steps = { $n ->
    [one] { $n } step
   *[other] { $n } steps
}

## Lanes that are not the program's tasks (a task's name is the program's own word).
lane-page = page
lane-worker = worker { $n }
