//! `scale`: many tasks at once. Up to 100,000 tasks are created together and gathered; each
//! takes `yields` turns of the loop (`await asyncio.sleep(0)`), then sleeps `sleeps` times for
//! `sleep` seconds. The sleeps overlap, so the run takes `sleeps × sleep` whatever the number of
//! tasks; what grows with them is the loop's work (one poll per task per wake) and the trace.
//!
//! Every task is a lane. The timeline gives each lane 38 px, so past about 860 tasks the lanes
//! are taller than a browser lets a canvas be (32,767 px in Chromium): the summary and the
//! console still read the run, and the trace exports whole.
//!
//! The mode's program is what the page runs. Measured natively (release build of the
//! interpreter, `cargo run --release -p awaitlab-python --example run`, 2 sleeps a task):
//! 10,000 tasks in 0.3 s and 49 MB peak; 100,000 in 3.0 s and 457 MB; 100,000 with 10 yields
//! each in 5.4 s and 683 MB. This Rust scenario, which the program is checked against
//! (`crates/python/tests/catalog_programs.rs`) and which would run were the program dropped,
//! predicts 100,000 tasks × 1 sleep in 2.8 s and 210 MB peak in a debug build.

use crate::lab::{Lab, LabResult};
use crate::scenario::{Code, Config, MainFuture, Mode, Needs, ParamKind, ParamSpec, Scenario};

/// Most tasks a run may create.
pub const MAX_TASKS: i64 = 100_000;

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "scale",
    topic: "scale",
    // Real time: the sleeps are short, and what is measured against the prediction is how late
    // the loop wakes many tasks, not a tutorial's seconds.
    speed_ms_per_s: 1000.0,
    modes: &[Mode {
        id: "async",
        needs: Needs::NOTHING,
        code: Code::Program(include_str!("../../programs/scale/async.py")),
    }],
    params: &[
        ParamSpec {
            id: "tasks",
            kind: ParamKind::Int {
                min: 1,
                max: MAX_TASKS,
            },
            default: "100",
            modes: &[],
        },
        ParamSpec {
            id: "yields",
            kind: ParamKind::Int { min: 0, max: 100 },
            default: "0",
            modes: &[],
        },
        ParamSpec {
            id: "sleeps",
            kind: ParamKind::Int { min: 0, max: 10 },
            default: "2",
            modes: &[],
        },
        ParamSpec::seconds("sleep", "0.1"),
    ],
    check: super::no_check,
    main,
};

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let tasks = config.params.int("tasks");
        let yields = config.params.int("yields");
        let sleeps = config.params.int("sleeps");
        let sleep_s = config.params.number("sleep");
        let handles = (0..tasks)
            .map(|i| {
                let task = worker(lab.clone(), yields, sleeps, sleep_s);
                lab.spawn(&format!("t{i}"), task)
            })
            .collect();
        for result in lab.gather(handles).await {
            result?;
        }
        lab.print(format!("{tasks} tasks done in {:.2} seconds.", lab.now_s()));
        Ok(())
    })
}

async fn worker(lab: Lab, yields: i64, sleeps: i64, sleep_s: f64) -> LabResult {
    for _ in 0..yields {
        lab.yield_now().await;
    }
    for _ in 0..sleeps {
        // As asyncio does, a sleep of 0 is one turn of the loop, not a timer.
        if sleep_s > 0.0 {
            lab.sleep(sleep_s).await;
        } else {
            lab.yield_now().await;
        }
    }
    Ok(())
}
