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
    title: "Countdown: A, B, C",
    topic: "Sync, cooperative, async",
    speed_ms_per_s: 100.0,
    modes: &[
        Mode {
            id: "sync",
            label: "sync",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/countdown/sync.py")),
            note: "One call after another: B cannot start until A has finished all its waits, so the \
                   total is the sum of every delay (3 × 1 + 3 × 0.8 + 3 × 0.5 = 6.9 s). Each wait is a \
                   blocking span: the page itself is frozen while it lasts.",
        },
        Mode {
            id: "async",
            label: "async",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/countdown/async.py")),
            note: "All three tasks sleep at once, so their waits overlap: C prints first at 0.5 s, B \
                   at 0.8 s, A at 1.0 s, and the run takes as long as the slowest task (≈3.0 s), not the \
                   sum. The lanes are mostly light blue: waiting on a timer costs the loop nothing.",
        },
        Mode {
            id: "blocking",
            label: "blocking",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/countdown/blocking.py")),
            note: "The same tasks, but each waits with time.sleep: the task never gives the loop back, \
                   so A runs to the end before B even starts. Sequential again — 6.9 s — although the \
                   code says async. The hatched orange spans are the loop (and this page) frozen.",
        },
        Mode {
            id: "pool",
            label: "pool",
            needs: Needs::WORKER_POOL,
            code: Code::Program(include_str!("../../programs/countdown/pool.py")),
            note: "The blocking countdown, unchanged, but each one runs in a pool's worker (a Web \
                   Worker): the busy-wait sleeps hold the workers, not the loop, so the lines \
                   interleave as in async and the run takes ≈3.0 s again. The tasks A, B, C only \
                   await their jobs; with fewer workers than letters a countdown waits for a free \
                   worker.",
        },
    ],
    params: &[
        ParamSpec {
            id: "letters",
            label: "letters",
            kind: ParamKind::NameList {
                max_len: 8,
                max_chars: 12,
            },
            default: "A,B,C",
            help: "task names, comma-separated",
            modes: &[],
        },
        ParamSpec {
            id: "delays",
            label: "delays",
            kind: ParamKind::NumberList {
                min: 0.0,
                max: 60.0,
                max_len: 8,
            },
            default: "1,0.8,0.5",
            help: "seconds between counts, one per letter",
            modes: &[],
        },
        ParamSpec {
            id: "count",
            label: "count",
            kind: ParamKind::Int { min: 1, max: 20 },
            default: "3",
            help: "each letter counts down from this",
            modes: &[],
        },
        ParamSpec {
            id: "workers",
            label: "workers",
            kind: ParamKind::Int { min: 0, max: 8 },
            default: "3",
            help: "Web Workers in the pool (they sleep, so more than the cores is fine); \
                   0: one per core (at most 4)",
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
        return vec![ParamError::new(
            "delays",
            format!(
                "give one delay per letter: {} letters, {} delays",
                letters.len(),
                delays.len()
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
