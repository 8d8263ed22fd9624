//! A run's life on the page, owned in one place: the live run (its loop on the page or in a loop
//! worker), the page's meter, the animation in progress (a run's ticker or a replay), a Stop
//! pressed before the loop exists, what the last re-render cost, and the last finished trace for
//! the export. The reducer says what the page shows (`phase`); this holds what a run *has*, and
//! dropping it (or starting the next run) lets all of it go.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::browser::dom::TraceSlot;
use crate::browser::driver::LiveRun;
use crate::browser::frame::AnimationLoop;
use crate::browser::loop_worker::LoopRun;
use crate::browser::meter::Meter;
use crate::ui::components::timeline::LiveClock;
use awaitlab_core::page::{add_page_lane, PageSamples};
use awaitlab_core::trace::Trace;

/// The run in progress: its loop on the page, or in a loop worker.
pub enum Live {
    /// On the page's own loop.
    Page(LiveRun),
    /// In a loop worker, with the clock the page reads it by.
    Worker(LoopRun, LiveClock),
}

impl Live {
    fn stop(&self) {
        match self {
            Live::Page(run) => run.stop(),
            Live::Worker(run, _) => run.stop(),
        }
    }

    fn clock(&self) -> LiveClock {
        match self {
            Live::Page(run) => LiveClock {
                source: run.executor().clone(),
                feed: Some(run.feed().shared().clone()),
            },
            Live::Worker(_, clock) => clock.clone(),
        }
    }
}

/// See the module docs. Shared by the callbacks of the root component as `Rc<RunSession>`.
pub struct RunSession {
    live: RefCell<Option<Live>>,
    meter: RefCell<Option<Meter>>,
    animation: RefCell<Option<AnimationLoop>>,
    stop_asked: Cell<bool>,
    /// When the last progress re-render was asked for (ms, 0 once it happened), and what it cost.
    render: Cell<(f64, f64)>,
    last: TraceSlot,
    /// Counts the runs set live, so that a release meant for one run never drops the next.
    generation: Cell<u64>,
}

impl RunSession {
    /// A session with no run yet; finished traces go to `last` (what `window.awaitlab.trace()`
    /// and Export read).
    pub fn new(last: TraceSlot) -> Self {
        RunSession {
            live: RefCell::new(None),
            meter: RefCell::new(None),
            animation: RefCell::new(None),
            stop_asked: Cell::new(false),
            render: Cell::new((0.0, 0.0)),
            last,
            generation: Cell::new(0),
        }
    }

    /// Lets go of what the previous run left (its handle, its animation) before the next.
    pub fn begin(&self) {
        self.animation.borrow_mut().take();
        self.live.borrow_mut().take();
        self.meter.borrow_mut().take();
        self.stop_asked.set(false);
    }

    /// The run is under way: Stop and Back reach it through here.
    pub fn set_live(&self, live: Live) {
        self.generation.set(self.generation.get() + 1);
        *self.live.borrow_mut() = Some(live);
    }

    /// Lets the ended run's loop go (its executor, tasks, worker) once its end has returned — not
    /// inside its own end callback, which runs in the loop's driver. A run that has ended holds
    /// nothing but its trace (kept in `last`); `window.awaitlab.resources().loops` says so.
    pub fn release_ended(self: &Rc<Self>) {
        let (session, generation) = (Rc::downgrade(self), self.generation.get());
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(session) = session.upgrade() {
                if session.generation.get() == generation {
                    session.live.borrow_mut().take();
                }
            }
        });
    }

    /// Runs `f` on the live run on the page's loop, if that is what is live.
    pub fn with_page_run(&self, f: impl FnOnce(&LiveRun)) {
        if let Some(Live::Page(run)) = self.live.borrow().as_ref() {
            f(run);
        }
    }

    /// The clock of the run in progress, for views that animate it.
    pub fn live_clock(&self) -> Option<LiveClock> {
        self.live.borrow().as_ref().map(Live::clock)
    }

    /// Stop: the live run stops at once; one still getting ready does not start.
    pub fn stop(&self) {
        match self.live.borrow().as_ref() {
            Some(run) => run.stop(),
            None => self.stop_asked.set(true),
        }
    }

    /// Stops a live run, if there is one (the person went Back or Forward).
    pub fn stop_live(&self) {
        if let Some(run) = self.live.borrow().as_ref() {
            run.stop();
        }
    }

    /// Whether Stop was pressed before the run's loop existed.
    pub fn stop_asked(&self) -> bool {
        self.stop_asked.get()
    }

    /// The page starts measuring itself, its samples counted from `origin_ms`.
    pub fn start_meter(&self, origin_ms: f64) {
        *self.meter.borrow_mut() = Some(Meter::start(origin_ms));
    }

    /// The run's clock started at `origin_ms`: the meter counts from there.
    pub fn rebase_meter(&self, origin_ms: f64) {
        if let Some(m) = self.meter.borrow().as_ref() {
            m.rebase(origin_ms);
        }
    }

    /// A click on the responsiveness probe, at the event's time stamp.
    pub fn probe_click(&self, time_stamp: f64) {
        if let Some(m) = self.meter.borrow().as_ref() {
            m.click(time_stamp);
        }
    }

    /// The meter's samples, ending it.
    pub fn take_samples(&self) -> Option<PageSamples> {
        self.meter.borrow_mut().take().map(Meter::finish)
    }

    /// Runs `animation` (a run's ticker, a replay) until the next one or [`Self::stop_animation`].
    pub fn animate(&self, animation: AnimationLoop) {
        *self.animation.borrow_mut() = Some(animation);
    }

    /// Ends the animation in progress.
    pub fn stop_animation(&self) {
        self.animation.borrow_mut().take();
    }

    /// A progress re-render is asked for now (`now_ms`).
    pub fn render_asked(&self, now_ms: f64) {
        self.render.set((now_ms, self.render.get().1));
    }

    /// The page re-rendered (`now_ms`): what it cost since it was asked for.
    pub fn rendered(&self, now_ms: f64) {
        let (asked, cost) = self.render.get();
        if asked > 0.0 {
            self.render.set((0.0, now_ms - asked));
        } else {
            self.render.set((0.0, cost));
        }
    }

    /// What the last progress re-render cost, ms.
    pub fn render_cost_ms(&self) -> f64 {
        self.render.get().1
    }

    /// Ends the run on the page's side: the meter's samples become the page's lane of `trace`
    /// (`place` first moves them onto its clock), the animation stops, the trace is kept
    /// (with the prediction's total) for the export, and the run's loop is let go.
    pub fn finish(
        self: &Rc<Self>,
        mut trace: Trace,
        predicted_total: Option<f64>,
        place: impl FnOnce(&mut PageSamples),
    ) -> Rc<Trace> {
        if let Some(mut samples) = self.take_samples() {
            place(&mut samples);
            add_page_lane(&mut trace, &samples);
        }
        self.stop_animation();
        self.release_ended();
        let trace = Rc::new(trace);
        *self.last.borrow_mut() = Some((trace.clone(), predicted_total));
        trace
    }
}
