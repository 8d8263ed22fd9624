//! Browser benchmark (not a test: it asserts nothing about speed). Run by `scripts/bench.sh`
//! (`scripts/bench.sh scheduler` for this alone), which copies the printed figures into
//! BENCHMARKS.md. Measures, side by side in one page and one run, each figure the median of
//! [`REPEATS`] with its min and max, the cases taking turns repeat by repeat after a short pause:
//!
//! - two tasks taking turns, [`SWITCHES`] switches in all: raw JS `await null` in two async
//!   functions; two `wasm_bindgen_futures::spawn_local` tasks, each waking the other (a microtask
//!   per wake); our loop on the real clock as the app drives it ([`drive`]), traced, with the time
//!   its loop spends idle (the page's turns between batches) apart from the time it works; our
//!   loop on the virtual clock (no `performance.now()`), traced;
//! - spawn + gather of [`TASKS`] tasks awaiting once each: raw JS `Promise.all` of async
//!   functions each awaiting `null` once, and our loop on the real clock;
//! - what one `performance.now()` costs through the cached clock;
//! - timers: how late a sleep wakes (fired − requested), [`SINGLE_SLEEPS`] sleeps one after
//!   another and [`CONCURRENT_SLEEPS`] at once, for our loop's `sleep` as the app drives it and for
//!   raw `setTimeout` in the same page, the two taking turns repeat by repeat.
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::task::{Poll, Waker};

use awaitlab::browser::clock::RealClock;
use awaitlab::browser::driver::{drive, FRAME_BUDGET_US};
use awaitlab::browser::frame::PageTurns;
use awaitlab_core::clock::{Clock, VirtualClock};
use awaitlab_core::executor::{Executor, Status};
use awaitlab_core::lab::{Lab, LabResult};
use awaitlab_core::trace::{RunMeta, Source};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Switches per ping-pong run (each task takes half of them).
const SWITCHES: u32 = 200_000;
/// Tasks per spawn + gather run.
const TASKS: u32 = 100_000;
/// Runs of each case; each figure is their median, with min and max.
const REPEATS: usize = 7;
/// Sleeps one after another per timer run.
const SINGLE_SLEEPS: u32 = 40;
/// Sleeps at once per timer run.
const CONCURRENT_SLEEPS: u32 = 1_000;
/// Each timer's requested delay, in ms.
const SLEEP_MS: f64 = 10.0;

#[wasm_bindgen(inline_js = r#"
export function js_ping_pong(n) {
  async function turns(k) { for (let i = 0; i < k; i++) await null; }
  const t0 = performance.now();
  return Promise.all([turns(n / 2), turns(n / 2)]).then(() => performance.now() - t0);
}
export function js_sleeps_single(k, d) {
  const late = [];
  const one = (i) => {
    if (i === k) return Promise.resolve(late);
    const t = performance.now();
    return new Promise((r) => setTimeout(r, d)).then(() => {
      late.push(performance.now() - t - d);
      return one(i + 1);
    });
  };
  return one(0);
}
export function js_sleeps_concurrent(n, d) {
  const late = new Array(n);
  let left = n;
  return new Promise((done) => {
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      setTimeout(() => {
        late[i] = performance.now() - t - d;
        if (--left === 0) done(late);
      }, d);
    }
  });
}
export function js_gather(n) {
  async function once() { await null; }
  const t0 = performance.now();
  const all = new Array(n);
  for (let i = 0; i < n; i++) all[i] = once();
  return Promise.all(all).then(() => performance.now() - t0);
}
"#)]
extern "C" {
    /// Two async functions taking turns at `await null`, `n` switches in all; resolves to the ms.
    fn js_ping_pong(n: u32) -> js_sys::Promise;
    /// `Promise.all` of `n` async functions each awaiting `null` once; resolves to the ms.
    fn js_gather(n: u32) -> js_sys::Promise;
    /// `k` `setTimeout(d)` one after another; resolves to each one's lateness in ms.
    fn js_sleeps_single(k: u32, d: f64) -> js_sys::Promise;
    /// `n` `setTimeout(d)` set at once; resolves to each one's lateness in ms.
    fn js_sleeps_concurrent(n: u32, d: f64) -> js_sys::Promise;
}

/// The lateness samples (ms) a JS timer run resolves to.
async fn js_late(promise: js_sys::Promise) -> Vec<f64> {
    let value = JsFuture::from(promise).await.unwrap_or(JsValue::NULL);
    js_sys::Array::from(&value)
        .iter()
        .filter_map(|v| v.as_f64())
        .collect()
}

async fn js_ms(promise: js_sys::Promise) -> f64 {
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(f64::NAN)
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A pause so that no case runs right after another's CPU-heavy work (and its garbage).
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(30).await;
}

/// Whose turn it is, and each task's waker, for two `spawn_local` tasks taking turns.
struct Turns {
    turn: Cell<usize>,
    left: Cell<u32>,
    wakers: [RefCell<Option<Waker>>; 2],
}

/// One of the two tasks: waits for its turn, hands the turn to the other and wakes it (a
/// microtask, through `spawn_local`'s queue), until the switches are used up.
async fn take_turns(shared: Rc<Turns>, me: usize) {
    loop {
        std::future::poll_fn(|cx| {
            if shared.turn.get() == me || shared.left.get() == 0 {
                Poll::Ready(())
            } else {
                *shared.wakers[me].borrow_mut() = Some(cx.waker().clone());
                Poll::Pending
            }
        })
        .await;
        let other = 1 - me;
        if shared.left.get() > 0 {
            shared.left.set(shared.left.get() - 1);
            shared.turn.set(other);
        }
        if let Some(w) = shared.wakers[other].borrow_mut().take() {
            w.wake();
        }
        if shared.left.get() == 0 {
            return;
        }
    }
}

async fn spawn_local_ping_pong(n: u32) -> f64 {
    let shared = Rc::new(Turns {
        turn: Cell::new(0),
        left: Cell::new(n),
        wakers: Default::default(),
    });
    let done = Rc::new(Cell::new(0));
    let t0 = now_ms();
    for me in 0..2 {
        let (shared, done) = (shared.clone(), done.clone());
        wasm_bindgen_futures::spawn_local(async move {
            take_turns(shared, me).await;
            done.set(done.get() + 1);
            if done.get() == 2 {
                DONE_AT.set(now_ms());
            }
        });
    }
    while done.get() < 2 {
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    DONE_AT.get() - t0
}

thread_local! {
    /// When the second `spawn_local` task ended (the poll for it comes later).
    static DONE_AT: Cell<f64> = const { Cell::new(0.0) };
}

fn meta() -> RunMeta {
    RunMeta {
        scenario: "bench".into(),
        mode: "yield".into(),
        params: Vec::new(),
        speed_ms_per_s: 100.0,
        source: Source::Measured,
    }
}

/// Two tasks taking turns with `yield_now`, `n` switches in all.
fn ping_pong(exec: &Rc<Executor>, n: u32) {
    let lab = Lab::predicted(exec.clone());
    let lab2 = lab.clone();
    drop(lab.spawn("main", async move {
        let a = lab2.spawn("A", yielder(lab2.clone(), n / 2));
        let b = lab2.spawn("B", yielder(lab2.clone(), n / 2));
        let _ = lab2.gather(vec![a, b]).await;
        Ok(())
    }));
}

async fn yielder(lab: Lab, n: u32) -> LabResult {
    for _ in 0..n {
        lab.yield_now().await;
    }
    Ok(())
}

/// `n` tasks, each awaiting once, spawned at once and gathered by the main task.
fn spawn_gather(exec: &Rc<Executor>, n: u32) {
    let lab = Lab::predicted(exec.clone());
    let lab2 = lab.clone();
    drop(lab.spawn("main", async move {
        let handles = (0..n)
            .map(|i| lab2.spawn(&format!("t{i}"), yielder(lab2.clone(), 1)))
            .collect();
        let _ = lab2.gather(handles).await;
        Ok(())
    }));
}

/// Our loop on the real clock as the app drives it: whole ms, and trace events recorded.
async fn ours_real(n: u32, program: fn(&Rc<Executor>, u32)) -> (f64, usize) {
    let exec = Executor::new(Rc::new(RealClock::start()), meta());
    program(&exec, n);
    let t0 = now_ms();
    drive(&exec).await;
    let ms = now_ms() - t0;
    (ms, exec.with_trace(|t| t.events.len()))
}

/// The same run driven as [`drive`] does for a loop that never waits on a timer — batches of
/// [`FRAME_BUDGET_US`], a `MessageChannel` turn for the page between them — with the time inside
/// batches (the loop working) and outside (idle: the page's turns) apart: (busy ms, idle ms,
/// turns).
async fn ours_real_split(n: u32) -> (f64, f64, u32) {
    let exec = Executor::new(Rc::new(RealClock::start()), meta());
    ping_pong(&exec, n);
    let turns = PageTurns::new();
    let (mut busy, mut count) = (0.0, 0);
    let t0 = now_ms();
    loop {
        let b0 = now_ms();
        let status = exec.run_batch(FRAME_BUDGET_US, u64::MAX);
        busy += now_ms() - b0;
        match status {
            Status::Busy => {
                count += 1;
                turns.next().await;
            }
            _ => break,
        }
    }
    let total = now_ms() - t0;
    (busy, total - busy, count)
}

fn ours_virtual(n: u32) -> f64 {
    let virt = Executor::new(Rc::new(VirtualClock::new()), meta());
    ping_pong(&virt, n);
    let t0 = now_ms();
    while virt.run_batch(f64::INFINITY, u64::MAX) != Status::Finished {}
    now_ms() - t0
}

/// Our loop on the real clock as the app drives it, 1 scenario second = 1 s: `tasks` tasks
/// started at once, each sleeping `each` times for [`SLEEP_MS`]; every wake's lateness in ms
/// (the page's clock when the task runs again − when it asked + the delay).
async fn ours_late(tasks: u32, each: u32) -> Vec<f64> {
    let mut meta = meta();
    meta.speed_ms_per_s = 1000.0;
    let exec = Executor::new(Rc::new(RealClock::start()), meta);
    let late = Rc::new(RefCell::new(Vec::new()));
    let lab = Lab::predicted(exec.clone());
    for i in 0..tasks {
        let (lab2, late) = (lab.clone(), late.clone());
        drop(lab.spawn(&format!("t{i}"), async move {
            for _ in 0..each {
                let t = now_ms();
                lab2.sleep(SLEEP_MS / 1000.0).await;
                late.borrow_mut().push(now_ms() - t - SLEEP_MS);
            }
            Ok(())
        }));
    }
    drive(&exec).await;
    let out = late.borrow().clone();
    out
}

/// A sample's median and 99th percentile.
fn median_p99(samples: &[f64]) -> (f64, f64) {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    if s.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let p99 = s[((s.len() - 1) as f64 * 0.99).round() as usize];
    (s[s.len() / 2], p99)
}

/// Median, min and max.
fn spread(samples: &[f64]) -> (f64, f64, f64) {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    (s[s.len() / 2], s[0], s[s.len() - 1])
}

/// A row of per-operation time and rate, each a median with its min–max, from run times in ms
/// of `n` operations each.
fn row(what: &str, n: u32, ms: &[f64]) -> (f64, String) {
    let (med, lo, hi) = spread(ms);
    let per_us = |ms: f64| ms * 1000.0 / n as f64;
    let rate = |ms: f64| n as f64 / ms / 1000.0;
    let text = format!(
        "SCHED | {what} | {:.3} µs ({:.3}–{:.3}) | {:.2} M/s ({:.2}–{:.2}) |",
        per_us(med),
        per_us(lo),
        per_us(hi),
        rate(med),
        rate(hi),
        rate(lo)
    );
    (med, text)
}

#[wasm_bindgen_test]
async fn bench_scheduler() {
    // Warm every path once so the JIT has compiled them.
    js_ms(js_ping_pong(10_000)).await;
    js_ms(js_gather(10_000)).await;
    spawn_local_ping_pong(10_000).await;
    ours_real(10_000, ping_pong).await;
    ours_real_split(10_000).await;
    ours_real(10_000, spawn_gather).await;
    ours_virtual(10_000);

    let (mut js, mut local, mut real, mut virt) = (vec![], vec![], vec![], vec![]);
    let (mut busy, mut idle, mut turns) = (vec![], vec![], vec![]);
    let (mut js_all, mut our_all) = (vec![], vec![]);
    let (mut switch_events, mut gather_events) = (0, 0);
    for _ in 0..REPEATS {
        settle().await;
        js.push(js_ms(js_ping_pong(SWITCHES)).await);
        settle().await;
        local.push(spawn_local_ping_pong(SWITCHES).await);
        settle().await;
        let (ms, events) = ours_real(SWITCHES, ping_pong).await;
        real.push(ms);
        switch_events = events;
        settle().await;
        let (b, i, t) = ours_real_split(SWITCHES).await;
        busy.push(b);
        idle.push(i);
        turns.push(t as f64);
        settle().await;
        virt.push(ours_virtual(SWITCHES));
        settle().await;
        js_all.push(js_ms(js_gather(TASKS)).await);
        settle().await;
        let (ms, events) = ours_real(TASKS, spawn_gather).await;
        our_all.push(ms);
        gather_events = events;
    }

    settle().await;
    let clock = RealClock::start();
    let t0 = now_ms();
    let mut sink = 0.0;
    for _ in 0..1_000_000 {
        sink += clock.now_us();
    }
    let now_ns = (now_ms() - t0) * 1e6 / 1e6;
    assert!(sink >= 0.0);

    let label = |what: &str| format!("two tasks taking turns, {SWITCHES} switches: {what}");
    let (js_med, text) = row(
        &label("raw JS `await null` in two async functions"),
        SWITCHES,
        &js,
    );
    console_log!("{text}");
    let (local_med, text) = row(
        &label("two spawn_local tasks waking each other (a microtask per wake)"),
        SWITCHES,
        &local,
    );
    console_log!("{text}");
    let (real_med, text) = row(
        &label(
            "our loop, real clock, traced, as the app drives it (page turns every 8 ms included)",
        ),
        SWITCHES,
        &real,
    );
    console_log!("{text}");
    let (busy_med, text) = row(
        &label("our loop, real clock, traced: time inside its batches only"),
        SWITCHES,
        &busy,
    );
    console_log!("{text}");
    let (idle_med, idle_lo, idle_hi) = spread(&idle);
    let (turns_med, _, _) = spread(&turns);
    console_log!(
        "SCHED | {} | {idle_med:.2} ms ({idle_lo:.2}–{idle_hi:.2}) in {turns_med:.0} turns | — |",
        label("our loop, real clock: idle, the page's turns between batches (whole run)")
    );
    let (virt_med, text) = row(
        &label("our loop, virtual clock (no performance.now()), traced"),
        SWITCHES,
        &virt,
    );
    console_log!("{text}");
    let gather = |what: &str| format!("spawn + gather {TASKS} tasks awaiting once each: {what}");
    let (js_all_med, text) = row(
        &gather("raw JS Promise.all of async functions"),
        TASKS,
        &js_all,
    );
    console_log!("{text}");
    let (our_all_med, text) = row(&gather("our loop, real clock, traced"), TASKS, &our_all);
    console_log!("{text}");
    console_log!("SCHED | performance.now() through the cached clock (1,000,000 calls) | {now_ns:.0} ns | — |");

    console_log!(
        "SRATIO | our loop (as the app drives it) vs raw JS await, per switch | {:.2}× the rate |",
        js_med / real_med
    );
    console_log!(
        "SRATIO | our loop (inside its batches) vs raw JS await, per switch | {:.2}× the rate |",
        js_med / busy_med
    );
    console_log!(
        "SRATIO | our loop (as the app drives it) vs two spawn_local tasks | {:.2}× the rate |",
        local_med / real_med
    );
    console_log!(
        "SRATIO | performance.now() share of a switch inside batches (real − virtual clock) | {:.0} of {:.0} ns |",
        (busy_med - virt_med) * 1e6 / SWITCHES as f64,
        busy_med * 1e6 / SWITCHES as f64
    );
    console_log!(
        "SRATIO | our spawn + gather vs raw JS Promise.all | {:.2}× the rate |",
        js_all_med / our_all_med
    );
    console_log!(
        "SRATIO | trace events recorded: {SWITCHES} switches / {TASKS} gathered tasks | {switch_events} / {gather_events} |"
    );
    // Machine-readable medians for scripts/bench.sh's ratios against CPython.
    console_log!(
        "SRATE | switches | {:.0} |",
        SWITCHES as f64 / real_med * 1000.0
    );
    console_log!(
        "SRATE | gather | {:.0} |",
        TASKS as f64 / our_all_med * 1000.0
    );
}

/// A timer row: each run's median and p99 lateness, as medians over the runs with their min–max.
fn timer_row(what: &str, runs: &[Vec<f64>]) -> f64 {
    let (meds, p99s): (Vec<f64>, Vec<f64>) = runs.iter().map(|r| median_p99(r)).unzip();
    let (med, lo, hi) = spread(&meds);
    let (p99, p99_lo, p99_hi) = spread(&p99s);
    console_log!(
        "TIMER | {what} | {med:.2} ms ({lo:.2}–{hi:.2}) | {p99:.2} ms ({p99_lo:.2}–{p99_hi:.2}) |"
    );
    med
}

#[wasm_bindgen_test]
async fn bench_timers() {
    js_late(js_sleeps_single(5, SLEEP_MS)).await;
    ours_late(1, 5).await;
    let (mut js_one, mut our_one, mut js_many, mut our_many) = (vec![], vec![], vec![], vec![]);
    for _ in 0..REPEATS {
        settle().await;
        js_one.push(js_late(js_sleeps_single(SINGLE_SLEEPS, SLEEP_MS)).await);
        settle().await;
        our_one.push(ours_late(1, SINGLE_SLEEPS).await);
        settle().await;
        js_many.push(js_late(js_sleeps_concurrent(CONCURRENT_SLEEPS, SLEEP_MS)).await);
        settle().await;
        our_many.push(ours_late(CONCURRENT_SLEEPS, 1).await);
    }
    let one =
        |what: &str| format!("{SINGLE_SLEEPS} sleeps of {SLEEP_MS} ms one after another: {what}");
    let many = |what: &str| format!("{CONCURRENT_SLEEPS} sleeps of {SLEEP_MS} ms at once: {what}");
    let js1 = timer_row(&one("raw `setTimeout`"), &js_one);
    let our1 = timer_row(
        &one("our loop's `sleep`, real clock, traced, as the app drives it"),
        &our_one,
    );
    let jsn = timer_row(&many("raw `setTimeout`"), &js_many);
    let ourn = timer_row(
        &many("our loop's `sleep`, real clock, traced, as the app drives it"),
        &our_many,
    );
    console_log!(
        "TRATIO | lateness our loop adds to raw `setTimeout`, single sleeps (medians) | {:+.2} ms |",
        our1 - js1
    );
    console_log!(
        "TRATIO | lateness our loop adds to raw `setTimeout`, {CONCURRENT_SLEEPS} at once (medians) | {:+.2} ms |",
        ourn - jsn
    );
}
