//! The loop's state and the narration, reconstructed from traces of the virtual executor (and a
//! hand-made measured one): which task is where at chosen moments, and what the story says, in
//! what order, as the playhead passes each event.

mod common;

use awaitlab_core::loop_state::{loop_at, Place};
use awaitlab_core::narration::{current, english, narrate, say, Says};
use awaitlab_core::trace::{Event, Kind, Source};
use awaitlab_core::view_options::Lang;
use common::predict_url;

fn story(query: &str) -> Vec<String> {
    narrate(&predict_url(query)).iter().map(english).collect()
}

#[test]
fn countdown_is_told_in_the_order_the_loop_runs_it() {
    let told = story("s=countdown&mode=async");
    assert_eq!(
        told[..7],
        [
            "main starts: the loop runs its first step.",
            "A starts: the loop runs its first step.",
            "A awaits sleep(1): the loop is free, so B runs.",
            "B starts: the loop runs its first step.",
            "B awaits sleep(0.8): the loop is free, so C runs.",
            "C starts: the loop runs its first step.",
            "C awaits sleep(0.5): no other task is ready, so the loop waits.",
        ]
    );
    // Each wake comes before the line its task then prints; C's last sleep wakes it to end.
    let at = |s: &str| {
        told.iter()
            .position(|t| t == s)
            .unwrap_or_else(|| panic!("{s} not told: {told:#?}"))
    };
    assert!(at("C's sleep(0.5) is over: C is ready again.") < at("C ends."));
    assert_eq!(told.last().map(String::as_str), Some("main ends."));
    assert_eq!(
        told.iter()
            .filter(|t| t.ends_with(" is ready again."))
            .count(),
        9
    );
}

#[test]
fn every_print_is_told_in_the_consoles_order() {
    for query in [
        "s=countdown&mode=async",
        "s=queue&mode=async",
        "s=tasks&mode=tasks",
    ] {
        let trace = predict_url(query);
        let printed: Vec<String> = narrate(&trace)
            .into_iter()
            .filter_map(|s| match s.says {
                Says::Prints { text } => Some(text),
                _ => None,
            })
            .collect();
        assert_eq!(printed, trace.lines(), "{query}");
    }
}

#[test]
fn blocking_and_jobs_are_told_as_what_they_do_to_the_loop() {
    let told = story("s=countdown&mode=blocking");
    let blocks: Vec<&String> = told
        .iter()
        .filter(|t| t.contains("blocks the loop"))
        .collect();
    assert_eq!(blocks.len(), 9, "{told:#?}");
    assert!(blocks[0].ends_with("no other task can run until it returns."));
    let trace = predict_url("s=countdown&mode=blocking");
    let us = trace.meta.us_per_s();
    let state = loop_at(&trace, 0.5 * us);
    let holder = state.running.expect("someone holds the loop");
    assert_eq!((holder.name.as_str(), holder.place), ("A", Place::Holding));
    assert!(state.timers.is_empty(), "{:?}", state.timers);
    let ready: Vec<&str> = state.ready.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        ready,
        ["B", "C"],
        "they wait their turn while A holds the loop"
    );

    let trace = predict_url("s=countdown&mode=pool");
    let jobs = loop_at(&trace, 0.5 * trace.meta.us_per_s());
    let waiting: Vec<(&str, Place)> = jobs
        .waiting
        .iter()
        .map(|e| (e.name.as_str(), e.place))
        .collect();
    assert!(
        waiting.contains(&("A", Place::Job)) && waiting.contains(&("C", Place::Job)),
        "{waiting:?}"
    );
    assert!(narrate(&trace)
        .iter()
        .map(english)
        .any(|t| t.starts_with("A hands a job to a worker")));
    assert_eq!(Place::Job.asyncio(Lang::En), "run_in_executor");
    assert_eq!(
        Place::Job.browser(Source::Measured, Lang::En),
        "a Worker message"
    );
    assert_eq!(
        Place::Job.browser(Source::Predicted, Lang::En),
        "the virtual clock"
    );
}

#[test]
fn the_loop_at_a_moment_holds_timers_by_deadline_and_a_waiting_main() {
    let trace = predict_url("s=countdown&mode=async");
    let us = trace.meta.us_per_s();
    let state = loop_at(&trace, 0.6 * us);
    assert!(state.running.is_none() && state.ready.is_empty());
    let timers: Vec<(&str, &str, f64)> = state
        .timers
        .iter()
        .map(|e| (e.name.as_str(), e.what.as_str(), e.until_us.unwrap() / us))
        .collect();
    assert_eq!(
        timers,
        [
            ("B", "sleep(0.8)", 0.8),
            ("A", "sleep(1)", 1.0),
            ("C", "sleep(0.5)", 1.0)
        ]
    );
    let waiting: Vec<(&str, Place)> = state
        .waiting
        .iter()
        .map(|e| (e.name.as_str(), e.place))
        .collect();
    assert_eq!(
        waiting,
        [("main", Place::Future)],
        "main awaits gather's future"
    );
    // After the end nothing is alive; before the first event, nothing has been said.
    assert_eq!(loop_at(&trace, 3.5 * us), Default::default());
    let told = narrate(&trace);
    assert_eq!(current(&told, -1.0), None);
    assert_eq!(current(&told, 0.0), Some(6), "the seven sentences at 0 s");
    assert_eq!(current(&told, 10.0 * us), Some(told.len() - 1));
}

#[test]
fn a_measured_ready_queue_is_first_woken_first() {
    let mut trace = common::measured_trace(&["A", "B", "C"]);
    let span = |task, kind, label: &str, start_us, dur_us| Event {
        task,
        kind,
        label: label.into(),
        start_us,
        dur_us,
        value: None,
        error: None,
        line: None,
    };
    trace.events = vec![
        span(2, Kind::Run, "poll", 100.0, 80.0),
        span(1, Kind::Ready, "ready", 120.0, 100.0),
        span(0, Kind::Ready, "ready", 110.0, 150.0),
        span(0, Kind::Sleep, "sleep(1)", 0.0, 110.0),
    ];
    let state = loop_at(&trace, 150.0);
    assert_eq!(state.running.as_ref().map(|e| e.name.as_str()), Some("C"));
    let ready: Vec<&str> = state.ready.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(ready, ["A", "B"], "woken first, first in the queue");
    assert_eq!(Place::Ready.asyncio(Lang::En), "call_soon");
    // Before A's timer fired it was asleep, not ready.
    assert_eq!(loop_at(&trace, 50.0).timers.len(), 1);
}

#[test]
fn countdown_is_told_in_chinese_sentences() {
    let trace = predict_url("s=countdown&mode=async");
    let told = narrate(&trace);
    let zh: Vec<String> = told.iter().map(|s| say(Lang::Zh, s)).collect();
    assert_eq!(
        zh[..7],
        [
            "main 启动：事件循环执行它的第一步。",
            "A 启动：事件循环执行它的第一步。",
            "A 等待 sleep(1)：事件循环空出来了，于是轮到 B 运行。",
            "B 启动：事件循环执行它的第一步。",
            "B 等待 sleep(0.8)：事件循环空出来了，于是轮到 C 运行。",
            "C 启动：事件循环执行它的第一步。",
            "C 等待 sleep(0.5)：没有其他就绪的任务，事件循环只能等待。",
        ]
    );
    assert!(zh.contains(&"C 的 sleep(0.5) 结束了：C 重新进入就绪状态。".to_string()));
    assert_eq!(zh.last().map(String::as_str), Some("main 结束。"));
    assert!(zh
        .iter()
        .any(|t| t.starts_with("A 打印“") && t.ends_with("”。")));
}

#[test]
fn no_chinese_sentence_is_the_english_one() {
    // Every kind of sentence: gather's waits, prints and ends, a blocking run, a pool's jobs.
    for query in [
        "s=countdown&mode=async",
        "s=countdown&mode=blocking",
        "s=countdown&mode=pool",
        "s=tasks&mode=tasks",
    ] {
        for s in narrate(&predict_url(query)) {
            let (en, zh) = (english(&s), say(Lang::Zh, &s));
            assert_ne!(zh, en, "{query}");
            assert!(!zh.contains(&en), "{query}: {zh}");
            // The English words around the names are gone (code and names stay).
            for word in [" the loop", " runs", " awaits", " is ready", " ends."] {
                assert!(!zh.contains(word), "{query}: {zh}");
            }
            assert!(zh.ends_with('。'), "{query}: {zh}");
        }
    }
}

#[test]
fn every_place_is_named_in_both_languages() {
    for place in Place::ALL {
        for source in [Source::Measured, Source::Predicted] {
            let (en, zh) = (
                place.browser(source, Lang::En),
                place.browser(source, Lang::Zh),
            );
            assert!(!en.is_empty() && !zh.is_empty() && en != zh, "{place:?}");
        }
        // The API's name is code in both; only the note beside it is translated.
        let code = place.asyncio(Lang::En);
        let name = code.split(' ').next().unwrap();
        assert!(place.asyncio(Lang::Zh).starts_with(name), "{place:?}");
    }
    assert_eq!(Place::Holding.asyncio(Lang::Zh), "Task.__step（从不让出）");
    assert_eq!(
        Place::Job.browser(Source::Measured, Lang::Zh),
        "一条 Worker 消息"
    );
}
