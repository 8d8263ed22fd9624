//! `countdown`: letters count down from 3, each at its own pace — sequentially, as concurrent tasks,
//! as tasks that (wrongly) block the loop, and as blocking countdowns run in a pool of workers.

use super::freeze_check;
use crate::backend::pool::resolve_workers;
use crate::kernels::Job;
use crate::lab::{Lab, LabError, LabResult};
use crate::scenario::{
    Code, Config, MainFuture, Mode, Needs, ParamError, ParamKind, ParamSpec, Scenario,
};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "countdown",
    topic: "sync-cooperative-async",
    speed_ms_per_s: 100.0,
    modes: &[
        Mode {
            id: "sync",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/countdown/sync.py")),
        },
        Mode {
            id: "async",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/countdown/async.py")),
        },
        Mode {
            id: "blocking",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/countdown/blocking.py")),
        },
        Mode {
            id: "pool",
            needs: Needs::WORKER_POOL,
            code: Code::Program(include_str!("../../programs/countdown/pool.py")),
        },
    ],
    params: &[
        ParamSpec {
            id: "letters",
            kind: ParamKind::NameList {
                max_len: 8,
                max_chars: 12,
            },
            default: "A,B,C",
            modes: &[],
        },
        ParamSpec {
            id: "delays",
            kind: ParamKind::NumberList {
                min: 0.0,
                max: 60.0,
                max_len: 8,
            },
            default: "1,0.8,0.5",
            modes: &[],
        },
        ParamSpec {
            id: "count",
            kind: ParamKind::Int { min: 1, max: 20 },
            default: "3",
            modes: &[],
        },
        ParamSpec {
            id: "workers",
            kind: ParamKind::Int { min: 0, max: 8 },
            default: "3",
            modes: &["pool"],
        },
    ],
    check,
    main,
};

fn check(config: &Config) -> Vec<ParamError> {
    let p = &config.params;
    let (letters, delays) = (p.names("letters"), p.numbers("delays"));
    if letters.len() != delays.len() {
        return vec![ParamError::said(
            "delays",
            crate::words!(
                "check-countdown-delays",
                letters = letters.len(),
                delays = delays.len()
            ),
        )];
    }
    let blocked_s = if matches!(config.mode, "async" | "pool") {
        0.0
    } else {
        delays.iter().sum::<f64>() * p.int("count") as f64
    };
    freeze_check(blocked_s, config.speed_ms_per_s)
}

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let letters = config.params.names("letters").to_vec();
        let delays = config.params.numbers("delays").to_vec();
        let count = config.params.int("count");
        let blocking = config.mode != "async";
        let jobs = letters.into_iter().zip(delays).enumerate();
        if config.mode == "pool" {
            // Each countdown is one job for the pool; the tasks only await it.
            let pool = lab.pool(resolve_workers(config.params.int("workers")));
            let handles = jobs
                .map(|(i, (name, delay))| {
                    let job = Job::Countdown {
                        name: name.clone(),
                        delay_us: lab.s_to_us(delay),
                        count: count.max(0) as u32,
                        column: i as u32,
                    };
                    let run = pool.run_in_executor(job);
                    lab.spawn(&name, async move {
                        run.await
                            .map(drop)
                            .map_err(|e| LabError::Failed(e.to_string()))
                    })
                })
                .collect();
            drop(pool);
            for result in lab.gather(handles).await {
                result?;
            }
        } else if config.mode == "sync" {
            // Plain function calls: each one runs to its end before the next starts.
            for (i, (name, delay)) in jobs {
                let task = count_down(lab.clone(), name.clone(), delay, count, i, true);
                lab.spawn(&name, task).await?;
            }
        } else {
            let handles = jobs
                .map(|(i, (name, delay))| {
                    let task = count_down(lab.clone(), name.clone(), delay, count, i, blocking);
                    lab.spawn(&name, task)
                })
                .collect();
            for result in lab.gather(handles).await {
                result?;
            }
        }
        lab.print("Done.");
        Ok(())
    })
}

async fn count_down(
    lab: Lab,
    name: String,
    delay_s: f64,
    count: i64,
    column: usize,
    blocking: bool,
) -> LabResult {
    let indent = "\t".repeat(column);
    for n in (1..=count).rev() {
        let _step = lab.span("count", Some(n as f64));
        if blocking {
            lab.block(delay_s);
        } else {
            lab.sleep(delay_s).await;
        }
        lab.print(format!("{:.4} \t{indent}{name} = {n}", lab.now_s()));
    }
    Ok(())
}
