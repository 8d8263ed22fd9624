//! `async-context`: `async with` calls `__aenter__`, runs the body, then awaits `__aexit__` — which
//! sees an error raised in the body and can clean up before it propagates.

use super::no_check;
use crate::lab::{Lab, LabError, LabResult};
use crate::scenario::{Code, Config, MainFuture, Mode, Needs, ParamSpec, Scenario};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "async-context",
    topic: "asyncio-building-blocks",
    speed_ms_per_s: 100.0,
    modes: &[
        Mode {
            id: "ok",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/async-context/ok.py")),
        },
        Mode {
            id: "error",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/async-context/error.py")),
        },
    ],
    params: &[ParamSpec::seconds("cleanup", "1")],
    check: no_check,
    main,
};

/// The tutorial's manager: enter and exit are coroutines.
struct Manager {
    lab: Lab,
    value: &'static str,
    cleanup_s: f64,
}

impl Manager {
    async fn aenter(self) -> Self {
        self.lab.print("__aenter__ called");
        self
    }

    async fn aexit(&self, error: Option<&LabError>) {
        let exc_type = match error {
            Some(_) => "<class 'ValueError'>",
            None => "None",
        };
        self.lab.print(format!("__aexit__ called {exc_type}"));
        self.lab.sleep(self.cleanup_s).await;
        self.lab.print("cleanup done");
    }

    async fn do_something(&self) -> &'static str {
        self.value
    }
}

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let raise = config.mode == "error";
        let manager = Manager {
            lab: lab.clone(),
            value: "test",
            cleanup_s: config.params.number("cleanup"),
        };
        let block = lab.span("async with", None);
        let m = manager.aenter().await;
        let body: LabResult = async {
            lab.print("inside async with");
            if raise {
                return Err(LabError::Failed("ValueError('boom')".into()));
            }
            let value = m.do_something().await;
            lab.print(value);
            Ok(())
        }
        .await;
        m.aexit(body.as_ref().err()).await;
        drop(block);
        match body {
            Ok(()) => lab.print("after async with"),
            Err(LabError::Failed(e)) => lab.print(format!("main caught {e}")),
            Err(e) => return Err(e),
        }
        Ok(())
    })
}
