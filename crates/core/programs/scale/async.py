import asyncio
import time

TASKS = 100  # param: tasks
YIELDS = 0  # param: yields
SLEEPS = 2  # param: sleeps
SLEEP = 0.1  # param: sleep


async def worker():
    for _ in range(YIELDS):
        await asyncio.sleep(0)  # one turn of the loop
    for _ in range(SLEEPS):
        await asyncio.sleep(SLEEP)


async def main():
    tasks = [
        asyncio.create_task(worker(), name=f"t{i}")
        for i in range(TASKS)
    ]
    await asyncio.gather(*tasks)
    took = time.perf_counter() - start
    print(f"{TASKS} tasks done in {took:.2f} seconds.")


start = time.perf_counter()
asyncio.run(main())
