//! `parents`: the Real Python tutorial's thought experiments about a parent juggling chores —
//! polling against waiting for events, two parents deadlocked over the washer and the dryer, and
//! two parents overdrawing one checking account (fixed with a lock).
//!
//! Durations are scenario seconds; think of them as the tutorial's minutes.

use super::no_check;
use crate::lab::lock::Lock;
use crate::lab::{Lab, LabError, LabResult, Queue};
use crate::scenario::{Code, Config, MainFuture, Mode, Needs, ParamKind, ParamSpec, Scenario};

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "parents",
    topic: "sync-cooperative-async",
    speed_ms_per_s: 100.0,
    modes: &[
        Mode {
            id: "polling",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/parents/polling.py")),
        },
        Mode {
            id: "events",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/parents/events.py")),
        },
        Mode {
            id: "deadlock",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/parents/deadlock.py")),
        },
        Mode {
            id: "race",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/parents/race.py")),
        },
        Mode {
            id: "locked",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/parents/locked.py")),
        },
    ],
    params: &[
        ParamSpec {
            id: "interval",
            kind: ParamKind::Number {
                min: 0.5,
                max: 120.0,
            },
            default: "15",
            modes: &["polling"],
        },
        ParamSpec {
            id: "chores",
            kind: ParamKind::NumberList {
                min: 0.0,
                max: 600.0,
                max_len: 3,
            },
            default: "40,50,27",
            modes: &["polling", "events"],
        },
        ParamSpec {
            id: "hold",
            kind: ParamKind::Number {
                min: 0.0,
                max: 60.0,
            },
            default: "1",
            modes: &["deadlock"],
        },
        ParamSpec {
            id: "balance",
            kind: ParamKind::Int {
                min: 0,
                max: 1_000_000,
            },
            default: "100",
            modes: &["race", "locked"],
        },
        ParamSpec {
            id: "amounts",
            kind: ParamKind::IntList {
                min: 0,
                max: 1_000_000,
                max_len: 4,
            },
            default: "80,50",
            modes: &["race", "locked"],
        },
    ],
    check: no_check,
    main,
};

/// The chores, in the order of the `chores` parameter.
const CHORES: [&str; 3] = ["washer", "dryer", "children"];

/// The spending parents' names.
const SPENDERS: [&str; 4] = ["Parent C", "Parent D", "Parent E", "Parent F"];

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let p = &config.params;
        match config.mode {
            "polling" => polling(&lab, p.number("interval"), p.numbers("chores")).await,
            "events" => events(&lab, p.numbers("chores")).await,
            "deadlock" => deadlock(&lab, p.number("hold")).await,
            mode => {
                let locked = mode == "locked";
                spend_race(&lab, p.int("balance"), p.ints("amounts"), locked).await
            }
        }
    })
}

/// When each chore needs attention, shared between the chore tasks and the parent.
type Board = std::rc::Rc<std::cell::RefCell<Vec<Option<f64>>>>;

async fn polling(lab: &Lab, interval: f64, chores: &[f64]) -> LabResult {
    let board: Board = std::rc::Rc::new(std::cell::RefCell::new(vec![None; chores.len()]));
    for (i, &at) in chores.iter().enumerate() {
        let (l, b) = (lab.clone(), board.clone());
        drop(lab.spawn(CHORES[i], async move {
            l.sleep(at).await;
            l.print(format!("{} buzzes", CHORES[i]));
            b.borrow_mut()[i] = Some(l.now_s());
            Ok(())
        }));
    }
    let parent = {
        let (l, board, n) = (lab.clone(), board.clone(), chores.len());
        lab.spawn("parent", async move {
            let mut handled = vec![false; n];
            let (mut checks, mut wasted, mut worst) = (0u32, 0u32, (0.0f64, ""));
            while handled.iter().any(|h| !h) {
                l.sleep(interval).await;
                let _look = l.span("check", None);
                for i in 0..n {
                    if handled[i] {
                        continue;
                    }
                    checks += 1;
                    match board.borrow()[i] {
                        Some(when) => {
                            let late = l.now_s() - when;
                            l.print(format!("{}: handled {late:.1} late", CHORES[i]));
                            if late > worst.0 {
                                worst = (late, CHORES[i]);
                            }
                            handled[i] = true;
                        }
                        None => wasted += 1,
                    }
                }
            }
            l.print(format!(
                "{checks} checks, {wasted} wasted; worst wait {:.1} ({})",
                worst.0,
                if worst.1.is_empty() { "none" } else { worst.1 }
            ));
            Ok(())
        })
    };
    parent.await
}

async fn events(lab: &Lab, chores: &[f64]) -> LabResult {
    let buzzer: Queue<usize> = Queue::new();
    for (i, &at) in chores.iter().enumerate() {
        let (l, q) = (lab.clone(), buzzer.clone());
        drop(lab.spawn(CHORES[i], async move {
            l.sleep(at).await;
            l.print(format!("{} buzzes", CHORES[i]));
            q.put(i);
            Ok(())
        }));
    }
    let (l, n) = (lab.clone(), chores.len());
    lab.spawn("parent", async move {
        for _ in 0..n {
            let i = buzzer.get().await;
            l.print(format!("{}: handled at once", CHORES[i]));
        }
        l.print(format!("{n} wake-ups, 0 wasted; worst wait 0.0"));
        Ok(())
    })
    .await
}

async fn deadlock(lab: &Lab, hold: f64) -> LabResult {
    let washer = Lock::new(lab, "the washer");
    let dryer = Lock::new(lab, "the dryer");
    let plans = [
        ("Parent A", dryer.clone(), washer.clone()),
        ("Parent B", washer, dryer),
    ];
    let handles = plans
        .into_iter()
        .map(|(who, first, second)| {
            let l = lab.clone();
            lab.spawn(who, async move {
                let _one = first.acquire().await;
                l.print(format!("{who} takes the first machine"));
                l.sleep(hold).await;
                l.print(format!("{who} reaches for the other machine"));
                let _two = second.acquire().await;
                l.print(format!("{who} moved the laundry"));
                Ok(())
            })
        })
        .collect();
    for result in lab.gather(handles).await {
        result?;
    }
    Ok(())
}

async fn spend_race(lab: &Lab, balance: i64, amounts: &[i64], locked: bool) -> LabResult {
    let account = std::rc::Rc::new(std::cell::Cell::new(balance));
    let lock = Lock::new(lab, "the account");
    let handles = amounts
        .iter()
        .zip(SPENDERS)
        .map(|(&amount, who)| {
            let (l, account, lock) = (lab.clone(), account.clone(), lock.clone());
            lab.spawn(who, async move {
                let _guard = if locked {
                    Some(lock.acquire().await)
                } else {
                    None
                };
                let seen = account.get();
                l.print(format!("{who} reads {seen}"));
                l.sleep(1.0).await;
                if seen < amount {
                    l.print(format!("{who}: {seen} < {amount}, check refused"));
                    return Ok(0);
                }
                account.set(seen - amount);
                l.print(format!("{who} pays {amount}, writes {}", seen - amount));
                Ok::<i64, LabError>(amount)
            })
        })
        .collect();
    let mut spent = 0;
    for result in lab.gather(handles).await {
        spent += result?;
    }
    let end = account.get();
    let verdict = if balance - spent == end {
        "consistent".to_string()
    } else {
        format!(
            "should be {}: a stale write overwrote another",
            balance - spent
        )
    };
    lab.print(format!(
        "Final balance {end}: spent {spent} of {balance} ({verdict})"
    ));
    Ok(())
}
