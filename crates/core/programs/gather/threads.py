import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

DURATIONS = [5, 10]  # param: durations
WORKERS = 2  # param: workers


def blocking_sleep(duration):
    time.sleep(duration)  # blocks its worker, not the loop


async def task(pool, duration):
    loop = asyncio.get_running_loop()
    t = time.perf_counter() - start
    print(f"starting task {t:.3f}")
    await loop.run_in_executor(
        pool, blocking_sleep, duration)  # the loop goes on
    t = time.perf_counter() - start
    print(f"stopping task {t:.3f}")


async def main():
    # WORKERS = 0: the pool's default size
    with ThreadPoolExecutor(WORKERS or None) as pool:
        await asyncio.gather(*(
            asyncio.create_task(
                task(pool, d), name=f"task({d})")
            for d in DURATIONS
        ))


start = time.perf_counter()
asyncio.run(main())
took = time.perf_counter() - start
print(f"executed in {took:0.2f} seconds.")
