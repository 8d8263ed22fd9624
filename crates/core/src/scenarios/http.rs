//! `http`: the Real Python tutorial's last two programs — URLs fetched from a queue by tasks One
//! and Two, first with blocking requests taking turns, then with non-blocking ones.
//!
//! The requests are real in the browser (same-origin files shipped with the app by default) and
//! virtual in the prediction, which counts only the added latency. `latency` is in milliseconds of
//! scenario time, like every duration here: at `speed=1000` they are real milliseconds.

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

/// The scenario.
pub const SCENARIO: Scenario = Scenario {
    id: "http",
    topic: "sync-cooperative-async",
    speed_ms_per_s: 1000.0,
    modes: &[
        Mode {
            id: "sync",
            needs: Needs::NOTHING,
            code: Code::Illustration {
                python: r#"import queue, time
import requests

URLS = [f"http://localhost:8080/data/{c}.json"
        for c in "abcdefg"]
EXTRA = [0.3, 0.8, 0.4, 0.3, 0.5, 0.5, 0.4]

def task(name, work):
    while not work.empty():
        url, extra = work.get()
        print(f"Task {name} getting URL:",
              url)
        t0 = time.perf_counter()
        time.sleep(extra)  # added latency
        requests.get(url)  # blocks
        dt = time.perf_counter() - t0
        print(f"Task {name} elapsed time:",
              f"{dt:.1f}")
        yield  # the other task's turn

work = queue.Queue()
for item in zip(URLS, EXTRA):
    work.put(item)
tasks = [task("One", work),
         task("Two", work)]
start = time.perf_counter()
while tasks:  # round-robin, as before
    for t in list(tasks):
        try:
            next(t)
        except StopIteration:
            tasks.remove(t)
total = time.perf_counter() - start
print(f"Total elapsed time: {total:.1f}")"#,
            },
        },
        Mode {
            id: "async",
            needs: Needs::NOTHING,
            code: Code::Illustration {
                python: r#"import asyncio, time
from aiohttp import ClientSession

URLS = [f"http://localhost:8080/data/{c}.json"
        for c in "abcdefg"]
EXTRA = [0.3, 0.8, 0.4, 0.3, 0.5, 0.5, 0.4]

async def task(name, work, http):
    while not work.empty():
        url, extra = await work.get()
        print(f"Task {name} getting URL:",
              url)
        t0 = time.perf_counter()
        await asyncio.sleep(extra)  # added
        async with http.get(url) as resp:
            await resp.text()  # yields
        dt = time.perf_counter() - t0
        print(f"Task {name} elapsed time:",
              f"{dt:.1f}")

async def main():
    work = asyncio.Queue()
    for item in zip(URLS, EXTRA):
        work.put_nowait(item)
    start = time.perf_counter()
    async with ClientSession() as http:
        await asyncio.gather(
            task("One", work, http),
            task("Two", work, http))
    total = time.perf_counter() - start
    print(f"Total elapsed time: {total:.1f}")

asyncio.run(main())"#,
            },
        },
    ],
    params: &[
        ParamSpec {
            id: "urls",
            kind: ParamKind::UrlList {
                max_len: 20,
                max_chars: 200,
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
