import asyncio
import time

WORK = [15, 10, 5, 2]  # param: work
TASKS = 2  # param: tasks
NAMES = ["One", "Two", "Three", "Four",
         "Five", "Six", "Seven", "Eight"]


async def task(name, work_queue):
    while not work_queue.empty():
        delay = await work_queue.get()
        print(f"Task {name} running")
        t0 = time.perf_counter()
        await asyncio.sleep(delay)  # the others run
        took = time.perf_counter() - t0
        print(f"Task {name} elapsed time: {took:.1f}")


async def main():
    work_queue = asyncio.Queue()
    for work in WORK:
        await work_queue.put(work)
    start = time.perf_counter()
    tasks = [
        asyncio.create_task(task(n, work_queue), name=n)
        for n in NAMES[:TASKS]
    ]
    await asyncio.gather(*tasks)
    total = time.perf_counter() - start
    print(f"Total elapsed time: {total:.1f}")


asyncio.run(main())
