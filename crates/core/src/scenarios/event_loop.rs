//! `event-loop`: the loop's own API — `call_soon` handlers, `call_later`, and `stop` ending
//! `run_forever` — and what each corresponds to in the browser.

use super::no_check;
use crate::backend::schedule::Way;
use crate::lab::{Lab, LabError, LabFuture, LabResult};
use crate::scenario::{Code, Config, MainFuture, Mode, Needs, ParamKind, ParamSpec, Scenario};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "event-loop",
    topic: "asyncio-building-blocks",
    speed_ms_per_s: 100.0,
    modes: &[
        Mode {
            id: "call-soon",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/event-loop/call-soon.py")),
        },
        Mode {
            id: "call-later",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/event-loop/call-later.py")),
        },
        Mode {
            id: "browser",
            needs: Needs::PAGE_QUEUES,
            code: Code::Illustration {
                python: r#"# The same idea in the page's own terms:
# four callbacks queued in this order, as
# the page's JavaScript does it.
#
#   setTimeout(() => log("setTimeout(0)"))
#   port.onmessage = () => log("message")
#   port2.postMessage(null)
#   Promise.resolve().then(
#       () => log("microtask"))
#   loop.call_soon(log, "call_soon")
#   log("main: all four queued")
#
# asyncio terms: call_soon is the loop's
# ready queue; a microtask runs as soon as
# the current task is over; a message and a
# timer are tasks of their own, later."#,
            },
        },
    ],
    params: &[ParamSpec {
        id: "delay",
        kind: ParamKind::Number {
            min: 0.0,
            max: 60.0,
        },
        default: "0",
        modes: &["call-later"],
    }],
    check: no_check,
    main,
};

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        match config.mode {
            "call-later" => call_later(&lab, config.params.number("delay")).await,
            "browser" => browser_queues(&lab).await,
            _ => call_soon(&lab).await,
        }
    })
}

/// `loop.call_soon(f)`: `f` runs as a callback of the loop's next iteration (a lane of its own).
fn queue_callback(lab: &Lab, name: &str, f: impl FnOnce(&Lab) + 'static) {
    let inner = lab.clone();
    drop(lab.spawn(name, async move {
        f(&inner);
        Ok(())
    }));
}

// Callback lanes are named as the interpreter names them when the program runs (what queued the
// callback, then the callable), so both versions draw the same lanes.

async fn call_soon(lab: &Lab) -> LabResult {
    // `run_forever` returns when a handler calls `loop.stop()`.
    let stopped: LabFuture<()> = LabFuture::new();
    queue_callback(lab, "call_soon event_handler", |l| {
        l.print("Calling event handler")
    });
    lab.print("Loop is being started");
    let stop = stopped.clone();
    queue_callback(lab, "call_soon event_handler", move |l| {
        l.print("Calling event handler");
        l.print("Loop is being stopped");
        stop.set_result(());
    });
    stopped.await;
    lab.print("Loop is being closed");
    Ok(())
}

async fn call_later(lab: &Lab, delay_s: f64) -> LabResult {
    let later = lab.clone();
    drop(lab.spawn("call_later print", async move {
        later.sleep(delay_s).await;
        later.print(format!("call_later({})", crate::format::fmt_s(delay_s)));
        Ok(())
    }));
    queue_callback(lab, "call_soon print", |l| l.print("call_soon 1"));
    queue_callback(lab, "call_soon print", |l| l.print("call_soon 2"));
    lab.print("main goes on");
    lab.sleep(delay_s + 0.5).await;
    Ok(())
}

/// Queues one callback each way, in the order a page would write them, plus a `call_soon`, and
/// waits for all of them: the printed order is the order the queues ran them. All three browser
/// callbacks are queued here, in main's one poll, so their order is the page's, not the loop's.
async fn browser_queues(lab: &Lab) -> LabResult {
    let handles: Vec<_> = [Way::Timeout, Way::Message, Way::Microtask]
        .into_iter()
        .map(|way| {
            let (l, posted) = (lab.clone(), lab.post_once(way));
            lab.spawn(way.name(), async move {
                posted.await.map_err(|e| LabError::Failed(e.to_string()))?;
                l.print(format!("{} callback ran", way.name()));
                Ok(())
            })
        })
        .collect();
    queue_callback(lab, "call_soon", |l| l.print("call_soon callback ran"));
    lab.print("main: all four queued");
    for result in lab.gather(handles).await {
        result?;
    }
    Ok(())
}
