# asyncio.gather returns results in argument order, whatever order the awaitables finish
# in. The prints show completion order (fast first), the list shows argument order.
import asyncio
import time


async def work(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} finished at {time.perf_counter():.1f}")
    return f"{name}:{delay}"


async def main():
    results = await asyncio.gather(work("slow", 3), work("fast", 1), work("mid", 2))
    print(results)
    # gather of nothing is an empty list; a plain coroutine and a task mix freely.
    print(await asyncio.gather())
    t = asyncio.create_task(work("task", 0.5))
    print(await asyncio.gather(work("coro", 0.25), t))


asyncio.run(main())
