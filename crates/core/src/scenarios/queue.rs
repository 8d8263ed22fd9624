//! `queue`: a FIFO of work shared by tasks One, Two, … — the Real Python tutorial's four programs:
//! synchronous, cooperative generators, blocking sleeps, and asyncio.

use super::freeze_check;
use crate::lab::{Lab, LabResult, Queue};
use crate::scenario::{
    Code, Config, MainFuture, Mode, Needs, ParamError, ParamKind, ParamSpec, Scenario,
};

/// Task names as the tutorial spells them.
pub const TASK_NAMES: [&str; 8] = [
    "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight",
];

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "queue",
    topic: "sync-cooperative-async",
    speed_ms_per_s: 100.0,
    modes: &[
        Mode {
            id: "sync",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/queue/sync.py")),
        },
        Mode {
            id: "generator",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/queue/generator.py")),
        },
        Mode {
            id: "blocking",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/queue/blocking.py")),
        },
        Mode {
            id: "async",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/queue/async.py")),
        },
    ],
    params: &[
        ParamSpec {
            id: "work",
            kind: ParamKind::IntList {
                min: 0,
                max: 100,
                max_len: 20,
            },
            default: "15,10,5,2",
            modes: &[],
        },
        ParamSpec {
            id: "tasks",
            kind: ParamKind::Int { min: 1, max: 8 },
            default: "2",
            modes: &[],
        },
    ],
    check,
    main,
};

fn check(config: &Config) -> Vec<ParamError> {
    let blocked_s = match config.mode {
        "blocking" => config.params.ints("work").iter().sum::<i64>() as f64,
        _ => 0.0,
    };
    freeze_check(blocked_s, config.speed_ms_per_s)
}

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let work = Queue::from_items(config.params.ints("work").iter().copied());
        let tasks = config.params.int("tasks").clamp(1, TASK_NAMES.len() as i64) as usize;
        let names = &TASK_NAMES[..tasks];
        let start = lab.now_s();
        if config.mode == "sync" {
            for &name in names {
                lab.spawn(name, sync_task(lab.clone(), name, work.clone()))
                    .await?;
            }
            return Ok(());
        }
        let handles = names
            .iter()
            .map(|&name| {
                let (lab2, work) = (lab.clone(), work.clone());
                match config.mode {
                    "generator" => lab.spawn(name, generator_task(lab2, name, work)),
                    "blocking" => lab.spawn(name, blocking_task(lab2, name, work)),
                    _ => lab.spawn(name, async_task(lab2, name, work)),
                }
            })
            .collect();
        for result in lab.gather(handles).await {
            result?;
        }
        if config.mode != "generator" {
            lab.print(format!("Total elapsed time: {:.1}", lab.now_s() - start));
        }
        Ok(())
    })
}

async fn sync_task(lab: Lab, name: &'static str, work: Queue<i64>) -> LabResult {
    if work.is_empty() {
        lab.print(format!("Task {name} nothing to do"));
        return Ok(());
    }
    while let Some(count) = work.try_get() {
        let _item = lab.span("item", Some(count as f64));
        lab.print(format!("Task {name} running"));
        let total = lab.count(count.max(0) as u64);
        lab.print(format!("Task {name} total: {total}"));
    }
    Ok(())
}

async fn generator_task(lab: Lab, name: &'static str, work: Queue<i64>) -> LabResult {
    while let Some(count) = work.try_get() {
        let _item = lab.span("item", Some(count as f64));
        lab.print(format!("Task {name} running"));
        let mut total = 0;
        for _ in 0..count {
            total += 1;
            lab.yield_now().await;
        }
        lab.print(format!("Task {name} total: {total}"));
    }
    Ok(())
}

async fn blocking_task(lab: Lab, name: &'static str, work: Queue<i64>) -> LabResult {
    while let Some(delay) = work.try_get() {
        let item = lab.span("item", Some(delay as f64));
        lab.print(format!("Task {name} running"));
        let start = lab.now_s();
        lab.block(delay as f64);
        lab.print(format!(
            "Task {name} elapsed time: {:.1}",
            lab.now_s() - start
        ));
        drop(item);
        lab.yield_now().await;
    }
    Ok(())
}

async fn async_task(lab: Lab, name: &'static str, work: Queue<i64>) -> LabResult {
    while !work.is_empty() {
        let delay = work.get().await;
        let _item = lab.span("item", Some(delay as f64));
        lab.print(format!("Task {name} running"));
        let start = lab.now_s();
        lab.sleep(delay as f64).await;
        lab.print(format!(
            "Task {name} elapsed time: {:.1}",
            lab.now_s() - start
        ));
    }
    Ok(())
}
