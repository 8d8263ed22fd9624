//! `run-until-complete`: the loop runs one task to its end; its result is read afterwards.

use super::no_check;
use crate::format::fmt_s;
use crate::lab::{Lab, LabResult};
use crate::scenario::{Code, Config, MainFuture, Mode, Needs, ParamSpec, Scenario};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "run-until-complete",
    topic: "asyncio-building-blocks",
    speed_ms_per_s: 100.0,
    modes: &[Mode {
        id: "run",
        needs: Needs::NOTHING,
        code: Code::Program(include_str!("../../programs/run-until-complete/run.py")),
    }],
    params: &[ParamSpec::seconds("seconds", "3")],
    check: no_check,
    main,
};

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let seconds = config.params.number("seconds");
        lab.print("Creation of tasks started");
        let task = lab.spawn("sample_task", sample_task(lab.clone(), seconds));
        let result = task.await?;
        lab.print(format!("Task status: {result}"));
        Ok(())
    })
}

async fn sample_task(lab: Lab, seconds: f64) -> LabResult<&'static str> {
    lab.print(format!("Task takes {} seconds to complete", fmt_s(seconds)));
    lab.sleep(seconds).await;
    Ok("task has been completed")
}
