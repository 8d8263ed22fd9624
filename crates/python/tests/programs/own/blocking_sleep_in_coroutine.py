# time.sleep inside a coroutine blocks the whole event loop: every other task is delayed,
# timers come due late and then fire at once. Compare with asyncio.sleep.
import asyncio
import time


async def ticker(name, period, n):
    loop = asyncio.get_running_loop()
    for _ in range(n):
        await asyncio.sleep(period)
        print(f"{name} tick at {loop.time():.2f}")


async def blocker():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.5)
    print(f"blocker starts time.sleep(2) at {loop.time():.2f}")
    time.sleep(2)
    print(f"blocker wakes at {loop.time():.2f}")


async def main():
    start = time.perf_counter()
    await asyncio.gather(ticker("t", 1, 4), blocker())
    print(f"total {time.perf_counter() - start:.2f} s")


asyncio.run(main())
