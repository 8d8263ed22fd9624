//! The event loop: one executor, two clocks.
//!
//! Shaped like asyncio's own loop rather than like `wasm_bindgen_futures::spawn_local`: it owns the
//! ready queue and the timer heap, runs every ready task of an iteration inside one turn, checks due
//! timers once per iteration, and tells its driver when it is idle and until when. The virtual
//! driver then jumps the clock to the next deadline; the browser driver parks on one real timer.
//! Because the queue and timers are ours, the trace can show exactly when a task became ready and
//! when the loop got to it.
//!
//! Every poll is measured (tokio-console style): one timestamp per poll, the end of one poll being
//! the start of the next, so instrumentation stays cheap.

use std::cell::RefCell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Wake, Waker};

use super::clock::Clock;
use super::trace::{
    EndReason, Event, Kind, LaneKind, Outcome, RunMeta, TaskId, TaskInfo, Trace, TraceChunk,
};

/// A task's body as the executor stores it: it ends with its outcome (done, failed with a
/// message, or cancelled — a Python task that let `CancelledError` out ends cancelled).
pub type TaskFuture = Pin<Box<dyn Future<Output = Outcome>>>;

/// What the driver should do after a batch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Status {
    /// The main task ended (or the run was stopped): the trace is complete.
    Finished,
    /// Tasks are still ready but the batch's time budget is spent: give the page a turn, then go on.
    Busy,
    /// Nothing is ready. Wake again at the next timer deadline, or when I/O completes.
    Idle {
        /// The earliest timer, in real microseconds, if any.
        next_deadline_us: Option<f64>,
        /// Operations outside the loop (fetches, worker jobs) that will wake a task.
        io_pending: usize,
    },
}

/// Wakes arrive here from wakers, which must be `Send + Sync`; the executor moves them to its ready
/// queue, stamping the time, at its next step.
#[derive(Default)]
struct WakeQueue {
    incoming: Mutex<Vec<TaskId>>,
    driver: Mutex<Option<Waker>>,
}

impl WakeQueue {
    fn push(&self, id: TaskId) {
        self.incoming
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(id);
        let driver = self
            .driver
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(driver) = driver {
            driver.wake();
        }
    }

    fn take(&self) -> Vec<TaskId> {
        std::mem::take(&mut *self.incoming.lock().unwrap_or_else(PoisonError::into_inner))
    }

    fn is_empty(&self) -> bool {
        self.incoming
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_empty()
    }
}

struct TaskWaker {
    id: TaskId,
    queue: Arc<WakeQueue>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.queue.push(self.id);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.queue.push(self.id);
    }
}

struct Slot {
    future: Option<TaskFuture>,
    waker: Waker,
    scheduled: bool,
    done: bool,
    on_cancel: Option<Box<dyn FnOnce()>>,
}

/// A timer in the heap: ordered by deadline, then by registration (as asyncio orders equal deadlines).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct TimerKey {
    /// `f64::to_bits` of a non-negative deadline orders exactly like the number.
    deadline_bits: u64,
    seq: u64,
    task: TaskId,
}

struct State {
    tasks: Vec<Slot>,
    ready: VecDeque<(TaskId, f64)>,
    timers: BinaryHeap<Reverse<TimerKey>>,
    live_timers: HashSet<u64>,
    next_seq: u64,
    trace: Trace,
    current: Option<TaskId>,
    io_pending: usize,
    finished: bool,
    polls: u64,
    /// Spans still in progress (a sleep not yet over), by key, shown growing in live snapshots.
    /// A map, not a list: with 100,000 tasks asleep at once, finding and removing one span by
    /// searching and shifting a list made a run quadratic (51 s for 100,000 sleeps, debug build).
    /// Keys grow, so its order is the order the spans opened in.
    open: std::collections::BTreeMap<u64, Event>,
    /// What each blocked task waits on: a resource's name and the task holding it (a lock).
    waits: std::collections::HashMap<TaskId, (String, Option<TaskId>)>,
    /// Events stamped later than the clock when recorded (a modelled worker's printed lines),
    /// held back until the clock reaches them so the trace stays in time order.
    deferred: Vec<Event>,
    /// Events handed off by [`Executor::take_chunk`]: the trace's events start after them.
    handed: usize,
}

/// The loop of one run. Shared as `Rc<Executor>` by the driver and the scenario's [`Lab`] handle.
///
/// [`Lab`]: super::lab::Lab
pub struct Executor {
    clock: Rc<dyn Clock>,
    wake: Arc<WakeQueue>,
    state: RefCell<State>,
    /// The source line an interpreter is running (see [`Executor::set_line`]).
    line: std::cell::Cell<Option<u32>>,
    /// When the loop last got its thread back from its host (see [`Executor::set_held_since`]).
    held_since: std::cell::Cell<f64>,
    /// What a poll costs on the virtual clock (see [`Executor::charge_polls`]).
    poll_cost_us: std::cell::Cell<f64>,
    /// The busy stretch being charged: when its last poll ended, what it owes, and whether it
    /// has passed [`LOOP_FREE_US`] (from then on every poll pays as it goes).
    stretch: std::cell::Cell<Stretch>,
}

/// A busy stretch of the loop on the virtual clock: polls one after another with no wait between.
#[derive(Clone, Copy, Default)]
struct Stretch {
    last_end_us: f64,
    owed_us: f64,
    paying: bool,
}

/// The loop's own work a prediction lets pass free in one busy stretch, real µs: a tutorial's
/// handful of polls costs microseconds, which would only blur its exact seconds; 10,000 tasks
/// woken together cost tens of milliseconds, which the measured run shows.
pub const LOOP_FREE_US: f64 = 1000.0;

impl Executor {
    /// A loop with no tasks yet, reading `clock`, recording into a trace described by `meta`.
    pub fn new(clock: Rc<dyn Clock>, meta: RunMeta) -> Rc<Self> {
        Rc::new(Executor {
            clock,
            wake: Arc::default(),
            line: std::cell::Cell::new(None),
            held_since: std::cell::Cell::new(f64::INFINITY),
            poll_cost_us: std::cell::Cell::new(0.0),
            stretch: std::cell::Cell::new(Stretch::default()),
            state: RefCell::new(State {
                tasks: Vec::new(),
                ready: VecDeque::new(),
                timers: BinaryHeap::new(),
                live_timers: HashSet::new(),
                next_seq: 0,
                trace: Trace::new(meta),
                current: None,
                io_pending: 0,
                finished: false,
                polls: 0,
                open: std::collections::BTreeMap::new(),
                waits: std::collections::HashMap::new(),
                deferred: Vec::new(),
                handed: 0,
            }),
        })
    }

    /// On a virtual clock, charges `us_per_poll` real µs for each poll: the loop's own work
    /// (waking a task, resuming its coroutine, recording the poll), which a real loop spends
    /// and a virtual one does not. A busy stretch pays nothing until what it owes passes
    /// [`LOOP_FREE_US`]; then the poll that passes it pays the stretch so far, and each later
    /// poll of the stretch pays its own. The page measures the cost where it runs
    /// (`awaitlab_python::calibrate`). A real clock ignores it: it measures.
    pub fn charge_polls(&self, us_per_poll: f64) {
        self.poll_cost_us.set(us_per_poll.max(0.0));
    }

    /// Charges one poll that began at `start` and ended at `end` (see
    /// [`Executor::charge_polls`]); returns when it ends with its cost.
    fn charge_poll(&self, start: f64, end: f64) -> f64 {
        let cost = self.poll_cost_us.get();
        if cost <= 0.0 || !self.clock.is_virtual() {
            return end;
        }
        let mut stretch = self.stretch.get();
        if start > stretch.last_end_us {
            // The loop waited (the clock moved on with no poll running): a new stretch.
            stretch = Stretch::default();
        }
        stretch.owed_us += cost;
        let mut end = end;
        if stretch.paying || stretch.owed_us >= LOOP_FREE_US {
            self.clock.block_until(end + stretch.owed_us);
            end = self.now_us();
            stretch.owed_us = 0.0;
            stretch.paying = true;
        }
        stretch.last_end_us = end;
        self.stretch.set(stretch);
        end
    }

    /// The clock's time.
    pub fn now_us(&self) -> f64 {
        self.clock.now_us()
    }

    /// The clock, for operations that hold the thread.
    pub fn clock(&self) -> &dyn Clock {
        &*self.clock
    }

    /// Real microseconds per scenario second.
    pub fn us_per_s(&self) -> f64 {
        self.state.borrow().trace.meta.us_per_s()
    }

    /// The task being polled; outside a poll, the main task.
    pub fn current(&self) -> TaskId {
        self.state.borrow().current.unwrap_or(0)
    }

    /// Polls so far (a guard against scenarios that never end).
    pub fn polls(&self) -> u64 {
        self.state.borrow().polls
    }

    /// Whether the run has ended.
    pub fn is_finished(&self) -> bool {
        self.state.borrow().finished
    }

    /// Reads the trace as it stands (also while the run is in progress).
    pub fn with_trace<R>(&self, f: impl FnOnce(&Trace) -> R) -> R {
        f(&self.state.borrow().trace)
    }

    /// A copy of the trace as it stands.
    pub fn trace(&self) -> Trace {
        self.state.borrow().trace.clone()
    }

    /// The trace of a run that has ended, taken out of the loop without a copy (a live run's
    /// trace is the page's largest allocation; wasm memory never shrinks, so a copy made at the
    /// end, while the views' copies are still held, raised what a run costs by a whole trace).
    /// The loop keeps its lanes and totals but no events. While the run goes on, it is a copy.
    /// Events handed off to a feed ([`Executor::take_chunk`]) are the feed's, not in it.
    pub fn take_trace(&self) -> Trace {
        let mut st = self.state.borrow_mut();
        if !st.finished {
            return st.trace.clone();
        }
        let mut events = std::mem::take(&mut st.trace.events);
        // Shrunk in place: the room the list grew into is given back for what comes next.
        events.shrink_to_fit();
        let mut trace = st.trace.clone();
        trace.events = events;
        trace
    }

    /// A copy of the trace as it stands, with what is still in progress drawn up to now: open
    /// spans (a sleep under way) and tasks waiting in the ready queue. It copies every event: views
    /// of a live run take [`Executor::chunk_since`] instead.
    pub fn snapshot(&self) -> Trace {
        let mut trace = self.trace();
        let chunk = self.chunk_since(trace.events.len());
        trace.events.extend(chunk.open);
        trace
    }

    /// What was recorded after the first `from` events, and what is still in progress drawn up
    /// to now (open spans, tasks waiting in the ready queue): a live view's next step, costing
    /// the new events only (see [`TraceFeed`](super::trace::TraceFeed)). Events already handed
    /// off ([`Executor::take_chunk`]) are not there to give: the chunk then starts after them.
    pub fn chunk_since(&self, from: usize) -> TraceChunk {
        let st = self.state.borrow();
        let from = from.clamp(st.handed, st.handed + st.trace.events.len());
        let events = st.trace.events[from - st.handed..].to_vec();
        self.chunk_of(&st, from, events)
    }

    /// Like [`Executor::chunk_since`] the events not handed off yet, moved out of the loop
    /// rather than copied: the loop no longer holds them, so a live run's trace is held once, by
    /// the feed that views read ([`TraceFeed`](super::trace::TraceFeed)), not also by the loop.
    /// Once a chunk is taken, [`Executor::trace`] and [`Executor::take_trace`] hold only the
    /// events recorded since: the feed has the whole trace.
    pub fn take_chunk(&self) -> TraceChunk {
        let mut st = self.state.borrow_mut();
        let from = st.handed;
        // The list itself, not a copy: a loop that ran long between two chunks (or a run that
        // held the page to its end) hands over what it grew, and starts a small one again.
        let events = std::mem::take(&mut st.trace.events);
        st.handed += events.len();
        self.chunk_of(&st, from, events)
    }

    fn chunk_of(&self, st: &State, from: usize, events: Vec<Event>) -> TraceChunk {
        let now = self.now_us();
        let mut open = Vec::with_capacity(st.open.len() + st.ready.len());
        for e in st.open.values() {
            let mut e = e.clone();
            e.dur_us = (now - e.start_us).max(0.0);
            open.push(e);
        }
        for &(task, woken_us) in &st.ready {
            open.push(span(task, Kind::Ready, "ready", woken_us, now));
        }
        TraceChunk {
            from,
            events,
            open,
            tasks: st.trace.tasks.clone(),
            total_us: st.trace.total_us,
            early_end: st.trace.early_end.clone(),
        }
    }

    /// Starts a span that views show growing until [`Executor::close_span`] ends it.
    pub fn open_span(&self, mut event: Event) -> u64 {
        if event.line.is_none() {
            event.line = self.line.get();
        }
        let mut st = self.state.borrow_mut();
        let key = st.next_seq;
        st.next_seq += 1;
        st.open.insert(key, event);
        key
    }

    /// Ends an open span (the caller records the finished event) and gives the source line it
    /// was opened at, for the finished event.
    pub fn close_span(&self, key: u64) -> Option<u32> {
        let mut st = self.state.borrow_mut();
        st.open.remove(&key)?.line
    }

    /// Appends an event to the trace, stamped with the current source line unless it has one.
    pub fn record(&self, mut event: Event) {
        if event.line.is_none() {
            event.line = self.line.get();
        }
        self.state.borrow_mut().trace.events.push(event);
    }

    /// The program line being run, as an interpreter reports it (`None` outside a program).
    pub fn line(&self) -> Option<u32> {
        self.line.get()
    }

    /// Sets the program line being run: events recorded from now on name it.
    pub fn set_line(&self, line: Option<u32>) {
        self.line.set(line);
    }

    /// Adds a task: it becomes ready now. `on_cancel` runs if the task is cancelled before it ends
    /// (it lets a join handle learn the outcome).
    pub fn spawn_raw(
        &self,
        name: &str,
        future: TaskFuture,
        on_cancel: Box<dyn FnOnce()>,
    ) -> TaskId {
        let now = self.now_us();
        let mut st = self.state.borrow_mut();
        let id = st.tasks.len();
        let waker = Waker::from(Arc::new(TaskWaker {
            id,
            queue: self.wake.clone(),
        }));
        let done = st.finished;
        st.tasks.push(Slot {
            future: Some(future),
            waker,
            scheduled: true,
            done,
            on_cancel: Some(on_cancel),
        });
        st.trace.tasks.push(TaskInfo {
            name: name.to_string(),
            spawned_us: now,
            ended_us: None,
            outcome: None,
            lane: LaneKind::Task,
        });
        st.ready.push_back((id, now));
        id
    }

    /// Adds a lane that is not a task (a pool's worker): it is never polled and never ends on its
    /// own; the run's end closes it. Returns its lane.
    pub fn add_worker_lane(&self, name: &str) -> TaskId {
        let now = self.now_us();
        let mut st = self.state.borrow_mut();
        let id = st.tasks.len();
        let waker = Waker::from(Arc::new(TaskWaker {
            id,
            queue: self.wake.clone(),
        }));
        st.tasks.push(Slot {
            future: None,
            waker,
            scheduled: false,
            done: true,
            on_cancel: None,
        });
        st.trace.tasks.push(TaskInfo {
            name: name.to_string(),
            spawned_us: now,
            ended_us: None,
            outcome: None,
            lane: LaneKind::Worker,
        });
        id
    }

    /// Records `event` once the clock reaches its start (at once if it already has): for what a
    /// model knows ahead of time, such as the lines a modelled worker prints while its job runs.
    /// Held-back events still in the future when the run ends are dropped.
    pub fn record_at(&self, event: Event) {
        let mut st = self.state.borrow_mut();
        if event.start_us <= self.clock.now_us() {
            st.trace.events.push(event);
        } else {
            let at = st
                .deferred
                .partition_point(|e| e.start_us <= event.start_us);
            st.deferred.insert(at, event);
        }
    }

    /// Moves held-back events that are due into the trace, in time order.
    fn flush_deferred(&self, now: f64) {
        let mut st = self.state.borrow_mut();
        if st.deferred.is_empty() {
            return;
        }
        let due = st.deferred.partition_point(|e| e.start_us <= now);
        let events: Vec<Event> = st.deferred.drain(..due).collect();
        st.trace.events.extend(events);
    }

    /// Registers a timer that makes `task` ready at `deadline_us`; returns its key for removal.
    pub fn add_timer(&self, deadline_us: f64, task: TaskId) -> u64 {
        let mut st = self.state.borrow_mut();
        let seq = st.next_seq;
        st.next_seq += 1;
        st.timers.push(Reverse(TimerKey {
            deadline_bits: deadline_us.max(0.0).to_bits(),
            seq,
            task,
        }));
        st.live_timers.insert(seq);
        seq
    }

    /// Forgets a timer (its future was dropped or completed).
    pub fn remove_timer(&self, seq: u64) {
        self.state.borrow_mut().live_timers.remove(&seq);
    }

    /// Operations outside the loop still in flight (see [`Executor::io_begin`]).
    pub fn io_pending(&self) -> usize {
        self.state.borrow().io_pending
    }

    /// Counts an operation outside the loop that will wake a task later (a fetch, a worker job).
    pub fn io_begin(&self) {
        self.state.borrow_mut().io_pending += 1;
    }

    /// The operation counted by [`Executor::io_begin`] completed.
    pub fn io_end(&self) {
        let mut st = self.state.borrow_mut();
        st.io_pending = st.io_pending.saturating_sub(1);
    }

    /// The earliest live timer.
    pub fn next_deadline_us(&self) -> Option<f64> {
        let mut st = self.state.borrow_mut();
        while let Some(Reverse(key)) = st.timers.peek().copied() {
            if st.live_timers.contains(&key.seq) {
                return Some(f64::from_bits(key.deadline_bits));
            }
            st.timers.pop();
        }
        None
    }

    /// Notes that the host (the page) gave the loop its thread at `us` on the run's clock: a
    /// driver calls it at the start of each stretch of batches, so that code which blocks can
    /// tell how long the page has been frozen across polls, not only in its own.
    pub fn set_held_since(&self, us: f64) {
        self.held_since.set(us);
    }

    /// When the current stretch of batches began (`+∞` if no driver says: a virtual run).
    pub fn held_since_us(&self) -> f64 {
        self.held_since.get()
    }

    /// Lets the browser driver sleep until a wake arrives from outside the loop.
    pub fn set_driver_waker(&self, waker: Waker) {
        *self
            .wake
            .driver
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(waker);
    }

    /// How many tasks wait in the ready queue for their turn.
    pub fn ready_len(&self) -> usize {
        self.state.borrow().ready.len()
    }

    /// Whether a wake is waiting to be collected.
    pub fn has_wakes(&self) -> bool {
        !self.wake.is_empty()
    }

    /// Runs loop iterations until nothing is ready, the main task ends, or the budget is spent:
    /// `budget_us` of clock time or `budget_polls` polls, checked between polls (a blocking task
    /// overruns it, as it should).
    pub fn run_batch(&self, budget_us: f64, budget_polls: u64) -> Status {
        if self.is_finished() {
            return Status::Finished;
        }
        let start = self.now_us();
        let mut now = start;
        let mut polls = 0u64;
        loop {
            self.fire_due_timers(now);
            self.collect_wakes(now);
            let todo = self.state.borrow().ready.len();
            if todo == 0 {
                let io_pending = self.state.borrow().io_pending;
                return Status::Idle {
                    next_deadline_us: self.next_deadline_us(),
                    io_pending,
                };
            }
            for _ in 0..todo {
                let next = self.state.borrow_mut().ready.pop_front();
                let Some((id, woken_us)) = next else { break };
                now = self.poll_task(id, woken_us, now);
                if self.is_finished() {
                    return Status::Finished;
                }
                polls += 1;
                if now - start >= budget_us || polls >= budget_polls {
                    return Status::Busy;
                }
            }
        }
    }

    /// Moves timers that are due into the ready queue. A task woken by a timer counts as ready
    /// from the deadline on: if the loop was blocked past it, that wait shows as `ready` time.
    fn fire_due_timers(&self, now: f64) {
        self.flush_deferred(now);
        let mut st = self.state.borrow_mut();
        while let Some(Reverse(key)) = st.timers.peek().copied() {
            let deadline = f64::from_bits(key.deadline_bits);
            if deadline > now {
                break;
            }
            st.timers.pop();
            if !st.live_timers.remove(&key.seq) {
                continue;
            }
            let slot = &mut st.tasks[key.task];
            if !slot.done && !slot.scheduled {
                slot.scheduled = true;
                st.ready.push_back((key.task, deadline));
            }
        }
    }

    fn collect_wakes(&self, now: f64) {
        let woken = self.wake.take();
        if woken.is_empty() {
            return;
        }
        let mut st = self.state.borrow_mut();
        for id in woken {
            let slot = &mut st.tasks[id];
            if !slot.done && !slot.scheduled {
                slot.scheduled = true;
                st.ready.push_back((id, now));
            }
        }
    }

    /// Polls one task and records the poll; returns the time it ended.
    fn poll_task(&self, id: TaskId, woken_us: f64, now: f64) -> f64 {
        let (future, waker) = {
            let mut st = self.state.borrow_mut();
            let slot = &mut st.tasks[id];
            slot.scheduled = false;
            if slot.done {
                return now;
            }
            let taken = (slot.future.take(), slot.waker.clone());
            if now > woken_us {
                st.trace
                    .events
                    .push(span(id, Kind::Ready, "ready", woken_us, now));
            }
            st.current = Some(id);
            st.polls += 1;
            taken
        };
        let Some(mut future) = future else {
            return now;
        };
        let result = future.as_mut().poll(&mut Context::from_waker(&waker));
        let end = self.charge_poll(now, self.now_us());
        let mut leftover = None;
        {
            let mut st = self.state.borrow_mut();
            st.current = None;
            let mut poll = span(id, Kind::Run, "poll", now, end);
            // An interpreted task's poll ends where it awaited (or returned).
            poll.line = self.line.get();
            st.trace.events.push(poll);
            match result {
                Poll::Pending if !st.tasks[id].done => st.tasks[id].future = Some(future),
                // Cancelled during its own poll: drop it below, outside the borrow.
                Poll::Pending => leftover = Some(future),
                Poll::Ready(outcome) => {
                    end_task(&mut st, id, outcome, end);
                    leftover = Some(future);
                }
            }
        }
        drop(leftover);
        if id == 0 && self.state.borrow().tasks[0].done {
            self.finish(None);
        }
        self.collect_wakes(end);
        end
    }

    /// Cancels a task: its future is dropped (which cancels its timers) and joiners learn it.
    pub fn cancel(&self, id: TaskId) {
        let now = self.now_us();
        let (future, on_cancel) = {
            let mut st = self.state.borrow_mut();
            let Some(slot) = st.tasks.get_mut(id) else {
                return;
            };
            if slot.done {
                return;
            }
            let taken = (slot.future.take(), slot.on_cancel.take());
            end_task(&mut st, id, Outcome::Cancelled, now);
            taken
        };
        drop(future);
        if let Some(on_cancel) = on_cancel {
            on_cancel();
        }
        if id == 0 {
            self.finish(None);
        }
    }

    /// Ends the run: cancels every task still alive and stamps the total. `early` says why, when
    /// the run did not end by its main task returning (Stop, a deadlock, a runaway scenario).
    pub fn finish(&self, early: Option<EndReason>) {
        if self.is_finished() {
            return;
        }
        let now = self.now_us();
        self.flush_deferred(now);
        {
            let mut st = self.state.borrow_mut();
            st.deferred.clear();
            st.finished = true;
            st.trace.total_us = Some(now);
            for lane in st
                .trace
                .tasks
                .iter_mut()
                .filter(|t| t.lane == LaneKind::Worker)
            {
                lane.ended_us.get_or_insert(now);
            }
            if early.is_some() {
                st.trace.early_end = early;
            }
        }
        let alive: Vec<TaskId> = {
            let st = self.state.borrow();
            (0..st.tasks.len()).filter(|&i| !st.tasks[i].done).collect()
        };
        for id in alive {
            self.cancel(id);
        }
        {
            let mut st = self.state.borrow_mut();
            st.ready.clear();
            st.timers.clear();
            st.live_timers.clear();
        }
        // A parked driver must notice the end (Stop pressed while every task sleeps).
        let driver = self
            .wake
            .driver
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(driver) = driver {
            driver.wake();
        }
    }

    /// Notes that `task` waits for `resource` (held by `holder`), or no longer waits (`None`). A
    /// stall message then names who waits for what, and the cycle if there is one.
    pub fn set_waiting_on(&self, task: TaskId, wait: Option<(String, Option<TaskId>)>) {
        let mut st = self.state.borrow_mut();
        match wait {
            Some(w) => st.waits.insert(task, w),
            None => st.waits.remove(&task),
        };
    }

    /// Why a run with nothing ready, no timer and no I/O cannot go on: it names the tasks left
    /// waiting, and when they wait on each other's locks, the cycle (a deadlock).
    pub fn stall(&self) -> EndReason {
        let st = self.state.borrow();
        let name = |id: TaskId| st.trace.tasks.get(id).map_or("?", |t| t.name.as_str());
        let waiting: Vec<TaskId> = (0..st.tasks.len()).filter(|&i| !st.tasks[i].done).collect();
        // Follow "waits for a lock held by" from each waiting task until a task repeats.
        for &first in &waiting {
            let mut chain = vec![first];
            let mut at = first;
            while let Some((_, Some(holder))) = st.waits.get(&at) {
                if let Some(pos) = chain.iter().position(|&t| t == *holder) {
                    let cycle: Vec<String> = chain[pos..]
                        .iter()
                        .map(|&t| {
                            let (res, holder) = &st.waits[&t];
                            let held_by = holder.map_or("nobody", name);
                            format!("{} waits for {res} (held by {held_by})", name(t))
                        })
                        .collect();
                    return EndReason::Deadlock(format!("deadlock: {}", cycle.join("; ")));
                }
                chain.push(*holder);
                at = *holder;
            }
        }
        let names: Vec<&str> = waiting.iter().map(|&t| name(t)).collect();
        EndReason::Stalled(format!(
            "stalled: {} still waiting, and nothing (no timer, no I/O) is left to wake them",
            names.join(", ")
        ))
    }
}

fn span(task: TaskId, kind: Kind, label: &str, start_us: f64, end_us: f64) -> Event {
    Event {
        task,
        kind,
        label: label.into(),
        start_us,
        dur_us: (end_us - start_us).max(0.0),
        value: None,
        error: None,
        line: None,
    }
}

fn end_task(st: &mut State, id: TaskId, outcome: Outcome, now: f64) {
    st.tasks[id].done = true;
    st.tasks[id].scheduled = false;
    let info = &mut st.trace.tasks[id];
    info.ended_us = Some(now);
    let label = outcome.label();
    info.outcome = Some(outcome);
    st.trace.events.push(Event {
        task: id,
        kind: Kind::End,
        label: label.into(),
        start_us: now,
        dur_us: 0.0,
        value: None,
        error: None,
        line: None,
    });
}
