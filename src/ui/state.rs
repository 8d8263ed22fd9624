//! The page's state and the intents that change it: a pure reducer that delegates validation and
//! prediction to the core. Effects (starting a run, timers) live in `app.rs`.

use std::rc::Rc;

use yew::prelude::*;

use awaitlab_core::input::follow_lengths;
use awaitlab_core::run::predict;
use awaitlab_core::scenario::{fmt_num, Config, Draft, ParamError, UrlRequest};
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::stats::{speed_floor, SpeedFloor};
use awaitlab_core::steps::{by_steps, reads_by_steps};
use awaitlab_core::trace::{Placement, Trace};

/// Where the page is in a run's life, mirrored on `<html data-run-state>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// No run yet, or the last one was stopped.
    Idle,
    /// Run pressed; waiting one paint so the page shows it before a run that may freeze it.
    Starting,
    /// The run is on the loop.
    Running,
    /// The last run ended normally.
    Done,
    /// The last run ended with an error (a failed task, a stall).
    Error,
}

impl Phase {
    /// The `data-run-state` value.
    pub fn attr(self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Starting | Phase::Running => "running",
            Phase::Done => "done",
            Phase::Error => "error",
        }
    }

    /// Whether a run is under way.
    pub fn busy(self) -> bool {
        matches!(self, Phase::Starting | Phase::Running)
    }
}

/// Everything the views render.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    /// The form as typed.
    pub draft: Draft,
    /// Problems with the form, by field.
    pub errors: Vec<ParamError>,
    /// The runnable config, when the form is valid.
    pub config: Option<Config>,
    /// What the URL asked for that could not be honoured.
    pub url_problems: Vec<ParamError>,
    /// The virtual-time run of the current form.
    pub predicted: Option<Rc<Trace>>,
    /// The speed below which the current form's run cannot be shown honestly.
    pub floor: Option<SpeedFloor>,
    /// The run on the page's loop (in progress, or the last one for this form).
    pub measured: Option<Rc<Trace>>,
    /// Whether this form's lesson reads by the loop's steps rather than by time (its prediction
    /// takes no scenario time; see `awaitlab_core::steps`).
    pub steps: bool,
    /// The prediction as the timeline draws it: by steps when `steps`, else `predicted` itself.
    pub shown_predicted: Option<Rc<Trace>>,
    /// The measured run as the timeline draws it.
    pub shown_measured: Option<Rc<Trace>>,
    /// The run's clock at the last progress, real µs (the summary counts running tasks to it).
    pub now_us: f64,
    /// The run's phase.
    pub phase: Phase,
    /// Where the playhead is, on the timeline's axis: real microseconds, or steps when `steps`.
    pub playhead_us: f64,
    /// A short message for the person (link copied, export failed).
    pub notice: Option<String>,
    /// Whether the URL asked to run at once.
    pub autorun: bool,
    /// The fields the person (or the link) set: a list that must match another's length follows
    /// it only while it is not one of these.
    pub touched: Vec<&'static str>,
}

/// Intents from views and effects.
pub enum Action {
    /// Pick another scenario (its defaults).
    SelectScenario(String),
    /// Pick a mode of the current scenario.
    SelectMode(String),
    /// A field's new text (`speed` included).
    Edit(&'static str, String),
    /// Put the scenario's defaults back.
    Reset,
    /// Where the next run's loop runs (the page's main thread, or a loop worker).
    SetPlacement(Placement),
    /// A run is starting.
    Starting,
    /// A run is on the loop.
    Running,
    /// The run's trace so far and the clock.
    Progress(Rc<Trace>, f64),
    /// The run ended with this trace.
    Ended(Rc<Trace>),
    /// Move the playhead.
    Seek(f64),
    /// Show a short message.
    Notice(String),
    /// Back or Forward: show what that history entry's URL asks for (it never autoruns).
    Restore(UrlRequest),
}

impl AppState {
    /// The page as a URL asks for it.
    pub fn from_url(request: UrlRequest) -> Self {
        let mut state = AppState {
            draft: request.draft,
            errors: Vec::new(),
            config: None,
            url_problems: request.problems,
            predicted: None,
            floor: None,
            measured: None,
            steps: false,
            shown_predicted: None,
            shown_measured: None,
            now_us: 0.0,
            phase: Phase::Idle,
            playhead_us: 0.0,
            notice: None,
            autorun: request.autorun,
            touched: Vec::new(),
        };
        state.touched = state.changed_fields();
        state.revalidate();
        state
    }

    /// `trace` as the timeline draws it: laid out by steps when this form reads by steps.
    fn shown(&self, trace: &Rc<Trace>) -> Rc<Trace> {
        if self.steps {
            Rc::new(by_steps(trace))
        } else {
            trace.clone()
        }
    }

    /// Where the end of the shown run is, on the timeline's axis.
    pub fn shown_end(&self) -> Option<f64> {
        self.shown_measured
            .as_ref()
            .map(|t| t.total_us.unwrap_or_else(|| t.extent_us()))
    }

    /// The fields whose text differs from the scenario's default.
    fn changed_fields(&self) -> Vec<&'static str> {
        let Some(scenario) = find(self.draft.scenario) else {
            return Vec::new();
        };
        scenario
            .params
            .iter()
            .filter(|p| self.draft.text(p.id) != p.default)
            .map(|p| p.id)
            .collect()
    }

    /// Re-checks the form and re-predicts; clears a measured run that no longer matches it.
    fn revalidate(&mut self) {
        let Some(scenario) = find(self.draft.scenario) else {
            self.errors = vec![ParamError::new("s", "unknown scenario")];
            self.config = None;
            self.predicted = None;
            self.shown_predicted = None;
            self.steps = false;
            self.floor = None;
            return;
        };
        match self.draft.validate(scenario) {
            Ok(config) => {
                self.errors.clear();
                let trace = Rc::new(predict(scenario, &self.draft, config.clone()));
                self.floor = speed_floor(&trace);
                self.steps = reads_by_steps(&trace);
                self.shown_predicted = Some(self.shown(&trace));
                self.predicted = Some(trace);
                self.config = Some(config);
            }
            Err(errors) => {
                self.errors = errors;
                self.config = None;
                self.predicted = None;
                self.shown_predicted = None;
                self.steps = false;
                self.floor = None;
            }
        }
        if !self.phase.busy() {
            self.measured = None;
            self.shown_measured = None;
            self.playhead_us = 0.0;
            if self.phase != Phase::Idle {
                self.phase = Phase::Idle;
            }
        }
    }

    /// The problem with `field`, if any.
    pub fn error_for(&self, field: &str) -> Option<&ParamError> {
        self.errors.iter().find(|e| e.param == field)
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SelectScenario(id) => {
                if next.phase.busy() {
                    return self;
                }
                let scenario = find(&id).unwrap_or(&CATALOG[0]);
                // A speed the person chose carries over; the old scenario's default gives way to
                // the new one's (`http` runs in real time by default).
                let old_default = find(next.draft.scenario).map(|s| fmt_num(s.speed_ms_per_s));
                let customised = old_default.is_none_or(|d| d != next.draft.speed.trim());
                let speed = next.draft.speed.clone();
                let placement = next.draft.placement;
                next.draft = Draft::defaults(scenario);
                if customised {
                    next.draft.speed = speed;
                }
                next.draft.placement = placement;
                next.touched.clear();
                next.revalidate();
            }
            Action::SelectMode(id) => {
                let mode = find(next.draft.scenario).and_then(|s| s.mode(&id));
                match mode {
                    Some(mode) if !next.phase.busy() && mode.id != next.draft.mode => {
                        next.draft.mode = mode.id
                    }
                    _ => return self,
                }
                next.revalidate();
            }
            Action::Edit(field, text) => {
                if next.phase.busy() {
                    return self;
                }
                next.draft.set_text(field, text);
                if !next.touched.contains(&field) {
                    next.touched.push(field);
                }
                if let Some(scenario) = find(next.draft.scenario) {
                    let touched = next.touched.clone();
                    follow_lengths(scenario, &mut next.draft, field, |f| touched.contains(&f));
                }
                next.revalidate();
            }
            Action::Reset => {
                if next.phase.busy() {
                    return self;
                }
                let scenario = find(next.draft.scenario).unwrap_or(&CATALOG[0]);
                let (mode, placement) = (next.draft.mode, next.draft.placement);
                next.draft = Draft::defaults(scenario);
                next.draft.mode = mode;
                next.draft.placement = placement;
                next.touched.clear();
                next.revalidate();
            }
            Action::SetPlacement(placement) => {
                if next.phase.busy() || next.draft.placement == placement {
                    return self;
                }
                next.draft.placement = placement;
                next.revalidate();
            }
            Action::Starting => {
                next.phase = Phase::Starting;
                next.measured = None;
                next.shown_measured = None;
                next.playhead_us = 0.0;
                next.notice = None;
                next.autorun = false;
            }
            Action::Running => next.phase = Phase::Running,
            Action::Progress(trace, now_us) => {
                if !next.phase.busy() {
                    return self;
                }
                next.shown_measured = Some(next.shown(&trace));
                next.measured = Some(trace);
                next.now_us = now_us;
                next.playhead_us = if next.steps {
                    next.shown_end().unwrap_or(0.0)
                } else {
                    now_us
                };
            }
            Action::Ended(trace) => {
                // A run that ended after the person went Back or Forward to another form
                // belongs to none on screen.
                let meta = &trace.meta;
                if meta.scenario != next.draft.scenario || meta.mode != next.draft.mode {
                    next.phase = Phase::Idle;
                    next.measured = None;
                    next.shown_measured = None;
                    next.playhead_us = 0.0;
                    return Rc::new(next);
                }
                next.phase = match &trace.error {
                    None => Phase::Done,
                    Some(e) if e == crate::browser::driver::STOPPED => Phase::Idle,
                    Some(_) => Phase::Error,
                };
                next.now_us = trace.total_us.unwrap_or(0.0);
                next.shown_measured = Some(next.shown(&trace));
                next.measured = Some(trace);
                next.playhead_us = next.shown_end().unwrap_or(0.0);
            }
            Action::Seek(us) => {
                if next.phase.busy() {
                    return self;
                }
                next.playhead_us = us.max(0.0);
            }
            Action::Notice(text) => next.notice = Some(text),
            Action::Restore(request) => {
                next.draft = request.draft;
                next.url_problems = request.problems;
                next.autorun = false;
                next.notice = None;
                next.touched = next.changed_fields();
                next.revalidate();
            }
        }
        Rc::new(next)
    }
}
