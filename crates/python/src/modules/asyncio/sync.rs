//! asyncio's synchronisation primitives — `Lock`, `Event`, `Semaphore`, `BoundedSemaphore`,
//! `Queue`, `LifoQueue`, `PriorityQueue` — following `Lib/asyncio/locks.py` and `queues.py`
//! (FIFO waiters, a woken waiter re-checks, cancellation hands the turn on), and the
//! thread-less `queue.Queue`.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use awaitlab_core::trace::TaskId;

use super::future::{native_coro, ready, FutCore, FutState};
use crate::builtins::{add_methods, int_arg};
use crate::error::{PyErr, PyResult};
use crate::object::{Class, Native};
use crate::types::with_types;
use crate::value::Value;
use crate::vm::ops::compare;
use crate::vm::{Args, Awaiting, Pending, Vm};

type Waiters = RefCell<VecDeque<Rc<FutCore>>>;

fn wake_first(waiters: &Waiters) {
    if let Some(f) = waiters.borrow().iter().find(|f| !f.done()) {
        f.resolve(FutState::Done(Value::Bool(true)));
    }
}

fn remove(waiters: &Waiters, f: &Rc<FutCore>) {
    waiters.borrow_mut().retain(|w| !Rc::ptr_eq(w, f));
}

fn class_with(
    name: &str,
    methods: &[(&str, crate::builtins::NativeFn)],
    new: fn(&Vm, &Rc<Class>, Args) -> PyResult<Value>,
) -> Rc<Class> {
    let c = crate::vm::call::plain_class(name, "asyncio");
    add_methods(&c, "asyncio", methods);
    c.new.set(Some(new));
    c
}

// ----- Lock -----

struct Lock {
    locked: Cell<bool>,
    waiters: Waiters,
    holder: Cell<Option<TaskId>>,
    number: u64,
}

thread_local! {
    static LOCK_CLASS: Rc<Class> = class_with(
        "Lock",
        &[
            ("acquire", lock_acquire),
            ("release", lock_release),
            ("locked", lock_locked),
            ("__aenter__", lock_acquire),
            ("__aexit__", lock_aexit),
        ],
        lock_new,
    );
    static LOCK_COUNT: Cell<u64> = const { Cell::new(0) };
}

impl Native for Lock {
    fn class(&self) -> Rc<Class> {
        LOCK_CLASS.with(|c| c.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self, _vm: &Vm) -> Option<String> {
        let state = if self.locked.get() {
            format!("locked, waiters:{}", self.waiters.borrow().len())
        } else {
            "unlocked".into()
        };
        Some(format!(
            "<asyncio.locks.Lock object at {:#x} [{state}]>",
            self as *const Self as usize
        ))
    }
}

fn lock_new(_vm: &Vm, _c: &Rc<Class>, _args: Args) -> PyResult<Value> {
    let number = LOCK_COUNT.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    Ok(Value::Native(Rc::new(Lock {
        locked: Cell::new(false),
        waiters: RefCell::default(),
        holder: Cell::new(None),
        number,
    })))
}

fn this<T: 'static>(args: &Args, what: &str) -> PyResult<(Rc<dyn Native>, *const T)> {
    match args.pos.first() {
        Some(Value::Native(n)) => match n.as_any().downcast_ref::<T>() {
            Some(t) => Ok((n.clone(), t as *const T)),
            None => Err(PyErr::type_error(format!("expected an asyncio.{what}"))),
        },
        _ => Err(PyErr::type_error(format!("expected an asyncio.{what}"))),
    }
}

/// The `Rc` of a native object of type `T` given as first argument.
fn native<T: 'static>(args: &Args, what: &str) -> PyResult<Rc<T>> {
    let (rc, _) = this::<T>(args, what)?;
    let any: Rc<dyn std::any::Any> = rc;
    any.downcast::<T>()
        .map_err(|_| PyErr::type_error(format!("expected an asyncio.{what}")))
}

fn lock_acquire(vm: &Vm, args: Args) -> PyResult<Value> {
    let lock = native::<Lock>(&args, "Lock")?;
    let exec = vm.lab.executor().clone();
    Ok(native_coro("acquire", move |_| {
        let free = !lock.locked.get() && lock.waiters.borrow().iter().all(|w| w.cancelled());
        if free {
            lock.locked.set(true);
            lock.holder.set(Some(exec.current()));
            return Ok(Awaiting::Value(Value::Bool(true)));
        }
        let fut = FutCore::new();
        lock.waiters.borrow_mut().push_back(fut.clone());
        let me = exec.current();
        exec.set_waiting_on(
            me,
            Some((format!("asyncio.Lock #{}", lock.number), lock.holder.get())),
        );
        Ok(Awaiting::Pending(Pending::new(LockAcquire {
            lock,
            fut,
            exec,
            me,
            finished: false,
        })))
    }))
}

struct LockAcquire {
    lock: Rc<Lock>,
    fut: Rc<FutCore>,
    exec: Rc<awaitlab_core::executor::Executor>,
    me: TaskId,
    finished: bool,
}

impl Future for LockAcquire {
    type Output = PyResult<Value>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut wait = self.fut.wait();
        if Pin::new(&mut wait).poll(cx).is_pending() {
            return Poll::Pending;
        }
        remove(&self.lock.waiters, &self.fut);
        self.lock.locked.set(true);
        self.lock.holder.set(Some(self.me));
        self.exec.set_waiting_on(self.me, None);
        self.finished = true;
        Poll::Ready(Ok(Value::Bool(true)))
    }
}

impl Drop for LockAcquire {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        // Cancelled while waiting: leave the queue; if the lock is free, the next one goes.
        remove(&self.lock.waiters, &self.fut);
        self.exec.set_waiting_on(self.me, None);
        if !self.lock.locked.get() {
            wake_first(&self.lock.waiters);
        }
    }
}

fn lock_release(_vm: &Vm, args: Args) -> PyResult<Value> {
    let lock = native::<Lock>(&args, "Lock")?;
    if !lock.locked.get() {
        return Err(PyErr::runtime_error("Lock is not acquired."));
    }
    lock.locked.set(false);
    lock.holder.set(None);
    wake_first(&lock.waiters);
    Ok(Value::None)
}

fn lock_locked(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(native::<Lock>(&args, "Lock")?.locked.get()))
}

fn lock_aexit(vm: &Vm, args: Args) -> PyResult<Value> {
    let first = Args::new(args.pos.into_iter().take(1).collect());
    lock_release(vm, first)?;
    Ok(ready("__aexit__", Value::None))
}

// ----- Event -----

struct Event {
    flag: Cell<bool>,
    waiters: Waiters,
}

thread_local! {
    static EVENT_CLASS: Rc<Class> = class_with(
        "Event",
        &[("set", event_set), ("clear", event_clear), ("is_set", event_is_set), ("wait", event_wait)],
        event_new,
    );
}

impl Native for Event {
    fn class(&self) -> Rc<Class> {
        EVENT_CLASS.with(|c| c.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn event_new(_vm: &Vm, _c: &Rc<Class>, _args: Args) -> PyResult<Value> {
    Ok(Value::Native(Rc::new(Event {
        flag: Cell::new(false),
        waiters: RefCell::default(),
    })))
}

fn event_set(_vm: &Vm, args: Args) -> PyResult<Value> {
    let e = native::<Event>(&args, "Event")?;
    if !e.flag.replace(true) {
        for w in e.waiters.borrow().iter() {
            w.resolve(FutState::Done(Value::Bool(true)));
        }
    }
    Ok(Value::None)
}

fn event_clear(_vm: &Vm, args: Args) -> PyResult<Value> {
    native::<Event>(&args, "Event")?.flag.set(false);
    Ok(Value::None)
}

fn event_is_set(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(native::<Event>(&args, "Event")?.flag.get()))
}

fn event_wait(_vm: &Vm, args: Args) -> PyResult<Value> {
    let e = native::<Event>(&args, "Event")?;
    Ok(native_coro("wait", move |_| {
        if e.flag.get() {
            return Ok(Awaiting::Value(Value::Bool(true)));
        }
        let fut = FutCore::new();
        e.waiters.borrow_mut().push_back(fut.clone());
        Ok(Awaiting::Pending(Pending::new(async move {
            let r = Removing {
                waiters: &e.waiters,
                fut: fut.clone(),
            };
            let out = fut.wait().await;
            drop(r);
            out
        })))
    }))
}

/// Removes a waiter from its queue when the wait ends (or is cancelled).
struct Removing<'a> {
    waiters: &'a Waiters,
    fut: Rc<FutCore>,
}

impl Drop for Removing<'_> {
    fn drop(&mut self) {
        remove(self.waiters, &self.fut);
    }
}

// ----- Semaphore -----

struct Semaphore {
    value: Cell<i64>,
    bound: Option<i64>,
    waiters: Waiters,
}

thread_local! {
    static SEMAPHORE_CLASS: Rc<Class> = class_with(
        "Semaphore",
        &[
            ("acquire", sem_acquire),
            ("release", sem_release),
            ("locked", sem_locked),
            ("__aenter__", sem_acquire),
            ("__aexit__", sem_aexit),
        ],
        sem_new,
    );
    static BOUNDED_CLASS: Rc<Class> = class_with(
        "BoundedSemaphore",
        &[
            ("acquire", sem_acquire),
            ("release", sem_release),
            ("locked", sem_locked),
            ("__aenter__", sem_acquire),
            ("__aexit__", sem_aexit),
        ],
        bounded_new,
    );
}

impl Native for Semaphore {
    fn class(&self) -> Rc<Class> {
        if self.bound.is_some() {
            BOUNDED_CLASS.with(|c| c.clone())
        } else {
            SEMAPHORE_CLASS.with(|c| c.clone())
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Semaphore {
    fn locked(&self) -> bool {
        self.value.get() == 0 || self.waiters.borrow().iter().any(|w| !w.cancelled())
    }

    fn wake_next(&self) {
        if let Some(f) = self.waiters.borrow().iter().find(|f| !f.done()) {
            self.value.set(self.value.get() - 1);
            f.resolve(FutState::Done(Value::Bool(true)));
        }
    }
}

fn make_sem(mut args: Args, bounded: bool) -> PyResult<Value> {
    let value = match args.arg(0, "value") {
        Some(v) => int_arg(&v, "value")?,
        None => 1,
    };
    if value < 0 {
        return Err(PyErr::value_error("Semaphore initial value must be >= 0"));
    }
    Ok(Value::Native(Rc::new(Semaphore {
        value: Cell::new(value),
        bound: bounded.then_some(value),
        waiters: RefCell::default(),
    })))
}

fn sem_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    make_sem(args, false)
}

fn bounded_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    make_sem(args, true)
}

fn sem_acquire(_vm: &Vm, args: Args) -> PyResult<Value> {
    let sem = native::<Semaphore>(&args, "Semaphore")?;
    Ok(native_coro("acquire", move |_| {
        if !sem.locked() {
            sem.value.set(sem.value.get() - 1);
            return Ok(Awaiting::Value(Value::Bool(true)));
        }
        let fut = FutCore::new();
        sem.waiters.borrow_mut().push_back(fut.clone());
        Ok(Awaiting::Pending(Pending::new(SemAcquire {
            sem,
            fut,
            finished: false,
        })))
    }))
}

struct SemAcquire {
    sem: Rc<Semaphore>,
    fut: Rc<FutCore>,
    finished: bool,
}

impl Future for SemAcquire {
    type Output = PyResult<Value>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut wait = self.fut.wait();
        if Pin::new(&mut wait).poll(cx).is_pending() {
            return Poll::Pending;
        }
        remove(&self.sem.waiters, &self.fut);
        if self.sem.value.get() > 0 {
            self.sem.wake_next();
        }
        self.finished = true;
        Poll::Ready(Ok(Value::Bool(true)))
    }
}

impl Drop for SemAcquire {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        remove(&self.sem.waiters, &self.fut);
        if self.fut.done() {
            // Woken, then cancelled: give the permit back to the next waiter.
            self.sem.value.set(self.sem.value.get() + 1);
            self.sem.wake_next();
        }
    }
}

fn sem_release(_vm: &Vm, args: Args) -> PyResult<Value> {
    let sem = native::<Semaphore>(&args, "Semaphore")?;
    if let Some(bound) = sem.bound {
        if sem.value.get() >= bound {
            return Err(PyErr::value_error(
                "BoundedSemaphore released too many times",
            ));
        }
    }
    sem.value.set(sem.value.get() + 1);
    sem.wake_next();
    Ok(Value::None)
}

fn sem_locked(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        native::<Semaphore>(&args, "Semaphore")?.locked(),
    ))
}

fn sem_aexit(vm: &Vm, args: Args) -> PyResult<Value> {
    let first = Args::new(args.pos.into_iter().take(1).collect());
    sem_release(vm, first)?;
    Ok(ready("__aexit__", Value::None))
}

// ----- Queue -----

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    Fifo,
    Lifo,
    Priority,
}

struct Queue {
    items: RefCell<VecDeque<Value>>,
    maxsize: i64,
    order: Order,
    getters: Waiters,
    putters: Waiters,
    unfinished: Cell<i64>,
    finished: Waiters,
}

thread_local! {
    static QUEUE_CLASSES: HashMap<&'static str, Rc<Class>> = {
        let methods: &[(&str, crate::builtins::NativeFn)] = &[
            ("put", q_put),
            ("get", q_get),
            ("put_nowait", q_put_nowait),
            ("get_nowait", q_get_nowait),
            ("qsize", q_qsize),
            ("empty", q_empty),
            ("full", q_full),
            ("task_done", q_task_done),
            ("join", q_join),
        ];
        let mut m = HashMap::new();
        m.insert("Queue", class_with("Queue", methods, queue_new));
        m.insert("LifoQueue", class_with("LifoQueue", methods, lifo_new));
        m.insert("PriorityQueue", class_with("PriorityQueue", methods, priority_new));
        m
    };
}

impl Native for Queue {
    fn class(&self) -> Rc<Class> {
        let name = match self.order {
            Order::Fifo => "Queue",
            Order::Lifo => "LifoQueue",
            Order::Priority => "PriorityQueue",
        };
        QUEUE_CLASSES.with(|m| m[name].clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn get_field(&self, name: &str) -> Option<Value> {
        match name {
            "maxsize" => Some(Value::Int(self.maxsize)),
            "__len__" => Some(Value::Int(self.items.borrow().len() as i64)),
            _ => None,
        }
    }
    fn repr(&self, vm: &Vm) -> Option<String> {
        let items: Vec<Value> = self.items.borrow().iter().cloned().collect();
        Some(format!(
            "<{} at {:#x} maxsize={} _queue={} tasks={}>",
            self.class().name,
            self as *const Self as usize,
            self.maxsize,
            crate::vm::text::repr(vm, &Value::list(items)).unwrap_or_default(),
            self.unfinished.get()
        ))
    }
}

fn make_queue(mut args: Args, order: Order) -> PyResult<Value> {
    let maxsize = match args.arg(0, "maxsize") {
        Some(v) => int_arg(&v, "maxsize")?,
        None => 0,
    };
    Ok(Value::Native(Rc::new(Queue {
        items: RefCell::default(),
        maxsize,
        order,
        getters: RefCell::default(),
        putters: RefCell::default(),
        unfinished: Cell::new(0),
        finished: RefCell::default(),
    })))
}

fn queue_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    make_queue(args, Order::Fifo)
}

fn lifo_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    make_queue(args, Order::Lifo)
}

fn priority_new(_vm: &Vm, _c: &Rc<Class>, args: Args) -> PyResult<Value> {
    make_queue(args, Order::Priority)
}

impl Queue {
    fn full(&self) -> bool {
        self.maxsize > 0 && self.items.borrow().len() as i64 >= self.maxsize
    }

    fn wake_one(waiters: &Waiters) {
        let first = waiters.borrow_mut().pop_front();
        let mut next = first;
        while let Some(w) = next {
            if !w.done() {
                w.resolve(FutState::Done(Value::None));
                return;
            }
            next = waiters.borrow_mut().pop_front();
        }
    }

    fn put_now(&self, vm: &Vm, item: Value) -> PyResult<()> {
        if self.full() {
            return Err(PyErr::bare(&with_types(|t| t.queue_full.clone())));
        }
        if self.order == Order::Priority {
            // heapq's order: the smallest first (kept sorted; ties keep insertion order).
            let items = self.items.borrow().clone();
            let mut at = items.len();
            for (i, x) in items.iter().enumerate() {
                if vm.truthy(&compare(vm, crate::ast::CmpOp::Lt, &item, x)?)? {
                    at = i;
                    break;
                }
            }
            self.items.borrow_mut().insert(at, item);
        } else {
            self.items.borrow_mut().push_back(item);
        }
        self.unfinished.set(self.unfinished.get() + 1);
        Self::wake_one(&self.getters);
        Ok(())
    }

    fn get_now(&self) -> PyResult<Value> {
        let item = match self.order {
            Order::Lifo => self.items.borrow_mut().pop_back(),
            _ => self.items.borrow_mut().pop_front(),
        };
        match item {
            Some(v) => {
                Self::wake_one(&self.putters);
                Ok(v)
            }
            None => Err(PyErr::bare(&with_types(|t| t.queue_empty.clone()))),
        }
    }
}

fn q_put_nowait(vm: &Vm, args: Args) -> PyResult<Value> {
    let q = native::<Queue>(&args, "Queue")?;
    args.check("put_nowait", 2, 2)?;
    q.put_now(vm, args.pos[1].clone())?;
    Ok(Value::None)
}

fn q_get_nowait(_vm: &Vm, args: Args) -> PyResult<Value> {
    native::<Queue>(&args, "Queue")?.get_now()
}

/// Waits until `ready()`, queueing a waiter in `waiters` each time it is not.
struct WaitUntil<F: Fn() -> bool + Unpin> {
    ready: F,
    queue: Rc<Queue>,
    getters: bool,
    waiter: Option<Rc<FutCore>>,
}

impl<F: Fn() -> bool + Unpin> Future for WaitUntil<F> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        loop {
            if let Some(w) = self.waiter.clone() {
                let mut wait = w.wait();
                if Pin::new(&mut wait).poll(cx).is_pending() {
                    return Poll::Pending;
                }
                self.waiter = None;
            }
            if (self.ready)() {
                return Poll::Ready(());
            }
            let w = FutCore::new();
            let list = if self.getters {
                &self.queue.getters
            } else {
                &self.queue.putters
            };
            list.borrow_mut().push_back(w.clone());
            self.waiter = Some(w);
        }
    }
}

impl<F: Fn() -> bool + Unpin> Drop for WaitUntil<F> {
    fn drop(&mut self) {
        if let Some(w) = self.waiter.take() {
            let list = if self.getters {
                &self.queue.getters
            } else {
                &self.queue.putters
            };
            remove(list, &w);
            if w.done() {
                // Woken but cancelled: pass the wake-up on.
                Queue::wake_one(list);
            }
        }
    }
}

fn q_put(vm: &Vm, args: Args) -> PyResult<Value> {
    let q = native::<Queue>(&args, "Queue")?;
    args.check("put", 2, 2)?;
    let item = args.pos[1].clone();
    let vmrc = vm.rc();
    Ok(native_coro("put", move |_| {
        if !q.full() {
            q.put_now(&vmrc, item)?;
            return Ok(Awaiting::Value(Value::None));
        }
        let q2 = q.clone();
        let wait = WaitUntil {
            ready: move || !q2.full(),
            queue: q.clone(),
            getters: false,
            waiter: None,
        };
        Ok(Awaiting::Pending(Pending::new(async move {
            wait.await;
            q.put_now(&vmrc, item)?;
            Ok(Value::None)
        })))
    }))
}

fn q_get(_vm: &Vm, args: Args) -> PyResult<Value> {
    let q = native::<Queue>(&args, "Queue")?;
    Ok(native_coro("get", move |_| {
        if !q.items.borrow().is_empty() {
            return q.get_now().map(Awaiting::Value);
        }
        let q2 = q.clone();
        let wait = WaitUntil {
            ready: move || !q2.items.borrow().is_empty(),
            queue: q.clone(),
            getters: true,
            waiter: None,
        };
        Ok(Awaiting::Pending(Pending::new(async move {
            wait.await;
            q.get_now()
        })))
    }))
}

fn q_qsize(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        native::<Queue>(&args, "Queue")?.items.borrow().len() as i64,
    ))
}

fn q_empty(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        native::<Queue>(&args, "Queue")?.items.borrow().is_empty(),
    ))
}

fn q_full(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(native::<Queue>(&args, "Queue")?.full()))
}

fn q_task_done(_vm: &Vm, args: Args) -> PyResult<Value> {
    let q = native::<Queue>(&args, "Queue")?;
    if q.unfinished.get() <= 0 {
        return Err(PyErr::value_error("task_done() called too many times"));
    }
    q.unfinished.set(q.unfinished.get() - 1);
    if q.unfinished.get() == 0 {
        for w in q.finished.borrow_mut().drain(..) {
            w.resolve(FutState::Done(Value::None));
        }
    }
    Ok(Value::None)
}

fn q_join(_vm: &Vm, args: Args) -> PyResult<Value> {
    let q = native::<Queue>(&args, "Queue")?;
    Ok(native_coro("join", move |_| {
        if q.unfinished.get() == 0 {
            return Ok(Awaiting::Value(Value::None));
        }
        let fut = FutCore::new();
        q.finished.borrow_mut().push_back(fut.clone());
        Ok(Awaiting::Pending(Pending::new(
            async move { fut.wait().await },
        )))
    }))
}

pub(super) fn install(m: &mut crate::object::NameMap) {
    m.insert("Lock".into(), Value::Class(LOCK_CLASS.with(|c| c.clone())));
    m.insert(
        "Event".into(),
        Value::Class(EVENT_CLASS.with(|c| c.clone())),
    );
    m.insert(
        "Semaphore".into(),
        Value::Class(SEMAPHORE_CLASS.with(|c| c.clone())),
    );
    m.insert(
        "BoundedSemaphore".into(),
        Value::Class(BOUNDED_CLASS.with(|c| c.clone())),
    );
    QUEUE_CLASSES.with(|qs| {
        for (name, c) in qs {
            m.insert((*name).into(), Value::Class(c.clone()));
        }
    });
}

// ----- queue.Queue (no threads: a plain FIFO that refuses to block forever) -----

struct SyncQueue {
    items: RefCell<VecDeque<Value>>,
    maxsize: i64,
    unfinished: Cell<i64>,
}

thread_local! {
    static SYNC_QUEUE_CLASS: Rc<Class> = {
        let c = crate::vm::call::plain_class("Queue", "queue");
        add_methods(
            &c,
            "Queue",
            &[
                ("put", sq_put),
                ("get", sq_get),
                ("put_nowait", sq_put),
                ("get_nowait", sq_get),
                ("qsize", sq_qsize),
                ("empty", sq_empty),
                ("full", sq_full),
                ("task_done", sq_task_done),
                ("join", sq_join),
            ],
        );
        c.new.set(Some(sq_new));
        c
    };
}

impl Native for SyncQueue {
    fn class(&self) -> Rc<Class> {
        SYNC_QUEUE_CLASS.with(|c| c.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn get_field(&self, name: &str) -> Option<Value> {
        match name {
            "maxsize" => Some(Value::Int(self.maxsize)),
            "__len__" => Some(Value::Int(self.items.borrow().len() as i64)),
            _ => None,
        }
    }
}

fn sq_new(_vm: &Vm, _c: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    let maxsize = match args.arg(0, "maxsize") {
        Some(v) => int_arg(&v, "maxsize")?,
        None => 0,
    };
    Ok(Value::Native(Rc::new(SyncQueue {
        items: RefCell::default(),
        maxsize,
        unfinished: Cell::new(0),
    })))
}

fn sq_put(_vm: &Vm, args: Args) -> PyResult<Value> {
    let q = native::<SyncQueue>(&args, "Queue")?;
    if q.maxsize > 0 && q.items.borrow().len() as i64 >= q.maxsize {
        return Err(PyErr::new(
            &with_types(|t| t.sync_queue_full.clone()),
            "the queue is full and no other thread can take from it (AwaitLab has one thread)",
        ));
    }
    q.items
        .borrow_mut()
        .push_back(args.pos.get(1).cloned().unwrap_or(Value::None));
    q.unfinished.set(q.unfinished.get() + 1);
    Ok(Value::None)
}

fn sq_get(_vm: &Vm, args: Args) -> PyResult<Value> {
    let q = native::<SyncQueue>(&args, "Queue")?;
    let item = q.items.borrow_mut().pop_front();
    item.ok_or_else(|| PyErr::bare(&with_types(|t| t.sync_queue_empty.clone())))
}

fn sq_qsize(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        native::<SyncQueue>(&args, "Queue")?.items.borrow().len() as i64,
    ))
}

fn sq_empty(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        native::<SyncQueue>(&args, "Queue")?
            .items
            .borrow()
            .is_empty(),
    ))
}

fn sq_full(_vm: &Vm, args: Args) -> PyResult<Value> {
    let q = native::<SyncQueue>(&args, "Queue")?;
    Ok(Value::Bool(
        q.maxsize > 0 && q.items.borrow().len() as i64 >= q.maxsize,
    ))
}

fn sq_task_done(_vm: &Vm, args: Args) -> PyResult<Value> {
    let q = native::<SyncQueue>(&args, "Queue")?;
    if q.unfinished.get() <= 0 {
        return Err(PyErr::value_error("task_done() called too many times"));
    }
    q.unfinished.set(q.unfinished.get() - 1);
    Ok(Value::None)
}

fn sq_join(_vm: &Vm, args: Args) -> PyResult<Value> {
    let q = native::<SyncQueue>(&args, "Queue")?;
    if q.unfinished.get() > 0 {
        return Err(PyErr::runtime_error(
            "queue.join() would wait forever: AwaitLab has no other thread to finish the items",
        ));
    }
    Ok(Value::None)
}

pub(super) fn install_sync_queue(m: &mut crate::object::NameMap) {
    m.insert(
        "Queue".into(),
        Value::Class(SYNC_QUEUE_CLASS.with(|c| c.clone())),
    );
}
