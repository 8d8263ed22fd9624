# asyncio.Lock is fair: waiters acquire it in the order they asked. async with releases
# it even when the body raises.
import asyncio


async def user(name, lock, hold):
    loop = asyncio.get_running_loop()
    print(f"{name} wants the lock at {loop.time()} (locked={lock.locked()})")
    async with lock:
        print(f"{name} got it at {loop.time()}")
        await asyncio.sleep(hold)
    print(f"{name} released at {loop.time()}")


async def failing(lock):
    try:
        async with lock:
            raise RuntimeError("inside the lock")
    except RuntimeError as e:
        print("failing:", e, "-> locked() =", lock.locked())


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(user("a", lock, 1), user("b", lock, 0.5), user("c", lock, 0.25))
    await failing(lock)


asyncio.run(main())
