//! The trace export, parameter validation, URL parsing, layout math and statistics.

mod common;

use awaitlab_core::layout::{bars, hit, markers, nice_step, ticks, Viewport};
use awaitlab_core::scenario::{parse_url, Draft, ParamError};
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::stats::{longest_hold_us, task_stats};
use awaitlab_core::trace::Kind;
use awaitlab_core::view_options::Lang;
use common::{pairs, predict_url};

#[test]
fn chrome_export_has_names_spans_prints_and_totals() {
    let trace = predict_url("s=countdown&mode=async&speed=200");
    let json = trace.to_chrome_json(Some(3.0));
    let events = json["traceEvents"].as_array().expect("array");
    let thread_names: Vec<&str> = events
        .iter()
        .filter(|e| e["name"] == "thread_name")
        .filter_map(|e| e["args"]["name"].as_str())
        .collect();
    assert_eq!(thread_names, ["main", "A", "B", "C"]);
    let a_tid = 1;
    let sleeps: Vec<f64> = events
        .iter()
        .filter(|e| e["ph"] == "X" && e["cat"] == "sleep" && e["tid"] == a_tid)
        .filter_map(|e| e["dur"].as_f64())
        .collect();
    // 1 s at 200 ms per second is 200,000 µs.
    assert_eq!(sleeps, [200_000.0; 3]);
    let prints: Vec<(&str, f64)> = events
        .iter()
        .filter(|e| e["ph"] == "i" && e["name"] == "print")
        .map(|e| {
            (
                e["args"]["text"].as_str().unwrap_or(""),
                e["args"]["t_s"].as_f64().unwrap_or(-1.0),
            )
        })
        .collect();
    assert_eq!(prints.len(), 10);
    assert!(prints[0].0.ends_with("C = 3"));
    assert_eq!(prints[0].1, 0.5);
    let other = &json["otherData"];
    assert_eq!(other["scenario"], "countdown");
    assert_eq!(other["mode"], "async");
    assert_eq!(other["speed"], 200.0);
    assert_eq!(other["params"]["delays"], "1,0.8,0.5");
    assert_eq!(other["predicted_total_s"], 3.0);
    // A predicted trace has no measured total.
    assert!(other["measured_total_s"].is_null());
    // Every span category used is one of the contract's.
    for e in events.iter().filter(|e| e["ph"] == "X") {
        let cat = e["cat"].as_str().unwrap_or("");
        assert!(
            ["run", "block", "sleep", "io", "ready", "compute", "scenario"].contains(&cat),
            "{cat}"
        );
    }
}

#[test]
fn every_default_draft_is_valid_and_runs_to_the_end() {
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let mut draft = Draft::defaults(scenario);
            draft.mode = mode.id;
            let config = match draft.validate(scenario) {
                Ok(config) => config,
                Err(errors) => panic!("{} {}: {errors:?}", scenario.id, mode.id),
            };
            let trace = awaitlab_core::run::predict(scenario, &draft, config);
            // The deadlock mode ends in its deadlock by design; every other mode ends cleanly.
            assert_eq!(
                trace.error().is_some(),
                mode.id == "deadlock",
                "{} {}: {:?}",
                scenario.id,
                mode.id,
                trace.error()
            );
            assert!(
                !trace.lines().is_empty(),
                "{} {} printed nothing",
                scenario.id,
                mode.id
            );
        }
    }
}

#[test]
fn bad_values_get_a_message_naming_the_field() {
    let scenario = find("countdown").expect("countdown");
    let mut draft = Draft::defaults(scenario);
    draft.set_text("delays", "1,fast,0.5".into());
    draft.set_text("count", "0".into());
    draft.set_text("speed", "-3".into());
    let errors = draft.validate(scenario).expect_err("invalid");
    let fields: Vec<&str> = errors.iter().map(|e| e.param.as_str()).collect();
    assert_eq!(fields, ["delays", "count", "speed"]);
    assert!(
        errors[0].message.contains("(\"fast\") is not a number"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].message.contains("between 1 and 20"),
        "{}",
        errors[1]
    );
}

#[test]
fn lists_must_match_and_names_must_differ() {
    let scenario = find("countdown").expect("countdown");
    let mut draft = Draft::defaults(scenario);
    draft.set_text("delays", "1,2".into());
    let errors = draft.validate(scenario).expect_err("mismatch");
    assert_eq!(errors[0].param, "delays");
    assert!(errors[0].message.contains("3 letters, 2 delays"));
    draft.set_text("letters", "A,A".into());
    let errors = draft.validate(scenario).expect_err("duplicate");
    assert_eq!(errors[0].param, "letters");
    for bad in ["", "A,,B", "A B", "ABCDEFGHIJKLMNOP"] {
        draft.set_text("letters", bad.into());
        assert!(draft.validate(scenario).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn a_run_that_would_freeze_the_page_too_long_is_refused() {
    let scenario = find("queue").expect("queue");
    let mut draft = Draft::defaults(scenario);
    draft.mode = "blocking";
    draft.set_text("work", "100,100,100".into());
    let errors = draft.validate(scenario).expect_err("too long a freeze");
    assert_eq!(errors[0].param, "speed");
    assert!(
        errors[0].message.contains("freeze the page for 30.0 s"),
        "{}",
        errors[0]
    );
    // The same work without blocking is fine.
    draft.mode = "async";
    assert!(draft.validate(scenario).is_ok());
}

#[test]
fn url_keeps_defaults_for_bad_values_and_says_why() {
    let request = parse_url(
        &CATALOG,
        &pairs("s=queue&mode=turbo&work=1,x&tasks=99&colour=red&speed=abc&autorun=1"),
    );
    assert_eq!(request.draft.scenario, "queue");
    assert_eq!(request.draft.mode, "sync");
    assert_eq!(request.draft.text("work"), "15,10,5,2");
    assert_eq!(request.draft.text("tasks"), "2");
    assert_eq!(request.draft.speed, "100");
    // A mode that does not exist: what is shown is not what the link asked for, so no autorun.
    assert!(!request.autorun);
    let params: Vec<&str> = request
        .problems
        .iter()
        .map(|p: &ParamError| p.param.as_str())
        .collect();
    assert_eq!(
        params,
        ["mode", "work", "tasks", "colour", "speed", "autorun"]
    );
}

#[test]
fn url_with_an_unknown_scenario_falls_back_to_the_first() {
    let request = parse_url(&CATALOG, &pairs("s=nope"));
    assert_eq!(request.draft.scenario, CATALOG[0].id);
    assert_eq!(request.problems.len(), 1);
    assert!(request.problems[0].message.contains("no scenario \"nope\""));
}

#[test]
fn url_with_lists_of_different_lengths_keeps_the_defaults() {
    let request = parse_url(&CATALOG, &pairs("s=countdown&letters=A,B&delays=1,2,3"));
    assert!(request
        .draft
        .validate(find("countdown").expect("c"))
        .is_ok());
    assert!(!request.problems.is_empty());
}

#[test]
fn a_draft_round_trips_through_its_query() {
    let scenario = find("countdown").expect("countdown");
    let mut draft = Draft::defaults(scenario);
    draft.mode = "blocking";
    draft.set_text("letters", "X,Y".into());
    draft.set_text("delays", "0.2,0.3".into());
    draft.set_text("speed", "50".into());
    let query = draft.to_query();
    assert_eq!(
        query,
        "s=countdown&mode=blocking&letters=X,Y&delays=0.2,0.3&count=3&workers=3&speed=50"
    );
    let back = parse_url(&CATALOG, &pairs(&query));
    assert!(back.problems.is_empty());
    assert_eq!(back.draft, draft);
}

#[test]
fn layout_places_spans_and_merges_sub_pixel_ones() {
    let trace = predict_url("s=queue&mode=generator&work=100,100,100,100");
    let extent = trace.extent_us();
    // All virtual polls take no time: at any zoom the polls of a lane merge into few bars.
    let vp = Viewport::fit(extent.max(1.0), 800.0);
    let run_bars: Vec<_> = bars(&trace, &vp)
        .into_iter()
        .filter(|b| b.kind == Kind::Run)
        .collect();
    let polls = trace.events.iter().filter(|e| e.kind == Kind::Run).count();
    assert!(polls > 400);
    assert!(
        run_bars.len() <= 3 * trace.tasks.len(),
        "{} bars",
        run_bars.len()
    );
    assert_eq!(run_bars.iter().map(|b| b.merged).sum::<usize>(), polls);
}

#[test]
fn layout_maps_time_to_pixels_and_finds_the_span_under_the_pointer() {
    let trace = predict_url("s=countdown&mode=async");
    let us_per_s = trace.meta.us_per_s();
    let vp = Viewport {
        start_us: 0.0,
        end_us: 3.0 * us_per_s,
        width_px: 300.0,
    };
    let a = trace.task_named("A").expect("A");
    let a_sleeps: Vec<_> = bars(&trace, &vp)
        .into_iter()
        .filter(|b| b.lane == a && b.kind == Kind::Sleep)
        .collect();
    assert_eq!(a_sleeps.len(), 3);
    assert!((a_sleeps[0].x - 0.0).abs() < 1e-9 && (a_sleeps[0].w - 100.0).abs() < 1e-9);
    assert!((a_sleeps[1].x - 100.0).abs() < 1e-9);
    // 0.5 s into A's first sleep.
    let found = hit(&trace, &vp, a, 50.0).expect("a span");
    assert_eq!(trace.events[found].kind, Kind::Sleep);
    assert_eq!(trace.events[found].label, "sleep(1)");
    // C's first print is at 0.5 s = 50 px.
    let c = trace.task_named("C").expect("C");
    let m = markers(&trace, &vp)
        .into_iter()
        .find(|m| m.lane == c)
        .expect("marker");
    assert!((m.x - 50.0).abs() < 1e-9);
    // Zooming around a point keeps that point still.
    let z = vp.zoom(0.5, 150.0);
    assert!((z.us_at(150.0) - vp.us_at(150.0)).abs() < 1e-6);
    assert!((z.end_us - z.start_us - 1.5 * us_per_s).abs() < 1e-6);
}

#[test]
fn ticks_are_round_numbers_of_scenario_seconds() {
    assert_eq!(nice_step(0.3), 0.5);
    assert_eq!(nice_step(1.0), 1.0);
    assert_eq!(nice_step(13.0), 20.0);
    let vp = Viewport {
        start_us: 0.0,
        end_us: 17.0 * 100_000.0,
        width_px: 900.0,
    };
    let labels: Vec<String> = ticks(&vp, 100_000.0, 80.0, Lang::En)
        .into_iter()
        .map(|t| t.label)
        .collect();
    assert_eq!(labels.first().map(String::as_str), Some("0 s"));
    assert_eq!(labels.last().map(String::as_str), Some("16 s"));
    assert_eq!(labels.len(), 9);
}

#[test]
fn stats_split_each_task_into_busy_ready_and_idle() {
    let trace = predict_url("s=countdown&mode=blocking");
    let rows = task_stats(&trace, 0.0);
    let us = trace.meta.us_per_s();
    let a = &rows[1];
    assert_eq!(a.name, "A");
    assert_eq!(a.polls, 1);
    assert!((a.busy_us - 3.0 * us).abs() < 1e-6);
    assert!((a.blocked_us - 3.0 * us).abs() < 1e-6);
    let c = &rows[3];
    // C waited, ready, for A (3 s) and B (2.4 s).
    assert!((c.ready_us - 5.4 * us).abs() < 1e-6, "{}", c.ready_us / us);
    // A holds the loop for its three blocking sleeps in one poll: 3 s at a stretch.
    assert!((longest_hold_us(&trace) - 3.0 * us).abs() < 1e-6);
    let async_rows = task_stats(&predict_url("s=countdown&mode=async"), 0.0);
    assert!((async_rows[1].idle_us - 3.0 * us).abs() < 1e-6);
    assert_eq!(async_rows[1].polls, 4);
}

/// The core's whole dependency graph, read from the workspace's Cargo.lock: the compiler is the
/// boundary (the core cannot name a crate it does not depend on), and this keeps a browser crate
/// from being added to its manifest, directly or through another crate.
#[test]
fn the_core_depends_on_no_browser_crate() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.lock");
    let lock = std::fs::read_to_string(root).expect("read Cargo.lock");
    // [[package]] blocks: name and dependency names ("name" or "name version").
    let mut deps = std::collections::HashMap::<String, Vec<String>>::new();
    for block in lock.split("[[package]]").skip(1) {
        let name = block
            .lines()
            .find_map(|l| l.strip_prefix("name = "))
            .map(|n| n.trim_matches('"').to_string())
            .expect("a package name");
        let list = block
            .split_once("dependencies = [")
            .map(|(_, rest)| rest.split_once(']').map_or(rest, |(l, _)| l))
            .unwrap_or("");
        let names = list
            .split(',')
            .map(|d| d.trim().trim_matches('"'))
            .filter(|d| !d.is_empty())
            .map(|d| d.split(' ').next().unwrap_or(d).to_string())
            .collect();
        deps.entry(name).or_insert(names);
    }
    let mut seen = std::collections::HashSet::new();
    let mut stack = vec!["awaitlab-core".to_string()];
    while let Some(name) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        stack.extend(deps.get(&name).cloned().unwrap_or_default());
    }
    assert!(seen.len() > 3, "the core's graph was not found: {seen:?}");
    for browser in [
        "wasm-bindgen",
        "js-sys",
        "web-sys",
        "yew",
        "gloo-timers",
        "gloo-worker",
    ] {
        assert!(
            !seen.contains(browser),
            "awaitlab-core depends on {browser}"
        );
    }
}

#[test]
fn python_highlighting_classifies_and_keeps_every_character() {
    use awaitlab_core::highlight::{python, Token};
    let src = "async def f(n):\n    await asyncio.sleep(0.5)  # wait\n    print(f\"{n} = 3\")\n";
    let tokens = python(src);
    let rebuilt: String = tokens.iter().map(|(_, s)| s.as_str()).collect();
    assert_eq!(rebuilt, src);
    let of = |tok: Token| -> Vec<&str> {
        tokens
            .iter()
            .filter(|(t, _)| *t == tok)
            .map(|(_, s)| s.as_str())
            .collect()
    };
    assert_eq!(of(Token::Keyword), ["async", "def", "await"]);
    assert_eq!(of(Token::Comment), ["# wait"]);
    assert_eq!(of(Token::Str), ["f\"{n} = 3\""]);
    assert_eq!(of(Token::Number), ["0.5"]);
    assert_eq!(of(Token::Call), ["f", "sleep", "print"]);
}

#[test]
fn a_live_snapshot_shows_sleeps_and_ready_waits_still_in_progress() {
    use awaitlab_core::clock::{Clock, VirtualClock};
    use awaitlab_core::executor::{Executor, Status};
    use awaitlab_core::lab::Lab;
    use awaitlab_core::trace::{RunMeta, Source};
    use std::rc::Rc;

    let clock = Rc::new(VirtualClock::new());
    let meta = RunMeta {
        scenario: "t".into(),
        mode: "t".into(),
        params: Vec::new(),
        speed_ms_per_s: 1000.0,
        source: Source::Predicted,
    };
    let exec = Executor::new(clock.clone(), meta);
    let lab = Lab::predicted(exec.clone());
    let lab2 = lab.clone();
    drop(lab.spawn("main", async move {
        lab2.sleep(5.0).await;
        Ok(())
    }));
    let status = exec.run_batch(f64::INFINITY, u64::MAX);
    assert_eq!(
        status,
        Status::Idle {
            next_deadline_us: Some(5_000_000.0),
            io_pending: 0
        }
    );
    clock.advance_to(2_000_000.0);
    let snapshot = exec.snapshot();
    let sleeping: Vec<f64> = snapshot
        .spans_of(0, Kind::Sleep)
        .map(|e| e.dur_us)
        .collect();
    assert_eq!(sleeping, [2_000_000.0]);
    // The trace itself records the sleep only once it is over.
    assert_eq!(exec.trace().spans_of(0, Kind::Sleep).count(), 0);
    clock.advance_to(6_000_000.0);
    assert_eq!(exec.run_batch(f64::INFINITY, u64::MAX), Status::Finished);
    let trace = exec.trace();
    let slept: Vec<f64> = trace.spans_of(0, Kind::Sleep).map(|e| e.dur_us).collect();
    assert_eq!(slept, [5_000_000.0]);
    // Due at 5 s, polled at 6 s: one second ready, waiting for the loop.
    let ready: Vec<f64> = trace.spans_of(0, Kind::Ready).map(|e| e.dur_us).collect();
    assert_eq!(ready, [1_000_000.0]);
}

#[test]
fn every_mode_has_a_program_that_fits_the_pane_and_a_note() {
    // The program pane shows about 46 monospace characters without scrolling: illustrations are
    // held to that. Real programs get 60: with four-space indents and named tasks
    // (`asyncio.create_task(coro, name=name)` alone is 36), 46 columns forced wraps that read
    // worse than a little horizontal scrolling.
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let what = format!("{} {}", scenario.id, mode.id);
            assert!(
                !mode.note_in(scenario, Lang::En).is_empty(),
                "{what} has no note"
            );
            let limit = match (mode.program(), mode.program_missing_in(scenario, Lang::En)) {
                (Some(_), None) => 60,
                (None, Some(why)) => {
                    assert!(why.len() > 20, "{what}: say why there is no program");
                    46
                }
                _ => unreachable!("a mode's code is a program or an illustration"),
            };
            // A list of URLs is as long as its URLs (the `http` form's seven default files take
            // 112 characters on their one line): the pane scrolls for that literal alone.
            let url_lists: Vec<usize> = awaitlab_core::program_params::scan(mode.python())
                .into_iter()
                .filter_map(Result::ok)
                .filter(|m| {
                    scenario.param(&m.id).is_some_and(|p| {
                        matches!(p.kind, awaitlab_core::scenario::ParamKind::UrlList { .. })
                    })
                })
                .map(|m| m.line)
                .collect();
            for (_, line) in mode
                .python()
                .lines()
                .enumerate()
                .filter(|(i, _)| !url_lists.contains(i))
            {
                assert!(
                    line.chars().count() <= limit,
                    "{what}: {} chars (at most {limit}): {line}",
                    line.chars().count()
                );
            }
        }
    }
}

#[test]
fn every_program_marks_exactly_the_parameters_of_its_mode() {
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let Some(program) = mode.program() else {
                continue;
            };
            let marks = awaitlab_core::program_params::read(program)
                .unwrap_or_else(|e| panic!("{} {}: {e}", scenario.id, mode.id));
            let ids: Vec<&str> = marks.iter().map(|(id, _)| id.as_str()).collect();
            let expected: Vec<&str> = scenario
                .params
                .iter()
                .filter(|p| p.applies_to(mode.id))
                .map(|p| p.id)
                .collect();
            assert_eq!(ids, expected, "{} {}", scenario.id, mode.id);
            // The program's literals are the form's defaults.
            for (id, text) in &marks {
                let spec = scenario.param(id).expect("a parameter");
                assert_eq!(
                    spec.parse(text),
                    spec.parse(spec.default),
                    "{} {}: {id}",
                    scenario.id,
                    mode.id
                );
            }
        }
    }
}

#[test]
fn every_program_file_belongs_to_a_mode() {
    // A program file no mode includes is a program nobody runs.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("programs");
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&root).expect("programs/") {
        let dir = dir.expect("entry").path();
        for file in std::fs::read_dir(&dir).expect("a scenario's folder") {
            files.push(file.expect("entry").path());
        }
    }
    assert!(!files.is_empty());
    for path in files {
        let scenario = path
            .parent()
            .and_then(|d| d.file_name())
            .and_then(|n| n.to_str())
            .and_then(find)
            .unwrap_or_else(|| panic!("{}: no such scenario", path.display()));
        let mode = path
            .file_stem()
            .and_then(|n| n.to_str())
            .and_then(|m| scenario.mode(m))
            .unwrap_or_else(|| panic!("{}: no such mode", path.display()));
        let text = std::fs::read_to_string(&path).expect("readable");
        assert_eq!(mode.program(), Some(text.as_str()), "{}", path.display());
    }
}

#[test]
fn page_samples_become_figures_and_a_lane_of_frozen_spans() {
    use awaitlab_core::page::{add_page_lane, stats, PageSamples};
    let mut frames: Vec<f64> = (0..10).map(|i| i as f64 * 16.7).collect();
    // The page froze for 300 ms after the 10th frame, then painted normally again.
    let resume = 150.3 + 300.0;
    frames.extend((0..5).map(|i| resume + i as f64 * 16.7));
    let samples = PageSamples {
        frames,
        long_tasks: vec![(151.0, 298.0)],
        lags: vec![(100.0, 2.0), (460.0, 280.0)],
        clicks: vec![(200.0, 251.0)],
        hidden: Vec::new(),
    };
    let s = stats(&samples);
    assert!((s.longest_frame_ms - 300.0).abs() < 1e-9);
    // 300 ms is 18 frame intervals: 17 frames missed.
    assert_eq!(s.dropped_frames, 17);
    assert_eq!(
        (s.long_tasks, s.long_task_ms, s.max_lag_ms),
        (1, 298.0, 280.0)
    );
    assert_eq!(s.click_latencies_ms, [251.0]);

    let mut trace = predict_url("s=countdown&mode=blocking");
    let lanes = trace.tasks.len();
    add_page_lane(&mut trace, &samples);
    assert_eq!(trace.tasks.len(), lanes + 1);
    assert_eq!(trace.tasks[lanes].name, "page");
    let frozen: Vec<(f64, f64)> = trace
        .spans_of(lanes, Kind::Frozen)
        .map(|e| (e.start_us, e.dur_us))
        .collect();
    assert_eq!(frozen.len(), 1);
    assert!((frozen[0].0 - 150_300.0).abs() < 1e-6 && (frozen[0].1 - 300_000.0).abs() < 1e-6);
    let json = trace.to_chrome_json(None);
    assert_eq!(json["otherData"]["page"]["dropped_frames"], 17);
    assert!(json["traceEvents"]
        .as_array()
        .is_some_and(|a| a.iter().any(|e| e["cat"] == "frozen")));
}

#[test]
fn a_tab_in_the_background_is_reported_apart_and_its_gaps_are_no_freeze() {
    use awaitlab_core::page::{add_page_lane, stats, PageSamples};
    // Frames every 16.7 ms, then none for 2 s while the tab was hidden, then frames again; and
    // a real 300 ms freeze later, in front.
    let mut frames: Vec<f64> = (0..10).map(|i| i as f64 * 16.7).collect();
    frames.extend((0..10).map(|i| 2150.3 + i as f64 * 16.7));
    frames.extend((0..5).map(|i| 2600.6 + i as f64 * 16.7));
    let mut samples = PageSamples {
        frames,
        hidden: vec![(160.0, 2140.0)],
        ..PageSamples::default()
    };
    let s = stats(&samples);
    assert!((s.hidden_ms - 1980.0).abs() < 1e-9, "{}", s.hidden_ms);
    // Only the freeze in front counts: 2600.6 - 2300.6 = 300 ms.
    assert!(
        (s.longest_frame_ms - 300.0).abs() < 1e-6,
        "{}",
        s.longest_frame_ms
    );
    let mut trace = predict_url("s=countdown&mode=blocking");
    let lane = trace.tasks.len();
    add_page_lane(&mut trace, &samples);
    let frozen: Vec<f64> = trace
        .spans_of(lane, Kind::Frozen)
        .map(|e| e.start_us)
        .collect();
    assert_eq!(frozen.len(), 1, "{frozen:?}");
    assert!((frozen[0] - 2_300_600.0).abs() < 1.0);
    let json = trace.to_chrome_json(None);
    assert_eq!(json["otherData"]["page"]["hidden_ms"], 1980.0);
    // Samples moved onto another clock move their hidden stretches too.
    samples.shift(-100.0);
    assert_eq!(samples.hidden, [(60.0, 2040.0)]);
    // A run all in front says nothing of it.
    let front = stats(&PageSamples::default());
    assert_eq!(front.hidden_ms, 0.0);
    let mut in_front = trace.clone();
    in_front.page = Some(front);
    let page = &in_front.to_chrome_json(None)["otherData"]["page"];
    assert!(
        page.is_object() && page.get("hidden_ms").is_none(),
        "{page}"
    );
}

#[test]
fn the_page_lane_is_not_a_task_in_the_summary() {
    use awaitlab_core::page::{add_page_lane, PageSamples};
    let mut trace = predict_url("s=countdown&mode=async");
    add_page_lane(&mut trace, &PageSamples::default());
    let names: Vec<String> = task_stats(&trace, 0.0)
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(names, ["main", "A", "B", "C"]);
    let page = trace.page.clone().expect("page stats");
    // No long task: zero, not the empty sum's negative zero.
    assert!(page.long_task_ms.is_sign_positive());
}

#[test]
fn a_field_that_does_not_apply_to_the_mode_cannot_block_the_run() {
    let scenario = find("parents").expect("parents");
    let mut draft = Draft::defaults(scenario);
    draft.mode = "race";
    draft.set_text("interval", "soon".into());
    // `interval` only matters when polling: the race runs with its default.
    assert!(draft.validate(scenario).is_ok());
    draft.mode = "polling";
    let errors = draft
        .validate(scenario)
        .expect_err("polling needs an interval");
    assert_eq!(errors[0].param, "interval");
    let shown: Vec<&str> = scenario
        .params
        .iter()
        .filter(|p| p.applies_to("race"))
        .map(|p| p.id)
        .collect();
    assert_eq!(shown, ["balance", "amounts"]);
}

#[test]
fn http_primes_and_scale_start_in_real_time_and_the_others_at_100_ms_per_second() {
    // Real network time and real CPU time are the point of http and primes, and how late the
    // loop wakes many tasks that of scale: at 1000 ms per scenario second their axis and their
    // printed times are real seconds.
    for scenario in CATALOG.iter() {
        let speed = Draft::defaults(scenario).speed;
        let expected = if ["http", "primes", "scale"].contains(&scenario.id) {
            "1000"
        } else {
            "100"
        };
        assert_eq!(speed, expected, "{}", scenario.id);
    }
}
