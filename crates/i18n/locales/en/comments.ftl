# The catalog programs' comments, one message per comment line: the id is `comment-` and the
# English text's slug (see crates/core/src/program_comments.rs), and the English text is the
# program's own, word for word (a core test holds it). A sentence over several comment lines is
# translated in as many lines.

comment-runs-all-the-same = runs all the same
comment-let-the-error-go-on = let the error go on
comment-awaited-cleanup = awaited cleanup
comment-runs-to-its-end = runs to its end
comment-only-then-again = only then again
comment-python-3-4-s-spelling-gone-since-3-11-a = Python 3.4's spelling (gone since 3.11): a
comment-generator-decorated-as-a-coroutine = generator decorated as a coroutine.
comment-gives-the-loop-back = gives the loop back
comment-blocks-the-loop = blocks the loop!
comment-blocks-its-worker-not-the-loop = blocks its worker, not the loop
comment-workers-0-the-pool-s-default-size = WORKERS = 0: the pool's default size
comment-holds-everything = holds everything
comment-in-turn = in turn
comment-let-them-run = let them run
comment-until-a-handler-stops-it = until a handler stops it
comment-no-work-of-its-own = no work of its own
comment-wakes-on-set-result = wakes on set_result
comment-blocks = blocks
comment-one-after-the-other = one after the other
comment-the-loop-goes-on = the loop goes on
comment-held-by-the-other-parent = held by the other parent
comment-never-returns-each-waits-for-the-other = never returns: each waits for the other
comment-sleeps-until-then = sleeps until then
comment-read-await-write-one-step = read, await, write: one step
comment-chore-when-its-buzzer-went = chore -> when its buzzer went
comment-then-look = then look
comment-looked-too-early = looked too early
comment-kept-the-loop-holds-tasks-weakly = kept: the loop holds tasks weakly
comment-read = read
comment-the-others-run-meanwhile = the others run meanwhile
comment-write = write
comment-pure-cpu-work-on-a-worker = pure CPU work, on a worker
comment-workers-0-one-per-core = WORKERS = 0: one per core
comment-pure-cpu-work = pure CPU work
comment-one-after-another = one after another
comment-the-loop-s-turn = the loop's turn
comment-the-others-run = the others run
comment-blocks-everything = blocks everything
comment-the-same-round-robin-loop = the same round-robin loop
comment-back-to-the-loop-below = back to the loop below
comment-a-tiny-round-robin-event-loop = a tiny round-robin event loop
comment-a-plain-call-to-its-end = a plain call: to its end
comment-one-turn-of-the-loop = one turn of the loop
comment-no-task-has-run-yet = no task has run yet
comment-main-yields-here = main yields here
comment-stop-the-late-ones = stop the late ones
comment-they-went-on = they went on
comment-the-same-idea-in-the-page-s-own-terms = The same idea in the page's own terms:
comment-four-callbacks-queued-in-this-order-as = four callbacks queued in this order, as
comment-the-page-s-javascript-does-it = the page's JavaScript does it.
comment-asyncio-terms-call-soon-is-the-loop-s = asyncio terms: call_soon is the loop's
comment-ready-queue-a-microtask-runs-as-soon-as = ready queue; a microtask runs as soon as
comment-the-current-task-is-over-a-message-and-a = the current task is over; a message and a
comment-timer-are-tasks-of-their-own-later = timer are tasks of their own, later.
comment-added-latency = added latency
comment-the-other-task-s-turn = the other task's turn
comment-round-robin-as-before = round-robin, as before
comment-added = added
comment-yields = yields
comment-pip-install-uvloop = pip install uvloop
comment-one-switch = one switch
comment-the-same-program-on-two-loops-in-the = The same program on two loops. In the
comment-browser-the-loop-is-how-the-next-hop = browser, the "loop" is how the next hop
comment-is-scheduled-three-ways-side-by-side = is scheduled: three ways, side by side.
comment-done-without-waiting = done without waiting
comment-never-back-to-the-loop = never back to the loop
comment-js-promise-resolve-then-hop-the = JS: Promise.resolve().then(hop). The
comment-microtask-queue-is-drained-before-the = microtask queue is drained before the
comment-browser-renders-or-runs-any-other-task = browser renders or runs any other task.
comment-js-settimeout-hop-0-nested-more = JS: setTimeout(hop, 0). Nested more
comment-than-5-deep-browsers-wait-4-ms = than 5 deep, browsers wait >= 4 ms.
comment-about-4-s = about 4 s
comment-js-port-postmessage-a-real-task = JS: port.postMessage(), a real task:
comment-one-trip-through-the-loop-no-clamp = one trip through the loop, no clamp.
comment-one-latency-for-every-url = one latency for every URL
