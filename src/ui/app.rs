//! The root component: owns the state reducer and performs the effects views ask for (start and
//! stop a run, animate the playhead, export, share).

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::browser::dom::{self, TraceSlot};
use crate::browser::driver::{LiveFeed, LiveRun};
use crate::browser::frame::{after_paint, AnimationLoop};
use crate::browser::host::HostLink;
use crate::browser::loop_worker::LoopRun;
use crate::browser::pool;
use crate::browser::ready::page_settled;
use crate::browser::url;
use crate::ui::components::comparison::{Comparison as ComparisonView, Side as ComparedSide};
use crate::ui::components::console::Console;
use crate::ui::components::controls::{self, Intents};
use crate::ui::components::embed_code::EmbedCode;
use crate::ui::components::guess::Guess;
use crate::ui::components::loop_view::LoopView;
use crate::ui::components::program;
use crate::ui::components::span_table::SpanTable;
use crate::ui::components::summary::Summary;
use crate::ui::components::timeline::{LiveClock, Timeline};
use crate::ui::run_session::{Live, RunSession};
use crate::ui::state::{side_labels, Action, AppState, PageState};
use awaitlab_core::backend::pool::resolve_workers;
use awaitlab_core::compare::{write_merged_chrome_json, Totals};
use awaitlab_core::embed::host_message::{HostMessage, Incoming};
use awaitlab_core::embed::{link_pairs, outgoing, query};
use awaitlab_core::executor::Executor;
use awaitlab_core::lines::lines_at;
use awaitlab_core::scenario::parse_url;
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::trace::{EndReason, Placement, Source, Trace};
use awaitlab_core::view_options::{Lang, Theme, ViewOptions};
use awaitlab_i18n::tr;
use awaitlab_python::lesson::Plan;
use awaitlab_python::Costs;

/// Least time between two re-renders of the page during a run, ms.
const PROGRESS_MS: f64 = 100.0;

/// How long typing must pause before the program is predicted, ms.
const PREDICT_AFTER_TYPING_MS: u32 = 300;

/// Longest a run waits for its pool's workers to load before it starts anyway, ms.
const POOL_READY_MS: f64 = 10_000.0;

/// Re-render only when the loop's next timer is at least this far off, so the page's own
/// rendering does not make the run it measures late.
const HEADROOM_US: f64 = 15_000.0;

/// A ready queue longer than this holds a run's live re-render back (10,000 tasks woken at once:
/// a re-render among them makes every one late); a tutorial's few tasks never do.
const READY_HOLD: usize = 64;

/// Longest a run's live view waits for the loop's ready queue to shorten before it re-renders
/// anyway, ms (a loop that always has many ready tasks would otherwise never be shown).
const BUSY_RENDER_MS: f64 = 1_000.0;

/// Polls below which a run's re-render is taken to cost what the last one did; past them, more
/// in proportion (see [`render_estimate_ms`]).
const RENDER_POLLS_FLOOR: u64 = 1_000;

/// What the next live re-render will cost, ms: the last one's `last_ms`, grown with the run since
/// (`polls` now against `polls_then` when it was asked for): a view of 10,000 tasks' first wave
/// costs far more than the empty view the run began with, and at 90 ms it made the loop's next
/// timers late. A tutorial's run (fewer than [`RENDER_POLLS_FLOOR`] polls) is priced as before.
fn render_estimate_ms(last_ms: f64, polls: u64, polls_then: u64) -> f64 {
    last_ms * (polls as f64 / polls_then.max(RENDER_POLLS_FLOOR) as f64).max(1.0)
}

/// What the interpreter and the loop cost on this page (predictions charge CPU work and the
/// loop's own work at it), measured the first time it is asked for: some tens of ms (more while
/// the engine is still on its first, unoptimised code), so not before the page is first shown.
fn calibrate_once(calibrated: &Cell<bool>) -> Option<Costs> {
    (!calibrated.replace(true)).then(|| awaitlab_python::calibrate(&ts_now))
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let mut request = parse_url(&CATALOG, &url::query_pairs());
        // The language the link asks for, else the first of the browser's the page speaks.
        if !request.view.lang_asked {
            request.view.lang = Lang::negotiate(&dom::browser_languages());
        }
        // The theme and the embed layout, as the URL asks, before anything is drawn (the
        // stylesheet and the timeline's palette read them off the root element).
        dom::set_view_options(&request.view);
        // Predicted at assumed costs until the page has measured its own (see `calibrate_once`).
        PageState::new(AppState::from_url(request, Costs::ASSUMED))
    });
    // Whether this page has measured what work costs here.
    let calibrated = (*use_memo((), |_| Rc::new(Cell::new(false)))).clone();
    // Measured once the page is idle, off its first view's way (a run that starts first
    // measures at its start instead).
    {
        let (calibrated, dispatch) = (calibrated.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            spawn_local(async move {
                page_settled().await;
                if let Some(costs) = calibrate_once(&calibrated) {
                    dispatch.dispatch(Action::Calibrated(costs));
                }
            });
        });
    }
    let slot: TraceSlot = (*use_memo((), |_| TraceSlot::default())).clone();
    // What a run has (its loop, the meter, the animation, a Stop pressed early), in one owner.
    let session = {
        let slot = slot.clone();
        (*use_memo((), move |_| Rc::new(RunSession::new(slot)))).clone()
    };
    {
        // What a progress re-render cost: measured once it has happened.
        let session = session.clone();
        use_effect(move || session.rendered(ts_now()));
    }
    // The program pane's intents, made once: the pane is not re-rendered by a run's progress.
    let on_edit = {
        let dispatch = state.dispatcher();
        (*use_memo((), move |_| {
            Callback::from(move |text: String| dispatch.dispatch(Action::EditProgram(text)))
        }))
        .clone()
    };
    let on_revert = {
        let dispatch = state.dispatcher();
        (*use_memo((), move |_| {
            Callback::from(move |_: ()| dispatch.dispatch(Action::RevertProgram))
        }))
        .clone()
    };

    // A program's prediction once the person pauses typing (see AppState::prediction_due);
    // the timer goes when the next keystroke owes a new one.
    {
        let dispatch = state.dispatcher();
        use_effect_with(state.prediction_due, move |due| {
            let timer = due.map(|n| {
                gloo_timers::callback::Timeout::new(PREDICT_AFTER_TYPING_MS, move || {
                    dispatch.dispatch(Action::Predict(n))
                })
            });
            move || drop(timer)
        });
    }
    {
        let slot = slot.clone();
        use_effect_with((), move |_| {
            dom::end_boot_screen();
            dom::install_api(slot)
        });
    }
    // `loading` (index.html) until here: the app can run from now on.
    {
        let busy = state.phase.busy();
        use_effect_with(state.phase, move |phase| {
            dom::set_run_state(phase.attr());
            // The run is over: a person who pressed Stop keeps their place on the run buttons.
            if !busy {
                dom::move_focus("[data-testid=stop]", "[data-testid=run]");
            }
        });
    }
    // The address bar links to what is on screen. Another scenario or mode is a new history
    // entry (Back returns to the one before); a typed value replaces the current one.
    {
        let first = use_mut_ref(|| true);
        use_effect_with(
            (state.draft.clone(), state.view.clone()),
            move |(draft, view)| {
                let query = query(&link_pairs(draft, view, true));
                let shown = url::query_pairs();
                let in_url = |key: &str| {
                    shown
                        .iter()
                        .rev()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v.clone())
                };
                let elsewhere = in_url("s").as_deref() != Some(draft.scenario)
                    || in_url("mode").as_deref() != Some(draft.mode);
                if elsewhere && !first.replace(false) {
                    url::push_query(&query);
                } else {
                    first.replace(false);
                    url::replace_query(&query);
                }
            },
        );
    }
    // Back and Forward show that entry's scenario, mode and values (a run in progress stops).
    {
        let (dispatch, session) = (state.dispatcher(), session.clone());
        use_effect_with((), move |_| {
            let listener = dom::on_popstate(move || {
                session.stop_live();
                dispatch.dispatch(Action::Restore(parse_url(&CATALOG, &url::query_pairs())));
            });
            move || drop(listener)
        });
    }
    // The tab's title names the scenario and mode (history and bookmarks show it too).
    use_effect_with(
        (
            state.draft.scenario,
            state.draft.mode,
            state.draft.code.is_some(),
            state.view.lang,
        ),
        |(scenario, mode, edited, lang)| {
            let scenario = find(scenario).unwrap_or(&CATALOG[0]);
            let mode = scenario.mode(mode).unwrap_or(scenario.default_mode());
            let (scenario, mode) = (scenario.title_in(*lang), mode.label_in(scenario, *lang));
            dom::set_title(&if *edited {
                tr!(*lang, "page-title-yours", scenario = scenario, mode = mode)
            } else {
                tr!(*lang, "page-title", scenario = scenario, mode = mode)
            });
        },
    );
    // Load pool workers once a mode that uses them is on screen (not for every visitor at page
    // load), so the run's first jobs do not pay for their start-up.
    use_effect_with(
        (state.draft.scenario, state.draft.mode),
        |(scenario, mode)| {
            if find(scenario).is_some_and(|s| s.needs(mode).pool) {
                if let Ok(script) = pool::WorkerScript::trunk() {
                    pool::warm_up(&script, pool::report_cores().max(3));
                }
            }
        },
    );

    let on_run = {
        let (state, session) = (state.clone(), session.clone());
        let calibrated = calibrated.clone();
        Callback::from(move |_: ()| {
            if state.phase.busy() {
                return;
            }
            let Some(plan) = state.plan() else {
                return;
            };
            let draft = state.draft.clone();
            // Load the pool's workers first when the run will hand them jobs.
            let pool_workers = pool_workers(&plan, draft.mode);
            let meta = plan.meta(&draft, Source::Measured);
            // A run that starts before the page has measured its costs measures them first,
            // so the first run compares with a prediction at this page's costs.
            let fresh = calibrate_once(&calibrated);
            let costs = fresh.unwrap_or(state.costs);
            // A program typed a moment ago has no prediction on screen yet (it waits for a
            // pause): the run compares with the prediction of what it runs, made once here.
            let owed = state
                .prediction_due
                .and_then(|_| state.prediction_for_run_at(costs));
            let predicted_total = match (&owed, fresh) {
                (Some(trace), _) => trace.total_s(),
                (None, Some(_)) => state.prediction_for_run_at(costs).and_then(|p| p.total_s()),
                (None, None) => state.predicted.as_ref().and_then(|p| p.total_s()),
            };
            let dispatch = state.dispatcher();
            if let Some(costs) = fresh {
                dispatch.dispatch(Action::Calibrated(costs));
            }
            session.begin();
            dispatch.dispatch(Action::Starting(owed));
            if draft.placement == Placement::Worker {
                start_in_worker(
                    &draft,
                    meta,
                    &dispatch,
                    &session,
                    predicted_total,
                    state.view.lang,
                );
                return;
            }
            let session = session.clone();
            spawn_local(async move {
                // The run's clock must not pay for the page's own start-up: a shared link is
                // always a first run. Wait for the page to settle (loaded, fonts ready, painted,
                // idle) and, for a pool mode, for its workers to have loaded.
                page_settled().await;
                pool_ready(pool_workers).await;
                if session.stop_asked() {
                    let mut trace = Trace::new(meta);
                    trace.end_abruptly(0.0, EndReason::Stopped);
                    dispatch.dispatch(Action::Ended(Rc::new(trace)));
                    return;
                }
                let on_end = {
                    let (dispatch, session) = (dispatch.clone(), session.clone());
                    move |trace: Trace| {
                        // The page's own figures become a lane of the run it measured.
                        let trace = session.finish(trace, predicted_total, |_| {});
                        dispatch.dispatch(Action::Ended(trace));
                    }
                };
                // Build the loop, show "Running…" and let that paint; only then start the clock,
                // so the page's re-render is not part of the run it measures.
                let run = LiveRun::new(plan, &draft, pool::WorkerScript::trunk().ok());
                let exec = run.executor().clone();
                let feed = run.feed().clone();
                session.start_meter(run.origin_ms());
                // The first views of a measured run (an empty one) render now, not on its clock,
                // and tell what a re-render costs before the run's first timer is at stake.
                session.render_asked(ts_now());
                dispatch.dispatch(Action::Progress(feed.next(), 0.0));
                session.set_live(Live::Page(run));
                dispatch.dispatch(Action::Running);
                after_paint().await;
                let progress = dispatch.clone();
                session.animate(snapshots(&exec, feed, &session, move |trace, now| {
                    progress.dispatch(Action::Progress(trace, now))
                }));
                // The clock starts here and the first batch runs at once (a run that only blocks
                // may end within it).
                session.with_page_run(|run| {
                    run.start_clock();
                    session.rebase_meter(run.origin_ms());
                    run.begin(on_end);
                });
            });
        })
    };

    // The first run has ended well and a comparison is set: its run follows on the same loop.
    {
        let (state, session) = (state.clone(), session.clone());
        let due = state.compare.as_ref().is_some_and(|c| c.due);
        use_effect_with(due, move |due| {
            if *due {
                start_compared(&state, &session);
            }
        });
    }

    let on_stop = {
        let session = session.clone();
        // A run still getting ready (the page settling, workers loading) does not start.
        Callback::from(move |_: ()| session.stop())
    };

    let on_replay = {
        let (state, session) = (state.clone(), session.clone());
        Callback::from(move |_: ()| {
            let Some(total) = state.shown_measured.as_ref().and_then(|t| t.total_us) else {
                return;
            };
            let dispatch = state.dispatcher();
            if dom::prefers_reduced_motion() {
                dispatch.dispatch(Action::Seek(total));
                return;
            }
            // In real time; a lesson read by steps at a pace that shows them (≈ 2 s in all).
            let per_ms = if state.steps {
                (total / 2000.0).max(0.015)
            } else {
                1000.0
            };
            let mut start = None;
            session.animate(AnimationLoop::start(move |ts| {
                let t0 = *start.get_or_insert(ts);
                let at = (ts - t0) * per_ms;
                dispatch.dispatch(Action::Seek(at.min(total)));
                at < total
            }));
        })
    };

    // Run at once when the URL says autorun=1 (and the form is valid), unless the run could
    // freeze the tab without limit (it then waits for Run, saying why).
    {
        let refusal = (state.autorun && state.runnable)
            .then(|| crate::browser::fetch::autorun_refusal(&state.draft))
            .flatten();
        let autorun = state.autorun && state.runnable && refusal.is_none();
        let (on_run, dispatch) = (on_run.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            if autorun {
                on_run.emit(());
            } else if let Some(why) = refusal {
                dispatch.dispatch(Action::Notice(why));
            }
        });
    }

    // A page that frames this one steers it through messages (see browser::host): each lands in
    // an inbox and is handled after the next render, with that render's state and intents, one
    // at a time, so a `set` is on screen before the `run` sent after it.
    let app_ref = use_node_ref();
    let host = use_mut_ref(|| None::<HostLink>);
    let inbox = use_mut_ref(VecDeque::<Incoming>::new);
    // A message in: render again, so the effect below handles it with fresh state.
    let rerender = use_force_update();
    let bump = Rc::new(move || rerender.force_update());
    {
        let (host, inbox, bump) = (host.clone(), inbox.clone(), bump.clone());
        let (view, draft, app_ref) = (state.view.clone(), state.draft.clone(), app_ref.clone());
        use_effect_with((), move |_| {
            let deliver = {
                let inbox = inbox.clone();
                move |incoming: Incoming| {
                    inbox.borrow_mut().push_back(incoming);
                    bump();
                }
            };
            if let Some(mut link) = HostLink::connect(&view, deliver) {
                if let Some(app) = app_ref.cast::<web_sys::Element>() {
                    let poster = link.poster();
                    link.watch_height(&app, move |h| poster.post(&outgoing::resize(h)));
                }
                link.post(&outgoing::ready(env!("CARGO_PKG_VERSION"), &draft));
                *host.borrow_mut() = Some(link);
            }
            move || drop(host.borrow_mut().take())
        });
    }
    {
        let (host, inbox, session, slot) =
            (host.clone(), inbox.clone(), session.clone(), slot.clone());
        let (state, on_run) = (state.clone(), on_run.clone());
        let stopping = use_mut_ref(|| false);
        // Every render: it only looks at the inbox's front (a message waiting for a run to end
        // is handled at the render that ends it).
        use_effect(move || {
            let busy = state.phase.busy();
            if !busy {
                *stopping.borrow_mut() = false;
            }
            let post = |message: serde_json::Value| {
                if let Some(link) = host.borrow().as_ref() {
                    link.post(&message);
                }
            };
            let front = inbox.borrow().front().cloned();
            let Some(incoming) = front else {
                return;
            };
            // A Stop asked for is under way: what comes after it waits until the run has ended.
            if busy && *stopping.borrow() {
                return;
            }
            let next = || {
                inbox.borrow_mut().pop_front();
                if !inbox.borrow().is_empty() {
                    bump();
                }
            };
            let (id, message) = match incoming {
                Incoming::Request(r) => (r.id, r.message),
                Incoming::Invalid { id, message } => {
                    post(outgoing::error(id.as_ref(), &message));
                    return next();
                }
                Incoming::Ignored => return next(),
            };
            match message {
                HostMessage::Stop => {
                    if busy {
                        *stopping.borrow_mut() = true;
                        session.stop();
                    }
                }
                // Another program or form replaces a run in progress: stop it, then show it.
                HostMessage::Set(_) if busy => {
                    *stopping.borrow_mut() = true;
                    session.stop();
                    return;
                }
                HostMessage::Set(set) => {
                    let request = parse_url(&CATALOG, &set.pairs_after(&state.draft));
                    if !request.problems.is_empty() {
                        let said: Vec<String> =
                            request.problems.iter().map(|p| p.to_string()).collect();
                        post(outgoing::error(
                            id.as_ref(),
                            &format!("set: not everything was used: {}", said.join("; ")),
                        ));
                    }
                    state.dispatcher().dispatch(Action::Restore(request));
                }
                HostMessage::Run if busy => {
                    post(outgoing::error(
                        id.as_ref(),
                        "run: a run is already in progress",
                    ));
                }
                HostMessage::Run if !state.runnable => {
                    let why = state
                        .why_not
                        .clone()
                        .unwrap_or_else(|| "the parameters have errors".into());
                    post(outgoing::error(
                        id.as_ref(),
                        &format!("run: cannot run: {why}"),
                    ));
                }
                HostMessage::Run => on_run.emit(()),
                HostMessage::GetTrace => {
                    post(outgoing::trace(
                        id.as_ref(),
                        shown_trace_text(&state, &slot)
                            .and_then(|text| serde_json::from_str(&text).ok()),
                    ));
                }
            }
            next();
        });
    }
    // The host hears every change of the run's state.
    {
        let host = host.clone();
        // Keyed on what the host hears: Starting and Running both say "running".
        let key = (
            state.phase.attr(),
            state.measured.as_ref().map(|t| Rc::as_ptr(t) as usize),
        );
        let state = state.clone();
        use_effect_with(key, move |_| {
            if let Some(link) = host.borrow().as_ref() {
                let measured = state.measured.as_ref();
                link.post(&outgoing::state(
                    state.phase.attr(),
                    &state.draft,
                    measured.and_then(|t| t.total_s()),
                    state.predicted.as_ref().and_then(|t| t.total_s()),
                    measured.and_then(|t| t.error()),
                ));
            }
        });
    }

    // Made once, so the timeline's props can compare equal.
    // While a learner guesses (`predict=1`), the prediction and any earlier run stay hidden: the
    // guess panel says when the run has answered.
    let guessing = use_state(|| true);
    let on_guessing = {
        let guessing = guessing.clone();
        use_callback((), move |open: bool, _| guessing.set(open))
    };
    let on_seek = {
        let (dispatch, session) = (state.dispatcher(), session.clone());
        use_callback((), move |us: f64, _| {
            session.stop_animation();
            dispatch.dispatch(Action::Seek(us));
        })
    };

    let on_export = {
        let state = state.clone();
        let slot = slot.clone();
        Callback::from(move |_: MouseEvent| {
            let name = format!(
                "awaitlab-{}-{}.json",
                state.draft.scenario, state.draft.mode
            );
            let slot = slot.borrow();
            let Some(runs) = shown_runs(&state, &slot) else {
                return;
            };
            // Written to the download in pieces: the file is never whole in wasm memory.
            let written =
                dom::download_written(&name, "application/json", |out| write_runs(runs, out));
            if let Err(e) = written {
                state.dispatcher().dispatch(Action::Notice(e));
            }
        })
    };
    // The other exports (the timeline as SVG or PNG, the console) are the export menu's own.
    let export_name = format!("awaitlab-{}-{}", state.draft.scenario, state.draft.mode);
    let on_notice = {
        let dispatch = state.dispatcher();
        Callback::from(move |note: String| dispatch.dispatch(Action::Notice(note)))
    };

    // A trace file opened from the export menu: read (core `trace_import`, which refuses what
    // is not an AwaitLab export, saying why), then shown as the run it records.
    let on_open = {
        let (dispatch, slot, session) = (state.dispatcher(), slot.clone(), session.clone());
        let lang = state.view.lang;
        Callback::from(move |(file, text): (String, String)| {
            match awaitlab_core::trace_import::from_chrome_json(&text) {
                Ok(opened) => {
                    // The opened run is what Export and `window.awaitlab.trace()` give now.
                    session.begin();
                    let first = &opened.first;
                    *slot.borrow_mut() = (first.trace.meta.source == Source::Measured)
                        .then(|| (Rc::new(first.trace.clone()), first.predicted_total_s));
                    dispatch.dispatch(Action::Open(Rc::new(opened)));
                }
                Err(e) => dispatch.dispatch(Action::Notice(tr!(
                    lang,
                    "open-failed",
                    file = file.as_str(),
                    why = e.words().text(lang)
                ))),
            }
        })
    };

    let on_probe = {
        let session = session.clone();
        Callback::from(move |e: MouseEvent| session.probe_click(e.time_stamp()))
    };

    let on_share = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let link = url::share_url(&query(&link_pairs(&state.draft, &state.view, false)));
            let lang = state.view.lang;
            let note = match (dom::copy_to_clipboard(&link), state.draft.code.is_some()) {
                (true, true) => tr!(lang, "share-copied-program"),
                (true, false) => tr!(lang, "share-copied-scenario"),
                (false, true) => tr!(lang, "share-address-program"),
                (false, false) => tr!(lang, "share-address-scenario"),
            };
            state.dispatcher().dispatch(Action::Notice(note));
        })
    };

    let lang = state.view.lang;
    let hidden = state.view.predict && *guessing;
    // What the views may show: nothing of the prediction or a run while the guess is open.
    let shown = |trace: &Option<Rc<Trace>>| if hidden { None } else { trace.clone() };
    let scenario = find(state.draft.scenario).unwrap_or(&CATALOG[0]);
    let mode = scenario
        .mode(state.draft.mode)
        .unwrap_or(scenario.default_mode());
    let intents = Intents {
        dispatch: state.dispatcher(),
        on_run,
        on_stop,
        on_replay,
    };
    let busy = state.phase.busy();
    // Each task's line at the playhead, once a run can be scrubbed (the run's when there is one,
    // else the prediction's: scrubbing either shows the code). Worked out again only when the
    // trace or the playhead moves, not at every render (it reads every event).
    let marks = {
        let trace = (!busy && !hidden && state.document.is_some() && state.playhead_us > 0.0)
            .then(|| {
                state
                    .shown_measured
                    .as_ref()
                    .or(state.shown_predicted.as_ref())
                    .cloned()
            })
            .flatten();
        let key = (
            trace.as_ref().map(|t| Rc::as_ptr(t) as usize),
            state.playhead_us.to_bits(),
        );
        let at = state.playhead_us;
        use_memo(key, move |_| {
            trace.map_or_else(Vec::new, |t| lines_at(&t, at))
        })
    };

    // A lesson read by steps has no clock to follow while it runs (it takes no time). While
    // the compared run runs, its timeline follows the clock and the first run's stays still.
    let comparing = state.compare.as_ref().is_some_and(|c| c.due);
    let live_clock = if busy && !state.steps && !comparing {
        session.live_clock()
    } else {
        None
    };
    let compared_clock = if busy && comparing {
        session.live_clock()
    } else {
        None
    };
    let url_problems = (!state.url_problems.is_empty()).then(|| {
        let items = state.url_problems.iter().map(
            |p| html! { <li><code>{ p.param.clone() }</code>{ tr!(lang, "url-problem", message = p.message_in(lang)) }</li> },
        );
        html! {
            <div class="banner warn" role="status" data-testid="url-problems">
                <strong>{ tr!(lang, "url-problems") }</strong>
                <ul>{ for items }</ul>
            </div>
        }
    });
    let notice = state
        .notice
        .as_ref()
        .map(|n| html! { <div class="banner info" role="status">{ n.clone() }</div> });
    let measured = state.measured.as_deref();
    // Why a run stopped early (a deadlock's cycle, a stall, a failure) belongs on the timeline
    // itself, not only in the summary; a Stop the person pressed needs no banner.
    let run_error = measured
        .and_then(|m| m.early_end.as_ref())
        .filter(|e| **e != EndReason::Stopped)
        .map(|e| html! { <p class="timeline-error" role="alert" data-testid="run-error">{ e.to_string() }</p> });
    let predicted = state.predicted.as_deref();
    let status = match (state.phase, measured) {
        (p, _) if p.busy() && state.draft.placement == Placement::Worker => {
            tr!(lang, "status-running-worker")
        }
        (p, _) if p.busy() => tr!(lang, "status-running"),
        (_, Some(m)) => tr!(
            lang,
            "status-measured",
            speed = awaitlab_core::scenario::fmt_num(m.meta.speed_ms_per_s)
        ),
        _ if hidden => tr!(lang, "status-guessing"),
        (_, None) if predicted.is_some() => tr!(lang, "status-predicted"),
        _ => String::new(),
    };

    // An embed is a page of its own inside the host's: its title is its heading. An embed of a
    // live code block runs the block's program, which no scenario or mode describes.
    let heading = if state.view.embed { "h1" } else { "h2" };
    let own_program = state.view.embed && state.draft.code.is_some();
    let title = if own_program {
        html! { <@{heading}>{ tr!(lang, "your-program") }</@> }
    } else {
        // Beside a compared run, named as the comparison names it (what differs).
        let tag = match &state.compare {
            Some(c) => {
                let [first, _] = side_labels(&state.draft, &c.draft, lang);
                first
            }
            None => mode.label_in(scenario, lang),
        };
        html! {
            <@{heading}>{ scenario.title_in(lang) }<span class="mode-tag">{ tag }</span>
                if state.draft.code.is_some() {
                    <span class="mode-tag edited">{ tr!(lang, "your-program-tag") }</span>
                }
            </@>
        }
    };
    // Two runs compared share one time axis: the longer of the four totals.
    let axis_us = state.compare.as_ref().map_or(0.0, |c| {
        let end = |t: &Option<Rc<Trace>>| {
            t.as_ref()
                .map_or(0.0, |t| t.total_us.unwrap_or_else(|| t.extent_us()))
        };
        [
            end(&state.measured),
            end(&state.predicted),
            end(&c.measured),
            end(&c.predicted),
        ]
        .into_iter()
        .fold(0.0, f64::max)
    });
    let compared = state.compare.as_ref().filter(|_| !hidden && !state.steps).map(|c| {
        let [first_label, label] = side_labels(&state.draft, &c.draft, lang);
        let status = if c.due {
            tr!(lang, "compare-status-due")
        } else if c.measured.is_some() {
            tr!(lang, "compare-status-measured")
        } else {
            tr!(lang, "compare-status-predicted")
        };
        let totals = |predicted: &Option<Rc<Trace>>, measured: &Option<Rc<Trace>>| Totals {
            predicted_s: predicted.as_ref().and_then(|t| t.total_s()),
            measured_s: measured
                .as_ref()
                .filter(|t| t.early_end.is_none())
                .and_then(|t| t.total_s()),
        };
        let first = ComparedSide {
            label: first_label,
            totals: totals(&state.predicted, &state.measured),
        };
        let second = ComparedSide {
            label: label.clone(),
            totals: totals(&c.predicted, &c.measured),
        };
        html! {
            <>
                <section class="card timeline-card compared" aria-label={tr!(lang, "compare-card")} data-testid="compared">
                    <div class="timeline-head">
                        <h2>{ scenario.title_in(lang) }<span class="mode-tag">{ label }</span></h2>
                        <span class="status">{ status }</span>
                    </div>
                    <Timeline measured={c.measured.clone().or_else(|| c.live.clone())}
                        predicted={c.predicted.clone()}
                        recorded={(None, None)} steps={false} playhead_us={state.playhead_us}
                        live={compared_clock.clone()} on_seek={on_seek.clone()} theme={state.view.theme}
                        {axis_us} secondary={true}
                        gutter_with={shown(&state.shown_measured).or_else(|| shown(&state.shown_predicted))} />
                </section>
                <ComparisonView first={first} second={second} busy={busy} />
            </>
        }
    });
    let timeline = html! {
        <>
            { run_error }
            <Timeline measured={shown(&state.shown_measured)}
                predicted={shown(&state.shown_predicted)}
                recorded={if state.steps {
                    (shown(&state.measured), shown(&state.predicted))
                } else {
                    (None, None)
                }}
                steps={state.steps}
                playhead_us={state.playhead_us} live={live_clock} on_seek={on_seek.clone()}
                theme={state.view.theme} {axis_us}
                gutter_with={state.compare.as_ref().and_then(|c| c.measured.clone().or_else(|| c.predicted.clone()))} />
            if state.steps {
                <p class="hint" data-testid="steps-note">
                    <strong>{ tr!(lang, "steps-axis") }</strong>{ " " }
                    { tr!(lang, "steps-note") }
                </p>
            }
        </>
    };
    // The compared run's loop beside the first's (its labels, then its trace as drawn).
    let compared_loop = state
        .compare
        .as_ref()
        .filter(|_| !hidden && !state.steps)
        .and_then(|c| {
            let trace = c.measured.clone().or_else(|| c.predicted.clone())?;
            let [first, second] = side_labels(&state.draft, &c.draft, lang);
            Some((AttrValue::from(first), AttrValue::from(second), trace))
        });
    // The loop at the playhead and the run told in sentences, once there is a run (or a
    // prediction) to scrub: during a run the playhead is the live clock.
    let loop_view = match (
        busy,
        shown(&state.shown_measured).or_else(|| shown(&state.shown_predicted)),
    ) {
        (false, Some(trace)) => html! {
            <>
                <LoopView {trace} playhead_us={state.playhead_us} steps={state.steps} on_seek={on_seek.clone()}
                    run={compared_loop.as_ref().map(|(first, _, _)| first.clone())} />
                // Two runs compared on one axis: the other's loop at the same moment.
                if let Some((_, second, trace)) = compared_loop.clone() {
                    <LoopView {trace} playhead_us={state.playhead_us} steps={false} on_seek={on_seek.clone()}
                        run={second} second={true} />
                }
                if let Some(recorded) = state.measured.clone().or_else(|| state.predicted.clone()) {
                    <SpanTable trace={recorded} />
                }
            </>
        },
        _ => Html::default(),
    };
    let console = html! {
        <section class="card console" aria-label={tr!(lang, "console")}>
            <h2>{ tr!(lang, "console") }</h2>
            if hidden {
                <p class="note" data-testid="guess-hidden">{ tr!(lang, "guess-hidden") }</p>
            } else {
                <Console trace={state.measured.clone().or_else(|| state.predicted.clone())}
                    shown={state.shown_measured.clone().or_else(|| state.shown_predicted.clone())}
                    playhead={state.playhead_us} live={busy} />
            }
        </section>
    };
    let summary = html! {
        <Summary measured={shown(&state.measured)} predicted={shown(&state.predicted)}
            now_us={state.now_us} floor={state.floor} />
    };
    let guess = state.view.predict.then(|| {
        html! {
            <Guess predicted={state.predicted.clone()} measured={state.measured.clone()} {busy}
                on_guessing={on_guessing.clone()} />
        }
    });
    let program = html! {
        <program::Program mode={state.draft.mode} scenario={state.draft.scenario}
            document={state.document.clone()} revision={state.program_revision} marks={marks} busy={busy}
            on_edit={on_edit} on_revert={on_revert} {own_program} />
    };
    // One stable child for the messages that come and go (Yew matches unkeyed children from
    // the end: a message appearing must not re-create what follows).
    let messages = html! {
        <div class="messages">
            { url_problems }
            { notice }
        </div>
    };

    if state.view.embed {
        // The compact layout for an iframe: the run's buttons, the timeline and the console;
        // the program and the form folded below (open when the embed holds a program of its
        // own, as a live code block does); no page chrome, and a link to the whole page.
        let whole_page = url::share_url(&query(&link_pairs(&state.draft, &state.view, false)));
        return html! {
            <ContextProvider<Lang> context={lang}>
            <main class="app embed" ref={app_ref}>
                <div class="embed-bar">
                    { controls::run_buttons(&state, &intents) }
                    <a class="open-full" href={whole_page} target="_blank" rel="noopener"
                        data-testid="open-full">{ tr!(lang, "open-full") }</a>
                </div>
                { messages }
                { guess.clone() }
                <section class="card timeline-card" aria-label={tr!(lang, "timeline")}>
                    <div class="timeline-head">
                        { title }
                        <span class="status">{ status }</span>
                    </div>
                    { legend(lang) }
                    { timeline }
                </section>
                { compared.clone() }
                { console }
                <details class="card embed-more" open={own_program} data-testid="embed-program">
                    if own_program {
                        <summary>{ tr!(lang, "program") }</summary>
                    } else {
                        <summary>{ tr!(lang, "program-and-parameters") }</summary>
                        <div class="embed-modes">
                            { controls::modes(scenario, &state, &intents) }
                            { compare_switch(&state, scenario) }
                        </div>
                        { controls::form(scenario, &state, &intents) }
                    }
                    { program }
                </details>
                <details class="card embed-more summary" data-testid="embed-summary">
                    <summary>{ tr!(lang, "summary") }</summary>
                    { summary }
                </details>
            </main>
            </ContextProvider<Lang>>
        };
    }

    html! {
        <ContextProvider<Lang> context={lang}>
        <div class="app" ref={app_ref}>
            <header class="top">
                <h1 class="brand"><span class="logo" aria-hidden="true">{ "⟳" }</span>{ "AwaitLab" }</h1>
                { controls::picker(&state, &intents) }
                { controls::modes(scenario, &state, &intents) }
                { compare_switch(&state, scenario) }
                <div class="spacer"></div>
                <button type="button" class="ghost" onclick={on_share}>{ tr!(lang, "share-link") }</button>
                { predict_switch(&state) }
                { theme_switch(&state) }
                { lang_switch(&state) }
                <EmbedCode draft={state.draft.clone()} view={state.view.clone()} />
                <crate::ui::components::export::Export {busy} name={export_name} on_trace={on_export} {on_notice} {on_open} />
            </header>
            { messages }
            <main class="grid">
                <aside class="left">
                    { controls::form(scenario, &state, &intents) }
                    { program }
                </aside>
                <section class="right">
                    { guess }
                    <section class="card timeline-card" aria-label={tr!(lang, "timeline")}>
                        <div class="timeline-head">
                            { title }
                            <span class="status">{ status }</span>
                            <button type="button" class="probe" onclick={on_probe} disabled={!busy}
                                title={tr!(lang, "probe-title")}
                                data-testid="probe">{ tr!(lang, "probe") }</button>
                        </div>
                        { legend(lang) }
                        { timeline }
                        <p class="hint">
                            { tr!(lang, "timeline-hint") }
                        </p>
                    </section>
                    { compared }
                    { loop_view }
                    <div class="bottom">
                        { console }
                        <section class="card summary" aria-label={tr!(lang, "summary")} tabindex="0">
                            <h2>{ tr!(lang, "summary") }</h2>
                            { summary }
                        </section>
                    </div>
                </section>
            </main>
            <footer class="foot">
                { tr!(lang, "footer") }
            </footer>
        </div>
        </ContextProvider<Lang>>
    }
}

/// Starts a run whose loop is in a worker: snapshots re-render the page as they arrive (it is
/// not the loop's thread, so it can), the page's meter measures frames here, and the worker's own
/// lag probes become the run's loop lag.
fn start_in_worker(
    draft: &awaitlab_core::scenario::Draft,
    meta: awaitlab_core::trace::RunMeta,
    dispatch: &UseReducerDispatcher<PageState>,
    session: &Rc<RunSession>,
    predicted_total: Option<f64>,
    lang: Lang,
) {
    let meter_origin = crate::browser::clock::global_performance().map_or(0.0, |p| p.now());
    session.start_meter(meter_origin);
    let progress = dispatch.clone();
    let render = session.clone();
    let last_ms = Cell::new(f64::NEG_INFINITY);
    let on_progress = move |trace: Rc<Trace>, now_us: f64| {
        // The page is live while the loop blocks in the worker: re-render no more often than
        // keeps it so (a tenth of the time, by what the last re-render cost).
        let now = ts_now();
        let cost_ms = render.render_cost_ms();
        if now - last_ms.get() < PROGRESS_MS.max(10.0 * cost_ms) {
            return;
        }
        last_ms.set(now);
        render.render_asked(now);
        progress.dispatch(Action::Progress(trace, now_us));
    };
    let on_end = {
        let (dispatch, session) = (dispatch.clone(), session.clone());
        move |trace: Trace, lags: Vec<(f64, f64)>, origin_ms: f64| {
            let trace = session.finish(trace, predicted_total, |samples| {
                // The meter counted from when Run was pressed; the run's zero is the worker's.
                samples.shift(meter_origin - origin_ms);
                // The loop is in the worker: its lag is the worker's timer lateness.
                samples.lags = lags;
            });
            dispatch.dispatch(Action::Ended(trace));
        }
    };
    match LoopRun::start(draft, meta.clone(), on_progress, on_end) {
        Ok(run) => {
            let clock = LiveClock {
                source: Rc::new(run.clock()),
                feed: Some(run.feed()),
            };
            session.set_live(Live::Worker(run, clock));
            dispatch.dispatch(Action::Running);
        }
        Err(message) => {
            session.take_samples();
            let mut trace = Trace::new(meta);
            trace.placement = Placement::Worker;
            trace.end_abruptly(
                0.0,
                EndReason::Failed(tr!(lang, "loop-worker-failed", message = message)),
            );
            dispatch.dispatch(Action::Ended(Rc::new(trace)));
        }
    }
}

/// A run as its export writes it: its trace and the prediction's total it carries.
type ExportedRun<'a> = (&'a Trace, Option<f64>);

/// The runs on screen, as Export writes them: the last run's, else the prediction's, and in a
/// comparison the compared run's (`None`: nothing is shown). `slot` is the page's last run.
fn shown_runs<'a>(
    state: &'a AppState,
    slot: &'a Option<(Rc<Trace>, Option<f64>)>,
) -> Option<(ExportedRun<'a>, Option<ExportedRun<'a>>)> {
    let first: ExportedRun<'a> = match (&state.measured, slot) {
        (Some(_), Some((trace, predicted_total))) => (&**trace, *predicted_total),
        _ => {
            let p = state.predicted.as_ref()?;
            (&**p, p.total_s())
        }
    };
    // A comparison exports both runs (the compared one as a second process).
    let second = state.compare.as_ref().and_then(|c| {
        let predicted_total = c.predicted.as_ref().and_then(|p| p.total_s());
        c.measured
            .as_ref()
            .or(c.predicted.as_ref())
            .map(|t| (&**t, predicted_total))
    });
    Some((first, second))
}

/// Writes `runs` as Chrome trace-event JSON to `out`.
fn write_runs(
    (first, second): (ExportedRun<'_>, Option<ExportedRun<'_>>),
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match second {
        Some(second) => write_merged_chrome_json(first, second, out),
        None => first.0.write_chrome_json(first.1, out),
    }
}

/// The trace on screen as Chrome trace-event JSON text.
fn shown_trace_text(state: &AppState, slot: &TraceSlot) -> Option<String> {
    let slot = slot.borrow();
    let mut text = Vec::new();
    write_runs(shown_runs(state, &slot)?, &mut text).ok()?;
    String::from_utf8(text).ok()
}

/// "Compare with": another mode of this scenario run after this one, or nothing; or "Pin this
/// run" to compare what the form holds now with what it will hold; kept in the address
/// (`compare=<mode>`, `vs.<field>=…`).
fn compare_switch(
    state: &UseReducerHandle<PageState>,
    scenario: &'static awaitlab_core::scenario::Scenario,
) -> Html {
    let lang = state.view.lang;
    let dispatch = state.dispatcher();
    let onchange = Callback::from(move |e: Event| {
        if let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
            let value = select.value();
            dispatch.dispatch(Action::SetCompare((!value.is_empty()).then_some(value)));
        }
    });
    let worker = state.draft.placement == Placement::Worker;
    let busy = state.phase.busy();
    // A pinned run: what it is, and a way to let it go.
    if let (false, Some(c)) = (state.view.versus.is_empty(), state.compare.as_ref()) {
        let [_, label] = side_labels(&state.draft, &c.draft, lang);
        let dispatch = state.dispatcher();
        let unpin = Callback::from(move |_| dispatch.dispatch(Action::SetCompare(None)));
        return html! {
            <span class="compare-switch pinned" data-testid="compare-pinned">
                <span>{ tr!(lang, "compare-pinned") }{ " " }<strong>{ label }</strong></span>
                <button type="button" class="unpin" onclick={unpin} disabled={busy}
                    aria-label={tr!(lang, "compare-unpin")} title={tr!(lang, "compare-unpin")}
                    data-testid="compare-unpin">{ "×" }</button>
            </span>
        };
    }
    let pin = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Pin))
    };
    let chosen = state.compare.as_ref().map(|c| c.mode);
    let options = scenario
        .modes
        .iter()
        .filter(|m| m.id != state.draft.mode)
        .map(
            |m| html! { <option value={m.id} selected={chosen == Some(m.id)}>{ m.label_in(scenario, lang) }</option> },
        );
    let title = if worker {
        tr!(lang, "compare-worker")
    } else {
        tr!(lang, "compare-with-title")
    };
    html! {
        <>
            if scenario.modes.len() > 1 {
                <label class="theme-switch compare-switch">
                    <span>{ tr!(lang, "compare-with") }</span>
                    <select {onchange} data-testid="compare" {title} disabled={worker || busy}>
                        <option value="" selected={chosen.is_none()}>{ tr!(lang, "compare-none") }</option>
                        { for options }
                    </select>
                </label>
            }
            <button type="button" class="ghost pin" onclick={pin} data-testid="compare-pin"
                title={if worker { tr!(lang, "compare-worker") } else { tr!(lang, "compare-pin-title") }}
                disabled={worker || busy || state.config.is_none()}>{ tr!(lang, "compare-pin") }</button>
        </>
    }
}

/// How many pool workers a run of `plan` in `mode` hands jobs to, if any (they load first).
fn pool_workers(plan: &Plan, mode: &str) -> Option<usize> {
    match plan {
        Plan::Scenario(scenario, config) => scenario.needs(mode).pool.then(|| {
            config
                .params
                .get("workers")
                .map_or(3, |_| resolve_workers(config.params.int("workers")))
        }),
        Plan::Program { program, .. } => program.may_use_pool().then_some(3),
    }
}

/// Waits (at most POOL_READY_MS) for `wanted` pool workers to have loaded.
async fn pool_ready(wanted: Option<usize>) {
    if let (Some(wanted), Ok(script)) = (wanted, pool::WorkerScript::trunk()) {
        pool::ready(&script, wanted, POOL_READY_MS).await;
    }
}

/// Starts the compared run on the page's loop (the reducer marked it due when the first ended
/// well); its end is [`Action::CompareEnded`]. Stop reaches it through the session. It has no
/// page lane: the page's meter measures the first run.
fn start_compared(state: &UseReducerHandle<PageState>, session: &Rc<RunSession>) {
    let dispatch = state.dispatcher();
    let Some(c) = state.compare.clone() else {
        return;
    };
    // (A compared run that cannot start ends at once, as a failed run of its mode.)
    let fail = {
        let dispatch = dispatch.clone();
        let meta = state.measured.as_ref().map(|t| {
            let mut meta = t.meta.clone();
            meta.mode = c.mode.to_string();
            meta
        });
        move |why: String| {
            let Some(meta) = meta else { return };
            let mut trace = Trace::new(meta);
            trace.end_abruptly(0.0, EndReason::Failed(why));
            dispatch.dispatch(Action::CompareEnded(Rc::new(trace)));
        }
    };
    let Some(scenario) = find(c.draft.scenario) else {
        return fail("unknown scenario".into());
    };
    let config = c.draft.validate(scenario);
    let document = awaitlab_python::lesson::document(
        scenario,
        &c.draft,
        config.as_ref().ok(),
        state.view.lang,
    );
    let plan = match Plan::of(scenario, &c.draft, &config, document.as_ref()) {
        Ok(plan) => plan,
        Err(_) => return fail(tr!(state.view.lang, "compare-cannot")),
    };
    let meta = plan.meta(&c.draft, Source::Measured);
    let pool_workers = pool_workers(&plan, c.draft.mode);
    let session = session.clone();
    spawn_local(async move {
        // Out of the first run's end (this effect may run inside it): then let its handles go.
        after_paint().await;
        session.begin();
        pool_ready(pool_workers).await;
        if session.stop_asked() {
            let mut trace = Trace::new(meta);
            trace.end_abruptly(0.0, EndReason::Stopped);
            dispatch.dispatch(Action::CompareEnded(Rc::new(trace)));
            return;
        }
        let run = LiveRun::new(plan, &c.draft, pool::WorkerScript::trunk().ok());
        let (exec, feed) = (run.executor().clone(), run.feed().clone());
        session.set_live(Live::Page(run));
        // Drawn live as the first run is: its timeline follows its clock.
        let progress = dispatch.clone();
        session.animate(snapshots(&exec, feed, &session, move |trace, now| {
            progress.dispatch(Action::CompareProgress(trace, now))
        }));
        session.with_page_run(|run| {
            run.start_clock();
            let session = session.clone();
            run.begin(move |trace| {
                session.stop_animation();
                session.release_ended();
                dispatch.dispatch(Action::CompareEnded(Rc::new(trace)));
            });
        });
    });
}

/// Snapshots of a live run on the page's loop, handed to `on_snapshot` with the run's time:
/// the page shares the thread with the loop it measures, so the lanes, console and summary are
/// re-rendered at most every PROGRESS_MS, and only when no timer is due soon and the ready queue
/// is short (the timeline moves its playhead by itself). A re-render costs what the last one did
/// (more on a busy machine): it waits for twice that before a timer, and takes at most a tenth of
/// the time, so a reply or a timer is rarely late for it. The first snapshot comes a PROGRESS_MS
/// into the run.
fn snapshots(
    exec: &Rc<Executor>,
    feed: LiveFeed,
    session: &Rc<RunSession>,
    on_snapshot: impl Fn(Rc<Trace>, f64) + 'static,
) -> AnimationLoop {
    let (exec, session) = (exec.clone(), session.clone());
    let mut last_ms = ts_now();
    let mut polls_then = 0;
    AnimationLoop::start(move |ts| {
        if exec.is_finished() {
            return false;
        }
        let now = exec.now_us();
        let polls = exec.polls();
        let cost_ms = render_estimate_ms(session.render_cost_ms(), polls, polls_then);
        let headroom_us = exec.next_deadline_us().map_or(f64::INFINITY, |d| d - now);
        // Many tasks in the ready queue are work the loop has now: a re-render would make them
        // all late. It waits for the queue to shorten, unless that takes BUSY_RENDER_MS.
        let queue_free = exec.ready_len() <= READY_HOLD || ts - last_ms >= BUSY_RENDER_MS;
        if ts - last_ms >= PROGRESS_MS.max(10.0 * cost_ms)
            && headroom_us >= HEADROOM_US.max(2000.0 * cost_ms)
            && queue_free
        {
            last_ms = ts;
            polls_then = polls;
            let trace = feed.next();
            session.render_asked(ts_now());
            on_snapshot(trace, now);
        }
        true
    })
}

/// "Predict first": the guess panel on or off; kept in the address (`predict=1`).
fn predict_switch(state: &UseReducerHandle<PageState>) -> Html {
    let (dispatch, on) = (state.dispatcher(), state.view.predict);
    let lang = state.view.lang;
    let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetPredict(!on)));
    html! {
        <button type="button" class="ghost" aria-pressed={on.to_string()} {onclick}
            title={tr!(lang, "guess-toggle-title")} data-testid="predict">
            { tr!(lang, "guess-toggle") }
        </button>
    }
}

/// Light, dark or the system's colours; kept in the address (`theme=`).
fn theme_switch(state: &UseReducerHandle<PageState>) -> Html {
    let (dispatch, view) = (state.dispatcher(), state.view.clone());
    let onchange = Callback::from(move |e: Event| {
        let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
            return;
        };
        let theme = match select.value().as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        };
        // The root's attribute first: the views that repaint read it as they do.
        dom::set_view_options(&ViewOptions {
            theme,
            ..view.clone()
        });
        dispatch.dispatch(Action::SetTheme(theme));
    });
    let lang = state.view.lang;
    let option = |theme: Theme, label: String| {
        html! { <option value={theme.id()} selected={state.view.theme == theme}>{ label }</option> }
    };
    html! {
        <label class="theme-switch">
            <span class="sr-only">{ tr!(lang, "colours") }</span>
            <select {onchange} data-testid="theme" title={tr!(lang, "colours-title")}>
                { option(Theme::Auto, tr!(lang, "colours-auto")) }
                { option(Theme::Light, tr!(lang, "colours-light")) }
                { option(Theme::Dark, tr!(lang, "colours-dark")) }
            </select>
        </label>
    }
}

/// English or 简体中文, each named in its own language; kept in the address (`lang=`).
fn lang_switch(state: &UseReducerHandle<PageState>) -> Html {
    let (dispatch, view) = (state.dispatcher(), state.view.clone());
    let onchange = Callback::from(move |e: Event| {
        let Some(select) = e.target_dyn_into::<web_sys::HtmlSelectElement>() else {
            return;
        };
        let lang = Lang::parse(&select.value()).unwrap_or_default();
        dom::set_view_options(&ViewOptions {
            lang,
            ..view.clone()
        });
        dispatch.dispatch(Action::SetLang(lang));
    });
    let lang = state.view.lang;
    let options = Lang::ALL.iter().map(|l| {
        html! {
            <option value={l.id()} lang={l.tag()} selected={*l == lang}>{ l.own_name() }</option>
        }
    });
    html! {
        <label class="theme-switch">
            <span class="sr-only">{ tr!(lang, "language") }</span>
            <select {onchange} data-testid="lang" title={tr!(lang, "language-title")}>
                { for options }
            </select>
        </label>
    }
}

/// `performance.now()`, ms.
fn ts_now() -> f64 {
    crate::browser::clock::global_performance().map_or(0.0, |p| p.now())
}

fn legend(lang: Lang) -> Html {
    let items = [
        ("run", tr!(lang, "legend-run")),
        ("block", tr!(lang, "legend-block")),
        ("sleep", tr!(lang, "legend-sleep")),
        ("io", tr!(lang, "legend-io")),
        ("ready", tr!(lang, "legend-ready")),
        ("compute", tr!(lang, "legend-compute")),
        ("print", tr!(lang, "legend-print")),
        ("failed", tr!(lang, "legend-failed")),
        ("cancelled", tr!(lang, "legend-cancelled")),
        ("frozen", tr!(lang, "legend-frozen")),
    ];
    let items = items.into_iter().map(|(class, label)| {
        html! { <li><span class={classes!("swatch", class)} aria-hidden="true"></span>{ label }</li> }
    });
    html! { <ul class="legend">{ for items }</ul> }
}
