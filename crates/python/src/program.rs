//! A program: source text checked once (parse + compile, so a `SyntaxError` shows before
//! anything runs), then started on a run's loop as its main lane.

use std::rc::Rc;

use awaitlab_core::backend::pool::VirtualPoolMaker;
use awaitlab_core::backend::Backends;
use awaitlab_core::clock::VirtualClock;
use awaitlab_core::executor::Executor;
use awaitlab_core::lab::Lab;
use awaitlab_core::run::drive_virtual_until;
use awaitlab_core::trace::{RunMeta, Trace};

use crate::ast::SyntaxError;
use crate::compile::code::Code;
use crate::modules::asyncio::{spawn, LaneRole, Start};
use crate::vm::frame::{Frame, Role};
use crate::vm::{Vm, NOMINAL_NS_PER_STEP};

/// Longest a predicted run may go on, in its own seconds (an hour: a program that loops
/// forever is stopped here, as the golden tests' CPython runner stops it).
pub const MAX_VIRTUAL_S: f64 = 3600.0;

/// Most instructions a prediction runs (≈0.5 s of the page's time in Chromium): a program that
/// computes longer is predicted up to there, with a message, and measured in full.
pub const PREDICTION_STEPS: u64 = 50_000_000;

/// A compiled program, ready to run any number of times.
#[derive(Clone)]
pub struct Program {
    source: Rc<str>,
    code: Rc<Code>,
}

impl Program {
    /// Parses and compiles `source`.
    pub fn compile(source: &str) -> Result<Program, SyntaxError> {
        let module = crate::parse(source)?;
        let code = crate::compile::compile_module(&module)?;
        Ok(Program {
            source: Rc::from(source),
            code,
        })
    }

    /// The source text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the program may hand work to an executor pool (it names `run_in_executor`,
    /// `to_thread` or a pool executor): the page then loads the pool's workers before the run
    /// starts, so the run does not pay for their start-up, and a loop worker, which has no pool,
    /// refuses it. A name in a comment counts too: loading workers that are not used costs less
    /// than a run that is late.
    pub fn may_use_pool(&self) -> bool {
        ["run_in_executor", "to_thread", "PoolExecutor"]
            .iter()
            .any(|name| self.source.contains(name))
    }

    /// Starts the program on `lab`'s loop as the main lane (lane 0, `<module>`, as CPython
    /// names a module's top level in tracebacks); returns its VM.
    pub fn start(&self, lab: &Lab) -> Rc<Vm> {
        let vm = Vm::new(lab.clone(), &self.source);
        let mut frame = Frame::new(self.code.clone(), vm.main.attrs.clone(), &[]);
        frame.role = Role::Base;
        spawn(
            &vm,
            "<module>",
            Start::Frame(Box::new(frame)),
            None,
            LaneRole::Module,
            None,
        );
        vm
    }

    /// Runs the program on the virtual clock (the prediction) and returns its trace. CPU work
    /// is charged at [`NOMINAL_NS_PER_STEP`]; at most `step_limit` instructions run (the
    /// prediction runs on the page: a program that computes for long is cut short with a
    /// message, and its measured run shows the rest).
    pub fn predict(&self, meta: RunMeta, step_limit: u64) -> Trace {
        self.run_on_virtual_clock(meta, step_limit, NOMINAL_NS_PER_STEP)
    }

    /// [`Program::predict`], charging CPU work and the loop's own work at `costs` (the page
    /// measures what its interpreter and its loop cost: [`crate::calibrate`]).
    pub fn predict_with(&self, meta: RunMeta, step_limit: u64, costs: impl Into<Costs>) -> Trace {
        let costs = costs.into();
        self.run_with(meta, step_limit, costs.ns_per_step, costs.us_per_poll)
    }

    /// Like [`Program::predict`], charging nothing for CPU work: the virtual clock of the golden
    /// tests' CPython runner, which only moves for sleeps.
    pub fn predict_without_cpu(&self, meta: RunMeta) -> Trace {
        self.run_on_virtual_clock(meta, PREDICTION_STEPS * 4, 0.0)
    }

    fn run_on_virtual_clock(&self, meta: RunMeta, step_limit: u64, cpu_ns: f64) -> Trace {
        self.run_with(meta, step_limit, cpu_ns, 0.0)
    }

    fn run_with(&self, meta: RunMeta, step_limit: u64, cpu_ns: f64, us_per_poll: f64) -> Trace {
        let clock = Rc::new(VirtualClock::new());
        let exec = Executor::new(clock.clone(), meta);
        exec.charge_polls(us_per_poll);
        let pools = VirtualPoolMaker::with_python(Rc::new(crate::worker::Kernel {
            model_steps: step_limit,
        }));
        let lab = Lab::new(
            exec.clone(),
            Backends::predicted().with_pools(Rc::new(pools)),
        );
        let vm = self.start(&lab);
        vm.cpu_ns_per_step.set(cpu_ns);
        vm.step_limit.set(step_limit);
        drive_virtual_until(&exec, &clock, exec.us_per_s() * MAX_VIRTUAL_S);
        vm.flush_out();
        // A prediction cut short or stalled leaves tasks pending: let the run go.
        vm.tear_down();
        exec.trace()
    }
}

/// The result of running a program on the virtual clock, for tests and tools.
pub struct VirtualRun {
    /// The trace.
    pub trace: Trace,
    /// Lines the program printed (stdout).
    pub stdout: Vec<String>,
    /// Lines written to stderr (tracebacks, warnings).
    pub stderr: Vec<String>,
}

/// Runs `source` on the virtual clock at 1 real second per scenario second.
pub fn run_virtual(source: &str) -> Result<VirtualRun, SyntaxError> {
    run_virtual_limited(source, 200_000_000)
}

/// A run of a bare program on the virtual clock, in real time (1000 ms per scenario second).
fn virtual_meta(scenario: &str) -> RunMeta {
    RunMeta {
        scenario: scenario.into(),
        mode: "python".into(),
        params: Vec::new(),
        speed_ms_per_s: 1000.0,
        source: awaitlab_core::trace::Source::Predicted,
    }
}

/// [`run_virtual`], stopping after `step_limit` instructions (tests of hostile programs).
pub fn run_virtual_limited(source: &str, step_limit: u64) -> Result<VirtualRun, SyntaxError> {
    let program = Program::compile(source)?;
    let meta = virtual_meta("program");
    let clock = Rc::new(VirtualClock::new());
    let exec = Executor::new(clock.clone(), meta);
    // As the golden runner's CPython: handing a job to a pool takes no time.
    let pools =
        VirtualPoolMaker::with_python(Rc::new(crate::worker::Kernel::default())).handoff(0.0);
    let lab = Lab::new(
        exec.clone(),
        Backends::predicted().with_pools(Rc::new(pools)),
    );
    let vm = program.start(&lab);
    vm.step_limit.set(step_limit);
    drive_virtual_until(&exec, &clock, exec.us_per_s() * MAX_VIRTUAL_S);
    vm.flush_out();
    let trace = exec.trace();
    vm.tear_down();
    let stderr = vm.stderr.borrow().clone();
    let stdout = vm
        .console
        .borrow()
        .iter()
        .filter(|(err, _)| !err)
        .map(|(_, l)| l.clone())
        .collect();
    Ok(VirtualRun {
        trace,
        stdout,
        stderr,
    })
}

/// A loop of plain arithmetic, like the CPU work of the tutorials (trial division).
const CALIBRATION: &str = "\
def work(n):
    found = 0
    d = 3
    while d < n:
        if n % d == 0:
            found += 1
        d += 2
    return found


work(400001)
";

/// Many tasks, each polled twice (its first step, then when its timer fires): what the loop's
/// own work costs per poll (spawning, waking, resuming a coroutine, a timer, recording the poll
/// and the sleep), as a program of many sleeping tasks spends it.
const POLLS: &str = "\
import asyncio


async def one():
    await asyncio.sleep(0.001)


async def main():
    await asyncio.gather(*[asyncio.create_task(one()) for _ in range(1000)])


asyncio.run(main())
";

/// What work costs where the page runs, as a prediction charges it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Costs {
    /// One instruction of CPU work, real ns ([`Vm::cpu_ns_per_step`]).
    pub ns_per_step: f64,
    /// One poll of a task: the loop's own work, real µs (`Executor::charge_polls`).
    pub us_per_poll: f64,
}

impl Costs {
    /// What a page assumes before it has measured ([`calibrate`] runs once the page is idle, or
    /// when a run starts first): the nominal instruction and about what a poll measured in
    /// Chromium on this project's machine. A tutorial's program is predicted the same at any
    /// costs: it computes less than [`crate::vm::CPU_FREE_STEPS`] at a time and its loop is
    /// never busy for a millisecond.
    pub const ASSUMED: Costs = Costs {
        ns_per_step: NOMINAL_NS_PER_STEP,
        us_per_poll: 2.0,
    };
}

impl From<f64> for Costs {
    /// Instructions at `ns_per_step`, polls free.
    fn from(ns_per_step: f64) -> Costs {
        Costs {
            ns_per_step,
            us_per_poll: 0.0,
        }
    }
}

/// What this interpreter and its loop cost where they run, measured with `now_ms` (the page's
/// `performance.now()`): the prediction charges CPU work and the loop's work at these rates, so
/// a program that computes, or wakes 10,000 tasks at once, is predicted to take what it takes
/// here. Each measure runs twice and the faster pass counts (the first pays for the engine's
/// warm-up), each pass some milliseconds long: a browser's clock without cross-origin isolation
/// ticks in 0.1 ms, and a pass of 0.6 ms read 3 or 6 ns an instruction as the ticks fell. About
/// 30 ms in all in Chromium, so the page measures once it is idle.
pub fn calibrate(now_ms: &dyn Fn() -> f64) -> Costs {
    let ns_per_step = calibrate_steps(now_ms);
    Costs {
        ns_per_step,
        us_per_poll: calibrate_polls(now_ms, ns_per_step),
    }
}

/// A measured run of `source` on a virtual clock charging nothing: the real ms it took, its
/// instructions and its polls, the faster of two passes (the first pays for the engine's
/// warm-up). `None` if it does not compile.
fn timed_twice(source: &str, now_ms: &dyn Fn() -> f64) -> Option<(f64, u64, u64)> {
    let program = Program::compile(source).ok()?;
    let mut best: Option<(f64, u64, u64)> = None;
    for _ in 0..2 {
        let clock = Rc::new(VirtualClock::new());
        let exec = Executor::new(clock.clone(), virtual_meta("calibration"));
        let lab = Lab::predicted(exec.clone());
        let t0 = now_ms();
        let vm = program.start(&lab);
        vm.cpu_ns_per_step.set(0.0);
        drive_virtual_until(&exec, &clock, f64::INFINITY);
        let pass = (now_ms() - t0, vm.steps.get(), exec.polls());
        vm.tear_down();
        if best.is_none_or(|b| pass.0 < b.0) {
            best = Some(pass);
        }
    }
    best
}

/// The loop's work per poll, real µs: the many-task program's time, less its instructions at
/// `ns_per_step`, over its polls. 0 if it cannot be measured.
fn calibrate_polls(now_ms: &dyn Fn() -> f64, ns_per_step: f64) -> f64 {
    match timed_twice(POLLS, now_ms) {
        Some((ms, steps, polls)) => {
            let loop_us = ms * 1000.0 - steps as f64 * ns_per_step / 1000.0;
            let us = loop_us.max(0.0) / polls.max(1) as f64;
            if us.is_finite() {
                us
            } else {
                0.0
            }
        }
        None => 0.0,
    }
}

/// What one instruction costs, real ns: a loop of plain arithmetic, about 2,000,000 instructions.
fn calibrate_steps(now_ms: &dyn Fn() -> f64) -> f64 {
    match timed_twice(CALIBRATION, now_ms) {
        Some((ms, steps, _)) if ms > 0.0 && ms.is_finite() => ms * 1e6 / steps.max(1) as f64,
        _ => NOMINAL_NS_PER_STEP,
    }
}

/// Whether `source` imports `module` (`import requests`, `import time, requests`, `from requests
/// import get`, `import requests as r`), read line by line without compiling: a link's program
/// that imports `requests` may make blocking requests anywhere, so the page does not run it by
/// itself. Errs towards yes (`from x import requests` counts).
pub fn imports(source: &str, module: &str) -> bool {
    source.lines().any(|line| {
        let line = line.split('#').next().unwrap_or("").trim();
        let names = line
            .strip_prefix("import ")
            .or_else(|| line.strip_prefix("from "));
        names.is_some_and(|names| {
            names
                .split([',', ' ', '.', ';'])
                .any(|name| name.trim() == module)
        })
    })
}
