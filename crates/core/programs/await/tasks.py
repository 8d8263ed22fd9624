import asyncio

DELAY = 2  # param: delay


async def others():
    print("start")
    await asyncio.sleep(DELAY)
    print("end")
    return "success"


async def func():
    print("Coroutine code is running")
    task1 = asyncio.create_task(others(), name="others 1")
    task2 = asyncio.create_task(others(), name="others 2")
    print("IO request ends, response is", await task1)
    print("IO request ends, response is", await task2)


asyncio.run(func())
