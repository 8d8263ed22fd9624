//! The jobs a worker pool runs (`run_in_executor`): named CPU-bound or blocking kernels with their
//! arguments. Pure code, called by the worker script in the browser ([`run`]) and by the virtual
//! pool of the prediction ([`model`]), so the same kernels run everywhere.

use serde::{Deserialize, Serialize};

use std::rc::Rc;

use super::format::fmt_s;
use super::number_theory::{divide_all, divisions, MAX_DIVISIONS, NS_PER_DIVISION};
use super::plain::Plain;

/// One job for a worker: which kernel, with which arguments. Durations are real microseconds
/// (the caller converts scenario seconds with the run's speed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// Nothing at all: what a round trip to a worker costs.
    Noop,
    /// The tutorial's trial-division prime check of `n` (see `primes`).
    IsPrime(u64),
    /// A blocking countdown: `count` times, busy-wait `delay_us`, then print
    /// `{tabs}{name} = {n}` (`column` tabs, as the countdown scenario indents its columns).
    Countdown {
        /// The letter.
        name: String,
        /// Real microseconds between counts.
        delay_us: f64,
        /// Counts down from this.
        count: u32,
        /// Console column (tabs before the name).
        column: u32,
    },
    /// A blocking sleep (`time.sleep`): busy-waits `us` real microseconds.
    Sleep {
        /// Real microseconds.
        us: f64,
    },
    /// Panics with this message: a job that fails inside its worker (for tests).
    Panic(String),
    /// A function of a Python program, called with plain arguments (`run_in_executor`): the
    /// worker loads the program's definitions and calls it.
    Python(PythonJob),
}

/// A Python function to run in a worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PythonJob {
    /// The whole program (the worker loads its imports, functions, classes and constants).
    pub source: String,
    /// The function's name at the program's top level.
    pub function: String,
    /// Its arguments.
    pub args: Vec<Plain>,
    /// The run's speed: real microseconds per scenario second (its `time.sleep(1)` takes one
    /// scenario second, as the loop's does).
    pub us_per_s: f64,
    /// Where the run's clock reads zero, on the worker's clock (`performance.timeOrigin` +
    /// `now()`, µs), so `time.perf_counter()` in a job reads the run's time as a thread's does
    /// in CPython. The page's pool fills it in when it posts the job; 0 until then.
    #[serde(default)]
    pub clock_origin_us: f64,
}

/// Runs Python jobs: the interpreter lives in its own crate, so the pool is handed one (by the
/// worker script and by a program's prediction) instead of the core knowing it.
pub trait PythonKernel {
    /// Runs `job` for real on the calling thread (a worker), reading `now_us` as its clock;
    /// `print` gets each printed line with its time.
    fn run(
        &self,
        job: &PythonJob,
        now_us: Rc<dyn Fn() -> f64>,
        print: &mut dyn FnMut(f64, String),
    ) -> Result<Plain, String>;

    /// The prediction's account of `job` started at `start_us` on the run's clock: it runs on a
    /// virtual clock (its `time.sleep` and CPU work take their modelled time).
    fn model(&self, job: &PythonJob, start_us: f64) -> Modelled;
}

/// What a job returns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum JobOutput {
    /// A kernel with no result (noop, sleep, countdown).
    Nothing,
    /// A Python job's result.
    Value(Plain),
    /// The prime check's answer and the trial divisions it made.
    Prime {
        /// Whether the number is prime.
        prime: bool,
        /// Divisions made.
        divisions: u64,
    },
}

impl Job {
    /// The call as the timeline names it: `is_prime(157)`, `count_down(A, 1)`,
    /// `time.sleep(5)` (scenario seconds at `us_per_s` real microseconds per second).
    pub fn label(&self, us_per_s: f64) -> String {
        let s = |us: f64| fmt_s(us / us_per_s);
        match self {
            Job::Noop => "noop()".to_string(),
            Job::IsPrime(n) => format!("is_prime({n})"),
            Job::Countdown { name, delay_us, .. } => {
                format!("count_down({name}, {})", s(*delay_us))
            }
            Job::Sleep { us } => format!("time.sleep({})", s(*us)),
            Job::Panic(msg) => format!("panic({msg:?})"),
            Job::Python(p) => {
                let args: Vec<String> = p.args.iter().map(|a| a.short(16)).collect();
                format!("{}({})", p.function, args.join(", "))
            }
        }
    }

    /// Whether the lines it prints start with the time they were printed at, as the countdown's
    /// do (`0.5000 \tC = 3`): the kernel prints the text, the loop adds the time.
    pub fn stamps_lines(&self) -> bool {
        matches!(self, Job::Countdown { .. })
    }

    /// Checks the arguments before any work: a prime check needing more than
    /// [`MAX_DIVISIONS`] divisions, or a negative or non-finite duration, is refused.
    pub fn check(&self) -> Result<(), String> {
        match self {
            Job::IsPrime(n) => {
                let (_, steps) = divisions(*n);
                if steps > MAX_DIVISIONS {
                    return Err(format!(
                        "is_prime({n}) would take {steps} divisions; at most {MAX_DIVISIONS}"
                    ));
                }
                Ok(())
            }
            Job::Countdown { delay_us: us, .. } | Job::Sleep { us }
                if !us.is_finite() || *us < 0.0 =>
            {
                Err(format!("a duration of {us} µs cannot be waited"))
            }
            _ => Ok(()),
        }
    }
}

/// The Python kernel a worker runs [`Job::Python`] with, and that worker's clock.
pub type PythonRunner<'a> = (&'a dyn PythonKernel, Rc<dyn Fn() -> f64>);

/// Runs `job` for real, on the thread that calls it (a worker): `now_us` reads that thread's
/// clock (busy-waits poll it), `print` gets each printed line with its time. A [`Job::Panic`]
/// panics, as a kernel with a bug would.
pub fn run(
    job: &Job,
    now_us: &dyn Fn() -> f64,
    print: &mut dyn FnMut(f64, String),
    python: Option<PythonRunner<'_>>,
) -> Result<JobOutput, String> {
    job.check()?;
    match job {
        Job::Python(p) => match python {
            Some((kernel, clock)) => kernel.run(p, clock, print).map(JobOutput::Value),
            None => Err("this worker cannot run Python jobs".into()),
        },
        Job::Noop => Ok(JobOutput::Nothing),
        Job::IsPrime(n) => {
            let (prime, divisions) = divide_all(*n);
            Ok(JobOutput::Prime { prime, divisions })
        }
        Job::Countdown {
            name,
            delay_us,
            count,
            column,
        } => {
            let indent = "\t".repeat(*column as usize);
            let mut at = now_us();
            for n in (1..=*count).rev() {
                at += delay_us;
                while now_us() < at {
                    std::hint::spin_loop();
                }
                print(now_us(), format!("{indent}{name} = {n}"));
            }
            Ok(JobOutput::Nothing)
        }
        Job::Sleep { us } => {
            let until = now_us() + us;
            while now_us() < until {
                std::hint::spin_loop();
            }
            Ok(JobOutput::Nothing)
        }
        Job::Panic(msg) => panic!("{msg}"),
    }
}

/// What the prediction says a job does, without doing it.
#[derive(Clone, Debug, PartialEq)]
pub struct Modelled {
    /// Real microseconds the kernel runs on its worker.
    pub cost_us: f64,
    /// Lines it prints, at microseconds after it starts.
    pub lines: Vec<(f64, String)>,
    /// Its result.
    pub result: Result<JobOutput, String>,
}

/// The prediction's account of `job`: the prime check costs [`NS_PER_DIVISION`] per division
/// (worked out, not made), a sleep or a countdown exactly its waits, a noop nothing; a panicking
/// job fails at once with its message.
pub fn model(job: &Job, python: Option<&dyn PythonKernel>, start_us: f64) -> Modelled {
    let fail = |msg: String| Modelled {
        cost_us: 0.0,
        lines: Vec::new(),
        result: Err(msg),
    };
    if let Err(msg) = job.check() {
        return fail(msg);
    }
    match job {
        Job::Python(p) => match python {
            Some(kernel) => kernel.model(p, start_us),
            None => fail("this pool cannot run Python jobs".into()),
        },
        Job::Noop => Modelled {
            cost_us: 0.0,
            lines: Vec::new(),
            result: Ok(JobOutput::Nothing),
        },
        Job::IsPrime(n) => {
            let (prime, divisions) = divisions(*n);
            Modelled {
                cost_us: divisions as f64 * NS_PER_DIVISION / 1000.0,
                lines: Vec::new(),
                result: Ok(JobOutput::Prime { prime, divisions }),
            }
        }
        Job::Countdown {
            name,
            delay_us,
            count,
            column,
        } => {
            let indent = "\t".repeat(*column as usize);
            let lines = (1..=*count)
                .rev()
                .enumerate()
                .map(|(i, n)| (delay_us * (i + 1) as f64, format!("{indent}{name} = {n}")))
                .collect();
            Modelled {
                cost_us: delay_us * f64::from(*count),
                lines,
                result: Ok(JobOutput::Nothing),
            }
        }
        Job::Sleep { us } => Modelled {
            cost_us: *us,
            lines: Vec::new(),
            result: Ok(JobOutput::Nothing),
        },
        Job::Panic(msg) => fail(format!("the job panicked: {msg}")),
    }
}
