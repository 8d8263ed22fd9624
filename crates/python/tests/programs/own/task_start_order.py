# A task starts only when the event loop next turns; awaiting a coroutine runs it at
# once, without yielding to the loop. Pins: create_task does not run the coroutine, the
# creator keeps running until its first real suspension, and tasks start in creation
# order.
import asyncio


async def child(name):
    print(f"{name}: started")
    await asyncio.sleep(0)
    print(f"{name}: resumed")
    return name


async def plain(name):
    # No await inside: awaiting this never gives the loop a turn.
    print(f"{name}: ran inline")
    return name.upper()


async def main():
    t1 = asyncio.create_task(child("t1"))
    t2 = asyncio.create_task(child("t2"))
    print("main: created t1 and t2")
    print("main: t1.done() =", t1.done())
    r = await plain("p")
    print("main: awaited plain ->", r, "(t1 still not started)")
    print("main: yielding with sleep(0)")
    await asyncio.sleep(0)
    print("main: back; t1.done() =", t1.done())
    print("main: results", await t1, await t2)


asyncio.run(main())
