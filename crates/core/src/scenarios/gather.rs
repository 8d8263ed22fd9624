//! `gather`: two tasks of 5 s and 10 s. Gathered they take 10 s (the longest); called one after
//! the other with blocking sleeps they take 15 s (the sum); handed to a pool of workers, the same
//! blocking sleeps overlap again (10 s).

use super::freeze_check;
use crate::backend::pool::resolve_workers;
use crate::format::fmt_s;
use crate::kernels::Job;
use crate::lab::pool::LabPool;
use crate::lab::{Lab, LabError, LabResult};
use crate::scenario::{
    Code, Config, MainFuture, Mode, Needs, ParamError, ParamKind, ParamSpec, Scenario,
};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "gather",
    topic: "asyncio-building-blocks",
    speed_ms_per_s: 100.0,
    modes: &[
        Mode {
            id: "gather",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/gather/gather.py")),
        },
        Mode {
            id: "sequential",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/gather/sequential.py")),
        },
        Mode {
            id: "threads",
            needs: Needs::WORKER_POOL,
            code: Code::Program(include_str!("../../programs/gather/threads.py")),
        },
    ],
    params: &[
        ParamSpec {
            id: "durations",
            kind: ParamKind::NumberList {
                min: 0.0,
                max: 60.0,
                max_len: 8,
            },
            default: "5,10",
            modes: &[],
        },
        ParamSpec {
            id: "workers",
            kind: ParamKind::Int { min: 0, max: 8 },
            default: "2",
            modes: &["threads"],
        },
    ],
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
        let pool = (config.mode == "threads")
            .then(|| lab.pool(resolve_workers(config.params.int("workers"))));
        if blocking {
            for (i, &d) in durations.iter().enumerate() {
                let name = format!("task({})", fmt_s(d));
                let name = if durations[..i].contains(&d) {
                    format!("{name} #{}", i + 1)
                } else {
                    name
                };
                lab.spawn(&name, task(lab.clone(), d, true, None)).await?;
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
                    lab.spawn(&name, task(lab.clone(), d, false, pool.clone()))
                })
                .collect();
            drop(pool);
            for result in lab.gather(handles).await {
                result?;
            }
        }
        lab.print(format!("executed in {:.2} seconds.", lab.now_s()));
        Ok(())
    })
}

async fn task(lab: Lab, duration: f64, blocking: bool, pool: Option<LabPool>) -> LabResult {
    lab.print(format!("starting task {:.3}", lab.now_s()));
    if let Some(pool) = pool {
        // The blocking sleep runs on a worker; the task only awaits it.
        let job = Job::Sleep {
            us: lab.s_to_us(duration),
        };
        pool.run_in_executor(job)
            .await
            .map_err(|e| LabError::Failed(e.to_string()))?;
    } else if blocking {
        lab.block(duration);
    } else {
        lab.sleep(duration).await;
    }
    lab.print(format!("stopping task {:.3}", lab.now_s()));
    Ok(())
}
