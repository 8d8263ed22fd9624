import asyncio

DELAY = 2  # param: delay


async def others():
    print("start")
    await asyncio.sleep(DELAY)
    print("end")
    return "success"


async def func():
    print("Coroutine code is running")
    response = await others()  # runs to its end
    print("IO request ends, response is", response)
    response = await others()  # only then again
    print("IO request ends, response is", response)


asyncio.run(func())
