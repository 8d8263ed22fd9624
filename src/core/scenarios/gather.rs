//! `gather`: two tasks of 5 s and 10 s. Gathered they take 10 s (the longest); called one after
//! the other with blocking sleeps they take 15 s (the sum).

use super::freeze_check;
use crate::core::lab::{fmt_s, Lab, LabResult};
use crate::core::scenario::{Config, MainFuture, Mode, ParamError, ParamKind, ParamSpec, Scenario};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "gather",
    title: "gather: the longest, not the sum",
    topic: "asyncio building blocks",
    modes: &[
        Mode {
            id: "gather",
            label: "gather",
            python: r#"import asyncio, time

async def task(duration):
    print("starting task", elapsed())
    await asyncio.sleep(duration)
    print("stopping task", elapsed())

async def main():
    await asyncio.gather(task(5), task(10))

start = time.perf_counter()
asyncio.run(main())
t = elapsed()
print(f"executed in {t:0.2f} seconds.")"#,
            note: "gather starts both coroutines as tasks and waits for all of them: both sleeps run \
                   at once, so the program ends when the longest does — 10 s, not 5 + 10.",
        },
        Mode {
            id: "sequential",
            label: "sequential",
            python: r#"import time

def task(duration):
    print("starting task", elapsed())
    time.sleep(duration)   # blocks
    print("stopping task", elapsed())

start = time.perf_counter()
task(5)
task(10)
t = elapsed()
print(f"executed in {t:0.2f} seconds.")"#,
            note: "The synchronous version: each call blocks until its sleep is over, so the second \
                   task only starts after the first ends. 5 + 10 = 15 s, and the page is frozen while \
                   each sleep lasts.",
        },
    ],
    params: &[ParamSpec {
        id: "durations",
        label: "durations",
        kind: ParamKind::NumberList {
            min: 0.0,
            max: 60.0,
            max_len: 8,
        },
        default: "5,10",
        help: "seconds each task takes",
        modes: &[],
    }],
    check,
    main,
};

fn check(config: &Config) -> Vec<ParamError> {
    let blocked_s = match config.mode {
        "sequential" => config.params.numbers("durations").iter().sum(),
        _ => 0.0,
    };
    freeze_check(blocked_s, config.speed_ms_per_s)
}

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let durations = config.params.numbers("durations").to_vec();
        let blocking = config.mode == "sequential";
        if blocking {
            for (i, &d) in durations.iter().enumerate() {
                let name = format!("task({})", fmt_s(d));
                let name = if durations[..i].contains(&d) {
                    format!("{name} #{}", i + 1)
                } else {
                    name
                };
                lab.spawn(&name, task(lab.clone(), d, true)).await?;
            }
        } else {
            let handles = durations
                .iter()
                .enumerate()
                .map(|(i, &d)| {
                    let name = format!("task({})", fmt_s(d));
                    let name = if durations[..i].contains(&d) {
                        format!("{name} #{}", i + 1)
                    } else {
                        name
                    };
                    lab.spawn(&name, task(lab.clone(), d, false))
                })
                .collect();
            for result in lab.gather(handles).await {
                result?;
            }
        }
        lab.print(format!("executed in {:.2} seconds.", lab.now_s()));
        Ok(())
    })
}

async fn task(lab: Lab, duration: f64, blocking: bool) -> LabResult {
    lab.print(format!("starting task {:.3}", lab.now_s()));
    if blocking {
        lab.block(duration);
    } else {
        lab.sleep(duration).await;
    }
    lab.print(format!("stopping task {:.3}", lab.now_s()));
    Ok(())
}
