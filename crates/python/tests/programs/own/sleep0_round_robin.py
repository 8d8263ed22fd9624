# asyncio.sleep(0) yields exactly one loop turn: ready tasks take turns in FIFO order;
# a task that finishes drops out of the rotation. The clock never moves.
import asyncio


async def spinner(name, turns):
    for i in range(turns):
        print(f"{name}{i}", end=" ")
        await asyncio.sleep(0)
    print(f"[{name} done]", end=" ")


async def main():
    await asyncio.gather(spinner("a", 3), spinner("b", 1), spinner("c", 4))
    print()
    print("clock:", asyncio.get_running_loop().time())


asyncio.run(main())
