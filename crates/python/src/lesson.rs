//! What a run of the page's form runs, in one place for the page and its loop worker: the
//! mode's program (as the form writes it, or as the person edited it) run by the interpreter,
//! or — for the few modes built on browser mechanisms Python has no words for — the catalog's
//! Rust scenario, whose Python is an illustration.
//!
//! A [`Document`] is the program pane's model: the text, whether the person edited it, whether
//! the form still describes it (its fields are the program's marked literals, see
//! [`awaitlab_core::program_params`]) and the compiled program or its `SyntaxError`. A [`Plan`]
//! is what Run starts and the prediction runs.

use std::rc::Rc;

use awaitlab_core::backend::Backends;
use awaitlab_core::executor::Executor;
use awaitlab_core::lab::Lab;
use awaitlab_core::program_params::{read_as, render, Unreadable};
use awaitlab_core::run;
use awaitlab_core::scenario::{
    parse_speed, parse_speed_words, Config, Draft, ParamError, Params, Scenario,
};
use awaitlab_core::scenarios::find;
use awaitlab_core::trace::{Placement, RunMeta, Source, Trace};
use awaitlab_core::view_options::Lang;
use awaitlab_core::words;

use crate::ast::SyntaxError;
use crate::program::{Costs, Program};
use crate::vm::Vm;

/// Whether the form's fields describe the program on the page.
#[derive(Clone, Debug, PartialEq)]
pub enum FormLink {
    /// The fields are the program's marked literals: a field's change rewrites its literal.
    Follows,
    /// The program was edited past what the form can say (a marked line removed, a literal
    /// replaced by an expression): the form is set aside until the person goes back.
    Detached(Unreadable),
    /// The mode has no program of its own (a program from a link or pasted over an
    /// illustration): the form's fields mean nothing to it.
    Unrelated,
}

/// The program pane's text and what it means.
#[derive(Clone)]
pub struct Document {
    /// The text on the page.
    pub text: Rc<str>,
    /// Whether it differs from the mode's program as the form writes it.
    pub edited: bool,
    /// Whether the form still describes it.
    pub form: FormLink,
    /// The program, or why it cannot run (shown in the editor before anything runs).
    pub compiled: Result<Program, SyntaxError>,
}

impl PartialEq for Document {
    /// Two documents are equal when their texts and links are (the compiled program follows
    /// from the text).
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.edited == other.edited && self.form == other.form
    }
}

impl std::fmt::Debug for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Document")
            .field("edited", &self.edited)
            .field("form", &self.form)
            .field("syntax_error", &self.compiled.as_ref().err())
            .field("text", &self.text)
            .finish()
    }
}

impl Document {
    /// The mode's program (`template`) with the form's values.
    pub fn from_form(template: &str, params: &Params) -> Document {
        let text: Rc<str> = Rc::from(render(template, params));
        Document {
            compiled: Program::compile(&text),
            text,
            edited: false,
            form: FormLink::Follows,
        }
    }

    /// `text` as the person typed it (or a link carried it) over the mode's program
    /// `template`, if it has one; `params` are the form's values, when valid (a text equal to
    /// the template written with them is the mode's own program, not an edit).
    pub fn from_text(template: Option<&str>, text: Rc<str>, params: Option<&Params>) -> Document {
        let (edited, form) = match template {
            None => (true, FormLink::Unrelated),
            Some(t) => {
                let own = params.is_some_and(|p| render(t, p) == *text);
                let form = match read_as(t, &text) {
                    Ok(_) => FormLink::Follows,
                    Err(why) => FormLink::Detached(why),
                };
                (!own, form)
            }
        };
        Document {
            compiled: Program::compile(&text),
            text,
            edited,
            form,
        }
    }

    /// The form's texts as the program's marked literals say them (`Follows` only): what the
    /// fields show for an edited program.
    pub fn form_texts(&self, template: &str) -> Option<Vec<(String, String)>> {
        match self.form {
            FormLink::Follows => read_as(template, &self.text).ok(),
            _ => None,
        }
    }

    /// The syntax error, if the text has one.
    pub fn syntax_error(&self) -> Option<&SyntaxError> {
        self.compiled.as_ref().err()
    }
}

/// The program `draft` runs, if it runs one: its edited text (`draft.code`), or the mode's own
/// program written with `config`'s values — where the form is not valid, with the values of
/// the fields that are (the others keep the program's own literal until they are). `None` for
/// a mode that runs its Rust scenario.
///
/// The mode's own program has its comments in `lang` (the code is the same in every language):
/// an edit is told from the program in the language it was made in.
pub fn document(
    scenario: &Scenario,
    draft: &Draft,
    config: Option<&Config>,
    lang: Lang,
) -> Option<Document> {
    let template = scenario.mode(draft.mode).and_then(|m| m.program_in(lang));
    let template = template.as_deref();
    match (&draft.code, template) {
        (Some(code), t) => Some(Document::from_text(
            t,
            code.clone(),
            config.map(|c| &c.params),
        )),
        (None, Some(t)) => Some(match config {
            Some(c) => Document::from_form(t, &c.params),
            None => {
                let mut params = Params::default();
                for spec in scenario.params {
                    if let Ok(v) = spec.parse(draft.text(spec.id)) {
                        params.set(spec.id, v);
                    }
                }
                Document::from_form(t, &params)
            }
        }),
        (None, None) => None,
    }
}

/// What a run runs.
#[derive(Clone)]
pub enum Plan {
    /// The catalog's Rust scenario (a mode whose Python is an illustration).
    Scenario(&'static Scenario, Config),
    /// A program, run by the interpreter; `described` when the form's values are its literals
    /// (its trace then lists them as the run's parameters).
    Program {
        /// The program.
        program: Program,
        /// Whether the form describes it.
        described: bool,
    },
}

impl std::fmt::Debug for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Plan::Scenario(s, c) => write!(f, "Plan::Scenario({}, {})", s.id, c.mode),
            Plan::Program { program, .. } => {
                write!(f, "Plan::Program({} bytes)", program.source().len())
            }
        }
    }
}

/// Why a draft cannot run.
#[derive(Clone, Debug, PartialEq)]
pub enum Blocked {
    /// The form has problems (an unedited program, or a scenario, needs a valid form).
    Form(Vec<ParamError>),
    /// The program does not parse.
    Syntax(SyntaxError),
}

impl Plan {
    /// What `draft` runs, given its `document` (see [`document`]) and the form's validation.
    /// An edited program needs only a valid speed: its own text is the truth, and the form's
    /// problems are the form's.
    pub fn of(
        scenario: &'static Scenario,
        draft: &Draft,
        config: &Result<Config, Vec<ParamError>>,
        document: Option<&Document>,
    ) -> Result<Plan, Blocked> {
        match document {
            Some(doc) => {
                let program = doc.compiled.clone().map_err(Blocked::Syntax)?;
                if !doc.edited {
                    if let Err(errors) = config {
                        return Err(Blocked::Form(errors.clone()));
                    }
                }
                parse_speed_words(&draft.speed)
                    .map_err(|m| Blocked::Form(vec![ParamError::said("speed", m)]))?;
                if draft.placement == Placement::Worker && program.may_use_pool() {
                    return Err(Blocked::Form(vec![ParamError::said(
                        "loop",
                        words!("error-program-pool"),
                    )]));
                }
                Ok(Plan::Program {
                    program,
                    described: doc.form == FormLink::Follows,
                })
            }
            None => match config {
                Ok(c) => Ok(Plan::Scenario(scenario, c.clone())),
                Err(errors) => Err(Blocked::Form(errors.clone())),
            },
        }
    }

    /// What `pairs` (a draft as query pairs, [`Draft::to_pairs`]) run: a loop worker reads its
    /// run this way, with the page's own rules.
    pub fn from_draft(draft: &Draft) -> Result<Plan, Blocked> {
        let Some(scenario) = find(draft.scenario) else {
            return Err(Blocked::Form(vec![ParamError::said(
                "s",
                words!("error-unknown-scenario"),
            )]));
        };
        let config = draft.validate(scenario);
        let doc = document(scenario, draft, config.as_ref().ok(), Lang::En);
        Plan::of(scenario, draft, &config, doc.as_ref())
    }

    /// The run's description for its trace.
    pub fn meta(&self, draft: &Draft, source: Source) -> RunMeta {
        match self {
            Plan::Scenario(_, config) => run::meta(draft, config, source),
            Plan::Program { described, .. } => RunMeta {
                scenario: draft.scenario.to_string(),
                mode: draft.mode.to_string(),
                params: if *described {
                    draft.params_for_trace()
                } else {
                    Vec::new()
                },
                speed_ms_per_s: parse_speed(&draft.speed).unwrap_or(1000.0),
                source,
            },
        }
    }

    /// Starts the run's main lane on `exec`, its requests, host scheduling and pools going to
    /// `backends`. A program's VM is returned: the caller flushes its last unfinished line when
    /// the run ends.
    pub fn start(&self, exec: &Rc<Executor>, backends: Backends) -> Option<Rc<Vm>> {
        match self {
            Plan::Scenario(scenario, config) => {
                run::start(exec, backends, scenario, config.clone());
                None
            }
            Plan::Program { program, .. } => Some(program.start(&Lab::new(exec.clone(), backends))),
        }
    }

    /// The prediction: the run on the virtual clock. A program's CPU work and its loop's work
    /// are charged at `costs` and at most `step_limit` instructions run (the prediction
    /// runs on the page; a longer one ends with a message, and a run measures the rest).
    pub fn predict(&self, draft: &Draft, costs: impl Into<Costs>, step_limit: u64) -> Trace {
        match self {
            Plan::Scenario(scenario, config) => run::predict(scenario, draft, config.clone()),
            Plan::Program { program, .. } => {
                program.predict_with(self.meta(draft, Source::Predicted), step_limit, costs)
            }
        }
    }
}
