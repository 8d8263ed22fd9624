# codetiming.Timer (Real Python's tutorials time their examples with it): start/stop with the
# default and custom texts, named timers accumulating in Timer.timers, the context-manager
# and decorator forms, a callable text, initial_text, logger=None, and its TimerError.
import asyncio
import time

from codetiming import Timer, TimerError

t = Timer()
t.start()
time.sleep(1.5)
elapsed = t.stop()
print("returned", elapsed, "last", t.last)

t = Timer(name="download", text="{name}: {:.2f} s = {milliseconds:.0f} ms = {minutes:.3f} min")
for delay in (0.5, 0.25):
    t.start()
    time.sleep(delay)
    t.stop()
print(Timer.timers)
print(Timer.timers["download"], Timer.timers.count("download"), Timer.timers.total("download"))
print(Timer.timers.min("download"), Timer.timers.max("download"), Timer.timers.mean("download"))
print("download" in Timer.timers, len(Timer.timers), list(Timer.timers))

with Timer(text="with block took {:.1f} seconds"):
    time.sleep(2)

with Timer(name="quiet", logger=None) as quiet:
    time.sleep(0.75)
print("quiet", quiet.last, Timer.timers["quiet"])

Timer(text=lambda secs: f"callable text: {secs * 1000:.0f} ms").start()
c = Timer(text=lambda secs: f"callable text: {secs * 1000:.0f} ms")
c.start()
time.sleep(0.125)
c.stop()

Timer(name="loud", initial_text=True).start()
Timer(initial_text="Starting {name}", name="custom").start()


@Timer(name="decorated", text="decorated call: {:.2f}")
def work(n):
    time.sleep(n)
    return n * 2


print(work(1), work(0.5), Timer.timers["decorated"], Timer.timers.count("decorated"))

for method in ("stop", "start"):
    timer = Timer()
    try:
        if method == "start":
            timer.start()
        getattr(timer, method)()
    except TimerError as e:
        print(type(e).__name__, e)


async def task(name, delay):
    timer = Timer(text=f"Task {name} elapsed time: {{:.1f}}")
    timer.start()
    await asyncio.sleep(delay)
    timer.stop()


async def main():
    with Timer(text="\nTotal elapsed time: {:.1f}"):
        await asyncio.gather(task("One", 2), task("Two", 3))


asyncio.run(main())
Timer.timers.clear()
print(Timer.timers, len(Timer.timers))
