//! What the page shows and the intents that change it: a pure reducer that delegates validation
//! and prediction to the core and the interpreter. It knows nothing of the browser or of Yew, so
//! it is tested natively (tests/reducer.rs); the app holds it in a `use_reducer` and its effects
//! (starting a run, timers) live there.

use std::borrow::Cow;
use std::rc::Rc;

use awaitlab_core::program_params::{read_as, render};
use awaitlab_core::scenario::follow_lengths;
use awaitlab_core::scenario::{fmt_num, parse_code_words, Config, Draft, ParamError, UrlRequest};
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::stats::{speed_floor, SpeedFloor};
use awaitlab_core::steps::{by_steps, reads_by_steps};
use awaitlab_core::trace::{EndReason, Placement, Source, Trace};
use awaitlab_core::trace_import::Opened;
use awaitlab_core::view_options::{Lang, Theme, ViewOptions};
use awaitlab_i18n::tr;
use awaitlab_python::lesson::{document, Blocked, Document, FormLink, Plan};
use awaitlab_python::Costs;

/// Why Run cannot start.
#[derive(Clone, Debug, PartialEq)]
pub enum WhyNot {
    /// The draft names no scenario of the catalog.
    UnknownScenario,
    /// The program does not parse: the error as CPython words it (in every language).
    Syntax(String),
    /// A field is invalid.
    Fields,
}

impl WhyNot {
    /// What it says in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            WhyNot::UnknownScenario => tr!(lang, "controls-why-unknown-scenario"),
            WhyNot::Syntax(error) => tr!(lang, "controls-why-syntax", error = error.as_str()),
            WhyNot::Fields => tr!(lang, "controls-why-fields"),
        }
    }
}

/// Most instructions a prediction runs on the page as the person types (≈0.1 s at the
/// interpreter's speed in Chromium): a program that computes longer is predicted up to there,
/// with a message, and measured in full.
pub const PAGE_PREDICTION_STEPS: u64 = 4_000_000;

/// How many predictions [`Predictions`] keeps.
const KEPT_PREDICTIONS: usize = 8;

/// The last predictions made, by the form they predict (the draft, with its program, and the
/// interpreter's measured cost): going back to a mode, undoing an edit or pressing Run right
/// after typing finds its prediction made. Shared by every state of one page; states compare
/// equal whatever it holds (it caches, it does not describe the page).
#[derive(Clone, Default)]
pub struct Predictions(Rc<std::cell::RefCell<Vec<Prediction>>>);

/// A prediction kept: the form, the cost of an instruction (its bits) and the trace.
type Prediction = (Draft, (u64, u64), Rc<Trace>);

impl PartialEq for Predictions {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for Predictions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Predictions({} kept)", self.0.borrow().len())
    }
}

impl Predictions {
    /// The prediction of `plan` for `draft` at `costs`, made now unless it was made before.
    pub fn get(&self, plan: &Plan, draft: &Draft, costs: Costs) -> Rc<Trace> {
        let cost = (costs.ns_per_step.to_bits(), costs.us_per_poll.to_bits());
        if let Some((_, _, trace)) = self
            .0
            .borrow()
            .iter()
            .find(|(d, c, _)| *c == cost && d == draft)
        {
            return trace.clone();
        }
        let trace = Rc::new(plan.predict(draft, costs, PAGE_PREDICTION_STEPS));
        let mut kept = self.0.borrow_mut();
        if kept.len() >= KEPT_PREDICTIONS {
            kept.remove(0);
        }
        kept.push((draft.clone(), cost, trace.clone()));
        trace
    }

    /// How many predictions were made rather than found (for tests: each is a whole run on
    /// the virtual clock).
    pub fn kept(&self) -> usize {
        self.0.borrow().len()
    }
}

/// Programs edited in other modes this session, by (scenario, mode): going to another mode and
/// back finds the edit where it was left.
pub type Stash = Rc<Vec<((&'static str, &'static str), Rc<str>)>>;

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
    /// What the page is once `trace` has ended: done, idle after a Stop, or in error.
    fn after(trace: &Trace) -> Phase {
        match &trace.early_end {
            None => Phase::Done,
            Some(EndReason::Stopped) => Phase::Idle,
            Some(_) => Phase::Error,
        }
    }

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

/// A second run of the same scenario on the same time axis: in another mode (`compare=<mode>`),
/// with its own values or program (`vs.<field>=…`, `vs.code=…`: a run pinned for comparison),
/// or both. Its prediction, and its measured run once Run has run both.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// Its mode.
    pub mode: &'static str,
    /// Its form: the page's, in its mode, with its own values over the page's (its program is
    /// its own, or the mode's: an edit belongs to the run it was made in).
    pub draft: Draft,
    /// Its prediction.
    pub predicted: Option<Rc<Trace>>,
    /// Its measured run, once there is one.
    pub measured: Option<Rc<Trace>>,
    /// Its run so far, while it runs (drawn live; its totals count only once it has ended).
    pub live: Option<Rc<Trace>>,
    /// The first run has ended: this one is owed (the page's effect starts it).
    pub due: bool,
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
    /// How the page is shown (`embed`, `theme`, `lang`, `host-origin`): set by the first URL
    /// and kept for the page's life (Back, Forward and a host's `set` change what runs, not this).
    pub view: ViewOptions,
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
    /// The program pane's program (`None`: the mode's Python is an illustration of its Rust
    /// scenario).
    pub document: Option<Document>,
    /// Whether Run can start a run of what is on screen.
    pub runnable: bool,
    /// Why it cannot, when it cannot, in English (the host API's words; the page shows
    /// [`AppState::why_not_in`]).
    pub why_not: Option<String>,
    /// Why it cannot, for any language.
    pub blocked: Option<WhyNot>,
    /// Edited programs of other modes.
    pub stash: Stash,
    /// What an interpreter instruction and a poll of the loop cost on this page (the prediction
    /// charges CPU work and the loop's work at these rates).
    pub costs: Costs,
    /// A prediction owed to the program as typed (its number, see [`Action::Predict`]):
    /// typing re-checks the syntax at once but predicts once the person pauses, since a
    /// program that computes takes a noticeable moment to predict.
    pub prediction_due: Option<u64>,
    /// Keystrokes in the program so far (numbers the owed predictions).
    typed: u64,
    /// The predictions made so far on this page.
    pub predictions: Predictions,
    /// Changes to the program's text made other than by typing in it (see `reduce`).
    pub program_revision: u64,
    /// The run compared with this one, when `compare=` names another mode.
    pub compare: Option<Comparison>,
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
    /// A run is starting; with the prediction of what it runs, when the effect that starts it
    /// had to make one (the prediction owed after typing), so it is not made twice.
    Starting(Option<Rc<Trace>>),
    /// A run is on the loop.
    Running,
    /// The run's trace so far and the clock.
    Progress(Rc<Trace>, f64),
    /// The run ended with this trace.
    Ended(Rc<Trace>),
    /// The compared run ended with this trace.
    CompareEnded(Rc<Trace>),
    /// The compared run so far (a snapshot while it runs).
    CompareProgress(Rc<Trace>, f64),
    /// A trace file (an export) opened: its run(s) shown again — the form set to what made them,
    /// the measured run (and a comparison's second) on the timeline, the loop and the story.
    Open(Rc<Opened>),
    /// Compare with another mode (`None`: compare with nothing), with the same values.
    SetCompare(Option<String>),
    /// Keep the form as it is (mode, values, program) as the run to compare with: then the form
    /// changes only the run on screen.
    Pin,
    /// Move the playhead.
    Seek(f64),
    /// Show a short message.
    Notice(String),
    /// The person chose light, dark or the system's colours.
    SetTheme(Theme),
    /// The person chose the page's language (kept in the links from now on).
    SetLang(Lang),
    /// The person turned "predict first" on or off.
    SetPredict(bool),
    /// Back or Forward: show what that history entry's URL asks for (it never autoruns).
    Restore(UrlRequest),
    /// The program's new text, as the person typed it.
    EditProgram(String),
    /// Put the mode's own program back (the form's values written into it).
    RevertProgram,
    /// Predict the program as typed, if prediction `n` is still the one owed.
    Predict(u64),
    /// What work costs on this page, measured (the page predicts at [`Costs::ASSUMED`] until
    /// then, and measures once it is idle or a run starts).
    Calibrated(Costs),
}

impl AppState {
    /// The page as a URL asks for it.
    pub fn from_url(request: UrlRequest, costs: impl Into<Costs>) -> Self {
        let mut state = AppState {
            draft: request.draft,
            errors: Vec::new(),
            config: None,
            url_problems: request.problems,
            view: request.view,
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
            document: None,
            runnable: false,
            why_not: None,
            blocked: None,
            stash: Rc::new(Vec::new()),
            costs: costs.into(),
            prediction_due: None,
            typed: 0,
            predictions: Predictions::default(),
            program_revision: 0,
            compare: None,
        };
        state.touched = state.changed_fields();
        state.follow_program();
        state.revalidate();
        state.check_versus();
        if let Some(mode) = state.view.compare.clone() {
            if state.compare.is_none() && state.draft.placement == Placement::Page {
                state.url_problems.push(ParamError::said(
                    "compare",
                    awaitlab_core::words!("compare-not-a-mode", mode = mode),
                ));
                state.view.compare = None;
            }
        }
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

    /// Re-checks the form and the program, and re-predicts; clears a measured run that no
    /// longer matches them.
    fn revalidate(&mut self) {
        self.check(false);
    }

    /// [`revalidate`](Self::revalidate) for a keystroke in the program: the prediction waits
    /// for a pause ([`Action::Predict`]); the last one stays on screen meanwhile.
    fn revalidate_typed(&mut self) {
        self.check(true);
    }

    /// Predicts what is on screen now, if a prediction is owed (the program was checked as it
    /// was typed; only its prediction waited).
    fn predict_owed(&mut self) {
        if self.prediction_due.take().is_some() {
            if let Some(plan) = self.plan() {
                self.set_prediction(&plan);
            }
        }
    }

    /// The prediction of what Run would start now (made now unless it was made before).
    pub fn prediction_for_run(&self) -> Option<Rc<Trace>> {
        self.prediction_for_run_at(self.costs)
    }

    /// [`prediction_for_run`](Self::prediction_for_run) at `costs` (just measured: the
    /// [`Action::Calibrated`] that follows finds it made).
    pub fn prediction_for_run_at(&self, costs: Costs) -> Option<Rc<Trace>> {
        let plan = self.plan()?;
        Some(self.predictions.get(&plan, &self.draft, costs))
    }

    fn set_prediction(&mut self, plan: &Plan) {
        let trace = self.predictions.get(plan, &self.draft, self.costs);
        self.show_prediction(trace);
    }

    fn show_prediction(&mut self, trace: Rc<Trace>) {
        self.floor = speed_floor(&trace);
        self.steps = reads_by_steps(&trace);
        self.shown_predicted = Some(self.shown(&trace));
        self.predicted = Some(trace);
        self.runnable = true;
        self.why_not = None;
        self.blocked = None;
    }

    fn check(&mut self, defer: bool) {
        self.prediction_due = None;
        let Some(scenario) = find(self.draft.scenario) else {
            self.errors = vec![ParamError::said(
                "s",
                awaitlab_core::words!("error-unknown-scenario"),
            )];
            self.config = None;
            self.document = None;
            self.clear_prediction(Some(WhyNot::UnknownScenario));
            return;
        };
        let config = self.draft.validate(scenario);
        self.errors = config.as_ref().err().cloned().unwrap_or_default();
        self.config = config.as_ref().ok().cloned();
        self.document = document(scenario, &self.draft, self.config.as_ref(), self.view.lang);
        match Plan::of(scenario, &self.draft, &config, self.document.as_ref()) {
            Ok(_) if defer => {
                self.typed += 1;
                self.prediction_due = Some(self.typed);
                self.runnable = true;
                self.why_not = None;
                self.blocked = None;
            }
            Ok(plan) => self.set_prediction(&plan),
            Err(Blocked::Syntax(e)) => {
                self.clear_prediction(Some(WhyNot::Syntax(e.to_string())));
            }
            Err(Blocked::Form(errors)) => {
                // An edited program's own problems (speed, loop) are the form's to show.
                for e in errors {
                    if !self.errors.iter().any(|x| x.param == e.param) {
                        self.errors.push(e);
                    }
                }
                self.clear_prediction(Some(WhyNot::Fields));
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
        self.refresh_compare();
    }

    /// The compared run's form: the page's in the compared mode (`compare=`, else the page's
    /// own when the run has values of its own), the run's own values (`vs.…`) over the page's,
    /// and its own program or the mode's. `None`: nothing to compare on the page's loop (a loop
    /// worker runs one run at a time) or no other run asked for.
    fn compared_draft(&self) -> Option<(&'static awaitlab_core::scenario::Scenario, Draft)> {
        let scenario = find(self.draft.scenario)?;
        if self.draft.placement != Placement::Page {
            return None;
        }
        let own = !self.view.versus.is_empty();
        let mode = match &self.view.compare {
            Some(wanted) => scenario
                .mode(wanted)
                .filter(|m| own || m.id != self.draft.mode)?,
            None if own => scenario.mode(self.draft.mode)?,
            None => return None,
        };
        let mut draft = self.draft.clone();
        draft.mode = mode.id;
        draft.code = None;
        for (field, value) in &self.view.versus {
            if field == "code" {
                draft.code = parse_code_words(value).ok();
            } else if let Some(spec) = scenario.param(field) {
                draft.set_text(spec.id, value.clone());
            }
        }
        Some((scenario, draft))
    }

    /// Checks the compared run's own values (`vs.…`) as a link gave them: a field the scenario
    /// lacks, a value it refuses, or a set that cannot run together is dropped and said, so the
    /// comparison runs what it shows.
    fn check_versus(&mut self) {
        let Some(scenario) = find(self.draft.scenario) else {
            return;
        };
        let mut problems = Vec::new();
        self.view.versus.retain(|(field, value)| {
            let key = format!("{}{field}", awaitlab_core::view_options::VERSUS);
            let why = if field == "code" {
                parse_code_words(value).err()
            } else {
                match scenario.param(field) {
                    Some(spec) => spec.parse_words(value).err(),
                    None => Some(awaitlab_core::words!(
                        "compare-versus-unknown",
                        field = field.as_str(),
                        scenario = scenario.id
                    )),
                }
            };
            match why {
                Some(why) => {
                    problems.push(ParamError::said(&key, why));
                    false
                }
                None => true,
            }
        });
        // Valid one by one, the set may still clash (lists of different lengths).
        if let Some((scenario, draft)) = self.compared_draft() {
            if let Err(errors) = draft.validate(scenario) {
                for e in errors {
                    let key = format!("{}{}", awaitlab_core::view_options::VERSUS, e.param);
                    self.view.versus.retain(|(field, _)| *field != e.param);
                    problems.push(ParamError::said(&key, e.words));
                }
            }
        }
        if !problems.is_empty() {
            self.url_problems.extend(problems);
            self.refresh_compare();
        }
    }

    /// The compared run for the form as it is now (see [`AppState::compared_draft`]).
    fn refresh_compare(&mut self) {
        let Some((scenario, draft)) = self.compared_draft() else {
            self.compare = None;
            return;
        };
        let mode = scenario
            .mode(draft.mode)
            .expect("the compared draft's mode");
        let config = draft.validate(scenario);
        let document = document(scenario, &draft, config.as_ref().ok(), self.view.lang);
        let predicted = Plan::of(scenario, &draft, &config, document.as_ref())
            .ok()
            .map(|plan| self.predictions.get(&plan, &draft, self.costs));
        // A comparison whose run is unchanged keeps its measurement (a run pinned while the
        // form changes; a run in progress, whose measurement is about to be replaced).
        let measured = self
            .compare
            .as_ref()
            .filter(|c| c.draft == draft)
            .and_then(|c| c.measured.clone());
        self.compare = Some(Comparison {
            mode: mode.id,
            draft,
            predicted,
            measured,
            live: None,
            due: false,
        });
    }

    fn clear_prediction(&mut self, why: Option<WhyNot>) {
        self.predicted = None;
        self.shown_predicted = None;
        self.steps = false;
        self.floor = None;
        self.runnable = false;
        self.why_not = why.as_ref().map(|w| w.text(Lang::En));
        self.blocked = why;
    }

    /// Shows `trace`, a run that has ended (or a recorded one), as the measured run.
    fn show_measured(&mut self, trace: Rc<Trace>) {
        self.phase = Phase::after(&trace);
        self.now_us = trace.total_us.unwrap_or(0.0);
        self.shown_measured = Some(self.shown(&trace));
        self.measured = Some(trace);
    }

    /// Shows the runs of an opened trace file: the form is set to the scenario, mode, values,
    /// speed and loop that made the first run; a comparison's second run is compared again (by
    /// its mode and the values that differ). A run the file holds is shown as it was recorded;
    /// the file does not hold the program, so the program pane shows the mode's own.
    fn open(&mut self, opened: &Opened) {
        let lang = self.view.lang;
        let first = &opened.first.trace;
        let Some(scenario) = find(&first.meta.scenario) else {
            self.notice = Some(tr!(
                lang,
                "open-unknown",
                what = first.meta.scenario.as_str()
            ));
            return;
        };
        let Some(mode) = scenario.mode(&first.meta.mode) else {
            self.notice = Some(tr!(
                lang,
                "open-unknown",
                what = format!("{} {}", scenario.id, first.meta.mode)
            ));
            return;
        };
        let form_of = |meta: &awaitlab_core::trace::RunMeta| {
            let mut draft = Draft::defaults(scenario);
            for (id, text) in &meta.params {
                if let Some(spec) = scenario.param(id) {
                    draft.set_text(spec.id, text.clone());
                }
            }
            draft.speed = fmt_num(meta.speed_ms_per_s);
            draft
        };
        let mut draft = form_of(&first.meta);
        draft.mode = mode.id;
        draft.placement = first.placement;
        // A comparison's second run: its mode, and the values that differ from the first's.
        self.view.compare = None;
        self.view.versus.clear();
        let second = opened.second.as_ref().map(|s| &s.trace).filter(|s| {
            s.meta.scenario == first.meta.scenario && scenario.mode(&s.meta.mode).is_some()
        });
        if let Some(s) = second {
            let other = form_of(&s.meta);
            if s.meta.mode != first.meta.mode {
                self.view.compare = Some(s.meta.mode.clone());
            }
            for spec in scenario.params {
                if other.text(spec.id) != draft.text(spec.id) {
                    self.view
                        .versus
                        .push((spec.id.to_string(), other.text(spec.id).to_string()));
                }
            }
        }
        // An edited program is kept aside, as switching modes keeps it: the file holds no
        // program, and opening one must not throw away what the person typed.
        let kept = self.draft.code.is_some();
        let key = (self.draft.scenario, self.draft.mode);
        let mut stash = self.stash.to_vec();
        if let Some(code) = self.draft.code.take() {
            stash.retain(|(k, _)| *k != key);
            stash.push((key, code));
        }
        self.stash = Rc::new(stash);
        self.draft = draft;
        self.touched = self.changed_fields();
        self.url_problems.clear();
        self.revalidate();
        let trace = Rc::new(first.clone());
        match trace.meta.source {
            Source::Measured => self.show_measured(trace),
            Source::Predicted => {
                self.shown_predicted = Some(self.shown(&trace));
                self.predicted = Some(trace);
            }
        }
        self.playhead_us = self.shown_end().unwrap_or(0.0);
        if let (Some(s), Some(c)) = (second, self.compare.as_mut()) {
            let s = Rc::new(s.clone());
            match s.meta.source {
                Source::Measured => c.measured = Some(s),
                Source::Predicted => c.predicted = Some(s),
            }
        }
        let mut notice = tr!(
            lang,
            "open-done",
            what = format!(
                "{} · {}",
                scenario.title_in(lang),
                mode.label_in(scenario, lang)
            )
        );
        if kept {
            notice.push(' ');
            notice.push_str(&tr!(lang, "open-kept-edit"));
        }
        self.notice = Some(notice);
    }

    /// The mode's program template, if it has one, its comments in the page's language.
    fn template(&self) -> Option<Cow<'static, str>> {
        find(self.draft.scenario)
            .and_then(|s| s.mode(self.draft.mode))
            .and_then(|m| m.program_in(self.view.lang))
    }

    /// The program pane in the page's language: a mode's own program has its comments in it;
    /// an edited one stays as typed. Nothing else changes (a measured run, its prediction).
    fn translate_program(&mut self) {
        if let Some(scenario) = find(self.draft.scenario) {
            self.document = document(scenario, &self.draft, self.config.as_ref(), self.view.lang);
        }
    }

    /// An edited program the form can describe: the fields take its literals' values; one
    /// that is the mode's own program again stops being an edit.
    fn follow_program(&mut self) {
        let (Some(code), Some(template)) = (self.draft.code.clone(), self.template()) else {
            return;
        };
        if let Ok(values) = read_as(&template, &code) {
            for (id, text) in values {
                if self.draft.text(&id) != text {
                    self.draft.set_text(&id, text);
                    if let Some(spec) = find(self.draft.scenario).and_then(|s| s.param(&id)) {
                        if !self.touched.contains(&spec.id) {
                            self.touched.push(spec.id);
                        }
                    }
                }
            }
        }
        let scenario = find(self.draft.scenario).unwrap_or(&CATALOG[0]);
        if let Ok(config) = self.draft.validate(scenario) {
            if render(&template, &config.params) == *code {
                self.draft.code = None;
            }
        }
    }

    /// Keeps the current mode's edited program aside and takes up `scenario`/`mode`'s, if one
    /// was kept.
    ///
    /// The mode taken up leaves the stash (its edit is on the page now). The mode left may
    /// still have an entry only after a trace was opened over its edit ([`Self::open`]): that
    /// edit is kept unless a newer one replaces it.
    fn swap_stash(&mut self, scenario: &'static str, mode: &'static str) {
        let key = (self.draft.scenario, self.draft.mode);
        let mut stash = self.stash.to_vec();
        if let Some(code) = self.draft.code.take() {
            stash.retain(|(k, _)| *k != key);
            stash.push((key, code));
        }
        let at = stash.iter().position(|(k, _)| *k == (scenario, mode));
        self.draft.code = at.map(|i| stash.remove(i).1);
        self.stash = Rc::new(stash);
    }

    /// What Run starts, when it can start something.
    pub fn plan(&self) -> Option<Plan> {
        let scenario = find(self.draft.scenario)?;
        let config = self.draft.validate(scenario);
        Plan::of(scenario, &self.draft, &config, self.document.as_ref()).ok()
    }

    /// Whether the form describes the program on the page (its fields can be edited).
    pub fn form_follows(&self) -> bool {
        self.document
            .as_ref()
            .is_none_or(|d| d.form == FormLink::Follows)
    }

    /// Why Run cannot start, in `lang`.
    pub fn why_not_in(&self, lang: Lang) -> Option<String> {
        self.blocked.as_ref().map(|w| w.text(lang))
    }

    /// The problem with `field`, if any.
    pub fn error_for(&self, field: &str) -> Option<&ParamError> {
        self.errors.iter().find(|e| e.param == field)
    }
}

impl AppState {
    /// The state after `action`: `self` itself (the same `Rc`) when nothing changed, so views
    /// keyed on it need not re-render. The program's revision is bumped when the program's text
    /// changes other than by typing, so the editor re-writes its text then and only then
    /// (re-writing it on every keystroke would empty its undo history and race the keys still
    /// coming).
    pub fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let typed = matches!(action, Action::EditProgram(_));
        let before = self.document.as_ref().map(|d| d.text.clone());
        let next = self.apply(action);
        if !typed && next.document.as_ref().map(|d| &d.text) != before.as_ref() {
            let mut bumped = (*next).clone();
            bumped.program_revision += 1;
            return Rc::new(bumped);
        }
        next
    }
}

impl AppState {
    fn apply(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SelectScenario(id) => {
                if next.phase.busy() {
                    return self;
                }
                let scenario = find(&id).unwrap_or(&CATALOG[0]);
                // Another scenario compares nothing unless it has the mode compared; a pinned
                // run's values belong to its own scenario.
                if next
                    .view
                    .compare
                    .as_deref()
                    .is_some_and(|m| scenario.mode(m).is_none())
                    || !next.view.versus.is_empty()
                {
                    next.view.compare = None;
                    next.view.versus.clear();
                }
                // A speed the person chose carries over; the old scenario's default gives way to
                // the new one's (`http` runs in real time by default).
                let old_default = find(next.draft.scenario).map(|s| fmt_num(s.speed_ms_per_s));
                let customised = old_default.is_none_or(|d| d != next.draft.speed.trim());
                let speed = next.draft.speed.clone();
                let placement = next.draft.placement;
                next.swap_stash(scenario.id, scenario.default_mode().id);
                let code = next.draft.code.take();
                next.draft = Draft::defaults(scenario);
                if customised {
                    next.draft.speed = speed;
                }
                next.draft.placement = placement;
                next.draft.code = code;
                next.touched.clear();
                next.follow_program();
                next.revalidate();
            }
            Action::SelectMode(id) => {
                let mode = find(next.draft.scenario).and_then(|s| s.mode(&id));
                match mode {
                    Some(mode) if !next.phase.busy() && mode.id != next.draft.mode => {
                        // Choosing the mode compared swaps the two (a pinned run stays as
                        // it was pinned).
                        if next.view.compare.as_deref() == Some(mode.id)
                            && next.view.versus.is_empty()
                        {
                            next.view.compare = Some(next.draft.mode.to_string());
                        }
                        next.swap_stash(next.draft.scenario, mode.id);
                        next.draft.mode = mode.id;
                    }
                    _ => return self,
                }
                next.follow_program();
                next.revalidate();
            }
            Action::Edit(field, text) => {
                // A form set aside (the program was edited past it) takes no values but speed.
                if next.phase.busy() || (field != "speed" && !next.form_follows()) {
                    return self;
                }
                next.draft.set_text(field, text);
                if !next.touched.contains(&field) {
                    next.touched.push(field);
                }
                if let Some(scenario) = find(next.draft.scenario) {
                    let touched = next.touched.clone();
                    follow_lengths(scenario, &mut next.draft, field, |f| touched.contains(&f));
                    // An edited program's literal follows its field.
                    if let (Some(code), Ok(config)) =
                        (next.draft.code.clone(), next.draft.validate(scenario))
                    {
                        next.draft.code = Some(Rc::from(render(&code, &config.params)));
                        next.follow_program();
                    }
                }
                next.revalidate();
            }
            Action::Reset => {
                if next.phase.busy() {
                    return self;
                }
                let scenario = find(next.draft.scenario).unwrap_or(&CATALOG[0]);
                let (mode, placement) = (next.draft.mode, next.draft.placement);
                let code = next.draft.code.take();
                next.draft = Draft::defaults(scenario);
                next.draft.mode = mode;
                next.draft.placement = placement;
                next.touched.clear();
                // The defaults go into an edited program's literals too.
                if let (Some(code), Ok(config)) = (code, next.draft.validate(scenario)) {
                    next.draft.code = Some(Rc::from(render(&code, &config.params)));
                    next.follow_program();
                }
                next.revalidate();
            }
            Action::SetPlacement(placement) => {
                if next.phase.busy() || next.draft.placement == placement {
                    return self;
                }
                next.draft.placement = placement;
                next.revalidate();
            }
            Action::Starting(prediction) => {
                // A run compares with the prediction of what it runs.
                match prediction {
                    Some(trace) if next.prediction_due.take().is_some() => {
                        next.show_prediction(trace)
                    }
                    _ => next.predict_owed(),
                }
                next.phase = Phase::Starting;
                next.measured = None;
                next.shown_measured = None;
                if let Some(c) = next.compare.as_mut() {
                    c.measured = None;
                    c.live = None;
                    c.due = false;
                }
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
                next.show_measured(trace);
                next.playhead_us = next.shown_end().unwrap_or(0.0);
                // A run that ended well is followed by the compared one, on the same loop.
                if next.phase == Phase::Done {
                    if let Some(c) = next.compare.as_mut() {
                        c.due = true;
                        next.phase = Phase::Running;
                    }
                }
            }
            Action::CompareEnded(trace) => {
                let ours = next.compare.as_ref().is_some_and(|c| {
                    c.due && trace.meta.scenario == c.draft.scenario && trace.meta.mode == c.mode
                });
                if !ours {
                    return self;
                }
                next.phase = Phase::after(&trace);
                if let Some(c) = next.compare.as_mut() {
                    c.measured = Some(trace);
                    c.live = None;
                    c.due = false;
                }
            }
            Action::Open(opened) => {
                if next.phase.busy() {
                    return self;
                }
                next.open(&opened);
            }
            Action::CompareProgress(trace, now_us) => {
                let ours = next.compare.as_ref().is_some_and(|c| {
                    c.due && trace.meta.scenario == c.draft.scenario && trace.meta.mode == c.mode
                });
                if !ours || !next.phase.busy() {
                    return self;
                }
                if let Some(c) = next.compare.as_mut() {
                    c.live = Some(trace);
                }
                next.now_us = now_us;
            }
            Action::SetCompare(mode) => {
                if next.phase.busy() || (next.view.compare == mode && next.view.versus.is_empty()) {
                    return self;
                }
                next.view.compare = mode;
                next.view.versus.clear();
                next.refresh_compare();
            }
            Action::Pin => {
                if next.phase.busy()
                    || next.config.is_none()
                    || next.draft.placement != Placement::Page
                {
                    return self;
                }
                // The form as it is, kept whole: changing the form afterwards changes only the
                // run on screen.
                next.view.compare = Some(next.draft.mode.to_string());
                next.view.versus = next
                    .draft
                    .texts
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.trim().to_string()))
                    .chain(
                        next.draft
                            .code
                            .as_ref()
                            .map(|c| ("code".to_string(), c.to_string())),
                    )
                    .collect();
                next.refresh_compare();
                // The run measured with these values is the compared run's measurement.
                if let (Some(c), Some(measured)) = (next.compare.as_mut(), next.measured.as_ref()) {
                    if measured.early_end.is_none() && measured.meta.mode == c.mode {
                        c.measured = Some(measured.clone());
                    }
                }
            }
            Action::Seek(us) => {
                if next.phase.busy() {
                    return self;
                }
                next.playhead_us = us.max(0.0);
            }
            Action::Notice(text) => next.notice = Some(text),
            Action::SetTheme(theme) => next.view.theme = theme,
            Action::SetPredict(on) => next.view.predict = on,
            Action::SetLang(lang) => {
                next.view.lang = lang;
                next.view.lang_asked = true;
                next.translate_program();
            }
            Action::Restore(request) => {
                next.view.compare = request.view.compare;
                next.view.versus = request.view.versus;
                next.draft = request.draft;
                next.url_problems = request.problems;
                next.autorun = false;
                next.notice = None;
                next.touched = next.changed_fields();
                next.follow_program();
                next.revalidate();
            }
            Action::EditProgram(text) => {
                if next.phase.busy() || next.document.is_none() {
                    return self;
                }
                match parse_code_words(&text) {
                    Ok(code) => {
                        if next.document.as_ref().is_some_and(|d| d.text == code) {
                            return self;
                        }
                        next.draft.code = Some(code);
                        next.notice = None;
                    }
                    Err(message) => {
                        next.notice = Some(message.text(next.view.lang));
                        return Rc::new(next);
                    }
                }
                next.follow_program();
                next.revalidate_typed();
            }
            Action::Predict(n) => {
                if next.prediction_due != Some(n) || next.phase.busy() {
                    return self;
                }
                next.predict_owed();
            }
            Action::Calibrated(costs) => {
                if next.costs == costs {
                    return self;
                }
                next.costs = costs;
                // What is on screen is predicted again at the measured costs. A run under way
                // or shown keeps the prediction it is compared with; a program being typed is
                // predicted at the pause, at the new costs.
                if next.phase.busy() || next.measured.is_some() {
                    return Rc::new(next);
                }
                if next.prediction_due.is_none() {
                    if let Some(plan) = next.plan() {
                        next.set_prediction(&plan);
                    }
                }
                next.refresh_compare();
            }
            Action::RevertProgram => {
                if next.phase.busy() || next.draft.code.is_none() {
                    return self;
                }
                next.draft.code = None;
                let scenario = find(next.draft.scenario).unwrap_or(&CATALOG[0]);
                // The form as the program last set it, or, where that is not valid, the
                // defaults.
                if next.draft.validate(scenario).is_err() {
                    let (mode, speed, placement) = (
                        next.draft.mode,
                        next.draft.speed.clone(),
                        next.draft.placement,
                    );
                    next.draft = Draft::defaults(scenario);
                    next.draft.mode = mode;
                    next.draft.speed = speed;
                    next.draft.placement = placement;
                    next.touched.clear();
                }
                next.revalidate();
            }
        }
        Rc::new(next)
    }
}

/// The names of a comparison's two runs, each in `lang`: the mode where the modes differ, each
/// run's own values where they differ (`delays=2,2,2`, at most two, shortened), which program
/// where the programs differ; `run 1` and `run 2` where nothing does.
pub fn side_labels(first: &Draft, second: &Draft, lang: Lang) -> [String; 2] {
    const MOST_FIELDS: usize = 2;
    const LONGEST_VALUE: usize = 20;
    let scenario = find(first.scenario);
    let mut parts: [Vec<String>; 2] = [Vec::new(), Vec::new()];
    if first.mode != second.mode {
        for (side, draft) in parts.iter_mut().zip([first, second]) {
            let mode = scenario.and_then(|s| Some((s, s.mode(draft.mode)?)));
            side.push(mode.map_or_else(|| draft.mode.to_string(), |(s, m)| m.label_in(s, lang)));
        }
    }
    let differing: Vec<&str> = first
        .texts
        .iter()
        .filter(|(k, v)| v.trim() != second.text(k).trim())
        .map(|(k, _)| *k)
        .collect();
    for (side, draft) in parts.iter_mut().zip([first, second]) {
        for field in differing.iter().take(MOST_FIELDS) {
            let value = draft.text(field).trim();
            let short: String = value.chars().take(LONGEST_VALUE).collect();
            let more = if short.len() < value.len() { "…" } else { "" };
            side.push(format!("{field}={short}{more}"));
        }
        if differing.len() > MOST_FIELDS {
            side.push("…".to_string());
        }
    }
    match (&first.code, &second.code) {
        (a, b) if a == b => {}
        (Some(_), Some(_)) => {
            for (n, side) in parts.iter_mut().enumerate() {
                side.push(tr!(lang, "compare-side-program", n = n + 1));
            }
        }
        (a, b) => {
            for (side, code) in parts.iter_mut().zip([a, b]) {
                side.push(match code {
                    Some(_) => tr!(lang, "compare-side-edited"),
                    None => tr!(lang, "compare-side-own"),
                });
            }
        }
    }
    let mut n = 0usize;
    parts.map(|side| {
        n += 1;
        if side.is_empty() {
            tr!(lang, "compare-side-run", n = n)
        } else {
            side.join(" · ")
        }
    })
}
