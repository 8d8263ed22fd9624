//! What a run's trace costs in memory, counted by a counting allocator: a 100,000-event trace's
//! bytes, and the high-water mark of a live run as the page records it (the loop's trace, the
//! feed's two traces that views read while it runs, the finished trace handed to the page).
//! Wasm memory never shrinks, so the high-water mark is what a run costs the page. Native sizes
//! are larger than wasm32's (8-byte pointers), so bounds that hold here hold there.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use awaitlab_core::clock::Clock;
use awaitlab_core::executor::Status;
use awaitlab_core::trace::{Event, Trace, TraceFeed};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The tests of this file take turns: the counter counts every thread's allocations.
static TURN: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `f`; returns what it returned, the most bytes allocated at once meanwhile above what was
/// allocated before, and the bytes it left allocated.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let kept = NOW.load(Ordering::Relaxed).saturating_sub(before);
    (out, peak, kept)
}

/// Runs the scenario of `query` on the virtual clock as the page runs a live one: batches of
/// polls, the new events handed to a feed after each (a view holding the latest trace until the
/// next), and the finished trace taken out of the feed at the end. With `hand_off` false, the
/// loop keeps its events (copied into the feed) and the finished trace is the loop's.
fn live_run(query: &str, hand_off: bool) -> Trace {
    live_run_chunked(query, hand_off, true)
}

/// [`live_run`], with a chunk after each batch, or (`every_batch` false: a run that holds the
/// page to its end) one chunk at the end only.
fn live_run_chunked(query: &str, hand_off: bool, every_batch: bool) -> Trace {
    let (exec, clock) = common::live(query);
    let mut feed = TraceFeed::new(exec.trace());
    let mut shown = feed.latest().clone();
    loop {
        let status = exec.run_batch(f64::INFINITY, 2_000);
        if !every_batch && status != Status::Finished {
            match status {
                Status::Idle {
                    next_deadline_us: Some(t),
                    ..
                } => {
                    clock.advance_to(t);
                }
                Status::Idle { .. } => panic!("stalled"),
                _ => {}
            }
            continue;
        }
        let chunk = if hand_off {
            exec.take_chunk()
        } else {
            exec.chunk_since(feed.committed())
        };
        if status == Status::Finished {
            // The run's end takes the last chunk itself (`LiveFeed::finish`): the view still
            // shows the one before.
            drop(feed.apply(chunk));
            break;
        }
        // The view lets go of the trace it showed and takes the new one.
        drop(shown);
        shown = feed.apply(chunk);
        match status {
            Status::Finished => unreachable!(),
            Status::Busy => {}
            Status::Idle {
                next_deadline_us: Some(t),
                ..
            } => {
                clock.advance_to(t);
            }
            Status::Idle { .. } => panic!("stalled"),
        }
    }
    // The view still shows the last snapshot when the run hands its trace over.
    let finished = if hand_off {
        feed.take_trace()
    } else {
        exec.take_trace()
    };
    drop((feed, shown, exec));
    finished
}

/// The bytes a trace's events hold: the list's capacity and each label's and error's text.
fn event_bytes(trace: &Trace) -> usize {
    trace.events.capacity() * std::mem::size_of::<Event>()
        + trace
            .events
            .iter()
            .map(|e| e.label.heap_bytes() + e.error.as_ref().map_or(0, |s| s.len()))
            .sum::<usize>()
}

/// About 100,000 events: 970 tasks each taking 100 turns of the loop, then 2 sleeps.
const RUN_100K: &str = "s=scale&mode=async&tasks=970&yields=100&sleeps=2&sleep=0.1";

#[test]
fn a_live_run_of_100_000_events_stays_within_its_memory() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    const MB: f64 = 1024.0 * 1024.0;
    let mut peaks = Vec::new();
    for hand_off in [false, true] {
        let (trace, peak, kept) = measure(|| live_run(RUN_100K, hand_off));
        let events = trace.events.len();
        let bytes = event_bytes(&trace);
        println!(
            "MEM | hand-off {hand_off} | Event {} B | {events} events, capacity {} | events' bytes {:.1} MB | run's peak {:.1} MB ({:.2} × the trace) | kept {:.1} MB",
            std::mem::size_of::<Event>(),
            trace.events.capacity(),
            bytes as f64 / MB,
            peak as f64 / MB,
            peak as f64 / bytes as f64,
            kept as f64 / MB,
        );
        assert!((95_000..=120_000).contains(&events), "{events} events");
        // The trace itself: its events and nothing per label (all of this run's are short).
        let labels: usize = trace.events.iter().map(|e| e.label.heap_bytes()).sum();
        assert!(labels < 1_000, "{labels} bytes of labels");
        assert!(
            bytes <= events * std::mem::size_of::<Event>() * 5 / 4,
            "{bytes} bytes for {events} events"
        );
        peaks.push((peak, bytes));
    }
    // Handed to the feed, the loop does not hold the events too, and the feed's traces grow
    // by a quarter: the run's high-water mark is about three traces' bytes (the feed's two, and
    // the one growing), not five as when the loop kept its own copy and the end copied it
    // again. On wasm32 (72-byte events) three traces of 100,000 events are 21 MB, of which the
    // page keeps one.
    let (copied, handed) = (peaks[0], peaks[1]);
    assert!(
        handed.0 <= handed.1 * 13 / 4,
        "a live run's peak: {:.1} MB for a trace of {:.1} MB",
        handed.0 as f64 / MB,
        handed.1 as f64 / MB
    );
    assert!(handed.0 * 4 < copied.0 * 3, "{handed:?} against {copied:?}");
}

#[test]
fn a_run_that_holds_the_page_to_its_end_hands_over_its_list() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    // One chunk, at the end: the loop's list becomes the feed's trace, then the page's, with
    // no copy (the loop's list grew by doubling: up to twice the trace, and as much again while
    // it grew).
    let (trace, peak, _) = measure(|| live_run_chunked(RUN_100K, true, false));
    let bytes = trace.events.capacity() * std::mem::size_of::<Event>();
    println!(
        "MEM | one chunk | {} events, capacity {} | run's peak {:.2} × the list",
        trace.events.len(),
        trace.events.capacity(),
        peak as f64 / bytes as f64
    );
    assert!(peak <= bytes * 7 / 4, "{peak} bytes for a list of {bytes}");
    assert_eq!(trace, live_run_chunked(RUN_100K, false, true));
}

#[test]
fn an_event_stays_as_small_as_it_is() {
    // 64-bit targets; wasm32's 72 bytes are held by a compile-time assertion in `trace.rs`.
    if cfg!(target_pointer_width = "64") {
        assert!(
            std::mem::size_of::<Event>() <= 104,
            "{}",
            std::mem::size_of::<Event>()
        );
    }
    assert_eq!(
        std::mem::size_of::<awaitlab_core::trace::Label>(),
        std::mem::size_of::<String>()
    );
}

#[test]
fn a_live_run_handed_to_its_feed_ends_with_the_trace_its_loop_recorded() {
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let query = "s=scale&mode=async&tasks=50&yields=20&sleeps=2&sleep=0.1";
    assert_eq!(live_run(query, true), live_run(query, false));
}
