# A task may catch CancelledError and go on (not recommended, but legal): it is then not
# cancelled, and returns normally. cancel() with a message passes it on (3.9+).
import asyncio


async def stubborn():
    for attempt in range(3):
        try:
            await asyncio.sleep(1)
            print("slept fully on attempt", attempt)
        except asyncio.CancelledError as e:
            print("caught CancelledError on attempt", attempt, "args:", e.args)
    return "survived"


async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0.5)
    task.cancel()
    await asyncio.sleep(0.2)
    task.cancel("stop please")
    result = await task
    print(result, "at", loop.time(), "cancelled():", task.cancelled())


asyncio.run(main())
