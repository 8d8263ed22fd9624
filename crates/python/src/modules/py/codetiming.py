"""codetiming 1.4's Timer, as Real Python's tutorial uses it (AwaitLab's copy).

Timer(name=None, text="Elapsed time: {:0.4f} seconds", initial_text=False, logger=print):
start(); stop() formats text.format(elapsed, name=, milliseconds=, seconds=, minutes=) (or
calls text(elapsed) when it is callable), passes the result to logger, adds the time to
Timer.timers[name] and returns it. Usable as a context manager and as a decorator. Times
come from time.perf_counter, so they are the run's clock.
"""

import math
import time

__version__ = "1.4.0"


class TimerError(Exception):
    """A custom exception used to report errors in use of Timer class."""


class Timers:
    """Accumulated times by timer name: reads like a dict, with statistics on top."""

    def __init__(self):
        self.data = {}
        self._timings = {}

    def add(self, name, value):
        self._timings.setdefault(name, []).append(value)
        self.data.setdefault(name, 0)
        self.data[name] += value

    def clear(self):
        self.data.clear()
        self._timings.clear()

    def apply(self, func, name):
        if name in self._timings:
            return func(self._timings[name])
        raise KeyError(name)

    def count(self, name):
        return self.apply(len, name)

    def total(self, name):
        return self.apply(sum, name)

    def min(self, name):
        return self.apply(lambda values: min(values or [0]), name)

    def max(self, name):
        return self.apply(lambda values: max(values or [0]), name)

    def mean(self, name):
        return self.apply(lambda values: sum(values) / len(values) if values else math.nan, name)

    def median(self, name):
        def median(values):
            values = sorted(values)
            n = len(values)
            if not n:
                return math.nan
            if n % 2:
                return values[n // 2]
            return (values[n // 2 - 1] + values[n // 2]) / 2

        return self.apply(median, name)

    def stdev(self, name):
        def stdev(values):
            n = len(values)
            if n < 2:
                return math.nan
            mean = sum(values) / n
            return math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))

        return self.apply(stdev, name)

    def __getitem__(self, name):
        return self.data[name]

    def __setitem__(self, name, value):
        raise TypeError(
            f"{self.__class__.__name__!r} does not support item assignment. "
            "Use '.add()' to update values."
        )

    def __contains__(self, name):
        return name in self.data

    def __iter__(self):
        return iter(self.data)

    def __len__(self):
        return len(self.data)

    def __eq__(self, other):
        if isinstance(other, Timers):
            other = other.data
        return self.data == other

    def get(self, name, default=None):
        return self.data.get(name, default)

    def keys(self):
        return self.data.keys()

    def values(self):
        return self.data.values()

    def items(self):
        return self.data.items()

    def __repr__(self):
        return repr(self.data)


class Timer:
    """Time a block of code: start()/stop(), `with Timer():` or `@Timer()`."""

    timers = Timers()

    def __init__(self, name=None, text="Elapsed time: {:0.4f} seconds",
                 initial_text=False, logger=print):
        self.name = name
        self.text = text
        self.initial_text = initial_text
        self.logger = logger
        self.last = math.nan
        self._start_time = None

    def start(self):
        if self._start_time is not None:
            raise TimerError("Timer is running. Use .stop() to stop it")
        if self.logger and self.initial_text:
            if isinstance(self.initial_text, str):
                initial_text = self.initial_text.format(name=self.name)
            elif self.name:
                initial_text = "Timer {name} started".format(name=self.name)
            else:
                initial_text = "Timer started"
            self.logger(initial_text)
        self._start_time = time.perf_counter()

    def stop(self):
        if self._start_time is None:
            raise TimerError("Timer is not running. Use .start() to start it")
        self.last = time.perf_counter() - self._start_time
        self._start_time = None
        if self.logger:
            if callable(self.text):
                text = self.text(self.last)
            else:
                attributes = {
                    "name": self.name,
                    "milliseconds": self.last * 1000,
                    "seconds": self.last,
                    "minutes": self.last / 60,
                }
                text = self.text.format(self.last, **attributes)
            self.logger(str(text))
        if self.name:
            self.timers.add(self.name, self.last)
        return self.last

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def __call__(self, func):
        # As contextlib.ContextDecorator: each call runs inside `with self:`.
        def inner(*args, **kwargs):
            with self:
                return func(*args, **kwargs)

        inner.__name__ = getattr(func, "__name__", "inner")
        inner.__doc__ = getattr(func, "__doc__", None)
        inner.__wrapped__ = func
        return inner
