# asyncio.as_completed yields awaitables in completion order; a timeout raises
# TimeoutError for those not done by then. (Ties are avoided on purpose: as_completed
# starts its tasks from a set of the awaitables, i.e. in memory-address order, so two
# that finish at the same moment come out in an order no other implementation can
# reproduce.)
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name} after {delay}s"


async def main():
    loop = asyncio.get_running_loop()
    coros = [fetch("a", 3), fetch("b", 1), fetch("c", 2), fetch("d", 1.5)]
    for i, fut in enumerate(asyncio.as_completed(coros)):
        print(i, await fut, "at", loop.time())
    try:
        for fut in asyncio.as_completed([fetch("e", 1), fetch("f", 5)], timeout=2):
            print(await fut, "at", loop.time())
    except asyncio.TimeoutError:
        print("as_completed timed out at", loop.time())


asyncio.run(main())
