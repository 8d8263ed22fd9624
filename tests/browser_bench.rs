//! Browser benchmark (not a test: it asserts nothing about speed). Run by `scripts/bench.sh`, which
//! copies the printed figures into BENCHMARKS.md. Measures, side by side in one run: a task switch
//! through `wasm_bindgen_futures::spawn_local` (each wake a microtask) against one through our
//! loop (its own ready queue, one timestamp per poll), and what a timestamp costs.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use awaitlab::browser::clock::RealClock;
use awaitlab::browser::driver::drive;
use awaitlab_core::clock::{Clock, VirtualClock};
use awaitlab_core::executor::{Executor, Status};
use awaitlab_core::lab::Lab;
use awaitlab_core::trace::{RunMeta, Source};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SWITCHES: u32 = 200_000;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Yields `left` times by waking itself: every wake goes through spawn_local's microtask queue.
struct SelfWake {
    left: u32,
}

impl Future for SelfWake {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn spawn_local_switches(n: u32) -> f64 {
    let done = Rc::new(Cell::new(false));
    let flag = done.clone();
    let t0 = now_ms();
    wasm_bindgen_futures::spawn_local(async move {
        SelfWake { left: n }.await;
        flag.set(true);
    });
    while !done.get() {
        gloo_timers::future::TimeoutFuture::new(0).await;
    }
    now_ms() - t0
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

async fn yielder(lab: Lab, n: u32) -> awaitlab_core::lab::LabResult {
    for _ in 0..n {
        lab.yield_now().await;
    }
    Ok(())
}

#[wasm_bindgen_test]
async fn bench_task_switches() {
    // Warm up both paths once so the JIT has compiled them.
    spawn_local_switches(10_000).await;
    let warm = Executor::new(Rc::new(RealClock::start()), meta());
    ping_pong(&warm, 10_000);
    drive(&warm).await;

    let raw_ms = spawn_local_switches(SWITCHES).await;

    let real = Executor::new(Rc::new(RealClock::start()), meta());
    ping_pong(&real, SWITCHES);
    let t0 = now_ms();
    drive(&real).await;
    let real_ms = now_ms() - t0;
    let events = real.with_trace(|t| t.events.len());

    let virt = Executor::new(Rc::new(VirtualClock::new()), meta());
    ping_pong(&virt, SWITCHES);
    let t0 = now_ms();
    while virt.run_batch(f64::INFINITY, u64::MAX) != Status::Finished {}
    let virt_ms = now_ms() - t0;

    let clock = RealClock::start();
    let t0 = now_ms();
    let mut sink = 0.0;
    for _ in 0..1_000_000 {
        sink += clock.now_us();
    }
    let now_ns = (now_ms() - t0) * 1e6 / 1e6;
    assert!(sink >= 0.0);

    let n = SWITCHES as f64;
    let per_us = |ms: f64| ms * 1000.0 / n;
    console_log!(
        "BENCH | task switch via spawn_local (microtask per wake) | {:.3} µs | {:.2} M/s |",
        per_us(raw_ms),
        n / raw_ms / 1000.0
    );
    console_log!(
        "BENCH | task switch via our loop, real clock, traced | {:.3} µs | {:.2} M/s |",
        per_us(real_ms),
        n / real_ms / 1000.0
    );
    console_log!(
        "BENCH | task switch via our loop, virtual clock, traced | {:.3} µs | {:.2} M/s |",
        per_us(virt_ms),
        n / virt_ms / 1000.0
    );
    console_log!(
        "BENCH | performance.now() through the cached clock | {:.0} ns | — |",
        now_ns
    );
    console_log!(
        "RATIO | our traced loop vs spawn_local | {:.2}× faster per switch |",
        raw_ms / real_ms
    );
    console_log!(
        "RATIO | trace events recorded for {} switches | {} |",
        SWITCHES,
        events
    );
}
