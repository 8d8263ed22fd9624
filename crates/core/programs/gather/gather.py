import asyncio
import time

DURATIONS = [5, 10]  # param: durations


async def task(duration):
    t = time.perf_counter() - start
    print(f"starting task {t:.3f}")
    await asyncio.sleep(duration)
    t = time.perf_counter() - start
    print(f"stopping task {t:.3f}")


async def main():
    await asyncio.gather(*(
        asyncio.create_task(task(d), name=f"task({d})")
        for d in DURATIONS
    ))


start = time.perf_counter()
asyncio.run(main())
took = time.perf_counter() - start
print(f"executed in {took:0.2f} seconds.")
