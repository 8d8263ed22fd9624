//! The worker pool in virtual time: N workers run N jobs at once, totals are exact, a failing
//! job fails only its own future, and the modes that use the pool (primes `pool`, countdown
//! `pool`, gather `threads`) order and total as the tutorials say.

mod common;

use std::rc::Rc;

use awaitlab_core::backend::pool::{resolve_workers, POST_US, REPLY_US};
use awaitlab_core::clock::VirtualClock;
use awaitlab_core::executor::Executor;
use awaitlab_core::kernels::{self, Job, JobOutput};
use awaitlab_core::lab::{Lab, LabError};
use awaitlab_core::run::drive_virtual;
use awaitlab_core::stats::task_stats;
use awaitlab_core::trace::{Kind, LaneKind, RunMeta, Source, Trace};
use common::{countdown_lines, predict_url};

fn meta() -> RunMeta {
    RunMeta {
        scenario: "t".into(),
        mode: "t".into(),
        params: Vec::new(),
        speed_ms_per_s: 1000.0,
        source: Source::Predicted,
    }
}

/// Runs `jobs` on a virtual pool of `workers`, one task per job; returns the trace.
fn run_jobs(workers: usize, jobs: Vec<Job>) -> Trace {
    let clock = Rc::new(VirtualClock::new());
    let exec = Executor::new(clock.clone(), meta());
    let lab = Lab::predicted(exec.clone());
    let main_lab = lab.clone();
    drop(lab.spawn("main", async move {
        let pool = main_lab.pool(workers);
        let handles = jobs
            .into_iter()
            .enumerate()
            .map(|(i, job)| {
                let run = pool.run_in_executor(job);
                main_lab.spawn(&format!("t{i}"), async move {
                    run.await.map_err(|e| LabError::Failed(e.to_string()))
                })
            })
            .collect();
        let results = main_lab.gather(handles).await;
        for (i, r) in results.iter().enumerate() {
            main_lab.print(format!("t{i}: {r:?}"));
        }
        Ok(())
    }));
    drive_virtual(&exec, &clock);
    exec.trace()
}

const SLEEP: Job = Job::Sleep { us: 1_000_000.0 };
const TRIP: f64 = POST_US + REPLY_US;

#[test]
fn n_workers_run_n_jobs_at_once_and_the_rest_queue() {
    // Four one-second jobs: two workers take two rounds, four workers one.
    let two = run_jobs(2, vec![SLEEP; 4]);
    assert_eq!(two.total_us, Some(2.0 * (1_000_000.0 + TRIP)));
    let four = run_jobs(4, vec![SLEEP; 4]);
    assert_eq!(four.total_us, Some(1_000_000.0 + TRIP));
    // Worker lanes are lanes, not tasks: named, flagged, left out of the task table.
    let workers: Vec<&str> = two
        .tasks
        .iter()
        .filter(|t| t.lane == LaneKind::Worker)
        .map(|t| t.name.as_str())
        .collect();
    assert_eq!(workers, ["worker 1", "worker 2"]);
    assert!(task_stats(&two, 0.0)
        .iter()
        .all(|r| !r.name.starts_with("worker")));
    // Each job: a post, its kernel and a reply on a worker lane; an await on its task's lane.
    let w1 = two.task_named("worker 1").expect("lane");
    let compute: Vec<(&str, f64, f64)> = two
        .spans_of(w1, Kind::Compute)
        .map(|e| (e.label.as_str(), e.start_us, e.dur_us))
        .collect();
    assert_eq!(
        compute,
        [
            ("job #1 time.sleep(1) for t0", POST_US, 1_000_000.0),
            (
                "job #3 time.sleep(1) for t2",
                1_000_000.0 + TRIP + POST_US,
                1_000_000.0
            )
        ]
    );
    let io: Vec<&str> = two
        .spans_of(w1, Kind::Io)
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(
        io,
        ["post job #1", "reply job #1", "post job #3", "reply job #3"]
    );
    let t2 = two.task_named("t2").expect("t2");
    let wait = two.spans_of(t2, Kind::Io).next().expect("await");
    assert_eq!(wait.label, "await job #3 time.sleep(1) on worker 1");
    // It waited from the start: a round for a free worker, then its own.
    assert_eq!(
        (wait.start_us, wait.dur_us),
        (0.0, 2.0 * (1_000_000.0 + TRIP))
    );
}

#[test]
fn a_failing_job_fails_only_its_own_future() {
    let trace = run_jobs(
        1,
        vec![
            Job::IsPrime(157),
            Job::Panic("boom".into()),
            Job::IsPrime(427_920_331),
        ],
    );
    assert!(trace.error().is_none(), "{:?}", trace.error());
    let lines = trace.lines();
    assert_eq!(lines[0], "t0: Ok(Prime { prime: true, divisions: 5 })");
    assert_eq!(lines[1], "t1: Err(Failed(\"the job panicked: boom\"))");
    assert_eq!(lines[2], "t2: Ok(Prime { prime: true, divisions: 10342 })");
    let failed: Vec<&Event> = trace.events.iter().filter(|e| e.error.is_some()).collect();
    // The kernel span on the worker and the await on the task carry the message.
    assert_eq!(failed.len(), 2);
    assert!(failed
        .iter()
        .all(|e| e.error.as_deref() == Some("the job panicked: boom")));
}

use awaitlab_core::trace::Event;

#[test]
fn kernels_run_for_real_as_the_model_says() {
    let mut lines = Vec::new();
    let t = std::cell::Cell::new(0.0);
    let now = || {
        t.set(t.get() + 1.0);
        t.get()
    };
    let job = Job::Countdown {
        name: "B".into(),
        delay_us: 100.0,
        count: 3,
        column: 1,
    };
    let out = kernels::run(&job, &now, &mut |at, text| lines.push((at, text)), None);
    assert_eq!(out, Ok(JobOutput::Nothing));
    let texts: Vec<&str> = lines.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(texts, ["\tB = 3", "\tB = 2", "\tB = 1"]);
    let model = kernels::model(&job, None, 0.0);
    assert_eq!(model.cost_us, 300.0);
    assert_eq!(
        model.lines.iter().map(|l| l.0).collect::<Vec<_>>(),
        [100.0, 200.0, 300.0]
    );
    // The real run prints each line when the model says, counted from its first clock reading
    // (1 µs here): never early, and late only by the clock readings around the print.
    let model_texts: Vec<&str> = model.lines.iter().map(|l| l.1.as_str()).collect();
    assert_eq!(texts, model_texts);
    for ((real_at, _), (model_at, _)) in lines.iter().zip(&model.lines) {
        let late = (real_at - 1.0) - model_at;
        assert!((0.0..=2.0).contains(&late), "{real_at} against {model_at}");
    }
    assert_eq!(
        kernels::run(&Job::IsPrime(427_920_331), &now, &mut |_, _| {}, None),
        kernels::model(&Job::IsPrime(427_920_331), None, 0.0).result
    );
    // Too many divisions is refused before any work, in both.
    assert!(kernels::run(
        &Job::IsPrime(18_446_744_073_709_551_557),
        &now,
        &mut |_, _| {},
        None
    )
    .is_err());
}

#[test]
fn countdown_pool_interleaves_like_async_and_takes_the_longest() {
    let trace = predict_url("s=countdown&mode=pool&speed=1000");
    assert!(trace.error().is_none(), "{:?}", trace.error());
    assert_eq!(
        countdown_lines(&trace),
        [
            "C = 3", "B = 3", "A = 3", "C = 2", "C = 1", "B = 2", "A = 2", "B = 1", "A = 1",
            "Done."
        ]
    );
    // A's three seconds, plus one post and one reply.
    assert_eq!(trace.total_us, Some(3_000_000.0 + TRIP));
    // The lines are printed on the worker lanes, stamped with their time.
    let w3 = trace.task_named("worker 3").expect("lane");
    let first = trace.prints().next().expect("print");
    assert_eq!(
        (first.task, first.label.as_str()),
        (w3, "0.5001 \t\t\tC = 3")
    );
    // With two workers, C waits for B's worker: 0.8 × 3 + 0.5 × 3 = 3.9 s.
    let two = predict_url("s=countdown&mode=pool&workers=2&speed=1000");
    assert_eq!(two.total_us, Some(3_900_000.0 + 2.0 * TRIP));
}

#[test]
fn gather_threads_takes_the_longest_sleep_and_one_worker_the_sum() {
    let trace = predict_url("s=gather&mode=threads&speed=1000");
    assert_eq!(trace.total_us, Some(10_000_000.0 + TRIP));
    assert_eq!(
        trace.lines().last().copied(),
        Some("executed in 10.00 seconds.")
    );
    let one = predict_url("s=gather&mode=threads&workers=1&speed=1000");
    assert_eq!(one.total_us, Some(15_000_000.0 + 2.0 * TRIP));
}

#[test]
fn primes_pool_in_parallel_takes_the_longest_check() {
    let numbers = "numbers=10000000000037,10000000000051";
    let sync = predict_url(&format!("s=primes&mode=sync&{numbers}"));
    let one = predict_url(&format!("s=primes&mode=pool&workers=1&{numbers}"));
    let two = predict_url(&format!("s=primes&mode=pool&workers=2&{numbers}"));
    let (s, p1, p2) = (
        sync.total_us.expect("sync"),
        one.total_us.expect("one"),
        two.total_us.expect("two"),
    );
    // One worker: the same divisions in turn, plus two round trips.
    assert_eq!(p1, s + 2.0 * TRIP);
    // Two workers: about half.
    assert!((p2 - s / 2.0).abs() < s * 0.01 + TRIP, "{p2} vs {s}");
    // workers=0 is one per core (2 until the browser says otherwise), at most 4.
    assert_eq!(resolve_workers(0), 2);
    assert_eq!(resolve_workers(3), 3);
}
