//! "Predict, then run": the learner puts the console's lines in the order they expect (drag, or
//! ↑/↓ from the keyboard) and says how long the run will take; Run locks the guess, and once the
//! run has ended each line says whether it was right and what the run printed there. The lines
//! come from the prediction, shuffled (`awaitlab_core::guess`); the answer is the measured run.
//! While the learner guesses, the root hides the prediction (told through `on_guessing`).

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::dom;
use crate::ui::i18n::{tr, use_lang};
use awaitlab_core::format::fmt_s;
use awaitlab_core::guess::{moved, printed, read_total, score, shuffled};
use awaitlab_core::trace::Trace;

/// What the panel needs.
#[derive(Properties, PartialEq)]
pub struct GuessProps {
    /// The prediction of the form on screen (its printed lines are the ones to order).
    pub predicted: Option<Rc<Trace>>,
    /// The run of that form, once there is one.
    pub measured: Option<Rc<Trace>>,
    /// Whether a run is under way.
    pub busy: bool,
    /// `true` while the guess is open (the root hides the prediction), `false` once a run
    /// answers it.
    pub on_guessing: Callback<bool>,
}

/// Where the guess is.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Guessing,
    /// Run was pressed: the guess is locked.
    Running,
    Scored,
}

/// The panel's own state: the lines as ordered (each with its place in the prediction, so
/// equal lines stay distinct items), the total as typed, the stage.
#[derive(Clone, PartialEq)]
struct Round {
    order: Vec<(usize, String)>,
    total: String,
    stage: Stage,
}

impl Round {
    fn new(lines: &[String]) -> Self {
        // Number the predicted lines, then let the shuffle reorder the numbered texts.
        let mut pool: Vec<(usize, String)> = lines.iter().cloned().enumerate().collect();
        let order = shuffled(lines)
            .into_iter()
            .map(|text| {
                let at = pool.iter().position(|(_, t)| *t == text).unwrap_or(0);
                pool.remove(at)
            })
            .collect();
        Round {
            order,
            total: String::new(),
            stage: Stage::Guessing,
        }
    }

    fn texts(&self) -> Vec<String> {
        self.order.iter().map(|(_, t)| t.clone()).collect()
    }

    fn moved(&self, from: usize, to: usize) -> Self {
        Round {
            order: moved(&self.order, from, to),
            ..self.clone()
        }
    }
}

/// The guess panel.
#[function_component(Guess)]
pub fn guess(props: &GuessProps) -> Html {
    let lang = use_lang();
    let lines = {
        let predicted = props.predicted.clone();
        use_memo(
            predicted
                .as_ref()
                .map(|t| (Rc::as_ptr(t) as usize, t.events.len())),
            move |_| predicted.as_deref().map(printed),
        )
    };
    let round = use_state(|| Round::new(lines.as_deref().unwrap_or(&[])));
    let dragging = use_state(|| None::<usize>);
    // (a count, so moving the same line twice still refocuses; the button's selector)
    let focus = use_state(|| (0u32, None::<String>));
    let said = use_state(String::new);
    // Another form, another prediction: a new round.
    {
        let round = round.clone();
        use_effect_with(lines.clone(), move |lines| {
            round.set(Round::new(lines.as_deref().unwrap_or(&[])));
        });
    }
    // Run locks the guess; the run's end scores it (a run stopped before it began leaves it open).
    {
        let (round, measured) = (round.clone(), props.measured.is_some());
        use_effect_with(props.busy, move |busy| {
            let next = match (round.stage, *busy) {
                (Stage::Guessing, true) => Some(Stage::Running),
                (Stage::Running, false) if measured => Some(Stage::Scored),
                (Stage::Running, false) => Some(Stage::Guessing),
                _ => None,
            };
            if let Some(stage) = next {
                round.set(Round {
                    stage,
                    ..(*round).clone()
                });
            }
        });
    }
    {
        let on_guessing = props.on_guessing.clone();
        use_effect_with(round.stage, move |stage| {
            on_guessing.emit(*stage == Stage::Guessing)
        });
    }
    // The moved line's button keeps the focus (the list re-renders around it).
    use_effect_with((*focus).clone(), |(_, selector)| {
        if let Some(selector) = selector {
            dom::focus(selector);
        }
    });

    let open = round.stage == Stage::Guessing;
    let count = round.order.len();
    let shift = |from: usize, to: usize, button: &'static str| {
        let (round, focus, said) = (round.clone(), focus.clone(), said.clone());
        Callback::from(move |_: MouseEvent| {
            if round.stage != Stage::Guessing || to >= round.order.len() {
                return;
            }
            let next = round.moved(from, to);
            let (key, line) = next.order[to].clone();
            said.set(tr!(
                lang,
                "guess-moved",
                line = line,
                position = (to + 1).to_string(),
                count = next.order.len().to_string()
            ));
            // At the top there is no ↑ left to press: the focus goes to its ↓.
            let button = match (button, to) {
                ("up", 0) => "down",
                ("down", t) if t + 1 == next.order.len() => "up",
                (b, _) => b,
            };
            focus.set((
                focus.0.wrapping_add(1),
                Some(format!("#guess-{button}-{key}")),
            ));
            round.set(next);
        })
    };

    let scored = (round.stage == Stage::Scored).then(|| {
        let actual = props.measured.as_deref().map(printed).unwrap_or_default();
        let measured_s = props.measured.as_deref().and_then(Trace::total_s);
        score(
            &round.texts(),
            read_total(&round.total),
            &actual,
            measured_s,
        )
    });

    let items = round.order.iter().enumerate().map(|(i, (key, text))| {
        let line = scored.as_ref().and_then(|s| s.lines.get(i));
        let class = match line {
            Some(l) if l.right() => "ok",
            Some(_) => "miss",
            None => "",
        };
        let drag = {
            let dragging = dragging.clone();
            Callback::from(move |_: DragEvent| dragging.set(Some(i)))
        };
        let over = Callback::from(|e: DragEvent| e.prevent_default());
        let drop = {
            let (round, dragging, said) = (round.clone(), dragging.clone(), said.clone());
            Callback::from(move |e: DragEvent| {
                e.prevent_default();
                if let (Some(from), Stage::Guessing) = (*dragging, round.stage) {
                    let next = round.moved(from, i);
                    said.set(tr!(
                        lang,
                        "guess-moved",
                        line = next.order[i].1.clone(),
                        position = (i + 1).to_string(),
                        count = next.order.len().to_string()
                    ));
                    round.set(next);
                }
                dragging.set(None);
            })
        };
        let verdict = line.map(|l| {
            if l.right() {
                html! {
                    <span class="verdict">
                        <span aria-hidden="true">{ "✓" }</span>
                        <span class="sr-only">{ tr!(lang, "guess-right") }</span>
                    </span>
                }
            } else {
                html! {
                    <span class="verdict">
                        <span aria-hidden="true">{ "✗ " }</span>
                        <span class="sr-only">{ tr!(lang, "guess-wrong") }</span>
                        { match &l.actual {
                            Some(actual) => html! { <>{ tr!(lang, "guess-was") }{ " " }<code>{ actual.clone() }</code></> },
                            None => html! { tr!(lang, "guess-was-nothing") },
                        } }
                    </span>
                }
            }
        });
        html! {
            <li key={*key} class={classes!("guess-line", class)} draggable={open.to_string()}
                ondragstart={drag} ondragover={over} ondrop={drop} data-testid="guess-line">
                <span class="n" aria-hidden="true">{ i + 1 }</span>
                <code class="text">{ text.clone() }</code>
                if open {
                    <span class="moves">
                        <button type="button" id={format!("guess-up-{key}")} class="icon"
                            disabled={i == 0} onclick={shift(i, i.wrapping_sub(1), "up")}
                            aria-label={tr!(lang, "guess-up", line = text.clone())}>{ "↑" }</button>
                        <button type="button" id={format!("guess-down-{key}")} class="icon"
                            disabled={i + 1 == count} onclick={shift(i, i + 1, "down")}
                            aria-label={tr!(lang, "guess-down", line = text.clone())}>{ "↓" }</button>
                    </span>
                }
                { verdict }
            </li>
        }
    });

    let on_total = {
        let round = round.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                round.set(Round {
                    total: input.value(),
                    ..(*round).clone()
                });
            }
        })
    };
    let total_bad = !round.total.trim().is_empty() && read_total(&round.total).is_none();
    let again = {
        let (round, lines) = (round.clone(), lines.clone());
        Callback::from(move |_: MouseEvent| round.set(Round::new(lines.as_deref().unwrap_or(&[]))))
    };

    let result = scored.as_ref().map(|s| {
        let total = s.total.map(|t| {
            let (guessed, measured) = (fmt_s(t.guessed_s), fmt_s(t.measured_s));
            if t.close() {
                tr!(lang, "guess-total-close", guessed = guessed, measured = measured)
            } else {
                let off = fmt_s((t.guessed_s - t.measured_s).abs());
                tr!(lang, "guess-total-off", guessed = guessed, measured = measured, off = off)
            }
        });
        let unguessed = (!s.unguessed.is_empty()).then(|| {
            let lines = s.unguessed.iter().map(|l| html! { <li><code>{ l.clone() }</code></li> });
            html! { <><p>{ tr!(lang, "guess-unguessed") }</p><ul class="unguessed">{ for lines }</ul></> }
        });
        html! {
            <div class="guess-result" data-testid="guess-result">
                if s.of() > 0 {
                    <p><strong>{ tr!(lang, "guess-in-place", right = s.in_place(), count = s.of()) }</strong></p>
                }
                if let Some(total) = total {
                    <p data-testid="guess-total-result">{ total }</p>
                }
                { unguessed.unwrap_or_default() }
                <button type="button" class="ghost" onclick={again} data-testid="guess-again">{ tr!(lang, "guess-again") }</button>
            </div>
        }
    });

    html! {
        <section class="card guess" aria-labelledby="guess-heading" data-testid="guess">
            <h2 id="guess-heading">{ tr!(lang, "guess-heading") }</h2>
            if open {
                <p class="note">{ tr!(lang, "guess-intro") }</p>
            } else if round.stage == Stage::Running {
                <p class="note">{ tr!(lang, "guess-locked") }</p>
            }
            if lines.is_none() {
                <p class="note">{ tr!(lang, "guess-waiting") }</p>
            } else if count == 0 {
                <p class="note">{ tr!(lang, "guess-nothing-printed") }</p>
            }
            <ol class="guess-lines" data-testid="guess-lines">{ for items }</ol>
            <label class="guess-total">
                <span>{ tr!(lang, "guess-total") }</span>
                <input type="text" inputmode="decimal" value={round.total.clone()} oninput={on_total}
                    disabled={!open} data-testid="guess-total"
                    aria-invalid={total_bad.to_string()} aria-describedby="guess-total-note" />
            </label>
            <p class="note" id="guess-total-note" hidden={!total_bad}>{ tr!(lang, "guess-total-bad") }</p>
            <p class="sr-only" aria-live="polite">{ (*said).clone() }</p>
            { result.unwrap_or_default() }
        </section>
    }
}
