# asyncio.Queue: a producer and two consumers; maxsize makes put() wait; join() waits
# until task_done() was called for every item; consumers are then cancelled.
import asyncio


async def producer(q, n):
    loop = asyncio.get_running_loop()
    for i in range(n):
        await q.put(i)
        print(f"put {i} at {loop.time():.2f} size={q.qsize()}")
    print("producer done")


async def consumer(name, q, delay):
    loop = asyncio.get_running_loop()
    while True:
        item = await q.get()
        await asyncio.sleep(delay)
        print(f"{name} handled {item} at {loop.time():.2f}")
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    consumers = [asyncio.create_task(consumer("c1", q, 1.0)),
                 asyncio.create_task(consumer("c2", q, 1.5))]
    await producer(q, 6)
    await q.join()
    print("all items handled at", asyncio.get_running_loop().time(), "empty:", q.empty())
    for c in consumers:
        c.cancel()
    results = await asyncio.gather(*consumers, return_exceptions=True)
    print([type(r).__name__ for r in results])
    q2 = asyncio.Queue()
    try:
        q2.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    q3 = asyncio.Queue(1)
    q3.put_nowait("x")
    try:
        q3.put_nowait("y")
    except asyncio.QueueFull:
        print("QueueFull", q3.full())


asyncio.run(main())
