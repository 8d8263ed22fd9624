//! The page's reducer, natively: what each intent does to what the page shows, and what it
//! leaves alone.

use std::rc::Rc;

use awaitlab_core::scenario::{parse_url, UrlRequest};
use awaitlab_core::scenarios::CATALOG;
use awaitlab_core::trace::{EndReason, Trace};
use awaitlab_core::view_options::Lang;
use awaitlab_view_state::{Action, AppState, Phase};

/// What one interpreter instruction costs, ns (a fixed figure: the page measures its own).
const NS_PER_STEP: f64 = 5.0;

fn request(query: &str) -> UrlRequest {
    let pairs: Vec<(String, String)> = query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    parse_url(&CATALOG, &pairs)
}

fn page(query: &str) -> Rc<AppState> {
    Rc::new(AppState::from_url(request(query), NS_PER_STEP))
}

fn reduce(state: &Rc<AppState>, action: Action) -> Rc<AppState> {
    state.clone().reduce(action)
}

/// The prediction on screen, as a finished run of the same form with `early_end`.
fn ended_run(state: &AppState, early_end: Option<EndReason>) -> Rc<Trace> {
    let mut trace = (**state.predicted.as_ref().expect("a prediction")).clone();
    trace.early_end = early_end;
    Rc::new(trace)
}

fn run_to_end(state: &Rc<AppState>, early_end: Option<EndReason>) -> Rc<AppState> {
    let starting = reduce(state, Action::Starting(None));
    assert_eq!(starting.phase, Phase::Starting);
    let running = reduce(&starting, Action::Running);
    assert_eq!(running.phase, Phase::Running);
    let trace = ended_run(&running, early_end);
    reduce(&running, Action::Ended(trace))
}

#[test]
fn a_link_opens_its_form_predicted_and_runnable() {
    let state = page("s=countdown&mode=async");
    assert_eq!(
        (state.draft.scenario, state.draft.mode),
        ("countdown", "async")
    );
    assert_eq!(state.phase, Phase::Idle);
    assert!(state.runnable, "{:?}", state.why_not);
    let predicted = state.predicted.as_ref().expect("predicted");
    assert_eq!(predicted.total_s().map(|s| (s * 10.0).round()), Some(30.0));
    assert!(state.document.is_some(), "countdown async is a program");
}

#[test]
fn a_run_ends_done_stopped_or_in_error_by_its_end_reason() {
    let state = page("s=countdown&mode=async");
    let done = run_to_end(&state, None);
    assert_eq!(done.phase, Phase::Done);
    assert_eq!(done.playhead_us, done.shown_end().expect("an end"));
    assert!(done.measured.is_some());

    let stopped = run_to_end(&state, Some(EndReason::Stopped));
    assert_eq!(
        stopped.phase,
        Phase::Idle,
        "a Stop the person pressed is no error"
    );

    let stalled = run_to_end(&state, Some(EndReason::Stalled("stalled: main".into())));
    assert_eq!(stalled.phase, Phase::Error);
}

#[test]
fn intents_that_do_not_apply_hand_back_the_same_state() {
    let idle = page("s=countdown&mode=async");
    // Progress of no run, a run ending that belongs to another form, Seek during a run.
    let trace = ended_run(&idle, None);
    let same = reduce(&idle, Action::Progress(trace.clone(), 5.0));
    assert!(
        Rc::ptr_eq(&same, &idle),
        "progress while idle changes nothing"
    );
    let running = reduce(&reduce(&idle, Action::Starting(None)), Action::Running);
    let same = reduce(&running, Action::Seek(1000.0));
    assert!(
        Rc::ptr_eq(&same, &running),
        "the playhead follows a live run"
    );
    let same = reduce(&running, Action::SelectMode("sync".into()));
    assert!(
        Rc::ptr_eq(&same, &running),
        "no other mode while a run is on"
    );
    let same = reduce(&running, Action::Edit("count", "5".into()));
    assert!(Rc::ptr_eq(&same, &running), "no edits while a run is on");
    let sought = reduce(&idle, Action::Seek(1234.0));
    assert_eq!(sought.playhead_us, 1234.0);
    assert_eq!(reduce(&idle, Action::Seek(-5.0)).playhead_us, 0.0);
}

#[test]
fn a_run_that_ends_after_going_to_another_form_shows_nowhere() {
    let state = page("s=countdown&mode=async");
    let running = reduce(&reduce(&state, Action::Starting(None)), Action::Running);
    let trace = ended_run(&running, None);
    // Back in history to another scenario while the run was on.
    let elsewhere = reduce(&running, Action::Restore(request("s=queue&mode=async")));
    let ended = reduce(&elsewhere, Action::Ended(trace));
    assert_eq!(ended.draft.scenario, "queue");
    assert_eq!(ended.phase, Phase::Idle);
    assert!(ended.measured.is_none());
}

#[test]
fn a_list_follows_the_length_of_the_list_it_depends_on_until_set_by_hand() {
    let state = page("s=countdown&mode=async");
    let two = reduce(&state, Action::Edit("letters", "A,B".into()));
    assert_eq!(two.draft.text("delays"), "1,0.8");
    assert!(two.errors.is_empty(), "{:?}", two.errors);
    // Once the person set delays, they mean what they typed: a mismatch is reported.
    let set = reduce(&two, Action::Edit("delays", "2,1".into()));
    let three = reduce(&set, Action::Edit("letters", "A,B,C".into()));
    assert_eq!(three.draft.text("delays"), "2,1");
    assert!(!three.errors.is_empty(), "lengths differ now");
    assert!(!three.runnable);
}

#[test]
fn typing_checks_at_once_and_predicts_after_a_pause_and_only_the_latest() {
    let state = page("s=countdown&mode=async");
    let before = state.predicted.clone().expect("predicted");
    let text = state.document.as_ref().expect("a program").text.to_string();
    let typed = reduce(
        &state,
        Action::EditProgram(text.replace("DELAYS = [1, 0.8, 0.5]", "DELAYS = [2, 0.8, 0.5]")),
    );
    let first = typed.prediction_due.expect("a prediction owed");
    assert!(Rc::ptr_eq(typed.predicted.as_ref().expect("kept"), &before));
    assert_eq!(
        typed.program_revision, state.program_revision,
        "typing is no rewrite"
    );
    // The field follows the edited literal at once.
    assert_eq!(typed.draft.text("delays"), "2,0.8,0.5");
    let again = reduce(
        &typed,
        Action::EditProgram(text.replace("DELAYS = [1, 0.8, 0.5]", "DELAYS = [3, 0.8, 0.5]")),
    );
    let second = again.prediction_due.expect("owed again");
    assert_ne!(first, second);
    let stale = reduce(&again, Action::Predict(first));
    assert!(
        Rc::ptr_eq(&stale, &again),
        "a superseded pause predicts nothing"
    );
    let predicted = reduce(&again, Action::Predict(second));
    assert_eq!(predicted.prediction_due, None);
    let total = predicted.predicted.as_ref().and_then(|p| p.total_s());
    assert_eq!(
        total.map(|s| (s * 10.0).round()),
        Some(90.0),
        "A counts 3 × 3 s"
    );
}

#[test]
fn a_syntax_error_blocks_run_and_says_why_and_revert_rewrites_the_program() {
    let state = page("s=countdown&mode=async");
    let broken = reduce(
        &state,
        Action::EditProgram("async def main(:\n    pass\n".into()),
    );
    assert!(!broken.runnable);
    let why = broken.why_not.clone().expect("why not");
    assert!(why.starts_with("fix the program first"), "{why}");
    // The page says it in its language; the program's error stays CPython's English.
    let zh = broken.why_not_in(Lang::Zh).expect("why not");
    assert!(zh.starts_with("请先修正程序："), "{zh}");
    assert!(
        zh.ends_with(&why["fix the program first: ".len()..]),
        "{zh}"
    );
    assert!(broken.predicted.is_none());
    let reverted = reduce(&broken, Action::RevertProgram);
    assert!(reverted.runnable);
    assert_eq!(reverted.program_revision, broken.program_revision + 1);
    assert_eq!(reverted.draft.code, None);
}

#[test]
fn run_right_after_typing_predicts_once_and_a_form_seen_before_is_not_predicted_again() {
    let state = page("s=countdown&mode=async");
    let text = state.document.as_ref().expect("a program").text.to_string();
    let typed = reduce(
        &state,
        Action::EditProgram(text.replace("COUNT = 3", "COUNT = 2")),
    );
    let made = typed.predictions.kept();
    // The effect that starts the run needs the owed prediction's total: it makes it once …
    let owed = typed.prediction_for_run().expect("a plan");
    assert_eq!(typed.predictions.kept(), made + 1);
    // … and the reducer shows that very trace instead of predicting again.
    let starting = reduce(&typed, Action::Starting(Some(owed.clone())));
    assert!(Rc::ptr_eq(
        starting.predicted.as_ref().expect("shown"),
        &owed
    ));
    assert_eq!(starting.predictions.kept(), made + 1);
    assert_eq!(starting.prediction_due, None);

    // Another mode and back: the first prediction is found, not made again.
    let idle = page("s=countdown&mode=async");
    let first = idle.predicted.clone().expect("predicted");
    let sync = reduce(&idle, Action::SelectMode("sync".into()));
    let back = reduce(&sync, Action::SelectMode("async".into()));
    assert!(Rc::ptr_eq(
        back.predicted.as_ref().expect("predicted"),
        &first
    ));
    assert_eq!(back.predictions.kept(), 2, "async and sync, each once");
}

#[test]
fn an_edited_program_waits_aside_while_another_mode_is_shown() {
    let state = page("s=countdown&mode=async");
    let text = state.document.as_ref().expect("a program").text.to_string();
    let edited = text.replace("print(\"Done.\")", "print(\"All done.\")");
    let typed = reduce(&state, Action::EditProgram(edited.clone()));
    let sync = reduce(&typed, Action::SelectMode("sync".into()));
    assert_eq!(sync.draft.code, None, "sync shows its own program");
    assert!(sync.program_revision > typed.program_revision);
    let back = reduce(&sync, Action::SelectMode("async".into()));
    assert_eq!(back.draft.code.as_deref(), Some(edited.as_str()));
}

#[test]
fn the_view_options_outlive_what_runs() {
    // An embed keeps its layout, theme and language when Back, Forward or a host's `set`
    // changes the scenario (their URLs need not repeat them).
    let state = page("s=countdown&mode=async&embed=1&theme=dark&lang=zh");
    assert!(state.view.embed);
    assert_eq!(state.view.theme.id(), "dark");
    assert_eq!(state.view.lang.id(), "zh");
    assert!(state.view.lang_asked);
    assert!(state.url_problems.is_empty(), "{:?}", state.url_problems);
    let unknown = page("s=countdown&mode=async&lang=klingon");
    assert_eq!(unknown.view.lang.id(), "en");
    assert_eq!(unknown.url_problems.len(), 1);
    assert_eq!(unknown.url_problems[0].param, "lang");
    let restored = reduce(&state, Action::Restore(request("s=queue&mode=sync")));
    assert_eq!(restored.draft.scenario, "queue");
    assert_eq!(restored.view, state.view);
    assert!(restored.url_problems.is_empty());
}

#[test]
fn compare_predicts_the_other_mode_and_runs_it_after_the_first() {
    let state = page("s=countdown&mode=sync&compare=async");
    assert!(state.url_problems.is_empty(), "{:?}", state.url_problems);
    let c = state.compare.as_ref().expect("a comparison");
    assert_eq!(c.mode, "async");
    assert_eq!(c.draft.mode, "async");
    // Sum against max: 6.9 s in turn, about 3 s at once.
    assert_eq!(state.predicted.as_ref().unwrap().total_s(), Some(6.9));
    let other = c.predicted.as_ref().unwrap().total_s().unwrap();
    assert!(other > 2.5 && other < 3.5, "{other}");
    // The link keeps it.
    let pairs = awaitlab_core::embed::link_pairs(&state.draft, &state.view, true);
    assert!(
        pairs.iter().any(|(k, v)| k == "compare" && v == "async"),
        "{pairs:?}"
    );

    // Run: the first run ends well, the page stays running while the compared one is owed.
    let first = run_to_end(&state, None);
    assert_eq!(first.phase, Phase::Running);
    assert!(first.compare.as_ref().unwrap().due);
    let mut second = (**first.compare.as_ref().unwrap().predicted.as_ref().unwrap()).clone();
    second.early_end = None;
    // While it runs it is drawn live: a snapshot is its run so far, not its measurement.
    let so_far = Rc::new(second.clone());
    let running = reduce(&first, Action::CompareProgress(so_far.clone(), 1.0e6));
    let c = running.compare.as_ref().unwrap();
    assert!(c.live.as_ref().is_some_and(|t| Rc::ptr_eq(t, &so_far)));
    assert!(c.measured.is_none() && c.due);
    assert_eq!(running.now_us, 1.0e6);
    // Not while the first runs, nor once the page is idle.
    assert!(Rc::ptr_eq(
        &reduce(&state, Action::CompareProgress(so_far.clone(), 1.0)),
        &state
    ));
    let done = reduce(&running, Action::CompareEnded(Rc::new(second.clone())));
    assert_eq!(done.phase, Phase::Done);
    let c = done.compare.as_ref().unwrap();
    assert!(!c.due && c.measured.is_some());
    assert!(c.live.is_none(), "the measured run replaces the live one");
    assert!(Rc::ptr_eq(
        &reduce(&done, Action::CompareProgress(so_far, 1.0)),
        &done
    ));
    assert!(done.measured.is_some(), "the first run stays on screen");
    // A trace of another form (a late end after the person moved on) is not the comparison's.
    let mut stray = second.clone();
    stray.meta.mode = "blocking".into();
    assert!(Rc::ptr_eq(
        &reduce(&first, Action::CompareEnded(Rc::new(stray))),
        &first
    ));

    // Stopped during the compared run: idle, the first run kept.
    let mut stopped = second;
    stopped.early_end = Some(EndReason::Stopped);
    let idle = reduce(&first, Action::CompareEnded(Rc::new(stopped)));
    assert_eq!(idle.phase, Phase::Idle);
    // A first run that failed or was stopped is not followed by the other.
    let failed = run_to_end(&state, Some(EndReason::Stopped));
    assert_eq!(failed.phase, Phase::Idle);
    assert!(!failed.compare.as_ref().unwrap().due);
}

#[test]
fn compare_follows_the_form_and_says_what_it_cannot_compare() {
    // Not a mode of the scenario, or the mode itself: said, and nothing compared.
    for query in [
        "s=countdown&mode=sync&compare=nope",
        "s=countdown&mode=sync&compare=sync",
        "s=countdown&mode=sync&compare=Async!",
    ] {
        let state = page(query);
        assert!(state.compare.is_none(), "{query}");
        assert_eq!(state.view.compare, None, "{query}");
        let said: Vec<&str> = state
            .url_problems
            .iter()
            .map(|p| p.param.as_str())
            .collect();
        assert_eq!(said, ["compare"], "{query}");
    }
    let state = page("s=countdown&mode=sync&compare=async");
    // Choosing the mode compared swaps the two.
    let swapped = reduce(&state, Action::SelectMode("async".into()));
    assert_eq!(swapped.draft.mode, "async");
    assert_eq!(swapped.compare.as_ref().unwrap().mode, "sync");
    // A value changes both runs' predictions.
    let edited = reduce(&state, Action::Edit("count", "1".into()));
    assert!(
        edited
            .compare
            .as_ref()
            .unwrap()
            .predicted
            .as_ref()
            .unwrap()
            .total_s()
            .unwrap()
            < 1.5
    );
    // Another scenario without that mode compares nothing; one with it keeps comparing.
    let queue = reduce(&state, Action::SelectScenario("queue".into()));
    assert_eq!(queue.draft.scenario, "queue");
    assert!(queue.compare.is_some(), "queue has an async mode too");
    let tasks = reduce(&state, Action::SelectScenario("tasks".into()));
    assert!(tasks.compare.is_none());
    assert_eq!(tasks.view.compare, None);
    // A loop worker runs one run at a time: no comparison there.
    let worker = page("s=countdown&mode=sync&compare=async&loop=worker");
    assert!(worker.compare.is_none());
    // Turned off and on again.
    let off = reduce(&state, Action::SetCompare(None));
    assert!(off.compare.is_none());
    let on = reduce(&off, Action::SetCompare(Some("blocking".into())));
    assert_eq!(on.compare.as_ref().unwrap().mode, "blocking");
}

#[test]
fn a_second_parameter_set_compares_in_the_same_mode_and_round_trips_in_the_link() {
    // `vs.` values alone: the same mode with the run's own values over the form's.
    let state = page("s=countdown&mode=async&vs.delays=2,2,2");
    assert!(state.url_problems.is_empty(), "{:?}", state.url_problems);
    let c = state.compare.as_ref().expect("a comparison");
    assert_eq!(c.mode, "async");
    assert_eq!(c.draft.text("delays"), "2,2,2");
    assert_eq!(c.draft.text("letters"), state.draft.text("letters"));
    // Each run is predicted with its own values: the longest delay times the count.
    let total = |t: &Option<Rc<Trace>>| t.as_ref().unwrap().total_s().unwrap();
    assert!((total(&state.predicted) - 3.0).abs() < 0.1);
    assert!(
        (total(&c.predicted) - 6.0).abs() < 0.1,
        "{}",
        total(&c.predicted)
    );
    // The names say what differs.
    let labels = awaitlab_view_state::side_labels(&state.draft, &c.draft, Lang::En);
    assert_eq!(labels, ["delays=1,0.8,0.5", "delays=2,2,2"]);
    let zh = awaitlab_view_state::side_labels(&state.draft, &state.draft, Lang::Zh);
    assert_eq!(zh, ["第 1 次运行", "第 2 次运行"]);
    // A field of the form not given keeps following the form.
    let edited = reduce(&state, Action::Edit("count", "1".into()));
    let c = edited.compare.as_ref().unwrap();
    assert_eq!(c.draft.text("count"), "1");
    assert!(
        (total(&c.predicted) - 2.0).abs() < 0.1,
        "{}",
        total(&c.predicted)
    );
    // The link keeps both sets, and reads back as the same comparison.
    let pairs = awaitlab_core::embed::link_pairs(&state.draft, &state.view, true);
    assert!(
        pairs.iter().any(|(k, v)| k == "vs.delays" && v == "2,2,2"),
        "{pairs:?}"
    );
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", awaitlab_core::scenario::encode_component(v)))
        .collect();
    let decoded = query.join("&").replace("%2C", ",");
    let again = page(&decoded);
    assert_eq!(
        again.compare.as_ref().unwrap().draft,
        state.compare.as_ref().unwrap().draft
    );
    // Another mode and other values at once.
    let both = page("s=countdown&mode=sync&compare=async&vs.count=1");
    let c = both.compare.as_ref().unwrap();
    assert_eq!((c.mode, c.draft.text("count")), ("async", "1"));
    let labels = awaitlab_view_state::side_labels(&both.draft, &c.draft, Lang::En);
    assert_eq!(labels, ["sync · count=3", "async · count=1"]);
}

#[test]
fn a_second_parameter_set_that_cannot_run_is_said_and_dropped() {
    for (query, said) in [
        ("s=countdown&mode=async&vs.delays=x", "vs.delays"),
        ("s=countdown&mode=async&vs.nope=1", "vs.nope"),
        // Valid alone, but three letters need three delays.
        ("s=countdown&mode=async&vs.delays=1,2", "vs.delays"),
        ("s=countdown&mode=async&vs.=1", "vs."),
    ] {
        let state = page(query);
        let problems: Vec<&str> = state
            .url_problems
            .iter()
            .map(|p| p.param.as_str())
            .collect();
        assert_eq!(problems, [said], "{query}");
        assert!(
            state.view.versus.is_empty(),
            "{query}: {:?}",
            state.view.versus
        );
        assert!(state.compare.is_none(), "{query}: nothing else to compare");
    }
    // A bad value beside a good one: the good one stays.
    let state = page("s=countdown&mode=async&vs.count=x&vs.delays=2,2,2");
    assert_eq!(
        state.view.versus,
        [("delays".to_string(), "2,2,2".to_string())]
    );
    assert!(state.compare.is_some());
}

#[test]
fn pin_keeps_the_form_as_the_compared_run_while_the_form_changes() {
    let state = page("s=countdown&mode=async");
    let done = run_to_end(&state, None);
    assert_eq!(done.phase, Phase::Done);
    let pinned = reduce(&done, Action::Pin);
    let c = pinned.compare.as_ref().expect("pinned");
    assert_eq!(c.draft, state.draft);
    // The run just measured is the pinned run's measurement.
    assert!(c.measured.is_some());
    // The form changes the run on screen only; the pinned run keeps its values and measurement.
    let edited = reduce(&pinned, Action::Edit("delays", "0.1,0.1,0.1".into()));
    let c = edited.compare.as_ref().unwrap();
    assert_eq!(c.draft.text("delays"), "1,0.8,0.5");
    assert!(c.measured.is_some(), "its values did not change");
    assert!(
        edited.measured.is_none(),
        "the form's run is to be measured"
    );
    // Another mode is compared with the pinned one (no swap).
    let sync = reduce(&edited, Action::SelectMode("sync".into()));
    assert_eq!(sync.compare.as_ref().unwrap().mode, "async");
    // An edited program is pinned with it: two programs compared.
    let code = state
        .document
        .as_ref()
        .unwrap()
        .text
        .replace("Done.", "Finished.");
    let own = reduce(&state, Action::EditProgram(code.clone()));
    let pinned = reduce(&own, Action::Pin);
    assert!(pinned
        .view
        .versus
        .iter()
        .any(|(k, v)| k == "code" && *v == code));
    let other = reduce(
        &pinned,
        Action::EditProgram(code.replace("Finished.", "Over.")),
    );
    let c = other.compare.as_ref().unwrap();
    assert_eq!(c.draft.code.as_deref(), Some(code.as_str()));
    let labels = awaitlab_view_state::side_labels(&other.draft, &c.draft, Lang::En);
    assert_eq!(labels, ["program 1", "program 2"]);
    // Let go: nothing compared; another scenario drops a pin.
    let off = reduce(&pinned, Action::SetCompare(None));
    assert!(off.compare.is_none() && off.view.versus.is_empty());
    let queue = reduce(&pinned, Action::SelectScenario("queue".into()));
    assert!(queue.compare.is_none() && queue.view.versus.is_empty());
    // Nothing pinned during a run.
    let running = reduce(&reduce(&state, Action::Starting(None)), Action::Running);
    assert!(Rc::ptr_eq(&reduce(&running, Action::Pin), &running));
}

#[test]
fn switching_language_translates_the_programs_comments_and_keeps_the_run_and_an_edit() {
    let state = page("s=countdown&mode=async&lang=en");
    let done = run_to_end(&state, None);
    let english = done.document.as_ref().unwrap().text.clone();
    assert!(english.contains("# gives the loop back"), "{english}");
    let zh = reduce(&done, Action::SetLang(Lang::Zh));
    let chinese = zh.document.as_ref().unwrap().text.clone();
    assert!(chinese.contains("# 把控制权交还给事件循环"), "{chinese}");
    assert!(!zh.document.as_ref().unwrap().edited);
    assert_eq!(english.lines().count(), chinese.lines().count());
    // The measured run stays on screen: a language is not a new program.
    assert!(zh.measured.is_some());
    assert_eq!(zh.phase, done.phase);
    // Undoing an edit made in Chinese is the mode's own program again.
    let edited = reduce(&zh, Action::EditProgram(chinese.replace("Done.", "Done!")));
    assert!(edited.document.as_ref().unwrap().edited);
    let back = reduce(&edited, Action::EditProgram(chinese.to_string()));
    assert!(!back.document.as_ref().unwrap().edited);
    assert!(back.draft.code.is_none());
    // An edit is the person's text: a language switch leaves it as typed.
    let mine = reduce(&zh, Action::EditProgram(chinese.replace("Done.", "Fini.")));
    let en_again = reduce(&mine, Action::SetLang(Lang::En));
    let text = en_again.document.as_ref().unwrap().text.clone();
    assert!(text.contains("Fini.") && text.contains("# 把控制权交还给事件循环"));
    assert!(en_again.document.as_ref().unwrap().edited);
}

#[test]
fn an_opened_trace_file_shows_its_runs_with_the_form_that_made_them() {
    use awaitlab_core::compare::merged_chrome_text;
    use awaitlab_core::trace::Source;
    use awaitlab_core::trace_import::from_chrome_json;
    // A measured comparison, exported: sync with other delays against async.
    let made = page("s=countdown&mode=sync&compare=async&delays=0.5,0.4,0.3&count=2&speed=50");
    let mut first = (**made.predicted.as_ref().unwrap()).clone();
    first.meta.source = Source::Measured;
    let c = made.compare.as_ref().unwrap();
    let mut second = (**c.predicted.as_ref().unwrap()).clone();
    second.meta.source = Source::Measured;
    let text = merged_chrome_text((&first, first.total_s()), (&second, second.total_s()));
    let opened = Rc::new(from_chrome_json(&text).expect("an AwaitLab export"));

    // Opened on a page showing something else.
    let elsewhere = page("s=queue&mode=async");
    let shown = reduce(&elsewhere, Action::Open(opened.clone()));
    assert_eq!(
        (shown.draft.scenario, shown.draft.mode),
        ("countdown", "sync")
    );
    assert_eq!(shown.draft.text("delays"), "0.5,0.4,0.3");
    assert_eq!(shown.draft.text("count"), "2");
    assert_eq!(shown.draft.speed, "50");
    assert_eq!(shown.phase, Phase::Done);
    let measured = shown.measured.as_ref().expect("the file's run");
    assert_eq!(measured.total_s(), first.total_s());
    assert_eq!(measured.events.len(), first.events.len());
    let c = shown.compare.as_ref().expect("compared again");
    assert_eq!(c.mode, "async");
    assert_eq!(
        c.measured.as_ref().and_then(|t| t.total_s()),
        second.total_s()
    );
    assert!(shown
        .notice
        .as_deref()
        .is_some_and(|n| n.contains("Countdown")));
    // Not during a run; and a trace of a scenario this page lacks is said, not shown.
    let running = reduce(&reduce(&elsewhere, Action::Starting(None)), Action::Running);
    assert!(Rc::ptr_eq(
        &reduce(&running, Action::Open(opened)),
        &running
    ));
    let mut stranger = first.clone();
    stranger.meta.scenario = "nope".into();
    let odd = Rc::new(from_chrome_json(&stranger.to_chrome_text(None)).unwrap());
    let said = reduce(&elsewhere, Action::Open(odd));
    assert_eq!(said.draft.scenario, "queue");
    assert!(said.notice.as_deref().is_some_and(|n| n.contains("nope")));
}

#[test]
fn opening_a_trace_file_keeps_the_program_the_person_edited() {
    use awaitlab_core::trace::Source;
    use awaitlab_core::trace_import::from_chrome_json;
    let made = page("s=countdown&mode=sync&speed=50");
    let mut run = (**made.predicted.as_ref().unwrap()).clone();
    run.meta.source = Source::Measured;
    let opened = Rc::new(from_chrome_json(&run.to_chrome_text(run.total_s())).unwrap());

    // Another mode's program, edited, then a file opened over it: the notice says the edit is
    // kept, and going back to that mode brings it back as typed.
    let queue = page("s=queue&mode=async");
    let text = queue.document.as_ref().unwrap().text.to_string();
    let mine = text.replacen("print(", "print('mine', ", 1);
    let edited = reduce(&queue, Action::EditProgram(mine.clone()));
    assert!(edited.document.as_ref().unwrap().edited);
    let shown = reduce(&edited, Action::Open(opened.clone()));
    assert_eq!(
        (shown.draft.scenario, shown.draft.mode),
        ("countdown", "sync")
    );
    assert!(
        !shown.document.as_ref().unwrap().edited,
        "the opened run's mode shows its own program"
    );
    assert!(
        shown
            .notice
            .as_deref()
            .is_some_and(|n| n.contains("edited program is kept")),
        "{:?}",
        shown.notice
    );
    let queue_again = reduce(&shown, Action::SelectScenario("queue".into()));
    let back = reduce(&queue_again, Action::SelectMode("async".into()));
    assert_eq!(back.document.as_ref().unwrap().text.as_ref(), mine);

    // The same mode's program, edited: the file's run shows the mode's own program, and the edit
    // comes back after a visit to another mode.
    let sync = page("s=countdown&mode=sync&speed=50");
    let text = sync.document.as_ref().unwrap().text.to_string();
    let mine = text.replacen("print(", "print('mine', ", 1);
    let edited = reduce(&sync, Action::EditProgram(mine.clone()));
    let shown = reduce(&edited, Action::Open(opened));
    assert!(!shown.document.as_ref().unwrap().edited);
    let away = reduce(&shown, Action::SelectMode("async".into()));
    assert!(!away.document.as_ref().unwrap().edited);
    let again = reduce(&away, Action::SelectMode("sync".into()));
    assert_eq!(again.document.as_ref().unwrap().text.as_ref(), mine);
    // Taken up, the edit leaves the stash: reverting it and leaving does not bring it back.
    let reverted = reduce(&again, Action::RevertProgram);
    let away = reduce(
        &reduce(&reverted, Action::SelectMode("async".into())),
        Action::SelectMode("sync".into()),
    );
    assert!(!away.document.as_ref().unwrap().edited);
}

#[test]
fn measured_costs_predict_again_what_is_on_screen_but_not_a_run() {
    use awaitlab_python::Costs;
    // A program that computes: its prediction charges instructions at the page's cost.
    let state = page("s=primes&mode=sync");
    let before = state.predicted.clone().expect("predicted");
    let slower = Costs {
        ns_per_step: NS_PER_STEP * 4.0,
        us_per_poll: 2.0,
    };
    let calibrated = reduce(&state, Action::Calibrated(slower));
    assert_eq!(calibrated.costs, slower);
    let after = calibrated.predicted.clone().expect("predicted again");
    assert!(
        after.total_s() > before.total_s(),
        "{:?} then {:?}",
        before.total_s(),
        after.total_s()
    );
    // The same costs again change nothing.
    assert!(Rc::ptr_eq(
        &calibrated,
        &reduce(&calibrated, Action::Calibrated(slower))
    ));
    // A run under way keeps the prediction it compares with; the costs serve the next one.
    let running = reduce(&reduce(&state, Action::Starting(None)), Action::Running);
    let during = reduce(&running, Action::Calibrated(slower));
    assert_eq!(during.costs, slower);
    assert!(Rc::ptr_eq(
        during.predicted.as_ref().unwrap(),
        running.predicted.as_ref().unwrap()
    ));
    // A tutorial's program is predicted the same at any costs.
    let countdown = page("s=countdown&mode=async");
    let recosted = reduce(&countdown, Action::Calibrated(slower));
    assert_eq!(
        countdown.predicted.as_ref().unwrap().total_s(),
        recosted.predicted.as_ref().unwrap().total_s()
    );
}
