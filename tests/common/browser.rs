//! Helpers shared by the browser test files (wasm32 only): running a URL's scenario on the page's
//! real loop next to its prediction.

use std::cell::RefCell;
use std::rc::Rc;

use awaitlab::browser::driver::LiveRun;
use awaitlab_core::run::predict;
use awaitlab_core::scenario::parse_url;
use awaitlab_core::scenarios::{find, CATALOG};
use awaitlab_core::trace::Trace;

use super::pairs;

/// Waits `ms` real milliseconds without blocking the page.
pub async fn sleep_ms(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// Runs a URL's scenario on the real loop and returns (measured, predicted); panics if the URL
/// has problems, since a test's URL should be valid.
pub async fn measure(query: &str) -> (Trace, Trace) {
    let request = parse_url(&CATALOG, &pairs(query));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    let scenario = find(request.draft.scenario).expect("scenario");
    let config = request.draft.validate(scenario).expect("valid");
    let predicted = predict(scenario, &request.draft, config.clone());
    let slot: Rc<RefCell<Option<Trace>>> = Rc::default();
    let done = slot.clone();
    let run = LiveRun::start(scenario, &request.draft, config, move |t| {
        *done.borrow_mut() = Some(t)
    });
    while slot.borrow().is_none() {
        sleep_ms(5).await;
    }
    drop(run);
    let measured = slot.borrow_mut().take().expect("trace");
    (measured, predicted)
}

/// Starts a URL's scenario on the real loop, lets it run `run_ms`, hands the live run to
/// `before_stop` (to look at it mid-run), presses Stop and returns the trace the run ended with.
pub async fn stop_after(query: &str, run_ms: u32, before_stop: impl FnOnce(&LiveRun)) -> Trace {
    let request = parse_url(&CATALOG, &pairs(query));
    assert!(request.problems.is_empty(), "{:?}", request.problems);
    let scenario = find(request.draft.scenario).expect("scenario");
    let config = request.draft.validate(scenario).expect("valid");
    let slot: Rc<RefCell<Option<Trace>>> = Rc::default();
    let done = slot.clone();
    let run = LiveRun::start(scenario, &request.draft, config, move |t| {
        *done.borrow_mut() = Some(t)
    });
    sleep_ms(run_ms).await;
    before_stop(&run);
    run.stop();
    // The driver notices at its next turn; give it a little time, not forever.
    for _ in 0..40 {
        if slot.borrow().is_some() {
            break;
        }
        sleep_ms(5).await;
    }
    let trace = slot.borrow_mut().take();
    trace.expect("the driver ended after Stop")
}
