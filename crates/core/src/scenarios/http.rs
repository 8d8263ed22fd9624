//! `http`: the Real Python tutorial's last two programs — URLs fetched from a queue by tasks One
//! and Two, first with blocking requests taking turns, then with non-blocking ones.
//!
//! The requests are real in the browser (same-origin files shipped with the app by default) and
//! virtual in the prediction, which counts only the added latency. `latency` is in milliseconds of
//! scenario time, like every duration here: at `speed=1000` they are real milliseconds.
//!
//! The page runs the modes' programs (`programs/http/*.py`: `requests.get` and `aiohttp` reach the
//! same [`Lab::fetch_blocking`] and [`Lab::fetch`], the added latency a `time.sleep` or an
//! `asyncio.sleep` before each request); this scenario is what they are held to (the interpreter's
//! `catalog_programs` test) and what the browser tests of the I/O adapter run.

use super::freeze_check;
use super::queue::TASK_NAMES;
use crate::backend::io::IoError;
use crate::lab::{Lab, LabResult, Queue};
use crate::scenario::{
    Code, Config, MainFuture, Mode, Needs, ParamError, ParamKind, ParamSpec, Scenario,
};

/// The default URLs: small files shipped in the app's `data/`, relative to the page, so they load
/// offline, on localhost and from any static host or sub-path.
pub const DEFAULT_URLS: &str =
    "data/a.json,data/b.json,data/c.json,data/d.json,data/e.json,data/f.json,data/g.json";

/// The longest URL the form takes, in characters; programs' `requests` and `aiohttp` hold their
/// URLs to the same bound.
pub const URL_MAX_CHARS: usize = 200;

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "http",
    topic: "sync-cooperative-async",
    speed_ms_per_s: 1000.0,
    modes: &[
        Mode {
            id: "sync",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/http/sync.py")),
        },
        Mode {
            id: "async",
            needs: Needs::NOTHING,
            code: Code::Program(include_str!("../../programs/http/async.py")),
        },
    ],
    params: &[
        ParamSpec {
            id: "urls",
            kind: ParamKind::UrlList {
                max_len: 20,
                max_chars: URL_MAX_CHARS,
            },
            default: DEFAULT_URLS,
            modes: &[],
        },
        ParamSpec {
            id: "tasks",
            kind: ParamKind::Int { min: 1, max: 8 },
            default: "2",
            modes: &[],
        },
        ParamSpec {
            id: "latency",
            kind: ParamKind::IntList {
                min: 0,
                max: 10_000,
                max_len: 20,
            },
            default: "300,800,400,300,500,500,400",
            modes: &[],
        },
    ],
    check,
    main,
};

/// Each URL's added latency in scenario seconds: one value for all, or one per URL.
fn latencies_s(config: &Config) -> Vec<f64> {
    let urls = config.params.urls("urls").len();
    let ms = config.params.ints("latency");
    match ms {
        [one] => vec![*one as f64 / 1000.0; urls],
        _ => ms.iter().map(|&m| m as f64 / 1000.0).collect(),
    }
}

fn check(config: &Config) -> Vec<ParamError> {
    let urls = config.params.urls("urls").len();
    let latencies = config.params.ints("latency").len();
    if latencies != 1 && latencies != urls {
        return vec![ParamError::said(
            "latency",
            crate::words!("check-http-latency", urls = urls, latencies = latencies),
        )];
    }
    let blocked_s = match config.mode {
        "sync" => latencies_s(config).iter().sum(),
        _ => 0.0,
    };
    freeze_check(blocked_s, config.speed_ms_per_s)
}

fn main(lab: Lab, config: Config) -> MainFuture {
    Box::pin(async move {
        let urls = config.params.urls("urls").to_vec();
        let work = Queue::from_items(urls.into_iter().zip(latencies_s(&config)));
        let tasks = config.params.int("tasks").clamp(1, TASK_NAMES.len() as i64) as usize;
        let blocking = config.mode == "sync";
        let start = lab.now_s();
        let handles = TASK_NAMES[..tasks]
            .iter()
            .map(|&name| {
                let (lab2, work) = (lab.clone(), work.clone());
                if blocking {
                    lab.spawn(name, sync_task(lab2, name, work))
                } else {
                    lab.spawn(name, async_task(lab2, name, work))
                }
            })
            .collect();
        for result in lab.gather(handles).await {
            result?;
        }
        lab.print(format!("Total elapsed time: {:.1}", lab.now_s() - start));
        Ok(())
    })
}

/// Prints how a request went: its elapsed time, or its error. A failure does not end the task.
fn report(lab: &Lab, name: &str, start_s: f64, result: Result<impl Sized, IoError>) {
    let elapsed = lab.now_s() - start_s;
    match result {
        Ok(_) => lab.print(format!("Task {name} elapsed time: {elapsed:.1}")),
        Err(msg) => lab.print(format!("Task {name} failed after {elapsed:.1}: {msg}")),
    }
}

async fn sync_task(lab: Lab, name: &'static str, work: Queue<(String, f64)>) -> LabResult {
    while let Some((url, latency_s)) = work.try_get() {
        lab.print(format!("Task {name} getting URL: {url}"));
        let start = lab.now_s();
        let result = lab.fetch_blocking(&url, latency_s);
        report(&lab, name, start, result);
        lab.yield_now().await;
    }
    Ok(())
}

async fn async_task(lab: Lab, name: &'static str, work: Queue<(String, f64)>) -> LabResult {
    while !work.is_empty() {
        let (url, latency_s) = work.get().await;
        lab.print(format!("Task {name} getting URL: {url}"));
        let start = lab.now_s();
        let result = lab.fetch(&url, latency_s).await;
        report(&lab, name, start, result);
    }
    Ok(())
}
