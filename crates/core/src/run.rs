//! Starting a scenario on a loop, and the virtual driver that produces the predicted trace.

use std::rc::Rc;

use super::backend::Backends;
use super::clock::{Clock, VirtualClock};
use super::executor::{Executor, Status};
use super::lab::Lab;
use super::scenario::{Config, Draft, Scenario};
use super::trace::{EndReason, RunMeta, Source, Trace};

/// Most polls a virtual run may take before it is stopped as runaway.
pub const MAX_VIRTUAL_POLLS: u64 = 2_000_000;

/// Describes a run of `scenario` as configured by `draft`.
pub fn meta(draft: &Draft, config: &Config, source: Source) -> RunMeta {
    RunMeta {
        scenario: draft.scenario.to_string(),
        mode: config.mode.to_string(),
        params: draft.params_for_trace(),
        speed_ms_per_s: config.speed_ms_per_s,
        source,
    }
}

/// Spawns the scenario's main task (lane 0, named `main`) on `exec`, its requests, host
/// scheduling and pools going to `backends`.
pub fn start(exec: &Rc<Executor>, backends: Backends, scenario: &Scenario, config: Config) {
    let lab = Lab::new(exec.clone(), backends);
    let main = (scenario.main)(lab.clone(), config);
    // The main task's join handle is not needed: the executor ends the run when lane 0 ends.
    drop(lab.spawn("main", main));
}

/// Runs the scenario on the deterministic virtual clock and returns its trace: what the scenario
/// should do, with every poll taking no time.
pub fn predict(scenario: &Scenario, draft: &Draft, config: Config) -> Trace {
    let clock = Rc::new(VirtualClock::new());
    let exec = Executor::new(clock.clone(), meta(draft, &config, Source::Predicted));
    start(&exec, Backends::predicted(), scenario, config);
    drive_virtual(&exec, &clock);
    exec.trace()
}

/// The virtual driver: runs `exec` to its end, jumping `clock` to the next deadline whenever the
/// loop is idle. A run with nothing left to wake it is stopped as stalled (naming a deadlock's
/// cycle), one that polls without end after [`MAX_VIRTUAL_POLLS`].
pub fn drive_virtual(exec: &Executor, clock: &VirtualClock) {
    drive_virtual_until(exec, clock, f64::INFINITY);
}

/// [`drive_virtual`], stopping the run once its clock would pass `limit_us` (a program that
/// sleeps in a loop forever ends there, with the lines printed so far).
pub fn drive_virtual_until(exec: &Executor, clock: &VirtualClock, limit_us: f64) {
    loop {
        match exec.run_batch(f64::INFINITY, 10_000) {
            Status::Finished => return,
            Status::Busy => {}
            Status::Idle {
                next_deadline_us: Some(t),
                ..
            } if t > limit_us => {
                clock.advance_to(limit_us);
                exec.finish(Some(EndReason::Runaway(format!(
                    "stopped: the program ran for more than {} s of its own time and does not \
                     seem to end",
                    crate::format::fmt_s(limit_us / exec.us_per_s())
                ))));
            }
            Status::Idle {
                next_deadline_us: Some(t),
                ..
            } => {
                clock.advance_to(t);
            }
            Status::Idle { .. } => exec.finish(Some(exec.stall())),
        }
        if exec.polls() > MAX_VIRTUAL_POLLS {
            exec.finish(Some(EndReason::Runaway(format!(
                "stopped after {MAX_VIRTUAL_POLLS} polls: the scenario does not seem to end"
            ))));
        }
    }
}
