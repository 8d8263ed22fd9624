//! `wait-timeout`: `asyncio.wait` with a timeout returns the tasks done by then and those still
//! pending; pending tasks keep running unless cancelled.

use super::no_check;
use crate::format::fmt_s;
use crate::lab::{Lab, LabError, LabResult};
use crate::scenario::{Code, Config, MainFuture, Mode, Needs, ParamKind, ParamSpec, Scenario};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "wait-timeout",
    topic: "asyncio-building-blocks",
    speed_ms_per_s: 100.0,
    modes: &[
        Mode {
            id: "wait",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/wait-timeout/wait.py")),
        },
        Mode {
            id: "cancel",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/wait-timeout/cancel.py")),
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
            default: "2,2",
            modes: &[],
        },
        ParamSpec::seconds("timeout", "1"),
    ],
    check: no_check,
    main,
};

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let timeout = config.params.number("timeout");
        let handles: Vec<_> = config
            .params
            .numbers("durations")
            .iter()
            .enumerate()
            .map(|(i, &s)| lab.spawn(&format!("task{}", i + 1), func(lab.clone(), s)))
            .collect();
        let (done, pending) = lab.wait(&handles, Some(timeout)).await;
        lab.print(format!("done: {} pending: {}", done.len(), pending.len()));
        if config.mode == "cancel" {
            for &i in &pending {
                handles[i].cancel();
            }
        }
        for result in lab.gather(handles).await {
            match result {
                Ok(_) | Err(LabError::Cancelled) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    })
}

async fn func(lab: Lab, seconds: f64) -> LabResult<f64> {
    lab.print(format!("start {}", fmt_s(seconds)));
    lab.sleep(seconds).await;
    lab.print(format!("end {}", fmt_s(seconds)));
    Ok(seconds)
}
