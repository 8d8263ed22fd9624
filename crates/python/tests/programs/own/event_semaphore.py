# asyncio.Event wakes every waiter, in the order they started waiting; asyncio.Semaphore
# lets N holders in at a time, the others wait in FIFO order.
import asyncio


async def waiter(name, event):
    print(f"{name} waiting")
    await event.wait()
    print(f"{name} woke at {asyncio.get_running_loop().time()}")


async def limited(name, sem, hold):
    loop = asyncio.get_running_loop()
    async with sem:
        print(f"{name} in at {loop.time()}")
        await asyncio.sleep(hold)
    print(f"{name} out at {loop.time()}")


async def main():
    event = asyncio.Event()
    waiters = [asyncio.create_task(waiter(n, event)) for n in ("w1", "w2", "w3")]
    await asyncio.sleep(2)
    print("setting the event; is_set:", event.is_set())
    event.set()
    await asyncio.gather(*waiters)
    print("is_set:", event.is_set())
    event.clear()
    print("after clear:", event.is_set())

    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(limited(f"s{i}", sem, 1 + i / 2) for i in range(5)))
    print("locked:", sem.locked())


asyncio.run(main())
