# The scenario catalog: picker groups (topic-…), titles (scenario-<id>), modes
# (mode-<scenario>-<mode>: the button's label, .note what to look at, .missing why an
# illustration has no program) and parameters (param-<scenario>-<param>: the field's label, which
# is the program's marked name, and .help).

topic-sync-cooperative-async = Sync, cooperative, async
topic-asyncio-building-blocks = asyncio building blocks
topic-cpu-bound-work-and-executors = CPU-bound work and executors
topic-loop-implementations = Loop implementations
topic-scale = Scale

## countdown

scenario-countdown = Countdown: A, B, C
mode-countdown-sync = sync
    .note = One call after another: B cannot start until A has finished all its waits, so the total is the sum of every delay (3 × 1 + 3 × 0.8 + 3 × 0.5 = 6.9 s). Each wait is a blocking span: the page itself is frozen while it lasts.
mode-countdown-async = async
    .note = All three tasks sleep at once, so their waits overlap: C prints first at 0.5 s, B at 0.8 s, A at 1.0 s, and the run takes as long as the slowest task (≈3.0 s), not the sum. The lanes are mostly light blue: waiting on a timer costs the loop nothing.
mode-countdown-blocking = blocking
    .note = The same tasks, but each waits with time.sleep: the task never gives the loop back, so A runs to the end before B even starts. Sequential again — 6.9 s — although the code says async. The hatched orange spans are the loop (and this page) frozen.
mode-countdown-pool = pool
    .note = The blocking countdown, unchanged, but each one runs in a pool's worker (a Web Worker): the busy-wait sleeps hold the workers, not the loop, so the lines interleave as in async and the run takes ≈3.0 s again. The tasks A, B, C only await their jobs; with fewer workers than letters a countdown waits for a free worker.
param-countdown-letters = letters
    .help = task names, comma-separated
param-countdown-delays = delays
    .help = seconds between counts, one per letter
param-countdown-count = count
    .help = each letter counts down from this
param-countdown-workers = workers
    .help = Web Workers in the pool (they sleep, so more than the cores is fine); 0: one per core (at most 4)

## queue

scenario-queue = Work queue: tasks One and Two
mode-queue-sync = sync
    .note = Two plain function calls: One takes every item before Two ever runs, so Two finds the queue empty. Nothing here lets One and Two take turns.
mode-queue-generator = generator
    .note = Each task yields after every unit it counts, so One and Two take turns: Two finishes its 10 before One finishes its 15, then takes the next item. Cooperative, but still one thread: the counting itself is never overlapped.
mode-queue-blocking = blocking
    .note = The tasks still take turns, but each turn is a blocking sleep: while One sleeps 15 s nothing else can run. The total is the sum of the work, 15 + 10 + 5 + 2 = 32 s, all of it hatched: the loop (and this page) frozen.
mode-queue-async = async
    .note = The sleeps overlap: One waits 15 s while Two waits 10 s and then 5 s; One then takes the last item (2 s). Total 17 s instead of 32 s — the two lanes are busy at the same time, yet the loop itself is idle almost throughout.
param-queue-work = work
    .help = the queue's items: counts (sync, generator) or seconds (blocking, async)
param-queue-tasks = tasks
    .help = how many tasks share the queue (One, Two, Three, …)

## http

scenario-http = HTTP requests: blocking vs non-blocking
mode-http-sync = sync
    .note = Every request holds the thread until its response is in (a synchronous XMLHttpRequest, its added latency busy-waited): the spans are hatched, this page is frozen meanwhile, and the other task only gets its turn afterwards. The total is the sum of all the requests — 3.2 s of added latency by default.
mode-http-async = async
    .note = While one task's request is out, the loop runs the other: the two lanes' io spans overlap and the loop is idle in between, so the total is about half the sum (1.7 s against 3.2 s by default); with one task per URL it is about the slowest request. A failed request is a failed io span and a Python exception, as in the libraries: a 404 raises from raise_for_status(), a refused connection from the request itself; the traceback ends the run.
param-http-urls = urls
    .help = what the tasks GET, in queue order: relative to this page, or http(s):// (another site must allow CORS)
param-http-tasks = tasks
    .help = how many tasks share the queue (One, Two, Three, …)
param-http-latency = latency
    .help = milliseconds (scenario time) added to each request: one for every URL, or one per URL

## parents

scenario-parents = Parents: polling, deadlock, race
mode-parents-polling = polling
    .note = The parent only notices a chore when it next looks: every check before the buzzer is wasted, and a chore that finishes just after a check waits almost a whole interval. Shorten the interval: less waiting, more wasted checks.
mode-parents-events = event-driven
    .note = The parent sleeps until a buzzer wakes it: no check is wasted and every chore is handled the moment it is done. This is what awaiting an event (a queue, a future) gives you over polling.
mode-parents-deadlock = deadlock
    .note = Parent A holds the dryer and waits for the washer; Parent B holds the washer and waits for the dryer. Neither can go on and nothing else will wake them: the run stops and names the cycle.
mode-parents-race = race
    .note = Both parents read 100 before either writes, so both think the money is there. 130 leaves an account that held 100, and the last write wins: one update is lost. The await between read and write is where the other task gets in.
mode-parents-locked = locked
    .note = The lock makes read, await and write one step: D waits (its lane shows the wait) until C has written, then reads the true balance and is refused. Slower, but no money appears from nowhere.
param-parents-interval = interval
    .help = how often the parent looks
param-parents-chores = chores
    .help = when the washer, dryer and children need attention
param-parents-hold = hold
    .help = how long each parent holds one machine before reaching for the other
param-parents-balance = balance
    .help = the account's balance at the start
param-parents-amounts = amounts
    .help = what parents C, D, E, F spend

## coroutines

scenario-coroutines = Coroutines: legacy and modern syntax
mode-coroutines-modern = async/await
    .note = func1 prints 1 and sleeps; while it sleeps the loop runs func2, which prints 3 and sleeps too. Both sleeps overlap, so 2 and 4 come together after 2 s, not 4 s.
mode-coroutines-legacy = yield from
    .note = The pre-3.5 spelling: a generator decorated as a coroutine, `yield from` instead of `await`. Only the syntax differs — the timeline is identical to async/await: 1, 3, then 2 and 4 after 2 s.
param-coroutines-delay = delay
    .help = seconds each coroutine sleeps

## await

scenario-await = await: one coroutine after another
mode-await-sequential = await twice
    .note = Awaiting a coroutine is a call, not a task: func waits for the first others() to finish before it starts the second. There is nothing else for the loop to run, so the two sleeps follow each other — 4 s in all, on one lane.
mode-await-tasks = two tasks
    .note = Wrapped in tasks, the two others() run on the loop side by side: both start, both sleep at once, and the whole run takes 2 s instead of 4 s.
param-await-delay = delay
    .help = seconds others() sleeps

## tasks

scenario-tasks = Tasks start when main yields
mode-tasks-tasks = create_task
    .note = create_task only puts the task in the ready queue: main keeps running and prints `main end` first. The tasks start at main's first await, print 1 each, sleep side by side, and finish together after 2 s.
param-tasks-delay = delay
    .help = seconds each task sleeps
param-tasks-count = count
    .help = how many tasks main creates

## wait-timeout

scenario-wait-timeout = asyncio.wait with a timeout
mode-wait-timeout-wait = keep pending
    .note = wait returns at the timeout whether or not the tasks are done. Tasks that finished by then are in done, the rest in pending — and pending tasks are not stopped: they go on sleeping and finish later.
mode-wait-timeout-cancel = cancel pending
    .note = The same wait, but main cancels whatever is still pending at the timeout: those lanes end with a struck cap at the timeout and never print `end`.
param-wait-timeout-durations = durations
    .help = seconds each task sleeps
param-wait-timeout-timeout = timeout
    .help = seconds wait() waits at most

## future

scenario-future = A bare Future and set_result
mode-future-future = set_result
    .note = The future does nothing by itself: main awaits it and sits idle until set_after, another task, sets its result after 2 s. That set_result is what puts main back in the ready queue.
param-future-delay = delay
    .help = seconds before set_result
param-future-value = value
    .help = the result set_after sets

## async-iterator

scenario-async-iterator = An async iterator with async for
mode-async-iterator-async-for = async for
    .note = Each step of `async for` awaits __anext__. With no sleep inside, nothing is ever awaited for real: the loop never gets a turn and the ten numbers print in one poll. Give it a delay and every item becomes a sleep on the timeline.
param-async-iterator-count = count
    .help = the counter stops after this
param-async-iterator-delay = delay
    .help = seconds __anext__ sleeps per item (0: no await)

## async-context

scenario-async-context = async with: enter, body, exit
mode-async-context-ok = body succeeds
    .note = The order is fixed: __aenter__, the body, then __aexit__ — whose cleanup is itself awaited (a 1 s sleep on the timeline) before the line after the block runs.
mode-async-context-error = body raises
    .note = The body raises, yet __aexit__ still runs and is handed the error; its cleanup is awaited to the end before the error reaches main's except.
param-async-context-cleanup = cleanup
    .help = seconds __aexit__ awaits

## event-loop

scenario-event-loop = The event loop: call_soon, call_later, stop
mode-event-loop-call-soon = call_soon + stop
    .note = call_soon only queues a callback: `Loop is being started` prints first, and the handlers run, in the order queued, once run_forever turns the loop. The second handler's stop() ends run_forever. Here the loop drains its ready queue inside one task of the page, as a browser drains its microtasks.
mode-event-loop-call-later = call_soon vs call_later(0)
    .note = Queued first, yet call_later(0) runs last: call_soon callbacks go straight to the ready queue, while a timer — even a zero-second one — is only moved there when the loop next checks its timers. The browser keeps the same split: microtasks before the next setTimeout(0) task.
mode-event-loop-browser = browser queues
    .note = Queued last, call_soon runs first: the loop drains its ready queue before it gives the page back. Then the browser's microtask runs (before any other task), and only then the message and the timer, each a task of its own. On the page the order of those two is the browser's to choose; the prediction charges nominal costs.
    .missing = uses the page's own queues (microtasks, setTimeout(0), MessageChannel), which a Python program cannot reach
param-event-loop-delay = delay
    .help = seconds call_later waits

## run-until-complete

scenario-run-until-complete = run_until_complete and a task's result
mode-run-until-complete-run = run_until_complete
    .note = The loop only runs while run_until_complete is called, and returns when the task is done: the task's 3 s sleep is the whole run. Its return value waits in the task until result() reads it.
param-run-until-complete-seconds = seconds
    .help = seconds the task sleeps

## gather

scenario-gather = gather: the longest, not the sum
mode-gather-gather = gather
    .note = gather starts both coroutines as tasks and waits for all of them: both sleeps run at once, so the program ends when the longest does — 10 s, not 5 + 10.
mode-gather-sequential = sequential
    .note = The synchronous version: each call blocks until its sleep is over, so the second task only starts after the first ends. 5 + 10 = 15 s, and the page is frozen while each sleep lasts.
mode-gather-threads = threads
    .note = The blocking sleeps of the sequential version, each handed to a pool's worker (a Web Worker): they block the workers, not the loop, so they overlap and the program ends with the longest — 10 s again, with the page responsive. With one worker they queue: 15 s.
param-gather-durations = durations
    .help = seconds each task takes
param-gather-workers = workers
    .help = Web Workers in the pool (they sleep, so more than the cores is fine); 0: one per core (at most 4)

## primes

scenario-primes = Primes: CPU-bound work on the loop
mode-primes-sync = sync
    .note = One loop checks the numbers in order — 49 million divisions of Python — in a single poll with no await: the page is frozen until all three are done (a few seconds here, about as long as CPython takes), and 157 waits behind the big number. CPU work takes real time; this scenario runs at 1000 ms per scenario second, so Took prints real seconds.
mode-primes-yield = yield
    .note = Each number is a task that gives the loop a turn every 100,000 divisions: 157 and 427920331 finish within the big number's first turns, and the page stays responsive. The total is no shorter — the same divisions on one thread — and on the real loop longer: many polls, and orange gaps where the page took its turn. Took prints real seconds at the default speed (1000 ms per scenario second).
mode-primes-pool = pool
    .note = Each check is a job for a pool of Web Workers (workers=0: one per core, at most 4): the divisions run on the worker lanes, in parallel, while the tasks only await and the page stays responsive. With two or more big numbers and two or more cores the total drops to about the longest check; the small post and reply spans are the cost of talking to a worker (the first post includes its start-up).
param-primes-numbers = numbers
    .help = whole numbers to test by trial division (kept exact in 64 bits)
param-primes-yield-every = yield every
    .help = divisions between turns given to the loop
param-primes-workers = workers
    .help = Web Workers in the pool; 0: one per core (at most 4)

## loop-impl

scenario-loop-impl = Loop implementations: scheduling a switch
mode-loop-impl-all = all three
    .note = Three lanes, one after another, each the same ping-pong of N switches: microtasks never leave the current task (fastest, but the page cannot paint meanwhile), MessageChannel makes each hop a task of the event loop, and so does setTimeout(0) — but past 5 nested levels the HTML standard clamps it to ≥ 4 ms, a guard against pages spinning on timers. Each lane's span carries its switches per second; the prediction uses nominal costs (0.1 µs, 5 µs, 4 ms), not measurements.
    .missing = uses the page's own queues (microtasks, setTimeout(0), MessageChannel), which a Python program cannot reach
mode-loop-impl-microtask = microtask
    .note = Each hop is a microtask: it runs as soon as the current callback returns, before the browser takes its next task, so the whole ping-pong is one unbroken stretch — fast, and the page cannot paint meanwhile. The timing starts after 200 untimed warm-up hops and this page's clock ticks in 0.1 ms steps, so raise switches (or run twice) for a steadier figure.
    .missing = uses the page's own queues (microtasks, setTimeout(0), MessageChannel), which a Python program cannot reach
mode-loop-impl-timeout = setTimeout(0)
    .note = Each hop is a timer task scheduled from inside a timer: after 5 nested levels the browser clamps the delay to at least 4 ms (the HTML standard's guard against pages spinning the CPU on timers), so 1,000 switches take about 4 s of waiting, and the loop is idle almost throughout.
    .missing = uses the page's own queues (microtasks, setTimeout(0), MessageChannel), which a Python program cannot reach
mode-loop-impl-message = MessageChannel
    .note = Each hop is a message on a MessageChannel: a real task of the event loop, so the page may paint and handle input between hops, yet it is never clamped — the trick schedulers (React's among them) use instead of setTimeout(0).
    .missing = uses the page's own queues (microtasks, setTimeout(0), MessageChannel), which a Python program cannot reach
param-loop-impl-switches = switches
    .help = hops of the ping-pong, for each way

## scale

scenario-scale = Scale: up to 100,000 tasks
mode-scale-async = async
    .note = Every task is created at once, then gathered. Each first takes its turns of the loop (sleep(0): straight to the back of the ready queue), then sleeps; all the sleeps overlap, so the run takes sleeps × sleep seconds whether there are 10 tasks or 100,000. What grows is the loop's work — one poll per task per wake — and the trace. Past a few hundred tasks the lanes no longer fit one canvas: read the summary, the console and the exported trace.
param-scale-tasks = tasks
    .help = tasks created at once and gathered
param-scale-yields = yields
    .help = turns of the loop each task takes first (await asyncio.sleep(0))
param-scale-sleeps = sleeps
    .help = sleeps per task, one after another
param-scale-sleep = sleep
    .help = seconds each sleep lasts

## Checks across a scenario's fields (numbers come formatted)

check-countdown-delays = give one delay per letter: { $letters } letters, { $delays } delays
check-http-latency = give one latency for all URLs, or one per URL: { $urls } URLs, { $latencies } latencies
check-loop-impl-timeout = setTimeout(0) is clamped to ≥ { $clamp } ms a hop: { $switches } switches would take about { $seconds } s; at most { $max } with setTimeout (the other modes allow more)
check-primes-prime = { $n } is prime
check-primes-factor = the smallest factor of { $n } is { $p }
check-primes-divisions = item { $at }: { $why }, so trial division would take { $divisions } divisions (about { $seconds } s); at most { $max } per number
check-primes-sync = sync holds the page for every division: { $divisions } in all, about { $seconds } s frozen; at most { $max } (≈ { $max_seconds } s)
check-primes-yields = { $turns } turns in all ({ $divisions } divisions, one turn every { $every }); at most { $max }: raise it or lower the numbers
check-freeze = this run would freeze the page for { $real } s ({ $blocked } s of blocking at { $speed } ms/s); lower the speed or the durations to stay under { $max } s
