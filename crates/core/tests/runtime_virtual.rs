//! The runtime API on the virtual clock: wait with a timeout, cancellation, queues that make a
//! getter wait, futures resolved by another task, and stall detection.

use std::cell::RefCell;
use std::rc::Rc;

use awaitlab_core::clock::VirtualClock;
use awaitlab_core::executor::Executor;
use awaitlab_core::lab::{Lab, LabError, LabFuture, Queue};
use awaitlab_core::run::drive_virtual;
use awaitlab_core::trace::{Kind, Outcome, RunMeta, Source, Trace};

/// Runs `main` to the end on a virtual clock at 1000 ms per scenario second; returns the trace.
fn run<F, Fut>(main: F) -> Trace
where
    F: FnOnce(Lab) -> Fut,
    Fut: std::future::Future<Output = Result<(), LabError>> + 'static,
{
    let (exec, clock) = virtual_loop();
    let lab = Lab::predicted(exec.clone());
    drop(lab.spawn("main", main(lab.clone())));
    drive_virtual(&exec, &clock);
    exec.trace()
}

/// A loop on a virtual clock at 1000 ms per scenario second, and its clock.
fn virtual_loop() -> (Rc<Executor>, Rc<VirtualClock>) {
    let clock = Rc::new(VirtualClock::new());
    let meta = RunMeta {
        scenario: "runtime".into(),
        mode: "test".into(),
        params: Vec::new(),
        speed_ms_per_s: 1000.0,
        source: Source::Predicted,
    };
    (Executor::new(clock.clone(), meta), clock)
}

fn sleeper(lab: &Lab, name: &str, s: f64) -> awaitlab_core::lab::JoinHandle<f64> {
    let inner = lab.clone();
    lab.spawn(name, async move {
        inner.sleep(s).await;
        Ok(s)
    })
}

#[test]
fn wait_with_a_timeout_splits_done_from_pending_and_cancel_ends_the_rest() {
    let seen: Rc<RefCell<Vec<String>>> = Rc::default();
    let out = seen.clone();
    let trace = run(move |lab| async move {
        let handles = vec![
            sleeper(&lab, "one", 1.0),
            sleeper(&lab, "three", 3.0),
            sleeper(&lab, "five", 5.0),
        ];
        let (done, pending) = lab.wait(&handles, Some(2.0)).await;
        out.borrow_mut()
            .push(format!("{done:?} {pending:?} at {}", lab.now_s()));
        for &i in &pending {
            handles[i].cancel();
        }
        let results = lab.gather(handles).await;
        out.borrow_mut().push(format!("{results:?}"));
        Ok(())
    });
    assert_eq!(
        *seen.borrow(),
        [
            "[0] [1, 2] at 2".to_string(),
            "[Ok(1.0), Err(Cancelled), Err(Cancelled)]".to_string()
        ]
    );
    let outcome = |name: &str| {
        trace.tasks[trace.task_named(name).expect("lane")]
            .outcome
            .clone()
    };
    assert_eq!(outcome("one"), Some(Outcome::Done));
    assert_eq!(outcome("three"), Some(Outcome::Cancelled));
    assert_eq!(outcome("five"), Some(Outcome::Cancelled));
    // The run ended at the timeout: cancelled sleeps do not hold it open.
    assert_eq!(trace.total_s(), Some(2.0));
    // A cancelled task's sleep is cut at the cancellation.
    let five = trace.task_named("five").expect("lane");
    let slept: Vec<f64> = trace
        .spans_of(five, Kind::Sleep)
        .map(|e| e.dur_us)
        .collect();
    assert_eq!(slept, [2_000_000.0]);
}

#[test]
fn wait_without_a_timeout_returns_when_all_are_done() {
    let seen: Rc<RefCell<String>> = Rc::default();
    let out = seen.clone();
    let trace = run(move |lab| async move {
        let handles = vec![sleeper(&lab, "a", 0.5), sleeper(&lab, "b", 1.5)];
        let (done, pending) = lab.wait(&handles, None).await;
        *out.borrow_mut() = format!("{done:?} {pending:?}");
        Ok(())
    });
    assert_eq!(*seen.borrow(), "[0, 1] []");
    assert_eq!(trace.total_s(), Some(1.5));
}

#[test]
fn a_queue_getter_waits_for_the_producer() {
    let trace = run(|lab| async move {
        let queue: Queue<u32> = Queue::new();
        let (consumer_lab, q) = (lab.clone(), queue.clone());
        let consumer = lab.spawn("consumer", async move {
            for _ in 0..3 {
                let item = q.get().await;
                consumer_lab.print(format!("got {item} at {}", consumer_lab.now_s()));
            }
            Ok(())
        });
        for item in 1..=3 {
            lab.sleep(1.0).await;
            queue.put(item);
        }
        consumer.await
    });
    assert_eq!(trace.lines(), ["got 1 at 1", "got 2 at 2", "got 3 at 3"]);
}

#[test]
fn a_future_set_by_another_task_wakes_every_awaiter_once() {
    let trace = run(|lab| async move {
        let fut: LabFuture<&'static str> = LabFuture::new();
        let waiters: Vec<_> = ["w1", "w2"]
            .into_iter()
            .map(|name| {
                let (l, f) = (lab.clone(), fut.clone());
                lab.spawn(name, async move {
                    let v = f.await;
                    l.print(format!("{name} got {v} at {}", l.now_s()));
                    Ok(())
                })
            })
            .collect();
        lab.sleep(2.0).await;
        fut.set_result("ready");
        fut.set_result("ignored: a future is set once");
        for r in lab.gather(waiters).await {
            r?;
        }
        Ok(())
    });
    assert_eq!(trace.lines(), ["w1 got ready at 2", "w2 got ready at 2"]);
}

#[test]
fn a_failing_task_fails_its_joiner_and_is_marked_failed() {
    let trace = run(|lab| async move {
        let bad = lab.spawn("bad", async {
            Err::<(), _>(LabError::Failed("boom".into()))
        });
        match bad.await {
            Err(LabError::Failed(msg)) => lab.print(format!("caught {msg}")),
            other => lab.print(format!("unexpected {other:?}")),
        }
        Ok(())
    });
    assert_eq!(trace.lines(), ["caught boom"]);
    let bad = trace.task_named("bad").expect("lane");
    assert_eq!(
        trace.tasks[bad].outcome,
        Some(Outcome::Failed("boom".into()))
    );
    let json = trace.to_chrome_json(None);
    let end = json["traceEvents"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["cat"] == "task" && e["tid"] == bad))
        .cloned()
        .expect("end event");
    assert_eq!(end["name"], "failed");
    assert_eq!(end["args"]["error"], "boom");
}

#[test]
fn a_run_where_everyone_waits_on_each_other_is_stopped_and_named() {
    let trace = run(|lab| async move {
        let never: LabFuture<()> = LabFuture::new();
        let f = never.clone();
        let _child = lab.spawn("child", async move {
            f.await;
            Ok(())
        });
        never.await;
        Ok(())
    });
    let error = trace.error().expect("a stall");
    assert!(error.contains("main, child still waiting"), "{error}");
    assert!(trace
        .tasks
        .iter()
        .all(|t| t.outcome == Some(Outcome::Cancelled)));
}

#[test]
fn yield_now_sends_a_task_to_the_back_of_the_ready_queue() {
    let trace = run(|lab| async move {
        let names = ["x", "y"];
        let handles: Vec<_> = names
            .into_iter()
            .map(|name| {
                let l = lab.clone();
                lab.spawn(name, async move {
                    for i in 0..3 {
                        l.print(format!("{name}{i}"));
                        l.yield_now().await;
                    }
                    Ok(())
                })
            })
            .collect();
        for r in lab.gather(handles).await {
            r?;
        }
        Ok(())
    });
    assert_eq!(trace.lines(), ["x0", "y0", "x1", "y1", "x2", "y2"]);
    assert_eq!(trace.total_s(), Some(0.0));
}

#[test]
fn a_task_gathering_or_waiting_is_not_ready_until_the_last_one_ends() {
    // Three tasks that block in turn (1 s each): main is woken once, when the last ends, as
    // CPython's outer future; a wake at each end would draw main "ready" for 2 s.
    for use_wait in [false, true] {
        let trace = run(move |lab| async move {
            let handles: Vec<_> = ["A", "B", "C"]
                .iter()
                .map(|name| {
                    let inner = lab.clone();
                    lab.spawn(name, async move {
                        inner.block(1.0);
                        Ok(())
                    })
                })
                .collect();
            if use_wait {
                let (done, pending) = lab.wait(&handles, None).await;
                assert_eq!((done.len(), pending.len()), (3, 0));
            } else {
                let results = lab.gather(handles).await;
                assert!(results.iter().all(Result::is_ok));
            }
            lab.print(format!("{:.1}", lab.now_s()));
            Ok(())
        });
        let main = trace.tasks.iter().position(|t| t.name == "main").unwrap();
        let ready_us: f64 = trace
            .events
            .iter()
            .filter(|e| e.task == main && e.kind == Kind::Ready)
            .map(|e| e.dur_us)
            .sum();
        assert!(
            ready_us < 1.0,
            "wait: {use_wait}, main ready for {ready_us} µs"
        );
        assert_eq!(trace.lines(), ["3.0"]);
    }
}

/// `tasks` tasks sleeping `sleep_s` twice, gathered, on a virtual clock that charges
/// `us_per_poll` for each poll; returns the trace.
fn many_sleepers(tasks: usize, sleep_s: f64, us_per_poll: f64) -> Trace {
    let (exec, clock) = virtual_loop();
    exec.charge_polls(us_per_poll);
    let lab = Lab::predicted(exec.clone());
    let inner = lab.clone();
    drop(lab.spawn("main", async move {
        let handles: Vec<_> = (0..tasks)
            .map(|i| {
                let lab = inner.clone();
                inner.spawn(&format!("t{i}"), async move {
                    lab.sleep(sleep_s).await;
                    lab.sleep(sleep_s).await;
                    Ok(())
                })
            })
            .collect();
        for r in inner.gather(handles).await {
            r?;
        }
        Ok(())
    }));
    drive_virtual(&exec, &clock);
    exec.trace()
}

#[test]
fn a_prediction_charges_the_loops_own_work_once_a_busy_stretch_passes_a_millisecond() {
    // 10 tasks: three stretches of about 10 polls, 50 µs each, under the free millisecond:
    // the prediction is the program's own seconds, exactly.
    let few = many_sleepers(10, 0.1, 5.0);
    assert_eq!(few.total_us, Some(200_000.0));
    // 1,000 tasks: the first stretch (main spawning them, then each one's first poll) is 1,001
    // polls, 5 ms: the last task starts sleeping 5 ms late. Their timers are then 5 µs apart,
    // as far apart as a poll costs, so the loop keeps pace with the later waves: the run ends
    // 5 ms after the ideal 200 ms.
    let many = many_sleepers(1000, 0.1, 5.0);
    let total = many.total_us.unwrap();
    assert!(
        (204_900.0..=205_100.0).contains(&total),
        "{total} µs: two sleeps of 100 ms after the first wave's 5 ms"
    );
    // The last task began sleeping after everyone's first poll (1,001 polls in: main and the
    // tasks), at about 5 ms; the first task at once, as the first stretch was still free.
    let first_sleep = |name: &str| {
        let lane = many.task_named(name).unwrap();
        many.spans_of(lane, Kind::Sleep).next().unwrap().start_us
    };
    assert_eq!(first_sleep("t0"), 0.0);
    let last = first_sleep("t999");
    assert!((4_900.0..=5_100.0).contains(&last), "{last} µs");
    // Polls that paid are longer than free ones; the free ones take no time.
    let lane = many.task_named("t999").unwrap();
    let run = many.spans_of(lane, Kind::Run).next().unwrap();
    assert!((run.dur_us - 5.0).abs() < 1e-6, "{} µs", run.dur_us);
    // No charge at all: the ideal seconds.
    assert_eq!(many_sleepers(1000, 0.1, 0.0).total_us, Some(200_000.0));
}
