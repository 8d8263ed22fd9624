//! Loop placement (`loop=page|worker`): the URL parameter, the draft and its query, what a loop
//! worker refuses, and the trace's round trip through the codec the worker posts it with.

use awaitlab_core::page::{add_page_lane, PageSamples};
use awaitlab_core::run::predict;
use awaitlab_core::scenario::{parse_url, worker_refusal, Draft};
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::trace::{EndReason, Placement, Trace};

fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (p.to_string(), String::new()),
        })
        .collect()
}

#[test]
fn the_loop_is_on_the_page_by_default_and_the_query_does_not_say_so() {
    let request = parse_url(&CATALOG, &pairs("s=countdown&mode=async"));
    assert_eq!(request.draft.placement, Placement::Page);
    assert!(request.problems.is_empty());
    assert!(!request.draft.to_query().contains("loop="));
}

#[test]
fn loop_worker_is_read_kept_in_the_draft_and_written_back() {
    let request = parse_url(
        &CATALOG,
        &pairs("s=queue&mode=blocking&speed=40&loop=worker"),
    );
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    assert_eq!(request.draft.placement, Placement::Worker);
    let query = request.draft.to_query();
    assert!(query.ends_with("&loop=worker"), "{query}");
    let back = parse_url(&CATALOG, &pairs(&query));
    assert_eq!(back.draft, request.draft);
    // What the page sends a loop worker reads back the same.
    let sent = parse_url(&CATALOG, &request.draft.to_pairs());
    assert_eq!(sent.draft, request.draft);
    assert!(sent.problems.is_empty());
    let explicit = parse_url(&CATALOG, &pairs("s=queue&loop=page"));
    assert_eq!(explicit.draft.placement, Placement::Page);
    assert!(explicit.problems.is_empty());
}

#[test]
fn an_invalid_placement_is_named_and_the_page_is_kept() {
    let request = parse_url(&CATALOG, &pairs("s=countdown&loop=gpu&autorun=1"));
    assert_eq!(request.draft.placement, Placement::Page);
    assert_eq!(request.problems.len(), 1);
    assert_eq!(request.problems[0].param, "loop");
    assert_eq!(
        request.problems[0].message,
        "\"gpu\" is not page or worker; using page"
    );
    assert!(request.autorun);
}

#[test]
fn modes_that_need_the_page_are_refused_in_a_worker_with_a_reason() {
    for (s, mode) in [
        ("primes", "pool"),
        ("countdown", "pool"),
        ("gather", "threads"),
        ("loop-impl", "all"),
    ] {
        assert!(
            worker_refusal(find(s).expect("scenario"), mode).is_some(),
            "{s} {mode}"
        );
        let request = parse_url(&CATALOG, &pairs(&format!("s={s}&mode={mode}&loop=worker")));
        assert_eq!(request.draft.placement, Placement::Page, "{s} {mode}");
        let problem = request.problems.iter().find(|p| p.param == "loop");
        let problem = problem.expect("a loop problem");
        assert!(problem.message.contains("loop=page"), "{}", problem.message);
        // Switched to the worker on the page: the form says why and Run stays off.
        let mut draft = request.draft.clone();
        draft.placement = Placement::Worker;
        let errors = draft
            .validate(find(s).expect("scenario"))
            .expect_err("refused");
        assert!(errors.iter().any(|e| e.param == "loop"));
    }
    for (s, mode) in [
        ("countdown", "async"),
        ("queue", "blocking"),
        ("http", "sync"),
        ("primes", "sync"),
    ] {
        assert_eq!(
            worker_refusal(find(s).expect("scenario"), mode),
            None,
            "{s} {mode}"
        );
    }
}

fn sample_trace() -> Trace {
    let scenario = find("queue").expect("queue");
    let mut draft = Draft::defaults(scenario);
    draft.mode = "blocking";
    draft.placement = Placement::Worker;
    let config = draft.validate(scenario).expect("valid");
    let mut trace = predict(scenario, &draft, config);
    trace.placement = Placement::Worker;
    trace.early_end = Some(EndReason::Failed("an error, for the round trip".into()));
    let samples = PageSamples {
        frames: vec![0.0, 16.7, 33.4, 700.0],
        long_tasks: vec![(1.0, 60.0)],
        lags: vec![(50.0, 3.5)],
        clicks: vec![(20.0, 1.25)],
        hidden: Vec::new(),
    };
    add_page_lane(&mut trace, &samples);
    trace
}

#[test]
fn a_trace_round_trips_through_the_workers_codec() {
    let trace = sample_trace();
    assert!(trace.events.len() > 10);
    let bytes = bincode::serialize(&trace).expect("serialise");
    let back: Trace = bincode::deserialize(&bytes).expect("deserialise");
    assert_eq!(back, trace);
    // And through JSON, for the curious.
    let json = serde_json::to_string(&trace).expect("json");
    let again: Trace = serde_json::from_str(&json).expect("json back");
    assert_eq!(again.lines(), trace.lines());
    assert_eq!(again.tasks, trace.tasks);
}

#[test]
fn the_export_says_where_the_loop_ran() {
    let trace = sample_trace();
    let json = trace.to_chrome_json(Some(32.0));
    assert_eq!(json["otherData"]["loop"], "worker");
    let scenario = find("countdown").expect("countdown");
    let draft = Draft::defaults(scenario);
    let config = draft.validate(scenario).expect("valid");
    let page = predict(scenario, &draft, config).to_chrome_json(None);
    assert_eq!(page["otherData"]["loop"], "page");
}

#[test]
fn a_run_cut_short_ends_its_open_tasks_at_the_cut() {
    let mut trace = sample_trace();
    // As a snapshot of a run in progress: nothing has ended yet.
    trace.total_us = None;
    for t in &mut trace.tasks {
        t.ended_us = None;
        t.outcome = None;
    }
    let extent = trace.extent_us();
    trace.end_abruptly(extent + 1000.0, EndReason::Stopped);
    assert_eq!(trace.total_us, Some(extent + 1000.0));
    assert_eq!(trace.early_end, Some(EndReason::Stopped));
    assert_eq!(trace.error().as_deref(), Some("stopped by the Stop button"));
    assert!(trace.tasks.iter().all(|t| t.ended_us.is_some()));
    let main = &trace.tasks[0];
    assert_eq!(main.outcome.as_ref().map(|o| o.label()), Some("cancelled"));
    // Ending twice changes nothing.
    let once = trace.clone();
    trace.end_abruptly(extent + 5000.0, EndReason::Failed("again".into()));
    assert_eq!(trace, once);
}

#[test]
fn page_samples_shift_onto_another_zero() {
    let mut s = PageSamples {
        frames: vec![0.0, 10.0],
        long_tasks: vec![(5.0, 60.0)],
        lags: vec![(7.0, 1.0)],
        clicks: vec![(9.0, 2.0)],
        hidden: vec![(3.0, 8.0)],
    };
    s.shift(-4.0);
    assert_eq!(s.frames, vec![-4.0, 6.0]);
    assert_eq!(s.long_tasks, vec![(1.0, 60.0)]);
    assert_eq!(s.lags, vec![(3.0, 1.0)]);
    assert_eq!(s.clicks, vec![(5.0, 2.0)]);
    assert_eq!(s.hidden, vec![(-1.0, 4.0)]);
}

#[test]
fn each_mode_declares_the_pool_its_program_uses() {
    let mut pool_modes = 0;
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let Some(program) = mode.program() else {
                continue;
            };
            let uses = ["run_in_executor", "to_thread", "PoolExecutor"]
                .iter()
                .any(|call| program.contains(call));
            assert_eq!(
                mode.needs.pool, uses,
                "{} {}: a program that hands jobs to a pool declares it (and only then)",
                scenario.id, mode.id
            );
            pool_modes += usize::from(uses);
            if uses {
                assert!(worker_refusal(scenario, mode.id).is_some());
            }
        }
    }
    assert_eq!(pool_modes, 3, "countdown pool, gather threads, primes pool");
}
