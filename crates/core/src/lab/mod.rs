//! The runtime API scenarios are written against: spawn, sleep, yield, blocking sleep, CPU work,
//! print, gather, wait with a timeout, cancellation. It records every operation into the trace, and
//! knows nothing of which clock drives it.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use thiserror::Error;

pub mod lock;
pub mod ping_pong;
pub mod pool;

use crate::backend::io::{FetchFuture, FetchOk, Io, IoError};
use crate::backend::Backends;
use crate::executor::Executor;
use crate::format::fmt_s;
use crate::trace::{Event, Kind, Outcome, TaskId};

/// Why awaiting a task gave no value.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum LabError {
    /// The task was cancelled.
    #[error("cancelled")]
    Cancelled,
    /// The task failed with this message.
    #[error("{0}")]
    Failed(String),
}

/// What a scenario's task returns.
pub type LabResult<T = ()> = Result<T, LabError>;

/// The handle a scenario uses to reach its loop. Cheap to clone.
#[derive(Clone)]
pub struct Lab {
    exec: Rc<Executor>,
    backends: Rc<Backends>,
}

impl Lab {
    /// A handle on `exec` whose requests, host scheduling and pools go to `backends`.
    pub fn new(exec: Rc<Executor>, backends: Backends) -> Self {
        Lab {
            exec,
            backends: Rc::new(backends),
        }
    }

    /// A handle on `exec` with the prediction's backends (see [`Backends::predicted`]).
    pub fn predicted(exec: Rc<Executor>) -> Self {
        Lab::new(exec, Backends::predicted())
    }

    /// The run's backends.
    pub fn backends(&self) -> &Backends {
        &self.backends
    }

    /// A handle on the same loop whose requests go to `io` instead (a simulated network beside
    /// the real one).
    pub fn with_io(&self, io: Rc<dyn Io>) -> Lab {
        Lab {
            exec: self.exec.clone(),
            backends: Rc::new(Backends {
                io,
                ..(*self.backends).clone()
            }),
        }
    }

    /// The loop behind this handle.
    pub fn executor(&self) -> &Rc<Executor> {
        &self.exec
    }

    /// Scenario seconds since the run began.
    pub fn now_s(&self) -> f64 {
        self.exec.now_us() / self.exec.us_per_s()
    }

    /// Real microseconds for `s` scenario seconds, rounded to whole microseconds so that virtual
    /// deadlines add up exactly (0.8 + 0.8 + 0.8 is 2.4 here, not 2.4000000000000004).
    pub fn s_to_us(&self, s: f64) -> f64 {
        (s * self.exec.us_per_s()).round()
    }

    /// Starts `future` as a task named `name` (`asyncio.create_task`). It first runs when the loop
    /// next gets to it, not now.
    pub fn spawn<T: 'static>(
        &self,
        name: &str,
        future: impl Future<Output = LabResult<T>> + 'static,
    ) -> JoinHandle<T> {
        let cell: Rc<JoinCell<T>> = Rc::default();
        let on_end = cell.clone();
        let body = async move {
            let result = future.await;
            let outcome = match &result {
                Ok(_) => Outcome::Done,
                Err(LabError::Cancelled) => Outcome::Cancelled,
                Err(e) => Outcome::Failed(e.to_string()),
            };
            on_end.complete(result);
            outcome
        };
        let on_cancel = cell.clone();
        let id = self.exec.spawn_raw(
            name,
            Box::pin(body),
            Box::new(move || on_cancel.complete(Err(LabError::Cancelled))),
        );
        JoinHandle {
            cell,
            id,
            exec: self.exec.clone(),
        }
    }

    /// Non-blocking sleep (`await asyncio.sleep(s)`): the task gives the loop back until a timer
    /// fires.
    pub fn sleep(&self, s: f64) -> Sleep {
        Sleep {
            exec: self.exec.clone(),
            label: format!("sleep({})", fmt_s(s)),
            dur_us: self.s_to_us(s),
            armed: None,
            kind: Kind::Sleep,
        }
    }

    /// Gives the loop one turn (`await asyncio.sleep(0)`): the task goes to the back of the ready
    /// queue.
    pub fn yield_now(&self) -> YieldNow {
        YieldNow { yielded: false }
    }

    /// Blocking sleep (`time.sleep(s)`): holds the thread, so nothing else on this loop runs, and on
    /// the page's own thread the page freezes too. That is the lesson.
    pub fn block(&self, s: f64) {
        let start = self.exec.now_us();
        let end = start + self.s_to_us(s);
        let label = format!("time.sleep({})", fmt_s(s));
        // Open while it holds the thread: a loop in a worker posts snapshots meanwhile, and the
        // page draws the span growing.
        let open = self.exec.open_span(Event {
            task: self.exec.current(),
            kind: Kind::Block,
            label: label.as_str().into(),
            start_us: start,
            dur_us: 0.0,
            value: None,
            error: None,
            line: None,
        });
        self.exec.clock().block_until(end);
        self.exec.close_span(open);
        self.record(Kind::Block, label, start, None);
    }

    /// Real CPU work: counts to `n` one step at a time, as the tutorial's loop does.
    pub fn count(&self, n: u64) -> u64 {
        let start = self.exec.now_us();
        let mut total = 0u64;
        for _ in 0..n {
            total = std::hint::black_box(total + 1);
        }
        self.record(
            Kind::Compute,
            format!("count to {n}"),
            start,
            Some(n as f64),
        );
        total
    }

    /// CPU work that takes real time, recorded as one `compute` span labelled `label` whose value
    /// is the number of steps it took. Both closures return the result and that step count.
    ///
    /// On a real clock `work` runs: it holds the thread for as long as it takes (nothing else on
    /// the loop runs, and on the page's own thread the page freezes), and the span is as long as
    /// it really was. On a virtual clock `model` runs instead — it must give the same result and
    /// step count without doing the work — and the clock advances by the cost model, steps ×
    /// `ns_per_step` real nanoseconds. CPU time is real time: the run's speed only converts it to
    /// scenario seconds for the axis, it does not scale it.
    pub fn compute<T>(
        &self,
        label: impl Into<String>,
        ns_per_step: f64,
        work: impl FnOnce() -> (T, u64),
        model: impl FnOnce() -> (T, u64),
    ) -> T {
        let start = self.exec.now_us();
        let clock = self.exec.clock();
        let (result, steps) = if clock.is_virtual() {
            let (result, steps) = model();
            clock.block_until(start + steps as f64 * ns_per_step / 1000.0);
            (result, steps)
        } else {
            work()
        };
        self.record(Kind::Compute, label.into(), start, Some(steps as f64));
        result
    }

    /// A console line, stamped with the current time on the current task's lane.
    pub fn print(&self, text: impl Into<String>) {
        self.print_valued(text, None);
    }

    /// [`Lab::print`] with a value: for a program's print, how many instructions its poll had
    /// run by then (the steps axis places the line by the work done before it).
    pub fn print_valued(&self, text: impl Into<String>, value: Option<f64>) {
        let now = self.exec.now_us();
        self.exec.record(Event {
            task: self.exec.current(),
            kind: Kind::Print,
            label: text.into().into(),
            start_us: now,
            dur_us: 0.0,
            value,
            error: None,
            line: None,
        });
    }

    /// A scenario-level span (`item`, with a value) that ends when the guard is dropped.
    pub fn span(&self, label: &str, value: Option<f64>) -> SpanGuard {
        SpanGuard {
            lab: self.clone(),
            task: self.exec.current(),
            label: label.to_string(),
            start_us: self.exec.now_us(),
            value,
        }
    }

    /// Every handle's result, in order, once all have ended (`asyncio.gather`): it ends when the
    /// slowest does, and the waiting task is woken then, not at each end (see [`AfterAll`]).
    pub fn gather<T: 'static>(&self, handles: Vec<JoinHandle<T>>) -> Gather<T> {
        Gather {
            handles,
            after: None,
        }
    }

    /// Waits until every task in `handles` has ended or `timeout_s` has passed (`asyncio.wait`
    /// with a timeout). Returns the indices of the tasks done and of those still pending; the
    /// pending ones keep running unless the caller cancels them.
    pub fn wait<'a, T: 'static>(
        &self,
        handles: &'a [JoinHandle<T>],
        timeout_s: Option<f64>,
    ) -> Wait<'a, T> {
        Wait {
            handles,
            timeout: timeout_s.map(|s| self.sleep(s)),
            after: None,
        }
    }

    /// A non-blocking HTTP `GET` (`await session.get(url)` with aiohttp): first a non-blocking
    /// wait of `added_latency_s` (so the lesson shows even on localhost), then the request through
    /// the loop's [`Io`](super::backend::io::Io). The task gives the loop back throughout. One `io` span,
    /// labelled `GET <url> (+300 ms added)`, covers both; a failed request sets its `error`, and a
    /// fetch dropped early (the task cancelled, Stop) aborts the request and is recorded as cut
    /// short.
    pub fn fetch(&self, url: &str, added_latency_s: f64) -> Fetch {
        Fetch {
            exec: self.exec.clone(),
            io: self.backends.io.clone(),
            url: url.to_string(),
            label: fetch_label(url, added_latency_s),
            latency_us: self.s_to_us(added_latency_s.max(0.0)),
            state: FetchState::New,
            started: None,
        }
    }

    /// A blocking HTTP `GET` (`requests.get(url)`): busy-waits `added_latency_s`, then makes the
    /// request synchronously. The thread is held throughout, so it records a `block` span (the
    /// page froze) and an `io` span over the same interval, both carrying the error if it failed.
    pub fn fetch_blocking(&self, url: &str, added_latency_s: f64) -> Result<FetchOk, IoError> {
        let start = self.exec.now_us();
        let task = self.exec.current();
        let label = fetch_label(url, added_latency_s);
        self.exec
            .clock()
            .block_until(start + self.s_to_us(added_latency_s.max(0.0)));
        let io = self.backends.io.clone();
        let result = io.fetch_blocking(url);
        let end = self.exec.now_us();
        let error = result.as_ref().err().map(ToString::to_string);
        for (kind, label) in [
            (Kind::Block, format!("blocking {label}")),
            (Kind::Io, label),
        ] {
            self.exec.record(Event {
                task,
                kind,
                label: label.into(),
                start_us: start,
                dur_us: (end - start).max(0.0),
                value: None,
                error: error.clone(),
                line: None,
            });
        }
        result
    }

    fn record(&self, kind: Kind, label: String, start_us: f64, value: Option<f64>) {
        let now = self.exec.now_us();
        self.exec.record(Event {
            task: self.exec.current(),
            kind,
            label: label.into(),
            start_us,
            dur_us: (now - start_us).max(0.0),
            value,
            error: None,
            line: None,
        });
    }
}

/// `GET data/a.json (+300 ms added)`.
fn fetch_label(url: &str, added_latency_s: f64) -> String {
    if added_latency_s > 0.0 {
        format!("GET {url} (+{} ms added)", fmt_s(added_latency_s * 1000.0))
    } else {
        format!("GET {url}")
    }
}

/// The future of [`Lab::fetch`]. Dropping it early removes its timer or aborts its request.
pub struct Fetch {
    exec: Rc<Executor>,
    io: Rc<dyn Io>,
    url: String,
    label: String,
    latency_us: f64,
    state: FetchState,
    /// (start, task, open-span key) once first polled.
    started: Option<(f64, TaskId, u64)>,
}

enum FetchState {
    /// Not polled yet.
    New,
    /// Waiting out the added latency on a timer.
    Latency { timer: u64, deadline_us: f64 },
    /// The request is out; counted by the executor as pending I/O.
    InFlight(FetchFuture),
    /// Finished (or cut short).
    Done,
}

impl Fetch {
    fn send(&mut self) {
        self.state = FetchState::InFlight(self.io.fetch(&self.url));
        self.exec.io_begin();
    }

    fn finish(&mut self, error: Option<String>) {
        if let Some((start, task, open)) = self.started.take() {
            let now = self.exec.now_us();
            let line = self.exec.close_span(open);
            self.exec.record(Event {
                task,
                kind: Kind::Io,
                label: std::mem::take(&mut self.label).into(),
                start_us: start,
                dur_us: (now - start).max(0.0),
                value: None,
                error,
                line,
            });
        }
    }
}

impl Future for Fetch {
    type Output = Result<FetchOk, IoError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        loop {
            match &mut this.state {
                FetchState::New => {
                    let now = this.exec.now_us();
                    let task = this.exec.current();
                    let open = this.exec.open_span(Event {
                        task,
                        kind: Kind::Io,
                        label: this.label.as_str().into(),
                        start_us: now,
                        dur_us: 0.0,
                        value: None,
                        error: None,
                        line: None,
                    });
                    this.started = Some((now, task, open));
                    if this.latency_us > 0.0 {
                        let deadline_us = now + this.latency_us;
                        let timer = this.exec.add_timer(deadline_us, task);
                        this.state = FetchState::Latency { timer, deadline_us };
                        return Poll::Pending;
                    }
                    this.send();
                }
                FetchState::Latency { timer, deadline_us } => {
                    if this.exec.now_us() < *deadline_us {
                        return Poll::Pending;
                    }
                    this.exec.remove_timer(*timer);
                    this.send();
                }
                FetchState::InFlight(request) => {
                    let Poll::Ready(result) = request.as_mut().poll(cx) else {
                        return Poll::Pending;
                    };
                    this.state = FetchState::Done;
                    this.exec.io_end();
                    this.finish(result.as_ref().err().map(ToString::to_string));
                    return Poll::Ready(result);
                }
                FetchState::Done => {
                    return Poll::Ready(Err(IoError::NotSent(
                        "fetch polled after it ended".into(),
                    )));
                }
            }
        }
    }
}

impl Drop for Fetch {
    fn drop(&mut self) {
        let error = match std::mem::replace(&mut self.state, FetchState::Done) {
            FetchState::Latency { timer, .. } => {
                self.exec.remove_timer(timer);
                "cancelled during the added latency, before the request was sent"
            }
            FetchState::InFlight(request) => {
                drop(request); // aborts the request
                self.exec.io_end();
                "cancelled: the request in flight was aborted"
            }
            FetchState::New | FetchState::Done => return,
        };
        self.finish(Some(error.to_string()));
    }
}

/// Ends a scenario span when dropped.
pub struct SpanGuard {
    lab: Lab,
    task: TaskId,
    label: String,
    start_us: f64,
    value: Option<f64>,
}

impl Drop for SpanGuard {
    fn drop(&mut self) {
        let now = self.lab.exec.now_us();
        self.lab.exec.record(Event {
            task: self.task,
            kind: Kind::Scenario,
            label: std::mem::take(&mut self.label).into(),
            start_us: self.start_us,
            dur_us: (now - self.start_us).max(0.0),
            value: self.value,
            error: None,
            line: None,
        });
    }
}

/// The future of [`Lab::sleep`]. Its timer is cancelled if it is dropped early.
pub struct Sleep {
    exec: Rc<Executor>,
    label: String,
    dur_us: f64,
    /// (timer key, start, deadline, task, open-span key) once first polled.
    armed: Option<(u64, f64, f64, TaskId, u64)>,
    kind: Kind,
}

impl Sleep {
    fn finish(&mut self, end_us: f64) {
        if let Some((key, start, _, task, open)) = self.armed.take() {
            self.exec.remove_timer(key);
            let line = self.exec.close_span(open);
            self.exec.record(Event {
                task,
                kind: self.kind,
                label: std::mem::take(&mut self.label).into(),
                start_us: start,
                dur_us: (end_us - start).max(0.0),
                value: None,
                error: None,
                line,
            });
        }
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        let now = this.exec.now_us();
        match this.armed {
            None => {
                let deadline = now + this.dur_us;
                let task = this.exec.current();
                let key = this.exec.add_timer(deadline, task);
                let open = this.exec.open_span(Event {
                    task,
                    kind: this.kind,
                    label: this.label.as_str().into(),
                    start_us: now,
                    dur_us: 0.0,
                    value: None,
                    error: None,
                    line: None,
                });
                this.armed = Some((key, now, deadline, task, open));
                Poll::Pending
            }
            Some((_, _, deadline, _, _)) if now >= deadline => {
                this.finish(deadline);
                Poll::Ready(())
            }
            Some(_) => Poll::Pending,
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        let now = self.exec.now_us();
        self.finish(now);
    }
}

/// The future of [`Lab::yield_now`].
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            return Poll::Ready(());
        }
        self.yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Where a task's result waits for whoever awaits it.
struct JoinCell<T> {
    result: RefCell<Option<LabResult<T>>>,
    finished: std::cell::Cell<bool>,
    waiters: RefCell<Vec<Waker>>,
}

impl<T> Default for JoinCell<T> {
    fn default() -> Self {
        JoinCell {
            result: RefCell::new(None),
            finished: std::cell::Cell::new(false),
            waiters: RefCell::new(Vec::new()),
        }
    }
}

impl<T> JoinCell<T> {
    fn complete(&self, result: LabResult<T>) {
        if self.finished.replace(true) {
            return;
        }
        *self.result.borrow_mut() = Some(result);
        for waker in self.waiters.borrow_mut().drain(..) {
            waker.wake();
        }
    }

    fn register(&self, waker: &Waker) {
        let mut waiters = self.waiters.borrow_mut();
        if !waiters.iter().any(|w| w.will_wake(waker)) {
            waiters.push(waker.clone());
        }
    }
}

/// A spawned task: await it for its result, or cancel it.
pub struct JoinHandle<T> {
    cell: Rc<JoinCell<T>>,
    id: TaskId,
    exec: Rc<Executor>,
}

impl<T> JoinHandle<T> {
    /// The task's lane.
    pub fn id(&self) -> TaskId {
        self.id
    }

    /// Whether the task has ended (done, failed or cancelled).
    pub fn is_finished(&self) -> bool {
        self.cell.finished.get()
    }

    /// Cancels the task (`task.cancel()`); awaiting it then gives [`LabError::Cancelled`].
    pub fn cancel(&self) {
        self.exec.cancel(self.id);
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = LabResult<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.cell.finished.get() {
            return Poll::Ready(
                self.cell
                    .result
                    .borrow_mut()
                    .take()
                    .unwrap_or(Err(LabError::Failed("result already taken".into()))),
            );
        }
        self.cell.register(cx.waker());
        Poll::Pending
    }
}

/// Wakes a task waiting on several others once the last of them has ended, not at each end:
/// like CPython's outer future of `gather` and `wait`, the waiter is not ready — no "ready"
/// bar on its lane while the others still run — until it can go on.
struct AfterAll {
    left: std::sync::atomic::AtomicUsize,
    waker: std::sync::Mutex<Option<Waker>>,
}

impl AfterAll {
    /// Registers on every handle still running; `None` if all have ended.
    fn arm<T>(handles: &[JoinHandle<T>], waker: &Waker) -> Option<std::sync::Arc<AfterAll>> {
        let running: Vec<&JoinHandle<T>> = handles.iter().filter(|h| !h.is_finished()).collect();
        if running.is_empty() {
            return None;
        }
        let after = std::sync::Arc::new(AfterAll {
            left: std::sync::atomic::AtomicUsize::new(running.len()),
            waker: std::sync::Mutex::new(Some(waker.clone())),
        });
        let on_end = Waker::from(after.clone());
        for h in running {
            h.cell.register(&on_end);
        }
        Some(after)
    }

    /// The waiting task's current waker (it may change between polls).
    fn update(&self, waker: &Waker) {
        *self
            .waker
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(waker.clone());
    }
}

impl std::task::Wake for AfterAll {
    fn wake(self: std::sync::Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &std::sync::Arc<Self>) {
        use std::sync::atomic::Ordering;
        let before = self
            .left
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1));
        if before == Ok(1) {
            let waker = self
                .waker
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take();
            if let Some(w) = waker {
                w.wake();
            }
        }
    }
}

/// The future of [`Lab::gather`]: every result, in order.
pub struct Gather<T> {
    handles: Vec<JoinHandle<T>>,
    after: Option<std::sync::Arc<AfterAll>>,
}

impl<T> Future for Gather<T> {
    type Output = Vec<LabResult<T>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.handles.iter().all(JoinHandle::is_finished) {
            return Poll::Ready(
                self.handles
                    .iter()
                    .map(|h| {
                        h.cell
                            .result
                            .borrow_mut()
                            .take()
                            .unwrap_or(Err(LabError::Failed("result already taken".into())))
                    })
                    .collect(),
            );
        }
        match &self.after {
            Some(after) => after.update(cx.waker()),
            None => self.after = AfterAll::arm(&self.handles, cx.waker()),
        }
        Poll::Pending
    }
}

/// The future of [`Lab::wait`]: `(done, pending)` indices.
pub struct Wait<'a, T> {
    handles: &'a [JoinHandle<T>],
    timeout: Option<Sleep>,
    after: Option<std::sync::Arc<AfterAll>>,
}

impl<T> Future for Wait<'_, T> {
    type Output = (Vec<usize>, Vec<usize>);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let split = |handles: &[JoinHandle<T>]| {
            let (done, pending): (Vec<usize>, Vec<usize>) =
                (0..handles.len()).partition(|&i| handles[i].is_finished());
            (done, pending)
        };
        let (done, pending) = split(self.handles);
        if pending.is_empty() {
            return Poll::Ready((done, pending));
        }
        if let Some(timeout) = self.timeout.as_mut() {
            if Pin::new(timeout).poll(cx).is_ready() {
                return Poll::Ready((done, pending));
            }
        }
        match &self.after {
            Some(after) => after.update(cx.waker()),
            None => self.after = AfterAll::arm(self.handles, cx.waker()),
        }
        Poll::Pending
    }
}

/// An async FIFO queue (`asyncio.Queue`, unbounded): `get` waits while it is empty.
pub struct Queue<T> {
    inner: Rc<RefCell<QueueInner<T>>>,
}

struct QueueInner<T> {
    items: std::collections::VecDeque<T>,
    getters: std::collections::VecDeque<Waker>,
}

impl<T> Clone for Queue<T> {
    fn clone(&self) -> Self {
        Queue {
            inner: self.inner.clone(),
        }
    }
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Queue {
            inner: Rc::new(RefCell::new(QueueInner {
                items: Default::default(),
                getters: Default::default(),
            })),
        }
    }
}

impl<T> Queue<T> {
    /// An empty queue.
    pub fn new() -> Self {
        Self::default()
    }

    /// A queue holding `items` in order.
    pub fn from_items(items: impl IntoIterator<Item = T>) -> Self {
        let queue = Self::new();
        for item in items {
            queue.put(item);
        }
        queue
    }

    /// Adds an item at the back and wakes the first waiting getter.
    pub fn put(&self, item: T) {
        let mut inner = self.inner.borrow_mut();
        inner.items.push_back(item);
        if let Some(waker) = inner.getters.pop_front() {
            waker.wake();
        }
    }

    /// Whether the queue is empty now.
    pub fn is_empty(&self) -> bool {
        self.inner.borrow().items.is_empty()
    }

    /// Takes the front item without waiting (`get_nowait`).
    pub fn try_get(&self) -> Option<T> {
        self.inner.borrow_mut().items.pop_front()
    }

    /// Takes the front item, waiting while the queue is empty.
    pub fn get(&self) -> QueueGet<T> {
        QueueGet {
            queue: self.clone(),
        }
    }
}

/// The future of [`Queue::get`].
pub struct QueueGet<T> {
    queue: Queue<T>,
}

impl<T> Future for QueueGet<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut inner = self.queue.inner.borrow_mut();
        match inner.items.pop_front() {
            Some(item) => Poll::Ready(item),
            None => {
                inner.getters.push_back(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// A one-shot result that one task sets and others await (`asyncio.Future` with `set_result`).
pub struct LabFuture<T> {
    cell: Rc<JoinCell<T>>,
}

impl<T> Clone for LabFuture<T> {
    fn clone(&self) -> Self {
        LabFuture {
            cell: self.cell.clone(),
        }
    }
}

impl<T: Clone> Default for LabFuture<T> {
    fn default() -> Self {
        LabFuture {
            cell: Rc::default(),
        }
    }
}

impl<T: Clone> LabFuture<T> {
    /// A future with no result yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the result and wakes every awaiting task; later calls are ignored, as asyncio refuses
    /// them.
    pub fn set_result(&self, value: T) {
        self.cell.complete(Ok(value));
    }

    /// Whether a result has been set.
    pub fn done(&self) -> bool {
        self.cell.finished.get()
    }
}

impl<T: Clone> Future for LabFuture<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        if let Some(Ok(value)) = self.cell.result.borrow().as_ref() {
            return Poll::Ready(value.clone());
        }
        self.cell.register(cx.waker());
        Poll::Pending
    }
}
