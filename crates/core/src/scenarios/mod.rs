//! The catalog: one file per tutorial program, each written against the [`Lab`] runtime API.
//! Each mode's Python program is `crates/core/programs/<scenario>/<mode>.py`, included by the
//! mode (or, where the interpreter cannot run one yet, an illustration). Their words (titles,
//! notes, hints, in English and Chinese) are in crates/i18n/locales/*/scenarios.ftl.
//!
//! [`Lab`]: crate::lab::Lab

pub mod async_context;
pub mod async_iterator;
pub mod await_twice;
pub mod coroutines;
pub mod countdown;
pub mod event_loop;
pub mod future;
pub mod gather;
pub mod http;
pub mod loop_impl;
pub mod parents;
pub mod primes;
pub mod queue;
pub mod run_until_complete;
pub mod scale;
pub mod tasks;
pub mod wait_timeout;

use super::scenario::{Config, ParamError, Scenario};

/// Every scenario, in picker order (grouped by topic).
pub static CATALOG: [Scenario; 17] = [
    countdown::SCENARIO,
    queue::SCENARIO,
    http::SCENARIO,
    parents::SCENARIO,
    coroutines::SCENARIO,
    await_twice::SCENARIO,
    tasks::SCENARIO,
    wait_timeout::SCENARIO,
    future::SCENARIO,
    async_iterator::SCENARIO,
    async_context::SCENARIO,
    event_loop::SCENARIO,
    run_until_complete::SCENARIO,
    gather::SCENARIO,
    primes::SCENARIO,
    loop_impl::SCENARIO,
    scale::SCENARIO,
];

/// The scenario called `id`.
pub fn find(id: &str) -> Option<&'static Scenario> {
    CATALOG.iter().find(|s| s.id == id)
}

/// For scenarios whose parameters need no check across fields.
pub fn no_check(_: &Config) -> Vec<ParamError> {
    Vec::new()
}

/// Longest the page may be frozen by one run's blocking calls, in real seconds. A blocking mode on
/// the page's own thread freezes the whole tab; past this it looks like a crash, not a lesson.
pub const MAX_FREEZE_S: f64 = 20.0;

/// Refuses a run whose blocking sleeps would hold the page longer than [`MAX_FREEZE_S`].
pub fn freeze_check(blocked_scenario_s: f64, speed_ms_per_s: f64) -> Vec<ParamError> {
    let real_s = blocked_scenario_s * speed_ms_per_s / 1000.0;
    if real_s > MAX_FREEZE_S {
        vec![ParamError::said(
            "speed",
            crate::words!(
                "check-freeze",
                real = format!("{real_s:.1}"),
                blocked = blocked_scenario_s,
                speed = speed_ms_per_s,
                max = MAX_FREEZE_S
            ),
        )]
    } else {
        Vec::new()
    }
}
