import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

LETTERS = ["A", "B", "C"]  # param: letters
DELAYS = [1, 0.8, 0.5]  # param: delays
COUNT = 3  # param: count
WORKERS = 3  # param: workers


def count_down(name, delay, column, start):
    indent = "\t" * column
    for n in range(COUNT, 0, -1):
        time.sleep(delay)  # blocks its worker, not the loop
        t = time.perf_counter() - start
        print(f"{t:.4f} \t{indent}{name} = {n}")


async def in_pool(pool, name, column):
    loop = asyncio.get_running_loop()
    delay = DELAYS[column]
    await loop.run_in_executor(
        pool, count_down, name, delay, column, start)


async def main():
    tasks = []
    # WORKERS = 0: the pool's default size
    with ThreadPoolExecutor(WORKERS or None) as pool:
        for column, name in enumerate(LETTERS):
            coro = in_pool(pool, name, column)
            task = asyncio.create_task(coro, name=name)
            tasks.append(task)
        await asyncio.gather(*tasks)
    print("Done.")


start = time.perf_counter()
asyncio.run(main())
