# Without return_exceptions, the first exception propagates out of gather at once; the
# other awaitables are NOT cancelled and keep running in the background.
# golden: expect_error=KeyError: 'missing'
import asyncio
import time


async def ok(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} done at {time.perf_counter():.1f}")
    return name


async def bad(delay):
    await asyncio.sleep(delay)
    raise KeyError("missing")


async def main():
    try:
        await asyncio.gather(ok("a", 1), bad(0.5), ok("b", 2))
    except KeyError as e:
        print(f"caught {e!r} at {time.perf_counter():.1f}")
    await asyncio.sleep(3)
    print("main exits at", time.perf_counter())
    # An exception out of asyncio.run ends the program: its last traceback line.
    await asyncio.gather(ok("c", 0.1), bad(0.2))


asyncio.run(main())
