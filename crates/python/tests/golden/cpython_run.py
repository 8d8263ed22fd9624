#!/usr/bin/env python3
"""Run one Python program under CPython 3.11 and print its console output as JSON.

This is the CPython side of AwaitLab's golden tests: the interpreter in
crates/python must print exactly what this runner reports (README.md beside
this file states the contract the interpreter has to mimic).

Usage (by hand or from crates/python/tests/common/golden.rs):

    python3 cpython_run.py PROGRAM.py [--mode virtual|scaled] [--scale 20]
                           [--latency 0.1] [--wall-limit 10] [--virtual-limit 3600]
                           [--legacy-coroutine] [--file-name NAME] [--pretty | --text]

Output: one JSON object on stdout:

    {"lines": [...],            # the program's stdout, split on "\\n"
     "trailing_newline": bool,  # whether stdout ended with "\\n" (then no empty last line)
     "stderr_lines": [...],     # stderr (warnings, asyncio's "Task exception was never
                                #   retrieved" log, the program's own stderr prints);
                                #   never the uncaught exception's traceback
     "error": null | "ValueError: ...",   # the uncaught exception (format_exception_only;
                                #   a SyntaxError gives its last line), or the limit hit
     "traceback": null | "...", # the full traceback, for reading
     "limit": null | "virtual" | "wall" | "deadlock",
     "elapsed": 3.0,            # clock seconds (virtual or scaled) from start to the end
                                #   of the program's top-level code
     "wall": 0.05,              # real seconds the run took
     "exit_code": 0, "mode": "virtual"}

Everything here is the standard library: CI machines have nothing else.

Design: the runner (the "outer" process) starts itself again as an "inner" process
with stdin=/dev/null, stdout/stderr piped, TZ=UTC, PYTHONHASHSEED=0 and its own
process group; the inner installs the clock and the offline fakes, then executes the
program as `__main__`.  The outer enforces the wall-clock limit by killing the whole
process group (so hung threads, process pools and `input()` never hang a test), and
reads the inner's result (exception, elapsed) from a temporary file.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHIMS = os.path.join(HERE, "shims")

# --- the contract (README.md repeats these) -------------------------------------------

#: time.time() at virtual second 0: 2024-01-01T00:00:00Z.  time.time() returns
#: EPOCH + clock (one float addition), datetime.now() is fromtimestamp(EPOCH + clock)
#: in UTC (TZ=UTC), so strftime/ctime/now() prints are deterministic.
EPOCH = 1704067200.0
#: The virtual clock starts at 0.0: time.perf_counter() == time.monotonic() ==
#: loop.time() == the clock.
CLOCK_START = 0.0
DEFAULT_SCALE = 20.0
#: Virtual (or scaled) seconds each fake network request takes (requests.get,
#: Session.get, urllib.request.urlopen: a blocking time.sleep(LATENCY); aiohttp
#: session.get: an `await asyncio.sleep(LATENCY)`).  0 by default, as AwaitLab's
#: prediction has it: a request answers at once (no sleep, not even a turn of the
#: loop), and a program's waiting is the sleeps it makes itself.
DEFAULT_LATENCY = 0.0
#: Size in bytes of the canned body every fake request returns (shims/_fakeweb.py).
#: 0 by default: AwaitLab's requests keep a body's size, not its text.
DEFAULT_BODY_SIZE = 0
DEFAULT_WALL_LIMIT = 10.0
DEFAULT_VIRTUAL_LIMIT = 3600.0


# ======================================================================================
# outer process
# ======================================================================================


def _split_lines(text):
    """The program's output as lines: split on "\\n"; a final "\\n" ends the last line
    (it does not start an empty one)."""
    if text == "":
        return [], False
    trailing = text.endswith("\n")
    if trailing:
        text = text[:-1]
    return text.split("\n"), trailing


def run(path, mode="virtual", scale=DEFAULT_SCALE, latency=DEFAULT_LATENCY,
        wall_limit=DEFAULT_WALL_LIMIT, virtual_limit=DEFAULT_VIRTUAL_LIMIT,
        legacy_coroutine=False, file_name=None, body_size=DEFAULT_BODY_SIZE):
    """Run `path` in a fresh inner process and return the result dict."""
    path = os.path.abspath(path)
    fd, result_path = tempfile.mkstemp(prefix="awaitlab-golden-", suffix=".json")
    os.close(fd)
    cmd = [
        sys.executable, "-S", os.path.abspath(__file__), path,
        "--inner", result_path,
        "--mode", mode, "--scale", repr(float(scale)),
        "--latency", repr(float(latency)),
        "--virtual-limit", repr(float(virtual_limit)),
        "--body-size", str(int(body_size)),
        "--file-name", file_name or os.path.basename(path),
    ]
    if legacy_coroutine:
        cmd.append("--legacy-coroutine")
    env = dict(os.environ)
    for key in ("PYTHONSTARTUP", "PYTHONINSPECT", "PYTHONASYNCIODEBUG", "PYTHONDEVMODE",
                "PYTHONWARNINGS", "PYTHONPATH", "PYTHONTRACEMALLOC"):
        env.pop(key, None)
    env.update(TZ="UTC", PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", PYTHONUTF8="1",
               PYTHONDONTWRITEBYTECODE="1", LC_ALL="C.UTF-8")
    # The program's working directory: a fresh empty one (programs write files).
    workdir = tempfile.mkdtemp(prefix="awaitlab-golden-cwd-")
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, cwd=workdir,
                            start_new_session=True)
    limit = None
    try:
        out, err = proc.communicate(timeout=wall_limit)
    except subprocess.TimeoutExpired:
        limit = "wall"
        _kill_group(proc)
        out, err = proc.communicate()
    _kill_group(proc)  # stragglers (pool workers, forked children), if any
    wall = time.monotonic() - t0
    shutil.rmtree(workdir, ignore_errors=True)
    try:
        with open(result_path, encoding="utf-8") as f:
            inner = json.load(f)
    except (OSError, ValueError):
        inner = None
    finally:
        try:
            os.unlink(result_path)
        except OSError:
            pass
    lines, trailing = _split_lines(out.decode("utf-8", "replace"))
    stderr_lines, _ = _split_lines(err.decode("utf-8", "replace"))
    result = {
        "lines": lines,
        "trailing_newline": trailing,
        "stderr_lines": stderr_lines,
        "error": None,
        "traceback": None,
        "limit": None,
        "elapsed": None,
        "wall": round(wall, 3),
        "exit_code": proc.returncode,
        "mode": mode,
    }
    if limit == "wall" and (inner is None or inner.get("limit") is None):
        result["error"] = "WallTimeLimit: the program ran for more than %g s of real time" % (
            wall_limit)
        result["limit"] = "wall"
        if inner:
            result["elapsed"] = inner.get("elapsed")
    elif inner is None:
        # The inner died without writing its result (killed by a signal, os._exit in
        # the program, a crash of the runner itself): report what stderr says.
        tail = [l for l in stderr_lines if l.strip()]
        result["error"] = "RunnerError: no result (exit code %s)%s" % (
            proc.returncode, (": " + tail[-1]) if tail else "")
    else:
        for key in ("error", "traceback", "limit", "elapsed"):
            result[key] = inner.get(key)
        if inner.get("exit_code") is not None:
            result["exit_code"] = inner["exit_code"]
    return result


def _kill_group(proc):
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


# ======================================================================================
# inner process: clocks, fakes, execution
# ======================================================================================


class _Limit(Exception):
    pass


class Inner:
    def __init__(self, args):
        self.args = args
        self.mode = args.mode
        self.scale = float(args.scale)
        self.virtual_limit = float(args.virtual_limit)
        self.result_path = args.inner
        self.written = False
        import threading
        self.lock = threading.Lock()
        self.clock = CLOCK_START  # virtual mode: the virtual clock, in seconds
        # Keep the real functions before anything is patched.
        self.real_sleep = time.sleep
        self.real_perf = time.perf_counter
        self.real_base = time.perf_counter()

    # --- clocks ---------------------------------------------------------------------

    def now(self):
        """The clock every patched time function reads (virtual or scaled seconds)."""
        if self.mode == "virtual":
            return self.clock
        return (self.real_perf() - self.real_base) * self.scale + CLOCK_START

    def advance_to(self, target):
        """Virtual mode: move the clock forward to `target` (never backwards)."""
        with self.lock:
            if target > self.clock:
                self.clock = target
            now = self.clock
        if now - CLOCK_START > self.virtual_limit:
            self.hard_stop("virtual", "VirtualTimeLimit: the program ran for more than %g "
                           "virtual seconds (runaway?)" % self.virtual_limit)

    def advance_by(self, seconds):
        with self.lock:
            self.clock = self.clock + seconds
            now = self.clock
        if now - CLOCK_START > self.virtual_limit:
            self.hard_stop("virtual", "VirtualTimeLimit: the program ran for more than %g "
                           "virtual seconds (runaway?)" % self.virtual_limit)

    def install_clock(self):
        import datetime as dt_mod
        inner = self
        real_sleep = self.real_sleep
        orig_localtime, orig_gmtime = time.localtime, time.gmtime
        orig_ctime, orig_asctime, orig_strftime = time.ctime, time.asctime, time.strftime

        def _time():
            return EPOCH + inner.now()

        def _time_ns():
            return int(EPOCH) * 1_000_000_000 + round(inner.now() * 1e9)

        def _perf_counter():
            return inner.now()

        def _perf_counter_ns():
            return round(inner.now() * 1e9)

        def _sleep(secs):
            # Invalid arguments: let the real sleep raise CPython's own error.
            if not isinstance(secs, (int, float)) or isinstance(secs, bool) or secs < 0 \
                    or secs != secs:
                real_sleep(secs)
                return
            if inner.mode == "virtual":
                inner.advance_by(secs)
                real_sleep(0)  # let other threads run, as a blocking call would
            else:
                real_sleep(secs / inner.scale)
                inner.check_scaled_limit()

        def _localtime(secs=None):
            return orig_localtime(_time() if secs is None else secs)

        def _gmtime(secs=None):
            return orig_gmtime(_time() if secs is None else secs)

        def _ctime(secs=None):
            return orig_ctime(_time() if secs is None else secs)

        def _asctime(t=None):
            return orig_asctime(_localtime() if t is None else t)

        def _strftime(fmt, t=None):
            return orig_strftime(fmt, _localtime() if t is None else t)

        for name, fn in [("time", _time), ("time_ns", _time_ns),
                         ("perf_counter", _perf_counter), ("perf_counter_ns", _perf_counter_ns),
                         ("monotonic", _perf_counter), ("monotonic_ns", _perf_counter_ns),
                         ("sleep", _sleep), ("localtime", _localtime), ("gmtime", _gmtime),
                         ("ctime", _ctime), ("asctime", _asctime), ("strftime", _strftime)]:
            fn.__name__ = fn.__qualname__ = name
            setattr(time, name, fn)

        # datetime.datetime.now()/utcnow()/today() read the C clock directly: replace the
        # class in the module by a stand-in whose instances are ordinary datetimes.
        real_dt = dt_mod.datetime

        class _Meta(type):
            def __instancecheck__(cls, obj):
                return isinstance(obj, real_dt)

            def __subclasscheck__(cls, sub):
                return issubclass(sub, real_dt)

        class datetime(real_dt, metaclass=_Meta):
            def __new__(cls, *args, **kwargs):
                return real_dt(*args, **kwargs)

            @classmethod
            def now(cls, tz=None):
                return real_dt.fromtimestamp(_time(), tz)

            @classmethod
            def utcnow(cls):
                return real_dt.utcfromtimestamp(_time())

            @classmethod
            def today(cls):
                return real_dt.fromtimestamp(_time())

        datetime.__module__ = "datetime"
        datetime.__doc__ = real_dt.__doc__
        dt_mod.datetime = datetime
        # date.today() calls time.time() itself, so it is already virtual.

    def check_scaled_limit(self):
        if self.mode == "scaled" and self.now() - CLOCK_START > self.virtual_limit:
            self.hard_stop("virtual", "VirtualTimeLimit: the program ran for more than %g "
                           "scaled seconds (runaway?)" % self.virtual_limit)

    # --- asyncio --------------------------------------------------------------------

    def install_asyncio(self):
        import asyncio
        import asyncio.base_events as base_events
        import asyncio.events as events
        import concurrent.futures
        import concurrent.futures.thread as cf_thread
        import itertools
        import selectors
        import threading
        import weakref

        inner = self

        def loop_time(self):
            return inner.now()

        base_events.BaseEventLoop.time = loop_time

        # Timers with equal deadlines fire in the order they were scheduled.  Real
        # CPython never sees equal deadlines (its clock moves between two calls), but on
        # a virtual clock they are common, and heapq alone would pop them in heap order
        # (push ten equal keys: pops come out 0, 2, 6, 9, 8, ...).  (deadline, sequence)
        # is what AwaitLab's virtual clock must do too.
        seq = itertools.count()
        RealTimerHandle = events.TimerHandle

        class TimerHandle(RealTimerHandle):
            __slots__ = ["_seq"]

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self._seq = next(seq)

            def __lt__(self, other):
                if isinstance(other, TimerHandle):
                    return (self._when, self._seq) < (other._when, other._seq)
                return super().__lt__(other)

            def __gt__(self, other):
                if isinstance(other, TimerHandle):
                    return (self._when, self._seq) > (other._when, other._seq)
                return super().__gt__(other)

            __hash__ = RealTimerHandle.__hash__

        TimerHandle.__module__ = RealTimerHandle.__module__
        TimerHandle.__qualname__ = RealTimerHandle.__qualname__
        events.TimerHandle = TimerHandle

        # Work handed to threads/processes: a concurrent Future that is not done yet
        # means the loop must really wait (the work takes no virtual time).
        pending = weakref.WeakSet()
        real_future_init = concurrent.futures.Future.__init__

        def future_init(self, *args, **kwargs):
            real_future_init(self, *args, **kwargs)
            pending.add(self)

        concurrent.futures.Future.__init__ = future_init

        def is_helper_thread(t):
            if getattr(t, "_target", None) is cf_thread._worker:
                return True
            cf_process = sys.modules.get("concurrent.futures.process")
            if cf_process and isinstance(t, getattr(cf_process, "_ExecutorManagerThread", ())):
                return True
            return t.name in ("QueueFeederThread",)

        def busy():
            for f in list(pending):
                if not f.done():
                    return True
            main = threading.main_thread()
            for t in threading.enumerate():
                if t is not main and t.is_alive() and not is_helper_thread(t):
                    return True
            return False

        RealSelector = selectors.DefaultSelector

        if self.mode == "virtual":
            class VirtualSelector(RealSelector):
                """select(timeout) never waits for a timer: it moves the virtual clock to
                the loop's next deadline.  It really waits only while threads or
                processes have work in flight (their code takes no virtual time)."""

                def select(self, timeout=None):
                    ready = super().select(0)
                    if ready or (timeout is not None and timeout <= 0):
                        return ready
                    if busy():
                        return super().select(0.005)
                    if timeout is None:
                        # No timer, nothing ready: give real I/O a last chance, then
                        # this loop would wait forever.
                        ready = super().select(0.05)
                        if ready or busy():
                            return ready
                        inner.hard_stop(
                            "deadlock", "Deadlock: the event loop has nothing ready, no "
                            "timer and no I/O or thread to wait for (CPython would wait "
                            "forever)")
                    now = inner.now()
                    target = now + timeout
                    loop = events._get_running_loop()
                    scheduled = getattr(loop, "_scheduled", None)
                    if scheduled:
                        when = scheduled[0]._when
                        # timeout == min(when - now, 24 h): jump exactly to the deadline.
                        if when - now <= timeout:
                            target = when
                    inner.advance_to(target)
                    return []
        else:
            class VirtualSelector(RealSelector):
                """Scaled mode: wait for real, timeout / scale."""

                def select(self, timeout=None):
                    inner.check_scaled_limit()
                    if timeout is not None and timeout > 0:
                        timeout = timeout / inner.scale
                    elif timeout is None:
                        timeout = 1.0  # re-check the limit now and then
                    return super().select(timeout)

        VirtualSelector.__name__ = VirtualSelector.__qualname__ = RealSelector.__name__
        selectors.DefaultSelector = VirtualSelector

    # --- legacy generator coroutines (3.4-3.10) ----------------------------------------

    def install_legacy_coroutine(self):
        """--legacy-coroutine: put back @asyncio.coroutine as Python 3.10 had it (removed
        in 3.11), so seeds written for 3.4-3.10 run as they did there."""
        import asyncio
        import collections.abc
        import functools
        import inspect
        import types
        import warnings

        _is_coroutine = getattr(asyncio.coroutines, "_is_coroutine", object())

        def coroutine(func):
            warnings.warn('"@coroutine" decorator is deprecated since Python 3.8, use '
                          '"async def" instead', DeprecationWarning, stacklevel=2)
            if inspect.iscoroutinefunction(func):
                return func
            if inspect.isgeneratorfunction(func):
                coro = func
            else:
                @functools.wraps(func)
                def coro(*args, **kw):
                    res = func(*args, **kw)
                    if asyncio.isfuture(res) or inspect.isgenerator(res):
                        res = yield from res
                    else:
                        try:
                            await_meth = res.__await__
                        except AttributeError:
                            pass
                        else:
                            if isinstance(res, collections.abc.Awaitable):
                                res = yield from await_meth()
                    return res
            wrapper = types.coroutine(coro)
            wrapper._is_coroutine = _is_coroutine
            return wrapper

        asyncio.coroutine = coroutine
        asyncio.coroutines.coroutine = coroutine

    # --- offline network ------------------------------------------------------------

    def install_fakes(self):
        os.environ["AWAITLAB_FAKE_LATENCY"] = repr(float(self.args.latency))
        os.environ["AWAITLAB_FAKE_BODY_SIZE"] = str(int(self.args.body_size))
        sys.path.insert(0, SHIMS)
        import importlib.machinery
        import _fakeweb

        if "urllib.request" in sys.modules:
            sys.modules["urllib.request"].urlopen = _fakeweb.urlopen
            return

        class PatchUrllibOnImport:
            """urllib.request is slow to import (http.client, email, ssl): patch its
            urlopen when the program imports it, not before."""

            def find_spec(self, name, path=None, target=None):
                if name != "urllib.request":
                    return None
                spec = importlib.machinery.PathFinder.find_spec(name, path)
                if spec is None or spec.loader is None:
                    return spec
                real_exec = spec.loader.exec_module

                def exec_module(module):
                    real_exec(module)
                    module.urlopen = _fakeweb.urlopen

                spec.loader.exec_module = exec_module
                return spec

        sys.meta_path.insert(0, PatchUrllibOnImport())

    # --- result ---------------------------------------------------------------------

    def write_result(self, error=None, tb=None, limit=None, exit_code=None):
        with self.lock:
            if self.written:
                return
            self.written = True
        data = {"error": error, "traceback": tb, "limit": limit,
                "elapsed": self.now() - CLOCK_START, "exit_code": exit_code}
        with open(self.result_path, "w", encoding="utf-8") as f:
            json.dump(data, f)

    def hard_stop(self, limit, message):
        """End the run now (from any thread): flush, record, exit."""
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        self.write_result(error=message, limit=limit, exit_code=3)
        os._exit(3)

    # --- run ------------------------------------------------------------------------

    def main(self):
        import traceback
        import types

        os.environ["TZ"] = "UTC"
        time.tzset()
        # A terminal's stdout is line-buffered: keep that, so output from forked
        # processes interleaves as it would on screen.
        sys.stdout.reconfigure(line_buffering=True)

        path = self.args.program
        file_name = self.args.file_name
        self.install_clock()
        self.install_asyncio()
        self.install_fakes()
        if self.args.legacy_coroutine:
            self.install_legacy_coroutine()

        with open(path, "rb") as f:
            source = f.read()
        module = types.ModuleType("__main__")
        module.__file__ = file_name
        module.__builtins__ = __builtins__
        sys.modules["__main__"] = module
        sys.argv = [file_name]
        sys.path[0] = os.path.dirname(os.path.abspath(path))
        sys.path.insert(0, SHIMS)

        error = tb = None
        exit_code = 0
        try:
            code = compile(source, file_name, "exec", dont_inherit=True)
            # The clocks start now: setup and compilation take no (scaled) time.
            self.real_base = self.real_perf()
            self.clock = CLOCK_START
            exec(code, module.__dict__)
        except SystemExit as e:
            code_ = e.code
            if code_ is None:
                exit_code = 0
            elif isinstance(code_, int):
                exit_code = code_
            else:
                exit_code = 1
                print(code_, file=sys.stderr)
        except BaseException as e:  # the program's uncaught exception
            exit_code = 1
            only = traceback.format_exception_only(type(e), e)
            if isinstance(e, SyntaxError):
                error = only[-1].rstrip("\n")
            else:
                error = "".join(only).rstrip("\n")
            tb = "".join(traceback.format_exception(type(e), e, e.__traceback__))
            # Drop the runner's own frame from the text.
            tb = tb.replace('  File "%s"' % os.path.abspath(__file__), '  File "<runner>"')
        try:
            sys.stdout.flush()
        except Exception:
            pass
        self.write_result(error=error, tb=tb, exit_code=exit_code)
        # Normal interpreter shutdown follows (threads joined, __main__ torn down, and
        # whatever that logs goes to stderr), as for `python3 program.py`.
        return exit_code


def _parse(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("program")
    p.add_argument("--mode", choices=["virtual", "scaled"], default="virtual")
    p.add_argument("--scale", type=float, default=DEFAULT_SCALE,
                   help="scaled mode: sleeps and timeouts are divided by this (default 20)")
    p.add_argument("--latency", type=float, default=DEFAULT_LATENCY,
                   help="seconds each fake network request takes (default 0)")
    p.add_argument("--body-size", type=int, default=DEFAULT_BODY_SIZE,
                   help="bytes of the canned body fake requests return (default 0)")
    p.add_argument("--wall-limit", type=float, default=DEFAULT_WALL_LIMIT,
                   help="real seconds before the run is killed (default 10)")
    p.add_argument("--virtual-limit", type=float, default=DEFAULT_VIRTUAL_LIMIT,
                   help="virtual (or scaled) seconds before the run is stopped (default 3600)")
    p.add_argument("--legacy-coroutine", action="store_true",
                   help="provide @asyncio.coroutine as Python 3.10 did")
    p.add_argument("--file-name", default=None,
                   help="__file__ and the code's file name (default: the program's basename)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--pretty", action="store_true", help="indented JSON")
    out.add_argument("--text", action="store_true",
                     help="plain text: the output lines, then a summary")
    p.add_argument("--inner", default=None, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv=None):
    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.inner:
        return Inner(args).main()
    if sys.version_info[:2] != (3, 11):
        print("warning: the golden standard is CPython 3.11; this is %s"
              % sys.version.split()[0], file=sys.stderr)
    result = run(args.program, mode=args.mode, scale=args.scale, latency=args.latency,
                 wall_limit=args.wall_limit, virtual_limit=args.virtual_limit,
                 legacy_coroutine=args.legacy_coroutine, file_name=args.file_name,
                 body_size=args.body_size)
    if args.text:
        for line in result["lines"]:
            print(line)
        print("-- error: %s; elapsed: %s; wall: %s s" % (
            result["error"], result["elapsed"], result["wall"]))
        for line in result["stderr_lines"]:
            print("stderr| " + line)
    else:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2 if args.pretty else None)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
