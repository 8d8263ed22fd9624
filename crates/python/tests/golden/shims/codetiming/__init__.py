"""Stand-in for the `codetiming` package (Real Python's Timer) that the Real Python
seeds import; the standard library alone must run the golden tests.

Behaves as codetiming 1.4's Timer for what the tutorials use: Timer(name=None,
text="Elapsed time: {:0.4f} seconds", initial_text=False, logger=print); start();
stop() formats `text.format(elapsed, name=, milliseconds=, seconds=, minutes=)` (or
calls text(elapsed) when callable), passes it to logger, accumulates Timer.timers[name],
and returns the elapsed seconds (time.perf_counter() differences, so virtual or scaled
like every other clock reading); usable as a context manager and as a decorator.
"""

import math
import time
from contextlib import ContextDecorator

__version__ = "1.4.0-awaitlab-stand-in"


class TimerError(Exception):
    """A custom exception used to report errors in use of Timer class."""


class Timers(dict):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._timings = {}

    def add(self, name, value):
        self._timings.setdefault(name, []).append(value)
        self.setdefault(name, 0)
        self[name] += value

    def clear(self):
        super().clear()
        self._timings.clear()

    def count(self, name):
        return len(self._timings.get(name, []))

    def total(self, name):
        return sum(self._timings.get(name, []))

    def max(self, name):
        return max(self._timings.get(name, [0]))

    def min(self, name):
        return min(self._timings.get(name, [0]))

    def mean(self, name):
        t = self._timings.get(name, [])
        return sum(t) / len(t) if t else math.nan


class Timer(ContextDecorator):
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
