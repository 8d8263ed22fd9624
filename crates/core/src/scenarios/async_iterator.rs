//! `async-iterator`: an async counter to 10 consumed with `async for`, optionally awaiting a sleep
//! per item.

use super::no_check;
use crate::lab::{Lab, LabResult};
use crate::scenario::{Code, Config, MainFuture, Mode, Needs, ParamKind, ParamSpec, Scenario};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "async-iterator",
    topic: "asyncio-building-blocks",
    speed_ms_per_s: 100.0,
    modes: &[Mode {
        id: "async-for",
        needs: Needs::NOTHING,
        code: Code::Program(include_str!("../../programs/async-iterator/async-for.py")),
    }],
    params: &[
        ParamSpec {
            id: "count",
            kind: ParamKind::Int { min: 0, max: 100 },
            default: "10",
            modes: &[],
        },
        ParamSpec {
            id: "delay",
            kind: ParamKind::Number {
                min: 0.0,
                max: 10.0,
            },
            default: "0",
            modes: &[],
        },
    ],
    check: no_check,
    main,
};

/// The tutorial's `Counter`: an async iterator over 1..=stop.
struct Counter {
    lab: Lab,
    num: i64,
    stop: i64,
    delay_s: f64,
}

impl Counter {
    /// `__anext__`: the next number, or `None` for `StopAsyncIteration`.
    async fn next(&mut self) -> Option<i64> {
        if self.delay_s > 0.0 {
            self.lab.sleep(self.delay_s).await;
        }
        self.num += 1;
        (self.num <= self.stop).then_some(self.num)
    }
}

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let mut counter = Counter {
            lab: lab.clone(),
            num: 0,
            stop: config.params.int("count"),
            delay_s: config.params.number("delay"),
        };
        consume(&lab, &mut counter).await
    })
}

async fn consume(lab: &Lab, counter: &mut Counter) -> LabResult {
    while let Some(i) = counter.next().await {
        lab.print(i.to_string());
    }
    Ok(())
}
