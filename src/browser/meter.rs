//! The responsiveness meter: while a run is in progress the page measures itself — animation-frame
//! gaps, the browser's long tasks, a timer's lateness (loop lag) and the latency of clicks on a
//! probe. The samples become the run's `page` lane and figures (see `awaitlab_core::page`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::frame::AnimationLoop;
use super::resources::Ticker;
use awaitlab_core::page::PageSamples;

/// How often the lag probe expects to run, ms.
const LAG_PERIOD_MS: u32 = 50;

/// Measures the page from `start` until dropped or finished.
#[must_use = "measuring stops when the meter is dropped"]
pub struct Meter {
    samples: Rc<RefCell<PageSamples>>,
    origin_ms: Rc<Cell<f64>>,
    /// When the lag probe last ran, `performance.now()` ms.
    last_probe: Rc<Cell<f64>>,
    _frames: AnimationLoop,
    _lag: Ticker,
    observer: Option<web_sys::PerformanceObserver>,
    _on_entries: Option<Closure<dyn FnMut(web_sys::PerformanceObserverEntryList)>>,
    /// Notes when the tab goes to the background and back (removed on drop).
    on_visibility: Option<Closure<dyn FnMut()>>,
}

/// Whether the page is in a background tab now.
fn tab_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl Meter {
    /// Starts measuring; times are kept relative to `origin_ms` (the run's `performance.now()`
    /// zero).
    pub fn start(origin_ms: f64) -> Self {
        let origin = Rc::new(Cell::new(origin_ms));
        let samples: Rc<RefCell<PageSamples>> = Rc::default();
        // The start counts as a frame: a run that blocks at once freezes the page from here, before
        // the first animation frame could come.
        samples.borrow_mut().frames.push(now_ms() - origin_ms);
        let frames = {
            let (samples, origin) = (samples.clone(), origin.clone());
            AnimationLoop::start(move |ts| {
                samples.borrow_mut().frames.push(ts - origin.get());
                true
            })
        };
        let last_probe = Rc::new(Cell::new(now_ms()));
        let lag = {
            let (samples, origin, last) = (samples.clone(), origin.clone(), last_probe.clone());
            Ticker::new(LAG_PERIOD_MS, move || {
                let now = now_ms();
                let late = (now - last.replace(now) - f64::from(LAG_PERIOD_MS)).max(0.0);
                samples.borrow_mut().lags.push((now - origin.get(), late));
            })
        };
        let (observer, on_entries) = observe_long_tasks(samples.clone(), origin.clone());
        // A tab in the background: open a hidden stretch now, close it when the tab is back.
        if tab_hidden() {
            let at = now_ms() - origin_ms;
            samples.borrow_mut().hidden.push((at, f64::INFINITY));
        }
        let on_visibility = {
            let (samples, origin) = (samples.clone(), origin.clone());
            let on = Closure::<dyn FnMut()>::new(move || {
                let at = now_ms() - origin.get();
                let mut s = samples.borrow_mut();
                let open = s.hidden.last().is_some_and(|&(_, to)| to.is_infinite());
                match (tab_hidden(), open) {
                    (true, false) => s.hidden.push((at, f64::INFINITY)),
                    (false, true) => {
                        if let Some(last) = s.hidden.last_mut() {
                            last.1 = at;
                        }
                    }
                    _ => {}
                }
            });
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| {
                    d.add_event_listener_with_callback(
                        "visibilitychange",
                        on.as_ref().unchecked_ref(),
                    )
                    .ok()
                })
                .map(|()| on)
        };
        Meter {
            samples,
            origin_ms: origin,
            last_probe,
            _frames: frames,
            _lag: lag,
            observer,
            _on_entries: on_entries,
            on_visibility,
        }
    }

    /// Moves the zero the samples are kept against to `origin_ms` (the meter starts before the
    /// run's clock does, so that starting it is not part of the run).
    /// Samples from before the new zero are dropped, and the zero counts as a frame.
    pub fn rebase(&self, origin_ms: f64) {
        let old = self.origin_ms.replace(origin_ms);
        let mut s = self.samples.borrow_mut();
        s.shift(old - origin_ms);
        s.frames.retain(|&t| t > 0.0);
        s.frames.insert(0, 0.0);
        s.lags.retain(|&(t, _)| t >= 0.0);
        s.long_tasks.retain(|&(t, d)| t + d > 0.0);
        s.clicks.retain(|&(t, _)| t >= 0.0);
        s.hidden.retain(|&(_, to)| to > 0.0);
        for stretch in &mut s.hidden {
            stretch.0 = stretch.0.max(0.0);
        }
    }

    /// Records a click on the probe: `event_ms` is the event's timestamp, the handler runs now.
    pub fn click(&self, event_ms: f64) {
        let now = now_ms();
        self.samples
            .borrow_mut()
            .clicks
            .push((event_ms - self.origin_ms.get(), (now - event_ms).max(0.0)));
    }

    /// Stops measuring and returns the samples. The end counts as a frame too, so a freeze at the
    /// very end of a run is not lost.
    pub fn finish(self) -> PageSamples {
        let now = now_ms();
        {
            let mut s = self.samples.borrow_mut();
            s.frames.push(now - self.origin_ms.get());
            // A probe still waiting (a run that held the thread to its end) is late already.
            let late = now - self.last_probe.get() - f64::from(LAG_PERIOD_MS);
            if late > 0.0 {
                s.lags.push((now - self.origin_ms.get(), late));
            }
            // Still in the background at the end: the stretch ends with the run.
            let end = now - self.origin_ms.get();
            for stretch in &mut s.hidden {
                stretch.1 = stretch.1.min(end);
            }
        }
        // Entries still buffered in the observer belong to the run too.
        if let Some(observer) = &self.observer {
            let pending = observer.take_records();
            let mut s = self.samples.borrow_mut();
            for entry in pending.iter() {
                if let Ok(entry) = entry.dyn_into::<web_sys::PerformanceEntry>() {
                    s.long_tasks
                        .push((entry.start_time() - self.origin_ms.get(), entry.duration()));
                }
            }
        }
        let samples = self.samples.borrow().clone();
        samples
    }
}

impl Drop for Meter {
    fn drop(&mut self) {
        if let Some(observer) = &self.observer {
            observer.disconnect();
        }
        if let (Some(on), Some(document)) = (
            self.on_visibility.take(),
            web_sys::window().and_then(|w| w.document()),
        ) {
            let _ = document.remove_event_listener_with_callback(
                "visibilitychange",
                on.as_ref().unchecked_ref(),
            );
        }
    }
}

type Observer = (
    Option<web_sys::PerformanceObserver>,
    Option<Closure<dyn FnMut(web_sys::PerformanceObserverEntryList)>>,
);

/// Subscribes to the browser's `longtask` entries where supported (Chromium); elsewhere the meter
/// goes on without them.
fn observe_long_tasks(samples: Rc<RefCell<PageSamples>>, origin: Rc<Cell<f64>>) -> Observer {
    let on_entries = Closure::<dyn FnMut(web_sys::PerformanceObserverEntryList)>::new(
        move |list: web_sys::PerformanceObserverEntryList| {
            let mut s = samples.borrow_mut();
            for entry in list.get_entries().iter() {
                if let Ok(entry) = entry.dyn_into::<web_sys::PerformanceEntry>() {
                    s.long_tasks
                        .push((entry.start_time() - origin.get(), entry.duration()));
                }
            }
        },
    );
    let Ok(observer) = web_sys::PerformanceObserver::new(on_entries.as_ref().unchecked_ref())
    else {
        return (None, None);
    };
    let types = js_sys::Array::of1(&"longtask".into());
    let init = web_sys::PerformanceObserverInit::new(&types);
    observer.observe(&init);
    (Some(observer), Some(on_entries))
}
