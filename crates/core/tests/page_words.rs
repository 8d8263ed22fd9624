//! The summary's, the table's and the loop panel's words, which only the browser renders: their
//! English is the page's English as it was before it moved into Fluent (end-to-end tests read
//! it), spaces at their edges included, and their Chinese is not English.

use awaitlab_core::view_options::Lang;
use awaitlab_i18n::tr;

#[test]
fn the_english_is_what_the_page_said_before() {
    let en = Lang::En;
    assert_eq!(
        tr!(en, "summary-of-predicted", s = "3.00"),
        " of 3.00 s predicted"
    );
    assert_eq!(
        tr!(en, "summary-predicted-real", s = "0.06", speed = "20"),
        " (0.06 s real at 20 ms/s) — press Run to measure"
    );
    assert_eq!(tr!(en, "summary-page"), "The page: ");
    assert_eq!(["3", "4"].join(&tr!(en, "summary-list-sep")), "3, 4");
    assert_eq!(
        tr!(
            en,
            "summary-versus",
            predicted = "3.00",
            diff = "−0.12",
            ms = "2.4",
            speed = "20"
        ),
        "predicted 3.00 s · −0.12 s (2.4 ms real at 20 ms/s)"
    );
    assert_eq!(
        tr!(en, "speed-warning", speed = "10", wait = "0.5", real = "5", honest = "20",
            advice = tr!(en, "speed-advice-faster", least = "40")),
        "Too fast to show honestly: at 10 ms/s the shortest wait (0.5 s) lasts 5 ms real, and under \
         20 ms the browser's timers (1–4 ms late) and frames (16.7 ms) show in the totals; use 40 \
         ms/s or more for honest timing."
    );
    assert_eq!(
        tr!(en, "console-time", s = format!("{:7.3}", 1.5)),
        "  1.500 s"
    );
    assert_eq!(
        tr!(en, "spans-first", shown = "2000", total = "3000"),
        "The first 2000 of 3000 events; Export has them all."
    );
    assert_eq!(
        tr!(en, "summary-busy.title"),
        "time being polled on the loop, scenario seconds"
    );
}

#[test]
fn the_chinese_keeps_numbers_and_uses_chinese_punctuation() {
    let zh = Lang::Zh;
    assert_eq!(
        tr!(zh, "summary-of-predicted", s = "3.00"),
        "（预测共 3.00 秒）"
    );
    assert_eq!(tr!(zh, "summary-page"), "页面：");
    assert_eq!(
        tr!(zh, "loop-sentence-of", n = "3", total = "9"),
        "第 3 句，共 9 句"
    );
    let warning = tr!(
        zh,
        "speed-warning",
        speed = "10",
        wait = "0.5",
        real = "5",
        honest = "20",
        advice = tr!(zh, "speed-advice-lengthen")
    );
    assert!(
        warning.contains("10 ms/s") && warning.ends_with("计时才可信。"),
        "{warning}"
    );
}

#[test]
fn the_pages_and_the_workers_lanes_are_named_in_the_pages_language_a_task_keeps_its_name() {
    use awaitlab_core::trace::{LaneKind, TaskInfo};
    let lane = |name: &str, lane| TaskInfo {
        name: name.into(),
        spawned_us: 0.0,
        ended_us: None,
        outcome: None,
        lane,
    };
    let page = lane("page", LaneKind::Page);
    assert_eq!(
        (page.shown_name(Lang::En), page.shown_name(Lang::Zh)),
        ("page".into(), "页面".into())
    );
    let worker = lane("worker 2", LaneKind::Worker);
    assert_eq!(worker.shown_name(Lang::En), "worker 2");
    assert_eq!(worker.shown_name(Lang::Zh), "工作线程 2");
    // A task named like a worker is the program's word; so is a worker lane named otherwise.
    assert_eq!(
        lane("worker 2", LaneKind::Task).shown_name(Lang::Zh),
        "worker 2"
    );
    assert_eq!(lane("pool", LaneKind::Worker).shown_name(Lang::Zh), "pool");
    // The trace keeps the recorded name: an export reads the same in either language.
    assert_eq!(worker.name, "worker 2");
}

#[test]
fn an_axis_says_its_unit_in_the_pages_language() {
    use awaitlab_core::layout::{ticks, Viewport};
    use awaitlab_core::steps::step_ticks;
    let vp = Viewport {
        start_us: 0.0,
        end_us: 20.0,
        width_px: 400.0,
    };
    let last = |lang| step_ticks(&vp, 90.0, lang).last().unwrap().label.clone();
    assert_eq!(last(Lang::En), "20 steps");
    assert_eq!(last(Lang::Zh), "20 步");
    let one = Viewport { end_us: 1.0, ..vp };
    assert_eq!(
        step_ticks(&one, 90.0, Lang::En).last().unwrap().label,
        "1 step"
    );
    let secs = Viewport {
        end_us: 2.0e6,
        ..vp
    };
    let labels = |lang| -> Vec<String> {
        ticks(&secs, 1.0e6, 90.0, lang)
            .into_iter()
            .map(|t| t.label)
            .collect()
    };
    assert_eq!(labels(Lang::En).last().map(String::as_str), Some("2.0 s"));
    assert_eq!(labels(Lang::Zh).last().map(String::as_str), Some("2.0 秒"));
}
