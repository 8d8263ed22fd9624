//! A run told in sentences, one per thing worth saying as the playhead passes it ("B awaits
//! `sleep(0.8)`: the loop is free, so C runs"), made from the trace alone. A sentence is data
//! ([`Says`]) first and words second ([`say`], from loop.ftl), so each language words the same
//! facts as whole sentences of its own.

use awaitlab_i18n::{tr, Lang};

use super::loop_state::Place;
use super::trace::{Kind, Outcome, TaskId, Trace};

/// What a sentence says.
#[derive(Clone, Debug, PartialEq)]
pub enum Says {
    /// The task's first step.
    Starts,
    /// It awaits `what` in `place` (a timer, I/O, a job); `next` runs meanwhile, or, `None`,
    /// nothing is ready and the loop waits.
    Awaits {
        /// The awaited operation, as the trace labels it.
        what: String,
        /// Where the wait is.
        place: Place,
        /// The task the loop runs next, if one runs at once.
        next: Option<String>,
    },
    /// The wait for `what` is over: the task is ready again.
    Wakes {
        /// The operation that ended.
        what: String,
    },
    /// It holds the loop's thread with `what` (a blocking call).
    Blocks {
        /// The blocking operation.
        what: String,
    },
    /// It computes on the loop's thread (`what`).
    Computes {
        /// The work.
        what: String,
    },
    /// It prints `text`.
    Prints {
        /// The printed line.
        text: String,
    },
    /// It ends, as `outcome` says.
    Ends {
        /// How.
        outcome: Option<Outcome>,
    },
}

/// One sentence of the story.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    /// When, in the trace's microseconds.
    pub at_us: f64,
    /// Who.
    pub task: TaskId,
    /// Its lane's name.
    pub name: String,
    /// What.
    pub says: Says,
}

/// Longest gap between a task's await and another task's step for the step to count as what the
/// loop did next, µs (a measured loop switches in microseconds; the virtual one at once).
const NEXT_WITHIN_US: f64 = 2_000.0;

/// The story of `trace`, in the order things happened: by time, and at one time (a virtual
/// clock does everything in no time) in the order the loop polled the tasks.
pub fn narrate(trace: &Trace) -> Vec<Sentence> {
    let task = |t: TaskId| trace.tasks.get(t).filter(|i| i.is_task());
    // Every poll, in the order the loop made them (a span is recorded when it closes, so polls
    // that begin together are in the order they ran).
    let mut polls: Vec<(f64, f64, TaskId)> = trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Run && task(e.task).is_some())
        .map(|e| (e.start_us, e.end_us(), e.task))
        .collect();
    polls.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut by_task: Vec<Vec<usize>> = vec![Vec::new(); trace.tasks.len()];
    for (rank, (_, _, t)) in polls.iter().enumerate() {
        by_task[*t].push(rank);
    }
    // The poll of `t` that was running at `at` (the last to begin by then).
    let poll_at = |t: TaskId, at: f64| -> Option<usize> {
        let mine = &by_task[t];
        let i = mine.partition_point(|&r| polls[r].0 <= at);
        i.checked_sub(1).map(|i| mine[i])
    };
    // The first poll of `t` from `at` on.
    let poll_from = |t: TaskId, at: f64| -> Option<usize> {
        let mine = &by_task[t];
        mine.get(mine.partition_point(|&r| polls[r].0 < at))
            .copied()
    };
    let next_after = |rank: Option<usize>, who: TaskId, at: f64| -> Option<String> {
        let from = rank.map_or(polls.partition_point(|p| p.0 < at), |r| r + 1);
        polls[from.min(polls.len())..]
            .iter()
            .take_while(|(s, _, _)| *s <= at + NEXT_WITHIN_US)
            .find(|(_, _, t)| *t != who)
            .and_then(|(_, _, t)| task(*t).map(|i| i.name.clone()))
    };
    // Sorted by (time, poll, place in the poll): a wake comes before the poll it leads to, a
    // first step's start before what it prints, an await and an end close their poll.
    let mut out: Vec<((f64, usize, usize), Sentence)> = Vec::new();
    let mut started = vec![false; trace.tasks.len()];
    let mut push = |key: (f64, usize, usize), t: TaskId, says: Says| {
        if let Some(info) = task(t) {
            out.push((
                key,
                Sentence {
                    at_us: key.0,
                    task: t,
                    name: info.name.clone(),
                    says,
                },
            ));
        }
    };
    let unknown = polls.len();
    for (i, e) in trace.events.iter().enumerate() {
        let Some(info) = task(e.task) else {
            continue;
        };
        let rank = poll_at(e.task, e.start_us);
        let within = |sub: usize| (e.start_us, rank.unwrap_or(unknown), sub);
        if e.kind == Kind::Run && !started[e.task] {
            started[e.task] = true;
            push(within(1), e.task, Says::Starts);
        }
        match e.kind {
            Kind::Sleep | Kind::Io if e.dur_us > 0.0 => {
                let place = match e.kind {
                    Kind::Sleep => Place::Timer,
                    _ if e.label.starts_with("await job") => Place::Job,
                    _ => Place::Io,
                };
                push(
                    within(usize::MAX - 1),
                    e.task,
                    Says::Awaits {
                        what: e.label.to_string(),
                        place,
                        next: next_after(rank, e.task, e.start_us),
                    },
                );
                // A wait cut short by a cancellation is no wake: the task ends there.
                let cancelled = matches!(info.outcome, Some(Outcome::Cancelled))
                    && info.ended_us.is_some_and(|end| e.end_us() >= end);
                if !cancelled {
                    let woken = poll_from(e.task, e.end_us()).unwrap_or(unknown);
                    push(
                        (e.end_us(), woken, 0),
                        e.task,
                        Says::Wakes {
                            what: e.label.to_string(),
                        },
                    );
                }
            }
            Kind::Block | Kind::Compute | Kind::Print => {
                let what = e.label.to_string();
                let says = match e.kind {
                    Kind::Block => Says::Blocks { what },
                    Kind::Compute => Says::Computes { what },
                    _ => Says::Prints { text: what },
                };
                push(within(2 + i), e.task, says);
            }
            Kind::End => push(
                within(usize::MAX),
                e.task,
                Says::Ends {
                    outcome: info.outcome.clone(),
                },
            ),
            _ => {}
        }
    }
    out.sort_by(|(a, _), (b, _)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    out.into_iter().map(|(_, s)| s).collect()
}

/// The sentence the playhead has reached at `t_us`: the last at or before it.
pub fn current(story: &[Sentence], t_us: f64) -> Option<usize> {
    story.partition_point(|s| s.at_us <= t_us).checked_sub(1)
}

/// At most this many characters of a printed line or a label in a sentence.
const MAX_QUOTED: usize = 80;

fn clip(text: &str) -> String {
    let text = text.trim_end();
    if text.chars().count() <= MAX_QUOTED {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(MAX_QUOTED - 1).collect();
    cut.push('…');
    cut
}

/// The sentence in `lang`.
pub fn say(lang: Lang, s: &Sentence) -> String {
    let who = s.name.as_str();
    match &s.says {
        Says::Starts => tr!(lang, "story-starts", who = who),
        Says::Awaits { what, place, next } => {
            let what = clip(what);
            match (place, next) {
                (Place::Job, Some(next)) => {
                    tr!(lang, "story-job-next", who = who, what = what, next = next)
                }
                (Place::Job, None) => tr!(lang, "story-job-idle", who = who, what = what),
                (_, Some(next)) => {
                    tr!(
                        lang,
                        "story-awaits-next",
                        who = who,
                        what = what,
                        next = next
                    )
                }
                (_, None) => tr!(lang, "story-awaits-idle", who = who, what = what),
            }
        }
        Says::Wakes { what } => tr!(lang, "story-wakes", who = who, what = clip(what)),
        Says::Blocks { what } => tr!(lang, "story-blocks", who = who, what = clip(what)),
        Says::Computes { what } => tr!(lang, "story-computes", who = who, what = clip(what)),
        Says::Prints { text } => tr!(lang, "story-prints", who = who, text = clip(text)),
        Says::Ends { outcome } => match outcome {
            Some(Outcome::Failed(msg)) => tr!(lang, "story-fails", who = who, error = clip(msg)),
            Some(Outcome::Cancelled) => tr!(lang, "story-cancelled", who = who),
            _ => tr!(lang, "story-ends", who = who),
        },
    }
}

/// The sentence in English (what the tests read).
pub fn english(s: &Sentence) -> String {
    say(Lang::En, s)
}
