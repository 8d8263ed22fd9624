//! `await`: awaiting a coroutine runs it to its end before the next line — two awaits in a row take
//! twice as long. The same work as two tasks overlaps.

use super::no_check;
use crate::lab::{Lab, LabResult};
use crate::scenario::{Code, Config, MainFuture, Mode, Needs, ParamSpec, Scenario};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "await",
    topic: "asyncio-building-blocks",
    speed_ms_per_s: 100.0,
    modes: &[
        Mode {
            id: "sequential",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/await/sequential.py")),
        },
        Mode {
            id: "tasks",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/await/tasks.py")),
        },
    ],
    params: &[ParamSpec::seconds("delay", "2")],
    check: no_check,
    main,
};

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let delay = config.params.number("delay");
        lab.print("Coroutine code is running");
        if config.mode == "tasks" {
            let first = lab.spawn("others 1", others(lab.clone(), delay));
            let second = lab.spawn("others 2", others(lab.clone(), delay));
            for handle in [first, second] {
                let response = handle.await?;
                lab.print(format!("IO request ends, response is {response}"));
            }
        } else {
            for _ in 0..2 {
                // Awaited in place: it runs on main's own lane.
                let response = others(lab.clone(), delay).await?;
                lab.print(format!("IO request ends, response is {response}"));
            }
        }
        Ok(())
    })
}

async fn others(lab: Lab, delay: f64) -> LabResult<&'static str> {
    lab.print("start");
    lab.sleep(delay).await;
    lab.print("end");
    Ok("success")
}
