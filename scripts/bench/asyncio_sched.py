"""Scheduler figures of CPython's asyncio (or uvloop) on this machine, for scripts/bench.sh.

    python3 scripts/bench/asyncio_sched.py [asyncio|uvloop] [repeats]

Prints two rows, each the median of `repeats` runs (default 5) with its min and max:
  switches: two tasks taking turns, each `await asyncio.sleep(0)` handing the loop to the other,
            200,000 switches in all (timed from inside the running loop, so the loop's start-up
            and teardown are not counted);
  gather:   100,000 tasks created at once and gathered, each awaiting `asyncio.sleep(0)` once
            (timed from the first create_task to gather's return).
Row format: `PY | <loop> | <case> | <median> | <min> | <max>` in operations per second.
"""

import asyncio
import statistics
import sys
import time

SWITCHES = 200_000
TASKS = 100_000


async def turns(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def switches():
    t0 = time.perf_counter()
    await asyncio.gather(turns(SWITCHES // 2), turns(SWITCHES // 2))
    return SWITCHES / (time.perf_counter() - t0)


async def once():
    await asyncio.sleep(0)


async def gather():
    t0 = time.perf_counter()
    await asyncio.gather(*[asyncio.create_task(once()) for _ in range(TASKS)])
    return TASKS / (time.perf_counter() - t0)


def main():
    loop_name = sys.argv[1] if len(sys.argv) > 1 else "asyncio"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if loop_name == "uvloop":
        import uvloop

        run = uvloop.run
    else:
        run = asyncio.run
    for case, body in (("switches", switches), ("gather", gather)):
        run(body())  # warm-up
        rates = [run(body()) for _ in range(repeats)]
        print(
            f"PY | {loop_name} | {case} | {statistics.median(rates):.0f} | "
            f"{min(rates):.0f} | {max(rates):.0f}"
        )


main()
