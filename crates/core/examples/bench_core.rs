//! Native benchmark of the pure core (run by `scripts/bench.sh`): the virtual executor's switch
//! rate, a whole predicted run, and the timeline layout of a 100,000-span trace at one zoom, with
//! level-of-detail merging. Prints `BENCH` rows that the script copies into BENCHMARKS.md.

use std::rc::Rc;
use std::time::Instant;

use awaitlab_core::clock::VirtualClock;
use awaitlab_core::executor::{Executor, Status};
use awaitlab_core::lab::{Lab, LabResult};
use awaitlab_core::layout::{bars, SpanIndex, Viewport};
use awaitlab_core::run::predict;
use awaitlab_core::scenario::Draft;
use awaitlab_core::scenarios::find;
use awaitlab_core::trace::{RunMeta, Source};

fn meta() -> RunMeta {
    RunMeta {
        scenario: "bench".into(),
        mode: "yield".into(),
        params: Vec::new(),
        speed_ms_per_s: 100.0,
        source: Source::Predicted,
    }
}

async fn yielder(lab: Lab, n: u32) -> LabResult {
    for _ in 0..n {
        lab.yield_now().await;
        lab.sleep(0.000_01).await;
    }
    Ok(())
}

fn main() {
    // 1. Virtual executor: two tasks alternating yield and a tiny sleep (timer heap in use).
    let n = 200_000u32;
    let exec = Executor::new(Rc::new(VirtualClock::new()), meta());
    let lab = Lab::predicted(exec.clone());
    let lab2 = lab.clone();
    drop(lab.spawn("main", async move {
        let a = lab2.spawn("A", yielder(lab2.clone(), n / 2));
        let b = lab2.spawn("B", yielder(lab2.clone(), n / 2));
        let _ = lab2.gather(vec![a, b]).await;
        Ok(())
    }));
    let clock_exec = exec.clone();
    let t0 = Instant::now();
    loop {
        match clock_exec.run_batch(f64::INFINITY, u64::MAX) {
            Status::Finished => break,
            Status::Idle {
                next_deadline_us: Some(t),
                ..
            } => {
                // Advance through the executor's own clock.
                clock_exec.clock().advance_to(t);
            }
            _ => {}
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let polls = exec.polls() as f64;
    let events = exec.with_trace(|t| t.events.len());
    println!(
        "BENCH | virtual loop: poll with yield + timer, traced | {:.3} µs | {:.2} M polls/s |",
        secs * 1e6 / polls,
        polls / secs / 1e6
    );

    // 2. A whole predicted run of a tutorial scenario.
    let scenario = find("queue").expect("queue");
    let mut draft = Draft::defaults(scenario);
    draft.mode = "generator";
    draft.set_text("work", "100,100,100,100,100,100,100,100".into());
    draft.set_text("tasks", "8".into());
    let config = draft.validate(scenario).expect("valid");
    let t0 = Instant::now();
    let reps = 200;
    let mut trace = None;
    for _ in 0..reps {
        trace = Some(predict(scenario, &draft, config.clone()));
    }
    let per_run_ms = t0.elapsed().as_secs_f64() * 1e3 / reps as f64;
    let spans = trace.map_or(0, |t| t.events.len());
    println!(
        "BENCH | predict queue/generator, 8 tasks × 100 units ({spans} events) | {per_run_ms:.3} ms | — |"
    );

    // 3. Layout of the 200,000-poll trace above at 1200 px: the whole run, and zoomed to 1 %.
    let trace = exec.trace();
    let t0 = Instant::now();
    let index = SpanIndex::new(&trace);
    let index_ms = t0.elapsed().as_secs_f64() * 1e3;
    println!("BENCH | index {events} events for drawing (once per trace) | {index_ms:.1} ms | — |");
    let whole = Viewport::fit(trace.extent_us(), 1200.0);
    let zoomed = Viewport {
        start_us: whole.end_us * 0.5,
        end_us: whole.end_us * 0.51,
        width_px: 1200.0,
    };
    let mut drawn = 0;
    for (name, vp) in [("whole run", whole), ("zoomed to 1 %", zoomed)] {
        let t0 = Instant::now();
        let reps = 20;
        for _ in 0..reps {
            drawn = index.bars(&trace, &vp).len();
        }
        let per_frame_ms = t0.elapsed().as_secs_f64() * 1e3 / reps as f64;
        println!("BENCH | frame layout, {name}: {drawn} bars | {per_frame_ms:.2} ms | — |");
    }
    let t0 = Instant::now();
    let drawn_whole = bars(&trace, &whole).len();
    let unindexed_ms = t0.elapsed().as_secs_f64() * 1e3;
    println!("BENCH | frame layout without a kept index (sorts every frame) | {unindexed_ms:.2} ms | — |");
    drawn = drawn.max(drawn_whole);
    println!(
        "RATIO | events per drawn bar at full zoom-out | {:.0}× fewer rectangles |",
        events as f64 / drawn.max(1) as f64
    );
}
