//! What the page runs for a form: the mode's program (as the form writes it or as the person
//! edited it) or the catalog's Rust scenario, how an edit changes what the form means, and the
//! `code=` link.

use std::rc::Rc;

use awaitlab_core::program_params::render;
use awaitlab_core::scenario::{parse_url, Draft, MAX_CODE_BYTES};
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::trace::{Placement, Source};
use awaitlab_core::view_options::Lang;
use awaitlab_python::lesson::{document, Blocked, Document, FormLink, Plan};
use awaitlab_python::run_virtual;

fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

fn draft(query: &str) -> Draft {
    let request = parse_url(&CATALOG, &pairs(query));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    request.draft
}

fn lines(trace: &awaitlab_core::trace::Trace) -> Vec<String> {
    trace.lines().iter().map(|l| l.to_string()).collect()
}

#[test]
fn every_mode_with_a_program_runs_it_and_the_others_run_their_scenario() {
    for scenario in CATALOG.iter() {
        for mode in scenario.modes {
            let mut d = Draft::defaults(scenario);
            d.mode = mode.id;
            let plan = Plan::from_draft(&d).expect("the defaults run");
            match (mode.program(), &plan) {
                (Some(template), Plan::Program { program, described }) => {
                    let config = d.validate(scenario).unwrap();
                    assert_eq!(program.source(), render(template, &config.params));
                    assert!(described, "{} {}", scenario.id, mode.id);
                }
                (None, Plan::Scenario(s, c)) => {
                    assert_eq!((s.id, c.mode), (scenario.id, mode.id));
                }
                (program, plan) => panic!(
                    "{} {}: program {} but plan {plan:?}",
                    scenario.id,
                    mode.id,
                    program.is_some()
                ),
            }
        }
    }
}

#[test]
fn the_form_writes_its_values_into_the_program_that_runs() {
    let d = draft("s=countdown&mode=async&delays=0.3,0.2,0.1&count=2");
    let Ok(Plan::Program { program, .. }) = Plan::from_draft(&d) else {
        panic!("countdown async runs its program");
    };
    assert!(program.source().contains("DELAYS = [0.3, 0.2, 0.1]"));
    assert!(program.source().contains("COUNT = 2"));
    let trace = Plan::from_draft(&d).unwrap().predict(&d, 10.0, 1_000_000);
    let printed = lines(&trace);
    assert_eq!(printed.len(), 3 * 2 + 1, "{printed:?}");
    // The shortest delay prints first, and the run takes as long as the slowest task.
    assert!(printed[0].ends_with("C = 2"), "{printed:?}");
    let total_s = trace.total_s().unwrap();
    assert!((total_s - 0.6).abs() < 0.01, "{total_s}");
}

#[test]
fn an_edited_literal_is_still_described_by_the_form() {
    let scenario = find("countdown").unwrap();
    let d = Draft::defaults(scenario);
    let config = d.validate(scenario).unwrap();
    let own = document(scenario, &d, Some(&config), Lang::En).unwrap();
    assert!(!own.edited);
    assert_eq!(own.form, FormLink::Follows);
    let edited_text = own.text.replace("COUNT = 3", "COUNT = 5");
    let doc = Document::from_text(
        scenario.mode(d.mode).unwrap().program(),
        Rc::from(edited_text.as_str()),
        Some(&config.params),
    );
    assert!(doc.edited);
    assert_eq!(doc.form, FormLink::Follows);
    let texts = doc
        .form_texts(scenario.mode(d.mode).unwrap().program().unwrap())
        .unwrap();
    assert!(texts.contains(&("count".to_string(), "5".to_string())));
    // The same text as the form writes it is the mode's own program, not an edit.
    let same = Document::from_text(
        scenario.mode(d.mode).unwrap().program(),
        own.text.clone(),
        Some(&config.params),
    );
    assert!(!same.edited);
}

#[test]
fn a_program_edited_past_its_marks_sets_the_form_aside_and_says_where() {
    let mut d = draft("s=countdown&mode=async");
    let Some(Document { text, .. }) = document(
        find("countdown").unwrap(),
        &d,
        d.validate(find("countdown").unwrap()).ok().as_ref(),
        Lang::En,
    ) else {
        panic!("a program");
    };
    // The count is now an expression: the form cannot say it.
    let edited = text.replace("COUNT = 3  # param: count", "COUNT = 1 + 2  # param: count");
    assert_ne!(edited, *text);
    d.code = Some(Rc::from(edited.as_str()));
    let scenario = find("countdown").unwrap();
    let doc = document(scenario, &d, d.validate(scenario).ok().as_ref(), Lang::En).unwrap();
    let FormLink::Detached(why) = &doc.form else {
        panic!("the form is set aside: {:?}", doc.form);
    };
    let line = edited
        .lines()
        .position(|l| l.starts_with("COUNT = 1 + 2"))
        .unwrap();
    assert_eq!(why.line, Some(line + 1), "{why}");
    // It still runs: an edited program's text is the truth, and it counts from 3.
    let plan = Plan::from_draft(&d).unwrap();
    let printed = lines(&plan.predict(&d, 10.0, 1_000_000));
    assert_eq!(printed.len(), 10, "{printed:?}");
    assert!(printed.iter().any(|l| l.ends_with("A = 3")));
}

#[test]
fn an_edited_program_runs_whatever_the_form_says_but_a_syntax_error_does_not() {
    let scenario = find("countdown").unwrap();
    let mut d = Draft::defaults(scenario);
    d.mode = "async";
    // A form problem (lists of different lengths) does not stop an edited program.
    d.set_text("delays", "1,2".into());
    assert!(d.validate(scenario).is_err());
    assert!(matches!(Plan::from_draft(&d), Err(Blocked::Form(_))));
    d.code = Some(Rc::from("import asyncio\nprint('hi')\n"));
    let plan = Plan::from_draft(&d).unwrap();
    assert_eq!(lines(&plan.predict(&d, 10.0, 100_000)), ["hi"]);
    // A syntax error says where, before anything runs.
    d.code = Some(Rc::from("print('hi')\nif True\n    pass\n"));
    match Plan::from_draft(&d) {
        Err(Blocked::Syntax(e)) => {
            assert_eq!((e.pos.line, e.msg.as_str()), (2, "expected ':'"));
        }
        other => panic!("{other:?}"),
    }
    // The speed is the runtime's, not the program's: it must still be valid.
    d.code = Some(Rc::from("print('hi')\n"));
    d.speed = "fast".into();
    match Plan::from_draft(&d) {
        Err(Blocked::Form(errors)) => assert_eq!(errors[0].param, "speed"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_program_that_uses_a_pool_cannot_run_in_a_loop_worker() {
    let scenario = find("countdown").unwrap();
    let mut d = Draft::defaults(scenario);
    d.placement = Placement::Worker;
    d.code = Some(Rc::from(
        "import asyncio\nasync def main():\n    await asyncio.to_thread(print, 1)\nasyncio.run(main())\n",
    ));
    match Plan::from_draft(&d) {
        Err(Blocked::Form(errors)) => assert_eq!(errors[0].param, "loop"),
        other => panic!("{other:?}"),
    }
    d.code = Some(Rc::from("print(1)\n"));
    assert!(Plan::from_draft(&d).is_ok());
    // The catalog's pool programs, as the form writes them and edited.
    for (s, mode) in [
        ("countdown", "pool"),
        ("gather", "threads"),
        ("primes", "pool"),
    ] {
        let scenario = find(s).unwrap();
        let mut d = Draft::defaults(scenario);
        d.mode = mode;
        let config = d.validate(scenario).unwrap();
        let own = document(scenario, &d, Some(&config), Lang::En).unwrap();
        assert!(Plan::from_draft(&d).is_ok(), "{s} {mode}");
        d.placement = Placement::Worker;
        for code in [None, Some(Rc::from(format!("{}# edited\n", own.text)))] {
            d.code = code;
            match Plan::from_draft(&d) {
                Err(Blocked::Form(errors)) => {
                    assert!(errors.iter().any(|e| e.param == "loop"), "{s} {mode}")
                }
                other => panic!("{s} {mode}: {other:?}"),
            }
        }
    }
}

#[test]
fn a_link_carries_the_program_and_gives_it_back() {
    let program = "import asyncio\r\n\r\nasync def main():\r\n    print('你好, AwaitLab')\r\n\r\nasyncio.run(main())\r\n";
    let request = parse_url(
        &CATALOG,
        &[
            ("s".into(), "gather".into()),
            ("code".into(), program.into()),
        ],
    );
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    let code = request.draft.code.clone().expect("the link's program");
    assert!(!code.contains('\r'), "line ends are \\n");
    // The link the page makes from it carries it unchanged.
    let again = parse_url(&CATALOG, &request.draft.to_pairs());
    assert_eq!(again.draft.code.as_deref(), Some(&*code));
    // The program from the link is what runs.
    let plan = Plan::from_draft(&request.draft).unwrap();
    let trace = plan.predict(&request.draft, 10.0, 1_000_000);
    assert_eq!(lines(&trace), ["你好, AwaitLab"]);
    assert_eq!(trace.meta.source, Source::Predicted);
    // The form's parameters do not describe a program that is not the mode's own.
    assert!(trace.meta.params.is_empty());
    // A program too long for a link is refused with a reason, and the page shows the mode's.
    let long = "#".repeat(MAX_CODE_BYTES + 1);
    let request = parse_url(&CATALOG, &[("code".into(), long)]);
    assert_eq!(request.draft.code, None);
    assert_eq!(request.problems[0].param, "code");
    assert!(request.problems[0].message.contains("KB"));
    // … and a link that asked to run it does not run something else.
    let long = "#".repeat(MAX_CODE_BYTES + 1);
    let request = parse_url(
        &CATALOG,
        &[("code".into(), long), ("autorun".into(), "1".into())],
    );
    assert!(!request.autorun);
    assert!(request.problems.iter().any(|p| p.param == "autorun"));
}

#[test]
fn a_prediction_that_computes_too_long_stops_with_a_message() {
    let scenario = find("primes").unwrap();
    let d = Draft::defaults(scenario);
    let plan = Plan::from_draft(&d).unwrap();
    let trace = plan.predict(&d, 10.0, 1_000_000);
    let error = trace.error().expect("cut short");
    assert!(error.contains("prediction stopped"), "{error}");
    // What it printed before it stopped is kept.
    assert_eq!(lines(&trace)[0], "Processing 9637529763296797...");
}

#[test]
fn the_prediction_charges_cpu_work_at_the_rate_it_is_given() {
    let source = "total = 0\nfor i in range(300000):\n    total += i\nprint(total)\n";
    let mut d = Draft::defaults(find("countdown").unwrap());
    d.code = Some(Rc::from(source));
    let plan = Plan::from_draft(&d).unwrap();
    let slow = plan.predict(&d, 20.0, 10_000_000).total_us.unwrap();
    let fast = plan.predict(&d, 10.0, 10_000_000).total_us.unwrap();
    assert!(slow > 1.9 * fast && slow < 2.1 * fast, "{slow} vs {fast}");
    // And CPython's output.
    assert_eq!(
        run_virtual(source).unwrap().stdout,
        [(0..300000u64).sum::<u64>().to_string()]
    );
}

#[test]
fn calibration_measures_a_positive_cost_per_instruction_and_per_poll() {
    let start = std::time::Instant::now();
    let costs = awaitlab_python::calibrate(&|| start.elapsed().as_secs_f64() * 1000.0);
    let ns = costs.ns_per_step;
    assert!(ns.is_finite() && ns > 0.0 && ns < 10_000.0, "{ns}");
    let us = costs.us_per_poll;
    assert!(us.is_finite() && us > 0.0 && us < 1_000.0, "{us}");
}

#[test]
fn a_program_that_never_waits_reads_by_steps_and_its_loops_take_room() {
    use awaitlab_core::steps::{by_steps, reads_by_steps};
    use awaitlab_core::trace::Kind;
    let d = draft("s=queue&mode=sync");
    let plan = Plan::from_draft(&d).unwrap();
    let trace = plan.predict(&d, 10.0, 1_000_000);
    assert!(reads_by_steps(&trace));
    let steps = by_steps(&trace);
    // One does all the work, in the queue's order: counts of 15, 10, 5 and 2.
    let prints: Vec<usize> = (0..trace.events.len())
        .filter(|&i| trace.events[i].kind == Kind::Print)
        .collect();
    let label = |k: usize| trace.events[prints[k]].label.as_str();
    assert_eq!(
        (label(0), label(1), label(6), label(7)),
        (
            "Task One running",
            "Task One total: 15",
            "Task One running",
            "Task One total: 2"
        )
    );
    let room =
        |a: usize, b: usize| steps.events[prints[b]].start_us - steps.events[prints[a]].start_us;
    // A loop of 15 takes several times the room of a loop of 2, and several steps.
    let (fifteen, two) = (room(0, 1), room(6, 7));
    assert!(fifteen > 3.0 * two, "{fifteen} vs {two} steps");
    assert!(fifteen > 10.0, "{fifteen} steps");
}

#[test]
fn scrubbing_a_run_finds_each_task_at_its_line() {
    // Two tasks sleeping on different lines, started at 0; the module lane waits in run().
    let src = "import asyncio\n\
               \n\
               async def a():\n\
               \x20   await asyncio.sleep(1)\n\
               \x20   await asyncio.sleep(2)\n\
               \n\
               async def b():\n\
               \x20   await asyncio.sleep(2)\n\
               \n\
               async def main():\n\
               \x20   await asyncio.gather(a(), b())\n\
               \n\
               asyncio.run(main())\n";
    let run = run_virtual(src).expect("parses");
    let trace = &run.trace;
    let us = |s: f64| s * trace.meta.us_per_s();
    let at = |t: f64| -> Vec<(String, u32)> {
        awaitlab_core::lines::lines_at(trace, us(t))
            .into_iter()
            .map(|l| (l.name, l.line))
            .collect()
    };
    let named = |v: &[(String, u32)], prefix: &str| {
        v.iter()
            .find(|(n, _)| n.starts_with(prefix))
            .map(|(_, l)| *l)
    };
    let half = at(0.5);
    assert_eq!(named(&half, "<module>"), Some(13), "{half:?}");
    assert_eq!(named(&half, "main"), Some(11), "{half:?}");
    assert_eq!(named(&half, "a"), Some(4), "{half:?}");
    assert_eq!(named(&half, "b"), Some(8), "{half:?}");
    // After a's first sleep it is at its second; b is still at its only one.
    let later = at(1.5);
    assert_eq!(named(&later, "a"), Some(5), "{later:?}");
    assert_eq!(named(&later, "b"), Some(8), "{later:?}");
    // Past the end no task is alive.
    assert_eq!(at(10.0), Vec::new());
}

#[test]
fn a_pool_job_that_computes_too_long_stops_the_prediction_the_same_way() {
    // The pool's job is modelled within the prediction: its steps meet the same limit, and the
    // prediction ends with the same message rather than a job failure.
    let scenario = find("primes").unwrap();
    let mut d = Draft::defaults(scenario);
    d.mode = "pool";
    let plan = Plan::from_draft(&d).unwrap();
    let trace = plan.predict(&d, 10.0, 1_000_000);
    let error = trace.error().expect("cut short");
    assert!(error.contains("prediction stopped"), "{error}");
    assert!(!error.contains("job failed"), "{error}");
    assert!(lines(&trace).iter().all(|l| !l.contains("Traceback")));
    // The job met the prediction's million steps, not a job's own two hundred million.
    assert!(error.contains("1 million"), "{error}");
}

#[test]
fn a_task_in_asyncio_wait_is_not_ready_until_wait_can_return() {
    // As CPython's waiter future: main is woken once every task is done (ALL_COMPLETED), or
    // the first (FIRST_COMPLETED) — not at each completion, which would draw it "ready" while
    // the others still run.
    for when in ["ALL_COMPLETED", "FIRST_COMPLETED"] {
        let src = format!(
            "import asyncio, time\n\
             async def job(d):\n    time.sleep(d)\n\
             async def main():\n\
             \x20   ts = [asyncio.create_task(job(d)) for d in (1, 1, 1)]\n\
             \x20   await asyncio.wait(ts, return_when=asyncio.{when})\n\
             \x20   print('woke', round(time.perf_counter(), 3))\n\
             asyncio.run(main())\n"
        );
        let run = run_virtual(&src).expect("parses");
        let trace = &run.trace;
        let main = trace
            .tasks
            .iter()
            .position(|t| t.name.starts_with("main"))
            .expect("a main lane");
        let ready_s: f64 = trace
            .events
            .iter()
            .filter(|e| e.task == main && e.kind == awaitlab_core::trace::Kind::Ready)
            .map(|e| trace.meta.to_s(e.dur_us))
            .sum();
        // FIRST_COMPLETED wakes main after the first job; the other two still hold the loop
        // (they were ready before main was woken), so main waits for them: CPython prints
        // "woke 3.0" either way.
        let expected_ready = if when == "ALL_COMPLETED" { 0.0 } else { 2.0 };
        assert!(
            (ready_s - expected_ready).abs() < 0.01,
            "{when}: ready {ready_s}"
        );
        assert_eq!(run.stdout, ["woke 3.0"], "{when}");
    }
}

#[test]
fn a_chinese_page_runs_the_same_program_with_its_comments_in_chinese() {
    for scenario in CATALOG.iter() {
        for mode in scenario.modes.iter().filter(|m| m.program().is_some()) {
            let mut d = Draft::defaults(scenario);
            d.mode = mode.id;
            let config = d.validate(scenario).unwrap();
            let en = document(scenario, &d, Some(&config), Lang::En).unwrap();
            let zh = document(scenario, &d, Some(&config), Lang::Zh).unwrap();
            let at = format!("{} {}", scenario.id, mode.id);
            // The mode's own program in either language: not an edit, and the form follows it.
            assert!(!zh.edited, "{at}");
            assert_eq!(zh.form, FormLink::Follows, "{at}");
            assert_eq!(en.text.lines().count(), zh.text.lines().count(), "{at}");
            if !awaitlab_core::program_comments::words(&en.text).is_empty() {
                assert_ne!(en.text, zh.text, "{at}: no comment translated");
            }
            // The same run, line for line: what is printed, and when.
            let run = |doc: &Document| {
                let plan = Plan::of(scenario, &d, &Ok(config.clone()), Some(doc)).unwrap();
                let trace = plan.predict(&d, 10.0, 1_000_000);
                (lines(&trace), trace.total_s())
            };
            assert_eq!(run(&en), run(&zh), "{at}");
        }
    }
    // An edit in Chinese keeps the form: its literal is still the form's field.
    let scenario = find("countdown").unwrap();
    let d = draft("s=countdown&mode=async");
    let config = d.validate(scenario).unwrap();
    let zh = document(scenario, &d, Some(&config), Lang::Zh).unwrap();
    assert!(zh.text.contains("# 把控制权交还给事件循环"), "{}", zh.text);
    let template = scenario
        .mode("async")
        .unwrap()
        .program_in(Lang::Zh)
        .unwrap();
    let edited = Document::from_text(
        Some(&template),
        Rc::from(zh.text.replace("COUNT = 3", "COUNT = 2").as_str()),
        Some(&config.params),
    );
    assert!(edited.edited);
    assert_eq!(
        edited.form_texts(&template).unwrap().last(),
        Some(&("count".to_string(), "2".to_string()))
    );
}
