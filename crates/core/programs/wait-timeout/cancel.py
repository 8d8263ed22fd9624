import asyncio

DURATIONS = [2, 2]  # param: durations
TIMEOUT = 1  # param: timeout


async def func(seconds):
    print("start", seconds)
    await asyncio.sleep(seconds)
    print("end", seconds)
    return seconds


async def main():
    tasks = [
        asyncio.create_task(func(s), name=f"task{i}")
        for i, s in enumerate(DURATIONS, start=1)
    ]
    done, pending = await asyncio.wait(
        tasks, timeout=TIMEOUT)
    print("done:", len(done), "pending:", len(pending))
    for task in pending:
        task.cancel()  # stop the late ones


asyncio.run(main())
