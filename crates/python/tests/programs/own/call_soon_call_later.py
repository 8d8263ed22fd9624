# Callbacks: call_soon runs in FIFO order on the next loop turn, call_later/call_at
# when their deadline comes, equal deadlines in scheduling order; a cancelled handle
# never runs; callbacks scheduled by a callback wait for the next turn.
import asyncio


def cb(label, loop):
    print(f"{label} at {loop.time()}")


def spawner(loop):
    print("spawner runs, schedules 'spawned' with call_soon")
    loop.call_soon(cb, "spawned", loop)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(1, cb, "later 1 (first)", loop)
    loop.call_later(0.5, cb, "later 0.5", loop)
    loop.call_at(loop.time() + 1, cb, "call_at +1 (second)", loop)
    loop.call_later(1, cb, "later 1 (third)", loop)
    h = loop.call_later(0.75, cb, "cancelled: never printed", loop)
    loop.call_soon(cb, "soon 1", loop)
    loop.call_soon(spawner, loop)
    loop.call_soon(cb, "soon 2", loop)
    h.cancel()
    print("main scheduled everything; handle cancelled:", h.cancelled())
    await asyncio.sleep(0)
    print("main after one turn")
    await asyncio.sleep(2)
    print("main done at", loop.time())


asyncio.run(main())
