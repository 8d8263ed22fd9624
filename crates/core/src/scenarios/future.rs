//! `future`: a bare future with no work of its own; another task sets its result after 2 s, and
//! the task awaiting it wakes then.

use super::no_check;
use crate::lab::{Lab, LabFuture, LabResult};
use crate::scenario::{Code, Config, MainFuture, Mode, Needs, ParamKind, ParamSpec, Scenario};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "future",
    topic: "asyncio-building-blocks",
    speed_ms_per_s: 100.0,
    modes: &[Mode {
        id: "future",
        needs: Needs::NOTHING,
        code: Code::Program(include_str!("../../programs/future/future.py")),
    }],
    params: &[
        ParamSpec::seconds("delay", "2"),
        ParamSpec {
            id: "value",
            kind: ParamKind::Int {
                min: -1_000_000,
                max: 1_000_000,
            },
            default: "666",
            modes: &[],
        },
    ],
    check: no_check,
    main,
};

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let delay = config.params.number("delay");
        let value = config.params.int("value");
        let fut: LabFuture<i64> = LabFuture::new();
        let setter = lab.spawn(
            "set_after",
            set_after(lab.clone(), fut.clone(), delay, value),
        );
        let data = fut.await;
        lab.print(data.to_string());
        setter.await
    })
}

async fn set_after(lab: Lab, fut: LabFuture<i64>, delay: f64, value: i64) -> LabResult {
    lab.sleep(delay).await;
    fut.set_result(value);
    Ok(())
}
