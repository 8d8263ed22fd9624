"""A producer/consumer program in the style of the asyncio tutorials."""
import asyncio
import random
import time
from typing import Optional


async def producer(queue: asyncio.Queue, n: int) -> None:
    for i in range(n):
        item = random.randint(1, 10)
        await queue.put((i, item))
        print(f"produced {i}: {item}")
        await asyncio.sleep(random.random() / 10)
    await queue.put(None)


async def consumer(name: str, queue: asyncio.Queue) -> int:
    total = 0
    while True:
        entry = await queue.get()
        if entry is None:
            queue.task_done()
            break
        i, item = entry
        total += item
        print(f"{name} consumed {i} ({item}), total={total:>4}")
        queue.task_done()
    return total


class Timer:
    def __init__(self, label: Optional[str] = None):
        self.label = label or "block"
        self.start = 0.0

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        elapsed = time.perf_counter() - self.start
        print(f"{self.label} took {elapsed:0.2f} seconds.")
        return False


async def main():
    queue: asyncio.Queue = asyncio.Queue(maxsize=5)
    with Timer("pipeline"):
        results = await asyncio.gather(
            producer(queue, 10),
            consumer("c1", queue),
            return_exceptions=True,
        )
    try:
        await asyncio.wait_for(asyncio.sleep(2), timeout=0.1)
    except asyncio.TimeoutError:
        print("timed out")
    tasks = [asyncio.create_task(asyncio.sleep(0.01 * k)) for k in range(3)]
    done, _ = await asyncio.wait(tasks, return_when=asyncio.ALL_COMPLETED)
    assert len(done) == 3, "all tasks finish"
    return results


if __name__ == "__main__":
    s = time.perf_counter()
    asyncio.run(main())
    elapsed = time.perf_counter() - s
    print(f"{__file__} executed in {elapsed:0.2f} seconds.")
