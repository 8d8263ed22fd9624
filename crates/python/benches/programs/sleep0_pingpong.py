# Benchmark: two tasks taking turns with `await asyncio.sleep(0)` — each await hands the loop
# to the other task. Prints the number of task switches and its own elapsed time.
import asyncio
import time

TURNS = 100000


async def player():
    for _ in range(TURNS):
        await asyncio.sleep(0)


async def main():
    start = time.perf_counter()
    await asyncio.gather(player(), player())
    elapsed = time.perf_counter() - start
    print("switches", 2 * TURNS)
    print("elapsed", elapsed)


asyncio.run(main())
