//! `coroutines`: two coroutines print 1/3, sleep, then print 2/4 — written the legacy way
//! (`@asyncio.coroutine` with `yield from`) and the modern way (`async`/`await`). They behave alike.

use super::no_check;
use crate::lab::{Lab, LabResult};
use crate::scenario::{Code, Config, MainFuture, Mode, Needs, ParamSpec, Scenario};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "coroutines",
    topic: "asyncio-building-blocks",
    speed_ms_per_s: 100.0,
    modes: &[
        Mode {
            id: "modern",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/coroutines/modern.py")),
        },
        Mode {
            id: "legacy",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/coroutines/legacy.py")),
        },
    ],
    params: &[ParamSpec::seconds("delay", "2")],
    check: no_check,
    main,
};

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let delay = config.params.number("delay");
        let tasks = [("func1", "1", "2"), ("func2", "3", "4")]
            .into_iter()
            .map(|(name, before, after)| {
                lab.spawn(name, coroutine(lab.clone(), before, after, delay))
            })
            .collect();
        for result in lab.gather(tasks).await {
            result?;
        }
        Ok(())
    })
}

async fn coroutine(lab: Lab, before: &'static str, after: &'static str, delay: f64) -> LabResult {
    lab.print(before);
    lab.sleep(delay).await;
    lab.print(after);
    Ok(())
}
