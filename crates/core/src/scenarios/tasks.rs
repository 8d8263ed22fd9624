//! `tasks`: creating a task schedules it; it first runs when the creating coroutine gives the loop
//! a turn. So `main end` prints before either task prints `1`.

use super::no_check;
use crate::lab::{Lab, LabResult};
use crate::scenario::{Code, Config, MainFuture, Mode, Needs, ParamKind, ParamSpec, Scenario};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "tasks",
    topic: "asyncio-building-blocks",
    speed_ms_per_s: 100.0,
    modes: &[Mode {
        id: "tasks",
        needs: Needs::NOTHING,
        code: Code::Program(include_str!("../../programs/tasks/tasks.py")),
    }],
    params: &[
        ParamSpec::seconds("delay", "2"),
        ParamSpec {
            id: "count",
            kind: ParamKind::Int { min: 1, max: 8 },
            default: "2",
            modes: &[],
        },
    ],
    check: no_check,
    main,
};

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let delay = config.params.number("delay");
        let count = config.params.int("count").max(1);
        lab.print("main start");
        let handles: Vec<_> = (1..=count)
            .map(|i| lab.spawn(&format!("task{i}"), func(lab.clone(), delay)))
            .collect();
        lab.print("main end");
        let mut results = Vec::new();
        for handle in handles {
            results.push(handle.await?);
        }
        lab.print(results.join(" "));
        Ok(())
    })
}

async fn func(lab: Lab, delay: f64) -> LabResult<&'static str> {
    lab.print("1");
    lab.sleep(delay).await;
    lab.print("2");
    Ok("success")
}
