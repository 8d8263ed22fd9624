//! `loop-impl`: the uvloop note — the same program runs faster on a faster loop. In the browser the
//! "loop implementation" is how the next callback gets scheduled: the same ping-pong of N task
//! switches as microtasks, as `setTimeout(0)` tasks and as `MessageChannel` tasks, each reported in
//! switches per second.
//!
//! On the real loop the browser does the hops (see [`Lab::ping_pong`]); the prediction charges
//! nominal costs per hop ([`Way::nominal_ns`]: 0.1 µs, 4 ms once clamped, 5 µs) and says so.

use crate::backend::schedule::{PingPong, Way, TIMEOUT_CLAMP_NS};
use crate::format::fmt_rate;
use crate::lab::{Lab, LabError, LabResult};
use crate::scenario::{
    Code, Config, MainFuture, Mode, Needs, ParamError, ParamKind, ParamSpec, Scenario,
};

/// Most `setTimeout(0)` switches a run may ask for: clamped to 4 ms each, 2,500 take 10 s.
pub const MAX_TIMEOUT_SWITCHES: i64 = 2_500;

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "loop-impl",
    topic: "loop-implementations",
    speed_ms_per_s: 100.0,
    modes: &[
        Mode {
            id: "all",
            needs: Needs::PAGE_QUEUES,
            code: Code::Illustration {
                python: r#"import asyncio, time
import uvloop  # pip install uvloop

async def ping_pong(n):
    for _ in range(n):
        await asyncio.sleep(0)  # one switch

def rate(run, n=100_000):
    t0 = time.perf_counter()
    run(ping_pong(n))
    return n / (time.perf_counter() - t0)

# The same program on two loops. In the
# browser, the "loop" is how the next hop
# is scheduled: three ways, side by side.
print(f"asyncio: {rate(asyncio.run):,.0f}/s")
print(f"uvloop:  {rate(uvloop.run):,.0f}/s")"#,
            },
        },
        Mode {
            id: "microtask",
            needs: Needs::PAGE_QUEUES,
            code: Code::Illustration {
                python: r#"import asyncio

async def hop():
    return None  # done without waiting

async def ping_pong(n):
    for _ in range(n):
        await hop()  # never back to the loop

# JS: Promise.resolve().then(hop). The
# microtask queue is drained before the
# browser renders or runs any other task.
asyncio.run(ping_pong(1000))"#,
            },
        },
        Mode {
            id: "timeout",
            needs: Needs::PAGE_QUEUES,
            code: Code::Illustration {
                python: r#"import asyncio

async def ping_pong(n):
    for level in range(1, n + 1):
        # JS: setTimeout(hop, 0). Nested more
        # than 5 deep, browsers wait >= 4 ms.
        delay = 0.004 if level > 5 else 0
        await asyncio.sleep(delay)

asyncio.run(ping_pong(1000))  # about 4 s"#,
            },
        },
        Mode {
            id: "message",
            needs: Needs::PAGE_QUEUES,
            code: Code::Illustration {
                python: r#"import asyncio

async def ping_pong(n):
    for _ in range(n):
        # JS: port.postMessage(), a real task:
        # one trip through the loop, no clamp.
        await asyncio.sleep(0)

asyncio.run(ping_pong(1000))"#,
            },
        },
    ],
    params: &[ParamSpec {
        id: "switches",
        kind: ParamKind::Int {
            min: 10,
            max: 1_000_000,
        },
        default: "1000",
        modes: &[],
    }],
    check,
    main,
};

fn check(config: &Config) -> Vec<ParamError> {
    let switches = config.params.int("switches");
    let with_timeout = matches!(config.mode, "all" | "timeout");
    if with_timeout && switches > MAX_TIMEOUT_SWITCHES {
        let s = Way::Timeout.nominal_ns(switches as u64) as f64 / 1e9;
        return vec![ParamError::said(
            "switches",
            crate::words!(
                "check-loop-impl-timeout",
                clamp = TIMEOUT_CLAMP_NS / 1_000_000,
                switches = switches,
                seconds = format!("{s:.0}"),
                max = MAX_TIMEOUT_SWITCHES
            ),
        )];
    }
    Vec::new()
}

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let switches = config.params.int("switches").clamp(1, u32::MAX as i64) as u32;
        let ways: Vec<Way> = match Way::from_id(config.mode) {
            Some(way) => vec![way],
            None => Way::ALL.to_vec(),
        };
        // One lane per way, one after another, so that no two ping-pongs share the loop.
        for way in ways {
            lab.spawn(way.name(), lane(lab.clone(), way, switches))
                .await?;
        }
        Ok(())
    })
}

async fn lane(lab: Lab, way: Way, switches: u32) -> LabResult {
    let result = lab
        .ping_pong(way, switches)
        .await
        .map_err(|e| LabError::Failed(e.to_string()))?;
    lab.print(report(way, &result));
    Ok(())
}

/// `microtask: 3.45 M switches/s`, with `(nominal)` for the prediction: short enough for the
/// console. The time per switch is in the lane's span.
pub fn report(way: Way, p: &PingPong) -> String {
    let nominal = if p.nominal { " (nominal)" } else { "" };
    match p.rate() {
        Some(rate) => format!("{}: {} switches/s{nominal}", way.name(), fmt_rate(rate)),
        None => format!("{}: too fast for the clock; raise switches", way.name()),
    }
}
