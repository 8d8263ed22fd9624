//! `requests` and `aiohttp` reach the run's own I/O (`Backends::io`), as the `http` scenario's
//! requests do: what a program asks for is what the I/O is asked, a blocking request holds the
//! thread for as long as the I/O takes, a failed request is the library's exception in a
//! traceback naming the line, and a URL the form would refuse never leaves the program.

use std::cell::RefCell;
use std::rc::Rc;

use awaitlab_core::backend::io::{FetchFuture, FetchOk, Io, IoError};
use awaitlab_core::backend::Backends;
use awaitlab_core::clock::{Clock, VirtualClock};
use awaitlab_core::executor::Executor;
use awaitlab_core::lab::Lab;
use awaitlab_core::program_params::render;
use awaitlab_core::run::drive_virtual;
use awaitlab_core::scenario::Draft;
use awaitlab_core::scenarios::find;
use awaitlab_core::trace::{Kind, RunMeta, Source, Trace};
use awaitlab_python::Program;

/// A network seen from a test: every URL asked for, in order; `missing` answers 404, `refused`
/// answers nothing; a blocking request holds the virtual clock for `blocking_s`.
#[derive(Default)]
struct TestIo {
    asked: RefCell<Vec<String>>,
    missing: &'static str,
    refused: bool,
    clock: Option<(Rc<VirtualClock>, f64)>,
}

impl TestIo {
    fn answer(&self, url: &str) -> Result<FetchOk, IoError> {
        self.asked.borrow_mut().push(url.to_string());
        if self.refused {
            return Err(IoError::Network {
                detail: "Failed to fetch".into(),
            });
        }
        if url == self.missing {
            return Err(IoError::Http {
                status: 404,
                text: String::new(),
            });
        }
        Ok(FetchOk {
            status: 200,
            bytes: 42,
        })
    }
}

impl Io for TestIo {
    fn fetch(&self, url: &str) -> FetchFuture {
        Box::pin(std::future::ready(self.answer(url)))
    }

    fn fetch_blocking(&self, url: &str) -> Result<FetchOk, IoError> {
        if let Some((clock, s)) = &self.clock {
            clock.block_until(clock.now_us() + s * 1e6);
        }
        self.answer(url)
    }
}

struct Ran {
    stdout: Vec<String>,
    stderr: Vec<String>,
    trace: Trace,
}

fn run(source: &str, io: Rc<TestIo>, clock: Rc<VirtualClock>) -> Ran {
    let program = Program::compile(source).expect("compiles");
    let meta = RunMeta {
        scenario: "program".into(),
        mode: "python".into(),
        params: Vec::new(),
        speed_ms_per_s: 1000.0,
        source: Source::Measured,
    };
    let exec = Executor::new(clock.clone(), meta);
    let backends = Backends {
        io,
        ..Backends::predicted()
    };
    let vm = program.start(&Lab::new(exec.clone(), backends));
    drive_virtual(&exec, &clock);
    vm.flush_out();
    let console = vm.console.borrow().clone();
    let pick = |err: bool| {
        console
            .iter()
            .filter(|(e, _)| *e == err)
            .flat_map(|(_, l)| l.lines().map(str::to_string).collect::<Vec<_>>())
            .collect()
    };
    let ran = Ran {
        stdout: pick(false),
        stderr: pick(true),
        trace: exec.trace(),
    };
    vm.tear_down();
    ran
}

/// The traceback names `line`.
fn assert_traceback_line(ran: &Ran, line: usize) {
    let at = format!("line {line}");
    assert!(
        ran.stderr.iter().any(|l| l.contains(&at)),
        "{:?}",
        ran.stderr
    );
}

/// The traceback names `line` and ends with `last` (the exception as CPython prints it).
fn assert_traceback(ran: &Ran, line: usize, last: &str) {
    assert_traceback_line(ran, line);
    assert_eq!(ran.stderr.last().map(String::as_str), Some(last));
}

fn run_io(source: &str, io: TestIo) -> (Ran, Rc<TestIo>) {
    let io = Rc::new(io);
    (run(source, io.clone(), Rc::new(VirtualClock::new())), io)
}

/// The `http` scenario's program for `mode` with these form values.
fn http_program(mode: &str, query: &[(&str, &str)]) -> String {
    let scenario = find("http").expect("http");
    let mut draft = Draft::defaults(scenario);
    draft.mode = scenario.mode(mode).expect("mode").id;
    for (k, v) in query {
        draft.set_text(k, v.to_string());
    }
    let config = draft.validate(scenario).expect("valid");
    render(
        scenario
            .mode(mode)
            .and_then(|m| m.program())
            .expect("program"),
        &config.params,
    )
}

#[test]
fn both_libraries_ask_the_runs_io_for_each_url_in_the_programs_order() {
    let source = "import asyncio, aiohttp, requests\n\n\
                  async def main():\n    \
                      r = requests.get('data/a.json')\n    \
                      print(r.status_code, r.ok, r.reason, r.headers['Content-Length'])\n    \
                      async with aiohttp.ClientSession() as session:\n        \
                          async with session.get('https://example.com/b') as r:\n            \
                              print(r.status, r.ok, repr(await r.text()))\n        \
                          r = await session.get('../c.json')\n        \
                          print(r)\n\n\
                  asyncio.run(main())\n";
    let (ran, io) = run_io(source, TestIo::default());
    assert_eq!(ran.stderr, Vec::<String>::new());
    assert_eq!(
        ran.stdout,
        [
            "200 True OK 42",
            "200 True ''",
            "<ClientResponse(../c.json) [200 OK]>"
        ]
    );
    assert_eq!(
        *io.asked.borrow(),
        ["data/a.json", "https://example.com/b", "../c.json"]
    );
    let io_spans: Vec<&str> = ran
        .trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Io)
        .map(|e| e.label.as_str())
        .collect();
    assert_eq!(
        io_spans,
        [
            "GET data/a.json",
            "GET https://example.com/b",
            "GET ../c.json"
        ]
    );
}

#[test]
fn a_blocking_request_holds_the_thread_as_long_as_the_io_takes() {
    let clock = Rc::new(VirtualClock::new());
    let io = Rc::new(TestIo {
        clock: Some((clock.clone(), 0.25)),
        ..TestIo::default()
    });
    let source = "import time, requests\n\
                  t0 = time.perf_counter()\n\
                  requests.get('data/a.json')\n\
                  print(f'{time.perf_counter() - t0:.2f}')\n";
    let ran = run(source, io, clock);
    assert_eq!(ran.stdout, ["0.25"]);
    let block = ran
        .trace
        .events
        .iter()
        .find(|e| e.kind == Kind::Block)
        .expect("a block span");
    assert_eq!(block.label, "blocking GET data/a.json");
    assert_eq!(block.dur_us, 250_000.0);
}

#[test]
fn a_404_raises_from_raise_for_status_in_each_library_on_its_line() {
    let io = || TestIo {
        missing: "data/nope.json",
        ..TestIo::default()
    };
    let sync = "import requests\n\
                r = requests.get('data/nope.json')\n\
                print(r.status_code, r.ok, r.reason)\n\
                r.raise_for_status()\n";
    let (ran, _) = run_io(sync, io());
    assert_eq!(ran.stdout, ["404 False Not Found"]);
    assert_traceback(
        &ran,
        4,
        "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: data/nope.json",
    );
    let aio = "import asyncio, aiohttp\n\n\
               async def main():\n    \
                   async with aiohttp.ClientSession() as s:\n        \
                       async with s.get('data/nope.json') as r:\n            \
                           r.raise_for_status()\n\n\
               asyncio.run(main())\n";
    let (ran, _) = run_io(aio, io());
    assert_traceback(
        &ran,
        6,
        "aiohttp.client_exceptions.ClientResponseError: 404, message='Not Found', \
             url='data/nope.json'",
    );
    // The failed request is a failed io span in the trace.
    let failed: Vec<_> = ran
        .trace
        .events
        .iter()
        .filter(|e| e.kind == Kind::Io && e.error.is_some())
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].error.as_deref(), Some("HTTP 404"));
}

#[test]
fn no_answer_raises_the_librarys_connection_error_which_a_program_can_catch() {
    let refused = || TestIo {
        refused: true,
        ..TestIo::default()
    };
    let sync = "import requests\n\
                try:\n    \
                    requests.get('http://127.0.0.1:9/x')\n\
                except requests.exceptions.RequestException as e:\n    \
                    print(type(e).__name__, isinstance(e, OSError))\n\
                requests.get('http://127.0.0.1:9/x')\n";
    let (ran, _) = run_io(sync, refused());
    assert_eq!(ran.stdout, ["ConnectionError True"]);
    assert_traceback(
        &ran,
        6,
        "requests.exceptions.ConnectionError: network error (offline, refused by CORS, or \
             the host is unreachable): Failed to fetch",
    );
    let aio = "import asyncio, aiohttp\n\n\
               async def main():\n    \
                   async with aiohttp.ClientSession() as s:\n        \
                       try:\n            \
                           await s.get('http://127.0.0.1:9/x')\n        \
                       except aiohttp.ClientError as e:\n            \
                           print(type(e).__name__)\n\n\
               asyncio.run(main())\n";
    let (ran, _) = run_io(aio, refused());
    assert_eq!(ran.stderr, Vec::<String>::new());
    assert_eq!(ran.stdout, ["ClientConnectorError"]);
}

#[test]
fn a_url_the_form_refuses_is_invalid_url_on_its_line_and_never_sent() {
    let long = format!("data/{}", "x".repeat(300));
    for (url, why) in [
        ("ftp://example.com/a", "\"ftp:\""),
        ("data/a b.json", "' '"),
        (long.as_str(), "characters"),
    ] {
        let sync = format!("import requests\n\nrequests.get({url:?})\n");
        let (ran, io) = run_io(&sync, TestIo::default());
        assert!(io.asked.borrow().is_empty(), "{url}");
        let last = ran.stderr.last().cloned().unwrap_or_default();
        assert!(
            last.starts_with("requests.exceptions.InvalidURL: Invalid URL '") && last.contains(why),
            "{url}: {last}"
        );
        assert_traceback_line(&ran, 3);
        let aio = format!(
            "import asyncio, aiohttp\n\n\
             async def main():\n    \
                 async with aiohttp.ClientSession() as s:\n        \
                     try:\n            \
                         s.get({url:?})\n        \
                     except ValueError as e:\n            \
                         print(type(e).__module__, type(e).__name__)\n\n\
             asyncio.run(main())\n"
        );
        let (ran, io) = run_io(&aio, TestIo::default());
        assert!(io.asked.borrow().is_empty(), "{url}");
        assert_eq!(
            ran.stdout,
            ["aiohttp.client_exceptions InvalidURL"],
            "{url}: {:?}",
            ran.stderr
        );
    }
}

#[test]
fn the_http_programs_request_the_forms_urls_and_stop_at_a_missing_one_with_a_traceback() {
    let query = [
        ("urls", "data/a.json,data/nope.json,data/c.json"),
        ("latency", "100"),
    ];
    for (mode, first, last) in [
        (
            "sync",
            [
                "Task One getting URL: data/a.json",
                "Task One elapsed time: 0.1",
                "Task Two getting URL: data/nope.json",
            ],
            "requests.exceptions.HTTPError: 404 Client Error: Not Found for url: data/nope.json",
        ),
        (
            "async",
            [
                "Task One getting URL: data/a.json",
                "Task Two getting URL: data/nope.json",
                "Task One elapsed time: 0.1",
            ],
            "aiohttp.client_exceptions.ClientResponseError: 404, message='Not Found', \
             url='data/nope.json'",
        ),
    ] {
        let io = TestIo {
            missing: "data/nope.json",
            ..TestIo::default()
        };
        let (ran, io) = run_io(&http_program(mode, &query), io);
        assert_eq!(ran.stderr.last().map(String::as_str), Some(last), "{mode}");
        assert_eq!(ran.stdout[..3], first[..], "{mode}: {:?}", ran.stdout);
        assert!(
            io.asked
                .borrow()
                .starts_with(&["data/a.json".to_string(), "data/nope.json".to_string()]),
            "{mode}: {:?}",
            io.asked.borrow()
        );
        assert!(!ran.stdout.iter().any(|l| l.starts_with("Total")), "{mode}");
        // The program failed, the run did not: it ended, with the traceback to show.
        assert_eq!(ran.trace.early_end, None, "{mode}");
        assert!(matches!(
            ran.trace.tasks[0].outcome,
            Some(awaitlab_core::trace::Outcome::Failed(_))
        ));
    }
}

#[test]
fn a_program_that_imports_requests_is_told_from_one_that_does_not() {
    use awaitlab_python::program::imports;
    for yes in [
        "import requests\n",
        "import time, requests\n",
        "from requests import get\n",
        "  import requests as r  # indented\n",
        "import requests.exceptions\n",
        "from requests.exceptions import Timeout\n",
    ] {
        assert!(imports(yes, "requests"), "{yes:?}");
    }
    for no in [
        "import asyncio\n",
        "# import requests\n",
        "print('import requests')\n",
        "import requests_html\n",
        "import aiohttp\nrequests = 3\n",
    ] {
        assert!(!imports(no, "requests"), "{no:?}");
    }
}
